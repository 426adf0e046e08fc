mod gazetteer;
mod market;

pub use gazetteer::{Gazetteer, Place, PlaceLevel};
pub use market::{Market, MarketKind, nearest_markets, parse_market, parse_markets_jsonl};
