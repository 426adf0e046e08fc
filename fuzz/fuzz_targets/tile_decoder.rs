//! The tile decoder on inputs that reach the records: the fuzzer writes the body, this
//! target adds a valid header and checksum. Whatever decodes must encode and decode again
//! to the same postings, and nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linggong_core::{TILE_MAGIC, TILE_VERSION, crc32, decode_tile, encode_tile};

fuzz_target!(|body: &[u8]| {
    let mut tile = TILE_MAGIC.to_vec();
    tile.extend_from_slice(&TILE_VERSION.to_le_bytes());
    tile.extend_from_slice(&[1, 0]); // a postings tile, reserved byte
    tile.extend_from_slice(body);
    let sum = crc32(&tile);
    tile.extend_from_slice(&sum.to_le_bytes());
    let Ok(postings) = decode_tile(&tile) else {
        return;
    };
    let again = decode_tile(&encode_tile(&postings)).expect("a re-encoded tile decodes");
    assert_eq!(again, postings);
});
