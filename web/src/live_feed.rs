//! Following the market's live feed while the app is open and online (`linggong_ui::live`:
//! the packed feed from the journal's cursor, polled where the stream is refused), the
//! changes heard handed to the state in batches, and the journal saved beside the snapshot.

use std::cell::RefCell;
use std::rc::Rc;

use linggong_ui::live::Follower;
use yew::prelude::*;

use crate::data_source::{HttpNetwork, Network, PostError};
use crate::offline::JOURNAL_KEY;
use crate::state::{Action, AppContext, DataLoad};
use crate::storage::{Shelf, Store, sleep};

/// The feed, each change in its packed form (the app reads postings only as tiles), for
/// the tiles given after it.
const FEED_URL: &str = "/api/v1/feed?form=packed&tiles=";
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
    // change heard: the gigs' identity marks a load. Nothing to follow without a tile near.
    let loaded = match &state.data {
        DataLoad::Ready(gigs) if !gigs.tiles.is_empty() => Rc::as_ptr(gigs) as usize,
        _ => 0,
    };
    let base = state.journal.base.clone();
    let follow = (!base.is_empty() && state.online && loaded != 0).then_some((base, loaded));
    {
        let state = state.clone();
        use_effect_with(follow, move |follow| {
            let live = follow.as_ref().map(|_| follow_feed(state));
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

/// Follows the feed from the journal's cursor; what is heard is handed to the state in
/// batches; a 409 empties the kept journal and loads the snapshot again.
fn follow_feed(state: AppContext) -> Follower {
    let queued = Rc::new(RefCell::new(Heard::default()));
    let heard = {
        let state = state.clone();
        move |cursor: String, changes: Vec<String>| hand_over(&state, &queued, cursor, changes)
    };
    let restored = {
        let state = state.clone();
        move || {
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Another history of the market: what was heard belongs to the old one (an
                // empty journal is none).
                if let Some(store) = &state.store {
                    let _ = store
                        .put_all(Shelf::Cache, vec![(JOURNAL_KEY.to_string(), Vec::new())])
                        .await;
                }
                state.dispatch(Action::Reload);
            });
        }
    };
    // The app's own GET (no body, no token) polls the feed.
    let fetch = |url: String| async move {
        HttpNetwork
            .send_json("GET", &url, None, None)
            .await
            .map_err(|e| match e {
                PostError::Refused(status) => status,
                PostError::Unreachable => 0,
            })
    };
    // The tiles loaded: a change elsewhere is not sent (nor announced).
    let tiles = match &state.data {
        DataLoad::Ready(gigs) => gigs.tiles.join(","),
        _ => String::new(),
    };
    let feed = format!("{FEED_URL}{tiles}&after=");
    let cursor = state.journal.cursor.clone();
    Follower::open(&feed, cursor, POLL_MS, fetch, heard, restored)
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
