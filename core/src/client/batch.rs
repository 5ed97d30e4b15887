//! JSON batching: many requests in `POST /$batch`, each answer read with its own request's
//! typed reader.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use super::{status_is_retryable, Client, ClientError, TokenProvider};
use crate::http::{
    parse_entity, Endpoint, GraphRequest, ParseFn, Permissions, RequestBuilder, RequestError,
    RetrySafety, StrictReading,
};
use crate::json::{DecodeError, FromJson, Reader, Writer};

/// Graph's limit on requests in one `$batch`; larger batches are sent as several.
pub const MAX_BATCH_REQUESTS: usize = 20;

/// The `$batch` call itself when every request in it may be sent twice.
static BATCH_IDEMPOTENT: Endpoint = Endpoint {
    name: "batch",
    method: crate::http::Verb::Post,
    path: "/$batch",
    success: &[200],
    retry: RetrySafety::Idempotent,
    permissions: Permissions::UNLISTED,
};

/// The `$batch` call when one of its requests may not be sent twice.
static BATCH_NOT_IDEMPOTENT: Endpoint = Endpoint {
    retry: RetrySafety::NotIdempotent,
    ..BATCH_IDEMPOTENT
};

/// Requests to send together with [`Client::send_batch`].
///
/// ```no_run
/// # use graph_core::client::{Batch, Client, StaticToken};
/// # use graph_core::http::GraphRequest;
/// # async fn demo(client: Client<StaticToken>, create: GraphRequest<String>,
/// #     read: GraphRequest<String>) -> Result<(), graph_core::client::ClientError> {
/// let mut batch = Batch::new();
/// let created = batch.add(create);
/// let read = batch.add_after(read, &[created.id()]); // sent only once `created` succeeded
/// let mut answers = client.send_batch(batch).await;
/// let created: String = answers.take(created)?;      // each with its own typed reader
/// let read: String = answers.take(read)?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Batch {
    tag: u64,
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    request: http::Request<Vec<u8>>,
    endpoint: &'static Endpoint,
    depends_on: Vec<usize>,
}

/// One request's place in a [`Batch`], and how to read its answer: hand it to
/// [`BatchAnswers::take`].
#[derive(Debug)]
#[must_use = "the answer is read with this handle"]
pub struct BatchItem<T> {
    id: BatchId,
    endpoint: &'static Endpoint,
    parse: ParseFn<T>,
    /// Built with [`crate::http::RequestOptions::strict_reading`].
    strict: bool,
}

/// Names a request of a [`Batch`] that others may depend on ([`Batch::add_after`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BatchId {
    tag: u64,
    index: usize,
}

impl<T> BatchItem<T> {
    /// The name other requests use to depend on this one.
    pub fn id(&self) -> BatchId {
        self.id
    }
}

impl Default for Batch {
    fn default() -> Self {
        Self::new()
    }
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Self {
            tag: fastrand::u64(..),
            entries: Vec::new(),
        }
    }

    /// Adds a request.
    pub fn add<T>(&mut self, request: GraphRequest<T>) -> BatchItem<T> {
        self.add_after(request, &[])
    }

    /// Adds a request that Graph runs only after `dependencies` succeeded (`dependsOn`); if
    /// one fails, this one is answered `424 Failed Dependency` and never runs. Ids from
    /// another batch are ignored.
    pub fn add_after<T>(
        &mut self,
        request: GraphRequest<T>,
        dependencies: &[BatchId],
    ) -> BatchItem<T> {
        let (request, endpoint, parse) = request.into_parts();
        let strict = request.extensions().get::<StrictReading>().is_some();
        let depends_on = dependencies
            .iter()
            .filter(|id| id.tag == self.tag)
            .map(|id| id.index)
            .collect();
        let index = self.entries.len();
        self.entries.push(Entry {
            request,
            endpoint,
            depends_on,
        });
        BatchItem {
            id: BatchId {
                tag: self.tag,
                index,
            },
            endpoint,
            parse,
            strict,
        }
    }

    /// Number of requests.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no request.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The answers to a [`Batch`], one per request, each read with [`BatchAnswers::take`].
#[derive(Debug)]
pub struct BatchAnswers {
    tag: u64,
    outcomes: Vec<Option<Outcome>>,
}

#[derive(Debug)]
enum Outcome {
    Answered {
        response: http::Response<Vec<u8>>,
        attempts: u32,
    },
    /// The `$batch` call that carried the request failed as a whole (`Some`), or its answer
    /// had no response for the request (`None`).
    NotAnswered(Option<Arc<ClientError>>),
}

impl Outcome {
    fn succeeded(&self) -> bool {
        matches!(self, Self::Answered { response, .. } if response.status().is_success())
    }
}

impl BatchAnswers {
    /// The answer to `item`, read with the reader of the request it was added with: the
    /// typed result, or the same errors [`Client::send`] gives, with the attempts the item
    /// took. A `424` says a dependency failed.
    pub fn take<T>(&mut self, item: BatchItem<T>) -> Result<T, ClientError> {
        let outcome = match self.outcomes.get_mut(item.id.index) {
            Some(outcome) if item.id.tag == self.tag => outcome.take(),
            _ => None,
        };
        match outcome {
            Some(Outcome::Answered {
                mut response,
                attempts,
            }) => {
                if item.strict {
                    response.extensions_mut().insert(StrictReading);
                }
                (item.parse)(item.endpoint, response).map_err(|error| ClientError::Response {
                    error,
                    attempts,
                    token: None,
                })
            }
            Some(Outcome::NotAnswered(cause)) => Err(ClientError::NotAnswered {
                endpoint: item.endpoint.describe(),
                cause,
            }),
            None => Err(ClientError::NotInBatch {
                endpoint: item.endpoint.describe(),
            }),
        }
    }
}

impl<P: TokenProvider> Client<P> {
    /// Sends `batch` as JSON batches of at most [`MAX_BATCH_REQUESTS`], in the order the
    /// requests were added, so a request that depends on one in an earlier batch runs after
    /// it (and is answered `424` here, without being sent, when that one failed).
    ///
    /// Requests answered `429` (and `503`/`504` when idempotent) are sent again in a smaller
    /// batch after the longest of their `Retry-After`s, with those that failed only because
    /// they depended on them; requests already answered are never sent again. The `$batch`
    /// call itself is retried as [`Client::send`] retries, as non-idempotent when any request
    /// in it is.
    pub async fn send_batch(&self, batch: Batch) -> BatchAnswers {
        let Batch { tag, entries } = batch;
        let mut outcomes: Vec<Option<Outcome>> = entries.iter().map(|_| None).collect();
        let mut start = 0;
        while start < entries.len() {
            let end = (start + MAX_BATCH_REQUESTS).min(entries.len());
            self.send_chunk(&entries, start..end, &mut outcomes).await;
            start = end;
        }
        BatchAnswers { tag, outcomes }
    }

    async fn send_chunk(
        &self,
        entries: &[Entry],
        chunk: std::ops::Range<usize>,
        outcomes: &mut [Option<Outcome>],
    ) {
        let mut attempts: HashMap<usize, u32> = HashMap::new();
        let mut waited = Duration::ZERO;
        let mut pending: Vec<usize> = chunk.collect();
        while !pending.is_empty() {
            // A dependency outside this round (in an earlier batch, or answered in an earlier
            // round) has to have succeeded; Graph never sees the two together.
            let mut round: Vec<usize> = Vec::with_capacity(pending.len());
            for index in pending {
                let blocked = entries[index].depends_on.iter().any(|dependency| {
                    !round.contains(dependency)
                        && !outcomes[*dependency]
                            .as_ref()
                            .is_some_and(Outcome::succeeded)
                });
                if blocked {
                    outcomes[index] = Some(failed_dependency(entries[index].endpoint));
                } else {
                    round.push(index);
                }
            }
            pending = round;
            if pending.is_empty() {
                return;
            }
            for index in &pending {
                *attempts.entry(*index).or_default() += 1;
            }
            let mut answers = match self.send_envelope(entries, &pending).await {
                Ok(answers) => answers,
                Err(error) => {
                    let error = Arc::new(error);
                    for index in pending {
                        outcomes[index] = Some(Outcome::NotAnswered(Some(Arc::clone(&error))));
                    }
                    return;
                }
            };
            let mut resend = Vec::new();
            let mut delay = Duration::ZERO;
            for index in pending {
                let entry = &entries[index];
                let Some(response) = answers.remove(&index.to_string()) else {
                    outcomes[index] = Some(Outcome::NotAnswered(None));
                    continue;
                };
                let status = response.status;
                let tries = attempts[&index];
                let throttled = status_is_retryable(status, entry.endpoint.retry)
                    && tries <= self.retry.max_retries;
                let blocked_by_retry = status == StatusCode::FAILED_DEPENDENCY
                    && entry
                        .depends_on
                        .iter()
                        .any(|dependency| resend.contains(dependency));
                if throttled {
                    let wait = self.retry.wait_after(&response.headers, tries);
                    delay = delay.max(wait);
                }
                if throttled || blocked_by_retry {
                    resend.push(index);
                }
                outcomes[index] = Some(Outcome::Answered {
                    response: response.into_response(),
                    attempts: tries,
                });
            }
            if resend.is_empty() || waited + delay > self.retry.max_total_wait {
                return;
            }
            tracing::info!(
                requests = resend.len(),
                wait_ms = delay.as_millis() as u64,
                "waiting to resend throttled batch requests"
            );
            waited += delay;
            tokio::time::sleep(delay).await;
            pending = resend;
        }
    }

    /// One `POST /$batch` with the requests at `indexes`, ids being their indexes.
    async fn send_envelope(
        &self,
        entries: &[Entry],
        indexes: &[usize],
    ) -> Result<HashMap<String, ItemAnswer>, ClientError> {
        let root = self.base_url.as_str();
        let mut writer = Writer::new();
        writer.begin_object();
        writer.key("requests");
        writer.begin_array();
        for &index in indexes {
            let entry = &entries[index];
            let uri = entry.request.uri().to_string();
            let Some(url) = uri.strip_prefix(root).filter(|url| url.starts_with('/')) else {
                return Err(ClientError::Request(RequestError::OutsideServiceRoot {
                    endpoint: entry.endpoint.describe(),
                    root: root.to_owned(),
                }));
            };
            writer.begin_object();
            writer.key("id");
            writer.string(&index.to_string());
            writer.key("method");
            writer.string(entry.request.method().as_str());
            writer.key("url");
            writer.string(url);
            let depends_on: Vec<String> = entry
                .depends_on
                .iter()
                .filter(|dependency| indexes.contains(dependency))
                .map(usize::to_string)
                .collect();
            if !depends_on.is_empty() {
                writer.key("dependsOn");
                writer.begin_array();
                for dependency in &depends_on {
                    writer.string(dependency);
                }
                writer.end_array();
            }
            write_headers(&mut writer, entry.request.headers());
            let body = entry.request.body();
            if !body.is_empty() {
                writer.key("body");
                if is_json(entry.request.headers()) {
                    match std::str::from_utf8(body) {
                        Ok(json) => writer.raw(json),
                        Err(_) => writer.string(&STANDARD.encode(body)),
                    }
                } else {
                    writer.string(&STANDARD.encode(body));
                }
            }
            writer.end_object();
        }
        writer.end_array();
        writer.end_object();

        let endpoint = if indexes
            .iter()
            .all(|&index| entries[index].endpoint.retry == RetrySafety::Idempotent)
        {
            &BATCH_IDEMPOTENT
        } else {
            &BATCH_NOT_IDEMPOTENT
        };
        let request = RequestBuilder::new(endpoint)
            .segment("$batch")
            .raw_json_body(writer.into_bytes())
            .build(&self.request_options(), parse_entity::<Envelope>)
            .map_err(ClientError::Request)?;
        let envelope = self.send_ref(&request).await?;
        Ok(envelope
            .responses
            .into_iter()
            .map(|answer| (answer.id.clone(), answer))
            .collect())
    }
}

/// An item's request headers, but its token (the `$batch` call carries it) and what HTTP
/// framing sets.
fn write_headers(writer: &mut Writer, headers: &HeaderMap) {
    writer.key("headers");
    writer.begin_object();
    for (name, value) in headers {
        if matches!(name.as_str(), "authorization" | "host" | "content-length") {
            continue;
        }
        if let Ok(value) = value.to_str() {
            writer.key(name.as_str());
            writer.string(value);
        }
    }
    writer.end_object();
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.to_ascii_lowercase().contains("json"))
}

/// What Graph answers for a request whose dependency failed; given here for a dependency in
/// an earlier `$batch`, which Graph never saw together with it.
fn failed_dependency(endpoint: &Endpoint) -> Outcome {
    let body = format!(
        r#"{{"error":{{"code":"failedDependency","message":"{} was not sent: a request it depends on failed"}}}}"#,
        endpoint.describe()
    );
    let mut response = http::Response::new(body.into_bytes());
    *response.status_mut() = StatusCode::FAILED_DEPENDENCY;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Outcome::Answered {
        response,
        attempts: 0,
    }
}

/// `{"responses": [...]}`.
struct Envelope {
    responses: Vec<ItemAnswer>,
}

/// One item of a `$batch` answer.
struct ItemAnswer {
    id: String,
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl ItemAnswer {
    fn into_response(self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.body);
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

impl FromJson for Envelope {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.peek_position()?;
        reader.begin_object()?;
        let mut responses = None;
        let mut first = true;
        while let Some(key) = reader.next_key(first)? {
            first = false;
            if key == "responses" {
                let mut items = Vec::new();
                reader.begin_array()?;
                let mut first_item = true;
                while reader.next_element(first_item)? {
                    first_item = false;
                    let index = items.len();
                    items.push(
                        ItemAnswer::from_json(reader)
                            .map_err(|error| error.in_element(index).in_member("responses"))?,
                    );
                }
                responses = Some(items);
            } else {
                reader.skip_value()?;
            }
        }
        responses
            .map(|responses| Envelope { responses })
            .ok_or_else(|| reader.error_at(start, "expected a `responses` array"))
    }
}

impl FromJson for ItemAnswer {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.peek_position()?;
        reader.begin_object()?;
        let (mut id, mut status) = (None, None);
        let mut headers = HeaderMap::new();
        let mut body: Option<&str> = None;
        let mut first = true;
        while let Some(key) = reader.next_key(first)? {
            first = false;
            match key.as_ref() {
                "id" => id = Some(reader.read_str()?.into_owned()),
                "status" => {
                    let code = reader.read_u64()?;
                    status = u16::try_from(code)
                        .ok()
                        .and_then(|code| StatusCode::from_u16(code).ok());
                    if status.is_none() {
                        return Err(reader.error(format!("{code} is not an HTTP status")));
                    }
                }
                "headers" => {
                    reader.begin_object()?;
                    let mut first_header = true;
                    while let Some(name) = reader.next_key(first_header)? {
                        first_header = false;
                        let value = reader.read_str()?;
                        if let (Ok(name), Ok(value)) = (
                            HeaderName::from_bytes(name.as_bytes()),
                            HeaderValue::from_str(&value),
                        ) {
                            headers.append(name, value);
                        }
                    }
                }
                "body" => body = Some(reader.raw_value()?),
                _ => reader.skip_value()?,
            }
        }
        let (Some(id), Some(status)) = (id, status) else {
            return Err(reader.error_at(start, "a batch response needs `id` and `status`"));
        };
        let body = match body {
            None => Vec::new(),
            Some(json) if is_json(&headers) || !json.starts_with('"') => json.as_bytes().to_vec(),
            // Graph writes a body that is not JSON as a base64 string.
            Some(text) => {
                let text = crate::json::from_str::<String>(text)?;
                STANDARD
                    .decode(text.as_bytes())
                    .unwrap_or_else(|_| text.into_bytes())
            }
        };
        Ok(ItemAnswer {
            id,
            status,
            headers,
            body,
        })
    }
}
