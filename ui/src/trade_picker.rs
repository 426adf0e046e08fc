//! Trade typeahead: Chinese, pinyin or initials (sdg → 水电工), through the normaliser; the
//! seeker's registration and the staff's 代录 pick trades with it.

use linggong_core::{Trade, suggest_trades};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::Lang;

#[derive(Debug, Properties, PartialEq)]
pub struct TradePickerProps {
    /// The input's id (for its label).
    pub id: AttrValue,
    /// The label text.
    pub label: AttrValue,
    /// Called with the chosen trade.
    pub on_pick: Callback<&'static Trade>,
    /// The interface language (for the placeholder).
    pub lang: Lang,
}

#[component]
pub fn TradePicker(props: &TradePickerProps) -> Html {
    let typed = use_state(String::new);
    let on_input = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            typed.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let suggestions = suggest_trades(typed.trim(), 6);
    let list_id = format!("{}-choices", props.id);
    html! {
        <div class="trade-picker">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="search" autocomplete="off" value={(*typed).clone()}
                oninput={on_input} aria-controls={list_id.clone()}
                placeholder={props.lang.pick("例如：保洁、水电、sdg", "e.g. 保洁, 水电, sdg")} />
            <ul class="choices" id={list_id}>
                { for suggestions.into_iter().map(|trade| {
                    let on_pick = props.on_pick.clone();
                    let typed = typed.clone();
                    html! {
                        <li><button class="choice" onclick={Callback::from(move |_| { typed.set(String::new()); on_pick.emit(trade); })}>
                            { trade.name.clone() }
                        </button></li>
                    }
                }) }
            </ul>
        </div>
    }
}
