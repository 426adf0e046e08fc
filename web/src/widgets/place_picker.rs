//! Where am I: the browser's position (asked for plainly), or a city/district typed in.

use std::rc::Rc;

use linggong_core::{Gazetteer, GeoPoint};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::data_source::HttpNetwork;
use crate::kept::{self, POSITION_KEY};
use crate::offline::load_gazetteer;
use crate::state::{Action, AppContext, Position};

#[component]
pub fn PlacePicker() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let lang = state.settings.lang;
    let gazetteer = use_state(|| None::<Rc<Gazetteer>>);
    let typed = use_state(String::new);
    let message = use_state(|| None::<String>);

    let choose = {
        let state = state.clone();
        Callback::from(move |position: Position| {
            if let Some(store) = state.store.clone() {
                let saved = position.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = kept::save(&store, POSITION_KEY, &saved).await;
                });
            }
            state.dispatch(Action::SetPosition(position));
        })
    };

    let locate = {
        let choose = choose.clone();
        let message = message.clone();
        Callback::from(move |_| {
            message.set(Some(lang.pick("正在定位…", "Locating…").to_string()));
            locate_once(choose.clone(), message.clone(), lang);
        })
    };

    let on_input = {
        let typed = typed.clone();
        let gazetteer = gazetteer.clone();
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            typed.set(input.value());
            if gazetteer.is_none()
                && let Some(store) = state.store.clone()
            {
                let gazetteer = gazetteer.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(g) = load_gazetteer(&store, &HttpNetwork).await {
                        gazetteer.set(Some(Rc::new(g)));
                    }
                });
            }
        })
    };

    let suggestions: Vec<(String, GeoPoint)> = match (&*gazetteer, typed.trim()) {
        (Some(g), text) if !text.is_empty() => g
            .search(text, 8)
            .into_iter()
            .map(|p| (g.full_name(p), p.position))
            .collect(),
        _ => Vec::new(),
    };

    html! {
        <section class="place-picker" aria-labelledby="place-title">
            <h2 id="place-title">{ lang.pick("您在哪里找活？", "Where do you want to work?") }</h2>
            <p class="hint">{ lang.pick(
                "点下面的按钮，手机会问您是否允许使用位置。位置只在本机使用，不会上传。",
                "Tap the button and your phone will ask to share your location. It stays on this phone.") }</p>
            <button class="primary" onclick={locate}>{ lang.pick("使用我的位置", "Use my location") }</button>
            if let Some(m) = &*message { <p role="status">{ m.clone() }</p> }
            <label for="place-input">{ lang.pick("或输入城市、区县名称", "Or type a city or district") }</label>
            <input id="place-input" type="search" autocomplete="off" value={(*typed).clone()}
                oninput={on_input} placeholder={lang.pick("例如：玄武区", "e.g. 玄武区")} />
            <ul class="choices" aria-label={lang.pick("地点候选", "Places")}>
                { for suggestions.into_iter().map(|(name, point)| {
                    let choose = choose.clone();
                    let label = name.clone();
                    html! {
                        <li><button class="choice" onclick={Callback::from(move |_| choose.emit(Position { point, label: Some(label.clone()) }))}>
                            { name }
                        </button></li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// Asks the browser for one position; WGS-84, as the Geolocation API gives it.
fn locate_once(
    choose: Callback<Position>,
    message: UseStateHandle<Option<String>>,
    lang: crate::i18n::Lang,
) {
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        message.set(Some(
            lang.pick(
                "此浏览器不能定位，请输入地点。",
                "This browser cannot locate you; type a place.",
            )
            .to_string(),
        ));
        return;
    };
    let failed = message.clone();
    let on_success = Closure::once_into_js(move |position: JsValue| {
        let coords = js_sys::Reflect::get(&position, &"coords".into()).unwrap_or_default();
        let read = |name: &str| {
            js_sys::Reflect::get(&coords, &name.into())
                .ok()
                .and_then(|v| v.as_f64())
        };
        if let (Some(lat), Some(lng)) = (read("latitude"), read("longitude")) {
            message.set(None);
            choose.emit(Position {
                point: GeoPoint { lat, lng },
                label: None,
            });
        }
    });
    let on_error = Closure::once_into_js(move |_: JsValue| {
        failed.set(Some(
            lang.pick(
                "没有取得位置（可能未允许）。请在下面输入地点。",
                "No position (perhaps not allowed). Type a place below.",
            )
            .to_string(),
        ));
    });
    let options = web_sys::PositionOptions::new();
    options.set_timeout(15_000);
    options.set_maximum_age(600_000);
    let _ = geolocation.get_current_position_with_error_callback_and_options(
        on_success.unchecked_ref(),
        Some(on_error.unchecked_ref()),
        &options,
    );
}
