//! Postings on [`SqlStore`]: stored, imported, moved from state to state with an event (and
//! a ledger entry) each time, and the feed change that publication or removal makes.

use linggong_core::{Posting, TileKey, Timestamp};
use sqlx::{Any, Row, Transaction};

use super::feed::{append_feed, feed_change};
use super::{SqlStore, intake, json_of, ledger, read_status, stored};
use crate::ledger::EntryDraft;
use crate::store::{
    Actor, ActorRole, Channel, ImportOutcome, PostingEvent, PostingStatus, StoreError, StoreResult,
    StoredPosting, Transition,
};

const SELECT_POSTING: &str =
    "SELECT body, owner_id, status, reason, tile FROM postings WHERE id = $1";

fn tile_of(posting: &Posting) -> String {
    TileKey::of_posting(posting).to_string()
}

/// The ledger event of posting `id` entering `status`.
fn event_of(id: &str, status: PostingStatus, actor: Actor, at: Timestamp) -> EntryDraft {
    EntryDraft::new(format!("posting.{}", status.as_str()), id, actor, at)
}

/// Records that the posting `event` is about entered `status` (why, when a reason was given):
/// its history, and the ledger event.
async fn record_event(
    tx: &mut Transaction<'static, Any>,
    status: PostingStatus,
    reason: Option<&str>,
    mut event: EntryDraft,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO posting_events (posting_id, status, reason, actor_role, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&event.subject)
        .bind(status.as_str())
        .bind(reason)
        .bind(event.actor.role.as_str())
        .bind(event.actor.account_id)
        .bind(event.at.to_string())
        .execute(&mut **tx)
        .await?;
    if let Some(reason) = reason {
        event = event.with("reason", reason);
    }
    ledger::append(tx, &event).await?;
    Ok(())
}

/// Stores a new posting inside `tx` in `status`, with its first event and the feed change it
/// makes.
async fn insert_in(
    tx: &mut Transaction<'static, Any>,
    posting: &Posting,
    owner_id: Option<i64>,
    status: PostingStatus,
    first: EntryDraft,
) -> StoreResult<()> {
    let tile = tile_of(posting);
    sqlx::query("INSERT INTO postings (id, owner_id, status, body, tile, valid_through_s, ever_published, updated_at_s) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&posting.id)
        .bind(owner_id)
        .bind(status.as_str())
        .bind(json_of(posting)?)
        .bind(&tile)
        .bind(posting.valid_through.map(|t| t.unix_s()))
        .bind(i64::from(status == PostingStatus::Published))
        .bind(first.at.unix_s())
        .execute(&mut **tx)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict(format!("posting `{}`", posting.id)),
            other => other,
        })?;
    record_event(tx, status, None, first).await?;
    if let Some(change) = feed_change(posting, None, status) {
        append_feed(tx, &posting.id, &change, &tile).await?;
    }
    Ok(())
}

impl SqlStore {
    pub(super) async fn do_insert_posting(
        &self,
        posting: &Posting,
        owner_id: Option<i64>,
        status: PostingStatus,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<()> {
        let first = self.first_event(posting, status, actor, at).await?;
        let mut tx = self.begin().await?;
        insert_in(&mut tx, posting, owner_id, status, first).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The first event of a new posting. One entered at the counter (代录) names its employer,
    /// who has no account, by a salted hash ([`crate::ledger::employer_hash`]), so the month's
    /// figures count the employers the counter served.
    async fn first_event(
        &self,
        posting: &Posting,
        status: PostingStatus,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<EntryDraft> {
        let event = event_of(&posting.id, status, actor, at);
        let employer = posting.employer.as_ref();
        let name = employer.and_then(|e| e.name.as_deref().or(e.contact.as_deref()));
        match name.map(str::trim).filter(|n| !n.is_empty()) {
            Some(name) if actor.channel == Channel::Offline => {
                let salt = self.key_named(intake::LEDGER_SALT).await?;
                Ok(event.with("employer", crate::ledger::employer_hash(&salt, name)))
            }
            _ => Ok(event),
        }
    }

    pub(super) async fn do_insert_postings(
        &self,
        postings: &[(Posting, PostingStatus)],
        owner_id: Option<i64>,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        for (posting, status) in postings {
            let first = self.first_event(posting, *status, actor, at).await?;
            insert_in(&mut tx, posting, owner_id, *status, first).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn do_import_posting(
        &self,
        posting: &Posting,
        status: PostingStatus,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<ImportOutcome> {
        let Some(old) = self.do_posting(&posting.id).await? else {
            self.do_insert_posting(posting, None, status, actor, at)
                .await?;
            return Ok(ImportOutcome::Added);
        };
        if old.posting == *posting && old.status == status {
            return Ok(ImportOutcome::Unchanged);
        }
        let mut tx = self.begin().await?;
        let (old_tile, new_tile) = (tile_of(&old.posting), tile_of(posting));
        let updated = sqlx::query("UPDATE postings SET status = $1, reason = NULL, body = $2, tile = $3, valid_through_s = $4, ever_published = CASE WHEN $5 = 1 THEN 1 ELSE ever_published END, updated_at_s = $6 WHERE id = $7 AND status = $8")
            .bind(status.as_str())
            .bind(json_of(posting)?)
            .bind(&new_tile)
            .bind(posting.valid_through.map(|t| t.unix_s()))
            .bind(i64::from(status == PostingStatus::Published))
            .bind(at.unix_s())
            .bind(&posting.id)
            .bind(old.status.as_str())
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::Conflict(format!(
                "posting `{}` changed meanwhile",
                posting.id
            )));
        }
        record_event(
            &mut tx,
            status,
            None,
            event_of(&posting.id, status, actor, at),
        )
        .await?;
        if let Some(change) = feed_change(posting, Some(old.status), status) {
            let tiles = if old_tile == new_tile {
                new_tile
            } else {
                format!("{old_tile},{new_tile}")
            };
            append_feed(&mut tx, &posting.id, &change, &tiles).await?;
        }
        tx.commit().await?;
        Ok(ImportOutcome::Replaced)
    }

    pub(super) async fn do_posting(&self, id: &str) -> StoreResult<Option<StoredPosting>> {
        sqlx::query(SELECT_POSTING)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(stored)
            .transpose()
    }

    pub(super) async fn do_history(&self, id: &str) -> StoreResult<Vec<PostingEvent>> {
        let rows = sqlx::query("SELECT status, reason, actor_role, at FROM posting_events WHERE posting_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(PostingEvent {
                    status: read_status(&row.try_get::<String, _>("status")?)?,
                    reason: row.try_get("reason")?,
                    actor: row.try_get("actor_role")?,
                    at: row.try_get("at")?,
                })
            })
            .collect()
    }

    pub(super) async fn do_transition(&self, t: Transition<'_>) -> StoreResult<StoredPosting> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(SELECT_POSTING)
            .bind(t.id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut current = stored(&row)?;
        if !t.from.contains(&current.status) {
            return Err(StoreError::WrongState(current.status));
        }
        let updated = sqlx::query("UPDATE postings SET status = $1, reason = $2, ever_published = CASE WHEN $3 = 1 THEN 1 ELSE ever_published END, updated_at_s = $4 WHERE id = $5 AND status = $6")
            .bind(t.to.as_str())
            .bind(t.reason)
            .bind(i64::from(t.to == PostingStatus::Published))
            .bind(t.at.unix_s())
            .bind(t.id)
            .bind(current.status.as_str())
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 0 {
            // Only an SQLite file shared with another writer outside this server gets here.
            return Err(StoreError::Conflict(format!(
                "posting `{}` changed meanwhile",
                t.id
            )));
        }
        record_event(&mut tx, t.to, t.reason, event_of(t.id, t.to, t.actor, t.at)).await?;
        if current.status == PostingStatus::Published {
            // Off the phones: what seekers reported about it is settled by its leaving.
            intake::close_open_reports(&mut tx, t.id, t.to.as_str(), t.actor, t.at).await?;
        }
        if let Some(change) = feed_change(&current.posting, Some(current.status), t.to) {
            let tile: String = row.try_get("tile")?;
            append_feed(&mut tx, t.id, &change, &tile).await?;
        }
        tx.commit().await?;
        current.status = t.to;
        current.reason = t.reason.map(str::to_string);
        Ok(current)
    }

    pub(super) async fn do_review_queue(&self, limit: i64) -> StoreResult<Vec<StoredPosting>> {
        let rows = sqlx::query("SELECT body, owner_id, status, reason FROM postings WHERE status = 'pending_review' ORDER BY updated_at_s, id LIMIT $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(stored).collect()
    }

    pub(super) async fn do_postings_of(&self, owner_id: i64) -> StoreResult<Vec<StoredPosting>> {
        let rows = sqlx::query("SELECT body, owner_id, status, reason FROM postings WHERE owner_id = $1 ORDER BY updated_at_s DESC, id")
            .bind(owner_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(stored).collect()
    }

    pub(super) async fn do_expire_due(&self, now: Timestamp) -> StoreResult<usize> {
        let due: Vec<String> = sqlx::query_scalar("SELECT id FROM postings WHERE status = 'published' AND valid_through_s <= $1 ORDER BY id")
            .bind(now.unix_s())
            .fetch_all(&self.pool)
            .await?;
        let system = Actor::online(ActorRole::System, None);
        let mut expired = 0;
        for id in &due {
            let t = Transition {
                id,
                from: &[PostingStatus::Published],
                to: PostingStatus::Expired,
                reason: None,
                actor: system,
                at: now,
            };
            match self.do_transition(t).await {
                Ok(_) => expired += 1,
                // Withdrawn or taken down meanwhile: nothing to expire.
                Err(StoreError::WrongState(_) | StoreError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(expired)
    }
}
