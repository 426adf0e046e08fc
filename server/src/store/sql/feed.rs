//! The change feed on [`SqlStore`]: appended as the last step of each write that changes what
//! phones see (its counter row orders commits), read back from a cursor.

use linggong_core::Posting;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::{SqlStore, json_of, read_posting};
use crate::store::{
    ChangeForm, FeedChange, FeedPage, FeedSlice, FeedView, PostingStatus, StoreResult,
};

/// Appends one change to the feed: the last step of a write transaction (see the module).
pub(super) async fn append_feed(
    tx: &mut Transaction<'static, Any>,
    posting_id: &str,
    change: &FeedChange,
    tiles: &str,
) -> StoreResult<()> {
    let seq: i64 = sqlx::query_scalar("UPDATE feed_head SET n = n + 1 WHERE id = 1 RETURNING n")
        .fetch_one(&mut **tx)
        .await?;
    let (op, reason, body) = match change {
        FeedChange::Upsert { posting } => ("upsert", None, Some(json_of(posting)?)),
        FeedChange::Remove { reason, .. } => ("remove", Some(reason.as_str()), None),
    };
    sqlx::query("INSERT INTO feed (seq, posting_id, op, reason, body, tiles, packed) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(seq)
        .bind(posting_id)
        .bind(op)
        .bind(reason)
        .bind(body)
        .bind(tiles)
        .bind(change.to_packed())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The feed entry for a posting entering `to` from `from`, if it is one phones must hear of.
pub(super) fn feed_change(
    posting: &Posting,
    from: Option<PostingStatus>,
    to: PostingStatus,
) -> Option<FeedChange> {
    match (from, to) {
        (_, PostingStatus::Published) => Some(FeedChange::Upsert {
            posting: Box::new(posting.clone()),
        }),
        (Some(PostingStatus::Published), left) => Some(FeedChange::Remove {
            id: posting.id.clone(),
            reason: left.as_str().to_string(),
        }),
        _ => None,
    }
}

/// The change a feed row holds, read into a posting.
fn change_of(row: &AnyRow) -> StoreResult<FeedChange> {
    Ok(match row.try_get::<Option<String>, _>("body")? {
        Some(body) => FeedChange::Upsert {
            posting: Box::new(read_posting(&body)?),
        },
        None => FeedChange::Remove {
            id: row.try_get("posting_id")?,
            reason: row
                .try_get::<Option<String>, _>("reason")?
                .unwrap_or_default(),
        },
    })
}

/// The change a feed row holds, as the JSON the API sends, written from the stored posting
/// text as it is (already JSON).
fn change_json(row: &AnyRow) -> StoreResult<String> {
    Ok(match row.try_get::<Option<String>, _>("body")? {
        Some(body) => format!(r#"{{"op":"upsert","posting":{body}}}"#),
        None => {
            let id: String = row.try_get("posting_id")?;
            let reason: String = row
                .try_get::<Option<String>, _>("reason")?
                .unwrap_or_default();
            format!(
                r#"{{"op":"remove","id":{},"reason":{}}}"#,
                json_of(&id)?,
                json_of(&reason)?
            )
        }
    })
}

impl SqlStore {
    pub(super) async fn read_feed(&self, after: i64, limit: i64) -> StoreResult<FeedPage> {
        let rows = sqlx::query("SELECT seq, posting_id, op, reason, body FROM feed WHERE seq > $1 ORDER BY seq LIMIT $2")
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        let mut cursor = after;
        let mut changes = Vec::with_capacity(rows.len());
        for row in &rows {
            cursor = row.try_get("seq")?;
            changes.push(change_of(row)?);
        }
        Ok(FeedPage {
            cursor: cursor.to_string(),
            changes,
        })
    }

    pub(super) async fn read_feed_changes(
        &self,
        after: i64,
        limit: i64,
        view: &FeedView,
    ) -> StoreResult<FeedSlice> {
        let rows = sqlx::query(
            "SELECT seq, posting_id, reason, body, packed, tiles FROM feed WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut slice = FeedSlice {
            cursor: after,
            changes: Vec::with_capacity(rows.len()),
        };
        for row in &rows {
            slice.cursor = row.try_get("seq")?;
            if !view.wants(&row.try_get::<String, _>("tiles")?) {
                continue;
            }
            let change = match view.form {
                ChangeForm::Json => change_json(row)?,
                ChangeForm::Packed => match row.try_get::<Option<String>, _>("packed")? {
                    Some(packed) => packed,
                    // Written before the packed column: packed now.
                    None => change_of(row)?.to_packed(),
                },
            };
            slice.changes.push((slice.cursor, change));
        }
        Ok(slice)
    }

    pub(super) async fn read_latest_cursor(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT n FROM feed_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?)
    }

    pub(super) async fn read_tiles_changed_after(
        &self,
        after: i64,
    ) -> StoreResult<(Vec<String>, i64)> {
        let rows = sqlx::query("SELECT seq, tiles FROM feed WHERE seq > $1 ORDER BY seq")
            .bind(after)
            .fetch_all(&self.pool)
            .await?;
        let mut cursor = after;
        let mut tiles: Vec<String> = Vec::new();
        for row in &rows {
            cursor = row.try_get("seq")?;
            let listed: String = row.try_get("tiles")?;
            tiles.extend(listed.split(',').map(str::to_string));
        }
        tiles.sort_unstable();
        tiles.dedup();
        Ok((tiles, cursor))
    }
}
