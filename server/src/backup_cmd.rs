//! `linggong-server backup` and `linggong-server restore`: a consistent copy of the market's
//! database while its servers run, and its restore into a new, empty database
//! (docs/SERVER.md, "Backups"). The work is the store's (`SqlStore::backup`, `restore`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use linggong_server::store::SqlStore;

use crate::{Db, Failure};

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// A consistent copy of the database in a new file, taken while servers use it.
    ///
    /// SQLite: VACUUM INTO; PostgreSQL: pg_dump, custom format. Prints what it holds.
    Backup(BackupArgs),
    /// Restores a backup into a new, empty database; refuses one that holds anything.
    Restore(RestoreArgs),
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    db: Db,
    /// The file to write; it must not exist (a backup never overwrites one).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A file `linggong-server backup` wrote.
    #[arg(long)]
    from: PathBuf,
    /// The new, empty database: sqlite://PATH (a file that does not exist yet) or
    /// postgres://… (a database just made with createdb).
    #[arg(long)]
    db: String,
}

pub async fn run(command: BackupCommand) -> Result<ExitCode, Failure> {
    match command {
        BackupCommand::Backup(args) => {
            let store = SqlStore::connect_existing(&args.db.db).await?;
            let (contents, bytes) = store.backup(&args.out).await?;
            crate::say(&format!(
                "backup written to {} ({bytes} bytes): {contents}",
                args.out.display()
            ));
        }
        BackupCommand::Restore(args) => {
            let (_, contents) = SqlStore::restore(&args.from, &args.db).await?;
            crate::say(&format!(
                "restored {}: {contents}; check it with `linggong-server ledger verify --db …` before serving it",
                args.from.display()
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}
