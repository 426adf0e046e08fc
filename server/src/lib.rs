//! linggong-server: the market's server, a thin shell over `linggong-core` and storage.
//!
//! Employers post gigs and staff check them (the audit that gates publication is the audit
//! the phone runs); the published postings reach phones as snapshot tiles made from the
//! database and as a change feed; other platforms read them as JSON lines or schema.org
//! JSON-LD; statistics come from the market's own data. See README.md ("The market server")
//! for the API, and `store` for what is kept where.

mod api;
mod auth;
pub mod clock;
mod csp;
mod demo;
mod error;
mod hex;
mod jsonld;
pub mod ledger;
mod snapshot;
mod statics;
pub mod store;

use std::sync::Arc;

pub use api::check_new_account;
pub use api::{ReportFile, report, router};
pub use auth::hash_password;
pub use demo::{DEMO_EMPLOYER, DEMO_PASSWORD, DEMO_STAFF, Seeded, seed_demo};
pub use error::ApiError;
pub use statics::with_static;

use clock::Clock;
use snapshot::SnapshotCache;

/// How long a seeker has to confirm an offer, by default: half a day, time to see it
/// between two jobs, short enough for the employer to ask someone else for tomorrow.
pub const DEFAULT_OFFER_HOURS: u32 = 12;

/// How the market is run.
#[derive(Debug, Clone, Copy)]
pub struct MarketConfig {
    /// Every posting waits for staff, even a clean one (some markets check everything).
    pub review_all: bool,
    /// Cookies only over HTTPS (set when a TLS proxy is in front).
    pub secure_cookies: bool,
    /// Hours a seeker has to confirm an offer before it expires.
    pub offer_hours: u32,
    /// Abuse limits per address (sign-in, accounts, posting, the outbox); off in `Default`
    /// (tests), on in the binary unless `LINGGONG_RATE_LIMIT=off`.
    pub rate_limits: bool,
    /// The reverse proxy in front, whose `X-Forwarded-For` names the client.
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// Live feed streams one process holds open at most (each ~tens of KB); beyond, 503 and
    /// the client polls.
    pub max_streams: usize,
}

/// Live streams per process by default.
pub const DEFAULT_MAX_STREAMS: usize = 10_000;

impl Default for MarketConfig {
    fn default() -> Self {
        Self {
            review_all: false,
            secure_cookies: false,
            offer_hours: DEFAULT_OFFER_HOURS,
            rate_limits: false,
            trusted_proxy: None,
            max_streams: DEFAULT_MAX_STREAMS,
        }
    }
}

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState<S> {
    /// The storage.
    pub store: S,
    /// Where "now" comes from.
    pub clock: Arc<dyn Clock>,
    /// How the market is run.
    pub config: MarketConfig,
    snapshot: Arc<SnapshotCache>,
    application_key: Arc<tokio::sync::OnceCell<[u8; 32]>>,
    feed_head: Arc<std::sync::OnceLock<tokio::sync::watch::Receiver<i64>>>,
    ledger: ledger::LedgerCache,
    limiter: Option<Arc<api::limits::Limiter>>,
    open_streams: Arc<std::sync::atomic::AtomicUsize>,
}

impl<S> AppState<S> {
    /// The state of a server on `store`.
    pub fn new(store: S, clock: Arc<dyn Clock>, config: MarketConfig) -> Self {
        Self {
            store,
            clock,
            config,
            snapshot: Arc::new(SnapshotCache::default()),
            application_key: Arc::default(),
            feed_head: Arc::default(),
            ledger: ledger::LedgerCache::default(),
            limiter: config
                .rate_limits
                .then(|| Arc::new(api::limits::Limiter::behind(config.trusted_proxy))),
            open_streams: Arc::default(),
        }
    }

    /// A live stream's slot, unless `max_streams` are open.
    fn stream_slot(&self) -> Option<api::StreamSlot> {
        api::StreamSlot::take(&self.open_streams, self.config.max_streams)
    }

    /// The abuse limits, when they are on.
    pub(crate) fn limiter(&self) -> Option<&Arc<api::limits::Limiter>> {
        self.limiter.as_ref()
    }

    /// Takes one request of `class` by `who` when the limits are on; a 429 beyond them.
    pub(crate) fn limit(
        &self,
        class: api::limits::Class,
        who: api::limits::Subject,
    ) -> Result<(), ApiError> {
        match &self.limiter {
            Some(l) => l
                .take(class, who, std::time::Instant::now())
                .map_err(ApiError::rate_limited),
            None => Ok(()),
        }
    }

    /// The ledger's tree, shared by the handlers and the minute's signing of a head.
    pub fn ledger(&self) -> &ledger::LedgerCache {
        &self.ledger
    }
}

impl<S: store::MarketStore> AppState<S> {
    /// The feed's head as this process last read it; the watcher starts with the first
    /// live subscriber.
    fn feed_head(&self) -> tokio::sync::watch::Receiver<i64> {
        self.feed_head
            .get_or_init(|| api::watch_head(self.store.clone()))
            .clone()
    }

    /// The key application tokens are made with, read from the database once.
    async fn application_key(&self) -> Result<[u8; 32], store::StoreError> {
        let key = self
            .application_key
            .get_or_try_init(|| self.store.server_key(auth::APPLICATION_KEY))
            .await?;
        Ok(*key)
    }
}

impl<S> std::fmt::Debug for AppState<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}
