//! What can go wrong when storing.

use std::fmt;

/// A storage failure, told in Chinese then English.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoreError {
    /// The browser refused to store more (QuotaExceededError); nothing of the batch was written.
    QuotaExceeded,
    /// The value under the key failed its checksum.
    Corrupt {
        /// The key.
        key: String,
    },
    /// Storage cannot be opened or used (private mode, a lost connection).
    Unavailable(String),
}

impl StoreError {
    /// Classifies a DOMException by its name.
    pub fn from_dom_name(name: &str, message: &str) -> Self {
        if name == "QuotaExceededError" {
            StoreError::QuotaExceeded
        } else {
            StoreError::Unavailable(format!("{name}: {message}"))
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::QuotaExceeded => {
                write!(
                    f,
                    "手机存储空间不足，未能保存 (storage is full; nothing was saved)"
                )
            }
            StoreError::Corrupt { key } => {
                write!(f, "本地数据已损坏：{key} (stored data is corrupt)")
            }
            StoreError::Unavailable(why) => {
                write!(f, "本地存储不可用：{why} (storage unavailable)")
            }
        }
    }
}

impl std::error::Error for StoreError {}
