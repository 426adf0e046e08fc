//! 向零工市场登记: the seeker's choice to send the saved profile to the market, said plainly
//! (what goes, why, who sees it), with an explicit consent and a separate one for the priority
//! groups; changed or deleted from here, offline too (the outbox sends it later).

use yew::prelude::*;

use crate::offline::{MarketRegistration, new_id, registration_body};
use crate::pages::change_outbox;
use crate::state::AppContext;

/// Where the registration stands, for the seeker.
fn status(r: &MarketRegistration) -> (&'static str, &'static str) {
    if r.refused.is_some() {
        (
            "登记没有被接收，请检查登记信息后再发送",
            "Not accepted: check your profile and send again",
        )
    } else if r.is_deleting() {
        (
            "删除待发送（有网络时自动发送）",
            "Deletion waits for the network",
        )
    } else if r.is_waiting() {
        ("登记待发送（有网络时自动发送）", "Waits for the network")
    } else {
        ("已在零工市场登记", "Registered with the market")
    }
}

#[component]
pub fn MarketRegistrationForm() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let t = |zh: &'static str, en: &'static str| state.settings.lang.pick(zh, en);
    let agreed = use_state(|| false);
    let with_priority = use_state(|| false);
    let Some(profile) = state.profile.clone() else {
        return html! {};
    };
    let current = state.outbox.registration.clone();
    let has_groups = !profile.priority.is_empty();
    let send = {
        let (state, with_priority) = (state.clone(), *with_priority);
        Callback::from(move |_| {
            let json = serde_json::to_string(&profile).unwrap_or_default();
            let priority = with_priority && has_groups;
            change_outbox(state.clone(), move |outbox| {
                match &mut outbox.registration {
                    Some(r) => r.change(registration_body(&r.id, &json, priority)),
                    None => {
                        let id = new_id();
                        let body = registration_body(&id, &json, priority);
                        outbox.registration = Some(MarketRegistration::new(id, body));
                    }
                }
            });
        })
    };
    let delete = {
        let state = state.clone();
        Callback::from(move |_| {
            change_outbox(state.clone(), |outbox| {
                if let Some(r) = &mut outbox.registration {
                    r.delete();
                }
            });
        })
    };
    let toggle = |flag: &UseStateHandle<bool>| {
        let flag = flag.clone();
        Callback::from(move |_| flag.set(!*flag))
    };
    html! {
        <section class="transfer" aria-labelledby="market-title">
            <h2 id="market-title">{ t("向零工市场登记（可不登记）", "Register with the market (optional)") }</h2>
            <p class="hint">{ t(
                "把上面保存的登记信息发给零工市场：工作人员可以一对一帮您找活，困难人员可以优先帮扶，市场也用来做统计；报名时用人单位会看到您与这条零工合不合适。不登记也能找活、报名。随时可以改或删除。",
                "Sends the saved profile to the market: staff can help you one to one, priority groups get priority help, and the market counts it; employers you apply to see how well you fit. You can find and apply for gigs without it, and change or delete it any time.") }</p>
            if let Some(r) = &current { <p role="status" id="registration-status">{ t(status(r).0, status(r).1) }</p> }
            <label class="check"><input type="checkbox" checked={*agreed} onchange={toggle(&agreed)} />
                { t("我同意把登记信息发给零工市场", "I agree to send my profile to the market") }</label>
            if has_groups {
                <label class="check"><input type="checkbox" checked={*with_priority} onchange={toggle(&with_priority)} />
                    { t("也发送我勾选的就业援助人群（只给工作人员看；用人单位只看到“优先帮扶”加分）",
                        "Also send my employment-help groups (staff only; employers see only the priority points)") }</label>
            }
            <button class="primary" onclick={send} disabled={!*agreed}>
                { if current.as_ref().is_some_and(MarketRegistration::is_registered) { t("更新登记", "Update") } else { t("发送登记", "Register") } }</button>
            if current.as_ref().is_some_and(|r| !r.is_deleting()) {
                <button onclick={delete}>{ t("删除我在市场的登记", "Delete my registration") }</button>
            }
        </section>
    }
}
