//! Request bodies: JSON read by serde with unknown fields refused, and every failure a 4xx
//! in the API's error shape (axum's own rejections are plain text).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A request body as UTF-8 text, within the route's size limit.
#[derive(Debug)]
pub struct Text(pub String);

impl<S: Send + Sync> FromRequest<S> for Text {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            let status = e.status();
            let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
                "too_large"
            } else {
                "bad_request"
            };
            ApiError::new(status, code, e.body_text())
        })?;
        String::from_utf8(bytes.to_vec()).map(Self).map_err(|e| {
            ApiError::bad_request(format!(
                "the body is not UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            ))
        })
    }
}

/// A query string read into `T` (which refuses unknown parameters); a 400 in the API's
/// error shape when it does not fit.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> axum::extract::FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(q)| Self(q))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// A JSON body as text (the content type checked), for readers that name the field at
/// fault themselves (core's posting reader).
#[derive(Debug)]
pub struct JsonText(pub String);

impl<S: Send + Sync> FromRequest<S> for JsonText {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let json_type = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !json_type {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send JSON with Content-Type: application/json",
            ));
        }
        let Text(text) = Text::from_request(req, state).await?;
        Ok(Self(text))
    }
}

/// A JSON body read into `T` (which refuses unknown fields).
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let JsonText(text) = JsonText::from_request(req, state).await?;
        serde_json::from_str(&text)
            .map(Self)
            .map_err(|e| ApiError::bad_request(format!("the body is not the JSON expected: {e}")))
    }
}
