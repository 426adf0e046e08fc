//! `apply`: seekers' outboxes sending applications (报名) to published postings, each kept
//! with its ledger event in one transaction, from concurrent connections.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use linggong_benches::{Fail, Opts, put};
use linggong_core::Timestamp;
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;
use serde_json::json;

use super::{REQUEST_TIMEOUT, Row, cpu, fixed, get_ok, json_of, ms_since, num, quantile};

/// A client stops sending after this many failures (a database gone away): enough to show
/// in the table, without sending the rest into a dead server.
const MAX_FAILURES: usize = 1000;

/// What every sending client shares.
#[derive(Debug)]
struct Outbox {
    endpoint: String,
    /// Published postings, applied to in turn.
    postings: Vec<String>,
    /// When the seekers applied, as their phones wrote it.
    created_at: String,
    /// Phone numbers are `15` and nine digits counting from here: one per application, as
    /// the server refuses a second application of one phone to one posting.
    phone_base: u64,
    count: usize,
    next: AtomicUsize,
    accepted: AtomicUsize,
    failed: AtomicUsize,
    first_failure: Mutex<Option<String>>,
}

impl Outbox {
    /// The body of application `i`, as a phone's outbox sends it (a fresh UUID v4 id).
    fn body(&self, i: usize) -> String {
        let posting = &self.postings[i % self.postings.len()];
        let phone = format!("15{:09}", self.phone_base + i as u64);
        json!({"id": uuid::Uuid::new_v4().to_string(), "posting_id": posting, "name": "王师傅",
            "phone": phone, "created_at": self.created_at})
        .to_string()
    }

    fn fail(&self, what: String) {
        self.failed.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut first) = self.first_failure.lock() {
            first.get_or_insert(what);
        }
    }
}

/// The ids of the postings published now: the feed replayed from the start.
async fn published(client: &reqwest::Client, url: &str) -> Result<Vec<String>, Fail> {
    let mut ids = BTreeSet::new();
    let mut cursor = "0".to_string();
    loop {
        let page_url = format!("{url}/api/v1/feed?after={cursor}&limit=1000");
        let page = json_of(get_ok(client, &page_url).await?).await?;
        let changes = page["changes"].as_array().cloned().unwrap_or_default();
        if changes.is_empty() {
            return Ok(ids.into_iter().collect());
        }
        for change in &changes {
            if change["op"] == "upsert" {
                ids.extend(change["posting"]["id"].as_str().map(str::to_string));
            } else if let Some(id) = change["id"].as_str() {
                ids.remove(id);
            }
        }
        cursor = page["cursor"]
            .as_str()
            .ok_or("a feed page without a cursor")?
            .to_string();
    }
}

/// One client: sends the next application nobody has taken until all are sent; the latency
/// of each in milliseconds. Anything but 201 (kept now) is a failure: no id is sent twice.
async fn send_loop(client: reqwest::Client, outbox: Arc<Outbox>) -> Vec<f64> {
    let mut latencies = Vec::new();
    while outbox.failed.load(Ordering::Relaxed) < MAX_FAILURES {
        let i = outbox.next.fetch_add(1, Ordering::Relaxed);
        if i >= outbox.count {
            break;
        }
        let body = outbox.body(i);
        let t = Instant::now();
        let sent = client
            .post(&outbox.endpoint)
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await;
        let answer = match sent {
            Ok(resp) => {
                let status = resp.status();
                resp.text().await.map(|text| (status, text))
            }
            Err(e) => Err(e),
        };
        latencies.push(ms_since(t));
        match answer {
            Ok((StatusCode::CREATED, _)) => {
                outbox.accepted.fetch_add(1, Ordering::Relaxed);
            }
            Ok((status, text)) => outbox.fail(format!("{status}: {text}")),
            Err(e) => outbox.fail(e.to_string()),
        }
    }
    latencies
}

/// `apply`: `--count` applications from `--clients` connections; accepted per second, the
/// latency of every request, and the failures (shown in the table, not fatal).
pub async fn apply(o: &Opts) -> Result<(), Fail> {
    let url = o.url()?;
    let now = o.now()?;
    let count: usize = o.number("count", 20_000)?;
    let clients: usize = o.number("clients", 8)?;
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(REQUEST_TIMEOUT)
        .pool_max_idle_per_host(256)
        .build()?;
    let postings = published(&client, &url).await?;
    if postings.is_empty() {
        return Err("no published posting to apply to".into());
    }
    let outbox = Arc::new(Outbox {
        endpoint: format!("{url}/api/v1/applications"),
        postings,
        created_at: Timestamp::from_unix_s(now.unix_s() - 60, now.offset_min()).to_string(),
        phone_base: o.number("phone-base", 0)?,
        count,
        next: AtomicUsize::new(0),
        accepted: AtomicUsize::new(0),
        failed: AtomicUsize::new(0),
        first_failure: Mutex::new(None),
    });
    let start = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|_| tokio::spawn(send_loop(client.clone(), outbox.clone())))
        .collect();
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await?);
    }
    let secs = start.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let accepted = outbox.accepted.load(Ordering::Relaxed);
    let failed = outbox.failed.load(Ordering::Relaxed);
    put("apply_clients", clients);
    put("apply_postings", outbox.postings.len());
    put("apply_sent", latencies.len());
    put("apply_accepted", accepted);
    put("apply_failed", failed);
    put("apply_secs", format!("{secs:.2}"));
    put(
        "apply_per_s",
        format!("{:.0}", accepted as f64 / secs.max(1e-9)),
    );
    put("apply_p50_ms", format!("{:.2}", quantile(&latencies, 0.5)));
    put("apply_p99_ms", format!("{:.2}", quantile(&latencies, 0.99)));
    if let Some(first) = outbox.first_failure.lock().ok().and_then(|f| f.clone()) {
        eprintln!("server_load apply: {failed} applications failed; the first: {first}");
    }
    Ok(())
}

/// The table's rows for `apply`.
pub fn rows() -> Vec<Row> {
    vec![
        Row {
            measure: "applications over HTTP, each with its ledger event (accepted/s)",
            cell: |kv| fixed(kv, "apply_per_s", 0),
            goal: "≥ 1,000",
            met: Some(|kv| num(kv, "apply_per_s").map(|v| v >= 1000.0)),
        },
        Row {
            measure: "… failed (not 201): of applications sent, by clients",
            cell: |kv| {
                Some(format!(
                    "{} of {}, {} clients",
                    kv.get("apply_failed")?,
                    kv.get("apply_sent")?,
                    kv.get("apply_clients")?
                ))
            },
            goal: "0",
            met: Some(|kv| num(kv, "apply_failed").map(|v| v == 0.0)),
        },
        Row {
            measure: "… POST latency p50 / p99 (ms)",
            cell: |kv| {
                Some(format!(
                    "{} / {}",
                    fixed(kv, "apply_p50_ms", 1)?,
                    fixed(kv, "apply_p99_ms", 1)?
                ))
            },
            goal: "",
            met: None,
        },
        Row {
            measure: "… CPU of all cores: server / database / idle / the rest (%)",
            cell: |kv| cpu(kv, "apply"),
            goal: "",
            met: None,
        },
    ]
}
