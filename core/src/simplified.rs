//! Traditional Chinese characters to simplified, one character at a time (`電` → `电`).
//!
//! The table is built by `build.rs` from the `fast2s` crate's data; it keeps the characters
//! whose simplified form differs, in code order, so a look-up is a binary search.

/// Traditional characters, little-endian `u16`, ascending.
static FROM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/t2s_from.bin"));
/// The simplified form of each, at the same position.
static TO: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/t2s_to.bin"));

fn code_at(table: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([table[2 * i], table[2 * i + 1]])
}

/// The simplified form of `c`, or `c` itself when it has none.
pub(crate) fn simplified(c: char) -> char {
    let Ok(code) = u16::try_from(u32::from(c)) else {
        return c;
    };
    let (mut lo, mut hi) = (0, FROM.len() / 2);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match code_at(FROM, mid).cmp(&code) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => {
                return char::from_u32(u32::from(code_at(TO, mid))).unwrap_or(c);
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_characters_become_simplified_and_others_stay() {
        let text: String = "水電工，搬運，電焊師傅，龍"
            .chars()
            .map(simplified)
            .collect();
        assert_eq!(text, "水电工，搬运，电焊师傅，龙");
        for c in ['电', 'a', '１', '😀', '㐀'] {
            assert_eq!(simplified(c), c);
        }
    }

    #[test]
    fn the_table_is_sorted_and_whole() {
        assert_eq!(FROM.len(), TO.len());
        let n = FROM.len() / 2;
        assert!(n > 2000);
        assert!((1..n).all(|i| code_at(FROM, i - 1) < code_at(FROM, i)));
        // The first and last entries are found, like every other.
        for i in [0, n / 2, n - 1] {
            let c = char::from_u32(u32::from(code_at(FROM, i))).unwrap();
            assert_ne!(simplified(c), c);
        }
    }
}
