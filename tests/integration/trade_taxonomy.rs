use linggong_core::{MatchKind, Taxonomy, TradeCategory, normalize_trade, suggest_trades};
use proptest::prelude::*;

#[test]
fn the_builtin_taxonomy_has_over_200_trades_in_every_category() {
    let tax = Taxonomy::builtin();
    assert!(tax.trades().len() >= 200, "{}", tax.trades().len());
    for category in TradeCategory::ALL {
        let n = tax
            .trades()
            .iter()
            .filter(|t| t.category == category)
            .count();
        assert!(n >= 10, "{} has only {n} trades", category.name_zh());
    }
}

#[test]
fn no_occupation_code_is_given_without_a_checked_source() {
    // The codes column stays empty until codes are copied from the 2022 大典 with its
    // citation; a wrong code is worse than none.
    assert!(
        Taxonomy::builtin()
            .trades()
            .iter()
            .all(|t| t.occupation_code.is_none())
    );
}

#[test]
fn every_name_and_alias_normalises_to_its_own_trade() {
    for trade in Taxonomy::builtin().trades() {
        for spelling in std::iter::once(&trade.name).chain(&trade.aliases) {
            let n = normalize_trade(spelling);
            assert_eq!(
                n.trade.map(|t| t.id.as_str()),
                Some(trade.id.as_str()),
                "{spelling}"
            );
            assert!(
                matches!(n.via, Some(MatchKind::Name | MatchKind::Alias)),
                "{spelling}: {:?}",
                n.via
            );
        }
    }
}

#[test]
fn related_trades_are_listed_for_matching() {
    let related: Vec<_> = Taxonomy::builtin()
        .related("cook")
        .map(|t| t.id.as_str())
        .collect();
    assert!(related.contains(&"kitchen_helper"));
}

#[test]
fn a_taxonomy_with_a_spelling_shared_by_two_trades_is_rejected() {
    let err =
        Taxonomy::from_tsv("a\t电工\tconstruction\t维修\t\t\nb\t水工\tconstruction\t维修\t\t\n")
            .unwrap_err();
    assert!(err.to_string().contains("belongs to both"), "{err}");
}

#[test]
fn typeahead_offers_names_then_aliases_then_pinyin() {
    let first = |p: &str| suggest_trades(p, 5).first().map(|t| t.id.clone());
    assert_eq!(first("保洁").as_deref(), Some("cleaner"));
    assert_eq!(first("shuidian").as_deref(), Some("plumber_electrician"));
    assert_eq!(first("dianhan").as_deref(), Some("welder"));
    assert_eq!(first("sdg").as_deref(), Some("plumber_electrician"));
    assert_eq!(first("zzz"), None);
    let ids: Vec<_> = suggest_trades("电", 10)
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids.len(), 10);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "each trade once: {ids:?}");
}

#[test]
fn traditional_and_full_width_input_is_understood() {
    assert_eq!(
        normalize_trade("電焊工").trade.map(|t| t.name.as_str()),
        Some("电焊工")
    );
    assert_eq!(
        normalize_trade("ＣＮＣ操作員").trade.map(|t| t.id.as_str()),
        Some("cnc_operator")
    );
}

proptest! {
    #[test]
    fn normalising_any_text_never_panics_and_confidence_is_a_probability(s in "\\PC{0,40}") {
        let n = normalize_trade(&s);
        prop_assert!((0.0..=1.0).contains(&n.confidence));
        prop_assert_eq!(n.trade.is_some(), n.confidence >= linggong_core::MIN_TRADE_CONFIDENCE);
        for alt in &n.alternatives {
            prop_assert!(alt.confidence <= n.confidence || n.trade.is_none());
        }
    }

    #[test]
    fn suggestions_never_exceed_the_limit(s in "\\PC{0,6}", limit in 0usize..12) {
        prop_assert!(suggest_trades(&s, limit).len() <= limit);
    }
}

#[test]
fn a_trade_inside_a_long_text_is_still_found() {
    // Only parts as long as the longest name or alias are looked up: the result is the same.
    let long = format!("{}急招水电工{}", "V".repeat(2000), "z".repeat(2000));
    assert_eq!(
        linggong_core::normalize_trade(&long)
            .trade
            .map(|t| t.id.as_str()),
        Some("plumber_electrician")
    );
}
