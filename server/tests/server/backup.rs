//! Backups under load, on both databases: `linggong-server backup` taken from the real binary
//! while a few clients apply and post, then `restore` into a new database. The restored ledger
//! verifies; every application acknowledged before the backup began is in it (its first token
//! opens it on the restored server), none sent after the backup ended is; the restored server's
//! feed is the original's up to the restored cursor. Then what a restore refuses, each with a
//! message and exit status 2: a database that holds anything, a backup cut short, a file that
//! is no backup, a backup of the other database; and a backup refuses to overwrite a file.

use std::process::{Command, Output};
use std::sync::Arc;
use std::time::Duration;

use linggong_server::store::{Backend, MarketStore, SqlStore};
use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::command::{database, serve};
use crate::common::{new_pg_database, on_both_databases, posting};

const BIN: &str = env!("CARGO_BIN_EXE_linggong-server");

/// Clients applying at once, applications each, postings sent meanwhile by one employer.
const APPLICANTS: usize = 3;
const APPLICATIONS_EACH: usize = 80;
const POSTINGS: usize = 30;
/// The backup is taken once this many applications were acknowledged.
const BACKUP_AFTER: usize = 60;

/// Acknowledged applications: (id, token).
type Acked = Arc<Mutex<Vec<(String, String)>>>;

fn application(n: usize, posting_id: &str) -> Value {
    json!({"id": uuid::Uuid::new_v4().hyphenated().to_string(), "posting_id": posting_id,
        "name": "王师傅", "phone": format!("139{n:08}"), "created_at": "2026-11-23T08:59:00+08:00"})
}

/// Sends applications `from..to` one after another; each acknowledged one goes into `acked`.
async fn apply(url: String, posting_id: String, from: usize, to: usize, acked: Acked) {
    let client = reqwest::Client::new();
    for n in from..to {
        let body = application(n, &posting_id);
        let response = client
            .post(format!("{url}/api/v1/applications"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "{body}");
        let answer: Value = response.json().await.unwrap();
        let token = answer["token"].as_str().unwrap().to_string();
        acked
            .lock()
            .await
            .push((body["id"].as_str().unwrap().to_string(), token));
    }
}

/// The demo employer, signed in.
async fn employer(url: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let sign_in = json!({"phone": linggong_server::DEMO_EMPLOYER,
        "password": linggong_server::DEMO_PASSWORD});
    let status = client
        .post(format!("{url}/api/v1/session"))
        .json(&sign_in)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
    client
}

/// Posts clean postings `bk-{from}` … `bk-{to - 1}`, each published at once (a feed change).
async fn post(url: String, client: reqwest::Client, from: usize, to: usize) {
    for n in from..to {
        let body = serde_json::to_value(posting(&format!("bk-{n}"))).unwrap();
        let response = client
            .post(format!("{url}/api/v1/postings"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// `linggong-server ARGS`, off the async threads.
async fn run(args: Vec<String>) -> Output {
    tokio::task::spawn_blocking(move || Command::new(BIN).args(&args).output().unwrap())
        .await
        .unwrap()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|a| a.to_string()).collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A refusal: exit status 2 and a message naming `what`, never a panic.
fn refused(out: &Output, what: &str) {
    let message = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{message}");
    assert!(
        message.starts_with("linggong-server: ") && message.contains(what),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
}

/// A new, empty database of the same kind as `store`'s: an SQLite path that does not exist
/// yet, or a PostgreSQL database without tables on the same server.
async fn empty_database(store: &SqlStore) -> String {
    match store.backend() {
        Backend::Sqlite => database(),
        Backend::Postgres => new_pg_database(store.url()).await,
    }
}

fn backup_file() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join("linggong-server-tests");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("backup-{}.lgb", uuid::Uuid::new_v4().simple()))
}

/// Every page of `url`'s feed from the start, as `(after, page)`.
async fn feed_pages(url: &str, limit: usize) -> Vec<(String, Value)> {
    let mut pages = Vec::new();
    let mut after = "0".to_string();
    loop {
        let page: Value = reqwest::get(format!("{url}/api/v1/feed?after={after}&limit={limit}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if page["changes"].as_array().unwrap().is_empty() {
            return pages;
        }
        let next = page["cursor"].as_str().unwrap().to_string();
        pages.push((std::mem::replace(&mut after, next), page));
    }
}

async fn a_backup_under_load_restores_a_consistent_market(store: SqlStore) {
    let db = store.url().to_string();
    let (mut original, url) = tokio::task::spawn_blocking({
        let db = db.clone();
        move || serve(&db)
    })
    .await
    .unwrap();
    let export = reqwest::get(format!("{url}/api/v1/export/postings.jsonl"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let first: Value = serde_json::from_str(export.lines().next().unwrap()).unwrap();
    let posting_id = first["id"].as_str().unwrap().to_string();
    let employer = employer(&url).await;

    // The load: applicants and an employer at once.
    let acked: Acked = Arc::default();
    let mut load: Vec<_> = (0..APPLICANTS)
        .map(|a| {
            let from = a * APPLICATIONS_EACH;
            let task = apply(
                url.clone(),
                posting_id.clone(),
                from,
                from + APPLICATIONS_EACH,
                acked.clone(),
            );
            tokio::spawn(task)
        })
        .collect();
    load.push(tokio::spawn(post(
        url.clone(),
        employer.clone(),
        0,
        POSTINGS,
    )));

    // The backup, mid-way: what was acknowledged before it began must be in it.
    while acked.lock().await.len() < BACKUP_AFTER {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let before: Vec<(String, String)> = acked.lock().await.clone();
    let file = backup_file();
    let out_path = file.display().to_string();
    let backup = run(args(&["backup", "--db", &db, "--out", &out_path])).await;
    assert!(backup.status.success(), "{}", stderr(&backup));
    let during = acked.lock().await.len();
    // After the backup ended: an application and a posting that must not be in it.
    let after: Acked = Arc::default();
    let total = APPLICANTS * APPLICATIONS_EACH;
    apply(
        url.clone(),
        posting_id.clone(),
        total,
        total + 1,
        after.clone(),
    )
    .await;
    post(url.clone(), employer, POSTINGS, POSTINGS + 1).await;
    for task in load {
        task.await.unwrap();
    }
    assert_eq!(acked.lock().await.len(), total);
    eprintln!(
        "{}: {} acknowledged before the backup began, {during} when it ended",
        store.backend().name(),
        before.len()
    );

    // Restored into a new database, the ledger verifies.
    let target = empty_database(&store).await;
    let restore = run(args(&["restore", "--from", &out_path, "--db", &target])).await;
    assert!(restore.status.success(), "{}", stderr(&restore));
    // Both say what the backup holds ("feed cursor N, N ledger events, …"), the same.
    let said = |out: &Output| {
        let line = String::from_utf8_lossy(&out.stdout).into_owned();
        let from = line.find("feed cursor").unwrap();
        let to = line[from..].find(" applications").unwrap();
        line[from..from + to].to_string()
    };
    assert_eq!(said(&backup), said(&restore));
    let verify = run(args(&["ledger", "verify", "--db", &target])).await;
    assert!(verify.status.success(), "{}", stderr(&verify));
    assert!(String::from_utf8_lossy(&verify.stdout).starts_with("ledger intact: "));

    // Every application acknowledged before the backup began is in it, and opens with its
    // first token on the restored server; the one sent after it ended is not.
    let restored_store = SqlStore::connect(&target).await.unwrap();
    for (id, _) in &before {
        assert!(
            restored_store.application(id).await.unwrap().is_some(),
            "{id} acknowledged before the backup"
        );
    }
    let (late, _) = after.lock().await[0].clone();
    assert!(restored_store.application(&late).await.unwrap().is_none());
    let (mut restored, restored_url) = tokio::task::spawn_blocking({
        let target = target.clone();
        move || serve(&target)
    })
    .await
    .unwrap();
    let client = reqwest::Client::new();
    for (id, token) in &before {
        let response = client
            .get(format!("{restored_url}/api/v1/applications/{id}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{id}");
    }

    // The restored feed is the original's up to the restored cursor; the original went on.
    let cursor = restored_store.latest_cursor().await.unwrap();
    let pages = feed_pages(&restored_url, 50).await;
    assert_eq!(
        pages.last().unwrap().1["cursor"].as_str().unwrap(),
        cursor.to_string()
    );
    for (after, page) in &pages {
        let n = page["changes"].as_array().unwrap().len();
        let same: Value = reqwest::get(format!("{url}/api/v1/feed?after={after}&limit={n}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(&same, page, "the feed after {after}");
    }
    assert!(store.latest_cursor().await.unwrap() > cursor);
    original.kill().unwrap();
    original.wait().unwrap();
    restored.kill().unwrap();
    restored.wait().unwrap();

    refusals(&store, &db, &file, &target).await;
}

/// What `restore` and `backup` refuse, with the backup `file` of `db` and the database
/// `target` it was restored into.
async fn refusals(store: &SqlStore, db: &str, file: &std::path::Path, target: &str) {
    let file = file.display().to_string();
    // A database that holds anything (the one just restored).
    let again = run(args(&["restore", "--from", &file, "--db", target])).await;
    refused(&again, "a restore goes into a new, empty database only");
    // A backup cut short: refused, and the new database is left empty.
    let bytes = std::fs::read(&file).unwrap();
    let cut = backup_file();
    std::fs::write(&cut, &bytes[..bytes.len() * 9 / 10]).unwrap();
    let empty = empty_database(store).await;
    let out = run(args(&[
        "restore",
        "--from",
        &cut.display().to_string(),
        "--db",
        &empty,
    ]))
    .await;
    match store.backend() {
        Backend::Sqlite => {
            refused(&out, "cut short");
            let path = empty.trim_start_matches("sqlite://");
            assert!(!std::path::Path::new(path).exists());
        }
        Backend::Postgres => {
            refused(&out, "Nothing was restored");
            let check = sqlx::AnyPool::connect(&empty).await.unwrap();
            let tables: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'",
            )
            .fetch_one(&check)
            .await
            .unwrap();
            assert_eq!(tables, 0, "left empty");
            check.close().await;
        }
    }
    // A file that is no backup.
    let text = backup_file();
    std::fs::write(&text, "id,name\n1,王师傅\n").unwrap();
    let out = run(args(&[
        "restore",
        "--from",
        &text.display().to_string(),
        "--db",
        target,
    ]))
    .await;
    refused(&out, "neither an SQLite database nor a pg_dump archive");
    // A backup of the other database.
    let other = match store.backend() {
        Backend::Sqlite => "postgres://nobody@localhost/nothing".to_string(),
        Backend::Postgres => database(),
    };
    let out = run(args(&["restore", "--from", &file, "--db", &other])).await;
    refused(&out, "restores into");
    // A backup over a file.
    let out = run(args(&["backup", "--db", db, "--out", &file])).await;
    refused(&out, "exists already");
    for path in [file.into(), cut, text] {
        let _ = std::fs::remove_file::<std::path::PathBuf>(path);
    }
}

on_both_databases!(a_backup_under_load_restores_a_consistent_market);
