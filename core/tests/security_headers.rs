//! Security review: no header value a request carries can hold CR or LF (or another byte
//! HTTP forbids), so nothing a caller passes can add a header or end the head.

use graph_core::http::{
    parse_no_content, AccessToken, Endpoint, LanguageTag, Permissions, RequestBuilder,
    RequestError, RequestOptions, RetrySafety, Verb,
};

static GET: Endpoint = Endpoint {
    name: "get",
    method: Verb::Get,
    path: "/me/onlineMeetings/{meetingId}",
    success: &[200],
    retry: RetrySafety::Idempotent,
    permissions: Permissions {
        delegated: &["OnlineMeetings.Read"],
        application: &[],
        personal_accounts: false,
    },
};

const INJECTIONS: &[&str] = &[
    "x\r\nX-Injected: 1",
    "x\nX-Injected: 1",
    "x\rX-Injected: 1",
    "x\r\n\r\nGET /admin HTTP/1.1",
    "x\0",
    "x\u{7f}",
];

fn build(options: &RequestOptions) -> Result<http::Request<Vec<u8>>, RequestError> {
    RequestBuilder::new(&GET)
        .segment("me")
        .segment("onlineMeetings")
        .param("meetingId", "m-1")
        .build(options, parse_no_content)
        .map(|request| request.request().clone())
}

#[test]
fn client_request_ids_with_line_breaks_are_refused() {
    for value in INJECTIONS {
        let options = RequestOptions {
            client_request_id: Some((*value).to_owned()),
            ..RequestOptions::default()
        };
        match build(&options) {
            Err(RequestError::InvalidHeader { name }) => assert_eq!(name, "client-request-id"),
            other => panic!("{value:?} was not refused: {other:?}"),
        }
    }
}

#[test]
fn tokens_with_line_breaks_are_refused() {
    for value in INJECTIONS {
        let options = RequestOptions::default().access_token(AccessToken::new(*value));
        match build(&options) {
            Err(RequestError::InvalidHeader { name }) => assert_eq!(name, "Authorization"),
            other => panic!("{value:?} was not refused: {other:?}"),
        }
    }
}

#[test]
fn language_tags_cannot_carry_another_header_or_a_list() {
    for value in INJECTIONS.iter().copied().chain([
        "en,fr",
        "en;q=1",
        "en US",
        "",
        "-",
        "toolongtag1",
        "ja-",
    ]) {
        assert!(LanguageTag::new(value).is_err(), "{value:?} was accepted");
    }
    for value in ["ja", "en-US", "zh-Hans-CN", "de-CH-1901"] {
        assert!(LanguageTag::new(value).is_ok(), "{value:?} was refused");
    }
}

#[test]
fn every_header_of_a_full_request_is_free_of_line_breaks() {
    let options = RequestOptions {
        client_request_id: Some("8d2f7c1e-0000-4000-8000-000000000001".to_owned()),
        ..RequestOptions::default()
    }
    .access_token(AccessToken::new("eyJ0.eyJ1.c2ln"))
    .accept_language(LanguageTag::new("ja").unwrap());
    let request = build(&options).unwrap();
    assert!(request.headers().len() >= 5, "{:?}", request.headers());
    for (name, value) in request.headers() {
        assert!(
            !value
                .as_bytes()
                .iter()
                .any(|b| matches!(b, b'\r' | b'\n' | 0)),
            "{name} carries a line break"
        );
    }
}
