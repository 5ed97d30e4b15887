//! HTTP routing: paths, headers, body limits, throttling and the error envelope.

use std::collections::HashMap;
use std::num::NonZeroU64;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, RawQuery, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::auth::{self, AccessPolicy, Caller, CallerKind, Operation, Target};
use crate::catalog::Catalog;
use crate::error::ApiError;
use crate::faults::{Fault, Faults};
use crate::locale::Language;
use crate::meeting::{CreateOrGetRequest, CreateRequest, Meeting, Organizer, RenderOptions};
use crate::resources::{self, Entities};
use crate::store::{ExternalKey, Store};
use crate::token::SigningKey;

/// Request bodies larger than this are refused with `413`.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// The `Prefer` token that opts in to evolvable enum members.
const INCLUDE_UNKNOWN_ENUM_MEMBERS: &str = "include-unknown-enum-members";

/// What Graph tells a client without a valid token: where to get one, for which resource.
const WWW_AUTHENTICATE: &str = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";

/// Graph's content type for OData JSON responses.
pub(crate) const ODATA_JSON: &str = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/// How long a client throttled by `throttle_every` is told to wait.
const THROTTLE_RETRY_AFTER: Duration = Duration::from_secs(1);

/// Calls told to wait that are remembered at most; older ones are forgotten first.
const MAX_HELD: usize = 10_000;

/// Answers every `every`-th request with `429` when set, and catches clients that come back
/// before `Retry-After` has passed: a request with the `client-request-id` of one told to wait
/// (by this or by an injected fault) is throttled again, and counted, until its wait is over.
pub struct Throttle {
    every: Option<NonZeroU64>,
    requests: AtomicU64,
    held: Mutex<HashMap<String, Instant>>,
    early_retries: AtomicU64,
}

impl Throttle {
    /// A throttle that refuses every `every`-th request (`None`: never).
    pub fn new(every: Option<NonZeroU64>) -> Self {
        Self {
            every,
            requests: AtomicU64::new(0),
            held: Mutex::new(HashMap::new()),
            early_retries: AtomicU64::new(0),
        }
    }

    /// Whether `client_request_id` belongs to a call told to wait that has come back too
    /// soon (counted).
    fn early(&self, client_request_id: Option<&str>) -> bool {
        let Some(id) = client_request_id else {
            return false;
        };
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        match held.get(id) {
            Some(until) if *until > Instant::now() => {
                self.early_retries.fetch_add(1, Ordering::Relaxed);
                true
            }
            Some(_) => {
                held.remove(id);
                false
            }
            None => false,
        }
    }

    /// Remembers that the call `client_request_id` was told to wait `wait`.
    fn hold(&self, client_request_id: Option<&str>, wait: Duration) {
        let Some(id) = client_request_id else {
            return;
        };
        let now = Instant::now();
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        if held.len() >= MAX_HELD {
            held.retain(|_, until| *until > now);
        }
        held.insert(id.to_owned(), now + wait);
    }

    /// Whether `throttle_every` refuses the next request.
    fn refuses_next(&self) -> bool {
        self.every.is_some_and(|every| {
            let number = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
            number.is_multiple_of(every.get())
        })
    }

    /// Requests that came back before their `Retry-After` had passed.
    pub fn early_retries(&self) -> u64 {
        self.early_retries.load(Ordering::Relaxed)
    }
}

/// What every handler shares.
pub struct AppState {
    /// Verifies bearer tokens.
    pub signing_key: SigningKey,
    /// Application access policies granted.
    pub access_policies: Vec<AccessPolicy>,
    /// The meetings.
    pub store: Store,
    /// Throttling, when on.
    pub throttle: Throttle,
    /// Injected faults.
    pub faults: Faults,
    /// Requests numbered in arrival order, for the fault decisions.
    pub request_number: AtomicU64,
    /// Requests answered with an injected error or dropped.
    pub injected_faults: AtomicU64,
    /// The base URL clients use (`http://host:port/v1.0`), for `@odata.context`.
    pub service_root: String,
    /// The metadata served generically, when given.
    pub catalog: Option<Arc<Catalog>>,
    /// What the generic service keeps.
    pub entities: Entities,
    /// Items per page when the client asks for no size.
    pub page_size: usize,
    /// Open upload sessions.
    pub uploads: crate::upload::Uploads,
    /// Plug-ins for actions and functions.
    pub operations: crate::operations::Operations,
}

/// The emulator's routes, under `/v1.0`, with `$batch`.
pub fn router(state: Arc<AppState>) -> Router {
    service(state, true)
}

/// The routes a `$batch` request is served by: all but `$batch` itself, which Graph does not
/// nest.
pub(crate) fn item_router(state: Arc<AppState>) -> Router {
    service(state, false)
}

fn service(state: Arc<AppState>, with_batch: bool) -> Router {
    let mut api = Router::new()
        .route("/me/onlineMeetings", post(create).get(find))
        .route("/me/onlineMeetings/createOrGet", post(create_or_get))
        .route(
            "/me/onlineMeetings/{meeting_id}",
            get(get_one).patch(update).delete(remove),
        )
        .route("/users/{user_id}/onlineMeetings", post(create).get(find))
        .route(
            "/users/{user_id}/onlineMeetings/createOrGet",
            post(create_or_get),
        )
        .route(
            "/users/{user_id}/onlineMeetings/{meeting_id}",
            get(get_one).patch(update).delete(remove),
        );
    if with_batch {
        api = api.route("/$batch", post(crate::batch::batch));
    }
    Router::new()
        .nest("/v1.0", api)
        .route(
            "/upload/{session}",
            axum::routing::put(crate::upload::put)
                .layer(DefaultBodyLimit::max(crate::upload::MAX_CHUNK_BYTES))
                .get(crate::upload::status)
                .delete(crate::upload::cancel),
        )
        .fallback(resources::serve)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(state.clone(), envelope))
        .with_state(state)
}

pub(crate) fn unknown_resource(path: &str) -> ApiError {
    let shown: String = path.chars().take(200).collect();
    ApiError::bad_request(format!("Resource not found for the segment '{shown}'."))
}

async fn method_not_allowed(request: Request) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
        format!("{} is not supported on this resource.", request.method()),
    )
}

/// Throttles, and gives every response a `request-id` and every error Graph's JSON body.
async fn envelope(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let request_id = uuid::Uuid::new_v4().to_string();
    let sent_request_id = request
        .headers()
        .get("client-request-id")
        .and_then(|value| value.to_str().ok())
        .filter(|value| !value.is_empty() && value.len() <= 128)
        .map(str::to_owned);
    // Graph answers with one whether or not the client sent one.
    let client_request_id = sent_request_id
        .clone()
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let (delay, fault) = if state.faults.any() {
        let number = state.request_number.fetch_add(1, Ordering::Relaxed);
        state.faults.decide(number, request.method())
    } else {
        (Duration::ZERO, None)
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    if fault.is_some() {
        state.injected_faults.fetch_add(1, Ordering::Relaxed);
    }
    let held = sent_request_id.as_deref();
    let mut response = if state.throttle.early(held) {
        ApiError::too_many_requests(THROTTLE_RETRY_AFTER).into_response()
    } else if let Some(Fault::Error(status)) = fault {
        state.throttle.hold(held, state.faults.retry_after);
        ApiError::unavailable(status, state.faults.retry_after).into_response()
    } else if state.throttle.refuses_next() {
        state.throttle.hold(held, THROTTLE_RETRY_AFTER);
        ApiError::too_many_requests(THROTTLE_RETRY_AFTER).into_response()
    } else {
        next.run(request).await
    };
    if fault == Some(Fault::Drop) {
        // The status line goes out, then the body fails: hyper closes the connection with
        // the answer incomplete, as a dropped connection looks to a client.
        let broken = futures_util::stream::once(async {
            Err::<Bytes, _>(std::io::Error::other("connection dropped by a fault"))
        });
        return (StatusCode::OK, Body::from_stream(broken)).into_response();
    }
    let status = response.status();
    let error = response.extensions_mut().remove::<ApiError>().or_else(|| {
        (status.is_client_error() || status.is_server_error())
            .then(|| ApiError::from_status(status))
    });
    if let Some(error) = error {
        let date = crate::meeting::error_date(graph_core::edm::DateTimeOffset::now_utc());
        let body = error.body(&request_id, Some(&client_request_id), &date);
        // Keep what the handler or framework said (`Retry-After`, `Allow`), not its body.
        let mut kept = std::mem::take(response.headers_mut());
        kept.remove(header::CONTENT_LENGTH);
        kept.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response = (error.status, Body::from(body)).into_response();
        response.headers_mut().extend(kept);
    }
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert("request-id", value);
    }
    if let Ok(value) = HeaderValue::from_str(&client_request_id) {
        headers.insert("client-request-id", value);
    }
    if status == StatusCode::UNAUTHORIZED {
        headers.insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static(WWW_AUTHENTICATE),
        );
    }
    response
}

/// The path's user and meeting id, percent-decoded; the user id is checked after
/// authentication so a request without a token is a `401` whatever its path.
struct Scope {
    user_id: Option<String>,
    meeting_id: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Scope {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(mut params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| {
                ApiError::bad_request("A path segment is not valid percent-encoded UTF-8.")
            })?;
        Ok(Self {
            user_id: params.remove("user_id"),
            meeting_id: params.remove("meeting_id"),
        })
    }
}

/// The authenticated, authorised context of one request.
struct Authorized {
    caller: Caller,
    user_id: String,
}

impl Authorized {
    fn organizer(&self) -> Organizer {
        let from_token = self.caller.kind == CallerKind::Delegated;
        Organizer {
            tenant_id: self.caller.tenant_id.clone(),
            user_id: self.user_id.clone(),
            upn: self.caller.upn.clone().filter(|_| from_token),
            display_name: self.caller.display_name.clone().filter(|_| from_token),
        }
    }
}

fn authorize(
    state: &AppState,
    headers: &HeaderMap,
    scope: &Scope,
    operation: Operation,
) -> Result<Authorized, ApiError> {
    let caller = auth::authenticate(headers, &state.signing_key)?;
    let target = match &scope.user_id {
        None => Target::Me,
        Some(raw) => Target::User(auth::parse_user_id(raw)?),
    };
    let user_id = auth::authorize(&caller, operation, &target, &state.access_policies)?;
    Ok(Authorized { caller, user_id })
}

pub(crate) fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(|value| value.split(';').next().unwrap_or_default().trim());
    match media_type {
        Some(media_type) if media_type.eq_ignore_ascii_case("application/json") => Ok(()),
        Some(other) => Err(ApiError::bad_request(format!(
            "Content-Type '{}' is not supported; send application/json.",
            other.chars().take(100).collect::<String>()
        ))),
        None => Err(ApiError::bad_request(
            "The Content-Type header is required; send application/json.",
        )),
    }
}

pub(crate) fn read_body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|rejection| {
        let status = rejection.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                status,
                "RequestEntityTooLarge",
                format!("The request body is larger than {MAX_BODY_BYTES} bytes."),
            )
        } else {
            ApiError::new(status, "BadRequest", rejection.body_text())
        }
    })
}

fn render_options<'a>(state: &'a AppState, headers: &HeaderMap) -> RenderOptions<'a> {
    let include_unknown_enum_members = headers.get_all("prefer").iter().any(|value| {
        value.to_str().is_ok_and(|text| {
            text.split(',').any(|preference| {
                let token = preference.split([';', '=']).next().unwrap_or_default();
                token
                    .trim()
                    .eq_ignore_ascii_case(INCLUDE_UNKNOWN_ENUM_MEMBERS)
            })
        })
    });
    let language = Language::negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok()),
    );
    RenderOptions {
        include_unknown_enum_members,
        language,
        service_root: &state.service_root,
    }
}

fn json_response(status: StatusCode, options: &RenderOptions<'_>, body: Vec<u8>) -> Response {
    let mut response = (status, [(header::CONTENT_TYPE, ODATA_JSON)], body).into_response();
    if options.include_unknown_enum_members {
        response.headers_mut().insert(
            "preference-applied",
            HeaderValue::from_static(INCLUDE_UNKNOWN_ENUM_MEMBERS),
        );
    }
    response
}

fn meeting_response(
    status: StatusCode,
    state: &AppState,
    headers: &HeaderMap,
    meeting: &Meeting,
) -> Response {
    let options = render_options(state, headers);
    json_response(status, &options, meeting.render(&options))
}

fn not_found(meeting_id: &str) -> ApiError {
    let shown: String = meeting_id.chars().take(200).collect();
    ApiError::not_found(format!("The onlineMeeting '{shown}' was not found."))
}

async fn create(
    State(state): State<Arc<AppState>>,
    scope: Scope,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let context = authorize(&state, &headers, &scope, Operation::Create)?;
    require_json(&headers)?;
    let request = CreateRequest::parse(&read_body(body)?)?;
    let organizer = context.organizer();
    let meeting = state
        .store
        .insert(|join_meeting_id| Meeting::create(request, organizer, join_meeting_id));
    Ok(meeting_response(
        StatusCode::CREATED,
        &state,
        &headers,
        &meeting,
    ))
}

async fn create_or_get(
    State(state): State<Arc<AppState>>,
    scope: Scope,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let context = authorize(&state, &headers, &scope, Operation::CreateOrGet)?;
    require_json(&headers)?;
    let request = CreateOrGetRequest::parse(&read_body(body)?)?;
    let key = ExternalKey {
        tenant_id: context.caller.tenant_id.clone(),
        user_id: context.user_id.to_ascii_lowercase(),
        external_id: request.external_id.clone(),
    };
    let organizer = context.organizer();
    let (meeting, created) = state.store.create_or_get(key, |join_meeting_id| {
        Meeting::create(request.into_create(), organizer, join_meeting_id)
    });
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(meeting_response(status, &state, &headers, &meeting))
}

async fn get_one(
    State(state): State<Arc<AppState>>,
    scope: Scope,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let context = authorize(&state, &headers, &scope, Operation::Get)?;
    let meeting_id = scope.meeting_id.unwrap_or_default();
    let meeting = state
        .store
        .get(&context.caller.tenant_id, &context.user_id, &meeting_id)
        .ok_or_else(|| not_found(&meeting_id))?;
    Ok(meeting_response(StatusCode::OK, &state, &headers, &meeting))
}

async fn update(
    State(state): State<Arc<AppState>>,
    scope: Scope,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let context = authorize(&state, &headers, &scope, Operation::Update)?;
    require_json(&headers)?;
    let body = read_body(body)?;
    let meeting_id = scope.meeting_id.unwrap_or_default();
    let meeting = state
        .store
        .update(
            &context.caller.tenant_id,
            &context.user_id,
            &meeting_id,
            |meeting| meeting.update(&body),
        )
        .ok_or_else(|| not_found(&meeting_id))??;
    Ok(meeting_response(StatusCode::OK, &state, &headers, &meeting))
}

async fn remove(
    State(state): State<Arc<AppState>>,
    scope: Scope,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let context = authorize(&state, &headers, &scope, Operation::Delete)?;
    let meeting_id = scope.meeting_id.unwrap_or_default();
    if state
        .store
        .remove(&context.caller.tenant_id, &context.user_id, &meeting_id)
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(not_found(&meeting_id))
    }
}

/// A supported `$filter`: the only way to list meetings.
#[derive(Debug, PartialEq, Eq)]
enum Filter {
    JoinWebUrl(String),
    JoinMeetingId(String),
}

impl Filter {
    /// Parses `Property eq 'literal'` (property names case-insensitive, `''` escapes `'`).
    fn parse(expression: &str) -> Result<Self, ApiError> {
        let unsupported = || {
            let shown: String = expression.chars().take(200).collect();
            ApiError::bad_request(format!(
                "Unsupported $filter '{shown}': use JoinWebUrl eq '{{joinWebUrl}}' or joinMeetingIdSettings/joinMeetingId eq '{{joinMeetingId}}'."
            ))
        };
        let expression = expression.trim();
        let (property, rest) = expression
            .split_once(char::is_whitespace)
            .ok_or_else(unsupported)?;
        let rest = rest.trim_start();
        let literal = rest
            .get(..2)
            .filter(|operator| operator.eq_ignore_ascii_case("eq"))
            .and_then(|_| rest.get(2..))
            .filter(|after| after.starts_with(char::is_whitespace))
            .map(str::trim)
            .and_then(|quoted| quoted.strip_prefix('\''))
            .and_then(|quoted| quoted.strip_suffix('\''))
            .filter(|inner| !inner.replace("''", "").contains('\''))
            .ok_or_else(unsupported)?
            .replace("''", "'");
        if property.eq_ignore_ascii_case("JoinWebUrl") {
            Ok(Self::JoinWebUrl(literal))
        } else if property.eq_ignore_ascii_case("joinMeetingIdSettings/joinMeetingId") {
            Ok(Self::JoinMeetingId(literal))
        } else {
            Err(unsupported())
        }
    }

    fn matches(&self, meeting: &Meeting) -> bool {
        match self {
            // The docs pass the URL percent-encoded inside the literal (so `%3a` arrives as
            // `%253a`); comparing fully decoded forms accepts it raw, encoded once or twice, in
            // either hex case.
            Self::JoinWebUrl(url) => fully_decode(url) == fully_decode(meeting.join_web_url()),
            Self::JoinMeetingId(id) => id == meeting.join_meeting_id(),
        }
    }
}

/// Percent-decodes until nothing changes (at most three rounds: more is not a real encoding).
fn fully_decode(text: &str) -> String {
    let mut current = text.to_owned();
    for _ in 0..3 {
        let decoded = percent_decode_str(&current)
            .decode_utf8_lossy()
            .into_owned();
        if decoded == current {
            break;
        }
        current = decoded;
    }
    current
}

async fn find(
    State(state): State<Arc<AppState>>,
    scope: Scope,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let context = authorize(&state, &headers, &scope, Operation::Get)?;
    let expression = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(key, _)| key == "$filter")
        .map(|(_, value)| value.into_owned())
        .ok_or_else(|| {
            ApiError::bad_request(
                "Listing online meetings is not supported; use $filter on JoinWebUrl or joinMeetingIdSettings/joinMeetingId.",
            )
        })?;
    let filter = Filter::parse(&expression)?;
    let meetings = state
        .store
        .find(&context.caller.tenant_id, &context.user_id, |meeting| {
            filter.matches(meeting)
        });
    let options = render_options(&state, &headers);
    // As Graph answers a collection: one context for it, none on the items, and no
    // `@odata.type` where the item is of the declared type.
    let items: Vec<String> = meetings
        .iter()
        .map(|meeting| {
            let mut item = meeting.for_request(&options);
            item.additional_data.remove("@odata.context");
            item.additional_data.remove("@odata.type");
            graph_core::json::to_string(&item)
        })
        .collect();
    let context = Value::from(format!(
        "{}/$metadata#users('{}')/onlineMeetings",
        state.service_root, context.user_id
    ));
    let body = format!(
        "{{\"@odata.context\":{context},\"value\":[{}]}}",
        items.join(",")
    );
    Ok(json_response(StatusCode::OK, &options, body.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_with_quotes_and_case() {
        assert_eq!(
            Filter::parse("JoinWebUrl eq 'https://x/a''b'").unwrap(),
            Filter::JoinWebUrl("https://x/a'b".to_owned())
        );
        assert_eq!(
            Filter::parse("joinmeetingidsettings/joinmeetingid EQ '1234567890'").unwrap(),
            Filter::JoinMeetingId("1234567890".to_owned())
        );
        for bad in [
            "",
            "JoinWebUrl",
            "JoinWebUrl eq x",
            "JoinWebUrl ne 'x'",
            "subject eq 'x'",
            "JoinWebUrl eq 'a'b'",
            "JoinWebUrl eqx 'a'",
        ] {
            assert_eq!(
                Filter::parse(bad).unwrap_err().status,
                StatusCode::BAD_REQUEST,
                "{bad}"
            );
        }
    }

    #[test]
    fn throttle_refuses_every_nth() {
        let throttle = Throttle::new(NonZeroU64::new(3));
        let refused: Vec<bool> = (0..6).map(|_| throttle.refuses_next()).collect();
        assert_eq!(refused, [false, false, true, false, false, true]);
        let off = Throttle::new(None);
        assert!((0..10).all(|_| !off.refuses_next()));
    }
}
