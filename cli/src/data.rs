//! Loading postings, seekers and markets for the commands that read files, and writing their
//! JSON-lines output.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use linggong_core::{Error, GigIndex, Posting, SeekerProfile, Timestamp, parse_posting};

use crate::{Io, input};

/// The items read from a JSON-lines file, each with its 1-based line.
#[derive(Debug)]
pub struct Loaded<T> {
    /// The items that could be read.
    pub items: Vec<(usize, T)>,
    /// How many non-blank lines the file has.
    pub lines: usize,
}

impl<T> Loaded<T> {
    /// The items, or an error when the file had lines and none could be read: a command with
    /// nothing to work on must not look like one that found nothing.
    pub fn require_some(self, path: &Path, noun: &str) -> Result<Vec<(usize, T)>, String> {
        if self.items.is_empty() && self.lines > 0 {
            return Err(format!(
                "no valid {noun} in {} ({} lines read, all skipped)",
                path.display(),
                self.lines
            ));
        }
        Ok(self.items)
    }
}

/// Items of a JSON-lines file, each line read by core's `parse` as one `noun` ("posting").
/// A line that cannot be read is reported on stderr, with its line, column and field, and
/// skipped, so one bad line never loses the rest.
pub fn jsonl<T>(
    path: &Path,
    noun: &str,
    parse: impl Fn(&str) -> Result<T, Error>,
    io: &mut Io<'_>,
) -> Result<Loaded<T>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let what = format!("a {noun}");
    let mut read = Loaded {
        items: Vec::new(),
        lines: 0,
    };
    for (line, text) in input::lines(&bytes) {
        read.lines += 1;
        let item =
            text.and_then(|t| input::parse_object(t, &what, &parse).map_err(|e| e.on_line(line)));
        match item {
            Ok(item) => read.items.push((line, item)),
            Err(e) => warn(io, &format!("{}:{line}: skipped: {e}", path.display())),
        }
    }
    Ok(read)
}

/// Writes a warning for people on stderr.
pub fn warn(io: &mut Io<'_>, message: &str) {
    let _ = writeln!(io.stderr, "linggong: {message}");
}

/// The first line of each id seen so far, so that a repeated id is reported with both lines.
#[derive(Debug, Default)]
pub struct IdLines(HashMap<String, usize>);

impl IdLines {
    /// Records `id` on `line`; when an earlier line had it, a message naming both lines.
    pub fn repeat(&mut self, id: &str, line: usize) -> Option<String> {
        match self.0.get(id) {
            Some(first) => Some(format!(
                "line {line}: id `{}` repeats line {first}",
                input::clip(id)
            )),
            None => {
                self.0.insert(id.to_string(), line);
                None
            }
        }
    }
}

/// Postings for a search or statistics: at least one must be valid. Of two postings with one
/// id the later replaces the earlier, as a live feed would, with a warning naming both lines.
pub fn postings(path: &Path, io: &mut Io<'_>) -> Result<Vec<Posting>, String> {
    let items = jsonl(path, "posting", parse_posting, io)?.require_some(path, "posting")?;
    let mut ids = IdLines::default();
    let mut slot = HashMap::new();
    let mut postings: Vec<Posting> = Vec::with_capacity(items.len());
    for (line, p) in items {
        if let Some(repeat) = ids.repeat(&p.id, line) {
            warn(
                io,
                &format!("{}: {repeat}; the later posting is used", path.display()),
            );
        }
        match slot.get(&p.id) {
            Some(&earlier) => postings[earlier] = p,
            None => {
                slot.insert(p.id.clone(), postings.len());
                postings.push(p);
            }
        }
    }
    Ok(postings)
}

/// Seeker profiles from a JSON-lines file: at least one must be valid.
pub fn seekers(path: &Path, io: &mut Io<'_>) -> Result<Vec<SeekerProfile>, String> {
    let noun = "seeker profile";
    let items = jsonl(path, noun, linggong_core::parse_seeker, io)?.require_some(path, noun)?;
    Ok(items.into_iter().map(|(_, s)| s).collect())
}

/// One seeker profile: a JSON document, possibly spread over several lines.
pub fn profile(path: &Path) -> Result<SeekerProfile, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    input::document(&bytes)
        .and_then(|text| input::parse_object(text, "a seeker profile", linggong_core::parse_seeker))
        .map_err(|e| format!("profile {}: {e}", path.display()))
}

/// An index of the postings that can be placed; the others are reported and skipped.
pub fn index(postings: Vec<Posting>, io: &mut Io<'_>) -> GigIndex {
    let (placeable, unplaceable): (Vec<Posting>, Vec<Posting>) =
        postings.into_iter().partition(|p| {
            let l = p.location.as_ref();
            linggong_core::GeoPoint::new(
                l.and_then(|l| l.lat).unwrap_or(f64::NAN),
                l.and_then(|l| l.lng).unwrap_or(f64::NAN),
            )
            .is_ok()
        });
    for p in &unplaceable {
        let id = input::clip(&p.id);
        warn(io, &format!("posting `{id}` skipped: no valid coordinates"));
    }
    match GigIndex::from_postings(placeable.iter().cloned()) {
        Ok(built) => built,
        Err(e) => {
            warn(io, &e.to_string());
            let mut index = GigIndex::new();
            for p in placeable {
                let _ = index.insert(p);
            }
            index
        }
    }
}

/// "Now" for commands that rank by freshness: `--now`, else the system clock in +08:00.
pub fn now_or_clock(now: Option<Timestamp>) -> Timestamp {
    now.unwrap_or_else(|| {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Timestamp::from_unix_s(secs, linggong_core::CHINA_OFFSET_MIN)
    })
}

/// Writes each value as one JSON line.
pub fn write_lines<T: serde::Serialize>(
    io: &mut Io<'_>,
    values: impl IntoIterator<Item = T>,
) -> Result<(), String> {
    let mut out = std::io::BufWriter::new(&mut *io.stdout);
    for v in values {
        serde_json::to_string(&v)
            .map_err(std::io::Error::other)
            .and_then(|l| writeln!(out, "{l}"))
            .map_err(|e| format!("cannot write the output: {e}"))?;
    }
    out.flush()
        .map_err(|e| format!("cannot write the output: {e}"))
}
