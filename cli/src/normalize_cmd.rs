use clap::Args;
use linggong_core::normalize_trade;

use crate::{Done, Io, data, input};

#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// Texts to normalise; standard input, one text per line, when none are given.
    texts: Vec<String>,
}

pub fn run(args: &NormalizeArgs, io: &mut Io<'_>) -> Result<Done, String> {
    let from_stdin;
    let texts: Vec<&str> = if args.texts.is_empty() {
        let bytes = input::read_all(None, io.stdin)?;
        from_stdin = String::from_utf8_lossy(&bytes).into_owned();
        from_stdin
            .trim_start_matches('\u{feff}')
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    } else {
        args.texts.iter().map(String::as_str).collect()
    };
    data::write_lines(io, texts.into_iter().map(normalize_trade))?;
    Ok(Done::Clean)
}
