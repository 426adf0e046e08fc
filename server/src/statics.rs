//! The built apps as a production server sends them: brotli or gzip made at build time,
//! chosen by `Accept-Encoding`; hashed assets cached for a year as immutable; HTML and
//! everything else revalidated; any extensionless path answered with the app's
//! `index.html` (the app routes it), any other missing file a 404.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::services::ServeDir;

/// The apps served under their own path, each routing its own pages: the desk.
const SUB_APPS: [&str; 1] = ["/desk/"];

/// `router` with the files of `dir` served behind it.
pub fn with_static(router: Router, dir: &Path) -> Router {
    let root = dir.to_path_buf();
    let app_shell = get(move |req: Request| spa_index(root.clone(), req));
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true)
        .fallback(app_shell);
    let policy = HeaderValue::from_str(&crate::csp::policy(&crate::csp::inline_scripts_under(dir)))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    router
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
        .layer(middleware::from_fn(move |req, next| {
            with_policy(policy.clone(), req, next)
        }))
        .layer(middleware::from_fn(crate::api::guard))
}

/// Sets the Content-Security-Policy on every page (an HTML answer).
async fn with_policy(policy: HeaderValue, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let is_page = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_page {
        response
            .headers_mut()
            .insert(axum::http::header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// The `index.html` of the app a path belongs to: the desk's under `/desk/`, else the
/// seeker's.
fn app_index(root: &Path, path: &str) -> PathBuf {
    match SUB_APPS.iter().find(|app| path.starts_with(*app)) {
        Some(app) => root.join(app.trim_matches('/')).join("index.html"),
        None => root.join("index.html"),
    }
}

async fn spa_index(root: PathBuf, req: Request) -> Response {
    let path = req.uri().path();
    let last = path.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return StatusCode::NOT_FOUND.into_response();
    }
    match tokio::fs::read(app_index(&root, path)).await {
        Ok(html) => (
            [(CONTENT_TYPE, "text/html; charset=utf-8")],
            Body::from(html),
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Whether a file name carries a content hash (`linggong-web-0123456789abcdef_bg.wasm`):
/// such a file never changes under its name.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.split(['-', '.', '_'])
        .any(|part| part.len() >= 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

async fn cache_control(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut response = next.run(req).await;
    let static_file = !path.starts_with("/api/") && !path.starts_with("/data/");
    if static_file
        && response.status() == StatusCode::OK
        && !response.headers().contains_key(CACHE_CONTROL)
    {
        let policy = if is_hashed(&path) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{app_index, is_hashed};

    #[test]
    fn a_desk_page_gets_the_desk_and_any_other_page_the_seekers_app() {
        let root = Path::new("/dist");
        assert_eq!(
            app_index(root, "/desk/review"),
            Path::new("/dist/desk/index.html")
        );
        assert_eq!(app_index(root, "/gig/nj-1"), Path::new("/dist/index.html"));
        assert_eq!(app_index(root, "/desktop"), Path::new("/dist/index.html"));
    }

    #[test]
    fn trunk_s_hashed_names_are_recognised_and_plain_ones_are_not() {
        assert!(is_hashed("/linggong-web-3f1c9a2b7d4e5f60_bg.wasm"));
        assert!(is_hashed("/linggong-web-3f1c9a2b7d4e5f60.js"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/h5/pkg/linggong_bg.wasm"));
        assert!(!is_hashed("/gazetteer/china_adcodes.csv"));
    }
}
