//! Best-first search of the R-tree with the filter inside the walk.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rstar::RTreeNode;

use super::filter::CompiledFilter;
use super::leaf::{GigLeaf, chord_2};
use super::tree::GigTree;

struct Pending<'a> {
    chord_2: f64,
    node: &'a RTreeNode<GigLeaf>,
}

impl PartialEq for Pending<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.chord_2 == other.chord_2
    }
}
impl Eq for Pending<'_> {}
impl PartialOrd for Pending<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Pending<'_> {
    /// Reversed, so the max-heap pops the nearest first.
    fn cmp(&self, other: &Self) -> Ordering {
        other.chord_2.total_cmp(&self.chord_2)
    }
}

/// Up to `limit` leaves passing `filter` within `max_chord_2` of `centre`, nearest first,
/// with their squared chord distances. A node's distance is a lower bound of its leaves'
/// (its box contains them), so popping in order of distance yields leaves in order.
pub(crate) fn best_first<'a>(
    tree: &'a GigTree,
    centre: [f64; 3],
    filter: &CompiledFilter,
    max_chord_2: f64,
    limit: usize,
) -> Vec<(&'a GigLeaf, f64)> {
    let mut found = Vec::new();
    if limit == 0 {
        return found;
    }
    let mut heap = BinaryHeap::new();
    let push_children = |heap: &mut BinaryHeap<Pending<'a>>, children: &'a [RTreeNode<GigLeaf>]| {
        for node in children {
            let d2 = match node {
                RTreeNode::Leaf(leaf) if filter.matches(leaf) => chord_2(&leaf.xyz, &centre),
                RTreeNode::Parent(parent) => {
                    let envelope = parent.envelope();
                    if !filter.may_match(&envelope.summary) {
                        continue;
                    }
                    envelope.aabb.distance_2(&centre)
                }
                RTreeNode::Leaf(_) => continue,
            };
            if d2 <= max_chord_2 {
                heap.push(Pending { chord_2: d2, node });
            }
        }
    };
    push_children(&mut heap, tree.root().children());
    while let Some(Pending { chord_2, node }) = heap.pop() {
        match node {
            RTreeNode::Leaf(leaf) => {
                found.push((leaf, chord_2));
                if found.len() == limit {
                    break;
                }
            }
            RTreeNode::Parent(parent) => push_children(&mut heap, parent.children()),
        }
    }
    found
}
