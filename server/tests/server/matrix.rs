//! Who may do what, proved route by route: every route of the API × every kind of caller,
//! with the status each must get, from one table. A route the OpenAPI document lists without a
//! row here fails the suite, so no new route ships without its answer for each caller.

use std::collections::BTreeSet;

use linggong_server::MarketConfig;
use linggong_server::store::MarketStore;
use reqwest::{Client, Method};
use serde_json::json;

use crate::api::{Server, browser, start};
use crate::common::{posting, sqlite_store};

/// The callers, in the order each row is tried (the most privileged last, so that what an
/// earlier caller may not do has not been done yet).
const CALLERS: [&str; 7] = [
    "anonymous",
    "signed out",
    "seeker B",
    "seeker A",
    "employer B",
    "employer A",
    "staff",
];

const APP_A: &str = "aaaaaaaa-0000-4000-8000-000000000001";
const APP_B: &str = "bbbbbbbb-0000-4000-8000-000000000002";
const REG: &str = "cccccccc-0000-4000-8000-000000000003";
/// The market of the directory the world starts with.
const MARKET_M1: &str = r#"{"id": "m1", "name": "鼓楼区零工市场", "kind": "market", "address": "中山路1号", "location": {"lat": 32.06, "lng": 118.79}}"#;

/// A world: employer A's published posting `pa` with seeker A's application, employer B's
/// `pb` with seeker B's, one registration, staff; a client for each caller.
struct World {
    server: Server,
    callers: Vec<(Client, Option<String>)>,
}

async fn world() -> World {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let (a, b, staff) = (
        s.employer("13800000001").await,
        s.employer("13800000002").await,
        s.staff("13900000009").await,
    );
    s.post(&a, &posting("pa")).await;
    s.post(&b, &posting("pb")).await;
    let mut tokens = Vec::new();
    for (id, on, phone) in [(APP_A, "pa", "13700000001"), (APP_B, "pb", "13700000002")] {
        let body = json!({"id": id, "posting_id": on, "name": "王", "phone": phone,
            "created_at": "2026-11-23T08:00:00+08:00"});
        let (_, answer) = s
            .call(&browser(), Method::POST, "/api/v1/applications", Some(body))
            .await;
        tokens.push(answer["token"].as_str().unwrap().to_string());
    }
    let registration = json!({"id": REG, "profile": {"id": "x", "trades": ["保洁员"]},
        "consent": {"registration": true}});
    s.call(
        &browser(),
        Method::POST,
        "/api/v1/registrations",
        Some(registration),
    )
    .await;
    let market: linggong_core::Market = serde_json::from_str(MARKET_M1).unwrap();
    s.store.add_markets(&[market]).await.unwrap();
    let signed_out = s.employer("13800000003").await;
    s.call(&signed_out, Method::DELETE, "/api/v1/session", None)
        .await;
    let callers = vec![
        (browser(), None),
        (signed_out, None),
        (browser(), Some(tokens[1].clone())),
        (browser(), Some(tokens[0].clone())),
        (b, None),
        (a, None),
        (staff, None),
    ];
    World { server: s, callers }
}

/// One row: a request and the status for each caller (in [`CALLERS`] order). `{n}` in the
/// body becomes the caller's number, so that callers who may create each create their own.
struct Row {
    method: Method,
    path: &'static str,
    body: Option<&'static str>,
    want: [u16; 7],
}

fn row(method: Method, path: &'static str, body: Option<&'static str>, want: [u16; 7]) -> Row {
    Row {
        method,
        path,
        body,
        want,
    }
}

fn table() -> Vec<Row> {
    use Method as M;
    const ALL_200: [u16; 7] = [200; 7];
    const STAFF_ONLY: [u16; 7] = [401, 401, 401, 401, 403, 403, 200];
    const SIGNED_IN: [u16; 7] = [401, 401, 401, 401, 200, 200, 200];
    vec![
        row(
            M::POST,
            "/api/v1/accounts",
            Some(r#"{"phone": "1360000000{n}", "password": "a-long-password", "name": "某公司"}"#),
            [201; 7],
        ),
        row(M::GET, "/api/v1/session", None, SIGNED_IN),
        row(
            M::POST,
            "/api/v1/session",
            Some(r#"{"phone": "13800000001", "password": "a-long-password"}"#),
            [204; 7],
        ),
        row(M::DELETE, "/api/v1/session", None, [204; 7]),
        row(M::GET, "/api/v1/postings", None, SIGNED_IN),
        row(
            M::POST,
            "/api/v1/postings",
            Some("POSTING"),
            [401, 401, 401, 401, 201, 201, 201],
        ),
        row(M::GET, "/api/v1/postings/pa", None, ALL_200),
        row(
            M::POST,
            "/api/v1/postings/pa/withdraw",
            None,
            [401, 401, 401, 401, 403, 200, 403],
        ),
        row(
            M::GET,
            "/api/v1/postings/pa/applications",
            None,
            [401, 401, 401, 401, 403, 200, 200],
        ),
        row(
            M::POST,
            "/api/v1/applications",
            Some(
                r#"{"id": "dddddddd-0000-4000-8000-00000000000{n}", "posting_id": "pa", "name": "李", "phone": "1350000000{n}", "created_at": "2026-11-23T08:00:00+08:00"}"#,
            ),
            [201; 7],
        ),
        row(
            M::GET,
            "/api/v1/applications/aaaaaaaa-0000-4000-8000-000000000001",
            None,
            [404, 404, 404, 200, 404, 200, 200],
        ),
        row(
            M::POST,
            "/api/v1/applications/aaaaaaaa-0000-4000-8000-000000000001/offer",
            None,
            [404, 404, 404, 403, 404, 200, 409],
        ),
        row(
            M::POST,
            "/api/v1/reports",
            Some(
                r#"{"id": "eeeeeeee-0000-4000-8000-00000000000{n}", "posting_id": "pb", "reason": "押金", "created_at": "2026-11-23T08:00:00+08:00"}"#,
            ),
            [201; 7],
        ),
        row(
            M::POST,
            "/api/v1/registrations",
            Some(
                r#"{"id": "ffffffff-0000-4000-8000-00000000000{n}", "profile": {"id": "x", "trades": ["电工"]}, "consent": {"registration": true}}"#,
            ),
            [201; 7],
        ),
        row(
            M::GET,
            "/api/v1/registrations/cccccccc-0000-4000-8000-000000000003",
            None,
            [404, 404, 404, 404, 404, 404, 200],
        ),
        row(
            M::PUT,
            "/api/v1/registrations/cccccccc-0000-4000-8000-000000000003",
            Some(
                r#"{"profile": {"id": "x", "trades": ["电工"]}, "consent": {"registration": true}}"#,
            ),
            [404; 7],
        ),
        row(
            M::DELETE,
            "/api/v1/registrations/cccccccc-0000-4000-8000-000000000003",
            None,
            [404; 7],
        ),
        row(M::GET, "/api/v1/moderation", None, STAFF_ONLY),
        row(
            M::POST,
            "/api/v1/moderation/pb",
            Some(r#"{"decision": "take_down", "reason": "虚假"}"#),
            STAFF_ONLY,
        ),
        row(M::GET, "/api/v1/feed", None, ALL_200),
        row(M::GET, "/api/v1/export/postings.jsonl", None, ALL_200),
        row(
            M::POST,
            "/api/v1/import/postings.jsonl",
            Some("IMPORT"),
            STAFF_ONLY,
        ),
        row(M::GET, "/api/v1/markets", None, ALL_200),
        row(
            M::PUT,
            "/api/v1/markets/m2",
            Some(
                r#"{"name": "玄武区零工驿站", "kind": "station", "address": "珠江路2号", "location": {"lat": 32.05, "lng": 118.80}}"#,
            ),
            [401, 401, 401, 401, 403, 403, 201],
        ),
        row(
            M::DELETE,
            "/api/v1/markets/m1",
            None,
            [401, 401, 401, 401, 403, 403, 204],
        ),
        row(M::GET, "/api/v1/stats", None, ALL_200),
        row(M::GET, "/api/v1/stats?format=md", None, ALL_200),
        row(M::GET, "/api/v1/ledger", None, STAFF_ONLY),
        row(M::GET, "/api/v1/ledger.csv", None, STAFF_ONLY),
        row(M::GET, "/api/v1/ledger/verify", None, STAFF_ONLY),
        row(M::GET, "/api/v1/ledger/checkpoint", None, STAFF_ONLY),
        row(M::GET, "/api/v1/ledger/proof?seq=1", None, STAFF_ONLY),
        row(
            M::GET,
            "/api/v1/ledger/consistency?from=1",
            None,
            STAFF_ONLY,
        ),
        row(M::GET, "/api/v1/openapi.json", None, ALL_200),
    ]
}

/// The body a caller sends for a row.
fn body_for(body: &str, n: usize) -> String {
    match body {
        "POSTING" => serde_json::to_string(&posting(&format!("new-{n}"))).unwrap(),
        "IMPORT" => serde_json::to_string(&posting("imported")).unwrap() + "\n",
        other => other.replace("{n}", &n.to_string()),
    }
}

async fn status_of(s: &Server, caller: &(Client, Option<String>), r: &Row, n: usize) -> u16 {
    let (client, token) = caller;
    let mut request = client.request(r.method.clone(), format!("{}{}", s.url, r.path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = r.body {
        request = request
            .header("content-type", "application/json")
            .body(body_for(body, n));
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_every_caller_as_the_table_says() {
    let mut wrong = Vec::new();
    for r in table() {
        let w = world().await;
        for (n, (caller, want)) in w.callers.iter().zip(r.want).enumerate() {
            let got = status_of(&w.server, caller, &r, n).await;
            if got != want {
                wrong.push(format!(
                    "{} {} as {}: {got}, want {want}",
                    r.method, r.path, CALLERS[n]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn the_table_has_a_row_for_every_route_of_the_api() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let (_, doc) = s
        .call(&browser(), Method::GET, "/api/v1/openapi.json", None)
        .await;
    let mut routes = BTreeSet::new();
    for (path, methods) in doc["paths"].as_object().unwrap() {
        for method in methods.as_object().unwrap().keys() {
            routes.insert((method.to_uppercase(), path.clone()));
        }
    }
    let covered: BTreeSet<(String, String)> = table()
        .iter()
        .map(|r| {
            let path = r.path.split('?').next().unwrap();
            (r.method.to_string(), template(path))
        })
        .collect();
    let missing: Vec<_> = routes.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "routes without a row in the table: {missing:?}"
    );
}

/// A concrete path as the OpenAPI document writes its template.
fn template(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    let named = |i: usize, s: &str| -> String {
        let before = segments.get(i.wrapping_sub(1)).copied().unwrap_or("");
        match (before, s) {
            ("postings" | "applications" | "registrations" | "moderation" | "markets", id)
                if !matches!(id, "") && !id.ends_with(".jsonl") =>
            {
                "{id}".to_string()
            }
            _ if segments.get(i.wrapping_sub(2)) == Some(&"applications") && i == 5 => {
                "{step}".to_string()
            }
            _ => s.to_string(),
        }
    };
    segments
        .iter()
        .enumerate()
        .map(|(i, s)| named(i, s))
        .collect::<Vec<_>>()
        .join("/")
}
