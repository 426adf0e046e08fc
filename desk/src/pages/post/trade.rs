//! The trade field with the normaliser's typeahead: suggestions as the employer types
//! (names, aliases, pinyin and its initials), and the trade the server will read it as.

use linggong_core::{normalize_trade, suggest_trades};
use linggong_ui::form_field::on_input;
use yew::prelude::*;

use crate::app::DeskContext;
use crate::draft::Draft;

/// How many suggestions the list offers.
const SUGGESTIONS: usize = 8;

/// The input, its `<datalist>` (keyboard and screen readers know it) and the reading.
pub fn trade_field(context: &DeskContext, draft: &UseStateHandle<Draft>) -> Html {
    let t = |zh, en| context.t(zh, en);
    let typed = draft.trade.trim();
    let suggestions = suggest_trades(typed, SUGGESTIONS);
    let reading = (!typed.is_empty()).then(|| normalize_trade(typed));
    let said = match reading.as_ref().and_then(|r| r.trade) {
        Some(trade) => {
            format!(
                "{}{}（{}）",
                t("按工种“", "Read as the trade “"),
                trade.name,
                trade.category.name_zh()
            ) + t("”发布", "”")
        }
        None if reading.is_some() => t(
            "没有认出这个工种，请从提示中选一个",
            "Trade not recognised: pick one of the suggestions",
        )
        .to_string(),
        None => String::new(),
    };
    html! {
        <>
            <label for="p-trade">{ t("工种 *（可输入拼音首字母，如 sdg）", "Trade * (pinyin initials work, e.g. sdg)") }</label>
            <input id="p-trade" list="trade-options" autocomplete="off" aria-describedby="trade-reading"
                value={draft.trade.clone()} oninput={on_input(draft, |f, v| f.trade = v)} />
            <datalist id="trade-options">
                { for suggestions.iter().map(|trade| html! { <option value={trade.name.clone()} /> }) }
            </datalist>
            <p id="trade-reading" class="hint" aria-live="polite">{ said }</p>
        </>
    }
}
