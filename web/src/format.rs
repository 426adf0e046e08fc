//! How numbers, pay and times read on screen.

use linggong_core::{Posting, Timestamp};

/// `¥300/天 · 日结`, or `面议` when the posting gives no amount.
pub fn pay_label(p: &Posting) -> String {
    let Some(pay) = &p.pay else {
        return "面议".to_string();
    };
    let amount = match pay.amount {
        Some(a) if a.fract() == 0.0 => format!("¥{a:.0}"),
        Some(a) => format!("¥{a:.2}"),
        None => "面议".to_string(),
    };
    let unit = pay
        .unit
        .map(|u| format!("/{}", u.label_zh()))
        .unwrap_or_default();
    match pay.settlement {
        Some(s) => format!("{amount}{unit} · {}", s.label_zh()),
        None => format!("{amount}{unit}"),
    }
}

/// `800米` under a kilometre, `1.2公里` above.
pub fn distance_label(distance_m: f64) -> String {
    if distance_m < 1000.0 {
        format!("{:.0}米", distance_m.max(0.0))
    } else {
        format!("{:.1}公里", distance_m / 1000.0)
    }
}

/// `11月23日 08:00–17:00`, or the start alone, or `时间面议`.
pub fn schedule_label(p: &Posting) -> String {
    let Some(schedule) = &p.schedule else {
        return "时间面议".to_string();
    };
    match (schedule.start, schedule.end) {
        (Some(start), Some(end)) if same_day(start, end) => {
            let (_, _, _, h, m, _, _) = end.local_fields();
            format!("{}–{h:02}:{m:02}", crate::clock::short_date_time(start))
        }
        (Some(start), Some(end)) => format!(
            "{} 至 {}",
            crate::clock::short_date_time(start),
            crate::clock::short_date_time(end)
        ),
        (Some(start), None) => crate::clock::short_date_time(start),
        _ => "时间面议".to_string(),
    }
}

fn same_day(a: Timestamp, b: Timestamp) -> bool {
    let (ya, ma, da, ..) = a.local_fields();
    let (yb, mb, db, ..) = b.local_fields();
    (ya, ma, da) == (yb, mb, db)
}

/// The trade's display name: the taxonomy's if recognised, else the posting's words.
pub fn trade_label(p: &Posting) -> String {
    let Some(text) = p.trade.as_deref() else {
        return "零工".to_string();
    };
    linggong_core::Taxonomy::builtin()
        .resolve(text)
        .map(|t| t.name.clone())
        .unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use linggong_core::parse_posting;

    #[test]
    fn pay_reads_amount_unit_and_settlement() {
        let p = parse_posting(
            r#"{"id": "a", "pay": {"amount": 300, "unit": "day", "settlement": "same_day"}}"#,
        )
        .unwrap();
        assert_eq!(pay_label(&p), "¥300/天 · 日结");
        let p = parse_posting(r#"{"id": "a", "pay": {"amount": 22.5, "unit": "hour"}}"#).unwrap();
        assert_eq!(pay_label(&p), "¥22.50/小时");
        assert_eq!(pay_label(&parse_posting(r#"{"id": "a"}"#).unwrap()), "面议");
    }

    #[test]
    fn distances_read_in_metres_then_kilometres() {
        assert_eq!(distance_label(812.4), "812米");
        assert_eq!(distance_label(1234.0), "1.2公里");
    }

    #[test]
    fn a_one_day_schedule_reads_as_date_and_hours() {
        let p = parse_posting(r#"{"id": "a", "schedule": {"start": "2026-11-23T08:00:00+08:00", "end": "2026-11-23T17:00:00+08:00"}}"#).unwrap();
        assert_eq!(schedule_label(&p), "11月23日 08:00–17:00");
    }
}
