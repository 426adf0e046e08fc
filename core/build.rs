//! Builds the two character tables text normalisation uses, compact because they ship in
//! the web app's download.
//!
//! The traditional → simplified table, from the `fast2s` crate's data (MIT, by Tyr Chen),
//! character for character: `t2s_from.bin`, the traditional characters in code order, and
//! `t2s_to.bin`, their simplified forms (both little-endian `u16`; every entry is in the
//! Basic Multilingual Plane). 11 KB, where the crate ships 16 KB and a deserialiser.
//!
//! The pinyin table the trade normaliser uses: toneless readings of the 6,763 hanzi of
//! GB 2312 (the characters a Chinese keyboard offers first, and every character the trade
//! taxonomy uses), from the `pinyin` crate's data. The crate's own table covers every CJK
//! block; ours is a twentieth of its size.
//!
//! Pinyin layout (all little-endian), for the basic CJK block U+4E00–U+9FFF:
//! - `pinyin_members.bin`: one bit per character, set when it has a reading (u64 words);
//! - `pinyin_ranks.bin`: per word, the number of set bits in the words before it (u16);
//! - `pinyin_readings.bin`: per set bit, in code order, a 1-based syllable number (9 bits,
//!   packed LSB first);
//! - `pinyin_syllables.rs`: the syllables, as a Rust slice literal.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use pinyin::ToPinyin;

/// The block the table covers.
const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;
/// Bits per packed reading: syllable numbers stay below 2^9.
const READING_BITS: u32 = 9;

/// Whether `c` is one of GB 2312's hanzi: GBK encodes those with a lead byte in B0–F7 and a
/// trail byte in A1–FE.
fn in_gb2312(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !unmappable && bytes.len() == 2 && (0xB0..=0xF7).contains(&bytes[0]) && bytes[1] >= 0xA1
}

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    write_simplified_table(&out);
    write_pinyin_table(&out);
    println!("cargo::rerun-if-changed=build.rs");
}

/// Every character `fast2s` changes on its own (no neighbours to decide by), with its
/// simplified form.
fn write_simplified_table(out: &Path) {
    let (mut from, mut to) = (Vec::new(), Vec::new());
    for code in 0x0800u32..=0xFFFF {
        let Some(c) = char::from_u32(code) else {
            continue; // surrogates
        };
        let converted = fast2s::convert(c.encode_utf8(&mut [0u8; 4]));
        let mut chars = converted.chars();
        let (Some(simple), None) = (chars.next(), chars.next()) else {
            panic!("fast2s maps {c} to one character");
        };
        if simple != c {
            from.extend_from_slice(&u16::try_from(code).expect("BMP").to_le_bytes());
            to.extend_from_slice(&u16::try_from(u32::from(simple)).expect("BMP").to_le_bytes());
        }
    }
    assert!(
        from.len() / 2 > 2000,
        "fast2s knows some 2,700 traditional characters"
    );
    std::fs::write(out.join("t2s_from.bin"), &from).expect("write t2s_from");
    std::fs::write(out.join("t2s_to.bin"), &to).expect("write t2s_to");
}

fn write_pinyin_table(out: &Path) {
    let mut syllables: Vec<&'static str> = Vec::new();
    let mut index: HashMap<&'static str, u32> = HashMap::new();
    let words = ((LAST - FIRST + 1) / 64) as usize;
    let mut members = vec![0u64; words];
    let mut readings: Vec<u32> = Vec::new();
    for code in FIRST..=LAST {
        let Some(c) = char::from_u32(code).filter(|&c| in_gb2312(c)) else {
            continue;
        };
        let Some(reading) = c.to_pinyin().map(|p| p.plain()) else {
            continue;
        };
        let n = *index.entry(reading).or_insert_with(|| {
            syllables.push(reading);
            u32::try_from(syllables.len()).expect("few syllables")
        });
        assert!(
            n < 1 << READING_BITS,
            "syllable numbers fit {READING_BITS} bits"
        );
        let bit = (code - FIRST) as usize;
        members[bit / 64] |= 1 << (bit % 64);
        readings.push(n);
    }
    assert_eq!(
        readings.len(),
        6763,
        "GB 2312 has 6,763 hanzi, each with a reading"
    );

    let member_bytes: Vec<u8> = members.iter().flat_map(|w| w.to_le_bytes()).collect();
    let mut ranks = Vec::with_capacity(words * 2);
    let mut before = 0u16;
    for w in &members {
        ranks.extend_from_slice(&before.to_le_bytes());
        before += u16::try_from(w.count_ones()).expect("64 at most");
    }
    let mut packed = vec![0u8; (readings.len() * READING_BITS as usize).div_ceil(8) + 1];
    for (i, &n) in readings.iter().enumerate() {
        let at = i * READING_BITS as usize;
        let pair = u16::try_from(n << (at % 8)).expect("9 bits shifted by under 8 fit 16");
        packed[at / 8] |= pair.to_le_bytes()[0];
        packed[at / 8 + 1] |= pair.to_le_bytes()[1];
    }
    std::fs::write(out.join("pinyin_members.bin"), &member_bytes).expect("write members");
    std::fs::write(out.join("pinyin_ranks.bin"), &ranks).expect("write ranks");
    std::fs::write(out.join("pinyin_readings.bin"), &packed).expect("write readings");
    let mut rs = std::fs::File::create(out.join("pinyin_syllables.rs")).expect("create");
    writeln!(rs, "&{syllables:?}").expect("write syllables");
}
