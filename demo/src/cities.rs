//! Where demo gigs happen: real cities of the gazetteer, weighted by size.

use linggong_core::{Gazetteer, Place, PlaceLevel};

use crate::SplitMix;

const TIER_1: [&str; 4] = ["北京市", "上海市", "广州市", "深圳市"];
const TIER_2: [&str; 34] = [
    "成都市",
    "杭州市",
    "重庆市",
    "武汉市",
    "西安市",
    "苏州市",
    "南京市",
    "天津市",
    "郑州市",
    "长沙市",
    "东莞市",
    "佛山市",
    "宁波市",
    "青岛市",
    "沈阳市",
    "昆明市",
    "合肥市",
    "济南市",
    "福州市",
    "厦门市",
    "哈尔滨市",
    "长春市",
    "石家庄市",
    "南宁市",
    "南昌市",
    "贵阳市",
    "太原市",
    "兰州市",
    "乌鲁木齐市",
    "呼和浩特市",
    "海口市",
    "银川市",
    "西宁市",
    "无锡市",
];
/// Municipalities are provinces in the gazetteer: their districts hang directly below.
const MUNICIPALITIES: [&str; 4] = ["11", "12", "31", "50"];

/// A city with its districts and how busy its gig market is.
#[derive(Debug, Clone)]
pub struct City<'g> {
    /// The city (or municipality).
    pub place: &'g Place,
    /// Its districts and counties.
    pub counties: Vec<&'g Place>,
    /// 1, 2 or 3: pay and density fall with the tier.
    pub tier: u8,
}

impl City<'_> {
    /// Relative number of gigs.
    pub fn weight(&self) -> f64 {
        match self.tier {
            1 => 14.0,
            2 => 5.0,
            _ => 1.0,
        }
    }

    /// Pay relative to a third-tier city.
    pub fn pay_factor(&self) -> f64 {
        match self.tier {
            1 => 1.35,
            2 => 1.12,
            _ => 1.0,
        }
    }
}

/// Every city (prefecture level, plus the four municipalities) that has districts.
pub fn cities(g: &Gazetteer) -> Vec<City<'_>> {
    let places = g.places();
    let mut out: Vec<City<'_>> = places
        .iter()
        .filter(|p| {
            (p.level == PlaceLevel::City && !MUNICIPALITIES.contains(&&p.adcode[..2]))
                || (p.level == PlaceLevel::Province && MUNICIPALITIES.contains(&&p.adcode[..2]))
        })
        .map(|p| {
            let prefix = if p.level == PlaceLevel::Province {
                &p.adcode[..2]
            } else {
                &p.adcode[..4]
            };
            let counties = places
                .iter()
                .filter(|c| c.level == PlaceLevel::County && c.adcode.starts_with(prefix))
                .collect();
            let tier = if TIER_1.contains(&p.name.as_str()) {
                1
            } else if TIER_2.contains(&p.name.as_str()) {
                2
            } else {
                3
            };
            City {
                place: p,
                counties,
                tier,
            }
        })
        .filter(|c: &City<'_>| !c.counties.is_empty())
        .collect();
    out.sort_by(|a, b| a.place.adcode.cmp(&b.place.adcode));
    out
}

/// A WGS-84 point near the centre of one of the city's districts (within about 4 km).
pub fn point_in<'g>(city: &City<'g>, rng: &mut SplitMix) -> (&'g Place, f64, f64) {
    let county = *rng.pick(&city.counties);
    let r_km = 4.0 * rng.unit().sqrt();
    let angle = rng.range(0.0, std::f64::consts::TAU);
    let lat = county.position.lat + r_km / 111.2 * angle.sin();
    let lng = county.position.lng
        + r_km / (111.2 * county.position.lat.to_radians().cos().max(0.1)) * angle.cos();
    (county, lat.clamp(-90.0, 90.0), lng.clamp(-180.0, 180.0))
}
