use linggong_core::normalize_trade;
use linggong_tests::trade_eval;

/// Floors the normaliser must keep; the README quotes the figures this test prints.
const MIN_TOP1_ACCURACY: f64 = 0.95;
const MIN_NONSENSE_REJECTION: f64 = 0.95;

#[test]
fn the_evaluation_set_is_large_and_labelled_with_known_trades() {
    let cases = trade_eval();
    assert!(cases.len() >= 400, "{} cases", cases.len());
    let nonsense = cases.iter().filter(|c| c.expected.is_none()).count();
    assert!(nonsense >= 40, "{nonsense} nonsense inputs");
    let taxonomy = linggong_core::Taxonomy::builtin();
    for case in &cases {
        if let Some(id) = &case.expected {
            assert!(
                taxonomy.get(id).is_some(),
                "line {}: unknown trade id {id}",
                case.line
            );
        }
    }
}

#[test]
fn top1_accuracy_and_nonsense_rejection_stay_above_their_floors() {
    let cases = trade_eval();
    let (mut right, mut trades, mut rejected, mut nonsense) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for case in &cases {
        let result = normalize_trade(&case.input);
        let got = result.trade.map(|t| t.id.clone());
        match &case.expected {
            Some(_) => {
                trades += 1;
                right += usize::from(got == case.expected);
            }
            None => {
                nonsense += 1;
                rejected += usize::from(got.is_none());
            }
        }
        if got != case.expected {
            misses.push(format!(
                "line {}: {:?} expected {:?}, got {:?}",
                case.line, case.input, case.expected, got
            ));
        }
    }
    let accuracy = right as f64 / trades as f64;
    let rejection = rejected as f64 / nonsense as f64;
    println!(
        "trade eval: {} inputs; top-1 accuracy {:.3} ({right}/{trades}); nonsense rejection {:.3} ({rejected}/{nonsense})",
        cases.len(),
        accuracy,
        rejection
    );
    println!("misses:\n{}", misses.join("\n"));
    assert!(
        accuracy >= MIN_TOP1_ACCURACY,
        "top-1 accuracy {accuracy:.3}"
    );
    assert!(
        rejection >= MIN_NONSENSE_REJECTION,
        "nonsense rejection {rejection:.3}"
    );
}
