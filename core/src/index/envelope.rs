//! The R-tree envelope: a 3-D box around unit vectors plus a [`Summary`] of the gigs inside.

use rstar::{AABB, Envelope, Point, RTreeObject};

use super::summary::Summary;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GigEnvelope {
    pub aabb: AABB<[f64; 3]>,
    pub summary: Summary,
}

impl Envelope for GigEnvelope {
    type Point = [f64; 3];

    fn new_empty() -> Self {
        Self {
            aabb: AABB::new_empty(),
            summary: Summary::EMPTY,
        }
    }

    fn contains_point(&self, point: &[f64; 3]) -> bool {
        self.aabb.contains_point(point)
    }

    fn contains_envelope(&self, other: &Self) -> bool {
        self.aabb.contains_envelope(&other.aabb) && self.summary.covers(&other.summary)
    }

    fn merge(&mut self, other: &Self) {
        self.aabb.merge(&other.aabb);
        self.summary.merge(&other.summary);
    }

    fn merged(&self, other: &Self) -> Self {
        let mut merged = self.clone();
        merged.merge(other);
        merged
    }

    fn intersects(&self, other: &Self) -> bool {
        self.aabb.intersects(&other.aabb)
    }

    fn intersection_area(&self, other: &Self) -> f64 {
        self.aabb.intersection_area(&other.aabb)
    }

    fn area(&self) -> f64 {
        self.aabb.area()
    }

    fn distance_2(&self, point: &[f64; 3]) -> f64 {
        self.aabb.distance_2(point)
    }

    fn min_max_dist_2(&self, point: &[f64; 3]) -> f64 {
        self.aabb.min_max_dist_2(point)
    }

    fn center(&self) -> [f64; 3] {
        self.aabb.center()
    }

    fn perimeter_value(&self) -> f64 {
        self.aabb.perimeter_value()
    }

    fn sort_envelopes<T: RTreeObject<Envelope = Self>>(axis: usize, envelopes: &mut [T]) {
        envelopes.sort_unstable_by(|a, b| lower(a, axis).total_cmp(&lower(b, axis)));
    }

    fn partition_envelopes<T: RTreeObject<Envelope = Self>>(
        axis: usize,
        envelopes: &mut [T],
        selection_size: usize,
    ) {
        if selection_size < envelopes.len() {
            envelopes.select_nth_unstable_by(selection_size, |a, b| {
                lower(a, axis).total_cmp(&lower(b, axis))
            });
        }
    }
}

fn lower<T: RTreeObject<Envelope = GigEnvelope>>(object: &T, axis: usize) -> f64 {
    object.envelope().aabb.lower().nth(axis)
}
