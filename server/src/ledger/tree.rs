//! The Merkle tree over the ledger (RFC 6962, SHA-256): each leaf is the SHA-256 digest of an
//! event's text, so the tree holds 32 bytes an event, not the events. A tree head is the
//! root at a size, signed with the market's Ed25519 key.

use ct_merkle::mem_backed_tree::MemoryBackedTree;
use ct_merkle::{ConsistencyProof, InclusionProof, RootHash};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::hex;

/// The SHA-256 digest of an event's text: the leaf of the tree.
pub fn leaf_digest(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// The tree over the first events of the ledger, in order.
#[derive(Debug, Default)]
pub struct LedgerTree {
    tree: MemoryBackedTree<Sha256, [u8; 32]>,
}

/// A signed tree head: the ledger's root at a size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreeHead {
    /// How many events it covers.
    pub size: i64,
    /// The RFC 6962 root, hex.
    pub root: String,
    /// When it was signed (RFC 3339).
    pub at: String,
    /// The Ed25519 signature of [`head_message`], hex.
    pub signature: String,
}

/// What a head's signature covers.
pub fn head_message(size: i64, root: &str, at: &str) -> String {
    format!("linggong-ledger-v1\n{size}\n{root}\n{at}\n")
}

impl LedgerTree {
    /// Adds the next event's digest.
    pub fn push(&mut self, digest: [u8; 32]) {
        self.tree.push(digest);
    }

    /// How many events it holds.
    pub fn len(&self) -> i64 {
        i64::try_from(self.tree.len()).unwrap_or(i64::MAX)
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.tree.is_empty()
    }

    /// The root, hex (RFC 6962's hash of the empty tree when empty).
    pub fn root(&self) -> String {
        hex::encode(self.tree.root().as_bytes())
    }

    /// The head of the tree as it is, signed at `at`.
    pub fn head(&self, key: &SigningKey, at: &str) -> TreeHead {
        let root = self.root();
        let size = self.len();
        let signature = key.sign(head_message(size, &root, at).as_bytes());
        TreeHead {
            size,
            root,
            at: at.to_string(),
            signature: hex::encode(&signature.to_bytes()),
        }
    }

    /// The audit path of event `seq` (from 1) in this tree, hex digests from the leaf up.
    pub fn inclusion(&self, seq: i64) -> Option<Vec<String>> {
        let index = usize::try_from(seq.checked_sub(1)?).ok()?;
        if index >= self.tree.items().len() {
            return None;
        }
        let proof: InclusionProof<Sha256> = self.tree.prove_inclusion(index);
        Some(proof.as_bytes().chunks(32).map(hex::encode).collect())
    }

    /// The leaf digest of event `seq` (from 1).
    pub fn digest(&self, seq: i64) -> Option<[u8; 32]> {
        let index = usize::try_from(seq.checked_sub(1)?).ok()?;
        self.tree.items().get(index).copied()
    }

    /// The proof that this tree extends its first `size` events, hex digests.
    pub fn consistency(&self, size: i64) -> Option<Vec<String>> {
        let size = u64::try_from(size).ok().filter(|s| *s >= 1)?;
        let additions = self.tree.len().checked_sub(size)?;
        let additions = usize::try_from(additions).ok()?;
        let proof: ConsistencyProof<Sha256> = self.tree.prove_consistency(additions);
        Some(proof.as_bytes().chunks(32).map(hex::encode).collect())
    }

    /// Whether `digest` is event `seq` of the tree whose root is `root` at `size`, by `path`.
    pub fn verify_inclusion(
        root: &str,
        size: i64,
        seq: i64,
        digest: &[u8; 32],
        path: &[String],
    ) -> bool {
        let (Some(root), Ok(size), Ok(index)) = (
            hex::decode32(root),
            u64::try_from(size),
            seq.checked_sub(1)
                .and_then(|s| u64::try_from(s).ok())
                .ok_or(()),
        ) else {
            return false;
        };
        let bytes: Option<Vec<u8>> = path
            .iter()
            .map(|h| hex::decode32(h))
            .collect::<Option<Vec<_>>>()
            .map(|v| v.concat());
        let Some(bytes) = bytes else { return false };
        let root = RootHash::<Sha256>::new(root.into(), size);
        root.verify_inclusion(digest, index, &InclusionProof::from_bytes(bytes))
            .is_ok()
    }
}

/// Whether a head's signature is the market's.
pub fn head_is_signed(head: &TreeHead, key: &VerifyingKey) -> bool {
    let Some(bytes) = decode64(&head.signature) else {
        return false;
    };
    let signature = Signature::from_bytes(&bytes);
    key.verify(
        head_message(head.size, &head.root, &head.at).as_bytes(),
        &signature,
    )
    .is_ok()
}

/// 128 hex digits as 64 bytes.
fn decode64(text: &str) -> Option<[u8; 64]> {
    let (a, b) = (text.get(..64)?, text.get(64..)?);
    let (a, b) = (hex::decode32(a)?, hex::decode32(b)?);
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(&a);
    out[32..].copy_from_slice(&b);
    Some(out)
}

/// The market's signing key from 32 secret bytes.
pub fn signing_key(secret: &[u8; 32]) -> SigningKey {
    SigningKey::from_bytes(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_tree_has_rfc_6962s_root_and_a_head_verifies_with_its_key_only() {
        let tree = LedgerTree::default();
        assert_eq!(
            tree.root(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "SHA-256 of nothing"
        );
        let key = signing_key(&[1u8; 32]);
        let head = tree.head(&key, "2026-11-23T09:00:00+08:00");
        assert!(head_is_signed(&head, &key.verifying_key()));
        assert!(!head_is_signed(
            &head,
            &signing_key(&[2u8; 32]).verifying_key()
        ));
        let forged = TreeHead { size: 1, ..head };
        assert!(!head_is_signed(&forged, &key.verifying_key()));
    }

    #[test]
    fn every_event_has_an_inclusion_path_that_verifies_against_the_root() {
        let mut tree = LedgerTree::default();
        let digests: Vec<[u8; 32]> = (0..11)
            .map(|i| leaf_digest(&format!("event {i}")))
            .collect();
        for d in &digests {
            tree.push(*d);
        }
        let root = tree.root();
        for (i, d) in digests.iter().enumerate() {
            let seq = i as i64 + 1;
            let path = tree.inclusion(seq).unwrap();
            assert!(
                LedgerTree::verify_inclusion(&root, 11, seq, d, &path),
                "event {seq}"
            );
            assert!(!LedgerTree::verify_inclusion(
                &root,
                11,
                seq,
                &leaf_digest("other"),
                &path
            ));
        }
        assert_eq!(tree.inclusion(0), None);
        // Found by fuzzing: the lowest number overflowed on the way to an index.
        assert!(!LedgerTree::verify_inclusion(
            &root,
            11,
            i64::MIN,
            &digests[0],
            &[]
        ));
        assert_eq!(tree.inclusion(12), None);
    }
}
