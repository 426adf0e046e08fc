//! A radar of the results around the seeker: no map tiles, just bearings and distances.

use linggong_core::GeoPoint;
use yew::prelude::*;

use crate::gigs::Hit;

#[derive(Properties, PartialEq)]
pub struct RadarProps {
    pub centre: GeoPoint,
    pub radius_km: f64,
    pub hits: Vec<Hit>,
    pub label: AttrValue,
}

/// Half the drawing's width, in SVG units.
const R: f64 = 150.0;

/// East and north offsets in km on a local flat projection (good to well under 1% at 40 km).
fn offset_km(centre: GeoPoint, p: GeoPoint) -> (f64, f64) {
    let km_per_deg = 111.195;
    let east = (p.lng - centre.lng) * km_per_deg * centre.lat.to_radians().cos();
    let north = (p.lat - centre.lat) * km_per_deg;
    (east, north)
}

#[component]
pub fn Radar(props: &RadarProps) -> Html {
    let scale = R / props.radius_km.max(0.1);
    let rings = [1.0 / 3.0, 2.0 / 3.0, 1.0];
    html! {
        <figure class="radar">
            <svg viewBox="-160 -160 320 320" role="img" aria-label={props.label.clone()}>
                { for rings.iter().map(|f| html! {
                    <circle cx="0" cy="0" r={format!("{:.1}", R * f)} class="ring" />
                }) }
                { for rings.iter().map(|f| html! {
                    <text x="4" y={format!("{:.1}", -R * f + 14.0)} class="ring-label">
                        { format!("{:.0}km", props.radius_km * f) }
                    </text>
                }) }
                { for props.hits.iter().filter_map(|hit| {
                    let l = hit.posting.location.as_ref()?;
                    let (east, north) = offset_km(props.centre, l.position()?);
                    let (x, y) = (east * scale, -north * scale);
                    (x.hypot(y) <= R).then(|| html! {
                        <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="5" class="gig-dot" />
                    })
                }) }
                <circle cx="0" cy="0" r="7" class="me" />
            </svg>
            <figcaption>{ props.label.clone() }</figcaption>
        </figure>
    }
}
