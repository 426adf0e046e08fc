mod percentile;
mod period;
mod report;

pub use percentile::PayBands;
pub use period::{Area, Period};
pub use report::{GroupStats, MarketReport, SHORTAGE_MIN_DEMAND, SHORTAGE_MIN_RATIO};

use std::collections::{BTreeMap, BTreeSet};

use crate::{GeoPoint, Location, Posting, SeekerProfile, Taxonomy, TradeCategory, hourly_pay_cny};

#[derive(Default)]
struct Tally {
    postings: usize,
    demand: u64,
    seekers: BTreeSet<usize>,
    hourly: Vec<f64>,
}

fn position(location: Option<&Location>) -> Option<GeoPoint> {
    location?.position()
}

/// The month's market numbers the standards ask staff to publish (MOHRSS 五, Jiangsu 18):
/// per trade, per category and in total — postings, demand (headcount, 1 when absent),
/// active seekers, 求人倍率 (demand ÷ seekers), hourly-equivalent pay bands (the low, middle
/// and high 工资指导价位) — and the shortage list.
///
/// A posting counts when it was posted in the period (`posted_at`, else its start of work)
/// and lies in the area. A seeker counts when registered before the period ended (or
/// undated) and lives in the area, once under each trade and category they name. Without
/// a period every posting counts.
///
/// ```
/// use linggong_core::{market_stats, parse_posting, parse_seeker, Area, Period};
/// let postings: Vec<_> = (0..6).map(|i| parse_posting(&format!(
///     r#"{{"id": "p{i}", "trade": "保洁", "headcount": 2, "posted_at": "2026-11-0{}T09:00:00+08:00",
///         "pay": {{"amount": {}, "unit": "hour"}}, "location": {{"lat": 32.06, "lng": 118.79}}}}"#, i + 1, 20 + i * 2)).unwrap()).collect();
/// let seekers = vec![parse_seeker(r#"{"id": "s", "trades": ["保洁员"], "location": {"lat": 32.0, "lng": 118.8}}"#).unwrap()];
/// let report = market_stats(&postings, &seekers, Some(Period::month("2026-11", 480).unwrap()), Area::Everywhere);
/// let cleaner = report.by_trade.iter().find(|t| t.key == "cleaner").unwrap();
/// assert_eq!((cleaner.postings, cleaner.demand, cleaner.seekers), (6, 12, 1));
/// assert_eq!(cleaner.ratio, Some(12.0));
/// assert_eq!(cleaner.pay.unwrap().p50, 25.0);
/// assert_eq!(report.shortage[0].key, "cleaner");
/// ```
pub fn market_stats(
    postings: &[Posting],
    seekers: &[SeekerProfile],
    period: Option<Period>,
    area: Area,
) -> MarketReport {
    let taxonomy = Taxonomy::builtin();
    let mut by_trade: BTreeMap<usize, Tally> = BTreeMap::new();
    let mut by_category: BTreeMap<TradeCategory, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut unrecognised = 0;
    let mut trade_cache: BTreeMap<String, Option<usize>> = BTreeMap::new();
    let mut trade_of = |text: &str| -> Option<usize> {
        if let Some(&known) = trade_cache.get(text) {
            return known;
        }
        let found = taxonomy
            .normalize(text)
            .trade
            .and_then(|t| taxonomy.index_of(&t.id));
        trade_cache.insert(text.to_string(), found);
        found
    };
    for p in postings {
        let when = p.posted_at.or(p.schedule.as_ref().and_then(|s| s.start));
        let in_period = period.is_none_or(|period| when.is_some_and(|t| period.contains(t)));
        let in_area = position(p.location.as_ref()).is_some_and(|pos| area.contains(pos))
            || area == Area::Everywhere;
        if !in_period || !in_area {
            continue;
        }
        let demand = u64::from(p.headcount.unwrap_or(1).max(1));
        let hourly = hourly_pay_cny(p);
        let add = |t: &mut Tally| {
            t.postings += 1;
            t.demand += demand;
            t.hourly.extend(hourly);
        };
        add(&mut total);
        match p.trade.as_deref().and_then(&mut trade_of) {
            Some(i) => {
                add(by_trade.entry(i).or_default());
                add(by_category
                    .entry(taxonomy.trades()[i].category)
                    .or_default());
            }
            None => unrecognised += 1,
        }
    }
    for (s, seeker) in seekers.iter().enumerate() {
        let registered =
            period.is_none_or(|period| seeker.registered_at.is_none_or(|r| r < period.to()));
        let in_area = area == Area::Everywhere
            || position(seeker.location.as_ref()).is_some_and(|pos| area.contains(pos));
        if !registered || !in_area {
            continue;
        }
        total.seekers.insert(s);
        for text in &seeker.trades {
            if let Some(i) = trade_of(text) {
                by_trade.entry(i).or_default().seekers.insert(s);
                by_category
                    .entry(taxonomy.trades()[i].category)
                    .or_default()
                    .seekers
                    .insert(s);
            }
        }
    }
    let group = |key: &str, name: &str, t: &Tally| {
        GroupStats::new(key, name, t.postings, t.demand, t.seekers.len(), &t.hourly)
    };
    let mut trades: Vec<GroupStats> = by_trade
        .iter()
        .map(|(&i, t)| group(&taxonomy.trades()[i].id, &taxonomy.trades()[i].name, t))
        .collect();
    crate::sort::sort_by(&mut trades, |a, b| {
        b.demand.cmp(&a.demand).then(a.key.cmp(&b.key))
    });
    MarketReport::new(
        period.map(|p| p.label_zh()),
        group("all", "全部", &total),
        by_category
            .iter()
            .map(|(c, t)| group(c.key(), c.name_zh(), t))
            .collect(),
        trades,
        unrecognised,
    )
}
