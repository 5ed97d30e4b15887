//! An async client (cargo feature `client`): sends [`GraphRequest`]s with reqwest over
//! rustls, with a bearer token from a [`TokenProvider`], early token checks, bounded retries
//! and a response size limit. Generated operation functions build the requests
//! (`api::users::online_meetings::create(&UserTarget::Me, &meeting).build(&options)`); this
//! example builds one by hand.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use graph_core::client::{Client, StaticToken};
//! use graph_core::http::{parse_no_content, Endpoint, Permissions, RequestBuilder, RetrySafety};
//!
//! static DELETE_ME: Endpoint = Endpoint {
//!     name: "delete",
//!     method: "DELETE",
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

mod claims;
mod retry;
mod token;

use std::fmt;
use std::time::{Duration, Instant, SystemTime};

use http::header::{AUTHORIZATION, RETRY_AFTER};

use crate::http::{
    bearer_header, BaseUrl, Endpoint, GraphRequest, RequestOptions, ResponseError, RetrySafety,
};

pub use claims::{check_token, check_token_at, TokenCheckError, TokenClaims};
pub use retry::{parse_retry_after, random_request_id, status_is_retryable, RetryPolicy};
pub use token::{StaticToken, TokenError, TokenProvider};

/// Default limit on a response body: 16 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// Why a call failed. The variants say whether anything was sent.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// The token provider failed; nothing was sent.
    TokenProvider(TokenError),
    /// The token's claims show it cannot work for this endpoint; nothing was sent.
    Token(TokenCheckError),
    /// The HTTP client could not be set up.
    Setup(reqwest::Error),
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
            Self::Response { error, attempts } if *attempts > 1 => {
                write!(f, "{error} (after {attempts} attempts)")
            }
            Self::Response { error, .. } => error.fmt(f),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::TokenProvider(error) => Some(error.as_ref()),
            Self::Token(error) => Some(error),
            Self::Setup(error) | Self::Transport { source: error, .. } => Some(error),
            Self::Response { error, .. } => Some(error),
            Self::BodyTooLarge { .. } => None,
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
    check_token_claims: bool,
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

    /// Whether to check the token's claims before sending (default on).
    pub fn check_token_claims(mut self, check: bool) -> Self {
        self.check_token_claims = check;
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client<P>, ClientError> {
        let http = reqwest::Client::builder()
            .use_rustls_tls()
            .timeout(self.timeout)
            .connect_timeout(Duration::from_secs(10).min(self.timeout))
            .redirect(same_origin_redirects())
            .user_agent(concat!("graph-core/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(ClientError::Setup)?;
        Ok(Client {
            http,
            tokens: self.tokens,
            base_url: self.base_url,
            retry: self.retry,
            body_limit: self.body_limit,
            check_token_claims: self.check_token_claims,
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
    tokens: P,
    base_url: BaseUrl,
    retry: RetryPolicy,
    body_limit: usize,
    check_token_claims: bool,
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
    /// 16 MiB body limit, 100 s timeout, token checks on.
    pub fn builder(tokens: P) -> ClientBuilder<P> {
        ClientBuilder {
            tokens,
            base_url: BaseUrl::global(),
            retry: RetryPolicy::default(),
            body_limit: DEFAULT_BODY_LIMIT,
            timeout: Duration::from_secs(100),
            check_token_claims: true,
        }
    }

    /// Request options for this client's service root, to pass to endpoint functions.
    pub fn request_options(&self) -> RequestOptions {
        RequestOptions::with_base_url(self.base_url.clone())
    }

    /// Sends `request` and reads the answer.
    ///
    /// Before sending: gets a token and checks its readable claims against the endpoint's
    /// permissions. Then sends, retrying `429` (any request) and `503`/`504` or transport
    /// failures (idempotent requests only; a create is retried only when its connection never
    /// opened), waiting as `Retry-After` says or with jittered exponential backoff, within
    /// [`RetryPolicy`]'s bounds. A `client-request-id` is added when missing and kept for
    /// every attempt.
    pub async fn send<T>(&self, request: GraphRequest<T>) -> Result<T, ClientError> {
        let endpoint = request.endpoint();
        let mut http_request = request.request().clone();
        if !http_request.headers().contains_key("client-request-id") {
            if let Ok(id) = random_request_id().parse() {
                http_request.headers_mut().insert("client-request-id", id);
            }
        }
        let started = Instant::now();
        let mut waited = Duration::ZERO;
        let mut attempts = 0u32;
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

            let retries_left = attempts <= self.retry.max_retries;
            match self.attempt(&http_request).await {
                Attempt::Answered(response) => {
                    let status = response.status();
                    if retries_left && status_is_retryable(status, endpoint.retry) {
                        let delay = response
                            .headers()
                            .get(RETRY_AFTER)
                            .and_then(|value| value.to_str().ok())
                            .and_then(|value| parse_retry_after(value, SystemTime::now()))
                            .unwrap_or_else(|| self.retry.backoff(attempts));
                        if waited + delay <= self.retry.max_total_wait {
                            waited += delay;
                            tokio::time::sleep(delay).await;
                            continue;
                        }
                    }
                    return request
                        .parse_response(response)
                        .map_err(|error| ClientError::Response { error, attempts });
                }
                Attempt::Failed { error, not_sent } => {
                    let safe = not_sent || endpoint.retry == RetrySafety::Idempotent;
                    let delay = self.retry.backoff(attempts);
                    if retries_left && safe && waited + delay <= self.retry.max_total_wait {
                        waited += delay;
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

    async fn attempt(&self, request: &http::Request<Vec<u8>>) -> Attempt {
        let sent = self
            .http
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

/// `POST /me/onlineMeetings (after 1.2 s)`: how long a failed call took helps tell a timeout
/// from a refused connection.
fn describe(endpoint: &Endpoint, started: Instant) -> String {
    format!(
        "{} (after {:.1} s)",
        endpoint.describe(),
        started.elapsed().as_secs_f64()
    )
}
