//! The seeker reader and matching: parse → JSON → parse again, then a match against a few
//! gigs. Whatever the reader accepts must read back unchanged, and nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linggong_core::{GigIndex, Timestamp, gigs_for_seeker, parse_posting, parse_seeker};

const GIGS: [&str; 3] = [
    r#"{"id": "a", "trade": "保洁员", "location": {"lat": 32.06, "lng": 118.79}, "pay": {"amount": 200, "unit": "day"}}"#,
    r#"{"id": "b", "trade": "电工", "location": {"lat": 32.07, "lng": 118.80}, "schedule": {"start": "2026-11-24T08:00:00+08:00", "end": "2026-11-24T17:00:00+08:00"}}"#,
    r#"{"id": "c", "trade": "搬运工", "location": {"lat": 31.0, "lng": 121.4}, "pay": {"amount": 30, "unit": "hour"}}"#,
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(seeker) = parse_seeker(text) else {
        return;
    };
    let json = serde_json::to_string(&seeker).unwrap();
    assert_eq!(parse_seeker(&json).unwrap(), seeker, "JSON round trip of {json}");
    let index = GigIndex::from_postings(GIGS.map(|g| parse_posting(g).unwrap())).unwrap();
    let now: Timestamp = "2026-11-23T09:00:00+08:00".parse().unwrap();
    let _ = gigs_for_seeker(&index, &seeker, now, 3);
});
