use std::collections::HashMap;

use serde::Serialize;

use crate::{Crs, Error, GeoPoint, distance_m, parse_decimal};

/// The administrative level of a place.
///
/// ```
/// use linggong_core::PlaceLevel;
/// assert_eq!(PlaceLevel::of_adcode("320106000000"), PlaceLevel::County);
/// assert_eq!(PlaceLevel::of_adcode("320100000000"), PlaceLevel::City);
/// assert_eq!(PlaceLevel::of_adcode("320000000000"), PlaceLevel::Province);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceLevel {
    /// 省、自治区、直辖市.
    Province,
    /// 地级市、自治州、盟.
    City,
    /// 区、县、县级市.
    County,
}

impl PlaceLevel {
    /// The level a 12-digit adcode denotes.
    ///
    /// ```
    /// assert_eq!(linggong_core::PlaceLevel::of_adcode("110101000000"), linggong_core::PlaceLevel::County);
    /// ```
    pub fn of_adcode(adcode: &str) -> PlaceLevel {
        let digits = adcode.as_bytes();
        let zero_from = |i: usize| {
            digits
                .get(i..)
                .is_some_and(|rest| rest.iter().all(|&b| b == b'0'))
        };
        if zero_from(2) {
            PlaceLevel::Province
        } else if zero_from(4) {
            PlaceLevel::City
        } else {
            PlaceLevel::County
        }
    }
}

/// A province, city or county with its centroid.
///
/// ```
/// use linggong_core::Gazetteer;
/// let g = Gazetteer::from_adcodes_csv("adcode,name,longitude,latitude\n320100000000,南京市,118.796682,32.05957\n").unwrap();
/// let nanjing = g.get("320100000000").unwrap();
/// assert_eq!(nanjing.name, "南京市");
/// assert!((nanjing.position.lng - 118.7916).abs() < 0.001); // converted from GCJ-02
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// 12-digit administrative code.
    pub adcode: String,
    /// Name (`鼓楼区`).
    pub name: String,
    /// Administrative level.
    pub level: PlaceLevel,
    /// Centroid, WGS-84.
    pub position: GeoPoint,
}

/// The places of China, for the city picker, the demo data and the market directory.
///
/// ```
/// use linggong_core::{Gazetteer, GeoPoint};
/// let csv = "adcode,name,longitude,latitude\n320000000000,江苏省,118.762765,32.060875\n\
///            320100000000,南京市,118.796682,32.05957\n320106000000,鼓楼区,118.770182,32.066601\n\
///            350102000000,鼓楼区,119.303917,26.081983\n";
/// let g = Gazetteer::from_adcodes_csv(csv).unwrap();
/// let gulou: Vec<String> = g.search("鼓楼", 5).iter().map(|p| g.full_name(p)).collect();
/// assert_eq!(gulou[0], "江苏省南京市鼓楼区");
/// assert_eq!(g.nearest_county(GeoPoint::new(32.07, 118.77).unwrap()).unwrap().adcode, "320106000000");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_adcode: HashMap<String, usize>,
}

impl Gazetteer {
    /// Reads the `adcode,name,longitude,latitude` CSV of `data/gazetteer` (GCJ-02
    /// coordinates, converted to WGS-84 here). Rows without coordinates are skipped;
    /// a malformed row is an error naming its line.
    ///
    /// ```
    /// use linggong_core::Gazetteer;
    /// assert!(Gazetteer::from_adcodes_csv("adcode,name,longitude,latitude\n1,x,abc,1\n").is_err());
    /// assert_eq!(Gazetteer::from_adcodes_csv("adcode,name,longitude,latitude\n520301000000,市辖区,,\n").unwrap().places().len(), 0);
    /// ```
    pub fn from_adcodes_csv(text: &str) -> Result<Gazetteer, Error> {
        let mut g = Gazetteer::default();
        for (index, line) in text.lines().enumerate().skip(1) {
            let cols: Vec<&str> = line.split(',').map(str::trim).collect();
            let row_error = |column: usize, reason: &str| Error::Parse {
                line: index + 1,
                column,
                field: String::new(),
                reason: reason.to_string(),
            };
            if line.trim().is_empty() {
                continue;
            }
            let [adcode, name, lng, lat] = cols[..] else {
                return Err(row_error(1, "expected adcode,name,longitude,latitude"));
            };
            if lng.is_empty() || lat.is_empty() {
                continue;
            }
            if adcode.len() != 12 || !adcode.bytes().all(|b| b.is_ascii_digit()) {
                return Err(row_error(1, "adcode must be 12 digits"));
            }
            let (lng, lat) = match (parse_decimal(lng), parse_decimal(lat)) {
                (Some(lng), Some(lat)) => (lng, lat),
                _ => return Err(row_error(3, "coordinates must be numbers")),
            };
            let position = GeoPoint::from_crs(lat, lng, Crs::Gcj02)
                .map_err(|e| row_error(3, &e.to_string()))?;
            g.by_adcode.insert(adcode.to_string(), g.places.len());
            g.places.push(Place {
                adcode: adcode.to_string(),
                name: name.to_string(),
                level: PlaceLevel::of_adcode(adcode),
                position,
            });
        }
        Ok(g)
    }

    /// Every place, in file order.
    ///
    /// ```
    /// assert!(linggong_core::Gazetteer::default().places().is_empty());
    /// ```
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place with this adcode.
    ///
    /// ```
    /// assert!(linggong_core::Gazetteer::default().get("320100000000").is_none());
    /// ```
    pub fn get(&self, adcode: &str) -> Option<&Place> {
        self.by_adcode.get(adcode).map(|&i| &self.places[i])
    }

    /// The province and city a place belongs to (itself excluded), outermost first.
    ///
    /// ```
    /// use linggong_core::Gazetteer;
    /// let g = Gazetteer::from_adcodes_csv("adcode,name,longitude,latitude\n320000000000,江苏省,118.76,32.06\n320106000000,鼓楼区,118.77,32.07\n").unwrap();
    /// let parents: Vec<_> = g.parents(g.get("320106000000").unwrap()).iter().map(|p| p.name.clone()).collect();
    /// assert_eq!(parents, ["江苏省"]); // the city is missing from this tiny file
    /// ```
    pub fn parents(&self, place: &Place) -> Vec<&Place> {
        let code = &place.adcode;
        let mut out = Vec::new();
        if place.level != PlaceLevel::Province
            && let Some(p) = self.get(&format!("{}0000000000", &code[..2]))
        {
            out.push(p);
        }
        if place.level == PlaceLevel::County
            && let Some(c) = self.get(&format!("{}00000000", &code[..4]))
        {
            out.push(c);
        }
        out
    }

    /// The full name a person can tell apart: `江苏省南京市鼓楼区`.
    ///
    /// ```
    /// use linggong_core::Gazetteer;
    /// let g = Gazetteer::from_adcodes_csv("adcode,name,longitude,latitude\n110000000000,北京市,116.40,39.90\n110101000000,东城区,116.42,39.93\n").unwrap();
    /// assert_eq!(g.full_name(g.get("110101000000").unwrap()), "北京市东城区");
    /// ```
    pub fn full_name(&self, place: &Place) -> String {
        let mut name: String = self
            .parents(place)
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        name.push_str(&place.name);
        name
    }

    /// Typeahead for the place picker: names that start with `text`, then names that
    /// contain it; larger places first, then in file order.
    ///
    /// ```
    /// use linggong_core::Gazetteer;
    /// let g = Gazetteer::from_adcodes_csv("adcode,name,longitude,latitude\n320100000000,南京市,118.79,32.05\n").unwrap();
    /// assert_eq!(g.search("南京", 3)[0].name, "南京市");
    /// assert!(g.search("", 3).is_empty());
    /// ```
    pub fn search(&self, text: &str, limit: usize) -> Vec<&Place> {
        let text = text.trim();
        if text.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(u8, PlaceLevel, usize)> = self
            .places
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let rank = if p.name.starts_with(text) {
                    0
                } else if p.name.contains(text) || self.full_name(p).contains(text) {
                    1
                } else {
                    return None;
                };
                Some((rank, p.level, i))
            })
            .collect();
        crate::sort::sort_by_key(&mut hits, |&(rank, level, i)| (rank, level as u8, i));
        hits.into_iter()
            .take(limit)
            .map(|(_, _, i)| &self.places[i])
            .collect()
    }

    /// The county (district) whose centroid is nearest to a WGS-84 point.
    ///
    /// ```
    /// assert!(linggong_core::Gazetteer::default().nearest_county(linggong_core::GeoPoint::new(0.0, 0.0).unwrap()).is_none());
    /// ```
    pub fn nearest_county(&self, point: GeoPoint) -> Option<&Place> {
        self.places
            .iter()
            .filter(|p| p.level == PlaceLevel::County)
            .min_by(|a, b| distance_m(a.position, point).total_cmp(&distance_m(b.position, point)))
    }
}
