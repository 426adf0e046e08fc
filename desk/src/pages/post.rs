//! 发布招工: one form with every field the standards require; core's audit (the one the
//! server applies) updates as the employer types, and "publish" sends it to the server.

use linggong_core::{AuditContext, audit};
use linggong_ui::form_field::{on_input, on_select, on_text};
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use super::{findings_list, now, status_label};
use crate::api;
use crate::app::DeskContext;
use crate::draft::Draft;

/// A new posting id: `d-` and 16 random hex digits from the browser's `crypto`.
fn new_id() -> String {
    let mut bytes = [0u8; 8];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("d-{hex}")
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
fn outcome(answer: &api::Answer) -> String {
    if answer.ok() {
        let status = answer.body["status"].as_str().unwrap_or_default();
        let next = if status == "published" {
            "求职者的手机上马上能看到。"
        } else {
            "工作人员核查后发布。"
        };
        format!("已提交：{}。{next}", status_label(status))
    } else {
        format!("没有发布：{}", answer.error())
    }
}

#[component]
pub fn PostPage() -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let draft = context.draft.clone();
    let id = use_state(new_id);
    let result = use_state(|| None::<String>);
    let posting = draft.posting(&id, now());
    let report = audit(&posting, &AuditContext::new().with_now(now()));
    let onsubmit = {
        let (id, result) = (id.clone(), result.clone());
        let body: Value = serde_json::to_value(&posting).unwrap_or(Value::Null);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (id, result, body) = (id.clone(), result.clone(), body.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let said = match api::call("POST", "/api/v1/postings", Some(&body)).await {
                    Ok(answer) => {
                        if answer.ok() {
                            id.set(new_id());
                        }
                        outcome(&answer)
                    }
                    Err(e) => e,
                };
                result.set(Some(said));
            });
        })
    };
    let field = |id: &'static str,
                 label: &'static str,
                 value: &str,
                 oninput: Callback<InputEvent>| {
        html! { <><label for={id}>{ label }</label><input id={id} value={value.to_string()} {oninput} /></> }
    };
    let time = |id: &'static str,
                label: &'static str,
                value: &str,
                oninput: Callback<InputEvent>| {
        html! { <><label for={id}>{ label }</label><input id={id} type="datetime-local" value={value.to_string()} {oninput} /></> }
    };
    let d = &*draft;
    html! {
        <main id="main">
            <h2>{ "发布招工" }</h2>
            <p class="hint">{ "带 * 的必须填写。下面的检查和市场审核用的是同一套规则。时间按北京时间填写。" }</p>
            <form class="desk-form" {onsubmit}>
                { field("p-title", "标题", &d.title, on_input(&draft, |f, v| f.title = v)) }
                { field("p-trade", "工种 *", &d.trade, on_input(&draft, |f, v| f.trade = v)) }
                { field("p-skills", "技能要求 *（用、隔开；没有要求写“不限”）", &d.skills, on_input(&draft, |f, v| f.skills = v)) }
                <label for="p-content">{ "工作内容和要求 *" }</label>
                <textarea id="p-content" rows="4" value={d.content.clone()} oninput={on_text(&draft, |f, v| f.content = v)} />
                { field("p-address", "工作地点 *", &d.address, on_input(&draft, |f, v| f.address = v)) }
                <div class="pair">
                    <div>{ field("p-lat", "纬度", &d.lat, on_input(&draft, |f, v| f.lat = v)) }</div>
                    <div>{ field("p-lng", "经度", &d.lng, on_input(&draft, |f, v| f.lng = v)) }</div>
                </div>
                <button type="button" onclick={use_device_position(draft.clone())}>{ "用本机位置（在工作地点时）" }</button>
                { time("p-start", "开工时间 *", &d.start, on_input(&draft, |f, v| f.start = v)) }
                { time("p-end", "完工时间", &d.end, on_input(&draft, |f, v| f.end = v)) }
                { field("p-hours", "每天工时（小时）", &d.hours_per_day, on_input(&draft, |f, v| f.hours_per_day = v)) }
                { field("p-amount", "工资金额（元）*", &d.amount, on_input(&draft, |f, v| f.amount = v)) }
                <label for="p-unit">{ "计薪单位 *" }</label>
                <select id="p-unit" onchange={on_select(&draft, |f, v| f.unit = v)}>
                    { for [("", "—"), ("hour", "每小时"), ("day", "每天"), ("piece", "每件"), ("month", "每月")].map(|(v, l)| html! {
                        <option value={v} selected={d.unit == v}>{ l }</option>
                    }) }
                </select>
                <label for="p-settlement">{ "结算方式" }</label>
                <select id="p-settlement" onchange={on_select(&draft, |f, v| f.settlement = v)}>
                    { for [("", "—"), ("same_day", "日结"), ("weekly", "周结"), ("monthly", "月结"), ("on_completion", "完工结")].map(|(v, l)| html! {
                        <option value={v} selected={d.settlement == v}>{ l }</option>
                    }) }
                </select>
                { field("p-headcount", "招聘人数", &d.headcount, on_input(&draft, |f, v| f.headcount = v)) }
                { field("p-employer", "用人单位 *", &d.employer, on_input(&draft, |f, v| f.employer = v)) }
                { field("p-contact", "联系电话", &d.contact, on_input(&draft, |f, v| f.contact = v)) }
                { time("p-valid", "显示到（不填则到开工时间）", &d.valid_through, on_input(&draft, |f, v| f.valid_through = v)) }
                <section aria-labelledby="audit-title" aria-live="polite">
                    <h3 id="audit-title">{ if report.ok { "可以发布" } else { "发布前请修改" } }</h3>
                    { findings_list(&report.findings) }
                </section>
                <button class="primary" type="submit" disabled={!report.ok}>{ "发布" }</button>
                if let Some(said) = &*result { <p role="status" id="post-result">{ said.clone() }</p> }
            </form>
        </main>
    }
}
