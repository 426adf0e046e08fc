//! The browser's clock, in China Standard Time (the core never reads a clock itself).

pub use linggong_core::CHINA_OFFSET_MIN;
use linggong_core::Timestamp;

/// Now, in China Standard Time.
pub fn now() -> Timestamp {
    let unix_ms = js_sys::Date::now();
    Timestamp::from_unix_s((unix_ms / 1000.0) as i64, CHINA_OFFSET_MIN)
}
