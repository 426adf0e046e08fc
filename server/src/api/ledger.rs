//! The service ledger (台账) for staff: a signed tree head, the inclusion proof of one event
//! and the consistency proof between two heads, which anyone holding a head can check without
//! trusting the server, and the whole check of the ledger. The events themselves are
//! `ledger_events`.

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

#[utoipa::path(get, path = "/api/v1/ledger/verify", responses(
    (status = 200, description = "`{intact: true, events, head: {size, root, at, signature}, public_key}`, or `{intact: false, problem}`: the same check and message as `linggong-server ledger verify`"),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/ledger/verify` (staff): the whole check `linggong-server ledger verify` runs
/// (every event as written and in its place, every signed head the root of the events before
/// it and signed by the market), so staff can check the 台账 from the desk. A head is signed
/// first when events came after the last, and checked with the rest: events changed since
/// this process read them no longer match it.
pub async fn verify<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
) -> Result<JsonOut<Value>, ApiError> {
    caller.with_role(Role::Staff)?;
    let head = state
        .ledger()
        .signed(&state.store, state.clock.now())
        .await?
        .head;
    let body = match ledger::verify(&state.store).await? {
        Ok(events) => {
            let key = ledger::market_key(&state.store).await?.verifying_key();
            let public_key = crate::hex::encode(&key.to_bytes());
            json!({"intact": true, "events": events, "head": head, "public_key": public_key})
        }
        Err(problem) => json!({"intact": false, "problem": problem.to_string()}),
    };
    Ok(JsonOut(body))
}
