//! GCJ-02, the datum Chinese law requires of published maps (Amap, Tencent maps, WeChat
//! `type: 'gcj02'`). It is WGS-84 moved by a published closed-form offset of up to a few
//! hundred metres inside China, and identical to WGS-84 outside it.
//!
//! The forward transform is exact by definition. The inverse has no closed form: it is
//! found by fixed-point iteration until the forward transform of the answer lands within
//! 1e-9° (about 0.1 mm) of the input, so a WGS-84 → GCJ-02 → WGS-84 round trip is within
//! 1 mm (checked by property tests). The offset itself is smooth, so this is also the error
//! bound against a true WGS-84 position.

use std::f64::consts::PI;

const SEMI_MAJOR_AXIS_M: f64 = 6_378_245.0;
const ECCENTRICITY_SQUARED: f64 = 0.006_693_421_622_965_943;

/// Whether a position lies outside the rough box in which GCJ-02 differs from WGS-84.
///
/// ```
/// use linggong_core::is_outside_china;
/// assert!(!is_outside_china(32.06, 118.79)); // Nanjing
/// assert!(is_outside_china(48.85, 2.35)); // Paris
/// ```
pub fn is_outside_china(lat: f64, lng: f64) -> bool {
    !(72.004..=137.8347).contains(&lng) || !(0.8293..=55.8271).contains(&lat)
}

fn offset_lat(x: f64, y: f64) -> f64 {
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn offset_lng(x: f64, y: f64) -> f64 {
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

/// WGS-84 degrees to GCJ-02 degrees, `(lat, lng)`.
///
/// ```
/// use linggong_core::wgs84_to_gcj02;
/// let (lat, lng) = wgs84_to_gcj02(32.0603, 118.7969);
/// // In Nanjing the shift is a few hundred metres, north-west to south-east.
/// assert!((lat - 32.0603).abs() > 0.001 && (lng - 118.7969).abs() > 0.003);
/// assert_eq!(wgs84_to_gcj02(48.85, 2.35), (48.85, 2.35));
/// ```
pub fn wgs84_to_gcj02(lat: f64, lng: f64) -> (f64, f64) {
    if is_outside_china(lat, lng) {
        return (lat, lng);
    }
    let (x, y) = (lng - 105.0, lat - 35.0);
    let rad_lat = lat / 180.0 * PI;
    let magic = 1.0 - ECCENTRICITY_SQUARED * rad_lat.sin().powi(2);
    let sqrt_magic = magic.sqrt();
    let d_lat = offset_lat(x, y) * 180.0
        / ((SEMI_MAJOR_AXIS_M * (1.0 - ECCENTRICITY_SQUARED)) / (magic * sqrt_magic) * PI);
    let d_lng = offset_lng(x, y) * 180.0 / (SEMI_MAJOR_AXIS_M / sqrt_magic * rad_lat.cos() * PI);
    (lat + d_lat, lng + d_lng)
}

/// GCJ-02 degrees to WGS-84 degrees, `(lat, lng)`, by iterating the forward transform
/// (see the module notes for the error bound).
///
/// ```
/// use linggong_core::{gcj02_to_wgs84, wgs84_to_gcj02};
/// let (glat, glng) = wgs84_to_gcj02(29.5630, 106.5516); // Chongqing
/// let (lat, lng) = gcj02_to_wgs84(glat, glng);
/// assert!((lat - 29.5630).abs() < 1e-8 && (lng - 106.5516).abs() < 1e-8);
/// ```
pub fn gcj02_to_wgs84(lat: f64, lng: f64) -> (f64, f64) {
    if is_outside_china(lat, lng) {
        return (lat, lng);
    }
    let (mut wlat, mut wlng) = (lat, lng);
    for _ in 0..30 {
        let (glat, glng) = wgs84_to_gcj02(wlat, wlng);
        let (dlat, dlng) = (glat - lat, glng - lng);
        wlat -= dlat;
        wlng -= dlng;
        if dlat.abs() < 1e-9 && dlng.abs() < 1e-9 {
            break;
        }
    }
    (wlat, wlng)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GeoPoint, distance_m};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_round_trip_through_gcj02_moves_a_point_less_than_a_millimetre(
            lat in 1.0f64..55.0, lng in 73.0f64..137.0,
        ) {
            let (glat, glng) = wgs84_to_gcj02(lat, lng);
            let (back_lat, back_lng) = gcj02_to_wgs84(glat, glng);
            let err = distance_m(GeoPoint { lat, lng }, GeoPoint { lat: back_lat, lng: back_lng });
            prop_assert!(err < 0.001, "{err} m at {lat},{lng}");
        }

        #[test]
        fn outside_china_both_datums_are_the_same(lat in -90.0f64..=90.0, lng in -180.0f64..=180.0) {
            prop_assume!(is_outside_china(lat, lng));
            prop_assert_eq!(wgs84_to_gcj02(lat, lng), (lat, lng));
            prop_assert_eq!(gcj02_to_wgs84(lat, lng), (lat, lng));
        }

        #[test]
        fn the_offset_inside_china_is_under_a_kilometre(lat in 18.0f64..53.0, lng in 74.0f64..134.0) {
            let (glat, glng) = wgs84_to_gcj02(lat, lng);
            let shift = distance_m(GeoPoint { lat, lng }, GeoPoint { lat: glat, lng: glng });
            prop_assert!(shift < 1_000.0, "{shift}");
        }
    }
}
