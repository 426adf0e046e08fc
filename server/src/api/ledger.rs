//! The service ledger (台账) for staff: the events, a signed tree head, the inclusion proof of
//! one event and the consistency proof between two heads, which anyone holding a head can
//! check without trusting the server.

use axum::Json as JsonOut;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Value, json};

use super::body::Query;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::ledger;
use crate::store::{MarketStore, Role};

/// How many events one page gives at most.
const MAX_PAGE: i64 = 1000;

/// `GET /api/v1/ledger?after=SEQ&limit=N`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    #[serde(default)]
    after: i64,
    limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/ledger", params(("after" = Option<i64>, Query), ("limit" = Option<i64>, Query)), responses(
    (status = 200, description = "`{events: [{seq, entry, digest}], cursor}`: `entry` is the event as written (its text is the leaf's content)"),
    (status = 401, description = "Sign in first", body = super::openapi::ErrorBody),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/ledger`: events after `after`, in order.
pub async fn events<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Query(page): Query<Page>,
) -> Result<JsonOut<Value>, ApiError> {
    caller.with_role(Role::Staff)?;
    let limit = page.limit.unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE);
    let events = state.store.ledger(page.after.max(0), limit).await?;
    let cursor = events.last().map_or(page.after, |e| e.seq);
    let events: Vec<Value> = events
        .into_iter()
        .map(|e| {
            let entry: Value = serde_json::from_str(&e.text).unwrap_or(Value::String(e.text));
            json!({"seq": e.seq, "entry": entry, "text": entry_text(&entry), "digest": e.digest})
        })
        .collect();
    Ok(JsonOut(json!({"events": events, "cursor": cursor})))
}

/// The exact text of an entry, as hashed.
fn entry_text(entry: &Value) -> Value {
    serde_json::from_value::<ledger::Entry>(entry.clone())
        .map_or(Value::Null, |e| Value::String(e.text()))
}

#[utoipa::path(get, path = "/api/v1/ledger/checkpoint", responses(
    (status = 200, description = "`{size, root, at, signature, public_key}`: the latest signed tree head (signed now if events came after it)"),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/ledger/checkpoint`: the signed tree head, with the key to check it.
pub async fn checkpoint<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
) -> Result<JsonOut<Value>, ApiError> {
    caller.with_role(Role::Staff)?;
    let head = state
        .ledger()
        .signed(&state.store, state.clock.now())
        .await?
        .head;
    let key = ledger::market_key(&state.store).await?.verifying_key();
    let mut body = json!(head);
    body["public_key"] = json!(crate::hex::encode(&key.to_bytes()));
    Ok(JsonOut(body))
}

/// `GET /api/v1/ledger/proof?seq=N`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProofQuery {
    seq: i64,
}

#[utoipa::path(get, path = "/api/v1/ledger/proof", params(("seq" = i64, Query)), responses(
    (status = 200, description = "`{seq, digest, size, root, path}`: the RFC 6962 audit path of event `seq` in the latest signed head"),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody),
    (status = 404, description = "No such event", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/ledger/proof?seq=N`: the inclusion proof of one event in the latest head.
pub async fn proof<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Query(q): Query<ProofQuery>,
) -> Result<JsonOut<Value>, ApiError> {
    caller.with_role(Role::Staff)?;
    let signed = state
        .ledger()
        .signed(&state.store, state.clock.now())
        .await?;
    let path = signed
        .tree
        .inclusion(q.seq)
        .ok_or_else(|| ApiError::not_found("event"))?;
    let digest = signed.tree.digest(q.seq).map(|d| crate::hex::encode(&d));
    let head = signed.head;
    Ok(JsonOut(
        json!({"seq": q.seq, "digest": digest, "size": head.size, "root": head.root, "path": path}),
    ))
}

/// `GET /api/v1/ledger/consistency?from=N`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsistencyQuery {
    from: i64,
}

#[utoipa::path(get, path = "/api/v1/ledger/consistency", params(("from" = i64, Query, description = "The size of an earlier head the caller holds")), responses(
    (status = 200, description = "`{from, size, root, at, signature, path}`: the RFC 6962 consistency proof that the latest signed head extends the ledger's first `from` events"),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody),
    (status = 404, description = "`from` is not between 1 and the latest head's size", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/ledger/consistency?from=N`: the proof that the latest head extends an
/// earlier head of size `from`, so a holder of that head knows nothing before it was changed.
pub async fn consistency<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Query(q): Query<ConsistencyQuery>,
) -> Result<JsonOut<Value>, ApiError> {
    caller.with_role(Role::Staff)?;
    let signed = state
        .ledger()
        .signed(&state.store, state.clock.now())
        .await?;
    let path = signed
        .tree
        .consistency(q.from)
        .ok_or_else(|| ApiError::not_found("head"))?;
    let mut body = json!(signed.head);
    body["from"] = json!(q.from);
    body["path"] = json!(path);
    Ok(JsonOut(body))
}

/// `GET /api/v1/ledger.csv?month=YYYY-MM`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthQuery {
    month: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/ledger.csv", params(("month" = Option<String>, Query, pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$", description = "YYYY-MM, China Standard Time; every event when absent")), responses(
    (status = 200, description = "`seq,at,kind,subject,actor,actor_id,channel,detail` for each event of the month"),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody),
    (status = 422, description = "Not a month", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/ledger.csv`: the ledger of a month as CSV, for staff (the paper 台账's
/// electronic copy).
pub async fn csv<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Query(q): Query<MonthQuery>,
) -> Result<impl axum::response::IntoResponse, ApiError> {
    caller.with_role(Role::Staff)?;
    let period = q
        .month
        .as_deref()
        .map(|m| linggong_core::Period::month(m, crate::clock::CHINA_OFFSET_MIN))
        .transpose()
        .map_err(|e| ApiError::from(e).with_field("month"))?;
    let entries = ledger::all_entries(&state.store).await?;
    let body = ledger::export_csv(&entries, period.as_ref());
    Ok((
        [(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")],
        body,
    ))
}
