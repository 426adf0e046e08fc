//! A CRC-32 in front of every stored value, so corruption is caught on the way out.

use linggong_core::crc32;

use super::StoreError;

/// `payload` with its CRC-32 (little-endian) in front.
pub fn seal(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 4);
    out.extend_from_slice(&crc32(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The payload of a sealed value, or [`StoreError::Corrupt`] naming `key`.
pub fn unseal(key: &str, sealed: &[u8]) -> Result<Vec<u8>, StoreError> {
    let corrupt = || StoreError::Corrupt {
        key: key.to_string(),
    };
    let (sum, payload) = sealed.split_first_chunk::<4>().ok_or_else(corrupt)?;
    if u32::from_le_bytes(*sum) != crc32(payload) {
        return Err(corrupt());
    }
    Ok(payload.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_to_its_payload() {
        assert_eq!(unseal("k", &seal(b"hello")).unwrap(), b"hello");
        assert_eq!(unseal("k", &seal(b"")).unwrap(), b"");
    }

    #[test]
    fn a_flipped_bit_or_a_short_value_is_reported_as_corrupt() {
        let mut sealed = seal(b"hello");
        sealed[5] ^= 1;
        assert_eq!(
            unseal("k", &sealed),
            Err(StoreError::Corrupt { key: "k".into() })
        );
        assert!(unseal("k", &[1, 2]).is_err());
    }
}
