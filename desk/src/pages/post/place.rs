//! Finding the work's position by name over the bundled gazetteer (the seeker app's adcode
//! table, `/gazetteer/china_adcodes.csv`, fetched when the employer first searches): a
//! district's centre is close enough for "within 10 km"; the device's own position is exact.

use std::rc::Rc;

use linggong_core::Gazetteer;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api;
use crate::app::DeskContext;
use crate::draft::Draft;

/// Where the seeker app's gazetteer is served.
const GAZETTEER_PATH: &str = "/gazetteer/china_adcodes.csv";

/// Places offered for one search.
const HITS: usize = 6;

/// The gazetteer, loaded once per page.
#[derive(Clone)]
enum Table {
    NotYet,
    Loading,
    Ready(Rc<Gazetteer>),
    Failed,
}

fn load(table: UseStateHandle<Table>) {
    table.set(Table::Loading);
    wasm_bindgen_futures::spawn_local(async move {
        let read = api::get_text(GAZETTEER_PATH)
            .await
            .ok()
            .and_then(|text| Gazetteer::from_adcodes_csv(&text).ok());
        table.set(read.map_or(Table::Failed, |g| Table::Ready(Rc::new(g))));
    });
}

#[derive(Properties, PartialEq)]
pub struct PlaceSearchProps {
    /// The form's id prefix: the box is `{prefix}-place`; a pick moves focus to `{prefix}-lat`.
    pub prefix: AttrValue,
    /// Called with the place picked: its centre's WGS-84 latitude and longitude, and its
    /// full name (`江苏省南京市玄武区`).
    pub on_pick: Callback<(f64, f64, String)>,
}

/// A pick written into a posting's draft.
pub fn into_draft(draft: &UseStateHandle<Draft>) -> Callback<(f64, f64, String)> {
    let draft = draft.clone();
    Callback::from(move |(lat, lng, _): (f64, f64, String)| {
        draft.set(Draft {
            lat: format!("{lat:.6}"),
            lng: format!("{lng:.6}"),
            ..(*draft).clone()
        });
    })
}

/// A search box over district, city and province names; a hit fills latitude and longitude.
#[component]
pub fn PlaceSearch(props: &PlaceSearchProps) -> Html {
    let context = use_context::<DeskContext>().expect("DeskContext");
    let t = |zh, en| context.t(zh, en);
    let table = use_state(|| Table::NotYet);
    let query = use_state(String::new);
    let oninput = {
        let (table, query) = (table.clone(), query.clone());
        Callback::from(move |e: InputEvent| {
            if matches!(*table, Table::NotYet) {
                load(table.clone());
            }
            query.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
        })
    };
    let hits: Vec<Html> = match &*table {
        Table::Ready(g) => g
            .search(&query, HITS)
            .into_iter()
            .map(|place| {
                let name = g.full_name(place);
                let (lat, lng) = (place.position.lat, place.position.lng);
                let (on_pick, lat_id) = (props.on_pick.clone(), format!("{}-lat", props.prefix));
                let picked = name.clone();
                let pick = Callback::from(move |_| {
                    on_pick.emit((lat, lng, picked.clone()));
                    focus(&lat_id);
                });
                html! { <li><button type="button" onclick={pick}>{ name }</button></li> }
            })
            .collect(),
        _ => Vec::new(),
    };
    let status = match &*table {
        Table::Loading => t("正在载入地名表…", "Loading place names…"),
        Table::Failed => t(
            "地名表载入失败，请填写经纬度或用本机位置",
            "Place names could not be loaded: type the position or use the device's",
        ),
        Table::Ready(_) if hits.is_empty() && !query.trim().is_empty() => {
            t("没有找到这个地名", "No such place")
        }
        _ => "",
    };
    html! {
        <div class="place-search">
            <label for={format!("{}-place", props.prefix)}>{ t("按区县名找位置（区县中心）", "Find the position by district name (its centre)") }</label>
            <input id={format!("{}-place", props.prefix)} type="search" autocomplete="off" value={(*query).clone()} {oninput} />
            <p class="hint" role="status">{ status }</p>
            <ul class="place-hits" aria-label={t("找到的地方", "Places found")}>{ for hits }</ul>
        </div>
    }
}

/// Moves focus to the element `id` (after a pick, so keyboard users land on what changed).
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
