//! The browser's clock, in China Standard Time (the core never reads a clock itself).

use linggong_core::Timestamp;

/// UTC+8, in minutes.
pub const CHINA_OFFSET_MIN: i16 = 480;

/// Now, in China Standard Time.
pub fn now() -> Timestamp {
    let unix_ms = js_sys::Date::now();
    Timestamp::from_unix_s((unix_ms / 1000.0) as i64, CHINA_OFFSET_MIN)
}
