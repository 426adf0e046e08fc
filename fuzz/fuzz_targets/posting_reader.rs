//! The posting reader and everything after it on a phone or a server: parse → audit →
//! normalise → JSON → tile → index. Whatever the reader accepts must survive each step
//! unchanged, and nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linggong_core::{
    AuditContext, GigIndex, NearbyQuery, Timestamp, audit, decode_tile, encode_tile,
    normalize_trade, parse_posting,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(posting) = parse_posting(text) else {
        return;
    };
    let now: Timestamp = "2026-11-23T09:00:00+08:00".parse().unwrap();
    let _ = audit(&posting, &AuditContext::new().with_now(now));
    if let Some(trade) = &posting.trade {
        let _ = normalize_trade(trade);
    }
    let json = serde_json::to_string(&posting).unwrap();
    assert_eq!(parse_posting(&json).unwrap(), posting, "JSON round trip of {json}");
    let tile = encode_tile(std::slice::from_ref(&posting));
    assert_eq!(decode_tile(&tile).unwrap(), [posting.clone()], "tile round trip of {json}");
    let mut index = GigIndex::new();
    if index.insert(posting.clone()).is_ok() && index.get(&posting.id).is_some() {
        let at = index.position(&posting.id).expect("an indexed posting has a position");
        let found = index.nearby(&NearbyQuery::new(at.lat, at.lng)).unwrap();
        assert!(found.iter().any(|hit| hit.posting.id == posting.id), "{json} not found where it is");
    }
});
