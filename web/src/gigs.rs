//! The gigs loaded around the seeker and the searches the pages run on them.

use std::cell::RefCell;
use std::collections::HashMap;

use linggong_core::{
    AuditContext, GeoPoint, GigFilter, GigIndex, GigMatch, Market, NearbyQuery, PayBands, PayUnit,
    Posting, SeekerProfile, Taxonomy, Timestamp, audit, gigs_for_seeker, hourly_pay_cny,
};

use crate::offline::{LoadWarning, Loaded};
use crate::rank::sort_desc_by;

/// How many results a search shows at most.
pub const MAX_RESULTS: usize = 50;

/// The postings loaded near the seeker, indexed, with the markets and where they came from.
///
/// Nothing reaches a seeker without passing the audit, but the audit runs lazily: on the
/// candidates a search or a match is about to show (a few dozen), not on every loaded
/// posting before the first result (the budget for which is 300 ms). Verdicts are kept.
#[derive(Debug, Clone, Default)]
pub struct Gigs {
    /// Every placeable posting loaded, audited or not: search through [`Gigs::search`].
    pub index: GigIndex,
    /// The audit's context ("now" for expiry checks).
    context: AuditContext,
    /// Posting id → passed the audit.
    verdicts: RefCell<HashMap<String, bool>>,
    /// Every market.
    pub markets: Vec<Market>,
    /// When the snapshot was made.
    pub created_at: Option<Timestamp>,
    /// Whether it came over the network (false: from the cache only).
    pub online: bool,
    /// Problems that did not stop the load.
    pub warnings: Vec<LoadWarning>,
    /// Trade id → its pay bands, for the trades asked for.
    trade_bands: RefCell<HashMap<String, Option<PayBands>>>,
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
    /// Indexes the loaded postings; the audit runs when they are about to be shown.
    pub fn from_loaded(loaded: Loaded, now: Timestamp) -> Self {
        let mut index = GigIndex::new();
        for p in loaded.postings {
            // A posting the index refuses (no usable position) cannot be found by place anyway.
            let _ = index.insert(p);
        }
        Self {
            index,
            context: AuditContext::new().with_now(now),
            verdicts: RefCell::default(),
            markets: loaded.markets,
            created_at: Some(loaded.created_at),
            online: loaded.online,
            warnings: loaded.warnings,
            trade_bands: RefCell::default(),
        }
    }

    /// Whether a posting passes the audit (and so may be shown); audited once.
    pub fn passes(&self, p: &Posting) -> bool {
        if let Some(&ok) = self.verdicts.borrow().get(&p.id) {
            return ok;
        }
        let ok = audit(p, &self.context).ok;
        self.verdicts.borrow_mut().insert(p.id.clone(), ok);
        ok
    }

    /// How many postings the audit has kept from the seeker so far.
    pub fn blocked_so_far(&self) -> usize {
        self.verdicts.borrow().values().filter(|ok| !**ok).count()
    }

    /// A shown posting by id: `None` if absent or if it fails the audit.
    pub fn get(&self, id: &str) -> Option<&Posting> {
        self.index.get(id).filter(|p| self.passes(p))
    }

    /// One trade's pay bands over the loaded area — the bands core's `market_stats` gives that
    /// trade, made by the same `PayBands::from_hourly` from the same hourly equivalents, without
    /// the whole report (its code is not in the seeker's download) — auditing only that trade's
    /// postings: a gig's detail page needs one trade, and auditing every loaded posting for it
    /// took ~250 ms on the first gig opened. Kept per trade: the page renders again on every
    /// keystroke of the apply form.
    pub fn trade_pay_bands(&self, trade_id: &str) -> Option<PayBands> {
        if let Some(&known) = self.trade_bands.borrow().get(trade_id) {
            return known;
        }
        let taxonomy = Taxonomy::builtin();
        let hourly: Vec<f64> = self
            .index
            .postings()
            .filter(|p| {
                p.trade
                    .as_deref()
                    .and_then(|t| taxonomy.normalize(t).trade)
                    .is_some_and(|t| t.id == trade_id)
            })
            .filter(|p| self.passes(p))
            .filter_map(hourly_pay_cny)
            .collect();
        let found = PayBands::from_hourly(&hourly);
        self.trade_bands
            .borrow_mut()
            .insert(trade_id.to_string(), found);
        found
    }

    /// The `k` gigs that fit the profile best, among those that pass the audit.
    pub fn matches(&self, profile: &SeekerProfile, now: Timestamp, k: usize) -> Vec<GigMatch<'_>> {
        gigs_for_seeker(&self.index, profile, now, k * 2)
            .map(|ranked| {
                ranked
                    .into_iter()
                    .filter(|m| self.passes(m.posting))
                    .take(k)
                    .collect()
            })
            .unwrap_or_default()
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
            .filter(|g| self.passes(g.posting))
            .map(|g| Hit {
                posting: g.posting.clone(),
                distance_m: g.distance_m,
                score: None,
            })
            .collect();
        match options.sort {
            Sort::Distance => {}
            Sort::Pay => sort_desc_by(&mut hits, |h| hourly(&h.posting)),
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
                sort_desc_by(&mut hits, |h| h.score.unwrap_or(0.0));
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
            seekers: linggong_core::SeekerCounts::default(),
            created_at: "2026-11-23T09:00:00+08:00".parse().unwrap(),
            online: true,
            fetched: 0,
            warnings: Vec::new(),
        }
    }

    const LAWFUL: &str = r#"{"id": "ok", "title": "商场保洁", "trade": "保洁员", "skills": ["不限"],
        "content": "商场日常保洁", "location": {"lat": 1.0, "lng": 1.0, "address": "某区某路1号"},
        "schedule": {"start": "2026-11-24T08:00:00+08:00", "end": "2026-11-24T17:00:00+08:00", "hours_per_day": 8},
        "pay": {"amount": 200, "unit": "day", "settlement": "same_day"}, "headcount": 1,
        "employer": {"name": "演示单位", "contact": "13800000000"}}"#;

    #[test]
    fn postings_that_fail_the_audit_are_never_shown_and_are_counted() {
        let now = "2026-11-23T09:00:00+08:00".parse().unwrap();
        let bad = r#"{"id": "bad", "location": {"lat": 1.0, "lng": 1.0001}}"#;
        let gigs = Gigs::from_loaded(loaded(&[LAWFUL, bad]), now);
        let centre = GeoPoint { lat: 1.0, lng: 1.0 };
        let shown: Vec<_> = gigs
            .search(centre, &SearchOptions::default(), now, None)
            .into_iter()
            .map(|h| h.posting.id)
            .collect();
        assert_eq!(shown, ["ok"]);
        assert_eq!(gigs.blocked_so_far(), 1);
        assert!(gigs.get("bad").is_none() && gigs.get("ok").is_some());
    }

    #[test]
    fn one_trades_pay_bands_audit_only_that_trade_and_agree_with_market_stats_over_all() {
        let now = "2026-11-23T09:00:00+08:00".parse().unwrap();
        let other = LAWFUL
            .replace(r#""id": "ok""#, r#""id": "painter""#)
            .replace("保洁员", "油漆工");
        let cheaper = LAWFUL
            .replace(r#""id": "ok""#, r#""id": "ok2""#)
            .replace(r#""amount": 200"#, r#""amount": 160"#);
        let gigs = Gigs::from_loaded(loaded(&[LAWFUL, &cheaper, &other]), now);
        let bands = gigs.trade_pay_bands("cleaner").unwrap();
        assert_eq!(
            gigs.verdicts.borrow().len(),
            2,
            "the painter was not audited"
        );
        assert_eq!((bands.p10, bands.p90), (20.5, 24.5));
        let all: Vec<Posting> = [LAWFUL, &cheaper, &other]
            .iter()
            .map(|p| parse_posting(p).unwrap())
            .collect();
        let full = linggong_core::market_stats(&all, &[], None, linggong_core::Area::Everywhere);
        let cleaner = full.by_trade.iter().find(|g| g.key == "cleaner").unwrap();
        assert_eq!(cleaner.pay, Some(bands));
        assert_eq!(gigs.trade_pay_bands("welder"), None);
        assert_eq!(
            gigs.trade_bands.borrow().len(),
            2,
            "each trade asked for is kept"
        );
        assert_eq!(gigs.trade_pay_bands("cleaner"), Some(bands));
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
