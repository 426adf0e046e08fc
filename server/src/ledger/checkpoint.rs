//! The ledger read back from storage: its tree, a new signed head when it has grown, an
//! inclusion proof, and the whole check that `linggong-server ledger verify` runs.

use std::sync::Arc;

use ed25519_dalek::SigningKey;
use linggong_core::Timestamp;
use tokio::sync::{Mutex, MutexGuard};

use super::tree::signing_key;
use super::{LedgerProblem, LedgerTree, StoredEvent, TreeHead, verify_ledger};
use crate::store::{MarketStore, StoreResult};

/// The name of the server key the market signs tree heads with.
pub const SIGNING_KEY: &str = "ledger-signing";

/// How many events are read at a time.
const PAGE: i64 = 10_000;

/// The market's signing key.
pub async fn market_key<S: MarketStore>(store: &S) -> StoreResult<SigningKey> {
    Ok(signing_key(&store.server_key(SIGNING_KEY).await?))
}

/// Every event, in order.
pub async fn all_events<S: MarketStore>(store: &S) -> StoreResult<Vec<StoredEvent>> {
    let mut events: Vec<StoredEvent> = Vec::new();
    loop {
        let after = events.last().map_or(0, |e| e.seq);
        let page = store.ledger(after, PAGE).await?;
        let done = page.len() < usize::try_from(PAGE).unwrap_or(usize::MAX);
        events.extend(page);
        if done {
            return Ok(events);
        }
    }
}

/// Every event, read as entries (one that does not read is left out: `verify` names it).
pub async fn all_entries<S: MarketStore>(store: &S) -> StoreResult<Vec<super::Entry>> {
    Ok(all_events(store)
        .await?
        .iter()
        .filter_map(|e| serde_json::from_str(&e.text).ok())
        .collect())
}

/// The tree over `events`, as written.
pub fn tree_of(events: &[StoredEvent]) -> LedgerTree {
    let mut tree = LedgerTree::default();
    for event in events {
        tree.push(super::leaf_digest(&event.text));
    }
    tree
}

/// The ledger's tree kept in memory and caught up with storage each time it is used, so a
/// head or a proof costs the events since the last use, not a read of the whole ledger
/// (32 bytes an event: a million events are about 100 MB with the tree's inner nodes).
/// Events are numbered in commit order without gaps, so reading on from the tree's size is
/// enough; tampering with events already read is `verify`'s to find, from storage.
#[derive(Debug, Clone, Default)]
pub struct LedgerCache {
    tree: Arc<Mutex<LedgerTree>>,
}

/// The tree as far as its latest signed head, held while a proof is made from it.
#[derive(Debug)]
pub struct SignedTree<'a> {
    /// The tree, exactly the events the head covers.
    pub tree: MutexGuard<'a, LedgerTree>,
    /// Its signed head.
    pub head: TreeHead,
}

impl LedgerCache {
    /// The tree caught up with storage and its head, signing a new one at `now` when events
    /// came after the latest kept. An empty ledger's head is signed but not kept.
    pub async fn signed<S: MarketStore>(
        &self,
        store: &S,
        now: Timestamp,
    ) -> StoreResult<SignedTree<'_>> {
        let mut tree = self.tree.lock().await;
        loop {
            let page = store.ledger(tree.len(), PAGE).await?;
            for event in &page {
                tree.push(super::leaf_digest(&event.text));
            }
            if page.len() < usize::try_from(PAGE).unwrap_or(usize::MAX) {
                break;
            }
        }
        let heads = store.ledger_heads().await?;
        if let Some(last) = heads.into_iter().rev().find(|h| h.size == tree.len()) {
            return Ok(SignedTree { tree, head: last });
        }
        let head = tree.head(&market_key(store).await?, &now.to_string());
        if head.size > 0 {
            store.add_ledger_head(&head).await?;
        }
        Ok(SignedTree { tree, head })
    }
}

/// The latest signed head, signing a new one at `now` when events came after it (reads the
/// whole ledger: a server keeps a [`LedgerCache`] instead).
pub async fn checkpoint<S: MarketStore>(store: &S, now: Timestamp) -> StoreResult<TreeHead> {
    Ok(LedgerCache::default().signed(store, now).await?.head)
}

/// The whole check: every event there, in order, as written; every head the root of the
/// events before it, signed by the market.
pub async fn verify<S: MarketStore>(store: &S) -> StoreResult<Result<i64, LedgerProblem>> {
    let events = all_events(store).await?;
    let heads = store.ledger_heads().await?;
    let key = market_key(store).await?.verifying_key();
    Ok(verify_ledger(&events, &heads, &key))
}
