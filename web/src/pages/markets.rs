//! 零工市场: the directory of gig markets and service stations, nearest first.

use linggong_core::nearest_markets;
use yew::prelude::*;

use crate::clock::now;
use crate::format::{distance_label, market_kind_label};
use crate::state::{AppContext, DataLoad};
use linggong_ui::week::hours_label;

#[component]
pub fn MarketsPage() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let lang = state.settings.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let body = match (&state.data, &state.position) {
        (DataLoad::Ready(gigs), Some(position)) => {
            let at = now();
            html! {
                <ul class="market-list" id="markets">
                    { for nearest_markets(&gigs.markets, position.point, 30).into_iter().map(|(m, d)| {
                        let open = m.is_open_at(at);
                        let hours: Vec<String> = m.hours.iter().map(|h| hours_label(h, lang)).collect();
                        html! {
                            <li class="market">
                                <h2>{ m.name.clone() }</h2>
                                <p>
                                    <span class={if open { "open" } else { "closed" }}>
                                        { if open { t("正在营业", "Open now") } else { t("已休息", "Closed") } }
                                    </span>
                                    { format!(" · {} · {}", market_kind_label(m.kind, lang), distance_label(d, lang)) }
                                </p>
                                <p>{ m.address.clone() }</p>
                                if !m.services.is_empty() { <p>{ format!("{}{}", t("服务：", "Services: "), m.services.join("、")) }</p> }
                                if !hours.is_empty() { <p>{ format!("{}{}", t("服务时间：", "Hours: "), hours.join(t("，", ", "))) }</p> }
                                if let Some(phone) = &m.phone {
                                    <a class="button" href={format!("tel:{phone}")}>{ format!("{} {phone}", t("打电话", "Call")) }</a>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
        }
        (DataLoad::Failed(e), _) => html! { <p role="alert">{ e.clone() }</p> },
        _ => {
            html! { <p>{ t("先在“附近”选好位置。", "Choose a place on the Nearby page first.") }</p> }
        }
    };
    html! {
        <main id="main">
            <h1>{ t("零工市场", "Gig markets") }</h1>
            <p class="hint">{ t("线下零工市场和驿站：可以现场找活、咨询、维权。", "Walk-in gig markets and stations: find work, ask, get help.") }</p>
            { body }
        </main>
    }
}
