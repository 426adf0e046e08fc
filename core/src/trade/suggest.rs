use super::{Taxonomy, Trade};
use crate::text::normalize_text;

/// Typeahead over the built-in [`Taxonomy`]: trades whose name or alias starts with
/// `prefix`, then those whose pinyin (`shuidian`) or pinyin initials (`sdg`) start with it,
/// then those that merely contain it; names before aliases, shorter before longer, each
/// trade once, at most `limit`.
///
/// ```
/// use linggong_core::suggest_trades;
/// let names: Vec<_> = suggest_trades("水电", 5).iter().map(|t| t.name.as_str()).collect();
/// assert_eq!(names[0], "水电工");
/// assert_eq!(suggest_trades("sdg", 3)[0].name, "水电工");
/// assert!(suggest_trades("", 5).is_empty());
/// ```
pub fn suggest_trades(prefix: &str, limit: usize) -> Vec<&'static Trade> {
    Taxonomy::builtin().suggest(prefix, limit)
}

impl Taxonomy {
    /// Typeahead over this taxonomy (see [`suggest_trades`]).
    ///
    /// ```
    /// use linggong_core::Taxonomy;
    /// assert_eq!(Taxonomy::builtin().suggest("保洁", 1)[0].id, "cleaner");
    /// ```
    pub fn suggest(&self, prefix: &str, limit: usize) -> Vec<&Trade> {
        let p = normalize_text(prefix);
        if p.is_empty() || limit == 0 {
            return Vec::new();
        }
        let ascii = p.is_ascii();
        let mut ranked: Vec<(u8, usize, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let rank = if e.text.starts_with(&p) {
                    if e.is_name { 0 } else { 1 }
                } else if ascii && e.pinyin.starts_with(&p) {
                    2
                } else if ascii && e.initials.starts_with(&p) {
                    3
                } else if e.text.contains(&p) {
                    4
                } else {
                    return None;
                };
                Some((rank, e.chars.len(), i))
            })
            .collect();
        crate::sort::sort_by(&mut ranked, Ord::cmp);
        let mut out: Vec<&Trade> = Vec::with_capacity(limit);
        for (_, _, entry) in ranked {
            let trade = self.trade_of(entry);
            if !out.iter().any(|t| t.id == trade.id) {
                out.push(trade);
                if out.len() == limit {
                    break;
                }
            }
        }
        out
    }
}
