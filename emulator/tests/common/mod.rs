//! Shared helpers for the emulator's HTTP tests: an in-process emulator, tokens, requests over
//! loopback (reqwest, or raw bytes for paths a URL library would normalise).
#![allow(dead_code)] // Each test binary uses a different subset of these helpers.

use std::sync::{Arc, OnceLock};

use graph_core::client::{Client, StaticToken};
use graph_core::http::BaseUrl;
use graph_emulator::{
    AccessPolicy, Catalog, Claims, Emulator, EmulatorConfig, EmulatorHandle, SigningKey,
};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The user most tests act as (an object id, as Graph expects).
pub const USER: &str = "550fae72-d251-43ec-868c-373732c2704f";
/// Another user of the same tenant.
pub const OTHER_USER: &str = "7d9d6a1e-1b2c-4d3e-8f40-5a6b7c8d9e0f";
/// An application with an access policy for [`USER`] in [`Harness::start`].
pub const APP: &str = "a1b2c3d4-0000-4000-8000-00000000a991";
/// An application without any access policy.
pub const APP_WITHOUT_POLICY: &str = "a1b2c3d4-0000-4000-8000-00000000b992";

pub const READ_WRITE: &str = "OnlineMeetings.ReadWrite";
pub const READ_WRITE_ALL: &str = "OnlineMeetings.ReadWrite.All";

/// The pinned v1.0 metadata, read once per test binary and shared (reading it takes a while).
pub fn v1() -> Arc<Catalog> {
    static CATALOG: OnceLock<Arc<Catalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../metadata/graph-v1/v1.0-clean.xml"
            );
            Arc::new(Catalog::load(path).expect("the pinned v1.0 metadata reads"))
        })
        .clone()
}

/// The project's client, pointed at `harness` with `token`.
pub fn client(harness: &Harness, token: String) -> Client<StaticToken> {
    Client::builder(StaticToken::new(token))
        .base_url(BaseUrl::new(&harness.emulator.base_url()).unwrap())
        .build()
        .unwrap()
}

/// A running emulator with a fixed key and an HTTP client.
pub struct Harness {
    pub emulator: EmulatorHandle,
    pub http: reqwest::Client,
}

/// A response read whole: status, headers and the body as JSON (`Null` when empty).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub raw: Vec<u8>,
}

impl Harness {
    /// An emulator granting [`APP`] a policy for [`USER`], no throttling.
    pub async fn start() -> Self {
        Self::start_with(EmulatorConfig::default()).await
    }

    /// An emulator with `config`, plus the policy for [`APP`] and a fixed signing key.
    pub async fn start_with(config: EmulatorConfig) -> Self {
        let config = EmulatorConfig {
            signing_key: SigningKey::new("harness-key"),
            ..config
        }
        .allow_app(format!("{APP}:{USER}").parse::<AccessPolicy>().unwrap());
        let emulator = Emulator::start(config).await.expect("emulator starts");
        Self {
            emulator,
            http: reqwest::Client::new(),
        }
    }

    pub fn token(&self, claims: &Claims) -> String {
        self.emulator.mint_token(claims)
    }

    /// A delegated token for [`USER`] with `OnlineMeetings.ReadWrite`.
    pub fn user_token(&self) -> String {
        self.token(&Claims::delegated(USER, &[READ_WRITE]))
    }

    /// Sends `method path` (relative to `/v1.0`) with optional bearer token, JSON body and
    /// extra headers.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let url = format!("{}{path}", self.emulator.base_url());
        let mut request = self.http.request(method, url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("request reaches the emulator");
        read(response).await
    }

    /// `POST /$batch` with `envelope` (`{"requests": [...]}`).
    pub async fn batch(&self, token: Option<&str>, envelope: &Value) -> Reply {
        let body = envelope.to_string();
        self.send(Method::POST, "/$batch", token, Some(&body), &[])
            .await
    }

    /// `POST /me/onlineMeetings` as [`USER`]; the created meeting.
    pub async fn create(&self, body: &str) -> Value {
        let reply = self
            .send(
                Method::POST,
                "/me/onlineMeetings",
                Some(&self.user_token()),
                Some(body),
                &[],
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        reply.body
    }

    /// Sends raw HTTP/1.1 bytes and returns the status and body; for paths reqwest would
    /// normalise (`%2e%2e`) or refuse.
    pub async fn raw(&self, request_head: &str, body: &[u8]) -> (u16, Value) {
        let mut stream = tokio::net::TcpStream::connect(self.emulator.local_addr())
            .await
            .expect("connects");
        // The server may answer and close before reading a refused body: a failed write or a
        // reset after the answer still leaves the answer to check.
        let _ = stream.write_all(request_head.as_bytes()).await;
        let _ = stream.write_all(body).await;
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response).await;
        let text = String::from_utf8_lossy(&response);
        let status: u16 = text
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {text}"));
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, body)| body)
            .unwrap_or_default();
        (status, serde_json::from_str(body).unwrap_or(Value::Null))
    }
}

/// Reads a reqwest response whole.
pub async fn read(response: reqwest::Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let raw = response.bytes().await.expect("body").to_vec();
    let body = if raw.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&raw).unwrap_or_else(|error| {
            panic!(
                "body is not JSON ({error}): {}",
                String::from_utf8_lossy(&raw)
            )
        })
    };
    Reply {
        status,
        headers,
        body,
        raw,
    }
}

/// Asserts Graph's error shape: code, message, innerError with request-id and date, and the
/// same request id in the `request-id` header.
pub fn assert_graph_error(reply: &Reply, status: StatusCode, code: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_graph_error_body(&reply.body, code);
    let header_id = reply.headers["request-id"].to_str().unwrap();
    assert_eq!(reply.body["error"]["innerError"]["request-id"], header_id);
}

/// Asserts Graph's error shape on a body alone.
pub fn assert_graph_error_body(body: &Value, code: &str) {
    let error = &body["error"];
    assert_eq!(error["code"], code, "{body}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    let inner = &error["innerError"];
    assert!(
        inner["request-id"]
            .as_str()
            .is_some_and(|id| id.len() == 36),
        "{body}"
    );
    let date = inner["date"].as_str().expect("innerError.date");
    assert!(
        date.len() == 19 && date.as_bytes()[10] == b'T',
        "date {date:?} is not yyyy-mm-ddThh:mm:ss"
    );
}

/// Decodes `joinInformation.content` (`+` is a space, then percent-decoding).
pub fn decode_join_information(content: &str) -> String {
    percent_encoding::percent_decode_str(&content.replace('+', " "))
        .decode_utf8()
        .expect("UTF-8 after decoding")
        .into_owned()
}
