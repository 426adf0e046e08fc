use std::path::{Path, PathBuf};

use clap::Args;
use linggong_core::{
    Error, Posting, Timestamp, build_snapshot, parse_market, parse_posting, parse_seeker,
};

use crate::data::{self, IdLines};
use crate::{Done, Io, publish};

#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// JSON-lines file of postings.
    #[arg(long)]
    data: PathBuf,
    /// JSON-lines file of markets for the directory.
    #[arg(long)]
    markets: Option<PathBuf>,
    /// JSON-lines file of seekers, counted per tile by trade (for 求人倍率 on the phone).
    #[arg(long)]
    seekers: Option<PathBuf>,
    /// Directory to write manifest.json, tiles/ and markets.jsonl into; created when missing,
    /// replaced whole when it holds a snapshot.
    #[arg(long)]
    out: PathBuf,
    /// Creation time written into the manifest (RFC 3339); the system clock when absent.
    #[arg(long)]
    now: Option<Timestamp>,
    /// Publish even when no posting is valid, or fewer than half as many as in the snapshot
    /// in --out.
    #[arg(long)]
    allow_shrink: bool,
}

pub fn run(args: &SnapshotArgs, io: &mut Io<'_>) -> Result<Done, String> {
    let read = data::jsonl(&args.data, "posting", parse_posting, io)?;
    let lines = read.lines;
    let postings = unique(read.items, &args.data, io)?;
    let markets = optional(args.markets.as_deref(), "market", parse_market, io)?;
    let seekers = optional(args.seekers.as_deref(), "seeker profile", parse_seeker, io)?;
    if !args.allow_shrink {
        check_size(postings.len(), lines, &args.out, io)?;
    }
    let mut snapshot = build_snapshot(&postings, &markets, data::now_or_clock(args.now))
        .map_err(|e| e.to_string())?;
    let counted = snapshot.count_seekers(&seekers);
    let manifest = serde_json::to_string_pretty(&snapshot.manifest).map_err(|e| e.to_string())?;
    let mut files = std::mem::take(&mut snapshot.files);
    files.push(("manifest.json".into(), (manifest + "\n").into_bytes()));
    let published = publish::replace_folder(&args.out, &files)?;
    if let Some(warning) = published.warning {
        data::warn(io, &warning);
    }
    let _ = writeln!(
        io.stderr,
        "linggong snapshot: {} postings in {} tiles, {} markets, {counted} of {} seekers counted, {} bytes in {}",
        snapshot.manifest.counts.postings,
        snapshot.manifest.counts.tiles,
        snapshot.manifest.counts.markets,
        seekers.len(),
        published.bytes,
        args.out.display()
    );
    Ok(Done::Clean)
}

/// The postings, or an error when an id repeats: a snapshot cannot hold two postings under
/// one id, and which one the author meant is not for the command to guess. Every repeat is
/// listed on stderr with both lines.
fn unique(
    items: Vec<(usize, Posting)>,
    path: &Path,
    io: &mut Io<'_>,
) -> Result<Vec<Posting>, String> {
    let mut ids = IdLines::default();
    let mut repeats = 0;
    for (line, p) in &items {
        if let Some(repeat) = ids.repeat(&p.id, *line) {
            data::warn(io, &format!("{}: {repeat}", path.display()));
            repeats += 1;
        }
    }
    if repeats > 0 {
        return Err(format!(
            "{repeats} repeated ids in {}; ids must be unique, nothing was published",
            path.display()
        ));
    }
    Ok(items.into_iter().map(|(_, p)| p).collect())
}

/// The items of an optional JSON-lines file; a file named but without a valid line is an
/// error.
fn optional<T>(
    path: Option<&Path>,
    noun: &str,
    parse: impl Fn(&str) -> Result<T, Error>,
    io: &mut Io<'_>,
) -> Result<Vec<T>, String> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let items = data::jsonl(path, noun, parse, io)?.require_some(path, noun)?;
    Ok(items.into_iter().map(|(_, item)| item).collect())
}

/// Refuses to publish no posting at all, or fewer than half as many as the snapshot already
/// in `out`: the mark of a broken export, which would blank the phones' map.
fn check_size(valid: usize, lines: usize, out: &Path, io: &mut Io<'_>) -> Result<(), String> {
    let previous = previous_postings(out, io);
    let shrinks = previous.is_some_and(|before| valid * 2 < before);
    if valid > 0 && !shrinks {
        return Ok(());
    }
    let against = match previous {
        Some(before) if valid > 0 => format!(
            ", the snapshot in {} has {before}: fewer than half",
            out.display()
        ),
        Some(before) => format!(", the snapshot in {} has {before}", out.display()),
        None => String::new(),
    };
    Err(format!(
        "refusing to publish {valid} valid postings ({lines} lines read){against}; \
         --allow-shrink publishes them anyway"
    ))
}

/// How many postings the manifest in `out` counts; `None` without one. A manifest that
/// cannot be read is reported and not compared: a fresh snapshot is what repairs it.
fn previous_postings(out: &Path, io: &mut Io<'_>) -> Option<usize> {
    let path = out.join("manifest.json");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            data::warn(io, &format!("cannot read {}: {e}", path.display()));
            return None;
        }
    };
    let count = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|m| m["counts"]["postings"].as_u64());
    if count.is_none() {
        let message = format!("{} counts no postings; not compared", path.display());
        data::warn(io, &message);
    }
    count.and_then(|n| usize::try_from(n).ok())
}
