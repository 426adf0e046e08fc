use super::leaf::{GigLeaf, NO_TRADE};
use super::summary::Summary;
use crate::{Error, PayUnit, Settlement, Taxonomy, Timestamp};

/// Which gigs a search may return. Every part is optional; an empty filter passes all.
/// Filters are applied inside the tree walk: subtrees that cannot hold a passing gig are
/// skipped, so a selective filter stays fast.
///
/// ```
/// use linggong_core::{GigFilter, PayUnit};
/// let f = GigFilter::new().with_trades(["cleaner"]).with_related(true).with_pay_units([PayUnit::Hour]).with_min_hourly_pay_cny(25.0);
/// assert_eq!(f.trades, ["cleaner"]);
/// assert!(f.include_related);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GigFilter {
    /// Trade ids of the taxonomy (`cleaner`); empty for any trade.
    pub trades: Vec<String>,
    /// Whether trades related to those in `trades` pass too.
    pub include_related: bool,
    /// Pay units that pass; empty for any (gigs without a unit pass only then).
    pub pay_units: Vec<PayUnit>,
    /// Lowest hourly-equivalent pay in yuan (see [`hourly_pay_cny`](crate::hourly_pay_cny));
    /// gigs with no hourly equivalent (piece rates) do not pass.
    pub min_hourly_pay_cny: Option<f64>,
    /// Settlements that pass; empty for any.
    pub settlements: Vec<Settlement>,
    /// Gigs whose work overlaps this window `[from, to]`; gigs with no dates do not pass.
    pub window: Option<(Timestamp, Timestamp)>,
}

impl GigFilter {
    /// A filter that passes every gig.
    ///
    /// ```
    /// assert_eq!(linggong_core::GigFilter::new(), Default::default());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Only these trade ids.
    ///
    /// ```
    /// let f = linggong_core::GigFilter::new().with_trades(["welder", "electrician"]);
    /// assert_eq!(f.trades.len(), 2);
    /// ```
    pub fn with_trades<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.trades = ids.into_iter().map(Into::into).collect();
        self
    }

    /// Let related trades pass too.
    ///
    /// ```
    /// assert!(linggong_core::GigFilter::new().with_related(true).include_related);
    /// ```
    pub fn with_related(mut self, include: bool) -> Self {
        self.include_related = include;
        self
    }

    /// Only these pay units.
    ///
    /// ```
    /// use linggong_core::{GigFilter, PayUnit};
    /// assert_eq!(GigFilter::new().with_pay_units([PayUnit::Day]).pay_units, [PayUnit::Day]);
    /// ```
    pub fn with_pay_units<I: IntoIterator<Item = PayUnit>>(mut self, units: I) -> Self {
        self.pay_units = units.into_iter().collect();
        self
    }

    /// Only gigs paying at least this much per hour, yuan.
    ///
    /// ```
    /// assert_eq!(linggong_core::GigFilter::new().with_min_hourly_pay_cny(30.0).min_hourly_pay_cny, Some(30.0));
    /// ```
    pub fn with_min_hourly_pay_cny(mut self, yuan: f64) -> Self {
        self.min_hourly_pay_cny = Some(yuan);
        self
    }

    /// Only these settlements.
    ///
    /// ```
    /// use linggong_core::{GigFilter, Settlement};
    /// assert_eq!(GigFilter::new().with_settlements([Settlement::SameDay]).settlements, [Settlement::SameDay]);
    /// ```
    pub fn with_settlements<I: IntoIterator<Item = Settlement>>(mut self, settlements: I) -> Self {
        self.settlements = settlements.into_iter().collect();
        self
    }

    /// Only gigs whose work overlaps `[from, to]`.
    ///
    /// ```
    /// let from = "2026-11-24T00:00:00+08:00".parse().unwrap();
    /// let to = "2026-11-24T23:59:59+08:00".parse().unwrap();
    /// assert!(linggong_core::GigFilter::new().with_window(from, to).window.is_some());
    /// ```
    pub fn with_window(mut self, from: Timestamp, to: Timestamp) -> Self {
        self.window = Some((from, to));
        self
    }

    pub(crate) fn compile(&self, taxonomy: &Taxonomy) -> Result<CompiledFilter, Error> {
        let trades = if self.trades.is_empty() {
            None
        } else {
            let mut allowed = vec![false; taxonomy.trades().len()];
            let mut bits = [0u64; 4];
            let mut allow = |id: &str| -> Result<(), Error> {
                let i = taxonomy
                    .index_of(id)
                    .ok_or_else(|| Error::invalid("trade", format!("unknown trade id `{id}`")))?;
                allowed[i] = true;
                let (word, bit) = Summary::trade_bit(i as u16);
                bits[word] |= bit;
                Ok(())
            };
            for id in &self.trades {
                allow(id)?;
                if self.include_related {
                    for related in taxonomy.related(id) {
                        allow(&related.id)?;
                    }
                }
            }
            Some((bits, allowed))
        };
        if let Some(min) = self.min_hourly_pay_cny
            && !min.is_finite()
        {
            return Err(Error::invalid(
                "min_hourly_pay_cny",
                "must be a finite number of yuan",
            ));
        }
        let window = match self.window {
            Some((from, to)) if to < from => {
                return Err(Error::invalid("window", "the window ends before it starts"));
            }
            w => w.map(|(from, to)| (from.unix_s(), to.unix_s())),
        };
        Ok(CompiledFilter {
            trades,
            units: self
                .pay_units
                .iter()
                .fold(0, |m, u| m | Summary::unit_bit(*u)),
            settlements: self
                .settlements
                .iter()
                .fold(0, |m, s| m | Summary::settlement_bit(*s)),
            min_hourly: self.min_hourly_pay_cny,
            window,
        })
    }
}

/// A filter resolved against the taxonomy, ready for the walk.
#[derive(Debug, Clone)]
pub(crate) struct CompiledFilter {
    trades: Option<([u64; 4], Vec<bool>)>,
    units: u8,
    settlements: u8,
    min_hourly: Option<f64>,
    window: Option<(i64, i64)>,
}

impl CompiledFilter {
    /// Whether a subtree with this summary may hold a passing gig.
    pub(crate) fn may_match(&self, s: &Summary) -> bool {
        if let Some((bits, _)) = &self.trades
            && bits.iter().zip(s.trades).all(|(a, b)| a & b == 0)
        {
            return false;
        }
        (self.units == 0 || self.units & s.units != 0)
            && (self.settlements == 0 || self.settlements & s.settlements != 0)
            && self.min_hourly.is_none_or(|m| s.max_hourly >= m)
            && self
                .window
                .is_none_or(|(from, to)| s.min_start <= to && s.max_end >= from)
    }

    /// Whether this gig passes.
    pub(crate) fn matches(&self, leaf: &GigLeaf) -> bool {
        let trade_ok = match &self.trades {
            None => true,
            Some((_, allowed)) => {
                leaf.trade != NO_TRADE
                    && allowed
                        .get(usize::from(leaf.trade))
                        .copied()
                        .unwrap_or(false)
            }
        };
        trade_ok && self.may_match(&leaf.summary)
    }
}
