//! The API's OpenAPI 3.1 document, generated from the handlers' annotations, at
//! `/api/v1/openapi.json`: for client generators and API fuzzers (schemathesis).

use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use super::{
    accounts, applications, export, feed, ledger, ledger_events, markets, moderation, postings,
    registrations, reports, stats, steps,
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
        markets::list,
        markets::save,
        markets::remove,
        stats::month,
        ledger_events::events,
        ledger_events::csv,
        ledger::verify,
        ledger::checkpoint,
        ledger::proof,
        ledger::consistency,
        document,
    ),
    modifiers(&CommonErrors),
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
        moderation::Verdict,
        MarketBody,
        MarketKindBody,
        MarketLocation,
        CrsBody,
        OpeningHours,
        WeekdayBody
    ))
)]
pub struct ApiDoc;

/// The answers any operation can give before its handler decides, written into every
/// operation's list once here rather than on each handler: 400 a malformed query or body; on
/// changes 403 from another site, 413 too large, 415 not JSON, 429 past the abuse limits; 401
/// wherever 403 is (not signed in at all); 404 wherever the path names a thing by its id.
#[derive(Debug)]
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in &mut openapi.paths.paths {
            let names_a_thing = path.contains('{');
            let changes = [&mut item.post, &mut item.put, &mut item.delete];
            for operation in changes.into_iter().flatten() {
                add(
                    operation,
                    "403",
                    "A change from another site (`Origin`), or not allowed",
                );
                add(operation, "413", "The body is too large");
                add(
                    operation,
                    "415",
                    "The body is not JSON (`Content-Type: application/json`)",
                );
                add(
                    operation,
                    "429",
                    "Too many requests: wait `Retry-After` seconds",
                );
            }
            let all = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
            ];
            for operation in all.into_iter().flatten() {
                add(operation, "400", "A malformed query, path or body");
                if names_a_thing {
                    add(operation, "404", "No such thing, or not for this caller");
                }
                if operation.responses.responses.contains_key("403") {
                    add(operation, "401", "Sign in first");
                }
            }
        }
    }
}

/// Documents `status` with the error body, unless the operation documents it already.
fn add(operation: &mut Operation, status: &str, description: &str) {
    let error = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("ErrorBody")))
        .build();
    let response = ResponseBuilder::new()
        .description(description)
        .content("application/json", error)
        .build();
    operation
        .responses
        .responses
        .entry(status.to_string())
        .or_insert(response.into());
}

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

/// A market of the directory (core's `Market`), as `PUT /api/v1/markets/{id}` takes it and
/// `GET /api/v1/markets` gives it: written out here for client generators and the fuzzer.
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code)] // describes the JSON that core's `Market` reads and writes
pub struct MarketBody {
    /// Its id (left out, or the path's).
    #[schema(pattern = r"^[A-Za-z0-9._-]{1,64}$")]
    id: Option<String>,
    /// Its name, e.g. `鼓楼区零工市场`.
    #[schema(min_length = 1)]
    name: String,
    kind: MarketKindBody,
    /// The street address.
    #[schema(min_length = 1)]
    address: String,
    location: MarketLocation,
    /// The enquiry phone (咨询电话).
    phone: Option<String>,
    /// Weekly opening hours.
    hours: Option<Vec<OpeningHours>>,
    /// What it offers (服务项目), e.g. `零工登记`, `职业指导`, `劳动维权`.
    services: Option<Vec<String>>,
    /// Invented for a demonstration.
    demo: Option<bool>,
}

/// A market (零工市场) or a neighbourhood station (零工驿站).
#[derive(Debug, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum MarketKindBody {
    /// 零工市场.
    Market,
    /// 零工驿站.
    Station,
}

/// Where the market is: WGS-84 unless `crs` says `gcj02`.
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code)]
pub struct MarketLocation {
    #[schema(minimum = -90, maximum = 90)]
    lat: f64,
    #[schema(minimum = -180, maximum = 180)]
    lng: f64,
    crs: Option<CrsBody>,
    /// An address as a person finds it (the market's own is `address`).
    address: Option<String>,
}

/// The datum of a position.
#[derive(Debug, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum CrsBody {
    /// WGS-84 (GPS).
    Wgs84,
    /// GCJ-02 (Amap, Tencent maps, WeChat).
    Gcj02,
}

/// Opening hours on some weekdays, local time `HH:MM` (`24:00` for the day's end).
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code)]
pub struct OpeningHours {
    days: Vec<WeekdayBody>,
    from: String,
    to: String,
}

/// A weekday.
#[derive(Debug, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code, missing_docs)]
pub enum WeekdayBody {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}
