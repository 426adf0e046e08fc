//! Where the app keeps things on the phone: behind the [`Store`] trait, so IndexedDB, its
//! in-memory fallback and any future backend pass one conformance suite (`web/tests/`).
//!
//! Two shelves: [`Shelf::Kept`] holds what only the seeker has (profile, settings, the outbox
//! of applications) and survives upgrades and "clear cache"; [`Shelf::Cache`] holds what the
//! network can give again (manifest, tiles, markets). Every value is sealed with a CRC-32, so a
//! corrupt value is reported as [`StoreError::Corrupt`] instead of being used.

mod deadline;
mod error;
mod idb;
pub mod idb_request;
mod memory;
mod seal;

pub use deadline::{STORAGE_DEADLINE_MS, sleep};
pub use error::StoreError;
pub use idb::{IdbStore, SCHEMA_VERSION};
pub use memory::MemoryStore;
pub use seal::{seal, unseal};

/// One of the two object stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shelf {
    /// The seeker's own data: never cleared by the app, kept across schema upgrades.
    Kept,
    /// Data the network can give again: cleared by "clear cache" and by schema upgrades.
    Cache,
}

impl Shelf {
    /// The IndexedDB object store's name.
    pub fn name(self) -> &'static str {
        match self {
            Shelf::Kept => "kept",
            Shelf::Cache => "cache",
        }
    }
}

/// A key-value store of byte values on two shelves.
///
/// Writes come in batches that are all-or-nothing: a batch that fails (quota, a closed
/// connection) writes nothing and leaves what was there. Implementations take all of a batch
/// up front, so an IndexedDB transaction never waits on anything but IndexedDB.
#[allow(async_fn_in_trait)]
pub trait Store {
    /// The value under `key`, `None` if absent, [`StoreError::Corrupt`] if it fails its checksum.
    async fn get(&self, shelf: Shelf, key: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Writes every entry, or none of them.
    async fn put_all(
        &self,
        shelf: Shelf,
        entries: Vec<(String, Vec<u8>)>,
    ) -> Result<(), StoreError>;
    /// Removes the keys (absent keys are fine).
    async fn delete(&self, shelf: Shelf, keys: Vec<String>) -> Result<(), StoreError>;
    /// Every key on the shelf, sorted.
    async fn keys(&self, shelf: Shelf) -> Result<Vec<String>, StoreError>;
    /// Empties the shelf.
    async fn clear(&self, shelf: Shelf) -> Result<(), StoreError>;
}

/// The store the app runs on: IndexedDB where the browser gives it, memory where it does not
/// (private mode, a wiped WeChat WebView); the app says which in its banner.
#[derive(Debug, Clone)]
pub enum AppStore {
    /// IndexedDB.
    Idb(IdbStore),
    /// Memory only: nothing survives a reload.
    Memory(MemoryStore),
}

impl AppStore {
    /// IndexedDB if it opens, else memory.
    pub async fn open() -> Self {
        match IdbStore::open(idb::DB_NAME).await {
            Ok(store) => AppStore::Idb(store),
            Err(_) => AppStore::Memory(MemoryStore::new()),
        }
    }

    /// Whether what is stored survives a reload.
    pub fn is_persistent(&self) -> bool {
        matches!(self, AppStore::Idb(_))
    }
}

impl Store for AppStore {
    async fn get(&self, shelf: Shelf, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            AppStore::Idb(s) => s.get(shelf, key).await,
            AppStore::Memory(s) => s.get(shelf, key).await,
        }
    }
    async fn put_all(
        &self,
        shelf: Shelf,
        entries: Vec<(String, Vec<u8>)>,
    ) -> Result<(), StoreError> {
        match self {
            AppStore::Idb(s) => s.put_all(shelf, entries).await,
            AppStore::Memory(s) => s.put_all(shelf, entries).await,
        }
    }
    async fn delete(&self, shelf: Shelf, keys: Vec<String>) -> Result<(), StoreError> {
        match self {
            AppStore::Idb(s) => s.delete(shelf, keys).await,
            AppStore::Memory(s) => s.delete(shelf, keys).await,
        }
    }
    async fn keys(&self, shelf: Shelf) -> Result<Vec<String>, StoreError> {
        match self {
            AppStore::Idb(s) => s.keys(shelf).await,
            AppStore::Memory(s) => s.keys(shelf).await,
        }
    }
    async fn clear(&self, shelf: Shelf) -> Result<(), StoreError> {
        match self {
            AppStore::Idb(s) => s.clear(shelf).await,
            AppStore::Memory(s) => s.clear(shelf).await,
        }
    }
}
