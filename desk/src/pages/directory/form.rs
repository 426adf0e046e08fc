//! The directory's form: one market or station, its hours in rows, 保存 (`PUT`) and 删除
//! (`DELETE`) with a second step on the page, 确认删除.

use linggong_core::MarketKind;
use linggong_ui::form_field::{on_input, on_select};
use linggong_ui::format::market_kind_label;
use yew::prelude::*;

use super::super::post::place::{PlaceSearch, focus};
use super::hours::{Focus, hours_fields};
use super::send::{Parts, Said};
use super::{Done, Editing};
use crate::app::DeskContext;
use crate::market_form::MarketForm;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The market to edit, or a new one.
    pub start: Editing,
    /// Told when the market was saved, deleted, or the form closed.
    pub done: Callback<Done>,
}

/// A labelled text input, marked when the last error names it.
fn field(
    id: &'static str,
    label: &str,
    value: &str,
    oninput: Callback<InputEvent>,
    said: &Said,
) -> Html {
    let invalid = (said.field.as_deref() == Some(id)).then_some("true");
    html! {
        <>
            <label for={id}>{ label.to_string() }</label>
            <input {id} value={value.to_string()} {oninput} autocomplete="off"
                aria-invalid={invalid} aria-describedby={invalid.map(|_| "m-error")} />
        </>
    }
}

/// 删除, then 确认删除 or 不删除 (no browser dialog: the question is on the page).
fn delete_buttons(parts: &Parts, confirming: &UseStateHandle<bool>) -> Html {
    let t = |zh, en| parts.context.t(zh, en);
    let ask = |on: bool, then: &'static str| {
        let (confirming, focus) = (confirming.clone(), parts.focus.clone());
        Callback::from(move |_| {
            *focus.borrow_mut() = Some(then.into());
            confirming.set(on);
        })
    };
    if !**confirming {
        return html! { <button type="button" id="m-delete" onclick={ask(true, "m-delete-confirm")}>{ t("删除", "Delete") }</button> };
    }
    let parts = parts.clone();
    html! {
        <div class="delete-confirm">
            <p id="m-delete-question">{ t("删除后，手机上的零工市场页将不再列出它（下次更新数据后）。确定删除吗？", "Once deleted, the seekers' page no longer lists it (from the next data update). Delete it?") }</p>
            <button type="button" id="m-delete-confirm" class="primary" aria-describedby="m-delete-question"
                onclick={Callback::from(move |_| parts.clone().delete())}>{ t("确认删除", "Confirm delete") }</button>
            <button type="button" id="m-delete-cancel" onclick={ask(false, "m-delete")}>{ t("不删除", "Keep it") }</button>
        </div>
    }
}

/// The input to focus after the next render: the name when the form opens, then whatever a
/// handler leaves in it (the input an error names, a row added, the second delete button).
#[hook]
fn use_focus_next() -> Focus {
    let next: Focus = use_mut_ref(|| Some("m-name".to_string()));
    {
        let next = next.clone();
        use_effect(move || {
            if let Some(id) = next.borrow_mut().take() {
                focus(&id);
            }
        });
    }
    next
}

/// The market's own fields: name, kind, address, position, phone and services.
fn fields(parts: &Parts) -> Html {
    let (context, form, said) = (&parts.context, &parts.form, &*parts.said);
    let (lang, t) = (context.lang, |zh, en| context.t(zh, en));
    let on_pick = {
        let form = form.clone();
        Callback::from(move |(lat, lng, _): (f64, f64, String)| {
            form.set(MarketForm {
                lat: format!("{lat:.6}"),
                lng: format!("{lng:.6}"),
                ..(*form).clone()
            });
        })
    };
    let f = &**form;
    let kinds = [
        (MarketKind::Market, "market"),
        (MarketKind::Station, "station"),
    ]
    .map(|(k, value)| {
        html! { <option {value} selected={f.kind == value}>{ market_kind_label(k, lang) }</option> }
    });
    html! {
        <>
            { field("m-name", t("名称 *（如 鼓楼区零工市场）", "Name * (e.g. 鼓楼区零工市场)"), &f.name, on_input(form, |f, v| f.name = v), said) }
            <label for="m-kind">{ t("类型", "Kind") }</label>
            <select id="m-kind" onchange={on_select(form, |f, v| f.kind = v)}>{ for kinds }</select>
            { field("m-address", t("地址 *", "Address *"), &f.address, on_input(form, |f, v| f.address = v), said) }
            <PlaceSearch prefix="m" {on_pick} />
            <div class="pair">
                <div>{ field("m-lat", t("纬度 *", "Latitude *"), &f.lat, on_input(form, |f, v| f.lat = v), said) }</div>
                <div>{ field("m-lng", t("经度 *", "Longitude *"), &f.lng, on_input(form, |f, v| f.lng = v), said) }</div>
            </div>
            <p class="hint">{ t("经纬度按 WGS-84（手机定位给的那种）；按区县名查找给出的是区县中心，请尽量改成门口的位置。", "Positions are WGS-84 (as a phone's GPS gives them); a district search gives its centre: better the door's own position.") }</p>
            { field("m-phone", t("咨询电话", "Phone"), &f.phone, on_input(form, |f, v| f.phone = v), said) }
            { field("m-services", t("服务项目（用、或逗号隔开，如 零工登记、职业指导、技能培训、劳动维权）", "Services (separated by 、 or commas, e.g. 零工登记、职业指导、技能培训、劳动维权)"), &f.services, on_input(form, |f, v| f.services = v), said) }
        </>
    }
}

#[component]
pub fn MarketEditor(props: &EditorProps) -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let (lang, t) = (context.lang, |zh, en| context.t(zh, en));
    let form = use_state(|| props.start.form.clone());
    let new = use_state(|| props.start.new);
    let said = use_state(Said::default);
    let confirming = use_state(|| false);
    let focus_next = use_focus_next();
    let parts = Parts {
        context: context.clone(),
        form: form.clone(),
        new: new.clone(),
        said: said.clone(),
        focus: focus_next.clone(),
        done: props.done.clone(),
    };
    let onsubmit = {
        let parts = parts.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parts.form.market() {
                Ok(market) => parts.clone().save(market),
                Err(error) => parts.tell(Said {
                    error: error.message(lang).to_string(),
                    field: Some(error.field),
                    ok: String::new(),
                }),
            }
        })
    };
    let close = {
        let (done, id) = (props.done.clone(), form.id.clone());
        Callback::from(move |_| done.emit(Done::Closed(id.clone())))
    };
    let title = if *new {
        t("新增市场或驿站", "New market or station")
    } else {
        t("编辑市场或驿站", "Edit market or station")
    };
    html! {
        <section class="market-editor" aria-labelledby="market-form-title">
            <h3 id="market-form-title">{ title }</h3>
            <form id="market-form" class="desk-form" {onsubmit}>
                <p id="m-id" class="hint">{ t("编号：", "Id: ") }{ form.id.clone() }</p>
                { fields(&parts) }
                { hours_fields(&context, &form, &focus_next, said.field.as_deref()) }
                <p id="m-error" role="alert">{ said.error.clone() }</p>
                <p id="m-result" role="status">{ said.ok.clone() }</p>
                <div class="market-actions">
                    <button class="primary" type="submit" id="m-save">{ t("保存", "Save") }</button>
                    if !*new { { delete_buttons(&parts, &confirming) } }
                    <button type="button" id="m-close" onclick={close}>{ t("关闭", "Close") }</button>
                </div>
            </form>
        </section>
    }
}
