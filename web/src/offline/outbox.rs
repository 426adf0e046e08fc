//! Applications (报名) the seeker made, kept on the phone until the server has them.

use serde::{Deserialize, Serialize};

use crate::data_source::{APPLICATIONS_URL, Network, PostError, REPORTS_URL};
use crate::i18n::Lang;
use crate::kept;
use crate::storage::{Store, StoreError};

/// The key of the outbox on the kept shelf.
const OUTBOX_KEY: &str = "outbox";

/// One application (or report): what the seeker chose to send, and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    /// Made on the phone when the seeker applied (a UUID) and kept with it, so that a resend
    /// after a lost answer is the same application to the server, never a second one.
    #[serde(default)]
    pub id: String,
    /// The posting applied for.
    pub posting_id: String,
    /// The posting's title, to list it without the posting.
    pub title: String,
    /// How the seeker wants to be called (称呼).
    pub name: String,
    /// The phone number the employer should call.
    pub phone: String,
    /// When the seeker applied (RFC 3339).
    pub created_at: String,
    /// When the server accepted it; `None` while it waits in the outbox.
    pub sent_at: Option<String>,
    /// Set when this is a 举报 (report of a posting) rather than an application.
    #[serde(default)]
    pub report_reason: Option<String>,
    /// The token the server gave, to read the application's status with.
    #[serde(default)]
    pub token: Option<String>,
    /// The status the server refused it with for good (404 the posting is gone, 409 closed
    /// or applied for already, 422 a field it cannot take); said in words by [`refusal`].
    #[serde(default)]
    pub refused: Option<u16>,
}

/// An application (`name`, `phone`) or a report (`reason`) as the server takes it
/// (DESIGN.md §8).
#[derive(Serialize)]
struct Sent<'a> {
    id: &'a str,
    posting_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    created_at: &'a str,
}

/// What the server answers an application with (a report's answer has no token).
#[derive(Deserialize)]
struct Accepted {
    token: Option<String>,
}

impl Application {
    /// Where it goes and what is sent.
    fn request<'a>(&'a self) -> (&'static str, String) {
        let reason = self.report_reason.as_deref();
        let person = |field: &'a str| reason.is_none().then_some(field);
        let sent = Sent {
            id: &self.id,
            posting_id: &self.posting_id,
            name: person(&self.name),
            phone: person(&self.phone),
            reason,
            created_at: &self.created_at,
        };
        let url = if reason.is_some() {
            REPORTS_URL
        } else {
            APPLICATIONS_URL
        };
        (url, serde_json::to_string(&sent).unwrap_or_default())
    }

    /// Still to be sent.
    pub fn is_waiting(&self) -> bool {
        self.sent_at.is_none() && self.refused.is_none()
    }
}

/// A new id for an outbox item: a random (version 4) UUID from `bytes`.
pub fn outbox_id(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            id.push('-');
        }
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 15)]));
    }
    id
}

/// A new outbox id from the browser's `crypto.getRandomValues` (`Math.random` where a very
/// old WebView has no `crypto`: an id needs to be unique, not secret).
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    outbox_id(bytes)
}

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

/// The outbox: every application, sent or waiting.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Outbox {
    /// Oldest first.
    pub applications: Vec<Application>,
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

    /// Applications not yet sent.
    pub fn waiting(&self) -> usize {
        self.applications.iter().filter(|a| a.is_waiting()).count()
    }

    /// The seeker's latest application for the posting, if any.
    pub fn application_for(&self, posting_id: &str) -> Option<&Application> {
        self.applications
            .iter()
            .rev()
            .find(|a| a.posting_id == posting_id && a.report_reason.is_none())
    }

    /// Sends every waiting item; those the server accepts are marked sent at `now` (with the
    /// token it gave), those it refuses for good are marked refused. Returns how many
    /// changed. Stops at the first unreachable send (the network is likely down).
    pub async fn send_waiting(&mut self, net: &impl Network, now: &str) -> usize {
        let mut changed = 0;
        for item in self.applications.iter_mut().filter(|a| a.is_waiting()) {
            let (url, body) = item.request();
            match net.post_json(url, &body).await {
                Ok(answer) => {
                    item.token = serde_json::from_str::<Accepted>(&answer)
                        .ok()
                        .and_then(|a| a.token);
                    item.sent_at = Some(now.to_string());
                }
                Err(PostError::Refused(why)) => item.refused = Some(why),
                Err(PostError::Unreachable) => break,
            }
            changed += 1;
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn application(report_reason: Option<&str>) -> Application {
        Application {
            id: "7d5c1f0e-3b1a-4c2e-9f4d-0a1b2c3d4e5f".into(),
            posting_id: "nj-1".into(),
            title: "急招水电工".into(),
            name: "王师傅".into(),
            phone: "13800001234".into(),
            created_at: "2026-11-23T09:00:00+08:00".into(),
            sent_at: None,
            report_reason: report_reason.map(str::to_string),
            token: None,
            refused: None,
        }
    }

    #[test]
    fn the_server_receives_the_application_with_its_id_and_without_title_or_sent_time() {
        let (url, body) = application(None).request();
        assert_eq!(url, "/api/v1/applications");
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"id": "7d5c1f0e-3b1a-4c2e-9f4d-0a1b2c3d4e5f", "posting_id": "nj-1",
                "name": "王师傅", "phone": "13800001234", "created_at": "2026-11-23T09:00:00+08:00"})
        );
    }

    #[test]
    fn a_report_goes_to_the_reports_route_with_its_reason_and_no_name_or_phone() {
        let (url, body) = application(Some("收取押金")).request();
        assert_eq!(url, "/api/v1/reports");
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"id": "7d5c1f0e-3b1a-4c2e-9f4d-0a1b2c3d4e5f", "posting_id": "nj-1",
                "reason": "收取押金", "created_at": "2026-11-23T09:00:00+08:00"})
        );
    }

    #[test]
    fn an_outbox_id_is_a_version_4_uuid_in_canonical_text() {
        assert_eq!(outbox_id([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(
            outbox_id([0xff; 16]),
            "ffffffff-ffff-4fff-bfff-ffffffffffff"
        );
        let id = outbox_id(std::array::from_fn(|i| (i * 17) as u8));
        assert_eq!(id, "00112233-4455-4677-8899-aabbccddeeff");
    }

    #[test]
    fn an_outbox_kept_by_an_older_version_reads_with_no_id_token_or_refusal() {
        let old = r#"{"applications": [{"posting_id": "nj-1", "title": "t", "name": "王", "phone": "13800001234",
            "created_at": "2026-11-23T09:00:00+08:00", "sent_at": null}]}"#;
        let outbox: Outbox = serde_json::from_str(old).unwrap();
        let a = &outbox.applications[0];
        assert_eq!((a.id.as_str(), &a.token, &a.refused), ("", &None, &None));
        assert_eq!(outbox.waiting(), 1);
    }
}
