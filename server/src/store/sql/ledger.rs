//! The ledger on [`SqlStore`]: each event appended inside the transaction of the change it
//! records, numbered by a counter row (no gaps, commit order), never changed afterwards.

use sqlx::{Any, Row, Transaction};

use super::SqlStore;
use crate::ledger::{Entry, EntryDraft, StoredEvent, TreeHead, leaf_digest};
use crate::store::StoreResult;

/// Appends one event: the next number, the entry's exact text and its digest.
pub(super) async fn append(
    tx: &mut Transaction<'static, Any>,
    draft: &EntryDraft,
) -> StoreResult<i64> {
    let seq: i64 = sqlx::query_scalar("UPDATE ledger_head SET n = n + 1 WHERE id = 1 RETURNING n")
        .fetch_one(&mut **tx)
        .await?;
    let text = Entry::numbered(draft, seq).text();
    sqlx::query("INSERT INTO ledger (seq, kind, at_s, entry, digest) VALUES ($1, $2, $3, $4, $5)")
        .bind(seq)
        .bind(&draft.kind)
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
        rows.iter()
            .map(|row| {
                Ok(StoredEvent {
                    seq: row.try_get("seq")?,
                    text: row.try_get("entry")?,
                    digest: row.try_get("digest")?,
                })
            })
            .collect()
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
