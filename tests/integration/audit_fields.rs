use linggong_core::{AuditContext, PayUnit, Severity, WageBand, audit, parse_posting};
use linggong_tests::compliant_posting;

fn codes_of(p: &linggong_core::Posting, ctx: &AuditContext) -> Vec<&'static str> {
    audit(p, ctx).codes()
}

#[test]
fn a_complete_posting_has_no_findings() {
    let report = audit(&compliant_posting(), &AuditContext::new());
    assert!(report.ok);
    assert_eq!(report.findings, vec![]);
}

#[test]
fn each_required_field_that_is_missing_is_named() {
    type Remove = fn(&mut linggong_core::Posting);
    let cases: [(Remove, &str); 8] = [
        (|p| p.trade = None, "missing.trade"),
        (|p| p.skills = Some(vec![]), "missing.skills"),
        (|p| p.content = Some("   ".into()), "missing.content"),
        (|p| p.location = None, "missing.location"),
        (|p| p.schedule = None, "missing.schedule"),
        (
            |p| p.pay.as_mut().into_iter().for_each(|pay| pay.amount = None),
            "missing.pay",
        ),
        (
            |p| p.pay.as_mut().into_iter().for_each(|pay| pay.unit = None),
            "missing.pay_unit",
        ),
        (|p| p.employer = None, "missing.employer"),
    ];
    for (remove, code) in cases {
        let mut p = compliant_posting();
        remove(&mut p);
        let report = audit(&p, &AuditContext::new());
        assert!(
            report.has(code),
            "{code} not reported: {:?}",
            report.codes()
        );
        assert!(!report.ok, "{code} should block");
    }
}

#[test]
fn skills_written_as_bu_xian_satisfy_the_skills_requirement() {
    let mut p = compliant_posting();
    p.skills = Some(vec!["不限".into()]);
    assert!(audit(&p, &AuditContext::new()).ok);
}

#[test]
fn impossible_values_are_invalid() {
    let mut p = compliant_posting();
    if let Some(l) = p.location.as_mut() {
        l.lat = Some(91.0);
    }
    if let Some(s) = p.schedule.as_mut() {
        s.hours_per_day = Some(25.0);
        s.end = s.start;
    }
    if let Some(pay) = p.pay.as_mut() {
        pay.amount = Some(0.0);
    }
    p.headcount = Some(0);
    let codes = codes_of(&p, &AuditContext::new());
    for code in [
        "invalid.coordinates",
        "invalid.hours",
        "invalid.schedule",
        "invalid.pay",
        "invalid.headcount",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn an_expired_posting_is_flagged_only_when_now_is_given() {
    let p = compliant_posting();
    assert!(!codes_of(&p, &AuditContext::new()).contains(&"invalid.expired"));
    let later = AuditContext::new().with_now("2026-12-01T00:00:00+08:00".parse().unwrap());
    assert!(codes_of(&p, &later).contains(&"invalid.expired"));
}

#[test]
fn pay_implausible_for_its_unit_is_a_warning() {
    let mut p = compliant_posting();
    if let Some(pay) = p.pay.as_mut() {
        pay.amount = Some(30_000.0); // a monthly figure typed as daily
    }
    let report = audit(&p, &AuditContext::new());
    let f = report.findings.iter().find(|f| f.code == "pay.implausible");
    assert_eq!(f.map(|f| f.severity), Some(Severity::Warn));
    assert!(report.ok);
}

#[test]
fn pay_below_the_local_minimum_wage_blocks() {
    let mut p = compliant_posting();
    if let Some(pay) = p.pay.as_mut() {
        pay.amount = Some(18.0);
        pay.unit = Some(PayUnit::Hour);
    }
    let ctx = AuditContext::new().with_min_hourly_wage_cny(23.5);
    let report = audit(&p, &ctx);
    assert!(report.has("pay.below_minimum_wage") && !report.ok);
    assert!(!audit(&p, &AuditContext::new()).has("pay.below_minimum_wage"));
}

#[test]
fn pay_far_from_the_wage_guide_is_a_warning_either_way() {
    let band = WageBand::new(30.0, 37.5, 50.0).unwrap();
    let ctx = AuditContext::new().with_wage_guide(band);
    let mut low = compliant_posting();
    low.pay.as_mut().unwrap().amount = Some(100.0); // 12.5 an hour < 15
    assert!(codes_of(&low, &ctx).contains(&"pay.below_guide"));
    let mut high = compliant_posting();
    high.pay.as_mut().unwrap().amount = Some(1000.0); // 125 an hour > 100
    assert!(codes_of(&high, &ctx).contains(&"pay.above_guide"));
    assert!(codes_of(&compliant_posting(), &ctx).is_empty());
}

#[test]
fn blocking_findings_come_before_warnings() {
    let p = parse_posting(r#"{"id": "x", "trade": "电工", "content": "五官端正"}"#).unwrap();
    let report = audit(&p, &AuditContext::new());
    let severities: Vec<Severity> = report.findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(severities, sorted);
}

#[test]
fn wording_in_the_title_and_skills_is_checked_with_its_field_path() {
    let mut p = compliant_posting();
    p.title = Some("急招水电工，限男性".into());
    p.skills = Some(vec!["会看图纸".into(), "35岁以下".into()]);
    let report = audit(&p, &AuditContext::new());
    let fields: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.code, f.field.as_str()))
        .collect();
    assert!(fields.contains(&("discrimination.gender", "title")));
    assert!(fields.contains(&("discrimination.age", "skills[1]")));
}
