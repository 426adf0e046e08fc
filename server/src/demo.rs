//! `--demo`: an empty database seeded with the demo data set (the `linggong-demo` crate),
//! one staff and one employer account, so the market can be tried at once.

use linggong_core::Timestamp;
use linggong_demo::{DemoSize, gazetteer, generate};

use crate::MarketConfig;
use crate::api::admission;
use crate::auth::hash_password;
use crate::error::ApiError;
use crate::store::{Actor, ActorRole, MarketStore, NewAccount, Role, StoreError};

/// The demo staff account's phone.
pub const DEMO_STAFF: &str = "13900000001";
/// The demo employer account's phone.
pub const DEMO_EMPLOYER: &str = "13900000002";
/// The password of both demo accounts (printed at start; a demo, never a real market).
pub const DEMO_PASSWORD: &str = "linggong-demo";

/// What seeding did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seeded {
    /// Postings published.
    pub published: usize,
    /// Postings waiting for staff (the audit warned).
    pub pending: usize,
    /// Postings the audit refused (the demo makes some bad on purpose).
    pub refused: usize,
}

/// Seeds an empty database with `postings` demo postings (and a seeker for every seven),
/// made for `now`; does nothing (`None`) when the database holds postings already.
pub async fn seed_demo<S: MarketStore>(
    store: &S,
    postings: usize,
    now: Timestamp,
) -> Result<Option<Seeded>, ApiError> {
    if store.posting_count().await? > 0 {
        return Ok(None);
    }
    let mut employer = None;
    for (phone, name, role) in [
        (DEMO_STAFF, "演示工作人员", Role::Staff),
        (DEMO_EMPLOYER, "演示用工单位", Role::Employer),
    ] {
        let account = NewAccount {
            phone: phone.into(),
            name: name.into(),
            role,
            password_hash: hash_password(DEMO_PASSWORD)?,
            created_at: now,
        };
        let id = match store.create_account(account).await {
            Ok(id) => Some(id),
            Err(StoreError::Conflict(_)) => store.account_by_phone(phone).await?.map(|a| a.id),
            Err(e) => return Err(e.into()),
        };
        if role == Role::Employer {
            employer = id;
        }
    }
    let size = DemoSize {
        postings,
        seekers: postings.div_ceil(7),
        bad_share: 0.08,
    };
    let data = generate(1, size, &gazetteer(), now);
    store.add_markets(&data.markets).await?;
    store.add_seekers(&data.seekers).await?;
    let actor = Actor::online(ActorRole::Employer, employer);
    let mut seeded = Seeded::default();
    let mut admitted = Vec::with_capacity(data.postings.len());
    for p in data.postings {
        match admission(&p, now, MarketConfig::default()) {
            Ok((status, findings)) => {
                if findings.is_empty() {
                    seeded.published += 1
                } else {
                    seeded.pending += 1
                }
                admitted.push((p, status));
            }
            Err(_) => seeded.refused += 1,
        }
    }
    // One transaction: an empty market gets the whole demo or none of it, quickly.
    store
        .insert_postings(&admitted, employer, actor, now)
        .await?;
    Ok(Some(seeded))
}
