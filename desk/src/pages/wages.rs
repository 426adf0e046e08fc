//! 工资行情 (staff and employers): the market's wage guide for a month — the low, middle and
//! high hourly pay (P10, P50, P90) by category and for the trades most in demand — and
//! 求人倍率 (heads wanted per registered seeker), from `GET /api/v1/stats`, drawn as bars.
//! An employer sets pay against it before posting; staff publish it.

use linggong_ui::form_field::on_input;
use serde_json::Value;
use yew::prelude::*;

use super::now;
use crate::api;

fn number(v: &Value) -> f64 {
    v.as_f64().unwrap_or(0.0)
}

/// The month `now` is in, as `YYYY-MM` (China time).
fn this_month() -> String {
    now().to_string().chars().take(7).collect()
}

/// One bar chart row: the band from P10 to P90 with the median marked, on a shared scale.
fn band_row(g: &Value, max_hourly: f64) -> Html {
    let pay = &g["pay"];
    if pay.is_null() {
        return html! {};
    }
    let (p10, p50, p90) = (
        number(&pay["p10"]),
        number(&pay["p50"]),
        number(&pay["p90"]),
    );
    let x = |v: f64| format!("{:.1}%", (v / max_hourly * 100.0).clamp(0.0, 100.0));
    html! {
        <li class="band-row">
            <span class="band-name">{ g["name"].as_str().unwrap_or_default().to_string() }</span>
            <span class="band-figures">{ format!("¥{p10:.0}–{p90:.0}/小时，中位 ¥{p50:.0}，{} 条，需求 {} 人", g["postings"], g["demand"]) }</span>
            <svg class="band" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
                <rect class="band-range" x={x(p10)} y="2" width={format!("{:.1}", ((p90 - p10) / max_hourly * 100.0).max(0.5))} height="8" />
                <rect class="band-mid" x={x(p50)} y="0" width="1" height="12" />
            </svg>
        </li>
    }
}

/// One bar of the 求人倍率 chart.
fn ratio_row(g: &Value, max_ratio: f64) -> Html {
    let ratio = number(&g["ratio"]);
    html! {
        <li class="band-row">
            <span class="band-name">{ g["name"].as_str().unwrap_or_default().to_string() }</span>
            <span class="band-figures">{ format!("求人倍率 {ratio:.2}（需求 {} 人，登记 {} 人）", g["demand"], g["seekers"]) }</span>
            <svg class="band" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
                <rect class="ratio-bar" x="0" y="2" width={format!("{:.1}", (ratio / max_ratio * 100.0).clamp(0.5, 100.0))} height="8" />
            </svg>
        </li>
    }
}

fn report_view(report: &Value) -> Html {
    let groups = |key: &str| report[key].as_array().cloned().unwrap_or_default();
    let (categories, trades) = (groups("by_category"), groups("by_trade"));
    let max = categories
        .iter()
        .chain(&trades)
        .map(|g| number(&g["pay"]["p90"]))
        .fold(1.0, f64::max);
    let with_ratio = |list: &[Value]| -> Vec<Value> {
        list.iter()
            .filter(|g| g["ratio"].is_number())
            .cloned()
            .collect()
    };
    let (category_ratios, trade_ratios) =
        (with_ratio(&categories), with_ratio(&groups("shortage")));
    let max_ratio = category_ratios
        .iter()
        .chain(&trade_ratios)
        .map(|g| number(&g["ratio"]))
        .fold(0.1, f64::max);
    html! {
        <>
            <p class="hint">{ format!("根据本月发布的 {} 条招工信息计算，按小时折算（日薪按 8 小时）。", report["total"]["postings"]) }</p>
            <h3>{ "按大类" }</h3>
            <ul class="bands" id="bands-category">{ for categories.iter().map(|g| band_row(g, max)) }</ul>
            <h3>{ "需求最多的工种" }</h3>
            <ul class="bands" id="bands-trade">{ for trades.iter().filter(|g| !g["pay"].is_null()).take(15).map(|g| band_row(g, max)) }</ul>
            <h3>{ "求人倍率" }</h3>
            <p class="hint">{ "求人倍率 = 岗位需求人数 ÷ 在本市场登记的求职人数。大于 1 说明这一行缺人。" }</p>
            if category_ratios.is_empty() {
                <p>{ "还没有求职登记数据，无法计算求人倍率。" }</p>
            } else {
                <ul class="bands" id="ratios-category">{ for category_ratios.iter().map(|g| ratio_row(g, max_ratio)) }</ul>
                <h3>{ "最缺人的工种" }</h3>
                <ul class="bands" id="ratios-trade">{ for trade_ratios.iter().take(10).map(|g| ratio_row(g, max_ratio)) }</ul>
            }
        </>
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Month {
    month: String,
}

#[component]
pub fn WagesPage() -> Html {
    let month = use_state(|| Month {
        month: this_month(),
    });
    let report = use_state(|| None::<Result<Value, String>>);
    {
        let report = report.clone();
        use_effect_with(month.month.clone(), move |m| {
            let path = format!("/api/v1/stats?month={m}");
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match api::call("GET", &path, None).await {
                    Ok(a) if a.ok() => Ok(a.body),
                    Ok(a) => Err(a.error()),
                    Err(e) => Err(e),
                };
                report.set(Some(answer));
            });
        });
    }
    html! {
        <main id="main">
            <h2>{ "工资行情" }</h2>
            <label for="w-month">{ "月份" }</label>
            <input id="w-month" type="month" value={month.month.clone()} oninput={on_input(&month, |m, v| m.month = v)} />
            { match &*report {
                None => html! { <p role="status">{ "正在加载…" }</p> },
                Some(Err(e)) => html! { <p role="alert">{ e.clone() }</p> },
                Some(Ok(r)) => report_view(r),
            } }
        </main>
    }
}
