//! 审核 (staff): postings waiting for a check, each with the audit's findings, approved or
//! refused with a reason (picked from the usual ones or written); postings seekers reported,
//! beside their reports, taken down or kept. The words a finding quotes are marked in the
//! posting's own text.

use linggong_core::{AuditContext, audit};
use serde_json::{Value, json};
use yew::prelude::*;

use super::mine::encode;
use super::{findings_list, highlighted, input_value, now, posting_of, summary};
use crate::api;
use crate::app::DeskContext;

fn load(into: UseStateHandle<Option<Result<Value, String>>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let queue = api::get_json("/api/v1/moderation").await;
        into.set(Some(queue));
    });
}

/// The reasons staff give most, offered as a list the reviewer may also write past.
const REASONS: [&str; 7] = [
    "含有性别、年龄、民族、地域等歧视性内容",
    "工资待遇不明确，或低于当地最低工资标准",
    "信息不实或无法核实",
    "工作内容涉嫌违法或危险作业无防护",
    "收取求职者费用或押金",
    "联系方式无效",
    "重复发布",
];

#[component]
pub fn ReviewPage() -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let (lang, t) = (context.lang, |zh, en| context.lang.pick(zh, en));
    let queue = use_state(|| None::<Result<Value, String>>);
    let said = use_state(|| None::<String>);
    {
        let queue = queue.clone();
        use_effect_with((), move |_| load(queue));
    }
    let decide = |id: String, decision: &'static str| {
        let (queue, said) = (queue.clone(), said.clone());
        Callback::from(move |_| {
            let body =
                json!({"decision": decision, "reason": input_value(&format!("reason-{id}"))});
            let path = format!("/api/v1/moderation/{}", encode(&id));
            let (queue, said) = (queue.clone(), said.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::call("POST", &path, Some(&body)).await {
                    Ok(a) if a.ok() => load(queue),
                    Ok(a) => said.set(Some(a.error())),
                    Err(e) => said.set(Some(e)),
                }
            });
        })
    };
    let entry = |item: &Value, reported: bool| -> Html {
        let Some(p) = posting_of(&item["posting"]) else {
            return html! {};
        };
        let findings = audit(&p, &AuditContext::new().with_now(now())).findings;
        let reports = item["reports"].as_array().cloned().unwrap_or_default();
        let id = p.id.clone();
        let title = p.title.clone().unwrap_or_default();
        html! {
            <li>
                <p><strong lang="zh-CN">{ highlighted(&title, &findings) }</strong></p>
                <p class="muted" lang="zh-CN">{ summary(&p) }</p>
                <p class="posting-text" lang="zh-CN">{ highlighted(&p.content.clone().unwrap_or_default(), &findings) }</p>
                { findings_list(lang, &findings) }
                if reported {
                    <ul>{ for reports.iter().map(|r| html! { <li>{ t("举报：", "Report: ") }<span lang="zh-CN">{ r["reason"].as_str().unwrap_or_default().to_string() }</span></li> }) }</ul>
                }
                <label for={format!("reason-{id}")}>{ t("原因（不通过、下架时必填，会告诉用工主体；可从列表选）", "Reason (required to refuse or take down; the employer is told; pick or write)") }</label>
                <input id={format!("reason-{id}")} list="reasons" autocomplete="off" />
                if reported {
                    <button onclick={decide(id.clone(), "take_down")}>{ t("下架", "Take down") }</button>
                    <button onclick={decide(id.clone(), "dismiss")}>{ t("保留", "Keep") }</button>
                } else {
                    <button class="primary" onclick={decide(id.clone(), "approve")}>{ t("通过", "Approve") }</button>
                    <button onclick={decide(id.clone(), "reject")}>{ t("不通过", "Refuse") }</button>
                }
            </li>
        }
    };
    html! {
        <main id="main">
            <h2>{ t("审核", "Review") }</h2>
            <datalist id="reasons">{ for REASONS.iter().map(|r| html! { <option value={*r} /> }) }</datalist>
            if let Some(s) = &*said { <p role="alert">{ s.clone() }</p> }
            { match &*queue {
                None => html! { <p role="status">{ t("正在加载…", "Loading…") }</p> },
                Some(Err(e)) => html! { <p role="alert">{ e.clone() }</p> },
                Some(Ok(q)) => {
                    let waiting = q["postings"].as_array().cloned().unwrap_or_default();
                    let reported = q["reported"].as_array().cloned().unwrap_or_default();
                    html! {
                        <>
                            <h3>{ format!("{}{}{}{}", t("待审核", "Waiting for review"), t("（", " ("), waiting.len(), t("）", ")")) }</h3>
                            if waiting.is_empty() { <p>{ t("没有等待审核的招工信息。", "Nothing is waiting for review.") }</p> }
                            <ul class="desk-list" id="waiting">{ for waiting.iter().map(|i| entry(i, false)) }</ul>
                            <h3>{ format!("{}{}{}{}", t("被举报", "Reported"), t("（", " ("), reported.len(), t("）", ")")) }</h3>
                            if reported.is_empty() { <p>{ t("没有被举报的招工信息。", "No posting has been reported.") }</p> }
                            <ul class="desk-list" id="reported">{ for reported.iter().map(|i| entry(i, true)) }</ul>
                        </>
                    }
                }
            } }
        </main>
    }
}
