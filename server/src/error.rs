//! The one error every route answers with: `{"error": {"code", "message", "field"?}}` and a
//! 4xx status for anything the caller can mend; a 500 only for the server's own failures,
//! whose detail goes to the log, not to the caller.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use linggong_core::Finding;
use serde_json::json;

use crate::store::StoreError;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<String>,
    findings: Vec<Finding>,
    retry_after: Option<u64>,
}

impl ApiError {
    /// An error with a status, a stable machine code and a message for people.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            field: None,
            findings: Vec::new(),
            retry_after: None,
        }
    }

    /// 429: a limit was reached; try again after `wait` (`Retry-After` in whole seconds).
    pub fn rate_limited(wait: std::time::Duration) -> Self {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let mut error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!(
                "请求太频繁，请 {seconds} 秒后再试 (too many requests; try again in {seconds} s)"
            ),
        );
        error.retry_after = Some(seconds);
        error
    }

    /// 400: the request itself is malformed.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 422: well-formed, but a value is impossible.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message).with_field(field)
    }

    /// 401: sign in first.
    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "请先登录 (sign in first)",
        )
    }

    /// 403: signed in, but not allowed.
    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "没有权限 (not allowed for this account)",
        )
    }

    /// 404.
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} not found"),
        )
    }

    /// A storage error about `what`: "not found" names it; anything else as usual.
    pub fn from_store_about(what: &'static str) -> impl Fn(StoreError) -> Self {
        move |e| match e {
            StoreError::NotFound => Self::not_found(what),
            other => other.into(),
        }
    }

    /// Names the field that is wrong.
    pub fn with_field(mut self, field: &str) -> Self {
        self.field = (!field.is_empty()).then(|| field.to_string());
        self
    }

    /// Carries the audit's findings along.
    pub fn with_findings(mut self, findings: Vec<Finding>) -> Self {
        self.findings = findings;
        self
    }

    /// The status it answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{field}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ApiError {}

impl From<linggong_core::Error> for ApiError {
    fn from(e: linggong_core::Error) -> Self {
        let field = match &e {
            linggong_core::Error::Parse { field, .. }
            | linggong_core::Error::Invalid { field, .. } => field.clone(),
            _ => String::new(),
        };
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", e.to_string()).with_field(&field)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(what) => Self::new(
                StatusCode::CONFLICT,
                "conflict",
                format!("{what} exists already"),
            ),
            StoreError::NotFound => Self::not_found("record"),
            StoreError::WrongState(current) => Self::new(
                StatusCode::CONFLICT,
                "wrong_state",
                format!("not allowed while the posting is {}", current.as_str()),
            ),
            StoreError::WrongApplicationState(current) => Self::new(
                StatusCode::CONFLICT,
                "wrong_state",
                format!("not allowed while the application is {}", current.as_str()),
            ),
            StoreError::NotYourStep => Self::forbidden(),
            other => {
                eprintln!("linggong-server: storage failed: {other}");
                Self::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the server failed; try again",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = json!({"code": self.code, "message": self.message});
        if let Some(field) = self.field {
            error["field"] = json!(field);
        }
        let mut body = json!({"error": error});
        if !self.findings.is_empty() {
            body["findings"] = json!(self.findings);
        }
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}
