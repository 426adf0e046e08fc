//! What the desk asks first: who is signed in, and the account's own postings.

use linggong_server::MarketConfig;
use reqwest::{Method, StatusCode};

use crate::api::{browser, start};
use crate::common::{posting, posting_at, sqlite_store};

#[tokio::test]
async fn the_desk_learns_who_is_signed_in_and_lists_only_their_postings() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let anyone = browser();
    let (status, _) = s.call(&anyone, Method::GET, "/api/v1/session", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (owner, other) = (
        s.employer("13800000001").await,
        s.employer("13800000002").await,
    );
    let (status, me) = s.call(&owner, Method::GET, "/api/v1/session", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (me["phone"].as_str(), me["role"].as_str()),
        (Some("13800000001"), Some("employer"))
    );
    assert!(me.get("password_hash").is_none(), "{me}");
    s.post(&owner, &posting("live")).await;
    s.post(&owner, &posting_at("pending", 32.06, 5000)).await;
    s.post(&other, &posting("theirs")).await;
    let (status, mine) = s.call(&owner, Method::GET, "/api/v1/postings", None).await;
    assert_eq!(status, StatusCode::OK);
    let mut listed: Vec<(&str, &str)> = mine["postings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["posting"]["id"].as_str().unwrap(),
                p["status"].as_str().unwrap(),
            )
        })
        .collect();
    listed.sort_unstable();
    assert_eq!(
        listed,
        [("live", "published"), ("pending", "pending_review")]
    );
    assert_eq!(
        s.call(&anyone, Method::GET, "/api/v1/postings", None)
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_change_from_another_site_is_refused_and_every_answer_carries_the_safety_headers() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let account = serde_json::json!({"phone": "13800000005", "password": "a-long-password", "name": "某公司"});
    let from = |origin: &str| {
        browser()
            .post(format!("{}/api/v1/accounts", s.url))
            .header("origin", origin)
            .json(&account)
    };
    let evil = from("https://evil.example").send().await.unwrap();
    assert_eq!(evil.status(), StatusCode::FORBIDDEN);
    let body: serde_json::Value = evil.json().await.unwrap();
    assert_eq!(body["error"]["code"], "cross_origin");
    let own = from(&s.url).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::CREATED, "the market's own page");
    let read = browser()
        .get(format!("{}/api/v1/feed", s.url))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK, "reading is not a change");
    assert_eq!(read.headers()["x-content-type-options"], "nosniff");
    assert_eq!(read.headers()["x-frame-options"], "DENY");
    // A method a route does not take: 405 in the API's error shape (found by fuzzing).
    let (status, body) = s.call(&browser(), Method::PUT, "/api/v1/feed", None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["error"]["code"], "method_not_allowed", "{body}");
}

#[tokio::test]
async fn sign_ins_beyond_the_limit_get_429_with_retry_after() {
    let config = MarketConfig {
        rate_limits: true,
        ..MarketConfig::default()
    };
    let s = start(sqlite_store().await, config).await;
    // Ten numbers, one wrong password each (five for one number hit that number's own limit).
    for n in 0..10 {
        let wrong =
            serde_json::json!({"phone": format!("1380000001{n}"), "password": "not-the-password"});
        let (status, _) = s
            .call(
                &browser(),
                reqwest::Method::POST,
                "/api/v1/session",
                Some(wrong),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let wrong = serde_json::json!({"phone": "13800000009", "password": "not-the-password"});
    let limited = browser()
        .post(format!("{}/api/v1/session", s.url))
        .json(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    // One token every 6 s: the wait is at most 6 s, less if the ten took a while.
    let wait: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=6).contains(&wait), "Retry-After {wait}");
    let body: serde_json::Value = limited.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    // Reading is never limited.
    let (status, _) = s
        .call(&browser(), reqwest::Method::GET, "/api/v1/feed", None)
        .await;
    assert_eq!(status, StatusCode::OK);
}
