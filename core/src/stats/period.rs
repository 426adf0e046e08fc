use crate::{Error, GeoPoint, Timestamp, distance_m};

/// The time span a report covers, `[from, to)`.
///
/// ```
/// use linggong_core::Period;
/// let p = Period::month("2026-11", 480).unwrap();
/// assert_eq!(p.from().to_string(), "2026-11-01T00:00:00+08:00");
/// assert_eq!(p.to().to_string(), "2026-12-01T00:00:00+08:00");
/// assert_eq!(p.label_zh(), "2026年11月");
/// assert!(Period::month("2026-13", 480).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Period {
    from: Timestamp,
    to: Timestamp,
    month: Option<(i64, u32)>,
}

impl Period {
    /// A calendar month `YYYY-MM` in the given UTC offset (480 for China Standard Time).
    ///
    /// ```
    /// assert!(linggong_core::Period::month("2026-1", 480).is_err());
    /// ```
    pub fn month(year_month: &str, offset_min: i16) -> Result<Period, Error> {
        let bad = || Error::invalid("month", format!("`{year_month}` is not a month YYYY-MM"));
        let (y, m) = year_month.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let (y, m): (i64, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if !(1..=12).contains(&m) {
            return Err(bad());
        }
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let sign = if offset_min < 0 { '-' } else { '+' };
        let off = offset_min.unsigned_abs();
        let at = |y: i64, m: u32| {
            format!(
                "{y:04}-{m:02}-01T00:00:00{sign}{:02}:{:02}",
                off / 60,
                off % 60
            )
            .parse::<Timestamp>()
        };
        Ok(Period {
            from: at(y, m).map_err(|_| bad())?,
            to: at(ny, nm).map_err(|_| bad())?,
            month: Some((y, m)),
        })
    }

    /// Any span `[from, to)`; an error if it ends before it starts.
    ///
    /// ```
    /// use linggong_core::Period;
    /// let a = "2026-11-01T00:00:00+08:00".parse().unwrap();
    /// let b = "2026-11-08T00:00:00+08:00".parse().unwrap();
    /// assert!(Period::between(a, b).is_ok() && Period::between(b, a).is_err());
    /// ```
    pub fn between(from: Timestamp, to: Timestamp) -> Result<Period, Error> {
        if to < from {
            return Err(Error::invalid("period", "the period ends before it starts"));
        }
        Ok(Period {
            from,
            to,
            month: None,
        })
    }

    /// First instant of the period.
    ///
    /// ```
    /// # let p = linggong_core::Period::month("2026-02", 480).unwrap();
    /// assert_eq!(p.from().to_string(), "2026-02-01T00:00:00+08:00");
    /// ```
    pub fn from(&self) -> Timestamp {
        self.from
    }

    /// First instant after the period.
    ///
    /// ```
    /// # let p = linggong_core::Period::month("2026-12", 480).unwrap();
    /// assert_eq!(p.to().to_string(), "2027-01-01T00:00:00+08:00");
    /// ```
    pub fn to(&self) -> Timestamp {
        self.to
    }

    /// Whether `t` falls in the period.
    ///
    /// ```
    /// # let p = linggong_core::Period::month("2026-11", 480).unwrap();
    /// assert!(p.contains("2026-11-30T23:59:59+08:00".parse().unwrap()));
    /// assert!(!p.contains("2026-12-01T00:00:00+08:00".parse().unwrap()));
    /// ```
    pub fn contains(&self, t: Timestamp) -> bool {
        self.from <= t && t < self.to
    }

    /// A Chinese label: `2026年11月`, or the two dates.
    ///
    /// ```
    /// use linggong_core::Period;
    /// let p = Period::between("2026-11-01T00:00:00+08:00".parse().unwrap(), "2026-11-08T00:00:00+08:00".parse().unwrap()).unwrap();
    /// assert_eq!(p.label_zh(), "2026-11-01至2026-11-08");
    /// ```
    pub fn label_zh(&self) -> String {
        match self.month {
            Some((y, m)) => format!("{y}年{m}月"),
            None => format!(
                "{}至{}",
                &self.from.to_string()[..10],
                &self.to.to_string()[..10]
            ),
        }
    }
}

/// Where a report looks: everywhere, or within a radius of a point.
///
/// ```
/// use linggong_core::{Area, GeoPoint};
/// let nanjing = Area::Circle { centre: GeoPoint::new(32.06, 118.79).unwrap(), radius_km: 50.0 };
/// assert!(nanjing.contains(GeoPoint::new(32.0, 118.8).unwrap()));
/// assert!(!nanjing.contains(GeoPoint::new(31.23, 121.47).unwrap()));
/// assert!(Area::Everywhere.contains(GeoPoint::new(0.0, 0.0).unwrap()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Area {
    /// No limit.
    Everywhere,
    /// Within `radius_km` kilometres of `centre`.
    Circle {
        /// WGS-84 centre.
        centre: GeoPoint,
        /// Radius, kilometres.
        radius_km: f64,
    },
}

impl Area {
    /// Whether a WGS-84 point lies in the area.
    ///
    /// ```
    /// assert!(linggong_core::Area::Everywhere.contains(linggong_core::GeoPoint::new(1.0, 1.0).unwrap()));
    /// ```
    pub fn contains(&self, p: GeoPoint) -> bool {
        match self {
            Area::Everywhere => true,
            Area::Circle { centre, radius_km } => distance_m(*centre, p) <= radius_km * 1000.0,
        }
    }
}
