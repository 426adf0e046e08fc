//! The gigs loaded around the seeker and the searches the pages run on them.

use std::cell::OnceCell;
use std::collections::HashMap;

use linggong_core::{
    Area, AuditContext, GeoPoint, GigFilter, GigIndex, Market, MarketReport, NearbyQuery, PayUnit,
    Posting, SeekerProfile, Timestamp, audit, gigs_for_seeker, hourly_pay_cny, market_stats,
};

use crate::offline::Loaded;

/// How many results a search shows at most.
pub const MAX_RESULTS: usize = 50;

/// The postings that passed the audit, indexed, with the markets and where they came from.
#[derive(Debug, Clone, Default)]
pub struct Gigs {
    /// Audited postings near the seeker.
    pub index: GigIndex,
    /// Postings the audit kept from seekers.
    pub blocked: usize,
    /// Every market.
    pub markets: Vec<Market>,
    /// When the snapshot was made.
    pub created_at: Option<Timestamp>,
    /// Whether it came over the network (false: from the cache only).
    pub online: bool,
    /// Problems that did not stop the load.
    pub warnings: Vec<String>,
    /// Pay bands and demand of the loaded gigs, computed when first asked for.
    report: OnceCell<MarketReport>,
}

impl PartialEq for Gigs {
    fn eq(&self, other: &Self) -> bool {
        self.index.len() == other.index.len()
            && self.created_at == other.created_at
            && self.online == other.online
    }
}

/// Which days a search covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Day {
    /// Any day.
    #[default]
    Any,
    /// 今天.
    Today,
    /// 明天.
    Tomorrow,
    /// 本周 (today to Sunday).
    ThisWeek,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Nearest first.
    #[default]
    Distance,
    /// Best hourly-equivalent pay first.
    Pay,
    /// Best match for the registration first.
    Match,
}

/// What the seeker asked for on 附近零工.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOptions {
    /// Radius, km.
    pub radius_km: f64,
    /// A taxonomy trade id.
    pub trade: Option<String>,
    /// Pay unit.
    pub unit: Option<PayUnit>,
    /// Which days.
    pub day: Day,
    /// Order.
    pub sort: Sort,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self {
            radius_km: 10.0,
            trade: None,
            unit: None,
            day: Day::Any,
            sort: Sort::Distance,
        }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The posting.
    pub posting: Posting,
    /// Metres from the seeker.
    pub distance_m: f64,
    /// Match score 0–100 when sorted by match.
    pub score: Option<f64>,
}

impl Gigs {
    /// Audits the loaded postings (the blocked ones are never shown) and indexes the rest.
    pub fn from_loaded(loaded: Loaded, now: Timestamp) -> Self {
        let context = AuditContext::new().with_now(now);
        let total = loaded.postings.len();
        let shown: Vec<Posting> = loaded
            .postings
            .into_iter()
            .filter(|p| audit(p, &context).ok)
            .collect();
        let blocked = total - shown.len();
        let mut index = GigIndex::new();
        for p in shown {
            // A posting the index refuses (no usable position) cannot be found by place anyway.
            let _ = index.insert(p);
        }
        Self {
            index,
            blocked,
            markets: loaded.markets,
            created_at: Some(loaded.created_at),
            online: loaded.online,
            warnings: loaded.warnings,
            report: OnceCell::new(),
        }
    }

    /// Local pay bands (the wage guide of the loaded area) and demand, by trade and category.
    pub fn report(&self) -> &MarketReport {
        self.report.get_or_init(|| {
            let postings: Vec<Posting> = self.index.postings().cloned().collect();
            market_stats(&postings, &[], None, Area::Everywhere)
        })
    }

    /// The gigs around `centre` that fit `options`, in the asked order.
    pub fn search(
        &self,
        centre: GeoPoint,
        options: &SearchOptions,
        now: Timestamp,
        profile: Option<&SeekerProfile>,
    ) -> Vec<Hit> {
        let mut filter = GigFilter::new();
        if let Some(trade) = &options.trade {
            filter = filter.with_trades([trade.clone()]);
        }
        if let Some(unit) = options.unit {
            filter = filter.with_pay_units([unit]);
        }
        if let Some((from, to)) = day_window(options.day, now) {
            filter = filter.with_window(from, to);
        }
        let k = if options.sort == Sort::Distance {
            MAX_RESULTS
        } else {
            MAX_RESULTS * 4
        };
        let query = NearbyQuery::new(centre.lat, centre.lng)
            .with_radius_km(options.radius_km)
            .with_k(k)
            .with_filter(filter);
        let Ok(found) = self.index.nearby(&query) else {
            return Vec::new();
        };
        let mut hits: Vec<Hit> = found
            .into_iter()
            .map(|g| Hit {
                posting: g.posting.clone(),
                distance_m: g.distance_m,
                score: None,
            })
            .collect();
        match options.sort {
            Sort::Distance => {}
            Sort::Pay => hits.sort_by(|a, b| hourly(&b.posting).total_cmp(&hourly(&a.posting))),
            Sort::Match => {
                let scores: HashMap<&str, f64> = profile
                    .and_then(|p| gigs_for_seeker(&self.index, p, now, MAX_RESULTS * 4).ok())
                    .map(|ranked| {
                        ranked
                            .into_iter()
                            .map(|m| (m.posting.id.as_str(), m.explanation.score))
                            .collect()
                    })
                    .unwrap_or_default();
                for hit in &mut hits {
                    hit.score = Some(scores.get(hit.posting.id.as_str()).copied().unwrap_or(0.0));
                }
                hits.sort_by(|a, b| b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0)));
            }
        }
        hits.truncate(MAX_RESULTS);
        hits
    }
}

fn hourly(p: &Posting) -> f64 {
    hourly_pay_cny(p).unwrap_or(f64::NEG_INFINITY)
}

/// The time window of a day choice, in the offset of `now`.
pub fn day_window(day: Day, now: Timestamp) -> Option<(Timestamp, Timestamp)> {
    let (_, _, _, hour, minute, second, weekday) = now.local_fields();
    let since_midnight = i64::from(hour * 3600 + minute * 60 + second);
    let midnight = now.unix_s() - since_midnight;
    let offset = now.offset_min();
    let at = |s: i64| Timestamp::from_unix_s(s, offset);
    const DAY_S: i64 = 86_400;
    match day {
        Day::Any => None,
        Day::Today => Some((at(midnight), at(midnight + DAY_S - 1))),
        Day::Tomorrow => Some((at(midnight + DAY_S), at(midnight + 2 * DAY_S - 1))),
        Day::ThisWeek => {
            let days_left = 7 - i64::from(weekday);
            Some((at(midnight), at(midnight + days_left * DAY_S - 1)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linggong_core::parse_posting;

    fn loaded(postings: &[&str]) -> Loaded {
        Loaded {
            postings: postings.iter().map(|p| parse_posting(p).unwrap()).collect(),
            markets: Vec::new(),
            created_at: "2026-11-23T09:00:00+08:00".parse().unwrap(),
            online: true,
            fetched: 0,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn postings_that_fail_the_audit_are_counted_and_never_shown() {
        let now = "2026-11-23T09:00:00+08:00".parse().unwrap();
        let gigs = Gigs::from_loaded(
            loaded(&[r#"{"id": "a", "location": {"lat": 1.0, "lng": 1.0}}"#]),
            now,
        );
        assert_eq!((gigs.index.len(), gigs.blocked), (0, 1));
    }

    #[test]
    fn today_runs_from_local_midnight_to_the_last_second_of_the_day() {
        let now: Timestamp = "2026-11-23T09:30:00+08:00".parse().unwrap();
        let (from, to) = day_window(Day::Today, now).unwrap();
        assert_eq!(from.to_string(), "2026-11-23T00:00:00+08:00");
        assert_eq!(to.to_string(), "2026-11-23T23:59:59+08:00");
        let (_, sunday) = day_window(Day::ThisWeek, now).unwrap();
        assert_eq!(sunday.to_string(), "2026-11-29T23:59:59+08:00");
        assert_eq!(day_window(Day::Any, now), None);
    }
}
