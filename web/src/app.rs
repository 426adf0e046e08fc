//! The root component: the router and its pages.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::nearby_page::NearbyPage;
use crate::not_found::NotFound;
use crate::route::Route;

fn page(route: Route) -> Html {
    match route {
        Route::Nearby => html! { <NearbyPage /> },
        Route::NotFound => html! { <NotFound /> },
    }
}

#[component]
pub fn App() -> Html {
    html! {
        <BrowserRouter>
            <Switch<Route> render={page} />
        </BrowserRouter>
    }
}
