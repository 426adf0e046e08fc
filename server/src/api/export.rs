//! The data interface to other platforms: every published posting as JSON lines, and a
//! bulk import of JSON lines, audited line by line and idempotent by id.

use axum::Json as JsonOut;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use linggong_core::parse_postings_jsonl;
use serde::Deserialize;
use serde_json::{Value, json};

use super::body::{Query, Text};
use super::postings::admission;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::{Actor, ActorRole, MarketStore, Role};

/// `GET /api/v1/export/postings.jsonl?all=true`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// Also every posting published before and since withdrawn, taken down, filled or
    /// expired (an archive, and what the monthly figures count).
    #[serde(default)]
    all: bool,
}

#[utoipa::path(get, path = "/api/v1/export/postings.jsonl", params(("all" = Option<bool>, Query, description = "Also postings no longer published")), responses((status = 200, description = "JSON lines, one posting a line", content_type = "application/x-ndjson")))]
/// `GET /api/v1/export/postings.jsonl`: the interchange format, one posting a line, by id.
pub async fn postings<S: MarketStore>(
    State(state): State<AppState<S>>,
    Query(q): Query<ExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let mut out = String::new();
    for p in state.store.published(q.all).await? {
        out.push_str(&serde_json::to_string(&p).map_err(|e| ApiError::bad_request(e.to_string()))?);
        out.push('\n');
    }
    Ok(([(CONTENT_TYPE, "application/x-ndjson; charset=utf-8")], out))
}

#[utoipa::path(post, path = "/api/v1/import/postings.jsonl", request_body(content = String, content_type = "text/plain", description = "JSON lines (FORMAT.md), one posting a line; sent as `application/x-ndjson` or `text/plain`"), responses(
    (status = 200, description = "`{lines, refused, report: [{line, id, outcome, status, findings} | {line, error}]}`"),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody),
    (status = 422, description = "An empty body: nothing to import", body = super::openapi::ErrorBody)))]
/// `POST /api/v1/import/postings.jsonl` (staff): each line read, audited and stored as a
/// posting would be when submitted (blocked ones refused); a line already stored with the
/// same content changes nothing, so an import can be run again. 200 with a report of
/// every line: `{line, id, outcome, status, findings}` or `{line, error}`.
pub async fn import<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Text(text): Text,
) -> Result<JsonOut<Value>, ApiError> {
    let account = caller.with_role(Role::Staff)?;
    if text.trim().is_empty() {
        return Err(ApiError::invalid(
            "body",
            "空文件，没有可导入的招工信息 (an empty body: nothing to import)",
        ));
    }
    let actor = Actor::online(ActorRole::Import, Some(account.id));
    let now = state.clock.now();
    let mut report = Vec::new();
    for (line, parsed) in parse_postings_jsonl(&text) {
        let result = match parsed {
            Ok(posting) => match admission(&posting, now, state.config) {
                Ok((status, findings)) => {
                    let outcome = state
                        .store
                        .import_posting(&posting, status, actor, now)
                        .await?;
                    json!({"line": line, "id": posting.id, "outcome": outcome, "status": status, "findings": findings})
                }
                Err(findings) => {
                    json!({"line": line, "id": posting.id, "error": "blocked by the audit", "findings": findings})
                }
            },
            Err(e) => json!({"line": line, "error": e.to_string()}),
        };
        report.push(result);
    }
    let refused = report.iter().filter(|r| r.get("error").is_some()).count();
    Ok(JsonOut(
        json!({"lines": report.len(), "refused": refused, "report": report}),
    ))
}
