//! Graph's error responses: `{"error": {"code", "message", "innerError": {...}}}`.
//!
//! Handlers return an [`ApiError`]; its `IntoResponse` only parks it in the response's
//! extensions, and the envelope middleware (`routes`) writes the body, because only the
//! middleware knows the request id and date that every error body must carry.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A documented Graph error: status, machine-readable code and developer message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// Graph's `error.code`, the value clients branch on.
    pub code: String,
    /// Graph's `error.message`, for people.
    pub message: String,
    /// `Retry-After`, for throttling and unavailability.
    pub retry_after: Option<Duration>,
}

impl ApiError {
    /// An error with any status and code.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message: message.into(),
            retry_after: None,
        }
    }

    /// `400 BadRequest`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BadRequest", message)
    }

    /// `401 InvalidAuthenticationToken`.
    pub fn invalid_token(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            message,
        )
    }

    /// `403 Forbidden`: the token lacks a permission or cannot act for this user.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "Forbidden", message)
    }

    /// `404 NotFound`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "NotFound", message)
    }

    /// `429 TooManyRequests` with `Retry-After`, shaped like Graph's throttling sample.
    pub fn too_many_requests(retry_after: Duration) -> Self {
        Self::unavailable(StatusCode::TOO_MANY_REQUESTS, retry_after)
    }

    /// A `429`, `5xx` answer that says when to come back, with Graph's code for the status.
    pub fn unavailable(status: StatusCode, retry_after: Duration) -> Self {
        let (code, message) = match status {
            StatusCode::TOO_MANY_REQUESTS => ("TooManyRequests", "Please retry again later."),
            StatusCode::SERVICE_UNAVAILABLE => (
                "serviceNotAvailable",
                "The service is temporarily unavailable.",
            ),
            StatusCode::GATEWAY_TIMEOUT => ("gatewayTimeout", "The gateway timed out."),
            StatusCode::BAD_GATEWAY => ("badGateway", "The gateway got no valid answer."),
            _ => ("generalException", "An unspecified error has occurred."),
        };
        Self {
            retry_after: Some(retry_after),
            ..Self::new(status, code, message)
        }
    }

    /// A generic error for a status that no handler described (e.g. a framework rejection).
    pub fn from_status(status: StatusCode) -> Self {
        let code = match status {
            StatusCode::NOT_FOUND => "NotFound",
            StatusCode::METHOD_NOT_ALLOWED => "MethodNotAllowed",
            StatusCode::PAYLOAD_TOO_LARGE => "RequestEntityTooLarge",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "UnsupportedMediaType",
            status if status.is_server_error() => "InternalServerError",
            _ => "BadRequest",
        };
        let reason = status.canonical_reason().unwrap_or("Error");
        Self::new(status, code, reason)
    }

    /// The JSON body, with the request id and date the envelope supplies.
    pub fn body(&self, request_id: &str, client_request_id: Option<&str>, date: &str) -> Vec<u8> {
        let mut inner = json!({ "date": date, "request-id": request_id });
        if let Some(client_request_id) = client_request_id {
            inner["client-request-id"] = json!(client_request_id);
        }
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            inner["code"] = json!("429");
            inner["status"] = json!("429");
        }
        let body = json!({
            "error": { "code": self.code, "message": self.message, "innerError": inner }
        });
        body.to_string().into_bytes()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        if let Some(wait) = self.retry_after {
            // Whole seconds as Graph writes them; a fraction (`0.25`) when there is one.
            let text = if wait.subsec_nanos() == 0 {
                wait.as_secs().to_string()
            } else {
                format!("{:.3}", wait.as_secs_f64())
            };
            if let Ok(value) = HeaderValue::from_str(&text) {
                response.headers_mut().insert("retry-after", value);
            }
        }
        response.extensions_mut().insert(self);
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_has_graph_shape() {
        let error = ApiError::bad_request("bad \"thing\"");
        let body: serde_json::Value =
            serde_json::from_slice(&error.body("rid", Some("cid"), "2026-01-01T00:00:00")).unwrap();
        assert_eq!(body["error"]["code"], "BadRequest");
        assert_eq!(body["error"]["message"], "bad \"thing\"");
        assert_eq!(body["error"]["innerError"]["request-id"], "rid");
        assert_eq!(body["error"]["innerError"]["client-request-id"], "cid");
        assert_eq!(body["error"]["innerError"]["date"], "2026-01-01T00:00:00");
    }

    #[test]
    fn throttling_carries_retry_after_and_inner_status() {
        let error = ApiError::too_many_requests(Duration::from_secs(1));
        let response = error.clone().into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()["retry-after"], "1");
        let body: serde_json::Value = serde_json::from_slice(&error.body("r", None, "d")).unwrap();
        assert_eq!(body["error"]["innerError"]["status"], "429");
    }
}
