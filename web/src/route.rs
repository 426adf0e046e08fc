//! The app's pages and their paths.

use yew_router::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Routable)]
pub enum Route {
    /// 附近零工.
    #[at("/")]
    Nearby,
    #[not_found]
    #[at("/404")]
    NotFound,
}
