use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::GigFilter;
use crate::{Crs, Posting};

/// How many gigs a query returns when it sets neither `k` nor a radius.
pub const DEFAULT_NEARBY_K: usize = 20;

/// A search for gigs near a point: the `k` nearest, or all within a radius, or the `k`
/// nearest within a radius; nearest first.
///
/// ```
/// use linggong_core::{Crs, GigFilter, NearbyQuery};
/// let q = NearbyQuery::new(32.06, 118.79).with_crs(Crs::Gcj02).with_k(10).with_radius_km(5.0)
///     .with_filter(GigFilter::new().with_trades(["cleaner"]));
/// assert_eq!((q.k, q.radius_m), (Some(10), Some(5_000.0)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NearbyQuery {
    /// Latitude of the centre, degrees in `crs`.
    pub lat: f64,
    /// Longitude of the centre, degrees in `crs`.
    pub lng: f64,
    /// Datum of `lat`/`lng`; GCJ-02 is converted to WGS-84 before searching.
    pub crs: Crs,
    /// At most this many gigs ([`DEFAULT_NEARBY_K`] when neither `k` nor `radius_m` is set).
    pub k: Option<usize>,
    /// Only gigs within this great-circle distance, metres.
    pub radius_m: Option<f64>,
    /// Which gigs pass.
    pub filter: GigFilter,
}

impl NearbyQuery {
    /// Gigs near a WGS-84 point.
    ///
    /// ```
    /// let q = linggong_core::NearbyQuery::new(32.06, 118.79);
    /// assert_eq!(q.crs, linggong_core::Crs::Wgs84);
    /// ```
    pub fn new(lat: f64, lng: f64) -> Self {
        Self {
            lat,
            lng,
            crs: Crs::Wgs84,
            k: None,
            radius_m: None,
            filter: GigFilter::default(),
        }
    }

    /// The datum of the centre.
    ///
    /// ```
    /// use linggong_core::{Crs, NearbyQuery};
    /// assert_eq!(NearbyQuery::new(0.0, 0.0).with_crs(Crs::Gcj02).crs, Crs::Gcj02);
    /// ```
    pub fn with_crs(mut self, crs: Crs) -> Self {
        self.crs = crs;
        self
    }

    /// At most `k` gigs.
    ///
    /// ```
    /// assert_eq!(linggong_core::NearbyQuery::new(0.0, 0.0).with_k(3).k, Some(3));
    /// ```
    pub fn with_k(mut self, k: usize) -> Self {
        self.k = Some(k);
        self
    }

    /// Only gigs within `radius_km` kilometres.
    ///
    /// ```
    /// assert_eq!(linggong_core::NearbyQuery::new(0.0, 0.0).with_radius_km(2.5).radius_m, Some(2_500.0));
    /// ```
    pub fn with_radius_km(mut self, radius_km: f64) -> Self {
        self.radius_m = Some(radius_km * 1000.0);
        self
    }

    /// Only gigs passing `filter`.
    ///
    /// ```
    /// use linggong_core::{GigFilter, NearbyQuery};
    /// let q = NearbyQuery::new(0.0, 0.0).with_filter(GigFilter::new().with_min_hourly_pay_cny(20.0));
    /// assert_eq!(q.filter.min_hourly_pay_cny, Some(20.0));
    /// ```
    pub fn with_filter(mut self, filter: GigFilter) -> Self {
        self.filter = filter;
        self
    }

    pub(crate) fn limit(&self) -> usize {
        match (self.k, self.radius_m) {
            (Some(k), _) => k,
            (None, Some(_)) => usize::MAX,
            (None, None) => DEFAULT_NEARBY_K,
        }
    }
}

/// A gig found by a search and its great-circle distance from the centre.
///
/// ```
/// use linggong_core::{GigIndex, NearbyQuery, parse_posting};
/// let p = parse_posting(r#"{"id": "a", "location": {"lat": 32.0, "lng": 118.0}}"#).unwrap();
/// let index = GigIndex::from_postings([p]).unwrap();
/// let found = index.nearby(&NearbyQuery::new(32.0, 118.01)).unwrap();
/// assert_eq!(found[0].id(), "a");
/// assert!((found[0].distance_m - 943.0).abs() < 2.0);
/// assert_eq!(serde_json::to_value(&found[0]).unwrap()["id"], "a");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NearbyGig<'a> {
    /// The posting.
    pub posting: &'a Posting,
    /// Metres from the centre.
    pub distance_m: f64,
}

impl NearbyGig<'_> {
    /// The posting's id.
    ///
    /// ```
    /// # use linggong_core::{GigIndex, NearbyQuery, parse_posting};
    /// # let index = GigIndex::from_postings([parse_posting(r#"{"id": "a", "location": {"lat": 1.0, "lng": 1.0}}"#).unwrap()]).unwrap();
    /// assert_eq!(index.nearby(&NearbyQuery::new(1.0, 1.0)).unwrap()[0].id(), "a");
    /// ```
    pub fn id(&self) -> &str {
        &self.posting.id
    }
}

/// `{"id", "distance_m"}`, the metres rounded to centimetres.
impl Serialize for NearbyGig<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("NearbyGig", 2)?;
        s.serialize_field("id", &self.posting.id)?;
        s.serialize_field("distance_m", &((self.distance_m * 100.0).round() / 100.0))?;
        s.end()
    }
}
