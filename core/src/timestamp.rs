use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// China Standard Time, UTC+8 in minutes (no summer time): the offset the markets write
/// times in and count months by, wherever a clock is read (the server, the apps, the CLI).
///
/// ```
/// let t = linggong_core::Timestamp::from_unix_s(0, linggong_core::CHINA_OFFSET_MIN);
/// assert_eq!(t.to_string(), "1970-01-01T08:00:00+08:00");
/// ```
pub const CHINA_OFFSET_MIN: i16 = 480;

/// An instant with the UTC offset it was written in, as RFC 3339 text
/// (`2026-11-24T08:00:00+08:00`).
///
/// The engine never reads a clock: callers pass "now" as a `Timestamp`.
/// Comparison and ordering use the instant only.
///
/// ```
/// use linggong_core::Timestamp;
///
/// let t: Timestamp = "2026-11-24T08:00:00+08:00".parse().unwrap();
/// assert_eq!(t.unix_s(), 1_795_478_400);
/// assert_eq!(t.to_string(), "2026-11-24T08:00:00+08:00");
/// assert!("2026-13-01T00:00:00Z".parse::<Timestamp>().is_err());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Timestamp {
    unix_s: i64,
    offset_min: i16,
}

impl Timestamp {
    /// An instant from seconds since 1970-01-01T00:00:00Z, shown in the given offset
    /// (minutes east of UTC, e.g. `480` for China Standard Time).
    ///
    /// ```
    /// use linggong_core::Timestamp;
    /// let t = Timestamp::from_unix_s(0, 480);
    /// assert_eq!(t.to_string(), "1970-01-01T08:00:00+08:00");
    /// ```
    pub fn from_unix_s(unix_s: i64, offset_min: i16) -> Self {
        Self { unix_s, offset_min }
    }

    /// The largest UTC offset RFC 3339 text can carry (`±23:59`), in minutes. The text
    /// reader accepts every offset up to it, so every format that stores a `Timestamp` must
    /// carry them too.
    pub const MAX_OFFSET_MIN: i16 = 23 * 60 + 59;

    /// Like [`Timestamp::from_unix_s`], but `None` unless the instant is one the text form
    /// can carry: an offset within ±[`Timestamp::MAX_OFFSET_MIN`] and a local year from 0000
    /// to 9999. Decoders of stored timestamps use it, so whatever they accept reads back as
    /// text and parses again.
    ///
    /// ```
    /// use linggong_core::Timestamp;
    /// assert!(Timestamp::checked_from_unix_s(0, -(23 * 60 + 59)).is_some());
    /// assert!(Timestamp::checked_from_unix_s(0, 24 * 60).is_none());
    /// assert!(Timestamp::checked_from_unix_s(0, i16::MIN).is_none());
    /// assert!(Timestamp::checked_from_unix_s(253_402_300_799, 0).is_some()); // 9999-12-31T23:59:59Z
    /// assert!(Timestamp::checked_from_unix_s(253_402_300_800, 0).is_none());
    /// assert!(Timestamp::checked_from_unix_s(i64::MAX, 0).is_none());
    /// ```
    pub fn checked_from_unix_s(unix_s: i64, offset_min: i16) -> Option<Self> {
        if offset_min.unsigned_abs() > Self::MAX_OFFSET_MIN.unsigned_abs() {
            return None;
        }
        let local = unix_s.checked_add(i64::from(offset_min) * 60)?;
        let first = days_from_civil(0, 1, 1) * 86_400;
        let end = days_from_civil(10_000, 1, 1) * 86_400;
        (first..end)
            .contains(&local)
            .then_some(Self { unix_s, offset_min })
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    ///
    /// ```
    /// use linggong_core::Timestamp;
    /// let t: Timestamp = "1970-01-01T00:01:00Z".parse().unwrap();
    /// assert_eq!(t.unix_s(), 60);
    /// ```
    pub fn unix_s(&self) -> i64 {
        self.unix_s
    }

    /// The UTC offset it was written in, in minutes east of UTC.
    ///
    /// ```
    /// use linggong_core::Timestamp;
    /// let t: Timestamp = "2026-11-24T08:00:00+08:00".parse().unwrap();
    /// assert_eq!(t.offset_min(), 480);
    /// ```
    pub fn offset_min(&self) -> i16 {
        self.offset_min
    }

    /// The calendar date and clock time in the written offset.
    ///
    /// ```
    /// use linggong_core::Timestamp;
    /// let t: Timestamp = "2026-11-23T09:30:00+08:00".parse().unwrap();
    /// let f = t.local_fields();
    /// assert_eq!((f.year, f.month, f.day, f.hour, f.minute, f.second), (2026, 11, 23, 9, 30, 0));
    /// assert_eq!(f.weekday, 0); // a Monday
    /// ```
    pub fn local_fields(&self) -> LocalFields {
        let local = self.unix_s + i64::from(self.offset_min) * 60;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        // 1970-01-01 was a Thursday (3 when Monday is 0).
        let weekday = (days + 3).rem_euclid(7) as u32;
        let secs = secs as u32;
        LocalFields {
            year: y,
            month: m,
            day: d,
            hour: secs / 3600,
            minute: secs / 60 % 60,
            second: secs % 60,
            weekday,
        }
    }
}

/// A [`Timestamp`]'s calendar date and clock time in its own offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalFields {
    /// The year (0000 … 9999 for text the reader accepts).
    pub year: i64,
    /// 1 … 12.
    pub month: u32,
    /// 1 … 31.
    pub day: u32,
    /// 0 … 23.
    pub hour: u32,
    /// 0 … 59.
    pub minute: u32,
    /// 0 … 59.
    pub second: u32,
    /// 0 for Monday … 6 for Sunday.
    pub weekday: u32,
}

impl LocalFields {
    /// Minutes since local midnight (0 … 1439).
    ///
    /// ```
    /// let t: linggong_core::Timestamp = "2026-11-23T09:30:00+08:00".parse().unwrap();
    /// assert_eq!(t.local_fields().minute_of_day(), 570);
    /// ```
    pub fn minute_of_day(&self) -> u32 {
        self.hour * 60 + self.minute
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.unix_s == other.unix_s
    }
}
impl Eq for Timestamp {}
impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.unix_s.cmp(&other.unix_s)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Why a text is not an RFC 3339 timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError(&'static str);

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (expected RFC 3339 such as 2026-11-24T08:00:00+08:00)",
            self.0
        )
    }
}

impl std::error::Error for TimestampError {}

fn number(bytes: &[u8], range: std::ops::Range<usize>) -> Result<u32, TimestampError> {
    let digits = bytes.get(range).ok_or(TimestampError("too short"))?;
    digits.iter().try_fold(0u32, |acc, &b| {
        if b.is_ascii_digit() {
            Ok(acc * 10 + u32::from(b - b'0'))
        } else {
            Err(TimestampError("a digit was expected"))
        }
    })
}

fn expect(
    bytes: &[u8],
    at: usize,
    allowed: &[u8],
    what: &'static str,
) -> Result<(), TimestampError> {
    match bytes.get(at) {
        Some(b) if allowed.contains(b) => Ok(()),
        _ => Err(TimestampError(what)),
    }
}

impl std::str::FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let b = text.trim().as_bytes();
        let year = i64::from(number(b, 0..4)?);
        expect(b, 4, b"-", "'-' after the year")?;
        let month = number(b, 5..7)?;
        expect(b, 7, b"-", "'-' after the month")?;
        let day = number(b, 8..10)?;
        expect(b, 10, b"Tt ", "'T' between date and time")?;
        let hour = number(b, 11..13)?;
        expect(b, 13, b":", "':' after the hour")?;
        let minute = number(b, 14..16)?;
        expect(b, 16, b":", "':' after the minutes")?;
        let second = number(b, 17..19)?;
        if !(1..=12).contains(&month) {
            return Err(TimestampError("month out of range"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(TimestampError("day out of range"));
        }
        if hour > 23 || minute > 59 || second > 60 {
            return Err(TimestampError("time of day out of range"));
        }
        let mut at = 19;
        if b.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while b.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            if at == start {
                return Err(TimestampError("digits expected after '.'"));
            }
        }
        let offset_min: i16 = match b.get(at) {
            Some(b'Z' | b'z') if at + 1 == b.len() => 0,
            Some(&sign @ (b'+' | b'-')) if at + 6 == b.len() => {
                let h = number(b, at + 1..at + 3)?;
                expect(b, at + 3, b":", "':' inside the offset")?;
                let m = number(b, at + 4..at + 6)?;
                let minutes = i16::try_from(h * 60 + m)
                    .ok()
                    .filter(|&o| m <= 59 && o <= Self::MAX_OFFSET_MIN)
                    .ok_or(TimestampError("offset out of range"))?;
                if sign == b'-' { -minutes } else { minutes }
            }
            _ => {
                return Err(TimestampError(
                    "a UTC offset ('Z' or '+08:00') was expected",
                ));
            }
        };
        let local = days_from_civil(year, month, day) * 86_400
            + i64::from(hour * 3600 + minute * 60 + second.min(59));
        Ok(Self {
            unix_s: local - i64::from(offset_min) * 60,
            offset_min,
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = self.local_fields();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            l.year, l.month, l.day, l.hour, l.minute, l.second
        )?;
        if self.offset_min == 0 {
            return write!(f, "Z");
        }
        let sign = if self.offset_min < 0 { '-' } else { '+' };
        let abs = self.offset_min.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", abs / 60, abs % 60)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::from_str_de::deserialize_from_str(deserializer, "an RFC 3339 timestamp string")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn leap_days_are_accepted_only_in_leap_years() {
        assert!("2028-02-29T00:00:00Z".parse::<Timestamp>().is_ok());
        assert!("2026-02-29T00:00:00Z".parse::<Timestamp>().is_err());
        assert!("2000-02-29T00:00:00Z".parse::<Timestamp>().is_ok());
        assert!("1900-02-29T00:00:00Z".parse::<Timestamp>().is_err());
    }

    #[test]
    fn fractional_seconds_and_lowercase_z_are_accepted() {
        let t: Timestamp = "2026-11-24t08:00:00.250z".parse().unwrap();
        assert_eq!(t.to_string(), "2026-11-24T08:00:00Z");
    }

    #[test]
    fn garbage_is_rejected_without_panicking() {
        for bad in [
            "",
            "2026",
            "2026-11-24",
            "2026-11-24T08:00:00",
            "2026-11-24T08:00:00+8",
            "２０２６-11-24T08:00:00Z",
        ] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn display_then_parse_gives_the_same_instant(unix in -2_000_000_000i64..8_000_000_000, off in -14i16*60..=14*60) {
            let t = Timestamp::from_unix_s(unix, off);
            let back: Timestamp = t.to_string().parse().unwrap();
            prop_assert_eq!(back.unix_s(), unix);
            prop_assert_eq!(back.offset_min(), off);
        }

        #[test]
        fn every_offset_and_year_the_text_reader_accepts_is_a_checked_instant(
            year in 0i64..=9999, day_s in 0i64..86_400, off in -Timestamp::MAX_OFFSET_MIN..=Timestamp::MAX_OFFSET_MIN,
        ) {
            let (h, m) = (off.unsigned_abs() / 60, off.unsigned_abs() % 60);
            let sign = if off < 0 { '-' } else { '+' };
            let text = format!(
                "{year:04}-01-01T{:02}:{:02}:{:02}{sign}{h:02}:{m:02}",
                day_s / 3600, day_s / 60 % 60, day_s % 60
            );
            let t: Timestamp = text.parse().unwrap();
            prop_assert!(Timestamp::checked_from_unix_s(t.unix_s(), t.offset_min()).is_some());
            prop_assert_eq!(t.to_string().parse::<Timestamp>().unwrap().unix_s(), t.unix_s());
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(s in ".{0,40}") {
            let _ = s.parse::<Timestamp>();
        }
    }
}
