//! The service ledger (台账): every service event — a posting published, withdrawn, taken down
//! or expired, an application and each of its steps, a report and how it was settled, a
//! registration, a change to the market directory — is appended with its time, actor and
//! channel (online, or offline at the counter), never updated or deleted. Tamper-evident as
//! Certificate Transparency is: the events are the leaves of an RFC 6962 Merkle tree, whose
//! root is signed (Ed25519) from time to time and on demand; a signed head commits the market
//! to every event before it, and an inclusion or consistency proof shows that an event is in
//! it, or that a later head extends an earlier one.
//!
//! Personal data never enters the ledger: a seeker appears as a salted hash of the phone
//! number, so the ledger can count seekers without naming them.

mod checkpoint;
mod entry;
mod figures;
mod tree;
mod verify;

pub use checkpoint::{
    LedgerCache, SIGNING_KEY, SignedTree, all_entries, all_events, checkpoint, market_key, tree_of,
    verify,
};
pub use entry::{Entry, EntryDraft, employer_hash, export_csv, seeker_hash};
pub use figures::{ServiceFigures, service_figures};
pub use tree::{LedgerTree, TreeHead, head_is_signed, head_message, leaf_digest, signing_key};
pub use verify::{LedgerProblem, StoredEvent, StoredHead, verify_ledger};
