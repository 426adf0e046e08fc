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

async fn submit(form: Form) -> Result<(), String> {
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
        Err("手机号或密码不对 (wrong phone number or password)".into())
    } else {
        Err(session.error())
    }
}

#[component]
pub fn SignInPage() -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let form = use_state(Form::default);
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (form, error) = (form.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form, error, refresh) = ((*form).clone(), error.clone(), context.refresh.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match submit(form).await {
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
            <h2>{ if registering { "注册用工主体账号" } else { "登录工作台" } }</h2>
            <form class="desk-form" {onsubmit}>
                <label for="phone">{ "手机号" }</label>
                <input id="phone" type="tel" required=true pattern="1[3-9][0-9]{9}" autocomplete="username"
                    value={form.phone.clone()} oninput={on_input(&form, |f, v| f.phone = v)} />
                if registering {
                    <label for="name">{ "单位或个人名称（谁发布谁负责）" }</label>
                    <input id="name" required=true value={form.name.clone()} oninput={on_input(&form, |f, v| f.name = v)} />
                }
                <label for="password">{ if registering { "密码（至少8位）" } else { "密码" } }</label>
                <input id="password" type="password" required=true minlength={if registering { "8" } else { "1" }}
                    autocomplete={if registering { "new-password" } else { "current-password" }}
                    value={form.password.clone()} oninput={on_input(&form, |f, v| f.password = v)} />
                if let Some(e) = &*error { <p role="alert" id="sign-in-error">{ e.clone() }</p> }
                <button class="primary" type="submit">{ if registering { "注册并登录" } else { "登录" } }</button>
            </form>
            <p><button class="link" onclick={toggle}>{ if registering { "已有账号？登录" } else { "还没有账号？注册用工主体" } }</button></p>
            <p class="hint">{ "工作人员账号由零工市场开设。" }</p>
        </main>
    }
}
