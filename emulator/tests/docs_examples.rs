//! The request bodies of the Graph docs' examples (`../shared/graph-docs/examples`) are
//! accepted, and the answers carry every member the docs' answers show and read back as the
//! generated `OnlineMeeting`.

mod common;

use std::path::PathBuf;

use common::*;
use graph_online_meetings::OnlineMeeting;
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// The examples folder, or `None` (with the skip printed) when `../shared` is not there.
fn examples() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let found = [manifest.join("../../shared"), manifest.join("../shared")]
        .into_iter()
        .map(|shared| shared.join("graph-docs/examples"))
        .find(|path| path.is_dir());
    if found.is_none() {
        println!("skipped: ../shared not found");
    }
    found
}

fn read(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn keys(value: &Value) -> Vec<String> {
    value
        .as_object()
        .map_or_else(Vec::new, |object| object.keys().cloned().collect())
}

#[tokio::test]
async fn create_examples_are_accepted_and_answered_like_the_docs() {
    let Some(dir) = examples() else { return };
    let harness = Harness::start().await;
    let pairs = [
        ("create-ex1-request.json", Some("create-ex1-response.json")),
        ("create-ex2-request.json", Some("create-ex2-response.json")),
        ("create-ex3-request.json", Some("create-ex3-response.json")),
        ("create-ex3-request-alt.json", None),
        ("create-ex4-request.json", Some("create-ex4-response.json")),
        ("create-ex5-request.json", Some("create-ex5-response.json")),
        (
            "create-legacy-liveevent-request.json",
            Some("create-legacy-liveevent-response.json"),
        ),
    ];
    for (request_name, response_name) in pairs {
        let request = read(&dir, request_name);
        let reply = harness
            .send(
                Method::POST,
                "/me/onlineMeetings",
                Some(&harness.user_token()),
                Some(&request),
                &[("prefer", "include-unknown-enum-members")],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "{request_name}: {}",
            reply.body
        );
        let sent: Value = serde_json::from_str(&request).unwrap();
        assert_eq!(reply.body["subject"], sent["subject"], "{request_name}");
        let typed: OnlineMeeting =
            graph_core::json::from_slice(&reply.raw).unwrap_or_else(|error| {
                panic!("{request_name}: answer is not an OnlineMeeting: {error}")
            });
        assert_eq!(
            typed.id.value().map(String::as_str),
            reply.body["id"].as_str()
        );
        let Some(response_name) = response_name else {
            continue;
        };
        let documented: Value = serde_json::from_str(&read(&dir, response_name)).unwrap();
        for key in keys(&documented) {
            // The docs spell audioConferencing.conferenceId as ConferenceId, and show
            // beta-only or VTC members a standalone meeting does not have.
            if [
                "autoAdmittedUsers",
                "videoTeleconferenceId",
                "isEntryExitAnnounced",
                "allowedPresenters",
                "lobbyBypassSettings",
            ]
            .contains(&key.as_str())
            {
                continue;
            }
            assert!(
                reply.body.get(&key).is_some(),
                "{request_name}: no {key:?} as in {response_name}"
            );
        }
        for key in keys(&documented["joinMeetingIdSettings"]) {
            assert!(
                reply.body["joinMeetingIdSettings"].get(&key).is_some(),
                "{key}"
            );
        }
        let passcode_documented = documented["joinMeetingIdSettings"]["passcode"].is_string();
        let passcode_answered = reply.body["joinMeetingIdSettings"]["passcode"].is_string();
        assert_eq!(passcode_documented, passcode_answered, "{request_name}");
        if documented["participants"]["organizer"]["role"] == "producer" {
            assert_eq!(reply.body["participants"]["organizer"]["role"], "producer");
        }
    }
}

#[tokio::test]
async fn create_or_get_and_update_examples_are_accepted() {
    let Some(dir) = examples() else { return };
    let harness = Harness::start().await;
    let token = harness.user_token();
    let request = read(&dir, "createorget-ex1-request.json");
    let path = "/me/onlineMeetings/createOrGet";
    let first = harness
        .send(Method::POST, path, Some(&token), Some(&request), &[])
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let second = harness
        .send(Method::POST, path, Some(&token), Some(&request), &[])
        .await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(first.body["id"], second.body["id"]);

    for name in [
        "update-ex1-request.json",
        "update-ex1-request-learn.json",
        "update-ex2-request.json",
        "update-ex3-request.json",
    ] {
        let created = harness.create(r#"{"subject":"to patch"}"#).await;
        let meeting = format!("/me/onlineMeetings/{}", created["id"].as_str().unwrap());
        let patch = read(&dir, name);
        let reply = harness
            .send(Method::PATCH, &meeting, Some(&token), Some(&patch), &[])
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{name}: {}", reply.body);
        let sent: Value = serde_json::from_str(&patch).unwrap();
        for (key, value) in sent.as_object().unwrap() {
            if !key.ends_with("DateTime") {
                assert_eq!(&reply.body[key], value, "{name}: {key}");
            }
        }
    }
}
