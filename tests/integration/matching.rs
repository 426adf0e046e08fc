use linggong_core::{
    GigIndex, PriorityGroup, TermKind, Timestamp, gigs_for_seeker, parse_posting, parse_seeker,
    seekers_for_gig,
};

fn now() -> Timestamp {
    "2026-11-23T09:00:00+08:00".parse().unwrap()
}

fn gig(id: &str, trade: &str, lat: f64, extra: &str) -> linggong_core::Posting {
    parse_posting(&format!(
        r#"{{"id": "{id}", "trade": "{trade}", "location": {{"lat": {lat}, "lng": 118.79}},
            "schedule": {{"start": "2026-11-24T08:00:00+08:00", "end": "2026-11-24T17:00:00+08:00", "hours_per_day": 8}},
            "pay": {{"amount": 240, "unit": "day"}}, "posted_at": "2026-11-23T08:00:00+08:00"{extra}}}"#
    ))
    .unwrap()
}

fn seeker(extra: &str) -> linggong_core::SeekerProfile {
    parse_seeker(&format!(
        r#"{{"id": "s", "trades": ["电工"], "skills": ["持电工证"], "location": {{"lat": 32.06, "lng": 118.79}},
            "max_distance_km": 10, "availability": [{{"days": ["tue"], "from": "07:00", "to": "18:00"}}],
            "min_pay": {{"amount": 25, "unit": "hour"}}{extra}}}"#
    ))
    .unwrap()
}

fn term(e: &linggong_core::Explanation, kind: TermKind) -> &linggong_core::MatchTerm {
    e.terms.iter().find(|t| t.term == kind).unwrap()
}

#[test]
fn the_same_trade_ranks_above_a_related_one_above_an_unrelated_one() {
    let index = GigIndex::from_postings([
        gig("same", "电工", 32.061, ""),
        gig("related", "水电工", 32.061, ""),
        gig("other", "厨师", 32.061, ""),
    ])
    .unwrap();
    let ranked = gigs_for_seeker(&index, &seeker(""), now(), 10).unwrap();
    let ids: Vec<_> = ranked.iter().map(|m| m.posting.id.as_str()).collect();
    assert_eq!(ids, ["same", "related", "other"]);
    assert_eq!(term(&ranked[0].explanation, TermKind::Trade).value, 1.0);
    assert_eq!(term(&ranked[1].explanation, TermKind::Trade).value, 0.5);
    assert!(
        term(&ranked[1].explanation, TermKind::Trade)
            .note
            .contains("相关工种")
    );
}

#[test]
fn an_alias_scores_just_below_the_canonical_name() {
    let index = GigIndex::from_postings([gig("g", "电工", 32.061, "")]).unwrap();
    let by_alias = parse_seeker(
        r#"{"id": "a", "trades": ["维修电工"], "location": {"lat": 32.06, "lng": 118.79}}"#,
    )
    .unwrap();
    let t = gigs_for_seeker(&index, &by_alias, now(), 1).unwrap();
    let trade = term(&t[0].explanation, TermKind::Trade);
    assert_eq!(trade.value, 0.9);
    assert!(trade.note.contains("维修电工"), "{}", trade.note);
}

#[test]
fn gigs_beyond_the_travel_distance_or_already_closed_are_not_offered() {
    let index = GigIndex::from_postings([
        gig("near", "电工", 32.07, ""),
        gig("far", "电工", 32.30, ""),
        gig(
            "closed",
            "电工",
            32.07,
            r#", "valid_through": "2026-11-22T00:00:00+08:00""#,
        ),
    ])
    .unwrap();
    let ids: Vec<_> = gigs_for_seeker(&index, &seeker(""), now(), 10)
        .unwrap()
        .iter()
        .map(|m| m.posting.id.clone())
        .collect();
    assert_eq!(ids, ["near"]);
}

#[test]
fn schedule_pay_and_skills_terms_say_why_in_plain_words() {
    let index = GigIndex::from_postings([gig(
        "g",
        "电工",
        32.061,
        r#", "skills": ["持电工证", "会看图纸"]"#,
    )])
    .unwrap();
    let m = &gigs_for_seeker(&index, &seeker(""), now(), 1).unwrap()[0];
    assert_eq!(term(&m.explanation, TermKind::Schedule).value, 1.0); // Tuesday 08–16 within 07–18
    let pay = term(&m.explanation, TermKind::Pay);
    assert_eq!(pay.value, 1.0); // 30 an hour ≥ 25
    assert!(pay.note.contains("¥30"), "{}", pay.note);
    let skills = term(&m.explanation, TermKind::Skills);
    assert_eq!(skills.value, 0.5);
    assert!(skills.note.contains("缺少会看图纸"), "{}", skills.note);
    let sum: f64 = m.explanation.terms.iter().map(|t| t.points).sum();
    assert!((sum - m.explanation.score).abs() < 0.05);
}

#[test]
fn work_outside_the_available_days_scores_no_schedule_points() {
    let index = GigIndex::from_postings([gig("g", "电工", 32.061, "")]).unwrap();
    let weekend_only = seeker("").availability.iter().map(|_| ()).count(); // one slot, Tuesday
    assert_eq!(weekend_only, 1);
    let s = parse_seeker(r#"{"id": "s", "location": {"lat": 32.06, "lng": 118.79}, "availability": [{"days": ["sat", "sun"], "from": "00:00", "to": "24:00"}]}"#).unwrap();
    let m = &gigs_for_seeker(&index, &s, now(), 1).unwrap()[0];
    assert_eq!(term(&m.explanation, TermKind::Schedule).value, 0.0);
}

#[test]
fn priority_help_is_an_explicit_boost_capped_at_ten_points() {
    let posting = gig("g", "电工", 32.061, "");
    let seekers = vec![
        seeker(r#", "priority": []"#),
        seeker(r#", "priority": ["elderly"]"#),
        seeker(r#", "priority": ["elderly", "disabled", "low_income", "long_unemployed"]"#),
    ];
    let ranked = seekers_for_gig(&posting, &seekers, now(), 10).unwrap();
    let scores: Vec<f64> = ranked.iter().map(|m| m.explanation.score).collect();
    assert_eq!(scores[0] - scores[2], 10.0, "{scores:?}");
    assert_eq!(scores[1] - scores[2], 5.0, "{scores:?}");
    assert_eq!(ranked[0].seeker.priority.len(), 4);
    let note = &term(&ranked[0].explanation, TermKind::Priority).note;
    assert!(note.contains("大龄") && note.contains("最多+10"), "{note}");
    assert!(
        ranked[2]
            .explanation
            .terms
            .iter()
            .all(|t| t.term != TermKind::Priority)
    );
    assert_eq!(PriorityGroup::Disabled.label_zh(), "残疾人");
}

#[test]
fn matching_without_a_position_is_an_error() {
    let index = GigIndex::new();
    let s = parse_seeker(r#"{"id": "s"}"#).unwrap();
    assert!(
        gigs_for_seeker(&index, &s, now(), 5)
            .unwrap_err()
            .to_string()
            .contains("no position")
    );
}
