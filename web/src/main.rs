//! Linggong's seeker web app. State lives apart from views; one component per file.

mod app;
mod data_source;
mod nearby_page;
mod not_found;
mod postings_state;
mod route;
mod snapshot_loader;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
