//! Fixtures shared by the integration tests.

use linggong_core::{Posting, parse_posting};

/// A complete, compliant posting: every field the standards require, plausible values.
/// Tests change one thing at a time from here.
///
/// ```
/// use linggong_core::{audit, AuditContext};
/// assert!(audit(&linggong_tests::compliant_posting(), &AuditContext::new()).findings.is_empty());
/// ```
pub fn compliant_posting() -> Posting {
    let json = r#"{"id": "nj-0001", "title": "急招水电工", "trade": "水电工",
        "skills": ["会看图纸"], "content": "二手房水电改造，自带工具",
        "location": {"lat": 32.0603, "lng": 118.7969, "crs": "wgs84", "address": "南京市鼓楼区中山路1号"},
        "schedule": {"start": "2026-11-24T08:00:00+08:00", "end": "2026-11-26T17:00:00+08:00", "hours_per_day": 8},
        "pay": {"amount": 300, "unit": "day", "settlement": "same_day"},
        "headcount": 2,
        "employer": {"name": "鼓楼区某装修队", "contact": "13800000000", "verified": true},
        "posted_at": "2026-11-23T09:00:00+08:00", "valid_through": "2026-11-24T08:00:00+08:00"}"#;
    match parse_posting(json) {
        Ok(p) => p,
        Err(e) => unreachable!("the fixture is valid: {e}"),
    }
}

/// One labelled line of `data/audit_corpus.tsv`.
#[derive(Debug, Clone)]
pub struct CorpusCase {
    /// 1-based line in the file.
    pub line: usize,
    /// Wording codes the audit must report, sorted.
    pub expected: Vec<String>,
    /// The compliant posting with this case's trade, title and content.
    pub posting: Posting,
}

/// The labelled audit corpus, each case built on [`compliant_posting`].
///
/// ```
/// let cases = linggong_tests::audit_corpus();
/// assert!(cases.len() >= 150);
/// ```
pub fn audit_corpus() -> Vec<CorpusCase> {
    include_str!("../data/audit_corpus.tsv")
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let fields: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                fields.len(),
                4,
                "corpus line {} needs 4 tab-separated fields",
                i + 1
            );
            let mut expected: Vec<String> = match fields[0] {
                "-" => Vec::new(),
                codes => codes.split(',').map(str::to_string).collect(),
            };
            expected.sort();
            let mut posting = compliant_posting();
            posting.id = format!("corpus-{}", i + 1);
            posting.trade = Some(fields[1].to_string());
            posting.title = Some(fields[2].to_string());
            posting.content = Some(fields[3].to_string());
            CorpusCase {
                line: i + 1,
                expected,
                posting,
            }
        })
        .collect()
}

/// One labelled line of `data/trade_eval.tsv`: the trade id expected (`None` when the
/// input names no trade) and the input.
#[derive(Debug, Clone)]
pub struct TradeEvalCase {
    /// 1-based line in the file.
    pub line: usize,
    /// Expected trade id; `None` for nonsense.
    pub expected: Option<String>,
    /// The text as people write it.
    pub input: String,
}

/// The trade normaliser's evaluation set.
///
/// ```
/// let cases = linggong_tests::trade_eval();
/// assert!(cases.len() >= 400);
/// ```
pub fn trade_eval() -> Vec<TradeEvalCase> {
    include_str!("../data/trade_eval.tsv")
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let (expected, input) = l.split_once('\t').unwrap_or(("-", l));
            TradeEvalCase {
                line: i + 1,
                expected: (expected != "-").then(|| expected.to_string()),
                input: input.to_string(),
            }
        })
        .collect()
}
