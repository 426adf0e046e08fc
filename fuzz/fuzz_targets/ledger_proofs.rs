//! The ledger's proofs (RFC 6962 trees over SHA-256, `linggong_server::ledger`). The first
//! byte picks a check; for all but `e` the rest is text, one value a line:
//! - `i` root, size, seq, digest, path…: `LedgerTree::verify_inclusion` on the lines as they
//!   are (the digest: 64 hex digits, else the leaf digest of the line) must not panic and must
//!   agree with the RFC 9162 §2.1.3.2 verifier written here (which reads only hex).
//! - `e` n, seq (u16), then edits: the same check on a real proof (event seq of a tree of
//!   n + 1 events) after the edits, each `[what, at (u16), byte]` putting the byte (as a
//!   Latin-1 character) at character `at` of the root, the digest or a path element, or
//!   `[what, i64]` setting seq or size (little-endian): near-valid proofs and extreme numbers.
//! - `h` at, signature, size, root, at: the head of a small tree signed at the first `at`
//!   verifies with `head_is_signed`; with the fuzzed signature it verifies only if that is the
//!   same signature; with the fuzzed size, root or at in place of its own, only if they are
//!   its own; a wholly fuzzed head must not panic.
//! - anything else: a first line of three numbers (seq, m, bit), then the leaves. The tree of
//!   the leaves' digests has RFC 6962's root (MTH, written here); `inclusion(seq)` verifies by
//!   `verify_inclusion` and by the RFC's verifier; `consistency(m)` verifies by RFC 9162
//!   §2.1.4.2 (as in server/tests/server/ledger.rs); each path with one bit flipped fails.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linggong_server::ledger::{LedgerTree, TreeHead, head_is_signed, leaf_digest, signing_key};
use sha2::{Digest, Sha256};

type Hash = [u8; 32];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let lines: Vec<&str> = text.split('\n').collect();
    let line = |i: usize| lines.get(i).copied().unwrap_or("");
    let number = |i: usize| line(i).trim().parse::<i64>().unwrap_or(0);
    match mode {
        b'i' => {
            let digest = unhex(line(3)).unwrap_or_else(|| leaf_digest(line(3)));
            let path: Vec<String> = lines.iter().skip(4).map(|s| s.to_string()).collect();
            let theirs =
                LedgerTree::verify_inclusion(line(0), number(1), number(2), &digest, &path);
            let ours = verify_inclusion(line(0), number(1), number(2), &digest, &path);
            assert_eq!(theirs, ours, "verify_inclusion disagrees with RFC 9162");
        }
        b'e' => edited_proof(rest),
        b'h' => {
            let key = signing_key(&[7; 32]);
            let public = key.verifying_key();
            let tree = tree_of(&[leaf_digest("a"), leaf_digest("b"), leaf_digest("c")]);
            let head = tree.head(&key, line(0));
            assert!(head_is_signed(&head, &public));
            let signature = unhex_bytes::<64>(&head.signature);
            let same = unhex_bytes::<64>(line(1)).is_some_and(|s| Some(s) == signature);
            let resigned = TreeHead {
                signature: line(1).to_string(),
                ..head.clone()
            };
            assert_eq!(
                head_is_signed(&resigned, &public),
                same,
                "signature {}",
                line(1)
            );
            let fields = [
                TreeHead {
                    size: number(2),
                    ..head.clone()
                },
                TreeHead {
                    root: line(3).to_string(),
                    ..head.clone()
                },
                TreeHead {
                    at: line(4).to_string(),
                    ..head.clone()
                },
            ];
            for forged in fields {
                assert_eq!(
                    head_is_signed(&forged, &public),
                    forged == head,
                    "{forged:?}"
                );
            }
            let fuzzed = TreeHead {
                size: number(2),
                root: line(3).to_string(),
                at: line(4).to_string(),
                signature: line(1).to_string(),
            };
            let _ = head_is_signed(&fuzzed, &public);
        }
        _ => {
            let picks: Vec<u64> = line(0)
                .split_whitespace()
                .map(|w| w.parse().unwrap_or(0))
                .chain([0; 3])
                .collect();
            let leaves: Vec<Hash> = lines.iter().skip(1).map(|l| leaf_digest(l)).collect();
            if leaves.is_empty() {
                return;
            }
            tree_checks(&leaves, picks[0], picks[1], picks[2]);
        }
    }
});

/// Mode `e` (see the module): a real proof, edited, checked as mode `i` checks.
fn edited_proof(data: &[u8]) {
    let [n, s0, s1, edits @ ..] = data else {
        return;
    };
    let n = u64::from(*n) + 1;
    let seq = 1 + u64::from(u16::from_le_bytes([*s0, *s1])) % n;
    let leaves: Vec<Hash> = (0..n).map(|i| leaf_digest(&format!("event {i}"))).collect();
    let tree = tree_of(&leaves);
    let mut path = tree.inclusion(seq as i64).expect("a path");
    let (mut root, mut size, mut seq) = (tree.root(), n as i64, seq as i64);
    let mut digest = hex(&leaves[seq as usize - 1]);
    let mut edits = edits;
    while let [what, rest @ ..] = edits {
        if what % 5 >= 3 {
            let Some((number, rest)) = rest.split_first_chunk::<8>() else {
                break;
            };
            *(if what % 5 == 3 { &mut seq } else { &mut size }) = i64::from_le_bytes(*number);
            edits = rest;
            continue;
        }
        let [lo, hi, byte, rest @ ..] = rest else {
            break;
        };
        let at = usize::from(u16::from_le_bytes([*lo, *hi]));
        let text = match what % 5 {
            0 => &mut root,
            1 => &mut digest,
            _ if path.is_empty() => break,
            _ => {
                let i = at / 64 % path.len();
                &mut path[i]
            }
        };
        let mut chars: Vec<char> = text.chars().collect();
        let i = at % chars.len().max(1);
        if i < chars.len() {
            chars[i] = char::from(*byte);
        }
        *text = chars.into_iter().collect();
        edits = rest;
    }
    let leaf = unhex(&digest).unwrap_or_else(|| leaf_digest(&digest));
    let theirs = LedgerTree::verify_inclusion(&root, size, seq, &leaf, &path);
    let ours = verify_inclusion(&root, size, seq, &leaf, &path);
    assert_eq!(
        theirs, ours,
        "verify_inclusion disagrees with RFC 9162: root {root}, size {size}, seq {seq}, digest {digest}, path {path:?}"
    );
}

/// The differential checks on the tree of `leaves`, at the seq, m and bit the input picked.
fn tree_checks(leaves: &[Hash], seq: u64, m: u64, bit: u64) {
    let n = leaves.len() as u64;
    let tree = tree_of(leaves);
    let root = tree.root();
    assert_eq!(
        unhex(&root),
        Some(mth(leaves)),
        "the root is not RFC 6962's"
    );
    let (seq, m) = (1 + seq % n, 1 + m % n);
    for outside in [0, n as i64 + 1] {
        assert_eq!(tree.inclusion(outside), None);
        assert_eq!(tree.consistency(outside), None);
    }
    // Inclusion of event `seq`.
    let leaf = leaves[seq as usize - 1];
    let path = tree.inclusion(seq as i64).expect("a path");
    assert!(LedgerTree::verify_inclusion(
        &root, n as i64, seq as i64, &leaf, &path
    ));
    assert!(verify_inclusion(&root, n as i64, seq as i64, &leaf, &path));
    if let Some(flipped) = flip(&path, bit) {
        assert!(!LedgerTree::verify_inclusion(
            &root, n as i64, seq as i64, &leaf, &flipped
        ));
        assert!(!verify_inclusion(
            &root, n as i64, seq as i64, &leaf, &flipped
        ));
    }
    // Consistency of the first `m` events with all `n`.
    let old = mth(&leaves[..m as usize]);
    let path = tree.consistency(m as i64).expect("a path");
    let hashes: Vec<Hash> = path.iter().map(|h| unhex(h).expect("hex")).collect();
    let new = unhex(&root).unwrap();
    assert_eq!(
        roots_from_consistency(m, n, old, &hashes),
        Some((old, new)),
        "{m} → {n}"
    );
    if let Some(flipped) = flip(&path, bit) {
        let hashes: Vec<Hash> = flipped.iter().map(|h| unhex(h).unwrap()).collect();
        assert_ne!(roots_from_consistency(m, n, old, &hashes), Some((old, new)));
    }
}

fn tree_of(leaves: &[Hash]) -> LedgerTree {
    let mut tree = LedgerTree::default();
    for leaf in leaves {
        tree.push(*leaf);
    }
    tree
}

/// `path` with bit `bit` (of all its bits, wrapping) flipped; `None` for an empty path.
fn flip(path: &[String], bit: u64) -> Option<Vec<String>> {
    let bit = usize::try_from(bit % (path.len() as u64 * 256).max(1)).ok()?;
    let mut hash = unhex(path.get(bit / 256)?)?;
    hash[bit % 256 / 8] ^= 1 << (bit % 8);
    let mut flipped = path.to_vec();
    flipped[bit / 256] = hex(&hash);
    Some(flipped)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 64 hex digits (either case) as 32 bytes.
fn unhex(text: &str) -> Option<Hash> {
    unhex_bytes(text)
}

/// 2N hex digits (either case) as N bytes; `None` for anything else.
fn unhex_bytes<const N: usize>(text: &str) -> Option<[u8; N]> {
    let b = text.as_bytes();
    if b.len() != 2 * N || !b.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16).unwrap() as u8;
    Some(std::array::from_fn(|i| {
        digit(b[2 * i]) << 4 | digit(b[2 * i + 1])
    }))
}

fn leaf_hash(leaf: &Hash) -> Hash {
    Sha256::new()
        .chain_update([0u8])
        .chain_update(leaf)
        .finalize()
        .into()
}

fn node(l: &Hash, r: &Hash) -> Hash {
    Sha256::new()
        .chain_update([1u8])
        .chain_update(l)
        .chain_update(r)
        .finalize()
        .into()
}

/// RFC 6962 §2.1: the Merkle tree hash of `d` (each leaf's content is its digest).
fn mth(d: &[Hash]) -> Hash {
    match d.len() {
        0 => Sha256::digest([]).into(),
        1 => leaf_hash(&d[0]),
        n => {
            let k = 1 << (usize::BITS - 1 - (n - 1).leading_zeros());
            node(&mth(&d[..k]), &mth(&d[k..]))
        }
    }
}

/// RFC 9162 §2.1.3.2 on text as `verify_inclusion` takes it: hex only, 1 ≤ seq ≤ size.
fn verify_inclusion(root: &str, size: i64, seq: i64, leaf: &Hash, path: &[String]) -> bool {
    let (Some(root), Ok(size), Ok(seq)) = (unhex(root), u64::try_from(size), u64::try_from(seq))
    else {
        return false;
    };
    let Some(path) = path.iter().map(|h| unhex(h)).collect::<Option<Vec<_>>>() else {
        return false;
    };
    if seq == 0 || seq > size {
        return false;
    }
    let (mut f_n, mut s_n) = (seq - 1, size - 1);
    let mut r = leaf_hash(leaf);
    for p in &path {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node(p, &r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            r = node(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    s_n == 0 && r == root
}

/// RFC 9162 §2.1.4.2: the two roots a consistency path gives from the older root, for trees
/// of `m` and `n` leaves (`None` when the path cannot be one).
fn roots_from_consistency(m: u64, n: u64, old_root: Hash, path: &[Hash]) -> Option<(Hash, Hash)> {
    if m == n {
        return path.is_empty().then_some((old_root, old_root));
    }
    let mut path = path.to_vec();
    if m.is_power_of_two() {
        path.insert(0, old_root);
    }
    let (mut f_n, mut s_n) = (m - 1, n - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (first, rest) = path.split_first()?;
    let (mut f_r, mut s_r) = (*first, *first);
    for c in rest {
        if s_n == 0 {
            return None;
        }
        if f_n & 1 == 1 || f_n == s_n {
            f_r = node(c, &f_r);
            s_r = node(c, &s_r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            s_r = node(&s_r, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    (s_n == 0).then_some((f_r, s_r))
}
