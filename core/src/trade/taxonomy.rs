use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Serialize;

use super::TradeCategory;
use super::pinyin_key::{Syllable, concat, syllables};
use crate::Error;
use crate::text::normalize_text;

/// One trade (职业/工种) of the taxonomy.
///
/// ```
/// use linggong_core::{Taxonomy, TradeCategory};
/// let t = Taxonomy::builtin().get("plumber_electrician").unwrap();
/// assert_eq!((t.name.as_str(), t.category), ("水电工", TradeCategory::Construction));
/// assert!(t.aliases.iter().any(|a| a == "水电维修"));
/// assert!(t.related.iter().any(|r| r == "electrician"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trade {
    /// Stable id (`plumber_electrician`), never reused for another trade.
    pub id: String,
    /// Canonical Chinese name (`水电工`).
    pub name: String,
    /// Matching-floor category.
    pub category: TradeCategory,
    /// Colloquial names people write (`水电维修`, `水电师傅`).
    pub aliases: Vec<String>,
    /// Ids of trades whose workers can often do this work too.
    pub related: Vec<String>,
    /// National occupation code (职业分类大典), only where it was checked; otherwise `None`.
    pub occupation_code: Option<String>,
}

/// One searchable spelling of a trade: its name or an alias, pre-normalised.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub trade: usize,
    pub text: String,
    pub chars: Vec<char>,
    pub syllables: Vec<Syllable>,
    /// Syllables run together (`shuidiangong`) and their initials (`sdg`), for typeahead.
    pub pinyin: String,
    pub initials: String,
    pub is_name: bool,
}

/// A trade taxonomy with the indexes the normaliser and typeahead need.
///
/// The built-in one ([`Taxonomy::builtin`]) is compiled in from `core/data/trades.tsv`;
/// [`Taxonomy::from_tsv`] reads another in the same format.
///
/// ```
/// use linggong_core::Taxonomy;
/// let tax = Taxonomy::builtin();
/// assert!(tax.trades().len() >= 200);
/// assert_eq!(tax.normalize("水店工").trade.map(|t| t.id.as_str()), Some("plumber_electrician"));
/// ```
#[derive(Debug, Clone)]
pub struct Taxonomy {
    trades: Vec<Trade>,
    by_id: HashMap<String, usize>,
    pub(super) entries: Vec<Entry>,
    pub(super) exact: HashMap<String, usize>,
    pub(super) by_pinyin: HashMap<Vec<Syllable>, Vec<usize>>,
    /// Entries by each character that is not too common to tell trades apart.
    pub(super) by_char: HashMap<char, Vec<usize>>,
    pub(super) by_syllable: HashMap<Syllable, Vec<usize>>,
    /// The most characters or syllables of any name or alias: no longer part of a text can
    /// name a trade, so the normaliser looks no further (a 500-character text took 0.4 s).
    pub(super) longest_entry: usize,
}

static BUILTIN: LazyLock<Taxonomy> =
    LazyLock::new(
        || match Taxonomy::from_tsv(include_str!("../../data/trades.tsv")) {
            Ok(t) => t,
            // The file is part of the crate and checked by the tests.
            Err(e) => unreachable!("built-in taxonomy is valid: {e}"),
        },
    );

/// A character in more than this share of entries (工, 员, 师) is useless for finding candidates.
const COMMON_CHAR_SHARE: f64 = 0.04;

fn tsv_error(line: usize, column: usize, field: &str, reason: String) -> Error {
    Error::Parse {
        line,
        column,
        field: field.to_string(),
        reason,
    }
}

impl Taxonomy {
    /// The built-in taxonomy: over 200 trades common in Chinese gig markets.
    ///
    /// ```
    /// use linggong_core::Taxonomy;
    /// assert!(Taxonomy::builtin().get("cleaner").is_some());
    /// ```
    pub fn builtin() -> &'static Taxonomy {
        &BUILTIN
    }

    /// Reads a taxonomy in the format of `core/data/trades.tsv`: `#` comments, then one trade
    /// per line, tab-separated: id, name, category key, aliases (`|`), related ids (`|`),
    /// occupation code. Ids must be unique, related ids must exist, and no spelling may
    /// belong to two trades.
    ///
    /// ```
    /// use linggong_core::Taxonomy;
    /// let tax = Taxonomy::from_tsv("a\t水电工\tconstruction\t水电\tb\t\nb\t电工\tconstruction\t\ta\t\n").unwrap();
    /// assert_eq!(tax.normalize("水电").trade.unwrap().id, "a");
    /// assert!(Taxonomy::from_tsv("a\t水电工\tspace\t\t\t\n").is_err());
    /// ```
    pub fn from_tsv(text: &str) -> Result<Taxonomy, Error> {
        let mut trades = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line_no = index + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 {
                return Err(tsv_error(
                    line_no,
                    1,
                    "",
                    "expected at least id, name and category".into(),
                ));
            }
            let list = |i: usize| -> Vec<String> {
                cols.get(i)
                    .map(|c| {
                        c.split('|')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            if cols[0].is_empty() || cols[1].is_empty() {
                return Err(tsv_error(
                    line_no,
                    1,
                    "id",
                    "id and name must not be empty".into(),
                ));
            }
            let category = TradeCategory::from_key(cols[2]).ok_or_else(|| {
                tsv_error(
                    line_no,
                    3,
                    "category",
                    format!("unknown category `{}`", cols[2]),
                )
            })?;
            trades.push(Trade {
                id: cols[0].to_string(),
                name: cols[1].to_string(),
                category,
                aliases: list(3),
                related: list(4),
                occupation_code: cols.get(5).filter(|c| !c.is_empty()).map(|c| c.to_string()),
            });
        }
        Self::new(trades)
    }

    /// Builds the indexes over `trades`, checking them as [`Taxonomy::from_tsv`] does.
    ///
    /// ```
    /// use linggong_core::{Taxonomy, Trade, TradeCategory};
    /// let t = Trade { id: "x".into(), name: "电工".into(), category: TradeCategory::Construction,
    ///     aliases: vec![], related: vec!["missing".into()], occupation_code: None };
    /// assert!(Taxonomy::new(vec![t]).is_err());
    /// ```
    pub fn new(trades: Vec<Trade>) -> Result<Taxonomy, Error> {
        let mut by_id = HashMap::new();
        for (i, t) in trades.iter().enumerate() {
            if by_id.insert(t.id.clone(), i).is_some() {
                return Err(tsv_error(
                    i + 1,
                    1,
                    "id",
                    format!("duplicate id `{}`", t.id),
                ));
            }
        }
        let mut entries = Vec::new();
        let mut exact = HashMap::new();
        for (i, t) in trades.iter().enumerate() {
            if let Some(r) = t.related.iter().find(|r| !by_id.contains_key(*r)) {
                return Err(tsv_error(
                    i + 1,
                    5,
                    "related",
                    format!("`{}` names unknown trade `{r}`", t.id),
                ));
            }
            let spellings =
                std::iter::once((&t.name, true)).chain(t.aliases.iter().map(|a| (a, false)));
            for (spelling, is_name) in spellings {
                let text = normalize_text(spelling);
                if text.is_empty() {
                    continue;
                }
                if let Some(&other) = exact.get(&text) {
                    let other: &Entry = &entries[other];
                    if other.trade != i {
                        let owner = &trades[other.trade].id;
                        return Err(tsv_error(
                            i + 1,
                            4,
                            "aliases",
                            format!("`{spelling}` belongs to both `{owner}` and `{}`", t.id),
                        ));
                    }
                    continue;
                }
                let syllables = syllables(&text);
                exact.insert(text.clone(), entries.len());
                entries.push(Entry {
                    trade: i,
                    chars: text.chars().collect(),
                    pinyin: concat(&syllables),
                    initials: syllables.iter().map(|s| s.initial()).collect(),
                    syllables,
                    text,
                    is_name,
                });
            }
        }
        let mut by_pinyin: HashMap<Vec<Syllable>, Vec<usize>> = HashMap::new();
        let mut by_char: HashMap<char, Vec<usize>> = HashMap::new();
        let mut by_syllable: HashMap<Syllable, Vec<usize>> = HashMap::new();
        for (e, entry) in entries.iter().enumerate() {
            by_pinyin
                .entry(entry.syllables.clone())
                .or_default()
                .push(e);
            for &c in &entry.chars {
                let list = by_char.entry(c).or_default();
                if list.last() != Some(&e) {
                    list.push(e);
                }
            }
            for &s in &entry.syllables {
                let list = by_syllable.entry(s).or_default();
                if list.last() != Some(&e) {
                    list.push(e);
                }
            }
        }
        let limit = ((entries.len() as f64) * COMMON_CHAR_SHARE).max(8.0) as usize;
        by_char.retain(|_, list| list.len() <= limit);
        by_syllable.retain(|_, list| list.len() <= limit);
        let longest_entry = entries
            .iter()
            .map(|e| e.chars.len().max(e.syllables.len()))
            .max()
            .unwrap_or(0);
        Ok(Taxonomy {
            trades,
            by_id,
            entries,
            exact,
            by_pinyin,
            by_char,
            by_syllable,
            longest_entry,
        })
    }

    /// All trades, in file order.
    ///
    /// ```
    /// use linggong_core::Taxonomy;
    /// assert_eq!(Taxonomy::builtin().trades()[0].id, "plumber_electrician");
    /// ```
    pub fn trades(&self) -> &[Trade] {
        &self.trades
    }

    /// The trade with this id.
    ///
    /// ```
    /// use linggong_core::Taxonomy;
    /// assert_eq!(Taxonomy::builtin().get("welder").unwrap().name, "电焊工");
    /// assert!(Taxonomy::builtin().get("astronaut").is_none());
    /// ```
    pub fn get(&self, id: &str) -> Option<&Trade> {
        self.by_id.get(id).map(|&i| &self.trades[i])
    }

    /// The trade a user names: by its id (`cleaner`), else by any wording the normaliser
    /// recognises (`保洁阿姨`).
    ///
    /// ```
    /// use linggong_core::Taxonomy;
    /// let t = Taxonomy::builtin();
    /// assert_eq!(t.resolve("cleaner").unwrap().id, "cleaner");
    /// assert_eq!(t.resolve("保洁阿姨").unwrap().id, "cleaner");
    /// assert!(t.resolve("宇航员").is_none());
    /// ```
    pub fn resolve(&self, text: &str) -> Option<&Trade> {
        self.get(text).or_else(|| self.normalize(text).trade)
    }

    /// The trades related to the trade with this id.
    ///
    /// ```
    /// use linggong_core::Taxonomy;
    /// let names: Vec<_> = Taxonomy::builtin().related("plumber_electrician").map(|t| t.name.as_str()).collect();
    /// assert!(names.contains(&"电工"));
    /// ```
    pub fn related<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Trade> + 'a {
        let related = self
            .get(id)
            .map(|t| t.related.as_slice())
            .unwrap_or_default();
        related.iter().filter_map(move |r| self.get(r))
    }

    /// Position of the trade with this id in [`Taxonomy::trades`].
    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub(super) fn trade_of(&self, entry: usize) -> &Trade {
        &self.trades[self.entries[entry].trade]
    }
}
