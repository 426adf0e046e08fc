//! The records storage keeps and hands back.

use linggong_core::{Posting, Timestamp};
use serde::Serialize;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 用工主体: posts gigs, sees its own postings.
    Employer,
    /// 工作人员: reviews, takes down, enters postings at the counter.
    Staff,
}

impl Role {
    /// As stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Employer => "employer",
            Self::Staff => "staff",
        }
    }

    pub(super) fn parse(text: &str) -> Option<Self> {
        match text {
            "employer" => Some(Self::Employer),
            "staff" => Some(Self::Staff),
            _ => None,
        }
    }
}

/// An account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Its id.
    pub id: i64,
    /// The sign-in phone number.
    pub phone: String,
    /// The name shown to staff.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// Argon2id PHC string.
    pub password_hash: String,
}

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// The sign-in phone number.
    pub phone: String,
    /// The name shown to staff.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// When.
    pub created_at: Timestamp,
}

/// Where a posting is in its life (DESIGN.md §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PostingStatus {
    /// 审核中: waiting for staff.
    PendingReview,
    /// 已发布: on every phone.
    Published,
    /// 未通过: refused by staff, with a reason.
    Rejected,
    /// 已撤回: withdrawn by its employer.
    Withdrawn,
    /// 已下架: taken down by staff, with a reason.
    TakenDown,
    /// 已招满: every place filled.
    Filled,
    /// 已过期: past `valid_through`.
    Expired,
}

impl PostingStatus {
    /// Every status, for parsing.
    pub const ALL: [Self; 7] = [
        Self::PendingReview,
        Self::Published,
        Self::Rejected,
        Self::Withdrawn,
        Self::TakenDown,
        Self::Filled,
        Self::Expired,
    ];

    /// As stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PendingReview => "pending_review",
            Self::Published => "published",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
            Self::TakenDown => "taken_down",
            Self::Filled => "filled",
            Self::Expired => "expired",
        }
    }

    pub(super) fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Who acted: a role, the account when there is one, and the channel the service went
/// through (the ledger's `actor`, `actor_id` and `channel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// The role acted in.
    pub role: ActorRole,
    /// The account, if any.
    pub account_id: Option<i64>,
    /// Online, or at the market's counter.
    pub channel: Channel,
}

impl Actor {
    /// `role` acting for itself online (the account when there is one).
    pub const fn online(role: ActorRole, account_id: Option<i64>) -> Self {
        Self {
            role,
            account_id,
            channel: Channel::Online,
        }
    }

    /// A staff account entering a posting or a registration at the counter for the person
    /// in front of them (代录).
    pub const fn at_counter(staff_id: i64) -> Self {
        Self {
            role: ActorRole::Staff,
            account_id: Some(staff_id),
            channel: Channel::Offline,
        }
    }
}

/// Where a service was given: online (the seeker's phone, the employer's desk, staff's own
/// work), or offline at the market's counter, where staff enter what the person before them
/// asks for (代录). The standards count the two apart (线上线下).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Online.
    Online,
    /// At the counter.
    Offline,
}

impl Channel {
    /// As written in the ledger.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::Offline => "offline",
        }
    }
}

/// The roles the ledger records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorRole {
    /// A seeker, by the token of an application (no account).
    Seeker,
    /// An employer's account.
    Employer,
    /// A staff account.
    Staff,
    /// The server itself (expiry).
    System,
    /// A bulk import from another platform.
    Import,
}

impl ActorRole {
    /// As stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Seeker => "seeker",
            Self::Employer => "employer",
            Self::Staff => "staff",
            Self::System => "system",
            Self::Import => "import",
        }
    }
}

/// A posting with where it is in its life.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPosting {
    /// The posting, in the interchange format.
    pub posting: Posting,
    /// The account that posted it (none for imports).
    pub owner_id: Option<i64>,
    /// Its state.
    pub status: PostingStatus,
    /// Why it was rejected or taken down.
    pub reason: Option<String>,
}

/// One change of a posting's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostingEvent {
    /// The state it entered.
    pub status: PostingStatus,
    /// Why, when a reason was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who: `employer`, `staff`, `system` or `import`.
    pub actor: String,
    /// When (RFC 3339).
    pub at: String,
}

/// A change of state to make.
#[derive(Debug, Clone, Copy)]
pub struct Transition<'a> {
    /// The posting.
    pub id: &'a str,
    /// The states it may start from.
    pub from: &'a [PostingStatus],
    /// The state it enters.
    pub to: PostingStatus,
    /// Why (rejections and take-downs).
    pub reason: Option<&'a str>,
    /// Who.
    pub actor: Actor,
    /// When.
    pub at: Timestamp,
}

/// The form in which the feed sends a change: its JSON, or the packed text of
/// [`FeedChange::to_packed`](linggong_core::FeedChange::to_packed) (`?form=packed`) for the
/// seeker's app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChangeForm {
    /// `{"op": "upsert", "posting": …}` or `{"op": "remove", "id", "reason"}`.
    #[default]
    Json,
    /// `u:BASE64-TILE` or `r:REASON:ID`.
    Packed,
}

/// What a reader of the feed asks for: each change's form and, when given, the snapshot tiles
/// it follows (a phone follows the tiles it loaded: a change elsewhere is not sent to it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedView {
    /// The form of each change.
    pub form: ChangeForm,
    /// Tile keys (`t61_149`); `None`: every change.
    pub tiles: Option<Vec<String>>,
}

impl FeedView {
    /// Whether a change that touched `tiles` (the feed's comma-separated list) is for this
    /// reader.
    pub fn wants(&self, tiles: &str) -> bool {
        self.tiles
            .as_ref()
            .is_none_or(|mine| tiles.split(',').any(|t| mine.iter().any(|m| m == t)))
    }
}

/// Changes read from the feed: each with its cursor, and the cursor reading reached (past
/// changes a [`FeedView`] left out, so a reader following few tiles still moves on).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedSlice {
    /// Ask after this next.
    pub cursor: i64,
    /// The changes, in commit order, in the view's form.
    pub changes: Vec<(i64, String)>,
}

/// What storing a record under its id did: an import's posting, a market saved to the
/// directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A new posting.
    Added,
    /// Already stored with the same content.
    Unchanged,
    /// Stored before with other content: replaced.
    Replaced,
}

/// Which events a page of the ledger holds (`GET /api/v1/ledger`): those numbered between
/// `after` and `before` that pass every filter given, oldest or newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerQuery {
    /// Only events numbered above this.
    pub after: i64,
    /// Only events numbered below this (none: up to the newest).
    pub before: Option<i64>,
    /// At most this many events.
    pub limit: i64,
    /// Newest first (from `before` down) instead of oldest first.
    pub newest_first: bool,
    /// Only this kind (`posting.published`), or kinds starting with it when it ends in `.`
    /// (`posting.`).
    pub kind: Option<String>,
    /// Only events about this posting, application, report, registration or market.
    pub subject: Option<String>,
    /// Only events whose time falls in `[from, to)`, Unix seconds.
    pub during: Option<(i64, i64)>,
}

/// A page of the ledger and where the next page starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerPage {
    /// The events, in the order asked for.
    pub events: Vec<crate::ledger::StoredEvent>,
    /// The last number examined: ask `after` it next (oldest first) or `before` it (newest
    /// first). Events left out by the filters are passed over, so no page skips one.
    pub cursor: i64,
}
