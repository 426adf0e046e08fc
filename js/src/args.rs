//! The checks every argument from JavaScript goes through, one function per kind of check.
//!
//! wasm-bindgen converts a `&str`, `String`, `usize`, `u32` or `f64` parameter without looking
//! at what JS passed: a number where a string is expected is read as a pointer (`memory access
//! out of bounds`), −1 as a `usize` becomes 4294967295 and an allocation of that size
//! (`unreachable`), and `null` as an `f64` becomes 0 (a search at Null Island). So exported
//! functions take `JsValue`s and read them here; each check gives a JS `Error` that names the
//! argument and what it got: `suggestTrades: limit must be an integer from 0 to 1000, got -1`.
//!
//! `name` is a `Display` so that a name like `nearby: options.lat` or `postings[3]` is only
//! formatted when there is an error, never on the fast paths.

use std::fmt::{self, Display};

use wasm_bindgen::{JsCast, JsValue};

use crate::convert::js_error;

/// The error for `value`, which is not what `name` must be.
pub fn wrong(name: &dyn Display, must: impl Display, value: &JsValue) -> JsValue {
    js_error(format!("{name} {must}, got {}", describe(value)))
}

/// A string.
pub fn string(value: &JsValue, name: &dyn Display) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| wrong(name, "must be a string", value))
}

/// A number that is neither NaN nor infinite.
pub fn finite(value: &JsValue, name: &dyn Display) -> Result<f64, JsValue> {
    match value.as_f64() {
        Some(n) if n.is_finite() => Ok(n),
        _ => Err(wrong(name, "must be a finite number", value)),
    }
}

/// A distance: a finite number ≥ 0 (infinity is refused: leave the argument out for no limit).
pub fn distance(value: &JsValue, name: &dyn Display) -> Result<f64, JsValue> {
    match value.as_f64() {
        Some(n) if n.is_finite() && n >= 0.0 => Ok(n),
        _ => Err(wrong(name, "must be a finite number ≥ 0", value)),
    }
}

/// A whole number from 0 to `max`: a count, a limit or a slot.
pub fn integer(value: &JsValue, name: &dyn Display, max: u32) -> Result<usize, JsValue> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(max)).contains(&n) => Ok(n as usize),
        _ => Err(wrong(
            name,
            format_args!("must be an integer from 0 to {max}"),
            value,
        )),
    }
}

/// An object that is not an array (nor `null`, nor a function).
pub fn object(value: &JsValue, name: &dyn Display) -> Result<(), JsValue> {
    if value.is_object() && !js_sys::Array::is_array(value) {
        Ok(())
    } else {
        Err(wrong(name, "must be an object", value))
    }
}

/// A function (a callback).
pub fn function(value: &JsValue, name: &dyn Display) -> Result<js_sys::Function, JsValue> {
    value
        .dyn_ref::<js_sys::Function>()
        .cloned()
        .ok_or_else(|| wrong(name, "must be a function", value))
}

/// An array.
pub fn array(value: &JsValue, name: &dyn Display) -> Result<js_sys::Array, JsValue> {
    if js_sys::Array::is_array(value) {
        Ok(value.clone().unchecked_into())
    } else {
        Err(wrong(name, "must be an array", value))
    }
}

/// A `Uint8Array` (a Node `Buffer` is one), not yet copied into WebAssembly.
pub fn uint8_array(value: &JsValue, name: &dyn Display) -> Result<js_sys::Uint8Array, JsValue> {
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .cloned()
        .ok_or_else(|| wrong(name, "must be a Uint8Array", value))
}

/// One of `choices`, a string each: an enumeration such as a datum.
pub fn choice<T: Copy>(
    value: &JsValue,
    name: &dyn Display,
    choices: &[(&str, T)],
) -> Result<T, JsValue> {
    let text = value.as_string();
    choices
        .iter()
        .find(|(word, _)| text.as_deref() == Some(*word))
        .map(|&(_, choice)| choice)
        .ok_or_else(|| {
            let words: Vec<String> = choices.iter().map(|(w, _)| format!("{w:?}")).collect();
            wrong(name, format_args!("must be {}", words.join(" or ")), value)
        })
}

/// `None` when the value is `undefined` or `null` (an absent argument, or a field left out or
/// set to null, as JSON would have it); otherwise what `read` makes of it.
pub fn optional<T>(
    value: &JsValue,
    read: impl FnOnce(&JsValue) -> Result<T, JsValue>,
) -> Result<Option<T>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        read(value).map(Some)
    }
}

/// The name of an element of an array argument: `postings[3]`.
#[derive(Clone, Copy)]
pub struct Item<'a>(pub &'a dyn Display, pub u32);

impl Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

/// The name of a field of an object argument: `nearby: options.lat`.
#[derive(Clone, Copy)]
pub struct Field<'a>(pub &'a dyn Display, pub &'a str);

impl Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

/// A JS value as an error message shows it: `-1`, `NaN`, `"abc"`, `null`, `an array`.
pub fn describe(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return quoted(&text);
    }
    if let Some(n) = value.as_f64() {
        return number(n);
    }
    if let Some(b) = value.as_bool() {
        return b.to_string();
    }
    let kind = if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if js_sys::Array::is_array(value) {
        "an array"
    } else if value.is_function() {
        "a function"
    } else if value.is_bigint() {
        "a bigint"
    } else if value.is_symbol() {
        "a symbol"
    } else {
        "an object"
    };
    kind.to_string()
}

/// A string in quotes, cut after 40 characters so a whole document never lands in a message.
fn quoted(text: &str) -> String {
    const SHOWN: usize = 40;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{:?}…", &text[..end]),
        None => format!("{text:?}"),
    }
}

/// A number as JS writes it: `NaN`, `Infinity`, `1000000000`, `1.5`, `1e+21`.
fn number(n: f64) -> String {
    if n.is_nan() {
        "NaN".to_string()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else if n.abs() >= 1e21 {
        format!("{n:e}").replace('e', "e+")
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::{number, quoted};

    #[test]
    fn numbers_read_as_in_javascript() {
        assert_eq!(number(-1.0), "-1");
        assert_eq!(number(1e9), "1000000000");
        assert_eq!(number(2f64.powi(31)), "2147483648");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(number(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(number(1e21), "1e+21");
    }

    #[test]
    fn long_strings_are_cut() {
        assert_eq!(quoted("保洁"), "\"保洁\"");
        assert_eq!(quoted(&"a".repeat(100)), format!("\"{}\"…", "a".repeat(40)));
    }
}
