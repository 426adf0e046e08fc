//! How numbers, pay and times read on screen, in the interface language. A posting's own
//! words (its title, trade and place) stay as the employer wrote them.

use linggong_core::{
    Explanation, MarketKind, PayUnit, Posting, PriorityGroup, Settlement, TermKind, Timestamp,
};

use crate::i18n::Lang;

/// `¥300/天 · 日结` (`¥300/day · paid daily`), or `面议` when the posting gives no amount.
pub fn pay_label(p: &Posting, lang: Lang) -> String {
    let negotiable = lang.pick("面议", "Negotiable");
    let Some(pay) = &p.pay else {
        return negotiable.to_string();
    };
    let amount = match pay.amount {
        Some(a) if a.fract() == 0.0 => format!("¥{a:.0}"),
        Some(a) => format!("¥{a:.2}"),
        None => negotiable.to_string(),
    };
    let unit = pay
        .unit
        .map(|u| format!("/{}", unit_label(u, lang)))
        .unwrap_or_default();
    match pay.settlement {
        Some(s) => format!("{amount}{unit} · {}", settlement_label(s, lang)),
        None => format!("{amount}{unit}"),
    }
}

/// 天 / day: what one amount pays for.
pub fn unit_label(unit: PayUnit, lang: Lang) -> &'static str {
    let en = match unit {
        PayUnit::Hour => "hour",
        PayUnit::Day => "day",
        PayUnit::Month => "month",
        PayUnit::Piece => "piece",
        PayUnit::Task => "task",
    };
    lang.pick(unit.label_zh(), en)
}

/// 日结 / paid daily.
pub fn settlement_label(settlement: Settlement, lang: Lang) -> &'static str {
    let en = match settlement {
        Settlement::SameDay => "paid daily",
        Settlement::Weekly => "paid weekly",
        Settlement::Monthly => "paid monthly",
        Settlement::OnCompletion => "paid on completion",
    };
    lang.pick(settlement.label_zh(), en)
}

/// Why a gig was recommended: the core's plain-Chinese reasons with their points, or in
/// English what each term compared (`trade +35; distance +16`).
pub fn explanation_label(explanation: &Explanation, lang: Lang) -> String {
    if lang == Lang::Zh {
        return explanation.summary_zh();
    }
    let term = |kind: TermKind| match kind {
        TermKind::Trade => "trade",
        TermKind::Distance => "distance",
        TermKind::Schedule => "hours",
        TermKind::Pay => "pay",
        TermKind::Skills => "skills",
        TermKind::Freshness => "posted recently",
        TermKind::Priority => "priority help",
    };
    explanation
        .terms
        .iter()
        .map(|t| format!("{} +{}", term(t.term), t.points))
        .collect::<Vec<_>>()
        .join("; ")
}

/// 零工市场 / gig market.
pub fn market_kind_label(kind: MarketKind, lang: Lang) -> &'static str {
    let en = match kind {
        MarketKind::Market => "gig market",
        MarketKind::Station => "gig station",
    };
    lang.pick(kind.label_zh(), en)
}

/// 大龄 / older worker: a priority group's name.
pub fn priority_label(group: PriorityGroup, lang: Lang) -> &'static str {
    let en = match group {
        PriorityGroup::Elderly => "older worker",
        PriorityGroup::Disabled => "person with a disability",
        PriorityGroup::LowIncome => "low-income family",
        PriorityGroup::LongUnemployed => "long-term unemployed",
    };
    lang.pick(group.label_zh(), en)
}

/// `800米` (`800 m`) under a kilometre, `1.2公里` (`1.2 km`) above.
pub fn distance_label(distance_m: f64, lang: Lang) -> String {
    match (distance_m < 1000.0, lang) {
        (true, Lang::Zh) => format!("{:.0}米", distance_m.max(0.0)),
        (true, Lang::En) => format!("{:.0} m", distance_m.max(0.0)),
        (false, Lang::Zh) => format!("{:.1}公里", distance_m / 1000.0),
        (false, Lang::En) => format!("{:.1} km", distance_m / 1000.0),
    }
}

/// `11月23日 13:00` (`23 Nov 13:00`) in the timestamp's own offset.
pub fn date_time_label(t: Timestamp, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let linggong_core::LocalFields {
        month,
        day,
        hour,
        minute,
        ..
    } = t.local_fields();
    match lang {
        Lang::Zh => format!("{month}月{day}日 {hour:02}:{minute:02}"),
        Lang::En => {
            let name = usize::try_from(month)
                .ok()
                .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
                .copied()
                .unwrap_or_default();
            format!("{day} {name} {hour:02}:{minute:02}")
        }
    }
}

/// `11月23日 08:00–17:00`, or the start alone, or `时间面议` (`Time to agree`).
pub fn schedule_label(p: &Posting, lang: Lang) -> String {
    let to_agree = lang.pick("时间面议", "Time to agree");
    let Some(schedule) = &p.schedule else {
        return to_agree.to_string();
    };
    match (schedule.start, schedule.end) {
        (Some(start), Some(end)) if same_day(start, end) => {
            let linggong_core::LocalFields {
                hour: h, minute: m, ..
            } = end.local_fields();
            format!("{}–{h:02}:{m:02}", date_time_label(start, lang))
        }
        (Some(start), Some(end)) => format!(
            "{} {} {}",
            date_time_label(start, lang),
            lang.pick("至", "to"),
            date_time_label(end, lang)
        ),
        (Some(start), None) => date_time_label(start, lang),
        _ => to_agree.to_string(),
    }
}

fn same_day(a: Timestamp, b: Timestamp) -> bool {
    let (a, b) = (a.local_fields(), b.local_fields());
    (a.year, a.month, a.day) == (b.year, b.month, b.day)
}

/// Where the gig is, as the employer wrote it (its address), or empty.
pub fn place_label(p: &Posting) -> String {
    p.location
        .as_ref()
        .and_then(|l| l.address.clone())
        .unwrap_or_default()
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
    fn pay_reads_amount_unit_and_settlement_in_either_language() {
        let p = parse_posting(
            r#"{"id": "a", "pay": {"amount": 300, "unit": "day", "settlement": "same_day"}}"#,
        )
        .unwrap();
        assert_eq!(pay_label(&p, Lang::Zh), "¥300/天 · 日结");
        assert_eq!(pay_label(&p, Lang::En), "¥300/day · paid daily");
        let p = parse_posting(r#"{"id": "a", "pay": {"amount": 22.5, "unit": "hour"}}"#).unwrap();
        assert_eq!(pay_label(&p, Lang::Zh), "¥22.50/小时");
        let none = parse_posting(r#"{"id": "a"}"#).unwrap();
        assert_eq!(pay_label(&none, Lang::Zh), "面议");
        assert_eq!(pay_label(&none, Lang::En), "Negotiable");
    }

    #[test]
    fn a_match_explains_itself_in_chinese_sentences_or_english_terms() {
        let e = Explanation::new(vec![
            linggong_core::MatchTerm::new(TermKind::Trade, 1.0, "工种对口".into()),
            linggong_core::MatchTerm::new(TermKind::Distance, 0.5, "距离5.0公里".into()),
        ]);
        assert_eq!(
            explanation_label(&e, Lang::Zh),
            "工种对口（+35）；距离5.0公里（+10）"
        );
        assert_eq!(explanation_label(&e, Lang::En), "trade +35; distance +10");
    }

    #[test]
    fn distances_read_in_metres_then_kilometres() {
        assert_eq!(distance_label(812.4, Lang::Zh), "812米");
        assert_eq!(distance_label(1234.0, Lang::Zh), "1.2公里");
        assert_eq!(distance_label(812.4, Lang::En), "812 m");
        assert_eq!(distance_label(1234.0, Lang::En), "1.2 km");
    }

    #[test]
    fn a_one_day_schedule_reads_as_date_and_hours() {
        let p = parse_posting(r#"{"id": "a", "schedule": {"start": "2026-11-23T08:00:00+08:00", "end": "2026-11-23T17:00:00+08:00"}}"#).unwrap();
        assert_eq!(schedule_label(&p, Lang::Zh), "11月23日 08:00–17:00");
        assert_eq!(schedule_label(&p, Lang::En), "23 Nov 08:00–17:00");
        let p = parse_posting(r#"{"id": "a", "schedule": {"start": "2026-12-31T08:00:00+08:00", "end": "2027-01-02T17:00:00+08:00"}}"#).unwrap();
        assert_eq!(schedule_label(&p, Lang::En), "31 Dec 08:00 to 2 Jan 17:00");
    }
}
