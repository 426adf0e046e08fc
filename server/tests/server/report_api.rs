//! What the month's report counts and how staff take it away, on both databases: entries
//! made at the counter (代录) are recorded as such and counted; the report downloads as the
//! Markdown and CSV `linggong-server report` prints (`command` compares them with the binary).

use linggong_server::MarketConfig;
use linggong_server::store::SqlStore;
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::api::{browser, start};
use crate::common::{on_both_databases, posting};
use crate::ledger_api::two_days;

async fn entries_at_the_counter_are_offline_under_the_staff_account(store: SqlStore) {
    let s = start(store, MarketConfig::default()).await;
    let (staff, employer) = (
        s.staff("13900000009").await,
        s.employer("13800000001").await,
    );
    assert_eq!(
        s.post(&staff, &posting("at-counter")).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        s.post(&employer, &posting("online")).await.0,
        StatusCode::CREATED
    );
    let s = &s;
    let register = |who: Client, id: &str, consent: bool| {
        let body = json!({"id": id, "profile": {"id": "x", "trades": ["保洁员"]},
            "consent": {"registration": consent}});
        async move {
            s.call(&who, Method::POST, "/api/v1/registrations", Some(body))
                .await
        }
    };
    let (counter, phone) = (
        "11111111-0000-4000-8000-000000000001",
        "22222222-0000-4000-8000-000000000002",
    );
    let (status, answer) = register(staff.clone(), counter, false).await;
    assert_eq!(answer["error"]["field"], "consent.registration", "{status}");
    assert_eq!(
        register(staff.clone(), counter, true).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        register(browser(), phone, true).await.0,
        StatusCode::CREATED
    );
    let (_, page) = s.ledger(&staff, "").await;
    let by_subject = |subject: &str| -> Value {
        page["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["entry"])
            .find(|e| e["subject"] == subject)
            .unwrap()
            .clone()
    };
    let staff_id = by_subject("at-counter")["actor_id"].clone();
    for (subject, actor, channel) in [
        ("at-counter", "staff", "offline"),
        ("online", "employer", "online"),
        (counter, "staff", "offline"),
        (phone, "seeker", "online"),
    ] {
        let e = by_subject(subject);
        assert_eq!(
            (&e["actor"], &e["channel"]),
            (&json!(actor), &json!(channel)),
            "{e}"
        );
    }
    assert!(staff_id.is_i64());
    assert_eq!(by_subject(counter)["actor_id"], staff_id);
    let employer_hash = by_subject("at-counter")["detail"]["employer"].clone();
    assert_eq!(
        employer_hash.as_str().unwrap().len(),
        64,
        "a hash, not the name"
    );
    let (_, stats) = s
        .call(&browser(), Method::GET, "/api/v1/stats?month=2026-11", None)
        .await;
    let services = &stats["services"];
    assert_eq!(services["entered_at_counter"], 2, "{services}");
    assert_eq!(
        services["employers_recruiting"], 2,
        "the account and the counter's"
    );
    assert_eq!(services["seekers_registered"], 2);
}

async fn the_months_report_downloads_as_markdown_and_csv(store: SqlStore) {
    let s = start(store, MarketConfig::default()).await;
    two_days(&s).await;
    let report = linggong_server::report(&s.store, None).await.unwrap();
    for (format, media_type, body) in [
        ("md", "text/markdown; charset=utf-8", report.to_markdown()),
        ("csv", "text/csv; charset=utf-8", report.market.to_csv()),
    ] {
        let response = browser()
            .get(format!("{}/api/v1/stats?format={format}", s.url))
            .send()
            .await
            .unwrap();
        let header = |name: &str| response.headers()[name].to_str().unwrap().to_string();
        assert_eq!(header("content-type"), media_type);
        assert_eq!(
            header("content-disposition"),
            format!("attachment; filename=\"linggong-report-all.{format}\"")
        );
        assert_eq!(response.text().await.unwrap(), body);
    }
    let (status, answer) = s
        .call(&browser(), Method::GET, "/api/v1/stats?format=pdf", None)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer["error"]["field"], "format");
    let (_, json) = s
        .call(&browser(), Method::GET, "/api/v1/stats?format=json", None)
        .await;
    assert_eq!(
        json,
        serde_json::to_value(&report).unwrap(),
        "json as before"
    );
}

on_both_databases!(
    entries_at_the_counter_are_offline_under_the_staff_account,
    the_months_report_downloads_as_markdown_and_csv,
);
