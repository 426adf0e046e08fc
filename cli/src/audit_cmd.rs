use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use linggong_core::{AuditContext, Error, Timestamp, audit, parse_posting};
use serde::Serialize;

use crate::{Io, input};

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// JSON-lines file of postings; standard input when absent or `-`.
    file: Option<PathBuf>,
    /// The moment of the check (RFC 3339), to flag expired postings.
    #[arg(long)]
    now: Option<Timestamp>,
    /// Local minimum hourly wage for part-time work, yuan (blocks pay below it).
    #[arg(long, value_name = "CNY")]
    min_hourly_wage: Option<f64>,
}

/// What a malformed input line becomes in the output.
#[derive(Debug, Serialize)]
struct LineError {
    line: usize,
    column: usize,
    error: String,
}

pub fn run(args: &AuditArgs, io: &mut Io<'_>) -> u8 {
    let bytes = match input::read_all(args.file.as_deref(), io.stdin) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(io.stderr, "linggong audit: {e}");
            return 2;
        }
    };
    let mut context = AuditContext::new();
    if let Some(now) = args.now {
        context = context.with_now(now);
    }
    if let Some(wage) = args.min_hourly_wage {
        context = context.with_min_hourly_wage_cny(wage);
    }
    let mut out = std::io::BufWriter::new(&mut *io.stdout);
    let mut all_ok = true;
    for (line, text) in input::lines(&bytes) {
        let record = match text.map_err(|reason| (0, reason)).and_then(|t| {
            parse_posting(t).map_err(|err| match err {
                Error::Parse {
                    column,
                    field,
                    reason,
                    ..
                } if !field.is_empty() => (column, format!("field `{field}`: {reason}")),
                Error::Parse { column, reason, .. } => (column, reason),
                other => (0, other.to_string()),
            })
        }) {
            Ok(posting) => {
                let report = audit(&posting, &context);
                all_ok &= report.ok;
                serde_json::to_string(&report)
            }
            Err((column, error)) => {
                all_ok = false;
                serde_json::to_string(&LineError {
                    line,
                    column,
                    error,
                })
            }
        };
        let written = record
            .map_err(std::io::Error::other)
            .and_then(|v| writeln!(out, "{v}"));
        if let Err(e) = written {
            drop(out);
            let _ = writeln!(io.stderr, "linggong audit: cannot write output: {e}");
            return 2;
        }
    }
    if out.flush().is_err() {
        return 2;
    }
    if all_ok { 0 } else { 1 }
}
