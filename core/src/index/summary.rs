//! What a subtree of the index holds, coarsely: enough to skip subtrees no gig of which can
//! pass a filter. False positives only cost a visit; a summary never hides a match.

use crate::{PayUnit, Settlement};

/// Trades are hashed into 256 bits (the built-in taxonomy has fewer, so no two collide).
pub(crate) const TRADE_BITS: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Summary {
    pub trades: [u64; 4],
    pub units: u8,
    pub settlements: u8,
    /// Highest hourly-equivalent pay, yuan; −∞ when no gig has one.
    pub max_hourly: f64,
    /// Earliest start and latest end of work, Unix seconds; MAX/MIN when no gig is dated.
    pub min_start: i64,
    pub max_end: i64,
}

impl Summary {
    pub(crate) const EMPTY: Summary = Summary {
        trades: [0; 4],
        units: 0,
        settlements: 0,
        max_hourly: f64::NEG_INFINITY,
        min_start: i64::MAX,
        max_end: i64::MIN,
    };

    pub(crate) fn trade_bit(trade: u16) -> (usize, u64) {
        let bit = usize::from(trade) % TRADE_BITS;
        (bit / 64, 1u64 << (bit % 64))
    }

    pub(crate) fn unit_bit(unit: PayUnit) -> u8 {
        1 << unit as u8
    }

    pub(crate) fn settlement_bit(settlement: Settlement) -> u8 {
        1 << settlement as u8
    }

    pub(crate) fn merge(&mut self, other: &Summary) {
        for (a, b) in self.trades.iter_mut().zip(other.trades) {
            *a |= b;
        }
        self.units |= other.units;
        self.settlements |= other.settlements;
        self.max_hourly = self.max_hourly.max(other.max_hourly);
        self.min_start = self.min_start.min(other.min_start);
        self.max_end = self.max_end.max(other.max_end);
    }

    /// Whether everything `other` could hold, this could hold too.
    pub(crate) fn covers(&self, other: &Summary) -> bool {
        self.trades
            .iter()
            .zip(other.trades)
            .all(|(a, b)| b & !a == 0)
            && other.units & !self.units == 0
            && other.settlements & !self.settlements == 0
            && self.max_hourly >= other.max_hourly
            && self.min_start <= other.min_start
            && self.max_end >= other.max_end
    }
}
