//! The `create_meeting` example of graph-online-meetings run against a running emulator, as a
//! user would run it (README). `cargo test --workspace --all-features` builds the example
//! before any test runs; when it has not been built, the test says so and is skipped.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::*;
use graph_emulator::Claims;
use serde_json::Value;

/// `target/<profile>/examples/create_meeting`, next to this test's own `deps/` folder.
fn example_binary() -> Option<PathBuf> {
    let test_exe = std::env::current_exe().ok()?;
    let profile_dir = test_exe.parent()?.parent()?;
    let binary = profile_dir
        .join("examples")
        .join(format!("create_meeting{}", std::env::consts::EXE_SUFFIX));
    if binary.is_file() {
        Some(binary)
    } else {
        println!(
            "skipped: {} not built (cargo test --workspace --all-features builds it)",
            binary.display()
        );
        None
    }
}

async fn run(binary: PathBuf, base_url: String, token: String, args: &[&str]) -> Output {
    let args: Vec<String> = args.iter().map(|arg| (*arg).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        Command::new(binary)
            .args(args)
            .env("GRAPH_BASE_URL", base_url)
            .env("GRAPH_TOKEN", token)
            .output()
            .expect("runs the example")
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn create_meeting_example_against_the_emulator() {
    let Some(binary) = example_binary() else {
        return;
    };
    let harness = Harness::start().await;
    let base_url = harness.emulator.base_url();
    let args = [
        "--subject",
        "Design review",
        "--start",
        "2030-01-01T10:00:00+01:00",
        "--end",
        "2030-01-01T11:00:00+01:00",
        "--passcode-required",
        "--lang",
        "de",
    ];
    let output = run(
        binary.clone(),
        base_url.clone(),
        harness.user_token(),
        &args,
    )
    .await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "example failed: {stderr}");
    let printed: Value = serde_json::from_slice(&output.stdout).expect("the example prints JSON");
    assert_eq!(printed["subject"], "Design review");
    assert!(printed["joinMeetingIdSettings"]["passcode"].is_string());
    assert_eq!(
        printed["participants"]["organizer"]["identity"]["user"]["id"],
        USER
    );
    let content = printed["joinInformation"]["content"].as_str().unwrap();
    assert!(decode_join_information(content).contains("Besprechungs-ID"));
    assert_eq!(harness.emulator.meeting_count(), 1);

    // For another user with an app token and an access policy.
    let app = harness.token(&Claims::app(APP, &[READ_WRITE_ALL]));
    let mut for_user = args.to_vec();
    for_user.extend(["--user-id", USER]);
    let output = run(binary.clone(), base_url.clone(), app.clone(), &for_user).await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Errors print clearly and exit non-zero: an app-only token on /me, refused by the client
    // before sending; a user without an access policy, refused by the emulator.
    let output = run(binary.clone(), base_url.clone(), app.clone(), &args).await;
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("error:"));
    let mut other_user = args.to_vec();
    other_user.extend(["--user-id", OTHER_USER]);
    let output = run(binary, base_url, app, &other_user).await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Unauthorized") || stderr.contains("not authorized"),
        "{stderr}"
    );
    assert_eq!(harness.emulator.meeting_count(), 2);
}
