//! When and how long to wait before sending a request again.

use std::time::{Duration, SystemTime};

use http::header::RETRY_AFTER;
use http::{HeaderMap, StatusCode};

use crate::http::RetrySafety;

/// Bounds on retrying throttled (`429`) and unavailable (`503`, `504`) answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 turns retrying off).
    pub max_retries: u32,
    /// Total time the waits may add up to; a `Retry-After` beyond it ends the retries.
    pub max_total_wait: Duration,
    /// First backoff step when the server gives no `Retry-After`; doubled each retry.
    pub base_delay: Duration,
    /// Longest single backoff step.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 4,
            max_total_wait: Duration::from_secs(60),
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Exponential backoff with jitter for retry number `retry` (1-based): a random wait
    /// between half and all of `base_delay * 2^(retry-1)`, capped at `max_delay`, so many
    /// clients throttled together do not come back together.
    pub fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(20);
        let step = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        let half = step / 2;
        let jitter_range = step.saturating_sub(half).as_nanos().max(1);
        let jitter = fastrand::u128(..jitter_range);
        half + Duration::from_nanos(u64::try_from(jitter).unwrap_or(u64::MAX))
    }

    /// How long to wait before retry number `retry` after an answer with `headers`: its
    /// `Retry-After` when readable, else [`RetryPolicy::backoff`].
    pub fn wait_after(&self, headers: &HeaderMap, retry: u32) -> Duration {
        headers
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, SystemTime::now()))
            .unwrap_or_else(|| self.backoff(retry))
    }
}

/// Whether an answer with `status` may be retried for an endpoint of this safety.
///
/// `429` means the service throttled the request before acting on it, so even a create is
/// retried. `503` and `504` may come after the service acted (a gateway timed out while the
/// backend created the meeting), so only idempotent requests are retried on them.
pub fn status_is_retryable(status: StatusCode, safety: RetrySafety) -> bool {
    match status.as_u16() {
        429 => true,
        503 | 504 => safety == RetrySafety::Idempotent,
        _ => false,
    }
}

/// Reads `Retry-After`: whole or fractional seconds (`2`, `2.128`) or an HTTP date.
/// A date in the past means "now"; anything unreadable is `None` (the caller backs off).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0)
            .then(|| Duration::try_from_secs_f64(seconds).ok())
            .flatten();
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}
