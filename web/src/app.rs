//! The root component.

use yew::prelude::*;

use crate::data_source::{DEMO_POSTINGS_URL, fetch_text};
use crate::postings_state::PostingsState;

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Ready(PostingsState),
    Failed(String),
}

#[component]
pub fn App() -> Html {
    let load = use_state(|| Load::Loading);
    {
        let load = load.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let next = match fetch_text(DEMO_POSTINGS_URL).await {
                    Ok(text) => Load::Ready(PostingsState::from_jsonl(&text)),
                    Err(e) => Load::Failed(e),
                };
                load.set(next);
            });
        });
    }
    let status = match &*load {
        Load::Loading => html! { <p role="status">{"正在加载零工信息… (Loading)"}</p> },
        Load::Failed(e) => html! { <p role="alert">{format!("加载失败：{e}")}</p> },
        Load::Ready(state) => html! {
            <>
                <p role="status" id="posting-count">
                    {format!("已加载 {} 条零工信息，其中 {} 条通过合规检查", state.postings.len(), state.compliant)}
                </p>
                <ul class="gig-list">
                    { for state.postings.iter().map(|p| html! {
                        <li key={p.id.clone()}>{ p.title.clone().unwrap_or_else(|| p.id.clone()) }</li>
                    }) }
                </ul>
            </>
        },
    };
    html! {
        <main>
            <h1>{"附近零工"}</h1>
            <p class="subtitle" lang="en">{"Gigs near you"}</p>
            { status }
        </main>
    }
}
