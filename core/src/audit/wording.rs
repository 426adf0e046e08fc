//! Runs the wording rules over each free-text field of a posting.

use std::ops::Range;
use std::sync::LazyLock;

use crate::regex_engine::{Captures, Regex, RegexSet};

use super::fields::finding;
use super::wording_rules::{GUARD_GROUPS, Judge, WordingRule, rules};
use super::{Finding, Severity};
use crate::Posting;
use crate::text::NormalizedText;

struct Compiled {
    rules: Vec<WordingRule>,
    /// One pass tells which rules can match at all; most postings match none.
    set: RegexSet,
    patterns: Vec<Regex>,
    excuses: Vec<Option<Regex>>,
    clause_negation: Regex,
    waiver_after: Regex,
}

// The patterns are constants checked by the tests, so compiling them cannot fail at run time.
#[allow(clippy::expect_used)]
static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let rules = rules();
    let compile = |p: &str| Regex::new(p).expect("wording rule pattern compiles");
    Compiled {
        set: RegexSet::new(rules.iter().map(|r| r.pattern)).expect("wording rule set compiles"),
        patterns: rules.iter().map(|r| compile(r.pattern)).collect(),
        excuses: rules.iter().map(|r| r.excuse.map(compile)).collect(),
        clause_negation: compile(
            "(?:无|不收|不收取|免|免收|免除|不需|不需要|无需|不用|没有|零|不交|不要|全免|公司承担|公司出|老板出|公司报销|报销|包)",
        ),
        waiver_after: compile(
            "^(?:用)?(?::)?(?:全免|免|无|为0|0元|由?(?:公司|老板|店里|我方|单位)(?:承担|出|报销|负责|包)|报销|全额报销)",
        ),
        rules,
    }
});

/// The free-text fields the rules read, with their field paths.
fn text_fields(p: &Posting) -> Vec<(String, &str)> {
    let mut fields = vec![
        ("title".to_string(), p.title.as_deref()),
        ("trade".to_string(), p.trade.as_deref()),
    ];
    for (i, skill) in p.skills.iter().flatten().enumerate() {
        fields.push((format!("skills[{i}]"), Some(skill.as_str())));
    }
    fields.push(("content".to_string(), p.content.as_deref()));
    fields.push((
        "employer.name".to_string(),
        p.employer.as_ref().and_then(|e| e.name.as_deref()),
    ));
    fields
        .into_iter()
        .filter_map(|(name, text)| Some((name, text.filter(|t| !t.trim().is_empty())?)))
        .collect()
}

pub(super) fn check_wording(p: &Posting, out: &mut Vec<Finding>) {
    let compiled = &*COMPILED;
    for (field, original) in text_fields(p) {
        let normalized = NormalizedText::new(original);
        let text = normalized.text.as_str();
        for index in compiled.set.matches(text).iter() {
            let rule = &compiled.rules[index];
            if out.iter().any(|f| f.code == rule.code && f.field == field) {
                continue;
            }
            let hit = compiled.patterns[index]
                .captures_iter(text)
                .find_map(|caps| {
                    let span = excerpt_span(&caps)?;
                    let excused = compiled.excuses[index]
                        .as_ref()
                        .is_some_and(|ex| ex.find_iter(text).any(|m| overlaps(&m.range(), &span)));
                    if excused {
                        return None;
                    }
                    judge(rule.judge, &caps, text, &span, compiled).map(|s| (s, span))
                });
            if let Some((severity, span)) = hit {
                let excerpt = &original[normalized.original_range(span)];
                out.push(finding(
                    rule.code,
                    severity,
                    &field,
                    excerpt.trim().to_string(),
                    rule.message.to_string(),
                ));
            }
        }
    }
}

/// The whole match less any guard character at either end.
fn excerpt_span(caps: &Captures<'_>) -> Option<Range<usize>> {
    let mut span = caps.get(0)?.range();
    for guard in GUARD_GROUPS.iter().filter_map(|g| caps.name(g)) {
        if guard.start() == span.start {
            span.start = guard.end();
        } else if guard.end() == span.end {
            span.end = guard.start();
        }
    }
    Some(span)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn number(caps: &Captures<'_>, names: &[&str]) -> Option<u32> {
    names
        .iter()
        .find_map(|n| caps.name(n))
        .and_then(|m| m.as_str().parse().ok())
}

fn age_cap(max: u32) -> Option<Severity> {
    match max {
        0..=18 => None,
        19..=49 => Some(Severity::Block),
        50..=59 => Some(Severity::Warn),
        _ => None,
    }
}

fn age_floor(min: u32) -> Option<Severity> {
    (25..60).contains(&min).then_some(Severity::Warn)
}

fn judge(
    judge: Judge,
    caps: &Captures<'_>,
    text: &str,
    span: &Range<usize>,
    compiled: &Compiled,
) -> Option<Severity> {
    const MIN: &[&str] = &["min", "min2"];
    const MAX: &[&str] = &["max", "max2", "max3"];
    match judge {
        Judge::Always(severity) => Some(severity),
        Judge::AgeCap => age_cap(number(caps, MAX)?),
        Judge::AgeFloor => age_floor(number(caps, MIN)?),
        Judge::AgeExclusion => match number(caps, MIN)? {
            0..=17 => None,
            18..=49 => Some(Severity::Block),
            _ => Some(Severity::Warn),
        },
        Judge::AgeRange => {
            let (min, max) = (number(caps, MIN)?, number(caps, MAX)?);
            if min > max {
                return None;
            }
            age_cap(max).max(age_floor(min))
        }
        Judge::Fee(severity) => {
            let clause_start = text[..span.start]
                .rfind([',', '(', ')'])
                .map_or(0, |i| i + 1);
            let before = &text[clause_start..span.start];
            let after = &text[span.end..];
            let waived =
                compiled.clause_negation.is_match(before) || compiled.waiver_after.is_match(after);
            (!waived).then_some(severity)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_pattern_compiles() {
        for rule in rules() {
            Regex::new(rule.pattern).unwrap_or_else(|e| panic!("{}: {e}", rule.code));
            if let Some(excuse) = rule.excuse {
                Regex::new(excuse).unwrap_or_else(|e| panic!("{} excuse: {e}", rule.code));
            }
        }
        assert!(!COMPILED.patterns.is_empty());
    }

    #[test]
    fn rule_codes_belong_to_known_families() {
        for rule in rules() {
            let family = rule.code.split('.').next().unwrap_or_default();
            assert!(
                ["discrimination", "fee", "fraud"].contains(&family),
                "{}",
                rule.code
            );
        }
    }
}
