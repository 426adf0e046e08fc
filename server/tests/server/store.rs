//! The storage conformance suite: what every `MarketStore` must do, on both databases.

use std::collections::BTreeSet;

use linggong_core::{Posting, TileKey};
use linggong_server::store::{
    Actor, ActorRole, ChangeForm, FeedChange, FeedView, ImportOutcome, LedgerQuery, MarketStore,
    NewAccount, PostingStatus, Role, SqlStore, StoreError, Transition,
};

use crate::common::{hours_after, now, on_both_databases, posting, posting_at, raw_sql};

const EMPLOYER: Actor = Actor::online(ActorRole::Employer, None);
const STAFF: Actor = Actor::online(ActorRole::Staff, None);

fn account(phone: &str, role: Role) -> NewAccount {
    NewAccount {
        phone: phone.into(),
        name: "某单位".into(),
        role,
        password_hash: "$argon2id$x".into(),
        created_at: now(),
    }
}

fn to<'a>(
    id: &'a str,
    from: &'a [PostingStatus],
    to: PostingStatus,
    reason: Option<&'a str>,
) -> Transition<'a> {
    Transition {
        id,
        from,
        to,
        reason,
        actor: STAFF,
        at: now(),
    }
}

/// The feed from the start, as (op, id, reason).
async fn feed_ops(store: &SqlStore) -> Vec<(String, String, String)> {
    let page = store.feed(0, 1000).await.unwrap();
    page.changes
        .into_iter()
        .map(|c| match c {
            FeedChange::Upsert { posting } => ("upsert".into(), posting.id, String::new()),
            FeedChange::Remove { id, reason } => ("remove".into(), id, reason),
        })
        .collect()
}

async fn accounts_are_unique_by_phone_and_sessions_expire(store: SqlStore) {
    let id = store
        .create_account(account("13800000001", Role::Employer))
        .await
        .unwrap();
    let again = store
        .create_account(account("13800000001", Role::Staff))
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let found = store
        .account_by_phone("13800000001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.id, found.role), (id, Role::Employer));
    assert!(
        store
            .account_by_phone("13800000009")
            .await
            .unwrap()
            .is_none()
    );
    store
        .create_session("digest", id, hours_after(1))
        .await
        .unwrap();
    assert_eq!(
        store
            .session_account("digest", now())
            .await
            .unwrap()
            .map(|a| a.id),
        Some(id)
    );
    assert!(
        store
            .session_account("digest", hours_after(1))
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    store.end_session("digest").await.unwrap();
    assert!(
        store
            .session_account("digest", now())
            .await
            .unwrap()
            .is_none(),
        "ended"
    );
}

async fn a_posting_goes_through_every_state_with_history_and_feed(store: SqlStore) {
    store
        .insert_posting(
            &posting("a"),
            None,
            PostingStatus::PendingReview,
            EMPLOYER,
            now(),
        )
        .await
        .unwrap();
    assert!(feed_ops(&store).await.is_empty(), "nothing published yet");
    let wrong = store
        .transition(to(
            "a",
            &[PostingStatus::Published],
            PostingStatus::TakenDown,
            Some("x"),
        ))
        .await;
    assert!(
        matches!(
            wrong,
            Err(StoreError::WrongState(PostingStatus::PendingReview))
        ),
        "{wrong:?}"
    );
    store
        .transition(to(
            "a",
            &[PostingStatus::PendingReview],
            PostingStatus::Published,
            None,
        ))
        .await
        .unwrap();
    let down = store
        .transition(to(
            "a",
            &[PostingStatus::Published],
            PostingStatus::TakenDown,
            Some("虚假信息"),
        ))
        .await
        .unwrap();
    assert_eq!(
        (down.status, down.reason.as_deref()),
        (PostingStatus::TakenDown, Some("虚假信息"))
    );
    let history: Vec<_> = store
        .history("a")
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.status, e.actor))
        .collect();
    assert_eq!(
        history,
        [
            (PostingStatus::PendingReview, "employer".into()),
            (PostingStatus::Published, "staff".into()),
            (PostingStatus::TakenDown, "staff".into())
        ]
    );
    assert_eq!(
        feed_ops(&store).await,
        [
            ("upsert".into(), "a".into(), String::new()),
            ("remove".into(), "a".into(), "taken_down".into())
        ]
    );
    let missing = store
        .transition(to(
            "nope",
            &[PostingStatus::Published],
            PostingStatus::Withdrawn,
            None,
        ))
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    let taken = store
        .insert_posting(
            &posting("a"),
            None,
            PostingStatus::Published,
            EMPLOYER,
            now(),
        )
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
}

async fn a_refused_write_leaves_nothing_behind(store: SqlStore) {
    store
        .insert_posting(
            &posting("a"),
            None,
            PostingStatus::Published,
            EMPLOYER,
            now(),
        )
        .await
        .unwrap();
    let before = (
        store.history("a").await.unwrap().len(),
        feed_ops(&store).await.len(),
    );
    let _ = store
        .insert_posting(
            &posting("a"),
            None,
            PostingStatus::Published,
            EMPLOYER,
            now(),
        )
        .await;
    let _ = store
        .transition(to(
            "a",
            &[PostingStatus::PendingReview],
            PostingStatus::Rejected,
            Some("x"),
        ))
        .await;
    assert_eq!(
        (
            store.history("a").await.unwrap().len(),
            feed_ops(&store).await.len()
        ),
        before
    );
}

async fn due_postings_expire_with_a_removal_and_others_stay(store: SqlStore) {
    let mut soon = posting("soon");
    soon.valid_through = Some(hours_after(1));
    store
        .insert_posting(&soon, None, PostingStatus::Published, EMPLOYER, now())
        .await
        .unwrap();
    store
        .insert_posting(
            &posting("later"),
            None,
            PostingStatus::Published,
            EMPLOYER,
            now(),
        )
        .await
        .unwrap();
    assert_eq!(store.expire_due(now()).await.unwrap(), 0);
    assert_eq!(store.expire_due(hours_after(1)).await.unwrap(), 1);
    assert_eq!(
        store.posting("soon").await.unwrap().unwrap().status,
        PostingStatus::Expired
    );
    assert_eq!(
        store.posting("later").await.unwrap().unwrap().status,
        PostingStatus::Published
    );
    assert_eq!(
        feed_ops(&store).await.last().unwrap(),
        &("remove".into(), "soon".into(), "expired".into())
    );
    let published: Vec<String> = store
        .published(false)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    let ever: Vec<String> = store
        .published(true)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(
        (published, ever),
        (
            vec!["later".to_string()],
            vec!["later".to_string(), "soon".to_string()]
        )
    );
}

async fn the_feed_pages_from_a_cursor_and_names_the_tiles_it_touched(store: SqlStore) {
    for (i, lat) in [32.06, 31.98, 32.07].into_iter().enumerate() {
        store
            .insert_posting(
                &posting_at(&format!("p{i}"), lat, 200),
                None,
                PostingStatus::Published,
                EMPLOYER,
                now(),
            )
            .await
            .unwrap();
    }
    let first = store.feed(0, 2).await.unwrap();
    assert_eq!(first.changes.len(), 2);
    let rest = store.feed(first.cursor.parse().unwrap(), 2).await.unwrap();
    assert_eq!(rest.changes.len(), 1);
    let end = store.feed(rest.cursor.parse().unwrap(), 2).await.unwrap();
    assert!(end.changes.is_empty());
    assert_eq!(end.cursor, rest.cursor, "an empty page keeps the cursor");
    assert_eq!(
        store.latest_cursor().await.unwrap().to_string(),
        rest.cursor
    );
    let (tiles, cursor) = store.tiles_changed_after(0).await.unwrap();
    assert_eq!(
        (tiles, cursor.to_string()),
        (
            vec!["t60_149".to_string(), "t61_149".to_string()],
            rest.cursor
        )
    );
    let in_tile: Vec<String> = store
        .published_in_tile("t61_149")
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(in_tile, ["p0", "p2"]);
}

async fn imports_add_keep_and_replace_by_id(store: SqlStore) {
    let import = Actor::online(ActorRole::Import, None);
    let p = posting("x");
    assert_eq!(
        store
            .import_posting(&p, PostingStatus::Published, import, now())
            .await
            .unwrap(),
        ImportOutcome::Added
    );
    assert_eq!(
        store
            .import_posting(&p, PostingStatus::Published, import, now())
            .await
            .unwrap(),
        ImportOutcome::Unchanged
    );
    let moved = posting_at("x", 31.98, 250);
    let cursor = store.latest_cursor().await.unwrap();
    assert_eq!(
        store
            .import_posting(&moved, PostingStatus::Published, import, now())
            .await
            .unwrap(),
        ImportOutcome::Replaced
    );
    assert_eq!(store.posting("x").await.unwrap().unwrap().posting, moved);
    let (tiles, _) = store.tiles_changed_after(cursor).await.unwrap();
    assert_eq!(
        tiles,
        ["t60_149", "t61_149"],
        "the tile it left and the tile it entered"
    );
    assert_eq!(
        feed_ops(&store).await.len(),
        2,
        "an unchanged import adds nothing to the feed"
    );
}

async fn markets_and_seekers_are_kept_once_by_id(store: SqlStore) {
    let data = linggong_demo::generate(
        1,
        linggong_demo::DemoSize {
            postings: 5,
            seekers: 4,
            bad_share: 0.1,
        },
        &linggong_demo::gazetteer(),
        now(),
    );
    store.add_markets(&data.markets).await.unwrap();
    store.add_markets(&data.markets).await.unwrap();
    store.add_seekers(&data.seekers).await.unwrap();
    store.add_seekers(&data.seekers).await.unwrap();
    assert_eq!(store.markets().await.unwrap().len(), data.markets.len());
    let mut want = data.seekers.clone();
    want.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(store.seekers().await.unwrap(), want);
}

fn market(id: &str, name: &str) -> linggong_core::Market {
    let text = format!(
        r#"{{"id": "{id}", "name": "{name}", "kind": "station", "address": "中山路1号",
        "location": {{"lat": 32.06, "lng": 118.79}}}}"#
    );
    linggong_core::parse_market(&text).unwrap()
}

/// The ledger's events as (kind, subject, actor, channel).
async fn ledger_rows(store: &SqlStore) -> Vec<(String, String, String, String)> {
    linggong_server::ledger::all_entries(store)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.subject, e.actor, e.channel))
        .collect()
}

async fn the_directory_is_saved_replaced_and_removed_moving_its_version(store: SqlStore) {
    let staff = Actor::online(ActorRole::Staff, Some(3));
    let v0 = store.markets_version().await.unwrap();
    store.add_markets(&[market("a", "甲")]).await.unwrap();
    let v1 = store.markets_version().await.unwrap();
    assert!(v1 > v0, "the demo's seeding moves it too");
    let save = |m: linggong_core::Market| {
        let store = store.clone();
        async move { store.save_market(&m, staff, now()).await }
    };
    assert_eq!(save(market("b", "乙")).await.unwrap(), ImportOutcome::Added);
    let v2 = store.markets_version().await.unwrap();
    assert_eq!(
        save(market("b", "乙")).await.unwrap(),
        ImportOutcome::Unchanged
    );
    assert_eq!(
        store.markets_version().await.unwrap(),
        v2,
        "nothing changed"
    );
    assert_eq!(
        save(market("a", "甲站")).await.unwrap(),
        ImportOutcome::Replaced
    );
    store.add_markets(&[market("a", "甲")]).await.unwrap();
    let names: Vec<String> = store
        .markets()
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(names, ["甲站", "乙"], "seeding keeps what staff saved");
    let v3 = store.markets_version().await.unwrap();
    store.remove_market("b", staff, now()).await.unwrap();
    assert!(store.markets_version().await.unwrap() > v3);
    let again = store.remove_market("b", staff, now()).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    let staff_row =
        |kind: &str, subject: &str| (kind.into(), subject.into(), "staff".into(), "online".into());
    assert_eq!(
        ledger_rows(&store).await,
        [
            staff_row("market.saved", "b"),
            staff_row("market.saved", "a"),
            staff_row("market.removed", "b"),
        ]
    );
}

/// Three postings over two days and a registration at the counter: pages by kind, prefix,
/// subject and day, oldest and newest first, a row at a time.
async fn a_ledger_page_is_filtered_and_its_cursor_passes_what_it_leaves_out(store: SqlStore) {
    for (id, at) in [
        ("p1", now()),
        ("p2", hours_after(30)),
        ("p3", hours_after(31)),
    ] {
        store
            .insert_posting(&posting(id), None, PostingStatus::Published, EMPLOYER, at)
            .await
            .unwrap();
    }
    store
        .transition(to(
            "p1",
            &[PostingStatus::Published],
            PostingStatus::TakenDown,
            Some("虚假"),
        ))
        .await
        .unwrap();
    let profile = linggong_core::parse_seeker(r#"{"id": "r1", "trades": ["电工"]}"#).unwrap();
    store
        .register_seeker(&profile, Actor::at_counter(9), now())
        .await
        .unwrap();
    let page = |q: LedgerQuery| {
        let store = store.clone();
        async move {
            let page = store.ledger_page(&q).await.unwrap();
            let seqs: Vec<i64> = page.events.iter().map(|e| e.seq).collect();
            (seqs, page.cursor)
        }
    };
    let all = LedgerQuery {
        limit: 100,
        ..LedgerQuery::default()
    };
    let nov24 = (hours_after(15).unix_s(), hours_after(39).unix_s());
    let cases = [
        (all.clone(), (vec![1, 2, 3, 4, 5], 5)),
        (
            LedgerQuery {
                kind: Some("posting.published".into()),
                ..all.clone()
            },
            (vec![1, 2, 3], 5),
        ),
        (
            LedgerQuery {
                kind: Some("posting.".into()),
                ..all.clone()
            },
            (vec![1, 2, 3, 4], 5),
        ),
        (
            LedgerQuery {
                kind: Some("registration.made".into()),
                ..all.clone()
            },
            (vec![5], 5),
        ),
        (
            LedgerQuery {
                kind: Some("posting.taken".into()),
                ..all.clone()
            },
            (vec![], 5),
        ),
        (
            LedgerQuery {
                subject: Some("p1".into()),
                ..all.clone()
            },
            (vec![1, 4], 5),
        ),
        (
            LedgerQuery {
                during: Some(nov24),
                ..all.clone()
            },
            (vec![2, 3], 5),
        ),
        (
            LedgerQuery {
                newest_first: true,
                ..all.clone()
            },
            (vec![5, 4, 3, 2, 1], 1),
        ),
        (
            LedgerQuery {
                after: 2,
                before: Some(5),
                ..all.clone()
            },
            (vec![3, 4], 4),
        ),
        (
            LedgerQuery {
                limit: 2,
                kind: Some("posting.".into()),
                ..all.clone()
            },
            (vec![1, 2], 2),
        ),
        (
            LedgerQuery {
                limit: 2,
                newest_first: true,
                ..all.clone()
            },
            (vec![5, 4], 4),
        ),
        (
            LedgerQuery {
                after: 9,
                ..all.clone()
            },
            (vec![], 9),
        ),
        (
            LedgerQuery {
                before: Some(i64::MIN),
                ..all.clone()
            },
            (vec![], 0),
        ),
        (
            LedgerQuery {
                after: i64::MAX,
                newest_first: true,
                ..all.clone()
            },
            (vec![], 6),
        ),
    ];
    for (query, want) in cases {
        assert_eq!(page(query.clone()).await, want, "{query:?}");
    }
    // Row by row, oldest and newest first: every match once, none skipped.
    for newest_first in [false, true] {
        let mut q = LedgerQuery {
            limit: 1,
            newest_first,
            subject: Some("p1".into()),
            ..LedgerQuery::default()
        };
        let mut seen = Vec::new();
        loop {
            let (seqs, cursor) = page(q.clone()).await;
            if seqs.is_empty() {
                break;
            }
            seen.extend(seqs);
            if newest_first {
                q.before = Some(cursor);
            } else {
                q.after = cursor;
            }
        }
        seen.sort_unstable();
        assert_eq!(seen, [1, 4], "newest first: {newest_first}");
    }
    let rows = ledger_rows(&store).await;
    let counter = (
        "registration.made".into(),
        "r1".into(),
        "staff".into(),
        "offline".into(),
    );
    assert_eq!(rows[4], counter, "an entry at the counter");
}

/// A database written before the ledger kept subjects gets them from the entries' text when
/// it is migrated; an entry that is no JSON (tampered) gets none, and the migration goes on.
async fn events_before_the_subject_column_are_found_by_subject_after_migrating(store: SqlStore) {
    for id in ["p1", "p2"] {
        store
            .insert_posting(
                &posting(id),
                None,
                PostingStatus::Published,
                EMPLOYER,
                now(),
            )
            .await
            .unwrap();
    }
    raw_sql(
        &store,
        "DROP INDEX ledger_by_subject; ALTER TABLE ledger DROP COLUMN subject;          DELETE FROM _sqlx_migrations WHERE version = 8;          UPDATE ledger SET entry = 'not json' WHERE seq = 2",
    )
    .await;
    let again = SqlStore::connect(store.url()).await.unwrap();
    let query = |subject: &str| LedgerQuery {
        limit: 10,
        subject: Some(subject.into()),
        ..LedgerQuery::default()
    };
    let found = again.ledger_page(&query("p1")).await.unwrap();
    assert_eq!(found.events.iter().map(|e| e.seq).collect::<Vec<_>>(), [1]);
    assert!(
        again
            .ledger_page(&query("p2"))
            .await
            .unwrap()
            .events
            .is_empty()
    );
    let problem = linggong_server::ledger::verify(&again).await.unwrap();
    assert!(problem.is_err(), "verify still names it: {problem:?}");
}

/// Writers commit in whatever order the database lets them; a reader that follows the feed
/// from its cursor the whole time must still see every change exactly once.
async fn a_reader_following_the_feed_misses_nothing_under_concurrent_writers(store: SqlStore) {
    const WRITERS: usize = 8;
    const EACH: usize = 25;
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let store = store.clone();
            tokio::spawn(async move {
                for i in 0..EACH {
                    let p: Posting = posting_at(&format!("w{w}-{i}"), 30.0 + (w as f64) * 0.5, 200);
                    store
                        .insert_posting(&p, None, PostingStatus::Published, EMPLOYER, now())
                        .await
                        .unwrap();
                }
            })
        })
        .collect();
    let mut seen = Vec::new();
    let mut cursor = 0i64;
    let done = || writers.iter().all(|w| w.is_finished());
    loop {
        let finished = done();
        let page = store.feed(cursor, 7).await.unwrap();
        cursor = page.cursor.parse().unwrap();
        seen.extend(page.changes.into_iter().map(|c| match c {
            FeedChange::Upsert { posting } => posting.id,
            FeedChange::Remove { id, .. } => id,
        }));
        if finished && store.feed(cursor, 1).await.unwrap().changes.is_empty() {
            break;
        }
    }
    let unique: BTreeSet<_> = seen.iter().cloned().collect();
    assert_eq!(seen.len(), WRITERS * EACH, "each change once");
    assert_eq!(unique.len(), WRITERS * EACH);
}

async fn the_feed_written_from_stored_json_is_the_feed_page(store: SqlStore) {
    for id in ["a", "b", "c"] {
        store
            .insert_posting(
                &posting(id),
                None,
                PostingStatus::Published,
                EMPLOYER,
                now(),
            )
            .await
            .unwrap();
    }
    let reason = "违规\"信息\"";
    store
        .transition(to(
            "b",
            &[PostingStatus::Published],
            PostingStatus::TakenDown,
            Some(reason),
        ))
        .await
        .unwrap();
    for (after, limit) in [(0, 10), (1, 2), (4, 10), (9, 10)] {
        let typed = serde_json::to_value(store.feed(after, limit).await.unwrap()).unwrap();
        let text = store
            .feed_json(after, limit, &FeedView::default())
            .await
            .unwrap();
        let written: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(written, typed, "after {after}, limit {limit}");
    }
    // The packed page: the same changes, each as its packed text.
    let packed_view = FeedView {
        form: ChangeForm::Packed,
        tiles: None,
    };
    let packed = store.feed_json(0, 10, &packed_view).await.unwrap();
    let packed: serde_json::Value = serde_json::from_str(&packed).unwrap();
    let typed = store.feed(0, 10).await.unwrap();
    let expected: Vec<String> = typed.changes.iter().map(|c| c.to_packed()).collect();
    assert_eq!(packed["changes"], serde_json::json!(expected));
    assert_eq!(packed["cursor"], "4");
    for (text, change) in expected.iter().zip(&typed.changes) {
        assert_eq!(&FeedChange::from_packed(text).unwrap(), change);
    }
    // A change written before the packed column (none stored) is packed when read.
    raw_sql(&store, "UPDATE feed SET packed = NULL").await;
    let old = store.feed_changes(0, 10, &packed_view).await.unwrap();
    let old: Vec<String> = old.changes.into_iter().map(|(_, text)| text).collect();
    assert_eq!(old, expected);
}

async fn a_reader_of_some_tiles_gets_their_changes_and_moves_past_the_others(store: SqlStore) {
    // Nanjing (t61_149) and Shanghai's latitude (t60_149 is south of it): one each, then
    // Nanjing's withdrawn.
    for (id, lat) in [("nj", 32.06), ("far", 30.5), ("nj2", 32.07)] {
        store
            .insert_posting(
                &posting_at(id, lat, 200),
                None,
                PostingStatus::Published,
                EMPLOYER,
                now(),
            )
            .await
            .unwrap();
    }
    let tile = TileKey::of_posting(&posting_at("nj", 32.06, 200)).to_string();
    let view = FeedView {
        form: ChangeForm::Json,
        tiles: Some(vec![tile]),
    };
    let slice = store.feed_changes(0, 10, &view).await.unwrap();
    let seqs: Vec<i64> = slice.changes.iter().map(|(seq, _)| *seq).collect();
    assert_eq!((seqs, slice.cursor), (vec![1, 3], 3));
    // A page of only other tiles' changes still moves the cursor on.
    let slice = store.feed_changes(1, 1, &view).await.unwrap();
    assert_eq!((slice.changes.len(), slice.cursor), (0, 2));
    let page: serde_json::Value =
        serde_json::from_str(&store.feed_json(1, 1, &view).await.unwrap()).unwrap();
    assert_eq!(page, serde_json::json!({"cursor": "2", "changes": []}));
}

on_both_databases!(
    the_feed_written_from_stored_json_is_the_feed_page,
    a_reader_of_some_tiles_gets_their_changes_and_moves_past_the_others,
    accounts_are_unique_by_phone_and_sessions_expire,
    a_posting_goes_through_every_state_with_history_and_feed,
    a_refused_write_leaves_nothing_behind,
    due_postings_expire_with_a_removal_and_others_stay,
    the_feed_pages_from_a_cursor_and_names_the_tiles_it_touched,
    imports_add_keep_and_replace_by_id,
    markets_and_seekers_are_kept_once_by_id,
    a_reader_following_the_feed_misses_nothing_under_concurrent_writers,
    the_directory_is_saved_replaced_and_removed_moving_its_version,
    a_ledger_page_is_filtered_and_its_cursor_passes_what_it_leaves_out,
    events_before_the_subject_column_are_found_by_subject_after_migrating,
);
