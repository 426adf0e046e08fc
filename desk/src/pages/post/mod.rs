//! 发布招工: one form with every field the standards require; core's audit (the one the
//! server applies) updates as the employer types, and "publish" sends it to the server.
//! The trade comes with the normaliser's typeahead, the position from a district search or
//! the device, and the pay is set against the market's wage guide for the trade.

mod pay;
pub(super) mod place;
mod trade;

use linggong_core::{AuditContext, PayUnit, Settlement, audit, hourly_pay_cny};
use linggong_ui::form_field::{on_input, on_select, on_text};
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use super::{findings_list, now, status_label};
use crate::api;
use crate::app::DeskContext;
use crate::draft::Draft;
use crate::wage_guide::Guide;

/// A new posting id: `d-` and 16 random hex digits.
fn new_id() -> String {
    linggong_ui::ids::prefixed_hex::<8>("d-")
}

/// Fills the form's position from the device (WGS-84, as the interchange format wants).
fn use_device_position(draft: UseStateHandle<Draft>) -> Callback<MouseEvent> {
    Callback::from(move |_| {
        let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            return;
        };
        let draft = draft.clone();
        let found = Closure::once_into_js(move |p: web_sys::Position| {
            let c = p.coords();
            draft.set(Draft {
                lat: format!("{:.6}", c.latitude()),
                lng: format!("{:.6}", c.longitude()),
                ..(*draft).clone()
            });
        });
        let _ = geo.get_current_position(found.unchecked_ref());
    })
}

/// What the server answered a submission: published or waiting, or why it was refused.
fn outcome(context: &DeskContext, answer: &api::Answer) -> String {
    let t = |zh, en| context.t(zh, en);
    if answer.ok() {
        let status = answer.body["status"].as_str().unwrap_or_default();
        let next = if status == "published" {
            t("求职者的手机上马上能看到。", "Seekers' phones show it now.")
        } else {
            t(
                "工作人员核查后发布。",
                "Staff will check it before it is published.",
            )
        };
        format!(
            "{}{}。{next}",
            t("已提交：", "Sent: "),
            status_label(context.lang, status)
        )
    } else {
        format!("{}{}", t("没有发布：", "Not published: "), answer.error())
    }
}

#[component]
pub fn PostPage() -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let t = |zh, en| context.t(zh, en);
    let draft = context.draft.clone();
    let id = use_state(new_id);
    let result = use_state(|| None::<String>);
    let month = pay::use_month_report();
    let posting = draft.posting(&id, now());
    let guide = month
        .as_deref()
        .and_then(|r| Guide::for_trade(r, &draft.trade));
    let mut audit_context = AuditContext::new().with_now(now());
    if let Some(band) = guide.as_ref().and_then(Guide::wage_band) {
        audit_context = audit_context.with_wage_guide(band);
    }
    let report = audit(&posting, &audit_context);
    let onsubmit = {
        let (id, result, context) = (id.clone(), result.clone(), context.clone());
        let body: Value = serde_json::to_value(&posting).unwrap_or(Value::Null);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (id, result, body, context) =
                (id.clone(), result.clone(), body.clone(), context.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let said = match api::call("POST", "/api/v1/postings", Some(&body)).await {
                    Ok(answer) => {
                        if answer.ok() {
                            id.set(new_id());
                        }
                        outcome(&context, &answer)
                    }
                    Err(e) => e,
                };
                result.set(Some(said));
            });
        })
    };
    let field = |id: &'static str, label: &str, value: &str, oninput: Callback<InputEvent>| {
        html! { <><label for={id}>{ label.to_string() }</label><input id={id} value={value.to_string()} {oninput} /></> }
    };
    let time = |id: &'static str, label: &str, value: &str, oninput: Callback<InputEvent>| {
        html! { <><label for={id}>{ label.to_string() }</label><input id={id} type="datetime-local" value={value.to_string()} {oninput} /></> }
    };
    let d = &*draft;
    let staff = context.me.as_ref().is_some_and(|m| m.staff);
    html! {
        <main id="main">
            <h2>{ t("发布招工", "Post a gig") }</h2>
            if staff {
                <p class="hint">{ t("代录：您以工作人员身份为来窗口的用工主体录入，台账记为线下渠道。", "Counter entry: you enter this for an employer at the counter; the ledger records it as offline.") }</p>
            }
            <p class="hint">{ t("带 * 的必须填写。下面的检查和市场审核用的是同一套规则。时间按北京时间填写。", "Fields marked * are required. The check below is the market's own review. Times are China time.") }</p>
            <form class="desk-form" {onsubmit}>
                { field("p-title", t("标题", "Title"), &d.title, on_input(&draft, |f, v| f.title = v)) }
                { trade::trade_field(&context, &draft) }
                { field("p-skills", t("技能要求 *（用、隔开；没有要求写“不限”）", "Skills * (separated by 、; write 不限 for none)"), &d.skills, on_input(&draft, |f, v| f.skills = v)) }
                <label for="p-content">{ t("工作内容和要求 *", "Work and requirements *") }</label>
                <textarea id="p-content" rows="4" value={d.content.clone()} oninput={on_text(&draft, |f, v| f.content = v)} />
                { field("p-address", t("工作地点 *", "Address *"), &d.address, on_input(&draft, |f, v| f.address = v)) }
                <place::PlaceSearch prefix="p" on_pick={place::into_draft(&draft)} />
                <div class="pair">
                    <div>{ field("p-lat", t("纬度", "Latitude"), &d.lat, on_input(&draft, |f, v| f.lat = v)) }</div>
                    <div>{ field("p-lng", t("经度", "Longitude"), &d.lng, on_input(&draft, |f, v| f.lng = v)) }</div>
                </div>
                <button type="button" onclick={use_device_position(draft.clone())}>{ t("用本机位置（在工作地点时）", "Use this device's position (at the site)") }</button>
                { time("p-start", t("开工时间 *", "Start *"), &d.start, on_input(&draft, |f, v| f.start = v)) }
                { time("p-end", t("完工时间", "End"), &d.end, on_input(&draft, |f, v| f.end = v)) }
                { field("p-hours", t("每天工时（小时）", "Hours a day"), &d.hours_per_day, on_input(&draft, |f, v| f.hours_per_day = v)) }
                { field("p-amount", t("工资金额（元）*", "Pay (yuan) *"), &d.amount, on_input(&draft, |f, v| f.amount = v)) }
                { pay_fields(&context, &draft) }
                { pay::guide_line(&context, guide.as_ref(), hourly_pay_cny(&posting)) }
                { field("p-headcount", t("招聘人数", "People wanted"), &d.headcount, on_input(&draft, |f, v| f.headcount = v)) }
                { field("p-employer", t("用人单位 *", "Employer *"), &d.employer, on_input(&draft, |f, v| f.employer = v)) }
                { field("p-contact", t("联系电话", "Contact phone"), &d.contact, on_input(&draft, |f, v| f.contact = v)) }
                { time("p-valid", t("显示到（不填则到开工时间）", "Shown until (the start when empty)"), &d.valid_through, on_input(&draft, |f, v| f.valid_through = v)) }
                <section aria-labelledby="audit-title" aria-live="polite">
                    <h3 id="audit-title">{ if report.ok { t("可以发布", "Ready to publish") } else { t("发布前请修改", "Change before publishing") } }</h3>
                    { findings_list(context.lang, &report.findings) }
                </section>
                <button class="primary" type="submit" disabled={!report.ok}>{ t("发布", "Publish") }</button>
                if let Some(said) = &*result { <p role="status" id="post-result">{ said.clone() }</p> }
            </form>
        </main>
    }
}

/// The unit and the settlement, as lists.
fn pay_fields(context: &DeskContext, draft: &UseStateHandle<Draft>) -> Html {
    let t = |zh, en| context.t(zh, en);
    let d = &**draft;
    let units = [
        ("", "—"),
        (PayUnit::Hour.key(), t("每小时", "per hour")),
        (PayUnit::Day.key(), t("每天", "per day")),
        (PayUnit::Piece.key(), t("每件", "per piece")),
        (PayUnit::Month.key(), t("每月", "per month")),
    ];
    let settlements = [
        ("", "—"),
        (Settlement::SameDay.key(), t("日结", "same day")),
        (Settlement::Weekly.key(), t("周结", "weekly")),
        (Settlement::Monthly.key(), t("月结", "monthly")),
        (Settlement::OnCompletion.key(), t("完工结", "on completion")),
    ];
    html! {
        <>
            <label for="p-unit">{ t("计薪单位 *", "Pay per *") }</label>
            <select id="p-unit" onchange={on_select(draft, |f, v| f.unit = v)}>
                { for units.map(|(v, l)| html! { <option value={v} selected={d.unit == v}>{ l }</option> }) }
            </select>
            <label for="p-settlement">{ t("结算方式", "Paid") }</label>
            <select id="p-settlement" onchange={on_select(draft, |f, v| f.settlement = v)}>
                { for settlements.map(|(v, l)| html! { <option value={v} selected={d.settlement == v}>{ l }</option> }) }
            </select>
        </>
    }
}
