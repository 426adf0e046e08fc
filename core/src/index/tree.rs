//! The R-tree type the index uses, with its node size.

use rstar::{RStarInsertionStrategy, RTree, RTreeParams};

use super::leaf::GigLeaf;

/// Node sizes of the gig R-tree. rstar's default (at most 6 children) makes a deep tree whose
/// best-first walks spend most of their time pushing and popping the heap; wider nodes halve
/// the depth, and measured kNN k=20 queries at 1M gigs got faster (see README, Performance).
#[derive(Debug, Clone, Copy)]
pub(crate) struct GigTreeParams;

impl RTreeParams for GigTreeParams {
    const MIN_SIZE: usize = MIN_SIZE;
    const MAX_SIZE: usize = MAX_SIZE;
    const REINSERTION_COUNT: usize = REINSERTION_COUNT;
    type DefaultInsertionStrategy = RStarInsertionStrategy;
}

const MAX_SIZE: usize = 16;
const MIN_SIZE: usize = 6;
const REINSERTION_COUNT: usize = 4;

/// The R-tree of gig leaves.
pub(crate) type GigTree = RTree<GigLeaf, GigTreeParams>;
