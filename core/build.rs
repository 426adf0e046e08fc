//! Builds the pinyin table the trade normaliser uses: toneless readings of the basic CJK
//! block (U+4E00–U+9FFF, every character a seeker types in practice) from the `pinyin`
//! crate's data. The crate's own table covers every extension block; ours is a ninth of its
//! size, which matters in the web app's download.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use pinyin::ToPinyin;

/// The block the table covers.
const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut syllables: Vec<&'static str> = Vec::new();
    let mut index: HashMap<&'static str, u16> = HashMap::new();
    let mut readings = Vec::with_capacity(((LAST - FIRST + 1) * 2) as usize);
    for code in FIRST..=LAST {
        let reading = char::from_u32(code)
            .and_then(|c| c.to_pinyin())
            .map(|p| p.plain());
        let n: u16 = match reading {
            None => 0,
            Some(s) => *index.entry(s).or_insert_with(|| {
                syllables.push(s);
                u16::try_from(syllables.len()).expect("fewer than 65,536 syllables")
            }),
        };
        readings.extend_from_slice(&n.to_le_bytes());
    }
    std::fs::write(out.join("pinyin_readings.bin"), &readings).expect("write readings");
    let mut rs = std::fs::File::create(out.join("pinyin_syllables.rs")).expect("create");
    writeln!(rs, "&{syllables:?}").expect("write syllables");
    println!("cargo::rerun-if-changed=build.rs");
}
