//! Following the market's live feed while the app is open and online: an `EventSource` on
//! the packed feed from the journal's cursor (after a cut the browser resumes it with
//! `Last-Event-ID`), polling the same feed where the stream is refused or missing (old
//! WebViews, proxies, a full server), and the journal saved beside the snapshot.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{EventSource, MessageEvent};
use yew::prelude::*;

use crate::data_source::{PostError, api_request};
use crate::offline::JOURNAL_KEY;
use crate::state::{Action, AppContext, DataLoad};
use crate::storage::{Shelf, Store, sleep};

/// The feed, each change in its packed form (the app reads postings only as tiles).
const FEED_URL: &str = "/api/v1/feed?form=packed&after=";
/// How often the feed is polled when the stream is down.
const POLL_MS: i32 = 30_000;
/// Changes arriving within this time are applied together (a reconnect after an hour
/// asleep brings hundreds at once).
const BATCH_MS: i32 = 100;

/// Follows the feed while the gigs come from a market server and the phone is online, and
/// saves the journal whenever it changes.
#[hook]
pub fn use_live_feed(state: AppContext) {
    // Opened again for each load (a new snapshot, or the same one after a 409), not for each
    // change heard: the gigs' identity marks a load.
    let loaded = match &state.data {
        DataLoad::Ready(gigs) => Rc::as_ptr(gigs) as usize,
        _ => 0,
    };
    let base = state.journal.base.clone();
    let follow = (!base.is_empty() && state.online).then_some((base, loaded));
    {
        let state = state.clone();
        use_effect_with(follow, move |follow| {
            let live = follow.as_ref().map(|_| Live::open(state));
            move || drop(live)
        });
    }
    let store = state.store.clone();
    use_effect_with(state.journal.clone(), move |journal| {
        if let (Some(store), false) = (store, journal.base.is_empty()) {
            let text = journal.to_text().into_bytes();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = store
                    .put_all(Shelf::Cache, vec![(JOURNAL_KEY.to_string(), text)])
                    .await;
            });
        }
    });
}

/// What was heard and not yet handed to the state, and the cursor after it.
#[derive(Default)]
struct Heard {
    cursor: String,
    changes: Vec<String>,
}

/// An open subscription; closed when dropped.
struct Live {
    source: Option<EventSource>,
    timer: i32,
    _on_change: Closure<dyn FnMut(MessageEvent)>,
    _on_tick: Closure<dyn FnMut()>,
}

impl Live {
    fn open(state: AppContext) -> Self {
        let cursor = Rc::new(RefCell::new(state.journal.cursor.clone()));
        let heard = Rc::new(RefCell::new(Heard::default()));
        let on_change = {
            let (state, cursor, heard) = (state.clone(), cursor.clone(), heard.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                if let Some(data) = e.data().as_string() {
                    *cursor.borrow_mut() = e.last_event_id();
                    hand_over(&state, &heard, e.last_event_id(), vec![data]);
                }
            })
        };
        let source = EventSource::new(&format!("{FEED_URL}{}", cursor.borrow())).ok();
        if let Some(source) = &source {
            let _ = source
                .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        }
        let on_tick = {
            let source = source.clone();
            Closure::<dyn FnMut()>::new(move || {
                if source
                    .as_ref()
                    .is_none_or(|s| s.ready_state() == EventSource::CLOSED)
                {
                    let (state, cursor, heard) = (state.clone(), cursor.clone(), heard.clone());
                    wasm_bindgen_futures::spawn_local(poll(state, cursor, heard));
                }
            })
        };
        let timer = web_sys::window().map_or(0, |w| {
            w.set_interval_with_callback_and_timeout_and_arguments_0(
                on_tick.as_ref().unchecked_ref(),
                POLL_MS,
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

impl Drop for Live {
    fn drop(&mut self) {
        if let Some(source) = &self.source {
            source.close();
        }
        if let Some(window) = web_sys::window() {
            window.clear_interval_with_handle(self.timer);
        }
    }
}

/// Queues changes for the state; the first of a batch hands them all over a moment later.
fn hand_over(state: &AppContext, heard: &Rc<RefCell<Heard>>, cursor: String, changes: Vec<String>) {
    let mut queued = heard.borrow_mut();
    let first = queued.changes.is_empty();
    queued.cursor = cursor;
    queued.changes.extend(changes);
    if first {
        let (state, heard) = (state.clone(), heard.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let _ = sleep(BATCH_MS).await;
            let batch = std::mem::take(&mut *heard.borrow_mut());
            state.dispatch(Action::Heard(batch.cursor, batch.changes));
        });
    }
}

/// A page of the packed feed, `{cursor, changes: [text…]}`, read by the browser's own JSON
/// parser (a serde reader for it measured 3 KB gzip of the download).
fn read_page(text: &str) -> Option<(String, Vec<String>)> {
    let page = js_sys::JSON::parse(text).ok()?;
    let field = |name: &str| js_sys::Reflect::get(&page, &name.into()).ok();
    let cursor = field("cursor")?.as_string()?;
    let changes = js_sys::Array::from(&field("changes")?);
    Some((
        cursor,
        changes.iter().filter_map(|c| c.as_string()).collect(),
    ))
}

/// One page of the feed from the cursor; a 409 (the market's data was restored since the
/// snapshot) loads the snapshot again.
async fn poll(state: AppContext, cursor: Rc<RefCell<String>>, heard: Rc<RefCell<Heard>>) {
    let url = format!("{FEED_URL}{}", cursor.borrow());
    match api_request("GET", &url, None, None).await {
        Ok(text) => {
            if let Some((next, changes)) = read_page(&text)
                && !changes.is_empty()
            {
                *cursor.borrow_mut() = next.clone();
                hand_over(&state, &heard, next, changes);
            }
        }
        Err(PostError::Refused(409)) => {
            // Another history of the market: what was heard belongs to the old one (an empty
            // journal is none).
            if let Some(store) = &state.store {
                let _ = store
                    .put_all(Shelf::Cache, vec![(JOURNAL_KEY.to_string(), Vec::new())])
                    .await;
            }
            state.dispatch(Action::Reload);
        }
        Err(_) => {}
    }
}
