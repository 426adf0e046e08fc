mod characters;
mod context;
mod fields;
mod finding;
mod pay_checks;
mod wording;
mod wording_rules;

pub use characters::is_hidden_control;
pub use context::{AuditContext, WageBand};
pub use finding::{Finding, Report, Severity};

use crate::Posting;

/// Checks a posting before publication against the gig-market standards: required fields
/// (Jiangsu item 17, Chongqing article 7), plausible values, no hidden control characters,
/// discriminatory wording, unlawful
/// fees, fraud patterns and pay against the local minimum wage and wage guide.
///
/// Free text (title, trade, skills, content, employer name) is normalised first, so
/// full-width, traditional, spaced-out and Chinese-numeral spellings are caught too.
/// Findings come blocking first; the report is `ok` when none blocks.
///
/// ```
/// use linggong_core::{audit, parse_posting, AuditContext};
///
/// let good = parse_posting(r#"{"id": "nj-1", "title": "急招水电工", "trade": "水电工",
///   "skills": ["会看图纸"], "content": "二手房水电改造，男女不限，欢迎大龄师傅",
///   "location": {"lat": 32.06, "lng": 118.80, "address": "南京市鼓楼区"},
///   "schedule": {"start": "2026-11-24T08:00:00+08:00", "end": "2026-11-26T17:00:00+08:00", "hours_per_day": 8},
///   "pay": {"amount": 300, "unit": "day", "settlement": "same_day"}, "headcount": 2,
///   "employer": {"name": "鼓楼区某装修队", "contact": "13800000000"}}"#).unwrap();
/// assert!(audit(&good, &AuditContext::new()).ok);
///
/// let mut bad = good.clone();
/// bad.content = Some("限男性，年龄十八到三十五岁，入职交服装费".into());
/// let report = audit(&bad, &AuditContext::new());
/// assert!(!report.ok);
/// assert_eq!(report.codes(), ["discrimination.gender", "discrimination.age", "fee.uniform"]);
/// ```
pub fn audit(posting: &Posting, context: &AuditContext) -> Report {
    let mut findings = Vec::new();
    fields::check_required(posting, &mut findings);
    fields::check_values(posting, context, &mut findings);
    characters::check_characters(posting, &mut findings);
    pay_checks::check_pay(posting, context, &mut findings);
    wording::check_wording(posting, &mut findings);
    // Stable order: blocking first, then the order found.
    crate::sort::sort_by_key(&mut findings, |f| std::cmp::Reverse(f.severity));
    Report {
        id: posting.id.clone(),
        ok: findings.iter().all(|f| f.severity != Severity::Block),
        findings,
    }
}
