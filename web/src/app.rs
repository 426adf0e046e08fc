//! The root component: state, the effects that feed it, the router and its pages.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::banner::Banner;
use crate::clock::now;
use crate::data_source::HttpNetwork;
use crate::gigs::Gigs;
use crate::kept::{self, POSITION_KEY, PROFILE_KEY, SETTINGS_KEY};
use crate::nav::Nav;
use crate::offline::{Outbox, load_near};
use crate::pages::{
    GigPage, MarketsPage, MatchesPage, NearbyPage, NotFound, RegisterPage, SettingsPage,
};
use crate::route::Route;
use crate::state::{Action, AppContext, AppState};
use crate::storage::AppStore;

/// Tiles within this distance of the seeker are loaded (the widest radius chip, and some).
pub const LOAD_RADIUS_KM: f64 = 40.0;

fn page(route: Route) -> Html {
    match route {
        Route::Nearby => html! { <NearbyPage /> },
        Route::Gig { id } => html! { <GigPage {id} /> },
        Route::Register => html! { <RegisterPage /> },
        Route::Matches => html! { <MatchesPage /> },
        Route::Markets => html! { <MarketsPage /> },
        Route::Settings => html! { <SettingsPage /> },
        Route::NotFound => html! { <NotFound /> },
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    use_restore(state.clone());
    use_load_on_position(state.clone());
    use_online_events(state.clone());
    crate::live_feed::use_live_feed(state.clone());
    use_document_settings(&state);
    html! {
        <ContextProvider<AppContext> context={state}>
            <BrowserRouter>
                <a class="skip" href="#main">{"跳到正文 Skip to content"}</a>
                <Banner />
                <Switch<Route> render={page} />
                <Nav />
            </BrowserRouter>
        </ContextProvider<AppContext>>
    }
}

/// Opens storage and reads the seeker's data back.
#[hook]
fn use_restore(state: AppContext) {
    use_effect_with((), move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            let store = AppStore::open().await;
            let mut problems = Vec::new();
            let position = keep(kept::load(&store, POSITION_KEY).await, &mut problems);
            let profile = keep(kept::load(&store, PROFILE_KEY).await, &mut problems);
            let settings =
                keep(kept::load(&store, SETTINGS_KEY).await, &mut problems).unwrap_or_default();
            let outbox = keep(
                Outbox::load(&store, crate::offline::new_id).await.map(Some),
                &mut problems,
            )
            .unwrap_or_default();
            if !store.is_persistent() {
                problems.push("本机浏览器不能保存数据，关闭页面后需重新登记 (this browser keeps nothing after you close the page)".into());
            }
            let notice = (!problems.is_empty()).then(|| problems.join("；"));
            state.dispatch(Action::Restored {
                store,
                position,
                profile,
                settings,
                outbox: Box::new(outbox),
                notice,
            });
        });
    });
}

/// A value read back, or `None` with the problem noted (a corrupt value is reported, and
/// left in place until the seeker saves over it).
fn keep<T>(
    read: Result<Option<T>, crate::storage::StoreError>,
    problems: &mut Vec<String>,
) -> Option<T> {
    read.unwrap_or_else(|e| {
        problems.push(e.to_string());
        None
    })
}

/// Loads the gigs around the position whenever it changes.
#[hook]
fn use_load_on_position(state: AppContext) {
    let point = state
        .position
        .as_ref()
        .map(|p| (p.point.lat.to_bits(), p.point.lng.to_bits()));
    let ready = state.store.is_some();
    use_effect_with((point, ready, state.reloads), move |_| {
        if let (Some(store), Some(position)) = (state.store.clone(), state.position.clone()) {
            state.dispatch(Action::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = load_near(&store, &HttpNetwork, position.point, LOAD_RADIUS_KM).await;
                let gigs = loaded.map(|l| {
                    let (gigs, journal) = Gigs::from_loaded(l, now());
                    (Rc::new(gigs), journal)
                });
                state.dispatch(Action::Loaded(gigs));
            });
        }
    });
}

/// Follows the browser's online state; sends waiting applications when it comes back.
#[hook]
fn use_online_events(state: AppContext) {
    let ready = state.store.is_some();
    use_effect_with(ready, move |_| {
        let window = web_sys::window();
        let mut listeners = Vec::new();
        if let (Some(window), true) = (window, ready) {
            state.dispatch(Action::SetOnline(window.navigator().on_line()));
            for online in [true, false] {
                let state = state.clone();
                let listener = Closure::<dyn FnMut()>::new(move || {
                    state.dispatch(Action::SetOnline(online));
                    if online {
                        crate::pages::send_outbox(state.clone());
                    }
                });
                let name = if online { "online" } else { "offline" };
                let _ = window
                    .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
                listeners.push((name, listener));
            }
            crate::pages::send_outbox(state.clone());
        }
        move || {
            if let Some(window) = web_sys::window() {
                for (name, listener) in &listeners {
                    let _ = window.remove_event_listener_with_callback(
                        name,
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        }
    });
}

/// 大字模式 and the language go on the root element, so CSS and screen readers follow.
#[hook]
fn use_document_settings(state: &AppContext) {
    let settings = state.settings;
    use_effect_with(settings, move |s| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", s.lang.tag());
            let _ = root.set_attribute("class", if s.large_text { "large-text" } else { "" });
        }
    });
}
