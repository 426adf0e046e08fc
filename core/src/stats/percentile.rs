use serde::{Deserialize, Serialize};

/// Hourly-equivalent pay over a group of gigs, yuan per hour: the low, middle and high
/// wage-guide prices (工资指导价位: P10, P50, P90) and the mean.
///
/// ```
/// use linggong_core::PayBands;
/// let b = PayBands::from_hourly(&[20.0, 25.0, 30.0, 35.0, 40.0]).unwrap();
/// assert_eq!((b.p10, b.p50, b.p90, b.mean), (22.0, 30.0, 38.0, 30.0));
/// assert!(PayBands::from_hourly(&[]).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PayBands {
    /// How many gigs had an hourly equivalent.
    pub count: usize,
    /// 10th percentile: the low guide price.
    pub p10: f64,
    /// Median: the middle guide price.
    pub p50: f64,
    /// 90th percentile: the high guide price.
    pub p90: f64,
    /// Mean.
    pub mean: f64,
}

impl PayBands {
    /// Fewer gigs than this and a band says more about the few employers in it than about the
    /// market: P10 and P90 of three pays are nearly the pays themselves (`¥26–26`). Pages show
    /// "样本太少" (too few to say) instead. Below five, one employer's pay moves the band by itself
    /// (docs/STATS.md).
    pub const MIN_SAMPLE: usize = 5;

    /// Whether the band rests on enough gigs to be shown as a guide ([`Self::MIN_SAMPLE`]).
    ///
    /// ```
    /// use linggong_core::PayBands;
    /// assert!(!PayBands::from_hourly(&[26.0, 26.0, 27.0]).unwrap().is_representative());
    /// assert!(PayBands::from_hourly(&[20.0, 25.0, 30.0, 35.0, 40.0]).unwrap().is_representative());
    /// ```
    pub fn is_representative(&self) -> bool {
        self.count >= Self::MIN_SAMPLE
    }

    /// Bands of these hourly pays (non-finite values are ignored); percentiles interpolate
    /// linearly between closest ranks (the common "type 7" definition).
    ///
    /// ```
    /// let b = linggong_core::PayBands::from_hourly(&[30.0]).unwrap();
    /// assert_eq!((b.p10, b.p90), (30.0, 30.0));
    /// ```
    pub fn from_hourly(values: &[f64]) -> Option<PayBands> {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return None;
        }
        crate::sort::sort_by(&mut v, f64::total_cmp);
        let at = |q: f64| {
            let pos = q * (v.len() - 1) as f64;
            let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
            let x = v[lo] + (v[hi] - v[lo]) * (pos - lo as f64);
            (x * 100.0).round() / 100.0
        };
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        Some(PayBands {
            count: v.len(),
            p10: at(0.1),
            p50: at(0.5),
            p90: at(0.9),
            mean: (mean * 100.0).round() / 100.0,
        })
    }
}
