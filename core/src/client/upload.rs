//! Large files through an upload session (drive items, mail attachments): byte ranges in
//! chunks, resumed from the ranges the service says it still expects.

use std::time::Duration;

use http::header::{CONTENT_RANGE, CONTENT_TYPE};
use http::{HeaderValue, StatusCode};

use tracing::Instrument;

use super::{Attempt, Client, ClientError, TokenProvider};
use crate::http::{parse_entity, refusal, Endpoint, Permissions, RetrySafety};
use crate::json::{DecodeError, FromJson, Reader};

/// Each chunk but the last must be a multiple of this: 320 KiB.
pub const UPLOAD_CHUNK_UNIT: usize = 320 * 1024;

/// The largest chunk Graph accepts: 60 MiB.
pub const MAX_UPLOAD_CHUNK: usize = 60 * 1024 * 1024;

/// The default chunk: 16 units, 5 MiB, within the 5 to 10 MiB Microsoft recommends.
pub const DEFAULT_UPLOAD_CHUNK: usize = 16 * UPLOAD_CHUNK_UNIT;

/// A byte range `PUT` to a session's `uploadUrl`: the same range sent twice is stored once.
static UPLOAD: Endpoint = Endpoint {
    name: "upload",
    method: crate::http::Verb::Put,
    path: "{uploadUrl}",
    success: &[200, 201],
    retry: RetrySafety::Idempotent,
    permissions: Permissions::UNLISTED,
};

impl<P: TokenProvider> Client<P> {
    /// Uploads `content` to `upload_url`, the `uploadUrl` of an upload session
    /// (`createUploadSession` on a drive item or an attachment), in chunks of `chunk_size`
    /// bytes (a multiple of [`UPLOAD_CHUNK_UNIT`], at most [`MAX_UPLOAD_CHUNK`];
    /// [`DEFAULT_UPLOAD_CHUNK`] suits most), and reads the finished item as `T`.
    ///
    /// The upload URL carries its own authorization, so no bearer token is sent with it, and
    /// it is never written to an error or a trace (only its host). After a dropped
    /// connection, a `5xx`, a `429` or a range the service refuses, the client waits
    /// (`Retry-After` when given), asks the session which ranges it still expects and goes on
    /// from there, within the client's [`RetryPolicy`](super::RetryPolicy).
    pub async fn upload<T: FromJson>(
        &self,
        upload_url: &str,
        content: &[u8],
        chunk_size: usize,
    ) -> Result<T, ClientError> {
        let uri: http::Uri = upload_url.parse().map_err(|_| ClientError::Upload {
            host: String::new(),
            reason: "the upload URL is not a URL".into(),
        })?;
        let session = UploadSession {
            host: uri.host().unwrap_or_default().to_owned(),
            uri,
        };
        let local_service = self.base_url.as_str().starts_with("http://");
        match session.uri.scheme_str() {
            Some("https") => {}
            Some("http") if local_service => {}
            _ => return Err(session.refuse("the upload URL must be https".into())),
        }
        if chunk_size == 0
            || !chunk_size.is_multiple_of(UPLOAD_CHUNK_UNIT)
            || chunk_size > MAX_UPLOAD_CHUNK
        {
            return Err(session.refuse(format!(
                "a chunk of {chunk_size} bytes is not a multiple of 320 KiB up to 60 MiB"
            )));
        }
        if content.is_empty() {
            return Err(session.refuse(
                "an upload session takes at least one byte; PUT an empty file's content".into(),
            ));
        }
        let span = tracing::info_span!(
            "graph.upload",
            host = %session.host,
            bytes = content.len(),
            chunk = chunk_size,
        );
        self.upload_chunks(&session, content, chunk_size)
            .instrument(span)
            .await
    }

    async fn upload_chunks<T: FromJson>(
        &self,
        session: &UploadSession,
        content: &[u8],
        chunk_size: usize,
    ) -> Result<T, ClientError> {
        let total = content.len();
        let mut offset = 0usize;
        let mut setbacks = 0u32;
        let mut waited = Duration::ZERO;
        let mut fresh_connection = false;
        loop {
            let end = (offset + chunk_size).min(total);
            let range = format!("bytes {offset}-{}/{total}", end - 1);
            let mut request = http::Request::new(content[offset..end].to_vec());
            *request.method_mut() = http::Method::PUT;
            *request.uri_mut() = session.uri.clone();
            let headers = request.headers_mut();
            let content_range = HeaderValue::from_str(&range)
                .map_err(|_| session.refuse(format!("{range:?} is not a header value")))?;
            headers.insert(CONTENT_RANGE, content_range);
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            );
            let wait = match self.attempt(&request, fresh_connection).await {
                Attempt::Answered(response) => {
                    let status = response.status();
                    tracing::debug!(range = %range, status = status.as_u16(), "chunk answered");
                    let answered = |error| ClientError::Response {
                        error,
                        attempts: setbacks + 1,
                        token: None,
                    };
                    match status.as_u16() {
                        200 | 201 => return parse_entity(&UPLOAD, response).map_err(answered),
                        202 => {
                            let next = expected_from(response.body(), total)
                                .map_err(|reason| session.refuse(reason))?
                                .unwrap_or(end);
                            if next >= total {
                                return Err(session.refuse(format!(
                                    "the session took all {total} bytes but answered 202, not the item"
                                )));
                            }
                            if next > offset {
                                offset = next;
                                fresh_connection = false;
                                continue;
                            }
                            // The service asks again for what it was just sent.
                            self.retry.backoff(setbacks + 1)
                        }
                        416 | 429 | 500 | 502 | 503 | 504 => {
                            self.retry.wait_after(response.headers(), setbacks + 1)
                        }
                        _ => return Err(answered(refusal(&UPLOAD, response))),
                    }
                }
                Attempt::Failed { error, .. } => {
                    tracing::warn!(range = %range, "chunk not delivered");
                    if setbacks >= self.retry.max_retries {
                        return Err(ClientError::Transport {
                            endpoint: session.describe(),
                            attempts: setbacks + 1,
                            // reqwest's message names the URL, and the URL is a credential.
                            source: error.without_url(),
                        });
                    }
                    fresh_connection = true;
                    self.retry.backoff(setbacks + 1)
                }
                Attempt::TooLarge => {
                    return Err(ClientError::BodyTooLarge {
                        endpoint: session.describe(),
                        limit: self.body_limit,
                    })
                }
            };
            setbacks += 1;
            if setbacks > self.retry.max_retries || waited + wait > self.retry.max_total_wait {
                return Err(session.refuse(format!(
                    "gave up at byte {offset} of {total} after {setbacks} setbacks"
                )));
            }
            tracing::info!(
                wait_ms = wait.as_millis() as u64,
                offset,
                "resuming after a setback"
            );
            waited += wait;
            tokio::time::sleep(wait).await;
            if let Some(expected) = self
                .expected_offset(session, total, fresh_connection)
                .await?
            {
                offset = expected;
            }
        }
    }

    /// Asks the session where to go on (`GET uploadUrl`); `None` when it cannot say now.
    async fn expected_offset(
        &self,
        session: &UploadSession,
        total: usize,
        fresh_connection: bool,
    ) -> Result<Option<usize>, ClientError> {
        let mut request = http::Request::new(Vec::new());
        *request.uri_mut() = session.uri.clone();
        match self.attempt(&request, fresh_connection).await {
            Attempt::Answered(response) if response.status() == StatusCode::OK => {
                expected_from(response.body(), total).map_err(|reason| session.refuse(reason))
            }
            // The session expired or was cancelled: nothing to resume.
            Attempt::Answered(response) if response.status() == StatusCode::NOT_FOUND => {
                Err(ClientError::Response {
                    error: refusal(&UPLOAD, response),
                    attempts: 1,
                    token: None,
                })
            }
            _ => Ok(None),
        }
    }
}

/// An upload session's URL and, for messages, its host (the URL itself is a credential).
struct UploadSession {
    uri: http::Uri,
    host: String,
}

impl UploadSession {
    fn refuse(&self, reason: String) -> ClientError {
        ClientError::Upload {
            host: self.host.clone(),
            reason,
        }
    }

    fn describe(&self) -> String {
        format!("PUT upload session at {}", self.host)
    }
}

/// The first byte the session still expects, from `nextExpectedRanges` (`["26-"]`,
/// `["26-51", "77-"]`); `None` when the list is absent or empty.
fn expected_from(body: &[u8], total: usize) -> Result<Option<usize>, String> {
    let session = crate::json::from_slice::<Session>(body)
        .map_err(|error| format!("the session's answer cannot be read: {error}"))?;
    let Some(first) = session.next_expected_ranges.first() else {
        return Ok(None);
    };
    let start = first
        .split('-')
        .next()
        .and_then(|start| start.trim().parse::<usize>().ok())
        .ok_or_else(|| format!("the session expects {first:?}, which is not a byte range"))?;
    if start >= total {
        return Err(format!(
            "the session expects byte {start}, beyond the {total} bytes being uploaded"
        ));
    }
    Ok(Some(start))
}

/// What an upload session answers between chunks.
struct Session {
    next_expected_ranges: Vec<String>,
}

impl FromJson for Session {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.begin_object()?;
        let mut next_expected_ranges = Vec::new();
        let mut first = true;
        while let Some(key) = reader.next_key(first)? {
            first = false;
            if key == "nextExpectedRanges" {
                next_expected_ranges = Vec::<String>::from_json(reader)
                    .map_err(|error| error.in_member("nextExpectedRanges"))?;
            } else {
                reader.skip_value()?;
            }
        }
        Ok(Self {
            next_expected_ranges,
        })
    }
}
