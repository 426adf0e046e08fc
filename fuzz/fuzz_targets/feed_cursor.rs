//! The change feed's cursor: `GET /api/v1/feed?after=A&limit=L`, with `Last-Event-ID` and
//! `Accept` headers, on the market of src/lib.rs (the demo's postings make a feed of some 35
//! changes). The input's lines are A, L, the Last-Event-ID and the Accept value; a missing
//! line or a line `~` leaves that one out. A and L go into the query as they are (`&`, `=` and
//! `%` included), but for the bytes a URI cannot hold, which are percent-encoded. With
//! `Accept: text/event-stream` only the stream's first bytes are read, for 50 ms.
//! No 5xx, no panic; a page is `{cursor, changes}` with at most 1000 changes; an event's id is
//! a positive cursor.
#![no_main]

use axum::body::Body;
use axum::http::{HeaderValue, Method, Request};
use libfuzzer_sys::fuzz_target;
use linggong_fuzz::market;

fuzz_target!(|data: &[u8]| {
    let mut lines = data
        .split(|b| *b == b'\n')
        .map(|l| (l != b"~").then_some(l));
    let (after, limit, last_id, accept) = (
        lines.next().flatten(),
        lines.next().flatten(),
        lines.next().flatten(),
        lines.next().flatten(),
    );
    let query: Vec<String> = [("after", after), ("limit", limit)]
        .into_iter()
        .filter_map(|(name, value)| Some(format!("{name}={}", escape(value?))))
        .collect();
    let mut request = Request::builder()
        .method(Method::GET)
        .uri(format!("/api/v1/feed?{}", query.join("&")));
    for (name, value) in [("last-event-id", last_id), ("accept", accept)] {
        if let Some(value) = value.and_then(|v| HeaderValue::from_bytes(v).ok()) {
            request = request.header(name, value);
        }
    }
    let Ok(request) = request.body(Body::empty()) else {
        return;
    };
    let answer = market().send(request);
    let body = String::from_utf8_lossy(&answer.body);
    assert!(
        !answer.status.is_server_error(),
        "{}: {body}",
        answer.status
    );
    if !answer.status.is_success() {
        return;
    }
    if answer.is_stream() {
        for id in body.lines().filter_map(|l| l.strip_prefix("id:")) {
            let id: i64 = id.trim().parse().expect("an event id is a cursor");
            assert!(id > 0, "event id {id}");
        }
    } else {
        let page = answer.json();
        let cursor = page["cursor"].as_str().expect("a cursor");
        assert!(
            cursor.parse::<i64>().is_ok_and(|c| c >= 0),
            "cursor {cursor}"
        );
        let changes = page["changes"].as_array().expect("changes");
        assert!(changes.len() <= 1000, "{} changes", changes.len());
    }
});

/// `value` as it goes into a query: bytes a URI cannot hold percent-encoded, the rest as is.
fn escape(value: &[u8]) -> String {
    value
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() && !b"#\"<>\\^`{|}".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
