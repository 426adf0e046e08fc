//! The storage conformance suite for what the phone's outbox sends: applications and reports
//! are kept once under the phone's id, and an application's steps follow core's table, each
//! step once, on both databases.

use linggong_core::{Party, Step};
use linggong_server::store::{
    Actor, ActorRole, Application, ApplicationStatus, Intake, MarketStore, PostingStatus, Report,
    SqlStore, StepRequest, StoreError, Transition,
};

use crate::common::{hours_after, now, on_both_databases, posting};

const STAFF: Actor = Actor::online(ActorRole::Staff, None);

fn application(id: &str, posting_id: &str, phone: &str) -> Application {
    Application {
        id: id.into(),
        posting_id: posting_id.into(),
        name: "王师傅".into(),
        phone: phone.into(),
        created_at: "2026-11-23T08:59:00+08:00".into(),
        registration_id: None,
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
    assert_eq!(store.dismiss_reports("p1", STAFF, now()).await.unwrap(), 1);
    assert_eq!(store.dismiss_reports("p1", STAFF, now()).await.unwrap(), 0);
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

fn step<'a>(id: &'a str, step: Step, party: Party, step_id: Option<&'a str>) -> StepRequest<'a> {
    let role = match party {
        Party::Seeker => ActorRole::Seeker,
        Party::Employer => ActorRole::Employer,
        Party::Staff => ActorRole::Staff,
        Party::System => ActorRole::System,
    };
    StepRequest {
        application_id: id,
        step,
        party,
        actor: Actor::online(role, None),
        step_id,
        check_in_code: (step == Step::Offer).then_some("123456"),
        confirm_by: (step == Step::Offer).then(|| hours_after(12)),
        at: now(),
    }
}

async fn an_application_goes_from_offer_to_completion_with_a_resent_step_taken_once(
    store: SqlStore,
) {
    use ApplicationStatus as S;
    published(&store, "p1").await;
    store
        .submit_application(&application("a1", "p1", "13800001234"), now())
        .await
        .unwrap();
    let (offered, _) = store
        .take_step(step("a1", Step::Offer, Party::Employer, None))
        .await
        .unwrap();
    assert_eq!(offered.status, S::Offered);
    assert_eq!(offered.check_in_code.as_deref(), Some("123456"));
    // The phone confirms; the answer is lost; it confirms again under the same id.
    let confirm = step("a1", Step::Confirm, Party::Seeker, Some("c-1"));
    let (first, intake) = store.take_step(confirm).await.unwrap();
    assert_eq!((first.status, intake), (S::Confirmed, Intake::New));
    let (again, intake) = store.take_step(confirm).await.unwrap();
    assert_eq!((again.status, intake), (S::Confirmed, Intake::Repeat));
    // The same id for another step is refused, and so is a step out of order or not yours.
    let reused = store
        .take_step(step("a1", Step::Withdraw, Party::Seeker, Some("c-1")))
        .await;
    assert!(matches!(reused, Err(StoreError::Conflict(_))), "{reused:?}");
    let early = store
        .take_step(step("a1", Step::Complete, Party::Employer, None))
        .await;
    assert!(
        matches!(early, Err(StoreError::WrongApplicationState(S::Confirmed))),
        "{early:?}"
    );
    let not_yours = store
        .take_step(step("a1", Step::Arrive, Party::System, None))
        .await;
    assert!(
        matches!(not_yours, Err(StoreError::NotYourStep)),
        "{not_yours:?}"
    );
    for (s, party, to) in [
        (Step::Arrive, Party::Employer, S::Arrived),
        (Step::Complete, Party::Staff, S::Completed),
    ] {
        let (kept, _) = store.take_step(step("a1", s, party, None)).await.unwrap();
        assert_eq!(kept.status, to);
    }
    let history: Vec<(S, String)> = store
        .application_history("a1")
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.status, e.actor))
        .collect();
    let want = [
        (S::Submitted, "seeker"),
        (S::Offered, "employer"),
        (S::Confirmed, "seeker"),
        (S::Arrived, "employer"),
        (S::Completed, "staff"),
    ];
    assert_eq!(
        history,
        want.map(|(s, a)| (s, a.to_string())),
        "one event per step"
    );
    let missing = store
        .take_step(step("nobody", Step::Offer, Party::Employer, None))
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

async fn offers_not_confirmed_in_time_expire_and_others_stay(store: SqlStore) {
    published(&store, "p1").await;
    for (id, phone) in [
        ("a1", "13800000001"),
        ("a2", "13800000002"),
        ("a3", "13800000003"),
    ] {
        store
            .submit_application(&application(id, "p1", phone), now())
            .await
            .unwrap();
        store
            .take_step(step(id, Step::Offer, Party::Employer, None))
            .await
            .unwrap();
    }
    store
        .take_step(step("a2", Step::Confirm, Party::Seeker, None))
        .await
        .unwrap();
    assert_eq!(
        store.expire_offers(hours_after(11)).await.unwrap(),
        0,
        "not yet"
    );
    assert_eq!(store.expire_offers(hours_after(12)).await.unwrap(), 2);
    let status = |id: &'static str| {
        let store = store.clone();
        async move { store.application(id).await.unwrap().unwrap().status }
    };
    assert_eq!(status("a1").await, ApplicationStatus::Expired);
    assert_eq!(status("a2").await, ApplicationStatus::Confirmed);
    assert_eq!(status("a3").await, ApplicationStatus::Expired);
    assert_eq!(store.expire_offers(hours_after(13)).await.unwrap(), 0);
}

on_both_databases!(
    an_application_goes_from_offer_to_completion_with_a_resent_step_taken_once,
    offers_not_confirmed_in_time_expire_and_others_stay,
    an_application_is_kept_once_under_the_phones_id,
    only_a_published_posting_takes_applications_and_reports,
    reports_stay_open_until_dismissed_or_the_posting_leaves,
    resends_racing_each_other_keep_one_application,
    the_server_key_is_made_once_and_read_by_every_process,
);
