//! A scripted HTTP/1.1 server on 127.0.0.1 for client tests, and token helpers.
#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use graph_core::client::{Client, RetryPolicy, StaticToken};
use graph_core::http::BaseUrl;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// The request target exactly as sent (`/v1.0/users/..%2Fadmin/onlineMeetings`).
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// What the server does with a request.
pub enum Reply {
    /// Answers with a status, headers and a body (with `Content-Length`).
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Answers with a body delimited by closing the connection (no `Content-Length`).
    RespondUntilClose { status: u16, body: Vec<u8> },
    /// Reads the request, then closes the connection without answering.
    Drop,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Self {
        Self::Respond {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Self::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

type Script = dyn Fn(&Recorded, usize) -> Reply + Send + Sync;

/// A server answering each request with `script(request, index)`; it records every request.
pub struct TestServer {
    pub port: u16,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl TestServer {
    pub async fn start(script: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let recorded = Arc::clone(&requests);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let script = Arc::clone(&script);
                let recorded = Arc::clone(&recorded);
                tokio::spawn(async move { serve(stream, script, recorded).await });
            }
        });
        Self { port, requests }
    }

    /// `http://127.0.0.1:PORT/v1.0`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1.0", self.port)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

async fn serve(mut stream: TcpStream, script: Arc<Script>, recorded: Arc<Mutex<Vec<Recorded>>>) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = find(&buffer, b"\r\n\r\n") {
            break end;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_owned();
    let target = request_line.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(read) => body.extend_from_slice(&chunk[..read]),
        }
    }
    let request = Recorded {
        method,
        target,
        headers,
        body,
    };
    let index = {
        let mut all = recorded.lock().unwrap();
        all.push(request.clone());
        all.len() - 1
    };
    let bytes = match script(&request, index) {
        Reply::Drop => return,
        Reply::Respond {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            [head.into_bytes(), body].concat()
        }
        Reply::RespondUntilClose { status, body } => {
            let head = format!("HTTP/1.1 {status} X\r\nconnection: close\r\n\r\n");
            [head.into_bytes(), body].concat()
        }
    };
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// An unsigned JWT with the given claims (the client reads claims, never signatures).
pub fn jwt(claims: serde_json::Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"none"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{header}.{payload}.c2lnbmF0dXJl")
}

/// A delegated work-account token with `OnlineMeetings.ReadWrite`.
pub fn delegated_token() -> String {
    jwt(serde_json::json!({
        "tid": "79a788bf-86f1-41af-91ab-000000000000",
        "idtyp": "user",
        "scp": "openid profile OnlineMeetings.ReadWrite User.Read",
    }))
}

/// An app-only token with `OnlineMeetings.ReadWrite.All`.
pub fn application_token() -> String {
    jwt(serde_json::json!({
        "tid": "79a788bf-86f1-41af-91ab-000000000000",
        "idtyp": "app",
        "roles": ["OnlineMeetings.ReadWrite.All"],
    }))
}

/// A created meeting as the service answers.
pub const CREATED: &str = r#"{"id":"m-1","subject":"Sync","externalId":"ext-1","joinWebUrl":"https://teams.microsoft.com/l/meetup-join/x"}"#;

/// Retries quick enough for tests: three, 10 ms doubling to at most 50 ms, 5 s in all.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        max_total_wait: Duration::from_secs(5),
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
    }
}

/// A client of `server` with a delegated token and [`fast_retries`].
pub fn client(server: &TestServer) -> Client<StaticToken> {
    Client::builder(StaticToken::new(delegated_token()))
        .base_url(BaseUrl::new(&server.base_url()).unwrap())
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}
