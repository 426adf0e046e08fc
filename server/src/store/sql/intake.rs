//! Applications and reports from the phone's outbox, on [`SqlStore`]: each kept once under
//! the id the phone made, whatever the number of resends.

use linggong_core::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::{SqlStore, read_status};
use crate::store::{
    Actor, ActorRole, Application, ApplicationEvent, ApplicationStatus, Intake, PostingStatus,
    Report, StoreError, StoreResult, StoredApplication,
};

const APPLICATION_BY_ID: &str =
    "SELECT id, posting_id, name, phone, created_at, status FROM applications WHERE id = $1";
const APPLICATIONS_OF_POSTING: &str = "SELECT id, posting_id, name, phone, created_at, status FROM applications WHERE posting_id = $1 ORDER BY received_at_s, id";

fn stored_application(row: &AnyRow) -> StoreResult<StoredApplication> {
    let status: String = row.try_get("status")?;
    Ok(StoredApplication {
        application: Application {
            id: row.try_get("id")?,
            posting_id: row.try_get("posting_id")?,
            name: row.try_get("name")?,
            phone: row.try_get("phone")?,
            created_at: row.try_get("created_at")?,
        },
        status: ApplicationStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("application status `{status}`")))?,
    })
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

/// Records that application `id` entered `status`.
pub(super) async fn record_application_event(
    tx: &mut Transaction<'static, Any>,
    id: &str,
    status: ApplicationStatus,
    actor: Actor,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO application_events (application_id, status, actor_role, actor_id, channel, at) VALUES ($1, $2, $3, $4, 'online', $5)")
        .bind(id)
        .bind(status.as_str())
        .bind(actor.role.as_str())
        .bind(actor.account_id)
        .bind(at.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl SqlStore {
    pub(super) async fn key_named(&self, name: &str) -> StoreResult<[u8; 32]> {
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
        sqlx::query("INSERT INTO applications (id, posting_id, name, phone, created_at, status, received_at_s) VALUES ($1, $2, $3, $4, $5, 'submitted', $6)")
            .bind(&a.id)
            .bind(&a.posting_id)
            .bind(&a.name)
            .bind(&a.phone)
            .bind(&a.created_at)
            .bind(at.unix_s())
            .execute(&mut *tx)
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::Conflict(_) => StoreError::Conflict(format!(
                    "an application of {} for posting `{}`",
                    a.phone, a.posting_id
                )),
                other => other,
            })?;
        let seeker = Actor {
            role: ActorRole::Seeker,
            account_id: None,
        };
        record_application_event(&mut tx, &a.id, ApplicationStatus::Submitted, seeker, at).await?;
        tx.commit().await?;
        let kept = StoredApplication {
            application: a.clone(),
            status: ApplicationStatus::Submitted,
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
        tx.commit().await?;
        Ok(Intake::New)
    }

    pub(super) async fn select_open_reports(&self, limit: i64) -> StoreResult<Vec<Report>> {
        let rows = sqlx::query("SELECT id, posting_id, reason, created_at FROM reports WHERE resolution IS NULL ORDER BY received_at_s, id LIMIT $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(report).collect()
    }

    pub(super) async fn close_reports(&self, posting_id: &str) -> StoreResult<usize> {
        let mut tx = self.begin().await?;
        let closed = close_open_reports(&mut tx, posting_id, "dismissed").await?;
        tx.commit().await?;
        Ok(closed)
    }
}

/// Closes the open reports of a posting with `resolution`; how many.
pub(super) async fn close_open_reports(
    tx: &mut Transaction<'static, Any>,
    posting_id: &str,
    resolution: &str,
) -> StoreResult<usize> {
    let done = sqlx::query(
        "UPDATE reports SET resolution = $1 WHERE posting_id = $2 AND resolution IS NULL",
    )
    .bind(resolution)
    .bind(posting_id)
    .execute(&mut **tx)
    .await?;
    Ok(usize::try_from(done.rows_affected()).unwrap_or(usize::MAX))
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
