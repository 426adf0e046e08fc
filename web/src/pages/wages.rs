//! 工资行情: local pay bands (the wage guide's low, middle and high) and demand, as charts.

use linggong_core::GroupStats;
use yew::prelude::*;

use crate::state::{AppContext, DataLoad};

/// One bar chart row: the band from p10 to p90 with the median marked, on a shared scale.
fn band_row(g: &GroupStats, max_hourly: f64) -> Html {
    let Some(pay) = g.pay else { return html! {} };
    let x = |v: f64| format!("{:.1}%", (v / max_hourly * 100.0).clamp(0.0, 100.0));
    html! {
        <li class="band-row">
            <span class="band-name">{ g.name.clone() }</span>
            <span class="band-figures">{ format!("¥{:.0}–{:.0}/小时，中位 ¥{:.0}，需求 {} 人", pay.p10, pay.p90, pay.p50, g.demand) }</span>
            <svg class="band" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
                <rect class="band-range" x={x(pay.p10)} y="2" width={format!("{:.1}", ((pay.p90 - pay.p10) / max_hourly * 100.0).max(0.5))} height="8" />
                <rect class="band-mid" x={x(pay.p50)} y="0" width="1" height="12" />
            </svg>
        </li>
    }
}

#[component]
pub fn WagesPage() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let lang = state.settings.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let body = match &state.data {
        DataLoad::Ready(gigs) => {
            let report = gigs.report();
            let max = report
                .by_trade
                .iter()
                .chain(&report.by_category)
                .filter_map(|g| g.pay.map(|p| p.p90))
                .fold(1.0, f64::max);
            let mut trades: Vec<&GroupStats> =
                report.by_trade.iter().filter(|g| g.pay.is_some()).collect();
            trades.sort_by_key(|g| std::cmp::Reverse(g.demand));
            html! {
                <>
                    <p class="hint">{ format!("{} {} {}", t("根据附近", "From"), report.total.postings,
                        t("条在招零工计算，按小时折算（日薪按 8 小时）。", "open gigs nearby, as hourly pay (a day counts 8 hours).")) }</p>
                    <h2>{ t("按大类", "By category") }</h2>
                    <ul class="bands" id="bands-category">{ for report.by_category.iter().map(|g| band_row(g, max)) }</ul>
                    <h2>{ t("需求最多的工种", "Trades most in demand") }</h2>
                    <ul class="bands" id="bands-trade">{ for trades.into_iter().take(15).map(|g| band_row(g, max)) }</ul>
                    <p class="hint">{ t(
                        "求人倍率（岗位数 ÷ 求职人数）需要本地求职登记人数，由零工市场每月发布；本机只知道您一个人的登记，所以这里只显示岗位需求人数。",
                        "The job-to-applicant ratio needs the local count of registered seekers, which the market publishes monthly; this phone only knows yours, so only demand is shown.") }</p>
                </>
            }
        }
        DataLoad::Failed(e) => html! { <p role="alert">{ e.clone() }</p> },
        _ => {
            html! { <p>{ t("先在“附近”选好位置。", "Choose a place on the Nearby page first.") }</p> }
        }
    };
    html! {
        <main id="main">
            <h1>{ t("工资行情", "Local pay") }</h1>
            { body }
        </main>
    }
}
