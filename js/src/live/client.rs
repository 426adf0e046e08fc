//! Following the market's change feed (`subscribe`): an `EventSource` on `feed?after=CURSOR`
//! while it works, else polling the JSON feed, every change applied to the index as it comes.
//!
//! The faults and what each does:
//! - the stream breaks (network, server restart): it is closed, and after a backoff (about
//!   1 s, doubling to 30 s) the JSON feed is read from the last cursor until a page comes back
//!   empty, then a stream is opened from there. The browser's own reconnect is not used: the
//!   client's cursor decides where it resumes, and the catch-up read sees a 409 the stream hides;
//! - the stream is refused (an HTTP status, such as 503 `too_many_streams`) or fails before it
//!   opens three times in a row while the JSON feed answers: the client polls every 5 s, and
//!   tries a stream again after two quiet minutes;
//! - no `EventSource` (Node): it polls with `fetch`;
//! - 409 `cursor_ahead` (the market's data was restored), another 4xx, or an answer that is
//!   not a feed page: it stops and calls `onError` (`code`: `cursor_ahead`, `feed_refused`,
//!   `bad_feed`). A change the index cannot take is skipped and reported (`bad_change`);
//! - the index was freed: it stops.
//!
//! No borrow of the client or the index is held while a caller's callback runs, so a callback
//! may call `close()` or search the index.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::Function;
use linggong_core::{Error, FeedChange, FeedPage};
use wasm_bindgen::prelude::*;

use super::host::{self, EventSource, Response};
use super::{Outcome, apply};
use crate::convert::{field_error, js_error};

/// The client, shared by the handle and the callbacks in flight.
pub type Shared = Rc<RefCell<Client>>;

/// How often a polling client reads the feed when it is up to date.
const POLL_MS: f64 = 5000.0;
/// The longest wait before trying again after a failure.
const BACKOFF_MAX_MS: f64 = 30_000.0;
/// Streams failing before they open, in a row, before the client polls instead.
const STREAM_TRIES: u32 = 3;
/// Empty polls (two minutes) before a polling client tries a stream again.
const QUIET_POLLS: u32 = 24;

/// How the client follows the feed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// An `EventSource`, open or about to be reopened.
    Stream,
    /// Reading the JSON feed every few seconds.
    Poll,
    /// Stopped (`close()`, a fatal error, or the index is gone).
    Closed,
}

/// An open `EventSource` and its listeners; dropping it closes it.
#[derive(Debug)]
struct Stream {
    source: EventSource,
    opened: bool,
    _listeners: [Closure<dyn FnMut(JsValue)>; 3],
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// The one timer the client waits on (a backoff, the next poll); dropping it clears it, so a
/// closed client keeps nothing waiting (nor Node running).
#[derive(Debug)]
struct Timer {
    id: JsValue,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for Timer {
    fn drop(&mut self) {
        host::clear_timeout(&self.id);
    }
}

/// One subscription's state.
#[derive(Debug)]
pub struct Client {
    index: Weak<RefCell<linggong_core::GigIndex>>,
    feed_url: String,
    /// The cursor of the last change applied (`None`: the feed's start).
    pub cursor: Option<String>,
    on_change: Option<Function>,
    on_error: Option<Function>,
    /// How it follows the feed now.
    pub transport: Transport,
    stream: Option<Stream>,
    timer: Option<Timer>,
    can_stream: bool,
    can_poll: bool,
    failures: u32,
    unopened: u32,
    quiet_polls: u32,
}

impl Client {
    /// A client of the feed at `feed_url` (absolute) for `index`, from `after`.
    pub fn new(
        index: &Rc<RefCell<linggong_core::GigIndex>>,
        feed_url: String,
        after: Option<String>,
        on_change: Option<Function>,
        on_error: Option<Function>,
    ) -> Self {
        let can_stream = host::has_global("EventSource");
        Client {
            index: Rc::downgrade(index),
            feed_url,
            cursor: after,
            on_change,
            on_error,
            transport: if can_stream {
                Transport::Stream
            } else {
                Transport::Poll
            },
            stream: None,
            timer: None,
            can_stream,
            can_poll: host::has_global("fetch"),
            failures: 0,
            unopened: 0,
            quiet_polls: 0,
        }
    }

    fn url(&self) -> String {
        host::with_after(&self.feed_url, self.cursor.as_deref())
    }
}

/// Starts following the feed.
pub fn start(client: Client) -> Shared {
    let shared = Rc::new(RefCell::new(client));
    if shared.borrow().can_stream {
        open_stream(&shared);
    } else {
        poll(&shared);
    }
    shared
}

/// Stops: closes the stream, forgets the callbacks; answers in flight are ignored.
pub fn close(shared: &Shared) {
    let mut c = shared.borrow_mut();
    c.transport = Transport::Closed;
    c.stream = None;
    c.timer = None;
    c.on_change = None;
    c.on_error = None;
}

fn closed(shared: &Shared) -> bool {
    shared.borrow().transport == Transport::Closed
}

fn open_stream(shared: &Shared) {
    let url = shared.borrow().url();
    let Ok(source) = EventSource::new(&url) else {
        shared.borrow_mut().can_stream = false;
        return poll(shared);
    };
    let listen = |kind: &str, on: fn(&Shared, JsValue)| {
        let shared = shared.clone();
        let listener = Closure::<dyn FnMut(JsValue)>::new(move |event| on(&shared, event));
        source.add_event_listener(kind, listener.as_ref());
        listener
    };
    let listeners = [
        listen("open", on_open),
        listen("change", on_event),
        listen("error", on_stream_error),
    ];
    let mut c = shared.borrow_mut();
    c.transport = Transport::Stream;
    c.stream = Some(Stream {
        source,
        opened: false,
        _listeners: listeners,
    });
}

fn on_open(shared: &Shared, _: JsValue) {
    let mut c = shared.borrow_mut();
    if let Some(stream) = c.stream.as_mut() {
        stream.opened = true;
        c.failures = 0;
        c.unopened = 0;
    }
}

/// A `change` event: its `id` is the change's cursor, its data the change.
fn on_event(shared: &Shared, event: JsValue) {
    let text = |key: &str| {
        js_sys::Reflect::get(&event, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
    };
    let change = FeedChange::from_json(&text("data").unwrap_or_default());
    if let Some(id) = text("lastEventId").filter(|id| !id.is_empty()) {
        shared.borrow_mut().cursor = Some(id);
    }
    let cursor = shared.borrow().cursor.clone();
    deliver(shared, change, cursor.as_deref());
}

/// The stream broke or was refused: close it, catch up from the cursor, then reopen it.
fn on_stream_error(shared: &Shared, _: JsValue) {
    let mut c = shared.borrow_mut();
    let Some(stream) = c.stream.take() else {
        return;
    };
    if !stream.opened {
        // Closed without opening is an HTTP refusal (503): the browser would not retry it.
        let refused = stream.source.ready_state() == 2;
        c.unopened = if refused {
            STREAM_TRIES
        } else {
            c.unopened + 1
        };
    }
    drop(stream);
    c.failures += 1;
    let (delay, then): (f64, fn(&Shared)) = if c.can_poll {
        (backoff(c.failures), poll)
    } else {
        (backoff(c.failures), open_stream)
    };
    drop(c);
    later(shared, delay, then);
}

fn backoff(failures: u32) -> f64 {
    let ms = (1000.0 * 2f64.powi(failures.saturating_sub(1).min(10) as i32)).min(BACKOFF_MAX_MS);
    ms * (0.5 + js_sys::Math::random() / 2.0)
}

/// Runs `then` after `ms` (unless the client is closed first).
fn later(shared: &Shared, ms: f64, then: fn(&Shared)) {
    let client = shared.clone();
    let callback = Closure::<dyn FnMut()>::once(move || {
        // Taken before `then` may set the next one; freed when this call returns.
        let done = client.borrow_mut().timer.take();
        then(&client);
        drop(done);
    });
    let id = host::set_timeout(callback.as_ref(), ms);
    shared.borrow_mut().timer = Some(Timer {
        id,
        _callback: callback,
    });
}

/// Reads one page of the JSON feed after the cursor.
fn poll(shared: &Shared) {
    let url = shared.borrow().url();
    let init = js_sys::JSON::parse(r#"{"headers": {"accept": "application/json"}}"#)
        .unwrap_or(JsValue::UNDEFINED);
    let shared = shared.clone();
    host::settle(&host::fetch(&url, &init), move |answer| {
        if !closed(&shared) {
            answered(&shared, answer);
        }
    });
}

fn answered(shared: &Shared, answer: Result<JsValue, JsValue>) {
    let Ok(response) = answer.map(|v| v.unchecked_into::<Response>()) else {
        return retry(shared);
    };
    match response.status() {
        200 => {
            let shared = shared.clone();
            host::settle(&response.text(), move |body| match body {
                _ if closed(&shared) => {}
                Ok(text) => read_page(&shared, &text.as_string().unwrap_or_default()),
                Err(_) => retry(&shared),
            });
        }
        409 => {
            let cursor = shared.borrow().cursor.clone().unwrap_or_default();
            let message = format!(
                "subscribe: the market's feed does not reach cursor {cursor} (its data was \
                 restored): load the snapshot again and subscribe from its feed_cursor"
            );
            fail(shared, "cursor_ahead", js_error(message));
        }
        429 | 500.. => retry(shared),
        status => {
            let message = format!("subscribe: the feed answered HTTP {status}");
            fail(shared, "feed_refused", js_error(message));
        }
    }
}

fn retry(shared: &Shared) {
    let failures = {
        let mut c = shared.borrow_mut();
        c.failures += 1;
        c.failures
    };
    later(shared, backoff(failures), poll);
}

/// Applies a page's changes; reads the next page at once if there were any, else goes idle.
fn read_page(shared: &Shared, text: &str) {
    let page = match FeedPage::from_json(text) {
        Ok(page) => page,
        Err(e) => return fail(shared, "bad_feed", field_error(&"subscribe: feed page", e)),
    };
    shared.borrow_mut().failures = 0;
    let more = !page.changes.is_empty();
    for change in page.changes {
        if !deliver(shared, Ok(change), Some(&page.cursor)) {
            return;
        }
    }
    shared.borrow_mut().cursor = Some(page.cursor);
    if more { poll(shared) } else { idle(shared) }
}

/// Up to date: open a stream if it is time to, else poll again in a while.
fn idle(shared: &Shared) {
    let mut c = shared.borrow_mut();
    let stream = c.can_stream
        && match c.transport {
            Transport::Stream => c.unopened < STREAM_TRIES,
            _ => {
                c.quiet_polls += 1;
                c.quiet_polls >= QUIET_POLLS
            }
        };
    if stream {
        c.quiet_polls = 0;
        c.unopened = c.unopened.min(STREAM_TRIES - 1);
        drop(c);
        open_stream(shared);
    } else {
        c.transport = Transport::Poll;
        drop(c);
        later(shared, POLL_MS, poll);
    }
}

/// Applies a change and tells the caller; false when the client has stopped.
fn deliver(shared: &Shared, change: Result<FeedChange, Error>, cursor: Option<&str>) -> bool {
    let Some(index) = shared.borrow().index.upgrade() else {
        close(shared);
        return false;
    };
    let applied = change
        .map_err(|e| field_error(&"subscribe: change", e))
        .and_then(|c| apply(&index, c).map_err(|e| field_error(&"subscribe: change.posting", e)));
    drop(index);
    match applied {
        Ok(outcome) => changed(shared, &outcome, cursor),
        Err(error) => report(shared, "bad_change", error),
    }
    !closed(shared)
}

fn changed(shared: &Shared, outcome: &Outcome, cursor: Option<&str>) {
    let Some(on_change) = shared.borrow().on_change.clone() else {
        return;
    };
    let event = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&event, &JsValue::from_str(key), &value);
    };
    set("op", outcome.op.into());
    set("id", JsValue::from_str(&outcome.id));
    set("applied", outcome.applied.into());
    set(
        "cursor",
        cursor.map_or(JsValue::UNDEFINED, JsValue::from_str),
    );
    if let Err(thrown) = on_change.call1(&JsValue::UNDEFINED, &event) {
        host::console_error(&thrown);
    }
}

/// Stops and tells the caller why.
fn fail(shared: &Shared, code: &str, error: JsValue) {
    let on_error = shared.borrow().on_error.clone();
    close(shared);
    call_on_error(on_error, code, error);
}

/// Tells the caller of a fault the client goes on after.
fn report(shared: &Shared, code: &str, error: JsValue) {
    let on_error = shared.borrow().on_error.clone();
    call_on_error(on_error, code, error);
}

fn call_on_error(on_error: Option<Function>, code: &str, error: JsValue) {
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    let Some(on_error) = on_error else {
        return host::console_error(&error);
    };
    if let Err(thrown) = on_error.call1(&JsValue::UNDEFINED, &error) {
        host::console_error(&thrown);
    }
}
