//! Property-based fuzzing of the parser and the audit: no input may panic, and every error
//! names where it is. (cargo-fuzz needs a nightly toolchain, which these machines lack.)

use linggong_core::{AuditContext, Error, audit, parse_posting, parse_postings_jsonl};
use linggong_tests::compliant_posting;
use proptest::prelude::*;

fn valid_json() -> String {
    serde_json::to_string(&compliant_posting()).unwrap()
}

#[test]
fn a_posting_survives_a_round_trip_through_json() {
    let back = parse_posting(&valid_json()).unwrap();
    assert_eq!(back, compliant_posting());
}

#[test]
fn a_misspelt_field_is_an_error_that_names_it() {
    let err = parse_posting(r#"{"id": "x", "skill": ["不限"]}"#).unwrap_err();
    let Error::Parse { field, reason, .. } = err else {
        unreachable!()
    };
    assert_eq!(field, "skill");
    assert!(reason.contains("unknown field `skill`"), "{reason}");
}

#[test]
fn a_bad_timestamp_names_its_field_and_line() {
    let err =
        parse_posting("{\"id\": \"x\",\n \"schedule\": {\"start\": \"tomorrow\"}}").unwrap_err();
    let Error::Parse {
        line,
        field,
        reason,
        ..
    } = err
    else {
        unreachable!()
    };
    assert_eq!((line, field.as_str()), (2, "schedule.start"));
    assert!(reason.contains("RFC 3339"), "{reason}");
}

#[test]
fn trailing_garbage_after_a_posting_is_an_error() {
    assert!(parse_posting(r#"{"id": "x"} {"id": "y"}"#).is_err());
}

#[test]
fn jsonl_errors_carry_the_input_line() {
    let text = format!("{}\n{{\"id\": 5}}\n", valid_json());
    let results: Vec<_> = parse_postings_jsonl(&text).collect();
    assert!(results[0].1.is_ok());
    let Err(Error::Parse { line, field, .. }) = &results[1].1 else {
        unreachable!()
    };
    assert_eq!((*line, field.as_str()), (2, "id"));
}

#[test]
fn a_number_written_as_json_reads_back_as_the_same_number() {
    // The fuzzer's case: serde_json's best-effort parser read -21e300 as one float and the
    // text it wrote for it as another.
    let p =
        linggong_core::parse_posting(r#"{"id": "far", "location": {"lat": 200, "lng": -21e300}}"#)
            .unwrap();
    let again = linggong_core::parse_posting(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(again, p);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_finite_coordinate_survives_a_json_round_trip(lat in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
        let text = format!(r#"{{"id": "a", "location": {{"lat": {}, "lng": 1.5}}}}"#, serde_json::to_string(&lat).unwrap());
        let p = linggong_core::parse_posting(&text).unwrap();
        prop_assert_eq!(p.location.unwrap().lat, Some(lat));
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(s in "\\PC{0,200}") {
        let _ = parse_posting(&s);
    }

    #[test]
    fn byte_mutations_of_a_valid_posting_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..6)
    ) {
        let mut chars: Vec<char> = valid_json().chars().collect();
        for (at, c) in edits {
            let i = at.index(chars.len());
            chars[i] = c;
        }
        let text: String = chars.into_iter().collect();
        if let Ok(p) = parse_posting(&text) {
            let _ = audit(&p, &AuditContext::new());
        }
    }

    #[test]
    fn arbitrary_free_text_never_panics_the_audit(title in "\\PC{0,80}", content in "\\PC{0,300}") {
        let mut p = compliant_posting();
        p.title = Some(title);
        p.content = Some(content);
        let report = audit(&p, &AuditContext::new());
        prop_assert_eq!(report.ok, report.findings.iter().all(|f| f.severity != linggong_core::Severity::Block));
    }
}
