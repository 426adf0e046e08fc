//! Storage: what the market keeps, behind one trait ([`MarketStore`]) with one conformance
//! suite (`server/tests/store.rs`) that every backend passes.
//!
//! [`SqlStore`] implements it on SQLite (one embedded file, the default) and on PostgreSQL
//! (a province, several server processes), through sqlx's Any driver: the SQL of each
//! operation is written once, so the two databases cannot disagree on what an operation
//! does; their schemas are separate migrations (`server/migrations/{sqlite,postgres}`).

mod intake;
mod model;
mod sql;

pub use intake::{Application, ApplicationEvent, Intake, Report, StepRequest, StoredApplication};
pub use linggong_core::ApplicationStatus;
pub use linggong_core::{FeedChange, FeedPage};
pub use model::{
    Account, Actor, ActorRole, Channel, ImportOutcome, NewAccount, PostingEvent, PostingStatus,
    Role, StoredPosting, Transition,
};
pub use model::{ChangeForm, FeedSlice, FeedView, LedgerPage, LedgerQuery};
pub use sql::{Backend, SqlStore};

use std::future::Future;

use linggong_core::{Market, Posting, SeekerProfile, Timestamp};

/// Why a storage operation failed.
#[derive(Debug)]
pub enum StoreError {
    /// The record exists already (a phone number, a posting id), or an id holds another
    /// record than the one sent under it.
    Conflict(String),
    /// No such record.
    NotFound,
    /// The posting is not in a state the transition starts from; its current state.
    WrongState(PostingStatus),
    /// The application is not in a state the step starts from; its current state.
    WrongApplicationState(ApplicationStatus),
    /// The party never takes this step.
    NotYourStep,
    /// A stored row does not read back (a bug or a hand-edited database).
    Corrupt(String),
    /// The database refused or failed.
    Database(sqlx::Error),
    /// The migrations could not be applied.
    Migrate(sqlx::migrate::MigrateError),
    /// The database URL names no supported database.
    Url(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Conflict(what) => write!(f, "{what} exists already"),
            Self::NotFound => f.write_str("not found"),
            Self::WrongState(current) => write!(f, "not allowed while {}", current.as_str()),
            Self::WrongApplicationState(current) => {
                write!(
                    f,
                    "not allowed while the application is {}",
                    current.as_str()
                )
            }
            Self::NotYourStep => f.write_str("not a step this party takes"),
            Self::Corrupt(what) => write!(f, "a stored record does not read back: {what}"),
            Self::Database(e) => write!(f, "database: {e}"),
            Self::Migrate(e) => write!(f, "migrations: {e}"),
            Self::Url(url) => write!(
                f,
                "`{url}` is no database URL this server reads (sqlite://PATH or postgres://…)"
            ),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                Self::Conflict(db.message().to_string())
            }
            _ => Self::Database(e),
        }
    }
}

/// What storage answers.
pub type StoreResult<T> = Result<T, StoreError>;

/// Everything the market keeps. Each method is one transaction: it happens whole or not at
/// all. Every change to a published posting appends to the change feed in the same
/// transaction, in commit order.
pub trait MarketStore: Clone + Send + Sync + 'static {
    /// Creates an account; [`StoreError::Conflict`] when the phone number has one.
    fn create_account(&self, account: NewAccount) -> impl Future<Output = StoreResult<i64>> + Send;
    /// The account of a phone number.
    fn account_by_phone(
        &self,
        phone: &str,
    ) -> impl Future<Output = StoreResult<Option<Account>>> + Send;
    /// Replaces an account's password hash (the same password hashed anew, with the pepper).
    fn set_password_hash(
        &self,
        account_id: i64,
        password_hash: &str,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Opens a session kept by the digest of its token.
    fn create_session(
        &self,
        token_digest: &str,
        account_id: i64,
        expires_at: Timestamp,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The account of a session that has not expired at `now`.
    fn session_account(
        &self,
        token_digest: &str,
        now: Timestamp,
    ) -> impl Future<Output = StoreResult<Option<Account>>> + Send;
    /// Ends a session (nothing when there is none).
    fn end_session(&self, token_digest: &str) -> impl Future<Output = StoreResult<()>> + Send;

    /// Stores a new posting in `status`, with its first event (and a feed upsert when
    /// published); [`StoreError::Conflict`] when the id is taken.
    fn insert_posting(
        &self,
        posting: &Posting,
        owner_id: Option<i64>,
        status: PostingStatus,
        actor: Actor,
        at: Timestamp,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Stores many new postings in one transaction (the demo's seeding): all or none.
    fn insert_postings(
        &self,
        postings: &[(Posting, PostingStatus)],
        owner_id: Option<i64>,
        actor: Actor,
        at: Timestamp,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Stores a posting from another platform: added when new, left alone when stored with
    /// the same content, replaced (in `status`, with an event) when its content changed.
    fn import_posting(
        &self,
        posting: &Posting,
        status: PostingStatus,
        actor: Actor,
        at: Timestamp,
    ) -> impl Future<Output = StoreResult<ImportOutcome>> + Send;
    /// A posting with its state.
    fn posting(&self, id: &str) -> impl Future<Output = StoreResult<Option<StoredPosting>>> + Send;
    /// Every change of a posting's state, oldest first.
    fn history(&self, id: &str) -> impl Future<Output = StoreResult<Vec<PostingEvent>>> + Send;
    /// Moves a posting from one of `transition.from` to `transition.to`, with an event, and
    /// the feed change it makes (an upsert on publication, a removal when a published
    /// posting leaves); [`StoreError::WrongState`] from any other state.
    fn transition(
        &self,
        transition: Transition<'_>,
    ) -> impl Future<Output = StoreResult<StoredPosting>> + Send;
    /// Postings waiting for review, oldest first.
    fn review_queue(
        &self,
        limit: i64,
    ) -> impl Future<Output = StoreResult<Vec<StoredPosting>>> + Send;
    /// Postings of one owner, newest first.
    fn postings_of(
        &self,
        owner_id: i64,
    ) -> impl Future<Output = StoreResult<Vec<StoredPosting>>> + Send;
    /// Expires every published posting whose `valid_through` is not after `now`; how many.
    fn expire_due(&self, now: Timestamp) -> impl Future<Output = StoreResult<usize>> + Send;

    /// Up to `limit` changes after the cursor `after`, in commit order, and the cursor to
    /// ask from next (the last change's, or `after` when there is none).
    fn feed(&self, after: i64, limit: i64) -> impl Future<Output = StoreResult<FeedPage>> + Send;
    /// The same changes as [`MarketStore::feed`] as `view` asks for them (each in its form,
    /// only those touching its tiles), written from the stored text without reading it into
    /// a posting (the feed is the most read route); `limit` bounds the changes read.
    fn feed_changes(
        &self,
        after: i64,
        limit: i64,
        view: &FeedView,
    ) -> impl Future<Output = StoreResult<FeedSlice>> + Send;
    /// The page [`MarketStore::feed`] gives, as JSON text: the changes as JSON objects, or
    /// as strings in their packed form; its cursor is where reading reached.
    fn feed_json(
        &self,
        after: i64,
        limit: i64,
        view: &FeedView,
    ) -> impl Future<Output = StoreResult<String>> + Send {
        async move {
            let slice = self.feed_changes(after, limit, view).await?;
            let joined: Vec<String> = slice
                .changes
                .into_iter()
                .map(|(_, c)| match view.form {
                    ChangeForm::Json => c,
                    ChangeForm::Packed => serde_json::Value::String(c).to_string(),
                })
                .collect();
            Ok(format!(
                r#"{{"cursor":"{}","changes":[{}]}}"#,
                slice.cursor,
                joined.join(",")
            ))
        }
    }
    /// The cursor of the newest change (0 before the first).
    fn latest_cursor(&self) -> impl Future<Output = StoreResult<i64>> + Send;
    /// The tiles changed after the cursor `after`, and the newest cursor.
    fn tiles_changed_after(
        &self,
        after: i64,
    ) -> impl Future<Output = StoreResult<(Vec<String>, i64)>> + Send;
    /// The published postings of one tile.
    fn published_in_tile(
        &self,
        tile: &str,
    ) -> impl Future<Output = StoreResult<Vec<Posting>>> + Send;
    /// Every published posting; with `ever`, every posting that was ever published
    /// (withdrawn, taken down, filled or expired since), for archives and statistics.
    fn published(&self, ever: bool) -> impl Future<Output = StoreResult<Vec<Posting>>> + Send;

    /// Adds markets to the directory (ids already there are kept): the demo's seeding.
    fn add_markets(&self, markets: &[Market]) -> impl Future<Output = StoreResult<()>> + Send;
    /// The market directory, by id.
    fn markets(&self) -> impl Future<Output = StoreResult<Vec<Market>>> + Send;
    /// Adds a market to the directory or replaces the one under its id, with a
    /// `market.saved` ledger event; the same market again changes nothing
    /// ([`ImportOutcome::Unchanged`], no event).
    fn save_market(
        &self,
        market: &Market,
        actor: Actor,
        at: Timestamp,
    ) -> impl Future<Output = StoreResult<ImportOutcome>> + Send;
    /// Takes a market out of the directory, with a `market.removed` ledger event;
    /// [`StoreError::NotFound`] when there is none under `id`.
    fn remove_market(
        &self,
        id: &str,
        actor: Actor,
        at: Timestamp,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The directory's version: a number that grows with every change to it, read from the
    /// database, so every server process on it knows when its snapshot's directory is stale.
    fn markets_version(&self) -> impl Future<Output = StoreResult<i64>> + Send;
    /// Registers seekers with the market (ids already there are kept).
    fn add_seekers(
        &self,
        seekers: &[SeekerProfile],
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The seekers registered with the market.
    fn seekers(&self) -> impl Future<Output = StoreResult<Vec<SeekerProfile>>> + Send;
    /// A seeker registered with the market.
    fn seeker(&self, id: &str) -> impl Future<Output = StoreResult<Option<SeekerProfile>>> + Send;
    /// Registers a seeker under the id the phone (or the counter's desk) made, with a ledger
    /// event by `actor` (the seeker online, or staff at the counter); the same profile again
    /// is [`Intake::Repeat`], another under the id a [`StoreError::Conflict`].
    fn register_seeker(
        &self,
        profile: &SeekerProfile,
        actor: Actor,
        at: Timestamp,
    ) -> impl Future<Output = StoreResult<Intake>> + Send;
    /// Replaces a registration (the seeker changed it on the phone), with a ledger event.
    fn update_seeker(
        &self,
        profile: &SeekerProfile,
        at: Timestamp,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Deletes a registration: the profile is gone; the ledger keeps that it was deleted.
    fn delete_seeker(
        &self,
        id: &str,
        at: Timestamp,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// How many postings are stored (any state): zero means a new database.
    fn posting_count(&self) -> impl Future<Output = StoreResult<i64>> + Send;

    /// The server's secret key called `name`: 32 random bytes made on first use, the same
    /// for every server process on the database.
    fn server_key(&self, name: &str) -> impl Future<Output = StoreResult<[u8; 32]>> + Send;
    /// Keeps an application for a published posting, with its first event. The same
    /// application again gives [`Intake::Repeat`] and its present state; another under the
    /// same id, or a second one of the same phone for the posting, is a
    /// [`StoreError::Conflict`]; [`StoreError::NotFound`] without the posting,
    /// [`StoreError::WrongState`] when it is not published.
    fn submit_application(
        &self,
        application: &Application,
        at: Timestamp,
    ) -> impl Future<Output = StoreResult<(StoredApplication, Intake)>> + Send;
    /// An application with its state.
    fn application(
        &self,
        id: &str,
    ) -> impl Future<Output = StoreResult<Option<StoredApplication>>> + Send;
    /// Every change of an application's state, oldest first.
    fn application_history(
        &self,
        id: &str,
    ) -> impl Future<Output = StoreResult<Vec<ApplicationEvent>>> + Send;
    /// The applications for a posting, oldest first.
    fn applications_for(
        &self,
        posting_id: &str,
    ) -> impl Future<Output = StoreResult<Vec<StoredApplication>>> + Send;
    /// Keeps a report of a published posting, under the same rules of ids as
    /// [`MarketStore::submit_application`]. It stays open until [`MarketStore::dismiss_reports`]
    /// or the posting leaves the phones ([`MarketStore::transition`] closes it).
    fn submit_report(
        &self,
        report: &Report,
        at: Timestamp,
    ) -> impl Future<Output = StoreResult<Intake>> + Send;
    /// Open reports, oldest first.
    fn open_reports(&self, limit: i64) -> impl Future<Output = StoreResult<Vec<Report>>> + Send;
    /// Takes one step of an application's life (core's [`linggong_core::Step`] rules), with
    /// its event. A step sent again under the same `step_id` gives [`Intake::Repeat`] and
    /// the application as it is; `step_id` used for another step is a
    /// [`StoreError::Conflict`]. [`StoreError::NotYourStep`] when the party never takes
    /// it, [`StoreError::WrongApplicationState`] from a state it does not start from.
    fn take_step(
        &self,
        step: StepRequest<'_>,
    ) -> impl Future<Output = StoreResult<(StoredApplication, Intake)>> + Send;
    /// Expires every offer not confirmed by its time; how many.
    fn expire_offers(&self, now: Timestamp) -> impl Future<Output = StoreResult<usize>> + Send;
    /// Closes the open reports of a posting that staff kept published; how many.
    fn dismiss_reports(
        &self,
        posting_id: &str,
        actor: Actor,
        at: Timestamp,
    ) -> impl Future<Output = StoreResult<usize>> + Send;

    /// Up to `limit` ledger events after number `after`, in order.
    fn ledger(
        &self,
        after: i64,
        limit: i64,
    ) -> impl Future<Output = StoreResult<Vec<crate::ledger::StoredEvent>>> + Send;
    /// A page of the ledger as `query` asks for it (filters and order), with its cursor.
    fn ledger_page(
        &self,
        query: &LedgerQuery,
    ) -> impl Future<Output = StoreResult<LedgerPage>> + Send;
    /// The signed tree heads, smallest first.
    fn ledger_heads(
        &self,
    ) -> impl Future<Output = StoreResult<Vec<crate::ledger::TreeHead>>> + Send;
    /// Keeps a signed tree head (one of the same size already kept stands).
    fn add_ledger_head(
        &self,
        head: &crate::ledger::TreeHead,
    ) -> impl Future<Output = StoreResult<()>> + Send;
}
