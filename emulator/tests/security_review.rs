//! Security review of the emulator: a refused token is never echoed back, a crafted path
//! cannot reach another user's meeting, and nothing a client sends can add a response header.

mod common;

use common::{Harness, OTHER_USER, READ_WRITE, USER};
use graph_emulator::{Claims, SigningKey};
use reqwest::{Method, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const MEETING: &str = r#"{"subject":"Quarterly review","startDateTime":"2026-01-01T10:00:00Z","endDateTime":"2026-01-01T11:00:00Z"}"#;

/// Sends raw bytes and returns the whole answer as text (head and body).
async fn raw(harness: &Harness, request: &[u8]) -> String {
    let mut stream = tokio::net::TcpStream::connect(harness.emulator.local_addr())
        .await
        .expect("connects");
    stream.write_all(request).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

#[tokio::test]
async fn refused_tokens_are_never_echoed() {
    let harness = Harness::start().await;
    let foreign = graph_emulator::token::mint(
        &Claims::delegated(USER, &[READ_WRITE]),
        &SigningKey::new("another-key"),
    );
    let expired = harness.token(&Claims::delegated(USER, &[READ_WRITE]).expiring_in(-60));
    let mut wrong_audience = Claims::delegated(USER, &[READ_WRITE]);
    wrong_audience.aud = "https://evil.example".to_owned();
    let wrong_audience = harness.token(&wrong_audience);
    let opaque = "TOP-SECRET-OPAQUE-TOKEN-0123456789".to_owned();
    let malformed = "eyJhbGciOiJIUzI1NiJ9.TOP-SECRET-PAYLOAD.TOP-SECRET-SIGNATURE".to_owned();
    for token in [foreign, expired, wrong_audience, opaque, malformed] {
        let reply = harness
            .send(Method::GET, "/me/onlineMeetings/x", Some(&token), None, &[])
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body);
        let answer = format!(
            "{:?} {}",
            reply.headers,
            String::from_utf8_lossy(&reply.raw)
        );
        for part in token.split('.').filter(|part| part.len() > 8) {
            assert!(
                !answer.contains(part),
                "the answer repeats the token: {answer}"
            );
        }
    }
}

#[test]
fn the_signing_key_is_hidden_from_debug() {
    let key = SigningKey::new("TOP-SECRET-KEY");
    assert!(!format!("{key:?}").contains("TOP-SECRET"));
}

#[tokio::test]
async fn encoded_separators_cannot_reach_another_users_meeting() {
    let harness = Harness::start().await;
    let meeting = harness.create(MEETING).await;
    let id = meeting["id"].as_str().expect("an id");
    let intruder = harness.token(&Claims::delegated(OTHER_USER, &[READ_WRITE]));
    let encoded_id: String =
        percent_encoding::utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC).to_string();
    for path in [
        format!("/v1.0/me/onlineMeetings/{encoded_id}"),
        format!("/v1.0/me/onlineMeetings/..%2F..%2Fusers%2F{USER}%2FonlineMeetings%2F{encoded_id}"),
        format!("/v1.0/users/{OTHER_USER}%2F..%2F{USER}/onlineMeetings/{encoded_id}"),
        format!("/v1.0/users/{USER}/onlineMeetings/{encoded_id}"),
        format!("/v1.0/me/onlineMeetings/%2e%2e/%2e%2e/users/{USER}/onlineMeetings/{encoded_id}"),
    ] {
        let answer = raw(
            &harness,
            format!(
                "GET {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {intruder}\r\nConnection: close\r\n\r\n"
            )
            .as_bytes(),
        )
        .await;
        let status = answer.split(' ').nth(1).unwrap_or_default();
        assert!(
            status.starts_with('4'),
            "{path}: another user's meeting was reachable: {answer}"
        );
        assert!(!answer.contains("Quarterly review"), "{path}: {answer}");
    }
}

#[tokio::test]
async fn nothing_sent_can_add_a_response_header() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let attempts: [&[u8]; 4] = [
        // An encoded CR LF in the path reaches the router as text, never as a line break.
        b"GET /v1.0/me/onlineMeetings/x%0D%0AX-Injected:%201 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        // A bare CR inside a header value is not HTTP: refused before any handler.
        b"GET /v1.0/me/onlineMeetings/x HTTP/1.1\r\nHost: localhost\r\nclient-request-id: a\rX-Injected: 1\r\nConnection: close\r\n\r\n",
        // A folded (obsolete multi-line) header value is refused too.
        b"GET /v1.0/me/onlineMeetings/x HTTP/1.1\r\nHost: localhost\r\nclient-request-id: a\r\n X-Injected: 1\r\nConnection: close\r\n\r\n",
        // The echoed client-request-id is echoed as one value.
        b"GET /v1.0/me/onlineMeetings/x HTTP/1.1\r\nHost: localhost\r\nclient-request-id: a%0D%0AX-Injected: 1\r\nConnection: close\r\n\r\n",
    ];
    for request in attempts {
        let request = String::from_utf8_lossy(request).replace(
            "Host: localhost",
            &format!("Host: localhost\r\nAuthorization: Bearer {token}"),
        );
        let answer = raw(&harness, request.as_bytes()).await;
        let head = answer.split("\r\n\r\n").next().unwrap_or_default();
        assert!(head.starts_with("HTTP/1.1 4"), "{request:?}: {answer}");
        assert!(
            !head
                .lines()
                .any(|line| line.to_ascii_lowercase().starts_with("x-injected")),
            "{request:?} added a header: {head}"
        );
    }
}
