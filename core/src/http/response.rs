//! Reading an `http::Response<Vec<u8>>` into the typed result or a typed error.

use std::fmt;

use http::{HeaderMap, StatusCode};

use super::error::excerpt;
use super::{Endpoint, GraphError};

/// How many bytes of an unexpected body an error message shows.
const EXCERPT_BYTES: usize = 200;

/// The answer was not the documented success.
#[derive(Debug)]
#[non_exhaustive]
pub enum ResponseError {
    /// Graph answered with its error JSON (4xx/5xx).
    Graph(Box<GraphError>),
    /// A status the endpoint does not document, without Graph's error JSON (a proxy's HTML
    /// page, a `302`, a `200` where `201` was documented, ...).
    UnexpectedStatus(Box<UnexpectedStatus>),
    /// The success body is not what the endpoint returns.
    Decode {
        /// The endpoint, as `POST /me/onlineMeetings`.
        endpoint: String,
        /// The status received.
        status: StatusCode,
        /// Where and why reading failed (JSON pointer, line, column, excerpt).
        error: crate::json::DecodeError,
    },
    /// A lookup by filter returned more than the one item it is documented to return.
    UnexpectedCount {
        /// The endpoint, as `GET /me/onlineMeetings?$filter=...`.
        endpoint: String,
        /// How many items came back.
        count: usize,
    },
}

/// A status the endpoint does not document, without Graph's error JSON.
#[derive(Clone, Debug)]
pub struct UnexpectedStatus {
    /// The endpoint, as `POST /me/onlineMeetings`.
    pub endpoint: String,
    /// The status received.
    pub status: StatusCode,
    /// The response headers (`Location` of a redirect, ...).
    pub headers: HeaderMap,
    /// The start of the body.
    pub excerpt: String,
}

impl ResponseError {
    /// The HTTP status, where there was one with a body.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Graph(error) => Some(error.status),
            Self::UnexpectedStatus(unexpected) => Some(unexpected.status),
            Self::Decode { status, .. } => Some(*status),
            Self::UnexpectedCount { .. } => None,
        }
    }

    /// The Graph error, when the service sent one.
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Self::Graph(error) => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Graph(error) => error.fmt(f),
            Self::UnexpectedStatus(unexpected) => write!(
                f,
                "{}: unexpected status {} with body `{}`",
                unexpected.endpoint, unexpected.status, unexpected.excerpt
            ),
            Self::Decode {
                endpoint,
                status,
                error,
            } => write!(f, "{endpoint}: cannot read the {status} response: {error}"),
            Self::UnexpectedCount { endpoint, count } => write!(
                f,
                "{endpoint}: expected at most one item, the service returned {count}"
            ),
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Graph(error) => Some(error.as_ref()),
            Self::Decode { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// In a response's extensions, makes the `parse_*` functions read strictly: a value that does
/// not fit its declared type fails the read instead of being kept in its model's additional
/// data. [`super::GraphRequest::parse_response`] puts it there for a request built with
/// [`super::RequestOptions::strict_reading`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StrictReading;

/// Whether `extensions` (of a request or a response) ask for strict reading.
pub(crate) fn is_strict(extensions: &http::Extensions) -> bool {
    extensions.get::<StrictReading>().is_some()
}

/// Splits a response whose status `endpoint` documents as success into status and body;
/// anything else becomes a [`ResponseError`].
pub fn expect_success(
    endpoint: &Endpoint,
    response: http::Response<Vec<u8>>,
) -> Result<(StatusCode, Vec<u8>), ResponseError> {
    let (parts, body) = response.into_parts();
    if endpoint.success.contains(&parts.status.as_u16()) {
        return Ok((parts.status, body));
    }
    Err(refusal(endpoint, http::Response::from_parts(parts, body)))
}

/// The error for an answer that is not a success: Graph's error JSON when a `4xx`/`5xx`
/// carries it, else the status with the start of the body.
pub fn refusal(endpoint: &Endpoint, response: http::Response<Vec<u8>>) -> ResponseError {
    let (parts, body) = response.into_parts();
    if parts.status.is_client_error() || parts.status.is_server_error() {
        if let Some(error) = GraphError::from_response(parts.status, parts.headers.clone(), &body) {
            return ResponseError::Graph(Box::new(error));
        }
    }
    ResponseError::UnexpectedStatus(Box::new(UnexpectedStatus {
        endpoint: endpoint.describe(),
        status: parts.status,
        headers: parts.headers,
        excerpt: excerpt(&body, EXCERPT_BYTES),
    }))
}

/// Reads a success body as one `T` (create, get by id, update).
pub fn parse_entity<T: crate::json::FromJson>(
    endpoint: &'static Endpoint,
    response: http::Response<Vec<u8>>,
) -> Result<T, ResponseError> {
    match success(endpoint, response) {
        Ok(answer) => decode(endpoint, &answer),
        Err(error) => Err(error),
    }
}

/// A createOrGet answer: `201` when the call created the item, `200` when it already existed.
#[derive(Clone, Debug, PartialEq)]
pub enum CreatedOrExisting<T> {
    /// `201 Created`: this call created it.
    Created(T),
    /// `200 OK`: an earlier call had created it; this is that item.
    Existing(T),
}

impl<T> CreatedOrExisting<T> {
    /// The item, either way.
    pub fn into_inner(self) -> T {
        match self {
            Self::Created(item) | Self::Existing(item) => item,
        }
    }

    /// Whether this call created it.
    pub fn was_created(&self) -> bool {
        matches!(self, Self::Created(_))
    }
}

/// Reads a createOrGet answer (`201` or `200`, both with the item).
pub fn parse_created_or_existing<T: crate::json::FromJson>(
    endpoint: &'static Endpoint,
    response: http::Response<Vec<u8>>,
) -> Result<CreatedOrExisting<T>, ResponseError> {
    let answer = success(endpoint, response)?;
    let item = decode(endpoint, &answer)?;
    Ok(if answer.status == StatusCode::CREATED {
        CreatedOrExisting::Created(item)
    } else {
        CreatedOrExisting::Existing(item)
    })
}

/// Reads a `204 No Content` answer (delete); a body, if any, is ignored.
pub fn parse_no_content(
    endpoint: &'static Endpoint,
    response: http::Response<Vec<u8>>,
) -> Result<(), ResponseError> {
    expect_success(endpoint, response).map(|_| ())
}

/// Reads an update's answer: the entity (`200`), or nothing (`204 No Content`).
pub fn parse_optional_entity<T: crate::json::FromJson>(
    endpoint: &'static Endpoint,
    response: http::Response<Vec<u8>>,
) -> Result<Option<T>, ResponseError> {
    match success(endpoint, response) {
        Ok(answer) if answer.body.iter().all(u8::is_ascii_whitespace) => Ok(None),
        Ok(answer) => match decode(endpoint, &answer) {
            Ok(entity) => Ok(Some(entity)),
            Err(error) => Err(error),
        },
        Err(error) => Err(error),
    }
}

/// Reads `{"value": x}`, the answer of a function or action returning one primitive or
/// enumeration value.
pub fn parse_value<T: crate::json::FromJson>(
    endpoint: &'static Endpoint,
    response: http::Response<Vec<u8>>,
) -> Result<T, ResponseError> {
    match success(endpoint, response) {
        Ok(answer) => match decode::<super::collection::Wrapped<T>>(endpoint, &answer) {
            Ok(wrapped) => Ok(wrapped.0),
            Err(error) => Err(error),
        },
        Err(error) => Err(error),
    }
}

/// Reads the answer of a function or action returning one complex value: the object itself,
/// as OData writes it (`createUploadSession`), or wrapped in `{"value": x}`, as some of
/// Graph's docs show it.
pub fn parse_complex<T: crate::json::FromJson>(
    endpoint: &'static Endpoint,
    response: http::Response<Vec<u8>>,
) -> Result<T, ResponseError> {
    match success(endpoint, response) {
        Ok(answer) if only_value_member(&answer.body) => {
            match decode::<super::collection::Wrapped<T>>(endpoint, &answer) {
                Ok(wrapped) => Ok(wrapped.0),
                // A complex value whose one property present is called `value`.
                Err(error) => decode(endpoint, &answer).map_err(|_| error),
            }
        }
        Ok(answer) => decode(endpoint, &answer),
        Err(error) => Err(error),
    }
}

/// Whether `body` is an object whose members, annotations aside, are just `value`.
fn only_value_member(body: &[u8]) -> bool {
    let Ok(mut reader) = crate::json::Reader::from_slice(body) else {
        return false;
    };
    if reader.begin_object().is_err() {
        return false;
    }
    let mut has_value = false;
    let mut first = true;
    loop {
        match reader.next_key(first) {
            Ok(Some(key)) if key == "value" => has_value = true,
            Ok(Some(key)) if key.starts_with('@') => {}
            Ok(None) => return has_value,
            Ok(Some(_)) | Err(_) => return false,
        }
        first = false;
        if reader.skip_value().is_err() {
            return false;
        }
    }
}

/// Reads a stream's bytes (`GET .../content`, `.../$value`) as they came.
pub fn parse_bytes(
    endpoint: &'static Endpoint,
    response: http::Response<Vec<u8>>,
) -> Result<Vec<u8>, ResponseError> {
    expect_success(endpoint, response).map(|(_, body)| body)
}

/// Reads `$count`: a plain-text integer.
pub fn parse_count(
    endpoint: &'static Endpoint,
    response: http::Response<Vec<u8>>,
) -> Result<u64, ResponseError> {
    let answer = success(endpoint, response)?;
    decode(endpoint, &answer)
}

/// Reads `{"value": [...]}` holding at most one item (lookups by `joinWebUrl` or
/// `joinMeetingId`): `None` when empty, an error when more than one came back.
pub fn parse_single_from_collection<T: crate::json::FromJson>(
    endpoint: &'static Endpoint,
    response: http::Response<Vec<u8>>,
) -> Result<Option<T>, ResponseError> {
    let answer = success(endpoint, response)?;
    let page: super::collection::ValuePage<T> = decode(endpoint, &answer)?;
    let count = page.value.len();
    let mut items = page.value.into_iter();
    match (items.next(), count) {
        (None, _) => Ok(None),
        (Some(item), 1) => Ok(Some(item)),
        _ => Err(ResponseError::UnexpectedCount {
            endpoint: endpoint.describe(),
            count,
        }),
    }
}

/// A success answer, and whether to read it strictly ([`StrictReading`]).
struct Success {
    status: StatusCode,
    body: Vec<u8>,
    strict: bool,
}

/// [`expect_success`], keeping what the response's extensions say of strict reading.
fn success(
    endpoint: &Endpoint,
    response: http::Response<Vec<u8>>,
) -> Result<Success, ResponseError> {
    let strict = is_strict(response.extensions());
    let (status, body) = expect_success(endpoint, response)?;
    Ok(Success {
        status,
        body,
        strict,
    })
}

/// Reads the whole body as one `T`: `json::from_slice`'s steps spelled out, so that each
/// answer type costs one generic function here rather than three.
fn decode<T: crate::json::FromJson>(
    endpoint: &Endpoint,
    answer: &Success,
) -> Result<T, ResponseError> {
    let (status, body) = (answer.status, answer.body.as_slice());
    let mut reader = match crate::json::Reader::from_slice(body) {
        Ok(reader) => reader.strict(answer.strict),
        Err(error) => return Err(decode_error(endpoint, status, error)),
    };
    let value = match T::from_json(&mut reader) {
        Ok(value) => value,
        Err(error) => return Err(decode_error(endpoint, status, error)),
    };
    match reader.finish() {
        Ok(()) => Ok(value),
        Err(error) => Err(decode_error(endpoint, status, error)),
    }
}

fn decode_error(
    endpoint: &Endpoint,
    status: StatusCode,
    error: crate::json::DecodeError,
) -> ResponseError {
    ResponseError::Decode {
        endpoint: endpoint.describe(),
        status,
        error,
    }
}
