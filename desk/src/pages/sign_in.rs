//! 登录 / 注册: employers register themselves; staff accounts are made by the market
//! (`linggong-server staff add`).

use linggong_ui::form_field::on_input;
use serde_json::json;
use yew::prelude::*;

use crate::api;
use crate::app::DeskContext;

#[derive(Debug, Clone, PartialEq, Default)]
struct Form {
    phone: String,
    password: String,
    name: String,
    registering: bool,
}

async fn submit(form: Form, wrong: &'static str) -> Result<(), String> {
    if form.registering {
        let account = json!({"phone": form.phone, "password": form.password, "name": form.name});
        let made = api::call("POST", "/api/v1/accounts", Some(&account)).await?;
        if !made.ok() {
            return Err(made.error());
        }
    }
    let credentials = json!({"phone": form.phone, "password": form.password});
    let session = api::call("POST", "/api/v1/session", Some(&credentials)).await?;
    if session.ok() {
        Ok(())
    } else if session.status == 401 {
        Err(wrong.into())
    } else {
        Err(session.error())
    }
}

#[component]
pub fn SignInPage() -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let t = |zh, en| context.t(zh, en);
    let wrong = t("手机号或密码不对", "Wrong phone number or password");
    let form = use_state(Form::default);
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (form, error, refresh) = (form.clone(), error.clone(), context.refresh.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form, error, refresh) = ((*form).clone(), error.clone(), refresh.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match submit(form, wrong).await {
                    Ok(()) => refresh.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let toggle = {
        let form = form.clone();
        Callback::from(move |_| {
            form.set(Form {
                registering: !form.registering,
                ..(*form).clone()
            })
        })
    };
    let registering = form.registering;
    html! {
        <main id="main">
            <h2>{ if registering { t("注册用工主体账号", "Register as an employer") } else { t("登录工作台", "Sign in to the desk") } }</h2>
            <form class="desk-form" {onsubmit}>
                <label for="phone">{ t("手机号", "Mobile number") }</label>
                <input id="phone" type="tel" required=true pattern="1[3-9][0-9]{9}" autocomplete="username"
                    value={form.phone.clone()} oninput={on_input(&form, |f, v| f.phone = v)} />
                if registering {
                    <label for="name">{ t("单位或个人名称（谁发布谁负责）", "Name of the business or person (who posts answers for it)") }</label>
                    <input id="name" required=true value={form.name.clone()} oninput={on_input(&form, |f, v| f.name = v)} />
                }
                <label for="password">{ if registering { t("密码（至少8位）", "Password (8 characters or more)") } else { t("密码", "Password") } }</label>
                <input id="password" type="password" required=true minlength={if registering { "8" } else { "1" }}
                    autocomplete={if registering { "new-password" } else { "current-password" }}
                    value={form.password.clone()} oninput={on_input(&form, |f, v| f.password = v)} />
                if let Some(e) = &*error { <p role="alert" id="sign-in-error">{ e.clone() }</p> }
                <button class="primary" type="submit">{ if registering { t("注册并登录", "Register and sign in") } else { t("登录", "Sign in") } }</button>
            </form>
            <p><button class="link" onclick={toggle}>{ if registering { t("已有账号？登录", "Have an account? Sign in") } else { t("还没有账号？注册用工主体", "No account? Register as an employer") } }</button></p>
            <p class="hint">{ t("工作人员账号由零工市场开设。", "Staff accounts are made by the market.") }</p>
        </main>
    }
}
