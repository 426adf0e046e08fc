//! Reading JSON-lines input from a file or standard input.

use std::io::Read;
use std::path::Path;

/// The whole input as bytes: the file when one is named (other than `-`), `stdin` otherwise.
pub fn read_all(path: Option<&Path>, stdin: &mut dyn Read) -> Result<Vec<u8>, String> {
    match path {
        Some(p) if p.as_os_str() != "-" => {
            std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
        }
        _ => {
            let mut bytes = Vec::new();
            stdin
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(bytes)
        }
    }
}

/// Non-blank lines with their 1-based numbers; a line that is not UTF-8 is an `Err`.
pub fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, Result<&str, String>)> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, raw)| {
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            let text = std::str::from_utf8(raw).map_err(|e| format!("line is not UTF-8: {e}"));
            (i + 1, text)
        })
        .filter(|(_, text)| text.as_ref().map_or(true, |t| !t.trim().is_empty()))
}
