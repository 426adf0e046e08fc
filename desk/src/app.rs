//! The desk's shell: who is signed in (asked of the server), and the section shown.

use serde_json::Value;
use yew::prelude::*;

use crate::api;
use crate::draft::Draft;
use crate::pages::{MinePage, PostPage, ReviewPage, SignInPage, WagesPage};

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
    /// 工资行情: the wage guide and 求人倍率.
    Wages,
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
    {
        let me = me.clone();
        use_effect_with((), move |_| load_me(me));
    }
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
    };
    let page = match (&account, *section) {
        (None, _) => html! { <SignInPage /> },
        (Some(_), Section::Post) => html! { <PostPage /> },
        (Some(_), Section::Mine) => html! { <MinePage /> },
        (Some(_), Section::Wages) => html! { <WagesPage /> },
        (Some(me), Section::Review) if me.staff => html! { <ReviewPage /> },
        (Some(_), Section::Review) => html! { <MinePage /> },
    };
    html! {
        <ContextProvider<DeskContext> {context}>
            <header class="desk-header">
                <p><a href="/">{ "← 找零工（求职者页面）" }</a></p>
                <h1>{ "零工市场工作台" }<span class="subtitle" lang="en">{ " Desk" }</span></h1>
                if let Some(me) = &account { { tabs(me, *section, &section) } }
            </header>
            { page }
        </ContextProvider<DeskContext>>
    }
}

fn tabs(me: &Me, current: Section, section: &UseStateHandle<Section>) -> Html {
    let mut sections = vec![
        (Section::Post, "发布招工"),
        (Section::Mine, "我的发布"),
        (Section::Wages, "工资行情"),
    ];
    if me.staff {
        sections.push((Section::Review, "审核"));
    }
    let sign_out = Callback::from(|_| {
        wasm_bindgen_futures::spawn_local(async {
            let _ = api::call("DELETE", "/api/v1/session", None).await;
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
    });
    html! {
        <nav class="desk-tabs" aria-label="工作台">
            { for sections.into_iter().map(|(s, label)| {
                let section = section.clone();
                html! {
                    <button aria-current={(s == current).then_some("page")}
                        onclick={Callback::from(move |_| section.set(s))}>{ label }</button>
                }
            }) }
            <span class="muted">{ format!("{}（{}）", me.name, if me.staff { "工作人员" } else { "用工主体" }) }</span>
            <button class="link" onclick={sign_out}>{ "退出登录" }</button>
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
