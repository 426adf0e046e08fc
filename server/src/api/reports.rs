//! Reports (举报) from the seeker's outbox: a published posting that looks false or unlawful
//! goes to the staff queue, kept once under the id the phone made.

use axum::Json as JsonOut;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::applications::{check_outbox_id, check_posting_and_time, check_words};
use super::body::Json;
use crate::AppState;
use crate::error::ApiError;
use crate::store::{MarketStore, Report};

/// `POST /api/v1/reports`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportBody {
    /// Made on the phone: a UUID, lower case with hyphens.
    #[schema(pattern = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    id: String,
    #[schema(min_length = 1, max_length = 200)]
    posting_id: String,
    /// What is wrong, in the seeker's words: 1 to 200 characters.
    #[schema(min_length = 1, max_length = 200)]
    reason: String,
    /// When the seeker reported it (RFC 3339).
    #[schema(format = DateTime)]
    created_at: String,
}

#[utoipa::path(post, path = "/api/v1/reports", request_body = ReportBody, responses(
    (status = 201, description = "`{id}`: in the staff queue"),
    (status = 200, description = "The same report again"),
    (status = 404, description = "No such posting", body = super::openapi::ErrorBody),
    (status = 409, description = "Another report under this id, or the posting is not published", body = super::openapi::ErrorBody),
    (status = 422, description = "A field is impossible", body = super::openapi::ErrorBody)))]
/// `POST /api/v1/reports` `{id, posting_id, reason, created_at}`: 201 `{id}`; a resend 200.
/// Anyone may report: the seeker has no account, and staff judge the posting, not the report.
pub async fn submit<S: MarketStore>(
    State(state): State<AppState<S>>,
    Json(body): Json<ReportBody>,
) -> Result<(StatusCode, JsonOut<Value>), ApiError> {
    check_outbox_id(&body.id)?;
    check_posting_and_time(&body.posting_id, &body.created_at)?;
    check_words("reason", &body.reason, 200)?;
    let report = Report {
        id: body.id,
        posting_id: body.posting_id,
        reason: body.reason,
        created_at: body.created_at,
    };
    let intake = state
        .store
        .submit_report(&report, state.clock.now())
        .await
        .map_err(ApiError::from_store_about("posting"))?;
    let status = super::applications::intake_status(intake);
    Ok((status, JsonOut(json!({"id": report.id}))))
}
