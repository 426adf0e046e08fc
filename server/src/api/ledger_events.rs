//! The ledger's events for staff (台账): browsed a page at a time, narrowed to a day, a kind
//! or a subject (the desk's 台账 page: what happened today, every take-down, one posting's
//! story), and exported as CSV for a month or any span of days, the paper 台账's electronic
//! copy.

use axum::Json as JsonOut;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use linggong_core::{Period, Timestamp};
use serde::Deserialize;
use serde_json::{Value, json};

use super::body::Query;
use crate::AppState;
use crate::auth::Caller;
use crate::clock::CHINA_OFFSET_MIN;
use crate::error::ApiError;
use crate::ledger;
use crate::store::{LedgerQuery, MarketStore, Role};

/// How many events one page gives at most.
const MAX_PAGE: i64 = 1000;
/// The longest kind and subject a filter takes (kinds are short; subjects are ids).
const MAX_KIND_CHARS: usize = 64;
const MAX_SUBJECT_CHARS: usize = 200;

/// `GET /api/v1/ledger?after=SEQ&before=SEQ&limit=N&day=&kind=&subject=&order=`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    #[serde(default)]
    after: i64,
    before: Option<i64>,
    limit: Option<i64>,
    day: Option<String>,
    kind: Option<String>,
    subject: Option<String>,
    order: Option<String>,
}

/// One calendar day `YYYY-MM-DD` in China Standard Time, with a 422 naming `field`.
fn day(text: &str, field: &str) -> Result<Period, ApiError> {
    let bad = || {
        ApiError::invalid(
            field,
            format!("`{text}` 不是日期 (not a day YYYY-MM-DD, China Standard Time)"),
        )
    };
    let shaped = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    if !shaped {
        return Err(bad());
    }
    let start: Timestamp = format!("{text}T00:00:00+08:00")
        .parse()
        .map_err(|_| bad())?;
    let end = Timestamp::from_unix_s(start.unix_s() + 86_400, CHINA_OFFSET_MIN);
    Period::between(start, end).map_err(|_| bad())
}

/// `kind=posting.published` (exact) or `kind=posting.` (every kind under it).
fn kind(text: &str) -> Result<String, ApiError> {
    let words = text.strip_suffix('.').unwrap_or(text);
    let fits = text.chars().count() <= MAX_KIND_CHARS
        && words
            .split('.')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    if fits {
        Ok(text.to_string())
    } else {
        Err(ApiError::invalid(
            "kind",
            "类别如 posting.published，或以点结尾的前缀如 posting. (a kind such as `posting.published`, or a prefix ending in `.`)",
        ))
    }
}

/// `subject=ID`: the posting, application, report, registration or market's id.
fn subject(text: &str) -> Result<String, ApiError> {
    if (1..=MAX_SUBJECT_CHARS).contains(&text.chars().count()) {
        Ok(text.to_string())
    } else {
        Err(ApiError::invalid(
            "subject",
            format!("a subject of 1 to {MAX_SUBJECT_CHARS} characters"),
        ))
    }
}

/// The store's query from the request's parameters, each checked.
fn ledger_query(page: Page) -> Result<LedgerQuery, ApiError> {
    let newest_first = match page.order.as_deref() {
        None | Some("oldest") => false,
        Some("newest") => true,
        Some(_) => {
            return Err(ApiError::invalid(
                "order",
                "`order` is oldest (the default) or newest",
            ));
        }
    };
    let during = page.day.as_deref().map(|d| day(d, "day")).transpose()?;
    Ok(LedgerQuery {
        after: page.after.max(0),
        before: page.before,
        limit: page.limit.unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE),
        newest_first,
        kind: page.kind.as_deref().map(kind).transpose()?,
        subject: page.subject.as_deref().map(subject).transpose()?,
        during: during.map(|p| (p.from().unix_s(), p.to().unix_s())),
    })
}

#[utoipa::path(get, path = "/api/v1/ledger", params(
    ("after" = Option<i64>, Query, description = "Only events numbered above this (oldest first: the last page's `cursor`)"),
    ("before" = Option<i64>, Query, description = "Only events numbered below this (newest first: the last page's `cursor`)"),
    ("limit" = Option<i64>, Query, description = "1 to 1000 (the default)"),
    ("day" = Option<String>, Query, pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", description = "Only events of this day, YYYY-MM-DD, China Standard Time"),
    ("kind" = Option<String>, Query, pattern = r"^[a-z_]+(\.[a-z_]+)*\.?$", max_length = 64, description = "Only this kind (`posting.published`), or every kind under a prefix ending in `.` (`posting.`)"),
    ("subject" = Option<String>, Query, min_length = 1, max_length = 200, description = "Only events about this posting, application, report, registration or market"),
    ("order" = Option<String>, Query, pattern = "^(oldest|newest)$", description = "`oldest` first (the default) or `newest` first")), responses(
    (status = 200, description = "`{events: [{seq, entry, text, digest}], cursor}`: `entry` is the event as written, `text` its exact bytes (the leaf's content); `cursor` the last number examined, to ask `after` (or, newest first, `before`) next: events the filters leave out are passed over, never skipped"),
    (status = 401, description = "Sign in first", body = super::openapi::ErrorBody),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody),
    (status = 422, description = "A filter that is not a day, a kind or a subject (`field` names it)", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/ledger`: a page of events, oldest first from `after` or newest first from
/// `before`, narrowed by the filters given (all of them at once).
pub async fn events<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Query(page): Query<Page>,
) -> Result<JsonOut<Value>, ApiError> {
    caller.with_role(Role::Staff)?;
    let page = state.store.ledger_page(&ledger_query(page)?).await?;
    let events: Vec<Value> = page
        .events
        .into_iter()
        .map(|e| {
            let entry: Value = serde_json::from_str(&e.text).unwrap_or(Value::String(e.text));
            json!({"seq": e.seq, "entry": entry, "text": entry_text(&entry), "digest": e.digest})
        })
        .collect();
    Ok(JsonOut(json!({"events": events, "cursor": page.cursor})))
}

/// The exact text of an entry, as hashed.
fn entry_text(entry: &Value) -> Value {
    serde_json::from_value::<ledger::Entry>(entry.clone())
        .map_or(Value::Null, |e| Value::String(e.text()))
}

/// `GET /api/v1/ledger.csv?month=YYYY-MM` or `?from=YYYY-MM-DD&to=YYYY-MM-DD`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    month: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// The span an export covers (everything when `None`) and the name its file gets.
fn export_period(q: &ExportQuery) -> Result<(Option<Period>, String), ApiError> {
    let either = "月份或起止日期，二选一 (give a month, or from and to, not both)";
    match (q.month.as_deref(), q.from.as_deref(), q.to.as_deref()) {
        (None, None, None) => Ok((None, "all".into())),
        (Some(m), None, None) => Period::month(m, CHINA_OFFSET_MIN)
            .map(|p| (Some(p), m.to_string()))
            .map_err(|e| ApiError::from(e).with_field("month")),
        (Some(_), _, _) => Err(ApiError::invalid("month", either)),
        (None, Some(from), Some(to)) => {
            let (first, last) = (day(from, "from")?, day(to, "to")?);
            let period = Period::between(first.from(), last.to())
                .ok()
                .filter(|_| first.from() <= last.from())
                .ok_or_else(|| {
                    ApiError::invalid("to", "结束日期早于开始日期 (`to` is before `from`)")
                })?;
            Ok((Some(period), format!("{from}_{to}")))
        }
        (None, None, Some(_)) => Err(ApiError::invalid("from", "起止日期都要给 (`from` too)")),
        (None, Some(_), None) => Err(ApiError::invalid("to", "起止日期都要给 (`to` too)")),
    }
}

#[utoipa::path(get, path = "/api/v1/ledger.csv", params(
    ("month" = Option<String>, Query, pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$", description = "YYYY-MM, China Standard Time; every event when no month, from or to is given"),
    ("from" = Option<String>, Query, pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", description = "The first day, YYYY-MM-DD (China Standard Time), with `to`; instead of `month`"),
    ("to" = Option<String>, Query, pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", description = "The last day, included")), responses(
    (status = 200, description = "`seq,at,kind,subject,actor,actor_id,channel,detail` for each event of the period, as an attachment (`linggong-ledger-2026-11.csv`)", content_type = "text/csv"),
    (status = 403, description = "Staff only", body = super::openapi::ErrorBody),
    (status = 422, description = "Not a month or a day, `to` before `from`, one of them alone, or a month with them (`field` names it)", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/ledger.csv`: the ledger of a month, or of any span of whole days, as CSV for
/// staff (the paper 台账's electronic copy; `linggong-server ledger export` writes the same).
pub async fn csv<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    Query(q): Query<ExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    caller.with_role(Role::Staff)?;
    let (period, name) = export_period(&q)?;
    let entries = ledger::all_entries(&state.store).await?;
    let body = ledger::export_csv(&entries, period.as_ref());
    let file = format!("attachment; filename=\"linggong-ledger-{name}.csv\"");
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (CONTENT_DISPOSITION, file),
        ],
        body,
    ))
}
