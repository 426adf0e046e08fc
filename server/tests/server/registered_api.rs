//! Seekers registered with the market by choice, as the employer and the month's figures see
//! them: registered applicants ranked first with matching's explanation (priority help capped
//! and named, the registration itself never shown), and the priority seeker whose work was
//! completed counted as helped into work.

use linggong_server::MarketConfig;
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::api::{Server, browser, start};
use crate::common::{posting, sqlite_store};

const NEAR: &str = "11111111-0000-4000-8000-000000000001";
const PRIORITY: &str = "11111111-0000-4000-8000-000000000002";

/// Registers a cleaner near the gig (priority groups only with their own consent).
async fn register(s: &Server, id: &str, priority: bool) {
    let profile = json!({"id": id, "trades": ["保洁"], "location": {"lat": 32.06, "lng": 118.79},
        "priority": ["elderly"]});
    let body = json!({"id": id, "profile": profile,
        "consent": {"registration": true, "priority": priority}});
    let (status, answer) = s
        .call(
            &browser(),
            Method::POST,
            "/api/v1/registrations",
            Some(body),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
}

/// Applies from a phone; the application's token.
async fn apply(s: &Server, n: u8, registration: Option<&str>) -> (String, String) {
    let id = format!("22222222-0000-4000-8000-00000000000{n}");
    let mut body = json!({"id": id, "posting_id": "live", "name": format!("师傅{n}"),
        "phone": format!("1380000100{n}"), "created_at": "2026-11-23T08:59:00+08:00"});
    if let Some(r) = registration {
        body["registration"] = json!(r);
    }
    let (status, answer) = s
        .call(&browser(), Method::POST, "/api/v1/applications", Some(body))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    (id, answer["token"].as_str().unwrap().to_string())
}

async fn seeker_step(s: &Server, id: &str, token: &str, step: &str) -> Value {
    let response = browser()
        .post(format!("{}/api/v1/applications/{id}/{step}", s.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{step}");
    response.json().await.unwrap()
}

async fn owner_step(s: &Server, owner: &Client, id: &str, step: &str, body: Option<Value>) {
    let path = format!("/api/v1/applications/{id}/{step}");
    let (status, answer) = s.call(owner, Method::POST, &path, body).await;
    assert_eq!(status, StatusCode::OK, "{step}: {answer}");
}

#[tokio::test]
async fn registered_applicants_come_first_ranked_and_a_priority_seeker_helped_is_counted() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let owner = s.employer("13800000001").await;
    s.post(&owner, &posting("live")).await;
    register(&s, NEAR, false).await;
    register(&s, PRIORITY, true).await;
    let unregistered = apply(&s, 1, None).await;
    let _near = apply(&s, 2, Some(NEAR)).await;
    let (helped, token) = apply(&s, 3, Some(PRIORITY)).await;
    let bad = json!({"id": "22222222-0000-4000-8000-000000000009", "posting_id": "live",
        "name": "师傅", "phone": "13800001009", "created_at": "2026-11-23T08:59:00+08:00",
        "registration": "not-a-uuid"});
    let refused = s
        .call(&browser(), Method::POST, "/api/v1/applications", Some(bad))
        .await;
    assert_eq!(refused.1["error"]["field"], "registration");

    let (status, listed) = s
        .call(
            &owner,
            Method::GET,
            "/api/v1/postings/live/applications",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let listed = listed["applications"].as_array().unwrap();
    let order: Vec<&str> = listed.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(
        order,
        ["师傅3", "师傅2", "师傅1"],
        "priority help first, unregistered last"
    );
    let (first, second) = (&listed[0]["match"], &listed[1]["match"]);
    assert_eq!(
        first["score"].as_f64().unwrap() - second["score"].as_f64().unwrap(),
        5.0,
        "one priority group: its points, capped"
    );
    let summary = first["summary"].as_str().unwrap();
    assert!(summary.contains("优先帮扶（就业援助对象）"), "{summary}");
    assert!(
        !summary.contains("大龄"),
        "the employer is not told which group: {summary}"
    );
    assert!(!second["summary"].as_str().unwrap().contains("优先帮扶"));
    assert_eq!(listed[2]["match"], Value::Null);
    assert_eq!(listed[2]["id"], unregistered.0.as_str());
    let shown = serde_json::to_string(listed).unwrap();
    assert!(
        !shown.contains(PRIORITY) && !shown.contains("registration"),
        "{shown}"
    );
    // Staff see which group.
    let staff = s.staff("13900000009").await;
    let (_, seen) = s
        .call(
            &staff,
            Method::GET,
            "/api/v1/postings/live/applications",
            None,
        )
        .await;
    let summary = seen["applications"][0]["match"]["summary"]
        .as_str()
        .unwrap();
    assert!(summary.contains("优先帮扶：大龄"), "{summary}");

    // The priority seeker is hired and the work completed: helped into work.
    owner_step(&s, &owner, &helped, "offer", None).await;
    let confirmed = seeker_step(&s, &helped, &token, "confirm").await;
    assert_eq!(confirmed["status"], "confirmed");
    let code = {
        let r = browser()
            .get(format!("{}/api/v1/applications/{helped}", s.url))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        r.json::<Value>().await.unwrap()["check_in_code"].clone()
    };
    owner_step(&s, &owner, &helped, "arrive", Some(json!({"code": code}))).await;
    owner_step(&s, &owner, &helped, "complete", None).await;
    let (_, stats) = s
        .call(&browser(), Method::GET, "/api/v1/stats?month=2026-11", None)
        .await;
    let services = &stats["services"];
    assert_eq!(services["seekers_registered"], 2, "{services}");
    assert_eq!(services["seekers_applied"], 3);
    assert_eq!(services["seekers_confirmed"], 1);
    assert_eq!(services["completed"], 1);
    assert_eq!(services["priority_helped"], 1);
}
