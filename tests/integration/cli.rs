//! Running the CLI in-process, and files of its own for each test (tests run in parallel, so
//! no two share a path): what every `cli_*` module uses.

use std::path::PathBuf;

use linggong_cli::{Io, run};

/// What one run of the CLI did.
pub(crate) struct Outcome {
    pub(crate) status: u8,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Runs `linggong args…` in-process with `stdin`.
pub(crate) fn linggong(args: &[&str], stdin: &[u8]) -> Outcome {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut input = stdin;
    let mut io = Io {
        stdin: &mut input,
        stdout: &mut out,
        stderr: &mut err,
    };
    let status = run(
        std::iter::once("linggong").chain(args.iter().copied()),
        &mut io,
    );
    Outcome {
        status,
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
    }
}

/// A new, empty folder of its own.
pub(crate) fn temp_dir(tag: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("linggong-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `bytes` in a file of its own; returns its path.
pub(crate) fn fixture(name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = temp_dir("input").join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}
