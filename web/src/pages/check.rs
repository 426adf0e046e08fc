//! 发布检查: an employer or staff member fills in a posting and sees the audit as they type.

use linggong_core::{
    AuditContext, Employer, Location, Pay, PayUnit, Posting, Settlement, Severity, audit,
    parse_decimal,
};
use yew::prelude::*;

use crate::clock::now;
use crate::state::AppContext;
use crate::widgets::form_field::{on_input, on_select};

/// The form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
struct Form {
    title: String,
    trade: String,
    content: String,
    amount: String,
    unit: String,
    settlement: String,
    address: String,
    employer: String,
    contact: String,
    headcount: String,
}

impl Form {
    fn posting(&self) -> Posting {
        let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        let unit = match self.unit.as_str() {
            "hour" => Some(PayUnit::Hour),
            "day" => Some(PayUnit::Day),
            "piece" => Some(PayUnit::Piece),
            "month" => Some(PayUnit::Month),
            _ => None,
        };
        let settlement = match self.settlement.as_str() {
            "same_day" => Some(Settlement::SameDay),
            "weekly" => Some(Settlement::Weekly),
            "monthly" => Some(Settlement::Monthly),
            "on_completion" => Some(Settlement::OnCompletion),
            _ => None,
        };
        Posting {
            id: "draft".into(),
            title: some(&self.title),
            trade: some(&self.trade),
            content: some(&self.content),
            location: some(&self.address).map(|a| Location {
                address: Some(a),
                ..Location::default()
            }),
            pay: Some(Pay {
                amount: parse_decimal(&self.amount),
                unit,
                settlement,
            }),
            headcount: self.headcount.trim().parse().ok(),
            employer: Some(Employer {
                name: some(&self.employer),
                contact: some(&self.contact),
                ..Employer::default()
            }),
            ..Posting::default()
        }
    }
}

#[component]
pub fn CheckPage() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let lang = state.settings.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let form = use_state(Form::default);
    let edit = |set: fn(&mut Form, String)| on_input(&form, set);
    let pick = |set: fn(&mut Form, String)| on_select(&form, set);
    let report = audit(&form.posting(), &AuditContext::new().with_now(now()));
    let field = |id: &'static str, label: &str, value: &str, oninput: Callback<InputEvent>| {
        html! {
            <>
                <label for={id}>{ label.to_string() }</label>
                <input id={id} value={value.to_string()} {oninput} />
            </>
        }
    };
    html! {
        <main id="main">
            <h1>{ t("发布检查", "Check a posting") }</h1>
            <p class="hint">{ t("发布前填一遍：缺什么、哪里可能违规，下面马上提示。", "Fill it in before publishing: what is missing or unlawful shows below at once.") }</p>
            <form class="check-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { field("c-title", t("标题", "Title"), &form.title, edit(|f, v| f.title = v)) }
                { field("c-trade", t("工种", "Trade"), &form.trade, edit(|f, v| f.trade = v)) }
                <label for="c-content">{ t("工作内容和要求", "Work and requirements") }</label>
                <textarea id="c-content" rows="4" value={form.content.clone()} oninput={{
                    let form = form.clone();
                    Callback::from(move |e: InputEvent| form.set(Form { content: e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value(), ..(*form).clone() }))
                }} />
                { field("c-amount", t("工资金额（元）", "Pay (yuan)"), &form.amount, edit(|f, v| f.amount = v)) }
                <label for="c-unit">{ t("计薪单位", "Per") }</label>
                <select id="c-unit" onchange={pick(|f, v| f.unit = v)}>
                    <option value="">{"—"}</option><option value="hour">{"小时"}</option><option value="day">{"天"}</option>
                    <option value="piece">{"件"}</option><option value="month">{"月"}</option>
                </select>
                <label for="c-settlement">{ t("结算方式", "Paid") }</label>
                <select id="c-settlement" onchange={pick(|f, v| f.settlement = v)}>
                    <option value="">{"—"}</option><option value="same_day">{"日结"}</option><option value="weekly">{"周结"}</option>
                    <option value="monthly">{"月结"}</option><option value="on_completion">{"完工结"}</option>
                </select>
                { field("c-address", t("工作地点", "Address"), &form.address, edit(|f, v| f.address = v)) }
                { field("c-employer", t("用人单位", "Employer"), &form.employer, edit(|f, v| f.employer = v)) }
                { field("c-contact", t("联系电话", "Contact phone"), &form.contact, edit(|f, v| f.contact = v)) }
                { field("c-headcount", t("招聘人数", "Headcount"), &form.headcount, edit(|f, v| f.headcount = v)) }
            </form>
            <section aria-labelledby="audit-title" aria-live="polite">
                <h2 id="audit-title">{ if report.ok { t("可以发布", "Ready to publish") } else { t("发布前请修改", "Fix before publishing") } }</h2>
                <ul class="findings" id="findings">
                    { for report.findings.iter().map(|f| html! {
                        <li class={if f.severity == Severity::Block { "block" } else { "warn" }}>
                            <strong>{ if f.severity == Severity::Block { t("必须改：", "Must fix: ") } else { t("建议：", "Advice: ") } }</strong>
                            { f.message.clone() }
                            if !f.excerpt.is_empty() { <span class="excerpt">{ format!("（“{}”）", f.excerpt) }</span> }
                        </li>
                    }) }
                </ul>
            </section>
        </main>
    }
}
