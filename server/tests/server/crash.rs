//! A server killed with `kill -9` in the middle of a burst of applications: it loses none it
//! acknowledged, the outbox's retries after the restart make no duplicate, each resend of an
//! acknowledged application gets its first answer, and the ledger is intact. `make test` runs
//! it at this small size; the load benchmark runs larger bursts.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use linggong_server::ledger;
use linggong_server::store::{MarketStore, SqlStore};
use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::command::{database, serve};

/// Applications in the burst, and senders sending them at once.
const APPLICATIONS: usize = 600;
const SENDERS: usize = 12;
/// The server is killed once this many were acknowledged.
const KILL_AFTER: usize = 150;

fn application(i: usize, posting: &str) -> (String, Value) {
    let id = uuid::Uuid::new_v4().hyphenated().to_string();
    let body = json!({"id": id, "posting_id": posting, "name": "王师傅",
        "phone": format!("139{i:08}"), "created_at": "2026-11-23T08:59:00+08:00"});
    (id, body)
}

/// Sends `bodies`; the token of each acknowledged one goes into `acked`.
async fn send_all(
    url: String,
    bodies: Vec<(String, Value)>,
    acked: Arc<Mutex<HashMap<String, String>>>,
    count: Arc<AtomicUsize>,
) {
    let client = reqwest::Client::new();
    for (id, body) in bodies {
        // As an outbox does: a send that fails is tried again a few times (a connection can
        // drop under load); once the server is gone for good, it waits for the restart.
        let mut sent = None;
        for _ in 0..5 {
            match client
                .post(format!("{url}/api/v1/applications"))
                .json(&body)
                .send()
                .await
            {
                Ok(response) => {
                    sent = Some(response);
                    break;
                }
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
            }
        }
        let Some(response) = sent else {
            continue;
        };
        let status = response.status().as_u16();
        let Ok(answer) = response.json::<Value>().await else {
            continue;
        };
        assert!(status == 201 || status == 200, "{status}: {answer}");
        let token = answer["token"].as_str().unwrap().to_string();
        acked.lock().await.insert(id, token);
        count.fetch_add(1, Ordering::SeqCst);
    }
}

async fn burst(
    url: &str,
    apps: &[(String, Value)],
    acked: &Arc<Mutex<HashMap<String, String>>>,
) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    let chunk = apps.len().div_ceil(SENDERS);
    let senders: Vec<_> = apps
        .chunks(chunk)
        .map(|part| {
            let task = send_all(url.to_string(), part.to_vec(), acked.clone(), count.clone());
            tokio::spawn(task)
        })
        .collect();
    for sender in senders {
        sender.await.unwrap();
    }
    count
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_burst_loses_no_acknowledged_application_and_retries_make_no_duplicate()
{
    let db = database();
    let (mut server, url) = serve(&db);
    let export = reqwest::get(format!("{url}/api/v1/export/postings.jsonl"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let first: Value = serde_json::from_str(export.lines().next().unwrap()).unwrap();
    let posting = first["id"].as_str().unwrap().to_string();
    let apps: Vec<(String, Value)> = (0..APPLICATIONS)
        .map(|i| application(i, &posting))
        .collect();
    let acked = Arc::new(Mutex::new(HashMap::new()));
    // The burst, and kill -9 once enough were acknowledged.
    let sending = {
        let (url, apps, acked) = (url.clone(), apps.clone(), acked.clone());
        tokio::spawn(async move { burst(&url, &apps, &acked).await })
    };
    while acked.lock().await.len() < KILL_AFTER {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    server.kill().unwrap(); // SIGKILL: no shutdown, no flush
    server.wait().unwrap();
    sending.await.unwrap();
    let before_restart: HashMap<String, String> = acked.lock().await.clone();
    assert!(
        before_restart.len() >= KILL_AFTER && before_restart.len() < APPLICATIONS,
        "{}",
        before_restart.len()
    );
    // Restarted on the same file, the outbox sends everything again (it cannot know which
    // answers were lost); every one is taken, each acknowledged one with its first token.
    let (mut server, url) = serve(&db);
    let resent = Arc::new(Mutex::new(HashMap::new()));
    let count = burst(&url, &apps, &resent).await;
    assert_eq!(
        count.load(Ordering::SeqCst),
        APPLICATIONS,
        "every resend answered"
    );
    let resent = resent.lock().await;
    for (id, token) in &before_restart {
        assert_eq!(
            resent.get(id),
            Some(token),
            "acknowledged {id} kept with its first answer"
        );
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let store = SqlStore::connect(&db).await.unwrap();
    let kept = store.applications_for(&posting).await.unwrap();
    assert_eq!(
        kept.len(),
        APPLICATIONS,
        "one record per application, no duplicate"
    );
    assert_eq!(
        ledger::verify(&store).await.unwrap().map(|_| ()),
        Ok(()),
        "the ledger is intact"
    );
}
