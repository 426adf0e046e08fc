//! `invalid.characters`: characters a reader cannot see but that change what is shown —
//! control characters, and the Unicode direction controls that can make `13800001234` read as
//! another number or hide a link's real target ("Trojan Source", CVE-2021-42574).

use super::{Finding, Severity, fields::finding};
use crate::Posting;

/// Whether `c` is hidden from the reader and changes what the text shows: a control
/// character, or a bidirectional embedding, override, isolate or mark. One-line fields refuse
/// every such character; long text keeps line breaks and tabs.
///
/// ```
/// use linggong_core::is_hidden_control;
/// assert!(is_hidden_control('\u{202E}')); // RIGHT-TO-LEFT OVERRIDE
/// assert!(is_hidden_control('\u{2067}')); // RIGHT-TO-LEFT ISOLATE
/// assert!(is_hidden_control('\u{0007}'));
/// assert!(!is_hidden_control('招') && !is_hidden_control(' '));
/// ```
pub fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first hidden control in `text`, when there is one (`\n`, `\r` and `\t` pass in long
/// text).
fn first_hidden(text: &str, long: bool) -> Option<char> {
    text.chars()
        .filter(|c| !(long && matches!(c, '\n' | '\r' | '\t')))
        .find(|c| is_hidden_control(*c))
}

pub(super) fn check_characters(p: &Posting, out: &mut Vec<Finding>) {
    let employer = p.employer.as_ref();
    let address = p.location.as_ref().and_then(|l| l.address.as_deref());
    let fields = [
        ("title", p.title.as_deref(), false),
        ("trade", p.trade.as_deref(), false),
        ("content", p.content.as_deref(), true),
        ("location.address", address, false),
        (
            "employer.name",
            employer.and_then(|e| e.name.as_deref()),
            false,
        ),
        (
            "employer.contact",
            employer.and_then(|e| e.contact.as_deref()),
            false,
        ),
    ];
    let skills = p
        .skills
        .iter()
        .flatten()
        .map(|s| ("skills", Some(s.as_str()), false));
    for (field, text, long) in fields.into_iter().chain(skills) {
        if let Some(c) = text.and_then(|t| first_hidden(t, long)) {
            out.push(finding(
                "invalid.characters",
                Severity::Block,
                field,
                format!("U+{:04X}", u32::from(c)),
                "含有看不见的控制字符或文字方向控制符（可用来伪装电话号码或链接），请删除后再发布"
                    .into(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{AuditContext, audit, parse_posting};

    #[test]
    fn a_direction_override_in_a_phone_number_blocks_and_a_line_break_in_content_does_not() {
        let text = r#"{"id": "x", "title": "急招", "content": "第一行\n第二行",
            "employer": {"name": "某公司", "contact": "138\u202E4321\u202C0000"}}"#;
        let report = audit(&parse_posting(text).unwrap(), &AuditContext::new());
        let found: Vec<(&str, &str)> = report
            .findings
            .iter()
            .filter(|f| f.code == "invalid.characters")
            .map(|f| (f.field.as_str(), f.excerpt.as_str()))
            .collect();
        assert_eq!(found, [("employer.contact", "U+202E")]);
        assert!(!report.ok);
    }

    #[test]
    fn a_control_character_in_a_one_line_field_blocks() {
        let text = "{\"id\": \"x\", \"title\": \"急招\\t水电工\", \"skills\": [\"电工\\u0000\"]}";
        let report = audit(&parse_posting(text).unwrap(), &AuditContext::new());
        let fields: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.code == "invalid.characters")
            .map(|f| f.field.as_str())
            .collect();
        assert_eq!(fields, ["title", "skills"]);
    }
}
