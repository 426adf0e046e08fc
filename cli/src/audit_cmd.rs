use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use linggong_core::{AuditContext, Timestamp, audit, parse_posting};
use serde::Serialize;

use crate::data::IdLines;
use crate::{Done, Io, input};

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

/// One report per non-blank line on stdout; a repeated id is a warning on stderr naming both
/// lines (its postings are still audited) and, as a snapshot refuses it, a finding.
pub fn run(args: &AuditArgs, io: &mut Io<'_>) -> Result<Done, String> {
    let bytes = input::read_all(args.file.as_deref(), io.stdin)?;
    let mut context = AuditContext::new();
    if let Some(now) = args.now {
        context = context.with_now(now);
    }
    if let Some(wage) = args.min_hourly_wage {
        context = context.with_min_hourly_wage_cny(wage);
    }
    let cannot_write = |e: std::io::Error| format!("cannot write the output: {e}");
    let mut out = std::io::BufWriter::new(&mut *io.stdout);
    let mut ids = IdLines::default();
    let mut all_ok = true;
    for (line, text) in input::lines(&bytes) {
        let parsed = text.and_then(|t| {
            input::parse_object(t, "a posting", parse_posting).map_err(|e| e.on_line(line))
        });
        let record = match parsed {
            Ok(posting) => {
                if let Some(repeat) = ids.repeat(&posting.id, line) {
                    all_ok = false;
                    let _ = writeln!(io.stderr, "linggong audit: {repeat}");
                }
                let report = audit(&posting, &context);
                all_ok &= report.ok;
                serde_json::to_string(&report)
            }
            Err(e) => {
                all_ok = false;
                serde_json::to_string(&LineError {
                    line,
                    column: e.column,
                    error: e.what(),
                })
            }
        };
        record
            .map_err(std::io::Error::other)
            .and_then(|v| writeln!(out, "{v}"))
            .map_err(cannot_write)?;
    }
    out.flush().map_err(cannot_write)?;
    Ok(if all_ok { Done::Clean } else { Done::Findings })
}
