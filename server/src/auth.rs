//! Who is calling: passwords (Argon2id), sessions (a random token in an HttpOnly cookie,
//! stored only by its digest) and the [`Caller`] every route reads.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use blake2::{Blake2s256, Digest};

use crate::AppState;
use crate::error::ApiError;
use crate::store::{Account, MarketStore, Role};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "linggong_session";
/// How long a session lasts: a week, so an employer on a phone is not asked every day.
pub const SESSION_DAYS: i64 = 7;

/// The environment variable that holds the password pepper: a secret kept outside the
/// database, so a copy of the database alone cannot test guesses against the hashes.
pub const PEPPER_VAR: &str = "LINGGONG_PASSWORD_PEPPER";

/// The pepper of this process, read once (none when the variable is unset or empty).
fn pepper() -> Option<&'static [u8]> {
    static PEPPER: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    PEPPER
        .get_or_init(|| {
            std::env::var(PEPPER_VAR)
                .ok()
                .filter(|p| !p.is_empty())
                .map(String::into_bytes)
        })
        .as_deref()
}

/// Argon2id with its default parameters, keyed by `pepper` when there is one.
fn argon(pepper: Option<&[u8]>) -> Result<Argon2<'_>, argon2::Error> {
    match pepper {
        None => Ok(Argon2::default()),
        Some(secret) => Argon2::new_with_secret(
            secret,
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::default(),
        ),
    }
}

/// An Argon2id hash of `password` (PHC string, a fresh random salt), with the pepper from
/// [`PEPPER_VAR`] when it is set.
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    hash_with(password, pepper())
}

/// [`hash_password`] with the pepper given.
pub fn hash_with(password: &str, pepper: Option<&[u8]>) -> Result<String, ApiError> {
    let unusable = |e: &dyn std::fmt::Display| {
        ApiError::invalid("password", format!("cannot hash the password: {e}"))
    };
    let argon = argon(pepper).map_err(|e| unusable(&e))?;
    argon
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| unusable(&e))
}

/// How a password compares with a stored hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordCheck {
    /// It does not match.
    Wrong,
    /// It matches.
    Right,
    /// It matches a hash made before the pepper was set: hash it again with the pepper.
    RightWithoutPepper,
}

/// Whether `password` matches the stored hash (with this process's pepper).
pub fn check_password(password: &str, hash: &str) -> PasswordCheck {
    check_with(password, hash, pepper())
}

/// [`check_password`] with the pepper given.
pub fn check_with(password: &str, hash: &str, pepper: Option<&[u8]>) -> PasswordCheck {
    let matches = |pepper| {
        let Ok(parsed) = argon2::PasswordHash::new(hash) else {
            return false;
        };
        argon(pepper).is_ok_and(|a| a.verify_password(password.as_bytes(), &parsed).is_ok())
    };
    if matches(pepper) {
        PasswordCheck::Right
    } else if pepper.is_some() && matches(None) {
        PasswordCheck::RightWithoutPepper
    } else {
        PasswordCheck::Wrong
    }
}

/// A new session token: 244 random bits as hex.
pub fn new_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// What the database keeps of a token: a copy of the database signs nobody in.
pub fn token_digest(token: &str) -> String {
    crate::hex::encode(&Blake2s256::digest(token.as_bytes()))
}

/// The `Set-Cookie` value that hands a session to the browser (or, with an empty token,
/// takes it back).
pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    let max_age = if token.is_empty() {
        0
    } else {
        SESSION_DAYS * 86_400
    };
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    );
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Adds a `Set-Cookie` header.
pub fn set_cookie(headers: &mut HeaderMap, cookie: HeaderValue) {
    headers.append(SET_COOKIE, cookie);
}

/// The session token a request carries, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|t| !t.is_empty())
}

/// The signed-in account of a request, if any.
#[derive(Debug, Clone)]
pub struct Caller(pub Option<Account>);

impl Caller {
    /// The account, or 401.
    pub fn account(&self) -> Result<&Account, ApiError> {
        self.0.as_ref().ok_or_else(ApiError::unauthenticated)
    }

    /// The account when it has `role`; 401 signed out, 403 otherwise.
    pub fn with_role(&self, role: Role) -> Result<&Account, ApiError> {
        let account = self.account()?;
        if account.role == role {
            Ok(account)
        } else {
            Err(ApiError::forbidden())
        }
    }

    /// Whether the caller is staff.
    pub fn is_staff(&self) -> bool {
        self.0.as_ref().is_some_and(|a| a.role == Role::Staff)
    }
}

impl<S: MarketStore> FromRequestParts<AppState<S>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState<S>) -> Result<Self, ApiError> {
        let Some(token) = session_token(&parts.headers) else {
            return Ok(Self(None));
        };
        let account = state
            .store
            .session_account(&token_digest(&token), state.clock.now())
            .await?;
        Ok(Self(account))
    }
}

/// The name of the server key that application tokens are made with.
pub const APPLICATION_KEY: &str = "application-token";

/// The token that shows a seeker's phone the application `id`: the BLAKE2s digest of the
/// server's key followed by the id. BLAKE2 is not open to length extension, so keyed this
/// way it is a MAC; the token is made again from the id when asked for and never stored.
pub fn application_token(key: &[u8; 32], id: &str) -> String {
    keyed_digest(key, id)
}

/// The BLAKE2s digest of `key` followed by `text`, hex: a MAC (BLAKE2 is not open to length
/// extension). Application tokens and the ledger's seeker hashes are made with it.
pub fn keyed_digest(key: &[u8; 32], text: &str) -> String {
    let mut hasher = Blake2s256::new();
    hasher.update(key);
    hasher.update(text.as_bytes());
    crate::hex::encode(&hasher.finalize())
}

/// The bearer token a request carries, if any (`Authorization: Bearer TOKEN`).
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Whether two secrets are equal, in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

#[cfg(test)]
mod pepper_tests {
    use super::*;

    #[test]
    fn a_peppered_hash_needs_the_pepper_and_an_old_hash_is_recognised_for_rehashing() {
        let pepper = Some(&b"kept-outside-the-database"[..]);
        let peppered = hash_with("a-long-password", pepper).unwrap();
        assert_eq!(
            check_with("a-long-password", &peppered, pepper),
            PasswordCheck::Right
        );
        assert_eq!(
            check_with("a-long-password", &peppered, None),
            PasswordCheck::Wrong
        );
        assert_eq!(
            check_with("a-long-password", &peppered, Some(b"another")),
            PasswordCheck::Wrong
        );
        assert_eq!(
            check_with("wrong-password", &peppered, pepper),
            PasswordCheck::Wrong
        );
        let old = hash_with("a-long-password", None).unwrap();
        assert_eq!(
            check_with("a-long-password", &old, pepper),
            PasswordCheck::RightWithoutPepper
        );
        assert_eq!(
            check_with("a-long-password", &old, None),
            PasswordCheck::Right
        );
        assert_eq!(check_with("x", "not a hash", pepper), PasswordCheck::Wrong);
    }
}
