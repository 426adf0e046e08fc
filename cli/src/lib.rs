//! The `linggong` command line as a library, so that tests drive it in-process with their
//! own input and output. The binary (`src/main.rs`) only wires it to the real streams.
#![deny(missing_docs)]

mod audit_cmd;
mod data;
pub mod demo;
mod input;
mod match_cmd;
mod nearby_cmd;
mod normalize_cmd;
mod snapshot_cmd;
mod stats_cmd;

use std::ffi::OsString;
use std::io::{Read, Write};

use clap::{Parser, Subcommand};

/// Linggong (零工): gig-market data tools on the same engine as the web app.
#[derive(Debug, Parser)]
#[command(name = "linggong", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Audit postings (JSON lines) before publication; one JSON report per line.
    ///
    /// Exit status: 0 all ok, 1 some posting has a blocking finding or a line is
    /// malformed, 2 the input cannot be read.
    Audit(audit_cmd::AuditArgs),
    /// Map free-text trades (水电维修, 保洁阿姨, 水店工) to the taxonomy; one JSON line each.
    Normalize(normalize_cmd::NormalizeArgs),
    /// Gigs near a point, nearest first: JSON lines {"id", "distance_m"}.
    Nearby(nearby_cmd::NearbyArgs),
    /// Gigs ranked for a seeker's profile: {"id", "score", "explanation"}.
    Match(match_cmd::MatchArgs),
    /// Market statistics: 求人倍率, wage-guide bands, shortage trades.
    Stats(stats_cmd::StatsArgs),
    /// Make a deterministic demo data set: postings, seekers and markets on real places.
    Demo(demo::DemoArgs),
    /// Write the static files the web app fetches: manifest.json and checksummed tiles.
    Snapshot(snapshot_cmd::SnapshotArgs),
}

/// The streams a command reads and writes.
#[allow(missing_debug_implementations)] // trait objects of the std streams have no Debug
pub struct Io<'a> {
    /// Standard input.
    pub stdin: &'a mut dyn Read,
    /// Standard output: the JSON lines.
    pub stdout: &'a mut dyn Write,
    /// Standard error: messages for people.
    pub stderr: &'a mut dyn Write,
}

/// Runs `linggong` with `args` (the program name first) and returns the exit status.
/// Bad arguments print usage to `stderr` and return 2.
///
/// ```
/// let mut out = Vec::new();
/// let mut err = Vec::new();
/// let mut io = linggong_cli::Io { stdin: &mut "{\"id\": \"a\"}\n".as_bytes(), stdout: &mut out, stderr: &mut err };
/// assert_eq!(linggong_cli::run(["linggong", "audit"], &mut io), 1);
/// assert!(String::from_utf8(out).unwrap().starts_with("{\"id\":\"a\",\"ok\":false"));
/// ```
pub fn run<I, T>(args: I, io: &mut Io<'_>) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = write!(io.stderr, "{}", e.render());
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Audit(args) => audit_cmd::run(&args, io),
        Command::Normalize(args) => normalize_cmd::run(&args, io),
        Command::Nearby(args) => nearby_cmd::run(&args, io),
        Command::Match(args) => match_cmd::run(&args, io),
        Command::Stats(args) => stats_cmd::run(&args, io),
        Command::Demo(args) => demo::run(&args, io),
        Command::Snapshot(args) => snapshot_cmd::run(&args, io),
    }
}
