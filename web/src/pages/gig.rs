//! 零工详情: everything the standards ask a posting to say, how its pay compares locally,
//! and the seeker's actions: call, apply (报名), share, report (举报).

use linggong_core::{Location, Posting, Taxonomy, distance_m, hourly_pay_cny};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::clock::now;
use crate::format::{date_time_label, distance_label, pay_label, schedule_label, trade_label};
use crate::gigs::Gigs;
use crate::offline::{Application, new_id, refusal};
use crate::pages::queue;
use crate::state::{AppContext, DataLoad};
use crate::widgets::MyApplication;

#[derive(Properties, PartialEq)]
pub struct GigPageProps {
    pub id: String,
}

const REPORT_REASONS: [&str; 4] = ["虚假信息", "收取费用", "歧视性要求", "其他问题"];

#[component]
pub fn GigPage(props: &GigPageProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let lang = state.settings.lang;
    let name = use_state(String::new);
    let phone = use_state(String::new);
    let DataLoad::Ready(gigs) = &state.data else {
        return html! { <main id="main"><h1>{ lang.pick("零工详情", "Gig") }</h1><p role="status">{ lang.pick("正在加载…", "Loading…") }</p></main> };
    };
    let Some(p) = gigs.get(&props.id) else {
        return html! { <main id="main"><h1>{ lang.pick("零工详情", "Gig") }</h1><p>{ lang.pick("没有找到这条零工：可能已下架，或未通过合规检查。", "This gig is gone or failed the audit.") }</p></main> };
    };
    let position = p.location.as_ref().and_then(Location::position);
    let distance = match (position, &state.position) {
        (Some(a), Some(me)) => Some(distance_label(distance_m(a, me.point), lang)),
        _ => None,
    };
    let mine = state.outbox.application_for(&p.id);
    let refused = mine.and_then(|a| a.refused);
    let applied = mine.filter(|a| a.refused.is_none());
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);

    let apply = {
        let state = state.clone();
        let (name, phone) = (name.clone(), phone.clone());
        let p = p.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            queue(
                state.clone(),
                Application {
                    id: new_id(),
                    posting_id: p.id.clone(),
                    title: p.title.clone().unwrap_or_else(|| trade_label(&p)),
                    name: (*name).clone(),
                    phone: (*phone).clone(),
                    created_at: now().to_string(),
                    registration: state.outbox.registration_id(),
                    ..Application::default()
                },
            );
        })
    };
    let report = |reason: &'static str| {
        let state = state.clone();
        let p = p.clone();
        Callback::from(move |_| {
            queue(
                state.clone(),
                Application {
                    id: new_id(),
                    posting_id: p.id.clone(),
                    title: p.title.clone().unwrap_or_default(),
                    created_at: now().to_string(),
                    report_reason: Some(reason.to_string()),
                    ..Application::default()
                },
            );
        })
    };
    let input = |handle: &UseStateHandle<String>| {
        let handle = handle.clone();
        Callback::from(move |e: InputEvent| {
            handle.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let employer = p.employer.clone().unwrap_or_default();
    let contact = employer.contact.clone().unwrap_or_default();
    let share_url = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let row = |label: &str, value: String| html! { <><dt>{ label.to_string() }</dt><dd>{ value }</dd></> };

    html! {
        <main id="main" class="gig-detail">
            <h1>{ p.title.clone().unwrap_or_else(|| trade_label(&p)) }</h1>
            <p class="gig-pay big">{ pay_label(&p, lang) }</p>
            <dl class="fields">
                { row(t("工种", "Trade"), trade_label(&p)) }
                { row(t("工作时间", "When"), schedule_label(&p, lang)) }
                if let Some(h) = p.schedule.as_ref().and_then(|s| s.hours_per_day) { { row(t("每天工时", "Hours a day"), format!("{h}{}", t("小时", " h"))) } }
                { row(t("招聘人数", "Headcount"), p.headcount.map(|n| format!("{n}{}", t("人", ""))).unwrap_or_else(|| "—".into())) }
                { row(t("工作地点", "Where"), p.location.as_ref().and_then(|l| l.address.clone()).unwrap_or_else(|| "—".into())) }
                if let Some(d) = distance { { row(t("距离", "Distance"), d) } }
                { row(t("用人单位", "Employer"), format!("{}{}", employer.name.clone().unwrap_or_else(|| "—".into()),
                    if employer.verified { t("（已核验）", " (verified)") } else { t("（未核验）", " (not verified)") })) }
                if let Some(skills) = &p.skills { { row(t("技能要求", "Skills"), skills.join("、")) } }
                if let Some(at) = p.posted_at { { row(t("发布时间", "Posted"), date_time_label(at, lang)) } }
                if let Some(at) = p.valid_through { { row(t("有效期至", "Open until"), date_time_label(at, lang)) } }
            </dl>
            if let Some(content) = &p.content { <p class="content">{ content.clone() }</p> }
            { pay_comparison(&p, gigs, lang) }
            <div class="actions">
                if !contact.is_empty() {
                    <a class="button primary" href={format!("tel:{contact}")}>{ format!("{} {contact}", t("打电话", "Call")) }</a>
                }
                <a class="button" href={share_url.clone()} aria-label={t("分享链接（长按复制）", "Share link (long-press to copy)")}>{ t("分享", "Share") }</a>
            </div>
            <section aria-labelledby="apply-title">
                <h2 id="apply-title">{ t("报名", "Apply") }</h2>
                if let Some(a) = applied {
                    <MyApplication application={a.clone()} />
                } else {
                    if let Some(status) = refused {
                        <p role="alert" id="refused">{ refusal(status, lang) }</p>
                    }
                    <form onsubmit={apply}>
                        <p class="hint">{ t("只会把下面两项发给用人单位，您的位置和登记信息不会发送。", "Only these two fields go to the employer; your location and profile are never sent.") }</p>
                        <label for="apply-name">{ t("怎么称呼您", "Your name") }</label>
                        <input id="apply-name" required=true value={(*name).clone()} oninput={input(&name)} autocomplete="name" />
                        <label for="apply-phone">{ t("手机号", "Phone") }</label>
                        <input id="apply-phone" type="tel" required=true pattern="1[3-9][0-9]{9}" value={(*phone).clone()} oninput={input(&phone)} autocomplete="tel" />
                        <button class="primary" type="submit">{ t("确认报名", "Apply") }</button>
                    </form>
                }
            </section>
            <details class="report">
                <summary>{ t("举报这条信息", "Report this posting") }</summary>
                <p class="hint">{ t("选择原因，市场工作人员会核查。", "Pick a reason; market staff will check it.") }</p>
                { for REPORT_REASONS.iter().map(|r| html! { <button onclick={report(r)}>{ *r }</button> }) }
            </details>
        </main>
    }
}

/// How the pay compares with what the same trade pays in the loaded area.
fn pay_comparison(p: &Posting, gigs: &Gigs, lang: crate::i18n::Lang) -> Html {
    let (Some(hourly), Some(trade)) = (
        hourly_pay_cny(p),
        p.trade
            .as_deref()
            .and_then(|t| Taxonomy::builtin().resolve(t)),
    ) else {
        return html! {};
    };
    let Some(bands) = gigs.trade_pay_bands(&trade.id) else {
        return html! {};
    };
    if !bands.is_representative() {
        // A band of a handful of gigs (`¥26–26`) would mislead: say so instead.
        return html! { <p class="pay-compare" id="pay-compare">{ lang.pick("附近同工种的零工太少，无法比较工资", "Too few gigs of this trade nearby to compare pay") }</p> };
    }
    let percent = (hourly / bands.p50 - 1.0) * 100.0;
    let verdict = if percent >= 5.0 {
        format!(
            "{}{percent:.0}%",
            lang.pick("高于附近同工种中位数 ", "Above the local median by ")
        )
    } else if percent <= -5.0 {
        format!(
            "{}{:.0}%",
            lang.pick("低于附近同工种中位数 ", "Below the local median by "),
            -percent
        )
    } else {
        lang.pick("与附近同工种中位数相当", "About the local median")
            .to_string()
    };
    html! {
        <p class="pay-compare" id="pay-compare">
            { match lang {
                crate::i18n::Lang::Zh => format!("{verdict}（中位数 ¥{:.0}/小时，指导区间 ¥{:.0}–{:.0}）", bands.p50, bands.p10, bands.p90),
                crate::i18n::Lang::En => format!("{verdict} (median ¥{:.0}/hour, guide band ¥{:.0}–{:.0})", bands.p50, bands.p10, bands.p90),
            } }
        </p>
    }
}
