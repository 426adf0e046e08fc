//! Text normalisation shared by the audit and the trade normaliser.

use std::ops::Range;

use crate::simplified::simplified;

/// Normalises Chinese free text so that rules and look-ups see one spelling:
/// full-width forms become ASCII, traditional characters become simplified, Latin letters
/// are lower-cased, spaces and decorative marks disappear, punctuation variants collapse to
/// one form, Chinese numerals become Arabic (`三十五` → `35`) and ranges use `-`
/// (`18～35`, `十八到三十五` → `18-35`).
///
/// ```
/// use linggong_core::normalize_text;
/// assert_eq!(normalize_text("年齡十八到三十五歲"), "年龄18-35岁");
/// assert_eq!(normalize_text("限 男 性！ＡＢ１２"), "限男性,ab12");
/// assert_eq!(normalize_text("18岁～35岁"), "18岁-35岁");
/// ```
pub fn normalize_text(text: &str) -> String {
    NormalizedText::new(text).text
}

/// Normalised text that remembers, for every character, the byte range of the original text
/// it came from, so a finding can quote what the author wrote.
#[derive(Debug, Clone)]
pub(crate) struct NormalizedText {
    pub(crate) text: String,
    /// Byte offset in `text` of each normalised char, plus `text.len()` at the end.
    starts: Vec<usize>,
    /// Original byte range of each normalised char.
    origins: Vec<Range<usize>>,
}

const NUMERAL_CHARS: &str = "零〇一二两三四五六七八九十百千万";
/// A lone numeral such as 一 or 两 becomes a digit only before one of these (一名, 两天).
const COUNTER_CHARS: &str = "岁周名人元块天个小点号月日年倍位次件单%-到至以";

impl NormalizedText {
    pub(crate) fn new(original: &str) -> Self {
        let mut chars: Vec<(char, Range<usize>)> = Vec::with_capacity(original.len());
        for (at, orig) in original.char_indices() {
            let range = at..at + orig.len_utf8();
            if let Some(c) = fold_char(simplified(orig)) {
                // Collapse runs of clause separators into one.
                if c == ',' && chars.last().is_some_and(|(p, _)| *p == ',') {
                    continue;
                }
                chars.push((c, range));
            }
        }
        let chars = convert_numerals(chars);
        let chars = unify_ranges(chars);
        let mut text = String::with_capacity(chars.len() * 3);
        let mut starts = Vec::with_capacity(chars.len() + 1);
        let mut origins = Vec::with_capacity(chars.len());
        for (c, range) in chars {
            starts.push(text.len());
            text.push(c);
            origins.push(range);
        }
        starts.push(text.len());
        Self {
            text,
            starts,
            origins,
        }
    }

    /// The original byte range behind a byte range of the normalised text.
    pub(crate) fn original_range(&self, normalized: Range<usize>) -> Range<usize> {
        let first = self.starts.partition_point(|&s| s < normalized.start);
        let last = self.starts.partition_point(|&s| s < normalized.end);
        match (
            self.origins.get(first),
            last.checked_sub(1).and_then(|l| self.origins.get(l)),
        ) {
            (Some(a), Some(b)) if first < last => a.start..b.end.max(a.end),
            _ => 0..0,
        }
    }
}

/// One character's normal form, or `None` when it carries no meaning for matching.
fn fold_char(c: char) -> Option<char> {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    match c {
        c if c.is_whitespace() => None,
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' => None,
        '*' | '·' | '•' | '_' | '#' | '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『'
        | '』' | '《' | '》' | '〈' | '〉' | '^' | '`' | '|' | '\\' | '/' => None,
        '，' | '、' | '；' | ';' | '。' | '！' | '!' | '？' | '?' | '…' => Some(','),
        '~' | '～' | '〜' | '－' | '—' | '–' | '﹣' | '‐' | '‑' | '−' => Some('-'),
        '：' => Some(':'),
        '（' | '【' | '〔' | '［' | '[' | '{' => Some('('),
        '）' | '】' | '〕' | '］' | ']' | '}' => Some(')'),
        c if c.is_ascii_uppercase() => Some(c.to_ascii_lowercase()),
        c => Some(c),
    }
}

fn numeral_value(run: &[char]) -> Option<u64> {
    let digit = |c: char| {
        "零〇一二三四五六七八九".find(c).map(|_| match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            _ => 9,
        })
    };
    let digit = |c: char| if c == '两' { Some(2) } else { digit(c) };
    if !run.iter().any(|c| "十百千万".contains(*c)) {
        // Plain digit strings such as 二〇二六.
        return run
            .iter()
            .try_fold(0u64, |acc, &c| Some(acc * 10 + digit(c)?));
    }
    let (mut total, mut section, mut pending) = (0u64, 0u64, None::<u64>);
    for &c in run {
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                section += pending.take().unwrap_or(1) * unit;
            }
            '万' => {
                total = (total + section + pending.take().unwrap_or(0)).max(1) * 10_000;
                section = 0;
            }
            c => pending = Some(digit(c)?),
        }
    }
    Some(total + section + pending.unwrap_or(0))
}

fn convert_numerals(chars: Vec<(char, Range<usize>)>) -> Vec<(char, Range<usize>)> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if !NUMERAL_CHARS.contains(chars[i].0) {
            out.push(chars[i].clone());
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && NUMERAL_CHARS.contains(chars[i].0) {
            i += 1;
        }
        let run: Vec<char> = chars[start..i].iter().map(|(c, _)| *c).collect();
        let next = chars.get(i).map(|(c, _)| *c);
        // A run is a number when it has a unit inside (十, 百, 千, or 万 after a digit) or is
        // a digit string; a lone 一 or 两 only before a counter. 万 alone (万达) stays.
        let worth_converting = run.iter().any(|c| "十百千".contains(*c))
            || (run.len() >= 2 && run[0] != '万')
            || next.is_some_and(|n| COUNTER_CHARS.contains(n) || n.is_ascii_digit());
        match numeral_value(&run).filter(|_| worth_converting) {
            Some(value) => {
                let span = chars[start].1.start..chars[i - 1].1.end;
                out.extend(value.to_string().chars().map(|d| (d, span.clone())));
            }
            None => out.extend_from_slice(&chars[start..i]),
        }
    }
    out
}

/// `18到35`, `18岁至35岁`, `18~35` → `18-35` / `18岁-35岁`.
fn unify_ranges(mut chars: Vec<(char, Range<usize>)>) -> Vec<(char, Range<usize>)> {
    for i in 1..chars.len().saturating_sub(1) {
        if !matches!(chars[i].0, '到' | '至') {
            continue;
        }
        let before = chars[i - 1].0;
        let before_ok = before.is_ascii_digit()
            || (before == '岁' && i >= 2 && chars[i - 2].0.is_ascii_digit());
        if before_ok && chars[i + 1].0.is_ascii_digit() {
            chars[i].0 = '-';
        }
    }
    chars
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chinese_numerals_become_arabic_where_they_count_something() {
        assert_eq!(normalize_text("三十五岁以下"), "35岁以下");
        assert_eq!(normalize_text("一百二十元一天"), "120元1天");
        assert_eq!(normalize_text("招两名"), "招2名");
        assert_eq!(normalize_text("一对一指导"), "一对一指导");
        assert_eq!(normalize_text("月入过万"), "月入过万");
        assert_eq!(normalize_text("月入三万"), "月入30000");
        assert_eq!(normalize_text("万达广场"), "万达广场");
        assert_eq!(normalize_text("二十万"), "200000");
        assert_eq!(normalize_text("四十五周岁"), "45周岁");
    }

    #[test]
    fn punctuation_variants_collapse() {
        assert_eq!(normalize_text("男、女均可！！"), "男,女均可,");
        assert_eq!(normalize_text("押 金：２００元"), "押金:200元");
    }

    #[test]
    fn original_range_points_back_at_what_the_author_wrote() {
        let original = "年龄 十八 到 三十五 岁";
        let n = NormalizedText::new(original);
        let at = n.text.find("18-35").unwrap();
        let range = n.original_range(at..at + "18-35".len());
        assert_eq!(&original[range], "十八 到 三十五");
    }

    proptest! {
        #[test]
        fn normalising_never_panics_and_ranges_stay_in_bounds(s in "\\PC{0,60}") {
            let n = NormalizedText::new(&s);
            for end in 0..=n.text.len() {
                if n.text.is_char_boundary(end) {
                    let r = n.original_range(0..end);
                    prop_assert!(r.end <= s.len());
                    prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                }
            }
        }
    }
}
