use crate::cli::linggong;
use linggong_tests::compliant_posting;

fn good_line() -> String {
    serde_json::to_string(&compliant_posting()).unwrap()
}

#[test]
fn audit_of_compliant_postings_exits_zero_with_one_report_per_line() {
    let mut second = compliant_posting();
    second.id = "nj-0002".into();
    let second = serde_json::to_string(&second).unwrap();
    let input = format!("{}\n\n{second}\n", good_line());
    let o = linggong(&["audit"], input.as_bytes());
    assert_eq!(o.status, 0, "{}", o.stderr);
    let lines: Vec<serde_json::Value> = o
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[0]["id"], "nj-0001");
    assert_eq!(lines[0]["findings"], serde_json::json!([]));
}

#[test]
fn a_blocking_finding_exits_one_and_lists_code_severity_field_excerpt_message() {
    let mut p = compliant_posting();
    p.content = Some("限男性，押金200元".into());
    let o = linggong(
        &["audit", "-"],
        serde_json::to_string(&p).unwrap().as_bytes(),
    );
    assert_eq!(o.status, 1);
    let report: serde_json::Value = serde_json::from_str(o.stdout.trim()).unwrap();
    let first = &report["findings"][0];
    for key in ["code", "severity", "field", "excerpt", "message"] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    assert_eq!(first["code"], "discrimination.gender");
}

#[test]
fn a_malformed_line_is_reported_with_its_number_and_the_run_goes_on() {
    let mut third = compliant_posting();
    third.id = "nj-0003".into();
    let third = serde_json::to_string(&third).unwrap();
    let input = format!("{}\nnot json\n{third}\n", good_line());
    let o = linggong(&["audit"], input.as_bytes());
    let lines: Vec<serde_json::Value> = o
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("expected"));
    assert_eq!(lines[2]["ok"], true);
    assert_eq!(o.status, 1);
}

#[test]
fn a_line_that_is_not_utf8_is_malformed_not_fatal() {
    let mut input = b"\xff\xfe\n".to_vec();
    input.extend_from_slice(good_line().as_bytes());
    let o = linggong(&["audit"], &input);
    assert_eq!(o.stdout.lines().count(), 2);
    assert!(o.stdout.contains("not UTF-8"));
}

#[test]
fn an_unreadable_file_exits_two_with_a_message() {
    let o = linggong(&["audit", "/no/such/postings.jsonl"], b"");
    assert_eq!(o.status, 2);
    assert!(
        o.stderr.contains("cannot read /no/such/postings.jsonl"),
        "{}",
        o.stderr
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn audit_reads_a_named_file() {
    let path = std::env::temp_dir().join(format!("linggong-audit-{}.jsonl", std::process::id()));
    std::fs::write(&path, good_line()).unwrap();
    let o = linggong(&["audit", path.to_str().unwrap()], b"");
    std::fs::remove_file(&path).ok();
    assert_eq!(o.status, 0);
}

#[test]
fn bad_arguments_exit_two_with_usage() {
    let o = linggong(&["audit", "--now", "yesterday"], b"");
    assert_eq!(o.status, 2);
    assert!(o.stderr.contains("--now"), "{}", o.stderr);
}

#[test]
fn now_and_minimum_wage_options_reach_the_audit() {
    let o = linggong(
        &[
            "audit",
            "--now",
            "2026-12-01T00:00:00+08:00",
            "--min-hourly-wage",
            "40",
        ],
        good_line().as_bytes(),
    );
    assert!(
        o.stdout.contains("invalid.expired") && o.stdout.contains("pay.below_minimum_wage"),
        "{}",
        o.stdout
    );
    assert_eq!(o.status, 1);
}
