//! `linggong-server ledger …`: the service ledger (台账) from the command line.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use linggong_server::ledger;
use linggong_server::store::SqlStore;

use crate::{Db, Failure, clock};

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Checks every event against what was written and every signed head against the events
    /// before it; exits 1 naming the first event that does not match.
    Verify(LedgerArgs),
    /// Signs a tree head now (when events came after the last one) and prints it as JSON.
    Checkpoint(LedgerArgs),
    /// Writes the events of a month (or all) as CSV.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    db: Db,
    /// The month, YYYY-MM (China Standard Time); every event when absent.
    #[arg(long)]
    month: Option<String>,
}

#[derive(Debug, Args)]
pub struct LedgerArgs {
    #[command(flatten)]
    db: Db,
}

pub async fn run(command: LedgerCommand) -> Result<ExitCode, Failure> {
    match command {
        LedgerCommand::Verify(args) => {
            let store = SqlStore::connect(&args.db.db).await?;
            let heads = store_heads(&store).await?;
            match ledger::verify(&store).await? {
                Ok(events) => {
                    crate::say(&format!(
                        "ledger intact: {events} events, {heads} signed heads"
                    ));
                    Ok(ExitCode::SUCCESS)
                }
                Err(problem) => {
                    eprintln!("linggong-server: ledger not intact: {problem}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        LedgerCommand::Export(args) => {
            let period = args
                .month
                .as_deref()
                .map(|m| linggong_core::Period::month(m, linggong_server::clock::CHINA_OFFSET_MIN))
                .transpose()?;
            let store = SqlStore::connect(&args.db.db).await?;
            let entries = ledger::all_entries(&store).await?;
            let csv = ledger::export_csv(&entries, period.as_ref());
            std::io::Write::write_all(&mut std::io::stdout().lock(), csv.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        LedgerCommand::Checkpoint(args) => {
            let store = SqlStore::connect(&args.db.db).await?;
            let head = ledger::checkpoint(&store, clock()?.now()).await?;
            crate::say(&serde_json::to_string(&head)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn store_heads(store: &SqlStore) -> Result<usize, Failure> {
    use linggong_server::store::MarketStore;
    Ok(store.ledger_heads().await?.len())
}
