use std::path::PathBuf;

use clap::{Args, ValueEnum};
use linggong_core::{Area, Period, market_stats};

use crate::{Done, Io, data};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// JSON-lines file of postings.
    #[arg(long)]
    data: PathBuf,
    /// JSON-lines file of seeker profiles.
    #[arg(long)]
    seekers: PathBuf,
    /// Only this month, YYYY-MM (China Standard Time); every posting when absent.
    #[arg(long)]
    month: Option<String>,
    /// Markdown tables for people, or JSON for programs.
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
}

pub fn run(args: &StatsArgs, io: &mut Io<'_>) -> Result<Done, String> {
    let period = args
        .month
        .as_deref()
        .map(|m| Period::month(m, linggong_core::CHINA_OFFSET_MIN))
        .transpose()
        .map_err(|e| e.to_string())?;
    let postings = data::postings(&args.data, io)?;
    let seekers = data::seekers(&args.seekers, io)?;
    let report = market_stats(&postings, &seekers, period, Area::Everywhere);
    let text = match args.format {
        Format::Md => Ok(report.to_markdown()),
        Format::Json => serde_json::to_string_pretty(&report).map(|j| j + "\n"),
    };
    text.map_err(std::io::Error::other)
        .and_then(|t| io.stdout.write_all(t.as_bytes()))
        .map_err(|e| format!("cannot write the output: {e}"))?;
    Ok(Done::Clean)
}
