//! 求职登记: the seeker's profile. It stays on this phone; export and import move it.

use linggong_core::{PayUnit, PriorityGroup, parse_decimal, parse_seeker};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::format::priority_label;
use crate::kept::{self, PROFILE_KEY};
use crate::state::{Action, AppContext};
use crate::widgets::{MarketRegistrationForm, TradePicker};
use linggong_ui::form_field::on_input;
use linggong_ui::profile_draft::{Draft, unknown_trades};
use linggong_ui::week::DAY_NAMES;

#[component]
pub fn RegisterPage() -> Html {
    let state = use_context::<AppContext>().expect("AppContext");
    let lang = state.settings.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let draft = use_state(|| {
        state
            .profile
            .as_ref()
            .map(Draft::from_profile)
            .unwrap_or_default()
    });
    let message = use_state(|| None::<String>);
    // A profile restored after this page opened fills the form.
    {
        let draft = draft.clone();
        use_effect_with(state.profile.clone(), move |p| {
            if let Some(p) = p {
                draft.set(Draft::from_profile(p));
            }
        });
    }

    let edit = |set: fn(&mut Draft, String)| on_input(&draft, set);
    let add_trade = {
        let draft = draft.clone();
        Callback::from(move |trade: &'static linggong_core::Trade| {
            let mut next = (*draft).clone();
            if !next.trades.contains(&trade.name) {
                next.trades.push(trade.name.clone());
            }
            draft.set(next);
        })
    };
    let save = {
        let (state, draft, message) = (state.clone(), draft.clone(), message.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match draft.to_profile() {
                Err(why) => message.set(Some(why)),
                Ok(profile) => {
                    let (state, message) = (state.clone(), message.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let saved = match &state.store {
                            Some(store) => kept::save(store, PROFILE_KEY, &profile)
                                .await
                                .map_err(|e| e.to_string()),
                            None => Err("存储未就绪 (storage not ready)".into()),
                        };
                        message.set(Some(match saved {
                            Ok(()) => lang.pick("已保存在本机", "Saved on this phone").to_string(),
                            Err(e) => e,
                        }));
                        state.dispatch(Action::SetProfile(Some(profile)));
                    });
                }
            }
        })
    };
    let import = {
        let (draft, message) = (draft.clone(), message.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let (draft, message) = (draft.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                    .unwrap_or_default();
                match parse_seeker(&text) {
                    Ok(p) => {
                        let unknown = unknown_trades(&p);
                        draft.set(Draft::from_profile(&p));
                        message.set(Some(if unknown.is_empty() {
                            "已导入，请检查后点保存 (imported; check and save)".into()
                        } else {
                            format!(
                                "已导入；这些工种认不出：{} (unknown trades)",
                                unknown.join("、")
                            )
                        }));
                    }
                    Err(e) => message.set(Some(format!("文件不对，未导入：{e} (not imported)"))),
                }
            });
        })
    };
    let export_href = state.profile.as_ref().map(|p| {
        // Indented by the browser's JSON, so serde_json's pretty printer stays out of the wasm.
        let compact = serde_json::to_string(p).unwrap_or_default();
        let json = js_sys::JSON::parse(&compact)
            .and_then(|v| {
                js_sys::JSON::stringify_with_replacer_and_space(
                    &v,
                    &JsValue::NULL,
                    &JsValue::from(2),
                )
            })
            .map(String::from)
            .unwrap_or(compact);
        format!(
            "data:application/json;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(&json))
        )
    });
    let use_here = {
        let (state, draft) = (state.clone(), draft.clone());
        Callback::from(move |_| {
            if let Some(p) = &state.position {
                draft.set(Draft {
                    home: Some((p.point, p.name(lang))),
                    ..(*draft).clone()
                });
            }
        })
    };
    let d = (*draft).clone();

    html! {
        <main id="main">
            <h1>{ t("求职登记", "My profile") }</h1>
            <p class="hint">{ t("登记信息保存在这部手机上，用来为您推荐合适的零工；只有您在下面选择向零工市场登记时才会发出。",
                "Your profile stays on this phone to suggest gigs; it is sent only if you choose to register with the market below.") }</p>
            <form onsubmit={save} class="profile-form">
                <fieldset>
                    <legend>{ t("会做的工种", "Trades") }</legend>
                    <ul class="picked-list" aria-label={t("已选工种", "Chosen trades")}>
                        { for d.trades.iter().enumerate().map(|(i, name)| {
                            let draft = draft.clone();
                            html! { <li>{ name.clone() }
                                <button type="button" aria-label={format!("{} {name}", t("删除", "Remove"))}
                                    onclick={Callback::from(move |_| { let mut n = (*draft).clone(); n.trades.remove(i); draft.set(n); })}>{"×"}</button></li> }
                        }) }
                    </ul>
                    <TradePicker id="profile-trade" label={t("添加工种", "Add a trade")} on_pick={add_trade} {lang} />
                </fieldset>
                <label for="skills">{ t("技能、证书（用逗号分开）", "Skills, certificates (comma-separated)") }</label>
                <input id="skills" value={d.skills.clone()} oninput={edit(|d, v| d.skills = v)} />
                <fieldset>
                    <legend>{ t("哪几天能上工", "Days you can work") }</legend>
                    { for (0..7).map(|i| {
                        let draft = draft.clone();
                        html! { <label class="check"><input type="checkbox" checked={d.days[i]}
                            onchange={Callback::from(move |_| { let mut n = (*draft).clone(); n.days[i] = !n.days[i]; draft.set(n); })} />
                            { t(DAY_NAMES[i].0, DAY_NAMES[i].1) }</label> }
                    }) }
                    <label for="from">{ t("从", "From") }</label>
                    <input id="from" type="time" value={d.from.clone()} oninput={edit(|d, v| d.from = v)} />
                    <label for="to">{ t("到", "To") }</label>
                    <input id="to" type="time" value={d.to.clone()} oninput={edit(|d, v| d.to = v)} />
                </fieldset>
                <label for="min-pay">{ t("最低工资（元，可不填）", "Minimum pay (yuan, optional)") }</label>
                <div class="row">
                    <input id="min-pay" inputmode="decimal" value={d.min_pay.clone()} oninput={edit(|d, v| d.min_pay = v)} />
                    <select aria-label={t("最低工资单位", "Minimum pay unit")} onchange={{
                        let draft = draft.clone();
                        Callback::from(move |e: Event| {
                            let unit = match e.target_unchecked_into::<HtmlSelectElement>().value().as_str() {
                                "hour" => PayUnit::Hour, "month" => PayUnit::Month, _ => PayUnit::Day };
                            draft.set(Draft { min_pay_unit: unit, ..(*draft).clone() });
                        })
                    }}>
                        <option value="day" selected={d.min_pay_unit == PayUnit::Day}>{"元/天"}</option>
                        <option value="hour" selected={d.min_pay_unit == PayUnit::Hour}>{"元/小时"}</option>
                        <option value="month" selected={d.min_pay_unit == PayUnit::Month}>{"元/月"}</option>
                    </select>
                </div>
                <fieldset>
                    <legend>{ t("住在哪里", "Home area") }</legend>
                    <p>{ d.home.as_ref().map(|(_, n)| n.clone()).unwrap_or_else(|| t("未填", "Not set").into()) }</p>
                    <button type="button" onclick={use_here} disabled={state.position.is_none()}>{ t("用当前找活的位置", "Use my search location") }</button>
                    <label for="max-distance">{ t("最远去多远（公里）", "Furthest you will travel (km)") }</label>
                    <input id="max-distance" type="number" min="1" max="100" value={format!("{}", d.max_distance_km)}
                        oninput={{ let draft = draft.clone(); Callback::from(move |e: InputEvent| {
                            if let Some(km) = parse_decimal(&e.target_unchecked_into::<HtmlInputElement>().value()) {
                                draft.set(Draft { max_distance_km: km.clamp(1.0, 100.0), ..(*draft).clone() });
                            }
                        }) }} />
                </fieldset>
                <fieldset>
                    <legend>{ t("就业援助（可不选）", "Employment help (optional)") }</legend>
                    <p class="hint">{ t(
                        "如果您属于下面的人群，可以勾选。勾选后，为您推荐零工时每类加 5 分、最多加 10 分（满分 100 分），让合适的零工排得更靠前。只有您在下面另外同意时才发给零工市场；用人单位只看到“优先帮扶”加分，看不到是哪一类。",
                        "If you belong to a group below you may tick it: recommendations then add 5 points per group, at most 10 (of 100), so fitting gigs rank higher for you. It goes to the market only if you agree below; employers see only the priority points, never which group.") }</p>
                    { for PriorityGroup::ALL.iter().map(|g| {
                        let (draft, g) = (draft.clone(), *g);
                        html! { <label class="check"><input type="checkbox" checked={d.priority.contains(&g)}
                            onchange={Callback::from(move |_| {
                                let mut n = (*draft).clone();
                                if let Some(i) = n.priority.iter().position(|x| *x == g) { n.priority.remove(i); } else { n.priority.push(g); }
                                draft.set(n);
                            })} />{ priority_label(g, lang) }</label> }
                    }) }
                </fieldset>
                <button class="primary" type="submit">{ t("保存", "Save") }</button>
                if let Some(m) = &*message { <p role="status" id="profile-message">{ m.clone() }</p> }
            </form>
            <MarketRegistrationForm />
            <section class="transfer" aria-labelledby="transfer-title">
                <h2 id="transfer-title">{ t("换手机时", "Moving to another phone") }</h2>
                if let Some(href) = export_href {
                    <a class="button" download="linggong-profile.json" href={href}>{ t("导出登记信息", "Export profile") }</a>
                }
                <label for="import">{ t("导入登记信息（JSON 文件）", "Import a profile (JSON file)") }</label>
                <input id="import" type="file" accept="application/json,.json" onchange={import} />
            </section>
        </main>
    }
}
