//! Benchmarks live in `benches/`; run them with `make bench`. This library holds the
//! synthetic data they share.

mod opts;

use linggong_core::{Location, Pay, PayUnit, Posting, Settlement};
pub use linggong_demo::SplitMix;
pub use opts::{Fail, Opts, put};

/// Ten trades, each about 10% of synthetic postings: a one-trade filter keeps ~10%.
pub const TRADES: [&str; 10] = [
    "保洁员",
    "电工",
    "搬运工",
    "服务员",
    "厨师",
    "普工",
    "快递员",
    "保安",
    "瓦工",
    "家政服务员",
];

/// City centres (WGS-84) the synthetic postings cluster around (the JS side-by-side
/// harness uses the same list).
pub const CITIES: [(f64, f64); 8] = [
    (32.06, 118.79),
    (31.23, 121.47),
    (39.90, 116.40),
    (29.56, 106.55),
    (23.13, 113.26),
    (30.57, 104.07),
    (26.65, 106.63),
    (30.27, 120.15),
];

/// A point near one of the cities, within about ±0.5° (denser near the centre).
pub fn city_point(rng: &mut SplitMix) -> (f64, f64) {
    let (lat, lng) = CITIES[(rng.next_u64() % CITIES.len() as u64) as usize];
    let spread = 0.5 * rng.unit();
    (
        lat + rng.range(-spread, spread),
        lng + rng.range(-spread, spread),
    )
}

/// `n` postings with short fields, spread around eight cities, trades from [`TRADES`].
pub fn synthetic_postings(n: usize, seed: u64) -> Vec<Posting> {
    let mut rng = SplitMix::new(seed);
    (0..n)
        .map(|i| {
            let (lat, lng) = city_point(&mut rng);
            Posting {
                id: format!("g{i}"),
                trade: Some(TRADES[i % TRADES.len()].to_string()),
                location: Some(Location {
                    lat: Some(lat),
                    lng: Some(lng),
                    ..Location::default()
                }),
                pay: Some(Pay {
                    amount: Some(rng.range(150.0, 400.0).round()),
                    unit: Some(PayUnit::Day),
                    settlement: Some(Settlement::SameDay),
                }),
                ..Posting::default()
            }
        })
        .collect()
}
