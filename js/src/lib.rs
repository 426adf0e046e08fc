//! The JavaScript binding of the Linggong engine: the one place where wasm-bindgen and
//! serde-wasm-bindgen meet the core. Names are camelCase on the JS side; every error is a
//! JS `Error` whose message says what is wrong.
#![deny(missing_docs)]

use linggong_core::{AuditContext, Posting, audit};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(js_error)
}

/// Audits one posting (an object in interchange format v1) before publication.
/// Returns `{id, ok, findings: [{code, severity, field, excerpt, message}]}`.
#[wasm_bindgen(js_name = auditPosting)]
pub fn audit_posting(posting: JsValue) -> Result<JsValue, JsValue> {
    let posting: Posting = serde_wasm_bindgen::from_value(posting)
        .map_err(|e| js_error(format!("not a valid posting: {e}")))?;
    to_js(&audit(&posting, &AuditContext::new()))
}

/// The trade a free text names: `{input, trade: {id, name, category} | null, confidence,
/// via, alternatives: [{id, name, category, confidence, via}]}`.
#[wasm_bindgen(js_name = normalizeTrade)]
pub fn normalize_trade(text: &str) -> Result<JsValue, JsValue> {
    to_js(&linggong_core::normalize_trade(text))
}

/// Typeahead: up to `limit` (default 8) trades for a prefix of Chinese, pinyin or initials,
/// as `[{id, name, category}]`.
#[wasm_bindgen(js_name = suggestTrades)]
pub fn suggest_trades(prefix: &str, limit: Option<usize>) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Suggestion<'a> {
        id: &'a str,
        name: &'a str,
        category: linggong_core::TradeCategory,
    }
    let found: Vec<Suggestion<'_>> = linggong_core::suggest_trades(prefix, limit.unwrap_or(8))
        .into_iter()
        .map(|t| Suggestion {
            id: &t.id,
            name: &t.name,
            category: t.category,
        })
        .collect();
    to_js(&found)
}
