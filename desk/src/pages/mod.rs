//! The desk's pages, one per file.

mod counter;
mod directory;
mod hall;
mod ledger;
mod mine;
mod post;
mod review;
mod sign_in;
mod wages;

pub use counter::CounterPage;
pub use directory::DirectoryPage;
pub use hall::HallScreen;
pub use ledger::LedgerPage;
pub use mine::MinePage;
pub use post::PostPage;
pub use review::ReviewPage;
pub use sign_in::SignInPage;
pub use wages::WagesPage;

use linggong_core::{Posting, Severity};
use linggong_ui::i18n::Lang;
use serde_json::Value;
use yew::prelude::*;

/// A posting's state as people read it (DESIGN.md §8's states).
pub fn status_label(lang: Lang, status: &str) -> &'static str {
    let (zh, en) = match status {
        "pending_review" => ("审核中", "in review"),
        "published" => ("已发布", "published"),
        "rejected" => ("未通过", "refused"),
        "withdrawn" => ("已撤回", "withdrawn"),
        "taken_down" => ("已下架", "taken down"),
        "filled" => ("已招满", "filled"),
        "expired" => ("已过期", "expired"),
        _ => ("未知状态", "unknown"),
    };
    lang.pick(zh, en)
}

/// An application's state as the employer reads it.
pub fn application_label(lang: Lang, status: &str) -> &'static str {
    let (zh, en) = match status {
        "submitted" => ("已投递", "applied"),
        "offered" => (
            "已录用，等对方确认",
            "offered, waiting for their confirmation",
        ),
        "confirmed" => ("已确认", "confirmed"),
        "arrived" => ("已到岗", "arrived"),
        "completed" => ("已完工", "completed"),
        "declined" => ("未录用", "declined"),
        "withdrawn" => ("对方已撤回", "withdrawn by the seeker"),
        "expired" => ("录用未确认，已失效", "offer expired unconfirmed"),
        "no_show" => ("未到岗", "no-show"),
        "disputed" => ("有争议", "disputed"),
        _ => ("未知状态", "unknown"),
    };
    lang.pick(zh, en)
}

/// The button for a step of an application (core's `Step` names).
pub fn step_label(lang: Lang, step: &str) -> &'static str {
    let (zh, en) = match step {
        "offer" => ("录用", "Offer"),
        "decline" => ("不录用", "Decline"),
        "arrive" => ("确认到岗", "Record arrival"),
        "complete" => ("完工", "Completed"),
        "no_show" => ("未到岗", "No-show"),
        "dispute" => ("有争议", "Dispute"),
        _ => ("其他", "Other"),
    };
    lang.pick(zh, en)
}

/// The audit's findings as a list. The desk runs core's audit itself, the one the server
/// runs on submission, so what it shows is what the server will decide. (The findings'
/// wording is core's, in Chinese: the standards it cites are Chinese.)
pub fn findings_list(lang: Lang, findings: &[linggong_core::Finding]) -> Html {
    html! {
        <ul class="findings" id="findings">
            { for findings.iter().map(|f| {
                let block = f.severity == Severity::Block;
                html! {
                    <li class={if block { "block" } else { "warn" }}>
                        <strong>{ if block { lang.pick("必须改：", "Must change: ") } else { lang.pick("建议：", "Advice: ") } }</strong>
                        <span lang="zh-CN">{ f.message.clone() }</span>
                        if !f.excerpt.is_empty() { <span class="excerpt" lang="zh-CN">{ format!("（“{}”）", f.excerpt) }</span> }
                    </li>
                }
            }) }
        </ul>
    }
}

/// `text` with the words the findings quote marked (`<mark>`), so a reviewer sees where the
/// problem is in the posting itself.
pub fn highlighted(text: &str, findings: &[linggong_core::Finding]) -> Html {
    let mut marks: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| !f.excerpt.is_empty())
        .flat_map(|f| {
            text.match_indices(f.excerpt.as_str())
                .map(|(at, m)| (at, at + m.len()))
        })
        .collect();
    marks.sort_unstable();
    let mut parts = Vec::new();
    let mut from = 0;
    for (start, end) in marks {
        if start < from {
            continue; // overlaps a mark already made
        }
        parts.push(html! { { &text[from..start] } });
        parts.push(html! { <mark>{ &text[start..end] }</mark> });
        from = end;
    }
    parts.push(html! { { &text[from..] } });
    html! { <>{ for parts }</> }
}

/// The month `now` is in, as `YYYY-MM` (China time).
pub fn this_month() -> String {
    now().to_string().chars().take(7).collect()
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
    linggong_core::Timestamp::from_unix_s(unix_s, linggong_core::CHINA_OFFSET_MIN)
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
