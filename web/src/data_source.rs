//! The network, behind a trait so the offline logic can be tested without one.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// Where the snapshot is. Root-relative: a deep link (`/gig/…`) must not change it.
pub const SNAPSHOT_DIR: &str = "/data";

/// Where applications are sent (root-relative, as above): the market server's API v1.
pub const APPLICATIONS_URL: &str = "/api/v1/applications";

/// Where reports (举报) are sent.
pub const REPORTS_URL: &str = "/api/v1/reports";

/// Why a post did not land.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostError {
    /// The network or the server is down, or asks to wait: send again later.
    Unreachable,
    /// The server read it and refused it for good: the status (a 4xx other than 408 and 429).
    Refused(u16),
}

/// What the app asks of the network. Errors are messages for the seeker.
#[allow(async_fn_in_trait)]
pub trait Network {
    /// The text at `url`.
    async fn text(&self, url: &str) -> Result<String, String>;
    /// The bytes at `url`.
    async fn bytes(&self, url: &str) -> Result<Vec<u8>, String>;
    /// Sends `method` (`POST`, `PUT`, `DELETE`) to `url` with a JSON body when given (and
    /// `Authorization: Bearer TOKEN` when given); the answer's body once the server accepted.
    async fn send_json(
        &self,
        method: &str,
        url: &str,
        body: Option<&str>,
        token: Option<&str>,
    ) -> Result<String, PostError>;
    /// Reads `url` with `Authorization: Bearer TOKEN` (an application's own status).
    async fn read_with_token(&self, url: &str, token: &str) -> Result<String, PostError>;
}

/// The browser's `fetch`.
#[derive(Debug, Clone, Copy, Default)]
pub struct HttpNetwork;

async fn fetch(request: &Request) -> Result<Response, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_request(request))
        .await
        .map_err(|_| "网络不可用 (network unavailable)".to_string())?;
    let response: Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("{}: HTTP {}", request.url(), response.status()));
    }
    Ok(response)
}

fn get(url: &str) -> Result<Request, String> {
    Request::new_with_str(url).map_err(|_| format!("bad address {url}"))
}

/// A call to the market server's API: a POST of `body`, or a GET without one; the answer's
/// body on 2xx, [`PostError::Refused`] on a 4xx that waiting will not mend.
async fn api_request(
    method: &str,
    url: &str,
    body: Option<&str>,
    token: Option<&str>,
) -> Result<String, PostError> {
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        init.set_body(&body.into());
    }
    let request =
        Request::new_with_str_and_init(url, &init).map_err(|_| PostError::Refused(400))?;
    let headers = request.headers();
    if body.is_some() {
        let _ = headers.set("content-type", "application/json");
    }
    if let Some(token) = token {
        let _ = headers.set("authorization", &format!("Bearer {token}"));
    }
    let window = web_sys::window().ok_or(PostError::Unreachable)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| PostError::Unreachable)?
        .unchecked_into();
    match response.status() {
        200..=299 => {
            let text = match response.text() {
                Ok(promise) => JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|t| t.as_string()),
                Err(_) => None,
            };
            Ok(text.unwrap_or_default())
        }
        status @ 400..=499 if status != 408 && status != 429 => Err(PostError::Refused(status)),
        _ => Err(PostError::Unreachable),
    }
}

impl Network for HttpNetwork {
    async fn text(&self, url: &str) -> Result<String, String> {
        let promise = fetch(&get(url)?)
            .await?
            .text()
            .map_err(|_| "unreadable body")?;
        let text = JsFuture::from(promise)
            .await
            .map_err(|_| "unreadable body")?;
        text.as_string()
            .ok_or_else(|| "body is not text".to_string())
    }

    async fn bytes(&self, url: &str) -> Result<Vec<u8>, String> {
        let promise = fetch(&get(url)?)
            .await?
            .array_buffer()
            .map_err(|_| "unreadable body")?;
        let buffer = JsFuture::from(promise)
            .await
            .map_err(|_| "unreadable body")?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }

    async fn send_json(
        &self,
        method: &str,
        url: &str,
        body: Option<&str>,
        token: Option<&str>,
    ) -> Result<String, PostError> {
        api_request(method, url, body, token).await
    }

    async fn read_with_token(&self, url: &str, token: &str) -> Result<String, PostError> {
        api_request("GET", url, None, Some(token)).await
    }
}
