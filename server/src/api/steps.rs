//! The steps of an application after it was sent (DESIGN.md §8): the employer or staff offer,
//! decline, record arrival (with the code the seeker shows), completion or a no-show; the
//! seeker, by the application's token, confirms (结果确认), withdraws or records arrival.
//! Who may take which step from where is core's [`Step`] table; this module only finds out
//! who is asking.

use axum::Json as JsonOut;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use linggong_core::{Party, Step, Timestamp};
use serde::Deserialize;
use serde_json::{Value, json};

use super::applications::check_outbox_id;
use super::body::Text;
use super::postings::actor_of;
use crate::AppState;
use crate::auth::{self, Caller};
use crate::error::ApiError;
use crate::store::{Actor, ActorRole, MarketStore, StepRequest, StoredApplication};

/// The optional body of a step.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepBody {
    /// Made by the phone's outbox (a UUID), so a resend is one step.
    #[serde(default)]
    #[schema(pattern = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    id: Option<String>,
    /// With `arrive` by the employer or staff: the code the seeker shows.
    #[serde(default)]
    #[schema(pattern = r"^[0-9]{6}$")]
    code: Option<String>,
}

/// Who asks about application `kept`: the seeker (its token), staff, or the posting's owner.
/// To anyone else the application does not exist.
pub(super) async fn party_of<S: MarketStore>(
    state: &AppState<S>,
    caller: &Caller,
    headers: &HeaderMap,
    kept: &StoredApplication,
) -> Result<(Party, Actor), ApiError> {
    if let Some(token) = auth::bearer_token(headers) {
        let key = state.application_key().await?;
        if auth::same_secret(token, &auth::application_token(&key, &kept.application.id)) {
            let seeker = Actor::online(ActorRole::Seeker, None);
            return Ok((Party::Seeker, seeker));
        }
    }
    if let Some(account) = caller.0.as_ref() {
        if caller.is_staff() {
            return Ok((Party::Staff, actor_of(account)));
        }
        let posting = state.store.posting(&kept.application.posting_id).await?;
        if posting.is_some_and(|p| p.owner_id == Some(account.id)) {
            return Ok((Party::Employer, actor_of(account)));
        }
    }
    Err(ApiError::not_found("application"))
}

/// A check-in code: six random digits.
fn check_in_code() -> Result<String, ApiError> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(|_| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "no randomness; try again",
        )
    })?;
    Ok(format!("{:06}", u32::from_le_bytes(bytes) % 1_000_000))
}

/// The body, which may be absent.
fn read_body(text: &str) -> Result<StepBody, ApiError> {
    if text.trim().is_empty() {
        return Ok(StepBody::default());
    }
    let body: StepBody = serde_json::from_str(text)
        .map_err(|e| ApiError::bad_request(format!("the body is not the JSON expected: {e}")))?;
    if let Some(id) = &body.id {
        check_outbox_id(id)?;
    }
    Ok(body)
}

/// The employer records arrival with the code the seeker shows: without it, a
/// "到岗" would say nothing about the seeker being there.
fn check_code(party: Party, kept: &StoredApplication, sent: Option<&str>) -> Result<(), ApiError> {
    let hiring = matches!(party, Party::Employer | Party::Staff);
    match (&kept.check_in_code, hiring) {
        (Some(code), true) if sent.map(str::trim) != Some(code.as_str()) => Err(ApiError::invalid(
            "code",
            "到岗码不对，请看求职者手机上的6位数字 (the 6-digit code on the seeker's phone)",
        )),
        _ => Ok(()),
    }
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/{step}", params(("id" = String, Path), ("step" = String, Path, description = "offer, decline, confirm, withdraw, arrive, complete, no_show or dispute")),
    request_body(content = StepBody, description = "Optional: `{id}` from an outbox, `{code}` with an employer's `arrive`"),
    responses(
    (status = 200, description = "`{id, status}` after the step (a resend under the same id: the same)"),
    (status = 403, description = "Not a step this party takes", body = super::openapi::ErrorBody),
    (status = 404, description = "No such application for this caller", body = super::openapi::ErrorBody),
    (status = 409, description = "Not from the application's present state", body = super::openapi::ErrorBody),
    (status = 422, description = "A wrong check-in code", body = super::openapi::ErrorBody)))]
/// `POST /api/v1/applications/{id}/{step}`: 200 `{id, status}`.
pub async fn take<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    headers: HeaderMap,
    Path((id, step)): Path<(String, String)>,
    Text(text): Text,
) -> Result<JsonOut<Value>, ApiError> {
    let step = Step::parse(&step)
        .filter(|s| *s != Step::Expire)
        .ok_or_else(|| ApiError::not_found("step"))?;
    let body = read_body(&text)?;
    let kept = state
        .store
        .application(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("application"))?;
    let (party, actor) = party_of(&state, &caller, &headers, &kept).await?;
    if step == Step::Arrive {
        check_code(party, &kept, body.code.as_deref())?;
    }
    let now = state.clock.now();
    let (code, confirm_by) = if step == Step::Offer {
        let hours = i64::from(state.config.offer_hours);
        let by = Timestamp::from_unix_s(now.unix_s() + hours * 3600, now.offset_min());
        (Some(check_in_code()?), Some(by))
    } else {
        (None, None)
    };
    let request = StepRequest {
        application_id: &id,
        step,
        party,
        actor,
        step_id: body.id.as_deref(),
        check_in_code: code.as_deref(),
        confirm_by,
        at: now,
    };
    let (kept, _) = state.store.take_step(request).await?;
    Ok(JsonOut(
        json!({"id": kept.application.id, "status": kept.status}),
    ))
}
