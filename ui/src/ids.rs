//! Ids made in the browser: random version 4 UUIDs for what an outbox resends (the server
//! keeps one of each), and short random hex for a desk's new posting or market.

/// Random bytes from the browser's `crypto.getRandomValues` (`Math.random` where a very old
/// WebView has no `crypto`: an id needs to be unique, not secret).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// A new id for an outbox item: a random (version 4) UUID from `bytes`.
pub fn outbox_id(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            id.push('-');
        }
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 15)]));
    }
    id
}

/// A new outbox id: a random version 4 UUID.
pub fn new_id() -> String {
    outbox_id(random_bytes())
}

/// `prefix` and `N` random bytes in hex: `d-3f9a…` for a posting made on the desk.
pub fn prefixed_hex<const N: usize>(prefix: &str) -> String {
    let hex: String = random_bytes::<N>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{prefix}{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outbox_id_is_a_version_4_uuid_in_canonical_text() {
        assert_eq!(outbox_id([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(
            outbox_id([0xff; 16]),
            "ffffffff-ffff-4fff-bfff-ffffffffffff"
        );
        let id = outbox_id(std::array::from_fn(|i| (i * 17) as u8));
        assert_eq!(id, "00112233-4455-4677-8899-aabbccddeeff");
    }
}
