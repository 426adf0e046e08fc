//! [`MarketStore`] on SQLite and PostgreSQL through sqlx's Any driver.
//!
//! Both databases read the same SQL: `$n` placeholders, `RETURNING`, integers as 64-bit,
//! booleans as 0/1. What differs is said in [`Backend`]: how a write transaction begins and
//! how a new connection is set up. Every write takes the feed counter (`feed_head`) as its
//! last step when it changes the feed: the counter's row lock is held until commit, so
//! sequence numbers are handed out in commit order and a reader that has seen `n` has seen
//! every change before it, even with several server processes on one PostgreSQL.
//!
//! The trait's methods are here, each a line that calls the SQL of its part: `postings`
//! (states, events, imports), `feed`, `intake` (applications, their steps, reports),
//! `registrations`, `markets` (the directory) and `ledger`; `backup` writes a consistent copy
//! while servers run and restores one.

mod backup;
mod feed;
mod intake;
mod ledger;
mod markets;
mod postings;
mod registrations;

use std::borrow::Cow;

use linggong_core::{Market, Posting, SeekerProfile, Timestamp, parse_posting, parse_seeker};
use sqlx::any::{AnyPoolOptions, AnyRow};

use crate::ledger::{StoredEvent, TreeHead};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{Any, AnyPool, Executor, Row, SqlSafeStr, Transaction};

use super::{
    Account, Actor, Application, ApplicationEvent, FeedPage, FeedSlice, FeedView, ImportOutcome,
    Intake, LedgerPage, LedgerQuery, MarketStore, NewAccount, PostingEvent, PostingStatus, Report,
    Role, StepRequest, StoreError, StoreResult, StoredApplication, StoredPosting, Transition,
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
    (
        "application_registration",
        include_str!("../../../migrations/sqlite/0005_application_registration.sql"),
    ),
    (
        "feed_packed",
        include_str!("../../../migrations/sqlite/0006_feed_packed.sql"),
    ),
    (
        "market_directory",
        include_str!("../../../migrations/sqlite/0007_market_directory.sql"),
    ),
    (
        "ledger_subject",
        include_str!("../../../migrations/sqlite/0008_ledger_subject.sql"),
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
    (
        "application_registration",
        include_str!("../../../migrations/postgres/0005_application_registration.sql"),
    ),
    (
        "feed_packed",
        include_str!("../../../migrations/postgres/0006_feed_packed.sql"),
    ),
    (
        "market_directory",
        include_str!("../../../migrations/postgres/0007_market_directory.sql"),
    ),
    (
        "ledger_subject",
        include_str!("../../../migrations/postgres/0008_ledger_subject.sql"),
    ),
];

/// The market's storage on SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pool: AnyPool,
    backend: Backend,
    url: String,
    /// Server keys read once: made once and never changed, they were read (an insert and a
    /// select, outside the caller's transaction) on every application before.
    keys: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, [u8; 32]>>>,
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
            keys: std::sync::Arc::default(),
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

    async fn set_password_hash(&self, account_id: i64, password_hash: &str) -> StoreResult<()> {
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        Ok(())
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
        self.do_insert_posting(posting, owner_id, status, actor, at)
            .await
    }

    async fn insert_postings(
        &self,
        postings: &[(Posting, PostingStatus)],
        owner_id: Option<i64>,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<()> {
        self.do_insert_postings(postings, owner_id, actor, at).await
    }

    async fn import_posting(
        &self,
        posting: &Posting,
        status: PostingStatus,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<ImportOutcome> {
        self.do_import_posting(posting, status, actor, at).await
    }

    async fn posting(&self, id: &str) -> StoreResult<Option<StoredPosting>> {
        self.do_posting(id).await
    }

    async fn history(&self, id: &str) -> StoreResult<Vec<PostingEvent>> {
        self.do_history(id).await
    }

    async fn transition(&self, t: Transition<'_>) -> StoreResult<StoredPosting> {
        self.do_transition(t).await
    }

    async fn review_queue(&self, limit: i64) -> StoreResult<Vec<StoredPosting>> {
        self.do_review_queue(limit).await
    }

    async fn postings_of(&self, owner_id: i64) -> StoreResult<Vec<StoredPosting>> {
        self.do_postings_of(owner_id).await
    }

    async fn expire_due(&self, now: Timestamp) -> StoreResult<usize> {
        self.do_expire_due(now).await
    }

    async fn feed(&self, after: i64, limit: i64) -> StoreResult<FeedPage> {
        self.read_feed(after, limit).await
    }

    async fn feed_changes(
        &self,
        after: i64,
        limit: i64,
        view: &FeedView,
    ) -> StoreResult<FeedSlice> {
        self.read_feed_changes(after, limit, view).await
    }

    async fn latest_cursor(&self) -> StoreResult<i64> {
        self.read_latest_cursor().await
    }

    async fn tiles_changed_after(&self, after: i64) -> StoreResult<(Vec<String>, i64)> {
        self.read_tiles_changed_after(after).await
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
        self.insert_markets(markets).await
    }

    async fn markets(&self) -> StoreResult<Vec<Market>> {
        self.select_markets().await
    }

    async fn save_market(
        &self,
        market: &Market,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<ImportOutcome> {
        self.upsert_market(market, actor, at).await
    }

    async fn remove_market(&self, id: &str, actor: Actor, at: Timestamp) -> StoreResult<()> {
        self.delete_market(id, actor, at).await
    }

    async fn markets_version(&self) -> StoreResult<i64> {
        self.read_markets_version().await
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

    async fn seeker(&self, id: &str) -> StoreResult<Option<SeekerProfile>> {
        self.select_seeker(id).await
    }

    async fn register_seeker(
        &self,
        profile: &SeekerProfile,
        actor: Actor,
        at: Timestamp,
    ) -> StoreResult<Intake> {
        self.insert_registration(profile, actor, at).await
    }

    async fn update_seeker(&self, profile: &SeekerProfile, at: Timestamp) -> StoreResult<()> {
        self.replace_registration(profile, at).await
    }

    async fn delete_seeker(&self, id: &str, at: Timestamp) -> StoreResult<()> {
        self.remove_registration(id, at).await
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

    async fn ledger_page(&self, query: &LedgerQuery) -> StoreResult<LedgerPage> {
        self.select_ledger_page(query).await
    }

    async fn ledger_heads(&self) -> StoreResult<Vec<TreeHead>> {
        self.select_ledger_heads().await
    }

    async fn add_ledger_head(&self, head: &TreeHead) -> StoreResult<()> {
        self.insert_ledger_head(head).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A migration file added to the folder but not to the list would never run.
    #[test]
    fn every_migration_file_is_listed_in_order() {
        for (db, listed) in [
            ("sqlite", SQLITE_MIGRATIONS),
            ("postgres", POSTGRES_MIGRATIONS),
        ] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(db);
            let mut files: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            files.sort();
            let names: Vec<String> = listed
                .iter()
                .enumerate()
                .map(|(i, (name, _))| format!("{:04}_{name}.sql", i + 1))
                .collect();
            assert_eq!(files, names, "{db}");
        }
    }
}
