//! 64 tasks call createOrGet for the same 16 externalIds, through the project's client
//! (`graph_core::client`, which retries throttled idempotent calls honouring `Retry-After`),
//! while the emulator throttles every 3rd request: afterwards exactly 16 meetings exist, exactly
//! 16 calls created one, and every task got the same meeting for each id.

mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use common::*;
use graph_core::client::{Client, RetryPolicy, StaticToken};
use graph_core::http::{BaseUrl, CreatedOrExisting};
use graph_emulator::{Claims, EmulatorConfig};
use graph_online_meetings::api::users::online_meetings::create_or_get;
use graph_online_meetings::api::UserTarget;

const TASKS: usize = 64;
const EXTERNAL_IDS: usize = 16;

/// With every 3rd request refused, 16 refusals in a row (a 1-in-43-million event per call)
/// would be needed to exhaust these retries.
fn patient_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 16,
        max_total_wait: Duration::from_secs(60),
        ..RetryPolicy::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_create_or_get_makes_exactly_one_meeting_per_external_id() {
    let harness = Harness::start_with(EmulatorConfig::default().throttle_every(3)).await;
    let token = harness.token(&Claims::delegated(USER, &[READ_WRITE]));
    let client = Arc::new(
        Client::builder(StaticToken::new(token))
            .base_url(BaseUrl::new(&harness.emulator.base_url()).unwrap())
            .retry_policy(patient_retries())
            .build()
            .unwrap(),
    );
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let client = Arc::clone(&client);
        tasks.push(tokio::spawn(async move {
            let options = client.request_options();
            let mut got = Vec::new();
            // Each task walks the ids from a different starting point so requests interleave.
            for step in 0..EXTERNAL_IDS {
                let external_id = format!("ext-{}", (task + step) % EXTERNAL_IDS);
                let subject = format!("standup {external_id}");
                let request = create_or_get(
                    &UserTarget::Me,
                    None,
                    None,
                    &external_id,
                    None,
                    None,
                    Some(&subject),
                )
                .build(&options)
                .unwrap();
                let answer = client
                    .send(request)
                    .await
                    .unwrap_or_else(|error| panic!("createOrGet {external_id}: {error}"));
                let created = matches!(answer, CreatedOrExisting::Created(_));
                let meeting = answer.into_inner();
                assert_eq!(meeting.external_id.value(), Some(&external_id));
                got.push((external_id, meeting.id.value().unwrap().clone(), created));
            }
            got
        }));
    }
    let mut meeting_for: HashMap<String, String> = HashMap::new();
    let mut created_calls = 0;
    for task in tasks {
        for (external_id, id, created) in task.await.expect("task finishes") {
            created_calls += usize::from(created);
            let first = meeting_for
                .entry(external_id.clone())
                .or_insert_with(|| id.clone());
            assert_eq!(*first, id, "two meetings for {external_id}");
        }
    }
    assert_eq!(meeting_for.len(), EXTERNAL_IDS);
    assert_eq!(created_calls, EXTERNAL_IDS);
    assert_eq!(harness.emulator.meeting_count(), EXTERNAL_IDS);
}
