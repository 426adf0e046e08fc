//! Makes a market database whose ledger holds N synthetic events, for the ledger benchmarks
//! of `scripts/bench-server.sh` (`ledger verify` over a million events, inclusion proofs
//! from a server over them). A million events through the API would take a quarter of an
//! hour; written here directly they take seconds, and they are what the server would have
//! written: the database is made by the server's own migrations
//! (`SqlStore::connect`), each row is what `store/sql/ledger.rs::append` inserts (the
//! entry's text from `Entry::numbered`, the hex of its `leaf_digest`, numbers from 1
//! without gaps, the `ledger_head` counter moved on in the same transaction), and the heads
//! are signed by the server's `LedgerCache`, after each of `--heads` equal parts, so
//! `verify` checks that many roots. Also adds the demo staff account (`DEMO_STAFF`,
//! `DEMO_PASSWORD`), which the proofs are asked as.
//!
//! ```text
//! ledger_fill --db URL --now RFC3339 [--events 1000000] [--heads 2] [--rows 20|500]
//! ```
//!
//! The events are a posting published and one application's way through (submitted,
//! offered, confirmed, arrived, completed), over and over, spread over the 30 days before
//! `--now`; the seeker hashes repeat every 5,000 applications, as seekers come back. Prints
//! `key=value` lines, as `server_load` does.

use std::process::ExitCode;
use std::time::Instant;

use linggong_benches::{Fail, Opts, SplitMix, put};
use linggong_core::Timestamp;
use linggong_server::ledger::{Entry, EntryDraft, LedgerCache, leaf_digest};
use linggong_server::store::{Actor, ActorRole, Backend, MarketStore, NewAccount, Role, SqlStore};
use linggong_server::{DEMO_PASSWORD, DEMO_STAFF, hash_password};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, AssertSqlSafe};

/// Events per transaction: few commits (each waits for the disk on SQLite), and no
/// transaction so big that PostgreSQL's or SQLite's log balloons.
const TX_EVENTS: i64 = 50_000;

/// Rows per `INSERT` (5 parameters each) by default: one round trip for many rows on
/// PostgreSQL; fewer on SQLite, where sqlx looks each parameter up by name among all of the
/// statement's (`sqlite3_bind_parameter_name`: quadratic in the parameters, 60% of the time
/// at 500 rows) and a statement costs no round trip to a server.
fn rows_per_insert(backend: Backend) -> i64 {
    match backend {
        Backend::Sqlite => 20,
        Backend::Postgres => 500,
    }
}

/// What an event of the cycle is, and who does it.
const CYCLE: [(&str, ActorRole); 6] = [
    ("posting.published", ActorRole::Employer),
    ("application.submitted", ActorRole::Seeker),
    ("application.offered", ActorRole::Employer),
    ("application.confirmed", ActorRole::Seeker),
    ("application.arrived", ActorRole::Employer),
    ("application.completed", ActorRole::Employer),
];

/// The account the employer's events name (the demo employer's id in a `--demo` market).
const EMPLOYER_ID: i64 = 2;

fn main() -> ExitCode {
    let result = Opts::parse(std::env::args().skip(1)).and_then(|opts| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?
            .block_on(fill(&opts))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ledger_fill: {e}");
            ExitCode::FAILURE
        }
    }
}

/// When and what the events are.
#[derive(Debug)]
struct Plan {
    events: i64,
    now: Timestamp,
}

impl Plan {
    /// Event `seq` (from 1) as the server would have drafted it.
    fn draft(&self, seq: i64) -> EntryDraft {
        let gig = (seq - 1) / CYCLE.len() as i64;
        let (kind, role) = CYCLE[((seq - 1) % CYCLE.len() as i64) as usize];
        let account_id = (role == ActorRole::Employer).then_some(EMPLOYER_ID);
        let actor = Actor::online(role, account_id);
        let span_s = 30 * 86_400;
        let at_s = self.now.unix_s() - span_s + (seq - 1) * span_s / self.events.max(1);
        let at = Timestamp::from_unix_s(at_s, self.now.offset_min());
        let posting = format!("bench-ledger-{gig:07}");
        if kind == "posting.published" {
            return EntryDraft::new(kind.into(), &posting, actor, at);
        }
        let draft = EntryDraft::new(kind.into(), &application_id(gig), actor, at);
        if kind != "application.submitted" {
            return draft;
        }
        let seeker = hex(&leaf_digest(&format!("seeker {}", gig % 5_000)));
        draft.with("posting", posting).with("seeker", seeker)
    }

    /// The row `append` writes for event `seq`: kind, at_s, entry, digest.
    fn row(&self, seq: i64) -> (String, i64, String, String) {
        let draft = self.draft(seq);
        let text = Entry::numbered(&draft, seq).text();
        let digest = hex(&leaf_digest(&text));
        (draft.kind, draft.at.unix_s(), text, digest)
    }
}

/// The id a phone made for gig `gig`'s application: a UUID v4, the same on every run.
fn application_id(gig: i64) -> String {
    let mut rng = SplitMix::new(gig as u64);
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
    bytes[8..].copy_from_slice(&rng.next_u64().to_le_bytes());
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// Lower-case hex, as the server writes digests (its own `hex` module is private).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [b >> 4, b & 15])
        .map(|d| char::from(DIGITS[usize::from(d)]))
        .collect()
}

/// `INSERT INTO ledger` of `rows` rows.
fn insert_sql(rows: i64) -> String {
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let params: Vec<String> = (1..=5).map(|k| format!("${}", r * 5 + k)).collect();
            format!("({})", params.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO ledger (seq, kind, at_s, entry, digest) VALUES {}",
        values.join(", ")
    )
}

/// Writes events `from..=to` and moves the counter to `to`, `TX_EVENTS` a transaction and
/// `rows` an `INSERT`.
async fn write(pool: &AnyPool, plan: &Plan, rows: i64, from: i64, to: i64) -> Result<(), Fail> {
    let full = insert_sql(rows);
    let mut seq = from;
    while seq <= to {
        let tx_end = (seq + TX_EVENTS - 1).min(to);
        let mut tx = pool.begin().await?;
        while seq <= tx_end {
            let n = (tx_end - seq + 1).min(rows);
            let sql = if n == rows {
                full.clone()
            } else {
                insert_sql(n)
            };
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for s in seq..seq + n {
                let (kind, at_s, text, digest) = plan.row(s);
                query = query.bind(s).bind(kind).bind(at_s).bind(text).bind(digest);
            }
            query.execute(&mut *tx).await?;
            seq += n;
        }
        sqlx::query("UPDATE ledger_head SET n = $1 WHERE id = 1")
            .bind(tx_end)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// The demo staff account, as `--demo` makes it.
async fn add_staff(store: &SqlStore, now: Timestamp) -> Result<(), Fail> {
    let account = NewAccount {
        phone: DEMO_STAFF.into(),
        name: "演示工作人员".into(),
        role: Role::Staff,
        password_hash: hash_password(DEMO_PASSWORD)?,
        created_at: now,
    };
    store.create_account(account).await?;
    Ok(())
}

/// Fills a fresh database's ledger, signing a head after each part.
async fn fill(o: &Opts) -> Result<(), Fail> {
    let plan = Plan {
        events: o.number("events", 1_000_000)?,
        now: o.now()?,
    };
    let heads: i64 = o.number("heads", 2)?;
    let store = SqlStore::connect(o.text("db")?).await?;
    let rows = o.number("rows", rows_per_insert(store.backend()))?.max(1);
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(store.url())
        .await?;
    let counter: i64 = sqlx::query_scalar("SELECT n FROM ledger_head WHERE id = 1")
        .fetch_one(&pool)
        .await?;
    if counter != 0 {
        return Err(
            format!("the ledger holds {counter} events already: give a fresh database").into(),
        );
    }
    let cache = LedgerCache::default();
    let (mut write_secs, mut sign_secs, mut written) = (0.0, 0.0, 0);
    for part in 1..=heads.max(1) {
        let upto = plan.events * part / heads.max(1);
        let t = Instant::now();
        write(&pool, &plan, rows, written + 1, upto).await?;
        write_secs += t.elapsed().as_secs_f64();
        written = upto;
        let t = Instant::now();
        let head = cache.signed(&store, plan.now).await?.head;
        sign_secs += t.elapsed().as_secs_f64();
        if head.size != upto {
            return Err(format!("signed a head of {} events, not {upto}", head.size).into());
        }
    }
    add_staff(&store, plan.now).await?;
    put("ledger_fill_events", written);
    put("ledger_fill_heads", heads.max(1));
    put("ledger_fill_secs", format!("{write_secs:.2}"));
    put(
        "ledger_fill_per_s",
        format!("{:.0}", written as f64 / write_secs.max(1e-9)),
    );
    put("ledger_fill_sign_secs", format!("{sign_secs:.2}"));
    Ok(())
}
