//! An application's steps over HTTP: who may take which, from where, with the check-in code,
//! and a step resent from the phone's outbox taken once.

use linggong_server::MarketConfig;
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::api::{Server, browser, start};
use crate::common::{posting, sqlite_store};

const APP: &str = "7d5c1f0e-3b1a-4c2e-9f4d-0a1b2c3d4e5f";
const CONFIRM: &str = "0f1e2d3c-4b5a-4968-8776-655443322110";

/// The seeker's phone: no account, the application's token.
struct Phone {
    token: String,
}

impl Phone {
    async fn step(&self, s: &Server, step: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut request = browser()
            .post(format!("{}/api/v1/applications/{APP}/{step}", s.url))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn read(&self, s: &Server) -> Value {
        let response = browser()
            .get(format!("{}/api/v1/applications/{APP}", s.url))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }
}

async fn step(s: &Server, c: &Client, step: &str, body: Option<Value>) -> (StatusCode, Value) {
    let path = format!("/api/v1/applications/{APP}/{step}");
    s.call(c, Method::POST, &path, body).await
}

#[tokio::test]
async fn an_offer_is_confirmed_on_the_phone_and_arrival_needs_the_seekers_code() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let (owner, other, staff) = (
        s.employer("13800000001").await,
        s.employer("13800000002").await,
        s.staff("13900000009").await,
    );
    s.post(&owner, &posting("live")).await;
    let sent = json!({"id": APP, "posting_id": "live", "name": "王师傅", "phone": "13800001234",
        "created_at": "2026-11-23T08:59:00+08:00"});
    let (_, first) = s
        .call(&browser(), Method::POST, "/api/v1/applications", Some(sent))
        .await;
    let phone = Phone {
        token: first["token"].as_str().unwrap().to_string(),
    };
    assert_eq!(phone.read(&s).await["steps"], json!(["withdraw"]));
    // Refused: the seeker cannot offer, another employer does not see it, nothing skips ahead.
    assert_eq!(phone.step(&s, "offer", None).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        step(&s, &other, "offer", None).await.0,
        StatusCode::NOT_FOUND
    );
    let early = step(&s, &owner, "complete", None).await;
    assert_eq!(early.0, StatusCode::CONFLICT, "{}", early.1);
    assert_eq!(
        step(&s, &owner, "expire", None).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        step(&s, &owner, "hire", None).await.0,
        StatusCode::NOT_FOUND
    );
    // The employer offers; the phone sees 已录用 with its code and what it may do.
    let (status, offered) = step(&s, &owner, "offer", None).await;
    assert_eq!(
        (status, offered["status"].as_str()),
        (StatusCode::OK, Some("offered"))
    );
    let seen = phone.read(&s).await;
    assert_eq!(seen["steps"], json!(["confirm", "withdraw"]));
    let code = seen["check_in_code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 6);
    let (_, as_owner) = s
        .call(
            &owner,
            Method::GET,
            &format!("/api/v1/applications/{APP}"),
            None,
        )
        .await;
    assert!(
        as_owner.get("check_in_code").is_none(),
        "the employer never sees the code"
    );
    assert_eq!(as_owner["steps"], json!(["decline"]));
    // The phone confirms; the answer is lost; the outbox sends the same step again.
    let confirm = json!({"id": CONFIRM});
    let (status, confirmed) = phone.step(&s, "confirm", Some(confirm.clone())).await;
    assert_eq!(
        (status, confirmed["status"].as_str()),
        (StatusCode::OK, Some("confirmed"))
    );
    assert_eq!(
        phone.step(&s, "confirm", Some(confirm)).await,
        (StatusCode::OK, confirmed)
    );
    // Arrival by the employer needs the code the seeker shows.
    let wrong = step(&s, &owner, "arrive", Some(json!({"code": "000000x"}))).await;
    assert_eq!(
        (wrong.0, wrong.1["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("code"))
    );
    let (status, arrived) = step(&s, &owner, "arrive", Some(json!({"code": code}))).await;
    assert_eq!(
        (status, arrived["status"].as_str()),
        (StatusCode::OK, Some("arrived"))
    );
    let (status, done) = step(&s, &staff, "complete", None).await;
    assert_eq!(
        (status, done["status"].as_str()),
        (StatusCode::OK, Some("completed"))
    );
    let history: Vec<String> = phone.read(&s).await["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}:{}",
                e["status"].as_str().unwrap(),
                e["actor"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        history,
        [
            "submitted:seeker",
            "offered:employer",
            "confirmed:seeker",
            "arrived:employer",
            "completed:staff"
        ]
    );
    let (_, listed) = s
        .call(
            &owner,
            Method::GET,
            "/api/v1/postings/live/applications",
            None,
        )
        .await;
    assert_eq!(listed["applications"][0]["steps"], json!(["dispute"]));
}
