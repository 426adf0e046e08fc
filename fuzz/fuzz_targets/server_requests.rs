//! The server's request handling, through the real router in-process (src/lib.rs). An input
//! is a request written as text: a line `METHOD PATH`, header lines `name: value`, an empty
//! line, then the body (any bytes); the market's placeholders (`{posting}`, `{staff}`, …, see
//! src/lib.rs) are replaced first. The seeds are the bodies the server's tests send to the POST routes
//! (accounts, session, postings, applications and their steps, reports, registrations,
//! moderation). A 5xx, a panic or a body that does not end is a finding.
#![no_main]

use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Method, Request};
use libfuzzer_sys::fuzz_target;
use linggong_fuzz::market;

fuzz_target!(|data: &[u8]| {
    let market = market();
    let split = data.windows(2).position(|w| w == b"\n\n");
    let (head, body) = split.map_or((data, &[][..]), |i| (&data[..i], &data[i + 2..]));
    let Ok(head) = std::str::from_utf8(head) else {
        return;
    };
    let head = market.expand(head);
    let body = match std::str::from_utf8(body) {
        Ok(text) => market.expand(text).into_bytes(),
        Err(_) => body.to_vec(),
    };
    let Some(request) = request_of(&head, body) else {
        return;
    };
    let (method, path) = (request.method().clone(), request.uri().path().to_string());
    let answer = market.send(request);
    assert!(
        !answer.status.is_server_error(),
        "{} for\n{head}\n→ {}",
        answer.status,
        String::from_utf8_lossy(&answer.body)
    );
    // An input may sign staff or the employer out, or sign in anew (which ends the session it
    // carried), or move a record on: the next input finds them as they were.
    if method != Method::GET && path.to_ascii_lowercase().contains("session") {
        market.keep_signed_in();
    }
    if method != Method::GET && answer.status.is_success() {
        market.restore();
    }
});

/// The request `head` describes, with `body`; `None` when a client could not send it (no
/// method and path, or a path that is not a URI). Headers that are not headers are left out.
fn request_of(head: &str, body: Vec<u8>) -> Option<Request<Body>> {
    let mut lines = head.lines();
    let (method, path) = lines.next()?.split_once(' ')?;
    let method = Method::from_bytes(method.as_bytes()).ok()?;
    let path = path.trim();
    if !path.starts_with('/') {
        return None;
    }
    let mut request = Request::builder().method(method).uri(path);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.trim().as_bytes()),
            HeaderValue::from_str(value.trim()),
        ) {
            request = request.header(name, value);
        }
    }
    request.body(Body::from(body)).ok()
}
