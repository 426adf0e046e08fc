//! One gig in a list: trade, pay with unit and settlement, distance, time, place.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::format::{distance_label, pay_label, place_label, schedule_label, trade_label};
use crate::gigs::Hit;
use crate::route::Route;
use crate::state::AppContext;

#[derive(Properties, PartialEq)]
pub struct GigCardProps {
    pub hit: Hit,
    /// A line under the gig (the match explanation), if any.
    #[prop_or_default]
    pub note: Option<String>,
    /// No longer open (heard from the live feed; the list drops it when next shown).
    #[prop_or_default]
    pub gone: bool,
}

#[component]
pub fn GigCard(props: &GigCardProps) -> Html {
    let lang = use_context::<AppContext>()
        .map(|s| s.settings.lang)
        .unwrap_or_default();
    let p = &props.hit.posting;
    let place = place_label(p);
    html! {
        <li class={if props.gone { "gig gone" } else { "gig" }}>
            <Link<Route> to={Route::Gig { id: p.id.clone() }} classes="gig-link">
                <span class="gig-trade">{ trade_label(p) }</span>
                if props.gone { <span class="gig-gone">{ lang.pick("已结束", "Closed") }</span> }
                <span class="gig-pay">{ pay_label(p, lang) }</span>
                <span class="gig-title">{ p.title.clone().unwrap_or_default() }</span>
                <span class="gig-meta">
                    { format!("{} · {}", distance_label(props.hit.distance_m, lang), schedule_label(p, lang)) }
                </span>
                if !place.is_empty() { <span class="gig-place">{ place }</span> }
                if let Some(score) = props.hit.score { <span class="gig-score">{ format!("{} {score:.0}", lang.pick("匹配分", "Match score")) }</span> }
                if let Some(note) = &props.note { <span class="gig-note">{ note.clone() }</span> }
            </Link<Route>>
        </li>
    }
}
