//! End to end: the project's own client (`graph_core::client` + the generated endpoints)
//! against a running emulator over loopback, for each documented behaviour.

mod common;

use std::time::{Duration, Instant};

use common::*;
use graph_core::client::{Batch, Client, ClientError, StaticToken};
use graph_core::http::{BaseUrl, CreatedOrExisting, LanguageTag, ResponseError};
use graph_core::Property;
use graph_emulator::{Claims, EmulatorConfig, Faults};
use graph_online_meetings::api::users::online_meetings as meetings;
use graph_online_meetings::api::UserTarget;
use graph_online_meetings::{JoinMeetingIdSettings, OnlineMeeting, OnlineMeetingRole};
use reqwest::{Method, StatusCode};

/// A client that refuses, before sending, a token whose claims cannot work for the endpoint.
fn checking_client(harness: &Harness, token: String) -> Client<StaticToken> {
    Client::builder(StaticToken::new(token))
        .base_url(BaseUrl::new(&harness.emulator.base_url()).unwrap())
        .check_token_claims(true)
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
    let html =
        graph_online_meetings::join_information::decode_join_information_html(content).unwrap();
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

    // An app-only token on /me: the emulator refuses it as Graph does, and the error says
    // what the token's claims show.
    let refused = with_policy
        .send(
            meetings::create(&UserTarget::Me, &meeting("me"))
                .build(&options)
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_eq!(
        graph_error(&refused),
        (StatusCode::BAD_REQUEST, "BadRequest".to_owned())
    );
    assert!(
        refused
            .to_string()
            .contains("does not accept an app-only token"),
        "{refused}"
    );
    // With the check turned on, the client refuses it before sending anything.
    let early = checking_client(
        &harness,
        harness.token(&Claims::app(APP, &[READ_WRITE_ALL])),
    )
    .send(
        meetings::create(&UserTarget::Me, &meeting("me"))
            .build(&options)
            .unwrap(),
    )
    .await
    .unwrap_err();
    assert!(matches!(early, ClientError::Token(_)), "{early}");
    assert_eq!(harness.emulator.meeting_count(), 1);

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
    assert_eq!(
        harness.emulator.early_retries(),
        0,
        "the client waited each time"
    );
}

#[tokio::test]
async fn a_batch_of_twenty_five_through_the_client_creates_each_meeting_once() {
    // Every fifth request is throttled: the $batch calls and the items inside them alike.
    let harness = Harness::start_with(EmulatorConfig::default().throttle_every(5)).await;
    let client = client(&harness, harness.user_token());
    let options = client.request_options();
    let mut batch = Batch::new();
    let creates: Vec<_> = (0..25)
        .map(|n| {
            let subject = format!("batched {n}");
            batch.add(
                meetings::create(&UserTarget::Me, &meeting(&subject))
                    .build(&options)
                    .unwrap(),
            )
        })
        .collect();
    let missing = batch.add(
        meetings::get(&UserTarget::Me, "no-such-meeting")
            .build(&options)
            .unwrap(),
    );
    let dependent = batch.add_after(
        meetings::delete(&UserTarget::Me, "no-such-meeting")
            .build(&options)
            .unwrap(),
        &[missing.id()],
    );
    let started = Instant::now();
    let mut answers = client.send_batch(batch).await;
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "throttled items waited for Retry-After: {:?}",
        started.elapsed()
    );
    for (n, item) in creates.into_iter().enumerate() {
        let created = answers
            .take(item)
            .unwrap_or_else(|error| panic!("create {n}: {error}"));
        assert_eq!(created.subject.value(), Some(&format!("batched {n}")));
        assert!(created.join_web_url.value().is_some());
    }
    let error = answers.take(missing).unwrap_err();
    assert_eq!(graph_error(&error).0, StatusCode::NOT_FOUND);
    let error = answers.take(dependent).unwrap_err();
    assert_eq!(graph_error(&error).0, StatusCode::FAILED_DEPENDENCY);
    assert_eq!(harness.emulator.meeting_count(), 25, "no create ran twice");
    assert_eq!(harness.emulator.early_retries(), 0);
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
    let personal = checking_client(
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

fn faults(seed: u64, drop_rate: f64) -> Faults {
    Faults {
        seed,
        errors: vec![
            "GET:503:0.15".parse().unwrap(),
            "*:429:0.05".parse().unwrap(),
        ],
        retry_after: Duration::from_millis(50),
        latency: Some((Duration::from_millis(1), Duration::from_millis(3))),
        drop_rate,
    }
}

#[tokio::test]
async fn the_same_seed_meets_the_same_faults() {
    let mut runs = Vec::new();
    for seed in [11, 11, 12] {
        let harness =
            Harness::start_with(EmulatorConfig::default().faults(faults(seed, 0.0))).await;
        let token = harness.user_token();
        let mut statuses = Vec::new();
        for _ in 0..40 {
            let reply = harness
                .send(Method::GET, "/me/onlineMeetings/x", Some(&token), None, &[])
                .await;
            statuses.push(reply.status.as_u16());
            if reply.status.as_u16() == 503 {
                assert_eq!(reply.headers["retry-after"], "0.050");
                assert_graph_error(
                    &reply,
                    StatusCode::SERVICE_UNAVAILABLE,
                    "serviceNotAvailable",
                );
            }
        }
        runs.push(statuses);
    }
    assert_eq!(runs[0], runs[1], "seed 11 twice");
    assert_ne!(runs[0], runs[2], "seed 12");
    for status in [503, 429, 404] {
        assert!(runs[0].contains(&status), "{status} in {:?}", runs[0]);
    }
}

#[tokio::test]
async fn the_client_rides_out_seeded_faults_and_never_repeats_a_create() {
    let harness = Harness::start_with(EmulatorConfig::default().faults(faults(5, 0.05))).await;
    let client = Client::builder(StaticToken::new(harness.user_token()))
        .base_url(BaseUrl::new(&harness.emulator.base_url()).unwrap())
        .retry_policy(graph_core::client::RetryPolicy {
            max_retries: 6,
            max_total_wait: Duration::from_secs(10),
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
        })
        .build()
        .unwrap();
    let options = client.request_options();
    let (mut created, mut answer_lost) = (Vec::new(), 0);
    for n in 0..30 {
        let request = meetings::create(&UserTarget::Me, &meeting(&format!("m{n}")))
            .build(&options)
            .unwrap();
        match client.send(request).await {
            Ok(meeting) => created.push(meeting.id.value().unwrap().clone()),
            // The service acted, the answer was lost: a create is not sent again.
            Err(ClientError::Transport { attempts: 1, .. }) => answer_lost += 1,
            Err(error) => panic!("create {n}: {error}"),
        }
    }
    assert!(answer_lost > 0, "the seed drops some answers");
    assert_eq!(
        harness.emulator.meeting_count(),
        created.len() + answer_lost
    );
    for id in &created {
        for _ in 0..5 {
            let request = meetings::get(&UserTarget::Me, id).build(&options).unwrap();
            let meeting = client
                .send(request)
                .await
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(meeting.id.value(), Some(id));
        }
    }
    assert_eq!(
        harness.emulator.early_retries(),
        0,
        "every Retry-After was waited for"
    );
}
