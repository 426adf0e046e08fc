//! Applications and reports from the phone's outbox, on [`SqlStore`]: each kept once under
//! the id the phone made, whatever the number of resends.

use linggong_core::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::{SqlStore, read_status};
use crate::ledger::EntryDraft;
use linggong_core::{ApplicationStatus, Party, Step, StepRefused};

use crate::store::{
    Actor, ActorRole, Application, ApplicationEvent, Intake, PostingStatus, Report, StepRequest,
    StoreError, StoreResult, StoredApplication,
};

/// The name of the server key that salts seekers' hashes in the ledger.
pub(super) const LEDGER_SALT: &str = "ledger-salt";

const APPLICATION_BY_ID: &str = "SELECT id, posting_id, name, phone, created_at, registration_id, status, check_in_code FROM applications WHERE id = $1";
const APPLICATIONS_OF_POSTING: &str = "SELECT id, posting_id, name, phone, created_at, registration_id, status, check_in_code FROM applications WHERE posting_id = $1 ORDER BY received_at_s, id";

fn stored_application(row: &AnyRow) -> StoreResult<StoredApplication> {
    let status: String = row.try_get("status")?;
    Ok(StoredApplication {
        application: Application {
            id: row.try_get("id")?,
            posting_id: row.try_get("posting_id")?,
            name: row.try_get("name")?,
            phone: row.try_get("phone")?,
            created_at: row.try_get("created_at")?,
            registration_id: row.try_get("registration_id")?,
        },
        status: ApplicationStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("application status `{status}`")))?,
        check_in_code: row.try_get("check_in_code")?,
    })
}

/// The application as it is, when the step `r` names by its id was taken already (a resend
/// from an outbox); a conflict when that id was used for another step or application.
async fn earlier_step(
    tx: &mut Transaction<'static, Any>,
    r: &StepRequest<'_>,
) -> StoreResult<Option<StoredApplication>> {
    let Some(step_id) = r.step_id else {
        return Ok(None);
    };
    let earlier =
        sqlx::query("SELECT application_id, status FROM application_events WHERE step_id = $1")
            .bind(step_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some(earlier) = earlier else {
        return Ok(None);
    };
    let same_application = earlier.try_get::<String, _>("application_id")? == r.application_id;
    let entered: String = earlier.try_get("status")?;
    if !same_application || entered != r.step.leads_to().as_str() {
        return Err(StoreError::Conflict(format!(
            "another step under id `{step_id}`"
        )));
    }
    let row = sqlx::query(APPLICATION_BY_ID)
        .bind(r.application_id)
        .fetch_one(&mut **tx)
        .await?;
    stored_application(&row).map(Some)
}

/// The kept application when `sent` is what it holds; a conflict otherwise.
fn same_application(kept: StoredApplication, sent: &Application) -> StoreResult<StoredApplication> {
    if kept.application == *sent {
        Ok(kept)
    } else {
        Err(StoreError::Conflict(format!(
            "an application with other content under id `{}`",
            sent.id
        )))
    }
}

/// The state of the posting `id` inside `tx`: outbox items are taken for published
/// postings only.
async fn require_published(tx: &mut Transaction<'static, Any>, id: &str) -> StoreResult<()> {
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM postings WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    match read_status(&status.ok_or(StoreError::NotFound)?)? {
        PostingStatus::Published => Ok(()),
        other => Err(StoreError::WrongState(other)),
    }
}

/// Whether the registration `id` names declares a priority group (优先帮扶, kept only with
/// its own consent): the ledger marks the application so, for the month's "priority seekers
/// helped into work", and names neither the group nor the registration.
async fn in_priority_group(
    tx: &mut Transaction<'static, Any>,
    id: Option<&str>,
) -> StoreResult<bool> {
    let Some(id) = id else { return Ok(false) };
    let body: Option<String> = sqlx::query_scalar("SELECT body FROM seekers WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(body
        .and_then(|b| linggong_core::parse_seeker(&b).ok())
        .is_some_and(|profile| !profile.priority.is_empty()))
}

/// Records that application `id` entered `status` (by the step `step_id` names, if any), and
/// the ledger event, with `detail` (never personal data).
pub(super) async fn record_application_event(
    tx: &mut Transaction<'static, Any>,
    id: &str,
    status: ApplicationStatus,
    actor: Actor,
    at: Timestamp,
    step_id: Option<&str>,
    detail: &[(&str, &str)],
) -> StoreResult<()> {
    sqlx::query("INSERT INTO application_events (application_id, status, actor_role, actor_id, channel, at, step_id) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id)
        .bind(status.as_str())
        .bind(actor.role.as_str())
        .bind(actor.account_id)
        .bind(actor.channel.as_str())
        .bind(at.to_string())
        .bind(step_id)
        .execute(&mut **tx)
        .await?;
    let mut draft = EntryDraft::new(format!("application.{}", status.as_str()), id, actor, at);
    for (key, value) in detail {
        draft = draft.with(key, *value);
    }
    super::ledger::append(tx, &draft).await?;
    Ok(())
}

impl SqlStore {
    pub(super) async fn key_named(&self, name: &str) -> StoreResult<[u8; 32]> {
        if let Some(key) = self.keys.lock().ok().and_then(|k| k.get(name).copied()) {
            return Ok(key);
        }
        let key = self.read_or_make_key(name).await?;
        if let Ok(mut keys) = self.keys.lock() {
            keys.insert(name.to_string(), key);
        }
        Ok(key)
    }

    async fn read_or_make_key(&self, name: &str) -> StoreResult<[u8; 32]> {
        let mut fresh = [0u8; 32];
        getrandom::fill(&mut fresh)
            .map_err(|e| StoreError::Corrupt(format!("no randomness: {e}")))?;
        let hex = crate::hex::encode(&fresh);
        // Several processes may start at once: the first insert wins, every one reads it.
        sqlx::query(
            "INSERT INTO server_keys (name, key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(&hex)
        .execute(&self.pool)
        .await?;
        let stored: String = sqlx::query_scalar("SELECT key FROM server_keys WHERE name = $1")
            .bind(name)
            .fetch_one(&self.pool)
            .await?;
        crate::hex::decode32(&stored)
            .ok_or_else(|| StoreError::Corrupt(format!("server key `{name}`")))
    }

    pub(super) async fn insert_application(
        &self,
        a: &Application,
        at: Timestamp,
    ) -> StoreResult<(StoredApplication, Intake)> {
        match self.try_insert_application(a, at).await {
            // A resend that raced the first send (both found no row): the first one won.
            Err(StoreError::Conflict(why)) => match self.select_application(&a.id).await? {
                Some(kept) => Ok((same_application(kept, a)?, Intake::Repeat)),
                None => Err(StoreError::Conflict(why)),
            },
            done => done,
        }
    }

    async fn try_insert_application(
        &self,
        a: &Application,
        at: Timestamp,
    ) -> StoreResult<(StoredApplication, Intake)> {
        let salt = self.key_named(LEDGER_SALT).await?;
        let mut tx = self.begin().await?;
        if let Some(row) = sqlx::query(APPLICATION_BY_ID)
            .bind(&a.id)
            .fetch_optional(&mut *tx)
            .await?
        {
            return Ok((
                same_application(stored_application(&row)?, a)?,
                Intake::Repeat,
            ));
        }
        require_published(&mut tx, &a.posting_id).await?;
        sqlx::query("INSERT INTO applications (id, posting_id, name, phone, created_at, status, received_at_s, registration_id) VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7)")
            .bind(&a.id)
            .bind(&a.posting_id)
            .bind(&a.name)
            .bind(&a.phone)
            .bind(&a.created_at)
            .bind(at.unix_s())
            .bind(&a.registration_id)
            .execute(&mut *tx)
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::Conflict(_) => StoreError::Conflict(format!(
                    "an application of {} for posting `{}`",
                    a.phone, a.posting_id
                )),
                other => other,
            })?;
        let seeker = Actor::online(ActorRole::Seeker, None);
        let seeker_hash = crate::ledger::seeker_hash(&salt, &a.phone);
        let mut detail = vec![("posting", a.posting_id.as_str()), ("seeker", &seeker_hash)];
        if in_priority_group(&mut tx, a.registration_id.as_deref()).await? {
            detail.push(("priority", "yes"));
        }
        record_application_event(
            &mut tx,
            &a.id,
            ApplicationStatus::Submitted,
            seeker,
            at,
            None,
            &detail,
        )
        .await?;
        tx.commit().await?;
        let kept = StoredApplication {
            application: a.clone(),
            status: ApplicationStatus::Submitted,
            check_in_code: None,
        };
        Ok((kept, Intake::New))
    }

    pub(super) async fn select_application(
        &self,
        id: &str,
    ) -> StoreResult<Option<StoredApplication>> {
        sqlx::query(APPLICATION_BY_ID)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(stored_application)
            .transpose()
    }

    pub(super) async fn select_application_history(
        &self,
        id: &str,
    ) -> StoreResult<Vec<ApplicationEvent>> {
        let rows = sqlx::query("SELECT status, actor_role, channel, at FROM application_events WHERE application_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get("status")?;
                Ok(ApplicationEvent {
                    status: ApplicationStatus::parse(&status).ok_or_else(|| {
                        StoreError::Corrupt(format!("application status `{status}`"))
                    })?,
                    actor: row.try_get("actor_role")?,
                    channel: row.try_get("channel")?,
                    at: row.try_get("at")?,
                })
            })
            .collect()
    }

    pub(super) async fn select_applications_for(
        &self,
        posting_id: &str,
    ) -> StoreResult<Vec<StoredApplication>> {
        let rows = sqlx::query(APPLICATIONS_OF_POSTING)
            .bind(posting_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(stored_application).collect()
    }

    pub(super) async fn insert_report(&self, r: &Report, at: Timestamp) -> StoreResult<Intake> {
        match self.try_insert_report(r, at).await {
            Err(StoreError::Conflict(why)) => match self.select_report(&r.id).await? {
                Some(kept) => same_report(&kept, r).map(|()| Intake::Repeat),
                None => Err(StoreError::Conflict(why)),
            },
            done => done,
        }
    }

    async fn select_report(&self, id: &str) -> StoreResult<Option<Report>> {
        sqlx::query(REPORT_BY_ID)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(report)
            .transpose()
    }

    async fn try_insert_report(&self, r: &Report, at: Timestamp) -> StoreResult<Intake> {
        let mut tx = self.begin().await?;
        if let Some(row) = sqlx::query(REPORT_BY_ID)
            .bind(&r.id)
            .fetch_optional(&mut *tx)
            .await?
        {
            return same_report(&report(&row)?, r).map(|()| Intake::Repeat);
        }
        require_published(&mut tx, &r.posting_id).await?;
        sqlx::query("INSERT INTO reports (id, posting_id, reason, created_at, received_at_s) VALUES ($1, $2, $3, $4, $5)")
            .bind(&r.id)
            .bind(&r.posting_id)
            .bind(&r.reason)
            .bind(&r.created_at)
            .bind(at.unix_s())
            .execute(&mut *tx)
            .await?;
        let seeker = Actor::online(ActorRole::Seeker, None);
        let draft = EntryDraft::new("report.received".into(), &r.id, seeker, at)
            .with("posting", r.posting_id.as_str());
        super::ledger::append(&mut tx, &draft).await?;
        tx.commit().await?;
        Ok(Intake::New)
    }

    pub(super) async fn step(
        &self,
        r: StepRequest<'_>,
    ) -> StoreResult<(StoredApplication, Intake)> {
        let mut tx = self.begin().await?;
        if let Some(repeat) = earlier_step(&mut tx, &r).await? {
            return Ok((repeat, Intake::Repeat));
        }
        let row = sqlx::query(APPLICATION_BY_ID)
            .bind(r.application_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut kept = stored_application(&row)?;
        let to = r
            .step
            .next(kept.status, r.party)
            .map_err(|refused| match refused {
                StepRefused::NotYours => StoreError::NotYourStep,
                StepRefused::WrongState => StoreError::WrongApplicationState(kept.status),
            })?;
        let offer = r.step == Step::Offer;
        let updated = sqlx::query("UPDATE applications SET status = $1, check_in_code = CASE WHEN $2 = 1 THEN $3 ELSE check_in_code END, confirm_by_s = CASE WHEN $2 = 1 THEN $4 ELSE confirm_by_s END WHERE id = $5 AND status = $6")
            .bind(to.as_str())
            .bind(i64::from(offer))
            .bind(r.check_in_code)
            .bind(r.confirm_by.map(|t| t.unix_s()))
            .bind(r.application_id)
            .bind(kept.status.as_str())
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::Conflict(format!(
                "application `{}` changed meanwhile",
                r.application_id
            )));
        }
        record_application_event(&mut tx, r.application_id, to, r.actor, r.at, r.step_id, &[])
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => StoreError::Conflict(format!(
                    "another step under id `{}`",
                    r.step_id.unwrap_or_default()
                )),
                other => other,
            })?;
        tx.commit().await?;
        kept.status = to;
        if offer {
            kept.check_in_code = r.check_in_code.map(str::to_string);
        }
        Ok((kept, Intake::New))
    }

    pub(super) async fn expire_due_offers(&self, now: Timestamp) -> StoreResult<usize> {
        let due: Vec<String> = sqlx::query_scalar("SELECT id FROM applications WHERE status = 'offered' AND confirm_by_s <= $1 ORDER BY id")
            .bind(now.unix_s())
            .fetch_all(&self.pool)
            .await?;
        let mut expired = 0;
        for id in &due {
            let request = StepRequest {
                application_id: id,
                step: Step::Expire,
                party: Party::System,
                actor: Actor::online(ActorRole::System, None),
                step_id: None,
                check_in_code: None,
                confirm_by: None,
                at: now,
            };
            match self.step(request).await {
                Ok(_) => expired += 1,
                // Confirmed, withdrawn or declined meanwhile: nothing to expire.
                Err(StoreError::WrongApplicationState(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(expired)
    }

    pub(super) async fn select_open_reports(&self, limit: i64) -> StoreResult<Vec<Report>> {
        let rows = sqlx::query("SELECT id, posting_id, reason, created_at FROM reports WHERE resolution IS NULL ORDER BY received_at_s, id LIMIT $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(report).collect()
    }

    pub(super) async fn close_reports(
        &self,
        posting_id: &str,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<usize> {
        let mut tx = self.begin().await?;
        let closed = close_open_reports(&mut tx, posting_id, "dismissed", actor, at).await?;
        tx.commit().await?;
        Ok(closed)
    }
}

/// Closes the open reports of a posting with `resolution`, each an event of the ledger; how
/// many.
pub(super) async fn close_open_reports(
    tx: &mut Transaction<'static, Any>,
    posting_id: &str,
    resolution: &str,
    actor: Actor,
    at: Timestamp,
) -> StoreResult<usize> {
    let open: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM reports WHERE posting_id = $1 AND resolution IS NULL ORDER BY id",
    )
    .bind(posting_id)
    .fetch_all(&mut **tx)
    .await?;
    sqlx::query("UPDATE reports SET resolution = $1 WHERE posting_id = $2 AND resolution IS NULL")
        .bind(resolution)
        .bind(posting_id)
        .execute(&mut **tx)
        .await?;
    for id in &open {
        let draft = EntryDraft::new(format!("report.{resolution}"), id, actor, at)
            .with("posting", posting_id);
        super::ledger::append(tx, &draft).await?;
    }
    Ok(open.len())
}

const REPORT_BY_ID: &str = "SELECT id, posting_id, reason, created_at FROM reports WHERE id = $1";

fn same_report(kept: &Report, sent: &Report) -> StoreResult<()> {
    if kept == sent {
        Ok(())
    } else {
        Err(StoreError::Conflict(format!(
            "a report with other content under id `{}`",
            sent.id
        )))
    }
}

fn report(row: &AnyRow) -> StoreResult<Report> {
    Ok(Report {
        id: row.try_get("id")?,
        posting_id: row.try_get("posting_id")?,
        reason: row.try_get("reason")?,
        created_at: row.try_get("created_at")?,
    })
}
