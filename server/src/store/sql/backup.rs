//! Backups of a market's database while its servers run, and their restore into a new one.
//!
//! SQLite: `VACUUM INTO` through the store's own pool. It reads the database in one read
//! transaction, so the copy is the database as it was at one instant (in WAL mode the servers
//! keep writing meanwhile), compacted into one file. PostgreSQL: `pg_dump --format=custom`,
//! reading a snapshot exported by a repeatable-read transaction of the store's pool, which reads
//! the figures of the same instant; restored by `pg_restore` in one transaction into an empty
//! database. Either way the file is written beside its name and renamed to it once it is
//! complete and on disk, so a file under the name is whole; a restore checks the file before
//! it touches the database and never writes over a database that holds anything.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Connection, Executor};

use super::{Backend, SqlStore};
use crate::store::{StoreError, StoreResult};

/// What a database holds, read at one instant: printed with a backup and a restore, so the
/// operator can compare them with the market (and the tests do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contents {
    /// The feed's last change: the cursor `GET /api/v1/feed` reaches.
    pub feed_cursor: i64,
    /// Events in the ledger (台账).
    pub ledger_events: i64,
    /// Postings, in every state.
    pub postings: i64,
    /// Applications, in every state.
    pub applications: i64,
}

impl fmt::Display for Contents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "feed cursor {}, {} ledger events, {} postings, {} applications",
            self.feed_cursor, self.ledger_events, self.postings, self.applications
        )
    }
}

/// The figures of [`Contents`], in one statement (so in one snapshot on either database).
const CONTENTS: &str = "SELECT (SELECT n FROM feed_head WHERE id = 1), (SELECT n FROM ledger_head WHERE id = 1), (SELECT COUNT(*) FROM postings), (SELECT COUNT(*) FROM applications)";

/// Tables every market's database has, whatever its version: a backup without them is not one.
const MARKET_TABLES: [&str; 4] = ["_sqlx_migrations", "feed_head", "ledger_head", "postings"];

/// Why a backup or a restore did not happen. Nothing was written where it names.
#[derive(Debug)]
pub enum BackupError {
    /// The backup file exists already: a backup never overwrites a file.
    Exists(PathBuf),
    /// No SQLite database at the path to back up.
    NoDatabase(PathBuf),
    /// A file could not be read or written.
    Io(PathBuf, std::io::Error),
    /// The file is not a backup this server restores; why.
    NotABackup(PathBuf, String),
    /// A backup of one kind of database named for the other.
    WrongKind {
        /// The backup.
        from: PathBuf,
        /// The database it was taken of.
        kind: Backend,
        /// The database named to restore into.
        into: Backend,
    },
    /// The database to restore into holds something already.
    NotEmpty {
        /// The database: an SQLite file's path, a PostgreSQL URL without its password.
        url: String,
        /// What it holds.
        holds: String,
    },
    /// `pg_dump` or `pg_restore` could not run, or failed; what it said.
    Tool {
        /// Which.
        tool: &'static str,
        /// Its error.
        message: String,
    },
    /// The database refused or failed.
    Store(StoreError),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exists(path) => write!(
                f,
                "{} exists already: a backup never overwrites a file (name a new one, with the date and time in it)",
                path.display()
            ),
            Self::NoDatabase(path) => {
                write!(f, "no database at {}: nothing to back up", path.display())
            }
            Self::Io(path, e) => write!(f, "{}: {e}", path.display()),
            Self::NotABackup(path, why) => write!(
                f,
                "{} is not a backup linggong-server can restore: {why}",
                path.display()
            ),
            Self::WrongKind { from, kind, into } => write!(
                f,
                "{} was taken of {}: it restores into {} only, not into {}",
                from.display(),
                kind.name(),
                kind.name(),
                into.name()
            ),
            Self::NotEmpty { url, holds } => write!(
                f,
                "{url} holds {holds} already: a restore goes into a new, empty database only. \
                 Restore into a new one (SQLite: a file that does not exist yet; PostgreSQL: \
                 `createdb NAME`), or, to replace this one, stop its servers and move the file \
                 away or drop the database (`dropdb NAME`) first"
            ),
            Self::Tool { tool, message } => write!(f, "{tool} failed: {message}"),
            Self::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for BackupError {}

impl From<StoreError> for BackupError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl From<sqlx::Error> for BackupError {
    fn from(e: sqlx::Error) -> Self {
        Self::Store(e.into())
    }
}

impl SqlStore {
    /// Opens a database to back up, as [`SqlStore::connect`] does, except that an SQLite file
    /// must exist (a mistyped path would otherwise make an empty database and back that up).
    pub async fn connect_existing(url: &str) -> Result<Self, BackupError> {
        if Backend::of_url(url)? == Backend::Sqlite {
            let path = sqlite_path(url)?;
            if !path.is_file() {
                return Err(BackupError::NoDatabase(path));
            }
        }
        Ok(Self::connect(url).await?)
    }

    /// Writes a consistent copy of the database to `out`, a file that must not exist, while
    /// servers go on using the database; returns what it holds and its size in bytes.
    pub async fn backup(&self, out: &Path) -> Result<(Contents, u64), BackupError> {
        if out.symlink_metadata().is_ok() {
            return Err(BackupError::Exists(out.to_path_buf()));
        }
        let partial = Partial::beside(out)?;
        let contents = match self.backend {
            Backend::Sqlite => self.vacuum_into(&partial.path).await?,
            Backend::Postgres => self.pg_dump(&partial.path).await?,
        };
        let bytes = partial.finish(out)?;
        Ok((contents, bytes))
    }

    /// Restores the backup `from` into the database at `url`, which must be empty (SQLite: a
    /// file that does not exist yet or is empty; PostgreSQL: a database without tables), and
    /// opens it, applying this version's migrations as a start does. The file is checked
    /// before anything is written: its kind, that it is whole, that it is a market's.
    pub async fn restore(from: &Path, url: &str) -> Result<(Self, Contents), BackupError> {
        let into = Backend::of_url(url)?;
        let kind = backup_kind(from)?;
        if kind != into {
            return Err(BackupError::WrongKind {
                from: from.to_path_buf(),
                kind,
                into,
            });
        }
        match into {
            Backend::Sqlite => restore_sqlite(from, &sqlite_path(url)?).await?,
            Backend::Postgres => restore_postgres(from, url).await?,
        }
        let store = Self::connect(url).await?;
        let contents = store.contents().await?;
        Ok((store, contents))
    }

    /// What the database holds now.
    pub async fn contents(&self) -> StoreResult<Contents> {
        let (feed_cursor, ledger_events, postings, applications) =
            sqlx::query_as(CONTENTS).fetch_one(&self.pool).await?;
        Ok(Contents {
            feed_cursor,
            ledger_events,
            postings,
            applications,
        })
    }

    /// SQLite's online backup: `VACUUM INTO` reads one snapshot; the copy is then opened
    /// read-only for its figures (which also proves it opens).
    async fn vacuum_into(&self, path: &Path) -> Result<Contents, BackupError> {
        let Some(name) = path.to_str() else {
            return Err(BackupError::Io(
                path.to_path_buf(),
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a UTF-8 path"),
            ));
        };
        sqlx::query("VACUUM INTO $1")
            .bind(name)
            .execute(&self.pool)
            .await?;
        let mut copy = open_sqlite(path, false).await?;
        let (feed_cursor, ledger_events, postings, applications) =
            sqlx::query_as(CONTENTS).fetch_one(&mut copy).await?;
        copy.close().await?;
        Ok(Contents {
            feed_cursor,
            ledger_events,
            postings,
            applications,
        })
    }

    /// PostgreSQL's: a repeatable-read transaction exports its snapshot, reads the figures
    /// and stays open while `pg_dump` reads the same snapshot.
    async fn pg_dump(&self, path: &Path) -> Result<Contents, BackupError> {
        let mut tx = self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .await?;
        let snapshot: String = sqlx::query_scalar("SELECT pg_export_snapshot()")
            .fetch_one(&mut *tx)
            .await?;
        let (feed_cursor, ledger_events, postings, applications) =
            sqlx::query_as(CONTENTS).fetch_one(&mut *tx).await?;
        let (url, password) = without_password(&self.url);
        let mut file = OsString::from("--file=");
        file.push(path);
        let args = vec![
            "--format=custom".into(),
            "--no-password".into(),
            format!("--snapshot={snapshot}").into(),
            file,
            format!("--dbname={url}").into(),
        ];
        run_tool("pg_dump", args, password).await?;
        tx.rollback().await?;
        Ok(Contents {
            feed_cursor,
            ledger_events,
            postings,
            applications,
        })
    }
}

/// The file an `sqlite:` URL names, read as the store reads it.
fn sqlite_path(url: &str) -> Result<PathBuf, BackupError> {
    let options = SqliteConnectOptions::from_str(url).map_err(StoreError::from)?;
    let path = options.get_filename();
    if path.to_string_lossy().starts_with("file:sqlx-in-memory") {
        return Err(StoreError::Url(url.to_string()).into());
    }
    Ok(path.to_path_buf())
}

/// A connection to one SQLite file, never creating it.
async fn open_sqlite(path: &Path, writable: bool) -> Result<SqliteConnection, sqlx::Error> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .read_only(!writable);
    SqliteConnection::connect_with(&options).await
}

/// Which database a backup file is of, from its first bytes; an SQLite file's header is
/// checked against the file's length, so a cut-short copy is named before it is restored.
fn backup_kind(from: &Path) -> Result<Backend, BackupError> {
    use std::io::Read;
    let io = |e| BackupError::Io(from.to_path_buf(), e);
    let mut file = std::fs::File::open(from).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    let mut header = Vec::with_capacity(100);
    file.by_ref()
        .take(100)
        .read_to_end(&mut header)
        .map_err(io)?;
    let not = |why: String| BackupError::NotABackup(from.to_path_buf(), why);
    if header.starts_with(b"SQLite format 3\0") {
        sqlite_header(&header, len).map_err(not)?;
        Ok(Backend::Sqlite)
    } else if header.starts_with(b"PGDMP") {
        Ok(Backend::Postgres)
    } else if len == 0 {
        Err(not("it is empty".into()))
    } else {
        Err(not(
            "it is neither an SQLite database nor a pg_dump archive (custom format)".into(),
        ))
    }
}

/// An SQLite header's page size and page count against the file's length.
fn sqlite_header(header: &[u8], len: u64) -> Result<(), String> {
    let Some(header) = header.get(..100) else {
        return Err(format!("cut short: {len} bytes, not even a header"));
    };
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        n => return Err(format!("damaged: a page size of {n}")),
    };
    // The page count is valid when the change counter equals its "valid for" number.
    let pages = u64::from(be32(28));
    let expected = if be32(24) == be32(92) && pages > 0 {
        pages * page_size
    } else {
        len.div_ceil(page_size) * page_size
    };
    if len < expected {
        return Err(format!(
            "cut short: its header says {expected} bytes, the file has {len}"
        ));
    }
    Ok(())
}

/// An SQLite backup into a new file: copied beside it, checked there (every page read by
/// `PRAGMA integrity_check`, the market's tables present), then renamed into place.
async fn restore_sqlite(from: &Path, target: &Path) -> Result<(), BackupError> {
    for path in [target.to_path_buf(), with_suffix(target, "-wal")] {
        if let Ok(meta) = path.metadata()
            && meta.len() > 0
        {
            return Err(BackupError::NotEmpty {
                url: target.display().to_string(),
                holds: format!("a database ({} is {} bytes)", path.display(), meta.len()),
            });
        }
    }
    let partial = Partial::beside(target)?;
    std::fs::copy(from, &partial.path).map_err(|e| BackupError::Io(from.to_path_buf(), e))?;
    let not = |why: String| BackupError::NotABackup(from.to_path_buf(), why);
    let mut copy = open_sqlite(&partial.path, true)
        .await
        .map_err(|e| not(e.to_string()))?;
    // Rollback journal while it is checked: nothing is left beside the file but the file.
    let checked = async {
        copy.execute("PRAGMA journal_mode = DELETE").await?;
        let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut copy)
            .await?;
        let mut tables = 0;
        for table in MARKET_TABLES {
            let found: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = $1",
            )
            .bind(table)
            .fetch_one(&mut copy)
            .await?;
            tables += found;
        }
        Ok::<_, sqlx::Error>((problems, tables))
    }
    .await;
    let closed = copy.close().await;
    let (problems, tables) = checked.map_err(|e| not(e.to_string()))?;
    closed.map_err(|e| not(e.to_string()))?;
    if problems != ["ok"] {
        let first: Vec<&str> = problems.iter().take(3).map(String::as_str).collect();
        return Err(not(format!(
            "SQLite finds it damaged: {}",
            first.join("; ")
        )));
    }
    if tables != MARKET_TABLES.len() as i64 {
        return Err(not("an SQLite database, but not a market's".into()));
    }
    partial.finish(target)?;
    Ok(())
}

/// A pg_dump archive into an empty PostgreSQL database: the archive's table of contents read
/// first, the database checked for tables, then `pg_restore` in one transaction (a failure
/// half-way leaves the database as it was). Objects belong to the user restoring them.
async fn restore_postgres(from: &Path, url: &str) -> Result<(), BackupError> {
    let listing = run_tool("pg_restore", vec!["--list".into(), from.into()], None)
        .await
        .map_err(|e| match e {
            BackupError::Tool { message, .. } => {
                BackupError::NotABackup(from.to_path_buf(), message)
            }
            other => other,
        })?;
    if !MARKET_TABLES
        .iter()
        .all(|table| listing.contains(&format!(" TABLE public {table} ")))
    {
        return Err(BackupError::NotABackup(
            from.to_path_buf(),
            "a pg_dump archive, but not of a market's database".into(),
        ));
    }
    let (bare, password) = without_password(url);
    let mut target = sqlx::postgres::PgConnection::connect(url).await?;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT schemaname || '.' || tablename FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1 LIMIT 4",
    )
    .fetch_all(&mut target)
    .await?;
    target.close().await?;
    if !tables.is_empty() {
        return Err(BackupError::NotEmpty {
            url: bare,
            holds: format!("tables ({}…)", tables.join(", ")),
        });
    }
    let args = vec![
        "--single-transaction".into(),
        "--exit-on-error".into(),
        "--no-owner".into(),
        "--no-acl".into(),
        "--no-password".into(),
        format!("--dbname={bare}").into(),
        from.into(),
    ];
    run_tool("pg_restore", args, password)
        .await
        .map_err(|e| match e {
            BackupError::Tool { tool, message } => BackupError::Tool {
                tool,
                message: format!(
                    "{message}. Nothing was restored (the restore is one transaction): is {} whole?",
                    from.display()
                ),
            },
            other => other,
        })?;
    Ok(())
}

/// Runs one of PostgreSQL's tools and returns its standard output; the password goes in
/// `PGPASSWORD`, never on the command line (where `ps` shows it).
async fn run_tool(
    tool: &'static str,
    args: Vec<OsString>,
    password: Option<String>,
) -> Result<String, BackupError> {
    let program = pg_program(tool);
    let output = tokio::task::spawn_blocking(move || {
        let mut command = Command::new(program);
        command.args(args).stdin(Stdio::null());
        if let Some(password) = password {
            command.env("PGPASSWORD", password);
        }
        command.output()
    })
    .await
    .map_err(|e| BackupError::Tool {
        tool,
        message: e.to_string(),
    })?
    .map_err(|e| BackupError::Tool {
        tool,
        message: if e.kind() == std::io::ErrorKind::NotFound {
            "not found on PATH nor in /usr/lib/postgresql/*/bin: install PostgreSQL's client tools (Debian: postgresql-client)".into()
        } else {
            e.to_string()
        },
    })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let said: Vec<&str> = stderr
            .lines()
            .map(|line| line.strip_prefix(&format!("{tool}: ")).unwrap_or(line))
            .map(|line| line.strip_prefix("error: ").unwrap_or(line))
            .filter(|line| !line.trim().is_empty())
            .collect();
        return Err(BackupError::Tool {
            tool,
            message: if said.is_empty() {
                output.status.to_string()
            } else {
                said.join("; ")
            },
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `pg_dump` or `pg_restore`: from PATH, else the newest of Debian's versioned folders.
fn pg_program(tool: &str) -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    if on_path.iter().any(|dir| dir.join(tool).is_file()) {
        return PathBuf::from(tool);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin").join(tool)))
        })
        .filter(|(_, program)| program.is_file())
        .collect();
    versions.sort();
    versions
        .pop()
        .map_or_else(|| PathBuf::from(tool), |(_, program)| program)
}

/// A PostgreSQL URL without the password in it, and the password (percent-decoded).
fn without_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_string(), None);
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..end].rfind('@') else {
        return (url.to_string(), None);
    };
    let Some((user, password)) = rest[..at].split_once(':') else {
        return (url.to_string(), None);
    };
    (
        format!("{scheme}://{user}{}", &rest[at..]),
        Some(percent_decoded(password)),
    )
}

fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A file being written beside its final name; removed unless [`Partial::finish`] renames it
/// there.
struct Partial {
    path: PathBuf,
    done: bool,
}

impl Partial {
    fn beside(target: &Path) -> Result<Self, BackupError> {
        let Some(name) = target.file_name() else {
            return Err(BackupError::Io(
                target.to_path_buf(),
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "names no file"),
            ));
        };
        let mut partial = OsString::from(".");
        partial.push(name);
        partial.push(format!(".{}.partial", std::process::id()));
        let path = target.with_file_name(partial);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(BackupError::Io(path, e));
            }
            _ => {}
        }
        Ok(Self { path, done: false })
    }

    /// Puts the file on disk, renames it to `target` and puts the folder on disk; its size.
    fn finish(mut self, target: &Path) -> Result<u64, BackupError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |e| BackupError::Io(path, e)
        };
        let file = std::fs::File::open(&self.path).map_err(io(&self.path))?;
        file.sync_all().map_err(io(&self.path))?;
        let bytes = file.metadata().map_err(io(&self.path))?.len();
        std::fs::rename(&self.path, target).map_err(io(target))?;
        self.done = true;
        let folder = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if let Ok(folder) = std::fs::File::open(folder) {
            let _ = folder.sync_all();
        }
        Ok(bytes)
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url_for_the_environment() {
        assert_eq!(
            without_password("postgres://market:p%40ss:w@db.example:5432/market?sslmode=require"),
            (
                "postgres://market@db.example:5432/market?sslmode=require".to_string(),
                Some("p@ss:w".to_string())
            )
        );
        let socket = "postgres://postgres@localhost/market?host=/run/postgresql";
        assert_eq!(without_password(socket), (socket.to_string(), None));
    }

    #[test]
    fn an_sqlite_header_names_a_file_cut_short() {
        let mut header = vec![0u8; 100];
        header[..16].copy_from_slice(b"SQLite format 3\0");
        header[16..18].copy_from_slice(&4096u16.to_be_bytes());
        header[24..28].copy_from_slice(&7u32.to_be_bytes());
        header[28..32].copy_from_slice(&10u32.to_be_bytes());
        header[92..96].copy_from_slice(&7u32.to_be_bytes());
        assert_eq!(sqlite_header(&header, 40_960), Ok(()));
        assert_eq!(
            sqlite_header(&header, 20_000),
            Err("cut short: its header says 40960 bytes, the file has 20000".to_string())
        );
        assert!(sqlite_header(&header[..50], 50).is_err());
    }
}
