use serde::{Deserialize, Serialize};

use crate::{Error, GeoPoint, Timestamp};

/// A gig posting in interchange format v1 (see `FORMAT.md`).
///
/// Every field the standards require is optional here, so that an incomplete posting still
/// parses and [`audit`](crate::audit) can say precisely what is missing. Unknown fields are
/// rejected, so a misspelt field name is an error rather than silently lost data.
///
/// ```
/// use linggong_core::{parse_posting, PayUnit};
///
/// let p = parse_posting(r#"{"id": "nj-1", "trade": "水电工", "pay": {"amount": 300, "unit": "day"}}"#).unwrap();
/// assert_eq!(p.trade.as_deref(), Some("水电工"));
/// assert_eq!(p.pay.unwrap().unit, Some(PayUnit::Day));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Posting {
    /// Stable identifier, unique within a data set.
    pub id: String,
    /// Headline as the employer wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 职业(工种): the trade, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade: Option<String>,
    /// 技能要求: required skills; `["不限"]` when nothing is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<String>>,
    /// 工作内容: what the work is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// 工作地点.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// 工作时长: when and how long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// 薪资待遇 and 计酬方式.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay: Option<Pay>,
    /// How many people are wanted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u32>,
    /// Who posts it (谁发布谁负责).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<Employer>,
    /// When it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posted_at: Option<Timestamp>,
    /// When it stops being open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_through: Option<Timestamp>,
}

/// Where the work is. Coordinates are degrees in the datum named by `crs`.
///
/// ```
/// use linggong_core::{Crs, Location};
/// let l: Location = serde_json::from_str(r#"{"lat": 32.06, "lng": 118.79}"#).unwrap();
/// assert_eq!(l.crs, Crs::Wgs84);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Latitude in degrees, −90 … 90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in degrees, −180 … 180.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lng: Option<f64>,
    /// The datum of `lat` and `lng`.
    #[serde(default)]
    pub crs: Crs,
    /// Street address a person can find.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Location {
    /// The WGS-84 point this location names, converted from GCJ-02 when that is its datum;
    /// `None` without both coordinates or with one out of range. Every place that needs
    /// where a posting, seeker or market is asks this, so none forgets the datum.
    ///
    /// ```
    /// use linggong_core::Location;
    /// let l: Location = serde_json::from_str(r#"{"lat": 32.058, "lng": 118.802, "crs": "gcj02"}"#).unwrap();
    /// assert!((l.position().unwrap().lng - 118.7966).abs() < 0.001);
    /// assert!(Location::default().position().is_none());
    /// let off: Location = serde_json::from_str(r#"{"lat": 95.0, "lng": 1.0}"#).unwrap();
    /// assert!(off.position().is_none());
    /// ```
    pub fn position(&self) -> Option<GeoPoint> {
        GeoPoint::from_crs(self.lat?, self.lng?, self.crs).ok()
    }
}

/// Coordinate reference system of a position.
///
/// ```
/// use linggong_core::Crs;
/// assert_eq!(serde_json::to_string(&Crs::Gcj02).unwrap(), "\"gcj02\"");
/// assert_eq!(Crs::default(), Crs::Wgs84);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Crs {
    /// WGS-84, as GPS and the browser's Geolocation API give it.
    #[default]
    Wgs84,
    /// GCJ-02, as Amap, Tencent maps and WeChat (`type: 'gcj02'`) give it.
    Gcj02,
}

/// When the work happens.
///
/// ```
/// use linggong_core::Schedule;
/// let s: Schedule = serde_json::from_str(r#"{"hours_per_day": 8}"#).unwrap();
/// assert_eq!(s.hours_per_day, Some(8.0));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// First moment of work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Timestamp>,
    /// Last moment of work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Timestamp>,
    /// Working hours per day, 0 < h ≤ 24.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_day: Option<f64>,
}

/// 薪资待遇: an amount in yuan (CNY) per `unit`.
///
/// ```
/// use linggong_core::{Pay, PayUnit, Settlement};
/// let p: Pay = serde_json::from_str(r#"{"amount": 25, "unit": "hour", "settlement": "same_day"}"#).unwrap();
/// assert_eq!((p.amount, p.unit, p.settlement), (Some(25.0), Some(PayUnit::Hour), Some(Settlement::SameDay)));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pay {
    /// Yuan per unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// 计酬方式.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<PayUnit>,
    /// 结算: when the money is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement: Option<Settlement>,
}

/// 计酬方式: what one `amount` pays for.
///
/// ```
/// use linggong_core::PayUnit;
/// assert_eq!(PayUnit::Day.label_zh(), "天");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PayUnit {
    /// 计时: per hour.
    Hour,
    /// 日薪: per day.
    Day,
    /// 月薪: per month.
    Month,
    /// 计件: per piece.
    Piece,
    /// 按单/包干: per whole task.
    Task,
}

impl PayUnit {
    /// Every unit, in the order forms list them.
    pub const ALL: [PayUnit; 5] = [
        PayUnit::Hour,
        PayUnit::Day,
        PayUnit::Month,
        PayUnit::Piece,
        PayUnit::Task,
    ];

    /// The unit as the interchange format writes it (`day`), for forms' values.
    ///
    /// ```
    /// use linggong_core::PayUnit;
    /// for unit in PayUnit::ALL {
    ///     assert_eq!(PayUnit::from_key(unit.key()), Some(unit));
    ///     assert_eq!(serde_json::to_string(&unit).unwrap(), format!("\"{}\"", unit.key()));
    /// }
    /// assert_eq!(PayUnit::from_key("week"), None);
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            PayUnit::Hour => "hour",
            PayUnit::Day => "day",
            PayUnit::Month => "month",
            PayUnit::Piece => "piece",
            PayUnit::Task => "task",
        }
    }

    /// The unit a [`Self::key`] names.
    pub fn from_key(key: &str) -> Option<PayUnit> {
        Self::ALL.into_iter().find(|u| u.key() == key)
    }

    /// The unit as a Chinese word for "¥300/天".
    ///
    /// ```
    /// use linggong_core::PayUnit;
    /// assert_eq!(PayUnit::Piece.label_zh(), "件");
    /// ```
    pub fn label_zh(self) -> &'static str {
        match self {
            PayUnit::Hour => "小时",
            PayUnit::Day => "天",
            PayUnit::Month => "月",
            PayUnit::Piece => "件",
            PayUnit::Task => "单",
        }
    }
}

/// 结算: when wages are paid.
///
/// ```
/// use linggong_core::Settlement;
/// assert_eq!(Settlement::SameDay.label_zh(), "日结");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
    /// 日结.
    SameDay,
    /// 周结.
    Weekly,
    /// 月结.
    Monthly,
    /// 完工结.
    OnCompletion,
}

impl Settlement {
    /// Every settlement, in the order forms list them.
    pub const ALL: [Settlement; 4] = [
        Settlement::SameDay,
        Settlement::Weekly,
        Settlement::Monthly,
        Settlement::OnCompletion,
    ];

    /// The settlement as the interchange format writes it (`same_day`), for forms' values.
    ///
    /// ```
    /// use linggong_core::Settlement;
    /// for s in Settlement::ALL {
    ///     assert_eq!(Settlement::from_key(s.key()), Some(s));
    ///     assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.key()));
    /// }
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Settlement::SameDay => "same_day",
            Settlement::Weekly => "weekly",
            Settlement::Monthly => "monthly",
            Settlement::OnCompletion => "on_completion",
        }
    }

    /// The settlement a [`Self::key`] names.
    pub fn from_key(key: &str) -> Option<Settlement> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The settlement as the short Chinese label seekers know.
    ///
    /// ```
    /// use linggong_core::Settlement;
    /// assert_eq!(Settlement::OnCompletion.label_zh(), "完工结");
    /// ```
    pub fn label_zh(self) -> &'static str {
        match self {
            Settlement::SameDay => "日结",
            Settlement::Weekly => "周结",
            Settlement::Monthly => "月结",
            Settlement::OnCompletion => "完工结",
        }
    }
}

/// Who publishes the posting and answers for it.
///
/// ```
/// use linggong_core::Employer;
/// let e: Employer = serde_json::from_str(r#"{"name": "某装修队"}"#).unwrap();
/// assert!(!e.verified);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Employer {
    /// Name of the employer or team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Phone number a seeker can call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Whether market staff have checked the employer's identity.
    #[serde(default)]
    pub verified: bool,
}

/// Parses one posting from a JSON document.
///
/// Errors name the line, column, field path and reason; no input makes it panic.
///
/// ```
/// use linggong_core::{parse_posting, Error};
/// let Error::Parse { field, reason, .. } = parse_posting(r#"{"id": "x", "pay": {"unit": "week"}}"#).unwrap_err() else { panic!() };
/// assert_eq!(field, "pay.unit");
/// assert!(reason.contains("unknown variant"));
/// ```
pub fn parse_posting(json: &str) -> Result<Posting, Error> {
    parse_json(json)
}

/// Parses JSON lines: one posting per non-blank line, each with its 1-based line number.
/// A bad line gives an error for that line and the rest go on.
///
/// ```
/// use linggong_core::parse_postings_jsonl;
/// let text = "{\"id\": \"a\"}\n\nnot json\n{\"id\": \"b\"}\n";
/// let parsed: Vec<_> = parse_postings_jsonl(text).collect();
/// assert_eq!(parsed.len(), 3);
/// assert_eq!(parsed[1].0, 3);
/// assert!(parsed[1].1.is_err() && parsed[2].1.is_ok());
/// ```
pub fn parse_postings_jsonl(
    text: &str,
) -> impl Iterator<Item = (usize, Result<Posting, Error>)> + '_ {
    parse_jsonl(text, parse_posting)
}

/// One JSON document into `T`, with errors that name the field path.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, Error> {
    serde_json::from_str(json).map_err(|e| parse_error(json, &e))
}

/// Non-blank lines parsed by `parse`, errors carrying the line of the whole text.
pub(crate) fn parse_jsonl<'a, T>(
    text: &'a str,
    parse: impl Fn(&str) -> Result<T, Error> + 'a,
) -> impl Iterator<Item = (usize, Result<T, Error>)> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(move |(index, line)| {
            let result = parse(line).map_err(|err| match err {
                Error::Parse {
                    column,
                    field,
                    reason,
                    ..
                } => Error::Parse {
                    line: index + 1,
                    column,
                    field,
                    reason,
                },
                other => other,
            });
            (index + 1, result)
        })
}

fn parse_error(json: &str, inner: &serde_json::Error) -> Error {
    let (line, column) = (inner.line(), inner.column());
    // serde_json counts the column in bytes from the line's start: the offset where it stopped.
    let line_start: usize = json
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let text = inner.to_string();
    let reason = match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    Error::Parse {
        line,
        column,
        field: crate::json_path::path_at(json, line_start + column),
        reason,
    }
}
