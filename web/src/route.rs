//! The app's pages and their paths.

use yew_router::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    /// 附近零工.
    #[at("/")]
    Nearby,
    /// 零工详情.
    #[at("/gig/:id")]
    Gig { id: String },
    /// 求职登记.
    #[at("/register")]
    Register,
    /// 为我推荐.
    #[at("/matches")]
    Matches,
    /// 零工市场.
    #[at("/markets")]
    Markets,
    /// 工资行情.
    #[at("/wages")]
    Wages,
    /// 发布检查.
    #[at("/check")]
    Check,
    /// 设置.
    #[at("/settings")]
    Settings,
    #[not_found]
    #[at("/404")]
    NotFound,
}
