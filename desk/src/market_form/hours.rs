//! Opening hours as the form holds them (a row: the days ticked, from, to) and as people read
//! them (`周一至周五 08:30–17:30`).

use linggong_core::{Availability, LocalTime, Weekday};
use linggong_ui::week::WEEK;

use super::FormError;

/// One row of opening hours, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursRow {
    /// Monday … Sunday.
    pub days: [bool; 7],
    /// `HH:MM`.
    pub from: String,
    /// `HH:MM` (`24:00` for midnight).
    pub to: String,
}

impl Default for HoursRow {
    /// Weekdays 08:30–17:30, the usual hours of a market.
    fn default() -> Self {
        Self {
            days: [true, true, true, true, true, false, false],
            from: "08:30".into(),
            to: "17:30".into(),
        }
    }
}

/// A time typed as `HH:MM` (or `H:MM`), from `00:00` to `24:00`.
fn time(text: &str) -> Option<LocalTime> {
    let (h, m) = text.trim().split_once(':')?;
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 1..=2) || !digits(m, 2..=2) {
        return None;
    }
    LocalTime::from_hm(h.parse().ok()?, m.parse().ok()?)
}

impl HoursRow {
    /// The row showing `a`.
    pub fn from_availability(a: &Availability) -> Self {
        let mut days = [false; 7];
        for d in &a.days {
            days[*d as usize] = true;
        }
        Self {
            days,
            from: a.from.to_string(),
            to: a.to.to_string(),
        }
    }

    /// The hours of row `row` (0-based; errors name its input — `m-from-0`, or `m-day-0-0`,
    /// the row's Monday, when no day is ticked — and say which row, counting from 1).
    pub fn availability(&self, row: usize) -> Result<Availability, FormError> {
        let error = |field: String, zh: &str, en: &str| {
            FormError::new(
                field,
                format!("第 {} 段时间：{zh}", row + 1),
                format!("Hours, row {}: {en}", row + 1),
            )
        };
        let days: Vec<Weekday> = WEEK
            .into_iter()
            .zip(self.days)
            .filter_map(|(d, on)| on.then_some(d))
            .collect();
        if days.is_empty() {
            return Err(error(
                format!("m-day-{row}-0"),
                "请至少选一天",
                "tick at least one day",
            ));
        }
        let from = time(&self.from).ok_or_else(|| {
            error(
                format!("m-from-{row}"),
                "开始时间应写成 08:30 这样",
                "opening time must be like 08:30",
            )
        })?;
        let to = time(&self.to).ok_or_else(|| {
            error(
                format!("m-to-{row}"),
                "结束时间应写成 17:30 这样",
                "closing time must be like 17:30",
            )
        })?;
        if to <= from {
            return Err(error(
                format!("m-to-{row}"),
                "结束时间要晚于开始时间",
                "closing time must be after opening time",
            ));
        }
        Ok(Availability { days, from, to })
    }
}
