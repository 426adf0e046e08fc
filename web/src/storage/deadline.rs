//! A time limit on a storage call: IndexedDB in some WebViews never answers (a blocked
//! upgrade, a connection lost while the app was in the background), and a seeker must not
//! wait on it for ever.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::Poll;

use js_sys::Promise;
use wasm_bindgen_futures::JsFuture;

use super::StoreError;

/// How long a storage call may take before it counts as failed.
pub const STORAGE_DEADLINE_MS: i32 = 4000;

/// A future that is ready after `ms` milliseconds (the browser's `setTimeout`).
pub fn sleep(ms: i32) -> JsFuture {
    JsFuture::from(Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    }))
}

/// `work`'s result, or [`StoreError::Unavailable`] if it takes longer than `ms`.
pub async fn within<T>(
    ms: i32,
    work: impl Future<Output = Result<T, StoreError>>,
) -> Result<T, StoreError> {
    let mut timer = pin!(sleep(ms));
    let mut work = pin!(work);
    poll_fn(|cx| {
        if let Poll::Ready(result) = work.as_mut().poll(cx) {
            return Poll::Ready(result);
        }
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Err(StoreError::Unavailable(format!(
                "没有在 {ms} 毫秒内响应 (no answer within {ms} ms)"
            ))));
        }
        Poll::Pending
    })
    .await
}
