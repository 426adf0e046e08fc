//! Linggong's seeker web app. State lives apart from views; one component per file.

mod app;
mod data_source;
mod postings_state;
mod snapshot_loader;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
