//! The emulator over real loopback HTTP: every documented behaviour of the onlineMeetings API.

mod common;

use common::*;
use graph_core::edm::DateTimeOffset;
use graph_emulator::{Claims, EmulatorConfig, MAX_BODY_BYTES};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const EXAMPLE_1: &str = r#"{
  "startDateTime":"2019-07-12T14:30:34.2444915-07:00",
  "endDateTime":"2019-07-12T15:00:34.2464912-07:00",
  "subject":"User Token Meeting"
}"#;

// ---- 401 / 403: who may call --------------------------------------------------------------

#[tokio::test]
async fn missing_or_invalid_token_is_401() {
    let harness = Harness::start().await;
    let reply = harness
        .send(
            Method::POST,
            "/me/onlineMeetings",
            None,
            Some(EXAMPLE_1),
            &[],
        )
        .await;
    assert_graph_error(
        &reply,
        StatusCode::UNAUTHORIZED,
        "InvalidAuthenticationToken",
    );
    // Where to get a token, as Graph says it.
    let challenge = reply.headers["www-authenticate"].to_str().unwrap();
    assert!(challenge.starts_with("Bearer realm=\"\""), "{challenge}");
    assert!(
        challenge.contains("client_id=\"00000003-0000-0000-c000-000000000000\""),
        "{challenge}"
    );
    // A client-request-id comes back even when none was sent.
    let generated = reply.headers["client-request-id"].to_str().unwrap();
    assert_eq!(generated.len(), 36, "{generated}");
    assert_eq!(
        reply.body["error"]["innerError"]["client-request-id"],
        generated
    );

    let foreign = graph_emulator::token::mint(
        &Claims::delegated(USER, &[READ_WRITE]),
        &graph_emulator::SigningKey::new("another-key"),
    );
    let expired = harness.token(&Claims::delegated(USER, &[READ_WRITE]).expiring_in(-10));
    for token in ["not-a-jwt", "a.b.c", foreign.as_str(), expired.as_str()] {
        let reply = harness
            .send(
                Method::POST,
                "/me/onlineMeetings",
                Some(token),
                Some(EXAMPLE_1),
                &[],
            )
            .await;
        assert_graph_error(
            &reply,
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
        );
    }
    let basic = harness
        .send(
            Method::GET,
            "/me/onlineMeetings/x",
            None,
            None,
            &[("authorization", "Basic dXNlcjpwYXNz")],
        )
        .await;
    assert_graph_error(
        &basic,
        StatusCode::UNAUTHORIZED,
        "InvalidAuthenticationToken",
    );
    assert_eq!(harness.emulator.meeting_count(), 0);
}

#[tokio::test]
async fn missing_scope_or_role_is_403() {
    let harness = Harness::start().await;
    let reader = harness.token(&Claims::delegated(
        USER,
        &["OnlineMeetings.Read", "User.Read"],
    ));
    let reply = harness
        .send(
            Method::POST,
            "/me/onlineMeetings",
            Some(&reader),
            Some(EXAMPLE_1),
            &[],
        )
        .await;
    assert_graph_error(&reply, StatusCode::FORBIDDEN, "Forbidden");
    assert!(reply.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("OnlineMeetings.ReadWrite"));

    let app_reader = harness.token(&Claims::app(APP, &["OnlineMeetings.Read.All"]));
    let path = format!("/users/{USER}/onlineMeetings");
    let reply = harness
        .send(Method::POST, &path, Some(&app_reader), Some(EXAMPLE_1), &[])
        .await;
    assert_graph_error(&reply, StatusCode::FORBIDDEN, "Forbidden");
}

#[tokio::test]
async fn personal_account_is_refused() {
    let harness = Harness::start().await;
    let personal = harness.token(&Claims::personal(USER, &[READ_WRITE]));
    let reply = harness
        .send(
            Method::POST,
            "/me/onlineMeetings",
            Some(&personal),
            Some(EXAMPLE_1),
            &[],
        )
        .await;
    assert_graph_error(&reply, StatusCode::FORBIDDEN, "Forbidden");
    assert!(reply.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("personal"));
}

#[tokio::test]
async fn app_only_token_on_me_is_400() {
    let harness = Harness::start().await;
    let app = harness.token(&Claims::app(APP, &[READ_WRITE_ALL]));
    let reply = harness
        .send(
            Method::POST,
            "/me/onlineMeetings",
            Some(&app),
            Some(EXAMPLE_1),
            &[],
        )
        .await;
    assert_graph_error(&reply, StatusCode::BAD_REQUEST, "BadRequest");
    assert!(reply.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("/me"));
}

#[tokio::test]
async fn app_without_access_policy_is_403_unauthorized_as_documented() {
    let harness = Harness::start().await;
    let app = harness.token(&Claims::app(APP_WITHOUT_POLICY, &[READ_WRITE_ALL]));
    let path = format!("/users/{USER}/onlineMeetings");
    let reply = harness
        .send(Method::POST, &path, Some(&app), Some(EXAMPLE_1), &[])
        .await;
    assert_graph_error(&reply, StatusCode::FORBIDDEN, "Unauthorized");
    assert_eq!(
        reply.body["error"]["message"],
        format!(
            "App {APP_WITHOUT_POLICY} is not authorized to Create meeting on behalf of user {USER}"
        )
    );
    // The policy of APP covers USER only.
    let app = harness.token(&Claims::app(APP, &[READ_WRITE_ALL]));
    let path = format!("/users/{OTHER_USER}/onlineMeetings");
    let reply = harness
        .send(Method::POST, &path, Some(&app), Some(EXAMPLE_1), &[])
        .await;
    assert_graph_error(&reply, StatusCode::FORBIDDEN, "Unauthorized");
}

#[tokio::test]
async fn app_with_policy_creates_for_the_user_in_the_path() {
    let harness = Harness::start().await;
    let app = harness.token(&Claims::app(APP, &[READ_WRITE_ALL]));
    let path = format!("/users/{USER}/onlineMeetings");
    let reply = harness
        .send(Method::POST, &path, Some(&app), Some(EXAMPLE_1), &[])
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(
        reply.body["participants"]["organizer"]["identity"]["user"]["id"],
        USER
    );
}

#[tokio::test]
async fn delegated_token_cannot_act_for_another_user() {
    let harness = Harness::start().await;
    let path = format!("/users/{OTHER_USER}/onlineMeetings");
    let reply = harness
        .send(
            Method::POST,
            &path,
            Some(&harness.user_token()),
            Some(EXAMPLE_1),
            &[],
        )
        .await;
    assert_graph_error(&reply, StatusCode::FORBIDDEN, "Forbidden");
    let own = format!("/users/{USER}/onlineMeetings");
    let reply = harness
        .send(
            Method::POST,
            &own,
            Some(&harness.user_token()),
            Some(EXAMPLE_1),
            &[],
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
}

// ---- 400: what a create body may say --------------------------------------------------------

#[tokio::test]
async fn bad_create_bodies_are_400() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let cases = [
        ("{\"subject\": ", "not a valid onlineMeeting JSON object"),
        ("[1, 2]", "not a valid onlineMeeting JSON object"),
        (
            r#"{"joinMeetingIdSettings":{"isPasscodeRequired":true,"passcode":"123456"}}"#,
            "custom passcode",
        ),
        (
            r#"{"startDateTime":"2030-01-01T11:00:00Z","endDateTime":"2030-01-01T10:00:00Z"}"#,
            "before startDateTime",
        ),
        (
            r#"{"endDateTime":"2030-01-01T10:00:00Z"}"#,
            "without startDateTime",
        ),
        (r#"{"startDateTime":"yesterday"}"#, "/startDateTime"),
        (
            r#"{"participants":{"attendees":[{"identity":{"phone":{"id":"+1555"}},"role":"presenter"}]}}"#,
            "Entra",
        ),
        (
            r#"{"allowedPresenters":"roleIsPresenter"}"#,
            "roleIsPresenter",
        ),
        (
            r#"{"startDateTime":"9999-12-31T23:30:00Z"}"#,
            "out of range",
        ),
        (
            r#"{"startDateTime":"9999-12-31T22:00:00-05:00","endDateTime":"9999-12-31T23:00:00-05:00"}"#,
            "out of range",
        ),
    ];
    for (body, expected) in cases {
        let reply = harness
            .send(
                Method::POST,
                "/me/onlineMeetings",
                Some(&token),
                Some(body),
                &[],
            )
            .await;
        assert_graph_error(&reply, StatusCode::BAD_REQUEST, "BadRequest");
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(expected), "{body}: {message}");
    }
    assert_eq!(harness.emulator.meeting_count(), 0);
}

#[tokio::test]
async fn wrong_or_missing_content_type_is_400() {
    let harness = Harness::start().await;
    let url = format!("{}/me/onlineMeetings", harness.emulator.base_url());
    for content_type in [Some("text/plain"), Some("application/xml"), None] {
        let mut request = harness
            .http
            .post(&url)
            .bearer_auth(harness.user_token())
            .body(EXAMPLE_1);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let reply = read(request.send().await.unwrap()).await;
        assert_graph_error(&reply, StatusCode::BAD_REQUEST, "BadRequest");
        assert!(reply.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("application/json"));
    }
    let charset = harness
        .http
        .post(&url)
        .bearer_auth(harness.user_token())
        .header("content-type", "application/json; charset=utf-8")
        .body(EXAMPLE_1)
        .send()
        .await
        .unwrap();
    assert_eq!(charset.status(), StatusCode::CREATED);
}

// ---- 201: the created meeting ---------------------------------------------------------------

#[tokio::test]
async fn create_returns_the_full_meeting() {
    let harness = Harness::start().await;
    let token = harness.token(&Claims {
        upn: Some("adele@contoso.com".to_owned()),
        name: Some("Adele Vance".to_owned()),
        ..Claims::delegated(USER, &[READ_WRITE])
    });
    let reply = harness
        .send(
            Method::POST,
            "/me/onlineMeetings",
            Some(&token),
            Some(EXAMPLE_1),
            &[],
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert!(reply.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert!(reply.headers.contains_key("request-id"));
    let meeting = &reply.body;
    assert!(meeting["id"].as_str().is_some_and(|id| id.len() > 20));
    assert!(meeting["joinWebUrl"]
        .as_str()
        .unwrap()
        .starts_with("https://teams.microsoft.com/l/meetup-join/19%3ameeting_"));
    let thread = meeting["chatInfo"]["threadId"].as_str().unwrap();
    assert!(
        thread.starts_with("19:meeting_") && thread.ends_with("@thread.v2"),
        "{thread}"
    );
    let audio = &meeting["audioConferencing"];
    for key in ["conferenceId", "tollNumber", "tollFreeNumber", "dialinUrl"] {
        assert!(
            audio[key].as_str().is_some_and(|v| !v.is_empty()),
            "{key}: {audio}"
        );
    }
    assert!(meeting["creationDateTime"].as_str().unwrap().ends_with('Z'));
    // The request's offsets come back in UTC.
    assert_instant(&meeting["startDateTime"], "2019-07-12T21:30:34.2444915Z");
    assert_instant(&meeting["endDateTime"], "2019-07-12T22:00:34.2464912Z");
    assert_eq!(meeting["subject"], "User Token Meeting");
    let settings = &meeting["joinMeetingIdSettings"];
    let join_id = settings["joinMeetingId"].as_str().unwrap();
    assert!(join_id.len() >= 10 && join_id.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(settings["isPasscodeRequired"], false);
    assert_eq!(settings["passcode"], Value::Null);
    let organizer = &meeting["participants"]["organizer"];
    assert_eq!(organizer["identity"]["user"]["id"], USER);
    assert_eq!(organizer["identity"]["user"]["displayName"], "Adele Vance");
    assert_eq!(organizer["upn"], "adele@contoso.com");
    assert_eq!(organizer["role"], "presenter");
    assert_eq!(harness.emulator.meeting_count(), 1);
}

#[tokio::test]
async fn passcode_only_when_required() {
    let harness = Harness::start().await;
    let required = harness
        .create(r#"{"subject":"User meeting","joinMeetingIdSettings":{"isPasscodeRequired":true}}"#)
        .await;
    let passcode = required["joinMeetingIdSettings"]["passcode"]
        .as_str()
        .unwrap();
    assert!(passcode.len() >= 6 && passcode.chars().all(|c| c.is_ascii_alphanumeric()));
    assert_eq!(
        required["joinMeetingIdSettings"]["isPasscodeRequired"],
        true
    );
    for body in [
        r#"{"subject":"s","joinMeetingIdSettings":{"isPasscodeRequired":false}}"#,
        r#"{"subject":"s"}"#,
    ] {
        let meeting = harness.create(body).await;
        assert_eq!(
            meeting["joinMeetingIdSettings"]["passcode"],
            Value::Null,
            "{body}"
        );
    }
}

#[tokio::test]
async fn live_event_roles_are_producer_only_for_clients_that_prefer_them() {
    let harness = Harness::start().await;
    let body = r#"{
      "subject":"User Token Live Event",
      "startDateTime":"2021-08-20T14:00:34.2444915+00:00",
      "endDateTime":"2021-08-20T15:00:34.2464912+00:00",
      "isBroadcast": true,
      "broadcastSettings": {"allowedAudience": "everyone", "isRecordingEnabled": true, "isAttendeeReportEnabled": true},
      "participants": {"attendees": [{"identity": {"user": {"id": "7d9d6a1e-1b2c-4d3e-8f40-5a6b7c8d9e0f"}}}]}
    }"#;
    let token = harness.user_token();
    let plain = harness
        .send(
            Method::POST,
            "/me/onlineMeetings",
            Some(&token),
            Some(body),
            &[],
        )
        .await;
    assert_eq!(plain.status, StatusCode::CREATED);
    let participants = &plain.body["participants"];
    assert_eq!(participants["organizer"]["role"], "unknownFutureValue");
    assert_eq!(participants["attendees"][0]["role"], "unknownFutureValue");
    assert_eq!(
        plain.body["broadcastSettings"]["allowedAudience"],
        "everyone"
    );
    assert!(!plain.headers.contains_key("preference-applied"));

    let prefer = [("prefer", "include-unknown-enum-members")];
    let opted_in = harness
        .send(
            Method::POST,
            "/me/onlineMeetings",
            Some(&token),
            Some(body),
            &prefer,
        )
        .await;
    let participants = &opted_in.body["participants"];
    assert_eq!(participants["organizer"]["role"], "producer");
    assert_eq!(participants["attendees"][0]["role"], "producer");
    assert_eq!(
        opted_in.headers["preference-applied"],
        "include-unknown-enum-members"
    );

    // The same stored meeting, read back with and without the header.
    let path = format!("/me/onlineMeetings/{}", plain.body["id"].as_str().unwrap());
    let read_plain = harness
        .send(Method::GET, &path, Some(&token), None, &[])
        .await;
    assert_eq!(
        read_plain.body["participants"]["organizer"]["role"],
        "unknownFutureValue"
    );
    let read_opted = harness
        .send(
            Method::GET,
            &path,
            Some(&token),
            None,
            &[("prefer", "return=minimal, include-unknown-enum-members")],
        )
        .await;
    assert_eq!(
        read_opted.body["participants"]["organizer"]["role"],
        "producer"
    );
}

#[tokio::test]
async fn join_information_follows_accept_language() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let cases = [
        (None, "Join Microsoft Teams Meeting"),
        (Some("en-US"), "Join Microsoft Teams Meeting"),
        (Some("ja"), "Microsoft Teams 会議に参加"),
        (Some("zh-CN"), "加入 Microsoft Teams 会议"),
        (
            Some("de-DE,de;q=0.9"),
            "An der Besprechung in Microsoft Teams teilnehmen",
        ),
        (Some("fr-FR, ja;q=0.5"), "会議 ID"),
    ];
    for (language, expected) in cases {
        let headers: Vec<(&str, &str)> = language
            .map(|l| ("accept-language", l))
            .into_iter()
            .collect();
        let reply = harness
            .send(
                Method::POST,
                "/me/onlineMeetings",
                Some(&token),
                Some(EXAMPLE_1),
                &headers,
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED);
        let info = &reply.body["joinInformation"];
        assert_eq!(info["contentType"], "html");
        let content = info["content"].as_str().unwrap();
        assert!(content.starts_with("data%3Atext%2Fhtml%2C"), "{content}");
        let html = decode_join_information(content);
        assert!(html.starts_with("data:text/html,<div"), "{html}");
        assert!(html.contains(expected), "{language:?}: {html}");
        let join_id = reply.body["joinMeetingIdSettings"]["joinMeetingId"]
            .as_str()
            .unwrap();
        assert!(html.contains(join_id));
    }
}

// ---- createOrGet -------------------------------------------------------------------------

#[tokio::test]
async fn create_or_get_creates_once_then_returns_the_same_meeting() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let body = r#"{
        "startDateTime": "2020-02-06T01:49:21.3524945+00:00",
        "endDateTime": "2020-02-06T02:19:21.3524945+00:00",
        "subject": "Create a meeting with customId provided",
        "externalId": "7eb8263f-d0e0-4149-bb1c-1f0476083c56",
        "participants": {"attendees": [{"identity": {"user": {"id": "1f35f2e6-9cab-44ad-8d5a-b74c14720000"}}, "upn": "test1@contoso.com"}]}
    }"#;
    let path = "/me/onlineMeetings/createOrGet";
    let first = harness
        .send(Method::POST, path, Some(&token), Some(body), &[])
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let second = harness
        .send(Method::POST, path, Some(&token), Some(body), &[])
        .await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(first.body["id"], second.body["id"]);
    assert_eq!(
        first.body["externalId"],
        "7eb8263f-d0e0-4149-bb1c-1f0476083c56"
    );
    assert_eq!(
        first.body["participants"]["attendees"][0]["role"],
        "attendee"
    );

    // The key is (tenant, user, externalId): another user gets another meeting.
    let other = harness.token(&Claims::delegated(OTHER_USER, &[READ_WRITE]));
    let theirs = harness
        .send(Method::POST, path, Some(&other), Some(body), &[])
        .await;
    assert_eq!(theirs.status, StatusCode::CREATED);
    assert_ne!(theirs.body["id"], first.body["id"]);
    // The app path for the same user shares the user's key.
    let app = harness.token(&Claims::app(APP, &[READ_WRITE_ALL]));
    let app_path = format!("/users/{USER}/onlineMeetings/createOrGet");
    let via_app = harness
        .send(Method::POST, &app_path, Some(&app), Some(body), &[])
        .await;
    assert_eq!(via_app.status, StatusCode::OK);
    assert_eq!(via_app.body["id"], first.body["id"]);
    assert_eq!(harness.emulator.meeting_count(), 2);
}

fn parse_time(value: &Value) -> DateTimeOffset {
    DateTimeOffset::parse(value.as_str().expect("date-time string")).expect("ISO 8601 date-time")
}

/// The instant of a date-time in the body and the one expected, compared as instants.
fn assert_instant(value: &Value, expected: &str) {
    let expected = DateTimeOffset::parse(expected).unwrap();
    assert!(
        parse_time(value).same_instant(&expected),
        "{value} is not {expected}"
    );
    assert!(
        value.as_str().unwrap().ends_with('Z'),
        "{value} is not in UTC"
    );
}

#[tokio::test]
async fn create_or_get_applies_documented_defaults_and_errors() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let path = "/me/onlineMeetings/createOrGet";
    let none = harness
        .send(
            Method::POST,
            path,
            Some(&token),
            Some(r#"{"externalId":"a"}"#),
            &[],
        )
        .await;
    assert_eq!(none.status, StatusCode::CREATED);
    let start = parse_time(&none.body["startDateTime"]);
    let end = parse_time(&none.body["endDateTime"]);
    let now = DateTimeOffset::now_utc().unix_seconds();
    assert!((now - start.unix_seconds()).abs() < 60);
    assert_eq!(end.unix_nanos() - start.unix_nanos(), 3_600_000_000_000);

    let start_only = harness
        .send(
            Method::POST,
            path,
            Some(&token),
            Some(r#"{"externalId":"b","startDateTime":"2030-05-01T09:30:00+02:00"}"#),
            &[],
        )
        .await;
    assert_instant(&start_only.body["startDateTime"], "2030-05-01T07:30:00Z");
    assert_instant(&start_only.body["endDateTime"], "2030-05-01T08:30:00Z");

    for (body, expected) in [
        (
            r#"{"externalId":"c","endDateTime":"2030-05-01T09:30:00Z"}"#,
            "without startDateTime",
        ),
        (
            r#"{"externalId":"d","startDateTime":"2030-05-01T09:30:00Z","endDateTime":"2030-05-01T09:00:00Z"}"#,
            "before",
        ),
        (r#"{"subject":"no id"}"#, "externalId is required"),
        (r#"{"externalId":""}"#, "externalId is required"),
        (
            r#"{"externalId":"e","isBroadcast":true}"#,
            "not a parameter",
        ),
    ] {
        let reply = harness
            .send(Method::POST, path, Some(&token), Some(body), &[])
            .await;
        assert_graph_error(&reply, StatusCode::BAD_REQUEST, "BadRequest");
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(expected), "{body}: {message}");
    }
}

// ---- get, filter, update, delete ----------------------------------------------------------

#[tokio::test]
async fn get_by_id_for_organizer_and_attendees_only() {
    let harness = Harness::start().await;
    let body = format!(
        r#"{{"subject":"s","participants":{{"attendees":[{{"identity":{{"user":{{"id":"{OTHER_USER}"}}}}}}]}}}}"#
    );
    let created = harness.create(&body).await;
    let id = created["id"].as_str().unwrap();
    let path = format!("/me/onlineMeetings/{id}");
    let reply = harness
        .send(Method::GET, &path, Some(&harness.user_token()), None, &[])
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body["id"], id);
    assert_eq!(reply.body["joinWebUrl"], created["joinWebUrl"]);

    let reader = harness.token(&Claims::delegated(OTHER_USER, &["OnlineMeetings.Read"]));
    let as_attendee = harness
        .send(Method::GET, &path, Some(&reader), None, &[])
        .await;
    assert_eq!(as_attendee.status, StatusCode::OK);
    let stranger = harness.token(&Claims::delegated("someone-else", &[READ_WRITE]));
    let reply = harness
        .send(Method::GET, &path, Some(&stranger), None, &[])
        .await;
    assert_graph_error(&reply, StatusCode::NOT_FOUND, "NotFound");
    // Attendees may read but not change.
    let attendee_writer = harness.token(&Claims::delegated(OTHER_USER, &[READ_WRITE]));
    let reply = harness
        .send(Method::DELETE, &path, Some(&attendee_writer), None, &[])
        .await;
    assert_graph_error(&reply, StatusCode::NOT_FOUND, "NotFound");
}

#[tokio::test]
async fn filter_by_join_web_url_and_join_meeting_id_returns_a_collection() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let created = harness.create(EXAMPLE_1).await;
    harness.create(EXAMPLE_1).await;
    let url = created["joinWebUrl"].as_str().unwrap();
    // As the docs do it: the joinWebUrl URL-encoded inside the literal, then the query encoded.
    let literal: String =
        percent_encoding::utf8_percent_encode(url, percent_encoding::NON_ALPHANUMERIC).to_string();
    let filter = format!("JoinWebUrl eq '{literal}'");
    let query: String =
        percent_encoding::utf8_percent_encode(&filter, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    let by_url = harness
        .send(
            Method::GET,
            &format!("/me/onlineMeetings?$filter={query}"),
            Some(&token),
            None,
            &[],
        )
        .await;
    assert_eq!(by_url.status, StatusCode::OK, "{}", by_url.body);
    let value = by_url.body["value"].as_array().unwrap();
    assert_eq!(value.len(), 1);
    assert_eq!(value[0]["id"], created["id"]);

    // Encoded only once also matches.
    let once: String = percent_encoding::utf8_percent_encode(
        &format!("JoinWebUrl eq '{url}'"),
        percent_encoding::NON_ALPHANUMERIC,
    )
    .to_string();
    let by_url_once = harness
        .send(
            Method::GET,
            &format!("/me/onlineMeetings?%24filter={once}"),
            Some(&token),
            None,
            &[],
        )
        .await;
    assert_eq!(by_url_once.body["value"][0]["id"], created["id"]);

    let join_id = created["joinMeetingIdSettings"]["joinMeetingId"]
        .as_str()
        .unwrap();
    let path = format!(
        "/me/onlineMeetings?$filter=joinMeetingIdSettings/joinMeetingId%20eq%20'{join_id}'"
    );
    let by_id = harness
        .send(Method::GET, &path, Some(&token), None, &[])
        .await;
    let value = by_id.body["value"].as_array().unwrap();
    assert_eq!(value.len(), 1);
    assert_eq!(value[0]["id"], created["id"]);
    // As Graph answers a collection: its context names the user, the items carry none.
    assert_eq!(
        by_id.body["@odata.context"],
        format!(
            "{}/$metadata#users('{USER}')/onlineMeetings",
            harness.emulator.base_url()
        )
    );
    assert_eq!(value[0].get("@odata.context"), None);
    assert_eq!(value[0].get("@odata.type"), None);

    let none = harness
        .send(
            Method::GET,
            "/me/onlineMeetings?$filter=joinMeetingIdSettings/joinMeetingId%20eq%20'1'",
            Some(&token),
            None,
            &[],
        )
        .await;
    assert_eq!(none.body["value"], json!([]));
    let other = harness.token(&Claims::delegated(OTHER_USER, &[READ_WRITE]));
    let not_theirs = harness
        .send(Method::GET, &path, Some(&other), None, &[])
        .await;
    assert_eq!(not_theirs.body["value"], json!([]));

    for bad in [
        "/me/onlineMeetings",
        "/me/onlineMeetings?$filter=subject%20eq%20'x'",
        "/me/onlineMeetings?$filter=JoinWebUrl",
    ] {
        let reply = harness
            .send(Method::GET, bad, Some(&token), None, &[])
            .await;
        assert_graph_error(&reply, StatusCode::BAD_REQUEST, "BadRequest");
    }
}

#[tokio::test]
async fn update_follows_the_documented_rules() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let created = harness
        .create(r#"{"subject":"before","startDateTime":"2030-01-01T10:00:00Z","endDateTime":"2030-01-01T11:00:00Z"}"#)
        .await;
    let path = format!("/me/onlineMeetings/{}", created["id"].as_str().unwrap());
    let patch = r#"{
      "startDateTime": "2020-09-09T14:33:30.8546353-07:00",
      "endDateTime": "2020-09-09T15:03:30.8566356-07:00",
      "subject": "Patch Meeting Subject"
    }"#;
    let reply = harness
        .send(Method::PATCH, &path, Some(&token), Some(patch), &[])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["subject"], "Patch Meeting Subject");
    assert_instant(&reply.body["startDateTime"], "2020-09-09T21:33:30.8546353Z");
    assert_eq!(reply.body["id"], created["id"]);
    assert_eq!(reply.body["joinWebUrl"], created["joinWebUrl"]);

    let attendees = format!(
        r#"{{"participants":{{"attendees":[{{"identity":{{"user":{{"id":"{OTHER_USER}"}}}},"role":"presenter"}}]}},"allowedPresenters":"roleIsPresenter"}}"#
    );
    let reply = harness
        .send(Method::PATCH, &path, Some(&token), Some(&attendees), &[])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        reply.body["participants"]["attendees"][0]["role"],
        "presenter"
    );
    assert_eq!(
        reply.body["participants"]["organizer"]["identity"]["user"]["id"],
        USER
    );

    for (body, expected) in [
        (
            r#"{"startDateTime":"2030-01-01T10:00:00Z"}"#,
            "both startDateTime and endDateTime",
        ),
        (
            r#"{"participants":{"organizer":{"identity":{"user":{"id":"x"}}}}}"#,
            "organizer can't be updated",
        ),
        (
            r#"{"joinMeetingIdSettings":{"isPasscodeRequired":true}}"#,
            "joinMeetingIdSettings",
        ),
        (r#"{"meetingTemplateId":"t"}"#, "meetingTemplateId"),
        (
            r#"{"allowedPresenters":"roleIsPresenter"}"#,
            "roleIsPresenter",
        ),
        (r#"{"externalId":"x"}"#, "externalId"),
        (r#"{"subject": }"#, "not a valid onlineMeeting JSON object"),
    ] {
        let reply = harness
            .send(Method::PATCH, &path, Some(&token), Some(body), &[])
            .await;
        assert_graph_error(&reply, StatusCode::BAD_REQUEST, "BadRequest");
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(expected), "{body}: {message}");
    }
    let unchanged = harness
        .send(Method::GET, &path, Some(&token), None, &[])
        .await;
    assert_eq!(unchanged.body["subject"], "Patch Meeting Subject");

    let missing = harness
        .send(
            Method::PATCH,
            "/me/onlineMeetings/nope",
            Some(&token),
            Some(r#"{"subject":"x"}"#),
            &[],
        )
        .await;
    assert_graph_error(&missing, StatusCode::NOT_FOUND, "NotFound");
}

#[tokio::test]
async fn delete_is_204_then_the_meeting_is_gone() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let created = harness.create(EXAMPLE_1).await;
    let path = format!("/me/onlineMeetings/{}", created["id"].as_str().unwrap());
    let reply = harness
        .send(Method::DELETE, &path, Some(&token), None, &[])
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert!(reply.raw.is_empty());
    assert_eq!(harness.emulator.meeting_count(), 0);
    let again = harness
        .send(Method::DELETE, &path, Some(&token), None, &[])
        .await;
    assert_graph_error(&again, StatusCode::NOT_FOUND, "NotFound");
    let get = harness
        .send(Method::GET, &path, Some(&token), None, &[])
        .await;
    assert_graph_error(&get, StatusCode::NOT_FOUND, "NotFound");
}

// ---- hostile input, limits, envelope, throttling --------------------------------------------

#[tokio::test]
async fn hostile_user_ids_are_4xx_never_5xx() {
    let harness = Harness::start().await;
    let app = harness.token(&Claims::app(APP, &[READ_WRITE_ALL]));
    let long = "a".repeat(300);
    for user in [
        "..%2F..%2Fadmin",
        "%2e%2e",
        "..",
        "a%2Fb",
        "%FF%FE",
        "x%00y",
        "%20",
        long.as_str(),
        "%3Cscript%3E",
    ] {
        let head = format!(
            "POST /v1.0/users/{user}/onlineMeetings HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {app}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            EXAMPLE_1.len()
        );
        let (status, body) = harness.raw(&head, EXAMPLE_1.as_bytes()).await;
        assert!((400..500).contains(&status), "{user}: {status} {body}");
        assert_graph_error_body(&body, body["error"]["code"].as_str().unwrap_or("missing"));
        let head = format!(
            "GET /v1.0/users/{user}/onlineMeetings/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {app}\r\nConnection: close\r\n\r\n"
        );
        let (status, _) = harness.raw(&head, b"").await;
        assert!((400..500).contains(&status), "{user}: {status}");
    }
    // A path that climbs out of /v1.0 is just an unknown resource.
    let head =
        "GET /v1.0/users/../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    let (status, body) = harness.raw(head, b"").await;
    assert!((400..500).contains(&status), "{status}");
    assert_graph_error_body(&body, body["error"]["code"].as_str().unwrap_or("missing"));
    assert_eq!(harness.emulator.meeting_count(), 0);
}

#[tokio::test]
async fn hostile_meeting_ids_are_404() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    harness.create(EXAMPLE_1).await;
    for id in [
        "..%2F..%2Fadmin",
        "%00",
        "%FF",
        "'%20or%201=1",
        "550fae72_19:meeting_x@thread.skype",
    ] {
        let head = format!(
            "GET /v1.0/me/onlineMeetings/{id} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
        );
        let (status, body) = harness.raw(&head, b"").await;
        assert!(status == 404 || status == 400, "{id}: {status}");
        assert_graph_error_body(&body, body["error"]["code"].as_str().unwrap_or("missing"));
    }
}

#[tokio::test]
async fn bodies_over_4_mib_are_refused() {
    let harness = Harness::start().await;
    let padding = "x".repeat(MAX_BODY_BYTES);
    let body = format!(r#"{{"subject":"{padding}"}}"#);
    let reply = harness
        .send(
            Method::POST,
            "/me/onlineMeetings",
            Some(&harness.user_token()),
            Some(&body),
            &[],
        )
        .await;
    assert_graph_error(
        &reply,
        StatusCode::PAYLOAD_TOO_LARGE,
        "RequestEntityTooLarge",
    );

    // Chunked, without a Content-Length, is cut off at the limit too.
    let token = harness.user_token();
    let head = format!(
        "POST /v1.0/me/onlineMeetings HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    let mut chunked = Vec::new();
    for chunk in body.as_bytes().chunks(1 << 20) {
        chunked.extend_from_slice(format!("{:X}\r\n", chunk.len()).as_bytes());
        chunked.extend_from_slice(chunk);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let (status, body) = harness.raw(&head, &chunked).await;
    assert_eq!(status, 413);
    assert_graph_error_body(&body, "RequestEntityTooLarge");
    assert_eq!(harness.emulator.meeting_count(), 0);

    // Just under the limit is accepted.
    let fits = format!(r#"{{"subject":"{}"}}"#, "y".repeat(MAX_BODY_BYTES - 20));
    let reply = harness
        .send(
            Method::POST,
            "/me/onlineMeetings",
            Some(&harness.user_token()),
            Some(&fits),
            &[],
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
}

#[tokio::test]
async fn every_error_has_the_graph_envelope() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let unknown = harness
        .send(Method::GET, "/me/events", Some(&token), None, &[])
        .await;
    assert_graph_error(&unknown, StatusCode::BAD_REQUEST, "BadRequest");
    let outside = harness
        .http
        .get(format!("http://{}/", harness.emulator.local_addr()))
        .send()
        .await
        .unwrap();
    let outside = read(outside).await;
    assert_graph_error(&outside, StatusCode::BAD_REQUEST, "BadRequest");
    let wrong_method = harness
        .send(
            Method::PUT,
            "/me/onlineMeetings/abc",
            Some(&token),
            Some("{}"),
            &[],
        )
        .await;
    assert_graph_error(
        &wrong_method,
        StatusCode::METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
    );
    let allowed = wrong_method.headers["allow"].to_str().unwrap();
    assert!(
        allowed.contains("PATCH") && allowed.contains("DELETE"),
        "{allowed}"
    );

    let with_client_id = harness
        .send(
            Method::GET,
            "/me/onlineMeetings/missing",
            Some(&token),
            None,
            &[("client-request-id", "0b9f6d6e-1111-4222-8333-444455556666")],
        )
        .await;
    assert_graph_error(&with_client_id, StatusCode::NOT_FOUND, "NotFound");
    assert_eq!(
        with_client_id.headers["client-request-id"],
        "0b9f6d6e-1111-4222-8333-444455556666"
    );
    assert_eq!(
        with_client_id.body["error"]["innerError"]["client-request-id"],
        "0b9f6d6e-1111-4222-8333-444455556666"
    );
}

#[tokio::test]
async fn throttling_answers_every_nth_request_with_429_and_no_side_effect() {
    let harness = Harness::start_with(EmulatorConfig::default().throttle_every(3)).await;
    let token = harness.user_token();
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let reply = harness
            .send(
                Method::POST,
                "/me/onlineMeetings",
                Some(&token),
                Some(EXAMPLE_1),
                &[],
            )
            .await;
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(reply.headers["retry-after"], "1");
            assert_graph_error(&reply, StatusCode::TOO_MANY_REQUESTS, "TooManyRequests");
            assert_eq!(reply.body["error"]["innerError"]["status"], "429");
        }
        statuses.push(reply.status.as_u16());
    }
    assert_eq!(statuses, [201, 201, 429, 201, 201, 429]);
    assert_eq!(harness.emulator.meeting_count(), 4);
}

#[tokio::test]
async fn hostile_bodies_are_400_never_a_crash() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let deep = format!(
        r#"{{"subject":"x","extra":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let deep_object = format!("{}{}", r#"{"a":"#.repeat(50_000), "}".repeat(50_000));
    let bodies: Vec<Vec<u8>> = vec![
        deep.into_bytes(),
        deep_object.into_bytes(),
        b"{\"subject\":\"\xff\xfe\"}".to_vec(),
        b"{\"subject\":\"a\"} trailing".to_vec(),
        b"".to_vec(),
        b"null".to_vec(),
        br#"{"subject":"\ud800"}"#.to_vec(),
        br#"{"participants":{"attendees":{"not":"a list"}}}"#.to_vec(),
        br#"{"startDateTime":"2030-02-30T10:00:00Z"}"#.to_vec(),
    ];
    for body in bodies {
        let response = harness
            .http
            .post(format!("{}/me/onlineMeetings", harness.emulator.base_url()))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        let reply = read(response).await;
        let shown = String::from_utf8_lossy(&body[..body.len().min(60)]).into_owned();
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{shown}: {}",
            reply.body
        );
        assert_graph_error(&reply, StatusCode::BAD_REQUEST, "BadRequest");
    }
    // The emulator is still serving.
    harness.create(EXAMPLE_1).await;
    assert_eq!(harness.emulator.meeting_count(), 1);
}

#[tokio::test]
async fn app_with_policy_reads_updates_and_deletes_through_the_users_path() {
    let harness = Harness::start().await;
    let app = harness.token(&Claims::app(APP, &[READ_WRITE_ALL]));
    let created = harness.create(EXAMPLE_1).await;
    let path = format!(
        "/users/{USER}/onlineMeetings/{}",
        created["id"].as_str().unwrap()
    );

    let read = harness
        .send(
            Method::GET,
            &path,
            Some(&app),
            None,
            &[("accept-language", "zh-CN")],
        )
        .await;
    assert_eq!(read.status, StatusCode::OK);
    let html = decode_join_information(read.body["joinInformation"]["content"].as_str().unwrap());
    assert!(html.contains("加入 Microsoft Teams 会议"), "{html}");

    let patched = harness
        .send(
            Method::PATCH,
            &path,
            Some(&app),
            Some(r#"{"subject":"by the app"}"#),
            &[],
        )
        .await;
    assert_eq!(patched.body["subject"], "by the app");

    // The policy names the operation it refused.
    let other_app = harness.token(&Claims::app(
        APP_WITHOUT_POLICY,
        &["OnlineMeetings.Read.All"],
    ));
    let refused = harness
        .send(Method::GET, &path, Some(&other_app), None, &[])
        .await;
    assert_graph_error(&refused, StatusCode::FORBIDDEN, "Unauthorized");
    assert!(refused.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("to Get meeting"));

    let deleted = harness
        .send(Method::DELETE, &path, Some(&app), None, &[])
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(harness.emulator.meeting_count(), 0);
}

// ---- $batch -------------------------------------------------------------------------------

#[tokio::test]
async fn a_batch_runs_each_request_in_order_with_the_batchs_token() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let envelope = json!({"requests": [
        {"id": "a", "method": "POST", "url": "/me/onlineMeetings",
         "headers": {"content-type": "application/json", "accept-language": "ja"},
         "body": {"subject": "in a batch"}},
        {"id": "b", "method": "GET", "url": "/me/onlineMeetings/missing"},
        {"id": "c", "method": "DELETE", "url": "/me/onlineMeetings/missing", "dependsOn": ["b"]},
        {"id": "d", "method": "GET", "url": "/me/events"},
    ]});
    let reply = harness.batch(Some(&token), &envelope).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let responses = reply.body["responses"].as_array().unwrap();
    let status =
        |id: &str| responses.iter().find(|answer| answer["id"] == id).unwrap()["status"].clone();
    assert_eq!(status("a"), 201);
    assert_eq!(status("b"), 404);
    assert_eq!(status("c"), 424);
    assert_eq!(status("d"), 400, "a path the service does not have");
    let created = &responses[0]["body"];
    assert_eq!(created["subject"], "in a batch");
    assert!(created["joinInformation"]["content"].as_str().is_some());
    assert_graph_error_body(&responses[1]["body"], "NotFound");
    assert!(responses[1]["headers"]["request-id"].is_string());
    assert_eq!(harness.emulator.meeting_count(), 1);

    // Without a token, each request is refused as it would be alone.
    let reply = harness.batch(None, &envelope).await;
    assert_eq!(reply.body["responses"][0]["status"], 401);
    assert_eq!(harness.emulator.meeting_count(), 1);
}

#[tokio::test]
async fn a_batch_graph_would_refuse_is_refused_whole() {
    let harness = Harness::start().await;
    let token = harness.user_token();
    let get =
        |id: usize| json!({"id": id.to_string(), "method": "GET", "url": "/me/onlineMeetings/x"});
    let too_many = json!({"requests": (0..21).map(get).collect::<Vec<_>>()});
    let forward = json!({"requests": [
        {"id": "1", "method": "GET", "url": "/me/onlineMeetings/x", "dependsOn": ["2"]},
        {"id": "2", "method": "GET", "url": "/me/onlineMeetings/y"},
    ]});
    let duplicate = json!({"requests": [get(1), get(1)]});
    let nested = json!({"requests": [{"id": "1", "method": "POST", "url": "/$batch",
        "headers": {"content-type": "application/json"}, "body": {"requests": []}}]});
    let absolute = json!({"requests": [{"id": "1", "method": "GET",
        "url": "https://graph.microsoft.com/v1.0/me/onlineMeetings/x"}]});
    for (envelope, says) in [
        (too_many, "cannot exceed 20"),
        (forward, "not before it"),
        (duplicate, "used twice"),
        (absolute, "relative"),
        (json!({"requests": "no"}), "Invalid batch payload"),
    ] {
        let reply = harness.batch(Some(&token), &envelope).await;
        assert_graph_error(&reply, StatusCode::BAD_REQUEST, "BadRequest");
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{message}");
    }
    let reply = harness.batch(Some(&token), &nested).await;
    assert_eq!(
        reply.body["responses"][0]["status"], 400,
        "batches do not nest"
    );
}

#[tokio::test]
async fn a_retry_before_retry_after_has_passed_is_throttled_again_and_counted() {
    let harness = Harness::start_with(EmulatorConfig::default().throttle_every(1)).await;
    let token = harness.user_token();
    let id = [("client-request-id", "7f0c3a52-0000-4000-8000-000000000001")];
    let first = harness
        .send(Method::GET, "/me/onlineMeetings/x", Some(&token), None, &id)
        .await;
    assert_graph_error(&first, StatusCode::TOO_MANY_REQUESTS, "TooManyRequests");
    assert_eq!(first.headers["retry-after"], "1");
    let early = harness
        .send(Method::GET, "/me/onlineMeetings/x", Some(&token), None, &id)
        .await;
    assert_eq!(early.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(harness.emulator.early_retries(), 1);
    // Another call is a new request, not an early retry.
    let other = [("client-request-id", "7f0c3a52-0000-4000-8000-000000000002")];
    harness
        .send(
            Method::GET,
            "/me/onlineMeetings/x",
            Some(&token),
            None,
            &other,
        )
        .await;
    assert_eq!(harness.emulator.early_retries(), 1);
}
