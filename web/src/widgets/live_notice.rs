//! What the live feed brought since the list was made: "新增 3 条" in a polite live region,
//! shown when tapped, so the list never moves under a finger. A function, not a component:
//! each Yew component costs the download a few KB.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::offline::Waiting;
use crate::state::{Action, AppContext};

/// The notice for `waiting`; its button shows what came.
pub fn live_notice(state: &AppContext, waiting: &Waiting, lang: Lang) -> Html {
    let text = match (waiting.new, waiting.gone.len()) {
        (0, 0) => String::new(),
        (0, n) => format!(
            "{n} {}",
            lang.pick("条已结束，点此更新", "closed · update the list")
        ),
        (n, _) => format!(
            "{}{n} {}",
            lang.pick("新增 ", ""),
            lang.pick("条零工，点此显示", "new gigs · show them")
        ),
    };
    let state = state.clone();
    let show = Callback::from(move |_| state.dispatch(Action::ShowHeard));
    html! {
        <p class="live" role="status" aria-live="polite">
            if !text.is_empty() { <button id="live-show" onclick={show}>{ text }</button> }
        </p>
    }
}
