//! Values across the boundary: Rust → JS objects with camelCase keys, JS → Rust via serde,
//! and every failure as a JS `Error` whose message says what is wrong.

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// A JS `Error` with this message.
pub fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn camel_keys(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => map
            .into_iter()
            .map(|(k, v)| (camel(&k), camel_keys(v)))
            .collect(),
        serde_json::Value::Array(items) => items.into_iter().map(camel_keys).collect(),
        other => other,
    }
}

/// A Rust value as a plain JS object with camelCase keys.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_value(value).map_err(js_error)?;
    camel_keys(json)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(js_error)
}

/// Rejects an options object with a key this API does not know (a misspelt `radiusKM` must
/// not be silently ignored). serde-wasm-bindgen reads only the known keys, so this is checked
/// here.
pub fn known_keys(options: &JsValue, allowed: &[&str], what: &str) -> Result<(), JsValue> {
    if !options.is_object() {
        return Err(js_error(format!("{what} must be an object")));
    }
    let keys = js_sys::Object::keys(&js_sys::Object::from(options.clone()));
    for key in keys.iter().filter_map(|k| k.as_string()) {
        if !allowed.contains(&key.as_str()) {
            return Err(js_error(format!(
                "{what}: unknown field `{key}`, expected one of {}",
                allowed.join(", ")
            )));
        }
    }
    Ok(())
}

/// A JS value read into a Rust type; `what` names it in the error.
pub fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| js_error(format!("{what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::camel;

    #[test]
    fn snake_case_keys_become_camel_case() {
        assert_eq!(camel("distance_m"), "distanceM");
        assert_eq!(camel("unrecognised_postings"), "unrecognisedPostings");
        assert_eq!(camel("id"), "id");
    }
}
