use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Error, Location, PayUnit, Timestamp};

/// A job seeker's registration (求职登记), interchange format v1. It stays on the seeker's
/// phone unless the seeker sends it.
///
/// ```
/// use linggong_core::{parse_seeker, PriorityGroup, Weekday};
/// let s = parse_seeker(r#"{"id": "s-001", "trades": ["电工"], "skills": ["持电工证"],
///   "location": {"lat": 32.05, "lng": 118.78}, "max_distance_km": 10,
///   "availability": [{"days": ["mon", "tue"], "from": "08:00", "to": "18:00"}],
///   "min_pay": {"amount": 25, "unit": "hour"}, "priority": ["elderly"]}"#).unwrap();
/// assert_eq!(s.availability[0].days, [Weekday::Mon, Weekday::Tue]);
/// assert_eq!(s.priority, [PriorityGroup::Elderly]);
/// assert_eq!(s.min_hourly_pay_cny(), Some(25.0));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeekerProfile {
    /// Stable identifier.
    pub id: String,
    /// Trades the seeker can do, as written (normalised when matching).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trades: Vec<String>,
    /// Skills and licences (持电工证).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// Home or current position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// How far the seeker will travel, kilometres ([`DEFAULT_MAX_DISTANCE_KM`] when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_distance_km: Option<f64>,
    /// When the seeker can work.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<Availability>,
    /// The least pay the seeker will take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_pay: Option<MinPay>,
    /// Self-declared priority-help groups (优先帮扶).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priority: Vec<PriorityGroup>,
    /// When the seeker registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_at: Option<Timestamp>,
}

/// Travel distance assumed when a profile gives none, kilometres.
pub const DEFAULT_MAX_DISTANCE_KM: f64 = 10.0;

impl SeekerProfile {
    /// The seeker's minimum pay in yuan per hour: hour as is, day ÷ 8, month ÷ (21.75 × 8);
    /// `None` for piece or task minimums, which have no hourly equivalent.
    ///
    /// ```
    /// use linggong_core::parse_seeker;
    /// let s = parse_seeker(r#"{"id": "s", "min_pay": {"amount": 200, "unit": "day"}}"#).unwrap();
    /// assert_eq!(s.min_hourly_pay_cny(), Some(25.0));
    /// ```
    pub fn min_hourly_pay_cny(&self) -> Option<f64> {
        use crate::{DEFAULT_HOURS_PER_DAY as H, WORKING_DAYS_PER_MONTH as D};
        let min = self.min_pay.as_ref()?;
        match min.unit {
            PayUnit::Hour => Some(min.amount),
            PayUnit::Day => Some(min.amount / H),
            PayUnit::Month => Some(min.amount / (D * H)),
            PayUnit::Piece | PayUnit::Task => None,
        }
        .filter(|v| v.is_finite() && *v > 0.0)
    }

    /// How far the seeker will travel, metres.
    ///
    /// ```
    /// use linggong_core::parse_seeker;
    /// assert_eq!(parse_seeker(r#"{"id": "s"}"#).unwrap().max_distance_m(), 10_000.0);
    /// ```
    pub fn max_distance_m(&self) -> f64 {
        self.max_distance_km
            .filter(|d| d.is_finite() && *d > 0.0)
            .unwrap_or(DEFAULT_MAX_DISTANCE_KM)
            * 1000.0
    }
}

/// When a seeker can work: these weekdays, between two local times.
///
/// ```
/// use linggong_core::{Availability, LocalTime, Weekday};
/// let a: Availability = serde_json::from_str(r#"{"days": ["sat", "sun"], "from": "09:00", "to": "17:30"}"#).unwrap();
/// assert_eq!(a.to, LocalTime::from_hm(17, 30).unwrap());
/// assert_eq!(a.days, [Weekday::Sat, Weekday::Sun]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    /// Weekdays.
    pub days: Vec<Weekday>,
    /// From this local time …
    pub from: LocalTime,
    /// … to this one (`24:00` for the end of the day).
    pub to: LocalTime,
}

/// A day of the week.
///
/// ```
/// use linggong_core::Weekday;
/// assert_eq!(Weekday::from_index(0), Some(Weekday::Mon));
/// assert_eq!(serde_json::to_string(&Weekday::Sun).unwrap(), "\"sun\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    /// The weekday from 0 (Monday) to 6 (Sunday).
    ///
    /// ```
    /// assert_eq!(linggong_core::Weekday::from_index(7), None);
    /// ```
    pub fn from_index(index: u32) -> Option<Weekday> {
        use Weekday::*;
        [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
            .get(index as usize)
            .copied()
    }
}

/// A local time of day, `HH:MM`, from `00:00` to `24:00`.
///
/// ```
/// use linggong_core::LocalTime;
/// let t: LocalTime = "08:30".parse().unwrap();
/// assert_eq!(t.minutes(), 510);
/// assert!("25:00".parse::<LocalTime>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime(u16);

impl LocalTime {
    /// A time from hours and minutes; `None` past 24:00.
    ///
    /// ```
    /// assert!(linggong_core::LocalTime::from_hm(24, 0).is_some());
    /// assert!(linggong_core::LocalTime::from_hm(24, 1).is_none());
    /// assert!(linggong_core::LocalTime::from_hm(2308, 0).is_none()); // no overflow (found by fuzzing)
    /// assert!("19:00".parse::<linggong_core::LocalTime>().is_ok());
    /// assert!("2308:00".parse::<linggong_core::LocalTime>().is_err());
    /// ```
    pub fn from_hm(hours: u16, minutes: u16) -> Option<LocalTime> {
        // `then`, not `then_some`: the minutes are counted only for a valid time, so a huge
        // hour cannot overflow.
        (hours <= 24 && minutes < 60 && hours * 60 + minutes <= 24 * 60)
            .then(|| LocalTime(hours * 60 + minutes))
    }

    /// Minutes since midnight.
    ///
    /// ```
    /// assert_eq!(linggong_core::LocalTime::from_hm(1, 5).unwrap().minutes(), 65);
    /// ```
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl std::str::FromStr for LocalTime {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a time of day HH:MM");
        let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
        let (h, m) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        LocalTime::from_hm(h, m).ok_or_else(bad)
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::from_str_de::deserialize_from_str(deserializer, "a time of day like \"08:30\"")
    }
}

/// The least pay a seeker will take.
///
/// ```
/// let m: linggong_core::MinPay = serde_json::from_str(r#"{"amount": 25, "unit": "hour"}"#).unwrap();
/// assert_eq!(m.amount, 25.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinPay {
    /// Yuan per unit.
    pub amount: f64,
    /// What one amount pays for.
    pub unit: PayUnit,
}

/// Groups that get priority help (Zhejiang 15, Guizhou 七): an explicit, capped boost in
/// ranking seekers for a gig.
///
/// ```
/// use linggong_core::PriorityGroup;
/// assert_eq!(PriorityGroup::LongUnemployed.label_zh(), "长期失业");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorityGroup {
    /// 大龄 (older workers).
    Elderly,
    /// 残疾人.
    Disabled,
    /// 低收入家庭.
    LowIncome,
    /// 长期失业.
    LongUnemployed,
}

impl PriorityGroup {
    /// Every group, in the order forms list them.
    ///
    /// ```
    /// assert_eq!(linggong_core::PriorityGroup::ALL.len(), 4);
    /// ```
    pub const ALL: [PriorityGroup; 4] = [
        PriorityGroup::Elderly,
        PriorityGroup::Disabled,
        PriorityGroup::LowIncome,
        PriorityGroup::LongUnemployed,
    ];

    /// The group's Chinese name.
    ///
    /// ```
    /// assert_eq!(linggong_core::PriorityGroup::Elderly.label_zh(), "大龄");
    /// ```
    pub fn label_zh(self) -> &'static str {
        match self {
            PriorityGroup::Elderly => "大龄",
            PriorityGroup::Disabled => "残疾人",
            PriorityGroup::LowIncome => "低收入家庭",
            PriorityGroup::LongUnemployed => "长期失业",
        }
    }
}

/// Parses one seeker profile from a JSON document; errors name line, column and field.
///
/// ```
/// use linggong_core::parse_seeker;
/// let err = parse_seeker(r#"{"id": "s", "availability": [{"days": ["mon"], "from": "8am", "to": "18:00"}]}"#).unwrap_err();
/// assert!(err.to_string().contains("availability[0].from"));
/// ```
///
/// A travel distance that is not a positive number of kilometres is refused rather than
/// read as the default (a seeker who wrote −5 did not mean 10 km):
///
/// ```
/// let err = linggong_core::parse_seeker(r#"{"id": "s", "max_distance_km": -5}"#).unwrap_err();
/// assert!(err.to_string().contains("max_distance_km"), "{err}");
/// ```
pub fn parse_seeker(json: &str) -> Result<SeekerProfile, Error> {
    let seeker: SeekerProfile = crate::posting::parse_json(json)?;
    if let Some(km) = seeker
        .max_distance_km
        .filter(|km| km.is_nan() || *km <= 0.0)
    {
        return Err(Error::invalid(
            "max_distance_km",
            format!("must be a positive number of kilometres, not {km}"),
        ));
    }
    Ok(seeker)
}

/// Parses JSON lines of seeker profiles, each with its 1-based line number.
///
/// ```
/// let parsed: Vec<_> = linggong_core::parse_seekers_jsonl("{\"id\": \"a\"}\n{}\n").collect();
/// assert!(parsed[0].1.is_ok() && parsed[1].1.is_err());
/// ```
pub fn parse_seekers_jsonl(
    text: &str,
) -> impl Iterator<Item = (usize, Result<SeekerProfile, Error>)> + '_ {
    crate::posting::parse_jsonl(text, parse_seeker)
}
