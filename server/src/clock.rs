//! Where the server reads "now": the system clock in service, a fixed or hand-moved one in
//! tests (core itself never reads a clock).

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

pub use linggong_core::CHINA_OFFSET_MIN;
use linggong_core::Timestamp;

/// A source of "now".
pub trait Clock: Send + Sync + 'static {
    /// Now.
    fn now(&self) -> Timestamp;
}

/// The system clock, in China Standard Time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let unix_s = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Timestamp::from_unix_s(unix_s, CHINA_OFFSET_MIN)
    }
}

/// A clock that stays where it is set: for tests, and for `LINGGONG_NOW` demos.
#[derive(Debug)]
pub struct ManualClock(Mutex<Timestamp>);

impl ManualClock {
    /// A clock at `now`.
    pub fn new(now: Timestamp) -> Self {
        Self(Mutex::new(now))
    }

    /// Moves it to `now`.
    pub fn set(&self, now: Timestamp) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = now;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
