//! The `linggong-server` binary itself: `--demo` on a new SQLite file, `staff add` with the
//! password on standard input, and `report` agreeing with `GET /api/v1/stats` (its JSON, and
//! its Markdown and CSV downloads byte for byte).

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_linggong-server");

pub(crate) fn database() -> String {
    let dir = std::env::temp_dir().join("linggong-server-tests");
    std::fs::create_dir_all(&dir).unwrap();
    format!(
        "sqlite://{}",
        dir.join(format!("cmd-{}.db", uuid::Uuid::new_v4().simple()))
            .display()
    )
}

/// Starts the server on a free port and returns it with its URL (read from its first line).
pub(crate) fn serve(db: &str) -> (Child, String) {
    serve_with(db, &[])
}

/// [`serve`] with more environment variables.
fn serve_with(db: &str, env: &[(&str, &str)]) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args([
            "--db",
            db,
            "--listen",
            "127.0.0.1:0",
            "--demo",
            "--demo-postings",
            "200",
        ])
        .env("LINGGONG_NOW", crate::common::NOW)
        .env("LINGGONG_RATE_LIMIT", "off")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let Some(url) = first.split_whitespace().find(|w| w.starts_with("http://")) else {
        let out = child.wait_with_output().unwrap();
        panic!(
            "no URL in {first:?}; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let url = url.trim_end_matches('/').to_string();
    (child, url)
}

#[tokio::test]
async fn the_demo_server_starts_seeded_and_its_report_matches_the_api() {
    let db = database();
    let (mut server, url) = serve(&db);
    let manifest: Value = reqwest::get(format!("{url}/data/manifest.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        manifest["counts"]["postings"].as_u64().unwrap() > 150,
        "{}",
        manifest["counts"]
    );
    let demo = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let sign_in =
        json!({"phone": linggong_server::DEMO_STAFF, "password": linggong_server::DEMO_PASSWORD});
    assert_eq!(
        demo.post(format!("{url}/api/v1/session"))
            .json(&sign_in)
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    let api: Value = reqwest::get(format!("{url}/api/v1/stats?month=2026-11"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut files = Vec::new();
    for (month, format) in [
        ("2026-11", "md"),
        ("2026-11", "csv"),
        ("", "md"),
        ("", "csv"),
    ] {
        let path = format!("{url}/api/v1/stats?month={month}&format={format}");
        let path = path.replace("month=&", "");
        let text = reqwest::get(path).await.unwrap().text().await.unwrap();
        files.push((month, format, text));
    }
    server.kill().unwrap();
    server.wait().unwrap();
    // The downloads are what `report` prints, byte for byte.
    for (month, format, downloaded) in files {
        let mut args = vec!["report", "--db", &db, "--format", format];
        if !month.is_empty() {
            args.extend(["--month", month]);
        }
        let printed = Command::new(BIN).args(&args).output().unwrap().stdout;
        assert_eq!(
            downloaded,
            String::from_utf8(printed).unwrap(),
            "{month} {format}"
        );
    }
    let out = Command::new(BIN)
        .args([
            "report", "--db", &db, "--month", "2026-11", "--format", "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap(), api);
    let csv = Command::new(BIN)
        .args(["report", "--db", &db, "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(csv.stdout)
            .unwrap()
            .starts_with("group,key,name,postings")
    );
}

#[test]
fn staff_add_reads_the_password_from_stdin_and_refuses_a_short_one() {
    let db = database();
    let add = |password: &str| {
        let mut child = Command::new(BIN)
            .args([
                "staff",
                "add",
                "--db",
                &db,
                "--phone",
                "13900000007",
                "--name",
                "柜台工作人员",
            ])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(password.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let short = add("short\n");
    assert_eq!(short.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&short.stderr).contains("password"));
    assert!(add("a-long-password\n").status.success());
    let again = add("a-long-password\n");
    assert_eq!(again.status.code(), Some(2), "one account per phone");
    let bad_db = Command::new(BIN)
        .args(["report", "--db", "mysql://x"])
        .output()
        .unwrap();
    assert_eq!(bad_db.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_db.stderr).contains("sqlite://"));
}

fn ledger(db: &str, what: &str) -> std::process::Output {
    Command::new(BIN)
        .args(["ledger", what, "--db", db])
        .env("LINGGONG_NOW", crate::common::NOW)
        .output()
        .unwrap()
}

#[tokio::test]
async fn ledger_verify_exits_0_on_an_intact_ledger_and_1_naming_the_first_changed_event() {
    let db = database();
    let (mut server, _) = serve(&db);
    server.kill().unwrap();
    server.wait().unwrap();
    let signed = ledger(&db, "checkpoint");
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    let head: Value = serde_json::from_slice(&signed.stdout).unwrap();
    let size = head["size"].as_i64().unwrap();
    assert!(
        size > 100,
        "the demo's publications are in the ledger: {head}"
    );
    let export = Command::new(BIN)
        .args(["ledger", "export", "--db", &db, "--month", "2026-11"])
        .output()
        .unwrap();
    let csv = String::from_utf8(export.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("seq,at,kind,subject,actor,actor_id,channel,detail")
    );
    assert_eq!(
        lines.count() as i64,
        size,
        "every event of the demo is in November"
    );
    let intact = ledger(&db, "verify");
    assert_eq!(intact.status.code(), Some(0));
    let said = String::from_utf8_lossy(&intact.stdout).to_string();
    assert_eq!(
        said.trim(),
        format!("ledger intact: {size} events, 1 signed heads")
    );
    // Someone with the database file edits the 42nd event.
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&db).await.unwrap();
    sqlx::query(
        "UPDATE ledger SET entry = REPLACE(entry, '\"online\"', '\"offline\"') WHERE seq = 42",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    let broken = ledger(&db, "verify");
    assert_eq!(broken.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&broken.stderr).trim(),
        "linggong-server: ledger not intact: event #42 does not match what was written"
    );
}

/// Signs the demo employer in on the server at `url`; the status.
async fn demo_sign_in(url: &str) -> reqwest::StatusCode {
    let body = json!({"phone": linggong_server::DEMO_EMPLOYER, "password": linggong_server::DEMO_PASSWORD});
    reqwest::Client::new()
        .post(format!("{url}/api/v1/session"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_pepper_set_later_rehashes_each_password_at_its_next_sign_in() {
    let db = database();
    let pepper = [("LINGGONG_PASSWORD_PEPPER", "kept-in-the-environment")];
    let (mut server, _) = serve(&db); // the demo accounts, hashed without a pepper
    server.kill().unwrap();
    server.wait().unwrap();
    // With the pepper: the old hash still signs in, and is replaced by a peppered one.
    for (env, expected) in [
        (&pepper[..], reqwest::StatusCode::NO_CONTENT),
        (&[][..], reqwest::StatusCode::UNAUTHORIZED),
        (&pepper[..], reqwest::StatusCode::NO_CONTENT),
    ] {
        let (mut server, url) = serve_with(&db, env);
        assert_eq!(
            demo_sign_in(&url).await,
            expected,
            "pepper set: {}",
            !env.is_empty()
        );
        server.kill().unwrap();
        server.wait().unwrap();
    }
}

/// A client signed in as the demo employer of the server at `url`.
pub(crate) async fn demo_employer(url: &str) -> reqwest::Client {
    let client = crate::api::browser();
    let body = json!({"phone": linggong_server::DEMO_EMPLOYER, "password": linggong_server::DEMO_PASSWORD});
    let signed = client
        .post(format!("{url}/api/v1/session"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), reqwest::StatusCode::NO_CONTENT);
    client
}
