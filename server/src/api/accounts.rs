//! Employers register; anyone with an account signs in and out.

use std::time::Instant;

use axum::Json as JsonOut;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};

use super::body::Json;
use super::limits::{Class, Subject};
use crate::AppState;
use crate::auth::{self, Caller};
use crate::error::ApiError;
use crate::store::{MarketStore, NewAccount, Role};

/// `POST /api/v1/accounts`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// The sign-in phone number: 11 digits, 13–19 first.
    #[schema(pattern = r"^1[3-9][0-9]{9}$")]
    phone: String,
    #[schema(min_length = 8, max_length = 128)]
    password: String,
    /// The employer's name as shown: 1 to 50 characters.
    #[schema(min_length = 1, max_length = 50)]
    name: String,
}

/// `POST /api/v1/session`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    phone: String,
    password: String,
}

/// A mainland mobile number: 11 digits starting 13–19.
pub(crate) fn check_phone(phone: &str) -> Result<(), ApiError> {
    let b = phone.as_bytes();
    let ok = b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit);
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid(
            "phone",
            "手机号应为11位数字 (an 11-digit mobile number)",
        ))
    }
}

/// Checks a new account's fields; the same rules for employers and staff.
pub fn check_new_account(phone: &str, password: &str, name: &str) -> Result<(), ApiError> {
    check_phone(phone)?;
    if !(8..=128).contains(&password.chars().count()) {
        return Err(ApiError::invalid(
            "password",
            "密码至少8位 (a password of 8 to 128 characters)",
        ));
    }
    super::applications::check_words("name", name, 50)
}

/// Creates an employer account: 201 `{id}`.
#[utoipa::path(post, path = "/api/v1/accounts", request_body = Registration, responses(
    (status = 201, description = "`{id}` of the new employer account"),
    (status = 409, description = "The phone number has an account", body = super::openapi::ErrorBody),
    (status = 422, description = "A field is impossible", body = super::openapi::ErrorBody)))]
pub async fn register<S: MarketStore>(
    State(state): State<AppState<S>>,
    Json(r): Json<Registration>,
) -> Result<(StatusCode, JsonOut<Value>), ApiError> {
    check_new_account(&r.phone, &r.password, &r.name)?;
    let account = NewAccount {
        phone: r.phone,
        name: r.name.trim().to_string(),
        role: Role::Employer,
        password_hash: auth::hash_password(&r.password)?,
        created_at: state.clock.now(),
    };
    let id = state.store.create_account(account).await?;
    Ok((StatusCode::CREATED, JsonOut(json!({"id": id}))))
}

#[utoipa::path(post, path = "/api/v1/session", request_body = SignIn, responses(
    (status = 204, description = "Signed in: an HttpOnly session cookie"),
    (status = 401, description = "Wrong phone or password", body = super::openapi::ErrorBody)))]
/// Signs in: 204 with a new session cookie. A wrong phone and a wrong password get the same
/// answer, so the API does not tell which phone numbers have accounts.
pub async fn sign_in<S: MarketStore>(
    State(state): State<AppState<S>>,
    caller: Caller,
    headers: HeaderMap,
    Json(s): Json<SignIn>,
) -> Result<(StatusCode, HeaderMap), ApiError> {
    // After five wrong passwords for a number, one try a minute, from anywhere.
    let tries = Subject::Phone(s.phone.clone());
    if let Some(limiter) = state.limiter() {
        limiter
            .check(Class::WrongPassword, tries.clone(), Instant::now())
            .map_err(ApiError::rate_limited)?;
    }
    let account = state.store.account_by_phone(&s.phone).await?;
    let check = account.as_ref().map_or(auth::PasswordCheck::Wrong, |a| {
        auth::check_password(&s.password, &a.password_hash)
    });
    let Some(account) = account.filter(|_| check != auth::PasswordCheck::Wrong) else {
        state.limit(Class::WrongPassword, tries).ok();
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "bad_credentials",
            "手机号或密码不对 (wrong phone or password)",
        ));
    };
    if check == auth::PasswordCheck::RightWithoutPepper {
        // Made before the pepper was set: kept with it from now on.
        let hash = auth::hash_password(&s.password)?;
        state.store.set_password_hash(account.id, &hash).await?;
    }
    // A new session id at every sign-in: one planted before it is worth nothing after.
    if caller.0.is_some()
        && let Some(old) = auth::session_token(&headers)
    {
        state.store.end_session(&auth::token_digest(&old)).await?;
    }
    let token = auth::new_token();
    let now = state.clock.now();
    let expires = linggong_core::Timestamp::from_unix_s(
        now.unix_s() + auth::SESSION_DAYS * 86_400,
        now.offset_min(),
    );
    state
        .store
        .create_session(&auth::token_digest(&token), account.id, expires)
        .await?;
    let mut out = HeaderMap::new();
    auth::set_cookie(
        &mut out,
        auth::session_cookie(&token, state.config.secure_cookies),
    );
    Ok((StatusCode::NO_CONTENT, out))
}

#[utoipa::path(delete, path = "/api/v1/session", responses((status = 204, description = "Signed out")))]
/// Signs out: 204, the session ended and the cookie taken back.
pub async fn sign_out<S: MarketStore>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
) -> Result<(StatusCode, HeaderMap), ApiError> {
    if let Some(token) = auth::session_token(&headers) {
        state.store.end_session(&auth::token_digest(&token)).await?;
    }
    let mut out = HeaderMap::new();
    auth::set_cookie(
        &mut out,
        auth::session_cookie("", state.config.secure_cookies),
    );
    Ok((StatusCode::NO_CONTENT, out))
}

#[utoipa::path(get, path = "/api/v1/session", responses(
    (status = 200, description = "`{id, phone, name, role}` of the signed-in account"),
    (status = 401, description = "Not signed in", body = super::openapi::ErrorBody)))]
/// Who is signed in: 200 `{id, phone, name, role}`; 401 signed out. The desk asks this
/// first (its session cookie is HttpOnly, out of its scripts' reach).
pub async fn who(caller: Caller) -> Result<JsonOut<Value>, ApiError> {
    let a = caller.account()?;
    Ok(JsonOut(
        json!({"id": a.id, "phone": a.phone, "name": a.name, "role": a.role}),
    ))
}
