//! Options objects (`{lat, lng, k}`), read field by field with the checks of `args`.
//!
//! serde-wasm-bindgen would read them too, but it reads only the keys a struct names (a
//! misspelt `radiusKM` would be silently ignored) and its errors do not say which field was
//! wrong; here an unknown key is refused and every error names its field:
//! `nearby: options.k must be an integer from 0 to 1000000, got -1`.

use std::fmt::Display;

use wasm_bindgen::{JsCast, JsValue};

use crate::args::{self, Field};
use crate::convert::js_error;

/// An options object whose keys have been checked against those its function knows.
#[derive(Debug)]
pub struct Options<'a> {
    object: Option<js_sys::Object>,
    name: &'a str,
}

impl<'a> Options<'a> {
    /// The options object `value`, named `name` (`nearby: options`) in errors; an error
    /// unless it is an object whose keys are all in `allowed`.
    pub fn required(value: &JsValue, name: &'a str, allowed: &[&str]) -> Result<Self, JsValue> {
        args::object(value, &name)?;
        let object: js_sys::Object = value.clone().unchecked_into();
        known_keys(&object, name, allowed)?;
        Ok(Options {
            object: Some(object),
            name,
        })
    }

    /// Like [`Options::required`], but `undefined` or `null` stand for no options at all.
    pub fn optional(value: &JsValue, name: &'a str, allowed: &[&str]) -> Result<Self, JsValue> {
        if value.is_undefined() || value.is_null() {
            return Ok(Options { object: None, name });
        }
        Self::required(value, name, allowed)
    }

    /// The field `key`, read by a check of `args` (`args::finite`): an error if it is absent
    /// or fails the check.
    pub fn field<T>(
        &self,
        key: &str,
        read: impl FnOnce(&JsValue, &dyn Display) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        let value = self.value(key)?;
        read(&value, &Field(&self.name, key))
    }

    /// The field `key` if it is present and not `null`, read by a check of `args`.
    pub fn optional_field<T>(
        &self,
        key: &str,
        read: impl FnOnce(&JsValue, &dyn Display) -> Result<T, JsValue>,
    ) -> Result<Option<T>, JsValue> {
        let value = self.value(key)?;
        args::optional(&value, |v| read(v, &Field(&self.name, key)))
    }

    /// The raw value of a field; `Reflect.get` runs getters, so a throwing getter becomes
    /// this call's error instead of unwinding through WebAssembly.
    fn value(&self, key: &str) -> Result<JsValue, JsValue> {
        match &self.object {
            Some(object) => js_sys::Reflect::get(object, &JsValue::from_str(key)),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}

/// Refuses a key `allowed` lacks (a misspelt `radiusKM` must not be silently ignored):
/// `nearby: options.radius: unknown field `radius`, expected one of `lat`, `lng`, …`, worded
/// as the JSON reader words an unknown field of a posting.
fn known_keys(object: &js_sys::Object, name: &str, allowed: &[&str]) -> Result<(), JsValue> {
    let keys = js_sys::Object::keys(object);
    for key in keys.iter().filter_map(|k| k.as_string()) {
        if !allowed.contains(&key.as_str()) {
            let expected: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
            return Err(js_error(format!(
                "{}: unknown field `{key}`, expected one of {}",
                Field(&name, &key),
                expected.join(", ")
            )));
        }
    }
    Ok(())
}
