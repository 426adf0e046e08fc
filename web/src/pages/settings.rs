//! 设置: large text, language, how fresh the data is, the outbox, clearing the cache.

use yew::prelude::*;

use crate::format::date_time_label;
use crate::i18n::Lang;
use crate::kept::{self, SETTINGS_KEY};
use crate::state::{Action, AppContext, DataLoad, Settings};
use crate::storage::{Shelf, Store};

#[component]
pub fn SettingsPage() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let lang = state.settings.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let message = use_state(|| None::<String>);

    let change = |f: fn(Settings) -> Settings| {
        let state = state.clone();
        Callback::from(move |_| {
            let next = f(state.settings);
            if let Some(store) = state.store.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = kept::save(&store, SETTINGS_KEY, &next).await;
                });
            }
            state.dispatch(Action::SetSettings(next));
        })
    };
    let clear_cache = {
        let (state, message) = (state.clone(), message.clone());
        Callback::from(move |_| {
            let Some(store) = state.store.clone() else {
                return;
            };
            let message = message.clone();
            wasm_bindgen_futures::spawn_local(async move {
                message.set(Some(match store.clear(Shelf::Cache).await {
                    Ok(()) => "已清除缓存的零工数据；登记信息和报名记录保留 (cache cleared; profile and applications kept)".into(),
                    Err(e) => e.to_string(),
                }));
            });
        })
    };
    let freshness = match &state.data {
        DataLoad::Ready(gigs) => format!(
            "{} {}{}",
            t("数据生成于", "Data made"),
            gigs.created_at
                .map(|at| date_time_label(at, lang))
                .unwrap_or_default(),
            if gigs.online {
                t("（已联网核对）", " (checked online)")
            } else {
                t("（离线缓存）", " (offline cache)")
            }
        ),
        _ => t("还没有加载数据", "No data loaded yet").to_string(),
    };
    let storage = match &state.store {
        Some(s) if s.is_persistent() => t(
            "数据保存在本机浏览器（IndexedDB）",
            "Saved in this browser (IndexedDB)",
        ),
        Some(_) => t(
            "本浏览器不能保存数据，关闭后会丢失",
            "This browser cannot keep data",
        ),
        None => "…",
    };
    let s = state.settings;
    html! {
        <main id="main">
            <h1>{ t("设置", "Settings") }</h1>
            <div class="setting">
                <button aria-pressed={s.large_text.to_string()} onclick={change(|s| Settings { large_text: !s.large_text, ..s })}>
                    { t("大字模式", "Large text") }
                </button>
            </div>
            <fieldset class="chips">
                <legend>{ t("语言", "Language") }</legend>
                <button lang="zh-CN" aria-pressed={(s.lang == Lang::Zh).to_string()} onclick={change(|s| Settings { lang: Lang::Zh, ..s })}>{"中文"}</button>
                <button lang="en" aria-pressed={(s.lang == Lang::En).to_string()} onclick={change(|s| Settings { lang: Lang::En, ..s })}>{"English"}</button>
            </fieldset>
            <h2>{ t("数据", "Data") }</h2>
            <p id="freshness">{ freshness }</p>
            <p>{ storage }</p>
            <button onclick={clear_cache}>{ t("清除缓存", "Clear cache") }</button>
            if let Some(m) = &*message { <p role="status">{ m.clone() }</p> }
            <h2>{ t("我的报名", "My applications") }</h2>
            <ul class="outbox" id="outbox">
                { for state.outbox.applications.iter().rev().map(|a| html! {
                    <li>
                        { a.title.clone() }
                        { " · " }
                        { match (&a.report_reason, &a.sent_at) {
                            (Some(r), None) => format!("{}{r}{}", t("举报：", "Report: "), t("，待发送", ", waiting")),
                            (Some(r), Some(_)) => format!("{}{r}{}", t("举报：", "Report: "), t("，已发送", ", sent")),
                            (None, None) => t("待发送（有网络时自动发送）", "waiting (sent when online)").to_string(),
                            (None, Some(at)) => format!("{} {}", t("已发送", "sent"), at
                                .parse()
                                .map_or_else(|_| at.clone(), |at| date_time_label(at, lang))),
                        } }
                    </li>
                }) }
            </ul>
        </main>
    }
}
