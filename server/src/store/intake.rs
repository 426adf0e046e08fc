//! What seekers send from the phone's outbox, as storage keeps it: applications (报名) and
//! reports (举报), each under the id the phone made.

use linggong_core::{ApplicationStatus, Party, Step, Timestamp};
use serde::Serialize;

use super::Actor;

/// An application as the phone sent it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    /// The id the phone made (a UUID).
    pub id: String,
    /// The posting applied for.
    pub posting_id: String,
    /// How the seeker wants to be called (称呼).
    pub name: String,
    /// The phone number the employer should call.
    pub phone: String,
    /// When the seeker applied, as the phone wrote it (RFC 3339).
    pub created_at: String,
    /// The seeker's registration with the market, when the seeker registered and the phone
    /// names it: for ranking the applicants and the month's figures, never shown.
    #[serde(skip)]
    pub registration_id: Option<String>,
}

/// An application with where it is in its life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredApplication {
    /// What the phone sent.
    #[serde(flatten)]
    pub application: Application,
    /// Its state.
    pub status: ApplicationStatus,
    /// The code the seeker shows on arrival (set with the offer); only the seeker sees it.
    #[serde(skip)]
    pub check_in_code: Option<String>,
}

/// One change of an application's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApplicationEvent {
    /// The state it entered.
    pub status: ApplicationStatus,
    /// Who: `seeker`, `employer`, `staff` or `system`.
    pub actor: String,
    /// `online`, or `offline` when staff recorded it at the counter.
    pub channel: String,
    /// When (RFC 3339).
    pub at: String,
}

/// A 举报: a seeker tells staff that a published posting is false or unlawful.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The id the phone made (a UUID).
    pub id: String,
    /// The posting reported.
    pub posting_id: String,
    /// What is wrong with it, in the seeker's words.
    pub reason: String,
    /// When the seeker reported it, as the phone wrote it (RFC 3339).
    pub created_at: String,
}

/// One step of an application's life to take.
#[derive(Debug, Clone, Copy)]
pub struct StepRequest<'a> {
    /// The application.
    pub application_id: &'a str,
    /// The step.
    pub step: Step,
    /// Who takes it, as core's rules know parties.
    pub party: Party,
    /// Who takes it, as the ledger records actors.
    pub actor: Actor,
    /// The id the phone or desk gave the step (a UUID), so a resend is one step.
    pub step_id: Option<&'a str>,
    /// With an offer: the code the seeker will show on arrival.
    pub check_in_code: Option<&'a str>,
    /// With an offer: the time by which the seeker must confirm.
    pub confirm_by: Option<Timestamp>,
    /// When.
    pub at: Timestamp,
}

/// Whether an outbox item was new or a resend of one already kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intake {
    /// Kept now.
    New,
    /// Kept before with the same content: the first answer stands.
    Repeat,
}
