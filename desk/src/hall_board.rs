//! What the hall screen (信息发布大屏) shows: the published gigs within reach of the market,
//! those published in the last ten minutes first (marked 新), then urgent ones (starting
//! within a day), then the newest, kept current by the live feed. No browser here, so the
//! order and the bookkeeping are tested natively.

use linggong_core::{FeedChange, GeoPoint, GigIndex, Posting, TileKey, Timestamp, distance_m};

/// A gig starting within this many seconds of now is urgent (急).
pub const URGENT_S: i64 = 24 * 3600;
/// Gigs on one screen; the screen cycles through pages of them.
pub const PER_PAGE: usize = 6;
/// Pages at most: the newest 30 gigs.
pub const MAX_PAGES: usize = 5;
/// A gig heard from the live feed stays marked 新, at the top, this many seconds.
pub const FRESH_S: i64 = 600;

/// The gigs within reach, and which came while the screen was on.
#[derive(Debug, Default)]
pub struct Board {
    index: GigIndex,
    /// The market's position and reach; `None`: every gig of the snapshot.
    reach: Option<(GeoPoint, f64)>,
    /// Gigs published while the screen was on, with when they were heard (unix s), newest
    /// last.
    fresh: Vec<(String, i64)>,
}

fn position(p: &Posting) -> Option<GeoPoint> {
    let l = p.location.as_ref()?;
    GeoPoint::from_crs(l.lat?, l.lng?, l.crs).ok()
}

fn start(p: &Posting) -> Option<Timestamp> {
    p.schedule.as_ref()?.start
}

impl Board {
    /// A board of the gigs within `radius_km` of `centre`, or of all gigs.
    pub fn new(reach: Option<(GeoPoint, f64)>) -> Self {
        Self {
            reach: reach.map(|(centre, km)| (centre, km * 1000.0)),
            ..Self::default()
        }
    }

    fn within_reach(&self, p: &Posting) -> bool {
        match (self.reach, position(p)) {
            (None, _) => true,
            (Some((centre, metres)), Some(at)) => distance_m(centre, at) <= metres,
            (Some(_), None) => false,
        }
    }

    /// The snapshot tiles within reach, whose changes the screen follows; `None`: all.
    pub fn tiles(&self) -> Option<Vec<TileKey>> {
        self.reach
            .map(|(centre, metres)| TileKey::near(centre, metres / 1000.0))
    }

    /// Adds the snapshot's gigs within reach.
    pub fn load(&mut self, postings: impl IntoIterator<Item = Posting>) {
        for p in postings {
            if self.within_reach(&p) {
                let _ = self.index.insert(p);
            }
        }
    }

    /// Applies a change of the live feed heard at `now`; whether the board changed. A gig
    /// beyond reach is left out (or taken out, if it moved away).
    pub fn apply(&mut self, change: FeedChange, now: Timestamp) -> bool {
        let id = change.id().to_string();
        let beyond =
            matches!(&change, FeedChange::Upsert { posting } if !self.within_reach(posting));
        let was = self.index.get(&id).is_some();
        if beyond {
            self.index.remove(&id);
        } else if let Ok(linggong_core::Applied::Added) = change.apply_to(&mut self.index) {
            self.fresh.retain(|(f, _)| *f != id);
            self.fresh.push((id.clone(), now.unix_s()));
        }
        was || self.index.get(&id).is_some()
    }

    /// How many gigs came while the screen was on.
    pub fn fresh_count(&self) -> usize {
        self.fresh.len()
    }

    /// When the gig was heard from the live feed, if within [`FRESH_S`] of `now`.
    fn heard(&self, id: &str, now: Timestamp) -> Option<i64> {
        self.fresh
            .iter()
            .rev()
            .find(|(f, at)| f == id && now.unix_s() - at <= FRESH_S)
            .map(|(_, at)| *at)
    }

    /// Whether the gig came from the live feed in the last [`FRESH_S`] seconds.
    pub fn is_fresh(&self, id: &str, now: Timestamp) -> bool {
        self.heard(id, now).is_some()
    }

    /// Whether the gig starts within a day of `now` (and has not started an hour ago).
    pub fn is_urgent(p: &Posting, now: Timestamp) -> bool {
        start(p).is_some_and(|s| (-3600..=URGENT_S).contains(&(s.unix_s() - now.unix_s())))
    }

    /// How many gigs are within reach.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The gigs to show, at most [`MAX_PAGES`] pages: those just heard, newest first; then
    /// urgent ones by start; then the others newest first.
    pub fn ranked(&self, now: Timestamp) -> Vec<&Posting> {
        let mut gigs: Vec<&Posting> = self.index.postings().collect();
        let key = |p: &Posting| {
            let heard = self.heard(&p.id, now);
            let urgent = Self::is_urgent(p, now);
            let when = match (heard, urgent) {
                (Some(at), _) => -at,
                (None, true) => start(p).map_or(0, |s| s.unix_s()),
                (None, false) => -p.posted_at.map_or(i64::MIN + 1, |t| t.unix_s()),
            };
            (heard.is_none(), !urgent, when, p.id.clone())
        };
        gigs.sort_by_cached_key(|p| key(p));
        gigs.truncate(PER_PAGE * MAX_PAGES);
        gigs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linggong_core::parse_posting;

    const NOW: &str = "2026-11-23T09:00:00+08:00";

    fn gig(id: &str, lat: f64, posted: &str, start: Option<&str>) -> Posting {
        let schedule = start.map_or(String::new(), |s| {
            format!(r#", "schedule": {{"start": "{s}"}}"#)
        });
        parse_posting(&format!(
            r#"{{"id": "{id}", "location": {{"lat": {lat}, "lng": 118.79}}, "posted_at": "{posted}"{schedule}}}"#
        ))
        .unwrap()
    }

    fn ids(board: &Board) -> Vec<String> {
        board
            .ranked(NOW.parse().unwrap())
            .iter()
            .map(|p| p.id.clone())
            .collect()
    }

    #[test]
    fn urgent_gigs_come_first_by_start_then_the_newest() {
        let mut board = Board::new(None);
        board.load([
            gig("old", 32.0, "2026-11-20T08:00:00+08:00", None),
            gig("new", 32.0, "2026-11-23T08:00:00+08:00", None),
            gig(
                "tomorrow",
                32.0,
                "2026-11-19T08:00:00+08:00",
                Some("2026-11-24T07:00:00+08:00"),
            ),
            gig(
                "soon",
                32.0,
                "2026-11-19T08:00:00+08:00",
                Some("2026-11-23T10:00:00+08:00"),
            ),
            gig(
                "next-week",
                32.0,
                "2026-11-22T08:00:00+08:00",
                Some("2026-11-30T07:00:00+08:00"),
            ),
        ]);
        assert_eq!(ids(&board), ["soon", "tomorrow", "new", "next-week", "old"]);
    }

    #[test]
    fn only_gigs_within_reach_are_shown_and_the_feed_keeps_them_current() {
        let centre = GeoPoint::new(32.0, 118.79).unwrap();
        let mut board = Board::new(Some((centre, 10.0)));
        board.load([
            gig("near", 32.01, "2026-11-23T08:00:00+08:00", None),
            gig("far", 33.0, "2026-11-23T08:00:00+08:00", None),
        ]);
        assert_eq!(ids(&board), ["near"]);
        let tiles: Vec<String> = board
            .tiles()
            .unwrap()
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert_eq!(
            tiles,
            ["t60_149", "t61_149"],
            "the market's square and the one 0 km south"
        );
        let up = |p| FeedChange::Upsert {
            posting: Box::new(p),
        };
        let now: Timestamp = NOW.parse().unwrap();
        assert!(board.apply(
            up(gig("live", 32.02, "2026-11-20T08:30:00+08:00", None)),
            now
        ));
        assert!(!board.apply(
            up(gig("far-live", 33.5, "2026-11-23T08:30:00+08:00", None)),
            now
        ));
        assert_eq!(
            ids(&board),
            ["live", "near"],
            "just heard, though posted earlier"
        );
        assert!(board.is_fresh("live", now) && !board.is_fresh("near", now));
        let later = Timestamp::from_unix_s(now.unix_s() + FRESH_S + 1, 480);
        assert!(!board.is_fresh("live", later), "marked for ten minutes");
        let order: Vec<&str> = board.ranked(later).iter().map(|p| p.id.as_str()).collect();
        assert_eq!(order, ["near", "live"], "then by when it was posted");
        // A gig that moved away is taken out; a removal takes one out.
        assert!(board.apply(
            up(gig("near", 33.2, "2026-11-23T08:00:00+08:00", None)),
            now
        ));
        let gone = FeedChange::Remove {
            id: "live".into(),
            reason: "filled".into(),
        };
        assert!(board.apply(gone, now));
        assert!(board.is_empty());
    }

    #[test]
    fn at_most_five_pages_are_kept() {
        let mut board = Board::new(None);
        board.load(
            (0..40).map(|i| gig(&format!("g{i:02}"), 32.0, "2026-11-23T08:00:00+08:00", None)),
        );
        assert_eq!(board.len(), 40);
        assert_eq!(ids(&board).len(), PER_PAGE * MAX_PAGES);
    }
}
