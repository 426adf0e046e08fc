//! The seeker's own data on the kept shelf, as JSON.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::storage::{Shelf, Store, StoreError};

/// Key of the registration.
pub const PROFILE_KEY: &str = "profile";
/// Key of the preferences.
pub const SETTINGS_KEY: &str = "settings";
/// Key of the last position.
pub const POSITION_KEY: &str = "position";

/// The value under `key`; a value that no longer parses is reported, not dropped.
pub async fn load<T: DeserializeOwned>(
    store: &impl Store,
    key: &str,
) -> Result<Option<T>, StoreError> {
    match store.get(Shelf::Kept, key).await? {
        // Through `&str`, as every other JSON the app reads: serde_json compiles each type's
        // deserialiser once per input kind.
        Some(bytes) => std::str::from_utf8(&bytes)
            .ok()
            .and_then(|text| serde_json::from_str(text).ok())
            .map(Some)
            .ok_or_else(|| StoreError::Corrupt {
                key: key.to_string(),
            }),
        None => Ok(None),
    }
}

/// Writes `value` under `key`.
pub async fn save<T: Serialize>(
    store: &impl Store,
    key: &str,
    value: &T,
) -> Result<(), StoreError> {
    let json = serde_json::to_vec(value).map_err(|e| StoreError::Unavailable(e.to_string()))?;
    store
        .put_all(Shelf::Kept, vec![(key.to_string(), json)])
        .await
}
