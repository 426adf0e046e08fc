//! Callbacks that copy what a person typed or picked into a form's state.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// On input, `set` the typed text into a copy of the form and store it.
pub fn on_input<T: Clone + 'static>(
    form: &UseStateHandle<T>,
    set: fn(&mut T, String),
) -> Callback<InputEvent> {
    let form = form.clone();
    Callback::from(move |e: InputEvent| {
        let mut next = (*form).clone();
        set(
            &mut next,
            e.target_unchecked_into::<HtmlInputElement>().value(),
        );
        form.set(next);
    })
}

/// On change of a `<select>`, `set` the chosen value into a copy of the form and store it.
pub fn on_select<T: Clone + 'static>(
    form: &UseStateHandle<T>,
    set: fn(&mut T, String),
) -> Callback<Event> {
    let form = form.clone();
    Callback::from(move |e: Event| {
        let mut next = (*form).clone();
        set(
            &mut next,
            e.target_unchecked_into::<HtmlSelectElement>().value(),
        );
        form.set(next);
    })
}

/// On input in a `<textarea>`, `set` the typed text into a copy of the form and store it.
pub fn on_text<T: Clone + 'static>(
    form: &UseStateHandle<T>,
    set: fn(&mut T, String),
) -> Callback<InputEvent> {
    let form = form.clone();
    Callback::from(move |e: InputEvent| {
        let mut next = (*form).clone();
        set(
            &mut next,
            e.target_unchecked_into::<HtmlTextAreaElement>().value(),
        );
        form.set(next);
    })
}
