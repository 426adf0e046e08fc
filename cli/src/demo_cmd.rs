//! `linggong demo`: writes the demo data set (the `linggong-demo` crate) as JSON lines.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use linggong_core::Timestamp;
use linggong_demo::{DEFAULT_DEMO_NOW, DemoSize, gazetteer, generate};

use crate::{Done, Io};

/// Arguments of `linggong demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Seed: the same seed (and --now) gives the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many postings.
    #[arg(long, default_value_t = 20_000)]
    postings: usize,
    /// How many seekers.
    #[arg(long, default_value_t = 3_000)]
    seekers: usize,
    /// Percent of postings made non-compliant on purpose (1–20).
    #[arg(long, default_value_t = 8.0)]
    bad_percent: f64,
    /// The moment the data is made at (RFC 3339).
    #[arg(long, default_value = DEFAULT_DEMO_NOW)]
    now: Timestamp,
    /// Directory for postings.jsonl, seekers.jsonl and markets.jsonl.
    #[arg(long)]
    out: PathBuf,
}

fn write_jsonl<T: serde::Serialize>(path: &std::path::Path, items: &[T]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for item in items {
        serde_json::to_writer(&mut out, item)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Runs `linggong demo`.
pub(crate) fn run(args: &DemoArgs, io: &mut Io<'_>) -> Result<Done, String> {
    if !(1.0..=20.0).contains(&args.bad_percent) {
        return Err("--bad-percent must be between 1 and 20".into());
    }
    let size = DemoSize {
        postings: args.postings,
        seekers: args.seekers,
        bad_share: args.bad_percent / 100.0,
    };
    let data = generate(args.seed, size, &gazetteer(), args.now);
    std::fs::create_dir_all(&args.out)
        .and_then(|()| write_jsonl(&args.out.join("postings.jsonl"), &data.postings))
        .and_then(|()| write_jsonl(&args.out.join("seekers.jsonl"), &data.seekers))
        .and_then(|()| write_jsonl(&args.out.join("markets.jsonl"), &data.markets))
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    let _ = writeln!(
        io.stderr,
        "linggong demo: {} postings, {} seekers, {} markets in {}",
        data.postings.len(),
        data.seekers.len(),
        data.markets.len(),
        args.out.display()
    );
    Ok(Done::Clean)
}
