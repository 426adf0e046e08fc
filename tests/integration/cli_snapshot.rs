//! `linggong snapshot` publishing (issue #15, item 4): it refuses to replace a snapshot with
//! nothing or with much less unless told to, switches the whole folder at once, leaves nothing
//! of the previous one behind and creates the folder it writes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use linggong_core::{Manifest, decode_tile};
use linggong_tests::compliant_posting;

use crate::cli::{Outcome, fixture, linggong, temp_dir};

/// `n` postings with ids `tag-0`…, spread over distinct 2° tiles east of longitude `lng`.
fn postings_at(tag: &str, n: usize, lng: f64) -> String {
    (0..n)
        .map(|i| {
            let mut p = compliant_posting();
            p.id = format!("{tag}-{i}");
            let l = p.location.as_mut().unwrap();
            l.lat = Some(20.0 + (i % 30) as f64 * 2.0);
            l.lng = Some(lng + (i / 30) as f64 * 2.0);
            serde_json::to_string(&p).unwrap() + "\n"
        })
        .collect()
}

/// `n` postings in tiles from longitude 80° east.
fn postings(tag: &str, n: usize) -> String {
    postings_at(tag, n, 80.0)
}

fn snapshot(data: &str, out: &Path, extra: &[&str]) -> Outcome {
    let mut args = vec![
        "snapshot",
        "--data",
        data,
        "--out",
        out.to_str().unwrap(),
        "--now",
        "2026-11-23T08:00:00+08:00",
    ];
    args.extend(extra);
    linggong(&args, b"")
}

fn manifest(out: &Path) -> Manifest {
    Manifest::from_json(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap()
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                found.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found
}

/// A published folder of 10 postings; returns it and its files' bytes.
fn published(tag: &str) -> (PathBuf, Vec<(String, Vec<u8>)>) {
    let out = temp_dir(tag).join("data");
    let o = snapshot(
        &fixture("ten.jsonl", postings("old", 10).as_bytes()),
        &out,
        &[],
    );
    assert_eq!(o.status, 0, "{}", o.stderr);
    let bytes = files_under(&out)
        .into_iter()
        .map(|f| {
            let b = std::fs::read(out.join(&f)).unwrap();
            (f, b)
        })
        .collect();
    (out, bytes)
}

fn assert_untouched(out: &Path, before: &[(String, Vec<u8>)]) {
    let now: Vec<_> = files_under(out)
        .into_iter()
        .map(|f| {
            let b = std::fs::read(out.join(&f)).unwrap();
            (f, b)
        })
        .collect();
    assert!(now == before, "the published snapshot changed");
}

#[test]
fn snapshot_refuses_to_replace_a_snapshot_with_nothing() {
    let (out, before) = published("nothing");
    let data = fixture("bad.jsonl", b"not json\n[\"x\"]\n");
    let o = snapshot(&data, &out, &[]);
    assert_eq!(o.status, 2, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("0 valid postings (2 lines read), the snapshot in")
            && o.stderr.contains("has 10")
            && o.stderr.contains("--allow-shrink"),
        "{}",
        o.stderr
    );
    assert_untouched(&out, &before);
    let empty = fixture("empty.jsonl", b"");
    assert_eq!(snapshot(&empty, &out, &[]).status, 2);
    assert_untouched(&out, &before);
}

#[test]
fn snapshot_refuses_to_halve_a_snapshot_unless_allowed() {
    let (out, before) = published("halve");
    let four = fixture("four.jsonl", postings("new", 4).as_bytes());
    let o = snapshot(&four, &out, &[]);
    assert_eq!(o.status, 2, "{}", o.stderr);
    assert!(
        o.stderr.contains("4 valid postings") && o.stderr.contains("has 10"),
        "{}",
        o.stderr
    );
    assert_untouched(&out, &before);
    let five = fixture("five.jsonl", postings("new", 5).as_bytes());
    assert_eq!(snapshot(&five, &out, &[]).status, 0, "half is not a shrink");
    let o = snapshot(&four, &out, &["--allow-shrink"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(manifest(&out).counts.postings, 4);
}

#[test]
fn snapshot_creates_the_output_folder_and_its_parents() {
    let out = temp_dir("create").join("a/b/data");
    let empty = fixture("empty.jsonl", b"\n");
    let o = snapshot(&empty, &out, &[]);
    assert_eq!(o.status, 2, "nothing valid and no --allow-shrink");
    assert!(!out.exists());
    let o = snapshot(&empty, &out, &["--allow-shrink"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(manifest(&out).counts.postings, 0);
    let out = temp_dir("create").join("x/y/data");
    let o = snapshot(&fixture("3.jsonl", postings("p", 3).as_bytes()), &out, &[]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(manifest(&out).counts.postings, 3);
}

#[test]
fn a_new_snapshot_replaces_the_old_one_whole_and_leaves_nothing_behind() {
    let (out, _) = published("whole");
    let moved = fixture("moved.jsonl", postings_at("new", 40, 100.0).as_bytes());
    let o = snapshot(&moved, &out, &[]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    let m = manifest(&out);
    let mut named: BTreeSet<String> = m.tiles.iter().map(|t| t.file.path.clone()).collect();
    named.insert("manifest.json".into());
    assert_eq!(
        files_under(&out),
        named,
        "exactly the files the manifest names"
    );
    let mut ids = Vec::new();
    for tile in &m.tiles {
        let bytes = std::fs::read(out.join(&tile.file.path)).unwrap();
        tile.file.verify(&bytes).unwrap();
        ids.extend(decode_tile(&bytes).unwrap().into_iter().map(|p| p.id));
    }
    assert_eq!(ids.len(), 40);
    assert!(ids.iter().all(|id| id.starts_with("new-")));
    let siblings: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(siblings, ["data"], "no staging or old folder is left");
}

#[test]
fn snapshot_will_not_replace_a_folder_that_holds_other_files() {
    let out = temp_dir("foreign");
    std::fs::write(out.join("index.html"), "<p>the app</p>").unwrap();
    let o = snapshot(&fixture("3.jsonl", postings("p", 3).as_bytes()), &out, &[]);
    assert_eq!(o.status, 2, "{}", o.stderr);
    assert!(o.stderr.contains("index.html"), "{}", o.stderr);
    assert_eq!(
        files_under(&out),
        BTreeSet::from(["index.html".to_string()])
    );
}

/// A reader polls the folder while snapshots are published one after another: whenever it
/// finds a manifest, every file the manifest names is there and matches, unless the manifest
/// itself was replaced meanwhile (each publish has its own `created_at`).
#[test]
fn readers_never_see_a_manifest_whose_tiles_are_missing() {
    let out = temp_dir("readers").join("data");
    let data = [
        fixture("a.jsonl", postings("a", 60).as_bytes()),
        fixture("b.jsonl", postings("b", 40).as_bytes()),
    ];
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let mut checked = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                checked += usize::from(consistent(&out));
            }
            checked
        });
        for round in 0..30 {
            let now = format!("2026-11-23T08:{round:02}:00+08:00");
            let file = &data[round % 2];
            let o = linggong(
                &[
                    "snapshot",
                    "--data",
                    file,
                    "--out",
                    out.to_str().unwrap(),
                    "--now",
                    &now,
                ],
                b"",
            );
            assert_eq!(o.status, 0, "{}", o.stderr);
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0, "the reader saw some manifest");
    });
}

/// Reads the manifest and each file it names: true when all match; false when there is no
/// manifest or it was replaced while its files were read; panics on a manifest whose files
/// are missing or wrong.
fn consistent(out: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(out.join("manifest.json")) else {
        return false;
    };
    let Ok(m) = Manifest::from_json(&text) else {
        panic!("a torn manifest: {text}");
    };
    for tile in &m.tiles {
        let ok = std::fs::read(out.join(&tile.file.path))
            .is_ok_and(|bytes| tile.file.verify(&bytes).is_ok());
        if !ok {
            let again = std::fs::read_to_string(out.join("manifest.json")).unwrap_or_default();
            assert!(again != text, "{} is missing or stale", tile.file.path);
            return false;
        }
    }
    true
}
