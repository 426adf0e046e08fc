//! 台账 (staff): the service ledger's events, browsed by day, kind or subject, a page at a
//! time; whether the ledger is intact and its latest head signed by the market's key (the
//! server runs the same check as `linggong-server ledger verify`); a period as CSV.

use linggong_ui::form_field::on_input;
use linggong_ui::i18n::Lang;
use serde_json::Value;
use yew::prelude::*;

use super::{application_label, status_label};
use crate::api;
use crate::app::DeskContext;

/// Events per page.
const PAGE: usize = 50;

/// What the staff member is looking for.
#[derive(Debug, Clone, PartialEq, Default)]
struct Filter {
    day: String,
    kind: String,
    subject: String,
}

impl Filter {
    fn narrows(&self) -> bool {
        [&self.day, &self.kind, &self.subject]
            .iter()
            .any(|v| !v.trim().is_empty())
    }

    /// The query string for events after `after`.
    fn query(&self, after: i64) -> String {
        let mut q = format!("/api/v1/ledger?after={after}&limit={PAGE}");
        for (key, value) in [
            ("day", &self.day),
            ("kind", &self.kind),
            ("subject", &self.subject),
        ] {
            let value = value.trim();
            if !value.is_empty() {
                q.push_str(&format!("&{key}={}", js_sys::encode_uri_component(value)));
            }
        }
        q
    }
}

/// The events shown, where the next page starts, and what went wrong.
#[derive(Debug, Clone, PartialEq, Default)]
struct Shown {
    events: Vec<Value>,
    cursor: i64,
    more: bool,
    error: Option<String>,
}

fn fetch(filter: Filter, after: i64, shown: UseStateHandle<Shown>) {
    wasm_bindgen_futures::spawn_local(async move {
        let mut next = if after == 0 {
            Shown::default()
        } else {
            (*shown).clone()
        };
        match api::call("GET", &filter.query(after), None).await {
            Ok(a) if a.ok() => {
                let events = a.body["events"].as_array().cloned().unwrap_or_default();
                next.cursor = a.body["cursor"].as_i64().unwrap_or(after);
                // A full page may have more after it; a filtered page may be short and still
                // have matches further on, so it offers more while the cursor moves.
                next.more = next.cursor > after && (events.len() == PAGE || filter.narrows());
                next.events.extend(events);
                next.error = None;
            }
            Ok(a) => next.error = Some(a.error()),
            Err(e) => next.error = Some(e),
        }
        shown.set(next);
    });
}

/// An event's kind as people read it: what it is about, then the state it reached.
fn kind_label(lang: Lang, kind: &str) -> String {
    let (subject, state) = kind.split_once('.').unwrap_or((kind, ""));
    let (what, state) = match subject {
        "posting" => (lang.pick("招工信息", "Posting"), status_label(lang, state)),
        "application" => (
            lang.pick("报名", "Application"),
            application_label(lang, state),
        ),
        "registration" => (lang.pick("求职登记", "Registration"), state),
        "report" => (lang.pick("举报", "Report"), state),
        "market" => (lang.pick("市场目录", "Directory"), state),
        _ => (kind, ""),
    };
    format!("{what} · {state}")
}

fn event_row(lang: Lang, e: &Value) -> Html {
    let entry = &e["entry"];
    let text = |key: &str| entry[key].as_str().unwrap_or_default().to_string();
    let actor = match entry["actor_id"].as_i64() {
        Some(id) => format!("{} #{id}", text("actor")),
        None => text("actor"),
    };
    let detail: Vec<String> = entry["detail"]
        .as_object()
        .map(|d| {
            d.iter()
                .map(|(k, v)| format!("{k}: {}", v.as_str().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    let channel = match entry["channel"].as_str() {
        Some("offline") => lang.pick("线下（代录）", "at the counter"),
        _ => lang.pick("线上", "online"),
    };
    html! {
        <tr>
            <td>{ e["seq"].to_string() }</td>
            <td>{ text("at").replace('T', " ").chars().take(19).collect::<String>() }</td>
            <td title={text("kind")}>{ kind_label(lang, entry["kind"].as_str().unwrap_or_default()) }</td>
            <td class="ledger-subject">{ text("subject") }</td>
            <td>{ actor }</td>
            <td>{ channel }</td>
            <td lang="zh-CN">{ detail.join("；") }</td>
        </tr>
    }
}

/// Whether the ledger verifies, as the server's check says.
fn verdict(context: &DeskContext, answer: &Option<Result<Value, String>>) -> Html {
    let t = |zh, en| context.t(zh, en);
    match answer {
        None => html! { <p role="status">{ t("正在核对台账…", "Checking the ledger…") }</p> },
        Some(Err(e)) => html! { <p role="alert">{ e.clone() }</p> },
        Some(Ok(v)) if v["intact"].as_bool() == Some(true) => {
            let head = &v["head"];
            html! {
                <p class="verdict ok" id="ledger-verdict">
                    { format!("{}{}{}{}{}", t("台账完整：共 ", "Intact: "), v["events"], t(" 条事件；最新签名树头（", " events; the latest head ("), head["size"], t(" 条）已用市场公钥验证，签于 ", " events) verifies with the market's key, signed ")) }
                    { head["at"].as_str().unwrap_or_default().replace('T', " ").chars().take(19).collect::<String>() }
                    <br /><span class="muted">{ format!("{} {}", t("根哈希", "Root"), head["root"].as_str().unwrap_or_default()) }</span>
                </p>
            }
        }
        Some(Ok(v)) => html! {
            <p class="verdict bad" role="alert" id="ledger-verdict">
                { t("台账被改动过：", "The ledger was changed: ") }{ v["problem"].as_str().unwrap_or_default().to_string() }
            </p>
        },
    }
}

#[component]
pub fn LedgerPage() -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let (lang, t) = (context.lang, |zh, en| context.lang.pick(zh, en));
    let filter = use_state(Filter::default);
    let shown = use_state(Shown::default);
    let check = use_state(|| None::<Result<Value, String>>);
    let period = use_state(|| (String::new(), String::new()));
    {
        let (filter, shown, check) = ((*filter).clone(), shown.clone(), check.clone());
        use_effect_with((), move |_| {
            fetch(filter, 0, shown);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = api::get_json("/api/v1/ledger/verify").await;
                check.set(Some(answer));
            });
        });
    }
    let search = {
        let (filter, shown) = (filter.clone(), shown.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            fetch((*filter).clone(), 0, shown.clone());
        })
    };
    let more = {
        let (filter, shown) = (filter.clone(), shown.clone());
        Callback::from(move |_| fetch((*filter).clone(), shown.cursor, shown.clone()))
    };
    let kinds = [
        ("", t("全部", "All")),
        ("posting.", t("招工信息", "Postings")),
        ("application.", t("报名与结果确认", "Applications")),
        ("registration.", t("求职登记", "Registrations")),
        ("report.", t("举报", "Reports")),
        ("market.", t("市场目录", "Directory")),
    ];
    let csv = match (period.0.as_str(), period.1.as_str()) {
        ("", "") => "/api/v1/ledger.csv".to_string(),
        (from, "") => format!("/api/v1/ledger.csv?from={from}&to={from}"),
        ("", to) => format!("/api/v1/ledger.csv?from={to}&to={to}"),
        (from, to) => format!("/api/v1/ledger.csv?from={from}&to={to}"),
    };
    html! {
        <main id="main">
            <h2>{ t("台账", "Service ledger") }</h2>
            { verdict(&context, &check) }
            <form class="desk-form ledger-filter" onsubmit={search}>
                <div class="pair">
                    <div>
                        <label for="l-day">{ t("日期", "Day") }</label>
                        <input id="l-day" type="date" value={filter.day.clone()} oninput={on_input(&filter, |f, v| f.day = v)} />
                    </div>
                    <div>
                        <label for="l-kind">{ t("事件类别", "Kind") }</label>
                        <select id="l-kind" onchange={linggong_ui::form_field::on_select(&filter, |f, v| f.kind = v)}>
                            { for kinds.iter().map(|(v, l)| html! { <option value={*v} selected={filter.kind == *v}>{ *l }</option> }) }
                        </select>
                    </div>
                </div>
                <label for="l-subject">{ t("对象编号（招工信息、报名、举报或市场的编号）", "Subject (a posting, application, report or market id)") }</label>
                <input id="l-subject" value={filter.subject.clone()} oninput={on_input(&filter, |f, v| f.subject = v)} />
                <button class="primary" type="submit">{ t("查找", "Search") }</button>
            </form>
            if let Some(e) = &shown.error { <p role="alert">{ e.clone() }</p> }
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="ledger-caption">
                <table class="ledger" id="ledger-events">
                    <caption id="ledger-caption">{ format!("{} {} {}", t("找到", "Showing"), shown.events.len(), t("条事件", "events")) }</caption>
                    <thead><tr>
                        <th scope="col">{ t("序号", "No.") }</th><th scope="col">{ t("时间", "Time") }</th>
                        <th scope="col">{ t("事件", "Event") }</th><th scope="col">{ t("对象", "Subject") }</th>
                        <th scope="col">{ t("操作人", "By") }</th><th scope="col">{ t("渠道", "Channel") }</th>
                        <th scope="col">{ t("详情", "Detail") }</th>
                    </tr></thead>
                    <tbody>{ for shown.events.iter().map(|e| event_row(lang, e)) }</tbody>
                </table>
            </div>
            if shown.more { <button onclick={more}>{ t("再看 50 条", "50 more") }</button> }
            <h3>{ t("导出一段时间的台账（CSV）", "Export a period (CSV)") }</h3>
            <div class="desk-form pair">
                <div>
                    <label for="l-from">{ t("从", "From") }</label>
                    <input id="l-from" type="date" value={period.0.clone()} oninput={on_input(&period, |p, v| p.0 = v)} />
                </div>
                <div>
                    <label for="l-to">{ t("到", "To") }</label>
                    <input id="l-to" type="date" value={period.1.clone()} oninput={on_input(&period, |p, v| p.1 = v)} />
                </div>
            </div>
            <p><a class="button" id="ledger-csv" href={csv} download="">{ t("下载 CSV", "Download CSV") }</a></p>
        </main>
    }
}
