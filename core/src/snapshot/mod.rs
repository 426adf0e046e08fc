mod base64;
mod crc32;
mod feed;
mod manifest;
mod seeker_counts;
mod tile_codec;
mod tile_key;
mod wire;

pub use crc32::crc32;
pub use feed::{Applied, FeedChange, FeedPage};
pub use manifest::{
    Counts, FileEntry, Manifest, SNAPSHOT_FORMAT, Snapshot, TILE_DEGREES, TileEntry,
    build_snapshot, encode_markets,
};
pub use seeker_counts::SeekerCounts;
pub use tile_codec::{TILE_MAGIC, TILE_VERSION, decode_tile, encode_tile};
pub use tile_key::TileKey;
