//! Applications (报名) from the seeker's outbox: taken once under the id the phone made, read
//! back with the token the first answer gave, listed for the posting's owner and staff.

use axum::Json as JsonOut;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use linggong_core::{Party, Step, Timestamp};
use serde::Deserialize;
use serde_json::{Value, json};

use super::accounts::check_phone;
use super::body::Json;
use super::limits::{Class, Subject};
use super::steps::party_of;
use crate::AppState;
use crate::auth::{self, Caller};
use crate::error::ApiError;
use crate::store::{Application, Intake, MarketStore, StoredApplication, StoredPosting};

/// `POST /api/v1/applications`: what the phone's outbox sends.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationBody {
    /// Made on the phone: a UUID, lower case with hyphens.
    #[schema(pattern = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    id: String,
    #[schema(min_length = 1, max_length = 200)]
    posting_id: String,
    /// 称呼: 1 to 30 characters.
    #[schema(min_length = 1, max_length = 30)]
    name: String,
    /// An 11-digit mobile number.
    #[schema(pattern = r"^1[3-9][0-9]{9}$")]
    phone: String,
    /// When the seeker applied (RFC 3339).
    #[schema(format = DateTime)]
    created_at: String,
    /// The seeker's registration with the market (its id), when the seeker registered by
    /// choice: the employer sees the applicants ranked with matching's explanation.
    #[serde(default)]
    #[schema(pattern = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    registration: Option<String>,
}

/// An id an outbox made: a UUID in its canonical text, so one item has one spelling.
pub(super) fn check_outbox_id(id: &str) -> Result<(), ApiError> {
    match uuid::Uuid::parse_str(id) {
        Ok(uuid) if uuid.hyphenated().to_string() == id => Ok(()),
        _ => Err(ApiError::invalid(
            "id",
            "id 应为手机生成的UUID (a UUID: 8-4-4-4-12 lower-case hex digits)",
        )),
    }
}

/// A posting id as sent, and an RFC 3339 time as the phone wrote it.
pub(super) fn check_posting_and_time(posting_id: &str, created_at: &str) -> Result<(), ApiError> {
    if posting_id.is_empty() || posting_id.len() > 200 {
        return Err(ApiError::invalid(
            "posting_id",
            "a posting id of 1 to 200 bytes",
        ));
    }
    created_at
        .parse::<Timestamp>()
        .map(|_| ())
        .map_err(|e| ApiError::invalid("created_at", format!("not an RFC 3339 time: {e}")))
}

/// Text a person typed on one line: 1 to `max` characters, none of them hidden controls
/// (control characters, or the direction controls that can make a name or number read as
/// another: core's `is_hidden_control`, the audit's rule for postings).
pub(crate) fn check_words(field: &str, text: &str, max: usize) -> Result<(), ApiError> {
    let n = text.trim().chars().count();
    if (1..=max).contains(&n) && !text.chars().any(linggong_core::is_hidden_control) {
        Ok(())
    } else {
        Err(ApiError::invalid(
            field,
            format!(
                "1至{max}个字，不含控制字符 (1 to {max} characters, no control or direction characters)"
            ),
        ))
    }
}

impl ApplicationBody {
    fn checked(self) -> Result<Application, ApiError> {
        check_outbox_id(&self.id)?;
        check_posting_and_time(&self.posting_id, &self.created_at)?;
        check_words("name", &self.name, 30)?;
        check_phone(&self.phone)?;
        if let Some(id) = &self.registration {
            check_outbox_id(id).map_err(|e| e.with_field("registration"))?;
        }
        Ok(Application {
            id: self.id,
            posting_id: self.posting_id,
            name: self.name,
            phone: self.phone,
            created_at: self.created_at,
            registration_id: self.registration,
        })
    }
}

#[utoipa::path(post, path = "/api/v1/applications", request_body = ApplicationBody, responses(
    (status = 201, description = "`{id, status, token}`: kept; the token reads it back"),
    (status = 200, description = "The same application again: the same answer"),
    (status = 404, description = "No such posting", body = super::openapi::ErrorBody),
    (status = 409, description = "Another application under this id, the phone applied already, or the posting is not published", body = super::openapi::ErrorBody),
    (status = 422, description = "A field is impossible", body = super::openapi::ErrorBody)))]
/// `POST /api/v1/applications`: 201 `{id, status, token}`; a resend 200 with the same answer.
pub async fn submit<S: MarketStore>(
    State(state): State<AppState<S>>,
    Json(body): Json<ApplicationBody>,
) -> Result<(StatusCode, JsonOut<Value>), ApiError> {
    let application = body.checked()?;
    state.limit(Class::Outbox, Subject::Phone(application.phone.clone()))?;
    let key = state.application_key().await?;
    let (kept, intake) = state
        .store
        .submit_application(&application, state.clock.now())
        .await
        .map_err(ApiError::from_store_about("posting"))?;
    let token = auth::application_token(&key, &kept.application.id);
    let status = intake_status(intake);
    let answer = json!({"id": kept.application.id, "status": kept.status, "token": token});
    Ok((status, JsonOut(answer)))
}

/// What an outbox item's answer says: 201 kept now, 200 a resend of one kept before.
pub(super) fn intake_status(intake: Intake) -> StatusCode {
    match intake {
        Intake::New => StatusCode::CREATED,
        Intake::Repeat => StatusCode::OK,
    }
}

/// Whether the caller may read applications for `posting`: its owner and staff.
fn reads_applicants(caller: &Caller, posting: &StoredPosting) -> bool {
    caller.is_staff()
        || caller
            .0
            .as_ref()
            .is_some_and(|a| posting.owner_id == Some(a.id))
}

#[utoipa::path(get, path = "/api/v1/applications/{id}", params(("id" = String, Path)), responses(
    (status = 200, description = "`{id, posting_id, name, phone, created_at, status, steps, history}`, and for the seeker the `check_in_code` of an offer"),
    (status = 404, description = "No such application for this caller (a wrong token included)", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/applications/{id}` with `Authorization: Bearer TOKEN` (the seeker's phone),
/// or the session of the posting's owner or of staff. To anyone else it does not exist.
/// `steps` are the steps open to the caller now; the check-in code goes to the seeker only.
pub async fn show<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<JsonOut<Value>, ApiError> {
    let kept = state
        .store
        .application(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("application"))?;
    let (party, _) = party_of(&state, &caller, &headers, &kept).await?;
    let history = state.store.application_history(&id).await?;
    let mut body = with_steps(&kept, party);
    body["history"] = json!(history);
    if party == Party::Seeker
        && let Some(code) = &kept.check_in_code
    {
        body["check_in_code"] = json!(code);
    }
    Ok(JsonOut(body))
}

/// An application as JSON with the steps `party` may take from its state.
fn with_steps(kept: &StoredApplication, party: Party) -> Value {
    let mut body = json!(kept);
    let steps: Vec<&str> = Step::open_to(kept.status, party)
        .into_iter()
        .map(Step::as_str)
        .collect();
    body["steps"] = json!(steps);
    body
}

#[utoipa::path(get, path = "/api/v1/postings/{id}/applications", params(("id" = String, Path)), responses(
    (status = 200, description = "`{applications: [{id, posting_id, name, phone, created_at, status, steps, match}]}`: registered seekers first, ranked by matching with `match` = `{score, summary, terms}`; then the rest (`match` null), oldest first"),
    (status = 401, description = "Sign in first", body = super::openapi::ErrorBody),
    (status = 403, description = "Not the owner", body = super::openapi::ErrorBody),
    (status = 404, description = "No such posting", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/postings/{id}/applications`: the posting's applicants, for its owner and
/// staff only (a seeker's phone number reaches no other employer).
pub async fn of_posting<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<JsonOut<Value>, ApiError> {
    caller.account()?;
    let posting = state
        .store
        .posting(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("posting"))?;
    if !reads_applicants(&caller, &posting) {
        return Err(ApiError::forbidden());
    }
    let party = if caller.is_staff() {
        Party::Staff
    } else {
        Party::Employer
    };
    let kept = state.store.applications_for(&id).await?;
    let ordered = super::ranking::in_calling_order(
        &state.store,
        &posting.posting,
        kept,
        state.clock.now(),
        party,
    )
    .await?;
    let applications: Vec<Value> = ordered
        .into_iter()
        .map(|(a, explained)| {
            let mut body = with_steps(&a, party);
            body["match"] = explained;
            body
        })
        .collect();
    Ok(JsonOut(json!({"applications": applications})))
}
