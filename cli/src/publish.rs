//! Publishing a snapshot folder whole, so that readers find the previous snapshot or the new
//! one and never a manifest whose files are missing.
//!
//! The new snapshot is written in full into a staging folder beside the output folder (same
//! parent, so the same file system, where a rename moves a folder without copying); then the
//! output folder is renamed aside, the staging folder renamed into its place, and only then is
//! the previous folder removed.
//!
//! Why whole folders, and not a generation sub-folder per snapshot with `manifest.json`
//! renamed into place last: the app caches every file under the path the manifest gives
//! (`tiles/t61_149.lgs`) and keeps it while the digest matches. Paths that changed with every
//! generation would make every phone download every tile again after each snapshot, and
//! leave the old entries in its cache. The price: std has no atomic exchange of two folders
//! (Linux's `renameat2` with `RENAME_EXCHANGE`), so between the two renames, two system calls
//! apart, the folder is absent and a reader gets "not found" for that moment; and a reader
//! that fetched the old manifest just before the switch may fetch a new tile, which the
//! manifest's digest refuses. Neither shows a manifest whose tiles are missing. Files are not
//! fsynced: after a power cut the folder may hold the new snapshot with empty files.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a publication did.
#[derive(Debug)]
pub struct Published {
    /// Bytes written.
    pub bytes: usize,
    /// A problem that did not stop the publication (the old folder could not be removed).
    pub warning: Option<String>,
}

/// Replaces the folder `out` with one holding `files` (paths relative to it), creating the
/// parent folders as needed. A folder holding anything a snapshot does not write is refused:
/// replacing the folder would delete it (`--out dist` would take the app with it).
pub fn replace_folder(out: &Path, files: &[(String, Vec<u8>)]) -> Result<Published, String> {
    let (parent, name) = parent_and_name(out)?;
    std::fs::create_dir_all(&parent)
        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    refuse_foreign_files(out, files)?;
    let staging = sibling(&parent, &name, "new");
    let bytes = write_all(&staging, files).and_then(|bytes| {
        let old = sibling(&parent, &name, "old");
        let warning = switch(out, &staging, &old)?
            .then(|| std::fs::remove_dir_all(&old).err())
            .flatten()
            .map(|e| format!("the previous snapshot is left in {}: {e}", old.display()));
        Ok(Published { bytes, warning })
    });
    if bytes.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    bytes
}

fn parent_and_name(out: &Path) -> Result<(PathBuf, String), String> {
    let name = out.file_name().ok_or_else(|| {
        format!(
            "--out {} names no folder; give the snapshot a folder of its own, such as dist/data",
            out.display()
        )
    })?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name.to_string_lossy().into_owned()))
}

/// A hidden, unique folder name beside `name`: `.data.new-4711-0`.
fn sibling(parent: &Path, name: &str, kind: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    parent.join(format!(".{name}.{kind}-{}-{n}", std::process::id()))
}

/// An error when `out` holds an entry that neither a snapshot in general (`manifest.json`,
/// `tiles`, `markets.jsonl`) nor this one writes.
fn refuse_foreign_files(out: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    let entries = match std::fs::read_dir(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot read {}: {e}", out.display())),
        Ok(entries) => entries,
    };
    let ours = |name: &str| {
        ["manifest.json", "tiles", "markets.jsonl"].contains(&name)
            || files
                .iter()
                .any(|(path, _)| path.split('/').next() == Some(name))
    };
    let mut foreign: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !ours(name))
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let more = foreign.len().saturating_sub(5);
    foreign.truncate(5);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Err(format!(
        "{} holds {}{more}, which is not part of a snapshot; publishing replaces the whole \
         folder, so give --out a folder of its own",
        out.display(),
        foreign.join(", ")
    ))
}

/// Writes every file under the new folder `dir`; the bytes written.
fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<usize, String> {
    std::fs::create_dir(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut total = 0;
    for (path, bytes) in files {
        let target = dir.join(path);
        target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, bytes))
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        total += bytes.len();
    }
    Ok(total)
}

/// Puts `staging` in the place of `out`, moving an existing `out` to `old` first (and back
/// when the second rename fails). True when there was an old folder to remove.
fn switch(out: &Path, staging: &Path, old: &Path) -> Result<bool, String> {
    let existed = match std::fs::symlink_metadata(out) {
        Ok(_) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(format!("cannot read {}: {e}", out.display())),
    };
    if existed {
        std::fs::rename(out, old)
            .map_err(|e| format!("cannot move {} aside: {e}", out.display()))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if existed {
            let _ = std::fs::rename(old, out);
        }
        return Err(format!(
            "cannot move the new snapshot to {}: {e}",
            out.display()
        ));
    }
    Ok(existed)
}
