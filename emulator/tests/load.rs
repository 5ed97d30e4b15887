//! A bounded load run over loopback: 8 concurrent clients create 250 meetings each. Every
//! create must succeed, the store must hold exactly that many, and the rate is printed (run
//! with `--nocapture` to see it).

mod common;

use std::time::Instant;

use common::*;

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
