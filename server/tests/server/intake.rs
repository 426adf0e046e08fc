//! The storage conformance suite for what the phone's outbox sends: applications and reports
//! are kept once under the phone's id, on both databases.

use linggong_server::store::{
    Actor, ActorRole, Application, ApplicationStatus, Intake, MarketStore, PostingStatus, Report,
    SqlStore, StoreError, Transition,
};

use crate::common::{now, on_both_databases, posting};

const STAFF: Actor = Actor {
    role: ActorRole::Staff,
    account_id: None,
};

fn application(id: &str, posting_id: &str, phone: &str) -> Application {
    Application {
        id: id.into(),
        posting_id: posting_id.into(),
        name: "王师傅".into(),
        phone: phone.into(),
        created_at: "2026-11-23T08:59:00+08:00".into(),
    }
}

fn report(id: &str, posting_id: &str) -> Report {
    Report {
        id: id.into(),
        posting_id: posting_id.into(),
        reason: "要交押金".into(),
        created_at: "2026-11-23T08:59:00+08:00".into(),
    }
}

async fn published(store: &SqlStore, id: &str) {
    store
        .insert_posting(&posting(id), None, PostingStatus::Published, STAFF, now())
        .await
        .unwrap();
}

async fn an_application_is_kept_once_under_the_phones_id(store: SqlStore) {
    published(&store, "p1").await;
    let a = application("a1", "p1", "13800001234");
    let (kept, intake) = store.submit_application(&a, now()).await.unwrap();
    assert_eq!(
        (kept.status, intake),
        (ApplicationStatus::Submitted, Intake::New)
    );
    // The answer was lost and the phone sends again: the first record stands.
    let (again, intake) = store.submit_application(&a, now()).await.unwrap();
    assert_eq!((again, intake), (kept.clone(), Intake::Repeat));
    // Another body under the same id, and a second application of the same phone: refused.
    let other = Application {
        name: "李阿姨".into(),
        ..a.clone()
    };
    let refused = store.submit_application(&other, now()).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "{refused:?}"
    );
    let twice = store
        .submit_application(&application("a2", "p1", "13800001234"), now())
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    assert_eq!(store.application("a1").await.unwrap(), Some(kept.clone()));
    assert_eq!(store.application("a2").await.unwrap(), None);
    assert_eq!(store.applications_for("p1").await.unwrap(), vec![kept]);
    let history = store.application_history("a1").await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (
            history[0].status,
            history[0].actor.as_str(),
            history[0].channel.as_str()
        ),
        (ApplicationStatus::Submitted, "seeker", "online")
    );
}

async fn only_a_published_posting_takes_applications_and_reports(store: SqlStore) {
    store
        .insert_posting(
            &posting("wait"),
            None,
            PostingStatus::PendingReview,
            STAFF,
            now(),
        )
        .await
        .unwrap();
    let none = store
        .submit_application(&application("a1", "nowhere", "13800001234"), now())
        .await;
    assert!(matches!(none, Err(StoreError::NotFound)), "{none:?}");
    let waiting = store
        .submit_application(&application("a1", "wait", "13800001234"), now())
        .await;
    assert!(
        matches!(
            waiting,
            Err(StoreError::WrongState(PostingStatus::PendingReview))
        ),
        "{waiting:?}"
    );
    let report = store.submit_report(&report("r1", "wait"), now()).await;
    assert!(
        matches!(report, Err(StoreError::WrongState(_))),
        "{report:?}"
    );
    assert!(store.applications_for("wait").await.unwrap().is_empty());
    assert!(store.open_reports(10).await.unwrap().is_empty());
}

async fn reports_stay_open_until_dismissed_or_the_posting_leaves(store: SqlStore) {
    published(&store, "p1").await;
    published(&store, "p2").await;
    let first = report("r1", "p1");
    assert_eq!(
        store.submit_report(&first, now()).await.unwrap(),
        Intake::New
    );
    assert_eq!(
        store.submit_report(&first, now()).await.unwrap(),
        Intake::Repeat
    );
    let other = Report {
        reason: "别的".into(),
        ..first.clone()
    };
    assert!(matches!(
        store.submit_report(&other, now()).await,
        Err(StoreError::Conflict(_))
    ));
    store
        .submit_report(&report("r2", "p2"), now())
        .await
        .unwrap();
    assert_eq!(store.open_reports(10).await.unwrap().len(), 2);
    assert_eq!(store.dismiss_reports("p1").await.unwrap(), 1);
    assert_eq!(store.dismiss_reports("p1").await.unwrap(), 0);
    // Taking p2 down settles its report in the same step.
    let down = Transition {
        id: "p2",
        from: &[PostingStatus::Published],
        to: PostingStatus::TakenDown,
        reason: Some("虚假信息"),
        actor: STAFF,
        at: now(),
    };
    store.transition(down).await.unwrap();
    assert!(store.open_reports(10).await.unwrap().is_empty());
}

async fn resends_racing_each_other_keep_one_application(store: SqlStore) {
    published(&store, "p1").await;
    let a = application("a1", "p1", "13800001234");
    let sends = (0..8).map(|_| {
        let (store, a) = (store.clone(), a.clone());
        tokio::spawn(async move { store.submit_application(&a, now()).await })
    });
    let mut new = 0;
    for send in sends {
        let (kept, intake) = send.await.unwrap().unwrap();
        assert_eq!(kept.application, a);
        new += usize::from(intake == Intake::New);
    }
    assert_eq!(new, 1, "exactly one send is the first");
    assert_eq!(store.applications_for("p1").await.unwrap().len(), 1);
}

async fn the_server_key_is_made_once_and_read_by_every_process(store: SqlStore) {
    let key = store.server_key("token").await.unwrap();
    assert_eq!(store.server_key("token").await.unwrap(), key);
    assert_ne!(store.server_key("other").await.unwrap(), key);
    assert_ne!(key, [0u8; 32]);
}

on_both_databases!(
    an_application_is_kept_once_under_the_phones_id,
    only_a_published_posting_takes_applications_and_reports,
    reports_stay_open_until_dismissed_or_the_posting_leaves,
    resends_racing_each_other_keep_one_application,
    the_server_key_is_made_once_and_read_by_every_process,
);
