//! Bytes as lower-case hex text, the way digests, tokens and keys are written.

/// `bytes` as lower-case hex.
pub fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    text
}

/// 64 hex digits as 32 bytes; `None` for anything else.
pub fn decode32(text: &str) -> Option<[u8; 32]> {
    let digits = text.as_bytes();
    // Hex digits only: `from_str_radix` alone would take a sign ("+3" as 3).
    if digits.len() != 64 || !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (slot, pair) in bytes.iter_mut().zip(digits.chunks(2)) {
        *slot = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_two_bytes_survive_the_round_trip_and_anything_else_is_refused() {
        let key: [u8; 32] = std::array::from_fn(|i| (i * 37) as u8);
        let text = encode(&key);
        assert_eq!(text.len(), 64);
        assert_eq!(&text[..6], "00254a");
        assert_eq!(decode32(&text), Some(key));
        assert_eq!(decode32(&text[..62]), None);
        assert_eq!(decode32(&text.replace('a', "g")), None);
        assert_eq!(decode32(&"é".repeat(32)), None);
        let signed = format!("+{}", &text[1..]);
        assert_eq!(
            decode32(&signed),
            None,
            "a sign is not a digit (found by fuzzing)"
        );
    }
}
