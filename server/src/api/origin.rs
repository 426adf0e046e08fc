//! Requests that change something must come from the market's own pages: a browser sends
//! `Origin` with every cross-site POST, and one naming another site is refused (403) before
//! any handler runs. Session cookies are `SameSite=Strict` as well; this is the second lock.
//! Clients that are not browsers (the phone's outbox inside a WebView sends its own origin,
//! curl sends none) are not affected. Every answer also says `nosniff`, keeps the referrer to
//! this site and refuses to be framed elsewhere.

use axum::extract::Request;
use axum::http::header::{HOST, ORIGIN};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Whether `origin` (`https://host:port`) names the host the request was sent to.
fn same_site(origin: &str, host: &str) -> bool {
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest.trim_end_matches('/') == host)
}

/// The middleware: refuses a cross-site change, adds the safety headers to every answer.
pub async fn guard(req: Request, next: Next) -> Response {
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let origin = req.headers().get(ORIGIN).and_then(|v| v.to_str().ok());
    let host = req.headers().get(HOST).and_then(|v| v.to_str().ok());
    if let (true, Some(origin), Some(host)) = (changes, origin, host)
        && !same_site(origin, host)
    {
        return ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            "cross_origin",
            "只接受本站页面的请求 (a change must come from this site's own pages)",
        )
        .into_response();
    }
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    headers.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    response
}

#[cfg(test)]
mod tests {
    use super::same_site;

    #[test]
    fn an_origin_is_the_same_site_only_with_the_same_host_and_port() {
        assert!(same_site("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(same_site("https://market.example.cn", "market.example.cn"));
        assert!(!same_site("https://evil.example", "market.example.cn"));
        assert!(!same_site("http://127.0.0.1:9999", "127.0.0.1:8080"));
        assert!(!same_site("null", "127.0.0.1:8080"));
    }
}
