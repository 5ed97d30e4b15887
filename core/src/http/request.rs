//! Building an `http::Request<Vec<u8>>` for one endpoint.

use std::fmt;

use http::header::{HeaderValue, ACCEPT, ACCEPT_LANGUAGE, AUTHORIZATION, CONTENT_TYPE};

use super::encode::{
    check_segment, encode_query_key, encode_query_value, encode_segment, encode_template_literal,
};
use super::response::{is_strict, StrictReading};
use super::{Endpoint, RequestOptions, ResponseError};

/// Turns the answer to a request into its typed result; see [`GraphRequest::parse_response`].
pub type ParseFn<T> = fn(&'static Endpoint, http::Response<Vec<u8>>) -> Result<T, ResponseError>;

/// A request ready to send, with what is needed to read its answer.
///
/// Sans-IO: send [`GraphRequest::request`] with any HTTP client, then hand the response to
/// [`GraphRequest::parse_response`]. The `client` feature's `Client::send` does both, and uses
/// [`GraphRequest::endpoint`] to check the token and to decide whether a retry is safe.
pub struct GraphRequest<T> {
    request: http::Request<Vec<u8>>,
    endpoint: &'static Endpoint,
    parse: ParseFn<T>,
}

impl<T> GraphRequest<T> {
    /// The HTTP request.
    pub fn request(&self) -> &http::Request<Vec<u8>> {
        &self.request
    }

    /// The HTTP request, to change it (add a header) before sending.
    pub fn request_mut(&mut self) -> &mut http::Request<Vec<u8>> {
        &mut self.request
    }

    /// The operation and path it was built for.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// Reads the answer: the typed result for the documented success status, a
    /// [`ResponseError`] for anything else.
    ///
    /// Reads strictly when the request was built with [`RequestOptions::strict_reading`].
    pub fn parse_response(
        &self,
        mut response: http::Response<Vec<u8>>,
    ) -> Result<T, ResponseError> {
        if is_strict(self.request.extensions()) {
            response.extensions_mut().insert(StrictReading);
        }
        (self.parse)(self.endpoint, response)
    }

    /// The same request sent to `link` instead: an `@odata.nextLink` or `@odata.deltaLink`
    /// the service returned, used exactly as written, with this request's method and headers
    /// and no body.
    ///
    /// A link to another scheme, host or port than this request's is refused: the headers
    /// (the bearer token among them) must not go to a host the caller did not choose.
    ///
    /// ```
    /// # use graph_core::http::{parse_entity, Endpoint, Permissions, RequestBuilder,
    /// #     RequestOptions, RetrySafety, ValuePage, Verb};
    /// # static LIST: Endpoint = Endpoint { name: "list", method: Verb::Get, path: "/users",
    /// #     success: &[200], retry: RetrySafety::Idempotent, permissions: Permissions {
    /// #     delegated: &[], application: &[], personal_accounts: false } };
    /// let first = RequestBuilder::new(&LIST)
    ///     .segment("users")
    ///     .build::<ValuePage<String>>(&RequestOptions::default(), parse_entity)?;
    /// let next = first.follow("https://graph.microsoft.com/v1.0/users?$skiptoken=X%27Y")?;
    /// assert_eq!(next.request().uri(), "https://graph.microsoft.com/v1.0/users?$skiptoken=X%27Y");
    /// assert!(first.follow("https://example.com/v1.0/users?$skiptoken=1").is_err());
    /// # Ok::<(), graph_core::http::RequestError>(())
    /// ```
    pub fn follow(&self, link: &str) -> Result<GraphRequest<T>, RequestError> {
        let refuse = |reason: &'static str| RequestError::ForeignLink {
            endpoint: self.endpoint.describe(),
            link: super::excerpt(link.as_bytes(), 200),
            reason,
        };
        let uri: http::Uri = link.parse().map_err(|_| refuse("is not a URL"))?;
        let here = self.request.uri();
        let (Some(scheme), Some(authority)) = (uri.scheme(), uri.authority()) else {
            return Err(refuse("is not an absolute URL"));
        };
        if Some(scheme) != here.scheme() {
            return Err(refuse("uses another scheme than the request"));
        }
        let same_host = here
            .host()
            .is_some_and(|host| host.eq_ignore_ascii_case(authority.host()));
        if !same_host
            || effective_port(&uri) != effective_port(here)
            || authority.as_str().contains('@')
        {
            return Err(refuse("points to another host than the request"));
        }
        let mut request = http::Request::new(Vec::new());
        *request.method_mut() = self.request.method().clone();
        *request.uri_mut() = uri;
        *request.headers_mut() = self.request.headers().clone();
        request.headers_mut().remove(CONTENT_TYPE);
        if is_strict(self.request.extensions()) {
            request.extensions_mut().insert(StrictReading);
        }
        Ok(GraphRequest {
            request,
            endpoint: self.endpoint,
            parse: self.parse,
        })
    }

    /// The request and its reader, apart.
    pub fn into_parts(self) -> (http::Request<Vec<u8>>, &'static Endpoint, ParseFn<T>) {
        (self.request, self.endpoint, self.parse)
    }
}

impl<T> fmt::Debug for GraphRequest<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The request's headers hold the bearer token; `http` marks it sensitive, and its
        // Debug prints `Sensitive` instead of the value.
        f.debug_struct("GraphRequest")
            .field("endpoint", &self.endpoint.describe())
            .field("request", &self.request)
            .finish()
    }
}

/// Why a request could not be built. Nothing was sent.
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// A path parameter cannot be used (empty, a dot segment, a control character).
    InvalidParameter {
        /// The endpoint, as `POST /users/{userId}/onlineMeetings`.
        endpoint: String,
        /// The parameter's name (`userId`).
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A header value has bytes HTTP does not allow (a token or id with a newline, ...).
    InvalidHeader {
        /// The header's name.
        name: &'static str,
    },
    /// The body broke a documented rule; nothing was sent.
    Validation(crate::ValidationErrors),
    /// A member the operation requires is absent or `null` in the body.
    MissingMember {
        /// The endpoint, as `POST /me/onlineMeetings/createOrGet`.
        endpoint: String,
        /// The member's JSON name (`externalId`).
        member: &'static str,
    },
    /// The URL could not be formed.
    InvalidUri(String),
    /// A request built for another service root than the batch it was put in.
    OutsideServiceRoot {
        /// The endpoint, as `GET /users`.
        endpoint: String,
        /// The root of the service the batch goes to.
        root: String,
    },
    /// A paging or delta link the service returned cannot be followed.
    ForeignLink {
        /// The endpoint, as `GET /users`.
        endpoint: String,
        /// The start of the link.
        link: String,
        /// Why it is refused (`points to another host than the request`).
        reason: &'static str,
    },
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidParameter {
                endpoint,
                name,
                reason,
            } => write!(f, "{endpoint}: path parameter `{name}` {reason}"),
            Self::InvalidHeader { name } => {
                write!(f, "header `{name}` has characters HTTP does not allow")
            }
            Self::Validation(errors) => write!(f, "request body is invalid: {errors}"),
            Self::MissingMember { endpoint, member } => {
                write!(f, "{endpoint}: the body must set `{member}`")
            }
            Self::InvalidUri(uri) => {
                let shown: String = uri.chars().take(200).collect();
                let more = if shown.len() < uri.len() { "..." } else { "" };
                write!(
                    f,
                    "cannot form a URL ({} bytes) from {shown:?}{more}",
                    uri.len()
                )
            }
            Self::OutsideServiceRoot { endpoint, root } => write!(
                f,
                "{endpoint}: the request is not for {root}, so it cannot go in its $batch"
            ),
            Self::ForeignLink {
                endpoint,
                link,
                reason,
            } => write!(
                f,
                "{endpoint}: will not follow the link `{link}`: it {reason}"
            ),
        }
    }
}

impl std::error::Error for RequestError {}

impl From<crate::ValidationErrors> for RequestError {
    fn from(errors: crate::ValidationErrors) -> Self {
        Self::Validation(errors)
    }
}

/// Assembles one request: path segments, query, JSON body, headers.
///
/// Generated endpoint functions are a chain of calls on this; the first error is kept and
/// returned by [`RequestBuilder::build`].
#[derive(Debug)]
pub struct RequestBuilder {
    endpoint: &'static Endpoint,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    /// `Content-Type` of the body: JSON unless a stream body says otherwise.
    content_type: &'static str,
    /// Action parameters written so far, as an open JSON object.
    parameters: Option<crate::json::Writer>,
    error: Option<RequestError>,
}

/// A value written into a path: a function's parameter (`period='D7'`, `top=10`).
#[derive(Clone, Copy, Debug)]
pub enum PathValue<'a> {
    /// A string or enum member: written in single quotes, `'` doubled, percent-encoded.
    Quoted(&'a str),
    /// A number, Boolean, date, GUID, ...: written as its text, percent-encoded.
    Plain(&'a str),
    /// An optional parameter, passed by alias: written `@name`, its value (if any) set with
    /// [`RequestBuilder::alias`].
    Alias,
}

impl RequestBuilder {
    /// Starts a request for `endpoint` with an empty path.
    pub fn new(endpoint: &'static Endpoint) -> Self {
        Self {
            endpoint,
            path: String::new(),
            query: Vec::new(),
            body: None,
            content_type: "application/json",
            parameters: None,
            error: None,
        }
    }

    /// Starts a request for `endpoint` with its path written from the endpoint's template
    /// (`/users/{userId}/events/{eventId}/accept`), each `{parameter}` filled in order from
    /// `values`.
    ///
    /// A parameter that is a whole segment is sent as exactly one segment, percent-encoded, so
    /// `a/b` or `../admin` cannot reach another path, and an empty or dot value is refused; one
    /// in quotes (`appId='{appId}'`) has its `'` doubled; every value is percent-encoded. A
    /// missing value is [`RequestError::InvalidParameter`], at build time.
    pub fn at(endpoint: &'static Endpoint, values: &[&str]) -> Self {
        let mut builder = Self::new(endpoint);
        builder.write_template(values.iter().copied());
        builder
    }

    /// As [`RequestBuilder::at`], with the value of the template's first parameter (a root's
    /// key, as in `/users/{userId}`) given apart from the rest.
    pub fn at_key(endpoint: &'static Endpoint, key: &str, values: &[&str]) -> Self {
        let mut builder = Self::new(endpoint);
        builder.write_template(std::iter::once(key).chain(values.iter().copied()));
        builder
    }

    fn write_template<'v>(&mut self, mut values: impl Iterator<Item = &'v str>) {
        // A lookup's template shows its query (`?$filter=...`); the query is added apart.
        let mut rest = match self.endpoint.path.split_once('?') {
            Some((path, _query)) => path,
            None => self.endpoint.path,
        };
        while let Some(open) = rest.find('{') {
            let Some(length) = rest[open..].find('}') else {
                break;
            };
            self.path.push_str(&encode_template_literal(&rest[..open]));
            let name = &rest[open + 1..open + length];
            let after = &rest[open + length + 1..];
            let whole_segment =
                rest[..open].ends_with('/') && (after.is_empty() || after.starts_with('/'));
            let quoted = rest[..open].ends_with('\'');
            rest = after;
            let Some(value) = values.next() else {
                self.fail(RequestError::InvalidParameter {
                    endpoint: self.endpoint.describe(),
                    name,
                    reason: "has no value",
                });
                return;
            };
            if whole_segment {
                self.check_segment_value(name, value);
            }
            if quoted {
                self.path.push_str(&encode_segment(&double_quotes(value)));
            } else {
                self.path.push_str(&encode_segment(value));
            }
        }
        self.path.push_str(&encode_template_literal(rest));
    }

    /// The endpoint this request is for.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// Appends a function call as one segment: `getEmailActivityCounts(period='D7')`. The
    /// name and punctuation are written as they are, each value percent-encoded.
    pub fn function(mut self, name: &str, arguments: &[(&str, PathValue<'_>)]) -> Self {
        self.path.push('/');
        self.path.push_str(&encode_segment(name));
        self.path.push('(');
        for (index, (parameter, value)) in arguments.iter().enumerate() {
            if index > 0 {
                self.path.push(',');
            }
            self.path.push_str(parameter);
            self.path.push('=');
            match value {
                PathValue::Alias => {
                    self.path.push('@');
                    self.path.push_str(parameter);
                }
                value => self.path.push_str(&path_value(*value)),
            }
        }
        self.path.push(')');
        self
    }

    /// Sets a function's optional parameter through a parameter alias: the path says
    /// `p=@p` and the query `@p=<value>`.
    pub fn alias(self, parameter: &str, value: Option<PathValue<'_>>) -> Self {
        match value {
            Some(value) => {
                let key = format!("@{parameter}");
                let raw = match value {
                    PathValue::Quoted(text) => format!("'{}'", double_quotes(text)),
                    PathValue::Plain(text) => text.to_owned(),
                    PathValue::Alias => return self,
                };
                self.query(&key, &raw)
            }
            None => self,
        }
    }

    /// Adds an action parameter to the JSON body object.
    pub fn parameter<V: crate::json::ToJson + ?Sized>(mut self, name: &str, value: &V) -> Self {
        let writer = self.parameters.get_or_insert_with(|| {
            let mut writer = crate::json::Writer::new();
            writer.begin_object();
            writer
        });
        writer.key(name);
        value.to_json(writer);
        self
    }

    /// Adds an action parameter when it is given; a missing one is left out of the body.
    pub fn optional_parameter<V: crate::json::ToJson + ?Sized>(
        self,
        name: &str,
        value: Option<&V>,
    ) -> Self {
        match value {
            Some(value) => self.parameter(name, value),
            None => self,
        }
    }

    /// Sets a stream body (`PUT .../content`) with its media type.
    pub fn stream_body(mut self, bytes: Vec<u8>, content_type: &'static str) -> Self {
        self.body = Some(bytes);
        self.content_type = content_type;
        self
    }

    /// Sets the body of a `$ref` call: `{"@odata.id": "<url>"}`.
    pub fn reference_body(self, url: &str) -> Self {
        let mut writer = crate::json::Writer::new();
        writer.begin_object();
        writer.key("@odata.id");
        writer.string(url);
        writer.end_object();
        self.raw_json_body(writer.into_bytes())
    }

    /// Appends a fixed segment (`me`, `onlineMeetings`, `createOrGet`).
    pub fn segment(mut self, literal: &str) -> Self {
        self.path.push('/');
        // OData's own segments (`$ref`, `$count`, `$value`) keep their `$`.
        match literal.strip_prefix('$') {
            Some(rest) => {
                self.path.push('$');
                self.path.push_str(&encode_segment(rest));
            }
            None => self.path.push_str(&encode_segment(literal)),
        }
        self
    }

    /// Appends a caller-supplied value as exactly one segment, percent-encoded, so `a/b`,
    /// `../admin` or `x?y` cannot reach another path; refuses empty and dot segments.
    pub fn param(mut self, name: &'static str, value: &str) -> Self {
        self.check_segment_value(name, value);
        self.segment(value)
    }

    /// Refuses the request when `value`, of parameter `name`, cannot be one path segment.
    fn check_segment_value(&mut self, name: &'static str, value: &str) {
        if let Some(reason) = check_segment(value) {
            self.fail(RequestError::InvalidParameter {
                endpoint: self.endpoint.describe(),
                name,
                reason,
            });
        }
    }

    /// Adds a query pair; both parts are percent-encoded here.
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query
            .push((encode_query_key(key), encode_query_value(value)));
        self
    }

    /// Refuses the request when a member the operation requires (a non-nullable action
    /// parameter such as createOrGet's `externalId`) is not `present` in the body.
    pub fn require_member(mut self, member: &'static str, present: bool) -> Self {
        if !present {
            self.fail(RequestError::MissingMember {
                endpoint: self.endpoint.describe(),
                member,
            });
        }
        self
    }

    /// Sets an already-serialized JSON body. Prefer [`RequestBuilder::json_body`], which
    /// validates first.
    pub fn raw_json_body(mut self, body: Vec<u8>) -> Self {
        self.body = Some(body);
        self
    }

    /// Validates `body` for `operation`, then serializes it as the JSON body. On a rule
    /// broken, [`RequestBuilder::build`] returns [`RequestError::Validation`].
    pub fn json_body<B>(mut self, body: &B, operation: crate::Operation) -> Self
    where
        B: crate::json::ToJson + crate::Validate,
    {
        match body.validate(operation) {
            Ok(()) => self.raw_json_body(crate::json::to_vec(body)),
            Err(errors) => {
                self.fail(RequestError::Validation(errors));
                self
            }
        }
    }

    fn fail(&mut self, error: RequestError) {
        self.error.get_or_insert(error);
    }

    /// Finishes the request: URL from `options.base_url`, headers from `options`.
    ///
    /// Headers: `Accept: application/json`; `Authorization: Bearer ...` when a token is set
    /// (marked sensitive); `Content-Type: application/json` with a body; `Accept-Language`;
    /// `Prefer: include-unknown-enum-members` unless turned off; `client-request-id`.
    pub fn build<T>(
        mut self,
        options: &RequestOptions,
        parse: ParseFn<T>,
    ) -> Result<GraphRequest<T>, RequestError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if let Some(mut parameters) = self.parameters.take() {
            parameters.end_object();
            self.body = Some(parameters.into_bytes());
        }
        let mut url = format!("{}{}", options.base_url.as_str(), self.path);
        for (index, (key, value)) in self.query.iter().enumerate() {
            url.push(if index == 0 { '?' } else { '&' });
            url.push_str(key);
            url.push('=');
            url.push_str(value);
        }
        let method = self.endpoint.method.as_method();
        let uri: http::Uri = match url.parse() {
            Ok(uri) => uri,
            Err(_) => return Err(RequestError::InvalidUri(url)),
        };

        let has_body = self.body.is_some();
        let mut request = http::Request::new(self.body.unwrap_or_default());
        if options.strict_reading {
            request.extensions_mut().insert(StrictReading);
        }
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        let headers = request.headers_mut();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(token) = &options.access_token {
            headers.insert(AUTHORIZATION, bearer_header(token.secret())?);
        }
        if has_body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        }
        if let Some(language) = &options.accept_language {
            headers.insert(
                ACCEPT_LANGUAGE,
                header_value("Accept-Language", language.as_str())?,
            );
        }
        if options.include_unknown_enum_members {
            headers.insert(
                "prefer",
                HeaderValue::from_static("include-unknown-enum-members"),
            );
        }
        if let Some(id) = &options.client_request_id {
            headers.insert("client-request-id", header_value("client-request-id", id)?);
        }
        Ok(GraphRequest {
            request,
            endpoint: self.endpoint,
            parse,
        })
    }
}

/// The port a URI connects to, written or implied by its scheme.
fn effective_port(uri: &http::Uri) -> Option<u16> {
    uri.port_u16().or(match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    })
}

/// A path value as written inside a function call's parentheses.
fn path_value(value: PathValue<'_>) -> String {
    match value {
        PathValue::Quoted(text) => format!("'{}'", encode_segment(&double_quotes(text))),
        PathValue::Plain(text) => encode_segment(text),
        PathValue::Alias => String::new(),
    }
}

/// The text of an OData string literal: a quote inside it is written twice.
fn double_quotes(text: &str) -> String {
    text.replace('\'', "''")
}

/// `Bearer <token>`, marked sensitive so `Debug` of the request does not show it.
pub fn bearer_header(token: &str) -> Result<HeaderValue, RequestError> {
    let mut value = header_value("Authorization", &format!("Bearer {token}"))?;
    value.set_sensitive(true);
    Ok(value)
}

fn header_value(name: &'static str, value: &str) -> Result<HeaderValue, RequestError> {
    HeaderValue::from_str(value).map_err(|_| RequestError::InvalidHeader { name })
}
