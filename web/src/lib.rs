//! Linggong's seeker web app: a Yew single-page app running the engine in the browser.
//! State lives apart from views (`state`, `gigs`, `offline`, `storage`); one component per
//! file (`pages`, `widgets`). `storage` is public for its conformance suite in `tests/`.

mod app;
mod banner;
mod clock;
pub mod data_source;
pub use linggong_ui::format;
mod gigs;
pub use linggong_ui::i18n;
mod kept;
mod live_feed;
mod nav;
pub mod offline;
mod pages;
mod rank;
mod route;
mod state;
pub mod storage;
mod widgets;

/// Starts the app in the page's body.
pub fn run() {
    yew::Renderer::<app::App>::new().render();
}
