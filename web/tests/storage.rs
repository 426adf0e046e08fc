//! The storage conformance suite, in headless Chromium: every `Store` keeps the same
//! contract, and the offline loader built on it survives corruption, quota and upgrades.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use js_sys::Uint8Array;
use linggong_core::{GeoPoint, build_snapshot, parse_posting};
use linggong_web::data_source::{Network, PostError};
use linggong_web::i18n::Lang;
use linggong_web::offline::{
    Application, LoadWarning, MANIFEST_KEY, MarketRegistration, Outbox, load_near,
    registration_body,
};
use linggong_web::storage::idb_request::{committed, request};
use linggong_web::storage::{
    IdbStore, MemoryStore, SCHEMA_VERSION, STORAGE_DEADLINE_MS, Shelf, Store, StoreError, seal,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{IdbDatabase, IdbTransactionMode};

wasm_bindgen_test_configure!(run_in_browser);

static NEXT_DB: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A database of its own for each test.
fn db_name(test: &str) -> String {
    let n = NEXT_DB.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("linggong-test-{test}-{n}-{}", js_sys::Date::now())
}

fn entry(key: &str, value: &[u8]) -> (String, Vec<u8>) {
    (key.to_string(), value.to_vec())
}

/// The contract every store keeps.
async fn keeps_the_store_contract(store: &impl Store) {
    assert_eq!(
        store.get(Shelf::Kept, "profile").await,
        Ok(None),
        "a missing key is None"
    );
    store
        .put_all(
            Shelf::Kept,
            vec![entry("profile", b"{\"trades\":[]}"), entry("outbox", b"[]")],
        )
        .await
        .unwrap();
    store
        .put_all(
            Shelf::Cache,
            vec![entry("tiles/a", &[1, 2, 3]), entry("manifest.json", b"{}")],
        )
        .await
        .unwrap();
    assert_eq!(
        store.get(Shelf::Kept, "profile").await.unwrap().unwrap(),
        b"{\"trades\":[]}"
    );
    assert_eq!(
        store.get(Shelf::Kept, "tiles/a").await,
        Ok(None),
        "shelves are separate"
    );
    assert_eq!(
        store.keys(Shelf::Cache).await.unwrap(),
        ["manifest.json", "tiles/a"],
        "keys come sorted"
    );
    store
        .put_all(Shelf::Cache, vec![entry("tiles/a", &[9])])
        .await
        .unwrap();
    assert_eq!(
        store.get(Shelf::Cache, "tiles/a").await.unwrap().unwrap(),
        [9],
        "a put replaces"
    );
    store
        .delete(Shelf::Cache, vec!["tiles/a".into(), "never-there".into()])
        .await
        .unwrap();
    assert_eq!(store.keys(Shelf::Cache).await.unwrap(), ["manifest.json"]);
    store.clear(Shelf::Cache).await.unwrap();
    assert!(
        store.keys(Shelf::Cache).await.unwrap().is_empty(),
        "clearing the cache empties it"
    );
    assert_eq!(
        store.keys(Shelf::Kept).await.unwrap(),
        ["outbox", "profile"],
        "and keeps the seeker's data"
    );
    let many: Vec<_> = (0..500u32)
        .map(|i| (format!("tiles/{i:03}"), vec![i as u8; 4096]))
        .collect();
    store.put_all(Shelf::Cache, many).await.unwrap();
    assert_eq!(
        store.keys(Shelf::Cache).await.unwrap().len(),
        500,
        "a 500-entry batch lands whole"
    );
    assert_eq!(
        store.get(Shelf::Cache, "tiles/499").await.unwrap().unwrap(),
        vec![499u32 as u8; 4096]
    );
}

#[wasm_bindgen_test]
async fn the_memory_store_keeps_the_contract() {
    keeps_the_store_contract(&MemoryStore::new()).await;
}

#[wasm_bindgen_test]
async fn the_indexeddb_store_keeps_the_contract_and_its_data_outlives_the_connection() {
    let name = db_name("contract");
    let store = IdbStore::open(&name).await.unwrap();
    keeps_the_store_contract(&store).await;
    store.close();
    let reopened = IdbStore::open(&name).await.unwrap();
    assert_eq!(
        reopened.keys(Shelf::Kept).await.unwrap(),
        ["outbox", "profile"]
    );
    assert_eq!(reopened.keys(Shelf::Cache).await.unwrap().len(), 500);
}

#[wasm_bindgen_test]
async fn concurrent_batches_to_indexeddb_both_commit() {
    let store = IdbStore::open(&db_name("concurrent")).await.unwrap();
    let a = store.put_all(
        Shelf::Cache,
        (0..100).map(|i| (format!("a{i}"), vec![1; 100])).collect(),
    );
    let b = store.put_all(Shelf::Kept, vec![entry("profile", b"p")]);
    let (a, b) = join(a, b).await;
    assert_eq!((a, b), (Ok(()), Ok(())));
    assert_eq!(store.keys(Shelf::Cache).await.unwrap().len(), 100);
}

/// Polls two futures to completion together (no executor crate needed).
async fn join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none()
            && let std::task::Poll::Ready(v) = a.as_mut().poll(cx)
        {
            ra = Some(v);
        }
        if rb.is_none()
            && let std::task::Poll::Ready(v) = b.as_mut().poll(cx)
        {
            rb = Some(v);
        }
        if ra.is_some() && rb.is_some() {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    (ra.unwrap(), rb.unwrap())
}

#[wasm_bindgen_test]
async fn a_corrupt_value_in_memory_is_reported_not_returned() {
    let store = MemoryStore::new();
    store
        .put_all(Shelf::Kept, vec![entry("profile", b"{}")])
        .await
        .unwrap();
    store.corrupt(Shelf::Kept, "profile");
    assert_eq!(
        store.get(Shelf::Kept, "profile").await,
        Err(StoreError::Corrupt {
            key: "profile".into()
        })
    );
}

/// Writes `bytes` as they are (no seal) into an IndexedDB store, as a damaged disk might.
async fn write_raw(db: &IdbDatabase, store: &str, key: &str, bytes: &[u8]) {
    let tx = db
        .transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)
        .unwrap();
    tx.object_store(store)
        .unwrap()
        .put_with_key(&Uint8Array::from(bytes), &key.into())
        .unwrap();
    committed(&tx).await.unwrap();
}

/// Opens a database directly, creating `stores` if it has to be created or upgraded.
async fn open_raw(name: &str, version: u32, stores: &'static [&'static str]) -> IdbDatabase {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let open = factory.open_with_u32(name, version).unwrap();
    let upgrading = open.clone();
    open.set_onupgradeneeded(Some(
        Closure::once_into_js(move || {
            let db: IdbDatabase = upgrading.result().unwrap().unchecked_into();
            for s in stores {
                db.create_object_store(s).unwrap();
            }
        })
        .unchecked_ref(),
    ));
    request(&open).await.unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn a_corrupt_value_in_indexeddb_is_reported_not_returned() {
    let name = db_name("corrupt");
    let store = IdbStore::open(&name).await.unwrap();
    store
        .put_all(Shelf::Kept, vec![entry("profile", b"{}")])
        .await
        .unwrap();
    store.close();
    let raw = open_raw(&name, SCHEMA_VERSION, &[]).await;
    let mut damaged = seal(b"{}");
    damaged[4] ^= 0xff;
    write_raw(&raw, "kept", "profile", &damaged).await;
    raw.close();
    let store = IdbStore::open(&name).await.unwrap();
    assert_eq!(
        store.get(Shelf::Kept, "profile").await,
        Err(StoreError::Corrupt {
            key: "profile".into()
        })
    );
}

fn waiting_application() -> Application {
    Application {
        id: "7d5c1f0e-3b1a-4c2e-9f4d-0a1b2c3d4e5f".into(),
        posting_id: "g1".into(),
        title: "保洁".into(),
        name: "王".into(),
        phone: "13800000000".into(),
        created_at: "2026-11-23T09:00:00+08:00".into(),
        ..Application::default()
    }
}

#[wasm_bindgen_test]
async fn a_schema_upgrade_keeps_the_profile_and_the_outbox_and_drops_old_caches() {
    let name = db_name("upgrade");
    let old = open_raw(&name, SCHEMA_VERSION - 1, &["kept", "tiles"]).await;
    let outbox = Outbox {
        applications: vec![waiting_application()],
        ..Outbox::default()
    };
    let profile = r#"{"id":"me","trades":["保洁员"]}"#.as_bytes();
    write_raw(&old, "kept", "profile", &seal(profile)).await;
    write_raw(
        &old,
        "kept",
        "outbox",
        &seal(&serde_json::to_vec(&outbox).unwrap()),
    )
    .await;
    write_raw(&old, "tiles", "t1", &[1, 2, 3]).await;
    old.close();

    let store = IdbStore::open(&name).await.unwrap();
    assert_eq!(
        store.get(Shelf::Kept, "profile").await.unwrap().unwrap(),
        profile
    );
    assert_eq!(
        Outbox::load(&store, || "unused".into()).await.unwrap(),
        outbox,
        "the outbox survives the upgrade"
    );
    assert!(store.keys(Shelf::Cache).await.unwrap().is_empty());
    store.close();
    let after = open_raw(&name, SCHEMA_VERSION, &[]).await;
    assert!(
        !after.object_store_names().contains("tiles"),
        "the old cache store is gone"
    );
    after.close();
}

#[wasm_bindgen_test]
async fn a_batch_over_quota_is_refused_whole_and_loses_nothing() {
    let store = MemoryStore::with_quota_bytes(1000);
    store
        .put_all(Shelf::Kept, vec![entry("profile", &[7; 100])])
        .await
        .unwrap();
    let too_big = vec![entry("tiles/a", &[1; 500]), entry("tiles/b", &[1; 500])];
    assert_eq!(
        store.put_all(Shelf::Cache, too_big).await,
        Err(StoreError::QuotaExceeded)
    );
    assert!(
        store.keys(Shelf::Cache).await.unwrap().is_empty(),
        "nothing of the batch was written"
    );
    assert_eq!(
        store.get(Shelf::Kept, "profile").await.unwrap().unwrap(),
        [7; 100]
    );
}

/// A network serving a small snapshot, which can be switched off or changed.
struct FakeNetwork {
    files: RefCell<HashMap<String, Vec<u8>>>,
    up: Cell<bool>,
    /// What was posted: (url, body).
    posted: RefCell<Vec<(String, String)>>,
}

/// `n` cleaning gigs from latitude `lat0` northwards, 111 m apart, paying `pay` a day.
fn gigs(prefix: &str, lat0: f64, n: u32, pay: u32) -> Vec<linggong_core::Posting> {
    (0..n)
        .map(|i| {
            let lat = lat0 + f64::from(i) * 0.001;
            parse_posting(&format!(r#"{{"id": "{prefix}{i}", "trade": "保洁员", "location": {{"lat": {lat}, "lng": 118.79}}, "pay": {{"amount": {pay}, "unit": "day"}}}}"#)).unwrap()
        })
        .collect()
}

impl FakeNetwork {
    /// 40 gigs in one tile, and one registered seeker.
    fn with_snapshot() -> Self {
        let net = Self {
            files: RefCell::default(),
            up: Cell::new(true),
            posted: RefCell::default(),
        };
        net.publish(&gigs("g", 32.0, 40, 26));
        net
    }

    /// Serves a new snapshot of `postings` (and one registered seeker) in place of the old.
    fn publish(&self, postings: &[linggong_core::Posting]) {
        let mut snapshot =
            build_snapshot(postings, &[], "2026-11-23T09:00:00+08:00".parse().unwrap()).unwrap();
        let seeker =
            r#"{"id": "s", "trades": ["保洁员"], "location": {"lat": 32.01, "lng": 118.8}}"#;
        snapshot.count_seekers(&[linggong_core::parse_seeker(seeker).unwrap()]);
        let mut files: HashMap<String, Vec<u8>> = snapshot
            .files
            .into_iter()
            .map(|(p, b)| (format!("/data/{p}"), b))
            .collect();
        files.insert(
            format!("/data/{MANIFEST_KEY}"),
            serde_json::to_vec(&snapshot.manifest).unwrap(),
        );
        *self.files.borrow_mut() = files;
    }

    /// Replaces what the server sends at `url` (a captive portal, a cut download).
    fn answer(&self, url: &str, body: &[u8]) {
        self.files
            .borrow_mut()
            .insert(url.to_string(), body.to_vec());
    }

    fn serve(&self, url: &str) -> Result<Vec<u8>, String> {
        if !self.up.get() {
            return Err("offline".into());
        }
        self.files
            .borrow()
            .get(url)
            .cloned()
            .ok_or_else(|| format!("404 {url}"))
    }
}

impl Network for FakeNetwork {
    async fn text(&self, url: &str) -> Result<String, String> {
        self.serve(url).map(|b| String::from_utf8(b).unwrap())
    }
    async fn bytes(&self, url: &str) -> Result<Vec<u8>, String> {
        self.serve(url)
    }
    /// Like the market server: an application's answer carries a token; an application
    /// for posting `closed` is refused for good; a registration's answer carries its own
    /// token, which its change and deletion must carry.
    async fn send_json(
        &self,
        method: &str,
        url: &str,
        body: Option<&str>,
        token: Option<&str>,
    ) -> Result<String, PostError> {
        if !self.up.get() {
            return Err(PostError::Unreachable);
        }
        let body = body.unwrap_or_default();
        let what = match method {
            "POST" => url.to_string(),
            other => format!("{other} {url}"),
        };
        self.posted.borrow_mut().push((what, body.to_string()));
        if url.starts_with("/api/v1/registrations") {
            if method == "POST" {
                return Ok(r#"{"id": "x", "token": "r0k"}"#.into());
            }
            assert_eq!(
                token,
                Some("r0k"),
                "a change carries the registration's token"
            );
            return Ok(String::new());
        }
        if body.contains(r#""posting_id":"closed""#) {
            return Err(PostError::Refused(409));
        }
        if url.ends_with("/confirm") {
            assert_eq!(token, Some("t0k"), "a step carries its application's token");
            return Ok(r#"{"id": "x", "status": "confirmed"}"#.into());
        }
        Ok(r#"{"id": "x", "status": "submitted", "token": "t0k"}"#.into())
    }
    /// The employer offered meanwhile; the code goes to the token's holder.
    async fn read_with_token(&self, _url: &str, token: &str) -> Result<String, PostError> {
        if !self.up.get() {
            return Err(PostError::Unreachable);
        }
        assert_eq!(token, "t0k");
        Ok(r#"{"status": "offered", "check_in_code": "123456"}"#.into())
    }
}

const NANJING: GeoPoint = GeoPoint {
    lat: 32.02,
    lng: 118.79,
};

#[wasm_bindgen_test]
async fn the_snapshot_loads_offline_from_indexeddb_after_one_online_visit() {
    let net = FakeNetwork::with_snapshot();
    let store = IdbStore::open(&db_name("offline")).await.unwrap();
    let first = load_near(&store, &net, NANJING, 30.0).await.unwrap();
    assert_eq!(
        (first.postings.len(), first.online, first.fetched),
        (40, true, 1)
    );
    assert_eq!(
        first.seekers.by_trade["cleaner"], 1,
        "the area's seeker counts come along"
    );
    net.up.set(false);
    let offline = load_near(&store, &net, NANJING, 30.0).await.unwrap();
    assert_eq!(
        (offline.postings, offline.online, offline.fetched),
        (first.postings, false, 0)
    );
}

#[wasm_bindgen_test]
async fn a_corrupt_cached_tile_is_detected_and_fetched_again() {
    let net = FakeNetwork::with_snapshot();
    let store = MemoryStore::new();
    let first = load_near(&store, &net, NANJING, 30.0).await.unwrap();
    let tile = store
        .keys(Shelf::Cache)
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.ends_with(".lgs"))
        .unwrap();
    store.corrupt(Shelf::Cache, &tile);
    let again = load_near(&store, &net, NANJING, 30.0).await.unwrap();
    assert_eq!(
        (again.fetched, again.postings.len()),
        (1, first.postings.len())
    );
    assert!(
        store.get(Shelf::Cache, &tile).await.is_ok(),
        "the refetched tile replaced the corrupt one"
    );
}

#[wasm_bindgen_test]
async fn a_full_disk_is_reported_and_the_gigs_still_load() {
    let net = FakeNetwork::with_snapshot();
    let store = MemoryStore::with_quota_bytes(64);
    let loaded = load_near(&store, &net, NANJING, 30.0).await.unwrap();
    assert_eq!(loaded.postings.len(), 40);
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.label(Lang::Zh).contains("存储空间不足")),
        "{:?}",
        loaded.warnings
    );
}

#[wasm_bindgen_test]
async fn offline_with_nothing_cached_is_a_clear_error() {
    let net = FakeNetwork::with_snapshot();
    net.up.set(false);
    let err = load_near(&MemoryStore::new(), &net, NANJING, 30.0)
        .await
        .unwrap_err();
    assert!(err.contains("没有可用的数据，也没有缓存的数据"), "{err}");
}

#[wasm_bindgen_test]
async fn a_returning_phone_fetches_a_tile_whose_content_changed_at_the_same_size() {
    let net = FakeNetwork::with_snapshot();
    let store = MemoryStore::new();
    let tile = "/data/tiles/t61_149.lgs";
    let first = load_near(&store, &net, NANJING, 30.0).await.unwrap();
    let old_bytes = net.files.borrow()[tile].len();
    net.publish(&gigs("g", 32.0, 40, 99)); // ¥26 → ¥99
    assert_eq!(
        net.files.borrow()[tile].len(),
        old_bytes,
        "the tile kept its size"
    );
    let again = load_near(&store, &net, NANJING, 30.0).await.unwrap();
    assert_eq!(
        (first.fetched, again.fetched),
        (1, 1),
        "the changed tile is fetched again"
    );
    assert!(
        again
            .postings
            .iter()
            .all(|p| p.pay.as_ref().unwrap().amount == Some(99.0))
    );
}

#[wasm_bindgen_test]
async fn a_captive_portal_page_in_place_of_the_manifest_falls_back_to_the_cache() {
    let net = FakeNetwork::with_snapshot();
    let store = MemoryStore::new();
    let first = load_near(&store, &net, NANJING, 30.0).await.unwrap();
    net.answer(
        "/data/manifest.json",
        "<html>请先登录 Wi-Fi</html>".as_bytes(),
    );
    let cached = load_near(&store, &net, NANJING, 30.0).await.unwrap();
    assert_eq!(cached.postings, first.postings);
    assert!(!cached.online);
    assert_eq!(cached.warnings, [LoadWarning::ManifestUnreadable]);
    assert!(cached.warnings[0].label(Lang::En).contains("cached data"));
    // With nothing cached, the same page is a clear error, not a panic.
    let err = load_near(&MemoryStore::new(), &net, NANJING, 30.0)
        .await
        .unwrap_err();
    assert!(err.contains("没有可用的数据"), "{err}");
}

#[wasm_bindgen_test]
async fn a_truncated_tile_hides_only_its_own_gigs_and_is_named() {
    let net = FakeNetwork::with_snapshot();
    // 10 more gigs just south of the tile border at 32°: a second tile within reach.
    let mut both = gigs("g", 32.0, 40, 26);
    both.extend(gigs("south", 31.98, 10, 26));
    net.publish(&both);
    let south = "/data/tiles/t60_149.lgs";
    let bytes = net.files.borrow()[south].clone();
    net.answer(south, &bytes[..bytes.len() / 2]);
    let loaded = load_near(&MemoryStore::new(), &net, NANJING, 30.0)
        .await
        .unwrap();
    assert_eq!(loaded.postings.len(), 40, "the good tile loads");
    assert_eq!(
        loaded.warnings,
        [LoadWarning::FileUnavailable {
            path: "tiles/t60_149.lgs".into(),
            stale: false
        }]
    );
    assert!(loaded.warnings[0].label(Lang::Zh).contains("未能加载"));
}

#[wasm_bindgen_test]
async fn a_tile_that_fails_to_download_is_served_from_its_older_cached_copy() {
    let net = FakeNetwork::with_snapshot();
    let store = MemoryStore::new();
    load_near(&store, &net, NANJING, 30.0).await.unwrap();
    net.publish(&gigs("g", 32.0, 41, 26));
    net.answer("/data/tiles/t61_149.lgs", b"");
    let loaded = load_near(&store, &net, NANJING, 30.0).await.unwrap();
    assert_eq!(loaded.postings.len(), 40, "the older copy serves");
    assert!(matches!(
        &loaded.warnings[..],
        [LoadWarning::FileUnavailable { stale: true, .. }]
    ));
}

#[wasm_bindgen_test]
async fn applications_wait_in_the_outbox_until_the_network_takes_them_under_one_id() {
    let net = FakeNetwork::with_snapshot();
    let store = IdbStore::open(&db_name("outbox")).await.unwrap();
    let closed = Application {
        id: "0f1e2d3c-4b5a-4968-8776-655443322110".into(),
        posting_id: "closed".into(),
        ..waiting_application()
    };
    let mut outbox = Outbox {
        applications: vec![waiting_application(), closed],
        ..Outbox::default()
    };
    net.up.set(false);
    assert_eq!(
        outbox.send_waiting(&net, "2026-11-23T09:01:00+08:00").await,
        0
    );
    outbox.save(&store).await.unwrap();
    let mut kept = Outbox::load(&store, || "unused".into()).await.unwrap();
    assert_eq!(kept.waiting(), 2, "kept while offline");
    net.up.set(true);
    assert_eq!(
        kept.send_waiting(&net, "2026-11-23T09:05:00+08:00").await,
        2
    );
    assert_eq!(kept.waiting(), 0);
    let sent = &kept.applications[0];
    assert_eq!(sent.sent_at.as_deref(), Some("2026-11-23T09:05:00+08:00"));
    assert_eq!(
        sent.token.as_deref(),
        Some("t0k"),
        "the token reads its status later"
    );
    let refused = &kept.applications[1];
    assert_eq!(refused.refused, Some(409));
    assert_eq!(refused.sent_at, None, "refused for good: not sent again");
    let posted = net.posted.borrow();
    assert_eq!(posted.len(), 2);
    assert_eq!(posted[0].0, "/api/v1/applications");
    assert!(
        posted[0]
            .1
            .contains(r#""id":"7d5c1f0e-3b1a-4c2e-9f4d-0a1b2c3d4e5f""#),
        "{}",
        posted[0].1
    );
}

#[wasm_bindgen_test]
async fn a_registration_waits_offline_then_goes_once_and_its_change_and_deletion_carry_its_token() {
    let net = FakeNetwork::with_snapshot();
    let store = MemoryStore::new();
    let id = "22222222-3333-4444-8555-666666666666";
    let body = registration_body(id, r#"{"id":"p","trades":["保洁员"]}"#, false);
    let mut outbox = Outbox {
        registration: Some(MarketRegistration::new(id.into(), body.clone())),
        ..Outbox::default()
    };
    net.up.set(false);
    assert_eq!(
        outbox.send_waiting(&net, "2026-11-23T09:01:00+08:00").await,
        0
    );
    assert!(
        outbox.has_waiting() && outbox.waiting() == 0,
        "not an application"
    );
    assert_eq!(outbox.registration_id(), None, "not at the market yet");
    outbox.save(&store).await.unwrap();
    let mut kept = Outbox::load(&store, || "unused".into()).await.unwrap();
    net.up.set(true);
    assert_eq!(
        kept.send_waiting(&net, "2026-11-23T09:05:00+08:00").await,
        1
    );
    assert!(!kept.has_waiting());
    assert_eq!(
        kept.registration_id().as_deref(),
        Some(id),
        "applications name it now"
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["consent"],
        serde_json::json!({"registration": true, "priority": false})
    );
    // Changed, then deleted: each with the token; once deleted, nothing is left.
    let registration = kept.registration.as_mut().unwrap();
    registration.change(body.replace("保洁员", "电工"));
    assert_eq!(
        kept.send_waiting(&net, "2026-11-23T09:06:00+08:00").await,
        1
    );
    kept.registration.as_mut().unwrap().delete();
    assert_eq!(kept.registration_id(), None, "no longer named once deleted");
    assert_eq!(
        kept.send_waiting(&net, "2026-11-23T09:07:00+08:00").await,
        1
    );
    assert_eq!(kept.registration, None);
    let posted: Vec<String> = net.posted.borrow().iter().map(|(u, _)| u.clone()).collect();
    let url = format!("/api/v1/registrations/{id}");
    assert_eq!(
        posted,
        [
            "/api/v1/registrations".to_string(),
            format!("PUT {url}"),
            format!("DELETE {url}")
        ]
    );
}

#[wasm_bindgen_test]
async fn an_outbox_kept_without_ids_gets_them_once_and_keeps_them() {
    let store = MemoryStore::new();
    let old = Outbox {
        applications: vec![Application {
            id: String::new(),
            ..waiting_application()
        }],
        ..Outbox::default()
    };
    old.save(&store).await.unwrap();
    let given = Outbox::load(&store, || "0f1e2d3c-4b5a-4968-8776-655443322110".into())
        .await
        .unwrap();
    assert_eq!(
        given.applications[0].id,
        "0f1e2d3c-4b5a-4968-8776-655443322110"
    );
    let again = Outbox::load(&store, || "another".into()).await.unwrap();
    assert_eq!(again, given, "saved before anything was sent");
}

#[wasm_bindgen_test]
async fn a_lost_connection_is_reopened_once_and_the_call_goes_through() {
    let store = IdbStore::open(&db_name("lost")).await.unwrap();
    store
        .put_all(Shelf::Kept, vec![entry("profile", b"{}")])
        .await
        .unwrap();
    store.close(); // as WeChat's WebView does after the app was in the background
    assert_eq!(
        store.get(Shelf::Kept, "profile").await.unwrap().unwrap(),
        b"{}"
    );
    store.close();
    store
        .put_all(Shelf::Kept, vec![entry("outbox", b"[]")])
        .await
        .unwrap();
    assert_eq!(
        store.keys(Shelf::Kept).await.unwrap(),
        ["outbox", "profile"]
    );
}

#[wasm_bindgen_test]
async fn a_database_that_never_opens_is_given_up_on_at_the_deadline() {
    let name = db_name("blocked");
    // An old connection that ignores the upgrade request blocks the open for ever.
    let old = open_raw(&name, SCHEMA_VERSION - 1, &["kept"]).await;
    let started = js_sys::Date::now();
    let err = IdbStore::open(&name).await.unwrap_err();
    let waited_ms = js_sys::Date::now() - started;
    assert!(matches!(err, StoreError::Unavailable(_)), "{err}");
    assert!(
        waited_ms >= f64::from(STORAGE_DEADLINE_MS) - 50.0
            && waited_ms < f64::from(STORAGE_DEADLINE_MS) + 2000.0,
        "{waited_ms} ms"
    );
    old.close();
}
