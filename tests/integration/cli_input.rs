//! How every command that reads JSON lines treats odd input (issue #15, item 7): a byte-order
//! mark, JSON that is not an object, pathological nesting, bytes that are not UTF-8, repeated
//! ids and files with no usable line. Each case names line, column and field, never panics.

use crate::cli::{Outcome, fixture, linggong, temp_dir};
use linggong_tests::compliant_posting;
use proptest::prelude::*;

/// The compliant posting with this id, as one JSON line.
pub(crate) fn posting_line(id: &str) -> String {
    let mut p = compliant_posting();
    p.id = id.to_string();
    serde_json::to_string(&p).unwrap()
}

fn nearby(data: &str) -> Outcome {
    linggong(
        &[
            "nearby", "--data", data, "--lat", "32.06", "--lng", "118.79",
        ],
        b"",
    )
}

fn match_with(data: &str, profile: &str) -> Outcome {
    let now = "2026-11-23T09:00:00+08:00";
    linggong(
        &["match", "--data", data, "--profile", profile, "--now", now],
        b"",
    )
}

fn audit_reports(stdin: &[u8]) -> (Outcome, Vec<serde_json::Value>) {
    let o = linggong(&["audit"], stdin);
    let rows = o
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (o, rows)
}

fn profile_file() -> String {
    fixture(
        "profile.json",
        r#"{"id": "s", "trades": ["水电工"], "location": {"lat": 32.06, "lng": 118.79}}"#
            .as_bytes(),
    )
}

#[test]
fn a_byte_order_mark_before_the_first_line_is_skipped() {
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend_from_slice(posting_line("a").as_bytes());
    let (o, rows) = audit_reports(&input);
    assert_eq!(o.status, 0, "{}", o.stdout);
    assert_eq!(rows[0]["id"], "a");
    let data = fixture("bom.jsonl", &input);
    let o = nearby(&data);
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert!(o.stdout.contains("\"a\""), "{}", o.stdout);
    let mut profile = b"\xEF\xBB\xBF".to_vec();
    profile.extend_from_slice(br#"{"id": "s", "location": {"lat": 32.06, "lng": 118.79}}"#);
    let o = match_with(&data, &fixture("profile.json", &profile));
    assert_eq!(o.status, 0, "{}", o.stderr);
}

#[test]
fn json_that_is_not_an_object_is_not_a_posting() {
    for line in [r#"["x"]"#, r#""x""#, "5", "null", r#"  [{"id": "x"}]"#] {
        let (o, rows) = audit_reports(line.as_bytes());
        assert_eq!(o.status, 1, "{line}");
        assert_eq!(rows[0]["line"], 1, "{line}");
        assert_eq!(
            rows[0]["error"], "a posting must be a JSON object",
            "{line}"
        );
    }
    let data = fixture(
        "arrays.jsonl",
        format!("{}\n[\"x\"]\n", posting_line("a")).as_bytes(),
    );
    let o = nearby(&data);
    assert!(
        o.stderr.contains("line 2: a posting must be a JSON object"),
        "{}",
        o.stderr
    );
    let o = match_with(&data, &fixture("profile.json", br#"["s"]"#));
    assert_eq!(o.status, 2);
    assert!(o.stderr.contains("must be a JSON object"), "{}", o.stderr);
}

#[test]
fn not_json_at_all_is_still_a_syntax_error() {
    let (_, rows) = audit_reports(b"not json");
    assert!(
        rows[0]["error"].as_str().unwrap().contains("expected"),
        "{}",
        rows[0]
    );
}

#[test]
fn ten_megabytes_of_brackets_give_one_short_error() {
    let (o, rows) = audit_reports(&vec![b'['; 10_000_000]);
    assert!(o.stdout.len() < 200, "{} bytes of output", o.stdout.len());
    assert_eq!(rows[0]["error"], "a posting must be a JSON object");
    let mut deep = br#"{"id": "a", "skills": "#.to_vec();
    deep.extend(std::iter::repeat_n(b'[', 10_000_000));
    let (o, rows) = audit_reports(&deep);
    assert!(o.stdout.len() < 300, "{} bytes of output", o.stdout.len());
    assert_eq!(
        rows[0]["error"],
        "field `skills[0]`: invalid type: sequence, expected a string"
    );
}

#[test]
fn an_error_names_the_value_that_is_wrong_not_what_nests_inside_it() {
    for (line, field) in [
        (r#"{"id": "a", "skills": [["x"]]}"#, "skills[0]"),
        (
            r#"{"id": "a", "location": {"lat": [[[1]]]}}"#,
            "location.lat",
        ),
        (r#"{"id": "a", "pay": {"amount": {"a": {}}}}"#, "pay.amount"),
        (r#"{"id": "a", "skills": ["x", [[]]]}"#, "skills[1]"),
    ] {
        let (_, rows) = audit_reports(line.as_bytes());
        let error = rows[0]["error"].as_str().unwrap();
        assert!(
            error.starts_with(&format!("field `{field}`: ")),
            "{line}: {error}"
        );
    }
}

#[test]
fn a_deeply_nested_object_is_refused_without_echoing_it() {
    let mut deep = br#"{"id": "a", "x": "#.to_vec();
    deep.extend(std::iter::repeat_n(b"{\"k\": ".as_slice(), 100_000).flatten());
    let (_, rows) = audit_reports(&deep);
    let error = rows[0]["error"].as_str().unwrap();
    assert!(error.len() < 300, "{error}");
    assert!(error.contains("unknown field `x`"), "{error}");
}

#[test]
fn errors_quote_at_most_eighty_characters_of_the_input() {
    let key = "k".repeat(1_000_000);
    let value = "v".repeat(1_000_000);
    for line in [
        format!(r#"{{"id": "a", "{key}": 1}}"#),
        format!(r#"{{"id": "a", "pay": {{"unit": "{value}"}}}}"#),
        format!(r#"{{"id": "a", "headcount": "{value}"}}"#),
    ] {
        let (o, rows) = audit_reports(line.as_bytes());
        assert!(
            o.stdout.len() < 600,
            "{} bytes: {}",
            o.stdout.len(),
            &o.stdout[..600]
        );
        let error = rows[0]["error"].as_str().unwrap();
        assert!(!error.contains(&"k".repeat(81)), "{error}");
        assert!(!error.contains(&"v".repeat(81)), "{error}");
        assert!(error.contains('…'), "{error}");
    }
}

#[test]
fn a_byte_that_is_not_utf8_is_reported_with_its_line_and_column_and_the_rest_is_read() {
    let mut data = format!("{}\n", posting_line("a")).into_bytes();
    data.extend_from_slice(b"{\"id\": \"b\", \"title\": \"\xC4\xE3\xBA\xC3\"}\n");
    data.extend_from_slice(posting_line("c").as_bytes());
    let path = fixture("gbk.jsonl", &data);
    let o = nearby(&path);
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains(":2: skipped: line 2, column 23: not UTF-8 (byte 0xc4)"),
        "{}",
        o.stderr
    );
    assert_eq!(o.stdout.lines().count(), 2);
    let (o, rows) = audit_reports(&data);
    assert_eq!(o.status, 1);
    assert_eq!(rows[1]["line"], 2);
    assert_eq!(rows[1]["column"], 23);
    assert!(rows[1]["error"].as_str().unwrap().starts_with("not UTF-8"));
    let profile = fixture(
        "profile.json",
        b"{\"id\": \"s\",\n \"trades\": [\"\xB5\xE7\xB9\xA4\"]}",
    );
    let o = match_with(&path, &profile);
    assert_eq!(o.status, 2);
    assert!(
        o.stderr
            .contains("line 2, column 14: not UTF-8 (byte 0xb5)"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_repeated_id_is_reported_with_both_lines_by_every_command() {
    let lines = [posting_line("a"), posting_line("b"), posting_line("a")];
    let data = fixture("twice.jsonl", lines.join("\n").as_bytes());
    let warning = "line 3: id `a` repeats line 1";
    let (o, rows) = audit_reports(lines.join("\n").as_bytes());
    assert_eq!(rows.len(), 3);
    assert_eq!(o.status, 1, "a repeated id cannot be published");
    assert!(o.stderr.contains(warning), "audit: {}", o.stderr);
    let o = nearby(&data);
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert!(o.stderr.contains(warning), "nearby: {}", o.stderr);
    assert_eq!(o.stdout.lines().count(), 2);
    let o = match_with(&data, &profile_file());
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert!(o.stderr.contains(warning), "match: {}", o.stderr);
    let out = temp_dir("twice").join("snap");
    let o = linggong(
        &["snapshot", "--data", &data, "--out", out.to_str().unwrap()],
        b"",
    );
    assert_eq!(o.status, 2);
    assert!(o.stderr.contains(warning), "snapshot: {}", o.stderr);
    assert!(!out.exists(), "nothing is published");
}

#[test]
fn commands_fail_when_no_line_of_the_data_is_usable() {
    let data = fixture("bad.jsonl", b"not json\n{\"id\": 5}\n\n");
    let seekers = fixture("seekers.jsonl", br#"{"id": "s"}"#);
    let out = temp_dir("bad").join("snap");
    for (name, o) in [
        ("nearby", nearby(&data)),
        ("match", match_with(&data, &profile_file())),
        (
            "stats",
            linggong(&["stats", "--data", &data, "--seekers", &seekers], b""),
        ),
        (
            "snapshot",
            linggong(
                &["snapshot", "--data", &data, "--out", out.to_str().unwrap()],
                b"",
            ),
        ),
    ] {
        assert_eq!(o.status, 2, "{name}: {}", o.stderr);
        assert!(o.stderr.contains("line 1"), "{name}: {}", o.stderr);
        assert!(
            o.stderr.contains("no valid posting") || o.stderr.contains("0 valid postings"),
            "{name}: {}",
            o.stderr
        );
    }
    let good = fixture("good.jsonl", posting_line("a").as_bytes());
    let bad_seekers = fixture("bad-seekers.jsonl", b"{}\n");
    let o = linggong(&["stats", "--data", &good, "--seekers", &bad_seekers], b"");
    assert_eq!(o.status, 2, "{}", o.stderr);
    assert!(o.stderr.contains("no valid seeker"), "{}", o.stderr);
}

#[test]
fn an_empty_data_file_is_not_an_error_for_a_search() {
    let o = nearby(&fixture("empty.jsonl", b"\n"));
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert!(o.stdout.is_empty());
}

/// Core's seeker reader once read `max_distance_km: -5` as the 10 km default.
#[test]
fn a_negative_travel_distance_is_an_error_not_ten_kilometres() {
    let data = fixture("one.jsonl", posting_line("a").as_bytes());
    for distance in ["-5", "0"] {
        let profile = fixture(
            "profile.json",
            format!(
                r#"{{"id": "s", "location": {{"lat": 32.06, "lng": 118.79}}, "max_distance_km": {distance}}}"#
            )
            .as_bytes(),
        );
        let o = match_with(&data, &profile);
        assert_eq!(o.status, 2, "{distance}: {}", o.stdout);
        assert!(o.stderr.contains("max_distance_km"), "{}", o.stderr);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any bytes: no panic, and a status the convention allows.
    #[test]
    fn arbitrary_input_never_panics_any_reader(
        lines in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 1..6),
        seed in any::<u8>(),
    ) {
        let mut bytes = Vec::new();
        for (i, mut line) in lines.into_iter().enumerate() {
            line.retain(|b| *b != b'\n');
            if (i + seed as usize).is_multiple_of(3) {
                line.splice(0..0, br#"{"id": "x", "skills": ["#.iter().copied());
            }
            bytes.extend(line);
            bytes.push(b'\n');
        }
        let (o, _) = audit_reports(&bytes);
        prop_assert!(o.status <= 1, "{}", o.stderr);
        let dir = temp_dir("any");
        let path = dir.join("any.jsonl");
        std::fs::write(&path, &bytes).unwrap();
        let path = path.to_string_lossy().into_owned();
        let n = nearby(&path);
        prop_assert!(n.status == 0 || n.status == 2, "{}", n.stderr);
        let good = dir.join("good.jsonl");
        std::fs::write(&good, posting_line("a")).unwrap();
        let m = match_with(&good.to_string_lossy(), &path);
        prop_assert!(m.status == 0 || m.status == 2, "{}", m.stderr);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
