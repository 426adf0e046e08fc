//! The 台账 as the desk's staff pages use it, on both databases: browsed by day, kind and
//! subject, a page at a time without skipping; exported as CSV for any span of days; checked
//! as `linggong-server ledger verify` checks it, with the same message.

use linggong_server::MarketConfig;
use linggong_server::store::{MarketStore, PostingStatus, SqlStore};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::api::{Server, start};
use crate::common::{hours_after, now, on_both_databases, posting, raw_sql};

const BIN: &str = env!("CARGO_BIN_EXE_linggong-server");

/// Events on two days: a posting published on the 23rd and taken down on the 24th, another
/// published on the 24th, through the store (the server's clock stays on the 23rd).
pub(crate) async fn two_days(s: &Server) {
    let staff =
        linggong_server::store::Actor::online(linggong_server::store::ActorRole::Staff, None);
    s.store
        .insert_posting(&posting("p1"), None, PostingStatus::Published, staff, now())
        .await
        .unwrap();
    let next_day = hours_after(30);
    s.store
        .insert_posting(
            &posting("p2"),
            None,
            PostingStatus::Published,
            staff,
            next_day,
        )
        .await
        .unwrap();
    let down = linggong_server::store::Transition {
        id: "p1",
        from: &[PostingStatus::Published],
        to: PostingStatus::TakenDown,
        reason: Some("虚假信息"),
        actor: staff,
        at: next_day,
    };
    s.store.transition(down).await.unwrap();
}

async fn the_ledger_is_browsed_by_day_kind_and_subject_without_skipping(store: SqlStore) {
    let s = start(store, MarketConfig::default()).await;
    two_days(&s).await;
    let staff = s.staff("13900000009").await;
    let seqs = |page: &Value| -> Vec<i64> {
        page["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["seq"].as_i64().unwrap())
            .collect()
    };
    for (query, want) in [
        ("", vec![1, 2, 3]),
        ("day=2026-11-23", vec![1]),
        ("day=2026-11-24", vec![2, 3]),
        ("kind=posting.published", vec![1, 2]),
        ("kind=posting.", vec![1, 2, 3]),
        ("kind=posting.taken", vec![]),
        ("subject=p1", vec![1, 3]),
        ("subject=p1&day=2026-11-24", vec![3]),
        ("kind=posting.published&day=2026-11-24", vec![2]),
        ("order=newest&subject=p1", vec![3, 1]),
        ("day=2026-11-25", vec![]),
    ] {
        let (status, page) = s.ledger(&staff, query).await;
        assert_eq!(
            (status, seqs(&page)),
            (StatusCode::OK, want),
            "{query}: {page}"
        );
    }
    // A page at a time: the cursor passes over what the filter leaves out, never past a match.
    let (mut after, mut seen) = (0, Vec::new());
    loop {
        let (_, page) = s
            .ledger(&staff, &format!("subject=p1&limit=1&after={after}"))
            .await;
        seen.extend(seqs(&page));
        let cursor = page["cursor"].as_i64().unwrap();
        if page["events"].as_array().unwrap().is_empty() {
            assert_eq!(cursor, 3, "examined to the newest");
            break;
        }
        after = cursor;
    }
    assert_eq!(seen, [1, 3]);
    let (_, newest) = s.ledger(&staff, "order=newest&limit=2").await;
    assert_eq!((seqs(&newest), &newest["cursor"]), (vec![3, 2], &json!(2)));
    let (_, rest) = s.ledger(&staff, "order=newest&limit=2&before=2").await;
    assert_eq!((seqs(&rest), &rest["cursor"]), (vec![1], &json!(1)));
    for (query, field) in [
        ("day=2026-02-30", "day"),
        ("day=23-11-2026", "day"),
        ("kind=Posting", "kind"),
        ("kind=posting..x", "kind"),
        ("subject=", "subject"),
        ("order=sideways", "order"),
    ] {
        let (status, answer) = s.ledger(&staff, query).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(answer["error"]["field"], field, "{query}");
    }
}

async fn csv_export(s: &Server, staff: &Client, query: &str) -> (StatusCode, String, String) {
    let response = staff
        .get(format!("{}/api/v1/ledger.csv?{query}", s.url))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let disposition = response
        .headers()
        .get("content-disposition")
        .map_or(String::new(), |v| v.to_str().unwrap().to_string());
    (status, disposition, response.text().await.unwrap())
}

async fn the_ledger_exports_any_span_of_days(store: SqlStore) {
    let s = start(store, MarketConfig::default()).await;
    two_days(&s).await;
    let staff = s.staff("13900000009").await;
    let (status, file, text) = csv_export(&s, &staff, "from=2026-11-24&to=2026-11-24").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        file,
        r#"attachment; filename="linggong-ledger-2026-11-24_2026-11-24.csv""#
    );
    let seqs: Vec<&str> = text.lines().skip(1).map(|l| &l[..1]).collect();
    assert_eq!(seqs, ["2", "3"], "{text}");
    let (_, _, both_days) = csv_export(&s, &staff, "from=2026-11-01&to=2026-11-30").await;
    let (_, file, month) = csv_export(&s, &staff, "month=2026-11").await;
    assert_eq!((both_days.lines().count(), &month), (4, &both_days));
    assert_eq!(
        file,
        r#"attachment; filename="linggong-ledger-2026-11.csv""#
    );
    for (query, field) in [
        ("month=2026-11&from=2026-11-01&to=2026-11-02", "month"),
        ("from=2026-11-01", "to"),
        ("to=2026-11-01", "from"),
        ("from=2026-11-02&to=2026-11-01", "to"),
        ("from=2026-13-01&to=2026-11-01", "from"),
    ] {
        let (status, _, text) = csv_export(&s, &staff, query).await;
        let answer: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(answer["error"]["field"], field, "{query}");
    }
}

/// What `linggong-server ledger verify` says about the database: its exit code and line.
fn verify_command(url: &str) -> (Option<i32>, String) {
    let out = std::process::Command::new(BIN)
        .args(["ledger", "verify", "--db", url])
        .output()
        .unwrap();
    let said = [out.stdout, out.stderr].concat();
    (
        out.status.code(),
        String::from_utf8(said).unwrap().trim().to_string(),
    )
}

async fn staff_verify_the_ledger_as_the_command_does(store: SqlStore) {
    let s = start(store, MarketConfig::default()).await;
    two_days(&s).await;
    let staff = s.staff("13900000009").await;
    let verify = || s.call(&staff, Method::GET, "/api/v1/ledger/verify", None);
    let (status, intact) = verify().await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (&intact["intact"], &intact["events"]),
        (&json!(true), &json!(3)),
        "{intact}"
    );
    assert_eq!(intact["head"]["size"], 3, "a head signed over every event");
    assert_eq!(intact["public_key"].as_str().unwrap().len(), 64);
    let (code, said) = verify_command(s.store.url());
    assert_eq!(
        (code, said.as_str()),
        (Some(0), "ledger intact: 3 events, 1 signed heads")
    );
    // Someone with the database rewrites the second event's reason-free text.
    raw_sql(
        &s.store,
        "UPDATE ledger SET entry = REPLACE(entry, '\"p2\"', '\"p9\"') WHERE seq = 2",
    )
    .await;
    let (_, broken) = verify().await;
    let (code, said) = verify_command(s.store.url());
    assert_eq!(code, Some(1));
    let problem = broken["problem"].as_str().unwrap();
    assert_eq!(broken["intact"], false);
    assert_eq!(problem, "event #2 does not match what was written");
    assert_eq!(
        said,
        format!("linggong-server: ledger not intact: {problem}")
    );
}

on_both_databases!(
    the_ledger_is_browsed_by_day_kind_and_subject_without_skipping,
    the_ledger_exports_any_span_of_days,
    staff_verify_the_ledger_as_the_command_does,
);
