//! The HTTP API of a real server on a free port, driven as the desk, phones and other
//! platforms drive it.

use std::sync::Arc;

use linggong_core::{Manifest, Posting, decode_tile, parse_postings_jsonl};
use linggong_server::clock::ManualClock;
use linggong_server::store::{MarketStore, NewAccount, Role, SqlStore};
use linggong_server::{AppState, MarketConfig, hash_password, router};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{now, posting, posting_at, sqlite_store};

/// A server on a free port of 127.0.0.1, with its store.
pub(crate) struct Server {
    pub(crate) url: String,
    pub(crate) store: SqlStore,
}

pub(crate) async fn start(store: SqlStore, config: MarketConfig) -> Server {
    let clock = Arc::new(ManualClock::new(now()));
    let app = router(AppState::new(store.clone(), clock, config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server { url, store }
}

/// A browser of its own (its own cookies).
pub(crate) fn browser() -> Client {
    Client::builder().cookie_store(true).build().unwrap()
}

impl Server {
    pub(crate) async fn call(
        &self,
        client: &Client,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = client.request(method, format!("{}{path}", self.url));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// A signed-in employer (registered through the API).
    pub(crate) async fn employer(&self, phone: &str) -> Client {
        let client = browser();
        let account = json!({"phone": phone, "password": "a-long-password", "name": "某物业公司"});
        assert_eq!(
            self.call(&client, Method::POST, "/api/v1/accounts", Some(account))
                .await
                .0,
            StatusCode::CREATED
        );
        self.sign_in(&client, phone).await;
        client
    }

    /// A signed-in staff member (made as `linggong-server staff add` makes one).
    pub(crate) async fn staff(&self, phone: &str) -> Client {
        let account = NewAccount {
            phone: phone.into(),
            name: "工作人员".into(),
            role: Role::Staff,
            password_hash: hash_password("a-long-password").unwrap(),
            created_at: now(),
        };
        self.store.create_account(account).await.unwrap();
        let client = browser();
        self.sign_in(&client, phone).await;
        client
    }

    async fn sign_in(&self, client: &Client, phone: &str) {
        let body = json!({"phone": phone, "password": "a-long-password"});
        assert_eq!(
            self.call(client, Method::POST, "/api/v1/session", Some(body))
                .await
                .0,
            StatusCode::NO_CONTENT
        );
    }

    pub(crate) async fn post(&self, client: &Client, p: &Posting) -> (StatusCode, Value) {
        self.call(
            client,
            Method::POST,
            "/api/v1/postings",
            Some(serde_json::to_value(p).unwrap()),
        )
        .await
    }

    /// A page of the ledger as `staff` reads it, with the query string `query`.
    pub(crate) async fn ledger(&self, staff: &Client, query: &str) -> (StatusCode, Value) {
        let path = format!("/api/v1/ledger?{query}");
        self.call(staff, Method::GET, &path, None).await
    }

    pub(crate) async fn text(&self, path: &str) -> String {
        reqwest::get(format!("{}{path}", self.url))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    pub(crate) async fn bytes(&self, path: &str) -> Vec<u8> {
        reqwest::get(format!("{}{path}", self.url))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .to_vec()
    }
}

#[tokio::test]
async fn a_posting_goes_through_submission_review_publication_and_take_down() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let (employer, staff, anyone) = (
        s.employer("13800000001").await,
        s.staff("13900000009").await,
        browser(),
    );
    let (status, body) = s.post(&employer, &posting("clean")).await;
    assert_eq!(
        (status, &body["status"]),
        (StatusCode::CREATED, &json!("published")),
        "{body}"
    );
    // A pay far from the usual range warns: staff look first.
    let (status, body) = s.post(&employer, &posting_at("odd", 32.06, 5000)).await;
    assert_eq!(
        (status, &body["status"]),
        (StatusCode::CREATED, &json!("pending_review")),
        "{body}"
    );
    assert_eq!(body["findings"][0]["code"], "pay.implausible");
    assert_eq!(
        s.call(&anyone, Method::GET, "/api/v1/postings/odd", None)
            .await
            .0,
        StatusCode::NOT_FOUND,
        "not yet public"
    );
    assert_eq!(
        s.call(&employer, Method::GET, "/api/v1/postings/odd", None)
            .await
            .0,
        StatusCode::OK,
        "its owner sees it"
    );
    let (_, queue) = s
        .call(&staff, Method::GET, "/api/v1/moderation", None)
        .await;
    assert_eq!(queue["postings"][0]["posting"]["id"], "odd");
    let reject = json!({"decision": "reject"});
    let (status, body) = s
        .call(&staff, Method::POST, "/api/v1/moderation/odd", Some(reject))
        .await;
    assert_eq!(
        (status, &body["error"]["field"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("reason"))
    );
    let approve = json!({"decision": "approve"});
    assert_eq!(
        s.call(
            &staff,
            Method::POST,
            "/api/v1/moderation/odd",
            Some(approve.clone())
        )
        .await
        .1["status"],
        "published"
    );
    let (status, body) = s
        .call(
            &staff,
            Method::POST,
            "/api/v1/moderation/odd",
            Some(approve),
        )
        .await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::CONFLICT, &json!("wrong_state"))
    );
    let take_down = json!({"decision": "take_down", "reason": "工资与实际不符"});
    assert_eq!(
        s.call(
            &staff,
            Method::POST,
            "/api/v1/moderation/odd",
            Some(take_down)
        )
        .await
        .1["status"],
        "taken_down"
    );
    let (_, shown) = s
        .call(&employer, Method::GET, "/api/v1/postings/odd", None)
        .await;
    assert_eq!(
        (&shown["status"], &shown["reason"]),
        (&json!("taken_down"), &json!("工资与实际不符"))
    );
    let steps: Vec<&str> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["pending_review", "published", "taken_down"]);
    assert_eq!(
        s.call(
            &employer,
            Method::POST,
            "/api/v1/postings/clean/withdraw",
            None
        )
        .await
        .1["status"],
        "withdrawn"
    );
    let (status, _) = s
        .call(
            &employer,
            Method::POST,
            "/api/v1/postings/clean/withdraw",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_blocked_posting_is_refused_with_its_findings_and_nothing_is_stored() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let employer = s.employer("13800000001").await;
    let mut bad = posting("bad");
    bad.content = Some("招保洁，限男性，先交押金200元".into());
    let (status, body) = s.post(&employer, &bad).await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("blocked")),
        "{body}"
    );
    let codes: Vec<&str> = body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.iter().any(|c| c.contains("gender"))
            && codes
                .iter()
                .any(|c| c.contains("fee") || c.contains("deposit")),
        "{codes:?}"
    );
    assert!(s.store.posting("bad").await.unwrap().is_none());
    let review_all = start(
        sqlite_store().await,
        MarketConfig {
            review_all: true,
            ..MarketConfig::default()
        },
    )
    .await;
    let employer = review_all.employer("13800000001").await;
    assert_eq!(
        review_all.post(&employer, &posting("clean")).await.1["status"],
        "pending_review",
        "a market that checks everything"
    );
}

#[tokio::test]
async fn each_route_refuses_the_callers_it_must() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let (owner, other, staff, anyone) = (
        s.employer("13800000001").await,
        s.employer("13800000002").await,
        s.staff("13900000009").await,
        browser(),
    );
    s.post(&owner, &posting_at("pending", 32.06, 5000)).await;
    s.post(&owner, &posting("live")).await;
    let decide = || Some(json!({"decision": "approve"}));
    type Case<'a> = (
        &'a str,
        &'a Client,
        Method,
        &'a str,
        Option<Value>,
        StatusCode,
    );
    let cases: [Case<'_>; 10] = [
        (
            "anonymous posts",
            &anyone,
            Method::POST,
            "/api/v1/postings",
            Some(json!({"id": "x"})),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "anonymous reads a pending posting",
            &anyone,
            Method::GET,
            "/api/v1/postings/pending",
            None,
            StatusCode::NOT_FOUND,
        ),
        (
            "another employer reads it",
            &other,
            Method::GET,
            "/api/v1/postings/pending",
            None,
            StatusCode::NOT_FOUND,
        ),
        (
            "staff read it",
            &staff,
            Method::GET,
            "/api/v1/postings/pending",
            None,
            StatusCode::OK,
        ),
        (
            "another employer withdraws a live posting",
            &other,
            Method::POST,
            "/api/v1/postings/live/withdraw",
            None,
            StatusCode::FORBIDDEN,
        ),
        (
            "another employer withdraws a pending one",
            &other,
            Method::POST,
            "/api/v1/postings/pending/withdraw",
            None,
            StatusCode::NOT_FOUND,
        ),
        (
            "anonymous reads the queue",
            &anyone,
            Method::GET,
            "/api/v1/moderation",
            None,
            StatusCode::UNAUTHORIZED,
        ),
        (
            "an employer reads the queue",
            &owner,
            Method::GET,
            "/api/v1/moderation",
            None,
            StatusCode::FORBIDDEN,
        ),
        (
            "an employer approves",
            &owner,
            Method::POST,
            "/api/v1/moderation/pending",
            decide(),
            StatusCode::FORBIDDEN,
        ),
        (
            "an employer imports",
            &owner,
            Method::POST,
            "/api/v1/import/postings.jsonl",
            Some(json!("{}")),
            StatusCode::FORBIDDEN,
        ),
    ];
    for (what, client, method, path, body, want) in cases {
        let (status, answer) = s.call(client, method, path, body).await;
        assert_eq!(status, want, "{what}: {answer}");
    }
    // Signed out, the session is gone for good.
    assert_eq!(
        s.call(&staff, Method::DELETE, "/api/v1/session", None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        s.call(&staff, Method::GET, "/api/v1/moderation", None)
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    let wrong = json!({"phone": "13800000001", "password": "not-the-password"});
    assert_eq!(
        s.call(&browser(), Method::POST, "/api/v1/session", Some(wrong))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_feed_carries_publications_and_removals_in_order_from_any_cursor() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let (employer, staff, anyone) = (
        s.employer("13800000001").await,
        s.staff("13900000009").await,
        browser(),
    );
    s.post(&employer, &posting("a")).await;
    let (_, first) = s.call(&anyone, Method::GET, "/api/v1/feed", None).await;
    let cursor = first["cursor"].as_str().unwrap().to_string();
    s.post(&employer, &posting("b")).await;
    s.call(&employer, Method::POST, "/api/v1/postings/a/withdraw", None)
        .await;
    let take_down = json!({"decision": "take_down", "reason": "重复发布"});
    s.call(
        &staff,
        Method::POST,
        "/api/v1/moderation/b",
        Some(take_down),
    )
    .await;
    let (_, next) = s
        .call(
            &anyone,
            Method::GET,
            &format!("/api/v1/feed?after={cursor}"),
            None,
        )
        .await;
    let ops: Vec<String> = next["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c["op"].as_str().unwrap(),
                c["posting"]["id"].as_str().or(c["id"].as_str()).unwrap(),
                c["reason"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        ops,
        ["upsert b ", "remove a withdrawn", "remove b taken_down"]
    );
    let (_, empty) = s
        .call(
            &anyone,
            Method::GET,
            &format!("/api/v1/feed?after={}", next["cursor"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(empty["changes"], json!([]));
}

#[tokio::test]
async fn export_then_import_elsewhere_gives_the_same_postings_and_a_second_import_changes_nothing()
{
    let a = start(sqlite_store().await, MarketConfig::default()).await;
    let employer = a.employer("13800000001").await;
    for (i, lat) in [32.06, 31.98, 30.5].into_iter().enumerate() {
        a.post(
            &employer,
            &posting_at(&format!("p{i}"), lat, 180 + i as u32),
        )
        .await;
    }
    let exported = a.text("/api/v1/export/postings.jsonl").await;
    assert_eq!(exported.lines().count(), 3);
    let b = start(sqlite_store().await, MarketConfig::default()).await;
    let staff = b.staff("13900000009").await;
    let import = |body: String| {
        let client = staff.clone();
        let url = format!("{}/api/v1/import/postings.jsonl", b.url);
        async move {
            client
                .post(url)
                .body(body)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let report = import(format!("{exported}{{\"id\": \"broken\", \"pay\": 5}}\n")).await;
    assert_eq!(
        (&report["lines"], &report["refused"]),
        (&json!(4), &json!(1)),
        "{report}"
    );
    assert_eq!(report["report"][3]["line"], 4);
    assert!(
        report["report"][3]["error"]
            .as_str()
            .unwrap()
            .contains("pay"),
        "{report}"
    );
    assert_eq!(b.text("/api/v1/export/postings.jsonl").await, exported);
    let again = import(exported.clone()).await;
    let outcomes: Vec<&Value> = again["report"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["outcome"])
        .collect();
    assert!(outcomes.iter().all(|o| *o == "unchanged"), "{again}");
}

#[tokio::test]
async fn a_published_posting_reads_as_schema_org_job_posting() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let employer = s.employer("13800000001").await;
    s.post(&employer, &posting("a")).await;
    let response = reqwest::get(format!("{}/api/v1/postings/a.jsonld", s.url))
        .await
        .unwrap();
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/ld+json")
    );
    let job: Value = response.json().await.unwrap();
    assert_eq!(
        (&job["@context"], &job["@type"]),
        (&json!("https://schema.org"), &json!("JobPosting"))
    );
    assert_eq!(job["employmentType"], json!(["TEMPORARY", "PER_DIEM"]));
    assert_eq!(
        job["baseSalary"]["value"],
        json!({"@type": "QuantitativeValue", "value": 200.0, "unitText": "DAY"})
    );
    assert_eq!(job["baseSalary"]["currency"], "CNY");
    assert_eq!(job["totalJobOpenings"], 2);
    assert_eq!(
        job["validThrough"],
        posting("a").valid_through.unwrap().to_string()
    );
    assert_eq!(job["jobLocation"]["geo"]["latitude"], 32.06);
    assert_eq!(job["hiringOrganization"]["name"], "玄武区某物业公司");
    assert_eq!(
        s.call(
            &browser(),
            Method::GET,
            "/api/v1/postings/none.jsonld",
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_months_figures_equal_linggong_stats_on_the_export() {
    let store = sqlite_store().await;
    linggong_server::seed_demo(&store, 300, now())
        .await
        .unwrap();
    let s = start(store, MarketConfig::default()).await;
    let dir =
        std::env::temp_dir().join(format!("linggong-stats-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("postings.jsonl"),
        s.text("/api/v1/export/postings.jsonl?all=true").await,
    )
    .unwrap();
    let seekers: String = s
        .store
        .seekers()
        .await
        .unwrap()
        .iter()
        .map(|p| serde_json::to_string(p).unwrap() + "\n")
        .collect();
    std::fs::write(dir.join("seekers.jsonl"), seekers).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut io = linggong_cli::Io {
        stdin: &mut &b""[..],
        stdout: &mut out,
        stderr: &mut err,
    };
    let args = [
        "linggong",
        "stats",
        "--data",
        "postings.jsonl",
        "--seekers",
        "seekers.jsonl",
        "--month",
        "2026-11",
        "--format",
        "json",
    ];
    let args = args.map(|a| {
        if a.ends_with(".jsonl") {
            dir.join(a).display().to_string()
        } else {
            a.to_string()
        }
    });
    assert_eq!(
        linggong_cli::run(args, &mut io),
        0,
        "{}",
        String::from_utf8_lossy(&err)
    );
    let cli: Value = serde_json::from_slice(&out).unwrap();
    let (status, mut server) = s
        .call(&browser(), Method::GET, "/api/v1/stats?month=2026-11", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    // Beside linggong stats's figures, the month's services from the ledger.
    let services = server.as_object_mut().unwrap().remove("services").unwrap();
    assert!(
        services["postings_published"].as_u64().unwrap() > 200,
        "{services}"
    );
    assert!(
        server["total"]["postings"].as_u64().unwrap() > 200,
        "{}",
        server["total"]
    );
    assert_eq!(server, cli);
    assert_eq!(
        s.call(&browser(), Method::GET, "/api/v1/stats?month=2026-13", None)
            .await
            .0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn the_snapshot_is_the_published_postings_and_a_change_remakes_only_its_tile() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let employer = s.employer("13800000001").await;
    for (i, lat) in [32.06, 32.07, 31.98, 30.5].into_iter().enumerate() {
        s.post(&employer, &posting_at(&format!("p{i}"), lat, 200))
            .await;
    }
    s.post(&employer, &posting_at("pending", 32.06, 5000)).await;
    let manifest = Manifest::from_json(&s.text("/data/manifest.json").await).unwrap();
    let mut ids = Vec::new();
    for tile in &manifest.tiles {
        let bytes = s.bytes(&format!("/data/{}", tile.file.path)).await;
        tile.file.verify(&bytes).unwrap();
        ids.extend(decode_tile(&bytes).unwrap().into_iter().map(|p| p.id));
    }
    ids.sort();
    assert_eq!(ids, ["p0", "p1", "p2", "p3"], "published only");
    s.call(
        &employer,
        Method::POST,
        "/api/v1/postings/p1/withdraw",
        None,
    )
    .await;
    let after = Manifest::from_json(&s.text("/data/manifest.json").await).unwrap();
    let digest = |m: &Manifest, key: &str| {
        m.tiles
            .iter()
            .find(|t| t.key == key)
            .map(|t| t.file.digest.clone())
    };
    assert_ne!(
        digest(&manifest, "t61_149"),
        digest(&after, "t61_149"),
        "the changed tile is new"
    );
    for key in ["t60_149", "t60_148"] {
        assert_eq!(
            digest(&manifest, key),
            digest(&after, key),
            "{key} untouched"
        );
    }
    let tile = decode_tile(&s.bytes("/data/tiles/t61_149.lgs").await).unwrap();
    assert_eq!(
        tile.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["p0"]
    );
    let missing = reqwest::get(format!("{}/data/tiles/t1_1.lgs", s.url))
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    // A phone holding the current tile revalidates for nothing.
    let etag = format!("\"{}\"", digest(&after, "t61_149").unwrap());
    let again = Client::new()
        .get(format!("{}/data/tiles/t61_149.lgs", s.url))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn malformed_requests_get_a_4xx_naming_what_is_wrong_never_a_5xx() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let employer = s.employer("13800000001").await;
    let big = format!("{{\"id\": \"{}\"}}", "x".repeat(100 * 1024));
    let cases: [(&str, &str, &str, String, StatusCode, &str); 11] = [
        (
            "/api/v1/postings",
            "application/json",
            "not json",
            "{".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "",
        ),
        (
            "/api/v1/postings",
            "application/json",
            "unknown field",
            r#"{"id": "a", "colour": 1}"#.into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "",
        ),
        (
            "/api/v1/postings",
            "application/json",
            "wrong type",
            r#"{"id": "a", "headcount": "two"}"#.into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "headcount",
        ),
        (
            "/api/v1/postings",
            "application/json",
            "an array",
            r#"["a"]"#.into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "",
        ),
        (
            "/api/v1/postings",
            "application/json",
            "no id",
            r#"{"id": " "}"#.into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "id",
        ),
        (
            "/api/v1/postings",
            "text/plain",
            "not declared JSON",
            "{}".into(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "",
        ),
        (
            "/api/v1/postings",
            "application/json",
            "too large",
            big,
            StatusCode::PAYLOAD_TOO_LARGE,
            "",
        ),
        (
            "/api/v1/accounts",
            "application/json",
            "a bad phone",
            r#"{"phone": "12", "password": "a-long-password", "name": "x"}"#.into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phone",
        ),
        (
            "/api/v1/accounts",
            "application/json",
            "a short password",
            r#"{"phone": "13800000003", "password": "short", "name": "x"}"#.into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "password",
        ),
        (
            "/api/v1/accounts",
            "application/json",
            "a missing field",
            r#"{"phone": "13800000003"}"#.into(),
            StatusCode::BAD_REQUEST,
            "",
        ),
        (
            "/api/v1/session",
            "application/json",
            "not UTF-8",
            "\u{FFFD}".into(),
            StatusCode::BAD_REQUEST,
            "",
        ),
    ];
    for (path, content_type, what, body, want, field) in cases {
        let response = employer
            .post(format!("{}{path}", s.url))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let answer: Value = response.json().await.unwrap_or(Value::Null);
        assert_eq!(status, want, "{what}: {answer}");
        assert!(
            answer["error"]["code"].is_string() && answer["error"]["message"].is_string(),
            "{what}: {answer}"
        );
        if !field.is_empty() {
            assert_eq!(answer["error"]["field"], field, "{what}: {answer}");
        }
    }
    let bytes = employer
        .post(format!("{}/api/v1/postings", s.url))
        .header("content-type", "application/json")
        .body(vec![0xffu8, 0xfe])
        .send()
        .await
        .unwrap();
    assert_eq!(bytes.status(), StatusCode::BAD_REQUEST);
    for query in [
        "/api/v1/feed?after=-1",
        "/api/v1/feed?limit=0",
        "/api/v1/feed?limit=99999",
        "/api/v1/feed?x=1",
        "/api/v1/export/postings.jsonl?all=maybe",
    ] {
        assert_eq!(
            s.call(&browser(), Method::GET, query, None).await.0,
            StatusCode::BAD_REQUEST,
            "{query}"
        );
    }
    let exported = s.text("/api/v1/export/postings.jsonl").await;
    assert!(
        parse_postings_jsonl(&exported).all(|(_, p)| p.is_ok()),
        "nothing half-written"
    );
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let (status, doc) = s
        .call(&browser(), Method::GET, "/api/v1/openapi.json", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{doc}");
    let mut paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/api/v1/accounts",
            "/api/v1/applications",
            "/api/v1/applications/{id}",
            "/api/v1/applications/{id}/{step}",
            "/api/v1/export/postings.jsonl",
            "/api/v1/feed",
            "/api/v1/import/postings.jsonl",
            "/api/v1/ledger",
            "/api/v1/ledger.csv",
            "/api/v1/ledger/checkpoint",
            "/api/v1/ledger/consistency",
            "/api/v1/ledger/proof",
            "/api/v1/ledger/verify",
            "/api/v1/markets",
            "/api/v1/markets/{id}",
            "/api/v1/moderation",
            "/api/v1/moderation/{id}",
            "/api/v1/openapi.json",
            "/api/v1/postings",
            "/api/v1/postings/{id}",
            "/api/v1/postings/{id}/applications",
            "/api/v1/postings/{id}/withdraw",
            "/api/v1/registrations",
            "/api/v1/registrations/{id}",
            "/api/v1/reports",
            "/api/v1/session",
            "/api/v1/stats",
        ]
    );
    assert_eq!(
        doc["paths"]["/api/v1/session"].as_object().unwrap().len(),
        3,
        "who, sign in and out"
    );
}
