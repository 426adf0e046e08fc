//! 信息发布大屏 (Jiangsu 9, Chongqing 5, Zhejiang 10): `/desk/hall?market=ID`, a full-screen
//! page for a TV in the market hall, readable from five metres. It needs no sign-in: it
//! loads the published gigs near the market from the snapshot, follows the live feed from
//! the snapshot's cursor (polling the feed where the stream is refused), and cycles through
//! pages of them; a gig published while it is on jumps to the first page, marked 新.

use std::cell::RefCell;
use std::rc::Rc;

use linggong_core::{FeedChange, GeoPoint, Manifest, decode_tile, parse_markets_jsonl};
use linggong_ui::format::{pay_label, place_label, schedule_label, trade_label};
use linggong_ui::i18n::Lang;
use linggong_ui::live::Follower;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::now;
use crate::api;
use crate::hall_board::{Board, PER_PAGE};

/// How far from the market a gig may be, km.
const REACH_KM: f64 = 10.0;
/// How long one page stays on the screen, ms.
const PAGE_MS: i32 = 10_000;
/// How often the feed is polled when the stream is refused, ms.
const POLL_MS: i32 = 30_000;
/// The live feed, each change packed.
const FEED_URL: &str = "/api/v1/feed?form=packed";

/// The market the screen belongs to: `?market=ID`, looked up in the snapshot's directory.
fn market_id() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("market="))
        .map(|id| js_sys::decode_uri_component(id).map_or(id.to_string(), String::from))
}

/// What the screen shows while it loads, or why it cannot.
#[derive(Clone, PartialEq)]
enum Shown {
    Loading,
    Failed(String),
    Ready {
        market: Option<String>,
        cursor: String,
    },
}

/// Loads the board: the market's place, then the tiles within reach.
async fn load(board: Rc<RefCell<Board>>) -> Result<(Option<String>, String), String> {
    let text = api::get_text("/data/manifest.json")
        .await
        .map_err(|s| format!("HTTP {s}"))?;
    let manifest = Manifest::from_json(&text).map_err(|e| e.to_string())?;
    let cursor = manifest.feed_cursor.clone().unwrap_or_default();
    let mut market = None;
    if let (Some(id), Some(entry)) = (market_id(), &manifest.markets) {
        let text = api::get_text(&format!("/data/{}", entry.path))
            .await
            .unwrap_or_default();
        market = parse_markets_jsonl(&text)
            .filter_map(|(_, m)| m.ok())
            .find(|m| m.id == id);
    }
    let centre = market
        .as_ref()
        .and_then(|m| GeoPoint::from_crs(m.location.lat?, m.location.lng?, m.location.crs).ok());
    *board.borrow_mut() = Board::new(centre.map(|c| (c, REACH_KM)));
    let tiles = match centre {
        Some(c) => manifest.tiles_near(c, REACH_KM),
        None => manifest.tiles.iter().collect(),
    };
    for tile in tiles {
        let bytes = api::get_bytes(&format!("/data/{}", tile.file.path)).await;
        if let Ok(postings) = bytes
            .map_err(|_| ())
            .and_then(|b| decode_tile(&b).map_err(|_| ()))
        {
            board.borrow_mut().load(postings);
        }
    }
    Ok((market.map(|m| m.name), cursor))
}

/// Follows the live feed (packed: postings in the tile codec, as the snapshot has them) from
/// `cursor` into the board; `changed` when the board changed; a 409 (the market's data was
/// restored) starts the screen again from the snapshot.
fn follow(board: Rc<RefCell<Board>>, cursor: String, changed: Callback<()>) -> Follower {
    // Only the changes of the tiles within reach of the market, when it has a place.
    let tiles = board.borrow().tiles().map(|keys| {
        let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
        format!("&tiles={}", keys.join(","))
    });
    let feed = format!("{FEED_URL}{}&after=", tiles.unwrap_or_default());
    let heard = move |_cursor: String, texts: Vec<String>| {
        let mut any = false;
        for change in texts.iter().filter_map(|t| FeedChange::from_packed(t).ok()) {
            any |= board.borrow_mut().apply(change, now());
        }
        if any {
            changed.emit(());
        }
    };
    let restored = || {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    let fetch = |path: String| async move { api::get_text(&path).await };
    Follower::open(&feed, cursor, POLL_MS, fetch, heard, restored)
}

/// Calls `tick` every `ms` while the component lives.
#[hook]
fn use_interval(ms: i32, tick: Callback<()>) {
    use_effect_with((), move |_| {
        let closure = Closure::<dyn FnMut()>::new(move || tick.emit(()));
        let handle = web_sys::window().map_or(0, |w| {
            w.set_interval_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                ms,
            )
            .unwrap_or(0)
        });
        move || {
            if let Some(w) = web_sys::window() {
                w.clear_interval_with_handle(handle);
            }
            drop(closure);
        }
    });
}

#[component]
pub fn HallScreen() -> Html {
    let board = use_mut_ref(Board::default);
    let shown = use_state(|| Shown::Loading);
    let revision = use_state(|| 0u32);
    let page = use_state(|| 0usize);
    let follow = use_mut_ref(|| None::<Follower>);
    {
        let (board, shown, revision, page, follow) = (
            board.clone(),
            shown.clone(),
            revision.clone(),
            page.clone(),
            follow.clone(),
        );
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match load(board.clone()).await {
                    Ok((market, cursor)) => {
                        // A gig that came jumps to the first page.
                        let changed = Callback::from(move |()| {
                            revision.set(revision.wrapping_add(1));
                            page.set(0);
                        });
                        if !cursor.is_empty() {
                            *follow.borrow_mut() =
                                Some(self::follow(board, cursor.clone(), changed));
                        }
                        shown.set(Shown::Ready { market, cursor });
                    }
                    Err(e) => shown.set(Shown::Failed(e)),
                }
            });
        });
    }
    {
        let page = page.clone();
        use_interval(
            PAGE_MS,
            Callback::from(move |()| page.set(page.wrapping_add(1))),
        );
    }
    let header = |market: Option<&str>, count: usize, pages: usize, at: usize| {
        html! {
            <header class="hall-header">
                <h1>{ "零工信息发布大屏" }<span lang="en" class="subtitle">{ " Gigs board" }</span></h1>
                <p>{ market.map_or("全部在招零工".to_string(), |m| format!("{m} · 附近{REACH_KM}公里")) }</p>
                <p id="hall-count">{ format!("在招 {count} 条 · 第 {}/{} 页", at + 1, pages.max(1)) }</p>
            </header>
        }
    };
    match &*shown {
        Shown::Loading => {
            html! { <main id="main" class="hall"><p role="status">{ "正在加载… (Loading)" }</p></main> }
        }
        Shown::Failed(e) => {
            html! { <main id="main" class="hall"><p role="alert">{ format!("加载失败 (Could not load): {e}") }</p></main> }
        }
        Shown::Ready { market, .. } => {
            let now = now();
            let board = board.borrow();
            let ranked = board.ranked(now);
            let pages = ranked.len().div_ceil(PER_PAGE);
            let at = if pages == 0 { 0 } else { *page % pages };
            let cards = ranked.iter().skip(at * PER_PAGE).take(PER_PAGE).map(|p| {
                let urgent = Board::is_urgent(p, now);
                let fresh = board.is_fresh(&p.id, now);
                let place = place_label(p);
                html! {
                    <li class="hall-gig" key={p.id.clone()}>
                        <p class="hall-trade">
                            { trade_label(p) }
                            if fresh { <span class="hall-badge fresh">{ "新" }</span> }
                            if urgent { <span class="hall-badge urgent">{ "急" }</span> }
                        </p>
                        <p class="hall-pay">{ pay_label(p, Lang::Zh) }</p>
                        <p class="hall-title">{ p.title.clone().unwrap_or_default() }</p>
                        <p class="hall-when">{ schedule_label(p, Lang::Zh) }</p>
                        if !place.is_empty() { <p class="hall-place">{ place }</p> }
                    </li>
                }
            });
            html! {
                <main id="main" class="hall">
                    { header(market.as_deref(), board.len(), pages, at) }
                    <p class="hall-live" role="status" aria-live="polite">
                        { format!("实时更新 · 最近新增 {} 条", board.fresh_count()) }
                    </p>
                    if ranked.is_empty() {
                        <p class="hall-empty">{ "暂时没有在招零工 (No gigs at the moment)" }</p>
                    }
                    <ul id="hall" class="hall-gigs">{ for cards }</ul>
                    <footer class="hall-footer">
                        { "用手机浏览器打开本站“找零工”即可查看并报名 · Open this site on your phone to apply" }
                    </footer>
                </main>
            }
        }
    }
}
