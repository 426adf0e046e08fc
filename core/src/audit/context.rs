use crate::Timestamp;

/// A wage-guide band (工资指导价位) for one trade and area, in yuan per hour.
///
/// ```
/// use linggong_core::WageBand;
/// let band = WageBand::new(20.0, 28.0, 40.0).unwrap();
/// assert_eq!(band.mid_cny_per_hour(), 28.0);
/// assert!(WageBand::new(30.0, 20.0, 40.0).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WageBand {
    low: f64,
    mid: f64,
    high: f64,
}

impl WageBand {
    /// A band from its low (P10), middle (P50) and high (P90) prices in yuan per hour;
    /// `None` unless 0 < low ≤ mid ≤ high, all finite.
    ///
    /// ```
    /// use linggong_core::WageBand;
    /// assert!(WageBand::new(0.0, 1.0, 2.0).is_none());
    /// ```
    pub fn new(low: f64, mid: f64, high: f64) -> Option<Self> {
        let ordered = low > 0.0 && low <= mid && mid <= high && high.is_finite();
        ordered.then_some(Self { low, mid, high })
    }

    /// Low price (P10), yuan per hour.
    ///
    /// ```
    /// use linggong_core::WageBand;
    /// assert_eq!(WageBand::new(20.0, 28.0, 40.0).unwrap().low_cny_per_hour(), 20.0);
    /// ```
    pub fn low_cny_per_hour(&self) -> f64 {
        self.low
    }

    /// Middle price (P50), yuan per hour.
    ///
    /// ```
    /// use linggong_core::WageBand;
    /// assert_eq!(WageBand::new(20.0, 28.0, 40.0).unwrap().mid_cny_per_hour(), 28.0);
    /// ```
    pub fn mid_cny_per_hour(&self) -> f64 {
        self.mid
    }

    /// High price (P90), yuan per hour.
    ///
    /// ```
    /// use linggong_core::WageBand;
    /// assert_eq!(WageBand::new(20.0, 28.0, 40.0).unwrap().high_cny_per_hour(), 40.0);
    /// ```
    pub fn high_cny_per_hour(&self) -> f64 {
        self.high
    }
}

/// What the audit knows beyond the posting: the moment of the check and local pay rules.
/// Every part is optional; the checks that need a missing part are skipped.
///
/// ```
/// use linggong_core::{AuditContext, WageBand};
/// let ctx = AuditContext::new()
///     .with_now("2026-11-23T09:00:00+08:00".parse().unwrap())
///     .with_min_hourly_wage_cny(24.0)
///     .with_wage_guide(WageBand::new(20.0, 28.0, 40.0).unwrap());
/// assert_eq!(ctx.min_hourly_wage_cny(), Some(24.0));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditContext {
    now: Option<Timestamp>,
    min_hourly_wage_cny: Option<f64>,
    wage_guide: Option<WageBand>,
}

impl AuditContext {
    /// A context that knows nothing beyond the posting.
    ///
    /// ```
    /// use linggong_core::AuditContext;
    /// assert_eq!(AuditContext::new().now(), None);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The moment of the check, so expired postings can be flagged.
    ///
    /// ```
    /// use linggong_core::AuditContext;
    /// let ctx = AuditContext::new().with_now("2026-11-23T09:00:00+08:00".parse().unwrap());
    /// assert!(ctx.now().is_some());
    /// ```
    pub fn with_now(mut self, now: Timestamp) -> Self {
        self.now = Some(now);
        self
    }

    /// The local minimum hourly wage for part-time work (非全日制用工小时最低工资标准), yuan.
    ///
    /// ```
    /// use linggong_core::AuditContext;
    /// assert_eq!(AuditContext::new().with_min_hourly_wage_cny(22.0).min_hourly_wage_cny(), Some(22.0));
    /// ```
    pub fn with_min_hourly_wage_cny(mut self, yuan_per_hour: f64) -> Self {
        self.min_hourly_wage_cny = Some(yuan_per_hour).filter(|y| y.is_finite() && *y > 0.0);
        self
    }

    /// The local wage guide band for the posting's trade.
    ///
    /// ```
    /// use linggong_core::{AuditContext, WageBand};
    /// let band = WageBand::new(20.0, 28.0, 40.0).unwrap();
    /// assert_eq!(AuditContext::new().with_wage_guide(band).wage_guide(), Some(band));
    /// ```
    pub fn with_wage_guide(mut self, band: WageBand) -> Self {
        self.wage_guide = Some(band);
        self
    }

    /// The moment of the check, if given.
    ///
    /// ```
    /// use linggong_core::AuditContext;
    /// assert!(AuditContext::new().now().is_none());
    /// ```
    pub fn now(&self) -> Option<Timestamp> {
        self.now
    }

    /// The local minimum hourly wage, if given.
    ///
    /// ```
    /// use linggong_core::AuditContext;
    /// assert!(AuditContext::new().with_min_hourly_wage_cny(-1.0).min_hourly_wage_cny().is_none());
    /// ```
    pub fn min_hourly_wage_cny(&self) -> Option<f64> {
        self.min_hourly_wage_cny
    }

    /// The wage guide band, if given.
    ///
    /// ```
    /// use linggong_core::AuditContext;
    /// assert!(AuditContext::new().wage_guide().is_none());
    /// ```
    pub fn wage_guide(&self) -> Option<WageBand> {
        self.wage_guide
    }
}
