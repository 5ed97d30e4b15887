//! End to end: the project's own client (`graph_core::client` + the generated endpoints)
//! against a running emulator over loopback, for each documented behaviour.

mod common;

use std::time::{Duration, Instant};

use common::*;
use graph_core::client::{Client, ClientError, StaticToken};
use graph_core::http::{BaseUrl, CreatedOrExisting, LanguageTag, ResponseError};
use graph_core::Property;
use graph_emulator::{Claims, EmulatorConfig};
use graph_online_meetings::api::users::online_meetings as meetings;
use graph_online_meetings::api::UserTarget;
use graph_online_meetings::{JoinMeetingIdSettings, OnlineMeeting, OnlineMeetingRole};
use reqwest::StatusCode;

fn client(harness: &Harness, token: String) -> Client<StaticToken> {
    Client::builder(StaticToken::new(token))
        .base_url(BaseUrl::new(&harness.emulator.base_url()).unwrap())
        .build()
        .unwrap()
}

fn meeting(subject: &str) -> OnlineMeeting {
    OnlineMeeting {
        subject: Property::Value(subject.to_owned()),
        ..OnlineMeeting::default()
    }
}

/// The Graph error the service answered with.
fn graph_error(error: &ClientError) -> (StatusCode, String) {
    match error.response_error() {
        Some(ResponseError::Graph(graph)) => (graph.status, graph.code.clone()),
        _ => panic!("expected a Graph error answer, got {error}"),
    }
}

#[tokio::test]
async fn create_get_update_delete_round_trip() {
    let harness = Harness::start().await;
    let client = client(&harness, harness.user_token());
    let mut options = client.request_options();
    options.accept_language = Some(LanguageTag::new("ja").unwrap());
    let body = OnlineMeeting {
        join_meeting_id_settings: Property::Value(JoinMeetingIdSettings {
            is_passcode_required: Property::Value(true),
            ..JoinMeetingIdSettings::default()
        }),
        ..meeting("client meeting")
    };
    let created = client
        .send(
            meetings::create(&UserTarget::Me, &body)
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap();
    let id = created.id.value().unwrap().clone();
    let settings = created.join_meeting_id_settings.value().unwrap();
    assert!(settings.passcode.value().is_some_and(|p| p.len() == 6));
    assert!(settings.join_meeting_id.value().unwrap().len() >= 10);
    let content = created
        .join_information
        .value()
        .unwrap()
        .content
        .value()
        .unwrap();
    let html = graph_core::join_information::decode_join_information_html(content).unwrap();
    assert!(html.contains("Microsoft Teams 会議に参加"), "{html}");

    let fetched = client
        .send(meetings::get(&UserTarget::Me, &id).build(&options).unwrap())
        .await
        .unwrap();
    assert_eq!(fetched.join_web_url, created.join_web_url);
    let url = created.join_web_url.value().unwrap();
    let by_url = client
        .send(
            meetings::get_by_join_web_url(&UserTarget::Me, url)
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(by_url.unwrap().id.value(), Some(&id));
    let join_id = settings.join_meeting_id.value().unwrap();
    let by_join_id = client
        .send(
            meetings::get_by_join_meeting_id(&UserTarget::Me, join_id)
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(by_join_id.unwrap().id.value(), Some(&id));
    let nothing = client
        .send(
            meetings::get_by_join_meeting_id(&UserTarget::Me, "1")
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap();
    assert!(nothing.is_none());

    let updated = client
        .send(
            meetings::update(&UserTarget::Me, &id, &meeting("renamed"))
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap()
        .expect("the emulator answers 200 with the meeting, as Graph does");
    assert_eq!(updated.subject.value().map(String::as_str), Some("renamed"));
    assert_eq!(updated.join_web_url, created.join_web_url);

    client
        .send(
            meetings::delete(&UserTarget::Me, &id)
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap();
    let gone = client
        .send(meetings::get(&UserTarget::Me, &id).build(&options).unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        graph_error(&gone),
        (StatusCode::NOT_FOUND, "NotFound".to_owned())
    );
}

#[tokio::test]
async fn app_tokens_need_the_users_path_and_an_access_policy() {
    let harness = Harness::start().await;
    let with_policy = client(
        &harness,
        harness.token(&Claims::app(APP, &[READ_WRITE_ALL])),
    );
    let options = with_policy.request_options();
    let user = UserTarget::User(USER.to_owned());
    let created = with_policy
        .send(
            meetings::create(&user, &meeting("app"))
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap();
    let organizer = created
        .participants
        .value()
        .unwrap()
        .organizer
        .value()
        .unwrap();
    let graph_online_meetings::AnyMeetingParticipantInfo::MeetingParticipantInfo(organizer) =
        organizer
    else {
        panic!("organizer is a plain meetingParticipantInfo")
    };
    assert_eq!(organizer.role.value(), Some(&OnlineMeetingRole::Presenter));

    // The client refuses an app-only token on /me before sending anything.
    let early = with_policy
        .send(
            meetings::create(&UserTarget::Me, &meeting("me"))
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(matches!(early, ClientError::Token(_)), "{early}");

    let without_policy = client(
        &harness,
        harness.token(&Claims::app(APP_WITHOUT_POLICY, &[READ_WRITE_ALL])),
    );
    let refused = without_policy
        .send(
            meetings::create(&user, &meeting("no policy"))
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_eq!(
        graph_error(&refused),
        (StatusCode::FORBIDDEN, "Unauthorized".to_owned())
    );
    assert_eq!(harness.emulator.meeting_count(), 1);
}

#[tokio::test]
async fn emulator_refusals_reach_the_client_as_typed_errors() {
    let harness = Harness::start().await;
    // A forged token: the client cannot tell, the emulator can.
    let forged = graph_emulator::token::mint(
        &Claims::delegated(USER, &[READ_WRITE]),
        &graph_emulator::SigningKey::new("not-the-emulators-key"),
    );
    let client_with_forged = client(&harness, forged);
    let options = client_with_forged.request_options();
    let error = client_with_forged
        .send(
            meetings::create(&UserTarget::Me, &meeting("x"))
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_eq!(
        graph_error(&error),
        (
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken".to_owned()
        )
    );

    let client = client(&harness, harness.user_token());
    let hostile = UserTarget::User("../../admin".to_owned());
    let error = client
        .send(
            meetings::create(&hostile, &meeting("x"))
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap_err();
    let (status, _) = graph_error(&error);
    assert!(status.is_client_error(), "{error}");
    assert_eq!(harness.emulator.meeting_count(), 0);
}

#[tokio::test]
async fn throttled_create_is_retried_without_a_duplicate() {
    let harness = Harness::start_with(EmulatorConfig::default().throttle_every(2)).await;
    let client = client(&harness, harness.user_token());
    let options = client.request_options();
    let started = Instant::now();
    for subject in ["first", "second", "third"] {
        let created = client
            .send(
                meetings::create(&UserTarget::Me, &meeting(subject))
                    .build(&options)
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(created.subject.value().map(String::as_str), Some(subject));
    }
    // Requests 2 and 4 were throttled, each retried after Retry-After: 1.
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(harness.emulator.meeting_count(), 3);
}

#[tokio::test]
async fn create_or_get_through_the_client_is_created_then_existing() {
    let harness = Harness::start().await;
    let client = client(&harness, harness.user_token());
    let options = client.request_options();
    let create_or_get = || {
        meetings::create_or_get(
            &UserTarget::Me,
            None,
            None,
            "weekly-sync",
            None,
            None,
            Some("weekly sync"),
        )
        .build(&options)
        .unwrap()
    };
    let first = client.send(create_or_get()).await.unwrap();
    let second = client.send(create_or_get()).await.unwrap();
    assert!(matches!(first, CreatedOrExisting::Created(_)));
    assert!(matches!(second, CreatedOrExisting::Existing(_)));
    assert_eq!(first.into_inner().id, second.into_inner().id);
}

#[tokio::test]
async fn live_event_roles_follow_the_clients_prefer_option() {
    let harness = Harness::start().await;
    let client = client(&harness, harness.user_token());
    let body = OnlineMeeting {
        is_broadcast: Property::Value(true),
        ..meeting("live event")
    };
    let organizer_role = |meeting: &OnlineMeeting| match meeting
        .participants
        .value()
        .unwrap()
        .organizer
        .value()
        .unwrap()
    {
        graph_online_meetings::AnyMeetingParticipantInfo::MeetingParticipantInfo(info) => {
            info.role.value().cloned()
        }
        other => panic!("unexpected organizer {other:?}"),
    };
    // The client sends Prefer: include-unknown-enum-members by default.
    let options = client.request_options();
    let opted_in = client
        .send(
            meetings::create(&UserTarget::Me, &body)
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(organizer_role(&opted_in), Some(OnlineMeetingRole::Producer));
    let mut without = client.request_options();
    without.include_unknown_enum_members = false;
    let plain = client
        .send(
            meetings::create(&UserTarget::Me, &body)
                .build(&without)
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        organizer_role(&plain),
        Some(OnlineMeetingRole::UnknownFutureValue)
    );
}

#[tokio::test]
async fn documented_refusals_surface_whichever_side_catches_them() {
    let harness = Harness::start().await;
    let personal = client(
        &harness,
        harness.token(&Claims::personal(USER, &[READ_WRITE])),
    );
    let options = personal.request_options();
    let early = personal
        .send(
            meetings::create(&UserTarget::Me, &meeting("x"))
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(matches!(early, ClientError::Token(_)), "{early}");

    let client = client(&harness, harness.user_token());
    let end_before_start = OnlineMeeting {
        start_date_time: Property::Value(
            graph_core::edm::DateTimeOffset::parse("2030-01-01T11:00:00Z").unwrap(),
        ),
        end_date_time: Property::Value(
            graph_core::edm::DateTimeOffset::parse("2030-01-01T10:00:00Z").unwrap(),
        ),
        ..meeting("backwards")
    };
    let custom_passcode = OnlineMeeting {
        join_meeting_id_settings: Property::Value(JoinMeetingIdSettings {
            is_passcode_required: Property::Value(true),
            passcode: Property::Value("123456".to_owned()),
            ..JoinMeetingIdSettings::default()
        }),
        ..meeting("custom passcode")
    };
    for body in [end_before_start, custom_passcode] {
        // Either the client's validation refuses to build the request, or the emulator
        // answers 400: never a meeting.
        match meetings::create(&UserTarget::Me, &body).build(&options) {
            Err(_) => {}
            Ok(request) => {
                let error = client.send(request).await.unwrap_err();
                assert_eq!(
                    graph_error(&error),
                    (StatusCode::BAD_REQUEST, "BadRequest".to_owned())
                );
            }
        }
    }
    assert_eq!(harness.emulator.meeting_count(), 0);
}
