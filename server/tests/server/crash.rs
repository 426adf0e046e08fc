//! Crashes in the middle of a burst of writes — applications from many phones and postings
//! from employers — and the clients' retries afterwards: nothing acknowledged is lost, nothing
//! is kept twice, each resend of an acknowledged application gets its first answer, and the
//! ledger is intact. Two crashes: the server killed with `kill -9` and restarted on the same
//! SQLite file; and PostgreSQL itself stopped at once (`pg_ctl -m immediate`, as a crash does)
//! and started again under a server that keeps running. `make test` runs them at this size;
//! `LINGGONG_CRASH_SCALE=N` multiplies it (the load benchmark runs them at 10).

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use linggong_server::ledger;
use linggong_server::store::{MarketStore, SqlStore};
use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::command::{database, demo_employer, serve};
use crate::common::{new_pg_database, posting};

/// Applications and postings in the burst at scale 1, and the clients sending them.
const APPLICATIONS: usize = 600;
const POSTINGS: usize = 60;
const PHONES: usize = 10;
const EMPLOYERS: usize = 2;

fn scale() -> usize {
    std::env::var("LINGGONG_CRASH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

/// One write a client sends until it is answered: where, and what.
#[derive(Debug, Clone)]
struct Write {
    id: String,
    path: &'static str,
    body: Value,
}

/// The burst: applications for `posting` (each from its own phone number) and new postings.
fn burst_of(posting_id: &str) -> (Vec<Write>, Vec<Write>) {
    let applications = (0..APPLICATIONS * scale())
        .map(|i| {
            let id = uuid::Uuid::new_v4().hyphenated().to_string();
            let body = json!({"id": id, "posting_id": posting_id, "name": "王师傅",
                "phone": format!("139{i:08}"), "created_at": "2026-11-23T08:59:00+08:00"});
            Write {
                id,
                path: "/api/v1/applications",
                body,
            }
        })
        .collect();
    let postings = (0..POSTINGS * scale())
        .map(|i| {
            let id = format!("crash-{i}");
            let body = serde_json::to_value(posting(&id)).unwrap();
            Write {
                id,
                path: "/api/v1/postings",
                body,
            }
        })
        .collect();
    (applications, postings)
}

/// What the clients were told: each acknowledged write's id, with an application's token.
type Acked = Arc<Mutex<HashMap<String, String>>>;

/// How many sends got no answer and were tried again (the crash was felt).
static RETRIED_DURING_OUTAGE: AtomicUsize = AtomicUsize::new(0);

/// How a client treats a write that got no answer: tries again `tries` times, `pause` apart
/// (an outbox keeps trying; a crashed server is tried again after its restart).
#[derive(Debug, Clone, Copy)]
struct Patience {
    tries: usize,
    pause: Duration,
    /// Counts the sends tried again, when given.
    retried: Option<&'static AtomicUsize>,
}

impl Patience {
    async fn wait(self) {
        if let Some(counter) = self.retried {
            counter.fetch_add(1, Ordering::Relaxed);
        }
        tokio::time::sleep(self.pause).await;
    }
}

/// Sends `writes` one after another with `client`; acknowledged ones go into `acked`. A 5xx
/// or a dropped connection is no answer; a posting's 409 (its id is there already) is an
/// acknowledgement of the earlier send.
async fn send_all(
    client: reqwest::Client,
    url: String,
    writes: Vec<Write>,
    acked: Acked,
    p: Patience,
) {
    for write in writes {
        for _ in 0..p.tries {
            let sent = client
                .post(format!("{url}{}", write.path))
                .json(&write.body)
                .send()
                .await;
            let Ok(response) = sent else {
                p.wait().await;
                continue;
            };
            let status = response.status().as_u16();
            let Ok(answer) = response.json::<Value>().await else {
                p.wait().await;
                continue;
            };
            if status >= 500 {
                p.wait().await;
                continue;
            }
            let posting_there = write.path == "/api/v1/postings" && status == 409;
            assert!(
                status == 201 || status == 200 || posting_there,
                "{status}: {answer}"
            );
            let token = answer["token"].as_str().unwrap_or_default().to_string();
            acked.lock().await.insert(write.id.clone(), token);
            break;
        }
    }
}

/// Sends the whole burst from `PHONES` phones and `EMPLOYERS` employers at once.
async fn burst(url: &str, (apps, postings): &(Vec<Write>, Vec<Write>), acked: &Acked, p: Patience) {
    // The employers sign in before anything is sent: the server is killed once a quarter of
    // the burst is acknowledged, which the phones alone may reach before a late sign-in.
    let mut employers = Vec::new();
    for _ in 0..EMPLOYERS {
        employers.push(demo_employer(url).await);
    }
    let mut senders = Vec::new();
    for part in apps.chunks(apps.len().div_ceil(PHONES)) {
        let client = reqwest::Client::new();
        let task = send_all(client, url.to_string(), part.to_vec(), acked.clone(), p);
        senders.push(tokio::spawn(task));
    }
    for (part, client) in postings
        .chunks(postings.len().div_ceil(EMPLOYERS))
        .zip(employers)
    {
        let task = send_all(client, url.to_string(), part.to_vec(), acked.clone(), p);
        senders.push(tokio::spawn(task));
    }
    for sender in senders {
        sender.await.unwrap();
    }
}

/// Waits until `n` writes were acknowledged.
async fn acknowledged(acked: &Acked, n: usize) {
    while acked.lock().await.len() < n {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// The first published posting of the server at `url`.
async fn a_posting(url: &str) -> String {
    let export = reqwest::get(format!("{url}/api/v1/export/postings.jsonl"))
        .await
        .unwrap();
    let text = export.text().await.unwrap();
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    first["id"].as_str().unwrap().to_string()
}

/// After the crash and the retries: every write kept once, each acknowledged one as it was
/// first answered, and the ledger intact.
async fn every_write_kept_once(
    db: &str,
    posting_id: &str,
    writes: &(Vec<Write>, Vec<Write>),
    first: &HashMap<String, String>,
    last: &HashMap<String, String>,
) {
    for (id, token) in first {
        assert_eq!(
            last.get(id),
            Some(token),
            "acknowledged {id} kept with its first answer"
        );
    }
    let store = SqlStore::connect(db).await.unwrap();
    let kept = store.applications_for(posting_id).await.unwrap();
    assert_eq!(
        kept.len(),
        writes.0.len(),
        "one record per application, no duplicate"
    );
    for posting in &writes.1 {
        assert!(
            store.posting(&posting.id).await.unwrap().is_some(),
            "{} kept",
            posting.id
        );
    }
    assert_eq!(
        ledger::verify(&store).await.unwrap().map(|_| ()),
        Ok(()),
        "the ledger is intact"
    );
    eprintln!(
        "crash: {} applications and {} postings; {} acknowledged in the first send, through the crash; all kept once, 0 lost, 0 duplicated, the ledger intact",
        writes.0.len(),
        writes.1.len(),
        first.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_burst_loses_no_acknowledged_write_and_retries_make_no_duplicate() {
    let db = database();
    let (mut server, url) = serve(&db);
    let posting_id = a_posting(&url).await;
    let writes = burst_of(&posting_id);
    let total = writes.0.len() + writes.1.len();
    let acked: Acked = Arc::default();
    let brief = Patience {
        tries: 5,
        pause: Duration::from_millis(20),
        retried: None,
    };
    let sending = {
        let (url, writes, acked) = (url.clone(), writes.clone(), acked.clone());
        tokio::spawn(async move { burst(&url, &writes, &acked, brief).await })
    };
    acknowledged(&acked, total / 4).await;
    server.kill().unwrap(); // SIGKILL: no shutdown, no flush
    server.wait().unwrap();
    sending.await.unwrap();
    let before_restart = acked.lock().await.clone();
    assert!(
        before_restart.len() >= total / 4 && before_restart.len() < total,
        "{}",
        before_restart.len()
    );
    // Restarted on the same file, the clients send everything again (they cannot know which
    // answers were lost); every write is taken, each acknowledged one with its first answer.
    let (mut server, url) = serve(&db);
    let resent: Acked = Arc::default();
    // The server is up now: a send that fails under load is tried until answered.
    let steady = Patience {
        tries: 50,
        pause: Duration::from_millis(100),
        retried: None,
    };
    burst(&url, &writes, &resent, steady).await;
    let resent = resent.lock().await.clone();
    assert_eq!(resent.len(), total, "every resend answered");
    server.kill().unwrap();
    server.wait().unwrap();
    every_write_kept_once(&db, &posting_id, &writes, &before_restart, &resent).await;
}

/// `scripts/pg.sh` on the crash test's own cluster (target/pg-crash, synchronous commits), so
/// restarting it disturbs no other test.
fn crash_cluster(command: &str) -> String {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/pg.sh");
    let out = std::process::Command::new("bash")
        .args([script, command])
        .env("LINGGONG_PG_DIR", "target/pg-crash")
        .env("LINGGONG_PG_DURABLE", "1")
        .output()
        .expect("run scripts/pg.sh");
    assert!(
        out.status.success(),
        "pg.sh {command}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_restarted_mid_burst_loses_no_acknowledged_write() {
    let db = new_pg_database(&crash_cluster("start")).await;
    let (mut server, url) = serve(&db);
    let posting_id = a_posting(&url).await;
    let writes = burst_of(&posting_id);
    let total = writes.0.len() + writes.1.len();
    let acked: Acked = Arc::default();
    // The clients keep trying through the outage (about a second or two).
    let patient = Patience {
        tries: 200,
        pause: Duration::from_millis(100),
        retried: Some(&RETRIED_DURING_OUTAGE),
    };
    let sending = {
        let (url, writes, acked) = (url.clone(), writes.clone(), acked.clone());
        tokio::spawn(async move { burst(&url, &writes, &acked, patient).await })
    };
    acknowledged(&acked, total / 4).await;
    let restarted = tokio::task::spawn_blocking(|| crash_cluster("restart"));
    restarted.await.unwrap();
    sending.await.unwrap();
    let answered = acked.lock().await.clone();
    assert_eq!(
        answered.len(),
        total,
        "every write answered once PostgreSQL was back"
    );
    let retried = RETRIED_DURING_OUTAGE.load(Ordering::Relaxed);
    assert!(
        retried > 0,
        "the restart happened mid-burst: sends went unanswered"
    );
    // The clients send everything again, as after any doubt: nothing doubles.
    let resent: Acked = Arc::default();
    burst(&url, &writes, &resent, patient).await;
    server.kill().unwrap();
    server.wait().unwrap();
    every_write_kept_once(
        &db,
        &posting_id,
        &writes,
        &answered,
        &resent.lock().await.clone(),
    )
    .await;
    crash_cluster("stop");
}
