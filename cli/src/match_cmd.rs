use std::path::PathBuf;

use clap::Args;
use linggong_core::{Timestamp, gigs_for_seeker};

use crate::{Done, Io, data};

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// JSON-lines file of postings.
    #[arg(long)]
    data: PathBuf,
    /// The seeker's profile (one JSON object).
    #[arg(long)]
    profile: PathBuf,
    /// At most this many gigs.
    #[arg(long, default_value_t = 20)]
    k: usize,
    /// The moment to rank at (RFC 3339); the system clock when absent.
    #[arg(long)]
    now: Option<Timestamp>,
}

pub fn run(args: &MatchArgs, io: &mut Io<'_>) -> Result<Done, String> {
    let profile = data::profile(&args.profile)?;
    let index = data::index(data::postings(&args.data, io)?, io);
    let ranked = gigs_for_seeker(&index, &profile, data::now_or_clock(args.now), args.k)
        .map_err(|e| e.to_string())?;
    data::write_lines(io, ranked)?;
    Ok(Done::Clean)
}
