//! 附近零工: the gigs nearest the seeker.

use linggong_core::GeoPoint;
use yew::prelude::*;

use crate::postings_state::PostingsState;
use crate::snapshot_loader::postings_near;

/// Until the seeker shares a position or picks a place: central Nanjing (WGS-84).
const DEFAULT_CENTRE: (f64, f64) = (32.0603, 118.7969);
const LOAD_RADIUS_KM: f64 = 30.0;

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Ready(Box<PostingsState>),
    Failed(String),
}

#[component]
pub fn NearbyPage() -> Html {
    let load = use_state(|| Load::Loading);
    let centre = GeoPoint {
        lat: DEFAULT_CENTRE.0,
        lng: DEFAULT_CENTRE.1,
    };
    {
        let load = load.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let next = match postings_near(centre, LOAD_RADIUS_KM).await {
                    Ok(postings) => Load::Ready(Box::new(PostingsState::new(postings))),
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
                    {format!("附近已加载 {} 条通过合规检查的零工信息", state.compliant)}
                </p>
                <ul class="gig-list">
                    { for state.nearest(centre, 20).into_iter().map(|(p, d)| html! {
                        <li key={p.id.clone()}>
                            <span class="gig-title">{ p.title.clone().unwrap_or_else(|| p.id.clone()) }</span>
                            <span class="gig-distance">{ format!(" · {:.1}公里", d / 1000.0) }</span>
                        </li>
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
