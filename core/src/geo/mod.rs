mod gcj02;
mod point;

pub use gcj02::{gcj02_to_wgs84, is_outside_china, wgs84_to_gcj02};
pub use point::{EARTH_RADIUS_M, GeoPoint, distance_m};

pub(crate) use point::{arc_m_from_chord, chord_from_arc_m, unit_vector};
