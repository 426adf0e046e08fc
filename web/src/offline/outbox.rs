//! The outbox: applications (报名), reports (举报) and the seeker's steps on an application
//! (确认, 撤回) and the registration with the market, kept on the phone until the server has
//! them, and what the server last said of each application.

use serde::{Deserialize, Serialize};

use super::outbox_item::Answer;
pub use super::outbox_item::{Application, new_id};
use super::registration::MarketRegistration;
use crate::data_source::{APPLICATIONS_URL, Network, PostError};
use crate::i18n::Lang;
use crate::kept;
use crate::storage::{Store, StoreError};

/// The key of the outbox on the kept shelf.
const OUTBOX_KEY: &str = "outbox";

/// States after which nothing changes any more: not asked about again.
const SETTLED: [&str; 5] = ["completed", "declined", "withdrawn", "expired", "disputed"];

/// Why the server refused an application, for the seeker.
pub fn refusal(status: u16, lang: Lang) -> String {
    let (zh, en) = match status {
        404 => ("这条零工已下架", "This gig has been taken down"),
        409 => (
            "这条零工已不再招人，或这个手机号已报过名",
            "This gig is closed, or this phone number has applied already",
        ),
        422 => (
            "称呼或手机号有误，请改正后重新报名",
            "Check your name and phone number, then apply again",
        ),
        _ => ("报名没有被接收", "The application was not accepted"),
    };
    format!("{}（HTTP {status}）", lang.pick(zh, en))
}

/// Every item, sent or waiting.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Outbox {
    /// Oldest first.
    pub applications: Vec<Application>,
    /// The registration with the market, when the seeker chose to register.
    #[serde(default)]
    pub registration: Option<MarketRegistration>,
}

impl Outbox {
    /// The stored outbox (empty if none). A corrupt outbox is an error, never silently emptied.
    /// Items an older version kept without an id get one, saved before anything is sent.
    pub async fn load(
        store: &impl Store,
        new_id: impl Fn() -> String,
    ) -> Result<Outbox, StoreError> {
        let mut outbox: Outbox = kept::load(store, OUTBOX_KEY).await?.unwrap_or_default();
        let mut given = false;
        for a in outbox.applications.iter_mut().filter(|a| a.id.is_empty()) {
            a.id = new_id();
            given = true;
        }
        if given {
            outbox.save(store).await?;
        }
        Ok(outbox)
    }

    /// Writes the outbox back.
    pub async fn save(&self, store: &impl Store) -> Result<(), StoreError> {
        kept::save(store, OUTBOX_KEY, self).await
    }

    /// Items not yet sent.
    pub fn waiting(&self) -> usize {
        self.applications.iter().filter(|a| a.is_waiting()).count()
    }

    /// Whether anything waits to be sent, the registration included.
    pub fn has_waiting(&self) -> bool {
        self.waiting() > 0 || self.registration.as_ref().is_some_and(|r| r.is_waiting())
    }

    /// The registration's id an application names, while the market has it.
    pub fn registration_id(&self) -> Option<String> {
        let r = self.registration.as_ref()?;
        r.is_registered().then(|| r.id.clone())
    }

    /// The seeker's latest application for the posting, if any.
    pub fn application_for(&self, posting_id: &str) -> Option<&Application> {
        self.applications
            .iter()
            .rev()
            .find(|a| a.posting_id == posting_id && a.is_application())
    }

    /// The step on application `id` that waits to be sent, if any.
    pub fn waiting_step(&self, id: &str) -> Option<&str> {
        self.applications
            .iter()
            .find(|a| a.of.as_deref() == Some(id) && a.is_waiting())
            .and_then(|a| a.step.as_deref())
    }

    fn token_of(&self, id: &str) -> Option<String> {
        self.applications
            .iter()
            .find(|a| a.id == id)
            .and_then(|a| a.token.clone())
    }

    fn note_status(&mut self, id: &str, answer: Answer) -> bool {
        let Some(a) = self.applications.iter_mut().find(|a| a.id == id) else {
            return false;
        };
        let code = answer.check_in_code.or_else(|| a.check_in_code.clone());
        let changed =
            answer.status.is_some() && (a.status != answer.status || a.check_in_code != code);
        if changed {
            a.status = answer.status;
            a.check_in_code = code;
        }
        changed
    }

    /// Sends every waiting item, oldest first; those the server accepts are marked sent at
    /// `now` (an application with the token it gave), those it refuses for good are marked
    /// refused. A step waits until its application has a token. Returns how many changed;
    /// stops at the first unreachable send (the network is likely down).
    pub async fn send_waiting(&mut self, net: &impl Network, now: &str) -> usize {
        let mut changed = 0;
        // The registration first: an application that names it finds it at the market.
        if let Some(r) = self.registration.as_mut().filter(|r| r.is_waiting()) {
            let before = r.clone();
            match r.sync(net).await {
                Ok(true) => self.registration = None,
                Ok(false) => {}
                Err(()) => return 0,
            }
            changed += usize::from(self.registration.as_ref() != Some(&before));
        }
        for i in 0..self.applications.len() {
            let item = &self.applications[i];
            if !item.is_waiting() {
                continue;
            }
            let token = match &item.of {
                Some(of) => match self.token_of(of) {
                    Some(token) => Some(token),
                    None => continue,
                },
                None => None,
            };
            let (url, body) = item.request();
            let answer = match net
                .send_json("POST", &url, Some(&body), token.as_deref())
                .await
            {
                Ok(text) => serde_json::from_str::<Answer>(&text).unwrap_or_default(),
                Err(PostError::Refused(status)) => {
                    self.applications[i].refused = Some(status);
                    changed += 1;
                    continue;
                }
                Err(PostError::Unreachable) => break,
            };
            let item = &mut self.applications[i];
            item.sent_at = Some(now.to_string());
            if item.token.is_none() {
                item.token = answer.token.clone();
            }
            let id = item.of.clone().unwrap_or_else(|| item.id.clone());
            self.note_status(&id, answer);
            changed += 1;
        }
        changed
    }

    /// Asks the server how each sent application stands, by its own token (no account);
    /// returns how many changed. Settled ones are not asked about again.
    pub async fn refresh(&mut self, net: &impl Network) -> usize {
        let mut changed = 0;
        let open: Vec<(String, String)> = self
            .applications
            .iter()
            .filter(|a| !a.status.as_deref().is_some_and(|s| SETTLED.contains(&s)))
            .filter_map(|a| Some((a.id.clone(), a.token.clone()?)))
            .collect();
        for (id, token) in open {
            let url = format!("{APPLICATIONS_URL}/{id}");
            match net.read_with_token(&url, &token).await {
                Ok(text) => {
                    let answer = serde_json::from_str::<Answer>(&text).unwrap_or_default();
                    changed += usize::from(self.note_status(&id, answer));
                }
                Err(PostError::Unreachable) => break,
                Err(PostError::Refused(_)) => {}
            }
        }
        changed
    }
}
