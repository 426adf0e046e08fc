//! The desk's pages, one per file.

mod hall;
mod mine;
mod post;
mod review;
mod sign_in;
mod wages;

pub use hall::HallScreen;
pub use mine::MinePage;
pub use post::PostPage;
pub use review::ReviewPage;
pub use sign_in::SignInPage;
pub use wages::WagesPage;

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
        _ => "未知状态",
    }
}

/// An application's state as the employer reads it.
pub fn application_label(status: &str) -> &'static str {
    match status {
        "submitted" => "已投递",
        "offered" => "已录用，等对方确认",
        "confirmed" => "已确认",
        "arrived" => "已到岗",
        "completed" => "已完工",
        "declined" => "未录用",
        "withdrawn" => "对方已撤回",
        "expired" => "录用未确认，已失效",
        "no_show" => "未到岗",
        "disputed" => "有争议",
        _ => "未知状态",
    }
}

/// The button for a step of an application (core's `Step` names).
pub fn step_label(step: &str) -> &'static str {
    match step {
        "offer" => "录用",
        "decline" => "不录用",
        "arrive" => "确认到岗",
        "complete" => "完工",
        "no_show" => "未到岗",
        "dispute" => "有争议",
        _ => "其他",
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

/// The text in the `<input>` whose id is `id` (empty when there is none).
pub fn input_value(id: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
        .map(|i| i.value())
        .unwrap_or_default()
}
