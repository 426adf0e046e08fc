//! 工资行情 and the month's report: the market's wage guide for a month — the low, middle
//! and high hourly pay (P10, P50, P90) by category and for the trades most in demand — and
//! 求人倍率 (heads wanted per registered seeker), from `GET /api/v1/stats`, drawn as bars.
//! Employers set pay against it; staff also see the month's service figures (Zhejiang 附件2)
//! and download the report as Markdown or CSV — the server's own files, the same bytes as
//! `linggong-server report`.

use linggong_core::{GroupStats, MarketReport};
use linggong_ui::form_field::on_input;
use serde_json::Value;
use yew::prelude::*;

use super::this_month;
use crate::api;
use crate::app::DeskContext;

/// One bar chart row: the band from P10 to P90 with the median marked, on a shared scale;
/// "too few" instead when the band rests on fewer gigs than a guide needs.
fn band_row(context: &DeskContext, g: &GroupStats, max_hourly: f64) -> Html {
    let t = |zh, en| context.t(zh, en);
    let Some(pay) = g.pay else {
        return html! {};
    };
    let figures = if pay.is_representative() {
        format!(
            "¥{:.0}–{:.0}{}¥{:.0}{}",
            pay.p10,
            pay.p90,
            t("/小时，中位 ", " an hour, median "),
            pay.p50,
            t("", "")
        )
    } else {
        t("样本太少", "too few to say").to_string()
    };
    let counts = match context.lang {
        linggong_ui::i18n::Lang::Zh => format!("{} 条，需求 {} 人", pay.count, g.demand),
        linggong_ui::i18n::Lang::En => format!("{} gigs, {} wanted", pay.count, g.demand),
    };
    let x = |v: f64| format!("{:.1}%", (v / max_hourly * 100.0).clamp(0.0, 100.0));
    html! {
        <li class="band-row">
            <span class="band-name" lang="zh-CN">{ g.name.clone() }</span>
            <span class="band-figures">{ format!("{figures}（{counts}）") }</span>
            if pay.is_representative() {
                <svg class="band" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
                    <rect class="band-range" x={x(pay.p10)} y="2" width={format!("{:.1}", ((pay.p90 - pay.p10) / max_hourly * 100.0).max(0.5))} height="8" />
                    <rect class="band-mid" x={x(pay.p50)} y="0" width="1" height="12" />
                </svg>
            }
        </li>
    }
}

/// One bar of the 求人倍率 chart.
fn ratio_row(context: &DeskContext, g: &GroupStats, max_ratio: f64) -> Html {
    let t = |zh, en| context.t(zh, en);
    let ratio = g.ratio.unwrap_or(0.0);
    html! {
        <li class="band-row">
            <span class="band-name" lang="zh-CN">{ g.name.clone() }</span>
            <span class="band-figures">{ format!("{} {ratio:.2}（{} {}，{} {}）", t("求人倍率", "ratio"), t("需求", "wanted"), g.demand, t("登记", "registered"), g.seekers) }</span>
            <svg class="band" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
                <rect class="ratio-bar" x="0" y="2" width={format!("{:.1}", (ratio / max_ratio * 100.0).clamp(0.5, 100.0))} height="8" />
            </svg>
        </li>
    }
}

fn bands_view(context: &DeskContext, report: &MarketReport) -> Html {
    let t = |zh, en| context.t(zh, en);
    let max = report
        .by_category
        .iter()
        .chain(&report.by_trade)
        .filter_map(|g| g.pay.filter(|p| p.is_representative()).map(|p| p.p90))
        .fold(1.0, f64::max);
    let priced = report.by_trade.iter().filter(|g| g.pay.is_some()).take(15);
    html! {
        <>
            <p class="hint">{ format!("{} {} {}", t("根据本月发布的", "From the"), report.total.postings, t("条招工信息计算，按小时折算（日薪按 8 小时）。", "postings of the month, as pay per hour (a day's pay over 8 hours).")) }</p>
            <h3>{ t("按大类", "By category") }</h3>
            <ul class="bands" id="bands-category">{ for report.by_category.iter().map(|g| band_row(context, g, max)) }</ul>
            <h3>{ t("需求最多的工种", "Trades most in demand") }</h3>
            <ul class="bands" id="bands-trade">{ for priced.map(|g| band_row(context, g, max)) }</ul>
        </>
    }
}

fn ratios_view(context: &DeskContext, report: &MarketReport) -> Html {
    let t = |zh, en| context.t(zh, en);
    let categories: Vec<&GroupStats> = report
        .by_category
        .iter()
        .filter(|g| g.ratio.is_some())
        .collect();
    let short: Vec<&GroupStats> = report
        .shortage
        .iter()
        .filter(|g| g.ratio.is_some())
        .take(10)
        .collect();
    let max_ratio = categories
        .iter()
        .chain(&short)
        .filter_map(|g| g.ratio)
        .fold(0.1, f64::max);
    html! {
        <>
            <h3>{ "求人倍率" }<span lang="en">{ t("", " (jobs-to-applicants ratio)") }</span></h3>
            <p class="hint">{ t("求人倍率 = 岗位需求人数 ÷ 在本市场登记的求职人数。大于 1 说明这一行缺人。", "People wanted ÷ seekers registered with the market. Above 1 the trade is short of workers.") }</p>
            if categories.is_empty() {
                <p>{ t("还没有求职登记数据，无法计算求人倍率。", "No seeker has registered yet: no ratio to give.") }</p>
            } else {
                <ul class="bands" id="ratios-category">{ for categories.iter().map(|g| ratio_row(context, g, max_ratio)) }</ul>
                <h3>{ t("紧缺工种", "Trades short of workers") }</h3>
                <ul class="bands" id="ratios-trade">{ for short.iter().map(|g| ratio_row(context, g, max_ratio)) }</ul>
            }
        </>
    }
}

/// The month's services (staff): the Zhejiang form's lines, from the ledger.
fn services_view(context: &DeskContext, services: &Value) -> Html {
    let t = |zh, en| context.t(zh, en);
    let rows = [
        (
            "employers_recruiting",
            t("招工的用工主体", "Employers recruiting"),
        ),
        (
            "postings_published",
            t("发布的招工信息", "Postings published"),
        ),
        ("seekers_registered", t("求职登记", "Seekers registered")),
        ("seekers_applied", t("报名的求职者", "Seekers who applied")),
        (
            "seekers_confirmed",
            t("达成意向（结果确认）的求职者", "Seekers who confirmed"),
        ),
        ("completed", t("完工", "Completed")),
        (
            "priority_helped",
            t("帮扶就业的困难人员", "Priority seekers helped into work"),
        ),
        (
            "entered_at_counter",
            t("窗口代录", "Entered at the counter"),
        ),
        ("reports", t("举报", "Reports")),
    ];
    let share = services["confirmed_share"]
        .as_f64()
        .map_or("—".to_string(), |x| format!("{:.1}%", x * 100.0));
    html! {
        <>
            <h3>{ t("服务情况", "Services") }</h3>
            <table class="figures" id="services">
                <tbody>
                    { for rows.iter().map(|(key, name)| html! {
                        <tr data-key={*key}><th scope="row">{ *name }</th><td>{ services[*key].to_string() }</td></tr>
                    }) }
                    <tr data-key="confirmed_share"><th scope="row">{ t("达成意向占比", "Share of seekers served who confirmed") }</th><td>{ share }</td></tr>
                </tbody>
            </table>
        </>
    }
}

/// Links to the server's report files for the month.
fn exports(context: &DeskContext, month: &str) -> Html {
    let t = |zh, en| context.t(zh, en);
    html! {
        <p class="exports">
            <a class="button" id="report-md" href={format!("/api/v1/stats?month={month}&format=md")} download="">{ t("下载月报（Markdown）", "Download the report (Markdown)") }</a>
            <a class="button" id="report-csv" href={format!("/api/v1/stats?month={month}&format=csv")} download="">{ t("下载数据（CSV）", "Download the figures (CSV)") }</a>
        </p>
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Month {
    month: String,
}

#[component]
pub fn WagesPage() -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let t = |zh, en| context.t(zh, en);
    let staff = context.me.as_ref().is_some_and(|m| m.staff);
    let month = use_state(|| Month {
        month: this_month(),
    });
    let answer = use_state(|| None::<Result<Value, String>>);
    {
        let answer = answer.clone();
        use_effect_with(month.month.clone(), move |m| {
            let path = format!("/api/v1/stats?month={m}");
            wasm_bindgen_futures::spawn_local(async move {
                let got = api::get_json(&path).await;
                answer.set(Some(got));
            });
        });
    }
    let report = match &*answer {
        Some(Ok(body)) => {
            serde_json::from_value::<MarketReport>(body.clone()).map_err(|e| e.to_string())
        }
        Some(Err(e)) => Err(e.clone()),
        None => Err(String::new()),
    };
    html! {
        <main id="main">
            <h2>{ if staff { t("月度供求报告", "Monthly supply and demand report") } else { t("工资行情", "Wage guide") } }</h2>
            <label for="w-month">{ t("月份", "Month") }</label>
            <input id="w-month" type="month" value={month.month.clone()} oninput={on_input(&month, |m, v| m.month = v)} />
            if staff { { exports(&context, &month.month) } }
            { match (&*answer, report) {
                (None, _) => html! { <p role="status">{ t("正在加载…", "Loading…") }</p> },
                (_, Err(e)) => html! { <p role="alert">{ e }</p> },
                (Some(Ok(body)), Ok(r)) => html! {
                    <>
                        { bands_view(&context, &r) }
                        { ratios_view(&context, &r) }
                        if staff { { services_view(&context, &body["services"]) } }
                    </>
                },
                (Some(Err(_)), Ok(_)) => html! {},
            } }
        </main>
    }
}
