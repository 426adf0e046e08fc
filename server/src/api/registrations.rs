//! Registration with the market (求职登记), by the seeker's choice: the phone sends its profile
//! with an explicit consent, under an id the phone made, and can read, change or delete it
//! with the token the first answer gave. Staff at the counter register a seeker who came in
//! person the same way, from the desk (代录); the ledger records it as such. The priority
//! groups (sensitive personal information, PIPL art. 28) are kept only with their own consent.

use axum::Json as JsonOut;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use linggong_core::{SeekerProfile, parse_seeker};
use serde::Deserialize;
use serde_json::{Value, json};

use super::applications::check_outbox_id;
use super::body::Json;
use crate::AppState;
use crate::auth::{self, Caller};
use crate::error::ApiError;
use crate::store::{Actor, ActorRole, MarketStore};

/// The server key registration tokens are made with.
const REGISTRATION_KEY: &str = "registration-token";

/// What the seeker agreed to.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// To be registered with the market at all (one-to-one guidance, statistics).
    registration: bool,
    /// That the priority groups go too (priority help; shown to staff, and to an employer
    /// the seeker applied to only as a capped, explained term).
    #[serde(default)]
    priority: bool,
}

/// `POST /api/v1/registrations`, `PUT /api/v1/registrations/{id}`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationBody {
    /// Made on the phone: a UUID (`POST` only; `PUT` takes it from the path).
    #[serde(default)]
    #[schema(pattern = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    id: Option<String>,
    /// The seeker's profile (FORMAT.md's seeker).
    #[schema(value_type = Object)]
    profile: Value,
    consent: Consent,
}

/// The profile as it will be kept: read by core, under `id`, without the priority groups
/// unless they were consented to on their own.
fn kept_profile(id: &str, body: &RegistrationBody) -> Result<SeekerProfile, ApiError> {
    if !body.consent.registration {
        return Err(ApiError::invalid(
            "consent.registration",
            "登记需要您明确同意 (registration needs your explicit consent)",
        ));
    }
    let mut profile = parse_seeker(&body.profile.to_string())
        .map_err(|e| ApiError::from(e).with_field("profile"))?;
    profile.id = id.to_string();
    if !body.consent.priority {
        profile.priority.clear();
    }
    Ok(profile)
}

async fn token<S: MarketStore>(state: &AppState<S>, id: &str) -> Result<String, ApiError> {
    let key = state.store.server_key(REGISTRATION_KEY).await?;
    Ok(auth::application_token(&key, id))
}

/// The registration `id` when the request carries its token; 404 otherwise.
async fn by_token<S: MarketStore>(
    state: &AppState<S>,
    headers: &HeaderMap,
    id: &str,
) -> Result<(), ApiError> {
    let expected = token(state, id).await?;
    match auth::bearer_token(headers) {
        Some(sent) if auth::same_secret(sent, &expected) => Ok(()),
        _ => Err(ApiError::not_found("registration")),
    }
}

/// Who registers: the seeker on the phone, or staff at the counter (代录) for the seeker in
/// front of them, when a staff session comes with the request.
fn registrant(caller: &Caller) -> Actor {
    match caller.0.as_ref() {
        Some(account) if caller.is_staff() => Actor::at_counter(account.id),
        _ => Actor::online(ActorRole::Seeker, None),
    }
}

#[utoipa::path(post, path = "/api/v1/registrations", request_body = RegistrationBody, responses(
    (status = 201, description = "`{id, token}`: registered; the token reads, changes and deletes it. With a staff session, a registration at the counter (代录): the ledger says `offline` and names the staff account"),
    (status = 200, description = "The same registration again"),
    (status = 409, description = "Another registration under this id (change it with PUT)", body = super::openapi::ErrorBody),
    (status = 422, description = "No consent, or a profile field is impossible", body = super::openapi::ErrorBody)))]
/// `POST /api/v1/registrations`: 201 `{id, token}`; a resend 200 with the same answer. Staff
/// registering a seeker at the counter send the same body: `consent.registration` is then the
/// staff member's word that the seeker agreed.
pub async fn register<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Json(body): Json<RegistrationBody>,
) -> Result<(StatusCode, JsonOut<Value>), ApiError> {
    let id = body.id.clone().unwrap_or_default();
    check_outbox_id(&id)?;
    let profile = kept_profile(&id, &body)?;
    let intake = state
        .store
        .register_seeker(&profile, registrant(&caller), state.clock.now())
        .await?;
    let status = super::applications::intake_status(intake);
    let answer = json!({"id": id, "token": token(&state, &id).await?});
    Ok((status, JsonOut(answer)))
}

#[utoipa::path(get, path = "/api/v1/registrations/{id}", params(("id" = String, Path)), responses(
    (status = 200, description = "`{id, profile}` as the market keeps it"),
    (status = 404, description = "No such registration for this caller", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/registrations/{id}` with the registration's token, or by staff.
pub async fn show<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<JsonOut<Value>, ApiError> {
    if !caller.is_staff() {
        by_token(&state, &headers, &id).await?;
    }
    let profile = state
        .store
        .seeker(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("registration"))?;
    Ok(JsonOut(json!({"id": id, "profile": profile})))
}

#[utoipa::path(put, path = "/api/v1/registrations/{id}", params(("id" = String, Path)), request_body = RegistrationBody, responses(
    (status = 200, description = "`{id}`: changed"),
    (status = 404, description = "No such registration for this token", body = super::openapi::ErrorBody)))]
/// `PUT /api/v1/registrations/{id}` with the token: the seeker changed the profile.
pub async fn change<S: MarketStore>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(body): Json<RegistrationBody>,
) -> Result<JsonOut<Value>, ApiError> {
    by_token(&state, &headers, &id).await?;
    let profile = kept_profile(&id, &body)?;
    state
        .store
        .update_seeker(&profile, state.clock.now())
        .await
        .map_err(ApiError::from_store_about("registration"))?;
    Ok(JsonOut(json!({"id": id})))
}

#[utoipa::path(delete, path = "/api/v1/registrations/{id}", params(("id" = String, Path)), responses(
    (status = 204, description = "Deleted: the profile is gone; the ledger keeps only that it was"),
    (status = 404, description = "No such registration for this token", body = super::openapi::ErrorBody)))]
/// `DELETE /api/v1/registrations/{id}` with the token.
pub async fn delete<S: MarketStore>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    by_token(&state, &headers, &id).await?;
    state
        .store
        .delete_seeker(&id, state.clock.now())
        .await
        .map_err(ApiError::from_store_about("registration"))?;
    Ok(StatusCode::NO_CONTENT)
}
