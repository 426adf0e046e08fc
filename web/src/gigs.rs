//! The gigs loaded around the seeker and the searches the pages run on them.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use linggong_core::{
    AuditContext, Explanation, FeedChange, GeoPoint, GigFilter, GigIndex, Market, NearbyQuery,
    PayBands, PayUnit, Posting, SeekerProfile, Taxonomy, Timestamp, audit, gigs_for_seeker,
    hourly_pay_cny,
};

use crate::offline::{Journal, LoadWarning, Loaded};
use crate::rank::sort_desc_by;

/// How many results a search shows at most.
pub const MAX_RESULTS: usize = 50;

/// The postings loaded near the seeker, indexed, with the markets and where they came from.
///
/// Nothing reaches a seeker without passing the audit, but the audit runs lazily: on the
/// candidates a search or a match is about to show (a few dozen), not on every loaded
/// posting before the first result (the budget for which is 300 ms). Verdicts are kept.
///
/// Changes from the live feed are applied in place ([`Gigs::apply`], behind a `RefCell`):
/// copying 20,000 postings to make a new value for each change would cost tens of
/// milliseconds and 2 KB of the download; the state marks the change with a new revision.
#[derive(Debug, Default)]
pub struct Gigs {
    /// Every placeable posting loaded, audited or not: search through [`Gigs::search`].
    index: RefCell<GigIndex>,
    /// The audit's context ("now" for expiry checks).
    context: AuditContext,
    /// Posting id → passed the audit.
    verdicts: RefCell<HashMap<String, bool>>,
    /// Every market.
    pub markets: Vec<Market>,
    /// The keys of the tiles loaded (the live feed is followed for these).
    pub tiles: Vec<String>,
    /// When the snapshot was made.
    pub created_at: Option<Timestamp>,
    /// Whether it came over the network (false: from the cache only).
    pub online: bool,
    /// Problems that did not stop the load.
    pub warnings: Vec<LoadWarning>,
    /// Trade id → its pay bands, for the trades asked for.
    /// (A list: a seeker opens a few trades, and each map type costs the download ~1 KB.)
    trade_bands: RefCell<Vec<(String, Option<PayBands>)>>,
    /// How many times changes from the live feed were applied.
    revision: Cell<u32>,
}

impl PartialEq for Gigs {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self.created_at == other.created_at
            && self.online == other.online
            && self.revision == other.revision
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
    /// Indexes the loaded postings and applies the changes heard since their snapshot (kept
    /// from an earlier visit); the audit runs when they are about to be shown. The journal
    /// is handed back for the state, which follows the feed from it.
    pub fn from_loaded(mut loaded: Loaded, now: Timestamp) -> (Self, Journal) {
        let journal = std::mem::take(&mut loaded.journal);
        let gigs = Self::index_loaded(loaded, now);
        gigs.apply(journal.all());
        (gigs, journal)
    }

    /// Applies changes from the live feed. An upsert is audited as every loaded posting is,
    /// when about to be shown; one the index cannot place is dropped, as on load.
    pub fn apply(&self, changes: impl Iterator<Item = FeedChange>) {
        let mut index = self.index.borrow_mut();
        for change in changes {
            self.verdicts.borrow_mut().remove(change.id());
            let _ = change.apply_to(&mut index);
            self.revision.set(self.revision.get().wrapping_add(1));
        }
        // Pay bands are over the loaded postings: made again when next asked for.
        self.trade_bands.borrow_mut().clear();
    }

    fn index_loaded(loaded: Loaded, now: Timestamp) -> Self {
        let mut index = GigIndex::new();
        for p in loaded.postings {
            // A posting the index refuses (no usable position) cannot be found by place anyway.
            let _ = index.insert(p);
        }
        Self {
            index: RefCell::new(index),
            context: AuditContext::new().with_now(now),
            verdicts: RefCell::default(),
            markets: loaded.markets,
            tiles: loaded.tiles,
            created_at: Some(loaded.created_at),
            online: loaded.online,
            warnings: loaded.warnings,
            trade_bands: RefCell::default(),
            revision: Cell::new(0),
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

    /// How many postings are loaded (audited or not).
    pub fn len(&self) -> usize {
        self.index.borrow().len()
    }

    /// Whether the posting is loaded (audited or not).
    pub fn holds(&self, id: &str) -> bool {
        self.index.borrow().get(id).is_some()
    }

    /// A shown posting by id: `None` if absent or if it fails the audit.
    pub fn get(&self, id: &str) -> Option<Posting> {
        self.index
            .borrow()
            .get(id)
            .filter(|p| self.passes(p))
            .cloned()
    }

    /// One trade's pay bands over the loaded area — the bands core's `market_stats` gives that
    /// trade, made by the same `PayBands::from_hourly` from the same hourly equivalents, without
    /// the whole report (its code is not in the seeker's download) — auditing only that trade's
    /// postings: a gig's detail page needs one trade, and auditing every loaded posting for it
    /// took ~250 ms on the first gig opened. Kept per trade: the page renders again on every
    /// keystroke of the apply form.
    pub fn trade_pay_bands(&self, trade_id: &str) -> Option<PayBands> {
        if let Some((_, known)) = self
            .trade_bands
            .borrow()
            .iter()
            .find(|(t, _)| t == trade_id)
        {
            return *known;
        }
        let taxonomy = Taxonomy::builtin();
        let hourly: Vec<f64> = self
            .index
            .borrow()
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
            .push((trade_id.to_string(), found));
        found
    }

    /// The `k` gigs that fit the profile best, among those that pass the audit.
    pub fn matches(
        &self,
        profile: &SeekerProfile,
        now: Timestamp,
        k: usize,
    ) -> Vec<(Hit, Explanation)> {
        gigs_for_seeker(&self.index.borrow(), profile, now, k * 2)
            .map(|ranked| {
                ranked
                    .into_iter()
                    .filter(|m| self.passes(m.posting))
                    .take(k)
                    .map(|m| {
                        let hit = Hit {
                            posting: m.posting.clone(),
                            distance_m: m.distance_m,
                            score: Some(m.explanation.score),
                        };
                        (hit, m.explanation)
                    })
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
        let index = self.index.borrow();
        let Ok(found) = index.nearby(&query) else {
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
                // At most 200 ranked for 50 hits: a list is quick, and smaller than a map.
                let ranked = profile
                    .and_then(|p| gigs_for_seeker(&index, p, now, MAX_RESULTS * 4).ok())
                    .unwrap_or_default();
                for hit in &mut hits {
                    let found = ranked.iter().find(|m| m.posting.id == hit.posting.id);
                    hit.score = Some(found.map_or(0.0, |m| m.explanation.score));
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
    let linggong_core::LocalFields {
        hour,
        minute,
        second,
        weekday,
        ..
    } = now.local_fields();
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
pub(crate) mod tests {
    use super::*;
    use linggong_core::parse_posting;

    /// What a load of these postings (JSON) gives, with nothing else: the tests' starting point.
    pub(crate) fn loaded(postings: &[&str]) -> Loaded {
        Loaded {
            postings: postings.iter().map(|p| parse_posting(p).unwrap()).collect(),
            markets: Vec::new(),
            seekers: linggong_core::SeekerCounts::default(),
            created_at: "2026-11-23T09:00:00+08:00".parse().unwrap(),
            online: true,
            fetched: 0,
            warnings: Vec::new(),
            tiles: Vec::new(),
            journal: Journal::default(),
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
        let gigs = Gigs::from_loaded(loaded(&[LAWFUL, bad]), now).0;
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
        let gigs = Gigs::from_loaded(loaded(&[LAWFUL, &cheaper, &other]), now).0;
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
