//! The host's APIs the live feed uses (`EventSource`, `fetch`, `setTimeout`, `URL`), bound to
//! the globals by name. Not web-sys, and no JS snippet: the package stays two files
//! (`linggong.js`, `linggong_bg.wasm`) that the H5 page copies, and a binding only looks its
//! global up when it is called, so the package still loads where one is missing (Node has no
//! `EventSource`); `has_global` says beforehand whether it is there.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A Server-Sent Events connection.
    #[derive(Debug)]
    pub type EventSource;

    /// Opens one; throws on a URL it cannot take.
    #[wasm_bindgen(constructor, catch)]
    pub fn new(url: &str) -> Result<EventSource, JsValue>;

    #[wasm_bindgen(method, js_name = addEventListener)]
    pub fn add_event_listener(this: &EventSource, kind: &str, listener: &JsValue);

    #[wasm_bindgen(method)]
    pub fn close(this: &EventSource);

    /// 0 connecting, 1 open, 2 closed: closed after an error is a refusal the browser will
    /// not retry (an HTTP status other than 200, such as 409 or 503).
    #[wasm_bindgen(method, getter, js_name = readyState)]
    pub fn ready_state(this: &EventSource) -> u16;

    /// A promise, only ever waited on through [`settle`].
    #[derive(Debug)]
    pub type Pending;

    #[wasm_bindgen(method)]
    fn then(this: &Pending, ok: &JsValue, err: &JsValue);

    /// `fetch(url, init)`; a network failure rejects.
    #[wasm_bindgen(js_name = fetch)]
    pub fn fetch(url: &str, init: &JsValue) -> Pending;

    /// What `fetch` resolves with.
    #[derive(Debug)]
    pub type Response;

    #[wasm_bindgen(method, getter)]
    pub fn status(this: &Response) -> u16;

    #[wasm_bindgen(method)]
    pub fn text(this: &Response) -> Pending;

    /// A timer's id: a number in a browser, an object in Node.
    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout(handler: &JsValue, ms: f64) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    pub fn clear_timeout(id: &JsValue);

    #[wasm_bindgen(js_name = URL)]
    type Url;

    #[wasm_bindgen(constructor, catch, js_class = "URL")]
    fn new(url: &str, base: &JsValue) -> Result<Url, JsValue>;

    #[wasm_bindgen(method, getter, js_class = "URL")]
    fn href(this: &Url) -> String;

    #[wasm_bindgen(method, getter, js_class = "URL", js_name = searchParams)]
    fn search_params(this: &Url) -> SearchParams;

    type SearchParams;

    #[wasm_bindgen(method)]
    fn set(this: &SearchParams, name: &str, value: &str);

    /// Where an exception thrown by a caller's callback goes: it must not stop the feed.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    pub fn console_error(value: &JsValue);
}

/// Whether the global `name` is a function (a constructor) here.
pub fn has_global(name: &str) -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name)).is_ok_and(|v| v.is_function())
}

/// `url` made absolute against the page's address (`location.href`; outside a page there is
/// none, and `url` must be absolute already), or `None` when it is not a URL.
pub fn absolute_url(url: &str) -> Option<String> {
    let location = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("location"));
    let base = match location {
        Ok(l) if l.is_object() => {
            js_sys::Reflect::get(&l, &JsValue::from_str("href")).unwrap_or(JsValue::UNDEFINED)
        }
        _ => JsValue::UNDEFINED,
    };
    Url::new(url, &base).ok().map(|u| u.href())
}

/// The absolute `url` with its `after` parameter set to `cursor` (replacing one it had).
pub fn with_after(url: &str, cursor: Option<&str>) -> String {
    match (cursor, Url::new(url, &JsValue::UNDEFINED)) {
        (Some(cursor), Ok(u)) => {
            u.search_params().set("after", cursor);
            u.href()
        }
        _ => url.to_string(),
    }
}

type Handler = Closure<dyn FnMut(JsValue)>;

/// Calls `then` once the promise settles: `Ok` with its value, `Err` with its rejection. Both
/// handlers are kept until one runs, which drops them both (wasm-bindgen frees a closure
/// dropped while it runs when its call returns).
pub fn settle(promise: &Pending, then: impl FnOnce(Result<JsValue, JsValue>) + 'static) {
    let handlers: Rc<RefCell<Option<(Handler, Handler)>>> = Rc::default();
    let then = Rc::new(RefCell::new(Some(then)));
    let handler = |ok: bool| {
        let (handlers, then) = (handlers.clone(), then.clone());
        Handler::new(move |value: JsValue| {
            let done = handlers.borrow_mut().take();
            let then = then.borrow_mut().take();
            if let Some(then) = then {
                then(if ok { Ok(value) } else { Err(value) });
            }
            drop(done);
        })
    };
    let (ok, err) = (handler(true), handler(false));
    promise.then(ok.as_ref(), err.as_ref());
    *handlers.borrow_mut() = Some((ok, err));
}
