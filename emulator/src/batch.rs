//! JSON batching (`POST /v1.0/$batch`): each request is served by the same routes as alone,
//! in order, with the batch's token, throttled on its own, and answered `424` when a request
//! it depends on failed.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use tower::ServiceExt;

use crate::error::ApiError;
use crate::routes::{self, AppState, MAX_BODY_BYTES};

/// Graph's limit on requests in one batch.
pub const MAX_BATCH_REQUESTS: usize = 20;

#[derive(Deserialize)]
struct Envelope {
    requests: Vec<Item>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    id: String,
    method: String,
    url: String,
    #[serde(default)]
    headers: HashMap<String, String>,
    body: Option<Value>,
    #[serde(default)]
    depends_on: Vec<String>,
}

/// `POST /v1.0/$batch`.
pub async fn batch(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    routes::require_json(&headers)?;
    let body = routes::read_body(body)?;
    let envelope: Envelope = serde_json::from_slice(&body)
        .map_err(|error| ApiError::bad_request(format!("Invalid batch payload: {error}.")))?;
    check(&envelope.requests)?;
    let authorization = headers.get(header::AUTHORIZATION).cloned();
    // The routes without `$batch`: Graph does not nest batches.
    let items = routes::item_router(Arc::clone(&state));
    let mut statuses: HashMap<&str, StatusCode> = HashMap::new();
    let mut responses = Vec::with_capacity(envelope.requests.len());
    for item in &envelope.requests {
        let failed_dependency = item.depends_on.iter().any(|id| {
            !statuses
                .get(id.as_str())
                .is_some_and(StatusCode::is_success)
        });
        let answer = if failed_dependency {
            failed_dependency_answer(&item.id)
        } else {
            let request = item_request(item, authorization.as_ref())?;
            let response = match items.clone().oneshot(request).await {
                Ok(response) => response,
                Err(infallible) => match infallible {},
            };
            item_answer(&item.id, response).await
        };
        let status = answer["status"]
            .as_u64()
            .and_then(|status| u16::try_from(status).ok())
            .and_then(|status| StatusCode::from_u16(status).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        statuses.insert(&item.id, status);
        responses.push(answer);
    }
    let body = json!({ "responses": responses }).to_string();
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response())
}

/// What Graph refuses before running anything: too many requests, duplicate ids, a
/// dependency on a request that is not before it, a URL that is not relative.
fn check(items: &[Item]) -> Result<(), ApiError> {
    if items.is_empty() {
        return Err(ApiError::bad_request("Invalid batch payload: no requests."));
    }
    if items.len() > MAX_BATCH_REQUESTS {
        return Err(ApiError::bad_request(format!(
            "The number of requests in a batch cannot exceed {MAX_BATCH_REQUESTS}; this one has {}.",
            items.len()
        )));
    }
    for (index, item) in items.iter().enumerate() {
        let earlier = &items[..index];
        if earlier.iter().any(|other| other.id == item.id) {
            return Err(ApiError::bad_request(format!(
                "Invalid batch payload: the id '{}' is used twice.",
                shown(&item.id)
            )));
        }
        if let Some(missing) = item
            .depends_on
            .iter()
            .find(|id| !earlier.iter().any(|other| &other.id == *id))
        {
            return Err(ApiError::bad_request(format!(
                "Invalid batch payload: request '{}' depends on '{}', which is not before it.",
                shown(&item.id),
                shown(missing)
            )));
        }
        if !item.url.starts_with('/') || item.url.starts_with("//") {
            return Err(ApiError::bad_request(format!(
                "Invalid batch payload: the url of request '{}' must be relative to the service root.",
                shown(&item.id)
            )));
        }
    }
    Ok(())
}

fn shown(text: &str) -> String {
    text.chars().take(100).collect()
}

/// One item as a request to the routes: its method, URL and headers, the batch's token, its
/// body as JSON (or base64-decoded bytes for another content type).
fn item_request(
    item: &Item,
    authorization: Option<&HeaderValue>,
) -> Result<Request<Body>, ApiError> {
    let invalid = |what: &str| {
        ApiError::bad_request(format!(
            "Invalid batch payload: request '{}' has an invalid {what}.",
            shown(&item.id)
        ))
    };
    let method = Method::from_bytes(item.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| invalid("method"))?;
    let mut request = Request::builder()
        .method(method)
        .uri(format!("/v1.0{}", item.url))
        .body(Body::empty())
        .map_err(|_| invalid("url"))?;
    let headers = request.headers_mut();
    for (name, value) in &item.headers {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("header"))?;
        let value = HeaderValue::from_str(value).map_err(|_| invalid("header"))?;
        headers.insert(name, value);
    }
    if let Some(authorization) = authorization {
        headers.insert(header::AUTHORIZATION, authorization.clone());
    }
    let body = match &item.body {
        None => Vec::new(),
        Some(Value::String(text)) if !is_json(request.headers()) => {
            STANDARD.decode(text).map_err(|_| invalid("base64 body"))?
        }
        Some(value) => value.to_string().into_bytes(),
    };
    *request.body_mut() = Body::from(body);
    Ok(request)
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.to_ascii_lowercase().contains("json"))
}

/// `{"id", "status", "headers", "body"}` for one answered request.
async fn item_answer(id: &str, response: Response) -> Value {
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, MAX_BODY_BYTES).await.unwrap_or_default();
    let mut headers = Map::new();
    for (name, value) in &parts.headers {
        if name == header::CONTENT_LENGTH {
            continue;
        }
        if let Ok(value) = value.to_str() {
            headers.insert(name.as_str().to_owned(), json!(value));
        }
    }
    let mut answer = json!({ "id": id, "status": parts.status.as_u16(), "headers": headers });
    if !bytes.is_empty() {
        answer["body"] = match serde_json::from_slice::<Value>(&bytes) {
            Ok(value) if is_json(&parts.headers) => value,
            _ => json!(STANDARD.encode(&bytes)),
        };
    }
    answer
}

fn failed_dependency_answer(id: &str) -> Value {
    json!({
        "id": id,
        "status": 424,
        "headers": { "content-type": "application/json" },
        "body": { "error": {
            "code": "FailedDependency",
            "message": "A request this one depends on failed.",
        } },
    })
}
