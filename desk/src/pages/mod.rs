//! The desk's pages, one per file.

mod mine;
mod post;
mod review;
mod sign_in;

pub use mine::MinePage;
pub use post::PostPage;
pub use review::ReviewPage;
pub use sign_in::SignInPage;

use linggong_core::{Posting, Severity};
use serde_json::Value;
use yew::prelude::*;

/// A posting's state as people read it (DESIGN.md §8's states).
pub fn status_label(status: &str) -> &'static str {
    match status {
        "pending_review" => "审核中",
        "published" => "已发布",
        "rejected" => "未通过",
        "withdrawn" => "已撤回",
        "taken_down" => "已下架",
        "filled" => "已招满",
        "expired" => "已过期",
        "submitted" => "已投递",
        _ => "未知状态",
    }
}

/// The audit's findings as a list. The desk runs core's audit itself, the one the server
/// runs on submission, so what it shows is what the server will decide.
pub fn findings_list(findings: &[linggong_core::Finding]) -> Html {
    html! {
        <ul class="findings" id="findings">
            { for findings.iter().map(|f| {
                let block = f.severity == Severity::Block;
                html! {
                    <li class={if block { "block" } else { "warn" }}>
                        <strong>{ if block { "必须改：" } else { "建议：" } }</strong>
                        { f.message.clone() }
                        if !f.excerpt.is_empty() { <span class="excerpt">{ format!("（“{}”）", f.excerpt) }</span> }
                    </li>
                }
            }) }
        </ul>
    }
}

/// A posting the server sent.
pub fn posting_of(value: &Value) -> Option<Posting> {
    linggong_core::parse_posting(&value.to_string()).ok()
}

/// A posting's one-line summary: title (or trade), pay, place.
pub fn summary(p: &Posting) -> String {
    let title = p
        .title
        .clone()
        .or_else(|| p.trade.clone())
        .unwrap_or_default();
    let address = p
        .location
        .as_ref()
        .and_then(|l| l.address.clone())
        .unwrap_or_default();
    format!("{title} · {address}")
}

/// Now, from the browser's clock (the audit judges dates against it).
pub fn now() -> linggong_core::Timestamp {
    let unix_s = (js_sys::Date::now() / 1000.0) as i64;
    linggong_core::Timestamp::from_unix_s(unix_s, 480)
}
