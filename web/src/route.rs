//! The app's pages and their paths.
//!
//! `Routable` is written out by hand: the derive builds a general route recogniser at run
//! time, ~20 KB of wasm for nine fixed paths and one parameter. A gig id is percent-encoded in
//! its path, so any id (with `/`, `?`, `#` or Chinese in it) makes a working link.

use std::collections::HashMap;

use yew_router::Routable;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// 附近零工.
    Nearby,
    /// 零工详情.
    Gig { id: String },
    /// 求职登记.
    Register,
    /// 为我推荐.
    Matches,
    /// 零工市场.
    Markets,
    /// 设置.
    Settings,
    /// Any other path.
    NotFound,
}

/// The pages without parameters, by path.
const FIXED: [(&str, Route); 6] = [
    ("/", Route::Nearby),
    ("/register", Route::Register),
    ("/matches", Route::Matches),
    ("/markets", Route::Markets),
    ("/settings", Route::Settings),
    ("/404", Route::NotFound),
];
const GIG_PREFIX: &str = "/gig/";

impl Routable for Route {
    fn from_path(path: &str, params: &HashMap<&str, &str>) -> Option<Self> {
        match path {
            "/gig/:id" => params.get("id").and_then(|id| gig(id)),
            _ => fixed(path),
        }
    }

    fn to_path(&self) -> String {
        match self {
            Route::Gig { id } => format!("{GIG_PREFIX}{}", percent_encode(id)),
            other => FIXED
                .iter()
                .find(|(_, r)| r == other)
                .map_or("/404", |(path, _)| path)
                .to_string(),
        }
    }

    fn routes() -> Vec<&'static str> {
        let mut paths: Vec<&str> = FIXED.iter().map(|(path, _)| *path).collect();
        paths.insert(1, "/gig/:id");
        paths
    }

    fn not_found_route() -> Option<Self> {
        Some(Route::NotFound)
    }

    fn recognize(pathname: &str) -> Option<Self> {
        let path = match pathname.strip_suffix('/') {
            Some(rest) if !rest.is_empty() => rest,
            _ => pathname,
        };
        let found = match path.strip_prefix(GIG_PREFIX) {
            Some(id) if !id.contains('/') => gig(id),
            _ => fixed(path),
        };
        found.or(Some(Route::NotFound))
    }
}

fn fixed(path: &str) -> Option<Route> {
    FIXED
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, r)| r.clone())
}

fn gig(encoded_id: &str) -> Option<Route> {
    percent_decode(encoded_id)
        .filter(|id| !id.is_empty())
        .map(|id| Route::Gig { id })
}

/// Every byte but ASCII letters, digits and `-._~` as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `%XX` back to bytes; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_route() -> Vec<Route> {
        let mut routes: Vec<Route> = FIXED.iter().map(|(_, r)| r.clone()).collect();
        for id in ["nj-0042", "a/b?c#d", "南京 1号", "100%"] {
            routes.push(Route::Gig { id: id.into() });
        }
        routes
    }

    #[test]
    fn every_route_comes_back_from_its_own_path() {
        for route in every_route() {
            let path = route.to_path();
            assert_eq!(Route::recognize(&path), Some(route.clone()), "{path}");
        }
    }

    #[test]
    fn a_gig_id_with_slashes_or_chinese_is_escaped_in_its_path() {
        let route = Route::Gig {
            id: "a/b?c#d".into(),
        };
        assert_eq!(route.to_path(), "/gig/a%2Fb%3Fc%23d");
        let route = Route::Gig { id: "南".into() };
        assert_eq!(route.to_path(), "/gig/%E5%8D%97");
    }

    #[test]
    fn a_trailing_slash_is_the_same_page() {
        assert_eq!(Route::recognize("/register/"), Some(Route::Register));
        assert_eq!(
            Route::recognize("/gig/x1/"),
            Some(Route::Gig { id: "x1".into() })
        );
        assert_eq!(Route::recognize("/"), Some(Route::Nearby));
    }

    #[test]
    fn unknown_paths_and_broken_escapes_are_not_found() {
        for path in [
            "/nope",
            "/gig/",
            "/gig/a/b",
            "/gig/%E5%8",
            "/gig/%zz",
            "/registerx",
            "",
        ] {
            assert_eq!(Route::recognize(path), Some(Route::NotFound), "{path}");
        }
    }

    #[test]
    fn from_path_answers_each_listed_pattern() {
        let params = HashMap::from([("id", "nj%2D1")]);
        for pattern in Route::routes() {
            let route = Route::from_path(pattern, &params);
            assert!(route.is_some(), "{pattern}");
            assert_eq!(
                route.map(|r| r.to_path().starts_with(pattern.trim_end_matches(":id"))),
                Some(true)
            );
        }
        assert_eq!(
            Route::from_path("/gig/:id", &params),
            Some(Route::Gig { id: "nj-1".into() })
        );
    }
}
