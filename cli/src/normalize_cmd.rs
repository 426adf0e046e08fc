use std::io::Write;

use clap::Args;
use linggong_core::normalize_trade;

use crate::{Io, input};

#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// Texts to normalise; standard input, one text per line, when none are given.
    texts: Vec<String>,
}

pub fn run(args: &NormalizeArgs, io: &mut Io<'_>) -> u8 {
    let from_stdin;
    let texts: Vec<&str> = if args.texts.is_empty() {
        from_stdin = match input::read_all(None, io.stdin) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                let _ = writeln!(io.stderr, "linggong normalize: {e}");
                return 2;
            }
        };
        from_stdin
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    } else {
        args.texts.iter().map(String::as_str).collect()
    };
    let mut out = std::io::BufWriter::new(&mut *io.stdout);
    for text in texts {
        let written = serde_json::to_string(&normalize_trade(text))
            .map_err(std::io::Error::other)
            .and_then(|line| writeln!(out, "{line}"));
        if written.is_err() {
            return 2;
        }
    }
    if out.flush().is_err() { 2 } else { 0 }
}
