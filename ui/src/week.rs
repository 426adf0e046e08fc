//! The days of the week and opening hours as people read them (`周一至周五 08:30–17:30`):
//! the markets' hours on the phone and the desk, the days on registration forms.

use linggong_core::{Availability, Weekday};

use crate::i18n::Lang;

/// Monday … Sunday, the order forms list them.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The days' names, Chinese and English, Monday first.
pub const DAY_NAMES: [(&str, &str); 7] = [
    ("周一", "Mon"),
    ("周二", "Tue"),
    ("周三", "Wed"),
    ("周四", "Thu"),
    ("周五", "Fri"),
    ("周六", "Sat"),
    ("周日", "Sun"),
];

/// Days as people say them: `每天`, `周一至周五`, `周六、周日`, `周一、周三至周五`.
fn days_label(days: &[Weekday], lang: Lang) -> String {
    let on: Vec<bool> = WEEK.iter().map(|d| days.contains(d)).collect();
    if on.iter().all(|&o| o) {
        return lang.pick("每天", "Daily").to_string();
    }
    let name = |i: usize| lang.pick(DAY_NAMES[i].0, DAY_NAMES[i].1);
    let mut parts = Vec::new();
    let mut i = 0;
    while i < 7 {
        if !on[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i + 1 < 7 && on[i + 1] {
            i += 1;
        }
        match i - start {
            0 => parts.push(name(start).to_string()),
            1 => parts.extend([name(start).to_string(), name(i).to_string()]),
            _ => parts.push(format!(
                "{}{}{}",
                name(start),
                lang.pick("至", "–"),
                name(i)
            )),
        }
        i += 1;
    }
    parts.join(lang.pick("、", ", "))
}

/// A row of hours as people read it: `周一至周五 08:30–17:30`.
///
/// ```
/// use linggong_core::{Availability, Weekday::*};
/// use linggong_ui::{i18n::Lang, week::hours_label};
/// let a = Availability { days: vec![Mon, Wed, Thu, Fri], from: "08:30".parse().unwrap(), to: "17:30".parse().unwrap() };
/// assert_eq!(hours_label(&a, Lang::Zh), "周一、周三至周五 08:30–17:30");
/// assert_eq!(hours_label(&a, Lang::En), "Mon, Wed–Fri 08:30–17:30");
/// ```
pub fn hours_label(a: &Availability, lang: Lang) -> String {
    format!("{} {}–{}", days_label(&a.days, lang), a.from, a.to)
}
