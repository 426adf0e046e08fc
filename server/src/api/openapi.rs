//! The API's OpenAPI 3.1 document, generated from the handlers' annotations, at
//! `/api/v1/openapi.json`: for client generators and API fuzzers (schemathesis).

use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use utoipa::OpenApi;

use super::{
    accounts, applications, export, feed, ledger, moderation, postings, registrations, reports,
    stats, steps,
};

/// The document: paths, bodies and answers of API v1.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Linggong market API",
        version = "1",
        description = "零工市场 API v1 (DESIGN.md §8). Postings are the interchange format of FORMAT.md; every error is {\"error\": {code, message, field?}} with a 4xx status."
    ),
    paths(
        accounts::register,
        accounts::sign_in,
        accounts::sign_out,
        accounts::who,
        postings::mine,
        postings::submit,
        postings::show,
        postings::withdraw,
        applications::submit,
        applications::show,
        applications::of_posting,
        steps::take,
        reports::submit,
        registrations::register,
        registrations::show,
        registrations::change,
        registrations::delete,
        moderation::queue,
        moderation::decide,
        feed::changes,
        export::postings,
        export::import,
        stats::month,
        ledger::events,
        ledger::checkpoint,
        ledger::proof,
        ledger::consistency,
        ledger::csv,
        document,
    ),
    components(schemas(
        ErrorBody,
        ErrorDetail,
        accounts::Registration,
        accounts::SignIn,
        applications::ApplicationBody,
        reports::ReportBody,
        registrations::RegistrationBody,
        registrations::Consent,
        steps::StepBody,
        moderation::Decision,
        moderation::Verdict
    ))
)]
pub struct ApiDoc;

/// Every error answer.
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code)] // describes the JSON that `ApiError` writes
pub struct ErrorBody {
    error: ErrorDetail,
    /// The audit's findings, when a posting was refused.
    findings: Option<Vec<serde_json::Value>>,
}

/// What is wrong.
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ErrorDetail {
    /// A stable machine code: `bad_request`, `invalid`, `blocked`, `unauthenticated`,
    /// `forbidden`, `not_found`, `conflict`, `wrong_state`, `too_large`, …
    code: String,
    /// For people.
    message: String,
    /// The field at fault, when there is one (`pay.unit`).
    field: Option<String>,
}

/// `GET /api/v1/openapi.json`.
#[utoipa::path(get, path = "/api/v1/openapi.json", responses((status = 200, description = "This document")))]
pub async fn document() -> impl IntoResponse {
    let json = ApiDoc::openapi().to_json().unwrap_or_default();
    ([(CONTENT_TYPE, "application/json")], json)
}
