//! The market directory (零工市场 and 驿站) on both databases: staff add, replace and remove
//! markets from the desk, a second server process on the same database serves the change in
//! its snapshot, each change is a ledger event, and a bad market is refused naming its field.

use linggong_core::Manifest;
use linggong_server::MarketConfig;
use linggong_server::store::{MarketStore, SqlStore};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::api::{Server, browser, start};
use crate::common::on_both_databases;

fn station(name: &str) -> Value {
    json!({"name": name, "kind": "station", "address": "珠江路2号",
        "location": {"lat": 32.05, "lng": 118.80}, "phone": "025-12345678",
        "hours": [{"days": ["mon", "tue"], "from": "08:30", "to": "17:30"}]})
}

async fn manifest(s: &Server) -> Manifest {
    serde_json::from_str(&s.text("/data/manifest.json").await).unwrap()
}

fn kinds(page: &Value) -> Vec<String> {
    page["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entry"]["kind"].as_str().unwrap().to_string())
        .collect()
}

async fn the_directory_is_edited_by_staff_and_reaches_every_servers_snapshot(store: SqlStore) {
    let first = start(store.clone(), MarketConfig::default()).await;
    let other_process = SqlStore::connect(store.url()).await.unwrap();
    let second = start(other_process, MarketConfig::default()).await;
    assert!(
        manifest(&second).await.markets.is_none(),
        "an empty directory"
    );
    let staff = first.staff("13900000009").await;
    let (status, body) = first
        .call(
            &staff,
            Method::PUT,
            "/api/v1/markets/gl-1",
            Some(station("鼓楼驿站")),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["market"]["id"], "gl-1");
    // The second process learns of it from the database, not from the first.
    let (_, listed) = second
        .call(&browser(), Method::GET, "/api/v1/markets", None)
        .await;
    assert_eq!(listed["markets"][0]["name"], "鼓楼驿站");
    let seen = manifest(&second).await;
    assert_eq!(seen.counts.markets, 1);
    let file = seen.markets.expect("the directory is in the snapshot");
    let lines = second.text(&format!("/data/{}", file.path)).await;
    assert!(lines.contains("鼓楼驿站"), "{lines}");
    // Replaced (200), the same again (200, nothing changes), removed (204), gone (404).
    let renamed = json!({"id": "gl-1", "name": "鼓楼区零工驿站", "kind": "station",
        "address": "珠江路2号", "location": {"lat": 32.05, "lng": 118.80}});
    for _ in 0..2 {
        let (status, _) = first
            .call(
                &staff,
                Method::PUT,
                "/api/v1/markets/gl-1",
                Some(renamed.clone()),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let renamed_file = manifest(&second).await.markets.unwrap();
    assert_ne!(renamed_file.digest, file.digest, "a new file");
    let delete = |who| first.call(who, Method::DELETE, "/api/v1/markets/gl-1", None);
    assert_eq!(delete(&staff).await.0, StatusCode::NO_CONTENT);
    assert_eq!(delete(&staff).await.0, StatusCode::NOT_FOUND);
    assert!(manifest(&second).await.markets.is_none(), "gone everywhere");
    // Each change is in the 台账 under the staff account: added, replaced, removed.
    let (_, page) = first.ledger(&staff, "").await;
    assert_eq!(
        kinds(&page),
        ["market.saved", "market.saved", "market.removed"]
    );
    let entry = &page["events"][0]["entry"];
    assert_eq!(
        (&entry["actor"], &entry["subject"]),
        (&json!("staff"), &json!("gl-1"))
    );
    assert!(entry["actor_id"].is_i64());
    assert_eq!(page["events"][1]["entry"]["detail"]["outcome"], "replaced");
}

async fn a_directory_change_is_refused_naming_what_is_wrong(store: SqlStore) {
    let s = start(store, MarketConfig::default()).await;
    let (staff, employer) = (
        s.staff("13900000009").await,
        s.employer("13800000001").await,
    );
    let s = &s;
    let put = |who: &Client, id: &str, body: Value| {
        let path = format!("/api/v1/markets/{id}");
        let who = who.clone();
        async move { s.call(&who, Method::PUT, &path, Some(body)).await }
    };
    let (status, _) = put(&employer, "m", station("x")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut other_id = station("x");
    other_id["id"] = json!("elsewhere");
    let cases = [
        ("m", other_id, "id"),
        ("a%20b", station("x"), "id"),
        (
            "m",
            json!({"kind": "station", "address": "a", "location": {}}),
            "name",
        ),
        (
            "m",
            json!({"name": " ", "kind": "station", "address": "a", "location": {}}),
            "name",
        ),
        (
            "m",
            json!({"name": "n", "kind": "shop", "address": "a", "location": {}}),
            "kind",
        ),
        (
            "m",
            json!({"name": "n", "kind": "market", "address": "a", "location": {"lat": 95, "lng": 1}}),
            "location.lat",
        ),
        (
            "m",
            json!({"name": "n", "kind": "market", "address": "a", "location": {"lat": 32}}),
            "location.lng",
        ),
        (
            "m",
            json!({"name": "n", "kind": "market", "address": "a", "location": {}, "opens": "8"}),
            "opens",
        ),
    ];
    for (id, body, field) in cases {
        let (status, answer) = put(&staff, id, body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
        assert_eq!(answer["error"]["field"], field, "{body}: {answer}");
    }
    assert!(s.store.markets().await.unwrap().is_empty(), "nothing kept");
}

on_both_databases!(
    the_directory_is_edited_by_staff_and_reaches_every_servers_snapshot,
    a_directory_change_is_refused_naming_what_is_wrong,
);
