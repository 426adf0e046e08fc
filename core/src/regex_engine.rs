//! The regex engine: `regex` natively, where its fast engines pay off in bulk audits, and
//! `regex-lite` in WebAssembly, where download size matters more (it is a fraction of the
//! size). The audit's patterns are plain alternations, classes and named groups, which both
//! accept and match identically; `RegexSet`, which `regex-lite` lacks, is one regex per
//! pattern there.

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use regex::{Captures, Regex, RegexSet};
#[cfg(target_arch = "wasm32")]
pub(crate) use regex_lite::{Captures, Regex};
#[cfg(target_arch = "wasm32")]
pub(crate) use set::RegexSet;

#[cfg(target_arch = "wasm32")]
mod set {
    use regex_lite::{Error, Regex};

    /// The part of `regex::RegexSet` the audit uses.
    #[derive(Debug, Clone)]
    pub(crate) struct RegexSet(Vec<Regex>);

    impl RegexSet {
        pub(crate) fn new<I, S>(patterns: I) -> Result<Self, Error>
        where
            I: IntoIterator<Item = S>,
            S: AsRef<str>,
        {
            patterns
                .into_iter()
                .map(|p| Regex::new(p.as_ref()))
                .collect::<Result<_, _>>()
                .map(RegexSet)
        }

        /// Indices of the patterns that match `text`, in order.
        pub(crate) fn matches(&self, text: &str) -> SetMatches {
            SetMatches(
                self.0
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.is_match(text))
                    .map(|(i, _)| i)
                    .collect(),
            )
        }
    }

    /// The indices [`RegexSet::matches`] found.
    #[derive(Debug)]
    pub(crate) struct SetMatches(Vec<usize>);

    impl SetMatches {
        pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
            self.0.iter().copied()
        }
    }
}
