//! The app's pages, one component per file.

mod gig;
mod markets;
mod matches;
mod nearby;
mod not_found;
mod register;
mod settings;

pub use gig::GigPage;
pub use markets::MarketsPage;
pub use matches::MatchesPage;
pub use nearby::NearbyPage;
pub use not_found::NotFound;
pub use register::RegisterPage;
pub use settings::SettingsPage;

use crate::clock::now;
use crate::data_source::HttpNetwork;
use crate::offline::{Application, Outbox};
use crate::state::{Action, AppContext};

/// Tries to send what waits in the outbox; keeps the rest for later.
pub fn send_outbox(state: AppContext) {
    let Some(store) = state.store.clone() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(mut outbox) = Outbox::load(&store, crate::offline::new_id).await else {
            return;
        };
        let sent = outbox.has_waiting() && send_and_save(&store, &mut outbox).await;
        // Then how the applications stand: the employer may have offered meanwhile.
        let heard = outbox.refresh(&HttpNetwork).await > 0;
        if heard {
            let _ = outbox.save(&store).await;
        }
        if sent || heard {
            state.dispatch(Action::SetOutbox(outbox));
        }
    });
}

/// Adds an application (or report) to the outbox, saves it, then tries to send it.
pub fn queue(state: AppContext, application: Application) {
    change_outbox(state, move |outbox| outbox.applications.push(application));
}

/// Changes the outbox (an item added, the registration made, changed or deleted), saves it,
/// then tries to send what waits.
pub fn change_outbox(state: AppContext, change: impl FnOnce(&mut Outbox) + 'static) {
    let Some(store) = state.store.clone() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let mut outbox = match Outbox::load(&store, crate::offline::new_id).await {
            Ok(outbox) => outbox,
            Err(e) => {
                state.dispatch(Action::Notice(Some(e.to_string())));
                return;
            }
        };
        change(&mut outbox);
        if let Err(e) = outbox.save(&store).await {
            // Not saved: it stays in memory, so it can still be sent during this visit.
            state.dispatch(Action::Notice(Some(e.to_string())));
        }
        send_and_save(&store, &mut outbox).await;
        state.dispatch(Action::SetOutbox(outbox));
    });
}

/// Sends what waits; saves and says so when anything changed.
async fn send_and_save(store: &crate::storage::AppStore, outbox: &mut Outbox) -> bool {
    let changed = outbox.send_waiting(&HttpNetwork, &now().to_string()).await > 0;
    if changed {
        let _ = outbox.save(store).await;
    }
    changed
}
