//! The month's service figures from the ledger (Zhejiang 附件2, 23–25): employers recruiting,
//! postings published, seekers registered, seekers who applied, seekers who reached an
//! agreement (结果确认) and their share, work completed, seekers of a priority group helped
//! into work, and how many of the entries staff made at the counter (代录) — counted from
//! events, so they are the ledger's own numbers.

use std::collections::{HashMap, HashSet};

use linggong_core::Period;
use serde::Serialize;

use super::Entry;

/// What the market did in a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ServiceFigures {
    /// Employers who posted (their accounts' submissions in the period).
    pub employers_recruiting: usize,
    /// Postings published in the period.
    pub postings_published: usize,
    /// Registrations with the market (求职登记) made in the period.
    pub seekers_registered: usize,
    /// Seekers (distinct phone numbers, counted by their salted hash) who applied.
    pub seekers_applied: usize,
    /// Seekers who confirmed an employer's offer (初步达成意向).
    pub seekers_confirmed: usize,
    /// Seekers served: who applied or confirmed in the period.
    pub seekers_served: usize,
    /// `seekers_confirmed ÷ seekers_served`; none when nobody was served.
    pub confirmed_share: Option<f64>,
    /// Applications completed (完工).
    pub completed: usize,
    /// Seekers of a priority group (优先帮扶, declared with its own consent in their
    /// registration when they applied) whose work was completed: helped into work.
    pub priority_helped: usize,
    /// Reports (举报) received.
    pub reports: usize,
    /// Postings and registrations staff entered at the counter (代录) for people who came to
    /// the market in person: the offline share of the services above.
    pub entered_at_counter: usize,
}

/// Whether the event may be a posting's arrival (published at once, or waiting for review);
/// its actor tells an arrival (employer, or staff at the counter) from staff's approval.
fn posting_submitted(e: &Entry) -> bool {
    matches!(
        e.kind.as_str(),
        "posting.published" | "posting.pending_review"
    )
}

/// Employers who posted in the events given: accounts by their id, and the employers the
/// counter entered postings for (no account) by the hash of their name. An employer with an
/// account who also came to the counter counts twice: the ledger cannot tell them apart.
fn employers_recruiting<'a>(events: impl Iterator<Item = &'a Entry>) -> usize {
    let mut accounts: HashSet<i64> = HashSet::new();
    let mut at_counter: HashSet<&str> = HashSet::new();
    for e in events.filter(|e| posting_submitted(e)) {
        if e.actor == "employer" {
            accounts.extend(e.actor_id);
        } else if e.channel == "offline" {
            at_counter.extend(e.detail.get("employer").map(String::as_str));
        }
    }
    accounts.len() + at_counter.len()
}

/// The figures of `period` (every event when `None`) from the whole ledger, oldest first.
pub fn service_figures(events: &[Entry], period: Option<&Period>) -> ServiceFigures {
    // An application's seeker is named (by hash) in its first event only, with whether the
    // seeker declared a priority group.
    let submitted = || events.iter().filter(|e| e.kind == "application.submitted");
    let seeker_of: HashMap<&str, &str> = submitted()
        .filter_map(|e| Some((e.subject.as_str(), e.detail.get("seeker")?.as_str())))
        .collect();
    let priority: HashSet<&str> = submitted()
        .filter(|e| e.detail.get("priority").is_some_and(|v| v == "yes"))
        .map(|e| e.subject.as_str())
        .collect();
    let mut applied: HashSet<&str> = HashSet::new();
    let mut confirmed: HashSet<&str> = HashSet::new();
    let mut helped: HashSet<&str> = HashSet::new();
    let mut figures = ServiceFigures::default();
    for e in events.iter().filter(|e| e.within(period)) {
        match e.kind.as_str() {
            "posting.published" => figures.postings_published += 1,
            "registration.made" => figures.seekers_registered += 1,
            "application.submitted" => {
                applied.extend(seeker_of.get(e.subject.as_str()));
            }
            "application.confirmed" => {
                confirmed.extend(seeker_of.get(e.subject.as_str()));
            }
            "application.completed" => {
                figures.completed += 1;
                if priority.contains(e.subject.as_str()) {
                    helped.extend(seeker_of.get(e.subject.as_str()));
                }
            }
            "report.received" => figures.reports += 1,
            _ => {}
        }
        let entered = posting_submitted(e) || e.kind == "registration.made";
        if entered && e.channel == "offline" {
            figures.entered_at_counter += 1;
        }
    }
    figures.employers_recruiting = employers_recruiting(events.iter().filter(|e| e.within(period)));
    figures.seekers_applied = applied.len();
    figures.seekers_confirmed = confirmed.len();
    figures.priority_helped = helped.len();
    let served = applied.union(&confirmed).count();
    figures.seekers_served = served;
    figures.confirmed_share = (served > 0).then(|| confirmed.len() as f64 / served as f64);
    figures
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn event(seq: i64, at: &str, kind: &str, subject: &str, detail: &[(&str, &str)]) -> Entry {
        Entry {
            seq,
            at: at.into(),
            kind: kind.into(),
            subject: subject.into(),
            actor: if kind.starts_with("posting") {
                "employer"
            } else {
                "seeker"
            }
            .into(),
            actor_id: kind.starts_with("posting").then_some(seq % 2),
            channel: "online".into(),
            detail: detail
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    #[test]
    fn the_months_figures_count_each_seeker_once_and_only_the_months_events() {
        let (oct, nov) = ("2026-10-31T23:00:00+08:00", "2026-11-02T09:00:00+08:00");
        let events = [
            event(1, oct, "posting.published", "p1", &[]),
            event(2, oct, "application.submitted", "a1", &[("seeker", "s1")]),
            event(3, nov, "posting.published", "p2", &[]),
            event(4, nov, "posting.published", "p3", &[]),
            event(5, nov, "application.confirmed", "a1", &[]),
            event(6, nov, "application.submitted", "a2", &[("seeker", "s2")]),
            event(7, nov, "application.submitted", "a3", &[("seeker", "s2")]),
            event(8, nov, "application.confirmed", "a3", &[]),
            event(9, nov, "application.completed", "a3", &[]),
            event(10, nov, "registration.made", "r1", &[]),
            event(
                11,
                nov,
                "application.submitted",
                "a4",
                &[("seeker", "s3"), ("priority", "yes")],
            ),
            event(
                12,
                nov,
                "application.submitted",
                "a5",
                &[("seeker", "s3"), ("priority", "yes")],
            ),
            event(13, nov, "application.completed", "a4", &[]),
            event(14, nov, "application.completed", "a5", &[]),
        ];
        let november = Period::month("2026-11", 480).unwrap();
        let f = service_figures(&events, Some(&november));
        assert_eq!(f.postings_published, 2);
        assert_eq!(f.employers_recruiting, 2, "accounts 1 and 0");
        assert_eq!(f.seekers_registered, 1);
        assert_eq!(f.seekers_applied, 2, "s2 applied twice in November, and s3");
        assert_eq!(f.seekers_confirmed, 2, "s1 (applied in October) and s2");
        assert_eq!(f.seekers_served, 3);
        assert_eq!(f.confirmed_share, Some(2.0 / 3.0));
        assert_eq!(f.completed, 3);
        assert_eq!(f.priority_helped, 1, "s3, twice");
        assert_eq!(service_figures(&[], None).confirmed_share, None);
    }

    /// Staff at the counter: a posting for 某物业 published at once, two for 某餐馆 (one waits
    /// for review and is approved online later), a registration; an employer's own posting.
    #[test]
    fn counter_entries_count_their_employers_once_each_and_the_entries() {
        let nov = "2026-11-02T09:00:00+08:00";
        let at_counter = |seq, kind: &str, subject: &str, detail: &[(&str, &str)]| Entry {
            actor: "staff".into(),
            actor_id: Some(9),
            channel: "offline".into(),
            ..event(seq, nov, kind, subject, detail)
        };
        let approval = Entry {
            actor: "staff".into(),
            actor_id: Some(9),
            ..event(4, nov, "posting.published", "p3", &[])
        };
        let events = [
            at_counter(1, "posting.published", "p1", &[("employer", "e1")]),
            at_counter(2, "posting.published", "p2", &[("employer", "e2")]),
            at_counter(3, "posting.pending_review", "p3", &[("employer", "e2")]),
            approval,
            at_counter(5, "registration.made", "r1", &[]),
            event(6, nov, "posting.published", "p4", &[]),
        ];
        let f = service_figures(&events, None);
        assert_eq!(f.employers_recruiting, 3, "e1, e2 and account 0");
        assert_eq!(f.entered_at_counter, 4, "three postings and a registration");
        assert_eq!(f.postings_published, 4);
        assert_eq!(f.seekers_registered, 1);
    }
}
