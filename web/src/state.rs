//! The app's state, apart from its views: a reducer and the actions that change it.

use std::rc::Rc;

use linggong_core::{GeoPoint, SeekerProfile};
use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::gigs::Gigs;
use crate::i18n::Lang;
use crate::offline::{Journal, Outbox};
use crate::storage::AppStore;

/// The seeker's preferences, kept on the phone.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Settings {
    /// 大字模式: larger text and targets.
    pub large_text: bool,
    /// Interface language.
    pub lang: Lang,
}

/// Where the seeker is searching from; kept on the phone, never sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// WGS-84.
    pub point: GeoPoint,
    /// The district picked, or `None` for the phone's own location (named in the reader's
    /// language). A position kept before this field became optional reads as its text.
    pub label: Option<String>,
}

impl Position {
    /// What to call it: the district, or 我的位置 / My location.
    pub fn name(&self, lang: Lang) -> String {
        self.label
            .clone()
            .unwrap_or_else(|| lang.pick("我的位置", "My location").to_string())
    }
}

/// The snapshot as loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum DataLoad {
    /// No position yet, so nothing to load.
    Idle,
    /// Loading around the position.
    Loading,
    /// Ready to search.
    Ready(Rc<Gigs>),
    /// Nothing could be loaded (offline with no cache, …).
    Failed(String),
}

/// Everything the pages read.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// `None` until storage has opened.
    pub store: Option<AppStore>,
    /// Whether the kept data has been read back (pages wait for it before asking for a place).
    pub restored: bool,
    /// Where the seeker searches from.
    pub position: Option<Position>,
    /// The gigs around the position.
    pub data: DataLoad,
    /// The seeker's registration.
    pub profile: Option<SeekerProfile>,
    /// Preferences.
    pub settings: Settings,
    /// Applications and reports, sent or waiting.
    pub outbox: Outbox,
    /// A message for the seeker (saved, could not save, …).
    pub notice: Option<String>,
    /// Whether the browser says it is online.
    pub online: bool,
    /// The changes heard from the market's live feed since the gigs' snapshot.
    pub journal: Rc<Journal>,
    /// Bumped to load the snapshot again (the market's data was restored).
    pub reloads: u32,
}

impl Default for AppState {
    fn default() -> Self {
        Self {
            store: None,
            restored: false,
            position: None,
            data: DataLoad::Idle,
            profile: None,
            settings: Settings::default(),
            outbox: Outbox::default(),
            notice: None,
            online: true,
            journal: Rc::default(),
            reloads: 0,
        }
    }
}

impl PartialEq for AppStore {
    fn eq(&self, other: &Self) -> bool {
        self.is_persistent() == other.is_persistent()
    }
}

/// What can happen to the state.
#[derive(Debug, Clone)]
pub enum Action {
    /// Storage opened and kept data read back.
    Restored {
        /// The store.
        store: AppStore,
        /// Last position.
        position: Option<Position>,
        /// Registration.
        profile: Option<SeekerProfile>,
        /// Preferences.
        settings: Settings,
        /// Outbox (boxed: it is the largest part, and the other actions are small).
        outbox: Box<Outbox>,
        /// A problem reading them back.
        notice: Option<String>,
    },
    /// The seeker chose where to search from.
    SetPosition(Position),
    /// Loading started.
    Loading,
    /// Loading ended: the gigs, and the journal of the live feed they follow.
    Loaded(Result<(Rc<Gigs>, Journal), String>),
    /// Changes heard from the live feed: the cursor after them, and each packed.
    Heard(String, Vec<String>),
    /// The seeker asked to see what was heard (新增 N 条).
    ShowHeard,
    /// Load the snapshot again.
    Reload,
    /// The registration changed.
    SetProfile(Option<SeekerProfile>),
    /// Preferences changed.
    SetSettings(Settings),
    /// The outbox changed.
    SetOutbox(Outbox),
    /// Show (or clear) a message.
    Notice(Option<String>),
    /// The browser went on- or offline.
    SetOnline(bool),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Restored {
                store,
                position,
                profile,
                settings,
                outbox,
                notice,
            } => {
                next.store = Some(store);
                next.restored = true;
                next.position = position;
                next.profile = profile;
                next.settings = settings;
                next.outbox = *outbox;
                next.notice = notice;
            }
            Action::SetPosition(p) => next.position = Some(p),
            Action::Loading => next.data = DataLoad::Loading,
            Action::Loaded(Ok((gigs, journal))) => {
                next.data = DataLoad::Ready(gigs);
                next.journal = Rc::new(journal);
            }
            Action::Heard(cursor, packed) => {
                Rc::make_mut(&mut next.journal).hear(&cursor, packed);
                // Nothing on the list yet: nothing can move under a finger.
                if matches!(&next.data, DataLoad::Ready(g) if g.len() == 0) {
                    next.show_heard();
                }
            }
            Action::ShowHeard => next.show_heard(),
            Action::Reload => next.reloads = next.reloads.wrapping_add(1),
            Action::Loaded(Err(e)) => next.data = DataLoad::Failed(e),
            Action::SetProfile(p) => next.profile = p,
            Action::SetSettings(s) => next.settings = s,
            Action::SetOutbox(o) => next.outbox = o,
            Action::Notice(n) => next.notice = n,
            Action::SetOnline(online) => next.online = online,
        }
        Rc::new(next)
    }
}

impl AppState {
    /// Applies what the live feed brought to the gigs the pages show.
    fn show_heard(&mut self) {
        if let DataLoad::Ready(gigs) = &self.data {
            gigs.apply(Rc::make_mut(&mut self.journal).take_waiting());
        }
    }
}

/// The state handle pages receive through context.
pub type AppContext = UseReducerHandle<AppState>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offline::Loaded;
    use linggong_core::{FeedChange, parse_posting};

    fn posting(id: &str) -> linggong_core::Posting {
        let json = format!(
            r#"{{"id": "{id}", "trade": "保洁", "location": {{"lat": 32.06, "lng": 118.79}}}}"#
        );
        parse_posting(&json).unwrap()
    }

    /// The state with gigs loaded from a snapshot at feed cursor 5 holding `ids`.
    fn loaded(ids: &[&str]) -> Rc<AppState> {
        let loaded = Loaded {
            postings: ids.iter().map(|id| posting(id)).collect(),
            journal: Journal::new("5"),
            ..crate::gigs::tests::loaded(&[])
        };
        let (gigs, journal) =
            Gigs::from_loaded(loaded, "2026-11-23T09:00:00+08:00".parse().unwrap());
        Rc::new(AppState::default()).reduce(Action::Loaded(Ok((Rc::new(gigs), journal))))
    }

    fn upsert(id: &str) -> String {
        FeedChange::Upsert {
            posting: Box::new(posting(id)),
        }
        .to_packed()
    }

    fn gigs(state: &AppState) -> &Gigs {
        match &state.data {
            DataLoad::Ready(gigs) => gigs,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn heard_gigs_wait_for_the_tap_and_the_list_does_not_move() {
        let state = loaded(&["a", "b"]);
        let state = state.reduce(Action::Heard(
            "7".into(),
            vec![upsert("c"), "r:filled:a".into()],
        ));
        assert!(
            !gigs(&state).holds("c") && gigs(&state).holds("a"),
            "nothing moved yet"
        );
        let waiting = state.journal.waiting(|id| gigs(&state).holds(id));
        assert_eq!((waiting.new, waiting.gone), (1, vec!["a".to_string()]));
        let state = state.reduce(Action::ShowHeard);
        assert!(gigs(&state).holds("c") && !gigs(&state).holds("a"));
        assert_eq!(state.journal.waiting(|id| gigs(&state).holds(id)).new, 0);
        assert_eq!(state.journal.cursor, "7");
    }

    #[test]
    fn heard_gigs_show_at_once_when_nothing_is_listed() {
        let state = loaded(&[]);
        let state = state.reduce(Action::Heard("6".into(), vec![upsert("c")]));
        assert!(gigs(&state).holds("c"));
    }

    #[test]
    fn the_phones_own_location_is_named_in_the_readers_language_and_a_district_as_picked() {
        let point = GeoPoint {
            lat: 32.06,
            lng: 118.79,
        };
        let own = Position { point, label: None };
        assert_eq!(own.name(Lang::Zh), "我的位置");
        assert_eq!(own.name(Lang::En), "My location");
        let picked = Position {
            point,
            label: Some("玄武区".into()),
        };
        assert_eq!(picked.name(Lang::En), "玄武区");
    }

    #[test]
    fn a_position_kept_with_a_text_label_still_reads_back() {
        let kept = r#"{"point": {"lat": 32.06, "lng": 118.79}, "label": "我的位置"}"#;
        let p: Position = serde_json::from_str(kept).unwrap();
        assert_eq!(p.label.as_deref(), Some("我的位置"));
    }
}
