use linggong_core::{AuditContext, audit};
use linggong_tests::audit_corpus;

fn wording_codes(report: &linggong_core::Report) -> Vec<String> {
    let mut codes: Vec<String> = report
        .findings
        .iter()
        .filter(|f| {
            ["discrimination", "fee", "fraud"]
                .iter()
                .any(|fam| f.code.starts_with(fam))
        })
        .map(|f| f.code.to_string())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn the_labelled_corpus_is_classified_exactly() {
    let cases = audit_corpus();
    let (mut true_pos, mut false_pos, mut false_neg) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for case in &cases {
        let found = wording_codes(&audit(&case.posting, &AuditContext::new()));
        true_pos += found.iter().filter(|c| case.expected.contains(c)).count();
        false_pos += found.iter().filter(|c| !case.expected.contains(c)).count();
        false_neg += case.expected.iter().filter(|c| !found.contains(c)).count();
        if found != case.expected {
            wrong.push(format!(
                "line {}: expected {:?}, found {:?} in {:?}",
                case.line, case.expected, found, case.posting.content
            ));
        }
    }
    let precision = true_pos as f64 / (true_pos + false_pos).max(1) as f64;
    let recall = true_pos as f64 / (true_pos + false_neg).max(1) as f64;
    println!(
        "audit corpus: {} postings, precision {:.3}, recall {:.3}",
        cases.len(),
        precision,
        recall
    );
    assert!(
        wrong.is_empty(),
        "{} misclassified:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_corpus_has_enough_of_both_kinds() {
    let cases = audit_corpus();
    let clean = cases.iter().filter(|c| c.expected.is_empty()).count();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    assert!(
        clean >= 60 && cases.len() - clean >= 60,
        "{clean} clean of {}",
        cases.len()
    );
}

#[test]
fn every_discrimination_family_the_issue_names_is_in_the_corpus() {
    let cases = audit_corpus();
    for family in [
        "discrimination.gender",
        "discrimination.age",
        "discrimination.ethnicity",
        "discrimination.religion",
        "discrimination.origin",
        "discrimination.marital",
        "discrimination.health",
        "discrimination.disability",
        "fee.deposit",
        "fee.training",
        "fee.uniform",
        "fee.registration",
    ] {
        assert!(
            cases.iter().any(|c| c.expected.iter().any(|e| e == family)),
            "no corpus case for {family}"
        );
    }
}

#[test]
fn excerpts_quote_the_original_text_even_when_it_was_normalised() {
    let mut case = audit_corpus().remove(0).posting;
    case.content = Some("年齡：十八 到 三十五 歲，包吃住".into());
    let report = audit(&case, &AuditContext::new());
    let age = report
        .findings
        .iter()
        .find(|f| f.code == "discrimination.age");
    assert_eq!(
        age.map(|f| f.excerpt.as_str()),
        Some("年齡：十八 到 三十五")
    );
}
