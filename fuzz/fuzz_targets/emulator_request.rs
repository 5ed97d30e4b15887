//! The emulator's request handling, in process (its axum router, no socket): any sequence of
//! requests gets Graph-shaped answers, never a panic or a `500`. The router serves
//! onlineMeetings and, from `emulator/tests/data/directory.xml`, the metadata-driven service
//! (paths, bodies, `$filter` and the other query options).
//!
//! Input: up to four requests separated by a line `===`. Each is `METHOD TARGET`, header
//! lines `name: value`, an empty line, then the body. In header values and targets, `$USER`
//! becomes a signed delegated token, `$APP` an app-only token, and `$ID` the id of the last
//! entity created, so the fuzzer reaches the code behind authentication.
#![no_main]

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use graph_emulator::{AccessPolicy, Catalog, Claims, Emulator, EmulatorConfig, SigningKey};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

const USER: &str = "550fae72-d251-43ec-868c-373732c2704f";
const APP: &str = "a1b2c3d4-0000-4000-8000-00000000a991";
const TEN_YEARS: i64 = 10 * 365 * 24 * 3600;
const MAX_REQUESTS: usize = 4;

/// A small Graph-shaped service: contained and referenced navigation, casts, an alternate
/// key, a stream, an action, validation rules.
const METADATA: &[u8] = include_bytes!("../../emulator/tests/data/directory.xml");

struct Fixture {
    runtime: tokio::runtime::Runtime,
    catalog: Arc<Catalog>,
    key: SigningKey,
    user_token: String,
    app_token: String,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let key = SigningKey::new("fuzz-key");
        let scopes = ["OnlineMeetings.ReadWrite"];
        let user = Claims::delegated(USER, &scopes).expiring_in(TEN_YEARS);
        let app = Claims::app(APP, &["OnlineMeetings.ReadWrite.All"]).expiring_in(TEN_YEARS);
        Fixture {
            runtime: tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("a current-thread runtime"),
            catalog: Arc::new(
                Catalog::from_bytes("directory.xml", METADATA).expect("the test metadata reads"),
            ),
            user_token: graph_emulator::token::mint(&user, &key),
            app_token: graph_emulator::token::mint(&app, &key),
            key,
        }
    })
}

fn substitute(text: &str, fixture: &Fixture, last_id: &str) -> String {
    text.replace("$USER", &fixture.user_token)
        .replace("$APP", &fixture.app_token)
        .replace("$ID", last_id)
}

/// One request from its text form; `None` when the text cannot be an HTTP request at all
/// (the router never sees those: the HTTP server refuses them first).
fn request(text: &[u8], fixture: &Fixture, last_id: &str) -> Option<http::Request<Body>> {
    let (head, body) = match text.windows(2).position(|pair| pair == b"\n\n") {
        Some(end) => (&text[..end], &text[end + 2..]),
        None => (text, &[][..]),
    };
    let head = std::str::from_utf8(head).ok()?;
    let mut lines = head.lines();
    let (method, target) = lines.next()?.split_once(' ')?;
    let mut builder = http::Request::builder()
        .method(method)
        .uri(substitute(target, fixture, last_id));
    for line in lines {
        let (name, value) = line.split_once(':')?;
        builder = builder.header(name.trim(), substitute(value.trim(), fixture, last_id));
    }
    builder.body(Body::from(body.to_vec())).ok()
}

fuzz_target!(|data: &[u8]| {
    let fixture = fixture();
    // A fresh service per input: nothing carries over between inputs, and the store cannot
    // grow across a long run.
    let app = Emulator::router(
        EmulatorConfig {
            signing_key: fixture.key.clone(),
            ..EmulatorConfig::default()
        }
        .metadata(Arc::clone(&fixture.catalog))
        .allow_app(
            format!("{APP}:{USER}")
                .parse::<AccessPolicy>()
                .expect("a valid policy"),
        ),
    )
    .expect("a configuration without a fixture");
    let mut last_id = String::new();
    let text = String::from_utf8_lossy(data);
    for part in text.split("\n===\n").take(MAX_REQUESTS) {
        let Some(request) = request(part.as_bytes(), fixture, &last_id) else {
            continue;
        };
        let is_head = request.method() == http::Method::HEAD;
        let response = fixture
            .runtime
            .block_on(app.clone().oneshot(request))
            .expect("the router is infallible");
        let status = response.status();
        assert_ne!(status, http::StatusCode::INTERNAL_SERVER_ERROR, "{part}");
        assert!(
            response.headers().contains_key("request-id"),
            "every answer has a request-id: {part}"
        );
        let body = fixture
            .runtime
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .expect("the body is in memory");
        if is_head {
            // An answer to HEAD has no body, whatever its status.
            assert!(body.is_empty(), "a HEAD answer has a body: {part}");
        } else if status.is_client_error() || status.is_server_error() {
            let error: serde_json::Value =
                serde_json::from_slice(&body).expect("an error body is JSON");
            assert!(
                error["error"]["code"].is_string(),
                "an error body has Graph's shape: {error}"
            );
        } else if let Ok(serde_json::Value::Object(meeting)) =
            serde_json::from_slice::<serde_json::Value>(&body)
        {
            if let Some(id) = meeting.get("id").and_then(|id| id.as_str()) {
                last_id = id.to_owned();
            }
        }
    }
});
