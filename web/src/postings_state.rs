//! What the app knows about the postings it loaded, independent of how it shows them.

use linggong_core::{AuditContext, GeoPoint, GigIndex, NearbyQuery, Posting, audit};

/// The postings loaded near the seeker that pass the audit, indexed for search.
#[derive(Debug, Clone, Default)]
pub struct PostingsState {
    pub index: GigIndex,
    pub compliant: usize,
}

impl PartialEq for PostingsState {
    fn eq(&self, other: &Self) -> bool {
        self.index.len() == other.index.len() && self.compliant == other.compliant
    }
}

impl PostingsState {
    /// Indexes the postings that pass the audit; the others are never shown to seekers.
    pub fn new(postings: Vec<Posting>) -> Self {
        let context = AuditContext::new();
        let shown: Vec<Posting> = postings
            .into_iter()
            .filter(|p| audit(p, &context).ok)
            .collect();
        let compliant = shown.len();
        let mut index = GigIndex::new();
        for p in shown {
            let _ = index.insert(p);
        }
        Self { index, compliant }
    }

    /// The `k` nearest gigs to `centre`, with their distances in metres.
    pub fn nearest(&self, centre: GeoPoint, k: usize) -> Vec<(Posting, f64)> {
        self.index
            .nearby(&NearbyQuery::new(centre.lat, centre.lng).with_k(k))
            .map(|found| {
                found
                    .into_iter()
                    .map(|g| (g.posting.clone(), g.distance_m))
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linggong_core::parse_posting;

    #[test]
    fn only_postings_that_pass_the_audit_are_shown() {
        let bad = parse_posting(r#"{"id": "a", "location": {"lat": 1.0, "lng": 1.0}}"#).unwrap();
        let state = PostingsState::new(vec![bad]);
        assert_eq!((state.index.len(), state.compliant), (0, 0));
    }
}
