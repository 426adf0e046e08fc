//! The IndexedDB store.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbTransactionMode};

use super::idb_request::{committed, request, to_store_error};
use super::{Shelf, Store, StoreError, seal, unseal};

/// The app's database.
pub(crate) const DB_NAME: &str = "linggong";

/// The schema version. Version 1 was the pre-release layout; any upgrade keeps the
/// [`Shelf::Kept`] store as it is and replaces every other store (they are only caches).
pub const SCHEMA_VERSION: u32 = 2;

/// A [`Store`] in IndexedDB: one object store per [`Shelf`], keys are strings, values are
/// sealed bytes.
#[derive(Debug, Clone)]
pub struct IdbStore {
    db: IdbDatabase,
}

impl IdbStore {
    /// Opens (creating or upgrading) the database `name`.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or_else(|| StoreError::Unavailable("no IndexedDB".into()))?;
        let open: IdbOpenDbRequest = factory
            .open_with_u32(name, SCHEMA_VERSION)
            .map_err(|e| to_store_error(&e))?;
        let upgrading = open.clone();
        open.set_onupgradeneeded(Some(
            Closure::once_into_js(move || upgrade(&upgrading)).unchecked_ref(),
        ));
        let db: IdbDatabase = request(&open).await?.unchecked_into();
        // Another tab with a newer app wants to upgrade: step aside (this tab reloads later).
        let closing = db.clone();
        db.set_onversionchange(Some(
            Closure::<dyn FnMut()>::new(move || closing.close())
                .into_js_value()
                .unchecked_ref(),
        ));
        Ok(Self { db })
    }

    /// Closes the connection (the conformance suite reopens to check what persisted).
    pub fn close(&self) {
        self.db.close();
    }

    fn object_store(
        &self,
        shelf: Shelf,
        mode: IdbTransactionMode,
    ) -> Result<(web_sys::IdbTransaction, IdbObjectStore), StoreError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(shelf.name(), mode)
            .map_err(|e| to_store_error(&e))?;
        let store = tx
            .object_store(shelf.name())
            .map_err(|e| to_store_error(&e))?;
        Ok((tx, store))
    }

    /// Runs `issue` (which issues requests, synchronously) in one read-write transaction and
    /// waits for it to commit.
    async fn write(
        &self,
        shelf: Shelf,
        issue: impl FnOnce(&IdbObjectStore) -> Result<(), JsValue>,
    ) -> Result<(), StoreError> {
        let (tx, store) = self.object_store(shelf, IdbTransactionMode::Readwrite)?;
        if let Err(e) = issue(&store) {
            let _ = tx.abort();
            return Err(to_store_error(&e));
        }
        committed(&tx).await
    }
}

/// Keeps the kept shelf, replaces everything else.
fn upgrade(open: &IdbOpenDbRequest) {
    let Ok(result) = open.result() else { return };
    let db: IdbDatabase = result.unchecked_into();
    let names = db.object_store_names();
    for i in 0..names.length() {
        if let Some(name) = names.get(i)
            && name != Shelf::Kept.name()
        {
            let _ = db.delete_object_store(&name);
        }
    }
    if !db.object_store_names().contains(Shelf::Kept.name()) {
        let _ = db.create_object_store(Shelf::Kept.name());
    }
    let _ = db.create_object_store(Shelf::Cache.name());
}

impl Store for IdbStore {
    async fn get(&self, shelf: Shelf, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let (_tx, store) = self.object_store(shelf, IdbTransactionMode::Readonly)?;
        let req = store
            .get(&JsValue::from_str(key))
            .map_err(|e| to_store_error(&e))?;
        let value = request(&req).await?;
        if value.is_undefined() {
            return Ok(None);
        }
        match value.dyn_into::<Uint8Array>() {
            Ok(bytes) => unseal(key, &bytes.to_vec()).map(Some),
            Err(_) => Err(StoreError::Corrupt {
                key: key.to_string(),
            }),
        }
    }

    async fn put_all(
        &self,
        shelf: Shelf,
        entries: Vec<(String, Vec<u8>)>,
    ) -> Result<(), StoreError> {
        self.write(shelf, |store| {
            for (key, value) in &entries {
                let sealed = Uint8Array::from(seal(value).as_slice());
                store.put_with_key(&sealed, &JsValue::from_str(key))?;
            }
            Ok(())
        })
        .await
    }

    async fn delete(&self, shelf: Shelf, keys: Vec<String>) -> Result<(), StoreError> {
        self.write(shelf, |store| {
            for key in &keys {
                store.delete(&JsValue::from_str(key))?;
            }
            Ok(())
        })
        .await
    }

    async fn keys(&self, shelf: Shelf) -> Result<Vec<String>, StoreError> {
        let (_tx, store) = self.object_store(shelf, IdbTransactionMode::Readonly)?;
        let req = store.get_all_keys().map_err(|e| to_store_error(&e))?;
        let keys: Array = request(&req).await?.unchecked_into();
        let mut keys: Vec<String> = keys.iter().filter_map(|k| k.as_string()).collect();
        keys.sort();
        Ok(keys)
    }

    async fn clear(&self, shelf: Shelf) -> Result<(), StoreError> {
        self.write(shelf, |store| store.clear().map(|_| ())).await
    }
}
