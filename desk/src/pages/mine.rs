//! 我的发布: the account's postings with their state (and the reason when refused or taken
//! down), withdraw, post again, and who applied.

use serde_json::Value;
use yew::prelude::*;

use super::{posting_of, status_label, summary};
use crate::api;
use crate::app::{DeskContext, Section};
use crate::draft::Draft;

fn load(into: UseStateHandle<Option<Result<Vec<Value>, String>>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let listed = match api::call("GET", "/api/v1/postings", None).await {
            Ok(a) if a.ok() => Ok(a.body["postings"].as_array().cloned().unwrap_or_default()),
            Ok(a) => Err(a.error()),
            Err(e) => Err(e),
        };
        into.set(Some(listed));
    });
}

#[derive(Properties, PartialEq)]
struct ApplicantsProps {
    id: String,
}

/// Who applied for one posting (name, phone, state): only its owner and staff see this.
#[component]
fn Applicants(props: &ApplicantsProps) -> Html {
    let list = use_state(|| None::<Vec<Value>>);
    {
        let (list, id) = (list.clone(), props.id.clone());
        use_effect_with(id, move |id| {
            let path = format!("/api/v1/postings/{}/applications", encode(id));
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(a) = api::call("GET", &path, None).await {
                    list.set(Some(
                        a.body["applications"]
                            .as_array()
                            .cloned()
                            .unwrap_or_default(),
                    ));
                }
            });
        });
    }
    match &*list {
        None => html! { <p role="status">{ "正在加载…" }</p> },
        Some(list) if list.is_empty() => html! { <p>{ "还没有人报名。" }</p> },
        Some(list) => html! {
            <ul class="applicants">
                { for list.iter().map(|a| html! {
                    <li>{ format!("{} {} · {}", a["name"].as_str().unwrap_or_default(), a["phone"].as_str().unwrap_or_default(),
                        status_label(a["status"].as_str().unwrap_or_default())) }</li>
                }) }
            </ul>
        },
    }
}

/// A posting id as one path segment.
pub fn encode(id: &str) -> String {
    String::from(js_sys::encode_uri_component(id))
}

#[component]
pub fn MinePage() -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
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
                <p><strong>{ summary(&p) }</strong>{ " " }<span class="status">{ status_label(status) }</span></p>
                if let Some(reason) = entry["reason"].as_str() { <p>{ format!("原因：{reason}") }</p> }
                <p>
                    if status == "pending_review" || status == "published" {
                        <button onclick={withdraw(p.id.clone())}>{ "撤回" }</button>
                    }
                    <button onclick={again}>{ "再发一条" }</button>
                    <button aria-expanded={(open.as_deref() == Some(&*p.id)).to_string()} onclick={toggle}>{ "报名的人" }</button>
                </p>
                if open.as_deref() == Some(&*p.id) { <Applicants id={p.id.clone()} /> }
            </li>
        }
    };
    html! {
        <main id="main">
            <h2>{ "我的发布" }</h2>
            { match &*postings {
                None => html! { <p role="status">{ "正在加载…" }</p> },
                Some(Err(e)) => html! { <p role="alert">{ e.clone() }</p> },
                Some(Ok(list)) if list.is_empty() => html! { <p>{ "还没有发布过招工信息。" }</p> },
                Some(Ok(list)) => html! { <ul class="desk-list" id="mine">{ for list.iter().map(item) }</ul> },
            } }
        </main>
    }
}
