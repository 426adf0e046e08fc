//! 为我推荐: gigs ranked by the matcher, each with its reasons in plain words.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::clock::now;
use crate::format::explanation_label;
use crate::route::Route;
use crate::state::{AppContext, DataLoad};
use crate::widgets::{GigCard, live_notice};

#[component]
pub fn MatchesPage() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let lang = state.settings.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let body = match (&state.profile, &state.data) {
        (None, _) => html! {
            <p>{ t("先登记会做的工种和时间，我们才能为您推荐。", "Register your trades and hours first.") }
               {" "}<Link<Route> to={Route::Register}>{ t("去登记", "Register") }</Link<Route>></p>
        },
        (Some(_), DataLoad::Ready(gigs)) => {
            let mut profile = state.profile.clone().unwrap_or_default();
            // Without a home area, match around where the seeker is searching.
            if profile.location.is_none() {
                profile.location = state.position.as_ref().map(|p| linggong_core::Location {
                    lat: Some(p.point.lat),
                    lng: Some(p.point.lng),
                    ..Default::default()
                });
            }
            let ranked = gigs.matches(&profile, now(), 20);
            let waiting = state.journal.waiting(|id| gigs.holds(id));
            let notice = live_notice(&state, &waiting, lang);
            if ranked.is_empty() {
                html! { <>{ notice }<p>{ t("附近暂时没有合适的零工。可以放宽距离或时间再看看。", "Nothing fits yet; try a wider distance or more hours.") }</p></> }
            } else {
                html! {
                    <>{ notice }
                    <ul class="gig-list" id="matches">
                        { for ranked.into_iter().map(|(hit, explanation)| {
                            let note = explanation_label(&explanation, lang);
                            let gone = waiting.gone.contains(&hit.posting.id);
                            html! { <GigCard key={hit.posting.id.clone()} hit={hit.clone()} note={Some(note)} {gone} /> }
                        }) }
                    </ul></>
                }
            }
        }
        (Some(_), DataLoad::Failed(e)) => html! { <p role="alert">{ e.clone() }</p> },
        (Some(_), _) => html! {
            <p>{ t("先在“附近”选好位置。", "Choose a place on the Nearby page first.") }
               {" "}<Link<Route> to={Route::Nearby}>{ t("去选位置", "Choose") }</Link<Route>></p>
        },
    };
    html! {
        <main id="main">
            <h1>{ t("为我推荐", "Gigs for me") }</h1>
            { body }
        </main>
    }
}
