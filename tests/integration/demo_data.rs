use linggong_core::{AuditContext, audit, normalize_trade};
use linggong_demo::{DemoSize, gazetteer, generate};

fn now() -> linggong_core::Timestamp {
    "2026-11-23T08:00:00+08:00".parse().unwrap()
}

const SIZE: DemoSize = DemoSize {
    postings: 3000,
    seekers: 500,
    bad_share: 0.08,
};

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
    let g = gazetteer();
    let a = generate(7, SIZE, &g, now());
    let b = generate(7, SIZE, &g, now());
    let c = generate(8, SIZE, &g, now());
    assert_eq!(a.postings, b.postings);
    assert_eq!(a.seekers, b.seekers);
    assert_eq!(a.markets, b.markets);
    assert_ne!(a.postings, c.postings);
}

#[test]
fn between_one_and_twenty_percent_of_postings_fail_the_audit() {
    let data = generate(1, SIZE, &gazetteer(), now());
    let blocked = data
        .postings
        .iter()
        .filter(|p| !audit(p, &AuditContext::new()).ok)
        .count();
    let share = blocked as f64 / data.postings.len() as f64;
    assert!((0.01..=0.20).contains(&share), "{share}");
}

#[test]
fn postings_spread_over_many_real_cities_denser_in_big_ones() {
    let g = gazetteer();
    let data = generate(1, SIZE, &g, now());
    let mut per_city = std::collections::HashMap::new();
    for p in &data.postings {
        let l = p.location.as_ref().unwrap();
        let county = g
            .nearest_county(linggong_core::GeoPoint::new(l.lat.unwrap(), l.lng.unwrap()).unwrap())
            .unwrap();
        *per_city.entry(county.adcode[..4].to_string()).or_insert(0) += 1;
    }
    assert!(per_city.len() > 150, "{} cities", per_city.len());
    let shanghai: i32 = per_city
        .iter()
        .filter(|(k, _)| k.starts_with("31"))
        .map(|(_, v)| v)
        .sum();
    let median = {
        let mut v: Vec<_> = per_city.values().copied().collect();
        v.sort();
        v[v.len() / 2]
    };
    assert!(
        shanghai > 5 * median,
        "Shanghai {shanghai}, median city {median}"
    );
}

#[test]
fn every_posting_trade_is_recognised_and_pay_is_plausible_for_its_unit() {
    let data = generate(1, SIZE, &gazetteer(), now());
    for p in &data.postings {
        assert!(
            normalize_trade(p.trade.as_deref().unwrap()).trade.is_some(),
            "{:?}",
            p.trade
        );
        assert!(
            !audit(p, &AuditContext::new()).has("pay.implausible"),
            "{}: {:?}",
            p.id,
            p.pay
        );
    }
    let units: std::collections::HashSet<_> = data
        .postings
        .iter()
        .filter_map(|p| p.pay.as_ref()?.unit)
        .collect();
    assert!(units.len() >= 5, "{units:?}");
}

#[test]
fn seekers_have_trades_availability_and_some_priority_groups() {
    let data = generate(1, SIZE, &gazetteer(), now());
    assert!(
        data.seekers
            .iter()
            .all(|s| !s.trades.is_empty() && !s.availability.is_empty() && s.min_pay.is_some())
    );
    let with_priority = data
        .seekers
        .iter()
        .filter(|s| !s.priority.is_empty())
        .count();
    assert!(
        with_priority > 20 && with_priority < data.seekers.len() / 3,
        "{with_priority}"
    );
}

#[test]
fn markets_are_clearly_marked_as_demo_data_with_address_hours_and_phone() {
    let data = generate(1, SIZE, &gazetteer(), now());
    assert!(data.markets.len() > 300);
    for m in &data.markets {
        assert!(m.demo && m.name.contains("演示"), "{}", m.name);
        assert!(
            !m.address.is_empty()
                && !m.hours.is_empty()
                && m.phone.is_some()
                && m.position().is_some()
        );
    }
    let kinds: std::collections::HashSet<_> = data.markets.iter().map(|m| m.kind).collect();
    assert_eq!(kinds.len(), 2);
}

#[test]
fn the_gazetteer_loads_every_place_with_coordinates_in_wgs84() {
    let g = gazetteer();
    assert_eq!(g.places().len(), 3511 - 293);
    let nanjing = g.get("320100000000").unwrap();
    // The file's GCJ-02 centroid 118.796682, 32.05957 moves a few hundred metres.
    let shift = linggong_core::distance_m(
        nanjing.position,
        linggong_core::GeoPoint::new(32.05957, 118.796682).unwrap(),
    );
    assert!((200.0..800.0).contains(&shift), "{shift}");
    assert_eq!(
        g.full_name(g.get("320106000000").unwrap()),
        "江苏省南京市鼓楼区"
    );
}
