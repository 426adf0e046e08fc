use std::collections::HashMap;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::noise::strip_noise;
use super::pinyin_key::{concat, syllables};
use super::{Taxonomy, Trade};
use crate::text::normalize_text;

/// A trade is recognised only at this confidence or above; below it the input is treated
/// as not naming a trade (nonsense, or too vague).
pub const MIN_TRADE_CONFIDENCE: f64 = 0.6;

/// How an input was matched to a trade.
///
/// ```
/// use linggong_core::{normalize_trade, MatchKind};
/// assert_eq!(normalize_trade("水店工").via, Some(MatchKind::Homophone));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The canonical name itself (confidence 1.0).
    Name,
    /// A known alias (0.97).
    Alias,
    /// The same pinyin as a name or alias: a homophone typo (0.9), or inside longer text (0.65–0.85).
    Homophone,
    /// A name or alias inside longer text (0.7–0.95, more for a larger share of the text,
    /// and slightly more for a canonical name than for an alias).
    Contains,
    /// The input is part of a name or alias (0.55–0.9).
    Partial,
    /// One character edit away (two for five characters or more) (0.5–0.9; among equal
    /// edits the closer sound scores higher).
    Typo,
}

/// One trade the input may name, with the confidence of that reading.
///
/// ```
/// use linggong_core::normalize_trade;
/// let n = normalize_trade("水电");
/// assert!(n.alternatives.iter().all(|a| a.confidence <= n.confidence));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TradeCandidate<'a> {
    /// The trade.
    pub trade: &'a Trade,
    /// 0 … 1.
    pub confidence: f64,
    /// How it matched.
    pub via: MatchKind,
}

/// The result of [`normalize_trade`]: the trade an input names, if any.
///
/// ```
/// use linggong_core::normalize_trade;
/// let n = normalize_trade("急招水電工2名");
/// assert_eq!(n.trade.unwrap().name, "水电工");
/// assert!(n.confidence >= 0.9);
/// let none = normalize_trade("今天天气不错");
/// assert!(none.trade.is_none() && none.confidence == 0.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NormalizedTrade<'a> {
    /// The input as given.
    pub input: String,
    /// The trade, when the best reading reaches [`MIN_TRADE_CONFIDENCE`] and, for a partial
    /// or typo reading, leads the next trade by a clear margin.
    pub trade: Option<&'a Trade>,
    /// Confidence of `trade` (0 when there is none).
    pub confidence: f64,
    /// How `trade` matched.
    pub via: Option<MatchKind>,
    /// Other readings, most likely first (at most four), including rejected ones below the
    /// threshold when there is no trade.
    pub alternatives: Vec<TradeCandidate<'a>>,
}

/// The trade a seeker's or employer's free text names, by the built-in [`Taxonomy`].
///
/// The text is normalised (traditional, full-width, spacing), stripped of noise (急招, 日结,
/// 2名, 师傅, 阿姨), then matched by exact name or alias, pinyin homophone, containment,
/// partial spelling and small typos; see [`MatchKind`] for the confidences.
///
/// ```
/// use linggong_core::normalize_trade;
/// assert_eq!(normalize_trade("保洁阿姨").trade.unwrap().id, "cleaner");
/// assert_eq!(normalize_trade("油七工").trade.unwrap().name, "油漆工");
/// assert!(normalize_trade("asdfgh").trade.is_none());
/// ```
pub fn normalize_trade(text: &str) -> NormalizedTrade<'static> {
    Taxonomy::builtin().normalize(text)
}

/// See [`Taxonomy::normalize`]: the lead a partial or typo reading needs over the next trade.
const AMBIGUITY_MARGIN: f64 = 0.02;

fn typo_budget(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=4 => 1,
        _ => 2,
    }
}

struct Scores<'t> {
    taxonomy: &'t Taxonomy,
    best: HashMap<usize, (f64, MatchKind)>,
}

impl Scores<'_> {
    fn offer(&mut self, entry: usize, score: f64, via: MatchKind) {
        let trade = self.taxonomy.entries[entry].trade;
        let slot = self.best.entry(trade).or_insert((0.0, via));
        if score > slot.0 {
            *slot = (score, via);
        }
    }
}

impl Taxonomy {
    /// The trade `text` names, by this taxonomy (see [`normalize_trade`]).
    ///
    /// ```
    /// use linggong_core::Taxonomy;
    /// let n = Taxonomy::builtin().normalize("電焊師傅");
    /// assert_eq!(n.trade.unwrap().id, "welder");
    /// ```
    pub fn normalize(&self, text: &str) -> NormalizedTrade<'_> {
        let normalized = normalize_text(text);
        let stripped = strip_noise(&normalized);
        let mut scores = Scores {
            taxonomy: self,
            best: HashMap::new(),
        };
        // Text that is nothing but noise (临时工, 日结) names no trade.
        if !stripped.is_empty() {
            self.score(&normalized, &mut scores);
            if stripped != normalized {
                self.score(&stripped, &mut scores);
            }
        }
        let mut ranked: Vec<TradeCandidate<'_>> = scores
            .best
            .into_iter()
            .map(|(t, (confidence, via))| TradeCandidate {
                trade: &self.trades()[t],
                confidence,
                via,
            })
            .collect();
        crate::sort::sort_by(&mut ranked, |a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then_with(|| a.trade.id.cmp(&b.trade.id))
        });
        // A partial or typo reading that another trade matches about as well is a guess:
        // better no trade than the wrong one.
        let ambiguous = match (ranked.first(), ranked.get(1)) {
            (Some(a), Some(b)) => {
                matches!(a.via, MatchKind::Partial | MatchKind::Typo)
                    && a.confidence - b.confidence < AMBIGUITY_MARGIN
            }
            _ => false,
        };
        let accepted = ranked
            .first()
            .filter(|c| c.confidence >= MIN_TRADE_CONFIDENCE && !ambiguous)
            .cloned();
        let skip = usize::from(accepted.is_some());
        NormalizedTrade {
            input: text.to_string(),
            trade: accepted.as_ref().map(|c| c.trade),
            confidence: accepted.as_ref().map_or(0.0, |c| c.confidence),
            via: accepted.as_ref().map(|c| c.via),
            alternatives: ranked.into_iter().skip(skip).take(4).collect(),
        }
    }

    fn score(&self, query: &str, scores: &mut Scores<'_>) {
        let chars: Vec<char> = query.chars().collect();
        // Byte offset of each char, plus the end, to slice the query without allocating.
        let bounds: Vec<usize> = query
            .char_indices()
            .map(|(i, _)| i)
            .chain([query.len()])
            .collect();
        let syl = syllables(query);
        let pinyin = concat(&syl);
        let n = chars.len();
        if let Some(&e) = self.exact.get(query) {
            let via = if self.entries[e].is_name {
                MatchKind::Name
            } else {
                MatchKind::Alias
            };
            scores.offer(e, if via == MatchKind::Name { 1.0 } else { 0.97 }, via);
        }
        if let Some(list) = self.by_pinyin.get(syl.as_slice()) {
            for &e in list {
                scores.offer(e, 0.9, MatchKind::Homophone);
            }
        }
        // Names and aliases inside the text, by characters and by sound (none is longer than
        // the longest entry).
        for len in 2..n.min(self.longest_entry + 1) {
            for start in 0..=n - len {
                let share = len as f64 / n as f64;
                if let Some(&e) = self.exact.get(&query[bounds[start]..bounds[start + len]]) {
                    // Among equal shares a canonical name beats a colloquial alias, which is
                    // likelier to be a chance substring (装修电工 is an electrician).
                    let name_bonus = if self.entries[e].is_name { 0.01 } else { 0.0 };
                    scores.offer(e, 0.7 + 0.24 * share + name_bonus, MatchKind::Contains);
                }
                if let Some(list) = self.by_pinyin.get(&syl[start..start + len]) {
                    for &e in list {
                        scores.offer(e, 0.65 + 0.2 * share, MatchKind::Homophone);
                    }
                }
            }
        }
        // Candidates sharing a telling character or syllable: partial spellings and typos.
        // Marked, then visited in entry order: each once, with no sort.
        let mut is_candidate = vec![false; self.entries.len()];
        for &e in chars
            .iter()
            .filter_map(|c| self.by_char.get(c))
            .chain(syl.iter().filter_map(|s| self.by_syllable.get(s)))
            .flatten()
        {
            is_candidate[e] = true;
        }
        for e in (0..self.entries.len()).filter(|&e| is_candidate[e]) {
            let entry = &self.entries[e];
            let m = entry.chars.len();
            if n >= 2 && m > n && entry.text.contains(query) {
                scores.offer(e, 0.55 + 0.35 * n as f64 / m as f64, MatchKind::Partial);
            }
            let longest = n.max(m);
            if n.abs_diff(m) > 1 {
                continue; // no typo reading: lengths differ by more than one character
            }
            // Typos are counted in characters: a whole-word homophone is matched above,
            // and a syllable-level distance would let real words through (宇航员 is not 育婴员).
            let edits = strsim::generic_levenshtein(&chars, &entry.chars);
            if edits > 0 && edits <= typo_budget(longest) {
                // Among equal edits, the spelling that sounds closer wins (保沽员: bao-gu-yuan).
                let sound = strsim::normalized_levenshtein(&pinyin, &entry.pinyin);
                let score = 0.5 + 0.35 * (1.0 - edits as f64 / longest as f64) + 0.05 * sound;
                scores.offer(e, score, MatchKind::Typo);
            }
        }
    }
}

/// The shape `linggong normalize` and the JS `normalizeTrade` give: `{"input", "trade":
/// {"id", "name", "category"} | null, "confidence", "via", "alternatives": [{"id", "name",
/// "category", "confidence", "via"}]}`.
impl Serialize for NormalizedTrade<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct TradeRef<'a> {
            id: &'a str,
            name: &'a str,
            category: super::TradeCategory,
        }
        #[derive(Serialize)]
        struct Alternative<'a> {
            id: &'a str,
            name: &'a str,
            category: super::TradeCategory,
            confidence: f64,
            via: MatchKind,
        }
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        let mut s = serializer.serialize_struct("NormalizedTrade", 5)?;
        s.serialize_field("input", &self.input)?;
        s.serialize_field(
            "trade",
            &self.trade.map(|t| TradeRef {
                id: &t.id,
                name: &t.name,
                category: t.category,
            }),
        )?;
        s.serialize_field("confidence", &round(self.confidence))?;
        s.serialize_field("via", &self.via)?;
        let alternatives: Vec<Alternative<'_>> = self
            .alternatives
            .iter()
            .map(|c| Alternative {
                id: &c.trade.id,
                name: &c.trade.name,
                category: c.trade.category,
                confidence: round(c.confidence),
                via: c.via,
            })
            .collect();
        s.serialize_field("alternatives", &alternatives)?;
        s.end()
    }
}
