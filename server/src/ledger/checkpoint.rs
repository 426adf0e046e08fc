//! The ledger read back from storage: its tree, a new signed head when it has grown, an
//! inclusion proof, and the whole check that `linggong-server ledger verify` runs.

use ed25519_dalek::SigningKey;
use linggong_core::Timestamp;

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

/// The latest signed head, signing a new one at `now` when events came after it. An empty
/// ledger's head is signed but not kept.
pub async fn checkpoint<S: MarketStore>(store: &S, now: Timestamp) -> StoreResult<TreeHead> {
    let events = all_events(store).await?;
    let heads = store.ledger_heads().await?;
    let size = i64::try_from(events.len()).unwrap_or(i64::MAX);
    if let Some(last) = heads.last().filter(|h| h.size == size) {
        return Ok(last.clone());
    }
    let head = tree_of(&events).head(&market_key(store).await?, &now.to_string());
    if head.size > 0 {
        store.add_ledger_head(&head).await?;
    }
    Ok(head)
}

/// The whole check: every event there, in order, as written; every head the root of the
/// events before it, signed by the market.
pub async fn verify<S: MarketStore>(store: &S) -> StoreResult<Result<i64, LedgerProblem>> {
    let events = all_events(store).await?;
    let heads = store.ledger_heads().await?;
    let key = market_key(store).await?.verifying_key();
    Ok(verify_ledger(&events, &heads, &key))
}
