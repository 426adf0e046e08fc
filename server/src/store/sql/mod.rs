//! [`MarketStore`] on SQLite and PostgreSQL through sqlx's Any driver.
//!
//! Both databases read the same SQL: `$n` placeholders, `RETURNING`, integers as 64-bit,
//! booleans as 0/1. What differs is said in [`Backend`]: how a write transaction begins and
//! how a new connection is set up. Every write takes the feed counter (`feed_head`) as its
//! last step when it changes the feed: the counter's row lock is held until commit, so
//! sequence numbers are handed out in commit order and a reader that has seen `n` has seen
//! every change before it, even with several server processes on one PostgreSQL.

mod intake;
mod ledger;

use std::borrow::Cow;

use linggong_core::{
    Market, Posting, SeekerProfile, TileKey, Timestamp, parse_market, parse_posting, parse_seeker,
};
use sqlx::any::{AnyPoolOptions, AnyRow};

use crate::ledger::{EntryDraft, StoredEvent, TreeHead};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{Any, AnyPool, Executor, Row, SqlSafeStr, Transaction};

use super::{
    Account, Actor, Application, ApplicationEvent, Change, FeedPage, ImportOutcome, Intake,
    MarketStore, NewAccount, PostingEvent, PostingStatus, Report, Role, StepRequest, StoreError,
    StoreResult, StoredApplication, StoredPosting, Transition,
};

/// The database behind a [`SqlStore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// One embedded file.
    Sqlite,
    /// A PostgreSQL server (or a PG-wire-compatible one).
    Postgres,
}

impl Backend {
    /// The backend a database URL names.
    pub fn of_url(url: &str) -> StoreResult<Self> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(StoreError::Url(url.to_string()))
        }
    }

    /// Its name, for people.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }

    /// SQLite takes the write lock at `BEGIN IMMEDIATE`, so two writers wait for each other
    /// at the start instead of failing when a read turns into a write.
    fn begin_write(self) -> &'static str {
        match self {
            Self::Sqlite => "BEGIN IMMEDIATE",
            Self::Postgres => "BEGIN",
        }
    }

    /// The schema, one migration per step, applied in order at start.
    fn migrations(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Self::Sqlite => SQLITE_MIGRATIONS,
            Self::Postgres => POSTGRES_MIGRATIONS,
        }
    }
}

/// Each database's migrations, in order: (name, SQL).
const SQLITE_MIGRATIONS: &[(&str, &str)] = &[
    (
        "market",
        include_str!("../../../migrations/sqlite/0001_market.sql"),
    ),
    (
        "intake",
        include_str!("../../../migrations/sqlite/0002_intake.sql"),
    ),
    (
        "steps",
        include_str!("../../../migrations/sqlite/0003_steps.sql"),
    ),
    (
        "ledger",
        include_str!("../../../migrations/sqlite/0004_ledger.sql"),
    ),
];
const POSTGRES_MIGRATIONS: &[(&str, &str)] = &[
    (
        "market",
        include_str!("../../../migrations/postgres/0001_market.sql"),
    ),
    (
        "intake",
        include_str!("../../../migrations/postgres/0002_intake.sql"),
    ),
    (
        "steps",
        include_str!("../../../migrations/postgres/0003_steps.sql"),
    ),
    (
        "ledger",
        include_str!("../../../migrations/postgres/0004_ledger.sql"),
    ),
];

/// The market's storage on SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pool: AnyPool,
    backend: Backend,
    url: String,
}

impl SqlStore {
    /// Connects (creating an SQLite file when missing) and applies the migrations.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url)?;
        let options = AnyPoolOptions::new().max_connections(8);
        let pool = match backend {
            Backend::Sqlite => {
                let url = if url.contains('?') {
                    url.to_string()
                } else {
                    format!("{url}?mode=rwc")
                };
                options
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;")
                                .await
                                .map(|_| ())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Backend::Postgres => options.connect(url).await?,
        };
        let migrations =
            (1..)
                .zip(backend.migrations().iter().copied())
                .map(|(version, (name, sql))| {
                    Migration::new(
                        version,
                        Cow::Borrowed(name),
                        MigrationType::Simple,
                        sql.into_sql_str(),
                        false,
                    )
                });
        Migrator::with_migrations(migrations.collect())
            .run(&pool)
            .await
            .map_err(StoreError::Migrate)?;
        Ok(Self {
            pool,
            backend,
            url: url.to_string(),
        })
    }

    /// The backend a URL names, for messages (`None` when it names none).
    pub fn backend_of(url: &str) -> Option<Backend> {
        Backend::of_url(url).ok()
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL it was opened with (tools and tests open it again).
    pub fn url(&self) -> &str {
        &self.url
    }

    async fn begin(&self) -> StoreResult<Transaction<'static, Any>> {
        Ok(self.pool.begin_with(self.backend.begin_write()).await?)
    }

    /// Runs `insert` (`$1` the id, `$2` the JSON body) for each row, in one transaction.
    async fn add_bodies<'a>(
        &self,
        insert: &'static str,
        rows: impl Iterator<Item = (&'a str, StoreResult<String>)>,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        for (id, body) in rows {
            sqlx::query(insert)
                .bind(id)
                .bind(body?)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The `body` column of every row `select` gives.
    async fn bodies(&self, select: &'static str) -> StoreResult<Vec<String>> {
        Ok(sqlx::query_scalar(select).fetch_all(&self.pool).await?)
    }
}

/// A record as the JSON stored for it.
fn json_of(value: &impl serde::Serialize) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn read_posting(body: &str) -> StoreResult<Posting> {
    parse_posting(body).map_err(|e| StoreError::Corrupt(format!("posting {e}")))
}

fn read_status(text: &str) -> StoreResult<PostingStatus> {
    PostingStatus::parse(text).ok_or_else(|| StoreError::Corrupt(format!("status `{text}`")))
}

fn stored(row: &AnyRow) -> StoreResult<StoredPosting> {
    Ok(StoredPosting {
        posting: read_posting(&row.try_get::<String, _>("body")?)?,
        owner_id: row.try_get("owner_id")?,
        status: read_status(&row.try_get::<String, _>("status")?)?,
        reason: row.try_get("reason")?,
    })
}

fn account(row: &AnyRow) -> StoreResult<Account> {
    let role: String = row.try_get("role")?;
    Ok(Account {
        id: row.try_get("id")?,
        phone: row.try_get("phone")?,
        name: row.try_get("name")?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role `{role}`")))?,
        password_hash: row.try_get("password_hash")?,
    })
}

/// Appends one change to the feed: the last step of a write transaction (see the module).
async fn append_feed(
    tx: &mut Transaction<'static, Any>,
    posting_id: &str,
    change: &Change,
    tiles: &str,
) -> StoreResult<()> {
    let seq: i64 = sqlx::query_scalar("UPDATE feed_head SET n = n + 1 WHERE id = 1 RETURNING n")
        .fetch_one(&mut **tx)
        .await?;
    let (op, reason, body) = match change {
        Change::Upsert { posting } => ("upsert", None, Some(json_of(posting)?)),
        Change::Remove { reason, .. } => ("remove", Some(reason.as_str()), None),
    };
    sqlx::query("INSERT INTO feed (seq, posting_id, op, reason, body, tiles) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(seq)
        .bind(posting_id)
        .bind(op)
        .bind(reason)
        .bind(body)
        .bind(tiles)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn record_event(
    tx: &mut Transaction<'static, Any>,
    id: &str,
    status: PostingStatus,
    reason: Option<&str>,
    actor: Actor,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO posting_events (posting_id, status, reason, actor_role, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id)
        .bind(status.as_str())
        .bind(reason)
        .bind(actor.role.as_str())
        .bind(actor.account_id)
        .bind(at.to_string())
        .execute(&mut **tx)
        .await?;
    let mut draft = EntryDraft::new(format!("posting.{}", status.as_str()), id, actor, at);
    if let Some(reason) = reason {
        draft = draft.with("reason", reason);
    }
    ledger::append(tx, &draft).await?;
    Ok(())
}

/// The feed entry for a posting entering `to` from `from`, if it is one phones must hear of.
fn feed_change(
    posting: &Posting,
    from: Option<PostingStatus>,
    to: PostingStatus,
) -> Option<Change> {
    match (from, to) {
        (_, PostingStatus::Published) => Some(Change::Upsert {
            posting: Box::new(posting.clone()),
        }),
        (Some(PostingStatus::Published), left) => Some(Change::Remove {
            id: posting.id.clone(),
            reason: left.as_str().to_string(),
        }),
        _ => None,
    }
}

fn tile_of(posting: &Posting) -> String {
    TileKey::of_posting(posting).to_string()
}

const SELECT_POSTING: &str =
    "SELECT body, owner_id, status, reason, tile FROM postings WHERE id = $1";

impl MarketStore for SqlStore {
    async fn create_account(&self, a: NewAccount) -> StoreResult<i64> {
        let id = sqlx::query_scalar("INSERT INTO accounts (phone, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(&a.phone)
            .bind(&a.name)
            .bind(a.role.as_str())
            .bind(&a.password_hash)
            .bind(a.created_at.to_string())
            .fetch_one(&self.pool)
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::Conflict(_) => StoreError::Conflict(format!("an account for {}", a.phone)),
                other => other,
            })?;
        Ok(id)
    }

    async fn account_by_phone(&self, phone: &str) -> StoreResult<Option<Account>> {
        sqlx::query("SELECT id, phone, name, role, password_hash FROM accounts WHERE phone = $1")
            .bind(phone)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(account)
            .transpose()
    }

    async fn create_session(
        &self,
        digest: &str,
        account_id: i64,
        expires_at: Timestamp,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (token_digest, account_id, expires_at_s) VALUES ($1, $2, $3)",
        )
        .bind(digest)
        .bind(account_id)
        .bind(expires_at.unix_s())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session_account(&self, digest: &str, now: Timestamp) -> StoreResult<Option<Account>> {
        sqlx::query("SELECT a.id, a.phone, a.name, a.role, a.password_hash FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_digest = $1 AND s.expires_at_s > $2")
            .bind(digest)
            .bind(now.unix_s())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(account)
            .transpose()
    }

    async fn end_session(&self, digest: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_digest = $1")
            .bind(digest)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn insert_posting(
        &self,
        posting: &Posting,
        owner_id: Option<i64>,
        status: PostingStatus,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let tile = tile_of(posting);
        sqlx::query("INSERT INTO postings (id, owner_id, status, body, tile, valid_through_s, ever_published, updated_at_s) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(&posting.id)
            .bind(owner_id)
            .bind(status.as_str())
            .bind(json_of(posting)?)
            .bind(&tile)
            .bind(posting.valid_through.map(|t| t.unix_s()))
            .bind(i64::from(status == PostingStatus::Published))
            .bind(at.unix_s())
            .execute(&mut *tx)
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::Conflict(_) => StoreError::Conflict(format!("posting `{}`", posting.id)),
                other => other,
            })?;
        record_event(&mut tx, &posting.id, status, None, actor, at).await?;
        if let Some(change) = feed_change(posting, None, status) {
            append_feed(&mut tx, &posting.id, &change, &tile).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn import_posting(
        &self,
        posting: &Posting,
        status: PostingStatus,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<ImportOutcome> {
        let Some(old) = self.posting(&posting.id).await? else {
            self.insert_posting(posting, None, status, actor, at)
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
        record_event(&mut tx, &posting.id, status, None, actor, at).await?;
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

    async fn posting(&self, id: &str) -> StoreResult<Option<StoredPosting>> {
        sqlx::query(SELECT_POSTING)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(stored)
            .transpose()
    }

    async fn history(&self, id: &str) -> StoreResult<Vec<PostingEvent>> {
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

    async fn transition(&self, t: Transition<'_>) -> StoreResult<StoredPosting> {
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
        record_event(&mut tx, t.id, t.to, t.reason, t.actor, t.at).await?;
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

    async fn review_queue(&self, limit: i64) -> StoreResult<Vec<StoredPosting>> {
        let rows = sqlx::query("SELECT body, owner_id, status, reason FROM postings WHERE status = 'pending_review' ORDER BY updated_at_s, id LIMIT $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(stored).collect()
    }

    async fn postings_of(&self, owner_id: i64) -> StoreResult<Vec<StoredPosting>> {
        let rows = sqlx::query("SELECT body, owner_id, status, reason FROM postings WHERE owner_id = $1 ORDER BY updated_at_s DESC, id")
            .bind(owner_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(stored).collect()
    }

    async fn expire_due(&self, now: Timestamp) -> StoreResult<usize> {
        let due: Vec<String> = sqlx::query_scalar("SELECT id FROM postings WHERE status = 'published' AND valid_through_s <= $1 ORDER BY id")
            .bind(now.unix_s())
            .fetch_all(&self.pool)
            .await?;
        let system = Actor {
            role: super::ActorRole::System,
            account_id: None,
        };
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
            match self.transition(t).await {
                Ok(_) => expired += 1,
                // Withdrawn or taken down meanwhile: nothing to expire.
                Err(StoreError::WrongState(_) | StoreError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(expired)
    }

    async fn feed(&self, after: i64, limit: i64) -> StoreResult<FeedPage> {
        let rows = sqlx::query("SELECT seq, posting_id, op, reason, body FROM feed WHERE seq > $1 ORDER BY seq LIMIT $2")
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        let mut cursor = after;
        let mut changes = Vec::with_capacity(rows.len());
        for row in &rows {
            cursor = row.try_get("seq")?;
            let body: Option<String> = row.try_get("body")?;
            changes.push(match body {
                Some(body) => Change::Upsert {
                    posting: Box::new(read_posting(&body)?),
                },
                None => Change::Remove {
                    id: row.try_get("posting_id")?,
                    reason: row
                        .try_get::<Option<String>, _>("reason")?
                        .unwrap_or_default(),
                },
            });
        }
        Ok(FeedPage {
            cursor: cursor.to_string(),
            changes,
        })
    }

    async fn feed_json(&self, after: i64, limit: i64) -> StoreResult<String> {
        let rows = sqlx::query(
            "SELECT seq, posting_id, reason, body FROM feed WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut cursor = after;
        let mut changes = String::with_capacity(rows.len() * 1024);
        for row in &rows {
            cursor = row.try_get("seq")?;
            if !changes.is_empty() {
                changes.push(',');
            }
            // The body is the posting as `json_of` wrote it: already JSON, sent as it is.
            match row.try_get::<Option<String>, _>("body")? {
                Some(body) => {
                    changes.push_str(r#"{"op":"upsert","posting":"#);
                    changes.push_str(&body);
                    changes.push('}');
                }
                None => {
                    let id: String = row.try_get("posting_id")?;
                    let reason: String = row
                        .try_get::<Option<String>, _>("reason")?
                        .unwrap_or_default();
                    changes.push_str(&format!(
                        r#"{{"op":"remove","id":{},"reason":{}}}"#,
                        json_of(&id)?,
                        json_of(&reason)?
                    ));
                }
            }
        }
        Ok(format!(r#"{{"cursor":"{cursor}","changes":[{changes}]}}"#))
    }

    async fn latest_cursor(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT n FROM feed_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn tiles_changed_after(&self, after: i64) -> StoreResult<(Vec<String>, i64)> {
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

    async fn published_in_tile(&self, tile: &str) -> StoreResult<Vec<Posting>> {
        let bodies: Vec<String> = sqlx::query_scalar(
            "SELECT body FROM postings WHERE status = 'published' AND tile = $1 ORDER BY id",
        )
        .bind(tile)
        .fetch_all(&self.pool)
        .await?;
        bodies.iter().map(|b| read_posting(b)).collect()
    }

    async fn published(&self, ever: bool) -> StoreResult<Vec<Posting>> {
        let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM postings WHERE status = 'published' OR ($1 = 1 AND ever_published = 1) ORDER BY id")
            .bind(i64::from(ever))
            .fetch_all(&self.pool)
            .await?;
        bodies.iter().map(|b| read_posting(b)).collect()
    }

    async fn add_markets(&self, markets: &[Market]) -> StoreResult<()> {
        let rows = markets.iter().map(|m| (m.id.as_str(), json_of(m)));
        self.add_bodies(
            "INSERT INTO markets (id, body) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
            rows,
        )
        .await
    }

    async fn markets(&self) -> StoreResult<Vec<Market>> {
        let bodies = self.bodies("SELECT body FROM markets ORDER BY id").await?;
        bodies
            .iter()
            .map(|b| parse_market(b).map_err(|e| StoreError::Corrupt(format!("market {e}"))))
            .collect()
    }

    async fn add_seekers(&self, seekers: &[SeekerProfile]) -> StoreResult<()> {
        let rows = seekers.iter().map(|s| (s.id.as_str(), json_of(s)));
        self.add_bodies(
            "INSERT INTO seekers (id, body) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
            rows,
        )
        .await
    }

    async fn seekers(&self) -> StoreResult<Vec<SeekerProfile>> {
        let bodies = self.bodies("SELECT body FROM seekers ORDER BY id").await?;
        bodies
            .iter()
            .map(|b| parse_seeker(b).map_err(|e| StoreError::Corrupt(format!("seeker {e}"))))
            .collect()
    }

    async fn posting_count(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM postings")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn server_key(&self, name: &str) -> StoreResult<[u8; 32]> {
        self.key_named(name).await
    }

    async fn submit_application(
        &self,
        application: &Application,
        at: Timestamp,
    ) -> StoreResult<(StoredApplication, Intake)> {
        self.insert_application(application, at).await
    }

    async fn application(&self, id: &str) -> StoreResult<Option<StoredApplication>> {
        self.select_application(id).await
    }

    async fn application_history(&self, id: &str) -> StoreResult<Vec<ApplicationEvent>> {
        self.select_application_history(id).await
    }

    async fn applications_for(&self, posting_id: &str) -> StoreResult<Vec<StoredApplication>> {
        self.select_applications_for(posting_id).await
    }

    async fn submit_report(&self, report: &Report, at: Timestamp) -> StoreResult<Intake> {
        self.insert_report(report, at).await
    }

    async fn open_reports(&self, limit: i64) -> StoreResult<Vec<Report>> {
        self.select_open_reports(limit).await
    }

    async fn take_step(&self, step: StepRequest<'_>) -> StoreResult<(StoredApplication, Intake)> {
        self.step(step).await
    }

    async fn expire_offers(&self, now: Timestamp) -> StoreResult<usize> {
        self.expire_due_offers(now).await
    }

    async fn dismiss_reports(
        &self,
        posting_id: &str,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<usize> {
        self.close_reports(posting_id, actor, at).await
    }

    async fn ledger(&self, after: i64, limit: i64) -> StoreResult<Vec<StoredEvent>> {
        self.select_ledger(after, limit).await
    }

    async fn ledger_heads(&self) -> StoreResult<Vec<TreeHead>> {
        self.select_ledger_heads().await
    }

    async fn add_ledger_head(&self, head: &TreeHead) -> StoreResult<()> {
        self.insert_ledger_head(head).await
    }
}
