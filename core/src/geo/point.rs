use serde::{Deserialize, Serialize};

use crate::{Crs, Error};

/// Mean Earth radius (IUGG R1), metres: the sphere all distances are measured on.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A position in WGS-84 degrees.
///
/// ```
/// use linggong_core::{Crs, GeoPoint};
/// let p = GeoPoint::new(32.06, 118.79).unwrap();
/// assert_eq!((p.lat, p.lng), (32.06, 118.79));
/// assert!(GeoPoint::new(91.0, 0.0).is_err());
/// // GCJ-02 input (Amap, Tencent maps, WeChat) is converted to WGS-84.
/// let w = GeoPoint::from_crs(32.0580, 118.8017, Crs::Gcj02).unwrap();
/// assert!((w.lat - 32.0600).abs() < 0.001 && (w.lng - 118.7966).abs() < 0.001);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    /// Latitude, degrees north, −90 … 90.
    pub lat: f64,
    /// Longitude, degrees east, −180 … 180.
    pub lng: f64,
}

impl GeoPoint {
    /// A WGS-84 position; an error unless both coordinates are finite and in range.
    ///
    /// ```
    /// use linggong_core::GeoPoint;
    /// assert!(GeoPoint::new(f64::NAN, 0.0).is_err());
    /// assert!(GeoPoint::new(-90.0, 180.0).is_ok());
    /// ```
    pub fn new(lat: f64, lng: f64) -> Result<Self, Error> {
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            return Err(Error::invalid(
                "lat",
                format!("latitude {lat} is not in −90…90"),
            ));
        }
        if !(lng.is_finite() && (-180.0..=180.0).contains(&lng)) {
            return Err(Error::invalid(
                "lng",
                format!("longitude {lng} is not in −180…180"),
            ));
        }
        Ok(Self { lat, lng })
    }

    /// A position given in `crs`, converted to WGS-84.
    ///
    /// ```
    /// use linggong_core::{Crs, GeoPoint};
    /// let outside = GeoPoint::from_crs(48.85, 2.35, Crs::Gcj02).unwrap();
    /// assert_eq!((outside.lat, outside.lng), (48.85, 2.35)); // GCJ-02 is WGS-84 outside China
    /// ```
    pub fn from_crs(lat: f64, lng: f64, crs: Crs) -> Result<Self, Error> {
        let p = Self::new(lat, lng)?;
        Ok(match crs {
            Crs::Wgs84 => p,
            Crs::Gcj02 => {
                let (lat, lng) = super::gcj02_to_wgs84(p.lat, p.lng);
                Self { lat, lng }
            }
        })
    }
}

/// Great-circle distance in metres on the sphere of radius [`EARTH_RADIUS_M`] (haversine).
///
/// ```
/// use linggong_core::{distance_m, GeoPoint};
/// let nanjing = GeoPoint::new(32.0603, 118.7969).unwrap();
/// let shanghai = GeoPoint::new(31.2304, 121.4737).unwrap();
/// let d = distance_m(nanjing, shanghai);
/// assert!((d - 268_000.0).abs() < 2_000.0, "{d}");
/// // Across the antimeridian the short way round is taken.
/// let a = GeoPoint::new(0.0, 179.9).unwrap();
/// let b = GeoPoint::new(0.0, -179.9).unwrap();
/// assert!((distance_m(a, b) - 22_239.0).abs() < 1.0);
/// ```
pub fn distance_m(a: GeoPoint, b: GeoPoint) -> f64 {
    let (phi1, phi2) = (a.lat.to_radians(), b.lat.to_radians());
    let dphi = phi2 - phi1;
    let dlambda = (b.lng - a.lng).to_radians();
    let h = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// The point on the unit sphere: chord length between two such vectors grows strictly with
/// their great-circle distance, so a Euclidean R-tree over them answers great-circle queries
/// exactly, across the antimeridian and at the poles alike.
pub(crate) fn unit_vector(p: GeoPoint) -> [f64; 3] {
    let (phi, lambda) = (p.lat.to_radians(), p.lng.to_radians());
    [
        phi.cos() * lambda.cos(),
        phi.cos() * lambda.sin(),
        phi.sin(),
    ]
}

/// Chord length on the unit sphere for an arc of `arc_m` metres.
pub(crate) fn chord_from_arc_m(arc_m: f64) -> f64 {
    let angle = (arc_m / EARTH_RADIUS_M).clamp(0.0, std::f64::consts::PI);
    2.0 * (angle / 2.0).sin()
}

/// Arc length in metres for a chord on the unit sphere.
pub(crate) fn arc_m_from_chord(chord: f64) -> f64 {
    2.0 * EARTH_RADIUS_M * (chord / 2.0).clamp(0.0, 1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn point() -> impl Strategy<Value = GeoPoint> {
        (-90.0f64..=90.0, -180.0f64..=180.0).prop_map(|(lat, lng)| GeoPoint { lat, lng })
    }

    fn chord(a: GeoPoint, b: GeoPoint) -> f64 {
        let (u, v) = (unit_vector(a), unit_vector(b));
        ((u[0] - v[0]).powi(2) + (u[1] - v[1]).powi(2) + (u[2] - v[2]).powi(2)).sqrt()
    }

    proptest! {
        #[test]
        fn chord_and_haversine_agree(a in point(), b in point()) {
            let via_chord = arc_m_from_chord(chord(a, b));
            prop_assert!((via_chord - distance_m(a, b)).abs() < 0.01, "{via_chord} vs {}", distance_m(a, b));
        }

        #[test]
        fn chord_conversion_round_trips(arc in 0.0f64..20_000_000.0) {
            prop_assert!((arc_m_from_chord(chord_from_arc_m(arc)) - arc).abs() < 0.01);
        }
    }

    #[test]
    fn both_poles_are_half_a_circumference_apart() {
        let n = GeoPoint {
            lat: 90.0,
            lng: 0.0,
        };
        let s = GeoPoint {
            lat: -90.0,
            lng: 123.0,
        };
        assert!((distance_m(n, s) - std::f64::consts::PI * EARTH_RADIUS_M).abs() < 1e-6);
    }
}
