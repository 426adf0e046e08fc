use std::collections::HashMap;

use super::tree::GigTree;

use super::leaf::{GigLeaf, NO_TRADE, chord_2};
use super::summary::Summary;
use super::walk::best_first;
use super::{NearbyGig, NearbyQuery};
use crate::geo::{arc_m_from_chord, unit_vector};
use crate::{Error, GeoPoint, Posting, Taxonomy, Trade, hourly_pay_cny};

#[derive(Debug, Clone)]
struct Stored {
    posting: Posting,
    position: GeoPoint,
    leaf: GigLeaf,
}

/// A live, searchable set of gigs: an R-tree over their positions on the sphere.
///
/// Built in bulk or grown one posting at a time; postings are inserted, replaced and removed
/// in place, so a live feed never forces a rebuild. Positions are stored in WGS-84 (GCJ-02
/// postings are converted on the way in); each posting's trade is normalised once, on the
/// way in, with the built-in [`Taxonomy`].
///
/// ```
/// use linggong_core::{GigFilter, GigIndex, NearbyQuery, parse_posting};
/// let gigs = [
///     r#"{"id": "near", "trade": "保洁", "location": {"lat": 32.06, "lng": 118.79}}"#,
///     r#"{"id": "far", "trade": "保洁", "location": {"lat": 32.20, "lng": 118.79}}"#,
///     r#"{"id": "other", "trade": "电焊工", "location": {"lat": 32.061, "lng": 118.79}}"#,
/// ];
/// let mut index = GigIndex::from_postings(gigs.iter().map(|g| parse_posting(g).unwrap())).unwrap();
/// let q = NearbyQuery::new(32.0605, 118.79).with_filter(GigFilter::new().with_trades(["cleaner"]));
/// let ids: Vec<_> = index.nearby(&q).unwrap().iter().map(|g| g.id().to_string()).collect();
/// assert_eq!(ids, ["near", "far"]);
/// index.remove("near");
/// assert_eq!(index.nearby(&q.with_k(1)).unwrap()[0].id(), "far");
/// ```
#[derive(Debug, Clone, Default)]
pub struct GigIndex {
    tree: GigTree,
    slots: Vec<Option<Stored>>,
    free: Vec<u32>,
    by_id: HashMap<String, u32>,
    /// Trade text → taxonomy index, so each distinct spelling is normalised once.
    /// Kept as `u32` though a trade fits `u16`: the map is then of the same type as `by_id`,
    /// and a WebAssembly build carries the map's code once (each map type costs ~1 KB gzip).
    trade_cache: HashMap<String, u32>,
}

fn taxonomy() -> &'static Taxonomy {
    Taxonomy::builtin()
}

impl GigIndex {
    /// An empty index.
    ///
    /// ```
    /// assert!(linggong_core::GigIndex::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds an index in one bulk load (faster than inserting one by one). Every posting
    /// needs coordinates in range and a distinct id, or nothing is built and the error says
    /// which posting is wrong.
    ///
    /// ```
    /// use linggong_core::{GigIndex, parse_posting};
    /// let ok = parse_posting(r#"{"id": "a", "location": {"lat": 1.0, "lng": 2.0}}"#).unwrap();
    /// let no_position = parse_posting(r#"{"id": "b", "location": {"address": "某路1号"}}"#).unwrap();
    /// assert_eq!(GigIndex::from_postings([ok.clone()]).unwrap().len(), 1);
    /// let err = GigIndex::from_postings([ok, no_position]).unwrap_err();
    /// assert!(err.to_string().contains("`b`"));
    /// ```
    pub fn from_postings<I: IntoIterator<Item = Posting>>(postings: I) -> Result<Self, Error> {
        let mut index = Self::new();
        let mut leaves = Vec::new();
        for posting in postings {
            if index.by_id.contains_key(&posting.id) {
                return Err(Error::invalid(
                    "id",
                    format!("duplicate posting id `{}`", posting.id),
                ));
            }
            let slot = index.slots.len() as u32;
            let stored = index.prepare(posting, slot)?;
            leaves.push(stored.leaf.clone());
            index.by_id.insert(stored.posting.id.clone(), slot);
            index.slots.push(Some(stored));
        }
        index.tree = GigTree::bulk_load_with_params(leaves);
        Ok(index)
    }

    fn prepare(&mut self, posting: Posting, slot: u32) -> Result<Stored, Error> {
        let location = posting.location.as_ref();
        let (Some(lat), Some(lng)) = (location.and_then(|l| l.lat), location.and_then(|l| l.lng))
        else {
            return Err(Error::invalid(
                "location",
                format!("posting `{}` has no coordinates", posting.id),
            ));
        };
        let crs = location.map(|l| l.crs).unwrap_or_default();
        let position = GeoPoint::from_crs(lat, lng, crs)
            .map_err(|e| Error::invalid("location", format!("posting `{}`: {e}", posting.id)))?;
        let trade = match posting.trade.as_deref() {
            None => NO_TRADE,
            Some(text) => match self.trade_cache.get(text) {
                Some(&t) => t as u16,
                None => {
                    let t = taxonomy()
                        .normalize(text)
                        .trade
                        .and_then(|t| taxonomy().index_of(&t.id))
                        .map_or(NO_TRADE, |i| i as u16);
                    self.trade_cache.insert(text.to_string(), u32::from(t));
                    t
                }
            },
        };
        let mut summary = Summary::EMPTY;
        if trade != NO_TRADE {
            let (word, bit) = Summary::trade_bit(trade);
            summary.trades[word] |= bit;
        }
        if let Some(pay) = &posting.pay {
            summary.units = pay.unit.map_or(0, Summary::unit_bit);
            summary.settlements = pay.settlement.map_or(0, Summary::settlement_bit);
        }
        summary.max_hourly = hourly_pay_cny(&posting).unwrap_or(f64::NEG_INFINITY);
        let schedule = posting.schedule.as_ref();
        let (start, end) = (schedule.and_then(|s| s.start), schedule.and_then(|s| s.end));
        if let Some((s, e)) = start
            .zip(end)
            .or(start.map(|s| (s, s)))
            .or(end.map(|e| (e, e)))
        {
            summary.min_start = s.unix_s().min(e.unix_s());
            summary.max_end = e.unix_s().max(s.unix_s());
        }
        let leaf = GigLeaf {
            xyz: unit_vector(position),
            slot,
            trade,
            summary,
        };
        Ok(Stored {
            posting,
            position,
            leaf,
        })
    }

    /// Adds a posting, or replaces the one with the same id in place; returns the replaced
    /// posting. The posting needs coordinates in range.
    ///
    /// ```
    /// use linggong_core::{GigIndex, NearbyQuery, parse_posting};
    /// let mut index = GigIndex::new();
    /// let a = parse_posting(r#"{"id": "a", "location": {"lat": 10.0, "lng": 10.0}}"#).unwrap();
    /// assert!(index.insert(a).unwrap().is_none());
    /// let moved = parse_posting(r#"{"id": "a", "location": {"lat": 20.0, "lng": 20.0}}"#).unwrap();
    /// assert!(index.insert(moved).unwrap().is_some());
    /// assert_eq!(index.len(), 1);
    /// assert!(index.nearby(&NearbyQuery::new(20.0, 20.0)).unwrap()[0].distance_m < 1.0);
    /// ```
    pub fn insert(&mut self, posting: Posting) -> Result<Option<Posting>, Error> {
        // Prepare first: a posting that cannot be placed leaves the index untouched.
        let mut stored = self.prepare(posting, 0)?;
        let replaced = self.remove(&stored.posting.id);
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as u32
            }
        };
        stored.leaf.slot = slot;
        self.tree.insert(stored.leaf.clone());
        self.by_id.insert(stored.posting.id.clone(), slot);
        self.slots[slot as usize] = Some(stored);
        Ok(replaced)
    }

    /// Removes the posting with this id and returns it.
    ///
    /// ```
    /// use linggong_core::{GigIndex, parse_posting};
    /// let mut index = GigIndex::from_postings([parse_posting(r#"{"id": "a", "location": {"lat": 1.0, "lng": 1.0}}"#).unwrap()]).unwrap();
    /// assert_eq!(index.remove("a").map(|p| p.id), Some("a".to_string()));
    /// assert!(index.remove("a").is_none() && index.is_empty());
    /// ```
    pub fn remove(&mut self, id: &str) -> Option<Posting> {
        let slot = self.by_id.remove(id)?;
        let stored = self.slots.get_mut(slot as usize)?.take()?;
        self.tree.remove(&stored.leaf);
        self.free.push(slot);
        Some(stored.posting)
    }

    /// The posting with this id.
    ///
    /// ```
    /// use linggong_core::{GigIndex, parse_posting};
    /// let index = GigIndex::from_postings([parse_posting(r#"{"id": "a", "location": {"lat": 1.0, "lng": 1.0}}"#).unwrap()]).unwrap();
    /// assert!(index.get("a").is_some() && index.get("b").is_none());
    /// ```
    pub fn get(&self, id: &str) -> Option<&Posting> {
        self.stored(id).map(|s| &s.posting)
    }

    fn stored(&self, id: &str) -> Option<&Stored> {
        let slot = *self.by_id.get(id)?;
        self.slots.get(slot as usize)?.as_ref()
    }

    /// The WGS-84 position the index holds for this posting.
    ///
    /// ```
    /// use linggong_core::{GigIndex, parse_posting};
    /// let p = parse_posting(r#"{"id": "a", "location": {"lat": 32.058, "lng": 118.802, "crs": "gcj02"}}"#).unwrap();
    /// let index = GigIndex::from_postings([p]).unwrap();
    /// let w = index.position("a").unwrap();
    /// assert!((w.lng - 118.7966).abs() < 0.001); // converted from GCJ-02
    /// ```
    pub fn position(&self, id: &str) -> Option<GeoPoint> {
        self.stored(id).map(|s| s.position)
    }

    /// The trade the index recognised in this posting's `trade` text.
    ///
    /// ```
    /// use linggong_core::{GigIndex, parse_posting};
    /// let p = parse_posting(r#"{"id": "a", "trade": "水电维修", "location": {"lat": 1.0, "lng": 1.0}}"#).unwrap();
    /// let index = GigIndex::from_postings([p]).unwrap();
    /// assert_eq!(index.trade("a").map(|t| t.id.as_str()), Some("plumber_electrician"));
    /// ```
    pub fn trade(&self, id: &str) -> Option<&'static Trade> {
        let t = self.stored(id)?.leaf.trade;
        (t != NO_TRADE).then(|| &taxonomy().trades()[usize::from(t)])
    }

    /// How many postings the index holds.
    ///
    /// ```
    /// assert_eq!(linggong_core::GigIndex::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether the index holds no posting.
    ///
    /// ```
    /// assert!(linggong_core::GigIndex::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Every posting, in no particular order.
    ///
    /// ```
    /// use linggong_core::{GigIndex, parse_posting};
    /// let index = GigIndex::from_postings([parse_posting(r#"{"id": "a", "location": {"lat": 1.0, "lng": 1.0}}"#).unwrap()]).unwrap();
    /// assert_eq!(index.postings().count(), 1);
    /// ```
    pub fn postings(&self) -> impl Iterator<Item = &Posting> {
        self.slots.iter().flatten().map(|s| &s.posting)
    }

    fn centre_and_filter(
        &self,
        q: &NearbyQuery,
    ) -> Result<([f64; 3], super::filter::CompiledFilter, f64), Error> {
        let centre = GeoPoint::from_crs(q.lat, q.lng, q.crs)?;
        let filter = q.filter.compile(taxonomy())?;
        let max_chord_2 = match q.radius_m {
            None => f64::INFINITY,
            Some(r) if r.is_finite() && r >= 0.0 => crate::geo::chord_from_arc_m(r).powi(2),
            Some(r) => {
                return Err(Error::invalid(
                    "radius",
                    format!("radius {r} m is not a distance"),
                ));
            }
        };
        Ok((unit_vector(centre), filter, max_chord_2))
    }

    fn found(&self, leaf: &GigLeaf, chord_2: f64) -> Option<NearbyGig<'_>> {
        let stored = self.slots.get(leaf.slot as usize)?.as_ref()?;
        Some(NearbyGig {
            posting: &stored.posting,
            distance_m: arc_m_from_chord(chord_2.sqrt()),
        })
    }

    /// The gigs the query asks for, nearest first, by a best-first walk of the R-tree that
    /// skips subtrees the filter rules out. Exact great-circle distances.
    ///
    /// ```
    /// use linggong_core::{GigIndex, NearbyQuery, parse_posting};
    /// let index = GigIndex::from_postings((0..10).map(|i| parse_posting(&format!(
    ///     r#"{{"id": "g{i}", "location": {{"lat": 0.0, "lng": {}}}}}"#, 179.5 + i as f64 * 0.1 - if i > 4 { 360.0 } else { 0.0 }
    /// )).unwrap())).unwrap();
    /// // Near the antimeridian: gigs on both sides, nearest first.
    /// let found = index.nearby(&NearbyQuery::new(0.0, 179.98).with_k(2)).unwrap();
    /// let ids: Vec<_> = found.iter().map(|g| g.id()).collect();
    /// assert!(ids.contains(&"g5") && ids.contains(&"g4"));
    /// assert!(index.nearby(&NearbyQuery::new(95.0, 0.0)).is_err());
    /// ```
    pub fn nearby(&self, query: &NearbyQuery) -> Result<Vec<NearbyGig<'_>>, Error> {
        let (centre, filter, max_chord_2) = self.centre_and_filter(query)?;
        Ok(
            best_first(&self.tree, centre, &filter, max_chord_2, query.limit())
                .into_iter()
                .filter_map(|(leaf, d2)| self.found(leaf, d2))
                .collect(),
        )
    }

    /// The same search as [`GigIndex::nearby`], answering with each gig's **slot** (its
    /// position in the `from_postings` input, or the slot `insert` gave it; a removed gig's
    /// slot may be reused) and distance in metres. For bindings that hand results across a
    /// boundary as numbers; [`GigIndex::id_at`] turns a slot back into an id.
    ///
    /// ```
    /// use linggong_core::{GigIndex, NearbyQuery, parse_posting};
    /// let index = GigIndex::from_postings(["a", "b"].iter().enumerate().map(|(i, id)| parse_posting(&format!(
    ///     r#"{{"id": "{id}", "location": {{"lat": {i}.0, "lng": 0.0}}}}"#)).unwrap())).unwrap();
    /// let found = index.nearby_slots(&NearbyQuery::new(1.0, 0.0).with_k(1)).unwrap();
    /// assert_eq!(found[0].0, 1);
    /// assert_eq!(index.id_at(found[0].0), Some("b"));
    /// ```
    pub fn nearby_slots(&self, query: &NearbyQuery) -> Result<Vec<(usize, f64)>, Error> {
        let (centre, filter, max_chord_2) = self.centre_and_filter(query)?;
        Ok(
            best_first(&self.tree, centre, &filter, max_chord_2, query.limit())
                .into_iter()
                .map(|(leaf, d2)| (leaf.slot as usize, arc_m_from_chord(d2.sqrt())))
                .collect(),
        )
    }

    /// The id of the posting in this slot (see [`GigIndex::nearby_slots`]).
    ///
    /// ```
    /// assert_eq!(linggong_core::GigIndex::new().id_at(0), None);
    /// ```
    pub fn id_at(&self, slot: usize) -> Option<&str> {
        self.slots
            .get(slot)?
            .as_ref()
            .map(|s| s.posting.id.as_str())
    }

    /// The same answers as [`GigIndex::nearby`] by checking every gig: the oracle of the
    /// tests and the brute-force baseline of the benchmarks.
    ///
    /// ```
    /// use linggong_core::{GigIndex, NearbyQuery, parse_posting};
    /// let index = GigIndex::from_postings([parse_posting(r#"{"id": "a", "location": {"lat": 1.0, "lng": 1.0}}"#).unwrap()]).unwrap();
    /// let q = NearbyQuery::new(1.0, 1.1);
    /// assert_eq!(index.nearby_exhaustive(&q).unwrap(), index.nearby(&q).unwrap());
    /// ```
    pub fn nearby_exhaustive(&self, query: &NearbyQuery) -> Result<Vec<NearbyGig<'_>>, Error> {
        let (centre, filter, max_chord_2) = self.centre_and_filter(query)?;
        let mut hits: Vec<(&GigLeaf, f64)> = self
            .slots
            .iter()
            .flatten()
            .map(|s| (&s.leaf, chord_2(&s.leaf.xyz, &centre)))
            .filter(|(leaf, d2)| *d2 <= max_chord_2 && filter.matches(leaf))
            .collect();
        let nearer = |a: &(&GigLeaf, f64), b: &(&GigLeaf, f64)| {
            a.1.total_cmp(&b.1).then(a.0.slot.cmp(&b.0.slot))
        };
        let limit = query.limit();
        if limit < hits.len() {
            hits.select_nth_unstable_by(limit, nearer);
            hits.truncate(limit);
        }
        hits.sort_by(nearer);
        Ok(hits
            .into_iter()
            .filter_map(|(leaf, d2)| self.found(leaf, d2))
            .collect())
    }

    /// The same answers by rstar's own nearest-neighbour iterator with the filter applied
    /// after the search: the baseline the benchmarks compare the in-walk filter against.
    ///
    /// ```
    /// use linggong_core::{GigIndex, NearbyQuery, parse_posting};
    /// let index = GigIndex::from_postings([parse_posting(r#"{"id": "a", "location": {"lat": 1.0, "lng": 1.0}}"#).unwrap()]).unwrap();
    /// let q = NearbyQuery::new(1.0, 1.1);
    /// assert_eq!(index.nearby_post_filtered(&q).unwrap(), index.nearby(&q).unwrap());
    /// ```
    pub fn nearby_post_filtered(&self, query: &NearbyQuery) -> Result<Vec<NearbyGig<'_>>, Error> {
        let (centre, filter, max_chord_2) = self.centre_and_filter(query)?;
        Ok(self
            .tree
            .nearest_neighbor_iter_with_distance_2(centre)
            .take_while(|(_, d2)| *d2 <= max_chord_2)
            .filter(|(leaf, _)| filter.matches(leaf))
            .take(query.limit())
            .filter_map(|(leaf, d2)| self.found(leaf, d2))
            .collect())
    }
}
