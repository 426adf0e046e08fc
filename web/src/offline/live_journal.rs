//! The changes heard from the market's live feed since the snapshot was loaded. They are
//! kept beside the snapshot, so an offline reopen shows the latest gigs, and are shown when
//! the seeker asks (新增 N 条), so the list never moves under a finger.
//!
//! Kept as text, a line each (the snapshot's feed cursor, the last cursor heard, then each
//! change in its packed form): no serde code in the seeker's download for it.

use linggong_core::FeedChange;

/// The cache key of the journal (beside the snapshot's files: cleared with them).
pub const JOURNAL_KEY: &str = "feed-journal";

/// What was heard since the snapshot the list is made from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Journal {
    /// The snapshot's feed cursor; empty when the snapshot has none (nothing to follow).
    pub base: String,
    /// Where the feed is followed from next.
    pub cursor: String,
    /// The changes heard, packed, in order.
    changes: Vec<String>,
    /// How many of them the list shows.
    shown: usize,
}

/// The changes waiting to be shown, as the list page announces them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Waiting {
    /// Gigs the list does not hold yet.
    pub new: usize,
    /// Ids of gigs in the list that are no longer open (a few: a list, not a set, keeps
    /// the download smaller).
    pub gone: Vec<String>,
}

impl Journal {
    /// A journal following the snapshot made at feed cursor `base`.
    pub fn new(base: &str) -> Self {
        Self {
            base: base.to_string(),
            cursor: base.to_string(),
            ..Self::default()
        }
    }

    /// The kept journal if it follows the snapshot at `base` (a newer snapshot already holds
    /// what it heard); all of it counts as shown, since a reopen applies it at once.
    pub fn kept(text: &str, base: &str) -> Option<Self> {
        let mut lines = text.lines();
        if lines.next() != Some(base) || base.is_empty() {
            return None;
        }
        let cursor = lines.next()?.to_string();
        let changes: Vec<String> = lines.map(str::to_string).collect();
        Some(Self {
            base: base.to_string(),
            cursor,
            shown: changes.len(),
            changes,
        })
    }

    /// The text [`Journal::kept`] reads back.
    pub fn to_text(&self) -> String {
        let mut text = format!("{}\n{}", self.base, self.cursor);
        for change in &self.changes {
            text.push('\n');
            text.push_str(change);
        }
        text
    }

    /// Notes changes heard up to `cursor` (a line break in one would split the kept text,
    /// so such a change, which the market never sends, is not kept).
    pub fn hear(&mut self, cursor: &str, packed: impl IntoIterator<Item = String>) {
        self.cursor = cursor.to_string();
        self.changes
            .extend(packed.into_iter().filter(|c| !c.contains('\n')));
    }

    /// Every change heard, in order (a kept line that no longer reads is passed over).
    pub fn all(&self) -> impl Iterator<Item = FeedChange> + '_ {
        read(&self.changes)
    }

    /// The changes not shown yet, in order; marks them shown.
    pub fn take_waiting(&mut self) -> impl Iterator<Item = FeedChange> + '_ {
        let from = self.shown;
        self.shown = self.changes.len();
        read(&self.changes[from..])
    }

    /// What waits to be shown: `holds` says whether the list holds a gig.
    pub fn waiting(&self, holds: impl Fn(&str) -> bool) -> Waiting {
        let mut new: Vec<String> = Vec::new();
        let mut gone: Vec<String> = Vec::new();
        for change in read(&self.changes[self.shown..]) {
            let id = change.id().to_string();
            new.retain(|n| *n != id);
            gone.retain(|g| *g != id);
            let upsert = matches!(change, FeedChange::Upsert { .. });
            match (upsert, holds(&id)) {
                (true, false) => new.push(id),
                (false, true) => gone.push(id),
                _ => {}
            }
        }
        Waiting {
            new: new.len(),
            gone,
        }
    }
}

fn read(changes: &[String]) -> impl Iterator<Item = FeedChange> + '_ {
    changes
        .iter()
        .filter_map(|c| FeedChange::from_packed(c).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use linggong_core::parse_posting;

    fn upsert(id: &str) -> String {
        let json = format!(r#"{{"id": "{id}", "location": {{"lat": 32.0, "lng": 118.8}}}}"#);
        FeedChange::Upsert {
            posting: Box::new(parse_posting(&json).unwrap()),
        }
        .to_packed()
    }

    #[test]
    fn a_kept_journal_reads_back_only_for_its_snapshot() {
        let mut j = Journal::new("7");
        j.hear("8", [upsert("a")]);
        j.hear("9", ["r:filled:b".to_string()]);
        let text = j.to_text();
        let back = Journal::kept(&text, "7").unwrap();
        assert_eq!((back.cursor.as_str(), back.all().count()), ("9", 2));
        assert_eq!(back.waiting(|_| false), Waiting::default(), "all shown");
        assert!(
            Journal::kept(&text, "9").is_none(),
            "a newer snapshot holds it"
        );
        assert!(Journal::kept("", "").is_none());
    }

    #[test]
    fn waiting_counts_new_gigs_once_and_names_the_listed_ones_that_went() {
        let mut j = Journal::new("1");
        for (cursor, change) in [
            ("2", upsert("a")),
            ("3", upsert("a")),
            ("4", upsert("listed")),
            ("5", "r:withdrawn:old".to_string()),
            ("6", upsert("b")),
            ("7", "r:filled:b".to_string()),
        ] {
            j.hear(cursor, [change]);
        }
        let holds = |id: &str| id == "listed" || id == "old";
        let waiting = j.waiting(holds);
        assert_eq!(waiting.new, 1, "a, twice; listed is held; b came and went");
        assert_eq!(waiting.gone, ["old"]);
        assert_eq!(j.take_waiting().count(), 6);
        assert_eq!(j.waiting(holds), Waiting::default());
        assert_eq!(j.cursor, "7");
    }

    #[test]
    fn a_change_with_a_line_break_is_not_kept() {
        let mut j = Journal::new("1");
        j.hear("2", ["r:filled:a\nb".to_string()]);
        assert_eq!((j.all().count(), j.cursor.as_str()), (0, "2"));
    }
}
