//! `$batch` against a scripted Graph: 45 requests split into batches of 20, throttled items
//! resent alone after their `Retry-After`, dependencies within and across batches, and every
//! answer read with its own request's reader.
#![cfg(feature = "client")]

mod client_support;
mod http_support;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use client_support::{client, Recorded, Reply, TestServer};
use graph_core::client::{Batch, ClientError};
use graph_core::http::{BaseUrl, RequestError};
use graph_core::Property;
use http_support::online_meetings::{self, UserTarget};
use http_support::Meeting;
use serde_json::{json, Value};

/// What the scripted service saw.
#[derive(Default)]
struct Seen {
    /// Each `$batch` call: when, and the ids it carried.
    envelopes: Vec<(Instant, Vec<String>)>,
    /// How many times each item (method and URL) arrived.
    items: HashMap<String, usize>,
    /// The raw item objects, as sent.
    raw: Vec<Value>,
}

const THROTTLED_TWICE: [&str; 3] = ["m-3", "m-25", "m-40"];

/// Graph's `$batch`, with a few scripted faults: `m-9` does not exist, the meetings in
/// [`THROTTLED_TWICE`] are throttled the first two times they arrive, and a create with the
/// subject `flaky` is answered `503`.
fn batch_service(seen: Arc<Mutex<Seen>>) -> impl Fn(&Recorded, usize) -> Reply {
    move |request, _| {
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, "/v1.0/$batch");
        assert!(request
            .header("authorization")
            .unwrap()
            .starts_with("Bearer "));
        let envelope: Value = serde_json::from_slice(&request.body).unwrap();
        let items = envelope["requests"].as_array().unwrap();
        assert!(items.len() <= 20, "{} requests in one batch", items.len());
        let mut seen = seen.lock().unwrap();
        let ids = items
            .iter()
            .map(|item| item["id"].as_str().unwrap().to_owned());
        seen.envelopes.push((Instant::now(), ids.collect()));
        let mut statuses: HashMap<String, u16> = HashMap::new();
        let mut responses = Vec::new();
        for item in items {
            seen.raw.push(item.clone());
            let id = item["id"].as_str().unwrap().to_owned();
            let method = item["method"].as_str().unwrap();
            let url = item["url"].as_str().unwrap();
            let count = {
                let count = seen.items.entry(format!("{method} {url}")).or_default();
                *count += 1;
                *count
            };
            let meeting = url.rsplit('/').next().unwrap();
            let failed_dependency = item["dependsOn"].as_array().is_some_and(|ids| {
                ids.iter()
                    .any(|id| !(200..300).contains(&statuses[id.as_str().unwrap()]))
            });
            let (status, headers, body) = if failed_dependency {
                (
                    424,
                    json!({}),
                    json!({"error": {"code": "failedDependency", "message": "dependency failed"}}),
                )
            } else if method == "POST" {
                assert_eq!(item["headers"]["content-type"], "application/json");
                let subject = item["body"]["subject"].as_str().unwrap();
                if subject == "flaky" {
                    (
                        503,
                        json!({}),
                        json!({"error": {"code": "serviceNotAvailable", "message": "try later"}}),
                    )
                } else {
                    (201, json!({}), json!({"id": "created", "subject": subject}))
                }
            } else if meeting == "m-9" {
                (
                    404,
                    json!({}),
                    json!({"error": {"code": "itemNotFound", "message": "no m-9"}}),
                )
            } else if THROTTLED_TWICE.contains(&meeting) && count <= 2 {
                (
                    429,
                    json!({"Retry-After": "0.05"}),
                    json!({"error": {"code": "TooManyRequests", "message": "slow down"}}),
                )
            } else {
                (
                    200,
                    json!({}),
                    json!({"id": meeting, "subject": format!("subject of {meeting}")}),
                )
            };
            let mut headers = headers;
            headers["Content-Type"] = json!("application/json");
            statuses.insert(id.clone(), status);
            responses.push(json!({"id": id, "status": status, "headers": headers, "body": body}));
        }
        Reply::json(200, &json!({ "responses": responses }).to_string())
    }
}

fn new_meeting(subject: &str) -> Meeting {
    Meeting {
        subject: Property::Value(subject.into()),
        ..Meeting::default()
    }
}

#[tokio::test]
async fn forty_five_requests_with_throttling_and_dependencies() {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let server = TestServer::start(batch_service(Arc::clone(&seen))).await;
    let client = client(&server);
    let options = client.request_options();
    let user = UserTarget::User("u-1".into());
    let get = |n: usize| online_meetings::get(&user, &format!("m-{n}"), &options).unwrap();

    let mut batch = Batch::new();
    let mut gets = Vec::new();
    let mut ids = Vec::new();
    for n in 0..44 {
        let item = match n {
            // Within the first batch, on a request that fails.
            10 => batch.add_after(get(n), &[ids[9]]),
            // Across batches, on a request throttled twice that then succeeds.
            21 => batch.add_after(get(n), &[ids[3]]),
            // Across batches, on the request that fails.
            30 => batch.add_after(get(n), &[ids[9]]),
            // Within the last batch, on a request throttled twice.
            41 => batch.add_after(get(n), &[ids[40]]),
            _ => batch.add(get(n)),
        };
        ids.push(item.id());
        gets.push(item);
    }
    let flaky = batch.add(online_meetings::create(&user, &new_meeting("flaky"), &options).unwrap());
    assert_eq!(batch.len(), 45);

    let started = Instant::now();
    let mut answers = client.send_batch(batch).await;
    let elapsed = started.elapsed();

    for (n, item) in gets.into_iter().enumerate() {
        let result = answers.take(item);
        match n {
            9 => {
                let error = result.unwrap_err();
                let graph = error.response_error().unwrap().graph_error().unwrap();
                assert_eq!(
                    (graph.status.as_u16(), graph.code.as_str()),
                    (404, "itemNotFound")
                );
            }
            10 | 30 => {
                let error = result.unwrap_err();
                let graph = error.response_error().unwrap().graph_error().unwrap();
                assert_eq!(graph.status.as_u16(), 424, "m-{n}");
                assert_eq!(graph.code, "failedDependency", "m-{n}");
            }
            _ => {
                let meeting = result.unwrap_or_else(|error| panic!("m-{n}: {error}"));
                assert_eq!(meeting.id, Property::Value(format!("m-{n}")));
                assert_eq!(
                    meeting.subject,
                    Property::Value(format!("subject of m-{n}"))
                );
            }
        }
    }
    // A create answered 503 may have been acted on: not sent again.
    let error = answers.take(flaky).unwrap_err();
    assert!(
        matches!(error, ClientError::Response { attempts: 1, .. }),
        "{error:?}"
    );

    let seen = seen.lock().unwrap();
    for (item, count) in &seen.items {
        let expected = match item.rsplit('/').next().unwrap() {
            "m-3" | "m-25" | "m-40" | "m-41" => 3,
            _ => 1,
        };
        assert_eq!(*count, expected, "{item} arrived {count} times");
    }
    assert!(!seen
        .items
        .contains_key("GET /users/u-1/onlineMeetings/m-30"));
    assert_eq!(
        seen.items.len(),
        44,
        "every request but m-30 reached the service"
    );

    let sizes: Vec<usize> = seen.envelopes.iter().map(|(_, ids)| ids.len()).collect();
    assert_eq!(sizes, [20, 1, 1, 19, 1, 1, 5, 2, 2]);
    assert_eq!(seen.envelopes[7].1, ["40", "41"]);
    for pair in seen.envelopes.windows(2) {
        let gap = pair[1].0 - pair[0].0;
        if pair[1].1.len() < 5 {
            assert!(gap >= Duration::from_millis(50), "resent after {gap:?}");
        }
    }
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");

    let raw = |id: &str| {
        seen.raw
            .iter()
            .find(|item| item["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(raw("10")["dependsOn"], json!(["9"]));
    assert_eq!(
        raw("21").get("dependsOn"),
        None,
        "its dependency was in an earlier batch"
    );
    assert_eq!(raw("41")["dependsOn"], json!(["40"]));
    assert_eq!(raw("0")["url"], "/users/u-1/onlineMeetings/m-0");
    assert_eq!(raw("0")["headers"].get("authorization"), None);
    assert_eq!(raw("44")["body"]["subject"], "flaky");
}

#[tokio::test]
async fn a_failed_batch_call_fails_each_request_it_carried_and_handles_are_checked() {
    let server = TestServer::start(|_, _| {
        Reply::json(
            400,
            r#"{"error":{"code":"BadRequest","message":"Invalid batch payload."}}"#,
        )
    })
    .await;
    let client = client(&server);
    let options = client.request_options();
    let mut batch = Batch::new();
    let first = batch.add(online_meetings::get(&UserTarget::Me, "m-1", &options).unwrap());
    let second = batch.add(online_meetings::get(&UserTarget::Me, "m-2", &options).unwrap());
    let mut answers = client.send_batch(batch).await;
    for item in [first, second] {
        let error = answers.take(item).unwrap_err();
        let ClientError::NotAnswered {
            endpoint,
            cause: Some(cause),
        } = &error
        else {
            panic!("{error:?}");
        };
        assert_eq!(endpoint, "GET /me/onlineMeetings/{meetingId}");
        assert!(
            cause.to_string().contains("Invalid batch payload."),
            "{cause}"
        );
        assert!(
            error
                .to_string()
                .contains("the $batch call carrying it failed"),
            "{error}"
        );
    }

    // A handle from another batch reads nothing here.
    let mut other = Batch::new();
    let stranger = other.add(online_meetings::get(&UserTarget::Me, "m-3", &options).unwrap());
    assert!(matches!(
        answers.take(stranger),
        Err(ClientError::NotInBatch { .. })
    ));
}

#[tokio::test]
async fn a_request_for_another_service_root_is_refused_without_a_call() {
    let server = TestServer::start(|_, _| Reply::json(200, r#"{"responses":[]}"#)).await;
    let client = client(&server);
    let elsewhere = graph_core::http::RequestOptions::with_base_url(BaseUrl::global());
    let mut batch = Batch::new();
    let item = batch.add(online_meetings::get(&UserTarget::Me, "m-1", &elsewhere).unwrap());
    let error = client.send_batch(batch).await.take(item).unwrap_err();
    let ClientError::NotAnswered {
        cause: Some(cause), ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert!(matches!(
        cause.as_ref(),
        ClientError::Request(RequestError::OutsideServiceRoot { .. })
    ));
    assert_eq!(server.requests().len(), 0);
}
