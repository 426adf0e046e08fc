//! (being written)

use yew::prelude::*;

#[component]
pub fn DirectoryPage() -> Html {
    html! { <main id="main"></main> }
}
