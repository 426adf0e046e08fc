//! One event of the ledger as it is written: a fixed field order and sorted details, so the
//! same event always has the same bytes, and so the same digest.

use std::collections::BTreeMap;

use linggong_core::{Period, Timestamp};
use serde::{Deserialize, Serialize};

use crate::store::Actor;

/// An event about to be appended (its number comes from the ledger when it is).
#[derive(Debug, Clone, PartialEq)]
pub struct EntryDraft {
    /// `posting.published`, `application.offered`, `report.received`, …
    pub kind: String,
    /// The posting, application or report it is about.
    pub subject: String,
    /// Who acted.
    pub actor: Actor,
    /// `online`, or `offline` when staff recorded it at the counter (the actor's channel).
    pub channel: &'static str,
    /// What else it says, without personal data (a reason, a posting id, a seeker hash).
    pub detail: BTreeMap<String, String>,
    /// When.
    pub at: Timestamp,
}

impl EntryDraft {
    /// An event by `actor` about `subject`, through the actor's channel.
    pub fn new(kind: String, subject: &str, actor: Actor, at: Timestamp) -> Self {
        Self {
            kind,
            subject: subject.to_string(),
            actor,
            channel: actor.channel.as_str(),
            detail: BTreeMap::new(),
            at,
        }
    }

    /// Adds a detail.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.detail.insert(key.to_string(), value.into());
        self
    }
}

/// An event as the ledger keeps it: the leaf's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its place in the ledger, from 1, without gaps.
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    /// What happened.
    pub kind: String,
    /// What it is about.
    pub subject: String,
    /// The role that acted.
    pub actor: String,
    /// The account that acted, if any.
    pub actor_id: Option<i64>,
    /// `online` or `offline`.
    pub channel: String,
    /// The rest, sorted by key.
    pub detail: BTreeMap<String, String>,
}

impl Entry {
    /// The draft as the `seq`-th event.
    pub fn numbered(draft: &EntryDraft, seq: i64) -> Self {
        Self {
            seq,
            at: draft.at.to_string(),
            kind: draft.kind.clone(),
            subject: draft.subject.clone(),
            actor: draft.actor.role.as_str().to_string(),
            actor_id: draft.actor.account_id,
            channel: draft.channel.to_string(),
            detail: draft.detail.clone(),
        }
    }

    /// The bytes the leaf is made of: this JSON, fields in this order, details sorted.
    pub fn text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether it happened in `period` (any time when `None`).
    pub fn within(&self, period: Option<&Period>) -> bool {
        match period {
            None => true,
            Some(p) => self.at.parse::<Timestamp>().is_ok_and(|t| p.contains(t)),
        }
    }

    /// The header of [`Entry::csv_row`].
    pub const CSV_HEADER: &'static str = "seq,at,kind,subject,actor,actor_id,channel,detail\n";

    /// One line of the ledger's CSV export (RFC 4180 quoting; `detail` as JSON).
    pub fn csv_row(&self) -> String {
        let field = |text: &str| {
            if text.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", text.replace('"', "\"\""))
            } else {
                text.to_string()
            }
        };
        let detail = serde_json::to_string(&self.detail).unwrap_or_default();
        let actor_id = self.actor_id.map(|id| id.to_string()).unwrap_or_default();
        format!(
            "{},{},{},{},{},{},{},{}\n",
            self.seq,
            field(&self.at),
            field(&self.kind),
            field(&self.subject),
            field(&self.actor),
            actor_id,
            field(&self.channel),
            field(&detail)
        )
    }
}

/// How a seeker appears in the ledger: the salted BLAKE2s digest of the phone number. The
/// salt is the server's (kept in the database), so the ledger alone names nobody, and the
/// same seeker has the same hash in every event.
pub fn seeker_hash(salt: &[u8; 32], phone: &str) -> String {
    crate::auth::keyed_digest(salt, phone)
}

/// How an employer entered at the counter (代录, without an account) appears in the ledger:
/// the salted BLAKE2s digest of its name (or contact) as written on the posting, kept apart
/// from seekers' hashes, so the month's figures count the employers the counter served
/// without the ledger naming a person who hires in their own name.
pub fn employer_hash(salt: &[u8; 32], name: &str) -> String {
    crate::auth::keyed_digest(salt, &format!("employer\n{}", name.trim()))
}

/// The ledger's events of `period` as CSV, for staff (`linggong-server ledger export`).
pub fn export_csv(events: &[Entry], period: Option<&Period>) -> String {
    let rows = events
        .iter()
        .filter(|e| e.within(period))
        .map(Entry::csv_row);
    std::iter::once(Entry::CSV_HEADER.to_string())
        .chain(rows)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ActorRole;

    #[test]
    fn an_event_has_one_text_whatever_order_its_details_came_in() {
        let at: Timestamp = "2026-11-23T09:00:00+08:00".parse().unwrap();
        let staff = Actor::online(ActorRole::Staff, Some(7));
        let a = EntryDraft::new("posting.taken_down".into(), "p1", staff, at)
            .with("reason", "虚假信息")
            .with("by", "review");
        let b = EntryDraft::new("posting.taken_down".into(), "p1", staff, at)
            .with("by", "review")
            .with("reason", "虚假信息");
        let text = Entry::numbered(&a, 3).text();
        assert_eq!(text, Entry::numbered(&b, 3).text());
        assert_eq!(
            text,
            r#"{"seq":3,"at":"2026-11-23T09:00:00+08:00","kind":"posting.taken_down","subject":"p1","actor":"staff","actor_id":7,"channel":"online","detail":{"by":"review","reason":"虚假信息"}}"#
        );
    }

    #[test]
    fn a_csv_row_quotes_what_needs_quoting() {
        let at: Timestamp = "2026-11-23T09:00:00+08:00".parse().unwrap();
        let staff = Actor::online(ActorRole::Staff, Some(7));
        let draft = EntryDraft::new("posting.taken_down".into(), "p,1", staff, at)
            .with("reason", "写着\"押金\"");
        let want = r##"3,2026-11-23T09:00:00+08:00,posting.taken_down,"p,1",staff,7,online,"{""reason"":""写着\""押金\""""}""##;
        assert_eq!(Entry::numbered(&draft, 3).csv_row(), format!("{want}\n"));
    }

    #[test]
    fn a_seeker_hash_is_the_same_for_one_phone_and_names_nobody() {
        let salt = [7u8; 32];
        let h = seeker_hash(&salt, "13800001234");
        assert_eq!(h, seeker_hash(&salt, "13800001234"));
        assert_ne!(h, seeker_hash(&salt, "13800001235"));
        assert_ne!(h, seeker_hash(&[8u8; 32], "13800001234"));
        assert!(!h.contains("1380"));
        assert_ne!(h, employer_hash(&salt, "13800001234"), "kept apart");
        assert_eq!(
            employer_hash(&salt, " 某物业 "),
            employer_hash(&salt, "某物业")
        );
    }
}
