//! Applications (报名) the seeker made, kept on the phone until the server has them.

use serde::{Deserialize, Serialize};

use crate::data_source::{APPLICATIONS_URL, Network};
use crate::kept;
use crate::storage::{Store, StoreError};

/// The key of the outbox on the kept shelf.
const OUTBOX_KEY: &str = "outbox";

/// One application: what the seeker chose to send to an employer, and whether it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
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
}

/// What the service receives for an application: its fields in camelCase, without the
/// title (the service has the posting) or the sent time.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Sent<'a> {
    posting_id: &'a str,
    name: &'a str,
    phone: &'a str,
    created_at: &'a str,
    report_reason: Option<&'a str>,
}

impl<'a> From<&'a Application> for Sent<'a> {
    fn from(a: &'a Application) -> Self {
        Sent {
            posting_id: &a.posting_id,
            name: &a.name,
            phone: &a.phone,
            created_at: &a.created_at,
            report_reason: a.report_reason.as_deref(),
        }
    }
}

/// The outbox: every application, sent or waiting.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Outbox {
    /// Oldest first.
    pub applications: Vec<Application>,
}

impl Outbox {
    /// The stored outbox (empty if none). A corrupt outbox is an error, never silently emptied.
    pub async fn load(store: &impl Store) -> Result<Outbox, StoreError> {
        Ok(kept::load(store, OUTBOX_KEY).await?.unwrap_or_default())
    }

    /// Writes the outbox back.
    pub async fn save(&self, store: &impl Store) -> Result<(), StoreError> {
        kept::save(store, OUTBOX_KEY, self).await
    }

    /// Applications not yet sent.
    pub fn waiting(&self) -> usize {
        self.applications
            .iter()
            .filter(|a| a.sent_at.is_none())
            .count()
    }

    /// Whether the seeker already applied for the posting.
    pub fn has_applied(&self, posting_id: &str) -> bool {
        self.applications
            .iter()
            .any(|a| a.posting_id == posting_id && a.report_reason.is_none())
    }

    /// Sends every waiting application; those the server accepts are marked sent at `now`.
    /// Returns how many went. Stops at the first failure (the network is likely down).
    pub async fn send_waiting(&mut self, net: &impl Network, now: &str) -> usize {
        let mut sent = 0;
        for application in self.applications.iter_mut().filter(|a| a.sent_at.is_none()) {
            let body = serde_json::to_string(&Sent::from(&*application)).unwrap_or_default();
            if net.post_json(APPLICATIONS_URL, &body).await.is_err() {
                break;
            }
            application.sent_at = Some(now.to_string());
            sent += 1;
        }
        sent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_service_receives_the_application_in_camel_case_without_title_or_sent_time() {
        let application = Application {
            posting_id: "nj-1".into(),
            title: "急招水电工".into(),
            name: "王师傅".into(),
            phone: "13800001234".into(),
            created_at: "2026-11-23T09:00:00+08:00".into(),
            sent_at: None,
            report_reason: None,
        };
        let body: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&Sent::from(&application)).unwrap())
                .unwrap();
        assert_eq!(
            body,
            serde_json::json!({"postingId": "nj-1", "name": "王师傅", "phone": "13800001234",
                "createdAt": "2026-11-23T09:00:00+08:00", "reportReason": null})
        );
    }
}
