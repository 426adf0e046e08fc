//! The local wage guide beside the pay an employer types: the market's P10–P90 hourly pay
//! for the posting's trade (or its category when the trade has too few gigs), from the
//! month's figures (`GET /api/v1/stats`), and where the offered pay falls against it.
//!
//! The band also goes into the audit's context (`pay.below_guide` for pay far below it); this
//! says plainly, before publishing, whenever the pay is merely below the low guide price.

use linggong_core::{GroupStats, MarketReport, PayBands, WageBand, normalize_trade};

/// The band the pay is set against, and what it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    /// The trade's or the category's name (`保洁员`, `家政服务`).
    pub scope: String,
    /// The hourly bands, when they rest on enough gigs ([`PayBands::is_representative`]).
    pub bands: Option<PayBands>,
    /// Gigs with an hourly equivalent in the scope.
    pub count: usize,
}

/// Where an hourly pay falls against a guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Under P10: fewer people will come than for most gigs of the trade.
    Below,
    /// Between P10 and P90.
    Within,
    /// Over P90.
    Above,
}

fn representative(group: &GroupStats) -> Option<PayBands> {
    group.pay.filter(PayBands::is_representative)
}

impl Guide {
    /// The guide for the trade `trade_text` names, from the month's `report`: the trade's own
    /// band, else its category's, else the trade with "too few" (`bands: None`). `None` when
    /// the normaliser knows no such trade.
    pub fn for_trade(report: &MarketReport, trade_text: &str) -> Option<Guide> {
        let trade = normalize_trade(trade_text).trade?;
        let own = report.by_trade.iter().find(|g| g.key == trade.id);
        let category = report
            .by_category
            .iter()
            .find(|g| g.key == trade.category.key());
        let guide = |g: &GroupStats| Guide {
            scope: g.name.clone(),
            bands: representative(g),
            count: g.pay.map_or(0, |b| b.count),
        };
        match (own, category) {
            (Some(g), _) if representative(g).is_some() => Some(guide(g)),
            (_, Some(c)) if representative(c).is_some() => Some(guide(c)),
            (Some(g), _) => Some(guide(g)),
            _ => Some(Guide {
                scope: trade.name.clone(),
                bands: None,
                count: 0,
            }),
        }
    }

    /// Where `hourly` (yuan per hour) falls; `None` with too few gigs to say.
    pub fn verdict(&self, hourly: f64) -> Option<Verdict> {
        let b = self.bands?;
        Some(if hourly < b.p10 {
            Verdict::Below
        } else if hourly > b.p90 {
            Verdict::Above
        } else {
            Verdict::Within
        })
    }

    /// The band as the audit takes it (P10, P50, P90).
    pub fn wage_band(&self) -> Option<WageBand> {
        self.bands.and_then(|b| WageBand::new(b.p10, b.p50, b.p90))
    }
}

#[cfg(test)]
mod tests {
    use linggong_core::{Area, Posting, market_stats, parse_posting};

    use super::*;

    fn gig(i: usize, trade: &str, per_day: f64) -> Posting {
        parse_posting(&format!(
            r#"{{"id": "g{i}", "trade": "{trade}", "posted_at": "2026-11-20T09:00:00+08:00",
               "pay": {{"amount": {per_day}, "unit": "day"}}, "schedule": {{"hours_per_day": 8}}}}"#
        ))
        .unwrap()
    }

    fn report(gigs: &[Posting]) -> MarketReport {
        market_stats(gigs, &[], None, Area::Everywhere)
    }

    #[test]
    fn a_trade_with_enough_gigs_is_set_against_its_own_band() {
        let gigs: Vec<_> = (0..6)
            .map(|i| gig(i, "保洁员", 160.0 + 16.0 * i as f64))
            .collect();
        let guide = Guide::for_trade(&report(&gigs), "保洁").unwrap();
        assert_eq!(guide.scope, "保洁员");
        let b = guide.bands.unwrap();
        assert_eq!((b.count, b.p10, b.p90), (6, 21.0, 29.0));
        assert_eq!(guide.verdict(18.0), Some(Verdict::Below));
        assert_eq!(guide.verdict(25.0), Some(Verdict::Within));
        assert_eq!(guide.verdict(40.0), Some(Verdict::Above));
        assert!(guide.wage_band().is_some());
    }

    #[test]
    fn a_thin_trade_falls_back_to_its_category_and_an_empty_one_says_too_few() {
        let mut gigs: Vec<_> = (0..5).map(|i| gig(i, "保洁员", 200.0)).collect();
        gigs.push(gig(9, "家政服务员", 240.0));
        let r = report(&gigs);
        let guide = Guide::for_trade(&r, "家政服务员").unwrap();
        assert_eq!(guide.count, 6, "the category's six gigs: {guide:?}");
        assert_ne!(guide.scope, "家政服务员");
        let thin = Guide::for_trade(&report(&gigs[..2]), "保洁员").unwrap();
        assert_eq!((thin.bands, thin.count), (None, 2));
        assert_eq!(thin.verdict(1.0), None, "too few to say");
        assert_eq!(Guide::for_trade(&r, "外星人").map(|g| g.count), None);
    }
}
