//! Abuse the limits and the text rules stop: wrong passwords tried against one number, an
//! employer posting past the limit from another address, and the invisible characters that
//! can make a phone number or a name read as another.

use std::net::IpAddr;

use linggong_server::MarketConfig;
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::api::{Server, browser, start};
use crate::common::{posting, sqlite_store};

/// A browser whose requests come from `ip` (any 127.x.y.z reaches the server on loopback).
fn browser_from(ip: &str) -> Client {
    let ip: IpAddr = ip.parse().unwrap();
    Client::builder()
        .cookie_store(true)
        .local_address(ip)
        .build()
        .unwrap()
}

async fn sign_in(s: &Server, client: &Client, phone: &str, password: &str) -> reqwest::Response {
    client
        .post(format!("{}/api/v1/session", s.url))
        .json(&json!({"phone": phone, "password": password}))
        .send()
        .await
        .unwrap()
}

fn limited() -> MarketConfig {
    MarketConfig {
        rate_limits: true,
        ..MarketConfig::default()
    }
}

#[tokio::test]
async fn after_five_wrong_passwords_a_number_signs_in_once_a_minute_from_anywhere() {
    let s = start(sqlite_store().await, limited()).await;
    s.employer("13800000001").await;
    s.employer("13800000002").await;
    for _ in 0..5 {
        let wrong = sign_in(&s, &browser(), "13800000001", "not-the-password").await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    }
    // The right password from another address: still refused, for a minute at most.
    let held = sign_in(
        &s,
        &browser_from("127.0.0.2"),
        "13800000001",
        "a-long-password",
    )
    .await;
    assert_eq!(held.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = held.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    // Another number is not held up.
    let other = sign_in(&s, &browser(), "13800000002", "a-long-password").await;
    assert_eq!(other.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn an_employer_past_the_posting_limit_is_held_up_from_another_address_too() {
    let s = start(sqlite_store().await, limited()).await;
    let here = s.employer("13800000001").await;
    for n in 0..60 {
        let (status, body) = s.post(&here, &posting(&format!("p{n}"))).await;
        assert_eq!(status, StatusCode::CREATED, "{n}: {body}");
    }
    let there = browser_from("127.0.0.3");
    let signed = sign_in(&s, &there, "13800000001", "a-long-password").await;
    assert_eq!(signed.status(), StatusCode::NO_CONTENT);
    let (status, body) = s.post(&there, &posting("p60")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    // Another employer at that address posts.
    let neighbour = browser_from("127.0.0.3");
    let account = json!({"phone": "13800000002", "password": "a-long-password", "name": "某公司"});
    s.call(&neighbour, Method::POST, "/api/v1/accounts", Some(account))
        .await;
    sign_in(&s, &neighbour, "13800000002", "a-long-password").await;
    assert_eq!(
        s.post(&neighbour, &posting("q0")).await.0,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn hidden_direction_and_control_characters_are_refused_in_postings_names_and_applications() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let owner = s.employer("13800000001").await;
    let mut disguised = serde_json::to_value(posting("rlo")).unwrap();
    disguised["employer"]["contact"] = json!("138\u{202E}4321\u{202C}0000");
    let (status, body) = s
        .call(&owner, Method::POST, "/api/v1/postings", Some(disguised))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let codes: Vec<&str> = body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"invalid.characters"), "{codes:?}");
    let account = json!({"phone": "13800000003", "password": "a-long-password",
        "name": "某\u{2067}公司"});
    let (status, body) = s
        .call(&browser(), Method::POST, "/api/v1/accounts", Some(account))
        .await;
    assert_eq!(
        (status, &body["error"]["field"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("name"))
    );
    s.post(&owner, &posting("live")).await;
    let application = json!({"id": "7d5c1f0e-3b1a-4c2e-9f4d-0a1b2c3d4e5f", "posting_id": "live",
        "name": "王\u{202E}师傅", "phone": "13800001234", "created_at": "2026-11-23T08:59:00+08:00"});
    let (status, body): (StatusCode, Value) = s
        .call(
            &browser(),
            Method::POST,
            "/api/v1/applications",
            Some(application),
        )
        .await;
    assert_eq!(
        (status, &body["error"]["field"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("name"))
    );
}
