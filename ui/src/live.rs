//! Following the market's live feed from a browser, for both apps (the seeker's list and the
//! desk's hall screen): an `EventSource` on the feed from a cursor (after a cut the browser
//! resumes it with `Last-Event-ID`), and, while the stream is refused or missing (a full
//! server's 503, a proxy), the same feed polled as JSON pages. What a change means is the
//! caller's: it gets each change's text. Both apps ask for the packed form (`?form=packed`),
//! a string a change, and read postings only in the tile codec.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{EventSource, MessageEvent};

/// An open subscription; closed when dropped.
pub struct Follower {
    source: Option<EventSource>,
    timer: i32,
    _on_change: Closure<dyn FnMut(MessageEvent)>,
    _on_tick: Closure<dyn FnMut()>,
}

impl Follower {
    /// Follows `feed` (a feed URL ending in `after=`) from `cursor`. Each change heard goes to
    /// `heard(cursor after it, [its text])`. While the stream is down the feed is polled every
    /// `poll_ms` with `fetch`, the app's own GET (the body, or the status when not 2xx, 0 for no
    /// answer: each app has one, and a second copy of the fetch code would cost the download),
    /// a page's changes going to `heard` at once; `restored` runs when the feed answers 409 (the
    /// market's data was restored since the cursor: the caller starts again from the snapshot).
    pub fn open<F, A, H, R>(
        feed: &str,
        cursor: String,
        poll_ms: i32,
        fetch: F,
        heard: H,
        restored: R,
    ) -> Self
    where
        F: Fn(String) -> A + 'static,
        A: Future<Output = Result<String, u16>> + 'static,
        H: Fn(String, Vec<String>) + 'static,
        R: Fn() + 'static,
    {
        let (heard, restored) = (Rc::new(heard), Rc::new(restored));
        let cursor = Rc::new(RefCell::new(cursor));
        let on_change = {
            let (cursor, heard) = (cursor.clone(), heard.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                if let Some(data) = e.data().as_string() {
                    *cursor.borrow_mut() = e.last_event_id();
                    heard(e.last_event_id(), vec![data]);
                }
            })
        };
        let source = EventSource::new(&format!("{feed}{}", cursor.borrow())).ok();
        if let Some(source) = &source {
            let _ = source
                .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        }
        let on_tick = {
            let (source, feed) = (source.clone(), feed.to_string());
            Closure::<dyn FnMut()>::new(move || {
                if source
                    .as_ref()
                    .is_none_or(|s| s.ready_state() == EventSource::CLOSED)
                {
                    let url = format!("{feed}{}", cursor.borrow());
                    let (cursor, heard, restored) =
                        (cursor.clone(), heard.clone(), restored.clone());
                    let answer = fetch(url);
                    wasm_bindgen_futures::spawn_local(async move {
                        match answer.await.map(|text: String| page(&text)) {
                            Ok(Some((next, changes))) if !changes.is_empty() => {
                                *cursor.borrow_mut() = next.clone();
                                heard(next, changes);
                            }
                            Err(409) => restored(),
                            _ => {}
                        }
                    });
                }
            })
        };
        let timer = web_sys::window().map_or(0, |w| {
            w.set_interval_with_callback_and_timeout_and_arguments_0(
                on_tick.as_ref().unchecked_ref(),
                poll_ms,
            )
            .unwrap_or(0)
        });
        Self {
            source,
            timer,
            _on_change: on_change,
            _on_tick: on_tick,
        }
    }
}

impl std::fmt::Debug for Follower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Follower")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        if let Some(source) = &self.source {
            source.close();
        }
        if let Some(window) = web_sys::window() {
            window.clear_interval_with_handle(self.timer);
        }
    }
}

/// A page of the feed, `{cursor, changes: [text…]}`, read by the browser's own JSON parser
/// (a serde reader for it would cost the app's download more).
fn page(text: &str) -> Option<(String, Vec<String>)> {
    let page = js_sys::JSON::parse(text).ok()?;
    let field = |name: &str| js_sys::Reflect::get(&page, &name.into()).ok();
    let cursor = field("cursor")?.as_string()?;
    let changes = js_sys::Array::from(&field("changes")?);
    Some((
        cursor,
        changes.iter().filter_map(|c| c.as_string()).collect(),
    ))
}
