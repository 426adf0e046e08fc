//! The index against brute force: every query, filters included, with points near the
//! antimeridian and the poles, and after live inserts, updates and removals.

use std::collections::HashMap;

use linggong_core::{
    GeoPoint, GigFilter, GigIndex, Location, NearbyQuery, Pay, PayUnit, Posting, Schedule,
    Settlement, Taxonomy, Timestamp, distance_m, hourly_pay_cny, normalize_trade,
};
use proptest::prelude::*;

const TRADE_TEXTS: [&str; 6] = ["保洁", "电焊工", "水电工", "搬运", "厨师", "无名工种"];
const TRADE_IDS: [&str; 5] = ["cleaner", "welder", "plumber_electrician", "porter", "cook"];
const UNITS: [PayUnit; 5] = [
    PayUnit::Hour,
    PayUnit::Day,
    PayUnit::Month,
    PayUnit::Piece,
    PayUnit::Task,
];
const SETTLEMENTS: [Settlement; 4] = [
    Settlement::SameDay,
    Settlement::Weekly,
    Settlement::Monthly,
    Settlement::OnCompletion,
];
const DAY_S: i64 = 86_400;
const T0: i64 = 1_795_478_400; // 2026-11-24T00:00:00+08:00

fn point() -> impl Strategy<Value = (f64, f64)> {
    prop_oneof![
        (-90.0f64..=90.0, -180.0f64..=180.0),
        (
            -60.0f64..60.0,
            prop_oneof![179.0f64..=180.0, -180.0f64..-179.0]
        ),
        (
            prop_oneof![88.0f64..=90.0, -90.0f64..-88.0],
            -180.0f64..=180.0
        ),
        (31.9f64..32.2, 118.6f64..118.9),
    ]
}

prop_compose! {
    fn posting(id: usize)(
        (lat, lng) in point(),
        trade in 0..TRADE_TEXTS.len(),
        unit in proptest::option::of(0..UNITS.len()),
        settlement in proptest::option::of(0..SETTLEMENTS.len()),
        amount in 1.0f64..800.0,
        hours in proptest::option::of(1.0f64..12.0),
        start_day in proptest::option::of(0i64..10),
        length_days in 0i64..4,
    ) -> Posting {
        Posting {
            id: format!("p{id}"),
            trade: Some(TRADE_TEXTS[trade].to_string()),
            location: Some(Location { lat: Some(lat), lng: Some(lng), ..Location::default() }),
            pay: Some(Pay { amount: Some(amount), unit: unit.map(|u| UNITS[u]), settlement: settlement.map(|s| SETTLEMENTS[s]) }),
            schedule: Some(Schedule {
                start: start_day.map(|d| Timestamp::from_unix_s(T0 + d * DAY_S, 480)),
                end: start_day.map(|d| Timestamp::from_unix_s(T0 + (d + length_days) * DAY_S + 3600, 480)),
                hours_per_day: hours,
            }),
            ..Posting::default()
        }
    }
}

fn postings(max: usize) -> impl Strategy<Value = Vec<Posting>> {
    (1..max).prop_flat_map(|n| (0..n).map(posting).collect::<Vec<_>>())
}

prop_compose! {
    fn filter()(
        trades in proptest::sample::subsequence(TRADE_IDS.to_vec(), 0..3),
        related in any::<bool>(),
        units in proptest::sample::subsequence(UNITS.to_vec(), 0..3),
        min_hourly in proptest::option::of(5.0f64..80.0),
        settlements in proptest::sample::subsequence(SETTLEMENTS.to_vec(), 0..2),
        window in proptest::option::of((0i64..10, 0i64..3)),
    ) -> GigFilter {
        let mut f = GigFilter::new().with_trades(trades).with_related(related).with_pay_units(units).with_settlements(settlements);
        f.min_hourly_pay_cny = min_hourly;
        f.window = window.map(|(d, len)| (Timestamp::from_unix_s(T0 + d * DAY_S, 480), Timestamp::from_unix_s(T0 + (d + len) * DAY_S, 480)));
        f
    }
}

prop_compose! {
    fn query()((lat, lng) in point(), k in proptest::option::of(0usize..30), radius_km in proptest::option::of(0.5f64..3000.0), filter in filter()) -> NearbyQuery {
        let mut q = NearbyQuery::new(lat, lng).with_filter(filter);
        q.k = k;
        q.radius_m = radius_km.map(|r| r * 1000.0);
        q
    }
}

/// The filter's meaning, written out again independently of the index.
fn passes(p: &Posting, f: &GigFilter) -> bool {
    if !f.trades.is_empty() {
        let Some(trade) = p.trade.as_deref().and_then(|t| normalize_trade(t).trade) else {
            return false;
        };
        let mut allowed: Vec<String> = f.trades.clone();
        if f.include_related {
            for id in &f.trades {
                allowed.extend(Taxonomy::builtin().related(id).map(|t| t.id.clone()));
            }
        }
        if !allowed.contains(&trade.id) {
            return false;
        }
    }
    let pay = p.pay.as_ref();
    if !f.pay_units.is_empty()
        && !pay
            .and_then(|p| p.unit)
            .is_some_and(|u| f.pay_units.contains(&u))
    {
        return false;
    }
    if !f.settlements.is_empty()
        && !pay
            .and_then(|p| p.settlement)
            .is_some_and(|s| f.settlements.contains(&s))
    {
        return false;
    }
    if let Some(min) = f.min_hourly_pay_cny
        && !hourly_pay_cny(p).is_some_and(|h| h >= min)
    {
        return false;
    }
    if let Some((from, to)) = f.window {
        let s = p.schedule.as_ref();
        let (Some(start), Some(end)) = (s.and_then(|s| s.start), s.and_then(|s| s.end)) else {
            return false;
        };
        if start > to || end < from {
            return false;
        }
    }
    true
}

fn position(p: &Posting) -> GeoPoint {
    let l = p.location.as_ref().unwrap();
    GeoPoint::new(l.lat.unwrap(), l.lng.unwrap()).unwrap()
}

fn brute_force(postings: &[Posting], q: &NearbyQuery) -> Vec<f64> {
    let centre = GeoPoint::new(q.lat, q.lng).unwrap();
    let mut d: Vec<f64> = postings
        .iter()
        .filter(|p| passes(p, &q.filter))
        .map(|p| distance_m(centre, position(p)))
        .filter(|d| q.radius_m.is_none_or(|r| *d <= r))
        .collect();
    d.sort_by(f64::total_cmp);
    let k = match (q.k, q.radius_m) {
        (Some(k), _) => k,
        (None, Some(_)) => usize::MAX,
        (None, None) => linggong_core::DEFAULT_NEARBY_K,
    };
    d.truncate(k);
    d
}

/// Near-ties at a radius boundary may fall either way by a rounding error.
const TOLERANCE_M: f64 = 0.01;

fn check(
    found: &[linggong_core::NearbyGig<'_>],
    postings: &HashMap<String, Posting>,
    q: &NearbyQuery,
) -> Result<(), TestCaseError> {
    let all: Vec<Posting> = postings.values().cloned().collect();
    let expected = brute_force(&all, q);
    let centre = GeoPoint::new(q.lat, q.lng).unwrap();
    let boundary = |d: f64| q.radius_m.is_some_and(|r| (d - r).abs() < TOLERANCE_M);
    let comparable = |v: &[f64]| {
        v.iter()
            .copied()
            .filter(|d| !boundary(*d))
            .collect::<Vec<_>>()
    };
    let got: Vec<f64> = found.iter().map(|g| g.distance_m).collect();
    let (got_c, expected_c) = (comparable(&got), comparable(&expected));
    prop_assert_eq!(
        got_c.len(),
        expected_c.len(),
        "got {:?}, expected {:?}",
        got,
        expected
    );
    for (a, b) in got_c.iter().zip(&expected_c) {
        prop_assert!((a - b).abs() < TOLERANCE_M, "distance {a} vs {b}");
    }
    let mut seen = std::collections::HashSet::new();
    for g in found {
        prop_assert!(seen.insert(g.id().to_string()), "duplicate {}", g.id());
        let p = &postings[g.id()];
        prop_assert!(passes(p, &q.filter), "{} should not pass", g.id());
        prop_assert!((distance_m(centre, position(p)) - g.distance_m).abs() < TOLERANCE_M);
    }
    prop_assert!(
        got.windows(2).all(|w| w[0] <= w[1]),
        "not nearest first: {got:?}"
    );
    Ok(())
}

fn by_id(postings: &[Posting]) -> HashMap<String, Posting> {
    postings.iter().map(|p| (p.id.clone(), p.clone())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn nearby_equals_brute_force_for_any_query_and_filter(postings in postings(120), queries in proptest::collection::vec(query(), 1..6)) {
        let index = GigIndex::from_postings(postings.clone()).unwrap();
        let model = by_id(&postings);
        for q in &queries {
            check(&index.nearby(q).unwrap(), &model, q)?;
            check(&index.nearby_exhaustive(q).unwrap(), &model, q)?;
            check(&index.nearby_post_filtered(q).unwrap(), &model, q)?;
        }
    }

    #[test]
    fn live_inserts_updates_and_removals_keep_answers_exact(
        initial in postings(60),
        changes in proptest::collection::vec((0usize..80, any::<bool>(), posting(0)), 1..40),
        q in query(),
    ) {
        let mut index = GigIndex::from_postings(initial.clone()).unwrap();
        let mut model = by_id(&initial);
        for (id, remove, mut p) in changes {
            let id = format!("p{id}");
            if remove {
                prop_assert_eq!(index.remove(&id).is_some(), model.remove(&id).is_some());
            } else {
                p.id = id.clone();
                let replaced = index.insert(p.clone()).unwrap();
                prop_assert_eq!(replaced.is_some(), model.insert(id, p).is_some());
            }
            prop_assert_eq!(index.len(), model.len());
        }
        check(&index.nearby(&q).unwrap(), &model, &q)?;
    }
}

#[test]
fn gcj02_queries_are_converted_before_searching() {
    let p = Posting {
        id: "a".into(),
        location: Some(Location {
            lat: Some(32.0603),
            lng: Some(118.7969),
            ..Location::default()
        }),
        ..Posting::default()
    };
    let index = GigIndex::from_postings([p]).unwrap();
    let (glat, glng) = linggong_core::wgs84_to_gcj02(32.0603, 118.7969);
    let as_gcj = index
        .nearby(&NearbyQuery::new(glat, glng).with_crs(linggong_core::Crs::Gcj02))
        .unwrap();
    let as_wgs = index.nearby(&NearbyQuery::new(glat, glng)).unwrap();
    assert!(as_gcj[0].distance_m < 0.01, "{}", as_gcj[0].distance_m);
    assert!(
        as_wgs[0].distance_m > 300.0,
        "the datum offset is hundreds of metres: {}",
        as_wgs[0].distance_m
    );
}

#[test]
fn unknown_trade_ids_and_bad_centres_are_errors_not_panics() {
    let index = GigIndex::new();
    let bad_trade =
        NearbyQuery::new(0.0, 0.0).with_filter(GigFilter::new().with_trades(["astronaut"]));
    assert!(
        index
            .nearby(&bad_trade)
            .unwrap_err()
            .to_string()
            .contains("astronaut")
    );
    assert!(index.nearby(&NearbyQuery::new(0.0, 200.0)).is_err());
    assert!(
        index
            .nearby(&NearbyQuery::new(0.0, 0.0).with_radius_km(-1.0))
            .is_err()
    );
}
