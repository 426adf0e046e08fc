//! Values across the boundary: results as JS objects with camelCase keys, postings and seeker
//! profiles in and out in the interchange format's own shape, and every failure as a JS
//! `Error` whose message says what is wrong.

use std::fmt::Display;

use linggong_core::{Error, FeedChange, Posting, SeekerProfile, parse_posting, parse_seeker};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::args::{self, Item};

/// A JS `Error` with this message.
pub fn js_error(message: impl Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// An engine error while handling `name`: `nearby: `lat`: latitude 95 is not in −90…90`.
pub fn error_in(name: &dyn Display, err: impl Display) -> JsValue {
    js_error(format!("{name}: {err}"))
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

/// A result (a report, a match) as a plain JS object with camelCase keys.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_value(value).map_err(js_error)?;
    camel_keys(json)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(js_error)
}

/// A posting (or any interchange-format value) as the object `JSON.parse` makes of its JSON
/// line: snake_case keys, as FORMAT.md has them, so that what `get` gives `insert` takes back.
pub fn to_interchange_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(js_error)?;
    js_sys::JSON::parse(&json)
}

/// A posting object, read exactly as a line of a JSONL file (see [`interchange`]).
pub fn posting_from_js(value: &JsValue, name: &dyn Display) -> Result<Posting, JsValue> {
    interchange(value, name, parse_posting)
}

/// A seeker profile object, read exactly as a line of a JSONL file (see [`interchange`]).
pub fn seeker_from_js(value: &JsValue, name: &dyn Display) -> Result<SeekerProfile, JsValue> {
    interchange(value, name, parse_seeker)
}

/// A change of the market's feed: its JSON text (an event's data) or the object
/// `JSON.parse` makes of it, read by core's reader either way.
pub fn change_from_js(value: &JsValue, name: &dyn Display) -> Result<FeedChange, JsValue> {
    match value.as_string() {
        Some(json) => FeedChange::from_json(&json).map_err(|e| field_error(name, e)),
        None if value.is_object() && !js_sys::Array::is_array(value) => {
            interchange(value, name, FeedChange::from_json)
        }
        None => Err(args::wrong(
            name,
            "must be a JSON string or an object",
            value,
        )),
    }
}

/// An array of posting objects; errors name the element: `postings[3].pay.amout: …`.
pub fn postings_from_js(value: &JsValue, name: &dyn Display) -> Result<Vec<Posting>, JsValue> {
    each(value, name, posting_from_js)
}

/// An array of seeker profile objects; errors name the element.
pub fn seekers_from_js(value: &JsValue, name: &dyn Display) -> Result<Vec<SeekerProfile>, JsValue> {
    each(value, name, seeker_from_js)
}

fn each<T>(
    value: &JsValue,
    name: &dyn Display,
    read: fn(&JsValue, &dyn Display) -> Result<T, JsValue>,
) -> Result<Vec<T>, JsValue> {
    let array = args::array(value, name)?;
    (0..array.length())
        .map(|i| read(&array.get(i), &Item(name, i)))
        .collect()
}

/// An object read by the interchange format's JSON reader, through its `JSON.stringify` text.
/// serde-wasm-bindgen reads only the fields a struct names, so a misspelt `pay.amout` would be
/// dropped without a word; the JSON reader refuses unknown fields at every depth and names
/// the field path, as it does for a JSONL file: `postings[3].pay.amout: unknown field …`.
fn interchange<T>(
    value: &JsValue,
    name: &dyn Display,
    parse: fn(&str) -> Result<T, Error>,
) -> Result<T, JsValue> {
    args::object(value, name)?;
    let json = js_sys::JSON::stringify(value)
        .map_err(|e| js_error(format!("{name} cannot be read as JSON: {}", message_of(&e))))?;
    let json = json
        .as_string()
        .ok_or_else(|| args::wrong(name, "must be a JSON object", value))?;
    parse(&json).map_err(|err| field_error(name, err))
}

/// An engine error about a field of `name`, with the field's path after the name, as the
/// caller wrote it: `postings[3].pay.amout: unknown field …`, `nearby: options.lat: latitude
/// 95 is not in −90…90`. (The line and column of a stringified object would mean nothing to
/// the caller.) For errors whose field is not a key of `name`, use [`error_in`].
pub fn field_error(name: &dyn Display, err: Error) -> JsValue {
    match err {
        Error::Parse { field, reason, .. } | Error::Invalid { field, reason }
            if !field.is_empty() =>
        {
            js_error(format!("{name}.{field}: {reason}"))
        }
        Error::Parse { reason, .. } => error_in(name, reason),
        other => error_in(name, other),
    }
}

/// The message of a thrown JS value (a `TypeError` from `JSON.stringify`).
fn message_of(thrown: &JsValue) -> String {
    match thrown.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => args::describe(thrown),
    }
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
