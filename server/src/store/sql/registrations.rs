//! Seekers registering with the market (求职登记, by choice) on [`SqlStore`]: from their phones
//! or at the counter, kept under the id the phone (or the desk) made, changed or deleted by
//! the phone, each an event of the ledger (which names the registration's random id, never
//! the person).

use linggong_core::{SeekerProfile, Timestamp, parse_seeker};
use sqlx::Any;
use sqlx::Transaction;

use super::{SqlStore, json_of};
use crate::ledger::EntryDraft;
use crate::store::{Actor, ActorRole, Intake, StoreError, StoreResult};

/// Who changes and deletes a registration: the seeker, with its token, on the phone.
const SEEKER: Actor = Actor::online(ActorRole::Seeker, None);

async fn note(
    tx: &mut Transaction<'static, Any>,
    what: &str,
    id: &str,
    actor: Actor,
    at: Timestamp,
) -> StoreResult<()> {
    let draft = EntryDraft::new(format!("registration.{what}"), id, actor, at);
    super::ledger::append(tx, &draft).await.map(|_| ())
}

impl SqlStore {
    pub(super) async fn select_seeker(&self, id: &str) -> StoreResult<Option<SeekerProfile>> {
        let body: Option<String> = sqlx::query_scalar("SELECT body FROM seekers WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        body.map(|b| parse_seeker(&b).map_err(|e| StoreError::Corrupt(format!("seeker {e}"))))
            .transpose()
    }

    pub(super) async fn insert_registration(
        &self,
        profile: &SeekerProfile,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<Intake> {
        let body = json_of(profile)?;
        let mut tx = self.begin().await?;
        let kept: Option<String> = sqlx::query_scalar("SELECT body FROM seekers WHERE id = $1")
            .bind(&profile.id)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(kept) = kept {
            return if kept == body {
                Ok(Intake::Repeat)
            } else {
                Err(StoreError::Conflict(format!(
                    "a registration with other content under id `{}`",
                    profile.id
                )))
            };
        }
        sqlx::query("INSERT INTO seekers (id, body) VALUES ($1, $2)")
            .bind(&profile.id)
            .bind(&body)
            .execute(&mut *tx)
            .await?;
        note(&mut tx, "made", &profile.id, actor, at).await?;
        tx.commit().await?;
        Ok(Intake::New)
    }

    pub(super) async fn replace_registration(
        &self,
        profile: &SeekerProfile,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let changed = sqlx::query("UPDATE seekers SET body = $1 WHERE id = $2")
            .bind(json_of(profile)?)
            .bind(&profile.id)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        note(&mut tx, "changed", &profile.id, SEEKER, at).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn remove_registration(&self, id: &str, at: Timestamp) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let gone = sqlx::query("DELETE FROM seekers WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if gone.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        note(&mut tx, "deleted", id, SEEKER, at).await?;
        tx.commit().await?;
        Ok(())
    }
}
