//! One stable sort for the whole crate.
//!
//! `slice::sort_by` compiles its algorithm afresh for every element type and comparison,
//! about 4 KB of WebAssembly each. The engine sorts short lists (ranked gigs, trades, markets,
//! findings, a trade's pay values), where that code weighs more in the download than the
//! time it saves, so they all go through one sort of indices with the comparison behind a
//! `dyn`. The hot path, the R-tree's radius hits, keeps its slice sort.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub(crate) fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_indices(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by the key `key` gives, keeping equal items in their order.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `0..len` in the order `compare` gives their items: the one instantiation of the sort.
fn sorted_indices(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            let mut std_sorted = items;
            std_sorted.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
