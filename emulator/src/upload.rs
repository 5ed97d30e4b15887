//! Upload sessions, as Graph runs them for drive items: `createUploadSession` answers an
//! `uploadUrl` outside `/v1.0` that carries its own authorization; the client `PUT`s byte
//! ranges in order (`Content-Range: bytes a-b/total`), may ask (`GET`) which ranges the
//! session still expects, and gets the item when the last byte arrives.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::routes::{read_body, AppState, ODATA_JSON};

/// The largest range one `PUT` may carry, as Graph allows (60 MiB); other requests keep the
/// service's smaller limit.
pub const MAX_CHUNK_BYTES: usize = 60 * 1024 * 1024;

/// How long a session lives, as Graph's expiration date says.
const SESSION_LIFETIME: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// The open upload sessions, by id.
#[derive(Default)]
pub struct Uploads {
    sessions: Mutex<HashMap<String, Session>>,
}

struct Session {
    /// The entity whose content the upload becomes.
    entity_path: String,
    /// Its `@odata.context`, for the answer to the last range.
    context: String,
    expires: String,
    received: Vec<u8>,
}

impl Uploads {
    /// Opens a session for the content of the entity at `entity_path`; the answer to
    /// `createUploadSession`.
    pub(crate) fn open(&self, service_root: &str, entity_path: String, context: String) -> Value {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let expires = expiry();
        let origin = service_root.strip_suffix("/v1.0").unwrap_or(service_root);
        let answer = json!({
            "@odata.context": format!("{service_root}/$metadata#microsoft.graph.uploadSession"),
            "uploadUrl": format!("{origin}/upload/{id}"),
            "expirationDateTime": expires,
            "nextExpectedRanges": ["0-"],
        });
        self.lock().insert(
            id,
            Session {
                entity_path,
                context,
                expires,
                received: Vec::new(),
            },
        );
        answer
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn expiry() -> String {
    let now =
        graph_core::edm::DateTimeOffset::from(std::time::SystemTime::now() + SESSION_LIFETIME);
    now.to_string()
}

fn gone() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "itemNotFound",
        "The upload session was not found; it expired, was cancelled or finished.",
    )
}

/// `GET uploadUrl`: the ranges the session still expects.
pub(crate) async fn status(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let sessions = state.uploads.lock();
    let session = sessions.get(&id).ok_or_else(gone)?;
    Ok(json_answer(
        StatusCode::OK,
        &json!({
            "expirationDateTime": session.expires,
            "nextExpectedRanges": [format!("{}-", session.received.len())],
        }),
    ))
}

/// `DELETE uploadUrl`: cancels the session.
pub(crate) async fn cancel(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state
        .uploads
        .lock()
        .remove(&id)
        .map(|_| StatusCode::NO_CONTENT)
        .ok_or_else(gone)
}

/// `PUT uploadUrl`: the next range; the item once every byte is in.
pub(crate) async fn put(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let bytes = read_body(body)?;
    let (start, end, total) = content_range(&headers)?;
    if end + 1 - start != bytes.len() as u64 {
        return Err(ApiError::bad_request(format!(
            "Content-Range says {} bytes and the body has {}.",
            end + 1 - start,
            bytes.len()
        )));
    }
    let mut sessions = state.uploads.lock();
    let session = sessions.get_mut(&id).ok_or_else(gone)?;
    let expected = session.received.len() as u64;
    if start != expected {
        return Err(ApiError::new(
            StatusCode::RANGE_NOT_SATISFIABLE,
            "invalidRange",
            format!("The session expects the range starting at byte {expected}, not {start}."),
        ));
    }
    session.received.extend_from_slice(&bytes);
    if (session.received.len() as u64) < total {
        return Ok(json_answer(
            StatusCode::ACCEPTED,
            &json!({
                "expirationDateTime": session.expires,
                "nextExpectedRanges": [format!("{}-", session.received.len())],
            }),
        ));
    }
    let session = sessions.remove(&id).expect("found above");
    drop(sessions);
    let item = state
        .entities
        .finish_upload(&session.entity_path, session.received)
        .ok_or_else(gone)?;
    let mut answer = serde_json::Map::new();
    answer.insert(
        "@odata.context".into(),
        Value::String(format!(
            "{}/$metadata#{}/$entity",
            state.service_root, session.context
        )),
    );
    answer.extend(item);
    Ok(json_answer(StatusCode::CREATED, &Value::Object(answer)))
}

/// `bytes a-b/total`, with `a <= b < total`.
fn content_range(headers: &HeaderMap) -> Result<(u64, u64, u64), ApiError> {
    let text = headers
        .get(header::CONTENT_RANGE)
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| ApiError::bad_request("A chunk needs Content-Range: bytes a-b/total."))?;
    let parsed = text.strip_prefix("bytes ").and_then(|rest| {
        let (range, total) = rest.split_once('/')?;
        let (start, end) = range.split_once('-')?;
        Some((start.parse().ok()?, end.parse().ok()?, total.parse().ok()?))
    });
    match parsed {
        Some((start, end, total)) if start <= end && end < total => Ok((start, end, total)),
        _ => Err(ApiError::bad_request(format!(
            "Content-Range '{}' is not bytes a-b/total with a <= b < total.",
            text.chars().take(100).collect::<String>()
        ))),
    }
}

fn json_answer(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, ODATA_JSON)],
        body.to_string(),
    )
        .into_response()
}
