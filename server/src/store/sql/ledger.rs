//! The ledger on [`SqlStore`]: each event appended inside the transaction of the change it
//! records, numbered by a counter row (no gaps, commit order), never changed afterwards.

use sqlx::{Any, Row, Transaction};

use super::SqlStore;
use crate::ledger::{Entry, EntryDraft, StoredEvent, TreeHead, leaf_digest};
use crate::store::{LedgerPage, LedgerQuery, StoreResult};

/// The SELECT of a page, in `$order`: the events numbered in `($1, $2)`, each filter applied
/// when its value is given (`$3` an exact kind, `$4` a kind's prefix, `$5` the subject,
/// `$6`–`$7` a span of time), at most `$8` of them.
macro_rules! page_sql {
    ($order:literal) => {
        concat!(
            "SELECT seq, entry, digest FROM ledger WHERE seq > $1 AND seq < $2 ",
            "AND ($3 IS NULL OR kind = $3) ",
            "AND ($4 IS NULL OR substr(kind, 1, length($4)) = $4) ",
            "AND ($5 IS NULL OR subject = $5) ",
            "AND ($6 IS NULL OR (at_s >= $6 AND at_s < $7)) ",
            "ORDER BY seq ",
            $order,
            " LIMIT $8"
        )
    };
}

fn stored_event(row: &sqlx::any::AnyRow) -> StoreResult<StoredEvent> {
    Ok(StoredEvent {
        seq: row.try_get("seq")?,
        text: row.try_get("entry")?,
        digest: row.try_get("digest")?,
    })
}

/// Where the next page starts when this one is not full: every number in `(after, upper)`
/// was examined, so past the highest (oldest first) or at the lowest (newest first).
fn cursor_when_done(q: &LedgerQuery, upper: i64) -> i64 {
    if q.newest_first {
        upper.min(q.after.saturating_add(1))
    } else {
        q.after.max(upper.saturating_sub(1))
    }
}

/// Appends one event: the next number, the entry's exact text and its digest.
pub(super) async fn append(
    tx: &mut Transaction<'static, Any>,
    draft: &EntryDraft,
) -> StoreResult<i64> {
    let seq: i64 = sqlx::query_scalar("UPDATE ledger_head SET n = n + 1 WHERE id = 1 RETURNING n")
        .fetch_one(&mut **tx)
        .await?;
    let text = Entry::numbered(draft, seq).text();
    sqlx::query("INSERT INTO ledger (seq, kind, subject, at_s, entry, digest) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(seq)
        .bind(&draft.kind)
        .bind(&draft.subject)
        .bind(draft.at.unix_s())
        .bind(&text)
        .bind(crate::hex::encode(&leaf_digest(&text)))
        .execute(&mut **tx)
        .await?;
    Ok(seq)
}

impl SqlStore {
    pub(super) async fn select_ledger(
        &self,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<StoredEvent>> {
        let rows = sqlx::query(
            "SELECT seq, entry, digest FROM ledger WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(stored_event).collect()
    }

    /// The ledger's counter is read first: every event numbered up to it has committed (the
    /// counter row is taken inside each event's transaction), so a page that is not full has
    /// examined every number up to it, and its cursor may pass them all.
    pub(super) async fn select_ledger_page(&self, q: &LedgerQuery) -> StoreResult<LedgerPage> {
        let head: i64 = sqlx::query_scalar("SELECT n FROM ledger_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        let upper = q.before.map_or(head + 1, |b| b.min(head + 1));
        let (exact, prefix) = match q.kind.as_deref() {
            Some(k) if k.ends_with('.') => (None, Some(k)),
            other => (other, None),
        };
        let sql = if q.newest_first {
            page_sql!("DESC")
        } else {
            page_sql!("ASC")
        };
        let rows = sqlx::query(sql)
            .bind(q.after)
            .bind(upper)
            .bind(exact)
            .bind(prefix)
            .bind(q.subject.as_deref())
            .bind(q.during.map(|(from, _)| from))
            .bind(q.during.map(|(_, to)| to))
            .bind(q.limit)
            .fetch_all(&self.pool)
            .await?;
        let events: Vec<StoredEvent> = rows.iter().map(stored_event).collect::<StoreResult<_>>()?;
        let full = i64::try_from(events.len()).unwrap_or(i64::MAX) >= q.limit;
        let cursor = match events.last() {
            Some(last) if full => last.seq,
            _ => cursor_when_done(q, upper),
        };
        Ok(LedgerPage { events, cursor })
    }

    pub(super) async fn select_ledger_heads(&self) -> StoreResult<Vec<TreeHead>> {
        let rows = sqlx::query("SELECT size, root, at, signature FROM ledger_heads ORDER BY size")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(TreeHead {
                    size: row.try_get("size")?,
                    root: row.try_get("root")?,
                    at: row.try_get("at")?,
                    signature: row.try_get("signature")?,
                })
            })
            .collect()
    }

    pub(super) async fn insert_ledger_head(&self, head: &TreeHead) -> StoreResult<()> {
        // Two processes signing the same size at once: the first head stands.
        sqlx::query("INSERT INTO ledger_heads (size, root, at, signature) VALUES ($1, $2, $3, $4) ON CONFLICT (size) DO NOTHING")
            .bind(head.size)
            .bind(&head.root)
            .bind(&head.at)
            .bind(&head.signature)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
