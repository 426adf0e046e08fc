//! 代录登记 (staff): a seeker's registration entered at the counter for someone without a
//! phone or who asks for help — the same form as the seeker app's (`linggong_ui::profile_draft`)
//! and the same request, sent with the staff session, so the ledger records it as entered
//! offline by staff. The seeker's consent is asked aloud and ticked by staff; the priority
//! groups go only with their own consent. The answer's token goes on a slip for the seeker.

use linggong_core::{GeoPoint, PayUnit, PriorityGroup, Trade};
use linggong_ui::form_field::on_input;
use linggong_ui::format::priority_label;
use linggong_ui::profile_draft::{Draft, registration_body};
use linggong_ui::trade_picker::TradePicker;
use linggong_ui::week::DAY_NAMES;
use yew::prelude::*;

use super::now;
use super::post::place::PlaceSearch;
use crate::api;
use crate::app::DeskContext;

/// What the counter has ticked besides the profile.
#[derive(Debug, Clone, PartialEq, Default)]
struct Consent {
    registration: bool,
    priority: bool,
}

/// Sends the registration; the registration's id and token, or what the server said.
async fn send(draft: Draft, priority: bool) -> Result<(String, String), String> {
    let mut profile = draft.to_profile()?;
    let id = linggong_ui::ids::new_id();
    profile.id = id.clone();
    profile.registered_at = Some(now());
    if !priority {
        profile.priority.clear();
    }
    let json = serde_json::to_string(&profile).map_err(|e| e.to_string())?;
    let body: serde_json::Value = serde_json::from_str(&registration_body(&id, &json, priority))
        .map_err(|e| e.to_string())?;
    let answer = api::call("POST", "/api/v1/registrations", Some(&body)).await?;
    if !answer.ok() {
        return Err(answer.error());
    }
    let token = answer.body["token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    Ok((id, token))
}

fn toggle_day(draft: &UseStateHandle<Draft>, day: usize) -> Callback<Event> {
    let draft = draft.clone();
    Callback::from(move |_| {
        let mut next = (*draft).clone();
        next.days[day] = !next.days[day];
        draft.set(next);
    })
}

fn toggle_group(draft: &UseStateHandle<Draft>, group: PriorityGroup) -> Callback<Event> {
    let draft = draft.clone();
    Callback::from(move |_| {
        let mut next = (*draft).clone();
        if let Some(i) = next.priority.iter().position(|g| *g == group) {
            next.priority.remove(i);
        } else {
            next.priority.push(group);
        }
        draft.set(next);
    })
}

/// The chosen trades, each with a button that takes it off.
fn trades_chosen(context: &DeskContext, draft: &UseStateHandle<Draft>) -> Html {
    let t = |zh, en| context.t(zh, en);
    html! {
        <ul class="chosen" id="c-trades" aria-label={t("已选工种", "Trades chosen")}>
            { for draft.trades.iter().enumerate().map(|(i, name)| {
                let draft = draft.clone();
                let remove = Callback::from(move |_| {
                    let mut next = (*draft).clone();
                    next.trades.remove(i);
                    draft.set(next);
                });
                html! { <li>{ name.clone() }<button type="button" onclick={remove}
                    aria-label={format!("{}{name}", t("去掉 ", "Remove "))}>{ "×" }</button></li> }
            }) }
        </ul>
    }
}

fn when_fields(context: &DeskContext, draft: &UseStateHandle<Draft>) -> Html {
    let t = |zh, en| context.t(zh, en);
    html! {
        <fieldset>
            <legend>{ t("哪几天能上工", "Days available") }</legend>
            { for DAY_NAMES.iter().enumerate().map(|(i, (zh, en))| html! {
                <label class="check"><input type="checkbox" checked={draft.days[i]} onchange={toggle_day(draft, i)} />{ t(zh, en) }</label>
            }) }
            <div class="pair">
                <div><label for="c-from">{ t("从", "From") }</label>
                    <input id="c-from" type="time" value={draft.from.clone()} oninput={on_input(draft, |d, v| d.from = v)} /></div>
                <div><label for="c-to">{ t("到", "To") }</label>
                    <input id="c-to" type="time" value={draft.to.clone()} oninput={on_input(draft, |d, v| d.to = v)} /></div>
            </div>
        </fieldset>
    }
}

fn priority_fields(
    context: &DeskContext,
    draft: &UseStateHandle<Draft>,
    consent: &UseStateHandle<Consent>,
) -> Html {
    let t = |zh, en| context.t(zh, en);
    let agree = {
        let consent = consent.clone();
        Callback::from(move |_| {
            consent.set(Consent {
                priority: !consent.priority,
                ..(*consent).clone()
            })
        })
    };
    html! {
        <fieldset>
            <legend>{ t("就业援助人群（求职者本人愿意说明时才勾选）", "Employment-help groups (only if the seeker wishes to say)") }</legend>
            { for PriorityGroup::ALL.iter().map(|g| html! {
                <label class="check"><input type="checkbox" checked={draft.priority.contains(g)} onchange={toggle_group(draft, *g)} />
                    { priority_label(*g, context.lang) }</label>
            }) }
            if !draft.priority.is_empty() {
                <label class="check"><input id="c-priority-consent" type="checkbox" checked={consent.priority} onchange={agree} />
                    { t("求职者同意把这些人群信息也交给市场（只给工作人员看；用人单位只看到“优先帮扶”加分）",
                        "The seeker agrees that these groups go too (staff only; employers see only the priority points)") }</label>
            }
        </fieldset>
    }
}

/// The slip for the seeker once registered: the registration's id and token.
fn slip(context: &DeskContext, id: &str, token: &str) -> Html {
    let t = |zh, en| context.t(zh, en);
    html! {
        <div class="slip" role="status" id="c-done">
            <p><strong>{ t("已登记。", "Registered.") }</strong>{ t("请把下面两行抄给求职者，凭它查看、修改或删除登记：", "Give the seeker these two lines: with them they can read, change or delete the registration:") }</p>
            <p>{ t("登记编号：", "Registration: ") }<code id="c-id">{ id.to_string() }</code></p>
            <p>{ t("凭证：", "Token: ") }<code id="c-token">{ token.to_string() }</code></p>
        </div>
    }
}

#[component]
pub fn CounterPage() -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let t = |zh, en| context.t(zh, en);
    let draft = use_state(Draft::default);
    let consent = use_state(Consent::default);
    let result = use_state(|| None::<Result<(String, String), String>>);
    let pick = {
        let draft = draft.clone();
        Callback::from(move |trade: &'static Trade| {
            let mut next = (*draft).clone();
            if !next.trades.contains(&trade.name) {
                next.trades.push(trade.name.clone());
            }
            draft.set(next);
        })
    };
    let agree = {
        let consent = consent.clone();
        Callback::from(move |_| {
            consent.set(Consent {
                registration: !consent.registration,
                ..(*consent).clone()
            })
        })
    };
    let onsubmit = {
        let (draft, consent, result) = (draft.clone(), consent.clone(), result.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (d, priority, result) = ((*draft).clone(), consent.priority, result.clone());
            let (draft, consent) = (draft.clone(), consent.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let sent = send(d, priority).await;
                if sent.is_ok() {
                    draft.set(Draft::default());
                    consent.set(Consent::default());
                }
                result.set(Some(sent));
            });
        })
    };
    let units = [
        (PayUnit::Hour, t("每小时", "per hour")),
        (PayUnit::Day, t("每天", "per day")),
        (PayUnit::Month, t("每月", "per month")),
    ];
    let set_unit = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let unit = PayUnit::from_key(&value).unwrap_or(PayUnit::Day);
            draft.set(Draft {
                min_pay_unit: unit,
                ..(*draft).clone()
            });
        })
    };
    let home = {
        let draft = draft.clone();
        Callback::from(move |(lat, lng, name): (f64, f64, String)| {
            let home = GeoPoint::new(lat, lng).ok().map(|p| (p, name));
            draft.set(Draft {
                home,
                ..(*draft).clone()
            });
        })
    };
    html! {
        <main id="main">
            <h2>{ t("代录登记", "Register a seeker at the counter") }</h2>
            <p class="hint">{ t("为来窗口的求职者录入求职登记，台账记为线下渠道、由您操作。不收集姓名和手机号。", "Enter a registration for a seeker at the counter; the ledger records it as offline, by you. No name or phone number is taken.") }</p>
            if let Some(Ok((id, token))) = &*result { { slip(&context, id, token) } }
            <form class="desk-form" id="counter-form" {onsubmit}>
                <TradePicker id="c-trade" label={t("会做的工种 *（可选多个）", "Trades * (one or more)")} on_pick={pick} lang={context.lang} />
                { trades_chosen(&context, &draft) }
                <label for="c-skills">{ t("技能和证书", "Skills and licences") }</label>
                <input id="c-skills" value={draft.skills.clone()} oninput={on_input(&draft, |d, v| d.skills = v)} />
                { when_fields(&context, &draft) }
                <div class="pair">
                    <div><label for="c-pay">{ t("最低工资（元）", "Least pay (yuan)") }</label>
                        <input id="c-pay" inputmode="decimal" value={draft.min_pay.clone()} oninput={on_input(&draft, |d, v| d.min_pay = v)} /></div>
                    <div><label for="c-unit">{ t("计薪单位", "Per") }</label>
                        <select id="c-unit" onchange={set_unit}>
                            { for units.iter().map(|(u, l)| html! { <option value={u.key()} selected={draft.min_pay_unit == *u}>{ *l }</option> }) }
                        </select></div>
                </div>
                <PlaceSearch prefix="c" on_pick={home} />
                if let Some((_, name)) = &draft.home {
                    <p class="hint" id="c-home">{ t("住在：", "Lives in: ") }{ name.clone() }</p>
                }
                <label for="c-km">{ t("最远去多远（公里）", "Travels up to (km)") }</label>
                <input id="c-km" type="number" min="1" max="100" value={draft.max_distance_km.to_string()}
                    oninput={on_input(&draft, |d, v| d.max_distance_km = v.parse().unwrap_or(d.max_distance_km))} />
                { priority_fields(&context, &draft, &consent) }
                <label class="check"><input id="c-consent" type="checkbox" checked={consent.registration} onchange={agree} />
                    { t("求职者本人已当面同意向零工市场登记 *", "The seeker agreed in person to register with the market *") }</label>
                if let Some(Err(e)) = &*result { <p role="alert" id="c-error">{ e.clone() }</p> }
                <button class="primary" type="submit" disabled={!consent.registration}>{ t("登记", "Register") }</button>
            </form>
        </main>
    }
}
