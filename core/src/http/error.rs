//! Graph's error JSON as a typed value, and the errors of building and reading a request.

use std::fmt;

use http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};

/// An error answer from Graph: `{"error": {"code", "message", "innerError", "details"}}`
/// with the status and headers it came with.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphError {
    /// HTTP status (4xx or 5xx).
    pub status: StatusCode,
    /// Response headers (`request-id`, `client-request-id`, `Retry-After`, ...).
    pub headers: HeaderMap,
    /// Machine-readable code (`Unauthorized`, `TooManyRequests`); branch on this.
    pub code: String,
    /// Text for developers; not localized and may change, so don't branch on it.
    pub message: String,
    /// `innerError` (any letter case): correlation ids and more specific codes.
    pub inner_error: Option<InnerError>,
    /// `details`: more errors of the same shape (batch and bulk operations).
    pub details: Vec<ErrorDetail>,
}

/// `innerError` / `innererror`, which may nest further, each level more specific.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InnerError {
    /// A more specific code, when given.
    pub code: Option<String>,
    /// A more specific message, when given.
    pub message: Option<String>,
    /// `request-id`: quote it when asking Microsoft for help.
    pub request_id: Option<String>,
    /// `client-request-id`: the id the caller sent, echoed back.
    pub client_request_id: Option<String>,
    /// `date`: when the error happened, as the service wrote it.
    pub date: Option<String>,
    /// A nested, more specific inner error.
    pub inner_error: Option<Box<InnerError>>,
    /// Every other member, unchanged (`status`, ...).
    pub other: Map<String, Value>,
}

/// One entry of `details`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErrorDetail {
    /// Machine-readable code.
    pub code: String,
    /// Text for developers.
    pub message: String,
    /// What the error is about, when given.
    pub target: Option<String>,
}

impl GraphError {
    /// Reads Graph's error JSON; `None` when `body` is not that shape (an HTML page from a
    /// proxy, an empty body, ...).
    pub fn from_response(status: StatusCode, headers: HeaderMap, body: &[u8]) -> Option<Self> {
        let value: Value = serde_json::from_slice(body).ok()?;
        let error = value.as_object()?.get("error")?.as_object()?;
        let code = error.get("code")?.as_str()?.to_owned();
        let message = string_member(error, "message").unwrap_or_default();
        Some(Self {
            status,
            headers,
            code,
            message,
            inner_error: inner_error_member(error).map(read_inner_error),
            details: read_details(error),
        })
    }

    /// The `request-id` from the inner error, else from the response header.
    pub fn request_id(&self) -> Option<&str> {
        self.inner_error
            .as_ref()
            .and_then(|inner| inner.request_id.as_deref())
            .or_else(|| header_str(&self.headers, "request-id"))
    }

    /// The `client-request-id` from the inner error, else from the response header.
    pub fn client_request_id(&self) -> Option<&str> {
        self.inner_error
            .as_ref()
            .and_then(|inner| inner.client_request_id.as_deref())
            .or_else(|| header_str(&self.headers, "client-request-id"))
    }

    /// The `date` of the inner error, else the `Date` header.
    pub fn date(&self) -> Option<&str> {
        self.inner_error
            .as_ref()
            .and_then(|inner| inner.date.as_deref())
            .or_else(|| header_str(&self.headers, "date"))
    }

    /// The deepest code in the `innerError` chain, else `code`: Graph's advice is to use the
    /// most detailed code you understand.
    pub fn most_specific_code(&self) -> &str {
        let mut best = self.code.as_str();
        let mut next = self.inner_error.as_ref();
        while let Some(inner) = next {
            if let Some(code) = inner.code.as_deref() {
                best = code;
            }
            next = inner.inner_error.as_deref();
        }
        best
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Graph answered {}: {}", self.status, self.code)?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request-id {id}")?;
            if let Some(date) = self.date() {
                write!(f, ", date {date}")?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl std::error::Error for GraphError {}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

fn string_member(object: &Map<String, Value>, name: &str) -> Option<String> {
    object.get(name).and_then(Value::as_str).map(str::to_owned)
}

/// `innerError` and `innererror` both occur, so the key is matched without regard to case.
fn inner_error_member(object: &Map<String, Value>) -> Option<&Map<String, Value>> {
    object
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("innererror"))
        .and_then(|(_, value)| value.as_object())
}

fn read_inner_error(object: &Map<String, Value>) -> InnerError {
    let mut inner = InnerError::default();
    for (key, value) in object {
        let text = || value.as_str().map(str::to_owned);
        match key.as_str() {
            "code" => inner.code = text(),
            "message" => inner.message = text(),
            "request-id" => inner.request_id = text(),
            "client-request-id" => inner.client_request_id = text(),
            "date" => inner.date = text(),
            _ if key.eq_ignore_ascii_case("innererror") => {
                inner.inner_error = value
                    .as_object()
                    .map(|nested| Box::new(read_inner_error(nested)));
            }
            _ => {
                inner.other.insert(key.clone(), value.clone());
            }
        }
    }
    inner
}

fn read_details(error: &Map<String, Value>) -> Vec<ErrorDetail> {
    let Some(details) = error.get("details").and_then(Value::as_array) else {
        return Vec::new();
    };
    details
        .iter()
        .filter_map(Value::as_object)
        .map(|detail| ErrorDetail {
            code: string_member(detail, "code").unwrap_or_default(),
            message: string_member(detail, "message").unwrap_or_default(),
            target: string_member(detail, "target"),
        })
        .collect()
}

/// The start of a body for an error message: at most `limit` bytes, invalid UTF-8 (or a
/// character cut at the limit) shown as U+FFFD.
pub fn excerpt(body: &[u8], limit: usize) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(limit)]).into_owned();
    if body.len() > limit {
        format!("{text}...")
    } else {
        text
    }
}
