//! Monthly figures from the market's own data: `market_stats` over every posting the market
//! published and the seekers registered with it — the same numbers `linggong stats` gives on
//! `GET /api/v1/export/postings.jsonl?all=true`.

use axum::Json as JsonOut;
use axum::extract::State;
use linggong_core::{Area, MarketReport, Period, market_stats};
use serde::Deserialize;

use super::body::Query;
use crate::AppState;
use crate::clock::CHINA_OFFSET_MIN;
use crate::error::ApiError;
use crate::store::{MarketStore, StoreResult};

/// `GET /api/v1/stats?month=YYYY-MM`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatsQuery {
    month: Option<String>,
}

/// The report for a month (every month when `None`) from the store.
pub async fn report<S: MarketStore>(
    store: &S,
    period: Option<Period>,
) -> StoreResult<MarketReport> {
    let postings = store.published(true).await?;
    let seekers = store.seekers().await?;
    Ok(market_stats(&postings, &seekers, period, Area::Everywhere))
}

#[utoipa::path(get, path = "/api/v1/stats", params(("month" = Option<String>, Query, description = "YYYY-MM, China Standard Time")), responses(
    (status = 200, description = "`linggong stats --format json`'s shape"),
    (status = 422, description = "Not a month", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/stats`: 200, `linggong stats --format json`'s shape.
pub async fn month<S: MarketStore>(
    State(state): State<AppState<S>>,
    Query(q): Query<StatsQuery>,
) -> Result<JsonOut<MarketReport>, ApiError> {
    let period = q
        .month
        .as_deref()
        .map(|m| Period::month(m, CHINA_OFFSET_MIN))
        .transpose()
        .map_err(|e| ApiError::from(e).with_field("month"))?;
    Ok(JsonOut(report(&state.store, period).await?))
}
