//! The demo data set: believable, deterministic postings, seekers and markets on real places,
//! for a seed and a "now". The CLI writes it (`linggong demo`), the server seeds an empty
//! database with it (`linggong-server --demo`), and the benches measure on it.
//!
//! ```
//! use linggong_demo::{DemoSize, gazetteer, generate};
//! let now = "2026-11-23T08:00:00+08:00".parse().unwrap();
//! let size = DemoSize { postings: 50, seekers: 10, bad_share: 0.08 };
//! let a = generate(7, size, &gazetteer(), now);
//! assert_eq!((a.postings.len(), a.seekers.len()), (50, 10));
//! assert_eq!(a.postings, generate(7, size, &gazetteer(), now).postings);
//! ```

mod cities;
mod generate;
mod profiles;
mod rng;

pub use generate::{DemoData, DemoSize, generate};
pub use rng::SplitMix;

use linggong_core::Gazetteer;

/// The gazetteer the demo places gigs in (GCJ-02 CSV, converted on load).
pub const GAZETTEER_CSV: &str = include_str!("../../data/gazetteer/china_adcodes.csv");

/// The "now" demo data is made at when none is given, so a seed alone fixes the data.
pub const DEFAULT_DEMO_NOW: &str = "2026-11-23T08:00:00+08:00";

/// The built-in gazetteer.
pub fn gazetteer() -> Gazetteer {
    Gazetteer::from_adcodes_csv(GAZETTEER_CSV).unwrap_or_default()
}
