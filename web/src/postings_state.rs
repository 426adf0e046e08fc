//! What the app knows about the postings it loaded, independent of how it shows them.

use linggong_core::{AuditContext, Posting, audit, parse_postings_jsonl};

/// The postings of the bundled data set and how many of them pass the audit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PostingsState {
    pub postings: Vec<Posting>,
    pub compliant: usize,
    pub malformed_lines: usize,
}

impl PostingsState {
    /// Parses JSON lines and audits every posting with the engine.
    pub fn from_jsonl(text: &str) -> Self {
        let mut state = Self::default();
        for (_, parsed) in parse_postings_jsonl(text) {
            match parsed {
                Ok(posting) => {
                    if audit(&posting, &AuditContext::new()).ok {
                        state.compliant += 1;
                    }
                    state.postings.push(posting);
                }
                Err(_) => state.malformed_lines += 1,
            }
        }
        state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_postings_compliant_ones_and_bad_lines() {
        let text = "{\"id\": \"a\"}\nnot json\n";
        let state = PostingsState::from_jsonl(text);
        assert_eq!(
            (state.postings.len(), state.compliant, state.malformed_lines),
            (1, 0, 1)
        );
    }
}
