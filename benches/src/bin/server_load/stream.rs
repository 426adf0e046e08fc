//! `stream`: the live feed under many subscribers. `--subscribers` Server-Sent Event streams
//! (`GET /api/v1/feed` with `Accept: text/event-stream`) are opened from the feed's head, as
//! phones do after loading the snapshot (its manifest's cursor); then `--postings` clean demo
//! postings are published one at a time as the demo employer, `--interval-ms` apart, each
//! answered 201 `published`. For every (posting, subscriber) pair: the time from the
//! publication's 201 to the event's arrival, and whether it came once, twice or never. With
//! `--pid`, the server's VmRSS before the streams open and with them open gives the memory of
//! one stream.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use linggong_benches::{Fail, Opts, put};
use linggong_server::DEMO_EMPLOYER;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use serde_json::Value;
use tokio::sync::mpsc;

use super::{Row, clean, cpu, demo_postings, fixed, manifest, num, quantile, signed_in};

/// Streams opened at once (the rest wait), so the server's accept queue never overflows.
const OPEN_AT_ONCE: usize = 50;
/// How long every subscriber may take to receive the last posting after its publication.
const DELIVERY_DEADLINE: Duration = Duration::from_secs(30);
/// How long to keep listening after everything arrived, for anything sent twice.
const GRACE: Duration = Duration::from_secs(1);

/// One event as a subscriber received it.
#[derive(Debug)]
struct Arrival {
    subscriber: usize,
    cursor: i64,
    posting: String,
    at: Instant,
}

/// What the subscribers share: where arrivals go, and counts.
#[derive(Debug)]
struct Hub {
    arrivals: mpsc::UnboundedSender<Arrival>,
    received: AtomicUsize,
    /// Streams that ended (or failed) before the benchmark closed them.
    dropped: AtomicUsize,
}

/// The server's resident memory (kB), from /proc.
fn rss_kb(pid: u32) -> Result<u64, Fail> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| format!("no VmRSS in /proc/{pid}/status").into())
}

/// The complete events at the front of `buffer` (taken off it): their id and data.
fn take_events(buffer: &mut String) -> Vec<(i64, String)> {
    let mut events = Vec::new();
    while let Some(end) = buffer.find("\n\n") {
        let block: String = buffer.drain(..end + 2).collect();
        let field = |name: &str| block.lines().find_map(|l| l.strip_prefix(name));
        if let (Some(id), Some(data)) = (field("id:"), field("data:")) {
            let cursor = id.trim().parse().unwrap_or(-1);
            events.push((cursor, data.trim_start().to_string()));
        }
    }
    events
}

/// The posting an upsert carries ("" for anything else).
fn posting_id(data: &str) -> String {
    serde_json::from_str::<Value>(data)
        .ok()
        .and_then(|v| v["posting"]["id"].as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Opens one stream from `head`; a refusal (503 `too_many_streams`: raise `--max-streams`)
/// is an error.
async fn open(
    client: reqwest::Client,
    url: Arc<str>,
    head: i64,
) -> Result<reqwest::Response, Fail> {
    let resp = client
        .get(format!("{url}/api/v1/feed?after={head}"))
        .header(ACCEPT, "text/event-stream")
        .send()
        .await?;
    if resp.status() != StatusCode::OK {
        return Err(format!("a stream refused: {} {}", resp.status(), resp.text().await?).into());
    }
    Ok(resp)
}

/// One subscriber: every event it reads, stamped when its chunk came in.
async fn listen(mut resp: reqwest::Response, subscriber: usize, hub: Arc<Hub>) {
    let mut buffer = String::new();
    loop {
        let chunk = match resp.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) | Err(_) => {
                hub.dropped.fetch_add(1, Ordering::Relaxed);
                return;
            }
        };
        let at = Instant::now();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        for (cursor, data) in take_events(&mut buffer) {
            let posting = posting_id(&data);
            hub.received.fetch_add(1, Ordering::Relaxed);
            let arrival = Arrival {
                subscriber,
                cursor,
                posting,
                at,
            };
            if hub.arrivals.send(arrival).is_err() {
                return;
            }
        }
    }
}

/// Opens `n` streams, `OPEN_AT_ONCE` at a time, each read by a task of its own.
async fn subscribe_all(
    url: &str,
    head: i64,
    n: usize,
    hub: &Arc<Hub>,
) -> Result<Vec<tokio::task::JoinHandle<()>>, Fail> {
    // No overall timeout: a stream stays open for the whole run.
    let client = reqwest::Client::builder()
        .no_proxy()
        .connect_timeout(Duration::from_secs(10))
        .build()?;
    let url: Arc<str> = url.into();
    let mut tasks = Vec::with_capacity(n);
    for first in (0..n).step_by(OPEN_AT_ONCE) {
        let mut opening = tokio::task::JoinSet::new();
        for subscriber in first..n.min(first + OPEN_AT_ONCE) {
            let task = open(client.clone(), url.clone(), head);
            opening.spawn(async move { (subscriber, task.await.map_err(|e| e.to_string())) });
        }
        while let Some(opened) = opening.join_next().await {
            let (subscriber, resp) = opened?;
            tasks.push(tokio::spawn(listen(resp?, subscriber, hub.clone())));
        }
    }
    Ok(tasks)
}

/// Publishes each body in turn, `interval` apart: the posting's id and when its 201 came.
async fn publish(
    client: &reqwest::Client,
    url: &str,
    bodies: &[(String, String)],
    interval: Duration,
) -> Result<Vec<(String, Instant)>, Fail> {
    let mut published = Vec::with_capacity(bodies.len());
    for (id, body) in bodies {
        let resp = client
            .post(format!("{url}/api/v1/postings"))
            .header(CONTENT_TYPE, "application/json")
            .body(body.clone())
            .send()
            .await?;
        let at = Instant::now();
        let status = resp.status();
        let text = resp.text().await?;
        let state = serde_json::from_str::<Value>(&text).ok();
        let state = state.as_ref().and_then(|v| v["status"].as_str());
        if status != StatusCode::CREATED || state != Some("published") {
            return Err(format!("posting {id}: {status} {text} (not published at once)").into());
        }
        published.push((id.clone(), at));
        tokio::time::sleep(interval).await;
    }
    Ok(published)
}

/// Waits until `expected` events arrived, the deadline passed, or every stream is gone; then
/// listens `GRACE` longer for repeats.
async fn await_delivery(hub: &Hub, expected: usize, streams: usize) {
    let deadline = tokio::time::Instant::now() + DELIVERY_DEADLINE;
    while hub.received.load(Ordering::Relaxed) < expected
        && hub.dropped.load(Ordering::Relaxed) < streams
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(GRACE).await;
}

/// What the subscribers received, per (posting, subscriber) pair.
#[derive(Debug, Default)]
struct Outcome {
    /// ms from each pair's 201 to its first arrival, sorted.
    latencies: Vec<f64>,
    missed: usize,
    twice: usize,
    /// First arrivals that came before the publisher read its 201 (counted as 0 ms).
    early: usize,
    /// Events of postings this run did not publish, and events out of cursor order.
    other: usize,
    out_of_order: usize,
}

fn tally(published: &[(String, Instant)], arrivals: &[Arrival], subscribers: usize) -> Outcome {
    let index: HashMap<&str, usize> = published
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let mut first: Vec<Option<Instant>> = vec![None; published.len() * subscribers];
    let mut last_cursor = vec![i64::MIN; subscribers];
    let mut o = Outcome::default();
    for a in arrivals {
        if a.cursor <= last_cursor[a.subscriber] {
            o.out_of_order += 1;
        }
        last_cursor[a.subscriber] = last_cursor[a.subscriber].max(a.cursor);
        let Some(&p) = index.get(a.posting.as_str()) else {
            o.other += 1;
            continue;
        };
        match &mut first[p * subscribers + a.subscriber] {
            Some(_) => o.twice += 1,
            slot => *slot = Some(a.at),
        }
    }
    for (pair, at) in first.iter().enumerate() {
        let Some(at) = at else {
            o.missed += 1;
            continue;
        };
        let sent = published[pair / subscribers].1;
        o.early += usize::from(*at < sent);
        o.latencies
            .push(at.saturating_duration_since(sent).as_secs_f64() * 1000.0);
    }
    o.latencies.sort_by(f64::total_cmp);
    o
}

/// `count` clean demo postings (published at once: the audit finds nothing) as (id, JSON).
fn clean_bodies(o: &Opts, count: usize) -> Result<Vec<(String, String)>, Fail> {
    let now = o.now()?;
    let seed: u64 = o.number("seed", 5)?;
    demo_postings(seed, count * 2 + 50, now, "bench-stream")
        .into_iter()
        .filter(|p| clean(p, now))
        .take(count)
        .map(|p| Ok((p.id.clone(), serde_json::to_string(&p)?)))
        .collect()
}

/// `stream`: see the module's comment. Prints `stream_*` figures.
pub async fn stream(o: &Opts) -> Result<(), Fail> {
    let url = o.url()?;
    let subscribers: usize = o.number("subscribers", 1000)?;
    let count: usize = o.number("postings", 100)?;
    let interval = Duration::from_millis(o.number("interval-ms", 100)?);
    let pid: Option<u32> = o.optional("pid")?;
    let bodies = clean_bodies(o, count)?;
    let publisher = signed_in(&url, DEMO_EMPLOYER).await?;
    // The feed's head, as a phone finds it: the cursor of the snapshot made now.
    let head: i64 = manifest(&publisher, &url)
        .await?
        .feed_cursor
        .ok_or("the manifest has no feed cursor")?
        .parse()?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let rss_before = pid.map(rss_kb).transpose()?;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let hub = Arc::new(Hub {
        arrivals: tx,
        received: AtomicUsize::new(0),
        dropped: AtomicUsize::new(0),
    });
    let t = Instant::now();
    let tasks = subscribe_all(&url, head, subscribers, &hub).await?;
    put("stream_open_ms", format!("{:.0}", super::ms_since(t)));
    tokio::time::sleep(Duration::from_secs(1)).await;
    let rss_open = pid.map(rss_kb).transpose()?;
    let published = publish(&publisher, &url, &bodies, interval).await?;
    await_delivery(&hub, bodies.len() * subscribers, subscribers).await;
    let rss_after = pid.map(rss_kb).transpose()?;
    let dropped = hub.dropped.load(Ordering::Relaxed);
    for task in &tasks {
        task.abort();
    }
    drop(hub);
    let mut arrivals = Vec::new();
    while let Some(a) = rx.recv().await {
        arrivals.push(a);
    }
    let outcome = tally(&published, &arrivals, subscribers);
    put("stream_subscribers", subscribers);
    put("stream_postings", published.len());
    put("stream_interval_ms", interval.as_millis());
    put("stream_dropped", dropped);
    report(&outcome);
    memory(subscribers, rss_before, rss_open, rss_after);
    Ok(())
}

fn report(o: &Outcome) {
    put("stream_pairs", o.latencies.len() + o.missed);
    put("stream_missed", o.missed);
    put("stream_twice", o.twice);
    put("stream_early", o.early);
    put("stream_other", o.other);
    put("stream_out_of_order", o.out_of_order);
    for (name, q) in [("p50", 0.5), ("p99", 0.99), ("max", 1.0)] {
        put(
            &format!("stream_{name}_ms"),
            format!("{:.1}", quantile(&o.latencies, q)),
        );
    }
}

fn memory(streams: usize, before: Option<u64>, open: Option<u64>, after: Option<u64>) {
    let (Some(before), Some(open), Some(after)) = (before, open, after) else {
        return;
    };
    put("stream_rss_before_kb", before);
    put("stream_rss_open_kb", open);
    put("stream_rss_after_kb", after);
    let per = |kb: u64| format!("{:.1}", kb.saturating_sub(before) as f64 / streams as f64);
    put("stream_kb_per_stream", per(open));
    put("stream_kb_per_stream_after", per(after));
}

/// The table's rows for `stream`.
pub fn rows() -> Vec<Row> {
    let mut rows = delivery_rows();
    rows.extend(cost_rows());
    rows
}

/// How fast and how completely the changes reached the subscribers.
fn delivery_rows() -> Vec<Row> {
    vec![
        Row {
            measure: "live feed, SSE subscribers: publication's 201 → arrival at every subscriber, p50 / p99 / max (ms)",
            cell: |kv| {
                Some(format!(
                    "{} / {} / {}",
                    fixed(kv, "stream_p50_ms", 0)?,
                    fixed(kv, "stream_p99_ms", 0)?,
                    fixed(kv, "stream_max_ms", 0)?
                ))
            },
            goal: "p99 ≤ 1,000",
            met: Some(|kv| num(kv, "stream_p99_ms").map(|v| v <= 1000.0)),
        },
        Row {
            measure: "… (posting, subscriber) pairs missed / received twice, of",
            cell: |kv| {
                Some(format!(
                    "{} / {}, of {}",
                    kv.get("stream_missed")?,
                    kv.get("stream_twice")?,
                    kv.get("stream_pairs")?
                ))
            },
            goal: "0 / 0",
            met: Some(|kv| {
                Some(num(kv, "stream_missed")? == 0.0 && num(kv, "stream_twice")? == 0.0)
            }),
        },
        Row {
            measure: "… subscribers; postings published one at a time, ms apart",
            cell: |kv| {
                Some(format!(
                    "{}; {}, {}",
                    kv.get("stream_subscribers")?,
                    kv.get("stream_postings")?,
                    kv.get("stream_interval_ms")?
                ))
            },
            goal: "",
            met: None,
        },
    ]
}

/// What the open streams cost the server.
fn cost_rows() -> Vec<Row> {
    vec![
        Row {
            measure: "… server memory per open stream, VmRSS open − before ÷ streams (KB)",
            cell: |kv| fixed(kv, "stream_kb_per_stream", 1),
            goal: "≤ 64",
            met: Some(|kv| num(kv, "stream_kb_per_stream").map(|v| v <= 64.0)),
        },
        Row {
            measure: "… the same after the postings were delivered (KB)",
            cell: |kv| fixed(kv, "stream_kb_per_stream_after", 1),
            goal: "",
            met: None,
        },
        Row {
            measure: "… CPU of all cores during the run: server / database / idle / the rest (%)",
            cell: |kv| cpu(kv, "stream"),
            goal: "",
            met: None,
        },
    ]
}
