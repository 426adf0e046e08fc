//! How each term of a match is scored and explained.

use super::{MatchTerm, PRIORITY_CAP_POINTS, PRIORITY_POINTS_PER_GROUP, TermKind};
use crate::text::normalize_text;
use crate::{MatchKind, Posting, SeekerProfile, Taxonomy, Timestamp, Trade, hourly_pay_cny};

/// What a seeker's profile says, normalised once per search.
pub(super) struct SeekerView<'s> {
    /// Trades the seeker named, with how the text matched.
    pub trades: Vec<(&'static Trade, MatchKind, &'s str)>,
    pub skills: Vec<String>,
    pub min_hourly: Option<f64>,
}

impl<'s> SeekerView<'s> {
    pub(super) fn new(profile: &'s SeekerProfile) -> Self {
        let taxonomy = Taxonomy::builtin();
        let trades = profile
            .trades
            .iter()
            .filter_map(|text| {
                let n = taxonomy.normalize(text);
                Some((n.trade?, n.via?, text.as_str()))
            })
            .collect();
        Self {
            trades,
            skills: profile
                .skills
                .iter()
                .map(|s| normalize_text(s))
                .filter(|s| !s.is_empty())
                .collect(),
            min_hourly: profile.min_hourly_pay_cny(),
        }
    }
}

pub(super) fn trade(seeker: &SeekerView<'_>, gig_trade: Option<&Trade>) -> MatchTerm {
    let Some(gig) = gig_trade else {
        return MatchTerm::new(TermKind::Trade, 0.0, "岗位工种未能识别".into());
    };
    if seeker.trades.is_empty() {
        return MatchTerm::new(
            TermKind::Trade,
            0.5,
            format!("您未填写会做的工种，岗位是{}", gig.name),
        );
    }
    let taxonomy = Taxonomy::builtin();
    let mut best = MatchTerm::new(
        TermKind::Trade,
        0.0,
        format!("工种不同：岗位是{}", gig.name),
    );
    for (trade, via, text) in &seeker.trades {
        let term = if trade.id == gig.id && *via == MatchKind::Name {
            MatchTerm::new(TermKind::Trade, 1.0, format!("工种对口：{}", gig.name))
        } else if trade.id == gig.id {
            MatchTerm::new(
                TermKind::Trade,
                0.9,
                format!("工种对口：您填写的“{text}”即{}", gig.name),
            )
        } else if trade.related.contains(&gig.id)
            || taxonomy.related(&gig.id).any(|r| r.id == trade.id)
        {
            MatchTerm::new(
                TermKind::Trade,
                0.5,
                format!("相关工种：您会{}，岗位是{}", trade.name, gig.name),
            )
        } else {
            continue;
        };
        if term.value > best.value {
            best = term;
        }
    }
    best
}

pub(super) fn distance(distance_m: f64, max_m: f64) -> MatchTerm {
    let note = if distance_m < 1000.0 {
        format!("距离{}米", distance_m.round())
    } else {
        format!("距离{:.1}公里", distance_m / 1000.0)
    };
    MatchTerm::new(TermKind::Distance, 1.0 - distance_m / max_m, note)
}

/// Share of the gig's daily hours, over its days, that fall in the seeker's available time.
pub(super) fn schedule(seeker: &SeekerProfile, posting: &Posting) -> MatchTerm {
    let s = posting.schedule.as_ref();
    let Some(start) = s.and_then(|s| s.start) else {
        return MatchTerm::new(TermKind::Schedule, 0.5, "开工时间未定".into());
    };
    if seeker.availability.is_empty() {
        return MatchTerm::new(TermKind::Schedule, 0.5, "您未填写可工作时间".into());
    }
    let end = s
        .and_then(|s| s.end)
        .filter(|e| *e >= start)
        .unwrap_or(start);
    let hours = s
        .and_then(|s| s.hours_per_day)
        .filter(|h| *h > 0.0 && *h <= 24.0)
        .unwrap_or(crate::DEFAULT_HOURS_PER_DAY);
    let offset_s = i64::from(start.offset_min()) * 60;
    let first_day = (start.unix_s() + offset_s).div_euclid(86_400);
    let last_day = (end.unix_s() + offset_s)
        .div_euclid(86_400)
        .min(first_day + 30);
    let local = start.local_fields();
    let (from, first_weekday) = (f64::from(local.minute_of_day()), local.weekday);
    let to = (from + hours * 60.0).min(1440.0);
    let days = (last_day - first_day + 1) as usize;
    let covered: f64 = (0..days)
        .map(|i| {
            let weekday = crate::Weekday::from_index((first_weekday + i as u32) % 7);
            seeker
                .availability
                .iter()
                .filter(|a| weekday.is_some_and(|w| a.days.contains(&w)))
                .map(|a| {
                    let overlap = (to.min(f64::from(a.to.minutes()))
                        - from.max(f64::from(a.from.minutes())))
                    .max(0.0);
                    if to > from {
                        overlap / (to - from)
                    } else {
                        0.0
                    }
                })
                .fold(0.0, f64::max)
        })
        .sum();
    let value = covered / days as f64;
    let note = if value >= 0.999 {
        "工作时间都在您的可工作时间内".to_string()
    } else if value <= 0.001 {
        "工作时间不在您的可工作时间内".to_string()
    } else {
        format!("约{:.0}%的工作时间在您的可工作时间内", value * 100.0)
    };
    MatchTerm::new(TermKind::Schedule, value, note)
}

pub(super) fn pay(seeker: &SeekerView<'_>, posting: &Posting) -> MatchTerm {
    match (hourly_pay_cny(posting), seeker.min_hourly) {
        (None, _) => MatchTerm::new(TermKind::Pay, 0.5, "计件或未写明工资，无法折算时薪".into()),
        (Some(h), None) => MatchTerm::new(
            TermKind::Pay,
            0.5,
            format!("折合每小时¥{h:.0}（您未填写期望工资）"),
        ),
        (Some(h), Some(min)) if h >= min => MatchTerm::new(
            TermKind::Pay,
            1.0,
            format!("折合每小时¥{h:.0}，不低于您期望的¥{min:.0}"),
        ),
        (Some(h), Some(min)) => MatchTerm::new(
            TermKind::Pay,
            h / min,
            format!("折合每小时¥{h:.0}，低于您期望的¥{min:.0}"),
        ),
    }
}

const NO_REQUIREMENT: [&str; 5] = ["不限", "无", "无要求", "无需经验", "不需要"];

pub(super) fn skills(seeker: &SeekerView<'_>, posting: &Posting) -> MatchTerm {
    let required: Vec<String> = posting
        .skills
        .iter()
        .flatten()
        .map(|s| normalize_text(s))
        .filter(|s| !s.is_empty() && !NO_REQUIREMENT.contains(&s.as_str()))
        .collect();
    if required.is_empty() {
        return MatchTerm::new(TermKind::Skills, 1.0, "无特殊技能要求".into());
    }
    let has = |need: &str| {
        seeker
            .skills
            .iter()
            .any(|s| s.contains(need) || need.contains(s.as_str()))
    };
    let (met, missing): (Vec<&String>, Vec<&String>) = required.iter().partition(|r| has(r));
    let note = match (met.is_empty(), missing.is_empty()) {
        (_, true) => format!("具备所需技能：{}", join(&met)),
        (true, false) => format!("缺少所需技能：{}", join(&missing)),
        (false, false) => format!("具备{}，缺少{}", join(&met), join(&missing)),
    };
    MatchTerm::new(
        TermKind::Skills,
        met.len() as f64 / required.len() as f64,
        note,
    )
}

fn join(items: &[&String]) -> String {
    items
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

/// Full points within a day of posting, none after [`FRESHNESS_DAYS`] days.
pub(super) const FRESHNESS_DAYS: f64 = 14.0;

pub(super) fn freshness(posting: &Posting, now: Timestamp) -> MatchTerm {
    let Some(posted) = posting.posted_at else {
        return MatchTerm::new(TermKind::Freshness, 0.5, "发布时间未知".into());
    };
    let age_days = ((now.unix_s() - posted.unix_s()) as f64 / 86_400.0).max(0.0);
    let value = if age_days <= 1.0 {
        1.0
    } else {
        1.0 - (age_days - 1.0) / (FRESHNESS_DAYS - 1.0)
    };
    let note = if age_days < 1.0 {
        "今天发布".to_string()
    } else {
        format!("{}天前发布", age_days.floor())
    };
    MatchTerm::new(TermKind::Freshness, value, note)
}

pub(super) fn priority(seeker: &SeekerProfile) -> Option<MatchTerm> {
    let mut groups = seeker.priority.clone();
    groups.dedup();
    if groups.is_empty() {
        return None;
    }
    let points = (PRIORITY_POINTS_PER_GROUP * groups.len() as f64).min(PRIORITY_CAP_POINTS);
    let names: Vec<&str> = groups.iter().map(|g| g.label_zh()).collect();
    let note = format!(
        "优先帮扶：{}（每类+{PRIORITY_POINTS_PER_GROUP}分，最多+{PRIORITY_CAP_POINTS}分）",
        names.join("、")
    );
    Some(MatchTerm::new(
        TermKind::Priority,
        points / PRIORITY_CAP_POINTS,
        note,
    ))
}

/// Whether a gig can still be taken at `now`: not past its closing time nor its last day.
pub(super) fn still_open(posting: &Posting, now: Timestamp) -> bool {
    let closed = posting.valid_through.is_some_and(|v| v < now);
    let over = posting
        .schedule
        .as_ref()
        .and_then(|s| s.end)
        .is_some_and(|e| e < now);
    !closed && !over
}
