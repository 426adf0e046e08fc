mod category;
mod noise;
mod normalizer;
mod pinyin_key;
mod suggest;
mod taxonomy;

pub use category::TradeCategory;
pub use normalizer::{
    MIN_TRADE_CONFIDENCE, MatchKind, NormalizedTrade, TradeCandidate, normalize_trade,
};
pub use suggest::suggest_trades;
pub use taxonomy::{Taxonomy, Trade};
