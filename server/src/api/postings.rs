//! Postings: submitted by employers (or by staff at the counter, 代录), audited by core,
//! published or queued for staff, shown, withdrawn.

use axum::Json as JsonOut;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use linggong_core::{AuditContext, Finding, Posting, Severity, Timestamp, audit, parse_posting};
use serde_json::{Value, json};

use super::body::JsonText;
use super::limits::{Class, Subject};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::{Actor, ActorRole, MarketStore, PostingStatus, Role, StoredPosting, Transition};
use crate::{AppState, MarketConfig, jsonld};

/// The state a posting enters when it arrives, by the same audit the phone runs: refused
/// (`Err`, the findings) when a finding blocks it; waiting for staff when one warns, or when
/// the market reviews everything; published otherwise (谁发布谁负责).
pub(crate) fn admission(
    posting: &Posting,
    now: Timestamp,
    config: MarketConfig,
) -> Result<(PostingStatus, Vec<Finding>), Vec<Finding>> {
    let report = audit(posting, &AuditContext::new().with_now(now));
    if report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Block)
    {
        return Err(report.findings);
    }
    let status = if report.findings.is_empty() && !config.review_all {
        PostingStatus::Published
    } else {
        PostingStatus::PendingReview
    };
    Ok((status, report.findings))
}

/// The 422 of a posting the audit blocks, with every finding.
fn blocked(findings: Vec<Finding>) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "blocked",
        "发布前请修改 (the posting cannot be published as it is)",
    )
    .with_findings(findings)
}

/// The actor an account acts as.
pub(crate) fn actor_of(account: &crate::store::Account) -> Actor {
    let role = match account.role {
        Role::Employer => ActorRole::Employer,
        Role::Staff => ActorRole::Staff,
    };
    Actor::online(role, Some(account.id))
}

#[utoipa::path(post, path = "/api/v1/postings", request_body(content = Object, description = "A posting in the interchange format (FORMAT.md)"), responses(
    (status = 201, description = "`{id, status, findings}`: published, or pending_review when the audit warns. From a staff account, an entry at the counter (代录): the ledger says `offline`"),
    (status = 401, description = "Sign in first", body = super::openapi::ErrorBody),
    (status = 409, description = "The id is taken", body = super::openapi::ErrorBody),
    (status = 422, description = "Malformed, or blocked by the audit (with findings)", body = super::openapi::ErrorBody)))]
/// `POST /api/v1/postings`: 201 `{id, status, findings}`; 422 when blocked.
pub async fn submit<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    JsonText(text): JsonText,
) -> Result<(StatusCode, JsonOut<Value>), ApiError> {
    let account = caller.account()?;
    if account.role != Role::Staff {
        state.limit(Class::Posting, Subject::Account(account.id))?;
    }
    let posting = parse_posting(&text)?;
    if posting.id.trim().is_empty() {
        return Err(ApiError::invalid("id", "a posting needs an id"));
    }
    let now = state.clock.now();
    let (status, findings) = admission(&posting, now, state.config).map_err(blocked)?;
    // Staff post for the employer in front of them (代录): the ledger says so.
    let actor = match account.role {
        Role::Staff => Actor::at_counter(account.id),
        Role::Employer => actor_of(account),
    };
    state
        .store
        .insert_posting(&posting, Some(account.id), status, actor, now)
        .await?;
    let body = json!({"id": posting.id, "status": status, "findings": findings});
    Ok((StatusCode::CREATED, JsonOut(body)))
}

/// Whether `caller` may see a posting in its present state: a published one anyone; any
/// other only its owner and staff (to anyone else it does not exist).
fn visible(stored: &StoredPosting, caller: &Caller) -> bool {
    stored.status == PostingStatus::Published
        || caller.is_staff()
        || caller
            .0
            .as_ref()
            .is_some_and(|a| stored.owner_id == Some(a.id))
}

#[utoipa::path(get, path = "/api/v1/postings/{id}", params(("id" = String, Path, description = "The posting id; `ID.jsonld` gives schema.org JobPosting")), responses(
    (status = 200, description = "`{posting, status, reason?, history}`, or JSON-LD"),
    (status = 404, description = "No such posting visible to the caller", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/postings/{id}`: 200 `{posting, status, reason?, history}`; with `.jsonld`
/// after the id, the published posting as schema.org `JobPosting`.
pub async fn show<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if let Some(id) = id.strip_suffix(".jsonld") {
        let stored = state.store.posting(id).await?;
        let stored = stored
            .filter(|s| s.status == PostingStatus::Published)
            .ok_or_else(|| ApiError::not_found("posting"))?;
        let body = jsonld::job_posting(&stored.posting).to_string();
        return Ok(([(CONTENT_TYPE, "application/ld+json; charset=utf-8")], body).into_response());
    }
    let stored = state.store.posting(&id).await?;
    let stored = stored
        .filter(|s| visible(s, &caller))
        .ok_or_else(|| ApiError::not_found("posting"))?;
    let history = state.store.history(&id).await?;
    let mut body = json!({"posting": stored.posting, "status": stored.status, "history": history});
    if let Some(reason) = stored.reason {
        body["reason"] = json!(reason);
    }
    Ok(JsonOut(body).into_response())
}

#[utoipa::path(post, path = "/api/v1/postings/{id}/withdraw", params(("id" = String, Path)), responses(
    (status = 200, description = "`{status}`"),
    (status = 403, description = "Not the owner", body = super::openapi::ErrorBody),
    (status = 409, description = "Not pending or published", body = super::openapi::ErrorBody)))]
/// `POST /api/v1/postings/{id}/withdraw`: the owner takes a posting back, while it waits
/// for review or is published: 200 `{status}`; 409 from any other state.
pub async fn withdraw<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<JsonOut<Value>, ApiError> {
    let account = caller.account()?;
    let stored = state
        .store
        .posting(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("posting"))?;
    if stored.owner_id != Some(account.id) {
        return Err(if visible(&stored, &caller) {
            ApiError::forbidden()
        } else {
            ApiError::not_found("posting")
        });
    }
    let t = Transition {
        id: &id,
        from: &[PostingStatus::PendingReview, PostingStatus::Published],
        to: PostingStatus::Withdrawn,
        reason: None,
        actor: actor_of(account),
        at: state.clock.now(),
    };
    let stored = state.store.transition(t).await?;
    Ok(JsonOut(json!({"status": stored.status})))
}

#[utoipa::path(get, path = "/api/v1/postings", responses(
    (status = 200, description = "`{postings: [{posting, status, reason?}]}`: the caller's own, newest first"),
    (status = 401, description = "Sign in first", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/postings`: the postings this account entered (an employer's own; the
/// counter's 代录 for staff), newest first, each with its state and reason.
pub async fn mine<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
) -> Result<JsonOut<Value>, ApiError> {
    let account = caller.account()?;
    let postings: Vec<Value> = state
        .store
        .postings_of(account.id)
        .await?
        .into_iter()
        .map(|s| {
            let mut item = json!({"posting": s.posting, "status": s.status});
            if let Some(reason) = s.reason {
                item["reason"] = json!(reason);
            }
            item
        })
        .collect();
    Ok(JsonOut(json!({"postings": postings})))
}
