//! The market directory (零工市场 and 驿站) on [`SqlStore`]: seeded by the demo, edited by
//! staff. Every change moves the directory's counter (`markets_head`) in its own transaction,
//! so each server process learns from the database that its snapshot's directory is stale;
//! staff's changes are ledger events, so the 台账 shows who changed the directory.

use linggong_core::{Market, Timestamp, parse_market};
use sqlx::{Any, Transaction};

use super::{SqlStore, json_of};
use crate::ledger::EntryDraft;
use crate::store::{Actor, ImportOutcome, StoreError, StoreResult};

/// Moves the directory's version on. Taken first in a change: its row lock makes two
/// changes to the directory, from any processes, wait for each other.
async fn next_version(tx: &mut Transaction<'static, Any>) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("UPDATE markets_head SET n = n + 1 WHERE id = 1 RETURNING n")
            .fetch_one(&mut **tx)
            .await?,
    )
}

fn read_market(body: &str) -> StoreResult<Market> {
    parse_market(body).map_err(|e| StoreError::Corrupt(format!("market {e}")))
}

impl SqlStore {
    pub(super) async fn insert_markets(&self, markets: &[Market]) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        next_version(&mut tx).await?;
        for m in markets {
            sqlx::query(
                "INSERT INTO markets (id, body) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
            )
            .bind(&m.id)
            .bind(json_of(m)?)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn select_markets(&self) -> StoreResult<Vec<Market>> {
        let bodies = self.bodies("SELECT body FROM markets ORDER BY id").await?;
        bodies.iter().map(|b| read_market(b)).collect()
    }

    pub(super) async fn upsert_market(
        &self,
        market: &Market,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<ImportOutcome> {
        let body = json_of(market)?;
        let mut tx = self.begin().await?;
        next_version(&mut tx).await?;
        let kept: Option<String> = sqlx::query_scalar("SELECT body FROM markets WHERE id = $1")
            .bind(&market.id)
            .fetch_optional(&mut *tx)
            .await?;
        let (sql, outcome) = match kept {
            // Nothing changes: the transaction (and the version it moved) is rolled back.
            Some(kept) if kept == body => return Ok(ImportOutcome::Unchanged),
            Some(_) => (
                "UPDATE markets SET body = $2 WHERE id = $1",
                ImportOutcome::Replaced,
            ),
            None => (
                "INSERT INTO markets (id, body) VALUES ($1, $2)",
                ImportOutcome::Added,
            ),
        };
        sqlx::query(sql)
            .bind(&market.id)
            .bind(&body)
            .execute(&mut *tx)
            .await?;
        let draft = EntryDraft::new("market.saved".into(), &market.id, actor, at)
            .with("name", market.name.as_str())
            .with("outcome", outcome_name(outcome));
        super::ledger::append(&mut tx, &draft).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    pub(super) async fn delete_market(
        &self,
        id: &str,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        next_version(&mut tx).await?;
        let gone = sqlx::query("DELETE FROM markets WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if gone.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let draft = EntryDraft::new("market.removed".into(), id, actor, at);
        super::ledger::append(&mut tx, &draft).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn read_markets_version(&self) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar("SELECT n FROM markets_head WHERE id = 1")
                .fetch_one(&self.pool)
                .await?,
        )
    }
}

/// How the ledger says what a save did.
fn outcome_name(outcome: ImportOutcome) -> &'static str {
    match outcome {
        ImportOutcome::Added => "added",
        ImportOutcome::Replaced => "replaced",
        ImportOutcome::Unchanged => "unchanged",
    }
}
