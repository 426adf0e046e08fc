//! What seekers send from the phone's outbox, as storage keeps it: applications (报名) and
//! reports (举报), each under the id the phone made.

use serde::Serialize;

/// Where an application is in its life (DESIGN.md §8): `submitted → offered → confirmed
/// (结果确认) → arrived (到岗) → completed (完工)`, with the side exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// 已投递: the employer has it.
    Submitted,
    /// 已录用，请确认: the employer offers the gig.
    Offered,
    /// 已确认: the seeker confirmed the offer.
    Confirmed,
    /// 已到岗: the seeker arrived.
    Arrived,
    /// 已完工: the work is done.
    Completed,
    /// 未录用: the employer declined.
    Declined,
    /// 已撤回: the seeker withdrew.
    Withdrawn,
    /// 已失效: an offer not confirmed in time.
    Expired,
    /// 未到岗: the seeker did not come.
    NoShow,
    /// 有争议: either side disputes the outcome.
    Disputed,
}

impl ApplicationStatus {
    /// Every status, for parsing.
    pub const ALL: [Self; 10] = [
        Self::Submitted,
        Self::Offered,
        Self::Confirmed,
        Self::Arrived,
        Self::Completed,
        Self::Declined,
        Self::Withdrawn,
        Self::Expired,
        Self::NoShow,
        Self::Disputed,
    ];

    /// As stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Offered => "offered",
            Self::Confirmed => "confirmed",
            Self::Arrived => "arrived",
            Self::Completed => "completed",
            Self::Declined => "declined",
            Self::Withdrawn => "withdrawn",
            Self::Expired => "expired",
            Self::NoShow => "no_show",
            Self::Disputed => "disputed",
        }
    }

    pub(super) fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

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
}

/// An application with where it is in its life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredApplication {
    /// What the phone sent.
    #[serde(flatten)]
    pub application: Application,
    /// Its state.
    pub status: ApplicationStatus,
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

/// Whether an outbox item was new or a resend of one already kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intake {
    /// Kept now.
    New,
    /// Kept before with the same content: the first answer stands.
    Repeat,
}
