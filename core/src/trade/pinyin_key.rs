//! Toneless pinyin of text, for homophone typos (水店工 → shui dian gong = 水电工) and
//! pinyin typeahead. Characters without a reading stand for themselves.

use pinyin::ToPinyin;

/// The sound of one character: its toneless pinyin, or the character itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Syllable {
    Pinyin(&'static str),
    Other(char),
}

impl Syllable {
    pub(crate) fn push_to(self, out: &mut String) {
        match self {
            Syllable::Pinyin(p) => out.push_str(p),
            Syllable::Other(c) => out.push(c),
        }
    }

    pub(crate) fn initial(self) -> char {
        match self {
            Syllable::Pinyin(p) => p.chars().next().unwrap_or(' '),
            Syllable::Other(c) => c,
        }
    }
}

/// One syllable per character.
pub(crate) fn syllables(text: &str) -> Vec<Syllable> {
    text.chars()
        .map(|c| match c.to_pinyin() {
            Some(p) => Syllable::Pinyin(p.plain()),
            None => Syllable::Other(c),
        })
        .collect()
}

/// The syllables run together: `shuidiangong`.
pub(crate) fn concat(syllables: &[Syllable]) -> String {
    let mut out = String::with_capacity(syllables.len() * 4);
    for s in syllables {
        s.push_to(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homophones_share_their_syllables() {
        assert_eq!(syllables("水店工"), syllables("水电工"));
        assert_eq!(concat(&syllables("水电工")), "shuidiangong");
    }

    #[test]
    fn characters_without_a_reading_stand_for_themselves() {
        assert_eq!(concat(&syllables("cnc工")), "cncgong");
        assert_eq!(syllables("c")[0], Syllable::Other('c'));
    }
}
