//! The Content-Security-Policy the apps are served with: scripts only from the market itself
//! and the inline scripts its own pages carry (by their SHA-256, read from the built pages at
//! start), so a posting's text that slipped past every escape still runs nothing. The wasm
//! needs `'wasm-unsafe-eval'`; WebViews older than that keyword (Chrome < 97, iOS < 16, still
//! on many cheap phones) compile wasm only under `'unsafe-eval'`, which is allowed too: it lets
//! a script already running call `eval`, but no script gets to run that the market did not
//! ship.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy for pages whose inline scripts are `inline` (their exact text).
pub fn policy(inline: &[String]) -> String {
    let mut hashes: Vec<String> = inline
        .iter()
        .map(|s| {
            let digest = Sha256::digest(s.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    hashes.sort();
    hashes.dedup();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval' {}; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; \
         manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'",
        hashes.join(" ")
    )
}

/// The text of every inline `<script>` (one without `src`) in `html`.
pub fn inline_scripts(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let tag = &rest[..open_end];
        let body = &rest[open_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            found.push(body[..close].to_string());
        }
        rest = &body[close..];
    }
    found
}

/// The inline scripts of every `.html` file under `dir` (the built apps).
pub fn inline_scripts_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(inline_scripts_under(&path));
        } else if path.extension().is_some_and(|e| e == "html")
            && let Ok(html) = std::fs::read_to_string(&path)
        {
            found.extend(inline_scripts(&html));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_scripts_with_a_source_are_left_to_self() {
        let html = r#"<head><script>var a = 1;</script><script type="module" src="h5.js"></script>
            <script type="module">import init from '/app.js';</script></head>"#;
        let found = inline_scripts(html);
        assert_eq!(found, ["var a = 1;", "import init from '/app.js';"]);
        let csp = policy(&found);
        // SHA-256 of "var a = 1;", base64, as a browser computes it.
        let expected =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"var a = 1;"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert!(csp.contains("object-src 'none'") && !csp.contains("unsafe-inline"));
    }
}
