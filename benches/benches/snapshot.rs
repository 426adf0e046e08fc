//! The snapshot the app caches: size per 10k postings (raw and gzip, against JSON lines) and
//! the time to decode 100k postings, alone and then indexed, against parsing JSON lines.

use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use linggong_core::{GigIndex, Posting, build_snapshot, decode_tile, parse_postings_jsonl};
use linggong_demo::{DemoSize, gazetteer, generate};

fn gzip(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(bytes);
    e.finish().map_or(0, |v| v.len())
}

fn snapshot(c: &mut Criterion) {
    let now = "2026-11-23T08:00:00+08:00"
        .parse()
        .unwrap_or_else(|_| unreachable!());
    let size = DemoSize {
        postings: 100_000,
        seekers: 0,
        bad_share: 0.05,
    };
    let postings: Vec<Posting> = generate(1, size, &gazetteer(), now).postings;
    let jsonl: String = postings
        .iter()
        .filter_map(|p| serde_json::to_string(p).ok())
        .map(|l| l + "\n")
        .collect();
    let snap = build_snapshot(&postings, &[], now).unwrap_or_else(|e| unreachable!("{e}"));
    let tiles: Vec<&Vec<u8>> = snap.files.iter().map(|(_, b)| b).collect();
    let tile_bytes: usize = tiles.iter().map(|b| b.len()).sum();
    let tile_gzip: usize = tiles.iter().map(|b| gzip(b)).sum();
    let per_10k = |n: usize| n as f64 / 10.0 / 1024.0;
    eprintln!(
        "snapshot size per 10k postings: tiles {:.0} KiB raw, {:.0} KiB gzip ({} tiles); JSON lines {:.0} KiB raw, {:.0} KiB gzip",
        per_10k(tile_bytes),
        per_10k(tile_gzip),
        tiles.len(),
        per_10k(jsonl.len()),
        per_10k(gzip(jsonl.as_bytes()))
    );
    let mut group = c.benchmark_group("snapshot/100k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("decode+index", |b| {
        b.iter(|| {
            let all: Vec<Posting> = tiles
                .iter()
                .flat_map(|t| decode_tile(black_box(t)).unwrap_or_default())
                .collect();
            GigIndex::from_postings(all).map(|i| i.len())
        })
    });
    group.bench_function("decode", |b| {
        b.iter(|| {
            tiles
                .iter()
                .map(|t| decode_tile(black_box(t)).map_or(0, |v| v.len()))
                .sum::<usize>()
        })
    });
    group.bench_function("json_parse", |b| {
        b.iter(|| {
            parse_postings_jsonl(black_box(&jsonl))
                .filter(|(_, p)| p.is_ok())
                .count()
        })
    });
    group.bench_function("json_parse+index", |b| {
        b.iter(|| {
            let all: Vec<Posting> = parse_postings_jsonl(black_box(&jsonl))
                .filter_map(|(_, p)| p.ok())
                .collect();
            GigIndex::from_postings(all).map(|i| i.len())
        })
    });
    group.bench_function("encode", |b| {
        b.iter(|| build_snapshot(black_box(&postings), &[], now).map(|s| s.files.len()))
    });
    group.finish();
}

criterion_group!(benches, snapshot);
criterion_main!(benches);
