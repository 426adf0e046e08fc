//! The snapshot codec: exact round trips, and corrupt or foreign data rejected without a panic.

use linggong_core::{GeoPoint, GigIndex, Manifest, build_snapshot, decode_tile, encode_tile};
use linggong_tests::{audit_corpus, compliant_posting};
use proptest::prelude::*;

fn corpus() -> Vec<linggong_core::Posting> {
    audit_corpus().into_iter().map(|c| c.posting).collect()
}

#[test]
fn a_tile_round_trips_every_field_exactly() {
    let postings = corpus();
    let decoded = decode_tile(&encode_tile(&postings)).unwrap();
    assert_eq!(decoded, postings);
}

#[test]
fn a_posting_with_a_utc_offset_past_18_hours_is_carried_by_its_tile() {
    let mut p = compliant_posting();
    p.posted_at = Some("2026-11-23T09:00:00+23:59".parse().unwrap());
    p.valid_through = Some("2026-11-24T09:00:00-18:01".parse().unwrap());
    let snap = build_snapshot(std::slice::from_ref(&p), &[], p.posted_at.unwrap()).unwrap();
    let (_, bytes) = &snap.files[0];
    assert_eq!(decode_tile(bytes).unwrap(), vec![p]);
}

/// A posting as JSON text, with every field optional and values anywhere the reader
/// accepts them: offsets to ±23:59, years 0000–9999, any finite coordinate and amount.
fn any_posting_json() -> impl Strategy<Value = String> {
    let time = (
        0u32..=9999,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        -1439i32..=1439,
    )
        .prop_map(|(y, mo, d, h, mi, off)| {
            let sign = if off < 0 { '-' } else { '+' };
            let (oh, om) = (off.unsigned_abs() / 60, off.unsigned_abs() % 60);
            format!("\"{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:07{sign}{oh:02}:{om:02}\"")
        });
    let number = prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        (-1000i32..100_000).prop_map(|v| f64::from(v) / 100.0),
    ]
    .prop_map(|v| serde_json::to_string(&v).unwrap());
    let text = "\\PC{0,12}".prop_map(|t| serde_json::to_string(&t).unwrap());
    (
        text.clone(),
        proptest::option::of(text.clone()),
        proptest::option::of((number.clone(), number.clone(), any::<bool>())),
        proptest::option::of((time.clone(), time.clone(), number.clone())),
        proptest::option::of((number, 0usize..5, 0usize..4)),
        proptest::option::of(any::<u32>()),
        proptest::option::of(time),
        proptest::option::of(proptest::collection::vec(text, 0..3)),
    )
        .prop_map(|(id, title, place, schedule, pay, headcount, posted, skills)| {
            let mut fields = vec![format!("\"id\": {id}")];
            fields.extend(title.map(|t| format!("\"title\": {t}")));
            fields.extend(place.map(|(lat, lng, gcj)| {
                let crs = if gcj { "gcj02" } else { "wgs84" };
                format!("\"location\": {{\"lat\": {lat}, \"lng\": {lng}, \"crs\": \"{crs}\"}}")
            }));
            fields.extend(schedule.map(|(start, end, hours)| {
                format!("\"schedule\": {{\"start\": {start}, \"end\": {end}, \"hours_per_day\": {hours}}}")
            }));
            fields.extend(pay.map(|(amount, unit, settlement)| {
                let unit = ["hour", "day", "month", "piece", "task"][unit];
                let settlement = ["same_day", "weekly", "monthly", "on_completion"][settlement];
                format!("\"pay\": {{\"amount\": {amount}, \"unit\": \"{unit}\", \"settlement\": \"{settlement}\"}}")
            }));
            fields.extend(headcount.map(|h| format!("\"headcount\": {h}")));
            fields.extend(posted.map(|t| format!("\"posted_at\": {t}")));
            fields.extend(skills.map(|s| format!("\"skills\": [{}]", s.join(", "))));
            format!("{{{}}}", fields.join(", "))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// What the reader accepts, the tile carries: decode(encode(x)) = x.
    #[test]
    fn every_posting_the_reader_accepts_round_trips_through_a_tile(json in any_posting_json()) {
        let Ok(p) = linggong_core::parse_posting(&json) else {
            return Err(TestCaseError::reject("the reader refused it"));
        };
        let back = decode_tile(&encode_tile(std::slice::from_ref(&p)));
        prop_assert!(back.is_ok(), "{:?} for {}", back, json);
        prop_assert_eq!(back.unwrap(), vec![p]);
    }
}

#[test]
fn a_snapshot_indexes_the_same_as_the_postings_it_came_from() {
    let postings: Vec<_> = corpus()
        .into_iter()
        .enumerate()
        .map(|(i, mut p)| {
            let l = p.location.as_mut().unwrap();
            l.lat = Some(20.0 + (i % 20) as f64);
            l.lng = Some(100.0 + (i / 20) as f64 * 2.5);
            p
        })
        .collect();
    let snap =
        build_snapshot(&postings, &[], "2026-11-23T09:00:00+08:00".parse().unwrap()).unwrap();
    assert!(snap.manifest.tiles.len() > 5);
    let manifest = Manifest::from_json(&serde_json::to_string(&snap.manifest).unwrap()).unwrap();
    let mut from_tiles = Vec::new();
    for tile in &manifest.tiles {
        let bytes = &snap
            .files
            .iter()
            .find(|(p, _)| *p == tile.file.path)
            .unwrap()
            .1;
        tile.file.verify(bytes).unwrap();
        from_tiles.extend(decode_tile(bytes).unwrap());
    }
    assert_eq!(from_tiles.len(), postings.len());
    let a = GigIndex::from_postings(postings).unwrap();
    let b = GigIndex::from_postings(from_tiles).unwrap();
    let q = linggong_core::NearbyQuery::new(30.0, 110.0).with_k(50);
    let ids = |i: &GigIndex| {
        i.nearby(&q)
            .unwrap()
            .iter()
            .map(|g| g.id().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));
}

#[test]
fn only_tiles_near_the_seeker_need_fetching() {
    let mut near = compliant_posting();
    near.id = "near".into();
    let mut far = compliant_posting();
    far.id = "far".into();
    far.location.as_mut().unwrap().lat = Some(45.0);
    let snap = build_snapshot(
        &[near, far],
        &[],
        "2026-11-23T09:00:00+08:00".parse().unwrap(),
    )
    .unwrap();
    let tiles = snap
        .manifest
        .tiles_near(GeoPoint::new(32.06, 118.79).unwrap(), 10.0);
    assert_eq!(tiles.len(), 1);
    assert_eq!(tiles[0].postings, 1);
}

#[test]
fn a_manifest_of_another_format_or_version_is_refused() {
    let snap = build_snapshot(
        &[compliant_posting()],
        &[],
        "2026-11-23T09:00:00+08:00".parse().unwrap(),
    )
    .unwrap();
    let mut v = serde_json::to_value(&snap.manifest).unwrap();
    v["version"] = 99.into();
    let err = Manifest::from_json(&v.to_string()).unwrap_err();
    assert!(err.to_string().contains("version 99"), "{err}");
}

#[test]
fn a_wrong_version_is_named_in_the_error() {
    let mut bytes = encode_tile(&[compliant_posting()]);
    bytes[4] = 9;
    let n = bytes.len();
    let sum = linggong_core::crc32(&bytes[..n - 4]).to_le_bytes();
    bytes[n - 4..].copy_from_slice(&sum);
    assert!(
        decode_tile(&bytes)
            .unwrap_err()
            .to_string()
            .contains("version 9")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn arbitrary_bytes_never_panic_the_decoder(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = decode_tile(&bytes);
        let mut tagged = b"LGSN".to_vec();
        tagged.extend_from_slice(&bytes);
        let _ = decode_tile(&tagged);
    }

    #[test]
    fn any_flipped_byte_is_detected(at in any::<prop::sample::Index>(), flip in 1u8..=255) {
        let mut bytes = encode_tile(&corpus()[..20]);
        let i = at.index(bytes.len());
        bytes[i] ^= flip;
        prop_assert!(decode_tile(&bytes).is_err());
    }

    #[test]
    fn mutated_tiles_with_a_fixed_checksum_still_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = encode_tile(&corpus()[..10]);
        let n = bytes.len();
        for (at, v) in edits {
            let i = 8 + at.index(n - 12);
            bytes[i] = v;
        }
        let sum = linggong_core::crc32(&bytes[..n - 4]).to_le_bytes();
        bytes[n - 4..].copy_from_slice(&sum);
        let _ = decode_tile(&bytes);
    }
}
