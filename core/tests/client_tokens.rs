//! Token claims, read without verifying the signature: refused before sending when the check
//! is turned on, explained beside a `401`/`403` answer when it is not (the default).
#![cfg(feature = "client")]

mod client_support;
mod http_support;

use client_support::{jwt, Reply, TestServer, CREATED};
use std::time::{Duration, UNIX_EPOCH};

use graph_core::client::{
    check_token, check_token_at, Client, ClientError, StaticToken, TokenCheckError,
};
use graph_core::http::BaseUrl;
use http_support::online_meetings::{self, UserTarget, CREATE_ME, CREATE_USER, GET_USER};
use http_support::Meeting;
use serde_json::json;

const WORK_TENANT: &str = "79a788bf-86f1-41af-91ab-000000000000";
const PERSONAL_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

async fn send_create(token: String, target: UserTarget) -> (Result<Meeting, ClientError>, usize) {
    let server = TestServer::start(|_, _| Reply::json(201, CREATED)).await;
    let client = Client::builder(StaticToken::new(token))
        .base_url(BaseUrl::new(&server.base_url()).unwrap())
        .check_token_claims(true)
        .build()
        .unwrap();
    let options = client.request_options();
    let result = client
        .send(online_meetings::create(&target, &Meeting::default(), &options).unwrap())
        .await;
    (result, server.requests().len())
}

#[tokio::test]
async fn an_app_only_token_on_me_fails_before_sending() {
    let token =
        jwt(json!({"tid": WORK_TENANT, "idtyp": "app", "roles": ["OnlineMeetings.ReadWrite.All"]}));
    let (result, sent) = send_create(token, UserTarget::Me).await;
    let error = result.unwrap_err();
    assert_eq!(sent, 0);
    let ClientError::Token(TokenCheckError::AppOnlyNotSupported { endpoint }) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(endpoint, "POST /me/onlineMeetings");
    let text = error.to_string();
    assert!(text.contains("/users/{userId}"), "{text}");
}

#[tokio::test]
async fn the_same_app_token_works_on_users() {
    let token = jwt(json!({"tid": WORK_TENANT, "roles": ["OnlineMeetings.ReadWrite.All"]}));
    let (result, sent) = send_create(token, UserTarget::User("u-1".into())).await;
    result.unwrap();
    assert_eq!(sent, 1);
}

#[tokio::test]
async fn a_personal_account_fails_before_sending() {
    let token = jwt(json!({"tid": PERSONAL_TENANT, "scp": "OnlineMeetings.ReadWrite"}));
    let (result, sent) = send_create(token, UserTarget::Me).await;
    assert_eq!(sent, 0);
    let error = result.unwrap_err();
    assert!(
        matches!(
            error,
            ClientError::Token(TokenCheckError::PersonalAccountNotSupported { .. })
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("personal Microsoft accounts"));
}

#[tokio::test]
async fn a_missing_scope_is_named() {
    let token = jwt(json!({"tid": WORK_TENANT, "scp": "User.Read OnlineMeetings.Read"}));
    let (result, sent) = send_create(token, UserTarget::Me).await;
    assert_eq!(sent, 0);
    let error = result.unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("needs delegated permission OnlineMeetings.ReadWrite"),
        "{text}"
    );
    assert!(text.contains("[User.Read, OnlineMeetings.Read]"), "{text}");
}

const FORBIDDEN: &str = r#"{"error":{"code":"Forbidden","message":"Insufficient privileges."}}"#;

/// Sends a create with the check left at its default; the server answers 403.
async fn send_unchecked(token: &str, target: UserTarget) -> (ClientError, usize) {
    let server = TestServer::start(|_, _| Reply::json(403, FORBIDDEN)).await;
    let client = Client::builder(StaticToken::new(token))
        .base_url(BaseUrl::new(&server.base_url()).unwrap())
        .build()
        .unwrap();
    let options = client.request_options();
    let error = client
        .send(online_meetings::create(&target, &Meeting::default(), &options).unwrap())
        .await
        .unwrap_err();
    (error, server.requests().len())
}

#[tokio::test]
async fn by_default_the_call_is_sent_and_a_403_says_what_the_token_lacks() {
    let token =
        jwt(json!({"tid": WORK_TENANT, "idtyp": "app", "roles": ["OnlineMeetings.ReadWrite.All"]}));
    let (error, sent) = send_unchecked(&token, UserTarget::Me).await;
    assert_eq!(sent, 1, "the service decides, not the client");
    let ClientError::Response {
        token: Some(report),
        ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert!(matches!(
        report.finding,
        Some(TokenCheckError::AppOnlyNotSupported { .. })
    ));
    let text = error.to_string();
    assert!(text.contains("Insufficient privileges."), "{text}");
    assert!(text.contains("does not accept an app-only token"), "{text}");
    assert!(text.contains("/users/{userId}"), "{text}");
}

#[tokio::test]
async fn a_403_with_claims_that_look_right_shows_both_sides() {
    let exp = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3000;
    let token = jwt(json!({"tid": WORK_TENANT, "scp": "OnlineMeetings.ReadWrite", "exp": exp}));
    let (error, sent) = send_unchecked(&token, UserTarget::Me).await;
    assert_eq!(sent, 1);
    let text = error.to_string();
    assert!(
        text.contains("the token is delegated with scopes [OnlineMeetings.ReadWrite]"),
        "{text}"
    );
    assert!(text.contains(", expires in 29"), "{text}");
    assert!(
        text.contains(
            "the endpoint documents delegated [OnlineMeetings.ReadWrite], application []"
        ),
        "{text}"
    );
    // An opaque token has no claims to show.
    let (error, _) = send_unchecked("EwBwA8l6BAAU-opaque", UserTarget::Me).await;
    assert!(
        matches!(error, ClientError::Response { token: None, .. }),
        "{error:?}"
    );
}

#[test]
fn missing_roles_and_accepted_alternatives_are_named() {
    let read_only_app = jwt(json!({"idtyp": "app", "roles": ["OnlineMeetings.Read.All"]}));
    let error = check_token(&read_only_app, &CREATE_USER).unwrap_err();
    assert_eq!(
        error,
        TokenCheckError::MissingRole {
            endpoint: "POST /users/{userId}/onlineMeetings".into(),
            needed: &["OnlineMeetings.ReadWrite.All"],
            present: vec!["OnlineMeetings.Read.All".into()],
        }
    );
    // Reading accepts the least privileged role or a higher one.
    check_token(&read_only_app, &GET_USER).unwrap();
    let no_roles = jwt(json!({"idtyp": "app"}));
    let text = check_token(&no_roles, &GET_USER).unwrap_err().to_string();
    assert!(
        text.contains("one of OnlineMeetings.Read.All, OnlineMeetings.ReadWrite.All"),
        "{text}"
    );
    // Scope names are compared without regard to case.
    let lower = jwt(json!({"scp": "onlinemeetings.readwrite"}));
    check_token(&lower, &CREATE_ME).unwrap();
}

#[test]
fn an_expired_token_is_refused_beyond_the_clock_skew() {
    let now = UNIX_EPOCH + Duration::from_secs(2_000_000_000);
    let token = |exp: u64| jwt(json!({"scp": "OnlineMeetings.ReadWrite", "exp": exp}));
    check_token_at(&token(2_000_000_000 + 60), &CREATE_ME, now).unwrap();
    check_token_at(&token(2_000_000_000 - 240), &CREATE_ME, now).unwrap();
    let error = check_token_at(&token(2_000_000_000 - 3600), &CREATE_ME, now).unwrap_err();
    assert_eq!(
        error,
        TokenCheckError::Expired {
            endpoint: "POST /me/onlineMeetings".into(),
            ago: Duration::from_secs(3600),
        }
    );
    assert!(error.to_string().contains("expired 3600 s ago"), "{error}");
    let stale = jwt(json!({"scp": "OnlineMeetings.ReadWrite", "exp": 1}));
    assert!(check_token(&stale, &CREATE_ME).is_err());
}

#[test]
fn unreadable_tokens_are_left_to_the_service() {
    for token in ["EwBwA8l6BAAU...opaque", "a.b.c", "a.!!!.c", "x.e30.y.z", ""] {
        check_token(token, &CREATE_ME).unwrap();
    }
}

#[test]
fn static_tokens_never_print_their_secret() {
    let token = StaticToken::new("super-secret-token");
    assert_eq!(format!("{token:?}"), "StaticToken(<redacted>)");
}
