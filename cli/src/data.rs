//! Loading postings and seekers for the search, match and stats commands.

use std::io::Write;
use std::path::Path;

use linggong_core::{
    GigIndex, Posting, SeekerProfile, Timestamp, parse_postings_jsonl, parse_seekers_jsonl,
};

use crate::Io;

fn read_text(path: &Path, what: &str) -> Result<String, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read {what} {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|_| format!("{what} {} is not UTF-8", path.display()))
}

/// Items from a JSON-lines file, parsed by `parse_jsonl`; malformed lines are reported on
/// stderr and skipped, so one bad line never loses the rest.
pub fn jsonl<T>(
    path: &Path,
    what: &str,
    parse_jsonl: impl FnOnce(&str) -> Vec<(usize, Result<T, linggong_core::Error>)>,
    io: &mut Io<'_>,
) -> Result<Vec<T>, String> {
    let text = read_text(path, what)?;
    let mut out = Vec::new();
    for (line, parsed) in parse_jsonl(&text) {
        match parsed {
            Ok(item) => out.push(item),
            Err(e) => {
                let _ = writeln!(
                    io.stderr,
                    "linggong: {}:{line}: skipped: {e}",
                    path.display()
                );
            }
        }
    }
    Ok(out)
}

/// Postings from a JSON-lines file (see [`jsonl`]).
pub fn postings(path: &Path, io: &mut Io<'_>) -> Result<Vec<Posting>, String> {
    jsonl(path, "postings", |t| parse_postings_jsonl(t).collect(), io)
}

/// Seeker profiles from a JSON-lines file (see [`jsonl`]).
pub fn seekers(path: &Path, io: &mut Io<'_>) -> Result<Vec<SeekerProfile>, String> {
    jsonl(path, "seekers", |t| parse_seekers_jsonl(t).collect(), io)
}

/// One seeker profile: a JSON document, possibly spread over several lines.
pub fn profile(path: &Path) -> Result<SeekerProfile, String> {
    let text = read_text(path, "profile")?;
    linggong_core::parse_seeker(&text).map_err(|e| format!("profile {}: {e}", path.display()))
}

/// An index of the postings that can be placed; the others are reported and skipped, and a
/// repeated id replaces the earlier posting, as a live feed would.
pub fn index(postings: Vec<Posting>, io: &mut Io<'_>) -> GigIndex {
    let mut index = GigIndex::new();
    let mut good = Vec::with_capacity(postings.len());
    let mut seen = std::collections::HashSet::new();
    for p in postings.into_iter().rev() {
        if seen.insert(p.id.clone()) {
            good.push(p);
        }
    }
    good.reverse();
    let (placeable, unplaceable): (Vec<Posting>, Vec<Posting>) = good.into_iter().partition(|p| {
        let l = p.location.as_ref();
        linggong_core::GeoPoint::new(
            l.and_then(|l| l.lat).unwrap_or(f64::NAN),
            l.and_then(|l| l.lng).unwrap_or(f64::NAN),
        )
        .is_ok()
    });
    for p in &unplaceable {
        let _ = writeln!(
            io.stderr,
            "linggong: posting `{}` skipped: no valid coordinates",
            p.id
        );
    }
    match GigIndex::from_postings(placeable.iter().cloned()) {
        Ok(built) => index = built,
        Err(e) => {
            let _ = writeln!(io.stderr, "linggong: {e}");
            for p in placeable {
                let _ = index.insert(p);
            }
        }
    }
    index
}

/// "Now" for commands that rank by freshness: `--now`, else the system clock in +08:00.
pub fn now_or_clock(now: Option<Timestamp>) -> Timestamp {
    now.unwrap_or_else(|| {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Timestamp::from_unix_s(secs, 480)
    })
}

/// Writes each value as one JSON line; false when output failed.
pub fn write_lines<T: serde::Serialize>(
    io: &mut Io<'_>,
    values: impl IntoIterator<Item = T>,
) -> bool {
    let mut out = std::io::BufWriter::new(&mut *io.stdout);
    for v in values {
        let ok = serde_json::to_string(&v)
            .map_err(std::io::Error::other)
            .and_then(|l| writeln!(out, "{l}"));
        if ok.is_err() {
            return false;
        }
    }
    out.flush().is_ok()
}
