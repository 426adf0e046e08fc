//! A posting's applicants in the order to call them: those registered with the market
//! (求职登记, by their choice) ranked by core's `seekers_for_gig` — the ranking staff use,
//! priority help capped and explained — then the rest, oldest first. The employer sees the
//! score and its reasons, never the registration, and of the priority groups (sensitive
//! personal information) only that the seeker gets priority help, not which group.

use linggong_core::{
    Explanation, Party, Posting, SeekerProfile, TermKind, Timestamp, seekers_for_gig,
};
use serde_json::{Value, json};

use crate::store::{MarketStore, StoreResult, StoredApplication};

/// The applications in calling order, each with `match` (`{score, summary, terms}`) when its
/// seeker's registration ranks for the gig, `null` otherwise.
pub(super) async fn in_calling_order<S: MarketStore>(
    store: &S,
    posting: &Posting,
    applications: Vec<StoredApplication>,
    now: Timestamp,
    party: Party,
) -> StoreResult<Vec<(StoredApplication, Value)>> {
    let mut profiles: Vec<SeekerProfile> = Vec::new();
    for id in applications
        .iter()
        .filter_map(|a| a.application.registration_id.as_deref())
    {
        profiles.extend(store.seeker(id).await?);
    }
    // A gig without a position ranks nobody: every applicant keeps the order they came in.
    let ranked = seekers_for_gig(posting, &profiles, now, profiles.len()).unwrap_or_default();
    let rank_of = |a: &StoredApplication| {
        let id = a.application.registration_id.as_deref()?;
        ranked.iter().position(|m| m.seeker.id == id)
    };
    let mut ordered: Vec<(Option<usize>, StoredApplication)> =
        applications.into_iter().map(|a| (rank_of(&a), a)).collect();
    // Ranked first, by rank; the stable sort keeps the rest oldest first.
    ordered.sort_by_key(|(rank, _)| rank.unwrap_or(usize::MAX));
    Ok(ordered
        .into_iter()
        .map(|(rank, a)| {
            let explained = rank.map_or(Value::Null, |r| {
                let e = shown_to(&ranked[r].explanation, party);
                json!({"score": e.score, "summary": e.summary_zh(), "terms": e.terms})
            });
            (a, explained)
        })
        .collect())
}

/// The explanation as `party` may see it: staff see the groups, an employer only the term.
fn shown_to(explanation: &Explanation, party: Party) -> Explanation {
    let mut shown = explanation.clone();
    if party != Party::Staff {
        for term in shown
            .terms
            .iter_mut()
            .filter(|t| t.term == TermKind::Priority)
        {
            term.note = format!("{}（就业援助对象）", TermKind::Priority.label_zh());
        }
    }
    shown
}
