use crate::{PayUnit, Posting};

/// Legal average working days per month in China (《关于职工全年月平均工作时间和工资折算问题的通知》,
/// 劳社部发〔2008〕3号): 21.75.
pub const WORKING_DAYS_PER_MONTH: f64 = 21.75;

/// Hours per day assumed when a posting gives none: the legal standard working day.
pub const DEFAULT_HOURS_PER_DAY: f64 = 8.0;

/// The posting's pay in yuan per hour, so that pay in different units can be compared.
///
/// - `hour`: the amount itself;
/// - `day`: amount ÷ `hours_per_day`;
/// - `month`: amount ÷ (21.75 days × `hours_per_day`);
/// - `task`: amount ÷ total hours, where total hours are `hours_per_day` × the number of
///   started 24-hour periods between start and end, but never more than the span itself
///   (a task from 09:00 to 13:00 is 4 hours); `None` without a schedule start and end;
/// - `piece`: `None`, piece rates have no hourly equivalent.
///
/// `hours_per_day` defaults to 8 when absent. `None` too when the amount is missing,
/// not positive, or the hours are not in 0 < h ≤ 24.
///
/// ```
/// use linggong_core::{parse_posting, hourly_pay_cny};
/// let day = parse_posting(r#"{"id": "a", "pay": {"amount": 300, "unit": "day"}, "schedule": {"hours_per_day": 10}}"#).unwrap();
/// assert_eq!(hourly_pay_cny(&day), Some(30.0));
/// let month = parse_posting(r#"{"id": "b", "pay": {"amount": 4350, "unit": "month"}}"#).unwrap();
/// assert_eq!(hourly_pay_cny(&month), Some(25.0));
/// let piece = parse_posting(r#"{"id": "c", "pay": {"amount": 2, "unit": "piece"}}"#).unwrap();
/// assert_eq!(hourly_pay_cny(&piece), None);
/// ```
pub fn hourly_pay_cny(posting: &Posting) -> Option<f64> {
    let pay = posting.pay.as_ref()?;
    let amount = pay.amount.filter(|a| a.is_finite() && *a > 0.0)?;
    let schedule = posting.schedule.as_ref();
    let hours = schedule
        .and_then(|s| s.hours_per_day)
        .unwrap_or(DEFAULT_HOURS_PER_DAY);
    if !(hours > 0.0 && hours <= 24.0) {
        return None;
    }
    match pay.unit? {
        PayUnit::Hour => Some(amount),
        PayUnit::Day => Some(amount / hours),
        PayUnit::Month => Some(amount / (WORKING_DAYS_PER_MONTH * hours)),
        PayUnit::Task => {
            let schedule = schedule?;
            let (start, end) = (schedule.start?, schedule.end?);
            if end <= start {
                return None;
            }
            let span_s = end.unix_s() - start.unix_s();
            let days = (span_s + 86_399) / 86_400;
            let total_hours = (days.max(1) as f64 * hours).min(span_s as f64 / 3600.0);
            Some(amount / total_hours)
        }
        PayUnit::Piece => None,
    }
}
