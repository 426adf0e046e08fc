use std::path::PathBuf;

use clap::Args;
use linggong_core::{Timestamp, gigs_for_seeker};

use crate::{Io, data};

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

pub fn run(args: &MatchArgs, io: &mut Io<'_>) -> u8 {
    let loaded = data::profile(&args.profile)
        .and_then(|profile| Ok((profile, data::postings(&args.data, io)?)));
    let (profile, postings) = match loaded {
        Ok(x) => x,
        Err(e) => {
            let _ = writeln!(io.stderr, "linggong match: {e}");
            return 2;
        }
    };
    let index = data::index(postings, io);
    match gigs_for_seeker(&index, &profile, data::now_or_clock(args.now), args.k) {
        Ok(ranked) => {
            if data::write_lines(io, ranked) {
                0
            } else {
                2
            }
        }
        Err(e) => {
            let _ = writeln!(io.stderr, "linggong match: {e}");
            2
        }
    }
}
