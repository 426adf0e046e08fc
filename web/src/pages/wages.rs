//! 工资行情: local pay bands (the wage guide's low, middle and high) and demand, as charts.

use linggong_core::GroupStats;
use yew::prelude::*;

use crate::rank::sort_desc_by;
use crate::state::{AppContext, DataLoad};

/// 求人倍率: heads wanted per registered seeker, when the area has seekers for it.
fn ratio(g: &GroupStats, seekers: Option<u32>) -> Option<f64> {
    seekers
        .filter(|n| *n > 0)
        .map(|n| g.demand as f64 / f64::from(n))
}

/// One bar of the 求人倍率 chart, on a shared scale.
fn ratio_row(g: &GroupStats, ratio: f64, max_ratio: f64) -> Html {
    html! {
        <li class="band-row">
            <span class="band-name">{ g.name.clone() }</span>
            <span class="band-figures">{ format!("求人倍率 {ratio:.2}（需求 {} 人）", g.demand) }</span>
            <svg class="band" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
                <rect class="ratio-bar" x="0" y="2" width={format!("{:.1}", (ratio / max_ratio * 100.0).clamp(0.5, 100.0))} height="8" />
            </svg>
        </li>
    }
}

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
            // by_trade comes most demand first.
            let trades: Vec<&GroupStats> =
                report.by_trade.iter().filter(|g| g.pay.is_some()).collect();
            let mut ratios: Vec<(&GroupStats, f64)> = report
                .by_trade
                .iter()
                .filter_map(|g| Some((g, ratio(g, gigs.seekers.by_trade.get(&g.key).copied())?)))
                .collect();
            // Equal ratios keep by_trade's order: most demand first.
            sort_desc_by(&mut ratios, |&(_, ratio)| ratio);
            let category_ratios: Vec<(&GroupStats, f64)> = report
                .by_category
                .iter()
                .filter_map(|g| Some((g, ratio(g, gigs.seekers.by_category.get(&g.key).copied())?)))
                .collect();
            let max_ratio = ratios
                .iter()
                .chain(&category_ratios)
                .map(|(_, r)| *r)
                .fold(0.1, f64::max);
            html! {
                <>
                    <p class="hint">{ format!("{} {} {}", t("根据附近", "From"), report.total.postings,
                        t("条在招零工计算，按小时折算（日薪按 8 小时）。", "open gigs nearby, as hourly pay (a day counts 8 hours).")) }</p>
                    <h2>{ t("按大类", "By category") }</h2>
                    <ul class="bands" id="bands-category">{ for report.by_category.iter().map(|g| band_row(g, max)) }</ul>
                    <h2>{ t("需求最多的工种", "Trades most in demand") }</h2>
                    <ul class="bands" id="bands-trade">{ for trades.into_iter().take(15).map(|g| band_row(g, max)) }</ul>
                    <h2>{ t("求人倍率", "Jobs per seeker") }</h2>
                    <p class="hint">{ format!("{}{}{}", t("求人倍率 = 岗位需求人数 ÷ 登记求职人数（附近共 ", "Heads wanted ÷ registered seekers ("),
                        gigs.seekers.total, t(" 人登记）。大于 1 说明这一行缺人，好找活。", " seekers registered nearby). Above 1: the trade is short of workers.")) }</p>
                    if ratios.is_empty() && category_ratios.is_empty() {
                        <p>{ t("本地暂无求职登记数据，无法计算求人倍率。", "No registration counts for this area yet.") }</p>
                    } else {
                        <ul class="bands" id="ratios-category">{ for category_ratios.iter().map(|(g, r)| ratio_row(g, *r, max_ratio)) }</ul>
                        <h2>{ t("最缺人的工种", "Trades most short of workers") }</h2>
                        <ul class="bands" id="ratios-trade">{ for ratios.iter().take(10).map(|(g, r)| ratio_row(g, *r, max_ratio)) }</ul>
                    }
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
