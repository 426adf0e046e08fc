//! The market server's API v1 (DESIGN.md §8), as the desk calls it: same origin, the
//! session cookie sent by the browser, JSON both ways.

use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestCredentials, RequestInit, Response};

/// An answer: its status and its JSON (`null` when it had none).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl Answer {
    /// Whether the server did it (2xx).
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// What the server said was wrong, for people: its `error.message`, and the field.
    pub fn error(&self) -> String {
        let error = &self.body["error"];
        match (error["message"].as_str(), error["field"].as_str()) {
            (Some(message), Some(field)) => format!("{message}（{field}）"),
            (Some(message), None) => message.to_string(),
            _ => format!("HTTP {}", self.status),
        }
    }
}

/// `method path` with an optional JSON body. `Err` only when the server could not be reached.
pub async fn call(method: &str, path: &str, body: Option<&Value>) -> Result<Answer, String> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    if let Some(body) = body {
        init.set_body(&body.to_string().into());
    }
    let request = Request::new_with_str_and_init(path, &init).map_err(|_| bad(path))?;
    if body.is_some() {
        let _ = request.headers().set("content-type", "application/json");
    }
    let window = web_sys::window().ok_or("no window")?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| "网络不可用 (network unavailable)".to_string())?
        .unchecked_into();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string()),
        Err(_) => None,
    };
    let body = text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null);
    Ok(Answer {
        status: response.status(),
        body,
    })
}

/// `GET path`: its JSON when the server did it, else what it said was wrong (or that it
/// could not be reached), for people.
pub async fn get_json(path: &str) -> Result<Value, String> {
    match call("GET", path, None).await {
        Ok(a) if a.ok() => Ok(a.body),
        Ok(a) => Err(a.error()),
        Err(e) => Err(e),
    }
}

/// The bytes at `path` (a snapshot file), with the status when it is not 2xx.
pub async fn get_bytes(path: &str) -> Result<Vec<u8>, u16> {
    let window = web_sys::window().ok_or(0u16)?;
    let response: Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| 0u16)?
        .unchecked_into();
    if !response.ok() {
        return Err(response.status());
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| 0u16)?)
        .await
        .map_err(|_| 0u16)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The text at `path`, with the status when it is not 2xx (0: the network failed).
pub async fn get_text(path: &str) -> Result<String, u16> {
    let bytes = get_bytes(path).await?;
    String::from_utf8(bytes).map_err(|_| 0)
}

fn bad(path: &str) -> String {
    format!("bad address {path}")
}
