//! `tracing` output of the client, as a user's subscriber sees it. Alone in its test binary:
//! tracing caches per call site whether anyone listens, and a test on another thread with no
//! subscriber would leave the span switched off for this one.
#![cfg(feature = "client")]

mod client_support;
mod http_support;

use std::sync::Arc;

use client_support::{client, delegated_token, Reply, TestServer, CREATED};
use graph_core::Property;
use http_support::online_meetings::{self, UserTarget};
use http_support::Meeting;

const THROTTLED: &str =
    r#"{"error":{"code":"TooManyRequests","message":"Please retry again later."}}"#;

fn meeting() -> Meeting {
    Meeting {
        subject: Property::Value("Sync".into()),
        ..Meeting::default()
    }
}

/// Collects what `tracing` events and spans write, as a user's subscriber would see them.
#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn each_attempt_and_wait_is_traced_without_the_token_or_the_body() {
    let server = TestServer::start(|_, index| match index {
        0 => Reply::json(429, THROTTLED)
            .with_header("Retry-After", "0.05")
            .with_header("request-id", "req-429"),
        _ => Reply::json(201, CREATED).with_header("request-id", "req-201"),
    })
    .await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let client = client(&server);
    let options = client.request_options();
    client
        .send(online_meetings::create(&UserTarget::Me, &meeting(), &options).unwrap())
        .await
        .unwrap();
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    // The HTTP stack's own events (connecting...) come inside the same span.
    let lines: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("graph_core::client:"))
        .collect();
    assert_eq!(lines.len(), 3, "{log}");
    for line in &lines {
        assert!(
            line.contains(
                r#"graph.request{method="POST" path="/me/onlineMeetings" operation="create"}"#
            ),
            "{line}"
        );
    }
    assert!(
        lines[0].contains("answered attempt=1 status=429 request_id=\"req-429\""),
        "{log}"
    );
    assert!(
        lines[1].contains("waiting to retry attempt=1 status=429 wait_ms=50"),
        "{log}"
    );
    assert!(
        lines[2].contains("answered attempt=2 status=201 request_id=\"req-201\""),
        "{log}"
    );
    let secret = delegated_token();
    let payload = secret.split('.').nth(1).unwrap();
    assert!(!log.contains(payload), "the token shows: {log}");
    assert!(!log.contains("Sync"), "the body shows: {log}");
}
