//! The form's opening hours: a fieldset per row (seven day checkboxes, from, to, 删除这段) and
//! 加一段时间 below them.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::DeskContext;
use crate::market_form::{DAY_NAMES, HoursRow, MarketForm};

/// The input to focus after the next render (a row added or removed moves focus with it).
pub type Focus = Rc<RefCell<Option<String>>>;

/// A change to row `row` of `form`, made with what `read` takes from the event.
fn change<E: 'static>(
    form: &UseStateHandle<MarketForm>,
    row: usize,
    read: fn(&E) -> String,
    set: impl Fn(&mut HoursRow, String) + 'static,
) -> Callback<E> {
    let form = form.clone();
    Callback::from(move |e: E| {
        let mut next = (*form).clone();
        if let Some(r) = next.hours.get_mut(row) {
            set(r, read(&e));
        }
        form.set(next);
    })
}

fn typed(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn ticked(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>()
        .checked()
        .to_string()
}

/// One row: which days, from, to.
fn row_fields(
    context: &DeskContext,
    form: &UseStateHandle<MarketForm>,
    focus: &Focus,
    invalid: Option<&str>,
    (i, row): (usize, &HoursRow),
) -> Html {
    let t = |zh, en| context.t(zh, en);
    let marked = |id: &str| (invalid == Some(id)).then_some("true");
    let days = DAY_NAMES.iter().enumerate().map(|(d, (zh, en))| {
        let id = format!("m-day-{i}-{d}");
        let onchange = change(form, i, ticked, move |r, on| r.days[d] = on == "true");
        html! {
            <label class="check" for={id.clone()}>
                <input type="checkbox" id={id.clone()} checked={row.days[d]} {onchange}
                    aria-invalid={marked(&id)} aria-describedby={marked(&id).map(|_| "m-error")} />
                { t(zh, en) }
            </label>
        }
    });
    let time = |which: &str, label: &'static str, value: &str, set: fn(&mut HoursRow, String)| {
        let id = format!("m-{which}-{i}");
        html! {
            <div>
                <label for={id.clone()}>{ label }</label>
                <input id={id.clone()} autocomplete="off"
                    value={value.to_string()} oninput={change(form, i, typed, set)}
                    aria-invalid={marked(&id)} aria-describedby={marked(&id).map(|_| "m-error")} />
            </div>
        }
    };
    let remove = {
        let (form, focus) = (form.clone(), focus.clone());
        Callback::from(move |_| {
            let mut next = (*form).clone();
            next.hours.remove(i);
            *focus.borrow_mut() = Some("m-add-hours".into());
            form.set(next);
        })
    };
    html! {
        <fieldset class="hours-row" id={format!("m-hours-{i}")}>
            <legend>{ format!("{}{}{}", t("第 ", "Hours, row "), i + 1, t(" 段时间", "")) }</legend>
            <div class="days">{ for days }</div>
            <div class="pair">
                { time("from", t("开始（如 08:30）", "Opens (e.g. 08:30)"), &row.from, |r, v| r.from = v) }
                { time("to", t("结束（如 17:30）", "Closes (e.g. 17:30)"), &row.to, |r, v| r.to = v) }
            </div>
            <button type="button" id={format!("m-remove-{i}")} onclick={remove}>{ t("删除这段", "Remove these hours") }</button>
        </fieldset>
    }
}

/// Every row of hours, and the button that adds one.
pub fn hours_fields(
    context: &DeskContext,
    form: &UseStateHandle<MarketForm>,
    focus: &Focus,
    invalid: Option<&str>,
) -> Html {
    let t = |zh, en| context.t(zh, en);
    let add = {
        let (form, focus) = (form.clone(), focus.clone());
        Callback::from(move |_| {
            let mut next = (*form).clone();
            *focus.borrow_mut() = Some(format!("m-day-{}-0", next.hours.len()));
            next.hours.push(HoursRow::default());
            form.set(next);
        })
    };
    html! {
        <section class="market-hours" aria-labelledby="m-hours-title">
            <h4 id="m-hours-title">{ t("服务时间", "Opening hours") }</h4>
            if form.hours.is_empty() {
                <p class="hint">{ t("还没有填写服务时间。", "No opening hours yet.") }</p>
            }
            { for form.hours.iter().enumerate().map(|r| row_fields(context, form, focus, invalid, r)) }
            <button type="button" id="m-add-hours" onclick={add}>{ t("加一段时间", "Add hours") }</button>
        </section>
    }
}
