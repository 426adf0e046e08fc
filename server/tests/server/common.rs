//! What the tests share: a fresh database of each kind, a fixed "now", clean postings.

use std::sync::OnceLock;

use linggong_core::{Posting, Timestamp, parse_posting};
use linggong_server::store::SqlStore;
use sqlx::Executor;

/// The instant the tests run at (no test reads the clock).
pub const NOW: &str = "2026-11-23T09:00:00+08:00";

pub fn now() -> Timestamp {
    NOW.parse().unwrap()
}

/// `hours` after [`NOW`].
pub fn hours_after(hours: i64) -> Timestamp {
    Timestamp::from_unix_s(now().unix_s() + hours * 3600, 480)
}

/// A clean posting (the audit finds nothing) at `lat`, 118.79, paying `pay` a day.
pub fn posting_at(id: &str, lat: f64, pay: u32) -> Posting {
    let text = format!(
        r#"{{"id": "{id}", "title": "商场日常保洁", "trade": "保洁员", "skills": ["不限"],
        "content": "商场日常保洁，男女不限，提供工具",
        "location": {{"lat": {lat}, "lng": 118.79, "address": "南京市玄武区中山路1号"}},
        "schedule": {{"start": "{start}", "end": "{end}", "hours_per_day": 8}},
        "pay": {{"amount": {pay}, "unit": "day", "settlement": "same_day"}}, "headcount": 2,
        "employer": {{"name": "玄武区某物业公司", "contact": "13800000000", "verified": true}},
        "posted_at": "{NOW}", "valid_through": "{valid}"}}"#,
        start = hours_after(24),
        end = hours_after(32),
        valid = hours_after(23),
    );
    parse_posting(&text).unwrap()
}

/// A clean posting near Nanjing.
pub fn posting(id: &str) -> Posting {
    posting_at(id, 32.06, 200)
}

static UNIQUE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

fn unique_name() -> String {
    let n = UNIQUE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!(
        "t{}_{n}_{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    )
}

/// A new SQLite database in a file of its own.
/// Runs `sql` on the store's database behind its back (to tamper with it, or to make it look
/// as an older version left it).
pub async fn raw_sql(store: &SqlStore, sql: &str) {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(store.url()).await.unwrap();
    pool.execute(sqlx::AssertSqlSafe(sql.to_string()))
        .await
        .unwrap();
    pool.close().await;
}

pub async fn sqlite_store() -> SqlStore {
    let dir = std::env::temp_dir().join("linggong-server-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.db", unique_name()));
    SqlStore::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap()
}

/// The URL of the test PostgreSQL: `LINGGONG_TEST_PG_URL`, or the throwaway cluster
/// `scripts/pg.sh start` runs (started once per test process).
fn pg_admin_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(url) = std::env::var("LINGGONG_TEST_PG_URL") {
            return url;
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/pg.sh");
        let out = std::process::Command::new("bash")
            .arg(script)
            .arg("start")
            .output()
            .expect("run scripts/pg.sh");
        assert!(
            out.status.success(),
            "scripts/pg.sh start failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    })
}

/// A new, empty PostgreSQL database on the server `url` names (any database of it): its URL.
pub async fn new_pg_database(url: &str) -> String {
    sqlx::any::install_default_drivers();
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let (server, _) = path.rsplit_once('/').unwrap();
    let name = unique_name();
    let admin = sqlx::AnyPool::connect(url)
        .await
        .expect("connect to the test PostgreSQL");
    admin
        .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .unwrap();
    admin.close().await;
    format!("{server}/{name}?{query}")
}

/// A new, empty PostgreSQL database of its own on the test server.
pub async fn pg_store() -> SqlStore {
    SqlStore::connect(&new_pg_database(pg_admin_url()).await)
        .await
        .unwrap()
}

/// Runs each named test function (taking a store) on SQLite and on PostgreSQL.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(crate::common::sqlite_store().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(crate::common::pg_store().await).await;
                }
            )*
        }
    };
}
pub(crate) use on_both_databases;
