//! The market directory (零工市场 and 零工驿站, with address, hours, phone and position), which
//! phones read from the snapshot and staff keep up to date from the desk. Each change is a
//! ledger event by the staff account, and reaches every server process's `markets.jsonl` (the
//! snapshot compares the directory's version in the database).

use axum::Json as JsonOut;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use linggong_core::{Market, parse_market};
use serde_json::{Value, json};

use super::body::JsonText;
use super::postings::actor_of;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::{ImportOutcome, MarketStore, Role};

/// The fields every market of the directory has besides its id.
const REQUIRED: [&str; 4] = ["name", "kind", "address", "location"];

/// The longest market id: it goes into URLs (`/desk/hall?market=ID`) and file lines.
const MAX_ID_CHARS: usize = 64;

/// A market id as the desk and the hall screen use it in URLs: 1 to 64 letters, digits,
/// `-`, `_` or `.`.
fn check_id(id: &str) -> Result<(), ApiError> {
    let fits = (1..=MAX_ID_CHARS).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if fits {
        Ok(())
    } else {
        Err(ApiError::invalid(
            "id",
            "编号只能用字母、数字和 - _ . ，最多64个 (an id of 1 to 64 letters, digits, `-`, `_` or `.`)",
        ))
    }
}

/// The market the body describes, under the path's id: core's reader names the field at
/// fault; the body's `id`, when given, must be the path's.
fn market_from(id: &str, text: &str) -> Result<Market, ApiError> {
    let mut body: Value = serde_json::from_str(text)
        .map_err(|e| ApiError::bad_request(format!("the body is not JSON: {e}")))?;
    let Some(fields) = body.as_object_mut() else {
        return Err(ApiError::invalid(
            "",
            "一个市场应为JSON对象 (a market is a JSON object)",
        ));
    };
    match fields.get("id") {
        None => {
            fields.insert("id".into(), json!(id));
        }
        Some(Value::String(given)) if given == id => {}
        Some(_) => {
            return Err(ApiError::invalid(
                "id",
                "正文中的编号与地址中的不一致 (the body's id differs from the path's)",
            ));
        }
    }
    // Core's reader names a wrong field, not a missing one (its error is at the object's end).
    for field in REQUIRED {
        if !fields.contains_key(field) {
            return Err(ApiError::invalid(
                field,
                format!("缺少 {field} (`{field}` is missing)"),
            ));
        }
    }
    let market = parse_market(&body.to_string())?;
    check_directory_entry(&market)?;
    Ok(market)
}

/// What the directory needs beyond core's reader: a name and an address to show, and a
/// position on the map (the phones list the nearest markets).
fn check_directory_entry(market: &Market) -> Result<(), ApiError> {
    for (field, text) in [("name", &market.name), ("address", &market.address)] {
        if text.trim().is_empty() {
            return Err(ApiError::invalid(field, "不能为空 (must not be empty)"));
        }
    }
    let within = |degrees: Option<f64>, limit: f64| degrees.is_some_and(|d| d.abs() <= limit);
    if !within(market.location.lat, 90.0) {
        return Err(ApiError::invalid(
            "location.lat",
            "纬度应在 -90 到 90 之间 (a latitude from -90 to 90 is needed)",
        ));
    }
    if !within(market.location.lng, 180.0) {
        return Err(ApiError::invalid(
            "location.lng",
            "经度应在 -180 到 180 之间 (a longitude from -180 to 180 is needed)",
        ));
    }
    Ok(())
}

#[utoipa::path(get, path = "/api/v1/markets", responses(
    (status = 200, description = "`{markets: [Market]}`: every market and station of the directory, by id (core's `Market`: id, name, kind, address, location, phone?, hours?, services?, demo)")))]
/// `GET /api/v1/markets`: the directory, for anyone (it is public, as in the snapshot).
pub async fn list<S: MarketStore>(
    State(state): State<AppState<S>>,
) -> Result<JsonOut<Value>, ApiError> {
    let markets = state.store.markets().await?;
    Ok(JsonOut(json!({"markets": markets})))
}

#[utoipa::path(put, path = "/api/v1/markets/{id}", params(("id" = String, Path, pattern = r"^[A-Za-z0-9._-]{1,64}$", description = "The market's id")), request_body(content = super::openapi::MarketBody, description = "A market as core's `parse_market` reads it (unknown fields are refused); `id` may be left out and must otherwise equal the path's"), responses(
    (status = 201, description = "`{market}`: added to the directory"),
    (status = 200, description = "`{market}`: replaced (or the same again: nothing changed)"),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody),
    (status = 422, description = "A field is missing or impossible (`field` names it), or the id differs from the path's", body = super::openapi::ErrorBody)))]
/// `PUT /api/v1/markets/{id}` (staff): adds a market or replaces the one under the id.
pub async fn save<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Path(id): Path<String>,
    JsonText(text): JsonText,
) -> Result<(StatusCode, JsonOut<Value>), ApiError> {
    let account = caller.with_role(Role::Staff)?;
    check_id(&id)?;
    let market = market_from(&id, &text)?;
    let outcome = state
        .store
        .save_market(&market, actor_of(account), state.clock.now())
        .await?;
    let status = match outcome {
        ImportOutcome::Added => StatusCode::CREATED,
        ImportOutcome::Replaced | ImportOutcome::Unchanged => StatusCode::OK,
    };
    Ok((status, JsonOut(json!({"market": market}))))
}

#[utoipa::path(delete, path = "/api/v1/markets/{id}", params(("id" = String, Path, description = "The market's id")), responses(
    (status = 204, description = "Taken out of the directory"),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody),
    (status = 404, description = "No market under this id", body = super::openapi::ErrorBody)))]
/// `DELETE /api/v1/markets/{id}` (staff): takes a market out of the directory (a market that
/// closed; the ledger keeps that it was there and who removed it).
pub async fn remove<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let account = caller.with_role(Role::Staff)?;
    state
        .store
        .remove_market(&id, actor_of(account), state.clock.now())
        .await
        .map_err(ApiError::from_store_about("market"))?;
    Ok(StatusCode::NO_CONTENT)
}
