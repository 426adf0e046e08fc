//! How many registered seekers a tile has, by trade and by category: the denominator of
//! 求人倍率 for the area a phone loads. Counts only; nothing about any one seeker.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::{SeekerProfile, Taxonomy};

/// Seekers counted by the trades they registered (each trade once per seeker) and by the
/// categories of those trades (each category once per seeker).
///
/// ```
/// use linggong_core::{SeekerCounts, parse_seeker};
/// let mut counts = SeekerCounts::default();
/// counts.add(&parse_seeker(r#"{"id": "a", "trades": ["保洁员", "保洁阿姨", "电工"]}"#).unwrap());
/// counts.add(&parse_seeker(r#"{"id": "b", "trades": ["宇航员"]}"#).unwrap());
/// assert_eq!(counts.total, 2);
/// assert_eq!(counts.by_trade["cleaner"], 1);
/// assert_eq!(counts.by_trade.len(), 2, "an unknown trade is not counted");
/// assert_eq!(counts.by_category.values().sum::<u32>(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeekerCounts {
    /// Seekers counted.
    pub total: u32,
    /// Taxonomy trade id → seekers who registered it.
    pub by_trade: BTreeMap<String, u32>,
    /// Category key → seekers with at least one trade in it.
    pub by_category: BTreeMap<String, u32>,
}

impl SeekerCounts {
    /// Counts one seeker.
    pub fn add(&mut self, seeker: &SeekerProfile) {
        let taxonomy = Taxonomy::builtin();
        let trades: BTreeMap<&str, &crate::Trade> = seeker
            .trades
            .iter()
            .filter_map(|t| taxonomy.resolve(t))
            .map(|t| (t.id.as_str(), t))
            .collect();
        let categories: BTreeSet<&str> = trades.values().map(|t| t.category.key()).collect();
        self.total += 1;
        for id in trades.keys() {
            *self.by_trade.entry((*id).to_string()).or_default() += 1;
        }
        for c in categories {
            *self.by_category.entry(c.to_string()).or_default() += 1;
        }
    }

    /// Adds another area's counts to these.
    ///
    /// ```
    /// use linggong_core::{SeekerCounts, parse_seeker};
    /// let mut a = SeekerCounts::default();
    /// a.add(&parse_seeker(r#"{"id": "a", "trades": ["电工"]}"#).unwrap());
    /// let mut both = a.clone();
    /// both.merge(&a);
    /// assert_eq!((both.total, both.by_trade["electrician"]), (2, 2));
    /// ```
    pub fn merge(&mut self, other: &SeekerCounts) {
        self.total += other.total;
        for (k, n) in &other.by_trade {
            *self.by_trade.entry(k.clone()).or_default() += n;
        }
        for (k, n) in &other.by_category {
            *self.by_category.entry(k.clone()).or_default() += n;
        }
    }

    /// Whether nobody was counted.
    ///
    /// ```
    /// assert!(linggong_core::SeekerCounts::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}
