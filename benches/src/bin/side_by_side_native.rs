//! The side-by-side geo cases natively, on the very points and queries the JS harness
//! (`benches/js/side-by-side/cases.mjs`) makes: its mulberry32 generator ported exactly, so
//! the native/wasm ratio compares like with like. Prints one JSON object.

use std::time::Instant;

use linggong_benches::{CITIES, TRADES as TRADE_NAMES};
use linggong_core::{GigFilter, GigIndex, Location, NearbyQuery, Posting};

/// mulberry32, as the JS harness writes it.
struct Mulberry32(u32);

impl Mulberry32 {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let s = self.0;
        let mut t = (s ^ (s >> 15)).wrapping_mul(1 | s);
        t = (t.wrapping_add((t ^ (t >> 7)).wrapping_mul(61 | t))) ^ t;
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }

    fn city_point(&mut self) -> (f64, f64) {
        let (lat, lng) = CITIES[(self.next() * CITIES.len() as f64) as usize];
        let spread = 0.5 * self.next();
        let lat = lat + (self.next() * 2.0 - 1.0) * spread;
        let lng = lng + (self.next() * 2.0 - 1.0) * spread;
        (lat, lng)
    }
}

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t0 = Instant::now();
            f();
            t0.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    ms[ms.len() / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::var("LINGGONG_BENCH_SIZES")
        .unwrap_or_else(|_| "100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs = 5;
    let mut rows = Vec::new();
    let first = Mulberry32(42).city_point();
    for n in sizes {
        let mut rng = Mulberry32(42);
        let postings: Vec<Posting> = (0..n)
            .map(|i| {
                let (lat, lng) = rng.city_point();
                Posting {
                    id: i.to_string(),
                    trade: Some(TRADE_NAMES[i % 10].to_string()),
                    location: Some(Location {
                        lat: Some(lat),
                        lng: Some(lng),
                        ..Location::default()
                    }),
                    ..Posting::default()
                }
            })
            .collect();
        let mut qrng = Mulberry32(7);
        let queries: Vec<(f64, f64)> = (0..200).map(|_| qrng.city_point()).collect();
        let build = median_ms(runs, || {
            let _ = GigIndex::from_postings(postings.clone()).map(|i| i.len());
        });
        rows.push(format!(r#"{{"n":{n},"case":"build","lib":"linggong (native)","ms":{build:.3},"us_per_query":null}}"#));
        let Ok(index) = GigIndex::from_postings(postings) else {
            return;
        };
        let cases: [(&str, Option<usize>, Option<f64>, bool); 5] = [
            ("knn k=1", Some(1), None, false),
            ("knn k=20", Some(20), None, false),
            ("knn k=20, 10% trade filter", Some(20), None, true),
            ("radius 5 km", None, Some(5.0), false),
            ("radius 20 km", None, Some(20.0), false),
        ];
        for (name, k, radius_km, filtered) in cases {
            let make = |&(lat, lng): &(f64, f64)| {
                let mut q = NearbyQuery::new(lat, lng);
                q.k = k;
                q.radius_m = radius_km.map(|r| r * 1000.0);
                if filtered {
                    q.filter = GigFilter::new().with_trades(["cleaner"]);
                }
                q
            };
            let qs: Vec<NearbyQuery> = queries.iter().map(make).collect();
            let ms = median_ms(runs, || {
                let hits: usize = qs
                    .iter()
                    .map(|q| index.nearby_slots(q).map_or(0, |r| r.len()))
                    .sum();
                std::hint::black_box(hits);
            });
            let per_query = ms * 1000.0 / qs.len() as f64;
            rows.push(format!(
                r#"{{"n":{n},"case":"{name}","lib":"linggong (native)","ms":{ms:.3},"us_per_query":{per_query:.2}}}"#
            ));
        }
    }
    println!(
        r#"{{"env":"native","first_point":[{},{}],"geo":[{}]}}"#,
        first.0,
        first.1,
        rows.join(",")
    );
}
