use std::path::PathBuf;

use clap::{Args, ValueEnum};
use linggong_core::{Crs, GigFilter, NearbyQuery, Taxonomy};

use crate::{Done, Io, data};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CrsArg {
    Wgs84,
    Gcj02,
}

#[derive(Debug, Args)]
pub struct NearbyArgs {
    /// JSON-lines file of postings.
    #[arg(long)]
    data: PathBuf,
    /// Latitude of the centre, degrees.
    #[arg(long, allow_hyphen_values = true)]
    lat: f64,
    /// Longitude of the centre, degrees.
    #[arg(long, allow_hyphen_values = true)]
    lng: f64,
    /// Datum of --lat/--lng (WeChat and Amap give gcj02).
    #[arg(long, value_enum, default_value = "wgs84")]
    crs: CrsArg,
    /// At most this many gigs (20 when neither --k nor --radius-km is given).
    #[arg(long)]
    k: Option<usize>,
    /// Only gigs within this many kilometres.
    #[arg(long, allow_hyphen_values = true)]
    radius_km: Option<f64>,
    /// Only this trade: an id (cleaner) or any wording (保洁阿姨).
    #[arg(long)]
    trade: Option<String>,
    /// With --trade, let related trades pass too.
    #[arg(long)]
    related: bool,
}

/// A trade id from `--trade`: an id of the taxonomy, or text the normaliser recognises.
fn trade_id(text: &str) -> Result<String, String> {
    Taxonomy::builtin()
        .resolve(text)
        .map(|t| t.id.clone())
        .ok_or_else(|| format!("`{text}` is not a known trade"))
}

pub fn run(args: &NearbyArgs, io: &mut Io<'_>) -> Result<Done, String> {
    let trade = args.trade.as_deref().map(trade_id).transpose()?;
    if let Some(r) = args.radius_km.filter(|r| !(r.is_finite() && *r >= 0.0)) {
        return Err(format!("--radius-km {r} is not a distance"));
    }
    let index = data::index(data::postings(&args.data, io)?, io);
    let crs = match args.crs {
        CrsArg::Wgs84 => Crs::Wgs84,
        CrsArg::Gcj02 => Crs::Gcj02,
    };
    let mut query = NearbyQuery::new(args.lat, args.lng).with_crs(crs);
    query.k = args.k;
    query.radius_m = args.radius_km.map(|r| r * 1000.0);
    if let Some(t) = trade {
        query.filter = GigFilter::new().with_trades([t]).with_related(args.related);
    }
    let found = index.nearby(&query).map_err(|e| e.to_string())?;
    data::write_lines(io, found)?;
    Ok(Done::Clean)
}
