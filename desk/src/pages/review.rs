//! 审核 (staff): postings waiting for a check, each with the audit's findings, approved or
//! refused with a reason; postings seekers reported, beside their reports, taken down or
//! kept.

use linggong_core::{AuditContext, audit};
use serde_json::{Value, json};
use yew::prelude::*;

use super::mine::encode;
use super::{findings_list, input_value, now, posting_of, summary};
use crate::api;

fn load(into: UseStateHandle<Option<Result<Value, String>>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let queue = match api::call("GET", "/api/v1/moderation", None).await {
            Ok(a) if a.ok() => Ok(a.body),
            Ok(a) => Err(a.error()),
            Err(e) => Err(e),
        };
        into.set(Some(queue));
    });
}

#[component]
pub fn ReviewPage() -> Html {
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
        html! {
            <li>
                <p><strong>{ summary(&p) }</strong></p>
                <p>{ p.content.clone().unwrap_or_default() }</p>
                { findings_list(&findings) }
                if reported {
                    <ul>{ for reports.iter().map(|r| html! { <li>{ format!("举报：{}", r["reason"].as_str().unwrap_or_default()) }</li> }) }</ul>
                }
                <label for={format!("reason-{id}")}>{ "原因（不通过、下架时必填，会告诉用工主体）" }</label>
                <input id={format!("reason-{id}")} />
                if reported {
                    <button onclick={decide(id.clone(), "take_down")}>{ "下架" }</button>
                    <button onclick={decide(id.clone(), "dismiss")}>{ "保留" }</button>
                } else {
                    <button class="primary" onclick={decide(id.clone(), "approve")}>{ "通过" }</button>
                    <button onclick={decide(id.clone(), "reject")}>{ "不通过" }</button>
                }
            </li>
        }
    };
    html! {
        <main id="main">
            <h2>{ "审核" }</h2>
            if let Some(s) = &*said { <p role="alert">{ s.clone() }</p> }
            { match &*queue {
                None => html! { <p role="status">{ "正在加载…" }</p> },
                Some(Err(e)) => html! { <p role="alert">{ e.clone() }</p> },
                Some(Ok(q)) => {
                    let waiting = q["postings"].as_array().cloned().unwrap_or_default();
                    let reported = q["reported"].as_array().cloned().unwrap_or_default();
                    html! {
                        <>
                            <h3>{ format!("待审核（{}）", waiting.len()) }</h3>
                            <ul class="desk-list" id="waiting">{ for waiting.iter().map(|i| entry(i, false)) }</ul>
                            <h3>{ format!("被举报（{}）", reported.len()) }</h3>
                            <ul class="desk-list" id="reported">{ for reported.iter().map(|i| entry(i, true)) }</ul>
                        </>
                    }
                }
            } }
        </main>
    }
}
