//! Geographic search at 10k, 100k and 1M postings: build; kNN k=1 and k=20; kNN k=20 with a
//! 10% trade filter; radius 5 km and 20 km — the R-tree walk with the filter inside, against
//! brute force and against rstar's own iterator with the filter applied after the search.
//! Goals: at 1M, k=20 under 10 µs; the filtered query within 2× of the unfiltered one.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use linggong_benches::{SplitMix, city_point, synthetic_postings};
use linggong_core::{GigFilter, GigIndex, NearbyQuery};
use std::hint::black_box;
use std::time::Duration;

fn queries(n: usize) -> Vec<(f64, f64)> {
    let mut rng = SplitMix::new(7);
    (0..n).map(|_| city_point(&mut rng)).collect()
}

fn geo(c: &mut Criterion) {
    let sizes: Vec<usize> = match std::env::var("LINGGONG_BENCH_SIZES") {
        Ok(s) => s.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        Err(_) => vec![10_000, 100_000, 1_000_000],
    };
    let points = queries(64);
    for &n in &sizes {
        let postings = synthetic_postings(n, 42);
        let mut group = c.benchmark_group(format!("geo/{n}"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(if n >= 1_000_000 { 20 } else { 5 }));
        group.bench_function("build", |b| {
            b.iter(|| GigIndex::from_postings(black_box(postings.clone())).map(|i| i.len()))
        });
        let index = GigIndex::from_postings(postings).unwrap_or_default();
        let cleaner = GigFilter::new().with_trades(["cleaner"]);
        type MakeQuery = Box<dyn Fn(f64, f64) -> NearbyQuery>;
        let cases: Vec<(&str, MakeQuery)> = vec![
            (
                "knn1",
                Box::new(|lat, lng| NearbyQuery::new(lat, lng).with_k(1)),
            ),
            (
                "knn20",
                Box::new(|lat, lng| NearbyQuery::new(lat, lng).with_k(20)),
            ),
            (
                "knn20_trade10pct",
                Box::new(move |lat, lng| {
                    NearbyQuery::new(lat, lng)
                        .with_k(20)
                        .with_filter(cleaner.clone())
                }),
            ),
            (
                "radius5km",
                Box::new(|lat, lng| NearbyQuery::new(lat, lng).with_radius_km(5.0)),
            ),
            (
                "radius20km",
                Box::new(|lat, lng| NearbyQuery::new(lat, lng).with_radius_km(20.0)),
            ),
        ];
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(3));
        for (name, make) in &cases {
            let qs: Vec<NearbyQuery> = points.iter().map(|&(lat, lng)| make(lat, lng)).collect();
            let per_query = |f: &dyn Fn(&NearbyQuery) -> usize| qs.iter().map(f).sum::<usize>();
            group.bench_with_input(BenchmarkId::new("rtree", name), &qs, |b, _| {
                b.iter(|| per_query(&|q| index.nearby(black_box(q)).map_or(0, |r| r.len())))
            });
            group.bench_with_input(BenchmarkId::new("rstar_postfilter", name), &qs, |b, _| {
                b.iter(|| {
                    per_query(&|q| {
                        index
                            .nearby_post_filtered(black_box(q))
                            .map_or(0, |r| r.len())
                    })
                })
            });
            if n <= 100_000 || name.starts_with("knn20") {
                group.bench_with_input(BenchmarkId::new("brute_force", name), &qs, |b, _| {
                    b.iter(|| {
                        per_query(&|q| index.nearby_exhaustive(black_box(q)).map_or(0, |r| r.len()))
                    })
                });
            }
        }
        group.finish();
    }
}

criterion_group!(benches, geo);
criterion_main!(benches);
