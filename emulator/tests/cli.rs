//! The `graph-emulator` binary: tokens minted by `token` are accepted by `serve` (same key from
//! the flag or the environment), and `serve` honours `--allow-app` and `--throttle-every`.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use common::*;
use graph_emulator::token::{DEFAULT_SIGNING_KEY, SIGNING_KEY_ENV};
use graph_emulator::{Emulator, EmulatorConfig, SigningKey};
use reqwest::StatusCode;

const BIN: &str = env!("CARGO_BIN_EXE_graph-emulator");

fn mint(args: &[&str], key_env: Option<&str>) -> String {
    let mut command = Command::new(BIN);
    command.arg("token").args(args).env_remove(SIGNING_KEY_ENV);
    if let Some(key) = key_env {
        command.env(SIGNING_KEY_ENV, key);
    }
    let output = command.output().expect("runs graph-emulator token");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

async fn post(base_url: &str, path: &str, token: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{base_url}{path}"))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(r#"{"subject":"from the CLI"}"#)
        .send()
        .await
        .expect("reaches the emulator")
}

#[tokio::test]
async fn minted_tokens_are_accepted_with_the_shared_key() {
    let emulator = Emulator::start(EmulatorConfig {
        signing_key: SigningKey::new(DEFAULT_SIGNING_KEY),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let token = mint(
        &[
            "--delegated",
            "--user",
            USER,
            "--scopes",
            READ_WRITE,
            "User.Read",
        ],
        None,
    );
    let response = post(&emulator.base_url(), "/me/onlineMeetings", &token).await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let personal = mint(
        &["--personal", "--user", USER, "--scopes", READ_WRITE],
        None,
    );
    let response = post(&emulator.base_url(), "/me/onlineMeetings", &personal).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    let keyed = Emulator::start(EmulatorConfig {
        signing_key: SigningKey::new("from-env"),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let env_token = mint(
        &["--delegated", "--user", USER, "--scopes", READ_WRITE],
        Some("from-env"),
    );
    let response = post(&keyed.base_url(), "/me/onlineMeetings", &env_token).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    // The default-key token is refused by the emulator holding another key.
    let response = post(&keyed.base_url(), "/me/onlineMeetings", &token).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[test]
fn token_requires_a_kind_and_its_identity() {
    for args in [
        &["--user", "u"][..],
        &["--delegated"],
        &["--app", "--roles", "r"],
    ] {
        let output = Command::new(BIN).arg("token").args(args).output().unwrap();
        assert!(!output.status.success(), "{args:?}");
        assert!(!output.stderr.is_empty());
    }
}

/// Stops the `serve` child this test started, even when an assertion fails.
struct ServeProcess(Child);

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn serve_honours_policies_and_throttling() {
    let child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--throttle-every", "3"])
        .args([
            "--allow-app",
            &format!("{APP}:{USER}"),
            "--signing-key",
            "serve-key",
        ])
        .env_remove(SIGNING_KEY_ENV)
        .stdout(Stdio::piped())
        .spawn()
        .expect("starts graph-emulator serve");
    let mut child = ServeProcess(child);
    let stdout = child.0.stdout.take().unwrap();
    let (serving, line) = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stdout).lines();
        let serving = lines.next().unwrap().unwrap();
        let listening = lines.next().unwrap().unwrap();
        (serving, listening)
    })
    .await
    .unwrap();
    // Without --metadata, the built-in v1.0 is served beside onlineMeetings.
    assert!(
        serving.starts_with("serving 11287 paths of Graph v1.0 (built in"),
        "{serving}"
    );
    let base_url = line
        .trim()
        .strip_prefix("graph-emulator listening on ")
        .unwrap_or_else(|| panic!("unexpected line {line:?}"))
        .to_owned();

    let token = mint(
        &[
            "--app",
            "--app-id",
            APP,
            "--roles",
            READ_WRITE_ALL,
            "--signing-key",
            "serve-key",
        ],
        None,
    );
    let other = mint(
        &[
            "--app",
            "--app-id",
            APP_WITHOUT_POLICY,
            "--roles",
            READ_WRITE_ALL,
            "--signing-key",
            "serve-key",
        ],
        None,
    );
    let path = format!("/users/{USER}/onlineMeetings");
    let first = post(&base_url, &path, &token).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let second = read(post(&base_url, &path, &other).await).await;
    assert_graph_error(&second, StatusCode::FORBIDDEN, "Unauthorized");
    let third = post(&base_url, &path, &token).await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(third.headers()["retry-after"], "1");

    // SIGTERM (sent to this child by its id) stops it cleanly.
    #[cfg(unix)]
    {
        let pid = child.0.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(sent.success());
        let status = tokio::task::spawn_blocking(move || child.0.wait())
            .await
            .unwrap()
            .unwrap();
        assert!(status.success(), "serve exited with {status}");
    }
}
