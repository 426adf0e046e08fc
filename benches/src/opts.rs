//! The command lines of the server benchmark's binaries (`server_load`, `ledger_fill`):
//! `--name value` pairs only, so the script that runs them reads as the options it passes.

use std::collections::BTreeMap;
use std::str::FromStr;

use linggong_core::Timestamp;

/// Any failure, said to the user as a line.
pub type Fail = Box<dyn std::error::Error>;

/// `--name value` pairs.
#[derive(Debug)]
pub struct Opts(BTreeMap<String, String>);

impl Opts {
    /// The pairs of `args` (the program name and the command already taken off).
    pub fn parse(mut args: impl Iterator<Item = String>) -> Result<Self, Fail> {
        let mut map = BTreeMap::new();
        while let Some(arg) = args.next() {
            let name = arg
                .strip_prefix("--")
                .ok_or_else(|| format!("unexpected argument `{arg}`"))?;
            let value = args
                .next()
                .ok_or_else(|| format!("--{name} needs a value"))?;
            map.insert(name.to_string(), value);
        }
        Ok(Self(map))
    }

    /// A required option.
    pub fn text(&self, name: &str) -> Result<&str, Fail> {
        self.0
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| format!("--{name} is required").into())
    }

    /// An option with a default.
    pub fn text_or<'a>(&'a self, name: &str, default: &'a str) -> &'a str {
        self.0.get(name).map_or(default, String::as_str)
    }

    /// An option read as a `T`, if given.
    pub fn optional<T: FromStr>(&self, name: &str) -> Result<Option<T>, Fail>
    where
        T::Err: std::fmt::Display,
    {
        self.0
            .get(name)
            .map(|v| {
                v.parse::<T>()
                    .map_err(|e| format!("--{name} `{v}`: {e}").into())
            })
            .transpose()
    }

    /// An option read as a `T`, or `default`.
    pub fn number<T: FromStr>(&self, name: &str, default: T) -> Result<T, Fail>
    where
        T::Err: std::fmt::Display,
    {
        Ok(self.optional(name)?.unwrap_or(default))
    }

    /// `--url`, without a trailing slash.
    pub fn url(&self) -> Result<String, Fail> {
        Ok(self.text("url")?.trim_end_matches('/').to_string())
    }

    /// `--now`, an RFC 3339 time.
    pub fn now(&self) -> Result<Timestamp, Fail> {
        Ok(self.text("now")?.parse()?)
    }
}

/// Prints one measurement, `key=value`, for the script to collect.
pub fn put(key: &str, value: impl std::fmt::Display) {
    println!("{key}={value}");
}
