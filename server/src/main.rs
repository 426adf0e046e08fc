//! `linggong-server`: the market's server. Only `main` turns errors into exit statuses:
//! 0 done, 1 a check failed, 2 the command could not run (bad arguments, no database).

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

mod backup_cmd;
mod ledger_cmd;

use clap::{Args, Parser, Subcommand, ValueEnum};
use linggong_core::{Period, Timestamp};
use linggong_server::clock::{CHINA_OFFSET_MIN, Clock, ManualClock, SystemClock};
use linggong_server::store::{MarketStore, NewAccount, Role, SqlStore};
use linggong_server::{
    AppState, DEMO_EMPLOYER, DEMO_PASSWORD, DEMO_STAFF, MarketConfig, ReportFile, hash_password,
    report, router, seed_demo, with_static,
};

/// The gig market's server: postings, moderation, the change feed, snapshot tiles, export
/// and statistics, on SQLite (one file) or PostgreSQL.
#[derive(Debug, Parser)]
#[command(
    name = "linggong-server",
    version,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Staff accounts.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// The month's figures from the database.
    Report(ReportArgs),
    /// The service ledger (台账).
    #[command(subcommand)]
    Ledger(ledger_cmd::LedgerCommand),
    // `backup` and `restore`.
    #[command(flatten)]
    Backups(backup_cmd::BackupCommand),
}

#[derive(Debug, Subcommand)]
enum StaffCommand {
    /// Creates a staff account; the password is read from standard input.
    Add(StaffArgs),
}

#[derive(Debug, Args)]
pub(crate) struct Db {
    /// The database: sqlite://PATH (created when missing) or postgres://…
    #[arg(long, default_value = "sqlite://linggong.db")]
    pub(crate) db: String,
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    db: Db,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Seed an empty database with the demo data and accounts.
    #[arg(long)]
    demo: bool,
    /// How many demo postings `--demo` seeds.
    #[arg(long, default_value_t = 20_000)]
    demo_postings: usize,
    /// Serve the built apps from this folder (the seeker app at /, the H5 page at /h5/).
    #[arg(long = "static")]
    static_dir: Option<PathBuf>,
    /// Every posting waits for staff, even one the audit finds clean.
    #[arg(long)]
    review_all: bool,
    /// Send cookies over HTTPS only (behind a TLS proxy).
    #[arg(long)]
    secure_cookies: bool,
    /// Hours a seeker has to confirm an offer before it expires (结果确认).
    #[arg(long, default_value_t = linggong_server::DEFAULT_OFFER_HOURS)]
    offer_hours: u32,
    /// The reverse proxy in front (its address): the abuse limits then count the client
    /// address it names last in `X-Forwarded-For`, not the proxy's own.
    #[arg(long)]
    trusted_proxy: Option<std::net::IpAddr>,
    /// Live feed streams this process holds open at most; beyond, clients poll.
    #[arg(long, default_value_t = linggong_server::DEFAULT_MAX_STREAMS)]
    max_streams: usize,
}

#[derive(Debug, Args)]
struct StaffArgs {
    #[command(flatten)]
    db: Db,
    /// The sign-in phone number.
    #[arg(long)]
    phone: String,
    /// The name shown.
    #[arg(long)]
    name: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Md,
    Json,
    Csv,
}

#[derive(Debug, Args)]
struct ReportArgs {
    #[command(flatten)]
    db: Db,
    /// The month, YYYY-MM (China Standard Time); every month when absent.
    #[arg(long)]
    month: Option<String>,
    /// Markdown for people, JSON or CSV for programs.
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("linggong-server: {e}");
            ExitCode::from(2)
        }
    }
}

pub(crate) type Failure = Box<dyn std::error::Error>;

fn run() -> Result<ExitCode, Failure> {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        match cli.command {
            None => serve(cli.serve).await,
            Some(Command::Staff(StaffCommand::Add(args))) => add_staff(args).await,
            Some(Command::Report(args)) => print_report(args).await,
            Some(Command::Ledger(command)) => ledger_cmd::run(command).await,
            Some(Command::Backups(command)) => backup_cmd::run(command).await,
        }
    })
}

/// "Now": the system clock, or the instant in `LINGGONG_NOW` (tests and demos at a fixed
/// time, as the seeker app's test suite runs).
pub(crate) fn clock() -> Result<Arc<dyn Clock>, Failure> {
    match std::env::var("LINGGONG_NOW") {
        Ok(text) => {
            let now: Timestamp = text
                .parse()
                .map_err(|e| format!("LINGGONG_NOW `{text}`: {e}"))?;
            Ok(Arc::new(ManualClock::new(now)))
        }
        Err(_) => Ok(Arc::new(SystemClock)),
    }
}

async fn serve(args: ServeArgs) -> Result<ExitCode, Failure> {
    let store = SqlStore::connect(&args.db.db).await?;
    let clock = clock()?;
    if args.demo
        && let Some(seeded) = seed_demo(&store, args.demo_postings, clock.now()).await?
    {
        eprintln!(
            "linggong-server: demo data: {} published, {} waiting for review, {} refused by the audit",
            seeded.published, seeded.pending, seeded.refused
        );
    }
    let config = MarketConfig {
        review_all: args.review_all,
        secure_cookies: args.secure_cookies,
        offer_hours: args.offer_hours,
        rate_limits: std::env::var("LINGGONG_RATE_LIMIT").map_or(true, |v| v != "off"),
        trusted_proxy: args.trusted_proxy,
        max_streams: args.max_streams,
    };
    let state = AppState::new(store.clone(), clock.clone(), config);
    let mut app = router(state.clone());
    if let Some(dir) = &args.static_dir {
        app = with_static(app, dir);
    }
    tokio::spawn(expire_every_minute(state.clone()));
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    let backend = SqlStore::backend_of(&args.db.db).map_or("?", |b| b.name());
    say(&format!(
        "linggong-server: http://{addr}/ ({backend}: {})",
        args.db.db
    ));
    if args.static_dir.is_some() {
        say(&format!(
            "  the desk (工作台) for employers and staff: http://{addr}/desk/"
        ));
    }
    if args.demo {
        say(&format!(
            "  demo staff:    phone {DEMO_STAFF}, password {DEMO_PASSWORD}"
        ));
        say(&format!(
            "  demo employer: phone {DEMO_EMPLOYER}, password {DEMO_PASSWORD}"
        ));
    }
    let app = app.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(ExitCode::SUCCESS)
}

/// A line on standard output. A server keeps serving when nobody reads its output any more
/// (`println!` would panic on the closed pipe).
pub(crate) fn say(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

/// Takes postings past their `valid_through` off the market (a removal in the feed),
/// expires offers the seeker did not confirm in time, and signs the ledger's head when it grew.
async fn expire_every_minute(state: AppState<SqlStore>) {
    let (store, clock) = (&state.store, &state.clock);
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tick.tick().await;
        if let Err(e) = store.expire_due(clock.now()).await {
            eprintln!("linggong-server: expiring postings failed: {e}");
        }
        if let Err(e) = store.expire_offers(clock.now()).await {
            eprintln!("linggong-server: expiring offers failed: {e}");
        }
        if let Err(e) = state.ledger().signed(store, clock.now()).await {
            eprintln!("linggong-server: signing the ledger's head failed: {e}");
        }
    }
}

async fn add_staff(args: StaffArgs) -> Result<ExitCode, Failure> {
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']);
    linggong_server::check_new_account(&args.phone, password, &args.name)?;
    let store = SqlStore::connect(&args.db.db).await?;
    let account = NewAccount {
        phone: args.phone.clone(),
        name: args.name.trim().to_string(),
        role: Role::Staff,
        password_hash: hash_password(password)?,
        created_at: clock()?.now(),
    };
    let id = store.create_account(account).await?;
    eprintln!("linggong-server: staff account {id} for {}", args.phone);
    Ok(ExitCode::SUCCESS)
}

async fn print_report(args: ReportArgs) -> Result<ExitCode, Failure> {
    let period = args
        .month
        .as_deref()
        .map(|m| Period::month(m, CHINA_OFFSET_MIN))
        .transpose()?;
    let store = SqlStore::connect(&args.db.db).await?;
    let report = report(&store, period).await?;
    let text = match args.format {
        Format::Md => ReportFile::Markdown.text(&report),
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
        Format::Csv => ReportFile::Csv.text(&report),
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}
