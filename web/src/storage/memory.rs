//! The in-memory store: the fallback where IndexedDB is missing, and a model of the contract.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::{Shelf, Store, StoreError, seal, unseal};

/// Sealed values by shelf and key.
type Values = BTreeMap<(Shelf, String), Vec<u8>>;

/// A [`Store`] in memory, optionally with a byte quota (to show what a full disk does).
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    values: Rc<RefCell<Values>>,
    quota_bytes: Option<usize>,
}

impl MemoryStore {
    /// An empty store with no quota.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store that refuses batches once the sealed values would exceed `bytes`.
    pub fn with_quota_bytes(bytes: usize) -> Self {
        Self {
            quota_bytes: Some(bytes),
            ..Self::default()
        }
    }

    /// Flips one bit of a stored value, as a failing disk would (for the conformance suite).
    pub fn corrupt(&self, shelf: Shelf, key: &str) {
        if let Some(value) = self.values.borrow_mut().get_mut(&(shelf, key.to_string()))
            && let Some(last) = value.last_mut()
        {
            *last ^= 1;
        }
    }

    fn used_bytes(&self) -> usize {
        self.values.borrow().values().map(Vec::len).sum()
    }
}

impl Store for MemoryStore {
    async fn get(&self, shelf: Shelf, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match self.values.borrow().get(&(shelf, key.to_string())) {
            Some(sealed) => unseal(key, sealed).map(Some),
            None => Ok(None),
        }
    }

    async fn put_all(
        &self,
        shelf: Shelf,
        entries: Vec<(String, Vec<u8>)>,
    ) -> Result<(), StoreError> {
        let sealed: Vec<_> = entries.into_iter().map(|(k, v)| (k, seal(&v))).collect();
        if let Some(quota) = self.quota_bytes {
            let replaced: usize = {
                let values = self.values.borrow();
                sealed
                    .iter()
                    .filter_map(|(k, _)| values.get(&(shelf, k.clone())).map(Vec::len))
                    .sum()
            };
            let added: usize = sealed.iter().map(|(_, v)| v.len()).sum();
            if self.used_bytes() - replaced + added > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        let mut values = self.values.borrow_mut();
        for (k, v) in sealed {
            values.insert((shelf, k), v);
        }
        Ok(())
    }

    async fn delete(&self, shelf: Shelf, keys: Vec<String>) -> Result<(), StoreError> {
        let mut values = self.values.borrow_mut();
        for k in keys {
            values.remove(&(shelf, k));
        }
        Ok(())
    }

    async fn keys(&self, shelf: Shelf) -> Result<Vec<String>, StoreError> {
        Ok(self
            .values
            .borrow()
            .keys()
            .filter(|(s, _)| *s == shelf)
            .map(|(_, k)| k.clone())
            .collect())
    }

    async fn clear(&self, shelf: Shelf) -> Result<(), StoreError> {
        self.values.borrow_mut().retain(|(s, _), _| *s != shelf);
        Ok(())
    }
}
