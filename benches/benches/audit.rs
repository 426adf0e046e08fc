//! Postings audited per second, over the labelled corpus (clean and non-compliant mixed).
//! Goal: at least 100,000 postings per second natively.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use linggong_core::{AuditContext, audit, parse_posting};
use std::hint::black_box;

fn audit_throughput(c: &mut Criterion) {
    let postings: Vec<_> = linggong_tests::audit_corpus()
        .into_iter()
        .map(|c| c.posting)
        .collect();
    let context = AuditContext::new();
    let mut group = c.benchmark_group("audit");
    group.throughput(Throughput::Elements(postings.len() as u64));
    group.bench_function("corpus", |b| {
        b.iter(|| {
            postings
                .iter()
                .filter(|p| audit(black_box(p), &context).ok)
                .count()
        })
    });
    let lines: Vec<String> = postings.iter().map(serde_json_line).collect();
    group.bench_function("parse+audit", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter_map(|l| parse_posting(black_box(l)).ok())
                .filter(|p| audit(p, &context).ok)
                .count()
        })
    });
    group.finish();
}

fn serde_json_line(p: &linggong_core::Posting) -> String {
    serde_json::to_string(p).unwrap_or_default()
}

criterion_group!(benches, audit_throughput);
criterion_main!(benches);
