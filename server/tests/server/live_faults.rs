//! The live feed when things go wrong, against the real server: a stream cut in the middle of
//! an event, the server killed and restarted on its file, a client that slept through more
//! changes than a stream reads at a time. Each time the client resumes from the last event it
//! holds whole and gets every change after it once, in order, then the next one live: a
//! change lost would leave a gap in the ids, a change repeated would come before that one.

use std::process::Child;
use std::time::Duration;

use linggong_server::MarketConfig;
use linggong_server::store::{Actor, ActorRole, MarketStore, PostingStatus};
use reqwest::{Client, StatusCode};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::api::start;
use crate::command::{database, demo_employer, serve};
use crate::common::{now, posting, sqlite_store};
use crate::live_api::{events, subscribe, take_events};

/// Bytes a raw client reads at a time: much less than an event (a posting is ~700 bytes), so
/// it can stop inside one.
const SIP: usize = 64;

/// A hand-written Server-Sent Events client on a TCP connection: the GET, the answer's head,
/// then the body taken out of its HTTP/1.1 chunks as the bytes come, so that it can hold part
/// of an event.
struct RawStream {
    tcp: TcpStream,
    /// Bytes read and not yet taken out of the chunk framing.
    raw: Vec<u8>,
    /// Data bytes of the current chunk still to come.
    left: usize,
    /// The current chunk's data is complete: its CRLF comes next.
    crlf: bool,
    /// The body, after the events taken off it: part of the next event, if any.
    body: Vec<u8>,
}

impl RawStream {
    /// `GET /api/v1/feed` with `Accept: text/event-stream` (and `Last-Event-ID`), checked to
    /// be a 200 event stream in chunks.
    async fn open(url: &str, last_event_id: Option<&str>) -> Self {
        let host = url.trim_start_matches("http://");
        let mut tcp = TcpStream::connect(host).await.unwrap();
        let resume = last_event_id.map_or(String::new(), |id| format!("Last-Event-ID: {id}\r\n"));
        let request = format!(
            "GET /api/v1/feed HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n{resume}\r\n"
        );
        tcp.write_all(request.as_bytes()).await.unwrap();
        let mut s = Self {
            tcp,
            raw: Vec::new(),
            left: 0,
            crlf: false,
            body: Vec::new(),
        };
        let end = loop {
            if let Some(at) = s.raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            s.read().await;
        };
        let head = String::from_utf8(s.raw.drain(..end + 4).collect()).unwrap();
        let lower = head.to_ascii_lowercase();
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(lower.contains("content-type: text/event-stream"), "{head}");
        assert!(lower.contains("transfer-encoding: chunked"), "{head}");
        s.unchunk();
        s
    }

    /// Reads up to [`SIP`] more bytes (within 10 s).
    async fn read(&mut self) {
        let mut buf = [0; SIP];
        let n = tokio::time::timeout(Duration::from_secs(10), self.tcp.read(&mut buf))
            .await
            .expect("bytes within 10 s")
            .unwrap();
        assert!(n > 0, "the server closed the stream");
        self.raw.extend_from_slice(&buf[..n]);
    }

    /// Reads up to [`SIP`] more bytes of the body.
    async fn sip(&mut self) {
        self.read().await;
        self.unchunk();
    }

    /// Moves the chunks' data from `raw` to `body`, a chunk's part as soon as it is read.
    fn unchunk(&mut self) {
        loop {
            if self.left > 0 {
                let n = self.left.min(self.raw.len());
                self.body.extend(self.raw.drain(..n));
                self.left -= n;
                if self.left > 0 {
                    return;
                }
                self.crlf = true;
            }
            if self.crlf {
                if self.raw.len() < 2 {
                    return;
                }
                assert_eq!(&self.raw[..2], b"\r\n", "a chunk ends with CRLF");
                self.raw.drain(..2);
                self.crlf = false;
            }
            let Some(end) = self.raw.windows(2).position(|w| w == b"\r\n") else {
                return;
            };
            let line = std::str::from_utf8(&self.raw[..end]).unwrap();
            let size = usize::from_str_radix(line.split(';').next().unwrap().trim(), 16)
                .unwrap_or_else(|_| panic!("a chunk size, not {line:?}"));
            assert!(size > 0, "the server ended the stream");
            self.raw.drain(..end + 2);
            self.left = size;
        }
    }

    /// Reads until `n` whole events came (within 10 s); their (id, data).
    async fn events(&mut self, n: usize) -> Vec<(String, String)> {
        let mut found = take_events(&mut self.body);
        let reading = async {
            while found.len() < n {
                self.sip().await;
                found.extend(take_events(&mut self.body));
            }
        };
        tokio::time::timeout(Duration::from_secs(10), reading)
            .await
            .expect("events within 10 s");
        found
    }

    /// Reads until it holds at least `n` whole events and part of the next: those events,
    /// and the part.
    async fn until_inside_an_event(&mut self, n: usize) -> (Vec<(String, String)>, Vec<u8>) {
        let mut whole = Vec::new();
        let reading = async {
            while whole.len() < n || self.body.is_empty() {
                self.sip().await;
                whole.extend(take_events(&mut self.body));
            }
        };
        tokio::time::timeout(Duration::from_secs(10), reading)
            .await
            .expect("the events within 10 s");
        (whole, self.body.clone())
    }
}

/// The changes of the feed after `after`, as the polling API pages them (up to 1,000).
async fn polled(url: &str, after: &str) -> Vec<Value> {
    let page = reqwest::get(format!("{url}/api/v1/feed?after={after}&limit=1000"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page: Value = serde_json::from_str(&page).unwrap();
    page["changes"].as_array().unwrap().clone()
}

/// Asserts `got` is exactly the changes after cursor `after`: ids `after + 1, after + 2, …`,
/// each carrying the change the polling feed gives at that place.
async fn exactly_the_changes_after(url: &str, after: i64, got: &[(String, String)]) {
    let ids: Vec<String> = got.iter().map(|(id, _)| id.clone()).collect();
    let expected: Vec<String> = (1..=got.len() as i64)
        .map(|i| (after + i).to_string())
        .collect();
    assert_eq!(
        ids, expected,
        "every change once, in order, nothing between"
    );
    let changes = polled(url, &after.to_string()).await;
    assert_eq!(changes.len(), got.len(), "and no change after them");
    for ((id, data), change) in got.iter().zip(&changes) {
        let data: Value = serde_json::from_str(data).unwrap();
        assert_eq!(&data, change, "event {id}");
    }
}

/// The posting an event's change is about.
fn about(data: &str) -> String {
    let change: Value = serde_json::from_str(data).unwrap();
    let id = change["posting"]["id"].as_str().or(change["id"].as_str());
    id.unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_cut_inside_an_event_resumes_after_the_last_whole_one() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let owner = s.employer("13800000001").await;
    for id in ["a", "b", "c", "d", "e"] {
        assert_eq!(s.post(&owner, &posting(id)).await.0, StatusCode::CREATED);
    }
    let mut cut = RawStream::open(&s.url, None).await;
    let (whole, part) = cut.until_inside_an_event(2).await;
    let text = String::from_utf8_lossy(&part).into_owned();
    assert!(!text.contains("\n\n"), "part of one event: {text:?}");
    drop(cut); // the phone loses its connection with part of an event read
    let last = whole.last().unwrap().0.clone();
    let mut again = RawStream::open(&s.url, Some(&last)).await;
    let mut got = whole.clone();
    got.extend(again.events(5 - whole.len()).await);
    // One more, published now, comes next: nothing was sent twice before it.
    assert_eq!(s.post(&owner, &posting("f")).await.0, StatusCode::CREATED);
    got.extend(again.events(1).await);
    exactly_the_changes_after(&s.url, 0, &got).await;
    let about: Vec<String> = got.iter().map(|(_, data)| about(data)).collect();
    assert_eq!(about, ["a", "b", "c", "d", "e", "f"]);
}

/// A server process, killed when dropped (a failed assertion leaves none behind).
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Publishes `id` through the API (201, published at once).
async fn publish(client: &Client, url: &str, id: &str) {
    let sent = client
        .post(format!("{url}/api/v1/postings"))
        .json(&posting(id))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::CREATED);
    let answer: Value = serde_json::from_str(&sent.text().await.unwrap()).unwrap();
    assert_eq!(answer["status"], "published", "{answer}");
}

/// The feed's newest cursor, paged to the end.
async fn head(url: &str) -> String {
    let mut cursor = "0".to_string();
    loop {
        let page = reqwest::get(format!("{url}/api/v1/feed?after={cursor}&limit=1000"));
        let page: Value = serde_json::from_str(&page.await.unwrap().text().await.unwrap()).unwrap();
        if page["changes"].as_array().unwrap().is_empty() {
            return cursor;
        }
        cursor = page["cursor"].as_str().unwrap().to_string();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_resumes_across_a_server_restart_with_exactly_the_changes_after_its_cursor() {
    let db = database();
    let (child, url) = serve(&db);
    let server = Running(child);
    let owner = demo_employer(&url).await;
    let mut live = subscribe(&url, Some(&head(&url).await)).await;
    publish(&owner, &url, "before-1").await;
    publish(&owner, &url, "before-2").await;
    let held = events(&mut live, 2).await;
    let n = held.last().unwrap().0.clone();
    assert_eq!(about(&held[1].1), "before-2");
    drop(server); // kill -9: the stream breaks with the process
    let ended = tokio::time::timeout(Duration::from_secs(10), async {
        while let Ok(Some(_)) = live.chunk().await {}
    });
    ended.await.expect("the client sees its stream end");
    // Restarted on the same file (a new port); one change while the client is away.
    let (child, url) = serve(&db);
    let _server = Running(child);
    let owner = demo_employer(&url).await;
    publish(&owner, &url, "after-1").await;
    let mut resumed = subscribe(&url, Some(&n)).await;
    let mut got = events(&mut resumed, 1).await;
    publish(&owner, &url, "after-2").await;
    got.extend(events(&mut resumed, 1).await);
    exactly_the_changes_after(&url, n.parse().unwrap(), &got).await;
    let about: Vec<String> = got.iter().map(|(_, data)| about(data)).collect();
    assert_eq!(about, ["after-1", "after-2"]);
}

/// More changes than a stream reads at a time (`BATCH` in live.rs is 500).
const WHILE_ASLEEP: usize = 1200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_asleep_for_an_hour_gets_every_change_in_order_then_the_next_live() {
    let s = start(sqlite_store().await, MarketConfig::default()).await;
    let owner = s.employer("13800000001").await;
    s.post(&owner, &posting("evening")).await;
    let mut live = subscribe(&s.url, None).await;
    let held = events(&mut live, 1).await;
    assert_eq!(held[0].0, "1");
    drop(live); // the phone sleeps
    let night: Vec<_> = (0..WHILE_ASLEEP)
        .map(|i| (posting(&format!("night-{i:04}")), PostingStatus::Published))
        .collect();
    let import = Actor::online(ActorRole::Import, None);
    s.store
        .insert_postings(&night, None, import, now())
        .await
        .unwrap();
    let mut resumed = subscribe(&s.url, Some("1")).await;
    let mut got = events(&mut resumed, WHILE_ASLEEP).await;
    let expected: Vec<String> = night.iter().map(|(p, _)| p.id.clone()).collect();
    let caught_up: Vec<String> = got.iter().map(|(_, data)| about(data)).collect();
    assert_eq!(
        caught_up, expected,
        "the night's postings in the order written"
    );
    assert_eq!(
        s.post(&owner, &posting("morning")).await.0,
        StatusCode::CREATED
    );
    got.extend(events(&mut resumed, 1).await);
    assert_eq!(about(&got.last().unwrap().1), "morning");
    // The polling feed pages 1,000 at most: compare the last 1,000 there.
    let tail = got.len() - 1000;
    exactly_the_changes_after(&s.url, tail as i64 + 1, &got[tail..]).await;
    let ids: Vec<String> = got.iter().map(|(id, _)| id.clone()).collect();
    let expected: Vec<String> = (2..=WHILE_ASLEEP as i64 + 2)
        .map(|i| i.to_string())
        .collect();
    assert_eq!(ids, expected, "every change once, in order");
}
