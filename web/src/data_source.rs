//! Fetching the bundled data set over HTTP (the IndexedDB cache comes in front of this).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Path of the demo postings, relative to the app.
pub const DEMO_POSTINGS_URL: &str = "demo/postings.jsonl";

/// The text at `url`, or a message saying why it could not be had.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "网络不可用 (network unavailable)".to_string())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| "unreadable body")?;
    let text = JsFuture::from(text).await.map_err(|_| "unreadable body")?;
    text.as_string()
        .ok_or_else(|| "body is not text".to_string())
}
