//! The `linggong` command line as a library, so that tests drive it in-process with their
//! own input and output. The binary (`src/main.rs`) only wires it to the real streams.
#![deny(missing_docs)]

mod audit_cmd;
mod data;
mod demo_cmd;
mod input;
mod match_cmd;
mod nearby_cmd;
mod normalize_cmd;
mod publish;
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
    /// Exit status: 0 all ok, 1 some posting has a blocking finding, a line is malformed or
    /// an id repeats, 2 the input cannot be read.
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
    Demo(demo_cmd::DemoArgs),
    /// Write the static files the web app fetches: manifest.json and checksummed tiles.
    ///
    /// The folder is replaced whole. Refused (exit 2) when no posting is valid or fewer than
    /// half as many as in the snapshot there, unless --allow-shrink is given.
    Snapshot(snapshot_cmd::SnapshotArgs),
}

impl Command {
    fn name(&self) -> &'static str {
        match self {
            Command::Audit(_) => "audit",
            Command::Normalize(_) => "normalize",
            Command::Nearby(_) => "nearby",
            Command::Match(_) => "match",
            Command::Stats(_) => "stats",
            Command::Demo(_) => "demo",
            Command::Snapshot(_) => "snapshot",
        }
    }
}

/// How a command that did its job went. Commands return `Result<Done, String>`; only [`run`]
/// turns that into an exit status (as ripgrep does):
///
/// | status | meaning |
/// |---|---|
/// | 0 | done, nothing to report (lines skipped by a search are warnings on stderr) |
/// | 1 | done, and the data is not fit to publish: `audit` found a blocking finding, a malformed line or a repeated id |
/// | 2 | not done: bad arguments, input or output that cannot be read or written, no valid line in a file, a snapshot refused |
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    /// Exit 0.
    Clean,
    /// Exit 1.
    Findings,
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

/// Runs `linggong` with `args` (the program name first) and returns the exit status: 0 done,
/// 1 `audit` found data not fit to publish, 2 not done (the reason is on `stderr`; bad
/// arguments print usage).
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
    let name = cli.command.name();
    match dispatch(cli.command, io) {
        Ok(Done::Clean) => 0,
        Ok(Done::Findings) => 1,
        Err(reason) => {
            let _ = writeln!(io.stderr, "linggong {name}: {reason}");
            2
        }
    }
}

fn dispatch(command: Command, io: &mut Io<'_>) -> Result<Done, String> {
    match command {
        Command::Audit(args) => audit_cmd::run(&args, io),
        Command::Normalize(args) => normalize_cmd::run(&args, io),
        Command::Nearby(args) => nearby_cmd::run(&args, io),
        Command::Match(args) => match_cmd::run(&args, io),
        Command::Stats(args) => stats_cmd::run(&args, io),
        Command::Demo(args) => demo_cmd::run(&args, io),
        Command::Snapshot(args) => snapshot_cmd::run(&args, io),
    }
}
