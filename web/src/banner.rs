//! The line at the top: offline or not, how fresh the data is, what waits to be sent.

use yew::prelude::*;

use crate::format::date_time_label;
use crate::offline::LoadWarning;
use crate::state::{AppContext, DataLoad};

#[component]
pub fn Banner() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let t = |zh, en| state.settings.lang.pick(zh, en).to_string();
    let mut parts = Vec::new();
    if !state.online {
        parts.push(t("离线模式", "Offline"));
    }
    if let DataLoad::Ready(gigs) = &state.data {
        if let Some(created) = gigs.created_at {
            parts.push(format!(
                "{} {}",
                t("数据更新于", "Data from"),
                date_time_label(created, state.settings.lang)
            ));
        }
        let lang = state.settings.lang;
        parts.extend(gigs.warnings.iter().map(|w| w.label(lang)));
        let manifest_said = gigs.warnings.contains(&LoadWarning::ManifestUnreadable);
        if !gigs.online && state.online && !manifest_said {
            parts.push(t(
                "网络不通，显示的是缓存数据",
                "Network failed; showing cached data",
            ));
        }
    }
    let waiting = state.outbox.waiting();
    if waiting > 0 {
        parts.push(format!(
            "{waiting} {}",
            t("条报名待发送", "applications waiting to send")
        ));
    }
    html! {
        <>
            if !parts.is_empty() {
                <div class="banner" role="status" id="banner">{ parts.join(" · ") }</div>
            }
            if let Some(notice) = &state.notice {
                <div class="notice" role="alert">{ notice.clone() }</div>
            }
        </>
    }
}
