//! The generated endpoint functions: requests for the documented calls and their answers,
//! with the generated `OnlineMeeting` model.

use std::path::{Path, PathBuf};

use graph_core::http::{AccessToken, RequestError, RequestOptions, Response};
use graph_core::{json, Property};
use graph_online_meetings::endpoints::online_meetings::{self as meetings, UserTarget};
use graph_online_meetings::OnlineMeeting;
use serde_json::Value;

fn example(name: &str) -> Option<Vec<u8>> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found: Option<PathBuf> = [manifest.join("../../shared"), manifest.join("../shared")]
        .into_iter()
        .map(|dir| dir.join("graph-docs/examples").join(name))
        .find(|path| path.is_file());
    match found {
        Some(path) => Some(std::fs::read(path).unwrap()),
        None => {
            eprintln!("skipped: ../shared not found (example {name})");
            None
        }
    }
}

fn options() -> RequestOptions {
    RequestOptions::default().access_token(AccessToken::new("token"))
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
        let request = meetings::create(&UserTarget::Me, &meeting, &options()).unwrap();
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
    let request = meetings::create(&UserTarget::Me, &meeting, &options()).unwrap();
    let body = std::str::from_utf8(request.request().body()).unwrap();
    let sent: Value = serde_json::from_str(body).unwrap();
    assert_eq!(sent["startDateTime"], "2019-07-12T14:30:34.2444915-07:00");
    assert_eq!(sent["endDateTime"], "2019-07-12T15:00:34.2464912-07:00");
    assert_eq!(sent["subject"], "User Token Meeting");
    assert_eq!(sent.as_object().unwrap().len(), 3, "{body}");
}

#[test]
fn documented_create_responses_are_read() {
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
        let meeting = meetings::parse_create_response(response(201, &body)).unwrap();
        assert!(meeting.id.value().is_some(), "{name}");
    }
}

#[test]
fn create_or_get_needs_an_external_id() {
    let Some(documented) = example("createorget-ex1-request.json") else {
        return;
    };
    let mut meeting: OnlineMeeting = json::from_slice(&documented).unwrap();
    let request = meetings::create_or_get(&UserTarget::Me, &meeting, &options()).unwrap();
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

    meeting.external_id = Property::Absent;
    let error = meetings::create_or_get(&UserTarget::Me, &meeting, &options()).unwrap_err();
    assert!(
        matches!(
            error,
            RequestError::MissingMember {
                member: "externalId",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("externalId"));
}

#[test]
fn update_sends_only_the_members_set() {
    let change = OnlineMeeting {
        subject: Property::Value("Patch Meeting Subject".into()),
        ..Default::default()
    };
    let request = meetings::update(
        &UserTarget::User("1f35f2e6-9cab-44ad-8d5a-b74c14720000".into()),
        "MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi",
        &change,
        &options(),
    )
    .unwrap();
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
    let request =
        meetings::get_by_join_meeting_id(&UserTarget::Me, "1234567890", &options()).unwrap();
    assert_eq!(
        request.request().uri().query(),
        Some("$filter=joinMeetingIdSettings/joinMeetingId%20eq%20'1234567890'")
    );
    if let Some(body) = example("get-ex4-response.json") {
        let found = request.parse_response(response(200, &body)).unwrap();
        assert!(found.is_some_and(|meeting| meeting.id.value().is_some()));
    }
    let url = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_M2IzYzczNTItYmY3OC00MDlmLWJjMzUtYmFiMjNlOTY4MGEz%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%7d";
    let request = meetings::get_by_join_web_url(&UserTarget::Me, url, &options()).unwrap();
    let query = request.request().uri().query().unwrap();
    assert!(
        query.starts_with("$filter=joinWebUrl%20eq%20'https%3A//teams.microsoft.com/l/meetup-join/19%253ameeting_"),
        "{query}"
    );
    if let Some(body) = example("get-ex3-response.json") {
        let found = meetings::parse_get_by_join_web_url_response(response(200, &body)).unwrap();
        assert!(found.is_some());
    }
}

#[test]
fn hostile_ids_stay_in_their_segment_and_delete_expects_204() {
    let request =
        meetings::delete(&UserTarget::User("../../admin".into()), "a/b?c", &options()).unwrap();
    assert_eq!(
        request.request().uri().path(),
        "/v1.0/users/..%2F..%2Fadmin/onlineMeetings/a%2Fb%3Fc"
    );
    request.parse_response(response(204, b"")).unwrap();
    assert!(meetings::get(&UserTarget::User("..".into()), "m", &options()).is_err());
}

#[test]
fn endpoints_carry_the_documented_permissions() {
    assert!(meetings::CREATE_ME.permissions.application.is_empty());
    assert_eq!(
        meetings::CREATE_USER.permissions.application,
        ["OnlineMeetings.ReadWrite.All"]
    );
    assert_eq!(
        meetings::GET_ME.permissions.delegated,
        ["OnlineMeetings.Read", "OnlineMeetings.ReadWrite"]
    );
    assert_eq!(
        meetings::CREATE_ME.retry,
        graph_core::http::RetrySafety::NotIdempotent
    );
    assert_eq!(
        meetings::CREATE_OR_GET_USER.retry,
        graph_core::http::RetrySafety::Idempotent
    );
    assert_eq!(meetings::DELETE_USER.success, [204]);
}
