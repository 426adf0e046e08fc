//! `proof`: the ledger's inclusion and consistency proofs as staff ask for them, on a server
//! over a big ledger (`ledger_fill` makes it), and the table's rows for the ledger, with the
//! `ledger verify` timings the script takes of the whole process.

use std::time::Instant;

use linggong_benches::{Fail, Opts, SplitMix, put};
use linggong_server::DEMO_STAFF;
use linggong_server::ledger::LedgerTree;
use serde_json::Value;

use super::{Row, fixed, json_of, mb, ms_since, num, quantile, signed_in};

/// 64 hex digits as 32 bytes.
fn digest_of(hex: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if hex.len() != 64 {
        return None;
    }
    for (slot, pair) in out.iter_mut().zip(hex.as_bytes().chunks(2)) {
        *slot = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(out)
}

/// GETs `url`, which must answer 200 with JSON; the answer and how long it took (ms).
async fn timed_get(client: &reqwest::Client, url: &str) -> Result<(Value, f64), Fail> {
    let t = Instant::now();
    let resp = client.get(url).send().await?;
    let status = resp.status();
    let body = json_of(resp).await?;
    let ms = ms_since(t);
    if status != reqwest::StatusCode::OK {
        return Err(format!("GET {url}: {status} {body}").into());
    }
    Ok((body, ms))
}

/// Whether a proof answer is event `seq`'s audit path in the head it names: checked with the
/// server's own RFC 6962 verifier, so a fast wrong answer cannot pass for a fast one.
fn proves(answer: &Value, seq: i64) -> bool {
    let path: Option<Vec<String>> = answer["path"].as_array().map(|p| {
        p.iter()
            .filter_map(|h| h.as_str().map(str::to_string))
            .collect()
    });
    let digest = answer["digest"].as_str().and_then(digest_of);
    match (
        answer["root"].as_str(),
        answer["size"].as_i64(),
        digest,
        path,
    ) {
        (Some(root), Some(size), Some(digest), Some(path)) => {
            LedgerTree::verify_inclusion(root, size, seq, &digest, &path)
        }
        _ => false,
    }
}

/// Seconds since the Unix epoch, as bash's `$EPOCHREALTIME` gives them.
fn epoch_secs() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// `proof`: signed in as the demo staff, the first inclusion proof after the server started
/// (it waits for the tree built from storage, which the server begins at start to sign the
/// minute's head: so the time since `--started`, the script's clock when it started the
/// server, is printed too), then `--repeats` inclusion proofs of random events and as many
/// consistency proofs from random earlier sizes, one after another.
pub async fn proof(o: &Opts) -> Result<(), Fail> {
    let url = o.url()?;
    let repeats: usize = o.number("repeats", 1000)?;
    let started: Option<f64> = o.optional("started")?;
    let mut rng = SplitMix::new(o.number("seed", 11)?);
    let client = signed_in(&url, DEMO_STAFF).await?;

    let (first, first_ms) = timed_get(&client, &format!("{url}/api/v1/ledger/proof?seq=1")).await?;
    if let Some(started) = started {
        let since_start_ms = (epoch_secs() - started) * 1000.0;
        put("proof_first_since_start_ms", format!("{since_start_ms:.0}"));
    }
    if !proves(&first, 1) {
        return Err(format!("event 1: not a proof: {first}").into());
    }
    let size = first["size"].as_i64().ok_or("a proof without a size")?;
    let (inclusion, path_len) = inclusion_proofs(&client, &url, size, repeats, &mut rng).await?;
    let consistency = consistency_proofs(&client, &url, size, repeats, &mut rng).await?;
    put("proof_size", size);
    put("proof_first_ms", format!("{first_ms:.0}"));
    put("proof_requests", inclusion.len());
    put("proof_p50_ms", format!("{:.2}", quantile(&inclusion, 0.5)));
    put("proof_p99_ms", format!("{:.2}", quantile(&inclusion, 0.99)));
    put("proof_path_len", quantile(&path_len, 0.5));
    put("consistency_requests", consistency.len());
    put(
        "consistency_p50_ms",
        format!("{:.2}", quantile(&consistency, 0.5)),
    );
    put(
        "consistency_p99_ms",
        format!("{:.2}", quantile(&consistency, 0.99)),
    );
    Ok(())
}

/// A number from 1 to `n`.
fn one_to(rng: &mut SplitMix, n: i64) -> i64 {
    1 + rng.below(usize::try_from(n).unwrap_or(1)) as i64
}

/// `repeats` inclusion proofs of random events of a ledger of `size`, each checked: the
/// latencies and the paths' lengths, sorted.
async fn inclusion_proofs(
    client: &reqwest::Client,
    url: &str,
    size: i64,
    repeats: usize,
    rng: &mut SplitMix,
) -> Result<(Vec<f64>, Vec<f64>), Fail> {
    let (mut latencies, mut path_len) = (Vec::new(), Vec::new());
    for _ in 0..repeats {
        let seq = one_to(rng, size);
        let proof_url = format!("{url}/api/v1/ledger/proof?seq={seq}");
        let (answer, ms) = timed_get(client, &proof_url).await?;
        if !proves(&answer, seq) {
            return Err(format!("event {seq}: not a proof: {answer}").into());
        }
        latencies.push(ms);
        path_len.push(answer["path"].as_array().map_or(0, Vec::len) as f64);
    }
    latencies.sort_by(f64::total_cmp);
    path_len.sort_by(f64::total_cmp);
    Ok((latencies, path_len))
}

/// `repeats` consistency proofs from random earlier sizes to the head of `size`: the
/// latencies, sorted (the path is only checked to be there: the tests check its hashes).
async fn consistency_proofs(
    client: &reqwest::Client,
    url: &str,
    size: i64,
    repeats: usize,
    rng: &mut SplitMix,
) -> Result<Vec<f64>, Fail> {
    let mut latencies = Vec::new();
    for _ in 0..repeats.min(usize::try_from(size - 1).unwrap_or(0)) {
        let from = one_to(rng, size - 1);
        let from_url = format!("{url}/api/v1/ledger/consistency?from={from}");
        let (answer, ms) = timed_get(client, &from_url).await?;
        if answer["size"] != size || answer["path"].as_array().is_none_or(Vec::is_empty) {
            return Err(format!("from {from}: not a consistency proof: {answer}").into());
        }
        latencies.push(ms);
    }
    latencies.sort_by(f64::total_cmp);
    Ok(latencies)
}

/// A p50 / p99 cell.
fn p50_p99(kv: &super::Kv, name: &str) -> Option<String> {
    Some(format!(
        "{} / {}",
        fixed(kv, &format!("{name}_p50_ms"), 2)?,
        fixed(kv, &format!("{name}_p99_ms"), 2)?
    ))
}

/// The table's rows for the ledger: `ledger verify` (timed by the script) with the filler's
/// figures, then `proof`.
pub fn rows() -> Vec<Row> {
    let mut rows = verify_rows();
    rows.extend(proof_rows());
    rows
}

/// The rows of `ledger verify` and of the filler.
fn verify_rows() -> Vec<Row> {
    vec![
        Row {
            measure: "`linggong-server ledger verify`, whole process, median (s)",
            cell: |kv| fixed(kv, "ledger_verify_secs", 1),
            goal: "≤ 10 (1M events)",
            met: Some(|kv| num(kv, "ledger_verify_secs").map(|v| v <= 10.0)),
        },
        Row {
            measure: "… events; signed heads; runs (slowest, s)",
            cell: |kv| {
                Some(format!(
                    "{}; {}; {} ({})",
                    kv.get("ledger_fill_events")?,
                    kv.get("ledger_fill_heads")?,
                    kv.get("ledger_verify_runs")?,
                    fixed(kv, "ledger_verify_max_secs", 1)?
                ))
            },
            goal: "",
            met: None,
        },
        Row {
            measure: "… peak memory of the process (VmHWM, MB)",
            cell: |kv| mb(kv, "ledger_verify_hwm_kb"),
            goal: "",
            met: None,
        },
        Row {
            measure: "… the ledger written directly, store-level (events/s)",
            cell: |kv| fixed(kv, "ledger_fill_per_s", 0),
            goal: "",
            met: None,
        },
    ]
}

/// The rows of `proof`.
fn proof_rows() -> Vec<Row> {
    vec![
        Row {
            measure: "inclusion proof `GET /api/v1/ledger/proof`, sequential, p50 / p99 (ms)",
            cell: |kv| p50_p99(kv, "proof"),
            goal: "≤ 5 (p99, 1M events)",
            met: Some(|kv| num(kv, "proof_p99_ms").map(|v| v <= 5.0)),
        },
        Row {
            measure: "… requests; audit path (hashes)",
            cell: |kv| {
                Some(format!(
                    "{}; {}",
                    kv.get("proof_requests")?,
                    kv.get("proof_path_len")?
                ))
            },
            goal: "",
            met: None,
        },
        Row {
            measure: "… the first after start, the tree read from storage: its request / since the server started (ms)",
            cell: |kv| {
                Some(format!(
                    "{} / {}",
                    fixed(kv, "proof_first_ms", 0)?,
                    fixed(kv, "proof_first_since_start_ms", 0)?
                ))
            },
            goal: "",
            met: None,
        },
        Row {
            measure: "consistency proof `GET /api/v1/ledger/consistency`, p50 / p99 (ms)",
            cell: |kv| p50_p99(kv, "consistency"),
            goal: "",
            met: None,
        },
        Row {
            measure: "… server memory with the tree in it (VmHWM, MB)",
            cell: |kv| mb(kv, "proof_server_hwm_kb"),
            goal: "",
            met: None,
        },
    ]
}

/// How the ledger rows were made, under the table.
pub fn note(kv: &super::Kv) -> Option<String> {
    Some(format!(
        "The ledger rows: a database of their own, {} events written directly by ledger_fill with {} signed heads; `ledger verify` timed as a whole process (median of {} runs); proofs asked one after another by one client signed in as staff.",
        kv.get("ledger_fill_events")?,
        kv.get("ledger_fill_heads")?,
        kv.get("ledger_verify_runs")?
    ))
}
