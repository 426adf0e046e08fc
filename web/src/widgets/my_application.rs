//! The seeker's own application on a gig's page: where it stands (已投递, 已录用，请确认, …),
//! the steps core's table opens to the seeker from there (确认, 撤回, 我已到岗), and, once
//! confirmed, the code to show on arrival.

use linggong_core::{ApplicationStatus, Party, Step};
use yew::prelude::*;

use crate::clock::now;
use crate::i18n::Lang;
use crate::offline::{Application, new_id};
use crate::pages::queue;
use crate::state::AppContext;

#[derive(Properties, PartialEq)]
pub struct MyApplicationProps {
    /// The application, as the outbox keeps it.
    pub application: Application,
}

/// Where the application stands, for the seeker.
fn status_label(a: &Application, lang: Lang) -> &'static str {
    let (zh, en) = match a.status.as_deref().and_then(ApplicationStatus::parse) {
        _ if a.sent_at.is_none() => (
            "已报名，等有网络时自动发送（已保存在手机上）",
            "Applied; it will be sent when you are online (saved on this phone)",
        ),
        None | Some(ApplicationStatus::Submitted) => (
            "已报名，用人单位会联系您",
            "Applied; the employer will contact you",
        ),
        Some(ApplicationStatus::Offered) => ("已录用，请确认", "Offered: please confirm"),
        Some(ApplicationStatus::Confirmed) => ("已确认，按时到岗", "Confirmed: be there on time"),
        Some(ApplicationStatus::Arrived) => ("已到岗", "Arrived"),
        Some(ApplicationStatus::Completed) => ("已完工", "Completed"),
        Some(ApplicationStatus::Declined) => ("未录用", "Not taken on"),
        Some(ApplicationStatus::Withdrawn) => ("已撤回", "Withdrawn"),
        Some(ApplicationStatus::Expired) => (
            "录用没有按时确认，已失效",
            "The offer was not confirmed in time",
        ),
        Some(ApplicationStatus::NoShow) => ("记为未到岗", "Recorded as not arrived"),
        Some(ApplicationStatus::Disputed) => (
            "有争议，市场工作人员会联系您",
            "Disputed; market staff will call you",
        ),
    };
    lang.pick(zh, en)
}

fn step_label(step: Step, lang: Lang) -> &'static str {
    match step {
        Step::Confirm => lang.pick("确认，我去", "Confirm: I will come"),
        Step::Withdraw => lang.pick("不去了，撤回报名", "Withdraw"),
        Step::Arrive => lang.pick("我已到岗", "I have arrived"),
        _ => lang.pick("有争议", "Dispute"),
    }
}

#[component]
pub fn MyApplication(props: &MyApplicationProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let lang = state.settings.lang;
    let a = &props.application;
    let pending = state.outbox.waiting_step(&a.id);
    let status = a.status.as_deref().and_then(ApplicationStatus::parse);
    // Steps are offered once the server has the application, and one at a time.
    let steps = match (status, pending, &a.token) {
        (Some(s), None, Some(_)) => Step::open_to(s, Party::Seeker),
        _ => Vec::new(),
    };
    let take = |step: Step| {
        let (state, a) = (state.clone(), a.clone());
        Callback::from(move |_| {
            let item = Application::step_on(&a, step.as_str(), new_id(), now().to_string());
            queue(state.clone(), item);
        })
    };
    html! {
        <>
            <p role="status" id="applied">{ status_label(a, lang) }</p>
            if pending.is_some() {
                <p class="hint">{ lang.pick("您的选择等有网络时自动发送", "Your answer will be sent when you are online") }</p>
            }
            if let (Some(code), Some(ApplicationStatus::Confirmed)) = (&a.check_in_code, status) {
                <p id="check-in">{ lang.pick("到岗时给用人单位看这个到岗码：", "Show this code on arrival: ") }<strong>{ code.clone() }</strong></p>
            }
            { for steps.into_iter().map(|s| html! {
                <button class={classes!((s == Step::Confirm).then_some("primary"))} onclick={take(s)}>{ step_label(s, lang) }</button>
            }) }
        </>
    }
}
