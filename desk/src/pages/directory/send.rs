//! What the directory's form sends (`PUT` and `DELETE /api/v1/markets/{id}`) and what it
//! says after: saved, or the server's refusal with the input it names.

use linggong_core::Market;
use serde_json::Value;
use yew::prelude::*;

use super::super::mine::encode;
use super::Done;
use super::hours::Focus;
use crate::api;
use crate::app::DeskContext;
use crate::market_form::{MarketForm, input_for_field};

/// What the form last said: saved (`role="status"`), or what is wrong and in which input.
#[derive(Clone, PartialEq, Default)]
pub struct Said {
    pub ok: String,
    pub error: String,
    pub field: Option<String>,
}

impl Said {
    fn refused(
        context: &DeskContext,
        lead: (&'static str, &'static str),
        answer: &api::Answer,
    ) -> Self {
        let field = answer.body["error"]["field"].as_str();
        Self {
            error: format!("{}{}", context.t(lead.0, lead.1), answer.error()),
            field: field.and_then(input_for_field),
            ok: String::new(),
        }
    }
}

/// What a handler needs to talk to the server and report back.
#[derive(Clone)]
pub struct Parts {
    pub context: DeskContext,
    pub form: UseStateHandle<MarketForm>,
    pub new: UseStateHandle<bool>,
    pub said: UseStateHandle<Said>,
    pub focus: Focus,
    pub done: Callback<Done>,
}

impl Parts {
    pub fn tell(&self, said: Said) {
        *self.focus.borrow_mut() = said.field.clone();
        self.said.set(said);
    }

    /// `PUT` the market; the form stays open, no longer new.
    pub fn save(self, market: Market) {
        let body = serde_json::to_value(&market).unwrap_or(Value::Null);
        let path = format!("/api/v1/markets/{}", encode(&market.id));
        wasm_bindgen_futures::spawn_local(async move {
            let t = |zh, en| self.context.t(zh, en);
            match api::call("PUT", &path, Some(&body)).await {
                Ok(a) if a.ok() => {
                    self.new.set(false);
                    self.done.emit(Done::Saved);
                    self.tell(Said {
                        ok: format!("{}{}", t("已保存：", "Saved: "), market.name),
                        ..Said::default()
                    });
                }
                Ok(a) => self.tell(Said::refused(
                    &self.context,
                    ("没有保存：", "Not saved: "),
                    &a,
                )),
                Err(e) => self.tell(Said {
                    error: e,
                    ..Said::default()
                }),
            }
        });
    }

    /// `DELETE` the market; the page closes the form.
    pub fn delete(self) {
        let (id, name) = (self.form.id.clone(), self.form.name.clone());
        let path = format!("/api/v1/markets/{}", encode(&id));
        wasm_bindgen_futures::spawn_local(async move {
            match api::call("DELETE", &path, None).await {
                Ok(a) if a.ok() => self.done.emit(Done::Deleted(name)),
                Ok(a) => self.tell(Said::refused(
                    &self.context,
                    ("没有删除：", "Not deleted: "),
                    &a,
                )),
                Err(e) => self.tell(Said {
                    error: e,
                    ..Said::default()
                }),
            }
        });
    }
}
