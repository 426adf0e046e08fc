//! The market's change feed, as clients read it: what changed in the published postings after
//! a snapshot was made. A client that loads a snapshot, then applies every change after the
//! snapshot's [`Manifest::feed_cursor`](crate::Manifest::feed_cursor) in order, holds what the
//! market publishes. Applying a change is idempotent (an upsert replaces by id, a removal of an
//! absent posting does nothing), so changes read again after a reconnect or a reload never
//! leave a posting twice.
//!
//! A change has two forms: its JSON ([`FeedChange::from_json`], what the API documents and
//! most clients read), and a packed text ([`FeedChange::to_packed`]) for the seeker's app,
//! which reads postings only in the snapshot's tile codec: a JSON reader of postings would
//! cost its download 15 KB (gzip) of a 350 KB budget, and the packed upsert is a third the
//! size on a weak network.

use serde::{Deserialize, Serialize};

use super::base64;
use super::wire::corrupt;
use crate::{Error, GigIndex, Posting, decode_tile, encode_tile};

/// One change of the feed: `{"op": "upsert", "posting": …}` or
/// `{"op": "remove", "id": …, "reason": …}`.
///
/// ```
/// use linggong_core::FeedChange;
/// let gone = FeedChange::from_json(r#"{"op": "remove", "id": "g1", "reason": "filled"}"#).unwrap();
/// assert_eq!(gone.id(), "g1");
/// assert!(FeedChange::from_json(r#"{"op": "rename", "id": "g1"}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum FeedChange {
    /// A posting published or changed: show it.
    Upsert {
        /// The posting as published.
        posting: Box<Posting>,
    },
    /// A posting no longer published: take it away.
    Remove {
        /// Its id.
        id: String,
        /// Why: `withdrawn`, `taken_down`, `filled` or `expired`.
        reason: String,
    },
}

/// A page of the feed, as `GET /api/v1/feed` answers when polled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedPage {
    /// Ask `after=cursor` next (opaque: only ever sent back).
    pub cursor: String,
    /// The changes, in commit order.
    pub changes: Vec<FeedChange>,
}

impl FeedPage {
    /// Reads a page, naming what is wrong with it.
    ///
    /// ```
    /// let page = linggong_core::FeedPage::from_json(r#"{"cursor": "3", "changes": []}"#).unwrap();
    /// assert_eq!(page.cursor, "3");
    /// ```
    pub fn from_json(json: &str) -> Result<Self, Error> {
        crate::posting::parse_json(json)
    }
}

/// What applying a change did to an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// A posting the index did not hold: new to the reader.
    Added,
    /// A posting it held, replaced by its newer version.
    Replaced,
    /// A posting taken out.
    Removed,
    /// Nothing: a removal of a posting the index does not hold (another area's, or already gone).
    Unchanged,
}

/// A change as read: every field the two kinds have, checked after. Read this way, not as
/// serde's tagged enum, a posting is read straight from the text (the tagged enum buffers the
/// whole change first: twice the code, and errors without the path inside the posting).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Read {
    op: String,
    #[serde(default)]
    posting: Option<Box<Posting>>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

impl Read {
    /// The change it is, or the field that is wrong and why.
    fn into_change(self) -> Result<FeedChange, (&'static str, String)> {
        match (self.op.as_str(), self.posting, self.id) {
            ("upsert", Some(posting), None) => Ok(FeedChange::Upsert { posting }),
            ("remove", None, Some(id)) => Ok(FeedChange::Remove {
                id,
                reason: self.reason.unwrap_or_default(),
            }),
            ("upsert", ..) => Err((
                "posting",
                "an upsert carries a `posting` and no `id`".into(),
            )),
            ("remove", ..) => Err(("id", "a removal carries an `id` and no `posting`".into())),
            (other, ..) => Err((
                "op",
                format!("unknown op `{other}`, expected `upsert` or `remove`"),
            )),
        }
    }
}

impl<'de> Deserialize<'de> for FeedChange {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Read::deserialize(d)?
            .into_change()
            .map_err(|(field, reason)| serde::de::Error::custom(format!("`{field}`: {reason}")))
    }
}

impl FeedChange {
    /// Reads one change (an event's data), naming what is wrong with it, down to the field
    /// inside its posting.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        crate::posting::parse_json::<Read>(json)?
            .into_change()
            .map_err(|(field, reason)| Error::invalid(field, reason))
    }

    /// The packed form: `u:` and the posting as a one-posting tile in base64, or
    /// `r:REASON:ID` (a reason never holds a colon; the id is the rest).
    ///
    /// ```
    /// use linggong_core::{FeedChange, parse_posting};
    /// let gone = FeedChange::Remove { id: "nj:1".into(), reason: "filled".into() };
    /// assert_eq!(gone.to_packed(), "r:filled:nj:1");
    /// let posting = parse_posting(r#"{"id": "g1", "title": "保洁"}"#).unwrap();
    /// let new = FeedChange::Upsert { posting: Box::new(posting) };
    /// assert!(new.to_packed().starts_with("u:"));
    /// assert_eq!(FeedChange::from_packed(&new.to_packed()).unwrap(), new);
    /// assert_eq!(FeedChange::from_packed("r:filled:nj:1").unwrap(), gone);
    /// ```
    pub fn to_packed(&self) -> String {
        match self {
            FeedChange::Upsert { posting } => {
                format!(
                    "u:{}",
                    base64::encode(&encode_tile(std::slice::from_ref(posting)))
                )
            }
            FeedChange::Remove { id, reason } => format!("r:{reason}:{id}"),
        }
    }

    /// Reads the packed form, naming what is wrong with it.
    ///
    /// ```
    /// use linggong_core::FeedChange;
    /// assert!(FeedChange::from_packed("x:1").unwrap_err().to_string().contains("packed change"));
    /// assert!(FeedChange::from_packed("u:Zm9v").is_err());
    /// ```
    pub fn from_packed(text: &str) -> Result<Self, Error> {
        if let Some(tile) = text.strip_prefix("u:") {
            let mut postings = decode_tile(&base64::decode(tile)?)?;
            return match (postings.pop(), postings.is_empty()) {
                (Some(posting), true) => Ok(FeedChange::Upsert {
                    posting: Box::new(posting),
                }),
                _ => Err(corrupt("a packed upsert holds one posting")),
            };
        }
        match text
            .strip_prefix("r:")
            .and_then(|rest| rest.split_once(':'))
        {
            Some((reason, id)) => Ok(FeedChange::Remove {
                id: id.to_string(),
                reason: reason.to_string(),
            }),
            None => Err(corrupt("a packed change starts `u:` or `r:REASON:`")),
        }
    }

    /// The posting it concerns.
    pub fn id(&self) -> &str {
        match self {
            FeedChange::Upsert { posting } => &posting.id,
            FeedChange::Remove { id, .. } => id,
        }
    }

    /// Applies it to `index`. An upsert of a posting that cannot be placed (no usable
    /// position) takes out any older version it replaces and is the error, so the index never
    /// keeps a version the market no longer publishes.
    ///
    /// ```
    /// use linggong_core::{Applied, FeedChange, GigIndex};
    /// let mut index = GigIndex::new();
    /// let new = r#"{"op": "upsert", "posting": {"id": "g1", "location": {"lat": 32.0, "lng": 118.8}}}"#;
    /// assert_eq!(FeedChange::from_json(new).unwrap().apply_to(&mut index).unwrap(), Applied::Added);
    /// assert_eq!(FeedChange::from_json(new).unwrap().apply_to(&mut index).unwrap(), Applied::Replaced);
    /// let gone = FeedChange::from_json(r#"{"op": "remove", "id": "g1", "reason": "filled"}"#).unwrap();
    /// assert_eq!(gone.clone().apply_to(&mut index).unwrap(), Applied::Removed);
    /// assert_eq!(gone.apply_to(&mut index).unwrap(), Applied::Unchanged);
    /// assert!(index.is_empty());
    /// ```
    pub fn apply_to(self, index: &mut GigIndex) -> Result<Applied, Error> {
        match self {
            FeedChange::Upsert { posting } => {
                let id = posting.id.clone();
                match index.insert(*posting) {
                    Ok(Some(_)) => Ok(Applied::Replaced),
                    Ok(None) => Ok(Applied::Added),
                    Err(e) => {
                        index.remove(&id);
                        Err(e)
                    }
                }
            }
            FeedChange::Remove { id, .. } => Ok(match index.remove(&id) {
                Some(_) => Applied::Removed,
                None => Applied::Unchanged,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_posting;

    fn upsert(id: &str, lat: f64) -> FeedChange {
        let json = format!(r#"{{"id": "{id}", "location": {{"lat": {lat}, "lng": 118.8}}}}"#);
        FeedChange::Upsert {
            posting: Box::new(parse_posting(&json).unwrap()),
        }
    }

    fn remove(id: &str) -> FeedChange {
        FeedChange::Remove {
            id: id.into(),
            reason: "withdrawn".into(),
        }
    }

    #[test]
    fn a_change_round_trips_through_its_json() {
        for change in [upsert("a", 32.0), remove("a")] {
            let json = serde_json::to_string(&change).unwrap();
            assert_eq!(FeedChange::from_json(&json).unwrap(), change, "{json}");
        }
    }

    #[test]
    fn replaying_a_feed_from_an_older_cursor_ends_in_the_same_index() {
        let feed = [
            upsert("a", 32.0),
            upsert("b", 32.1),
            remove("a"),
            upsert("b", 32.2),
            upsert("c", 32.3),
            remove("c"),
        ];
        for start in 0..feed.len() {
            // The index as a snapshot made after `start` changes would hold it, then the
            // whole feed replayed over it (a client that resumed from too early).
            let mut index = GigIndex::new();
            for change in feed.iter().take(start).chain(&feed) {
                change.clone().apply_to(&mut index).unwrap();
            }
            let ids: Vec<_> = index.postings().map(|p| p.id.clone()).collect();
            assert_eq!(ids, ["b"], "from {start}");
            let b = index.position("b").unwrap();
            assert!((b.lat - 32.2).abs() < 1e-9, "the newest version of b");
        }
    }

    #[test]
    fn an_unplaceable_upsert_takes_out_the_older_version() {
        let mut index = GigIndex::new();
        upsert("a", 32.0).apply_to(&mut index).unwrap();
        let nowhere = FeedChange::Upsert {
            posting: Box::new(parse_posting(r#"{"id": "a"}"#).unwrap()),
        };
        assert!(nowhere.apply_to(&mut index).is_err());
        assert!(index.is_empty());
    }

    #[test]
    fn the_packed_form_round_trips_and_a_tile_of_two_is_refused() {
        for change in [upsert("a", 32.0), remove("a:b c")] {
            assert_eq!(
                FeedChange::from_packed(&change.to_packed()).unwrap(),
                change
            );
        }
        let two = [upsert("a", 32.0), upsert("b", 32.0)].map(|c| match c {
            FeedChange::Upsert { posting } => *posting,
            FeedChange::Remove { .. } => unreachable!(),
        });
        let packed = format!("u:{}", base64::encode(&encode_tile(&two)));
        assert!(FeedChange::from_packed(&packed).is_err());
    }

    #[test]
    fn a_bad_change_is_named_down_to_the_field_inside_its_posting() {
        let typo = r#"{"op": "upsert", "posting": {"id": "g1", "pay": {"amout": 1}}}"#;
        let e = FeedChange::from_json(typo).unwrap_err().to_string();
        assert!(e.contains("posting.pay.amout"), "{e}");
        for (bad, says) in [
            (r#"{"op": "rename", "id": "g1"}"#, "unknown op `rename`"),
            (
                r#"{"op": "remove", "reason": "filled"}"#,
                "a removal carries an `id`",
            ),
            (
                r#"{"op": "upsert", "id": "g1"}"#,
                "an upsert carries a `posting`",
            ),
            (
                r#"{"op": "remove", "id": "g1", "why": "x"}"#,
                "unknown field `why`",
            ),
        ] {
            let e = FeedChange::from_json(bad).unwrap_err().to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn a_page_reads_with_its_cursor() {
        let page = FeedPage::from_json(
            r#"{"cursor": "7", "changes": [{"op": "remove", "id": "x", "reason": "expired"}]}"#,
        );
        assert_eq!(page.unwrap().cursor, "7");
    }
}
