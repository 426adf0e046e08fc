//! The market's change feed on the JS `GigIndex`: `applyChange` applies one change,
//! `subscribe` follows the feed and applies every change as it comes (`live/client.rs`).
//! Changes are read by core's `FeedChange` and applied by its `apply_to`, which is idempotent:
//! a change read twice (after a reconnect) leaves the index as once.

mod client;
mod host;

use std::cell::RefCell;

use linggong_core::{Applied, Error, FeedChange};
use wasm_bindgen::prelude::*;

use crate::args::{self, Field};
use crate::convert::{change_from_js, field_error, js_error};
use crate::index::GigIndex;
use crate::options::Options;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** One change of the market's feed (`GET /api/v1/feed`), as JSON text or parsed. */
export type FeedChange =
  | { op: "upsert"; posting: Posting }
  | { op: "remove"; id: string; reason: "withdrawn" | "taken_down" | "filled" | "expired" | string };
/** What a change did to the index. */
export type Applied = "added" | "replaced" | "removed" | "unchanged";
export interface FeedEvent {
  op: "upsert" | "remove"; id: string; applied: Applied;
  /** The feed's cursor after this change (a polled page's cursor for each of its changes). */ cursor?: string;
}
/** `cursor_ahead`, `feed_refused` and `bad_feed` stop the subscription; `bad_change` skips one change. */
export interface FeedError extends Error { code: "cursor_ahead" | "feed_refused" | "bad_feed" | "bad_change" }
export interface SubscribeOptions {
  /** Follow from this cursor: the snapshot manifest's `feed_cursor`. Left out, the whole feed is replayed. */ after?: string;
  /** After each change is applied. */ onChange?: (event: FeedEvent) => void;
  /** On a change the index cannot take, or when the subscription stops on a fault. */ onError?: (error: FeedError) => void;
}
"#;

/// What applying one change did, as `onChange` reports it.
#[derive(Debug)]
struct Outcome {
    op: &'static str,
    id: String,
    applied: &'static str,
}

/// Applies `change` to `index`: the error is the one applying it gave (a posting that cannot
/// be placed, whose older version is taken out).
fn apply(index: &RefCell<linggong_core::GigIndex>, change: FeedChange) -> Result<Outcome, Error> {
    let op = match change {
        FeedChange::Upsert { .. } => "upsert",
        FeedChange::Remove { .. } => "remove",
    };
    let id = change.id().to_string();
    let applied = match change.apply_to(&mut index.borrow_mut())? {
        Applied::Added => "added",
        Applied::Replaced => "replaced",
        Applied::Removed => "removed",
        Applied::Unchanged => "unchanged",
    };
    Ok(Outcome { op, id, applied })
}

/// Following the feed, while this handle lives: `close()` stops it, and so do `free()` and the
/// handle being collected (keep it as long as the index should follow the feed), a fatal
/// fault, and the index being freed.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Subscription {
    client: client::Shared,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        client::close(&self.client);
    }
}

#[wasm_bindgen]
impl Subscription {
    /// Stops following the feed: closes the stream, forgets the callbacks.
    pub fn close(&self) {
        client::close(&self.client);
    }

    /// The cursor of the last change applied (the one given as `after` until one is).
    #[wasm_bindgen(getter)]
    pub fn cursor(&self) -> Option<String> {
        self.client.borrow().cursor.clone()
    }

    /// How it follows the feed now: `"eventsource"`, `"polling"` or `"closed"`.
    #[wasm_bindgen(
        getter,
        unchecked_return_type = "\"eventsource\" | \"polling\" | \"closed\""
    )]
    pub fn transport(&self) -> String {
        match self.client.borrow().transport {
            client::Transport::Stream => "eventsource",
            client::Transport::Poll => "polling",
            client::Transport::Closed => "closed",
        }
        .to_string()
    }
}

#[wasm_bindgen]
impl GigIndex {
    /// Applies one change of the market's feed (its JSON text, or the object): an upsert adds
    /// or replaces the posting, a remove takes it out. Returns `"added"`, `"replaced"`,
    /// `"removed"` or `"unchanged"` (the removal of a posting it does not hold). Idempotent.
    /// Throws on a malformed change, naming the field; an upsert whose posting cannot be placed
    /// throws after taking out the older version.
    #[wasm_bindgen(js_name = applyChange, unchecked_return_type = "Applied")]
    pub fn apply_change(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | FeedChange")] change: JsValue,
    ) -> Result<String, JsValue> {
        let name = "applyChange: change";
        let change = change_from_js(&change, &name)?;
        let outcome =
            apply(&self.inner, change).map_err(|e| field_error(&Field(&name, "posting"), e))?;
        Ok(outcome.applied.to_string())
    }

    /// Keeps the index current with the market's feed at `feedUrl` (`/api/v1/feed`), from
    /// `options.after` (the snapshot's `feed_cursor`): an `EventSource` where there is one,
    /// else polling with `fetch`. Throws if the URL is not one, or if there is neither.
    pub fn subscribe(
        &self,
        #[wasm_bindgen(js_name = feedUrl, unchecked_param_type = "string")] feed_url: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SubscribeOptions")] options: JsValue,
    ) -> Result<Subscription, JsValue> {
        let url = args::string(&feed_url, &"subscribe: feedUrl")?;
        let o = Options::optional(
            &options,
            "subscribe: options",
            &["after", "onChange", "onError"],
        )?;
        let after = o.optional_field("after", args::string)?;
        let on_change = o.optional_field("onChange", args::function)?;
        let on_error = o.optional_field("onError", args::function)?;
        let url = host::absolute_url(&url).ok_or_else(|| {
            args::wrong(
                &"subscribe: feedUrl",
                "must be a URL (an absolute one outside a web page)",
                &feed_url,
            )
        })?;
        if !host::has_global("EventSource") && !host::has_global("fetch") {
            return Err(js_error(
                "subscribe needs EventSource or fetch, and here is neither",
            ));
        }
        let client = client::Client::new(&self.inner, url, after, on_change, on_error);
        Ok(Subscription {
            client: client::start(client),
        })
    }
}
