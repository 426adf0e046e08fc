//! The page for an address the app does not know.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

#[component]
pub fn NotFound() -> Html {
    html! {
        <main id="main">
            <h1>{"找不到这个页面"}</h1>
            <p lang="en">{"Page not found"}</p>
            <Link<Route> to={Route::Nearby}>{"回到附近零工"}</Link<Route>>
        </main>
    }
}
