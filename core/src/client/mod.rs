//! An async client (cargo feature `client`): sends [`GraphRequest`]s with reqwest over
//! rustls, with a bearer token from a [`TokenProvider`], bounded retries as Graph asks for
//! them, paging ([`Client::pages`], [`Client::items`]), a response size limit and `tracing`
//! events. Generated operation functions build the requests
//! (`api::users::online_meetings::create(&UserTarget::Me, &meeting).build(&options)`); this
//! example builds one by hand.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use graph_core::client::{Client, StaticToken};
//! use graph_core::http::{
//!     parse_no_content, Endpoint, Permissions, RequestBuilder, RetrySafety, Verb,
//! };
//!
//! static DELETE_ME: Endpoint = Endpoint {
//!     name: "delete",
//!     method: Verb::Delete,
//!     path: "/me/onlineMeetings/{onlineMeetingId}",
//!     success: &[204],
//!     retry: RetrySafety::Idempotent,
//!     permissions: Permissions {
//!         delegated: &["OnlineMeetings.ReadWrite"],
//!         application: &[],
//!         personal_accounts: false,
//!     },
//! };
//! let client = Client::builder(StaticToken::new(std::env::var("GRAPH_TOKEN")?)).build()?;
//! let request = RequestBuilder::new(&DELETE_ME)
//!     .segment("me")
//!     .segment("onlineMeetings")
//!     .param("onlineMeetingId", "MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi")
//!     .build(&client.request_options(), parse_no_content)?;
//! client.send(request).await?;
//! # Ok(()) }
//! ```

#[cfg(feature = "azure-identity")]
mod azure;
mod batch;
mod claims;
mod pages;
mod retry;
mod token;
mod upload;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use http::header::AUTHORIZATION;
use http::HeaderValue;
use tracing::Instrument;

use crate::http::{
    bearer_header, BaseUrl, Endpoint, GraphRequest, RequestError, RequestOptions, ResponseError,
    RetrySafety, ValuePage,
};

#[cfg(feature = "azure-identity")]
pub use azure::AzureCredential;
pub use batch::{Batch, BatchAnswers, BatchId, BatchItem, MAX_BATCH_REQUESTS};
pub use claims::{check_token, check_token_at, TokenCheckError, TokenClaims, TokenReport};
pub use pages::{Items, Pages};
pub use retry::{parse_retry_after, status_is_retryable, RetryPolicy};
pub use token::{StaticToken, TokenError, TokenProvider};
pub use upload::{DEFAULT_UPLOAD_CHUNK, MAX_UPLOAD_CHUNK, UPLOAD_CHUNK_UNIT};

/// Default limit on a response body: 16 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// Why a call failed. The variants say whether anything was sent.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// The token provider failed; nothing was sent.
    TokenProvider(TokenError),
    /// The token's claims show it cannot work for this endpoint; nothing was sent. Only when
    /// [`ClientBuilder::check_token_claims`] turned the check on.
    Token(TokenCheckError),
    /// The HTTP client could not be set up.
    Setup(reqwest::Error),
    /// The next request could not be formed (a paging link to another host); it was not sent.
    Request(RequestError),
    /// The request failed in transport (connect, TLS, timeout, broken connection).
    Transport {
        /// The endpoint, as `POST /me/onlineMeetings`.
        endpoint: String,
        /// Attempts made.
        attempts: u32,
        /// The transport error.
        source: reqwest::Error,
    },
    /// The response body was larger than the client's limit; it was not read.
    BodyTooLarge {
        /// The endpoint.
        endpoint: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// The service answered, but not with the documented success.
    Response {
        /// What was wrong with the answer (a [`crate::http::GraphError`], a decode error...).
        error: ResponseError,
        /// Attempts made (more than one when throttled and retried).
        attempts: u32,
        /// On a `401` or `403`: what the token holds beside what the endpoint documents, when
        /// the token's claims are readable.
        token: Option<Box<TokenReport>>,
    },
    /// A request of a batch got no answer of its own: the `$batch` call that carried it
    /// failed as a whole (`cause`), or the answer left it out (`cause` is `None`).
    NotAnswered {
        /// The endpoint.
        endpoint: String,
        /// Why the `$batch` call failed; shared by every request it carried.
        cause: Option<Arc<ClientError>>,
    },
    /// An upload session could not go on (a chunk size Graph refuses, an upload URL that is
    /// not https, ranges the session asks for that do not fit, too many setbacks).
    Upload {
        /// The upload URL's host; the URL itself is a credential and is not kept.
        host: String,
        /// What went wrong.
        reason: String,
    },
    /// The handle is not from the batch these answers are for, or its answer was taken.
    NotInBatch {
        /// The endpoint.
        endpoint: String,
    },
}

impl ClientError {
    /// The response error, when the service answered.
    pub fn response_error(&self) -> Option<&ResponseError> {
        match self {
            Self::Response { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TokenProvider(error) => write!(f, "could not get an access token: {error}"),
            Self::Token(error) => write!(f, "access token cannot be used: {error}"),
            Self::Setup(error) => write!(f, "could not set up the HTTP client: {error}"),
            Self::Request(error) => error.fmt(f),
            Self::Transport {
                endpoint,
                attempts,
                source,
            } => write!(
                f,
                "{endpoint}: transport error after {attempts} attempt(s): {source}"
            ),
            Self::BodyTooLarge { endpoint, limit } => write!(
                f,
                "{endpoint}: response body exceeds the limit of {limit} bytes"
            ),
            Self::Response {
                error,
                attempts,
                token,
            } => {
                error.fmt(f)?;
                if *attempts > 1 {
                    write!(f, " (after {attempts} attempts)")?;
                }
                if let Some(token) = token {
                    write!(f, "; {token}")?;
                }
                Ok(())
            }
            Self::NotAnswered {
                endpoint,
                cause: Some(cause),
            } => write!(f, "{endpoint}: the $batch call carrying it failed: {cause}"),
            Self::NotAnswered {
                endpoint,
                cause: None,
            } => write!(f, "{endpoint}: the $batch answer has no response for it"),
            Self::Upload { host, reason } => write!(f, "upload session at {host}: {reason}"),
            Self::NotInBatch { endpoint } => write!(
                f,
                "{endpoint}: no answer for this handle (another batch's, or already taken)"
            ),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::TokenProvider(error) => Some(error.as_ref()),
            Self::Token(error) => Some(error),
            Self::Setup(error) | Self::Transport { source: error, .. } => Some(error),
            Self::Request(error) => Some(error),
            Self::Response { error, .. } => Some(error),
            Self::NotAnswered {
                cause: Some(cause), ..
            } => Some(cause.as_ref()),
            Self::BodyTooLarge { .. }
            | Self::NotAnswered { .. }
            | Self::Upload { .. }
            | Self::NotInBatch { .. } => None,
        }
    }
}

/// Settings for a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder<P> {
    tokens: P,
    base_url: BaseUrl,
    retry: RetryPolicy,
    body_limit: usize,
    timeout: Duration,
    connect_timeout: Duration,
    check_token_claims: bool,
    strict_reading: bool,
}

impl<P: TokenProvider> ClientBuilder<P> {
    /// Service root for [`Client::request_options`] (national clouds, a local emulator).
    pub fn base_url(mut self, base_url: BaseUrl) -> Self {
        self.base_url = base_url;
        self
    }

    /// Retry bounds; `RetryPolicy { max_retries: 0, .. }` turns retrying off.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Largest response body accepted, in bytes (default 16 MiB).
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Timeout of one attempt, from sending to the end of the body (default 100 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Timeout for opening a connection (default 10 s, never more than [`Self::timeout`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Whether to refuse, before sending, a token whose readable claims lack what the
    /// endpoint documents (default off).
    ///
    /// Microsoft documents access tokens as opaque to clients, and a permissions list can lag
    /// behind the service, so by default the request is sent and, when Graph answers `401` or
    /// `403`, the error carries a [`TokenReport`] instead.
    pub fn check_token_claims(mut self, check: bool) -> Self {
        self.check_token_claims = check;
        self
    }

    /// Whether an answer's value that does not fit its declared type fails the call (default
    /// off: the model keeps the value, with why, in its additional data, and the rest of the
    /// answer is read; see [`crate::AdditionalData::off_schema`]). Sets
    /// [`RequestOptions::strict_reading`] in [`Client::request_options`].
    pub fn strict_reading(mut self, strict: bool) -> Self {
        self.strict_reading = strict;
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client<P>, ClientError> {
        let http = |idle_connections: usize| {
            reqwest::Client::builder()
                .use_rustls_tls()
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout.min(self.timeout))
                .redirect(same_origin_redirects())
                .user_agent(concat!("graph-core/", env!("CARGO_PKG_VERSION")))
                .pool_max_idle_per_host(idle_connections)
                .build()
                .map_err(ClientError::Setup)
        };
        Ok(Client {
            http: http(usize::MAX)?,
            fresh_connections: http(0)?,
            tokens: self.tokens,
            base_url: self.base_url,
            retry: self.retry,
            body_limit: self.body_limit,
            check_token_claims: self.check_token_claims,
            strict_reading: self.strict_reading,
        })
    }
}

/// Follows a redirect only to the same scheme, host and port: reqwest drops
/// `Authorization` when the host changes, and refusing the redirect outright also keeps the
/// body and the caller's other headers from going to a host they were not meant for.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt.previous().last().is_some_and(|previous| {
            previous.scheme() == attempt.url().scheme()
                && previous.host_str() == attempt.url().host_str()
                && previous.port_or_known_default() == attempt.url().port_or_known_default()
        });
        if same_origin && attempt.previous().len() < 5 {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// Sends [`GraphRequest`]s built by endpoint functions.
#[derive(Debug)]
pub struct Client<P> {
    http: reqwest::Client,
    /// Keeps no idle connection: used for the attempt after a `503`, so it does not go back
    /// to a backend that said it is unavailable over a kept-alive connection.
    fresh_connections: reqwest::Client,
    tokens: P,
    base_url: BaseUrl,
    retry: RetryPolicy,
    body_limit: usize,
    check_token_claims: bool,
    strict_reading: bool,
}

/// One attempt's outcome before parsing.
enum Attempt {
    Answered(http::Response<Vec<u8>>),
    Failed {
        error: reqwest::Error,
        /// The connection never opened, so the server cannot have seen the request.
        not_sent: bool,
    },
    TooLarge,
}

impl<P: TokenProvider> Client<P> {
    /// A client with default settings.
    pub fn new(tokens: P) -> Result<Self, ClientError> {
        Self::builder(tokens).build()
    }

    /// Settings, starting from the defaults: global service, [`RetryPolicy::default`],
    /// 16 MiB body limit, 100 s timeout, 10 s connect timeout, no token check before sending,
    /// off-schema values kept rather than failing the read.
    pub fn builder(tokens: P) -> ClientBuilder<P> {
        ClientBuilder {
            tokens,
            base_url: BaseUrl::global(),
            retry: RetryPolicy::default(),
            body_limit: DEFAULT_BODY_LIMIT,
            timeout: Duration::from_secs(100),
            connect_timeout: Duration::from_secs(10),
            check_token_claims: false,
            strict_reading: false,
        }
    }

    /// Request options for this client's service root, to pass to endpoint functions.
    pub fn request_options(&self) -> RequestOptions {
        RequestOptions {
            strict_reading: self.strict_reading,
            ..RequestOptions::with_base_url(self.base_url.clone())
        }
    }

    /// Sends `request` and reads the answer.
    ///
    /// Gets a token for each attempt. Retries `429` (any request) and `503`/`504` or
    /// transport failures (idempotent requests only; a create is retried only when its
    /// connection never opened), never before `Retry-After` says, else after a jittered
    /// exponential backoff, within [`RetryPolicy`]'s bounds; a retry carries `Retry-Attempt`,
    /// and one after a `503` goes over a new connection. A `client-request-id` is added when
    /// missing and kept for every attempt.
    ///
    /// Each call is a `tracing` span `graph.request` (method, path template, operation) with
    /// an event per attempt (status, attempt, `request-id`, duration) and per wait; tokens and
    /// bodies are never recorded.
    pub async fn send<T>(&self, request: GraphRequest<T>) -> Result<T, ClientError> {
        self.send_ref(&request).await
    }

    /// Pages of the collection `request` asks for, following each `@odata.nextLink` as the
    /// service wrote it; see [`Pages`].
    pub fn pages<'c, T: Send + 'c>(
        &'c self,
        request: GraphRequest<ValuePage<T>>,
    ) -> Pages<'c, P, T> {
        Pages::new(self, request)
    }

    /// The items of the collection `request` asks for, across pages; see [`Items`].
    pub fn items<'c, T: Send + 'c>(
        &'c self,
        request: GraphRequest<ValuePage<T>>,
    ) -> Items<'c, P, T> {
        Items::new(self.pages(request))
    }

    pub(crate) async fn send_ref<T>(&self, request: &GraphRequest<T>) -> Result<T, ClientError> {
        let endpoint = request.endpoint();
        let span = tracing::info_span!(
            "graph.request",
            method = endpoint.method.as_str(),
            path = endpoint.path,
            operation = endpoint.name,
        );
        self.exchange(request).instrument(span).await
    }

    async fn exchange<T>(&self, request: &GraphRequest<T>) -> Result<T, ClientError> {
        let endpoint = request.endpoint();
        let mut http_request = request.request().clone();
        if !http_request.headers().contains_key("client-request-id") {
            if let Ok(id) = uuid::Uuid::new_v4().to_string().parse() {
                http_request.headers_mut().insert("client-request-id", id);
            }
        }
        let started = Instant::now();
        let mut waited = Duration::ZERO;
        let mut attempts = 0u32;
        let mut fresh_connection = false;
        loop {
            attempts += 1;
            let token = self
                .tokens
                .token()
                .await
                .map_err(ClientError::TokenProvider)?;
            if self.check_token_claims && attempts == 1 {
                check_token(token.secret(), endpoint).map_err(ClientError::Token)?;
            }
            let bearer = bearer_header(token.secret()).map_err(|_| {
                ClientError::TokenProvider(
                    "the token has characters HTTP headers cannot carry".into(),
                )
            })?;
            http_request.headers_mut().insert(AUTHORIZATION, bearer);
            if attempts > 1 {
                http_request
                    .headers_mut()
                    .insert("retry-attempt", HeaderValue::from(attempts - 1));
            }

            let retries_left = attempts <= self.retry.max_retries;
            let attempt_started = Instant::now();
            match self.attempt(&http_request, fresh_connection).await {
                Attempt::Answered(response) => {
                    let status = response.status();
                    tracing::debug!(
                        attempt = attempts,
                        status = status.as_u16(),
                        request_id = header_text(response.headers(), "request-id"),
                        duration_ms = attempt_started.elapsed().as_millis() as u64,
                        "answered"
                    );
                    if retries_left && status_is_retryable(status, endpoint.retry) {
                        let delay = self.retry.wait_after(response.headers(), attempts);
                        if waited + delay <= self.retry.max_total_wait {
                            tracing::info!(
                                attempt = attempts,
                                status = status.as_u16(),
                                wait_ms = delay.as_millis() as u64,
                                "waiting to retry"
                            );
                            waited += delay;
                            fresh_connection = status == http::StatusCode::SERVICE_UNAVAILABLE;
                            tokio::time::sleep(delay).await;
                            continue;
                        }
                    }
                    let report = TokenReport::for_refusal(
                        status,
                        token.secret(),
                        endpoint,
                        SystemTime::now(),
                    );
                    return request.parse_response(response).map_err(|error| {
                        ClientError::Response {
                            error,
                            attempts,
                            token: report.map(Box::new),
                        }
                    });
                }
                Attempt::Failed { error, not_sent } => {
                    let safe = not_sent || endpoint.retry == RetrySafety::Idempotent;
                    let delay = self.retry.backoff(attempts);
                    tracing::warn!(attempt = attempts, error = %error, "transport error");
                    if retries_left && safe && waited + delay <= self.retry.max_total_wait {
                        tracing::info!(
                            attempt = attempts,
                            wait_ms = delay.as_millis() as u64,
                            "waiting to retry"
                        );
                        waited += delay;
                        fresh_connection = true;
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    return Err(ClientError::Transport {
                        endpoint: describe(endpoint, started),
                        attempts,
                        source: error,
                    });
                }
                Attempt::TooLarge => {
                    return Err(ClientError::BodyTooLarge {
                        endpoint: endpoint.describe(),
                        limit: self.body_limit,
                    })
                }
            }
        }
    }

    async fn attempt(&self, request: &http::Request<Vec<u8>>, fresh_connection: bool) -> Attempt {
        let http = if fresh_connection {
            &self.fresh_connections
        } else {
            &self.http
        };
        let sent = http
            .request(request.method().clone(), request.uri().to_string())
            .headers(request.headers().clone())
            .body(request.body().clone())
            .send()
            .await;
        let mut response = match sent {
            Ok(response) => response,
            Err(error) => {
                let not_sent = error.is_connect();
                return Attempt::Failed { error, not_sent };
            }
        };
        if response
            .content_length()
            .is_some_and(|length| length > self.body_limit as u64)
        {
            return Attempt::TooLarge;
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > self.body_limit {
                        return Attempt::TooLarge;
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(error) => {
                    return Attempt::Failed {
                        error,
                        not_sent: false,
                    }
                }
            }
        }
        let mut answer = http::Response::new(body);
        *answer.status_mut() = response.status();
        *answer.version_mut() = response.version();
        *answer.headers_mut() = response.headers().clone();
        Attempt::Answered(answer)
    }
}

/// A header's value for a log field; absent or unreadable is empty.
fn header_text<'a>(headers: &'a http::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
}

/// `POST /me/onlineMeetings (after 1.2 s)`: how long a failed call took helps tell a timeout
/// from a refused connection.
fn describe(endpoint: &Endpoint, started: Instant) -> String {
    format!(
        "{} (after {:.1} s)",
        endpoint.describe(),
        started.elapsed().as_secs_f64()
    )
}
