//! Staff check postings: the queue of those waiting, and a decision on each.

use axum::Json as JsonOut;
use axum::extract::{Path, State};
use linggong_core::{AuditContext, audit};
use serde::Deserialize;
use serde_json::{Value, json};

use super::body::Json;
use super::postings::actor_of;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::{MarketStore, PostingStatus, Report, Role, StoredPosting, Transition};

/// How many waiting postings one page of the queue shows.
const QUEUE_PAGE: i64 = 200;

/// `POST /api/v1/moderation/{id}`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    decision: Verdict,
    #[serde(default)]
    reason: Option<String>,
}

/// What staff decide.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Publish a waiting posting.
    Approve,
    /// Refuse a waiting posting, with a reason for the employer.
    Reject,
    /// Take a published posting down, with a reason (its reports are settled with it).
    TakeDown,
    /// Keep a reported posting published: its open reports are closed.
    Dismiss,
}

#[utoipa::path(get, path = "/api/v1/moderation", responses(
    (status = 200, description = "`{postings: [{posting, status, findings}], reported: [{posting, status, findings, reports: [{id, reason, created_at}]}]}`"),
    (status = 401, description = "Sign in first", body = super::openapi::ErrorBody),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/moderation`: the waiting postings, oldest first, each with its findings; and
/// the published postings seekers reported, each with its open reports beside it.
pub async fn queue<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
) -> Result<JsonOut<Value>, ApiError> {
    caller.with_role(Role::Staff)?;
    let context = AuditContext::new().with_now(state.clock.now());
    let entry = |s: StoredPosting| {
        let findings = audit(&s.posting, &context).findings;
        json!({"posting": s.posting, "status": s.status, "findings": findings})
    };
    let waiting = state.store.review_queue(QUEUE_PAGE).await?;
    let postings: Vec<Value> = waiting.into_iter().map(entry).collect();
    let mut reported: Vec<Value> = Vec::new();
    for (posting_id, reports) in by_posting(state.store.open_reports(QUEUE_PAGE).await?) {
        if let Some(stored) = state.store.posting(&posting_id).await? {
            let mut item = entry(stored);
            item["reports"] = json!(reports);
            reported.push(item);
        }
    }
    Ok(JsonOut(json!({"postings": postings, "reported": reported})))
}

/// Reports grouped by posting, postings in the order of their oldest report.
fn by_posting(reports: Vec<Report>) -> Vec<(String, Vec<Value>)> {
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    for r in reports {
        let item = json!({"id": r.id, "reason": r.reason, "created_at": r.created_at});
        match groups.iter_mut().find(|(id, _)| *id == r.posting_id) {
            Some((_, items)) => items.push(item),
            None => groups.push((r.posting_id, vec![item])),
        }
    }
    groups
}

#[utoipa::path(post, path = "/api/v1/moderation/{id}", params(("id" = String, Path)), request_body = Decision, responses(
    (status = 200, description = "`{status}`"),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody),
    (status = 409, description = "The posting is not in a state the decision applies to", body = super::openapi::ErrorBody),
    (status = 422, description = "A reason is owed", body = super::openapi::ErrorBody)))]
/// `POST /api/v1/moderation/{id}` `{decision, reason}`: 200 `{status}`; 409 when the
/// posting is not in a state the decision applies to; 422 without a reason where one is owed.
pub async fn decide<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Path(id): Path<String>,
    Json(d): Json<Decision>,
) -> Result<JsonOut<Value>, ApiError> {
    let account = caller.with_role(Role::Staff)?;
    let (from, to): (&[PostingStatus], PostingStatus) = match d.decision {
        Verdict::Dismiss => return dismiss(&state, &id, actor_of(account)).await,
        Verdict::Approve => (&[PostingStatus::PendingReview], PostingStatus::Published),
        Verdict::Reject => (&[PostingStatus::PendingReview], PostingStatus::Rejected),
        Verdict::TakeDown => (&[PostingStatus::Published], PostingStatus::TakenDown),
    };
    let reason = d.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if to != PostingStatus::Published && reason.is_none() {
        return Err(ApiError::invalid(
            "reason",
            "请写明原因 (say why: the employer is told)",
        ));
    }
    if reason.is_some_and(|r| r.chars().count() > 500) {
        return Err(ApiError::invalid(
            "reason",
            "原因最多500字 (500 characters at most)",
        ));
    }
    let t = Transition {
        id: &id,
        from,
        to,
        reason,
        actor: actor_of(account),
        at: state.clock.now(),
    };
    let stored = state.store.transition(t).await?;
    Ok(JsonOut(json!({"status": stored.status})))
}

/// Keeps a reported posting published and closes its open reports: 200 `{status,
/// dismissed}`; 409 when it has none open.
async fn dismiss<S: MarketStore>(
    state: &AppState<S>,
    id: &str,
    actor: crate::store::Actor,
) -> Result<JsonOut<Value>, ApiError> {
    let stored = state
        .store
        .posting(id)
        .await?
        .ok_or_else(|| ApiError::not_found("posting"))?;
    let dismissed = state
        .store
        .dismiss_reports(id, actor, state.clock.now())
        .await?;
    if dismissed == 0 {
        return Err(ApiError::new(
            axum::http::StatusCode::CONFLICT,
            "wrong_state",
            "这条信息没有待处理的举报 (no open report on this posting)",
        ));
    }
    Ok(JsonOut(
        json!({"status": stored.status, "dismissed": dismissed}),
    ))
}
