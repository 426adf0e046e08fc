//! The live feed: `GET /api/v1/feed` with `Accept: text/event-stream` stays open and sends each
//! change as a Server-Sent Event whose `id` is its cursor, so a client that reconnects with
//! `Last-Event-ID` (or `after=`) misses nothing. The database is the truth: one task per
//! process watches the feed's head (several processes on one PostgreSQL each see every
//! change) and wakes the open streams, which read what came after their own cursor.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use tokio::sync::watch;

use crate::store::{FeedView, MarketStore};

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
    view: FeedView,
    head: watch::Receiver<i64>,
    pending: VecDeque<(i64, String)>,
    /// Held while the stream is open; given back when the client goes.
    _slot: StreamSlot,
}

/// One of the process's live streams; counted while it lives.
#[derive(Debug)]
pub struct StreamSlot(Arc<AtomicUsize>);

impl StreamSlot {
    /// A slot of `open` when fewer than `max` are taken.
    pub fn take(open: &Arc<AtomicUsize>, max: usize) -> Option<Self> {
        open.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
            (n < max).then_some(n + 1)
        })
        .ok()
        .map(|_| Self(open.clone()))
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The events after `cursor`, then each new one as it comes, as `view` asks for them.
pub fn stream<S: MarketStore>(
    store: S,
    cursor: i64,
    view: FeedView,
    head: watch::Receiver<i64>,
    slot: StreamSlot,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let start = Subscriber {
        store,
        cursor,
        view,
        head,
        pending: VecDeque::new(),
        _slot: slot,
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
            match s.store.feed_changes(s.cursor, BATCH, &s.view).await {
                Ok(slice) if slice.cursor > s.cursor => {
                    // Past the changes the view left out too.
                    s.cursor = slice.cursor;
                    s.pending.extend(slice.changes);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_run_out_at_the_cap_and_come_back_when_a_stream_ends() {
        let open = Arc::new(AtomicUsize::new(0));
        let first = StreamSlot::take(&open, 2).unwrap();
        let _second = StreamSlot::take(&open, 2).unwrap();
        assert!(StreamSlot::take(&open, 2).is_none());
        drop(first);
        assert!(StreamSlot::take(&open, 2).is_some());
        assert_eq!(open.load(Ordering::Acquire), 1, "the third went as it came");
    }
}
