//! The routes the phone's outbox sends to: applications and reports kept once under the
//! phone's id, read back with the application's token, seen only by who may see them.

use linggong_server::MarketConfig;
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::api::{Server, browser, start};
use crate::common::{posting, sqlite_store};

const A1: &str = "7d5c1f0e-3b1a-4c2e-9f4d-0a1b2c3d4e5f";
const A2: &str = "0f1e2d3c-4b5a-4968-8776-655443322110";
const R1: &str = "11111111-2222-4333-8444-555555555555";

fn application(id: &str, posting_id: &str, phone: &str) -> Value {
    json!({"id": id, "posting_id": posting_id, "name": "王师傅", "phone": phone,
        "created_at": "2026-11-23T08:59:00+08:00"})
}

impl Server {
    /// `GET` with `Authorization: Bearer TOKEN`.
    async fn with_token(&self, path: &str, token: &str) -> (StatusCode, Value) {
        let response = browser()
            .get(format!("{}{path}", self.url))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

/// A server with a published posting `live` of one employer, that employer, another one,
/// and staff.
async fn market() -> (Server, Client, Client, Client) {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let (owner, other, staff) = (
        s.employer("13800000001").await,
        s.employer("13800000002").await,
        s.staff("13900000009").await,
    );
    assert_eq!(
        s.post(&owner, &posting("live")).await.0,
        StatusCode::CREATED
    );
    (s, owner, other, staff)
}

#[tokio::test]
async fn an_application_sent_twice_is_kept_once_and_read_back_with_its_token() {
    let (s, owner, other, staff) = market().await;
    let seeker = browser();
    let body = application(A1, "live", "13800001234");
    let (status, first) = s
        .call(
            &seeker,
            Method::POST,
            "/api/v1/applications",
            Some(body.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(
        (first["id"].as_str(), first["status"].as_str()),
        (Some(A1), Some("submitted"))
    );
    let token = first["token"].as_str().unwrap().to_string();
    assert_eq!(token.len(), 64);
    // The answer was lost: the outbox sends again and gets the same answer.
    let again = s
        .call(&seeker, Method::POST, "/api/v1/applications", Some(body))
        .await;
    assert_eq!(again, (StatusCode::OK, first.clone()));
    let changed = application(A1, "live", "13800009999");
    let conflict = s
        .call(&seeker, Method::POST, "/api/v1/applications", Some(changed))
        .await;
    assert_eq!(conflict.0, StatusCode::CONFLICT, "{}", conflict.1);
    assert_eq!(conflict.1["error"]["code"], "conflict");
    // The phone reads it with its token; the owner and staff with their sessions.
    let path = format!("/api/v1/applications/{A1}");
    let (status, read) = s.with_token(&path, &token).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(read["status"], "submitted");
    assert_eq!(read["phone"], "13800001234");
    assert_eq!(read["history"][0]["actor"], "seeker");
    for client in [&owner, &staff] {
        assert_eq!(
            s.call(client, Method::GET, &path, None).await.0,
            StatusCode::OK
        );
    }
    // Nobody else learns that it exists: not another employer, not a wrong token.
    assert_eq!(
        s.call(&other, Method::GET, &path, None).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.call(&browser(), Method::GET, &path, None).await.0,
        StatusCode::NOT_FOUND
    );
    // The token with its last digit changed (to another digit, whatever it was).
    let last = if token.ends_with('0') { '1' } else { '0' };
    let wrong = format!("{}{last}", &token[..63]);
    assert_eq!(s.with_token(&path, &wrong).await.0, StatusCode::NOT_FOUND);
    // The same token does not open another application.
    s.call(
        &seeker,
        Method::POST,
        "/api/v1/applications",
        Some(application(A2, "live", "13800005678")),
    )
    .await;
    let other_path = format!("/api/v1/applications/{A2}");
    assert_eq!(
        s.with_token(&other_path, &token).await.0,
        StatusCode::NOT_FOUND
    );
    // The applicants of a posting: its owner and staff; not another employer, not anyone.
    let list = "/api/v1/postings/live/applications";
    let (status, listed) = s.call(&owner, Method::GET, list, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed["applications"].as_array().unwrap().len(), 2);
    assert_eq!(
        s.call(&staff, Method::GET, list, None).await.0,
        StatusCode::OK
    );
    assert_eq!(
        s.call(&other, Method::GET, list, None).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.call(&browser(), Method::GET, list, None).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_outbox_item_that_cannot_be_kept_says_why() {
    let (s, owner, _, _) = market().await;
    let seeker = browser();
    let send = |body: Value| s.call(&seeker, Method::POST, "/api/v1/applications", Some(body));
    let cases = [
        (
            application("not-a-uuid", "live", "13800001234"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "id",
        ),
        (
            application(&A1.to_uppercase(), "live", "13800001234"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "id",
        ),
        (
            application(A1, "live", "12345"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phone",
        ),
        (
            application(A1, "", "13800001234"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "posting_id",
        ),
        (
            json!({"id": A1, "posting_id": "live", "name": "", "phone": "13800001234", "created_at": "2026-11-23T08:59:00+08:00"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "name",
        ),
        (
            json!({"id": A1, "posting_id": "live", "name": "王", "phone": "13800001234", "created_at": "昨天"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "created_at",
        ),
        (
            application(A1, "nowhere", "13800001234"),
            StatusCode::NOT_FOUND,
            "",
        ),
    ];
    for (body, want, field) in cases {
        let (status, answer) = send(body.clone()).await;
        assert_eq!(status, want, "{body}: {answer}");
        assert_eq!(
            answer["error"]["field"].as_str().unwrap_or(""),
            field,
            "{answer}"
        );
    }
    let extra = json!({"id": A1, "posting_id": "live", "name": "王", "phone": "13800001234",
        "created_at": "2026-11-23T08:59:00+08:00", "id_card": "110101"});
    assert_eq!(
        send(extra).await.0,
        StatusCode::BAD_REQUEST,
        "unknown fields are refused"
    );
    // A posting withdrawn meanwhile takes no more applications.
    s.call(&owner, Method::POST, "/api/v1/postings/live/withdraw", None)
        .await;
    let (status, answer) = send(application(A1, "live", "13800001234")).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("wrong_state"))
    );
}

#[tokio::test]
async fn a_report_reaches_the_staff_queue_beside_its_posting_until_staff_decide() {
    let (s, _, _, staff) = market().await;
    let report = json!({"id": R1, "posting_id": "live", "reason": "要先交押金",
        "created_at": "2026-11-23T08:59:00+08:00"});
    let seeker = browser();
    let first = s
        .call(
            &seeker,
            Method::POST,
            "/api/v1/reports",
            Some(report.clone()),
        )
        .await;
    assert_eq!(first.0, StatusCode::CREATED, "{}", first.1);
    let again = s
        .call(&seeker, Method::POST, "/api/v1/reports", Some(report))
        .await;
    assert_eq!(again, (StatusCode::OK, first.1));
    let (_, queue) = s
        .call(&staff, Method::GET, "/api/v1/moderation", None)
        .await;
    let reported = queue["reported"].as_array().unwrap();
    assert_eq!(reported.len(), 1, "{queue}");
    assert_eq!(reported[0]["posting"]["id"], "live");
    assert_eq!(reported[0]["reports"][0]["reason"], "要先交押金");
    // Staff keep the posting: the report is settled, the posting stays published.
    let keep = json!({"decision": "dismiss"});
    let (status, kept) = s
        .call(
            &staff,
            Method::POST,
            "/api/v1/moderation/live",
            Some(keep.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{kept}");
    assert_eq!(
        (kept["status"].as_str(), kept["dismissed"].as_u64()),
        (Some("published"), Some(1))
    );
    let (_, queue) = s
        .call(&staff, Method::GET, "/api/v1/moderation", None)
        .await;
    assert_eq!(queue["reported"], json!([]));
    assert_eq!(
        s.call(&staff, Method::POST, "/api/v1/moderation/live", Some(keep))
            .await
            .0,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn staff_read_the_ledger_and_check_an_events_proof_against_the_signed_head() {
    let (s, owner, _, staff) = market().await;
    let (status, _) = s.call(&owner, Method::GET, "/api/v1/ledger", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff only");
    let (status, page) = s.call(&staff, Method::GET, "/api/v1/ledger", None).await;
    assert_eq!(status, StatusCode::OK);
    let event = &page["events"][0];
    assert_eq!(event["entry"]["kind"], "posting.published");
    let (status, head) = s
        .call(&staff, Method::GET, "/api/v1/ledger/checkpoint", None)
        .await;
    assert_eq!(status, StatusCode::OK, "{head}");
    assert_eq!(head["size"], 1);
    assert_eq!(head["public_key"].as_str().unwrap().len(), 64);
    let (status, proof) = s
        .call(&staff, Method::GET, "/api/v1/ledger/proof?seq=1", None)
        .await;
    assert_eq!(status, StatusCode::OK, "{proof}");
    // A one-event tree: the root is the leaf hash of the event's digest (RFC 6962).
    assert_eq!(proof["root"], head["root"]);
    assert_eq!(proof["digest"], event["digest"]);
    assert_eq!(proof["path"], json!([]));
    let missing = s
        .call(&staff, Method::GET, "/api/v1/ledger/proof?seq=9", None)
        .await;
    assert_eq!(missing.0, StatusCode::NOT_FOUND);
    let (status, same) = s
        .call(
            &staff,
            Method::GET,
            "/api/v1/ledger/consistency?from=1",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{same}");
    assert_eq!(
        (same["from"].clone(), same["size"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(same["path"], json!([]), "a head is consistent with itself");
    assert_eq!(same["signature"], head["signature"]);
    for from in ["0", "2", "x"] {
        let (status, _) = s
            .call(
                &staff,
                Method::GET,
                &format!("/api/v1/ledger/consistency?from={from}"),
                None,
            )
            .await;
        assert!(status.is_client_error(), "from={from}: {status}");
    }
    let (status, csv) = s
        .call(
            &staff,
            Method::GET,
            "/api/v1/ledger.csv?month=2026-11",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let csv = csv.as_str().unwrap();
    assert!(csv.starts_with("seq,at,kind,subject"), "{csv}");
    assert_eq!(csv.lines().count(), 2, "the header and the one event");
    let (status, _) = s
        .call(&owner, Method::GET, "/api/v1/ledger.csv", None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_seeker_registers_by_consent_changes_and_deletes_it_and_the_ledger_keeps_only_that() {
    let (s, _, owner, staff) = market().await;
    let id = "22222222-3333-4444-8555-666666666666";
    let profile = json!({"id": "on-the-phone", "trades": ["保洁员"],
        "location": {"lat": 32.06, "lng": 118.79}, "priority": ["disabled"]});
    let phone = browser();
    let post = |body: Value| s.call(&phone, Method::POST, "/api/v1/registrations", Some(body));
    let no_consent =
        post(json!({"id": id, "profile": profile, "consent": {"registration": false}})).await;
    assert_eq!(
        (no_consent.0, no_consent.1["error"]["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("consent.registration")
        )
    );
    let body = json!({"id": id, "profile": profile, "consent": {"registration": true}});
    let (status, first) = post(body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(
        post(body).await,
        (StatusCode::OK, first.clone()),
        "a resend"
    );
    let other = json!({"id": id, "profile": {"id": "x", "trades": ["电工"]}, "consent": {"registration": true}});
    assert_eq!(post(other.clone()).await.0, StatusCode::CONFLICT);
    let token = first["token"].as_str().unwrap();
    let path = format!("/api/v1/registrations/{id}");
    let read = |token: String| {
        let url = format!("{}{path}", s.url);
        async move {
            let r = browser().get(url).bearer_auth(token).send().await.unwrap();
            (r.status(), r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (status, kept) = read(token.to_string()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kept["profile"]["id"], id, "kept under the phone's id");
    assert!(
        kept["profile"].get("priority").is_none(),
        "no priority groups without their own consent: {kept}"
    );
    assert_eq!(read("0".repeat(64)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        s.call(&owner, Method::GET, &path, None).await.0,
        StatusCode::NOT_FOUND,
        "employers never read it"
    );
    assert_eq!(
        s.call(&staff, Method::GET, &path, None).await.0,
        StatusCode::OK
    );
    // Changed with priority consent, then deleted.
    let changed = browser()
        .put(format!("{}{path}", s.url))
        .bearer_auth(token)
        .json(&json!({"profile": profile, "consent": {"registration": true, "priority": true}}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(
        read(token.to_string()).await.1["profile"]["priority"],
        json!(["disabled"])
    );
    let deleted = browser()
        .delete(format!("{}{path}", s.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        s.call(&staff, Method::GET, &path, None).await.0,
        StatusCode::NOT_FOUND,
        "gone"
    );
    let (_, ledger) = s.call(&staff, Method::GET, "/api/v1/ledger", None).await;
    let about: Vec<&str> = ledger["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entry"]["subject"] == id)
        .map(|e| e["entry"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        about,
        [
            "registration.made",
            "registration.changed",
            "registration.deleted"
        ]
    );
    assert!(!ledger.to_string().contains("保洁员") && !ledger.to_string().contains("disabled"));
}
