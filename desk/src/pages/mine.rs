//! 我的发布: the account's postings with their state (and the reason when refused or taken
//! down), withdraw, post again, and who applied.

use serde_json::Value;
use yew::prelude::*;

use super::{application_label, input_value, posting_of, status_label, step_label, summary};
use crate::api;
use crate::app::{DeskContext, Section};
use crate::draft::Draft;

fn load(into: UseStateHandle<Option<Result<Vec<Value>, String>>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let listed = api::get_json("/api/v1/postings")
            .await
            .map(|body| body["postings"].as_array().cloned().unwrap_or_default());
        into.set(Some(listed));
    });
}

#[derive(Properties, PartialEq)]
struct ApplicantsProps {
    id: String,
}

fn load_applicants(id: String, into: UseStateHandle<Option<Vec<Value>>>) {
    let path = format!("/api/v1/postings/{}/applications", encode(&id));
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(a) = api::call("GET", &path, None).await {
            into.set(Some(
                a.body["applications"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
            ));
        }
    });
}

/// Who applied for one posting, with the steps the server says are open (录用, 到岗 with
/// the code the seeker shows, 完工, …): only its owner and staff see this.
#[component]
fn Applicants(props: &ApplicantsProps) -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let (lang, t) = (context.lang, |zh, en| context.lang.pick(zh, en));
    let list = use_state(|| None::<Vec<Value>>);
    let said = use_state(|| None::<String>);
    {
        let list = list.clone();
        use_effect_with(props.id.clone(), move |id| {
            load_applicants(id.clone(), list)
        });
    }
    let take = |application: String, step: String| {
        let (list, said, posting) = (list.clone(), said.clone(), props.id.clone());
        Callback::from(move |_| {
            let body = (step == "arrive")
                .then(|| serde_json::json!({"code": input_value(&format!("code-{application}"))}));
            let path = format!("/api/v1/applications/{}/{step}", encode(&application));
            let (list, said, posting) = (list.clone(), said.clone(), posting.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::call("POST", &path, body.as_ref()).await {
                    Ok(a) if a.ok() => {
                        said.set(None);
                        load_applicants(posting, list);
                    }
                    Ok(a) => said.set(Some(a.error())),
                    Err(e) => said.set(Some(e)),
                }
            });
        })
    };
    let applicant = |a: &Value| {
        let id = a["id"].as_str().unwrap_or_default().to_string();
        let steps: Vec<String> = a["steps"]
            .as_array()
            .map(|s| {
                s.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        html! {
            <li>
                <p>{ format!("{} {} · {}", a["name"].as_str().unwrap_or_default(), a["phone"].as_str().unwrap_or_default(),
                    application_label(lang, a["status"].as_str().unwrap_or_default())) }</p>
                if let Some(summary) = a["match"]["summary"].as_str() {
                    <p class="match">{ format!("{} {}{}", t("匹配", "Match"), a["match"]["score"], t(" 分：", ": ")) }<span lang="zh-CN">{ summary }</span></p>
                }
                if steps.iter().any(|s| s == "arrive") {
                    <label for={format!("code-{id}")}>{ t("到岗码（看对方手机上的6位数字）", "Check-in code (the 6 digits on their phone)") }</label>
                    <input id={format!("code-{id}")} inputmode="numeric" maxlength="6" />
                }
                { for steps.into_iter().map(|s| html! {
                    <button onclick={take(id.clone(), s.clone())}>{ step_label(lang, &s) }</button>
                }) }
            </li>
        }
    };
    html! {
        <>
            if let Some(s) = &*said { <p role="alert">{ s.clone() }</p> }
            { match &*list {
                None => html! { <p role="status">{ t("正在加载…", "Loading…") }</p> },
                Some(list) if list.is_empty() => html! { <p>{ t("还没有人报名。", "Nobody has applied yet.") }</p> },
                Some(list) => html! { <ul class="applicants">{ for list.iter().map(applicant) }</ul> },
            } }
        </>
    }
}

/// A posting id as one path segment.
pub fn encode(id: &str) -> String {
    String::from(js_sys::encode_uri_component(id))
}

#[component]
pub fn MinePage() -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let (lang, t) = (context.lang, |zh, en| context.lang.pick(zh, en));
    let postings = use_state(|| None::<Result<Vec<Value>, String>>);
    let open = use_state(|| None::<String>);
    {
        let postings = postings.clone();
        use_effect_with((), move |_| load(postings));
    }
    let withdraw = |id: String| {
        let postings = postings.clone();
        Callback::from(move |_| {
            let (postings, path) = (
                postings.clone(),
                format!("/api/v1/postings/{}/withdraw", encode(&id)),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let _ = api::call("POST", &path, None).await;
                load(postings);
            });
        })
    };
    let item = |entry: &Value| -> Html {
        let Some(p) = posting_of(&entry["posting"]) else {
            return html! {};
        };
        let status = entry["status"].as_str().unwrap_or_default();
        let again = {
            let (draft, show, p) = (context.draft.clone(), context.show.clone(), p.clone());
            Callback::from(move |_| {
                draft.set(Draft::again(&p));
                show.emit(Section::Post);
            })
        };
        let toggle = {
            let (open, id) = (open.clone(), p.id.clone());
            Callback::from(move |_| open.set((open.as_deref() != Some(&*id)).then(|| id.clone())))
        };
        html! {
            <li>
                <p><strong>{ summary(&p) }</strong>{ " " }<span class="status">{ status_label(lang, status) }</span></p>
                if let Some(reason) = entry["reason"].as_str() { <p>{ format!("{}{reason}", t("原因：", "Reason: ")) }</p> }
                <p>
                    if status == "pending_review" || status == "published" {
                        <button onclick={withdraw(p.id.clone())}>{ t("撤回", "Withdraw") }</button>
                    }
                    <button onclick={again}>{ t("再发一条", "Post again") }</button>
                    <button aria-expanded={(open.as_deref() == Some(&*p.id)).to_string()} onclick={toggle}>{ t("报名的人", "Applicants") }</button>
                </p>
                if open.as_deref() == Some(&*p.id) { <Applicants id={p.id.clone()} /> }
            </li>
        }
    };
    html! {
        <main id="main">
            <h2>{ t("我的发布", "My postings") }</h2>
            { match &*postings {
                None => html! { <p role="status">{ t("正在加载…", "Loading…") }</p> },
                Some(Err(e)) => html! { <p role="alert">{ e.clone() }</p> },
                Some(Ok(list)) if list.is_empty() => html! { <p>{ t("还没有发布过招工信息。", "No postings yet.") }</p> },
                Some(Ok(list)) => html! { <ul class="desk-list" id="mine">{ for list.iter().map(item) }</ul> },
            } }
        </main>
    }
}
