mod term;
mod terms;

pub use term::{Explanation, MatchTerm, PRIORITY_CAP_POINTS, PRIORITY_POINTS_PER_GROUP, TermKind};

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::{
    Error, GeoPoint, GigIndex, NearbyQuery, Posting, SeekerProfile, Timestamp, distance_m,
    normalize_trade,
};
use terms::SeekerView;

/// The most gigs within reach a search scores before ranking.
pub const MAX_MATCH_CANDIDATES: usize = 2_000;

/// A gig ranked for a seeker.
#[derive(Debug, Clone, PartialEq)]
pub struct GigMatch<'a> {
    /// The gig.
    pub posting: &'a Posting,
    /// Metres from the seeker.
    pub distance_m: f64,
    /// The score (0 … 100) and its reasons.
    pub explanation: Explanation,
}

/// A seeker ranked for a gig (for employers and market staff).
#[derive(Debug, Clone, PartialEq)]
pub struct SeekerMatch<'a> {
    /// The seeker.
    pub seeker: &'a SeekerProfile,
    /// Metres from the gig.
    pub distance_m: f64,
    /// The score (0 … 100, plus at most [`PRIORITY_CAP_POINTS`] of priority help) and its reasons.
    pub explanation: Explanation,
}

/// The WGS-84 point of a location, or an error saying whose position is missing.
fn position_of(location: Option<&crate::Location>, whose: &str) -> Result<GeoPoint, Error> {
    match location.map(|l| (l.lat, l.lng, l.crs)) {
        Some((Some(lat), Some(lng), crs)) => GeoPoint::from_crs(lat, lng, crs),
        _ => Err(Error::invalid(
            "location",
            format!("{whose} has no position"),
        )),
    }
}

fn seeker_position(seeker: &SeekerProfile) -> Result<GeoPoint, Error> {
    position_of(seeker.location.as_ref(), &format!("seeker `{}`", seeker.id))
}

fn by_score_then_distance(a: (f64, f64, &str), b: (f64, f64, &str)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0)
        .then(a.1.total_cmp(&b.1))
        .then(a.2.cmp(b.2))
}

/// The gigs that fit a seeker best: gigs within the seeker's travel distance that are still
/// open at `now`, ranked by trade (35 points), distance (20), schedule (15), pay (15),
/// skills (10) and freshness (5), each with a reason in plain Chinese.
///
/// ```
/// use linggong_core::{GigIndex, gigs_for_seeker, parse_posting, parse_seeker};
/// let index = GigIndex::from_postings([
///     parse_posting(r#"{"id": "weld", "trade": "电焊工", "location": {"lat": 32.06, "lng": 118.79}}"#).unwrap(),
///     parse_posting(r#"{"id": "elec", "trade": "电工", "location": {"lat": 32.07, "lng": 118.79}}"#).unwrap(),
/// ]).unwrap();
/// let seeker = parse_seeker(r#"{"id": "s", "trades": ["电工"], "location": {"lat": 32.06, "lng": 118.79}}"#).unwrap();
/// let now = "2026-11-23T09:00:00+08:00".parse().unwrap();
/// let ranked = gigs_for_seeker(&index, &seeker, now, 10).unwrap();
/// assert_eq!(ranked[0].posting.id, "elec");
/// assert!(ranked[0].explanation.summary_zh().contains("工种对口：电工"));
/// ```
pub fn gigs_for_seeker<'a>(
    index: &'a GigIndex,
    seeker: &SeekerProfile,
    now: Timestamp,
    k: usize,
) -> Result<Vec<GigMatch<'a>>, Error> {
    let centre = seeker_position(seeker)?;
    let max_m = seeker.max_distance_m();
    let mut query = NearbyQuery::new(centre.lat, centre.lng).with_k(MAX_MATCH_CANDIDATES);
    query.radius_m = Some(max_m);
    let view = SeekerView::new(seeker);
    let mut ranked: Vec<GigMatch<'a>> = index
        .nearby(&query)?
        .into_iter()
        .filter(|g| terms::still_open(g.posting, now))
        .map(|g| {
            let explanation = Explanation::new(vec![
                terms::trade(&view, index.trade(g.id())),
                terms::distance(g.distance_m, max_m),
                terms::schedule(seeker, g.posting),
                terms::pay(&view, g.posting),
                terms::skills(&view, g.posting),
                terms::freshness(g.posting, now),
            ]);
            GigMatch {
                posting: g.posting,
                distance_m: g.distance_m,
                explanation,
            }
        })
        .collect();
    crate::sort::sort_by(&mut ranked, |a, b| {
        by_score_then_distance(
            (a.explanation.score, a.distance_m, &a.posting.id),
            (b.explanation.score, b.distance_m, &b.posting.id),
        )
    });
    ranked.truncate(k);
    Ok(ranked)
}

/// The seekers who fit a gig best, for employers and staff: seekers for whom the gig is
/// within their travel distance, ranked by the same terms as [`gigs_for_seeker`] plus
/// priority help (优先帮扶) for `elderly`, `disabled`, `low_income` and `long_unemployed`
/// seekers: [`PRIORITY_POINTS_PER_GROUP`] points per group, at most
/// [`PRIORITY_CAP_POINTS`], named in the explanation.
///
/// ```
/// use linggong_core::{parse_posting, parse_seeker, seekers_for_gig};
/// let gig = parse_posting(r#"{"id": "g", "trade": "保洁员", "location": {"lat": 32.06, "lng": 118.79}}"#).unwrap();
/// let seekers = [
///     parse_seeker(r#"{"id": "a", "trades": ["保洁"], "location": {"lat": 32.06, "lng": 118.79}}"#).unwrap(),
///     parse_seeker(r#"{"id": "b", "trades": ["保洁"], "location": {"lat": 32.06, "lng": 118.79}, "priority": ["elderly"]}"#).unwrap(),
/// ];
/// let now = "2026-11-23T09:00:00+08:00".parse().unwrap();
/// let ranked = seekers_for_gig(&gig, &seekers, now, 10).unwrap();
/// assert_eq!(ranked[0].seeker.id, "b");
/// assert!(ranked[0].explanation.summary_zh().contains("优先帮扶：大龄"));
/// assert_eq!(ranked[0].explanation.score - ranked[1].explanation.score, 5.0);
/// ```
pub fn seekers_for_gig<'a>(
    posting: &Posting,
    seekers: &'a [SeekerProfile],
    now: Timestamp,
    k: usize,
) -> Result<Vec<SeekerMatch<'a>>, Error> {
    let gig_position = position_of(
        posting.location.as_ref(),
        &format!("posting `{}`", posting.id),
    )?;
    let gig_trade = posting
        .trade
        .as_deref()
        .and_then(|t| normalize_trade(t).trade);
    let mut ranked: Vec<SeekerMatch<'a>> = seekers
        .iter()
        .filter_map(|seeker| {
            let d = distance_m(seeker_position(seeker).ok()?, gig_position);
            let max_m = seeker.max_distance_m();
            if d > max_m {
                return None;
            }
            let view = SeekerView::new(seeker);
            let mut list = vec![
                terms::trade(&view, gig_trade),
                terms::distance(d, max_m),
                terms::schedule(seeker, posting),
                terms::pay(&view, posting),
                terms::skills(&view, posting),
                terms::freshness(posting, now),
            ];
            list.extend(terms::priority(seeker));
            Some(SeekerMatch {
                seeker,
                distance_m: d,
                explanation: Explanation::new(list),
            })
        })
        .collect();
    crate::sort::sort_by(&mut ranked, |a, b| {
        by_score_then_distance(
            (a.explanation.score, a.distance_m, &a.seeker.id),
            (b.explanation.score, b.distance_m, &b.seeker.id),
        )
    });
    ranked.truncate(k);
    Ok(ranked)
}

fn serialize_match<S: Serializer>(
    serializer: S,
    id: &str,
    distance_m: f64,
    e: &Explanation,
) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct("Match", 5)?;
    s.serialize_field("id", id)?;
    s.serialize_field("score", &e.score)?;
    s.serialize_field("distance_m", &((distance_m * 10.0).round() / 10.0))?;
    s.serialize_field("summary", &e.summary_zh())?;
    s.serialize_field("explanation", &e.terms)?;
    s.end()
}

/// `{"id", "score", "distance_m", "summary", "explanation": [{"term", "value", "points", "note"}]}`.
impl Serialize for GigMatch<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_match(
            serializer,
            &self.posting.id,
            self.distance_m,
            &self.explanation,
        )
    }
}

/// The same shape as [`GigMatch`], with the seeker's id.
impl Serialize for SeekerMatch<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_match(
            serializer,
            &self.seeker.id,
            self.distance_m,
            &self.explanation,
        )
    }
}
