//! Bounded load runs over loopback, rates printed (run with `--nocapture` to see them):
//! - 8 concurrent clients create 250 meetings each; every create must succeed and the store
//!   must hold exactly that many;
//! - 16 concurrent clients run a mixed workload on the generic service of the pinned v1.0
//!   metadata (create, read, update, list, count, delete events); every entity created and
//!   not deleted must read back with its last update.

mod common;

use std::sync::Arc;
use std::time::Instant;

use common::*;
use graph_emulator::{Claims, EmulatorConfig, Fixture};
use serde_json::{json, Value};

const CLIENTS: usize = 8;
const CREATES_PER_CLIENT: usize = 250;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sustained_creates_all_succeed_and_are_all_stored() {
    let harness = Harness::start().await;
    let url = format!("{}/me/onlineMeetings", harness.emulator.base_url());
    let token = harness.user_token();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..CLIENTS {
        let (http, url, token) = (reqwest::Client::new(), url.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            for number in 0..CREATES_PER_CLIENT {
                let response = http
                    .post(&url)
                    .bearer_auth(&token)
                    .header("content-type", "application/json")
                    .header("accept-language", "ja")
                    .body(format!(r#"{{"subject":"load {client}-{number}"}}"#))
                    .send()
                    .await
                    .expect("request reaches the emulator");
                assert_eq!(response.status(), reqwest::StatusCode::CREATED);
                response.bytes().await.expect("body");
            }
        }));
    }
    for task in tasks {
        task.await.expect("client finishes");
    }
    let elapsed = started.elapsed();
    let total = CLIENTS * CREATES_PER_CLIENT;
    assert_eq!(harness.emulator.meeting_count(), total);
    println!(
        "{total} creates over {CLIENTS} connections in {:.2} s: {:.0} requests/s",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
}

const MIXED_CLIENTS: usize = 16;
const ROUNDS_PER_CLIENT: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mixed_workload_loses_nothing() {
    let users: Vec<Value> = (0..MIXED_CLIENTS)
        .map(|n| json!({"id": format!("user-{n}")}))
        .collect();
    let fixture = Fixture::from_json("users.json", &json!({ "users": users }).to_string())
        .expect("the fixture reads");
    let harness = Harness::start_with(
        EmulatorConfig::default()
            .metadata(v1())
            .fixture(Arc::new(fixture)),
    )
    .await;
    let base = harness.emulator.base_url();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..MIXED_CLIENTS {
        let http = reqwest::Client::new();
        let token = harness.token(&Claims::delegated(
            &format!("user-{client}"),
            &["Calendars.ReadWrite"],
        ));
        let events = format!("{base}/users/user-{client}/events");
        tasks.push(tokio::spawn(async move {
            let mut requests = 0usize;
            let mut kept = Vec::new();
            for round in 0..ROUNDS_PER_CLIENT {
                let subject = format!("{client}-{round}");
                let create = http.post(&events).bearer_auth(&token);
                let created = send(
                    with_json(create, json!({ "subject": subject })),
                    201,
                    &mut requests,
                )
                .await;
                let id = created["id"].as_str().expect("an id").to_owned();
                let item = format!("{events}/{id}");
                let moved = format!("{subject} (moved)");
                let update = http.patch(&item).bearer_auth(&token);
                send(
                    with_json(update, json!({ "subject": moved })),
                    204,
                    &mut requests,
                )
                .await;
                let read = send(http.get(&item).bearer_auth(&token), 200, &mut requests).await;
                assert_eq!(read["subject"], moved);
                let list = format!("{events}?$top=5&$filter=startswith(subject,'{client}-')");
                send(http.get(list).bearer_auth(&token), 200, &mut requests).await;
                if round % 4 == 3 {
                    send(http.delete(&item).bearer_auth(&token), 204, &mut requests).await;
                } else {
                    kept.push(id);
                }
            }
            let count = format!("{events}/$count");
            let count = send(http.get(count).bearer_auth(&token), 200, &mut requests).await;
            assert_eq!(
                count,
                json!(kept.len()),
                "client {client}: the count is what was kept"
            );
            for id in &kept {
                let item = format!("{events}/{id}");
                let read = send(http.get(item).bearer_auth(&token), 200, &mut requests).await;
                assert!(read["subject"].as_str().unwrap().ends_with("(moved)"));
            }
            requests
        }));
    }
    let mut requests = 0;
    for task in tasks {
        requests += task.await.expect("client finishes");
    }
    let elapsed = started.elapsed();
    println!(
        "{requests} mixed requests (create, update, read, list, count, delete) over {MIXED_CLIENTS} clients in {:.2} s: {:.0} requests/s",
        elapsed.as_secs_f64(),
        requests as f64 / elapsed.as_secs_f64()
    );
}

/// `request` with a JSON body.
fn with_json(request: reqwest::RequestBuilder, body: Value) -> reqwest::RequestBuilder {
    request
        .header("content-type", "application/json")
        .body(body.to_string())
}

/// Sends, requires `status`, and reads the body as JSON (`Null` when empty).
async fn send(request: reqwest::RequestBuilder, status: u16, requests: &mut usize) -> Value {
    *requests += 1;
    let response = request.send().await.expect("request reaches the emulator");
    let answered = response.status().as_u16();
    let body = response.bytes().await.expect("body");
    assert_eq!(answered, status, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap_or(Value::Null)
}
