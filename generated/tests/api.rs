//! The generated operations of the onlineMeetings slice: requests for the documented calls and
//! their answers, with the generated `OnlineMeeting` model.

mod common;

use common::example;
use graph_core::http::{
    AccessToken, Call, CreatedOrExisting, GraphRequest, RequestOptions, Response,
};
use graph_core::{json, Property};
use graph_online_meetings::api::users::online_meetings as meetings;
use graph_online_meetings::api::UserTarget;
use graph_online_meetings::{AnyMeetingParticipantInfo, OnlineMeeting};
use serde_json::Value;

fn options() -> RequestOptions {
    RequestOptions::default().access_token(AccessToken::new("token"))
}

fn built<T, E>(call: Call<T, E>) -> GraphRequest<T> {
    call.build(&options()).unwrap()
}

fn response(status: u16, body: &[u8]) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .body(body.to_vec())
        .unwrap()
}

#[test]
fn documented_create_requests_are_sent_as_documented() {
    for name in [
        "create-ex1-request.json",
        "create-ex2-request.json",
        "create-ex3-request.json",
        "create-ex3-request-alt.json",
        "create-ex4-request.json",
        "create-ex5-request.json",
    ] {
        let Some(documented) = example(name) else {
            return;
        };
        let meeting: OnlineMeeting = json::from_slice(&documented).unwrap();
        let request = built(meetings::create(&UserTarget::Me, &meeting));
        let http = request.request();
        assert_eq!(http.method(), "POST", "{name}");
        assert_eq!(
            http.uri(),
            "https://graph.microsoft.com/v1.0/me/onlineMeetings",
            "{name}"
        );
        assert_eq!(http.headers()["content-type"], "application/json");
        assert_eq!(http.headers()["authorization"], "Bearer token");
        assert_eq!(http.headers()["prefer"], "include-unknown-enum-members");
        let sent: Value = serde_json::from_slice(http.body()).unwrap();
        let expected: Value = serde_json::from_slice(&documented).unwrap();
        assert_eq!(sent, expected, "{name}");
    }
}

#[test]
fn the_seed_example_1_members_are_sent_exactly_and_alone() {
    let meeting: OnlineMeeting = json::from_str(
        r#"{"startDateTime":"2019-07-12T14:30:34.2444915-07:00","endDateTime":"2019-07-12T15:00:34.2464912-07:00","subject":"User Token Meeting"}"#,
    )
    .unwrap();
    let request = built(meetings::create(&UserTarget::Me, &meeting));
    let body = std::str::from_utf8(request.request().body()).unwrap();
    let sent: Value = serde_json::from_str(body).unwrap();
    assert_eq!(sent["startDateTime"], "2019-07-12T14:30:34.2444915-07:00");
    assert_eq!(sent["endDateTime"], "2019-07-12T15:00:34.2464912-07:00");
    assert_eq!(sent["subject"], "User Token Meeting");
    assert_eq!(sent.as_object().unwrap().len(), 3, "{body}");
}

#[test]
fn documented_create_responses_are_read() {
    let request = built(meetings::create(&UserTarget::Me, &OnlineMeeting::default()));
    for name in [
        "create-ex1-response.json",
        "create-ex2-response.json",
        "create-ex3-response.json",
        "create-ex4-response.json",
        "create-ex5-response.json",
    ] {
        let Some(body) = example(name) else {
            return;
        };
        let meeting = request.parse_response(response(201, &body)).unwrap();
        assert!(meeting.id.value().is_some(), "{name}");
    }
}

#[test]
fn create_or_get_sends_its_parameters_and_tells_created_from_existing() {
    let Some(documented) = example("createorget-ex1-request.json") else {
        return;
    };
    let meeting: OnlineMeeting = json::from_slice(&documented).unwrap();
    let request = built(meetings::create_or_get(
        &UserTarget::Me,
        meeting.chat_info.value(),
        meeting.end_date_time.value(),
        meeting.external_id.value().unwrap(),
        meeting.participants.value(),
        meeting.start_date_time.value(),
        meeting.subject.value().map(String::as_str),
    ));
    assert_eq!(
        request.request().uri(),
        "https://graph.microsoft.com/v1.0/me/onlineMeetings/createOrGet"
    );
    let sent: Value = serde_json::from_slice(request.request().body()).unwrap();
    // The model writes a zero offset as `Z` (same instant and offset).
    let documented = String::from_utf8(documented)
        .unwrap()
        .replace("+00:00\"", "Z\"");
    assert_eq!(sent, serde_json::from_str::<Value>(&documented).unwrap());
    // Safe to repeat: the client may retry it, and the answer says which happened.
    assert_eq!(
        request.endpoint().retry,
        graph_core::http::RetrySafety::Idempotent
    );
    let answer = br#"{"id":"m1","externalId":"7eb8263f-d0e0-4149-bb1c-1f0476083c56"}"#;
    assert!(matches!(
        request.parse_response(response(201, answer)).unwrap(),
        CreatedOrExisting::Created(_)
    ));
    assert!(matches!(
        request.parse_response(response(200, answer)).unwrap(),
        CreatedOrExisting::Existing(_)
    ));
}

#[test]
fn update_sends_only_the_members_set() {
    let change = OnlineMeeting {
        subject: Property::Value("Patch Meeting Subject".into()),
        ..Default::default()
    };
    let request = built(meetings::update(
        &UserTarget::User("1f35f2e6-9cab-44ad-8d5a-b74c14720000".into()),
        "MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi",
        &change,
    ));
    assert_eq!(request.request().method(), "PATCH");
    assert_eq!(
        request.request().uri(),
        "https://graph.microsoft.com/v1.0/users/1f35f2e6-9cab-44ad-8d5a-b74c14720000/onlineMeetings/MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi"
    );
    assert_eq!(
        request.request().body(),
        br#"{"subject":"Patch Meeting Subject"}"#
    );
}

#[test]
fn lookups_encode_the_filter_as_documented() {
    let request = built(meetings::get_by_join_meeting_id(
        &UserTarget::Me,
        "1234567890",
    ));
    assert_eq!(
        request.request().uri().query(),
        Some("$filter=joinMeetingIdSettings/joinMeetingId%20eq%20'1234567890'")
    );
    if let Some(body) = example("get-ex4-response.json") {
        let found = request.parse_response(response(200, &body)).unwrap();
        assert!(found.is_some_and(|meeting| meeting.id.value().is_some()));
    }
    let url = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_M2IzYzczNTItYmY3OC00MDlmLWJjMzUtYmFiMjNlOTY4MGEz%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%7d";
    let request = built(meetings::get_by_join_web_url(&UserTarget::Me, url));
    let query = request.request().uri().query().unwrap();
    assert!(
        query.starts_with("$filter=joinWebUrl%20eq%20'https%3A//teams.microsoft.com/l/meetup-join/19%253ameeting_"),
        "{query}"
    );
    if let Some(body) = example("get-ex3-response.json") {
        let found = request.parse_response(response(200, &body)).unwrap();
        assert!(found.is_some());
    }
}

#[test]
fn hostile_ids_stay_in_their_segment_and_delete_expects_204() {
    let request = built(meetings::delete(
        &UserTarget::User("../../admin".into()),
        "a/b?c",
    ));
    assert_eq!(
        request.request().uri().path(),
        "/v1.0/users/..%2F..%2Fadmin/onlineMeetings/a%2Fb%3Fc"
    );
    request.parse_response(response(204, b"")).unwrap();
    assert!(meetings::get(&UserTarget::User("..".into()), "m")
        .build(&options())
        .is_err());
}

#[test]
fn errors_name_the_path_that_was_called() {
    for (target, path) in [
        (UserTarget::Me, "GET /me/onlineMeetings/{onlineMeetingId}"),
        (
            UserTarget::User("u".into()),
            "GET /users/{userId}/onlineMeetings/{onlineMeetingId}",
        ),
    ] {
        let request = built(meetings::get(&target, "m"));
        let refused = request.parse_response(response(200, b"[]")).unwrap_err();
        assert!(refused.to_string().starts_with(path), "{refused}");
        let request = built(meetings::get(&target, "m"));
        let refused = request
            .parse_response(response(418, b"teapot"))
            .unwrap_err();
        assert!(refused.to_string().starts_with(path), "{refused}");
    }
}

/// Graph's answers do not always fit its metadata: a date where a date-time is declared, a
/// string where an object is.
const OFF_SCHEMA_MEETING: &[u8] = br#"{
  "id": "m1",
  "subject": "Review",
  "startDateTime": "2019-07-11",
  "joinInformation": "<p>Join</p>",
  "participants": {"organizer": {"upn": "a@contoso.com", "role": 7}}
}"#;

#[test]
fn values_that_do_not_fit_their_type_are_kept_and_the_rest_is_read() {
    let request = built(meetings::get(&UserTarget::Me, "m1"));
    let meeting = request
        .parse_response(response(200, OFF_SCHEMA_MEETING))
        .unwrap();
    assert_eq!(meeting.subject, Property::Value("Review".into()));
    assert!(meeting.start_date_time.is_absent());
    let kept: Vec<(&str, &str)> = meeting
        .additional_data
        .off_schema()
        .map(|value| (value.key, value.raw))
        .collect();
    assert_eq!(
        kept,
        [
            ("startDateTime", r#""2019-07-11""#),
            ("joinInformation", r#""<p>Join</p>""#)
        ]
    );
    let Property::Value(participants) = &meeting.participants else {
        panic!("participants read: {meeting:?}")
    };
    let Property::Value(AnyMeetingParticipantInfo::MeetingParticipantInfo(organizer)) =
        &participants.organizer
    else {
        panic!("organizer read: {participants:?}")
    };
    assert_eq!(organizer.upn, Property::Value("a@contoso.com".into()));
    let role = organizer.additional_data.off_schema().next().unwrap();
    assert_eq!((role.key, role.raw), ("role", "7"));
    assert!(role.error.to_string().contains("/role"), "{}", role.error);

    let written: Value = serde_json::from_str(&json::to_string(&meeting)).unwrap();
    let received: Value = serde_json::from_slice(OFF_SCHEMA_MEETING).unwrap();
    assert_eq!(written, received, "written back as received");
}

#[test]
fn strict_reading_refuses_values_that_do_not_fit() {
    let strict = RequestOptions {
        strict_reading: true,
        ..options()
    };
    let request = meetings::get(&UserTarget::Me, "m1").build(&strict).unwrap();
    let refused = request
        .parse_response(response(200, OFF_SCHEMA_MEETING))
        .unwrap_err();
    let graph_core::http::ResponseError::Decode { error, .. } = &refused else {
        panic!("a decode error: {refused:?}")
    };
    assert_eq!(error.pointer(), "/startDateTime");
    let next = request
        .follow("https://graph.microsoft.com/v1.0/me/onlineMeetings?$skiptoken=1")
        .unwrap();
    assert!(next
        .parse_response(response(200, OFF_SCHEMA_MEETING))
        .is_err());
}

#[test]
fn operations_carry_the_documented_permissions_and_retry_safety() {
    let me = built(meetings::create(&UserTarget::Me, &OnlineMeeting::default()));
    let user = built(meetings::create(
        &UserTarget::User("u".into()),
        &OnlineMeeting::default(),
    ));
    assert!(me.endpoint().permissions.application.is_empty());
    assert_eq!(
        user.endpoint().permissions.application,
        ["OnlineMeetings.ReadWrite.All"]
    );
    assert_eq!(
        me.endpoint().retry,
        graph_core::http::RetrySafety::NotIdempotent
    );
    let get = built(meetings::get(&UserTarget::Me, "m"));
    assert_eq!(
        get.endpoint().permissions.delegated,
        ["OnlineMeetings.Read", "OnlineMeetings.ReadWrite"]
    );
    let delete = built(meetings::delete(&UserTarget::User("u".into()), "m"));
    assert_eq!(delete.endpoint().success, [204]);
}
