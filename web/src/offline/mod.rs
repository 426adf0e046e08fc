//! Working without a network: the snapshot cache and the outbox of applications.

mod gazetteer;
mod live_journal;
mod outbox;
mod outbox_item;
mod registration;
mod snapshot_cache;

pub use gazetteer::load_gazetteer;
pub use live_journal::{JOURNAL_KEY, Journal, Waiting};
pub use outbox::{Application, Outbox, new_id, refusal};
pub use registration::{MarketRegistration, registration_body};
pub use snapshot_cache::{LoadWarning, Loaded, MANIFEST_KEY, load_near};
