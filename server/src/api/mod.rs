//! The routes of API v1 (DESIGN.md §8) and the snapshot, one module per resource.

mod accounts;
mod applications;
mod body;
mod export;
mod feed;
mod ledger;
mod ledger_events;
pub(crate) mod limits;
mod live;
mod markets;
mod moderation;
mod openapi;
mod origin;
mod postings;
mod ranking;
mod registrations;
mod reports;
mod stats;
mod steps;

pub use accounts::check_new_account;
pub(crate) use live::{StreamSlot, watch_head};
pub(crate) use origin::guard;
pub(crate) use postings::admission;
pub use stats::{ReportFile, report};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};

use crate::AppState;
use crate::store::MarketStore;

/// Requests larger than this are refused (413) before they are read: a posting is a few
/// kilobytes; an import of a large platform's postings is the one big body.
const BODY_LIMIT_BYTES: usize = 64 * 1024;
const IMPORT_LIMIT_BYTES: usize = 32 * 1024 * 1024;

/// The API and the snapshot, on `state`.
pub fn router<S: MarketStore>(state: AppState<S>) -> Router {
    let api = Router::new()
        .route("/accounts", post(accounts::register))
        .route(
            "/session",
            get(accounts::who)
                .post(accounts::sign_in)
                .delete(accounts::sign_out),
        )
        .route("/postings", get(postings::mine).post(postings::submit))
        .route("/postings/{id}", get(postings::show))
        .route("/postings/{id}/withdraw", post(postings::withdraw))
        .route("/postings/{id}/applications", get(applications::of_posting))
        .route("/applications", post(applications::submit))
        .route("/applications/{id}", get(applications::show))
        .route("/applications/{id}/{step}", post(steps::take))
        .route("/reports", post(reports::submit))
        .route("/registrations", post(registrations::register))
        .route(
            "/registrations/{id}",
            get(registrations::show)
                .put(registrations::change)
                .delete(registrations::delete),
        )
        .route("/moderation", get(moderation::queue))
        .route("/moderation/{id}", post(moderation::decide))
        .route("/feed", get(feed::changes))
        .route("/export/postings.jsonl", get(export::postings))
        .route(
            "/import/postings.jsonl",
            post(export::import).layer(DefaultBodyLimit::max(IMPORT_LIMIT_BYTES)),
        )
        .route("/markets", get(markets::list))
        .route("/markets/{id}", put(markets::save).delete(markets::remove))
        .route("/stats", get(stats::month))
        .route("/ledger", get(ledger_events::events))
        .route("/ledger.csv", get(ledger_events::csv))
        .route("/ledger/verify", get(ledger::verify))
        .route("/ledger/checkpoint", get(ledger::checkpoint))
        .route("/ledger/proof", get(ledger::proof))
        .route("/ledger/consistency", get(ledger::consistency))
        .route("/openapi.json", get(openapi::document))
        .fallback(|| async { crate::ApiError::not_found("route") })
        .method_not_allowed_fallback(|| async {
            crate::ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this route does not take that method",
            )
        })
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES));
    let router = Router::new()
        .nest("/api/v1", api)
        .route("/data/manifest.json", get(crate::snapshot::manifest))
        .route("/data/{*path}", get(crate::snapshot::file))
        .layer(axum::middleware::from_fn(origin::guard));
    let router = match state.limiter() {
        Some(limiter) => router.layer(axum::middleware::from_fn_with_state(
            limiter.clone(),
            limits::limit,
        )),
        None => router,
    };
    router.with_state(state)
}
