use linggong_core::{Area, GeoPoint, Period, market_stats, parse_posting, parse_seeker};

/// A posting published on `month_day` (1105 is 5 November 2026).
fn posting(
    id: usize,
    trade: &str,
    month_day: u32,
    headcount: u32,
    pay_per_hour: f64,
    lat: f64,
) -> linggong_core::Posting {
    let (month, day) = (month_day / 100, month_day % 100);
    parse_posting(&format!(
        r#"{{"id": "p{id}", "trade": "{trade}", "headcount": {headcount}, "posted_at": "2026-{month:02}-{day:02}T09:00:00+08:00",
            "pay": {{"amount": {pay_per_hour}, "unit": "hour"}}, "location": {{"lat": {lat}, "lng": 118.79}}}}"#
    ))
    .unwrap()
}

#[test]
fn ratio_bands_and_shortage_follow_their_definitions() {
    let mut postings = Vec::new();
    for i in 0..10 {
        postings.push(posting(
            i,
            "保洁",
            1100 + i as u32 + 1,
            1,
            20.0 + i as f64,
            32.06,
        ));
    }
    postings.push(posting(10, "电工", 1105, 1, 50.0, 32.06));
    postings.push(posting(11, "保洁", 1201, 5, 99.0, 32.06)); // December: outside the period
    let seekers: Vec<_> = (0..4)
        .map(|i| parse_seeker(&format!(r#"{{"id": "s{i}", "trades": ["保洁员", "钟点工"], "location": {{"lat": 32.0, "lng": 118.8}}}}"#)).unwrap())
        .collect();
    let nov = Period::month("2026-11", 480).unwrap();
    let report = market_stats(&postings, &seekers, Some(nov), Area::Everywhere);
    let cleaner = report.by_trade.iter().find(|g| g.key == "cleaner").unwrap();
    assert_eq!(
        (cleaner.postings, cleaner.demand, cleaner.seekers),
        (10, 10, 4)
    );
    assert_eq!(cleaner.ratio, Some(2.5));
    let pay = cleaner.pay.unwrap();
    assert_eq!(
        (pay.p10, pay.p50, pay.p90, pay.mean),
        (20.9, 24.5, 28.1, 24.5)
    );
    let life = report
        .by_category
        .iter()
        .find(|g| g.key == "life_services")
        .unwrap();
    assert_eq!(life.seekers, 4, "each seeker once per category");
    assert_eq!(report.total.postings, 11);
    assert_eq!(
        report
            .shortage
            .iter()
            .map(|g| g.key.as_str())
            .collect::<Vec<_>>(),
        ["cleaner"]
    );
    let md = report.to_markdown();
    assert!(
        md.contains("2026年11月") && md.contains("| 保洁员 | 10 | 10 | 4 | 2.50 |"),
        "{md}"
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["by_trade"][0]["key"], "cleaner");
}

#[test]
fn an_area_limits_postings_and_seekers_to_a_circle() {
    let postings = vec![
        posting(0, "电工", 1101, 1, 30.0, 32.06),
        posting(1, "电工", 1101, 1, 30.0, 35.0),
    ];
    let area = Area::Circle {
        centre: GeoPoint::new(32.06, 118.79).unwrap(),
        radius_km: 20.0,
    };
    let report = market_stats(&postings, &[], None, area);
    assert_eq!(report.total.postings, 1);
}
