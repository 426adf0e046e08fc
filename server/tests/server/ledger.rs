//! The service ledger on both databases: every service event appended in order without
//! personal data; signed heads; and every kind of tampering found and named. The Merkle root
//! and the inclusion proofs are checked by a second, independent RFC 6962 implementation
//! written here from the RFC.

use linggong_core::{Party, Step};
use linggong_server::ledger::{self, LedgerProblem};
use linggong_server::store::{
    Actor, ActorRole, Application, MarketStore, PostingStatus, Report, SqlStore, StepRequest,
    Transition,
};
use sha2::{Digest, Sha256};

use crate::common::{hours_after, now, on_both_databases, posting, raw_sql};

const STAFF: Actor = Actor::online(ActorRole::Staff, None);

/// RFC 6962 §2.1, written out: MTH of leaf digests `d` (each leaf's content is its digest).
fn mth(d: &[[u8; 32]]) -> [u8; 32] {
    match d.len() {
        0 => Sha256::digest([]).into(),
        1 => Sha256::new()
            .chain_update([0u8])
            .chain_update(d[0])
            .finalize()
            .into(),
        n => {
            let k = 1 << (usize::BITS - 1 - (n - 1).leading_zeros());
            node(&mth(&d[..k]), &mth(&d[k..]))
        }
    }
}

fn node(l: &[u8; 32], r: &[u8; 32]) -> [u8; 32] {
    Sha256::new()
        .chain_update([1u8])
        .chain_update(l)
        .chain_update(r)
        .finalize()
        .into()
}

/// RFC 9162 §2.1.3.2: the root an audit path gives for leaf `index` of a tree of `size`.
fn root_from_path(index: u64, size: u64, leaf: [u8; 32], path: &[[u8; 32]]) -> Option<[u8; 32]> {
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = Sha256::new()
        .chain_update([0u8])
        .chain_update(leaf)
        .finalize()
        .into();
    for p in path {
        if s_n == 0 {
            return None;
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node(p, &r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            r = node(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    (s_n == 0).then_some(r)
}

/// RFC 9162 §2.1.4.2: the two roots a consistency path gives from the older root, for trees
/// of `m` and `n` leaves (`None` when the path cannot be one).
fn roots_from_consistency(
    m: u64,
    n: u64,
    old_root: [u8; 32],
    path: &[[u8; 32]],
) -> Option<([u8; 32], [u8; 32])> {
    if m == n {
        return path.is_empty().then_some((old_root, old_root));
    }
    let mut path = path.to_vec();
    if m.is_power_of_two() {
        path.insert(0, old_root);
    }
    let (mut f_n, mut s_n) = (m - 1, n - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (first, rest) = path.split_first()?;
    let (mut f_r, mut s_r) = (*first, *first);
    for c in rest {
        if s_n == 0 {
            return None;
        }
        if f_n & 1 == 1 || f_n == s_n {
            f_r = node(c, &f_r);
            s_r = node(c, &s_r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            s_r = node(&s_r, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    (s_n == 0).then_some((f_r, s_r))
}

fn unhex(text: &str) -> [u8; 32] {
    std::array::from_fn(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap())
}

/// A posting published, applied for, offered, confirmed, reported and taken down: seven
/// events, with a head signed after the third.
async fn a_market_day(store: &SqlStore) {
    store
        .insert_posting(&posting("p1"), None, PostingStatus::Published, STAFF, now())
        .await
        .unwrap();
    let application = Application {
        id: "a1".into(),
        posting_id: "p1".into(),
        name: "王师傅".into(),
        phone: "13800001234".into(),
        created_at: "2026-11-23T08:59:00+08:00".into(),
        registration_id: None,
    };
    store.submit_application(&application, now()).await.unwrap();
    let step = |step: Step, party: Party, role: ActorRole| StepRequest {
        application_id: "a1",
        step,
        party,
        actor: Actor::online(role, None),
        step_id: None,
        check_in_code: Some("123456"),
        confirm_by: Some(hours_after(12)),
        at: now(),
    };
    store
        .take_step(step(Step::Offer, Party::Employer, ActorRole::Employer))
        .await
        .unwrap();
    ledger::checkpoint(store, now()).await.unwrap();
    store
        .take_step(step(Step::Confirm, Party::Seeker, ActorRole::Seeker))
        .await
        .unwrap();
    let report = Report {
        id: "r1".into(),
        posting_id: "p1".into(),
        reason: "要交押金".into(),
        created_at: "2026-11-23T09:00:00+08:00".into(),
    };
    store.submit_report(&report, now()).await.unwrap();
    let down = Transition {
        id: "p1",
        from: &[PostingStatus::Published],
        to: PostingStatus::TakenDown,
        reason: Some("虚假信息"),
        actor: STAFF,
        at: now(),
    };
    store.transition(down).await.unwrap();
    ledger::checkpoint(store, now()).await.unwrap();
}

async fn every_service_event_is_in_the_ledger_in_order_without_personal_data(store: SqlStore) {
    a_market_day(&store).await;
    let events = ledger::all_events(&store).await.unwrap();
    let kinds: Vec<String> = events
        .iter()
        .map(|e| serde_json::from_str::<ledger::Entry>(&e.text).unwrap().kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "posting.published",
            "application.submitted",
            "application.offered",
            "application.confirmed",
            "report.received",
            "posting.taken_down",
            "report.taken_down"
        ]
    );
    let all: String = events.iter().map(|e| e.text.as_str()).collect();
    assert!(
        !all.contains("13800001234") && !all.contains("王师傅"),
        "no personal data: {all}"
    );
    assert!(all.contains(r#""seeker":""#), "a seeker appears as a hash");
    assert_eq!(ledger::verify(&store).await.unwrap(), Ok(7));
    // The heads are RFC 6962 roots, as an independent implementation computes them.
    let digests: Vec<[u8; 32]> = events.iter().map(|e| unhex(&e.digest)).collect();
    let heads = store.ledger_heads().await.unwrap();
    assert_eq!(heads.iter().map(|h| h.size).collect::<Vec<_>>(), [3, 7]);
    for head in &heads {
        let size = usize::try_from(head.size).unwrap();
        assert_eq!(unhex(&head.root), mth(&digests[..size]), "head of {size}");
    }
    // Every event's audit path leads to the root, checked independently.
    let tree = ledger::tree_of(&events);
    for (i, d) in digests.iter().enumerate() {
        let path: Vec<[u8; 32]> = tree
            .inclusion(i as i64 + 1)
            .unwrap()
            .iter()
            .map(|h| unhex(h))
            .collect();
        assert_eq!(
            root_from_path(i as u64, 7, *d, &path),
            Some(unhex(&heads[1].root)),
            "event {}",
            i + 1
        );
    }
    // The server's kept tree proves the later head extends the earlier one.
    let cache = ledger::LedgerCache::default();
    let signed = cache.signed(&store, now()).await.unwrap();
    assert_eq!(signed.head, heads[1], "no new head: nothing came after");
    let path: Vec<[u8; 32]> = signed
        .tree
        .consistency(3)
        .unwrap()
        .iter()
        .map(|h| unhex(h))
        .collect();
    let (old, new) = (unhex(&heads[0].root), unhex(&heads[1].root));
    assert_eq!(roots_from_consistency(3, 7, old, &path), Some((old, new)));
}

/// Every earlier size of trees up to 33 events: the path proves the later root from the
/// earlier one by RFC 9162's own algorithm, and fails for a wrong earlier root.
#[test]
fn every_consistency_proof_verifies_independently() {
    let digests: Vec<[u8; 32]> = (0..33)
        .map(|i| ledger::leaf_digest(&format!("event {i}")))
        .collect();
    let mut tree = ledger::LedgerTree::default();
    for (n, d) in digests.iter().enumerate() {
        tree.push(*d);
        let n = n + 1;
        for m in 1..=n {
            let path: Vec<[u8; 32]> = tree
                .consistency(m as i64)
                .unwrap()
                .iter()
                .map(|h| unhex(h))
                .collect();
            let old = mth(&digests[..m]);
            assert_eq!(
                roots_from_consistency(m as u64, n as u64, old, &path),
                Some((old, mth(&digests[..n]))),
                "{m} → {n}"
            );
            if m < n {
                let wrong = roots_from_consistency(m as u64, n as u64, digests[0], &path);
                assert_ne!(wrong, Some((digests[0], mth(&digests[..n]))), "{m} → {n}");
            }
        }
        assert_eq!(tree.consistency(0), None);
        assert_eq!(tree.consistency(n as i64 + 1), None);
    }
}

async fn an_event_changed_in_place_is_named(store: SqlStore) {
    a_market_day(&store).await;
    raw_sql(
        &store,
        "UPDATE ledger SET entry = REPLACE(entry, '虚假信息', '信息有误') WHERE seq = 6",
    )
    .await;
    assert_eq!(
        ledger::verify(&store).await.unwrap(),
        Err(LedgerProblem::Changed { seq: 6 })
    );
}

async fn an_event_rewritten_with_its_digest_is_caught_by_the_signed_head(store: SqlStore) {
    a_market_day(&store).await;
    let events = ledger::all_events(&store).await.unwrap();
    let forged = events[4]
        .text
        .replace(r#""subject":"r1""#, r#""subject":"r9""#);
    assert_ne!(forged, events[4].text);
    let digest = linggong_server::ledger::leaf_digest(&forged);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let sql = format!(
        "UPDATE ledger SET entry = '{}', digest = '{hex}' WHERE seq = 5",
        forged.replace('\'', "''")
    );
    raw_sql(&store, &sql).await;
    assert_eq!(
        ledger::verify(&store).await.unwrap(),
        Err(LedgerProblem::Rewritten { after: 3, size: 7 }),
        "the change lies after the head of 3 and before the head of 7"
    );
}

async fn a_deleted_event_and_a_cut_short_ledger_are_named(store: SqlStore) {
    a_market_day(&store).await;
    raw_sql(&store, "DELETE FROM ledger WHERE seq >= 6").await;
    assert_eq!(
        ledger::verify(&store).await.unwrap(),
        Err(LedgerProblem::Missing { seq: 6 })
    );
    raw_sql(&store, "DELETE FROM ledger WHERE seq = 2").await;
    assert_eq!(
        ledger::verify(&store).await.unwrap(),
        Err(LedgerProblem::Missing { seq: 2 })
    );
}

async fn reordered_events_and_a_forged_head_are_named(store: SqlStore) {
    a_market_day(&store).await;
    // Swap the texts (and digests) of events 2 and 3.
    raw_sql(&store, "UPDATE ledger SET seq = -2 WHERE seq = 2").await;
    raw_sql(&store, "UPDATE ledger SET seq = 2 WHERE seq = 3").await;
    raw_sql(&store, "UPDATE ledger SET seq = 3 WHERE seq = -2").await;
    assert_eq!(
        ledger::verify(&store).await.unwrap(),
        Err(LedgerProblem::Changed { seq: 2 })
    );
    raw_sql(&store, "UPDATE ledger SET seq = -2 WHERE seq = 2").await;
    raw_sql(&store, "UPDATE ledger SET seq = 2 WHERE seq = 3").await;
    raw_sql(&store, "UPDATE ledger SET seq = 3 WHERE seq = -2").await;
    assert_eq!(ledger::verify(&store).await.unwrap(), Ok(7), "put back");
    // Change the root's first hex digit: a root is random, so a replacement of one digit by
    // another (say every 'a') misses the roots without that digit (1 in 60).
    raw_sql(
        &store,
        "UPDATE ledger_heads SET root = \
         (CASE WHEN substr(root, 1, 1) = '0' THEN '1' ELSE '0' END) || substr(root, 2) \
         WHERE size = 7",
    )
    .await;
    let forged = ledger::verify(&store).await.unwrap();
    assert!(
        matches!(forged, Err(LedgerProblem::Unsigned { size: 7 })),
        "{forged:?}"
    );
}

on_both_databases!(
    every_service_event_is_in_the_ledger_in_order_without_personal_data,
    an_event_changed_in_place_is_named,
    an_event_rewritten_with_its_digest_is_caught_by_the_signed_head,
    a_deleted_event_and_a_cut_short_ledger_are_named,
    reordered_events_and_a_forged_head_are_named,
);
