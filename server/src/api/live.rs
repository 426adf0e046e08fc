//! The live feed: `GET /api/v1/feed` with `Accept: text/event-stream` stays open and sends each
//! change as a Server-Sent Event whose `id` is its cursor, so a client that reconnects with
//! `Last-Event-ID` (or `after=`) misses nothing. The database is the truth: one task per
//! process watches the feed's head (several processes on one PostgreSQL each see every
//! change) and wakes the open streams, which read what came after their own cursor.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;

use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use tokio::sync::watch;

use crate::store::MarketStore;

/// How often the head of the feed is read: the most a change waits before it is sent.
const POLL: Duration = Duration::from_millis(250);
/// How often a quiet stream sends a comment, so proxies keep it open.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// Changes read at a time for one stream.
const BATCH: i64 = 500;

/// Watches the feed's head for the whole process; the open streams wait on it.
pub fn watch_head<S: MarketStore>(store: S) -> watch::Receiver<i64> {
    let (tx, rx) = watch::channel(0);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(POLL);
        loop {
            tick.tick().await;
            match store.latest_cursor().await {
                Ok(head) => {
                    tx.send_if_modified(|seen| {
                        let newer = head > *seen;
                        *seen = head.max(*seen);
                        newer
                    });
                }
                Err(e) => eprintln!("linggong-server: reading the feed's head failed: {e}"),
            }
            if tx.is_closed() {
                // Nobody can subscribe any more (the server's state was dropped).
                return;
            }
        }
    });
    rx
}

/// Where a stream starts: `Last-Event-ID` when the browser reconnects, else `after`.
pub fn start_cursor(headers: &HeaderMap, after: i64) -> i64 {
    headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|n| *n >= 0)
        .unwrap_or(after)
}

struct Subscriber<S> {
    store: S,
    cursor: i64,
    head: watch::Receiver<i64>,
    pending: VecDeque<(i64, String)>,
}

/// The events after `cursor`, then each new one as it comes.
pub fn stream<S: MarketStore>(
    store: S,
    cursor: i64,
    head: watch::Receiver<i64>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let start = Subscriber {
        store,
        cursor,
        head,
        pending: VecDeque::new(),
    };
    let events = stream::unfold(start, |mut s| async move {
        loop {
            if let Some((seq, change)) = s.pending.pop_front() {
                let event = Event::default()
                    .id(seq.to_string())
                    .event("change")
                    .data(change);
                return Some((Ok(event), s));
            }
            match s.store.feed_changes(s.cursor, BATCH).await {
                Ok(changes) if !changes.is_empty() => {
                    s.cursor = changes.last().map_or(s.cursor, |(seq, _)| *seq);
                    s.pending.extend(changes);
                    continue;
                }
                Ok(_) => {}
                Err(e) => eprintln!("linggong-server: reading the feed failed: {e}"),
            }
            // Up to date: wait for the head to move (the process's watcher wakes us).
            if s.head.changed().await.is_err() {
                return None;
            }
        }
    });
    Sse::new(events).keep_alive(KeepAlive::new().interval(HEARTBEAT).text("heartbeat"))
}
