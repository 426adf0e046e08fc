//! The client of the server benchmark (`scripts/bench-server.sh`, run by `make bench`): it
//! drives a release `linggong-server` over HTTP on loopback, as phones and employers would.
//! Each measuring command prints `key=value` lines, which the script collects per database
//! into `target/bench/server-DB.kv`; `report` puts both databases side by side.
//!
//! ```text
//! server_load ingest   --url URL --now RFC3339 --count N [--clients 8] [--seed 2]
//!                      [--prefix bench] [--tile t61_149] [--until-published M] [--key ingest]
//! server_load tile     --url URL --now RFC3339 --tile t61_149 [--repeats 10]
//! server_load walk     --url URL
//! server_load feed-mid --url URL
//! server_load apply    --url URL --now RFC3339 [--count 20000] [--clients 8] [--phone-base 0]
//! server_load proof    --url URL [--repeats 1000] [--seed 11] [--started EPOCH-SECONDS]
//! server_load stream   --url URL --now RFC3339 [--subscribers 1000] [--postings 100]
//!                      [--interval-ms 100] [--seed 5] [--pid SERVER-PID]
//! server_load report   --dir target/bench [--dbs sqlite,postgres]
//! ```
//!
//! `ingest` signs in as the demo employer and posts demo postings (the generator's own mix,
//! ~8% of them unlawful on purpose, which the server's audit refuses with 422) from
//! `--clients` concurrent connections; with `--tile` every posting is moved into that tile,
//! so one tile grows to the size the tile benchmark needs. `tile` times the next answer for
//! a tile after one change (a posting published into it, then withdrawn). `walk` fetches the
//! manifest and every file it names once. `feed-mid` pages through the feed and prints a
//! cursor half-way along it and the size of one page of 100. `apply` sends applications to
//! the published postings (the feed replayed) from concurrent connections, as seekers'
//! outboxes do; each one kept appends its ledger event in the same transaction. `proof` asks
//! a server over a big ledger (`ledger_fill` makes one) for inclusion and consistency proofs
//! as the demo staff. `stream` opens many live feed streams (Server-Sent Events), publishes
//! postings one at a time and times each one's arrival at every subscriber (see stream.rs).

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod apply;
mod ledger;
mod stream;

use linggong_benches::{Fail, Opts, put};
use linggong_core::{
    AuditContext, Manifest, Posting, TileEntry, TileKey, Timestamp, audit, parse_posting,
};
use linggong_demo::{DemoSize, SplitMix, gazetteer, generate};
use linggong_server::{DEMO_EMPLOYER, DEMO_PASSWORD};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, ETAG};
use serde_json::{Value, json};

/// The posting clients give up after this many failed requests (a database gone away).
const MAX_ERRORS: usize = 100;

/// No request of the benchmark may take longer than this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let result = Opts::parse(args).and_then(|opts| {
        if command == "report" {
            return report(&opts);
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        runtime.block_on(async {
            match command.as_str() {
                "ingest" => ingest(&opts).await,
                "tile" => tile(&opts).await,
                "walk" => walk(&opts).await,
                "feed-mid" => feed_mid(&opts).await,
                "apply" => apply::apply(&opts).await,
                "proof" => ledger::proof(&opts).await,
                "stream" => stream::stream(&opts).await,
                _ => Err(
                    "usage: server_load ingest|tile|walk|feed-mid|apply|proof|stream|report --name value …"
                        .into(),
                ),
            }
        })
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server_load {command}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// The value at quantile `q` (0 … 1) of sorted values (0 when there are none).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    quantile(&values, 0.5)
}

/// `count` demo postings made for `now`, renamed `{prefix}-{seed}-{i}` so they never meet
/// the ids `--demo` seeded.
fn demo_postings(seed: u64, count: usize, now: Timestamp, prefix: &str) -> Vec<Posting> {
    let size = DemoSize {
        postings: count,
        seekers: 0,
        bad_share: 0.08,
    };
    let mut postings = generate(seed, size, &gazetteer(), now).postings;
    for (i, p) in postings.iter_mut().enumerate() {
        p.id = format!("{prefix}-{seed}-{i:06}");
    }
    postings
}

/// Moves every posting to a random point of `tile`, 0.1° inside its edges (WGS-84). The
/// server's audit does not depend on the position, so the mix of outcomes stays the same.
fn place_in(postings: &mut [Posting], tile: TileKey, seed: u64) -> Result<(), Fail> {
    let [south, west, north, east] = tile.bbox().ok_or("--tile must be a square, t{row}_{col}")?;
    let mut rng = SplitMix::new(seed);
    for p in postings {
        let location = p.location.get_or_insert_with(Default::default);
        location.lat = Some(rng.range(south + 0.1, north - 0.1));
        location.lng = Some(rng.range(west + 0.1, east - 0.1));
        location.crs = Default::default();
    }
    Ok(())
}

fn clean(posting: &Posting, now: Timestamp) -> bool {
    audit(posting, &AuditContext::new().with_now(now))
        .findings
        .is_empty()
}

/// A client signed in as a demo account (`DEMO_EMPLOYER`, `DEMO_STAFF`: the accounts
/// `linggong-server --demo` creates), the session cookie kept for every request.
async fn signed_in(url: &str, phone: &str) -> Result<reqwest::Client, Fail> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .no_proxy()
        .timeout(REQUEST_TIMEOUT)
        .pool_max_idle_per_host(256)
        .build()?;
    let body = json!({"phone": phone, "password": DEMO_PASSWORD}).to_string();
    let resp = client
        .post(format!("{url}/api/v1/session"))
        .header(CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await?;
    if resp.status() != StatusCode::NO_CONTENT {
        return Err(format!("sign-in: {} {}", resp.status(), resp.text().await?).into());
    }
    Ok(client)
}

async fn get_ok(client: &reqwest::Client, url: &str) -> Result<reqwest::Response, Fail> {
    let resp = client.get(url).send().await?;
    if resp.status() != StatusCode::OK {
        return Err(format!("GET {url}: {}", resp.status()).into());
    }
    Ok(resp)
}

async fn manifest(client: &reqwest::Client, url: &str) -> Result<Manifest, Fail> {
    let text = get_ok(client, &format!("{url}/data/manifest.json"))
        .await?
        .text()
        .await?;
    Ok(Manifest::from_json(&text)?)
}

/// What the posting clients saw.
#[derive(Debug, Default)]
struct Tally {
    published: AtomicUsize,
    pending: AtomicUsize,
    refused: AtomicUsize,
    errors: AtomicUsize,
    first_error: Mutex<Option<String>>,
}

impl Tally {
    fn error(&self, what: String) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut first) = self.first_error.lock() {
            first.get_or_insert(what);
        }
    }
}

/// One client: posts the next posting nobody has taken until none is left (or enough are
/// published); the latency of each request in milliseconds.
async fn post_loop(
    client: reqwest::Client,
    url: String,
    bodies: Arc<Vec<String>>,
    next: Arc<AtomicUsize>,
    tally: Arc<Tally>,
    stop_at_published: usize,
) -> Vec<f64> {
    let mut latencies = Vec::new();
    let endpoint = format!("{url}/api/v1/postings");
    loop {
        if tally.published.load(Ordering::Relaxed) >= stop_at_published
            || tally.errors.load(Ordering::Relaxed) >= MAX_ERRORS
        {
            break;
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(body) = bodies.get(i) else { break };
        let t = Instant::now();
        let sent = client
            .post(&endpoint)
            .header(CONTENT_TYPE, "application/json")
            .body(body.clone())
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
            Ok((StatusCode::CREATED, text)) => {
                let state = serde_json::from_str::<Value>(&text)
                    .ok()
                    .and_then(|v| v["status"].as_str().map(str::to_string));
                match state.as_deref() {
                    Some("published") => {
                        tally.published.fetch_add(1, Ordering::Relaxed);
                    }
                    Some(_) => {
                        tally.pending.fetch_add(1, Ordering::Relaxed);
                    }
                    None => tally.error(format!("201 without a status: {text}")),
                }
            }
            Ok((StatusCode::UNPROCESSABLE_ENTITY, _)) => {
                tally.refused.fetch_add(1, Ordering::Relaxed);
            }
            Ok((status, text)) => tally.error(format!("{status}: {text}")),
            Err(e) => tally.error(e.to_string()),
        }
    }
    latencies
}

/// `ingest`: posts demo postings over HTTP from concurrent clients; postings per second
/// counts every posting the server decided on (published, queued or refused by the audit).
async fn ingest(o: &Opts) -> Result<(), Fail> {
    let url = o.url()?;
    let now = o.now()?;
    let count: usize = o.number("count", 20_000)?;
    let clients: usize = o.number("clients", 8)?;
    let seed: u64 = o.number("seed", 2)?;
    let prefix = o.text_or("prefix", "bench");
    let key = o.text_or("key", "ingest");
    let until: Option<usize> = o.optional("until-published")?;
    let tile: Option<TileKey> = o.optional("tile")?;

    let client = signed_in(&url, DEMO_EMPLOYER).await?;
    // With --until-published, stop once the market holds that many published postings (and
    // make only about as many as that takes: ~92% of demo postings pass the audit).
    let (already, stop_at, count) = match until {
        Some(target) => {
            let published = manifest(&client, &url).await?.counts.postings;
            let needed = target.saturating_sub(published);
            (published, needed, count.min(needed * 10 / 8 + 100))
        }
        None => (0, usize::MAX, count),
    };
    let mut postings = demo_postings(seed, count, now, prefix);
    if let Some(tile) = tile {
        place_in(&mut postings, tile, seed)?;
    }
    // The audit's share of the work, on one thread of this process: the server runs the
    // same function once per posting.
    let t = Instant::now();
    let clean_count = postings.iter().filter(|p| clean(p, now)).count();
    let audit_us = t.elapsed().as_secs_f64() * 1e6 / count.max(1) as f64;
    let bodies = postings
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<Vec<_>, _>>()?;
    drop(postings);

    let bodies = Arc::new(bodies);
    let next = Arc::new(AtomicUsize::new(0));
    let tally = Arc::new(Tally::default());
    let start = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            tokio::spawn(post_loop(
                client.clone(),
                url.clone(),
                bodies.clone(),
                next.clone(),
                tally.clone(),
                stop_at,
            ))
        })
        .collect();
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await?);
    }
    let secs = start.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let posted = latencies.len();
    let errors = tally.errors.load(Ordering::Relaxed);
    put(&format!("{key}_mode"), "http");
    put(&format!("{key}_clients"), clients);
    put(&format!("{key}_posted"), posted);
    put(
        &format!("{key}_published"),
        tally.published.load(Ordering::Relaxed),
    );
    put(
        &format!("{key}_pending"),
        tally.pending.load(Ordering::Relaxed),
    );
    put(
        &format!("{key}_refused"),
        tally.refused.load(Ordering::Relaxed),
    );
    put(&format!("{key}_errors"), errors);
    put(&format!("{key}_secs"), format!("{secs:.2}"));
    put(
        &format!("{key}_per_s"),
        format!("{:.0}", posted as f64 / secs.max(1e-9)),
    );
    put(
        &format!("{key}_p50_ms"),
        format!("{:.2}", quantile(&latencies, 0.5)),
    );
    put(
        &format!("{key}_p99_ms"),
        format!("{:.2}", quantile(&latencies, 0.99)),
    );
    put(&format!("{key}_audit_us"), format!("{audit_us:.1}"));
    put(&format!("{key}_clean_share"), {
        let share = clean_count as f64 / count.max(1) as f64;
        format!("{share:.3}")
    });
    if until.is_some() {
        let total = already + tally.published.load(Ordering::Relaxed);
        put(&format!("{key}_published_total"), total);
    }
    if errors > 0 {
        let first = tally.first_error.lock().ok().and_then(|f| f.clone());
        return Err(format!(
            "{errors} requests failed; the first: {}",
            first.unwrap_or_default()
        )
        .into());
    }
    Ok(())
}

/// GETs a tile; its ETag and how long the answer took (ms).
async fn get_tile(client: &reqwest::Client, url: &str) -> Result<(String, f64, usize), Fail> {
    let t = Instant::now();
    let resp = get_ok(client, url).await?;
    let etag = resp
        .headers()
        .get(ETAG)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = resp.bytes().await?.len();
    Ok((etag, ms_since(t), bytes))
}

/// `tile`: the time from one change (a posting published into the tile, or withdrawn from
/// it) to the next answer for that tile, which the server makes again from the database.
async fn tile(o: &Opts) -> Result<(), Fail> {
    let url = o.url()?;
    let now = o.now()?;
    let tile: TileKey = o.text("tile")?.parse()?;
    let repeats: usize = o.number("repeats", 10)?;
    let seed: u64 = o.number("seed", 7)?;
    let client = signed_in(&url, DEMO_EMPLOYER).await?;

    // The first /data request after start makes the whole snapshot; later ones only the
    // tiles changed since.
    let t = Instant::now();
    let first = manifest(&client, &url).await?;
    let manifest_ms = ms_since(t);
    let key = tile.to_string();
    let entry = first
        .tiles
        .iter()
        .find(|e| e.key == key)
        .ok_or_else(|| format!("tile {key} is not in the manifest"))?;
    put("tile_key", &key);
    put("tile_postings", entry.postings);
    put("tile_bytes", entry.file.bytes);
    put("tile_manifest_ms", format!("{manifest_ms:.1}"));

    let tile_url = format!("{url}/data/{}", tile.path());
    let (mut etag, _, _) = get_tile(&client, &tile_url).await?;
    let mut unchanged = Vec::new();
    for _ in 0..repeats {
        unchanged.push(get_tile(&client, &tile_url).await?.1);
    }

    let mut candidates = demo_postings(seed, 40 * repeats.max(1), now, "bench-remake");
    candidates.retain(|p| clean(p, now));
    candidates.truncate(repeats);
    if candidates.len() < repeats {
        return Err("too few clean demo postings for the repeats".into());
    }
    place_in(&mut candidates, tile, seed)?;

    let (mut after_insert, mut after_withdraw, mut post_ms) = (Vec::new(), Vec::new(), Vec::new());
    for p in &candidates {
        let t = Instant::now();
        let resp = client
            .post(format!("{url}/api/v1/postings"))
            .header(CONTENT_TYPE, "application/json")
            .body(serde_json::to_string(p)?)
            .send()
            .await?;
        let status = resp.status();
        let answer: Value = serde_json::from_str(&resp.text().await?).unwrap_or(Value::Null);
        post_ms.push(ms_since(t));
        if status != StatusCode::CREATED || answer["status"] != "published" {
            return Err(format!("posting {}: {status} {answer}", p.id).into());
        }
        let (new_etag, ms, _) = get_tile(&client, &tile_url).await?;
        if new_etag == etag {
            return Err(format!("tile {key} did not change after {} was published", p.id).into());
        }
        etag = new_etag;
        after_insert.push(ms);

        let resp = client
            .post(format!("{url}/api/v1/postings/{}/withdraw", p.id))
            .send()
            .await?;
        if resp.status() != StatusCode::OK {
            return Err(format!("withdraw {}: {}", p.id, resp.status()).into());
        }
        let (new_etag, ms, _) = get_tile(&client, &tile_url).await?;
        if new_etag == etag {
            return Err(format!("tile {key} did not change after {} was withdrawn", p.id).into());
        }
        etag = new_etag;
        after_withdraw.push(ms);
    }
    let all: Vec<f64> = after_insert
        .iter()
        .chain(&after_withdraw)
        .copied()
        .collect();
    let max = all.iter().copied().fold(0.0, f64::max);
    put("tile_changes", all.len());
    put("tile_remake_ms", format!("{:.1}", median(all)));
    put(
        "tile_remake_insert_ms",
        format!("{:.1}", median(after_insert)),
    );
    put(
        "tile_remake_withdraw_ms",
        format!("{:.1}", median(after_withdraw)),
    );
    put("tile_remake_max_ms", format!("{max:.1}"));
    put("tile_unchanged_ms", format!("{:.1}", median(unchanged)));
    put("tile_post_ms", format!("{:.1}", median(post_ms)));

    // Where the time goes: after a change the server reads every posting of the tile back
    // from its stored JSON and encodes the tile again. Both timed here, on one core, on the
    // very postings of the tile (from the export).
    let export = get_ok(&client, &format!("{url}/api/v1/export/postings.jsonl"))
        .await?
        .text()
        .await?;
    let mut lines = Vec::new();
    for line in export.lines() {
        if TileKey::of_posting(&parse_posting(line)?) == tile {
            lines.push(line);
        }
    }
    let (mut parse_ms, mut encode_ms) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        let t = Instant::now();
        let postings = lines
            .iter()
            .map(|l| parse_posting(l))
            .collect::<Result<Vec<_>, _>>()?;
        parse_ms.push(ms_since(t));
        let t = Instant::now();
        std::hint::black_box(TileEntry::encode(tile, &postings));
        encode_ms.push(ms_since(t));
    }
    put("tile_parse_ms", format!("{:.1}", median(parse_ms)));
    put("tile_encode_ms", format!("{:.1}", median(encode_ms)));
    Ok(())
}

/// `walk`: the manifest and every file it names, once, as a phone that loads everything.
async fn walk(o: &Opts) -> Result<(), Fail> {
    let url = o.url()?;
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(REQUEST_TIMEOUT)
        .build()?;
    let start = Instant::now();
    let manifest = manifest(&client, &url).await?;
    let manifest_ms = ms_since(start);
    let mut paths: Vec<&str> = manifest
        .tiles
        .iter()
        .map(|e| e.file.path.as_str())
        .collect();
    paths.extend(manifest.markets.as_ref().map(|m| m.path.as_str()));
    let mut bytes = 0;
    for path in &paths {
        bytes += get_ok(&client, &format!("{url}/data/{path}"))
            .await?
            .bytes()
            .await?
            .len();
    }
    put("walk_manifest_ms", format!("{manifest_ms:.0}"));
    put("walk_published", manifest.counts.postings);
    put("walk_tiles", manifest.tiles.len());
    put("walk_files", paths.len());
    put("walk_bytes", bytes);
    put("walk_secs", format!("{:.2}", start.elapsed().as_secs_f64()));
    Ok(())
}

/// `feed-mid`: pages through the whole feed; prints its head and a cursor half-way.
async fn feed_mid(o: &Opts) -> Result<(), Fail> {
    let url = o.url()?;
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(REQUEST_TIMEOUT)
        .build()?;
    let mut cursor = "0".to_string();
    for _ in 0..100_000 {
        let page_url = format!("{url}/api/v1/feed?after={cursor}&limit=1000");
        let page = json_of(get_ok(&client, &page_url).await?).await?;
        let empty = page["changes"].as_array().is_none_or(Vec::is_empty);
        if empty {
            break;
        }
        cursor = page["cursor"]
            .as_str()
            .ok_or("a feed page without a cursor")?
            .to_string();
    }
    let head: i64 = cursor.parse()?;
    put("feed_head", head);
    put("feed_mid", head / 2);

    // What one request carries: the first page of 100, as the server sends it.
    let page = get_ok(&client, &format!("{url}/api/v1/feed?after=0&limit=100"))
        .await?
        .bytes()
        .await?;
    put("feed_page_kb", format!("{:.1}", page.len() as f64 / 1024.0));
    Ok(())
}

/// JSON from a response (without reqwest's `json` feature).
async fn json_of(resp: reqwest::Response) -> Result<Value, Fail> {
    Ok(serde_json::from_str(&resp.text().await?)?)
}

// ---------------------------------------------------------------------------------------
// The report.

type Kv = BTreeMap<String, String>;

/// One line of the table: how a database's cell reads, the goal, and whether it is met.
struct Row {
    measure: &'static str,
    cell: fn(&Kv) -> Option<String>,
    goal: &'static str,
    met: Option<fn(&Kv) -> Option<bool>>,
}

fn num(kv: &Kv, key: &str) -> Option<f64> {
    kv.get(key)?.parse().ok()
}

fn fixed(kv: &Kv, key: &str, decimals: usize) -> Option<String> {
    num(kv, key).map(|v| format!("{v:.decimals$}"))
}

fn mb(kv: &Kv, key: &str) -> Option<String> {
    num(kv, key).map(|kb| format!("{:.0}", kb / 1024.0))
}

/// How a run shared the machine's cores (the script's `cpu_split`); the rest is the load
/// generator and anything else running.
fn cpu(kv: &Kv, run: &str) -> Option<String> {
    let part = |what: &str| kv.get(&format!("{run}_cpu_{what}_pct")).cloned();
    Some(format!(
        "{} / {} / {} / {}",
        part("server")?,
        part("db")?,
        part("idle")?,
        part("rest")?
    ))
}

/// The table: what comes in (postings, applications), what is read, memory, the ledger.
fn rows() -> Vec<Row> {
    let mut rows = ingest_rows();
    rows.extend(apply::rows());
    rows.extend(feed_rows());
    rows.extend(stream::rows());
    rows.extend(tile_rows());
    rows.extend(memory_rows());
    rows.extend(ledger::rows());
    rows
}

/// The rows of `ingest`, and the demo seeding at start.
fn ingest_rows() -> Vec<Row> {
    vec![
        Row {
            measure: "ingest over HTTP, posting → audit → insert (postings/s)",
            cell: |kv| fixed(kv, "ingest_per_s", 0),
            goal: "≥ 1,000",
            met: Some(|kv| num(kv, "ingest_per_s").map(|v| v >= 1000.0)),
        },
        Row {
            measure: "… clients; postings sent (published / refused by the audit)",
            cell: |kv| {
                Some(format!(
                    "{} clients; {} ({} / {})",
                    kv.get("ingest_clients")?,
                    kv.get("ingest_posted")?,
                    kv.get("ingest_published")?,
                    kv.get("ingest_refused")?
                ))
            },
            goal: "",
            met: None,
        },
        Row {
            measure: "… POST latency p50 / p99 (ms)",
            cell: |kv| {
                Some(format!(
                    "{} / {}",
                    fixed(kv, "ingest_p50_ms", 1)?,
                    fixed(kv, "ingest_p99_ms", 1)?
                ))
            },
            goal: "",
            met: None,
        },
        Row {
            measure: "… CPU of all cores: server / database / idle / the rest (%)",
            cell: |kv| cpu(kv, "ingest"),
            goal: "",
            met: None,
        },
        Row {
            measure: "… the audit alone, one core (µs per posting)",
            cell: |kv| fixed(kv, "ingest_audit_us", 0),
            goal: "",
            met: None,
        },
        Row {
            measure: "demo seeding at start, store-level, one writer (postings/s)",
            cell: |kv| fixed(kv, "seed_per_s", 0),
            goal: "",
            met: None,
        },
    ]
}

/// The rows of the feed reads (wrk).
fn feed_rows() -> Vec<Row> {
    vec![
        Row {
            measure: "feed `after=0&limit=100`, 64 connections (requests/s)",
            cell: |kv| fixed(kv, "feed_start_rps", 0),
            goal: "≥ 5,000",
            met: Some(|kv| num(kv, "feed_start_rps").map(|v| v >= 5000.0)),
        },
        Row {
            measure: "… p99 latency (ms)",
            cell: |kv| fixed(kv, "feed_start_p99_ms", 1),
            goal: "≤ 20",
            met: Some(|kv| num(kv, "feed_start_p99_ms").map(|v| v <= 20.0)),
        },
        Row {
            measure: "feed mid-feed cursor, `limit=100`, 64 connections (requests/s)",
            cell: |kv| fixed(kv, "feed_mid_rps", 0),
            goal: "≥ 5,000",
            met: Some(|kv| num(kv, "feed_mid_rps").map(|v| v >= 5000.0)),
        },
        Row {
            measure: "… p99 latency (ms)",
            cell: |kv| fixed(kv, "feed_mid_p99_ms", 1),
            goal: "≤ 20",
            met: Some(|kv| num(kv, "feed_mid_p99_ms").map(|v| v <= 20.0)),
        },
        Row {
            measure: "… CPU of all cores: server / database / idle / the rest (%)",
            cell: |kv| cpu(kv, "feed_start"),
            goal: "",
            met: None,
        },
        Row {
            measure: "… one answer of 100 postings (KB)",
            cell: |kv| fixed(kv, "feed_page_kb", 1),
            goal: "",
            met: None,
        },
    ]
}

/// The rows of `tile`.
fn tile_rows() -> Vec<Row> {
    vec![
        Row {
            measure: "tile answer after one change, median (ms)",
            cell: |kv| fixed(kv, "tile_remake_ms", 1),
            goal: "≤ 50 (20k-posting tile)",
            met: Some(|kv| num(kv, "tile_remake_ms").map(|v| v <= 50.0)),
        },
        Row {
            measure: "… postings in that tile; tile size (KB)",
            cell: |kv| {
                Some(format!(
                    "{}; {:.0}",
                    kv.get("tile_postings")?,
                    num(kv, "tile_bytes")? / 1024.0
                ))
            },
            goal: "",
            met: None,
        },
        Row {
            measure: "… after a publication / a withdrawal / slowest (ms)",
            cell: |kv| {
                Some(format!(
                    "{} / {} / {}",
                    fixed(kv, "tile_remake_insert_ms", 1)?,
                    fixed(kv, "tile_remake_withdraw_ms", 1)?,
                    fixed(kv, "tile_remake_max_ms", 1)?
                ))
            },
            goal: "",
            met: None,
        },
        Row {
            measure: "… one core's work: read the tile's postings from JSON / encode the tile (ms)",
            cell: |kv| {
                Some(format!(
                    "{} / {}",
                    fixed(kv, "tile_parse_ms", 1)?,
                    fixed(kv, "tile_encode_ms", 1)?
                ))
            },
            goal: "",
            met: None,
        },
        Row {
            measure: "… the same tile unchanged (ms)",
            cell: |kv| fixed(kv, "tile_unchanged_ms", 1),
            goal: "",
            met: None,
        },
    ]
}

/// The rows of the memory run (`walk` on a fresh process).
fn memory_rows() -> Vec<Row> {
    vec![
        Row {
            measure: "server memory, peak VmHWM (MB)",
            cell: |kv| mb(kv, "mem_hwm_kb"),
            goal: "≤ 300 (100k published)",
            met: Some(|kv| num(kv, "mem_hwm_kb").map(|kb| kb / 1024.0 <= 300.0)),
        },
        Row {
            measure: "… VmRSS after the manifest and every tile once (MB)",
            cell: |kv| mb(kv, "mem_rss_kb"),
            goal: "",
            met: None,
        },
        Row {
            measure: "… VmRSS at start, before any request (MB)",
            cell: |kv| mb(kv, "mem_idle_rss_kb"),
            goal: "",
            met: None,
        },
        Row {
            measure: "… published postings; tiles; whole snapshot made in (ms)",
            cell: |kv| {
                Some(format!(
                    "{}; {}; {}",
                    kv.get("walk_published")?,
                    kv.get("walk_tiles")?,
                    kv.get("walk_manifest_ms")?
                ))
            },
            goal: "",
            met: None,
        },
    ]
}

/// A database's figures; a key written twice is refused (two commands printing one name
/// would put the later figure in the earlier's row).
fn read_kv(path: &std::path::Path) -> Result<Kv, Fail> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut kv = Kv::new();
    for (k, v) in text.lines().filter_map(|line| line.split_once('=')) {
        if kv
            .insert(k.trim().to_string(), v.trim().to_string())
            .is_some()
        {
            return Err(format!("{}: `{}` is given twice", path.display(), k.trim()).into());
        }
    }
    Ok(kv)
}

fn json_of_kv(kv: &Kv) -> Value {
    let map = kv
        .iter()
        .map(|(k, v)| {
            let value = match (v.parse::<i64>(), v.parse::<f64>()) {
                (Ok(n), _) => json!(n),
                (_, Ok(f)) if f.is_finite() => json!(f),
                _ => json!(v),
            };
            (k.clone(), value)
        })
        .collect::<serde_json::Map<_, _>>();
    Value::Object(map)
}

/// A database's name, for people.
fn db_name(db: &str) -> &str {
    match db {
        "sqlite" => "SQLite",
        "postgres" => "PostgreSQL",
        other => other,
    }
}

/// The lines under the table: how loaded the machine was, each database's set-up, the scale.
fn notes(dbs: &[&str], kvs: &[Kv]) -> Vec<String> {
    let mut notes = Vec::new();
    for (db, kv) in dbs.iter().zip(kvs) {
        if let (Some(start), Some(end)) = (kv.get("load_start"), kv.get("load_end")) {
            notes.push(format!(
                "{}: load average (1, 5, 15 min) {start} at the start, {end} at the end{}",
                db_name(db),
                kv.get("other_builds")
                    .filter(|b| !b.is_empty())
                    .map(|b| format!("; other builds were running: {b}"))
                    .unwrap_or_default()
            ));
        }
    }
    for (db, kv) in dbs.iter().zip(kvs) {
        if let Some(note) = kv.get("note") {
            notes.push(format!("{}: {note}", db_name(db)));
        }
    }
    if let Some(first) = kvs.first() {
        notes.extend(ledger::note(first));
        notes.push(format!(
            "Scale {}; the load generators (wrk, server_load) run on the same {} cores as the server; loopback only.",
            first.get("scale").map_or("1", String::as_str),
            first.get("cores").map_or("?", String::as_str),
        ));
    }
    notes
}

/// `report`: `server.json` and `server.md` from the databases' `.kv` files, the table
/// printed.
fn report(o: &Opts) -> Result<(), Fail> {
    let dir = std::path::PathBuf::from(o.text_or("dir", "target/bench"));
    let dbs: Vec<&str> = o.text_or("dbs", "sqlite,postgres").split(',').collect();
    let kvs = dbs
        .iter()
        .map(|db| read_kv(&dir.join(format!("server-{db}.kv"))))
        .collect::<Result<Vec<_>, _>>()?;

    let mut md = String::from("| measure |");
    for db in &dbs {
        md += &format!(" {} |", db_name(db));
    }
    md += " goal |\n|---|";
    md += &"---:|".repeat(dbs.len());
    md += "---|\n";
    let mut goals = Vec::new();
    for row in rows() {
        md += &format!("| {} |", row.measure);
        let mut verdicts = serde_json::Map::new();
        for (db, kv) in dbs.iter().zip(&kvs) {
            let cell = (row.cell)(kv).unwrap_or_else(|| "–".into());
            let verdict = row.met.and_then(|met| met(kv));
            let mark = match verdict {
                Some(true) => " ✓",
                Some(false) => " ✗ missed",
                None => "",
            };
            md += &format!(" {cell}{mark} |");
            if row.met.is_some() {
                verdicts.insert((*db).to_string(), json!(verdict));
            }
        }
        md += &format!(" {} |\n", row.goal);
        if row.met.is_some() {
            let mut goal = serde_json::Map::new();
            goal.insert("measure".into(), json!(row.measure));
            goal.insert("goal".into(), json!(row.goal));
            goal.insert("met".into(), Value::Object(verdicts));
            goals.push(Value::Object(goal));
        }
    }
    let notes = notes(&dbs, &kvs);
    for note in &notes {
        md += &format!("\n{note}\n");
    }

    let mut databases = serde_json::Map::new();
    for (db, kv) in dbs.iter().zip(&kvs) {
        databases.insert((*db).to_string(), json_of_kv(kv));
    }
    let json = json!({"databases": databases, "goals": goals, "notes": notes});
    std::fs::write(
        dir.join("server.json"),
        serde_json::to_string_pretty(&json)? + "\n",
    )?;
    std::fs::write(dir.join("server.md"), &md)?;
    print!("{md}");
    Ok(())
}
