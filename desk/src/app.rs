//! The desk's shell: who is signed in (asked of the server), and the section shown.

use linggong_ui::i18n::Lang;
use serde_json::Value;
use yew::prelude::*;

use crate::api;
use crate::draft::Draft;
use crate::pages::{
    CounterPage, DirectoryPage, LedgerPage, MinePage, PostPage, ReviewPage, SignInPage, WagesPage,
};

/// The signed-in account, as `GET /api/v1/session` answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Me {
    pub name: String,
    pub phone: String,
    pub staff: bool,
}

impl Me {
    fn from_answer(body: &Value) -> Option<Self> {
        Some(Self {
            name: body["name"].as_str()?.to_string(),
            phone: body["phone"].as_str()?.to_string(),
            staff: body["role"].as_str()? == "staff",
        })
    }
}

/// The desk's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// 发布招工.
    Post,
    /// 我的发布.
    Mine,
    /// 审核 (staff).
    Review,
    /// 工资行情: the wage guide and 求人倍率 (for staff, the month's report).
    Wages,
    /// 市场目录 (staff): the markets and stations the phones list.
    Directory,
    /// 代录登记 (staff): a seeker's registration entered at the counter.
    Counter,
    /// 台账 (staff): the ledger's events, its signed head, exports.
    Ledger,
}

/// What every page may read and do.
#[derive(Clone, PartialEq)]
pub struct DeskContext {
    /// The account, once the server said who it is.
    pub me: Option<Me>,
    /// Asks the server again who is signed in (after signing in or out).
    pub refresh: Callback<()>,
    /// Shows a section.
    pub show: Callback<Section>,
    /// The posting being written (kept across sections; "post again" fills it).
    pub draft: UseStateHandle<Draft>,
    /// The interface language (Chinese unless the person chose English).
    pub lang: Lang,
    /// Switches the language (kept in the browser for the next visit).
    pub set_lang: Callback<Lang>,
}

impl DeskContext {
    /// The label in the interface language.
    pub fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(zh, en)
    }
}

/// Where the chosen language is kept in the browser.
const LANG_KEY: &str = "linggong-desk-lang";

fn saved_lang() -> Lang {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    if stored.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Zh
    }
}

fn save_lang(lang: Lang) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(LANG_KEY, lang.tag());
    }
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

fn load_me(me: UseStateHandle<Option<Option<Me>>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let answer = api::call("GET", "/api/v1/session", None).await;
        let account = answer
            .ok()
            .filter(api::Answer::ok)
            .and_then(|a| Me::from_answer(&a.body));
        me.set(Some(account));
    });
}

#[component]
pub fn Desk() -> Html {
    // `None` until the server answered; then the account or `None`.
    let me = use_state(|| None::<Option<Me>>);
    let section = use_state(|| Section::Post);
    let draft = use_state(Draft::default);
    let lang = use_state(saved_lang);
    {
        let me = me.clone();
        use_effect_with((), move |_| load_me(me));
    }
    use_effect_with(*lang, |lang| save_lang(*lang));
    let Some(account) = (*me).clone() else {
        return html! { <main id="main"><p role="status">{"正在打开… (Opening)"}</p></main> };
    };
    let context = DeskContext {
        me: account.clone(),
        refresh: {
            let me = me.clone();
            Callback::from(move |()| load_me(me.clone()))
        },
        show: {
            let section = section.clone();
            Callback::from(move |s| section.set(s))
        },
        draft,
        lang: *lang,
        set_lang: {
            let lang = lang.clone();
            Callback::from(move |l| lang.set(l))
        },
    };
    let page = match (&account, *section) {
        (None, _) => html! { <SignInPage /> },
        (Some(_), Section::Post) => html! { <PostPage /> },
        (Some(_), Section::Mine) => html! { <MinePage /> },
        (Some(_), Section::Wages) => html! { <WagesPage /> },
        (Some(me), section) if me.staff => match section {
            Section::Review => html! { <ReviewPage /> },
            Section::Directory => html! { <DirectoryPage /> },
            Section::Counter => html! { <CounterPage /> },
            _ => html! { <LedgerPage /> },
        },
        // Staff sections are not offered to others; the server refuses them anyway.
        (Some(_), _) => html! { <MinePage /> },
    };
    html! {
        <ContextProvider<DeskContext> context={context.clone()}>
            <header class="desk-header">
                <p class="desk-top">
                    <a href="/">{ context.t("← 找零工（求职者页面）", "← Find gigs (seekers' app)") }</a>
                    { lang_switch(&context) }
                </p>
                <h1>{ context.t("零工市场工作台", "Gig market desk") }</h1>
                if let Some(me) = &account { { tabs(&context, me, *section) } }
            </header>
            { page }
        </ContextProvider<DeskContext>>
    }
}

/// The button that switches between Chinese and English, named in the language it offers.
fn lang_switch(context: &DeskContext) -> Html {
    let (next, label, tag) = match context.lang {
        Lang::Zh => (Lang::En, "English", "en"),
        Lang::En => (Lang::Zh, "中文", "zh-CN"),
    };
    let set = context.set_lang.clone();
    html! {
        <button class="link" lang={tag} onclick={Callback::from(move |_| set.emit(next))}>{ label }</button>
    }
}

fn tabs(context: &DeskContext, me: &Me, current: Section) -> Html {
    let t = |zh, en| context.t(zh, en);
    let mut sections = vec![
        (Section::Post, t("发布招工", "Post a gig")),
        (Section::Mine, t("我的发布", "My postings")),
    ];
    if me.staff {
        sections.extend([
            (Section::Review, t("审核", "Review")),
            (Section::Counter, t("代录登记", "Register a seeker")),
            (Section::Directory, t("市场目录", "Directory")),
            (Section::Wages, t("月度报告", "Monthly report")),
            (Section::Ledger, t("台账", "Ledger")),
        ]);
    } else {
        sections.push((Section::Wages, t("工资行情", "Wage guide")));
    }
    let sign_out = Callback::from(|_| {
        wasm_bindgen_futures::spawn_local(async {
            let _ = api::call("DELETE", "/api/v1/session", None).await;
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
    });
    let role = if me.staff {
        t("工作人员", "staff")
    } else {
        t("用工主体", "employer")
    };
    html! {
        <nav class="desk-tabs" aria-label={t("工作台", "Desk")}>
            { for sections.into_iter().map(|(s, label)| {
                let show = context.show.clone();
                html! {
                    <button aria-current={(s == current).then_some("page")}
                        onclick={Callback::from(move |_| show.emit(s))}>{ label }</button>
                }
            }) }
            <span class="muted">{ format!("{}（{role}）", me.name) }</span>
            <button class="link" onclick={sign_out}>{ t("退出登录", "Sign out") }</button>
        </nav>
    }
}

/// Mounts the desk on the page's body; at `/desk/hall`, the hall screen (no sign-in).
pub fn run() {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    if path.trim_end_matches('/').ends_with("/hall") {
        yew::Renderer::<crate::pages::HallScreen>::new().render();
    } else {
        yew::Renderer::<Desk>::new().render();
    }
}
