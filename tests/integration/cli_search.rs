//! `linggong nearby`, `match` and `stats` on files, in-process.

use crate::cli::{self, Outcome, fixture};

/// Runs `linggong args…` with nothing on stdin.
fn linggong(args: &[&str]) -> Outcome {
    cli::linggong(args, b"")
}

fn postings_file() -> String {
    let lines = [
        r#"{"id": "a", "trade": "保洁", "location": {"lat": 32.060, "lng": 118.790}, "pay": {"amount": 30, "unit": "hour"}, "posted_at": "2026-11-20T09:00:00+08:00"}"#,
        r#"{"id": "b", "trade": "电焊工", "location": {"lat": 32.070, "lng": 118.790}, "posted_at": "2026-11-21T09:00:00+08:00"}"#,
        r#"{"id": "c", "trade": "保洁员", "location": {"lat": 32.100, "lng": 118.790}, "posted_at": "2026-11-22T09:00:00+08:00"}"#,
        r#"{"id": "nowhere", "trade": "保洁"}"#,
        "not json",
    ];
    fixture("postings.jsonl", lines.join("\n"))
}

#[test]
fn nearby_lists_ids_and_metres_nearest_first() {
    let o = linggong(&[
        "nearby",
        "--data",
        &postings_file(),
        "--lat",
        "32.06",
        "--lng",
        "118.79",
        "--k",
        "2",
    ]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    let rows: Vec<serde_json::Value> = o
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "a");
    assert_eq!(rows[1]["id"], "b");
    assert!((rows[1]["distance_m"].as_f64().unwrap() - 1112.0).abs() < 2.0);
    assert!(
        o.stderr.contains("`nowhere` skipped") && o.stderr.contains(":5: skipped"),
        "{}",
        o.stderr
    );
}

#[test]
fn nearby_filters_by_trade_wording_and_radius() {
    let o = linggong(&[
        "nearby",
        "--data",
        &postings_file(),
        "--lat",
        "32.06",
        "--lng",
        "118.79",
        "--trade",
        "保洁阿姨",
        "--radius-km",
        "3",
    ]);
    let ids: Vec<String> = o
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["a"]);
}

#[test]
fn nearby_accepts_gcj02_positions() {
    let (lat, lng) = linggong_core::wgs84_to_gcj02(32.06, 118.79);
    let o = linggong(&[
        "nearby",
        "--data",
        &postings_file(),
        "--lat",
        &lat.to_string(),
        "--lng",
        &lng.to_string(),
        "--crs",
        "gcj02",
        "--k",
        "1",
    ]);
    let row: serde_json::Value = serde_json::from_str(o.stdout.lines().next().unwrap()).unwrap();
    assert!(row["distance_m"].as_f64().unwrap() < 0.01);
}

#[test]
fn nearby_with_bad_arguments_explains_and_exits_two() {
    for (args, needle) in [
        (vec!["--lat", "95", "--lng", "0"], "latitude 95"),
        (
            vec!["--lat", "0", "--lng", "0", "--trade", "宇航员"],
            "not a known trade",
        ),
        (
            vec!["--lat", "0", "--lng", "0", "--radius-km", "-3"],
            "not a distance",
        ),
        (vec!["--lat", "north", "--lng", "0"], "invalid value"),
        (
            vec!["--lat", "0", "--lng", "0", "--crs", "bd09"],
            "invalid value",
        ),
    ] {
        let mut all = vec!["nearby", "--data"];
        let file = postings_file();
        all.push(&file);
        all.extend(args);
        let o = linggong(&all);
        assert_eq!(o.status, 2, "{all:?}");
        assert!(o.stderr.contains(needle), "{all:?}: {}", o.stderr);
    }
    let o = linggong(&[
        "nearby",
        "--data",
        "/no/such.jsonl",
        "--lat",
        "0",
        "--lng",
        "0",
    ]);
    assert_eq!(o.status, 2);
}

#[test]
fn match_ranks_with_an_explanation() {
    let profile = fixture(
        "profile.json",
        r#"{"id": "s", "trades": ["保洁"], "location": {"lat": 32.06, "lng": 118.79}}"#,
    );
    let o = linggong(&[
        "match",
        "--data",
        &postings_file(),
        "--profile",
        &profile,
        "--k",
        "2",
        "--now",
        "2026-11-23T09:00:00+08:00",
    ]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    let first: serde_json::Value = serde_json::from_str(o.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "a");
    assert!(first["score"].as_f64().unwrap() > 50.0);
    assert_eq!(first["explanation"][0]["term"], "trade");
    assert!(first["summary"].as_str().unwrap().contains("工种对口"));
}

#[test]
fn stats_writes_markdown_or_json() {
    let seekers = fixture("seekers.jsonl", r#"{"id": "s", "trades": ["保洁"]}"#);
    let md = linggong(&[
        "stats",
        "--data",
        &postings_file(),
        "--seekers",
        &seekers,
        "--month",
        "2026-11",
    ]);
    assert_eq!(md.status, 0, "{}", md.stderr);
    assert!(md.stdout.starts_with("# 零工市场供求统计（2026年11月）"));
    let json = linggong(&[
        "stats",
        "--data",
        &postings_file(),
        "--seekers",
        &seekers,
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["total"]["postings"], 4);
    let bad = linggong(&[
        "stats",
        "--data",
        &postings_file(),
        "--seekers",
        &seekers,
        "--month",
        "2026-13",
    ]);
    assert_eq!(bad.status, 2);
    assert!(bad.stderr.contains("not a month"));
}

#[test]
fn demo_then_snapshot_writes_files_the_engine_reads_back() {
    let dir = std::env::temp_dir().join(format!("linggong-demo-{}", std::process::id()));
    let out = dir.to_string_lossy().into_owned();
    let demo = linggong(&[
        "demo",
        "--seed",
        "3",
        "--postings",
        "500",
        "--seekers",
        "50",
        "--out",
        &out,
    ]);
    assert_eq!(demo.status, 0, "{}", demo.stderr);
    let snap_dir = dir.join("snap").to_string_lossy().into_owned();
    let postings = dir.join("postings.jsonl").to_string_lossy().into_owned();
    let markets = dir.join("markets.jsonl").to_string_lossy().into_owned();
    let seekers = dir.join("seekers.jsonl").to_string_lossy().into_owned();
    let snap = linggong(&[
        "snapshot",
        "--data",
        &postings,
        "--markets",
        &markets,
        "--seekers",
        &seekers,
        "--out",
        &snap_dir,
        "--now",
        "2026-11-23T08:00:00+08:00",
    ]);
    assert_eq!(snap.status, 0, "{}", snap.stderr);
    let manifest = linggong_core::Manifest::from_json(
        &std::fs::read_to_string(dir.join("snap/manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest.counts.postings, 500);
    let mut total = 0;
    for tile in &manifest.tiles {
        let bytes = std::fs::read(dir.join("snap").join(&tile.file.path)).unwrap();
        tile.file.verify(&bytes).unwrap();
        total += linggong_core::decode_tile(&bytes).unwrap().len();
    }
    assert_eq!(total, 500);
    let counted: u32 = manifest.tiles.iter().map(|t| t.seekers.total).sum();
    assert!(
        counted > 25 && counted <= 50,
        "{counted} of 50 seekers counted into tiles"
    );
    assert!(
        snap.stderr
            .contains(&format!("{counted} of 50 seekers counted")),
        "{}",
        snap.stderr
    );
    let raw = std::fs::metadata(&postings).unwrap().len() as usize;
    let tiles: usize = manifest.tiles.iter().map(|t| t.file.bytes).sum();
    assert!(tiles * 2 < raw, "tiles {tiles} bytes vs JSON {raw}");
    let bad = linggong(&["demo", "--bad-percent", "50", "--out", &out]);
    assert_eq!(bad.status, 2);
}
