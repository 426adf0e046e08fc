//! Reading JSON input: the bytes of a file or of standard input, split into numbered lines,
//! each read as one JSON object, with errors that name line, byte column and field.
//!
//! Errors quote at most [`QUOTE_CHARS`] characters of the input: a line can be megabytes
//! long, and the message goes to a terminal or into the audit's JSON output.

use std::fmt;
use std::io::Read;
use std::path::Path;

use linggong_core::Error;

/// The UTF-8 byte-order mark that Windows editors write at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";
/// At most this many characters of the input are quoted in an error.
const QUOTE_CHARS: usize = 80;

/// Why a line (or a whole document) could not be read, where, and in which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// 1-based line; 0 when core could not say where (a value refused after reading).
    pub line: usize,
    /// 1-based byte column, as serde_json counts; 0 when the line as a whole is meant.
    pub column: usize,
    /// Dotted field path (`pay.unit`); empty for the line itself.
    pub field: String,
    /// What is wrong.
    pub reason: String,
}

impl InputError {
    fn at(line: usize, column: usize, reason: String) -> Self {
        Self {
            line,
            column,
            field: String::new(),
            reason,
        }
    }

    /// The same error on line `line` of a longer text (a line of a JSON-lines file).
    pub fn on_line(self, line: usize) -> Self {
        Self { line, ..self }
    }

    /// The message without its place: "field `pay.unit`: unknown variant …".
    pub fn what(&self) -> String {
        if self.field.is_empty() {
            self.reason.clone()
        } else {
            format!("field `{}`: {}", self.field, self.reason)
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => {}
            (line, 0) => write!(f, "line {line}: ")?,
            (line, column) => write!(f, "line {line}, column {column}: ")?,
        }
        f.write_str(&self.what())
    }
}

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

/// Non-blank lines with their 1-based numbers, after a leading byte-order mark. A line that
/// is not UTF-8 is an error naming its first bad byte, and the other lines still count: one
/// GBK-encoded line must not lose a whole file.
pub fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, Result<&str, InputError>)> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, raw)| {
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            let text = std::str::from_utf8(raw)
                .map_err(|e| InputError::at(i + 1, e.valid_up_to() + 1, not_utf8(raw, &e)));
            (i + 1, text)
        })
        .filter(|(_, text)| text.as_ref().map_or(true, |t| !t.trim().is_empty()))
}

/// A whole document (a profile, possibly over several lines) as text, after a leading
/// byte-order mark; an error names the line and column of the first byte that is not UTF-8.
pub fn document(bytes: &[u8]) -> Result<&str, InputError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(bytes, e.valid_up_to());
        InputError::at(line, column, not_utf8(bytes, &e))
    })
}

fn not_utf8(bytes: &[u8], e: &std::str::Utf8Error) -> String {
    let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
    format!(
        "not UTF-8 (byte 0x{byte:02x}); save the file as UTF-8 (from GBK: iconv -f GBK -t UTF-8)"
    )
}

/// 1-based line and byte column of byte `offset`.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let lines = before.iter().filter(|&&b| b == b'\n').count();
    (lines + 1, offset - line_start + 1)
}

/// Reads `text`, one JSON document, as `what` ("a posting") with core's reader `parse`.
///
/// Before core sees the text, JSON that is not an object is refused (serde reads a struct
/// from an array too, so `["x"]` would be a posting with the id `x`); after, the quotes of
/// the input in core's error are shortened.
///
/// Deep nesting needs no check of its own: core's types refuse a bracket where a value
/// belongs as soon as they meet it (`skills: [[`…), serde_json gives up at 128 levels, and
/// core's field path stops at the bracket the error precedes, so ten megabytes of `[`
/// cost one short error and no full scan.
pub fn parse_object<T>(
    text: &str,
    what: &str,
    parse: impl Fn(&str) -> Result<T, Error>,
) -> Result<T, InputError> {
    let start = text.len() - text.trim_start().len();
    if !text[start..].starts_with('{') {
        return Err(not_an_object(text, start, what));
    }
    parse(text).map_err(from_core)
}

/// The error for text that does not start an object: "must be a JSON object" when it is
/// JSON (or an array, however long or deep), else serde_json's syntax error.
fn not_an_object(text: &str, start: usize, what: &str) -> InputError {
    let rest = &text[start..];
    let syntax = if rest.starts_with('[') {
        Ok(())
    } else {
        serde_json::from_str::<serde::de::IgnoredAny>(text).map(|_| ())
    };
    match syntax {
        Ok(()) => InputError::at(
            line_column(text.as_bytes(), start).0,
            0,
            format!("{what} must be a JSON object"),
        ),
        Err(e) => InputError::at(e.line(), e.column(), clip_quotes(&serde_reason(&e))),
    }
}

/// serde_json's message without its " at line L column C" tail.
fn serde_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Core's error with its field and the quotes of the input shortened.
fn from_core(err: Error) -> InputError {
    match err {
        Error::Parse {
            line,
            column,
            field,
            reason,
        } => InputError {
            line,
            column,
            field: clip(&field),
            reason: clip_quotes(&reason),
        },
        Error::Invalid { field, reason } => InputError {
            field: clip(&field),
            ..InputError::at(0, 0, clip_quotes(&reason))
        },
        other => InputError::at(0, 0, clip_quotes(&other.to_string())),
    }
}

/// `text` cut to [`QUOTE_CHARS`] characters, with `…` when cut.
pub fn clip(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        None => text.to_string(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

/// `text` with each part quoted in backquotes or double quotes (as serde_json quotes the
/// input: unknown field `…`, invalid value: string "…") cut to [`QUOTE_CHARS`] characters.
fn clip_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * QUOTE_CHARS));
    let (mut quote, mut escaped, mut kept) = (None, false, 0);
    for c in text.chars() {
        match quote {
            None if c == '`' || c == '"' => (quote, kept) = (Some(c), 0),
            Some(q) if c == q && !escaped => {
                if kept > QUOTE_CHARS {
                    out.push('…');
                }
                quote = None;
            }
            Some(q) => {
                escaped = q == '"' && !escaped && c == '\\';
                kept += 1;
                if kept > QUOTE_CHARS {
                    continue;
                }
            }
            None => {}
        }
        out.push(c);
    }
    if quote.is_some() && kept > QUOTE_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_cut_and_the_rest_is_kept() {
        let long = "k".repeat(200);
        let clipped = clip_quotes(&format!("unknown field `{long}`, expected `id`"));
        assert_eq!(
            clipped,
            format!("unknown field `{}…`, expected `id`", "k".repeat(80))
        );
        let clipped = clip_quotes(&format!(r#"string "a\"{long}", expected u32"#));
        assert!(clipped.ends_with("…\", expected u32"), "{clipped}");
        assert_eq!(clip_quotes("no quotes"), "no quotes");
    }

    #[test]
    fn line_and_column_count_bytes_from_one() {
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_column(b"ab", 0), (1, 1));
    }
}
