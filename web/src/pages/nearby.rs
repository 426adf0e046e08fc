//! 附近零工: the gigs around the seeker, filtered and sorted, as a list or a radar.

use linggong_core::{PayUnit, Taxonomy};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::clock::now;
use crate::gigs::{Day, SearchOptions, Sort};
use crate::state::{AppContext, DataLoad};
use crate::widgets::{GigCard, PlacePicker, Radar, TradePicker, live_notice};

const RADII_KM: [f64; 5] = [1.0, 3.0, 5.0, 10.0, 30.0];
const DAYS: [(Day, &str, &str); 4] = [
    (Day::Any, "不限", "Any day"),
    (Day::Today, "今天", "Today"),
    (Day::Tomorrow, "明天", "Tomorrow"),
    (Day::ThisWeek, "本周", "This week"),
];
const UNITS: [(Option<PayUnit>, &str, &str); 5] = [
    (None, "不限", "Any"),
    (Some(PayUnit::Hour), "按小时", "Hourly"),
    (Some(PayUnit::Day), "按天", "Daily"),
    (Some(PayUnit::Piece), "按件", "Per piece"),
    (Some(PayUnit::Month), "按月", "Monthly"),
];

#[component]
pub fn NearbyPage() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let lang = state.settings.lang;
    let options = use_state(SearchOptions::default);
    let radar = use_state(|| false);
    let picking = use_state(|| false);
    // Choosing a place (again) closes the picker.
    {
        let picking = picking.clone();
        let place = state
            .position
            .as_ref()
            .map(|p| (p.label.clone(), p.point.lat.to_bits()));
        use_effect_with(place, move |_| picking.set(false));
    }

    // New gigs from the live feed are shown at once when the list is empty (nothing can
    // move under a finger): the render notes it, the effect after it asks.
    let show_heard_now = use_mut_ref(|| false);
    {
        let (state, flag) = (state.clone(), show_heard_now.clone());
        use_effect(move || {
            if flag.replace(false) {
                state.dispatch(crate::state::Action::ShowHeard);
            }
        });
    }

    let heading = html! {
        <>
            <h1>{ lang.pick("附近零工", "Nearby gigs") }</h1>
            if lang == crate::i18n::Lang::Zh { <p class="subtitle" lang="en">{"Gigs near you"}</p> }
        </>
    };
    if !state.restored {
        return html! { <main id="main">{heading}<p role="status">{"正在打开… (Opening)"}</p></main> };
    }
    let Some(position) = state.position.clone().filter(|_| !*picking) else {
        return html! { <main id="main">{heading}<PlacePicker /></main> };
    };

    let set = |f: fn(&mut SearchOptions, usize), i: usize| {
        let options = options.clone();
        Callback::from(move |_| {
            let mut next = (*options).clone();
            f(&mut next, i);
            options.set(next);
        })
    };
    let on_trade = {
        let options = options.clone();
        Callback::from(move |trade: &'static linggong_core::Trade| {
            options.set(SearchOptions {
                trade: Some(trade.id.clone()),
                ..(*options).clone()
            });
        })
    };
    let clear_trade = set(|o, _| o.trade = None, 0);
    let on_sort = {
        let options = options.clone();
        Callback::from(move |e: Event| {
            let sort = match e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .as_str()
            {
                "pay" => Sort::Pay,
                "match" => Sort::Match,
                _ => Sort::Distance,
            };
            options.set(SearchOptions {
                sort,
                ..(*options).clone()
            });
        })
    };

    let body = match &state.data {
        DataLoad::Idle | DataLoad::Loading => {
            html! { <p role="status">{ lang.pick("正在加载零工信息…", "Loading gigs…") }</p> }
        }
        DataLoad::Failed(e) => {
            html! { <p role="alert">{ format!("{}{e}", lang.pick("加载失败：", "Could not load: ")) }</p> }
        }
        DataLoad::Ready(gigs) => {
            let hits = gigs.search(position.point, &options, now(), state.profile.as_ref());
            let waiting = state.journal.waiting(|id| gigs.holds(id));
            *show_heard_now.borrow_mut() = hits.is_empty() && waiting.new > 0;
            let count = format!(
                "{} {} {}{} {} {}",
                lang.pick("附近已加载", "Loaded"),
                gigs.len(),
                lang.pick(
                    "条零工信息，每条显示前都经过合规检查",
                    "gigs nearby; each is audited before it is shown"
                ),
                lang.pick("；已隐藏", "; hidden so far:"),
                gigs.blocked_so_far(),
                lang.pick("条未通过检查的", "that failed")
            );
            let found = format!(
                "{} {} {}",
                lang.pick("找到", "Found"),
                hits.len(),
                lang.pick("条", "gigs")
            );
            html! {
                <>
                    <p id="posting-count" class="muted">{ count }</p>
                    <p id="result-count" role="status" aria-live="polite">{ found }</p>
                    { live_notice(&state, &waiting, lang) }
                    if *radar {
                        <Radar centre={position.point} radius_km={options.radius_km} hits={hits.clone()}
                            label={lang.pick("雷达图：中心是您，圆点是零工", "Radar: you at the centre, dots are gigs")} />
                    }
                    if hits.is_empty() {
                        <p>{ lang.pick("这个范围内没有合适的零工，试试扩大范围或换个工种。", "Nothing here; widen the radius or try another trade.") }</p>
                    }
                    <ul class="gig-list">
                        { for hits.into_iter().map(|hit| {
                            let gone = waiting.gone.contains(&hit.posting.id);
                            html! { <GigCard key={hit.posting.id.clone()} hit={hit.clone()} {gone} /> }
                        }) }
                    </ul>
                </>
            }
        }
    };

    let trade_name = options
        .trade
        .as_deref()
        .and_then(|id| Taxonomy::builtin().get(id))
        .map(|t| t.name.clone());
    html! {
        <main id="main">
            { heading }
            <p class="where">
                { format!("{}{}", lang.pick("位置：", "Near: "), position.name(lang)) }
                <button class="link" onclick={{ let picking = picking.clone(); Callback::from(move |_| picking.set(true)) }}>
                    { lang.pick("换个地点", "Change") }
                </button>
            </p>
            <fieldset class="chips">
                <legend>{ lang.pick("范围", "Radius") }</legend>
                { for RADII_KM.iter().enumerate().map(|(i, r)| html! {
                    <button aria-pressed={(options.radius_km == *r).to_string()}
                        onclick={set(|o, i| o.radius_km = RADII_KM[i], i)}>{ format!("{r:.0}{}", lang.pick("公里", " km")) }</button>
                }) }
            </fieldset>
            <fieldset class="chips">
                <legend>{ lang.pick("哪天", "Day") }</legend>
                { for DAYS.iter().enumerate().map(|(i, (day, zh, en))| html! {
                    <button aria-pressed={(options.day == *day).to_string()}
                        onclick={set(|o, i| o.day = DAYS[i].0, i)}>{ lang.pick(zh, en) }</button>
                }) }
            </fieldset>
            <fieldset class="chips">
                <legend>{ lang.pick("计薪方式", "Pay unit") }</legend>
                { for UNITS.iter().enumerate().map(|(i, (unit, zh, en))| html! {
                    <button aria-pressed={(options.unit == *unit).to_string()}
                        onclick={set(|o, i| o.unit = UNITS[i].0, i)}>{ lang.pick(zh, en) }</button>
                }) }
            </fieldset>
            if let Some(name) = trade_name {
                <p class="picked">{ format!("{}{name} ", lang.pick("工种：", "Trade: ")) }
                    <button class="link" onclick={clear_trade}>{ lang.pick("不限工种", "Any trade") }</button></p>
            } else {
                <TradePicker id="trade-filter" label={lang.pick("工种", "Trade")} on_pick={on_trade} {lang} />
            }
            <div class="row">
                <label for="sort">{ lang.pick("排序", "Sort") }</label>
                <select id="sort" onchange={on_sort}>
                    <option value="distance" selected={options.sort == Sort::Distance}>{ lang.pick("离我最近", "Nearest") }</option>
                    <option value="pay" selected={options.sort == Sort::Pay}>{ lang.pick("工资最高", "Best pay") }</option>
                    <option value="match" selected={options.sort == Sort::Match}>{ lang.pick("最适合我", "Best match") }</option>
                </select>
                <button aria-pressed={radar.to_string()} onclick={{ let radar = radar.clone(); Callback::from(move |_| radar.set(!*radar)) }}>
                    { lang.pick("雷达图", "Radar") }
                </button>
            </div>
            { body }
        </main>
    }
}
