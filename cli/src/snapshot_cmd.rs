use std::path::PathBuf;

use clap::Args;
use linggong_core::{Timestamp, build_snapshot, parse_markets_jsonl};

use crate::{Io, data};

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
    /// Directory to write manifest.json, tiles/ and markets.jsonl into.
    #[arg(long)]
    out: PathBuf,
    /// Creation time written into the manifest (RFC 3339); the system clock when absent.
    #[arg(long)]
    now: Option<Timestamp>,
}

pub fn run(args: &SnapshotArgs, io: &mut Io<'_>) -> u8 {
    let fail = |io: &mut Io<'_>, e: String| {
        let _ = writeln!(io.stderr, "linggong snapshot: {e}");
        2
    };
    let postings = match data::postings(&args.data, io) {
        Ok(p) => p,
        Err(e) => return fail(io, e),
    };
    let markets = match args
        .markets
        .as_deref()
        .map(|m| data::jsonl(m, "markets", |t| parse_markets_jsonl(t).collect(), io))
        .transpose()
    {
        Ok(m) => m.unwrap_or_default(),
        Err(e) => return fail(io, e),
    };
    let seekers = match args
        .seekers
        .as_deref()
        .map(|s| data::seekers(s, io))
        .transpose()
    {
        Ok(s) => s.unwrap_or_default(),
        Err(e) => return fail(io, e),
    };
    let mut snapshot = match build_snapshot(&postings, &markets, data::now_or_clock(args.now)) {
        Ok(s) => s,
        Err(e) => return fail(io, e.to_string()),
    };
    let counted = snapshot.count_seekers(&seekers);
    let manifest = match serde_json::to_string_pretty(&snapshot.manifest) {
        Ok(m) => m,
        Err(e) => return fail(io, e.to_string()),
    };
    let mut total = 0;
    for (path, bytes) in &snapshot.files {
        let target = args.out.join(path);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, bytes));
        if let Err(e) = written {
            return fail(io, format!("cannot write {}: {e}", target.display()));
        }
        total += bytes.len();
    }
    if let Err(e) = std::fs::write(args.out.join("manifest.json"), manifest + "\n") {
        return fail(io, format!("cannot write the manifest: {e}"));
    }
    let _ = writeln!(
        io.stderr,
        "linggong snapshot: {} postings in {} tiles, {} markets, {counted} of {} seekers counted, {} bytes in {}",
        snapshot.manifest.counts.postings,
        snapshot.manifest.counts.tiles,
        snapshot.manifest.counts.markets,
        seekers.len(),
        total,
        args.out.display()
    );
    0
}
