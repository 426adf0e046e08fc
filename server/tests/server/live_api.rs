//! The live feed: Server-Sent Events over the real server, each change once, in order, with
//! its cursor as the event id, resumed from `Last-Event-ID` without a gap or a repeat.

use std::time::Duration;

use linggong_core::{FeedChange, FeedPage, GigIndex, Manifest, decode_tile};
use linggong_server::MarketConfig;
use reqwest::{Method, Response, StatusCode};

use crate::api::{browser, start};
use crate::common::{posting, sqlite_store};

/// The complete events at the front of `buffer` (taken off it): their (id, data). The buffer
/// holds bytes: a chunk may end inside a character.
pub(crate) fn take_events(buffer: &mut Vec<u8>) -> Vec<(String, String)> {
    let mut found = Vec::new();
    while let Some(end) = buffer.windows(2).position(|w| w == b"\n\n") {
        let block: Vec<u8> = buffer.drain(..end + 2).collect();
        let block = String::from_utf8(block).expect("an event is UTF-8");
        let field = |name: &str| {
            block
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim_start().to_string())
        };
        if let (Some(id), Some(data)) = (field("id:"), field("data:")) {
            found.push((id, data));
        }
    }
    found
}

/// Reads the stream until `n` events came (or 10 s passed); their (id, data).
pub(crate) async fn events(response: &mut Response, n: usize) -> Vec<(String, String)> {
    let mut bytes = Vec::new();
    let mut found = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while found.len() < n {
        let chunk = tokio::time::timeout_at(deadline, response.chunk())
            .await
            .expect("events within 10 s")
            .unwrap()
            .expect("the stream stays open");
        bytes.extend_from_slice(&chunk);
        found.extend(take_events(&mut bytes));
    }
    found
}

pub(crate) async fn subscribe(url: &str, last_event_id: Option<&str>) -> Response {
    subscribe_to(&format!("{url}/api/v1/feed"), last_event_id).await
}

async fn subscribe_to(url: &str, last_event_id: Option<&str>) -> Response {
    let mut request = browser().get(url).header("accept", "text/event-stream");
    if let Some(id) = last_event_id {
        request = request.header("last-event-id", id);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    response
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_posting_reaches_an_open_stream_and_a_reconnect_misses_nothing() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let owner = s.employer("13800000001").await;
    s.post(&owner, &posting("first")).await;
    let mut live = subscribe(&s.url, None).await;
    let got = events(&mut live, 1).await;
    assert_eq!(got[0].0, "1");
    assert!(
        got[0]
            .1
            .starts_with(r#"{"op":"upsert","posting":{"id":"first""#),
        "{}",
        got[0].1
    );
    // Published while the stream is open: it arrives, next in order.
    s.post(&owner, &posting("second")).await;
    s.call(
        &owner,
        Method::POST,
        "/api/v1/postings/first/withdraw",
        None,
    )
    .await;
    let got = events(&mut live, 2).await;
    assert_eq!(got[0].0, "2");
    assert!(got[0].1.contains(r#""id":"second""#));
    assert_eq!(
        got[1],
        (
            "3".to_string(),
            r#"{"op":"remove","id":"first","reason":"withdrawn"}"#.to_string()
        )
    );
    // The browser reconnects after event 1: it gets 2 and 3, not 1 again.
    let mut again = subscribe(&s.url, Some("1")).await;
    let ids: Vec<String> = events(&mut again, 2)
        .await
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["2", "3"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgresql_each_deliver_every_change() {
    let first = start(crate::common::pg_store().await, MarketConfig::default()).await;
    let same_database = linggong_server::store::SqlStore::connect(first.store.url())
        .await
        .unwrap();
    let second = start(same_database, MarketConfig::default()).await;
    let mut on_second = subscribe(&second.url, None).await;
    let owner = first.employer("13800000001").await;
    for id in ["a", "b", "c"] {
        first.post(&owner, &posting(id)).await;
    }
    let got = events(&mut on_second, 3).await;
    let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        ["1", "2", "3"],
        "written through the first, delivered by the second"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cursor_from_before_a_restore_is_told_to_start_again_and_streams_stop_at_the_cap() {
    let config = MarketConfig {
        max_streams: 1,
        ..MarketConfig::default()
    };
    let s = start(sqlite_store().await, config).await;
    let owner = s.employer("13800000001").await;
    s.post(&owner, &posting("one")).await;
    // The phone's cursor is 5; the market, restored from a backup, has only 1 change.
    let (status, body) = s
        .call(&browser(), Method::GET, "/api/v1/feed?after=5", None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "cursor_ahead");
    let ahead = browser()
        .get(format!("{}/api/v1/feed", s.url))
        .header("accept", "text/event-stream")
        .header("last-event-id", "5")
        .send()
        .await
        .unwrap();
    assert_eq!(
        ahead.status(),
        StatusCode::CONFLICT,
        "the stream says so too"
    );
    let (status, _) = s
        .call(&browser(), Method::GET, "/api/v1/feed?after=1", None)
        .await;
    assert_eq!(status, StatusCode::OK, "the head itself is fine");
    // One stream may be open: a second is refused until the first goes.
    let mut first = subscribe(&s.url, None).await;
    assert_eq!(events(&mut first, 1).await.len(), 1);
    let second = browser()
        .get(format!("{}/api/v1/feed", s.url))
        .header("accept", "text/event-stream")
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), StatusCode::SERVICE_UNAVAILABLE);
    drop(first);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let again = browser()
            .get(format!("{}/api/v1/feed", s.url))
            .header("accept", "text/event-stream")
            .send()
            .await
            .unwrap();
        if again.status() == StatusCode::OK {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the slot came back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The postings of the snapshot the server serves now, in an index, and its feed cursor.
async fn load_snapshot(s: &crate::api::Server) -> (GigIndex, String) {
    let manifest = Manifest::from_json(&s.text("/data/manifest.json").await).unwrap();
    let mut index = GigIndex::new();
    for tile in &manifest.tiles {
        for p in decode_tile(&s.bytes(&format!("/data/{}", tile.file.path)).await).unwrap() {
            index.insert(p).unwrap();
        }
    }
    (
        index,
        manifest
            .feed_cursor
            .expect("a server's snapshot has a feed cursor"),
    )
}

fn ids(index: &GigIndex) -> Vec<String> {
    let mut ids: Vec<String> = index.postings().map(|p| p.id.clone()).collect();
    ids.sort();
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_followed_by_the_feed_from_its_cursor_holds_what_is_published() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let owner = s.employer("13800000001").await;
    for id in ["a", "b", "c"] {
        s.post(&owner, &posting(id)).await;
    }
    let (mut phone, cursor) = load_snapshot(&s).await;
    assert_eq!(ids(&phone), ["a", "b", "c"]);
    assert_eq!(
        cursor, "3",
        "the snapshot stands after the three publications"
    );
    // After the snapshot: one more published, one withdrawn.
    s.post(&owner, &posting("d")).await;
    s.call(&owner, Method::POST, "/api/v1/postings/a/withdraw", None)
        .await;
    let page = FeedPage::from_json(&s.text(&format!("/api/v1/feed?after={cursor}")).await)
        .expect("the feed's page reads as the core reads it");
    assert_eq!(page.cursor, "5");
    for change in page.changes {
        change.apply_to(&mut phone).unwrap();
    }
    assert_eq!(ids(&phone), ["b", "c", "d"]);
    // The manifest made now stands at the newest change, and its tiles agree with the phone.
    let (fresh, cursor) = load_snapshot(&s).await;
    assert_eq!((ids(&fresh), cursor.as_str()), (ids(&phone), "5"));
    // Replaying the whole feed over the fresh snapshot (a phone that resumed from too early)
    // changes nothing.
    let mut replayed = fresh;
    let all = FeedPage::from_json(&s.text("/api/v1/feed?after=0").await).unwrap();
    for change in all.changes {
        change.apply_to(&mut replayed).unwrap();
    }
    assert_eq!(ids(&replayed), ids(&phone));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_packed_stream_and_page_carry_the_same_changes_as_the_json_ones() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let owner = s.employer("13800000001").await;
    s.post(&owner, &posting("a")).await;
    s.call(&owner, Method::POST, "/api/v1/postings/a/withdraw", None)
        .await;
    let mut json = subscribe(&s.url, None).await;
    let mut packed = subscribe_to(&format!("{}/api/v1/feed?form=packed", s.url), None).await;
    let (json, packed) = (events(&mut json, 2).await, events(&mut packed, 2).await);
    for ((id, json), (packed_id, packed)) in json.iter().zip(&packed) {
        assert_eq!(id, packed_id);
        assert_eq!(
            FeedChange::from_packed(packed).unwrap(),
            FeedChange::from_json(json).unwrap()
        );
    }
    assert_eq!(packed[1].1, "r:withdrawn:a");
    let page: serde_json::Value =
        serde_json::from_str(&s.text("/api/v1/feed?form=packed&after=1").await).unwrap();
    assert_eq!(
        page,
        serde_json::json!({"cursor": "2", "changes": ["r:withdrawn:a"]})
    );
    let (status, body) = s
        .call(&browser(), Method::GET, "/api/v1/feed?form=xml", None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["field"], "form");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_of_some_tiles_sends_only_their_changes() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let owner = s.employer("13800000001").await;
    let here = crate::common::posting_at("here", 32.06, 200);
    let tile = linggong_core::TileKey::of_posting(&here).to_string();
    s.post(&owner, &crate::common::posting_at("far", 30.5, 200))
        .await;
    s.post(&owner, &here).await;
    let url = format!("{}/api/v1/feed?form=packed&tiles={tile}", s.url);
    let mut live = subscribe_to(&url, None).await;
    s.post(&owner, &crate::common::posting_at("far2", 30.4, 200))
        .await;
    s.call(&owner, Method::POST, "/api/v1/postings/here/withdraw", None)
        .await;
    let got = events(&mut live, 2).await;
    let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        ["2", "4"],
        "the far postings' changes (1 and 3) are not sent"
    );
    assert_eq!(got[1].1, "r:withdrawn:here");
    for bad in ["x1", "t1_1,", "t999_1"] {
        let (status, body) = s
            .call(
                &browser(),
                Method::GET,
                &format!("/api/v1/feed?tiles={bad}"),
                None,
            )
            .await;
        assert_eq!(
            (status, body["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("tiles")),
            "{bad}"
        );
    }
}
