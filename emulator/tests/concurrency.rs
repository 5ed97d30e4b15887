//! 64 tasks call createOrGet for the same 16 externalIds while every 3rd request is throttled:
//! afterwards exactly 16 meetings exist and every task got the same meeting for each id.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::*;
use graph_emulator::{Claims, EmulatorConfig};
use reqwest::StatusCode;

const TASKS: usize = 64;
const EXTERNAL_IDS: usize = 16;
/// Bounds the retry loop so a bug cannot hang the test.
const MAX_ATTEMPTS: usize = 20;

/// createOrGet with retries on 429 that honour `Retry-After` (seconds).
async fn create_or_get(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    external_id: &str,
) -> String {
    let body = format!(r#"{{"externalId":"{external_id}","subject":"standup {external_id}"}}"#);
    for _ in 0..MAX_ATTEMPTS {
        let response = http
            .post(url)
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .expect("request reaches the emulator");
        let status = response.status();
        if status == StatusCode::TOO_MANY_REQUESTS {
            let seconds: f64 = response.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
            continue;
        }
        let reply = read(response).await;
        assert!(
            reply.status == StatusCode::CREATED || reply.status == StatusCode::OK,
            "{}",
            reply.body
        );
        assert_eq!(reply.body["externalId"], external_id);
        return reply.body["id"].as_str().unwrap().to_owned();
    }
    panic!("createOrGet for {external_id} still throttled after {MAX_ATTEMPTS} attempts");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_create_or_get_makes_exactly_one_meeting_per_external_id() {
    let harness = Harness::start_with(EmulatorConfig::default().throttle_every(3)).await;
    let token = harness.token(&Claims::delegated(USER, &[READ_WRITE]));
    let url = format!(
        "{}/me/onlineMeetings/createOrGet",
        harness.emulator.base_url()
    );
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let (http, url, token) = (harness.http.clone(), url.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let mut got = Vec::new();
            // Each task walks the ids from a different starting point so requests interleave.
            for step in 0..EXTERNAL_IDS {
                let external_id = format!("ext-{}", (task + step) % EXTERNAL_IDS);
                let id = create_or_get(&http, &url, &token, &external_id).await;
                got.push((external_id, id));
            }
            got
        }));
    }
    let mut meeting_for: HashMap<String, String> = HashMap::new();
    for task in tasks {
        for (external_id, id) in task.await.expect("task finishes") {
            let first = meeting_for
                .entry(external_id.clone())
                .or_insert_with(|| id.clone());
            assert_eq!(*first, id, "two meetings for {external_id}");
        }
    }
    assert_eq!(meeting_for.len(), EXTERNAL_IDS);
    assert_eq!(harness.emulator.meeting_count(), EXTERNAL_IDS);
}
