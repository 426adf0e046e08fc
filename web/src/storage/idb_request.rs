//! IndexedDB's callbacks as futures. A future here resolves inside the success or complete
//! event's microtask checkpoint, so code that awaits only these keeps its transaction alive.

use js_sys::{Function, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, IdbRequest, IdbTransaction};

use super::StoreError;

/// The result of an IndexedDB request.
pub async fn request(req: &IdbRequest) -> Result<JsValue, StoreError> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_success = req.clone();
        req.set_onsuccess(Some(
            Closure::once_into_js(move || {
                let result = on_success.result().unwrap_or(JsValue::UNDEFINED);
                let _ = resolve.call1(&JsValue::NULL, &result);
            })
            .unchecked_ref(),
        ));
        let on_error = req.clone();
        req.set_onerror(Some(
            Closure::once_into_js(move |event: web_sys::Event| {
                // Handled here: the caller decides, the transaction's own abort reports too.
                event.prevent_default();
                let error = on_error.error().ok().flatten().map(JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error.unwrap_or(JsValue::NULL));
            })
            .unchecked_ref(),
        ));
    });
    JsFuture::from(promise)
        .await
        .map_err(|e| to_store_error(&e))
}

/// Resolves when the transaction commits; fails with its error when it aborts.
pub async fn committed(tx: &IdbTransaction) -> Result<(), StoreError> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        tx.set_oncomplete(Some(
            Closure::once_into_js(move || {
                let _ = resolve.call0(&JsValue::NULL);
            })
            .unchecked_ref(),
        ));
        let on_abort = tx.clone();
        tx.set_onabort(Some(
            Closure::once_into_js(move || {
                let error = on_abort.error().map(JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error.unwrap_or(JsValue::NULL));
            })
            .unchecked_ref(),
        ));
    });
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| to_store_error(&e))
}

/// A thrown or rejected value as a [`StoreError`], by its DOMException name.
pub fn to_store_error(value: &JsValue) -> StoreError {
    match value.dyn_ref::<DomException>() {
        Some(e) => StoreError::from_dom_name(&e.name(), &e.message()),
        None => StoreError::Unavailable(
            value
                .as_string()
                .unwrap_or_else(|| "IndexedDB failed".to_string()),
        ),
    }
}
