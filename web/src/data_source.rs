//! Fetching the snapshot over HTTP (the IndexedDB cache comes in front of this).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the snapshot is, relative to the app.
pub const SNAPSHOT_DIR: &str = "data";

async fn fetch(url: &str) -> Result<web_sys::Response, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "网络不可用 (network unavailable)".to_string())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    Ok(response)
}

/// The text at `url`.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let promise = fetch(url).await?.text().map_err(|_| "unreadable body")?;
    let text = JsFuture::from(promise)
        .await
        .map_err(|_| "unreadable body")?;
    text.as_string()
        .ok_or_else(|| "body is not text".to_string())
}

/// The bytes at `url`.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let promise = fetch(url)
        .await?
        .array_buffer()
        .map_err(|_| "unreadable body")?;
    let buffer = JsFuture::from(promise)
        .await
        .map_err(|_| "unreadable body")?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
