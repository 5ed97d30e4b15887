//! Upload sessions against a scripted session: chunks of 320 KiB multiples, a connection
//! dropped mid-chunk, the upload resumed from the range the session still expects.
#![cfg(feature = "client")]

mod client_support;
mod http_support;

use std::sync::{Arc, Mutex};

use client_support::{client, Recorded, Reply, TestServer};
use graph_core::client::{ClientError, DEFAULT_UPLOAD_CHUNK, UPLOAD_CHUNK_UNIT};
use graph_core::Property;
use http_support::Meeting;

const SECRET: &str = "tempauth-SECRET-0123";

/// The bytes the session has stored, and which `PUT` (by number) to cut off half-way.
struct Session {
    stored: Vec<u8>,
    total: usize,
    puts: usize,
    drop_put: Option<usize>,
}

/// `bytes 0-327679/1049576` -> (start, end inclusive, total).
fn content_range(request: &Recorded) -> (usize, usize, usize) {
    let value = request.header("content-range").unwrap();
    let (range, total) = value
        .strip_prefix("bytes ")
        .unwrap()
        .split_once('/')
        .unwrap();
    let (start, end) = range.split_once('-').unwrap();
    (
        start.parse().unwrap(),
        end.parse().unwrap(),
        total.parse().unwrap(),
    )
}

fn expected(session: &Session) -> String {
    format!(
        r#"{{"expirationDateTime":"2030-01-01T00:00:00Z","nextExpectedRanges":["{}-"]}}"#,
        session.stored.len()
    )
}

/// OneDrive's upload session protocol, storing what it is sent.
fn upload_service(session: Arc<Mutex<Session>>) -> impl Fn(&Recorded, usize) -> Reply {
    move |request, _| {
        assert!(request.target.ends_with(SECRET), "{}", request.target);
        assert_eq!(
            request.header("authorization"),
            None,
            "the upload URL is its own credential"
        );
        let mut session = session.lock().unwrap();
        if request.method == "GET" {
            return Reply::json(200, &expected(&session));
        }
        assert_eq!(request.method, "PUT");
        session.puts += 1;
        let (start, end, total) = content_range(request);
        assert_eq!(total, session.total);
        assert_eq!(request.body.len(), end - start + 1);
        if start != session.stored.len() {
            return Reply::json(
                416,
                r#"{"error":{"code":"invalidRange","message":"Fragment overlap"}}"#,
            );
        }
        if Some(session.puts) == session.drop_put {
            // Half the chunk arrived before the connection went.
            let half = request.body.len() / 2;
            session.stored.extend_from_slice(&request.body[..half]);
            return Reply::Drop;
        }
        session.stored.extend_from_slice(&request.body);
        if session.stored.len() == total {
            Reply::json(201, r#"{"id":"item-1","subject":"big.bin"}"#)
        } else {
            Reply::json(202, &expected(&session))
        }
    }
}

fn content(size: usize) -> Vec<u8> {
    (0..size).map(|index| (index * 31 % 251) as u8).collect()
}

#[tokio::test]
async fn an_upload_resumes_from_what_the_session_expects_after_a_dropped_connection() {
    let content = content(3 * UPLOAD_CHUNK_UNIT + 1000);
    let session = Arc::new(Mutex::new(Session {
        stored: Vec::new(),
        total: content.len(),
        puts: 0,
        drop_put: Some(2),
    }));
    let server = TestServer::start(upload_service(Arc::clone(&session))).await;
    let client = client(&server);
    let url = format!("{}/up/session-1?{SECRET}", server.base_url());

    let item: Meeting = client
        .upload(&url, &content, UPLOAD_CHUNK_UNIT)
        .await
        .unwrap();

    assert_eq!(item.id, Property::Value("item-1".into()));
    assert_eq!(
        session.lock().unwrap().stored,
        content,
        "every byte once, in order"
    );
    let requests = server.requests();
    let shape: Vec<String> = requests
        .iter()
        .map(|request| match request.method.as_str() {
            "PUT" => request.header("content-range").unwrap().to_owned(),
            method => method.to_owned(),
        })
        .collect();
    let unit = UPLOAD_CHUNK_UNIT;
    let half = unit + unit / 2;
    let total = content.len();
    assert_eq!(
        shape,
        [
            format!("bytes 0-{}/{total}", unit - 1),
            format!("bytes {unit}-{}/{total}", 2 * unit - 1),
            "GET".to_owned(),
            // Resumed mid-chunk, where the session said it stood.
            format!("bytes {half}-{}/{total}", half + unit - 1),
            format!("bytes {}-{}/{total}", half + unit, total - 1),
        ]
    );
}

#[tokio::test]
async fn a_session_that_stays_unreachable_fails_without_showing_its_url() {
    let server = TestServer::start(|_, _| Reply::Drop).await;
    let client = client(&server);
    let url = format!("{}/up/session-1?{SECRET}", server.base_url());
    let error = client
        .upload::<Meeting>(&url, &content(1000), DEFAULT_UPLOAD_CHUNK)
        .await
        .unwrap_err();
    assert!(
        matches!(error, ClientError::Transport { attempts: 4, .. }),
        "{error:?}"
    );
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains(SECRET), "the upload URL shows: {text}");
        assert!(!text.contains("session-1"), "the upload URL shows: {text}");
    }
    assert!(
        error.to_string().contains("upload session at 127.0.0.1"),
        "{error}"
    );
}

#[tokio::test]
async fn chunk_sizes_and_urls_graph_refuses_are_refused_before_sending() {
    let server = TestServer::start(|_, _| Reply::json(500, "{}")).await;
    let client = client(&server);
    let url = format!("{}/up/s?{SECRET}", server.base_url());
    for (url, size, chunk, reason) in [
        (url.as_str(), 10, 1000, "multiple of 320 KiB"),
        (
            url.as_str(),
            10,
            200 * UPLOAD_CHUNK_UNIT,
            "multiple of 320 KiB",
        ),
        (url.as_str(), 0, UPLOAD_CHUNK_UNIT, "at least one byte"),
        ("ftp://127.0.0.1/up", 10, UPLOAD_CHUNK_UNIT, "must be https"),
    ] {
        let error = client
            .upload::<Meeting>(url, &content(size), chunk)
            .await
            .unwrap_err();
        assert!(matches!(error, ClientError::Upload { .. }), "{error:?}");
        assert!(error.to_string().contains(reason), "{error}");
    }
    assert_eq!(server.requests().len(), 0);
}

#[tokio::test]
async fn an_expired_session_is_reported_as_graph_says() {
    let server = TestServer::start(|request, _| match request.method.as_str() {
        "PUT" => Reply::json(
            503,
            r#"{"error":{"code":"serviceNotAvailable","message":"busy"}}"#,
        )
        .with_header("Retry-After", "0"),
        _ => Reply::json(
            404,
            r#"{"error":{"code":"itemNotFound","message":"The upload session was not found"}}"#,
        ),
    })
    .await;
    let client = client(&server);
    let url = format!("{}/up/s?{SECRET}", server.base_url());
    let error = client
        .upload::<Meeting>(&url, &content(10), UPLOAD_CHUNK_UNIT)
        .await
        .unwrap_err();
    let graph = error.response_error().unwrap().graph_error().unwrap();
    assert_eq!(graph.code, "itemNotFound");
    assert_eq!(server.requests().len(), 2, "one PUT, one status query");
}

#[tokio::test]
async fn a_session_that_takes_every_byte_but_returns_no_item_is_an_error() {
    let server = TestServer::start(|_, _| {
        Reply::json(202, r#"{"expirationDateTime":"2030-01-01T00:00:00Z"}"#)
    })
    .await;
    let client = client(&server);
    let url = format!("{}/up/s?{SECRET}", server.base_url());
    let error = client
        .upload::<Meeting>(&url, &content(10), UPLOAD_CHUNK_UNIT)
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::Upload { .. }), "{error:?}");
    assert!(
        error.to_string().contains("answered 202, not the item"),
        "{error}"
    );
    assert_eq!(server.requests().len(), 1);
}
