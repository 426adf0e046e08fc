//! A posting as the employer types it: every field the standards ask for, as text, turned
//! into the interchange format's [`Posting`] for the audit (as they type) and the server.

use linggong_core::{
    Employer, Location, Pay, PayUnit, Posting, Schedule, Settlement, Timestamp, parse_decimal,
};

/// China Standard Time: a market's forms are filled in local time (UTC+8, no summer time).
const CHINA_OFFSET: &str = "+08:00";

/// The form as typed; every field is the text of its input.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    pub title: String,
    pub trade: String,
    /// Skills, separated by 、 or commas; "不限" for none.
    pub skills: String,
    pub content: String,
    pub address: String,
    pub lat: String,
    pub lng: String,
    /// `datetime-local` text: `2026-11-24T08:00`, China time.
    pub start: String,
    pub end: String,
    pub hours_per_day: String,
    pub amount: String,
    pub unit: String,
    pub settlement: String,
    pub headcount: String,
    pub employer: String,
    pub contact: String,
    /// Until when the posting is shown (`datetime-local`); the start of work when empty.
    pub valid_through: String,
}

/// The trimmed text, or `None` when blank.
fn some(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A `datetime-local` value (`2026-11-24T08:00`) in China time.
pub fn local_time(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if text.len() != 16 {
        return None;
    }
    format!("{text}:00{CHINA_OFFSET}").parse().ok()
}

impl Draft {
    /// The posting this draft describes, under `id`, posted at `now`. Blank or unreadable
    /// fields are left out, so the audit names them.
    pub fn posting(&self, id: &str, now: Timestamp) -> Posting {
        let skills: Vec<String> = self
            .skills
            .split(['、', ',', '，'])
            .filter_map(some)
            .collect();
        let start = local_time(&self.start);
        let schedule = Schedule {
            start,
            end: local_time(&self.end),
            hours_per_day: parse_decimal(&self.hours_per_day),
        };
        let location = Location {
            lat: parse_decimal(&self.lat),
            lng: parse_decimal(&self.lng),
            address: some(&self.address),
            ..Location::default()
        };
        let placed = location.address.is_some() || location.lat.is_some();
        Posting {
            id: id.to_string(),
            title: some(&self.title),
            trade: some(&self.trade),
            skills: (!skills.is_empty()).then_some(skills),
            content: some(&self.content),
            location: placed.then_some(location),
            schedule: (schedule != Schedule::default()).then_some(schedule),
            pay: Some(Pay {
                amount: parse_decimal(&self.amount),
                unit: PayUnit::from_key(&self.unit),
                settlement: Settlement::from_key(&self.settlement),
            }),
            headcount: self.headcount.trim().parse().ok(),
            employer: Some(Employer {
                name: some(&self.employer),
                contact: some(&self.contact),
                ..Employer::default()
            }),
            posted_at: Some(now),
            valid_through: local_time(&self.valid_through).or(start),
        }
    }

    /// The same gig to post again: everything but the times, which a new gig sets anew.
    pub fn again(posting: &Posting) -> Self {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let number = |v: Option<f64>| v.map(|n| n.to_string()).unwrap_or_default();
        let location = posting.location.clone().unwrap_or_default();
        let pay = posting.pay.clone().unwrap_or_default();
        let employer = posting.employer.clone().unwrap_or_default();
        Self {
            title: text(&posting.title),
            trade: text(&posting.trade),
            skills: posting.skills.clone().unwrap_or_default().join("、"),
            content: text(&posting.content),
            address: text(&location.address),
            lat: number(location.lat),
            lng: number(location.lng),
            hours_per_day: number(posting.schedule.as_ref().and_then(|s| s.hours_per_day)),
            amount: number(pay.amount),
            unit: pay.unit.map(PayUnit::key).unwrap_or_default().to_string(),
            settlement: pay
                .settlement
                .map(Settlement::key)
                .unwrap_or_default()
                .to_string(),
            headcount: posting.headcount.map(|n| n.to_string()).unwrap_or_default(),
            employer: text(&employer.name),
            contact: text(&employer.contact),
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use linggong_core::{AuditContext, audit};

    use super::*;

    fn now() -> Timestamp {
        "2026-11-23T09:00:00+08:00".parse().unwrap()
    }

    fn filled() -> Draft {
        Draft {
            title: "商场日常保洁".into(),
            trade: "保洁员".into(),
            skills: "不限".into(),
            content: "商场日常保洁，男女不限，提供工具".into(),
            address: "南京市玄武区中山路1号".into(),
            lat: "32.07".into(),
            lng: "118.79".into(),
            start: "2026-11-24T08:00".into(),
            end: "2026-11-24T17:00".into(),
            hours_per_day: "8".into(),
            amount: "200".into(),
            unit: "day".into(),
            settlement: "same_day".into(),
            headcount: "2".into(),
            employer: "玄武区某物业公司".into(),
            contact: "13800000000".into(),
            valid_through: String::new(),
        }
    }

    #[test]
    fn a_filled_in_form_is_a_posting_the_audit_passes() {
        let posting = filled().posting("d-1", now());
        let report = audit(&posting, &AuditContext::new().with_now(now()));
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        assert_eq!(
            posting.valid_through,
            local_time("2026-11-24T08:00"),
            "shown until work starts"
        );
        assert_eq!(posting.skills.as_deref(), Some(&["不限".to_string()][..]));
    }

    #[test]
    fn an_empty_form_leaves_every_field_out_so_the_audit_names_each() {
        let posting = Draft::default().posting("d-1", now());
        let report = audit(&posting, &AuditContext::new().with_now(now()));
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
        for code in [
            "missing.trade",
            "missing.location",
            "missing.schedule",
            "missing.pay",
        ] {
            assert!(codes.contains(&code), "{code} in {codes:?}");
        }
    }

    #[test]
    fn times_are_read_as_china_time_and_anything_else_is_left_out() {
        let t = local_time("2026-11-24T08:00").unwrap();
        assert_eq!(t.to_string(), "2026-11-24T08:00:00+08:00");
        assert_eq!(local_time("2026-11-24"), None);
        assert_eq!(local_time("明天早上八点"), None);
    }

    #[test]
    fn posting_again_keeps_the_gig_and_drops_its_times() {
        let posting = filled().posting("d-1", now());
        let again = Draft::again(&posting);
        assert_eq!(
            again,
            Draft {
                start: String::new(),
                end: String::new(),
                ..filled()
            }
        );
    }
}
