//! A page for addresses the app does not have.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

#[component]
pub fn NotFound() -> Html {
    html! {
        <main>
            <h1>{"找不到这个页面"}</h1>
            <p lang="en">{"Page not found"}</p>
            <p><Link<Route> to={Route::Nearby}>{"回到附近零工"}</Link<Route>></p>
        </main>
    }
}
