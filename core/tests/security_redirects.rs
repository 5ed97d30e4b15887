//! Security review: the client never follows a redirect to another origin, so neither the
//! `Authorization` header nor the body reaches a host it was not meant for.
#![cfg(feature = "client")]

mod client_support;

use client_support::{delegated_token, Reply, TestServer, CREATED};
use graph_core::client::{Client, ClientError, RetryPolicy, StaticToken};
use graph_core::http::{
    parse_entity, BaseUrl, Endpoint, Permissions, RequestBuilder, ResponseError, RetrySafety, Verb,
};
use graph_core::Untyped;

static GET: Endpoint = Endpoint {
    name: "get",
    method: Verb::Get,
    path: "/me/onlineMeetings/{meetingId}",
    success: &[200],
    retry: RetrySafety::Idempotent,
    permissions: Permissions {
        delegated: &["OnlineMeetings.ReadWrite"],
        application: &[],
        personal_accounts: false,
    },
};

fn client(server: &TestServer) -> Client<StaticToken> {
    Client::builder(StaticToken::new(delegated_token()))
        .base_url(BaseUrl::new(&server.base_url()).unwrap())
        .retry_policy(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap()
}

async fn get_through_redirect(status: u16, location: String) -> (TestServer, ResponseError) {
    let server = TestServer::start(move |_, _| Reply::Respond {
        status,
        headers: vec![("location".into(), location.clone())],
        body: Vec::new(),
    })
    .await;
    let client = client(&server);
    let request = RequestBuilder::new(&GET)
        .segment("me")
        .segment("onlineMeetings")
        .param("meetingId", "m-1")
        .build(&client.request_options(), parse_entity::<Untyped>)
        .unwrap();
    let error = client
        .send(request)
        .await
        .expect_err("the redirect is not followed");
    let ClientError::Response { error, .. } = error else {
        panic!("expected the redirect as the answer, got {error}");
    };
    (server, error)
}

#[tokio::test]
async fn no_redirect_status_takes_the_token_to_another_host() {
    let elsewhere = TestServer::start(|_, _| Reply::json(200, CREATED)).await;
    for status in [301, 302, 303, 307, 308] {
        let location = format!(
            "http://localhost:{}/v1.0/me/onlineMeetings/m-1",
            elsewhere.port
        );
        let (server, error) = get_through_redirect(status, location).await;
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(server.requests().len(), 1);
        assert!(
            !error.to_string().contains(&delegated_token()),
            "the error shows the token: {error}"
        );
    }
    assert!(
        elsewhere.requests().is_empty(),
        "a request (and its Authorization header) reached the other host"
    );
}

#[tokio::test]
async fn the_same_host_on_another_port_is_another_origin() {
    let elsewhere = TestServer::start(|_, _| Reply::json(200, CREATED)).await;
    let location = format!(
        "http://127.0.0.1:{}/v1.0/me/onlineMeetings/m-1",
        elsewhere.port
    );
    let (_, error) = get_through_redirect(307, location).await;
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
    assert!(elsewhere.requests().is_empty());
}

#[tokio::test]
async fn a_same_origin_hop_does_not_open_the_way_to_another_host() {
    let elsewhere = TestServer::start(|_, _| Reply::json(200, CREATED)).await;
    let away = format!("http://localhost:{}/v1.0/stolen", elsewhere.port);
    let server = TestServer::start(move |request, _| {
        let location = if request.target.ends_with("/hop") {
            away.clone()
        } else {
            "/v1.0/hop".to_owned()
        };
        Reply::Respond {
            status: 302,
            headers: vec![("location".into(), location)],
            body: Vec::new(),
        }
    })
    .await;
    let client = client(&server);
    let request = RequestBuilder::new(&GET)
        .segment("me")
        .segment("onlineMeetings")
        .param("meetingId", "m-1")
        .build(&client.request_options(), parse_entity::<Untyped>)
        .unwrap();
    let error = client
        .send(request)
        .await
        .expect_err("stops at the second hop");
    assert_eq!(
        error.response_error().and_then(ResponseError::status),
        Some(http::StatusCode::FOUND)
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "the same-origin hop was followed");
    assert!(requests[1].header("authorization").is_some());
    assert!(
        elsewhere.requests().is_empty(),
        "the second hop went to another host"
    );
}
