//! # linggong-core
//!
//! The engine of Linggong (零工), an offline-first gig labour market: posting audit, trade
//! normalisation, geographic search, matching and market statistics. Pure Rust with no I/O,
//! no clock and no randomness, so the same code gives the same answers natively, in the
//! browser (WebAssembly) and in Node. Callers pass "now", seeds and data in.
//!
//! ```
//! use linggong_core::{audit, parse_posting, AuditContext};
//!
//! let posting = parse_posting(r#"{"id": "1", "content": "招女工，押金300元"}"#).unwrap();
//! let report = audit(&posting, &AuditContext::new());
//! assert!(report.has("discrimination.gender") && report.has("fee.deposit"));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::panic))]

mod application;
mod audit;
mod decimal;
mod error;
mod from_str_de;
mod geo;
mod hourly_pay;
mod index;
mod json_path;
mod matching;
mod places;
mod posting;
mod regex_engine;
mod seeker;
mod simplified;
mod snapshot;
mod sort;
mod stats;
mod text;
mod timestamp;
mod trade;

pub use application::{ApplicationStatus, Party, Step, StepRefused};
pub use audit::{AuditContext, Finding, Report, Severity, WageBand, audit, is_hidden_control};
pub use decimal::parse_decimal;
pub use error::Error;
pub use geo::{
    EARTH_RADIUS_M, GeoPoint, distance_m, gcj02_to_wgs84, is_outside_china, wgs84_to_gcj02,
};
pub use hourly_pay::{DEFAULT_HOURS_PER_DAY, WORKING_DAYS_PER_MONTH, hourly_pay_cny};
pub use index::{DEFAULT_NEARBY_K, GigFilter, GigIndex, NearbyGig, NearbyQuery};
pub use matching::{
    Explanation, GigMatch, MAX_MATCH_CANDIDATES, MatchTerm, PRIORITY_CAP_POINTS,
    PRIORITY_POINTS_PER_GROUP, SeekerMatch, TermKind, gigs_for_seeker, seekers_for_gig,
};
pub use places::{
    Gazetteer, Market, MarketKind, Place, PlaceLevel, nearest_markets, parse_market,
    parse_markets_jsonl,
};
pub use posting::{
    Crs, Employer, Location, Pay, PayUnit, Posting, Schedule, Settlement, parse_posting,
    parse_postings_jsonl,
};
pub use seeker::{
    Availability, DEFAULT_MAX_DISTANCE_KM, LocalTime, MinPay, PriorityGroup, SeekerProfile,
    Weekday, parse_seeker, parse_seekers_jsonl,
};
pub use snapshot::{
    Applied, Counts, FeedChange, FeedPage, FileEntry, Manifest, SNAPSHOT_FORMAT, SeekerCounts,
    Snapshot, TILE_DEGREES, TILE_MAGIC, TILE_VERSION, TileEntry, TileKey, build_snapshot, crc32,
    decode_tile, encode_markets, encode_tile,
};
pub use stats::{
    Area, GroupStats, MarketReport, PayBands, Period, SHORTAGE_MIN_DEMAND, SHORTAGE_MIN_RATIO,
    market_stats,
};
pub use text::normalize_text;
pub use timestamp::{CHINA_OFFSET_MIN, LocalFields, Timestamp, TimestampError};
pub use trade::{
    MIN_TRADE_CONFIDENCE, MatchKind, NormalizedTrade, Taxonomy, Trade, TradeCandidate,
    TradeCategory, normalize_trade, suggest_trades,
};
