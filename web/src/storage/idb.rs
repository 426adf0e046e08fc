//! The IndexedDB store.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbTransaction, IdbTransactionMode};

use super::deadline::{STORAGE_DEADLINE_MS, within};
use super::idb_request::{committed, request, to_store_error};
use super::{Shelf, Store, StoreError, seal, unseal};

/// The app's database.
pub(crate) const DB_NAME: &str = "linggong";

/// The schema version. Version 1 was the pre-release layout; any upgrade keeps the
/// [`Shelf::Kept`] store as it is and replaces every other store (they are only caches).
pub const SCHEMA_VERSION: u32 = 2;

/// A [`Store`] in IndexedDB: one object store per [`Shelf`], keys are strings, values are
/// sealed bytes.
///
/// Every call has a deadline ([`STORAGE_DEADLINE_MS`]); a call that fails because the
/// connection is gone or does not answer reopens the database once and tries again, then
/// reports [`StoreError::Unavailable`] (the app goes on from the network or from memory).
#[derive(Debug, Clone)]
pub struct IdbStore {
    name: Rc<str>,
    db: Rc<RefCell<IdbDatabase>>,
}

impl IdbStore {
    /// Opens (creating or upgrading) the database `name`.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        let db = within(STORAGE_DEADLINE_MS, open_db(name)).await?;
        Ok(Self {
            name: name.into(),
            db: Rc::new(RefCell::new(db)),
        })
    }

    /// Closes the connection (the conformance suite uses it to lose the connection).
    pub fn close(&self) {
        self.db.borrow().close();
    }

    /// Runs `call` on the connection; if the connection is lost or silent, reopens it once
    /// and runs `call` again.
    async fn retrying<T, F, Fut>(&self, call: F) -> Result<T, StoreError>
    where
        F: Fn(IdbDatabase) -> Fut,
        Fut: Future<Output = Result<T, StoreError>>,
    {
        let db = self.db.borrow().clone();
        match within(STORAGE_DEADLINE_MS, call(db)).await {
            Err(StoreError::Unavailable(_)) => {
                let db = within(STORAGE_DEADLINE_MS, open_db(&self.name)).await?;
                *self.db.borrow_mut() = db.clone();
                within(STORAGE_DEADLINE_MS, call(db)).await
            }
            other => other,
        }
    }
}

async fn open_db(name: &str) -> Result<IdbDatabase, StoreError> {
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
    Ok(db)
}

fn object_store(
    db: &IdbDatabase,
    shelf: Shelf,
    mode: IdbTransactionMode,
) -> Result<(IdbTransaction, IdbObjectStore), StoreError> {
    let tx = db
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
    db: &IdbDatabase,
    shelf: Shelf,
    issue: impl FnOnce(&IdbObjectStore) -> Result<(), JsValue>,
) -> Result<(), StoreError> {
    let (tx, store) = object_store(db, shelf, IdbTransactionMode::Readwrite)?;
    if let Err(e) = issue(&store) {
        let _ = tx.abort();
        return Err(to_store_error(&e));
    }
    committed(&tx).await
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
        self.retrying(|db| async move {
            let (_tx, store) = object_store(&db, shelf, IdbTransactionMode::Readonly)?;
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
        })
        .await
    }

    async fn put_all(
        &self,
        shelf: Shelf,
        entries: Vec<(String, Vec<u8>)>,
    ) -> Result<(), StoreError> {
        let sealed: Vec<(JsValue, Uint8Array)> = entries
            .iter()
            .map(|(k, v)| (JsValue::from_str(k), Uint8Array::from(seal(v).as_slice())))
            .collect();
        self.retrying(|db| {
            let sealed = &sealed;
            async move {
                write(&db, shelf, |store| {
                    for (key, value) in sealed {
                        store.put_with_key(value, key)?;
                    }
                    Ok(())
                })
                .await
            }
        })
        .await
    }

    async fn delete(&self, shelf: Shelf, keys: Vec<String>) -> Result<(), StoreError> {
        self.retrying(|db| {
            let keys = &keys;
            async move {
                write(&db, shelf, |store| {
                    for key in keys {
                        store.delete(&JsValue::from_str(key))?;
                    }
                    Ok(())
                })
                .await
            }
        })
        .await
    }

    async fn keys(&self, shelf: Shelf) -> Result<Vec<String>, StoreError> {
        self.retrying(|db| async move {
            let (_tx, store) = object_store(&db, shelf, IdbTransactionMode::Readonly)?;
            let req = store.get_all_keys().map_err(|e| to_store_error(&e))?;
            let keys: Array = request(&req).await?.unchecked_into();
            let mut keys: Vec<String> = keys.iter().filter_map(|k| k.as_string()).collect();
            keys.sort();
            Ok(keys)
        })
        .await
    }

    async fn clear(&self, shelf: Shelf) -> Result<(), StoreError> {
        self.retrying(
            |db| async move { write(&db, shelf, |store| store.clear().map(|_| ())).await },
        )
        .await
    }
}
