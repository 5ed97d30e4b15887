//! Response reading: documented success bodies, Graph error JSON, malformed answers.

mod http_support;

use graph_core::http::{
    CreatedOrExisting, GraphError, RequestOptions, ResponseError, UnexpectedStatus,
};
use graph_core::Property;
use http_support::online_meetings::{self, UserTarget};

fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.to_vec()).unwrap()
}

#[test]
fn created_meetings_from_the_docs_are_read() {
    for name in [
        "create-ex1-response.json",
        "create-ex2-response.json",
        "create-ex3-response.json",
        "create-ex4-response.json",
        "create-ex5-response.json",
    ] {
        let Some(body) = http_support::example(name) else {
            return;
        };
        let meeting = online_meetings::parse_create_response(response(201, &[], &body)).unwrap();
        assert!(
            meeting.id.value().is_some_and(|id| !id.is_empty()),
            "{name}"
        );
        assert!(meeting.join_web_url.value().is_some(), "{name}");
    }
}

#[test]
fn the_seed_example_1_response_is_read() {
    let body = br##"{
  "@odata.type": "#microsoft.graph.onlineMeeting",
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('f4053e7-85f4-f0389ac980d6')/onlineMeetings/$entity",
  "audioConferencing": {"ConferenceId": "24999", "tollNumber": "+1252578"},
  "creationDateTime": "2019-07-11T02:17:17.6491364Z",
  "startDateTime": "2019-07-11T02:17:17.6491364Z",
  "endDateTime": "2019-07-11T02:47:17.651138Z",
  "id": "MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi",
  "subject": "User Token Meeting",
  "passcode": null
}"##;
    let meeting = online_meetings::parse_create_response(response(201, &[], body)).unwrap();
    assert_eq!(
        meeting.id,
        Property::Value("MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi".into())
    );
    assert_eq!(
        meeting.subject,
        Property::Value("User Token Meeting".into())
    );
    assert_eq!(
        meeting.end_date_time,
        Property::Value("2019-07-11T02:47:17.651138Z".into())
    );
}

#[test]
fn the_access_policy_error_is_typed() {
    let Some(body) = http_support::example("error-accesspolicy-response.json") else {
        return;
    };
    let error = online_meetings::parse_create_response(response(
        403,
        &[("client-request-id", "c0ffee00-0000-4000-8000-000000000001")],
        &body,
    ))
    .unwrap_err();
    let graph = error.graph_error().expect("a Graph error");
    assert_eq!(graph.status, 403);
    assert_eq!(graph.code, "Unauthorized");
    assert!(graph
        .message
        .starts_with("App <app_ID_redacted> is not authorized"));
    assert_eq!(
        graph.request_id(),
        Some("599d9cb0-56ac-4dc5-b6f8-1456a1414609")
    );
    assert_eq!(graph.date(), Some("<date_redacted>"));
    assert_eq!(
        graph.client_request_id(),
        Some("c0ffee00-0000-4000-8000-000000000001")
    );
    let text = error.to_string();
    assert!(
        text.contains("403") && text.contains("Unauthorized"),
        "{text}"
    );
    assert!(
        text.contains("599d9cb0-56ac-4dc5-b6f8-1456a1414609"),
        "{text}"
    );
}

#[test]
fn the_throttling_error_keeps_status_headers_and_inner_codes() {
    let Some(body) = http_support::example("error-throttling-429-response.json") else {
        return;
    };
    let error =
        online_meetings::parse_create_response(response(429, &[("retry-after", "2.128")], &body))
            .unwrap_err();
    let graph = error.graph_error().unwrap();
    assert_eq!(graph.code, "TooManyRequests");
    assert_eq!(graph.message, "Please retry again later.");
    assert_eq!(graph.headers["retry-after"], "2.128");
    assert_eq!(graph.most_specific_code(), "429");
    let inner = graph.inner_error.as_ref().unwrap();
    assert_eq!(
        inner.request_id.as_deref(),
        Some("94fb3b52-452a-4535-a601-69e0a90e3aa2")
    );
    assert_eq!(inner.date.as_deref(), Some("2020-08-18T12:51:51"));
    assert_eq!(inner.other["status"], "429");
}

#[test]
fn lowercase_innererror_nesting_and_details_are_read() {
    let body = br#"{"error":{"code":"badRequest","message":"Bad","innererror":{"code":"invalidRange","client-request-id":"cid","innerError":{"code":"fragmentOverlap"}},"details":[{"code":"nullValue","message":"x is null","target":"x"},{"code":"other"}]}}"#;
    let graph =
        GraphError::from_response(http::StatusCode::BAD_REQUEST, http::HeaderMap::new(), body)
            .unwrap();
    assert_eq!(graph.most_specific_code(), "fragmentOverlap");
    assert_eq!(graph.client_request_id(), Some("cid"));
    assert_eq!(graph.details.len(), 2);
    assert_eq!(graph.details[0].target.as_deref(), Some("x"));
    assert_eq!(graph.details[1].message, "");
    assert_eq!(graph.request_id(), None);
}

#[test]
fn an_error_page_that_is_not_graph_json_keeps_status_and_excerpt() {
    let body = b"<html><body>502 Bad Gateway</body></html>";
    let error = online_meetings::parse_create_response(response(502, &[("x-proxy", "edge")], body))
        .unwrap_err();
    let ResponseError::UnexpectedStatus(unexpected) = &error else {
        panic!("expected UnexpectedStatus, got {error:?}");
    };
    let UnexpectedStatus {
        endpoint,
        status,
        headers,
        excerpt,
    } = unexpected.as_ref();
    assert_eq!(endpoint, "POST /me/onlineMeetings");
    assert_eq!(*status, 502);
    assert_eq!(headers["x-proxy"], "edge");
    assert!(excerpt.contains("502 Bad Gateway"));
}

#[test]
fn an_undocumented_success_status_is_an_error() {
    let error = online_meetings::parse_create_response(response(200, &[], b"{}")).unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::OK));
    assert!(matches!(error, ResponseError::UnexpectedStatus(_)));
}

#[test]
fn a_malformed_success_body_is_a_decode_error_with_a_pointer() {
    let body = br#"{"id": "abc", "subject": 42}"#;
    let error = online_meetings::parse_create_response(response(201, &[], body)).unwrap_err();
    let ResponseError::Decode { error: decode, .. } = &error else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(decode.pointer(), "/subject");
    assert!(decode.excerpt().contains("42"), "{}", decode.excerpt());
    assert!(
        error.to_string().contains("POST /me/onlineMeetings"),
        "{error}"
    );

    for truncated in [&br#"{"id": "abc""#[..], b"", b"\xff\xfe", b"[1,2]"] {
        let error =
            online_meetings::parse_create_response(response(201, &[], truncated)).unwrap_err();
        assert!(matches!(error, ResponseError::Decode { .. }), "{error:?}");
    }
}

#[test]
fn a_deeply_nested_body_is_an_error_not_a_stack_overflow() {
    let mut body = br#"{"subject":"x","extra":"#.to_vec();
    body.extend(std::iter::repeat_n(b'[', 100_000));
    let error = online_meetings::parse_create_response(response(201, &[], &body)).unwrap_err();
    assert!(matches!(error, ResponseError::Decode { .. }), "{error:?}");
    let mut error_body = br#"{"error":"#.to_vec();
    error_body.extend(std::iter::repeat_n(b'[', 100_000));
    let error =
        online_meetings::parse_create_response(response(500, &[], &error_body)).unwrap_err();
    assert!(
        matches!(error, ResponseError::UnexpectedStatus(_)),
        "{error:?}"
    );
}

#[test]
fn create_or_get_tells_created_from_existing() {
    let request = online_meetings::create_or_get(
        &UserTarget::Me,
        &http_support::Meeting {
            external_id: Property::Value("7eb8263f-d0e0-4149-bb1c-1f0476083c56".into()),
            ..Default::default()
        },
        &RequestOptions::default(),
    )
    .unwrap();
    assert_eq!(
        request.request().uri(),
        "https://graph.microsoft.com/v1.0/me/onlineMeetings/createOrGet"
    );
    let body = br#"{"id":"m1","externalId":"7eb8263f-d0e0-4149-bb1c-1f0476083c56"}"#;
    let created = request.parse_response(response(201, &[], body)).unwrap();
    assert!(created.was_created());
    let existing = request.parse_response(response(200, &[], body)).unwrap();
    assert!(matches!(existing, CreatedOrExisting::Existing(_)));
    assert_eq!(existing.into_inner().id, Property::Value("m1".into()));
}

#[test]
fn the_documented_createorget_response_with_trailing_commas_is_refused() {
    let Some(body) = http_support::example("createorget-ex1-response.txt") else {
        return;
    };
    let request = online_meetings::create_or_get(
        &UserTarget::Me,
        &Default::default(),
        &RequestOptions::default(),
    )
    .unwrap();
    let error = request
        .parse_response(response(200, &[], &body))
        .unwrap_err();
    let ResponseError::Decode { error: decode, .. } = &error else {
        panic!("expected Decode, got {error:?}");
    };
    assert!(decode.line() > 1, "{decode}");
}

#[test]
fn filter_lookups_unwrap_the_one_item_collection() {
    let request = online_meetings::get_by_join_web_url(
        &UserTarget::User("u1".into()),
        "https://teams.microsoft.com/l/meetup-join/x",
        &RequestOptions::default(),
    )
    .unwrap();
    if let Some(body) = http_support::example("get-ex3-response.json") {
        let found = request.parse_response(response(200, &[], &body)).unwrap();
        assert!(found.is_some_and(|meeting| meeting.id.value().is_some()));
    }
    let none = request
        .parse_response(response(200, &[], br#"{"@odata.context":"x","value":[]}"#))
        .unwrap();
    assert_eq!(none, None);
    let error = request
        .parse_response(response(200, &[], br#"{"value":[{"id":"a"},{"id":"b"}]}"#))
        .unwrap_err();
    assert!(matches!(
        error,
        ResponseError::UnexpectedCount { count: 2, .. }
    ));
    let error = request
        .parse_response(response(200, &[], br#"{"id":"bare object"}"#))
        .unwrap_err();
    assert!(matches!(error, ResponseError::Decode { .. }), "{error:?}");
    let error = request
        .parse_response(response(200, &[], br#"{"value":[{"id":7}]}"#))
        .unwrap_err();
    let ResponseError::Decode { error: decode, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(decode.pointer(), "/value/0/id");
}

#[test]
fn delete_expects_no_content() {
    let request =
        online_meetings::delete(&UserTarget::Me, "m1", &RequestOptions::default()).unwrap();
    request.parse_response(response(204, &[], b"")).unwrap();
    let error = request
        .parse_response(response(
            404,
            &[("request-id", "rid-1")],
            br#"{"error":{"code":"itemNotFound","message":"gone"}}"#,
        ))
        .unwrap_err();
    let graph = error.graph_error().unwrap();
    assert_eq!(graph.code, "itemNotFound");
    assert_eq!(graph.request_id(), Some("rid-1"));
}
