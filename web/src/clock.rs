//! The browser's clock, in China Standard Time (the core never reads a clock itself).

use linggong_core::Timestamp;

/// UTC+8, in minutes.
pub const CHINA_OFFSET_MIN: i16 = 480;

/// Now, in China Standard Time.
pub fn now() -> Timestamp {
    let unix_ms = js_sys::Date::now();
    Timestamp::from_unix_s((unix_ms / 1000.0) as i64, CHINA_OFFSET_MIN)
}

/// A timestamp as `11月23日 13:00` in its own offset.
pub fn short_date_time(t: Timestamp) -> String {
    let (_, month, day, hour, minute, _, _) = t.local_fields();
    format!("{month}月{day}日 {hour:02}:{minute:02}")
}
