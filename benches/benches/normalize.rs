//! Trade normalisations per second over the evaluation set, and typeahead.
//! Goal: at most 20 µs per normalisation natively.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use linggong_core::{Taxonomy, normalize_trade, suggest_trades};
use std::hint::black_box;

fn normalize_throughput(c: &mut Criterion) {
    let inputs: Vec<String> = linggong_tests::trade_eval()
        .into_iter()
        .map(|c| c.input)
        .collect();
    let _ = Taxonomy::builtin(); // build the indexes outside the measurement
    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("eval_set", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|i| normalize_trade(black_box(i)).trade.is_some())
                .count()
        })
    });
    // A hostile 500-character trade (the fuzzer's slow unit): the text is scanned only for
    // parts as long as a name can be. Before that bound it took 0.4 s natively.
    let long = format!("{}水电工{}", "V".repeat(250), "z".repeat(250));
    group.bench_function("long_text_500_chars", |b| {
        b.iter(|| normalize_trade(black_box(&long)).trade.is_some())
    });
    group.finish();
    let prefixes = ["水", "保洁", "dian", "sdg", "外卖", "kuai"];
    let mut group = c.benchmark_group("suggest");
    group.throughput(Throughput::Elements(prefixes.len() as u64));
    group.bench_function("prefixes", |b| {
        b.iter(|| {
            prefixes
                .iter()
                .map(|p| suggest_trades(black_box(p), 8).len())
                .sum::<usize>()
        })
    });
    group.finish();
    c.bench_function("taxonomy/build", |b| {
        b.iter(|| {
            Taxonomy::from_tsv(black_box(include_str!("../../core/data/trades.tsv")))
                .map(|t| t.trades().len())
        })
    });
}

criterion_group!(benches, normalize_throughput);
criterion_main!(benches);
