//! The change feed: every change to the published postings after a cursor, in commit order.

use axum::extract::State;
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::body::Query;
use crate::AppState;
use crate::error::ApiError;
use linggong_core::TileKey;

use crate::store::{ChangeForm, FeedView, MarketStore};

/// The most changes one page holds; a client asks again from the cursor it got.
pub const FEED_PAGE_MAX: i64 = 1000;

/// `GET /api/v1/feed?after=CURSOR&limit=N`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedQuery {
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    limit: Option<String>,
    #[serde(default)]
    form: Option<String>,
    #[serde(default)]
    tiles: Option<String>,
}

/// The most tiles one reader may follow (a phone loads a handful; 64 is a province).
pub const FEED_TILES_MAX: usize = 64;

/// `tiles=t61_149,t60_149`: the snapshot tiles a reader follows, with a 400 that names them.
fn tile_list(text: Option<&str>) -> Result<Option<Vec<String>>, ApiError> {
    let Some(text) = text else { return Ok(None) };
    let tiles: Vec<String> = text.split(',').map(str::to_string).collect();
    if tiles.len() > FEED_TILES_MAX || tiles.iter().any(|t| t.parse::<TileKey>().is_err()) {
        return Err(ApiError::bad_request(format!(
            "`tiles` must be 1 to {FEED_TILES_MAX} snapshot tile keys (as `t61_149`), comma-separated"
        ))
        .with_field("tiles"));
    }
    Ok(Some(tiles))
}

/// `form=json` (the default) or `form=packed`, with a 400 that names it.
fn change_form(text: Option<&str>) -> Result<ChangeForm, ApiError> {
    match text {
        None | Some("json") => Ok(ChangeForm::Json),
        Some("packed") => Ok(ChangeForm::Packed),
        Some(_) => {
            Err(ApiError::bad_request("`form` must be `json` or `packed`").with_field("form"))
        }
    }
}

/// A number from a query parameter, with a 400 that names it.
fn number(
    name: &str,
    text: Option<&str>,
    default: i64,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, ApiError> {
    let Some(text) = text else { return Ok(default) };
    text.parse::<i64>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "`{name}` must be a whole number from {} to {}",
                range.start(),
                range.end()
            ))
            .with_field(name)
        })
}

#[utoipa::path(get, path = "/api/v1/feed", params(("after" = Option<i64>, Query, minimum = 0, description = "The cursor of the last change seen"), ("limit" = Option<i64>, Query, minimum = 1, maximum = 1000, description = "1 to 1000, default 500"), ("form" = Option<String>, Query, pattern = "^(json|packed)$", description = "`json` (default): each change as an object; `packed`: each as a string, `u:` and the posting as a one-posting snapshot tile in base64, or `r:REASON:ID` (the seeker's app reads postings only in the tile codec)"), ("tiles" = Option<String>, Query, pattern = "^(t[0-9]+_[0-9]+|unplaced)(,(t[0-9]+_[0-9]+|unplaced)){0,63}$", description = "Only the changes that touch these snapshot tiles (the manifest's keys, comma-separated, at most 64); the page's cursor still moves past the others")), responses(
    (status = 200, description = "`{cursor, changes: [{op: upsert, posting} | {op: remove, id, reason}]}`; with `Accept: text/event-stream`, a stream of `change` events (id = cursor, data = one change) with a heartbeat"),
    (status = 400, description = "A bad cursor or limit", body = super::openapi::ErrorBody),
    (status = 409, description = "`cursor_ahead`: the cursor is beyond the feed (the market's database was restored): start again from the snapshot", body = super::openapi::ErrorBody),
    (status = 503, description = "`too_many_streams` (event-stream only): poll instead", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/feed`: 200 `{cursor, changes}`. The cursor is opaque to clients: a client
/// that resumes from it misses nothing and sees nothing twice. The page is written from the
/// stored JSON of each change as it is (the feed is the most read route; parsing and writing
/// 100 postings again cost a third of a millisecond a request).
///
/// With `Accept: text/event-stream` the answer stays open and sends every change after the
/// cursor (or `Last-Event-ID`), then each new one, as an event whose `id` is its cursor.
pub async fn changes<S: MarketStore>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    Query(q): Query<FeedQuery>,
) -> Result<Response, ApiError> {
    let after = number("after", q.after.as_deref(), 0, 0..=i64::MAX)?;
    let view = FeedView {
        form: change_form(q.form.as_deref())?,
        tiles: tile_list(q.tiles.as_deref())?,
    };
    let live = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/event-stream"));
    if live {
        let from = super::live::start_cursor(&headers, after);
        not_ahead(&state, from).await?;
        let slot = state.stream_slot().ok_or_else(too_many_streams)?;
        let head = state.feed_head();
        return Ok(
            super::live::stream(state.store.clone(), from, view, head, slot).into_response(),
        );
    }
    not_ahead(&state, after).await?;
    let limit = number("limit", q.limit.as_deref(), 500, 1..=FEED_PAGE_MAX)?;
    let page = state.store.feed_json(after, limit, &view).await?;
    Ok(([(CONTENT_TYPE, "application/json")], page).into_response())
}

/// A cursor beyond the feed's head comes from another history of the market (its database was
/// restored from a backup since): the client must start again from the snapshot, or it would
/// wait for changes it will never be sent. Checked against the watcher's last reading first
/// (free), then, only for a cursor beyond it, against the database.
async fn not_ahead<S: MarketStore>(state: &AppState<S>, cursor: i64) -> Result<(), ApiError> {
    if cursor <= *state.feed_head().borrow() || cursor <= state.store.latest_cursor().await? {
        return Ok(());
    }
    Err(ApiError::new(
        StatusCode::CONFLICT,
        "cursor_ahead",
        "市场的数据已恢复过，请重新下载数据 (the market's data was restored: start again from the snapshot, then follow the feed from its cursor)",
    )
    .with_field("after"))
}

/// 503 when the process holds as many live streams as it may: poll the feed instead.
fn too_many_streams() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "too_many_streams",
        "实时连接已满，请改为定时刷新 (too many live streams: poll the feed instead)",
    )
}
