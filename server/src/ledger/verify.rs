//! Checking the whole ledger: every event is there, in order, as written; every signed head
//! is the root of the events before it, signed by the market's key.

use ed25519_dalek::VerifyingKey;

use super::tree::head_is_signed;
use super::{Entry, LedgerTree, TreeHead, leaf_digest};
use crate::hex;

/// An event as the database returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// Its number.
    pub seq: i64,
    /// The entry's text.
    pub text: String,
    /// The digest written with it, hex.
    pub digest: String,
}

/// A signed head as the database returns it.
pub type StoredHead = TreeHead;

/// The first thing wrong with a ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerProblem {
    /// Event `seq` is not there (deleted, or the ledger cut short).
    Missing {
        /// The first missing number.
        seq: i64,
    },
    /// Event `seq` no longer matches what was written (its text, its digest or its place).
    Changed {
        /// The event.
        seq: i64,
    },
    /// Text and digest were changed together: the head of `size` events, signed earlier, no
    /// longer matches; the change lies in events `after + 1 ..= size`.
    Rewritten {
        /// The last head that still matches (0 for none).
        after: i64,
        /// The size of the first head that does not.
        size: i64,
    },
    /// A head's signature is not the market's.
    Unsigned {
        /// The head's size.
        size: i64,
    },
}

impl std::fmt::Display for LedgerProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing { seq } => write!(f, "event #{seq} is missing"),
            Self::Changed { seq } => write!(f, "event #{seq} does not match what was written"),
            Self::Rewritten { after, size } => write!(
                f,
                "events #{}..#{size} were changed after the head of {size} events was signed",
                after + 1
            ),
            Self::Unsigned { size } => write!(
                f,
                "the head of {size} events is not signed by the market's key"
            ),
        }
    }
}

/// Whether the stored event is what was written at its place.
fn event_is_intact(event: &StoredEvent) -> bool {
    let entry: Option<Entry> = serde_json::from_str(&event.text).ok();
    entry.is_some_and(|e| e.seq == event.seq)
        && hex::encode(&leaf_digest(&event.text)) == event.digest
}

/// Checks `events` (ordered by number) against `heads` (ordered by size) and the market's
/// key; how many events it checked, or the first problem.
pub fn verify_ledger(
    events: &[StoredEvent],
    heads: &[StoredHead],
    key: &VerifyingKey,
) -> Result<i64, LedgerProblem> {
    let mut tree = LedgerTree::default();
    let mut heads = heads.iter().peekable();
    let mut last_good = 0;
    for (expected, event) in (1..).zip(events) {
        if event.seq != expected {
            return Err(LedgerProblem::Missing { seq: expected });
        }
        if !event_is_intact(event) {
            return Err(LedgerProblem::Changed { seq: event.seq });
        }
        tree.push(leaf_digest(&event.text));
        while let Some(head) = heads.next_if(|h| h.size == tree.len()) {
            if !head_is_signed(head, key) {
                return Err(LedgerProblem::Unsigned { size: head.size });
            }
            if head.root != tree.root() {
                return Err(LedgerProblem::Rewritten {
                    after: last_good,
                    size: head.size,
                });
            }
            last_good = head.size;
        }
    }
    match heads.next() {
        Some(head) if head.size > tree.len() => Err(LedgerProblem::Missing {
            seq: tree.len() + 1,
        }),
        Some(head) => Err(LedgerProblem::Unsigned { size: head.size }),
        None => Ok(tree.len()),
    }
}
