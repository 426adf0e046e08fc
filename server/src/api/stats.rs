//! Monthly figures from the market's own data: `market_stats` over every posting the market
//! published and the seekers registered with it — the same numbers `linggong stats` gives on
//! `GET /api/v1/export/postings.jsonl?all=true` — and the month's service figures counted
//! from the ledger (`services`).

use axum::Json as JsonOut;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use linggong_core::{Area, MarketReport, Period, market_stats};
use serde::{Deserialize, Serialize};

use super::body::Query;
use crate::AppState;
use crate::clock::CHINA_OFFSET_MIN;
use crate::error::ApiError;
use crate::ledger;
use crate::store::{MarketStore, StoreResult};

/// `GET /api/v1/stats?month=YYYY-MM&format=json|md|csv`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatsQuery {
    month: Option<String>,
    format: Option<String>,
}

/// The month's figures: supply and demand (`linggong stats`'s shape) and the services.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthReport {
    /// Postings, pay bands, 求人倍率: `linggong stats --format json`.
    #[serde(flatten)]
    pub market: MarketReport,
    /// What the market did, from the ledger.
    pub services: ledger::ServiceFigures,
}

impl MonthReport {
    /// For people: the market report, then the services (Zhejiang 附件2's lines).
    pub fn to_markdown(&self) -> String {
        let s = &self.services;
        let share = s
            .confirmed_share
            .map_or("—".to_string(), |x| format!("{:.1}%", x * 100.0));
        let rows = [
            (
                "招工的用工主体 employers recruiting",
                s.employers_recruiting.to_string(),
            ),
            (
                "发布的招工信息 postings published",
                s.postings_published.to_string(),
            ),
            (
                "求职登记 seekers registered",
                s.seekers_registered.to_string(),
            ),
            (
                "报名的求职者 seekers who applied",
                s.seekers_applied.to_string(),
            ),
            (
                "达成意向（结果确认）的求职者 seekers confirmed",
                s.seekers_confirmed.to_string(),
            ),
            ("达成意向占比 share of seekers served", share),
            ("完工 completed", s.completed.to_string()),
            (
                "帮扶就业的困难人员 priority seekers helped into work",
                s.priority_helped.to_string(),
            ),
            ("举报 reports", s.reports.to_string()),
            (
                "窗口代录 entered at the counter",
                s.entered_at_counter.to_string(),
            ),
        ];
        let mut out = format!(
            "{}\n## 服务情况 Services\n\n| 指标 | 数 |\n|---|---:|\n",
            self.market.to_markdown()
        );
        for (name, value) in rows {
            out.push_str(&format!("| {name} | {value} |\n"));
        }
        out
    }
}

/// The report for a month (every month when `None`) from the store.
pub async fn report<S: MarketStore>(store: &S, period: Option<Period>) -> StoreResult<MonthReport> {
    let postings = store.published(true).await?;
    let seekers = store.seekers().await?;
    let events = ledger::all_entries(store).await?;
    let services = ledger::service_figures(&events, period.as_ref());
    let market = market_stats(&postings, &seekers, period, Area::Everywhere);
    Ok(MonthReport { market, services })
}

/// The report as a file to keep or hand on: what `linggong-server report --format md|csv`
/// prints and `GET /api/v1/stats?format=md|csv` sends, from one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFile {
    /// For people, in Chinese with the definitions stated.
    Markdown,
    /// For spreadsheets: the market figures, a row per group.
    Csv,
}

impl ReportFile {
    /// The file's text for `report`.
    pub fn text(self, report: &MonthReport) -> String {
        match self {
            ReportFile::Markdown => report.to_markdown(),
            ReportFile::Csv => report.market.to_csv(),
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            ReportFile::Markdown => "text/markdown; charset=utf-8",
            ReportFile::Csv => "text/csv; charset=utf-8",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ReportFile::Markdown => "md",
            ReportFile::Csv => "csv",
        }
    }
}

/// The file asked for; `None` for JSON.
fn report_format(text: Option<&str>) -> Result<Option<ReportFile>, ApiError> {
    match text {
        None | Some("json") => Ok(None),
        Some("md") => Ok(Some(ReportFile::Markdown)),
        Some("csv") => Ok(Some(ReportFile::Csv)),
        Some(_) => Err(ApiError::invalid(
            "format",
            "格式应为 json、md 或 csv (`format` is json, md or csv)",
        )),
    }
}

#[utoipa::path(get, path = "/api/v1/stats", params(
    ("month" = Option<String>, Query, pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$", description = "YYYY-MM, China Standard Time; every month when absent"),
    ("format" = Option<String>, Query, pattern = "^(json|md|csv)$", description = "`json` (default); `md` or `csv`: the file `linggong-server report --format md|csv` prints, as an attachment (`linggong-report-2026-11.md`, `-all` without a month)")), responses(
    (status = 200, description = "`linggong stats --format json`'s shape, and `services`: the month's service figures from the ledger; or the report as Markdown or CSV", content(
        ("application/json"),
        ("text/markdown"),
        ("text/csv"))),
    (status = 422, description = "Not a month, or no such format", body = super::openapi::ErrorBody)))]
/// `GET /api/v1/stats`: 200, `linggong stats --format json`'s shape; with `format=md|csv`,
/// the very text `linggong-server report` prints for the same month, to download: staff file
/// the month's report from the desk without a shell on the server.
pub async fn month<S: MarketStore>(
    State(state): State<AppState<S>>,
    Query(q): Query<StatsQuery>,
) -> Result<Response, ApiError> {
    let period = q
        .month
        .as_deref()
        .map(|m| Period::month(m, CHINA_OFFSET_MIN))
        .transpose()
        .map_err(|e| ApiError::from(e).with_field("month"))?;
    let format = report_format(q.format.as_deref())?;
    let report = report(&state.store, period).await?;
    let Some(file) = format else {
        return Ok(JsonOut(report).into_response());
    };
    let name = format!(
        "attachment; filename=\"linggong-report-{}.{}\"",
        q.month.as_deref().unwrap_or("all"),
        file.extension()
    );
    let headers = [
        (CONTENT_TYPE, file.media_type().to_string()),
        (CONTENT_DISPOSITION, name),
    ];
    Ok((headers, file.text(&report)).into_response())
}
