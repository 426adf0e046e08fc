//! One gig as the R-tree stores it.

use rstar::{AABB, PointDistance, RTreeObject};

use super::envelope::GigEnvelope;
use super::summary::Summary;

/// No trade recognised.
pub(crate) const NO_TRADE: u16 = u16::MAX;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GigLeaf {
    pub xyz: [f64; 3],
    pub slot: u32,
    pub trade: u16,
    pub summary: Summary,
}

impl RTreeObject for GigLeaf {
    type Envelope = GigEnvelope;

    fn envelope(&self) -> GigEnvelope {
        GigEnvelope {
            aabb: AABB::from_point(self.xyz),
            summary: self.summary,
        }
    }
}

pub(crate) fn chord_2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)
}

impl PointDistance for GigLeaf {
    fn distance_2(&self, point: &[f64; 3]) -> f64 {
        chord_2(&self.xyz, point)
    }
}
