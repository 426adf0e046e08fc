//! The pay against the market's wage guide for the trade (P10–P90 this month), said plainly
//! before publishing: below, within or above the local band, or too few gigs to say.

use linggong_core::{MarketReport, PayBands};
use yew::prelude::*;

use crate::api;
use crate::app::DeskContext;
use crate::wage_guide::{Guide, Verdict};

/// The month's figures for the guide, fetched once when the form opens (`None` until then
/// or when the server could not give them: the form works without).
#[hook]
pub fn use_month_report() -> Option<std::rc::Rc<MarketReport>> {
    let report = use_state(|| None::<std::rc::Rc<MarketReport>>);
    {
        let report = report.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let path = format!("/api/v1/stats?month={}", super::super::this_month());
                if let Ok(answer) = api::call("GET", &path, None).await
                    && answer.ok()
                    && let Ok(r) = serde_json::from_value::<MarketReport>(answer.body)
                {
                    report.set(Some(std::rc::Rc::new(r)));
                }
            });
        });
    }
    (*report).clone()
}

/// The line under the pay: the band, and where `hourly` falls in it.
pub fn guide_line(context: &DeskContext, guide: Option<&Guide>, hourly: Option<f64>) -> Html {
    let t = |zh, en| context.t(zh, en);
    let Some(guide) = guide else {
        return html! {};
    };
    let Some(b) = guide.bands else {
        let text = format!(
            "{}{}{}{}{}",
            t("本月“", "This month “"),
            guide.scope,
            t(
                "”的工资样本太少（少于",
                "” has too few gigs to give a wage guide (under "
            ),
            PayBands::MIN_SAMPLE,
            t(" 条），无法给出行情。", ").")
        );
        return html! { <p id="pay-guide" class="hint">{ text }</p> };
    };
    let band = format!(
        "{}{}{}¥{:.0}–{:.0}{}¥{:.0}{}{}",
        t("本地行情（本月“", "Local guide (this month, “"),
        guide.scope,
        t("”）：每小时 ", "”): "),
        b.p10,
        b.p90,
        t("，中位 ", " an hour, median "),
        b.p50,
        t("，", ", "),
        format_args!("{} {}", b.count, t("条", "gigs"))
    );
    let (class, verdict) = match hourly.and_then(|h| guide.verdict(h).map(|v| (h, v))) {
        Some((h, Verdict::Below)) => (
            "warn",
            format!(
                "{}¥{h:.1}{}",
                t("您给的工资折合每小时 ", "Your pay is "),
                t(
                    "，低于本地行情，来的人可能少。",
                    " an hour: below the local guide, fewer people may come."
                )
            ),
        ),
        Some((h, Verdict::Above)) => (
            "ok",
            format!(
                "{}¥{h:.1}{}",
                t("折合每小时 ", "Your pay is "),
                t("，高于本地行情。", " an hour: above the local guide.")
            ),
        ),
        Some((h, Verdict::Within)) => (
            "ok",
            format!(
                "{}¥{h:.1}{}",
                t("折合每小时 ", "Your pay is "),
                t("，在本地行情之内。", " an hour: within the local guide.")
            ),
        ),
        None => ("", String::new()),
    };
    html! {
        <div id="pay-guide" aria-live="polite">
            <p class="hint">{ band }</p>
            if !verdict.is_empty() { <p class={classes!("pay-verdict", class)}>{ verdict }</p> }
        </div>
    }
}
