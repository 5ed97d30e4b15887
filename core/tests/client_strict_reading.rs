//! Off-schema values in answers: kept by default, refused with `.strict_reading(true)`, the
//! same through `send` and `$batch`.
#![cfg(feature = "client")]

mod client_support;

use client_support::{delegated_token, fast_retries, Reply, TestServer};
use graph_core::client::{Batch, Client, ClientError, StaticToken};
use graph_core::http::{
    parse_entity, BaseUrl, Endpoint, GraphRequest, Permissions, RequestBuilder, RetrySafety, Verb,
};
use graph_core::{AdditionalData, Property};
use serde_json::json;

#[derive(Default, graph_core::Model)]
struct Note {
    #[graph(name = "id")]
    id: Property<String>,
    #[graph(name = "pages")]
    pages: Property<i32>,
    #[graph(additional_data)]
    additional_data: AdditionalData,
}

static GET_NOTE: Endpoint = Endpoint {
    name: "get",
    method: Verb::Get,
    path: "/me/notes/{noteId}",
    success: &[200],
    retry: RetrySafety::Idempotent,
    permissions: Permissions {
        delegated: &[],
        application: &[],
        personal_accounts: true,
    },
};

/// `pages` is declared an `Edm.Int32`; the service sends a string.
const OFF_SCHEMA_NOTE: &str = r#"{"id":"n1","pages":"twelve"}"#;

fn client(server: &TestServer, strict: bool) -> Client<StaticToken> {
    Client::builder(StaticToken::new(delegated_token()))
        .base_url(BaseUrl::new(&server.base_url()).unwrap())
        .retry_policy(fast_retries())
        .strict_reading(strict)
        .build()
        .unwrap()
}

fn get_note(client: &Client<StaticToken>) -> GraphRequest<Note> {
    RequestBuilder::at(&GET_NOTE, &["n1"])
        .build(&client.request_options(), parse_entity)
        .unwrap()
}

fn assert_kept(note: &Note) {
    assert_eq!(note.id, Property::Value("n1".into()));
    assert!(note.pages.is_absent());
    let kept = note.additional_data.off_schema().next().unwrap();
    assert_eq!((kept.key, kept.raw), ("pages", r#""twelve""#));
    assert_eq!(kept.error.pointer(), "/pages");
}

fn assert_refused(error: &ClientError) {
    let ClientError::Response { error, .. } = error else {
        panic!("a response error: {error:?}")
    };
    assert!(error.to_string().contains("/pages"), "{error}");
}

#[tokio::test]
async fn send_keeps_or_refuses_as_the_client_is_set() {
    let server = TestServer::start(|_, _| Reply::json(200, OFF_SCHEMA_NOTE)).await;
    let lenient = client(&server, false);
    assert!(!lenient.request_options().strict_reading);
    assert_kept(&lenient.send(get_note(&lenient)).await.unwrap());

    let strict = client(&server, true);
    assert!(strict.request_options().strict_reading);
    assert_refused(&strict.send(get_note(&strict)).await.unwrap_err());
}

#[tokio::test]
async fn batch_items_are_read_as_their_request_was_built() {
    let server = TestServer::start(|request, _| {
        let envelope: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        let responses: Vec<_> = envelope["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| {
                json!({
                    "id": item["id"],
                    "status": 200,
                    "headers": {"Content-Type": "application/json"},
                    "body": serde_json::from_str::<serde_json::Value>(OFF_SCHEMA_NOTE).unwrap(),
                })
            })
            .collect();
        Reply::json(200, &json!({ "responses": responses }).to_string())
    })
    .await;
    let lenient = client(&server, false);
    let strict = client(&server, true);
    let mut batch = Batch::new();
    let kept = batch.add(get_note(&lenient));
    let refused = batch.add(get_note(&strict));
    let mut answers = lenient.send_batch(batch).await;
    assert_kept(&answers.take(kept).unwrap());
    assert_refused(&answers.take(refused).unwrap_err());
}
