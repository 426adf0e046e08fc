//! Registration with the market (求职登记 sent to the market), by the seeker's choice: the
//! profile goes with an explicit consent (and the priority groups only with their own), under
//! an id made on the phone, and is kept in the outbox until the server has it. A change goes
//! with the token the first answer gave; so does the deletion, after which the market keeps
//! only that a registration was (a ledger event naming the random id).

use serde::{Deserialize, Serialize};

use super::outbox_item::Answer;
use crate::data_source::{Network, PostError};

/// Where registrations go.
const REGISTRATIONS_URL: &str = "/api/v1/registrations";

/// The phone's registration with the market.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MarketRegistration {
    /// Made on the phone (a UUID): the registration's name at the market, and what an
    /// application names so the employer sees the applicant ranked.
    pub id: String,
    /// The first body, sent with `POST` until the server answers: a resend after a lost
    /// answer is the same registration, and a change made meanwhile follows with `PUT`.
    first: Option<String>,
    /// The token the first answer gave: changes and deletes it.
    token: Option<String>,
    /// A change that waits to be sent after the first (the new body).
    change: Option<String>,
    /// The seeker deleted it; the deletion waits to be sent.
    deleting: bool,
    /// The status the server refused it with for good (422: a field it cannot take).
    pub refused: Option<u16>,
}

pub use linggong_ui::profile_draft::registration_body;

impl MarketRegistration {
    /// A new registration under `id` with `body` (see [`registration_body`]).
    pub fn new(id: String, body: String) -> Self {
        Self {
            id,
            first: Some(body),
            ..Self::default()
        }
    }

    /// The profile changed: the new body waits to be sent (after the first, which may have
    /// reached the market already; in its place when the market refused the first).
    pub fn change(&mut self, body: String) {
        if self.token.is_none() && self.refused.is_some() {
            self.first = Some(body);
        } else {
            self.change = Some(body);
        }
        self.refused = None;
    }

    /// The seeker deleted it: the deletion waits to be sent.
    pub fn delete(&mut self) {
        self.deleting = true;
        self.refused = None;
    }

    /// Whether the market has it (and no deletion waits): an application may name it.
    pub fn is_registered(&self) -> bool {
        self.token.is_some() && !self.deleting
    }

    /// Whether something waits to be sent.
    pub fn is_waiting(&self) -> bool {
        self.refused.is_none() && (self.token.is_none() || self.change.is_some() || self.deleting)
    }

    /// Whether the deletion waits.
    pub fn is_deleting(&self) -> bool {
        self.deleting
    }

    /// Sends what waits: the first body until a token comes back, then the change or the
    /// deletion with the token. `Ok(true)` when the registration is gone (deleted at the
    /// market); `Err` when the network is down (try again later).
    pub async fn sync(&mut self, net: &impl Network) -> Result<bool, ()> {
        if self.refused.is_some() {
            return Ok(false);
        }
        if self.token.is_none() {
            let first = self.first.clone().unwrap_or_default();
            match net
                .send_json("POST", REGISTRATIONS_URL, Some(&first), None)
                .await
            {
                Ok(text) => {
                    self.token = serde_json::from_str::<Answer>(&text)
                        .ok()
                        .and_then(|a| a.token)
                }
                // Refused: the market has nothing, so a deletion is done.
                Err(PostError::Refused(status)) => {
                    self.refused = Some(status);
                    return Ok(self.is_deleting());
                }
                Err(PostError::Unreachable) => return Err(()),
            }
        }
        let url = format!("{REGISTRATIONS_URL}/{}", self.id);
        let token = self.token.as_deref();
        let sent = if self.deleting {
            net.send_json("DELETE", &url, None, token).await
        } else if let Some(body) = &self.change {
            net.send_json("PUT", &url, Some(body), token).await
        } else {
            return Ok(false);
        };
        match sent {
            // A deletion the market no longer has (404) is done too.
            Ok(_) | Err(PostError::Refused(404)) if self.deleting => Ok(true),
            Ok(_) => {
                self.change = None;
                Ok(false)
            }
            Err(PostError::Refused(status)) => {
                self.refused = Some(status);
                Ok(false)
            }
            Err(PostError::Unreachable) => Err(()),
        }
    }
}
