//! Lists ordered for display, largest first (best pay, best match, highest 求人倍率).
//!
//! One non-generic sort serves them all: `sort_by` is compiled anew for every element type
//! and comparison, about 4 KB of wasm each.

/// Sorts `items` by `key`, largest first; items with equal keys keep their order.
pub fn sort_desc_by<T>(items: &mut Vec<T>, key: impl Fn(&T) -> f64) {
    let keys: Vec<f64> = items.iter().map(key).collect();
    let order = order_desc(&keys);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Positions of `keys`, largest key first, ties in position order.
fn order_desc(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[b].total_cmp(&keys[a]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_comes_first_and_ties_keep_their_order() {
        let mut items = vec![("a", 1.0), ("b", 3.0), ("c", 1.0), ("d", 2.5), ("e", 3.0)];
        sort_desc_by(&mut items, |&(_, k)| k);
        let names: Vec<&str> = items.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["b", "e", "d", "a", "c"]);
    }
}
