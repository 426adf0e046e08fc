use serde::{Deserialize, Serialize};

use crate::{Availability, Error, GeoPoint, Location, Timestamp, Weekday, distance_m};

/// A gig market (零工市场) or a gig station (零工驿站) in the directory the standards require
/// (Guizhou 九, Chongqing 12–13): address, opening hours, phone and position.
///
/// ```
/// use linggong_core::{parse_market, MarketKind};
/// let m = parse_market(r#"{"id": "m1", "name": "鼓楼区零工市场", "kind": "market", "address": "中山路1号",
///   "location": {"lat": 32.06, "lng": 118.79}, "phone": "025-12345678",
///   "hours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "08:30", "to": "17:30"}], "demo": true}"#).unwrap();
/// assert_eq!(m.kind, MarketKind::Market);
/// assert!(m.is_open_at("2026-11-23T09:00:00+08:00".parse().unwrap())); // a Monday
/// assert!(!m.is_open_at("2026-11-22T09:00:00+08:00".parse().unwrap())); // a Sunday
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Market {
    /// Stable identifier.
    pub id: String,
    /// Name, e.g. `鼓楼区零工市场`.
    pub name: String,
    /// Market or station.
    pub kind: MarketKind,
    /// Street address.
    pub address: String,
    /// Position.
    pub location: Location,
    /// Phone for enquiries (咨询电话).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Weekly opening hours, in the local time of `is_open_at`'s instant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hours: Vec<Availability>,
    /// What the market or station offers (服务项目), e.g. `职业指导`, `技能培训`, `劳动维权`,
    /// `零工登记`: the services the standards list for markets and stations (Guizhou 九,
    /// Chongqing 12–13), shown in the directory beside the hours.
    ///
    /// ```
    /// use linggong_core::parse_market;
    /// let m = parse_market(r#"{"id": "m1", "name": "鼓楼区零工驿站", "kind": "station", "address": "中山路1号",
    ///   "location": {"lat": 32.06, "lng": 118.79}, "services": ["零工登记", "职业指导", "劳动维权"]}"#).unwrap();
    /// assert_eq!(m.services, ["零工登记", "职业指导", "劳动维权"]);
    /// let bare = parse_market(r#"{"id": "m2", "name": "n", "kind": "market", "address": "a", "location": {}}"#).unwrap();
    /// assert!(bare.services.is_empty());
    /// assert!(!serde_json::to_string(&bare).unwrap().contains("services")); // left out when none
    /// ```
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// Invented for demonstration: shown as such and never as a real service.
    #[serde(default)]
    pub demo: bool,
}

/// 零工市场 or 零工驿站 (Chongqing 2: a station is the small neighbourhood kind).
///
/// ```
/// assert_eq!(linggong_core::MarketKind::Station.label_zh(), "零工驿站");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarketKind {
    /// 零工市场.
    Market,
    /// 零工驿站.
    Station,
}

impl MarketKind {
    /// The Chinese name of the kind.
    ///
    /// ```
    /// assert_eq!(linggong_core::MarketKind::Market.label_zh(), "零工市场");
    /// ```
    pub fn label_zh(self) -> &'static str {
        match self {
            MarketKind::Market => "零工市场",
            MarketKind::Station => "零工驿站",
        }
    }
}

impl Market {
    /// Whether the market is open at `at`, read in `at`'s own UTC offset.
    ///
    /// ```
    /// # use linggong_core::parse_market;
    /// let m = parse_market(r#"{"id": "m", "name": "驿站", "kind": "station", "address": "x", "location": {"lat": 1, "lng": 1}}"#).unwrap();
    /// assert!(!m.is_open_at("2026-11-23T09:00:00+08:00".parse().unwrap())); // no hours given
    /// ```
    pub fn is_open_at(&self, at: Timestamp) -> bool {
        let local = at.local_fields();
        let minute = local.minute_of_day() as u16;
        let today = Weekday::from_index(local.weekday);
        self.hours.iter().any(|slot| {
            today.is_some_and(|d| slot.days.contains(&d))
                && slot.from.minutes() <= minute
                && minute < slot.to.minutes()
        })
    }

    /// The market's WGS-84 position, if its location has coordinates.
    ///
    /// ```
    /// # use linggong_core::parse_market;
    /// let m = parse_market(r#"{"id": "m", "name": "n", "kind": "market", "address": "a", "location": {"lat": 2.0, "lng": 3.0}}"#).unwrap();
    /// assert_eq!(m.position().unwrap().lat, 2.0);
    /// ```
    pub fn position(&self) -> Option<GeoPoint> {
        self.location.position()
    }
}

/// The markets nearest a WGS-84 point, with their distances in metres, nearest first.
///
/// ```
/// use linggong_core::{nearest_markets, parse_market, GeoPoint};
/// let near = parse_market(r#"{"id": "a", "name": "a", "kind": "market", "address": "x", "location": {"lat": 32.06, "lng": 118.79}}"#).unwrap();
/// let far = parse_market(r#"{"id": "b", "name": "b", "kind": "station", "address": "y", "location": {"lat": 33.0, "lng": 118.79}}"#).unwrap();
/// let list = [far, near];
/// let found = nearest_markets(&list, GeoPoint::new(32.0, 118.79).unwrap(), 1);
/// assert_eq!(found[0].0.id, "a");
/// ```
pub fn nearest_markets(markets: &[Market], point: GeoPoint, k: usize) -> Vec<(&Market, f64)> {
    let mut found: Vec<(&Market, f64)> = markets
        .iter()
        .filter_map(|m| Some((m, distance_m(m.position()?, point))))
        .collect();
    crate::sort::sort_by(&mut found, |a, b| {
        a.1.total_cmp(&b.1).then(a.0.id.cmp(&b.0.id))
    });
    found.truncate(k);
    found
}

/// Parses one market from JSON; errors name the field.
///
/// ```
/// assert!(linggong_core::parse_market(r#"{"id": "m"}"#).unwrap_err().to_string().contains("missing field"));
/// ```
pub fn parse_market(json: &str) -> Result<Market, Error> {
    crate::posting::parse_json(json)
}

/// Parses JSON lines of markets, each with its 1-based line number.
///
/// ```
/// assert_eq!(linggong_core::parse_markets_jsonl("\n").count(), 0);
/// ```
pub fn parse_markets_jsonl(
    text: &str,
) -> impl Iterator<Item = (usize, Result<Market, Error>)> + '_ {
    crate::posting::parse_jsonl(text, parse_market)
}
