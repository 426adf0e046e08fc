//! CRC-32 (IEEE 802.3, the one zip and PNG use). Natively `crc32fast` computes it with the
//! CPU's carry-less multiply (many times faster than a table, which matters to a server
//! decoding every tile); in WebAssembly a 1 KB table keeps the download small. A property
//! test checks the two agree.

#[cfg(any(test, target_arch = "wasm32"))]
const fn table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

#[cfg(any(test, target_arch = "wasm32"))]
static TABLE: [u32; 256] = table();

/// CRC-32 a byte at a time through the table.
#[cfg(any(test, target_arch = "wasm32"))]
fn table_crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// The CRC-32 of `bytes`.
///
/// ```
/// assert_eq!(linggong_core::crc32(b"123456789"), 0xCBF4_3926);
/// assert_eq!(linggong_core::crc32(b""), 0);
/// ```
pub fn crc32(bytes: &[u8]) -> u32 {
    #[cfg(target_arch = "wasm32")]
    let sum = table_crc32(bytes);
    #[cfg(not(target_arch = "wasm32"))]
    let sum = crc32fast::hash(bytes);
    sum
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_table_gives_the_standard_check_value() {
        assert_eq!(table_crc32(b"123456789"), 0xCBF4_3926);
    }

    proptest! {
        #[test]
        fn the_table_and_the_native_crc_agree(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            prop_assert_eq!(table_crc32(&bytes), crc32(&bytes));
        }
    }
}
