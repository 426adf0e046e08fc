//! The tab bar at the bottom: the pages a seeker uses, reachable with one thumb, and the
//! way to the desk (工作台) for those who hire.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;
use crate::state::AppContext;

const TABS: [(Route, &str, &str); 5] = [
    (Route::Nearby, "附近", "Nearby"),
    (Route::Matches, "推荐", "For me"),
    (Route::Register, "登记", "Profile"),
    (Route::Markets, "市场", "Markets"),
    (Route::Settings, "设置", "Settings"),
];

#[component]
pub fn Nav() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let current = use_route::<Route>();
    let lang = state.settings.lang;
    html! {
        <nav class="tabs" aria-label={lang.pick("主菜单", "Main menu")}>
            { for TABS.iter().map(|(route, zh, en)| {
                let here = current.as_ref() == Some(route);
                html! {
                    <Link<Route> to={route.clone()} classes={classes!(here.then_some("here"))}>
                        <span aria-current={here.then_some("page")}>{ lang.pick(zh, en) }</span>
                    </Link<Route>>
                }
            }) }
            // Posting gigs and the market's wage guide are the desk's work (a page of its own).
            <a href="/desk/">{ lang.pick("我要招工", "Post a gig") }</a>
        </nav>
    }
}
