//! The async client against a local server: retries, idempotency, limits, redirects.
#![cfg(feature = "client")]

mod client_support;
mod http_support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use client_support::{client, delegated_token, fast_retries, Reply, TestServer, CREATED};
use graph_core::client::{parse_retry_after, Client, ClientError, RetryPolicy, StaticToken};
use graph_core::http::{BaseUrl, ResponseError};
use graph_core::Property;
use http_support::online_meetings::{self, UserTarget};
use http_support::Meeting;

fn meeting() -> Meeting {
    Meeting {
        subject: Property::Value("Sync".into()),
        end_date_time: Property::Value("2026-01-01T10:00:00Z".into()),
        ..Meeting::default()
    }
}

fn with_external_id() -> Meeting {
    Meeting {
        external_id: Property::Value("ext-1".into()),
        ..meeting()
    }
}

const THROTTLED: &str =
    r#"{"error":{"code":"TooManyRequests","message":"Please retry again later."}}"#;
const UNAVAILABLE: &str = r#"{"error":{"code":"serviceNotAvailable","message":"Try later"}}"#;

#[tokio::test]
async fn throttled_create_waits_as_retry_after_says_then_succeeds() {
    let server = TestServer::start(|_, index| match index {
        0 => Reply::json(429, THROTTLED).with_header("Retry-After", "0.3"),
        1 => Reply::json(429, THROTTLED).with_header("Retry-After", "0.2"),
        _ => Reply::json(201, CREATED),
    })
    .await;
    let client = client(&server);
    let options = client.request_options();
    let started = Instant::now();
    let created = client
        .send(online_meetings::create(&UserTarget::Me, &meeting(), &options).unwrap())
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(created.id, Property::Value("m-1".into()));
    assert!(elapsed >= Duration::from_millis(500), "waited {elapsed:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let ids: Vec<_> = requests
        .iter()
        .map(|request| request.header("client-request-id").unwrap().to_owned())
        .collect();
    assert!(
        ids.iter().all(|id| id == &ids[0] && id.len() == 36),
        "{ids:?}"
    );
    for request in &requests {
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, "/v1.0/me/onlineMeetings");
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {}", delegated_token()).as_str())
        );
        assert_eq!(
            request.header("prefer"),
            Some("include-unknown-enum-members")
        );
        assert_eq!(request.header("content-type"), Some("application/json"));
    }
    let retry_attempts: Vec<_> = requests
        .iter()
        .map(|request| request.header("retry-attempt"))
        .collect();
    assert_eq!(retry_attempts, [None, Some("1"), Some("2")]);
}

#[tokio::test]
async fn a_create_that_may_have_reached_the_server_is_not_retried() {
    let server = TestServer::start(|_, _| Reply::json(503, UNAVAILABLE)).await;
    let client = client(&server);
    let options = client.request_options();
    let error = client
        .send(online_meetings::create(&UserTarget::Me, &meeting(), &options).unwrap())
        .await
        .unwrap_err();
    let ClientError::Response {
        error, attempts, ..
    } = &error
    else {
        panic!("expected a response error, got {error:?}");
    };
    assert_eq!(*attempts, 1);
    assert_eq!(error.graph_error().unwrap().code, "serviceNotAvailable");
    assert_eq!(server.requests().len(), 1);

    let dropping = TestServer::start(|_, _| Reply::Drop).await;
    let client = self::client(&dropping);
    let options = client.request_options();
    let error = client
        .send(online_meetings::create(&UserTarget::Me, &meeting(), &options).unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(error, ClientError::Transport { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(dropping.requests().len(), 1, "the create was sent once");
}

#[tokio::test]
async fn create_or_get_is_retried_because_it_is_keyed_by_external_id() {
    let creates = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&creates);
    let server = TestServer::start(move |request, index| {
        assert!(request.target.ends_with("/onlineMeetings/createOrGet"));
        match index {
            0 => Reply::Drop,
            1 => Reply::json(504, UNAVAILABLE),
            _ => {
                // The service keys on (tenant, user, externalId): later calls find the meeting.
                let first = counter.fetch_add(1, Ordering::SeqCst) == 0;
                Reply::json(if first { 201 } else { 200 }, CREATED)
            }
        }
    })
    .await;
    let client = client(&server);
    let options = client.request_options();
    let outcome = client
        .send(
            online_meetings::create_or_get(&UserTarget::Me, &with_external_id(), &options).unwrap(),
        )
        .await
        .unwrap();
    assert!(outcome.was_created());
    assert_eq!(server.requests().len(), 3);
    assert_eq!(creates.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn retries_stop_at_the_bound_and_return_the_last_error() {
    let server =
        TestServer::start(|_, _| Reply::json(429, THROTTLED).with_header("Retry-After", "0")).await;
    let client = client(&server);
    let options = client.request_options();
    let error = client
        .send(online_meetings::get(&UserTarget::Me, "m-1", &options).unwrap())
        .await
        .unwrap_err();
    let ClientError::Response {
        error, attempts, ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(*attempts, 4);
    assert_eq!(error.status(), Some(http::StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn a_retry_after_beyond_the_time_budget_is_not_waited_for() {
    let server =
        TestServer::start(|_, _| Reply::json(429, THROTTLED).with_header("Retry-After", "3600"))
            .await;
    let client = client(&server);
    let options = client.request_options();
    let started = Instant::now();
    let error = client
        .send(online_meetings::get(&UserTarget::Me, "m-1", &options).unwrap())
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(error, ClientError::Response { attempts: 1, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn idempotent_requests_back_off_without_retry_after() {
    let server = TestServer::start(|_, index| match index {
        0 | 1 => Reply::json(504, UNAVAILABLE),
        _ => Reply::json(200, CREATED),
    })
    .await;
    let client = client(&server);
    let options = client.request_options();
    let meeting = client
        .send(online_meetings::get(&UserTarget::Me, "m-1", &options).unwrap())
        .await
        .unwrap();
    assert_eq!(meeting.subject, Property::Value("Sync".into()));
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn retry_after_reads_seconds_fractions_and_dates() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    assert_eq!(parse_retry_after("2", now), Some(Duration::from_secs(2)));
    assert_eq!(
        parse_retry_after(" 2.128 ", now),
        Some(Duration::from_millis(2128))
    );
    let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
    assert_eq!(
        parse_retry_after(&later, now),
        Some(Duration::from_secs(30))
    );
    let earlier = httpdate::fmt_http_date(now - Duration::from_secs(30));
    assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
    for bad in ["", "-1", "soon", "NaN", "inf", "1e400"] {
        assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
    }
}

#[test]
fn backoff_grows_with_jitter_and_stays_capped() {
    let policy = RetryPolicy {
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_millis(1000),
        ..RetryPolicy::default()
    };
    for retry in 1..=10 {
        let step = Duration::from_millis(100 * (1u64 << (retry - 1))).min(Duration::from_secs(1));
        let delay = policy.backoff(retry);
        assert!(
            delay >= step / 2 && delay <= step,
            "retry {retry}: {delay:?}"
        );
    }
    let samples: std::collections::HashSet<_> = (0..20).map(|_| policy.backoff(5)).collect();
    assert!(samples.len() > 1, "jitter varies the delay");
}

#[tokio::test]
async fn hostile_user_ids_reach_the_server_as_one_segment() {
    let server = TestServer::start(|_, _| Reply::json(201, CREATED)).await;
    let client = Client::builder(StaticToken::new(client_support::application_token()))
        .base_url(BaseUrl::new(&server.base_url()).unwrap())
        .build()
        .unwrap();
    let options = client.request_options();
    for (user_id, target) in [
        ("../admin", "/v1.0/users/..%2Fadmin/onlineMeetings"),
        ("a/b?c#d", "/v1.0/users/a%2Fb%3Fc%23d/onlineMeetings"),
        ("%2e%2e", "/v1.0/users/%252e%252e/onlineMeetings"),
    ] {
        let target_user = UserTarget::User(user_id.into());
        client
            .send(online_meetings::create(&target_user, &meeting(), &options).unwrap())
            .await
            .unwrap();
        assert_eq!(server.requests().last().unwrap().target, target);
    }
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let big = format!(r#"{{"id":"m-1","subject":"{}"}}"#, "x".repeat(4096));
    let sized = big.clone();
    let server = TestServer::start(move |_, index| match index {
        0 => Reply::json(201, &sized),
        _ => Reply::RespondUntilClose {
            status: 201,
            body: sized.clone().into_bytes(),
        },
    })
    .await;
    let client = Client::builder(StaticToken::new(delegated_token()))
        .base_url(BaseUrl::new(&server.base_url()).unwrap())
        .body_limit(1024)
        .build()
        .unwrap();
    let options = client.request_options();
    for _ in 0..2 {
        let error = client
            .send(online_meetings::create(&UserTarget::Me, &meeting(), &options).unwrap())
            .await
            .unwrap_err();
        assert!(
            matches!(error, ClientError::BodyTooLarge { limit: 1024, .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("1024"), "{error}");
    }
    assert_eq!(server.requests().len(), 2);
    assert_eq!(graph_core::client::DEFAULT_BODY_LIMIT, 16 * 1024 * 1024);
    assert!(big.len() > 1024);
}

#[tokio::test]
async fn malformed_bodies_are_decode_errors() {
    let server = TestServer::start(|_, index| match index {
        0 => Reply::json(201, r#"{"id": 5}"#),
        1 => Reply::json(201, "not json"),
        _ => Reply::json(403, "<html>Forbidden</html>"),
    })
    .await;
    let client = client(&server);
    let options = client.request_options();
    let mut errors = Vec::new();
    for _ in 0..3 {
        let error = client
            .send(online_meetings::create(&UserTarget::Me, &meeting(), &options).unwrap())
            .await
            .unwrap_err();
        errors.push(error);
    }
    let ClientError::Response {
        error: ResponseError::Decode { error: decode, .. },
        ..
    } = &errors[0]
    else {
        panic!("{:?}", errors[0]);
    };
    assert_eq!(decode.pointer(), "/id");
    assert!(matches!(
        errors[1],
        ClientError::Response {
            error: ResponseError::Decode { .. },
            ..
        }
    ));
    assert!(matches!(
        errors[2],
        ClientError::Response {
            error: ResponseError::UnexpectedStatus(_),
            ..
        }
    ));
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    let elsewhere = TestServer::start(|_, _| Reply::json(201, CREATED)).await;
    let location = format!("http://localhost:{}/v1.0/me/onlineMeetings", elsewhere.port);
    let server = TestServer::start(move |_, _| Reply::Respond {
        status: 307,
        headers: vec![("location".into(), location.clone())],
        body: Vec::new(),
    })
    .await;
    let client = client(&server);
    let options = client.request_options();
    let error = client
        .send(online_meetings::create(&UserTarget::Me, &meeting(), &options).unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        error.response_error().and_then(ResponseError::status),
        Some(http::StatusCode::TEMPORARY_REDIRECT)
    );
    assert!(
        elsewhere.requests().is_empty(),
        "no request, so no token, went elsewhere"
    );
}

#[tokio::test]
async fn a_redirect_on_the_same_origin_is_followed() {
    let server = TestServer::start(|request, _| {
        if request.target.ends_with("/moved") {
            Reply::json(200, CREATED)
        } else {
            Reply::Respond {
                status: 302,
                headers: vec![("location".into(), "/v1.0/moved".into())],
                body: Vec::new(),
            }
        }
    })
    .await;
    let client = client(&server);
    let options = client.request_options();
    client
        .send(online_meetings::get(&UserTarget::Me, "m-1", &options).unwrap())
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 2);
}

/// A keep-alive HTTP/1.1 server: answers `statuses` in turn and records, for each request, the
/// number of the connection it came on.
async fn keep_alive_server(statuses: Vec<u16>) -> (u16, Arc<std::sync::Mutex<Vec<usize>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let statuses = Arc::new(statuses);
    tokio::spawn(async move {
        let mut connection = 0;
        while let Ok((mut stream, _)) = listener.accept().await {
            connection += 1;
            let (log, statuses) = (Arc::clone(&log), Arc::clone(&statuses));
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 4096];
                loop {
                    // Requests here are GETs: a head and no body.
                    while !buffer.windows(4).any(|window| window == b"\r\n\r\n") {
                        match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
                        }
                    }
                    let end = buffer
                        .windows(4)
                        .position(|window| window == b"\r\n\r\n")
                        .unwrap();
                    buffer.drain(..end + 4);
                    let index = {
                        let mut log = log.lock().unwrap();
                        log.push(connection);
                        log.len() - 1
                    };
                    let status = statuses.get(index).copied().unwrap_or(200);
                    let body = if status == 200 { CREATED } else { UNAVAILABLE };
                    let reply = format!(
                        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n\
                         retry-after: 0\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if stream.write_all(reply.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, seen)
}

#[tokio::test]
async fn the_attempt_after_a_503_opens_a_new_connection() {
    let (port, seen) = keep_alive_server(vec![200, 429, 200, 503, 200]).await;
    let client = Client::builder(StaticToken::new(delegated_token()))
        .base_url(BaseUrl::new(&format!("http://127.0.0.1:{port}/v1.0")).unwrap())
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let options = client.request_options();
    for _ in 0..3 {
        client
            .send(online_meetings::get(&UserTarget::Me, "m-1", &options).unwrap())
            .await
            .unwrap();
    }
    let connections = seen.lock().unwrap().clone();
    assert_eq!(connections.len(), 5);
    // After the 429 the kept-alive connection is reused; after the 503 it is not.
    assert_eq!(connections[2], connections[1], "{connections:?}");
    assert_ne!(connections[4], connections[3], "{connections:?}");
}
