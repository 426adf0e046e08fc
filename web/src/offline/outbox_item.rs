//! One item of the outbox: an application (报名), a report (举报), or a step the seeker took
//! on an application (确认, 撤回), each under an id made on the phone.

use serde::{Deserialize, Serialize};

use crate::data_source::{APPLICATIONS_URL, REPORTS_URL};

/// What the seeker chose to send, and what became of it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Application {
    /// Made on the phone when the seeker tapped (a UUID) and kept with it, so that a resend
    /// after a lost answer is the same item to the server, never a second one.
    #[serde(default)]
    pub id: String,
    /// The posting applied for (or reported).
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
    /// or applied for already, 422 a field it cannot take); said in words by `refusal`.
    #[serde(default)]
    pub refused: Option<u16>,
    /// Set when this is a step (`confirm`, `withdraw`) on an application rather than one.
    #[serde(default)]
    pub step: Option<String>,
    /// With a step: the id of the application it is taken on.
    #[serde(default)]
    pub of: Option<String>,
    /// The application's state as the server last said (`offered`, `confirmed`, …).
    #[serde(default)]
    pub status: Option<String>,
    /// The code to show on arrival, once the employer offered the gig.
    #[serde(default)]
    pub check_in_code: Option<String>,
    /// The seeker's registration with the market, when registered: the employer then sees
    /// the applicant ranked.
    #[serde(default)]
    pub registration: Option<String>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    registration: Option<&'a str>,
}

/// What the server answers with: an application's token and state, and (read back with the
/// token) an offer's check-in code.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Answer {
    pub(super) token: Option<String>,
    pub(super) status: Option<String>,
    pub(super) check_in_code: Option<String>,
}

impl Application {
    /// A step the seeker takes on `application`, under the new outbox id `id`.
    pub fn step_on(application: &Application, step: &str, id: String, now: String) -> Self {
        Self {
            id,
            posting_id: application.posting_id.clone(),
            title: application.title.clone(),
            created_at: now,
            step: Some(step.to_string()),
            of: Some(application.id.clone()),
            ..Self::default()
        }
    }

    /// Whether this is an application (not a report, not a step).
    pub fn is_application(&self) -> bool {
        self.report_reason.is_none() && self.step.is_none()
    }

    /// Where it goes and what is sent.
    pub(super) fn request(&self) -> (String, String) {
        if let (Some(step), Some(of)) = (&self.step, &self.of) {
            // Only the id travels with a step: ids are UUIDs, nothing to escape.
            let body = format!(r#"{{"id":"{}"}}"#, self.id);
            return (format!("{APPLICATIONS_URL}/{of}/{step}"), body);
        }
        let reason = self.report_reason.as_deref();
        let sent = Sent {
            id: &self.id,
            posting_id: &self.posting_id,
            name: reason.is_none().then_some(self.name.as_str()),
            phone: reason.is_none().then_some(self.phone.as_str()),
            reason,
            created_at: &self.created_at,
            registration: self.registration.as_deref(),
        };
        let url = if reason.is_some() {
            REPORTS_URL
        } else {
            APPLICATIONS_URL
        };
        (
            url.to_string(),
            serde_json::to_string(&sent).unwrap_or_default(),
        )
    }

    /// Still to be sent.
    pub fn is_waiting(&self) -> bool {
        self.sent_at.is_none() && self.refused.is_none()
    }
}

pub use linggong_ui::ids::new_id;

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
            report_reason: report_reason.map(str::to_string),
            ..Application::default()
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
    fn a_step_goes_to_its_applications_route_with_only_its_own_id() {
        let step = Application::step_on(
            &application(None),
            "confirm",
            "0f1e2d3c-4b5a-4968-8776-655443322110".into(),
            "2026-11-23T10:00:00+08:00".into(),
        );
        assert!(!step.is_application());
        let (url, body) = step.request();
        assert_eq!(
            url,
            "/api/v1/applications/7d5c1f0e-3b1a-4c2e-9f4d-0a1b2c3d4e5f/confirm"
        );
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"id": "0f1e2d3c-4b5a-4968-8776-655443322110"})
        );
    }
}
