//! 市场目录 (staff): the markets and stations the phones' 零工市场 page lists — name, kind,
//! address, position, opening hours, phone and services — added, edited and deleted here
//! (`GET /api/v1/markets`, `PUT` and `DELETE /api/v1/markets/{id}`). The form's text becomes
//! core's `Market` in `crate::market_form`; the server checks it again.

mod form;
mod hours;
mod send;

use linggong_core::{Market, parse_market};
use linggong_ui::format::market_kind_label;
use linggong_ui::i18n::Lang;
use serde_json::Value;
use yew::prelude::*;

use super::post::place::focus;
use crate::api;
use crate::app::DeskContext;
use crate::market_form::{MarketForm, hours_label};

/// The directory as loaded: `None` until the server answered.
type Loaded = Option<Result<Vec<Market>, String>>;

fn load(into: UseStateHandle<Loaded>) {
    wasm_bindgen_futures::spawn_local(async move {
        let list = api::get_json("/api/v1/markets")
            .await
            .map(|body| markets_of(&body));
        into.set(Some(list));
    });
}

/// The markets of `GET /api/v1/markets`, by name.
fn markets_of(body: &Value) -> Vec<Market> {
    let mut list: Vec<Market> = body["markets"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter_map(|v| parse_market(&v.to_string()).ok())
                .collect()
        })
        .unwrap_or_default();
    list.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    list
}

/// The form open: what it starts from, and whether the market is new.
#[derive(Clone, PartialEq)]
pub struct Editing {
    pub form: MarketForm,
    pub new: bool,
}

/// What the form reports to the page.
#[derive(Clone, PartialEq)]
pub enum Done {
    /// Saved: the list is loaded again, the form stays open.
    Saved,
    /// Deleted (its name): the form closes.
    Deleted(String),
    /// Closed without saving (the market's id, to give its 编辑 button focus back).
    Closed(String),
}

/// The hours of a market in a line: `周一至周五 08:30–17:30；周六 09:00–12:00`.
fn hours_line(m: &Market, lang: Lang) -> String {
    if m.hours.is_empty() {
        return lang.pick("未填写", "not given").to_string();
    }
    let rows: Vec<String> = m.hours.iter().map(|a| hours_label(a, lang)).collect();
    rows.join(lang.pick("；", "; "))
}

/// At most this many markets are listed at once (the filter finds the rest).
const SHOWN: usize = 50;

fn entry(context: &DeskContext, m: &Market, edit: Callback<Editing>) -> Html {
    let (lang, t) = (context.lang, |zh, en| context.t(zh, en));
    let open = {
        let form = MarketForm::from_market(m);
        Callback::from(move |_| {
            edit.emit(Editing {
                form: form.clone(),
                new: false,
            })
        })
    };
    html! {
        <li id={format!("market-{}", m.id)}>
            <h3 lang="zh-CN">{ m.name.clone() }</h3>
            <p>{ format!("{} · ", market_kind_label(m.kind, lang)) }<span lang="zh-CN">{ m.address.clone() }</span></p>
            <p>{ t("服务时间：", "Hours: ") }{ hours_line(m, lang) }</p>
            if let Some(phone) = &m.phone { <p>{ t("电话：", "Phone: ") }{ phone.clone() }</p> }
            if !m.services.is_empty() {
                <p>{ t("服务项目：", "Services: ") }<span lang="zh-CN">{ m.services.join("、") }</span></p>
            }
            <button id={format!("edit-{}", m.id)} aria-label={format!("{} {}", t("编辑", "Edit"), m.name)}
                onclick={open}>{ t("编辑", "Edit") }</button>
        </li>
    }
}

#[component]
pub fn DirectoryPage() -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let t = |zh, en| context.t(zh, en);
    let markets = use_state(|| None::<Result<Vec<Market>, String>>);
    let editing = use_state(|| None::<Editing>);
    let said = use_state(String::new);
    let filter = use_state(String::new);
    {
        let markets = markets.clone();
        use_effect_with((), move |_| load(markets));
    }
    let edit = {
        let (editing, said) = (editing.clone(), said.clone());
        Callback::from(move |e: Editing| {
            said.set(String::new());
            editing.set(Some(e));
            focus("m-name"); // a form already open; a new one takes focus when it opens
        })
    };
    let add = {
        let edit = edit.clone();
        Callback::from(move |_| {
            let id = linggong_ui::ids::prefixed_hex::<6>("m-");
            edit.emit(Editing {
                form: MarketForm::new(id),
                new: true,
            });
        })
    };
    let done = {
        let (markets, editing, said, context) = (
            markets.clone(),
            editing.clone(),
            said.clone(),
            context.clone(),
        );
        Callback::from(move |d: Done| {
            match d {
                Done::Saved => {}
                Done::Deleted(name) => {
                    editing.set(None);
                    said.set(format!("{}{name}", context.t("已删除：", "Deleted: ")));
                    focus("market-new");
                }
                Done::Closed(id) => {
                    editing.set(None);
                    focus(&format!("edit-{id}"));
                }
            }
            load(markets.clone());
        })
    };
    let list = match &*markets {
        None => html! { <p role="status">{ t("正在加载…", "Loading…") }</p> },
        Some(Err(e)) => html! { <p role="alert">{ e.clone() }</p> },
        Some(Ok(list)) if list.is_empty() => {
            html! { <p id="markets-empty">{ t("目录里还没有市场或驿站。", "The directory is empty.") }</p> }
        }
        Some(Ok(list)) => {
            let wanted = filter.trim();
            let shown: Vec<&Market> = list
                .iter()
                .filter(|m| {
                    wanted.is_empty() || m.name.contains(wanted) || m.address.contains(wanted)
                })
                .take(SHOWN)
                .collect();
            html! {
                <>
                    <p class="hint" role="status">{ format!("{} {} / {}", t("列出", "Showing"), shown.len(), list.len()) }</p>
                    <ul class="desk-list market-directory" id="markets">
                        { for shown.into_iter().map(|m| entry(&context, m, edit.clone())) }
                    </ul>
                </>
            }
        }
    };
    html! {
        <main id="main">
            <h2>{ t("市场目录", "Market directory") }</h2>
            <p class="hint">{ t("这里的零工市场和驿站，会在下次更新数据后出现在求职者手机的“零工市场”页上。", "The markets and stations here appear on the seekers' “Gig markets” page with the next data update.") }</p>
            <button id="market-new" onclick={add}>{ t("新增市场或驿站", "Add a market or station") }</button>
            <p id="directory-status" role="status">{ (*said).clone() }</p>
            if let Some(e) = &*editing {
                <form::MarketEditor key={e.form.id.clone()} start={e.clone()} {done} />
            }
            <label for="markets-filter">{ t("按名称或地址找", "Find by name or address") }</label>
            <input id="markets-filter" type="search" value={(*filter).clone()}
                oninput={linggong_ui::form_field::on_input(&filter, |f, v| *f = v)} />
            { list }
        </main>
    }
}
