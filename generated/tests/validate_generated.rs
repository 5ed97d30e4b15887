//! The generated models carry the rules of `metadata/onlineMeeting.rules.xml`: the docs'
//! requests validate clean, and broken ones report every violation with its path.

use graph_core::edm::DateTimeOffset;
use graph_core::{Operation, Property, Validate, ValidationErrors};
use graph_online_meetings::{
    AnyIdentity, AnyIdentitySet, AnyMeetingParticipantInfo, AudioConferencing,
    BroadcastMeetingSettings, ChatInfo, CommunicationsIdentitySet, Identity, IdentitySet,
    JoinMeetingIdSettings, MeetingParticipantInfo, MeetingParticipants, OnlineMeeting,
    OnlineMeetingRole,
};

/// `../shared` (the seed page and the docs examples), or `None` with a note when absent.
fn shared_dir() -> Option<std::path::PathBuf> {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = ["../../shared", "../shared"]
        .iter()
        .map(|relative| manifest.join(relative))
        .find(|dir| dir.join("seed").is_dir());
    if found.is_none() {
        eprintln!("skipped: ../shared not found");
    }
    found
}

fn violations(result: Result<(), ValidationErrors>) -> Vec<(String, String)> {
    result.err().map_or_else(Vec::new, |errors| {
        errors
            .iter()
            .map(|error| (error.path().to_owned(), error.rule().code().to_owned()))
            .collect()
    })
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(path, code)| ((*path).to_owned(), (*code).to_owned()))
        .collect()
}

fn meeting(json: &str) -> OnlineMeeting {
    graph_core::json::from_str(json).unwrap_or_else(|error| panic!("{error}\n{json}"))
}

/// The JSON bodies of the `POST` requests in the seed page: the object after each `POST` line.
fn seed_requests(page: &str) -> Vec<String> {
    let lines: Vec<&str> = page.lines().collect();
    let mut requests = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if !line.starts_with("POST https://") {
            continue;
        }
        let Some(start) = (index..lines.len()).find(|&i| lines[i].starts_with('{')) else {
            continue;
        };
        let mut depth = 0usize;
        let mut body = String::new();
        for line in &lines[start..] {
            body.push_str(line);
            body.push('\n');
            depth = (depth + line.matches('{').count()).saturating_sub(line.matches('}').count());
            if depth == 0 {
                break;
            }
        }
        requests.push(body);
    }
    requests
}

#[test]
fn the_five_seed_requests_validate_clean_for_create() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let page = std::fs::read_to_string(shared.join("seed/create-onlineMeeting.zh.md"))
        .expect("the seed page is readable");
    let requests = seed_requests(&page);
    assert_eq!(requests.len(), 5, "the seed page has five request bodies");
    let mut broadcasts = 0;
    for body in &requests {
        let request = meeting(body);
        assert!(request.start_date_time.is_value(), "{body}");
        assert!(request.end_date_time.is_value(), "{body}");
        broadcasts += usize::from(request.broadcast_settings.is_value());
        assert_eq!(
            violations(request.validate(Operation::Create)),
            pairs(&[]),
            "{body}"
        );
    }
    assert_eq!(broadcasts, 1, "example 2 is the live event");
}

#[test]
fn the_docs_requests_validate_clean_for_their_operation() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let mut checked = 0;
    for entry in std::fs::read_dir(shared.join("graph-docs/examples")).expect("examples folder") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let operation = match name.split('-').next() {
            Some("create") => Operation::Create,
            Some("update") => Operation::Update,
            _ => continue,
        };
        if !name.contains("-request") || !name.ends_with(".json") {
            continue;
        }
        let body = std::fs::read_to_string(&path).expect("an example is readable");
        assert_eq!(
            violations(meeting(&body).validate(operation)),
            pairs(&[]),
            "{name}"
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} example requests found");
}

#[test]
fn a_response_sent_back_as_a_create_names_every_read_only_member() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let body = std::fs::read_to_string(shared.join("graph-docs/examples/create-ex2-response.json"))
        .expect("the example response is readable");
    let found = violations(meeting(&body).validate(Operation::Create));
    for expected in [
        ("/id", "read_only"),
        ("/audioConferencing", "read_only"),
        ("/chatInfo", "read_only"),
        ("/joinWebUrl", "read_only"),
        ("/creationDateTime", "read_only"),
        ("/joinMeetingIdSettings/joinMeetingId", "read_only"),
        ("/joinMeetingIdSettings/passcode", "read_only"),
    ] {
        let expected = (expected.0.to_owned(), expected.1.to_owned());
        assert!(
            found.contains(&expected),
            "{expected:?} missing from {found:?}"
        );
    }
}

#[test]
fn one_request_breaking_three_rules_reports_all_three() {
    let request = meeting(
        r##"{
          "subject": "Review",
          "startDateTime": "2026-03-01T12:00:00+02:00",
          "endDateTime": "2026-03-01T10:00:00Z",
          "joinMeetingIdSettings": { "isPasscodeRequired": true, "passcode": "123456" },
          "participants": {
            "attendees": [
              { "identity": { "user": { "id": "5810cede-f3cc-42eb-b2c1-e9bd5d53ec96" } }, "role": "presenter" },
              { "identity": { "@odata.type": "#microsoft.graph.communicationsIdentitySet",
                              "phone": { "id": "+1 555 0100" } }, "role": "presenter" }
            ]
          }
        }"##,
    );
    assert_eq!(
        violations(request.validate(Operation::Create)),
        pairs(&[
            ("/joinMeetingIdSettings/passcode", "read_only"),
            ("/participants/attendees/1/role", "directory_user_role"),
            ("/endDateTime", "later_than"),
        ])
    );
}

#[test]
fn update_rules_on_the_generated_model() {
    let request = meeting(
        r#"{
          "startDateTime": "2026-03-01T10:00:00Z",
          "meetingTemplateId": "05b9ed5f-2ac3-4470-aae9-f4a0c30b1a4b",
          "joinMeetingIdSettings": { "isPasscodeRequired": false },
          "participants": { "organizer": { "identity": { "user": { "id": "u1" } } } },
          "broadcastSettings": { "isRecordingEnabled": true }
        }"#,
    );
    let mut found = violations(request.validate(Operation::Update));
    found.sort();
    assert_eq!(
        found,
        pairs(&[
            ("/broadcastSettings", "requires_true"),
            ("/endDateTime", "update_requires"),
            ("/joinMeetingIdSettings", "immutable"),
            ("/meetingTemplateId", "immutable"),
            ("/participants/organizer", "immutable"),
        ])
    );
}

fn at(text: &str) -> Property<DateTimeOffset> {
    Property::Value(DateTimeOffset::parse(text).expect("test date-times are valid"))
}

fn text(value: &str) -> Property<String> {
    Property::Value(value.to_owned())
}

/// A create body like the seed's first example.
fn plain_create() -> OnlineMeeting {
    OnlineMeeting {
        start_date_time: at("2019-07-12T14:30:34.2444915-07:00"),
        end_date_time: at("2019-07-12T15:00:34.2464912-07:00"),
        subject: text("User Token Meeting"),
        ..OnlineMeeting::default()
    }
}

/// An identity set with a directory user.
fn user() -> Property<AnyIdentitySet> {
    Property::Value(AnyIdentitySet::IdentitySet(IdentitySet {
        user: Property::Value(AnyIdentity::Identity(Identity {
            id: text("112f7296-5fa4-42ca-bae8-6a692b15d4b8"),
            ..Identity::default()
        })),
        ..IdentitySet::default()
    }))
}

/// A communications identity set with a phone and no user.
fn phone() -> Property<AnyIdentitySet> {
    Property::Value(AnyIdentitySet::CommunicationsIdentitySet(Box::new(
        CommunicationsIdentitySet {
            phone: Property::Value(AnyIdentity::Identity(Identity {
                id: text("+1 555 0100"),
                ..Identity::default()
            })),
            ..CommunicationsIdentitySet::default()
        },
    )))
}

fn participant(
    identity: Property<AnyIdentitySet>,
    role: OnlineMeetingRole,
) -> AnyMeetingParticipantInfo {
    AnyMeetingParticipantInfo::MeetingParticipantInfo(MeetingParticipantInfo {
        identity,
        role: Property::Value(role),
        ..MeetingParticipantInfo::default()
    })
}

#[test]
fn a_plain_create_body_is_valid_for_create_and_update() {
    assert_eq!(
        violations(plain_create().validate(Operation::Create)),
        pairs(&[])
    );
    assert_eq!(
        violations(plain_create().validate(Operation::Update)),
        pairs(&[])
    );
}

#[test]
fn every_read_only_member_is_refused_on_create_and_update() {
    let body = OnlineMeeting {
        id: text("MSpkYzE3"),
        creation_date_time: at("2019-07-11T02:17:17.6491364Z"),
        join_web_url: text("https://teams.microsoft.com/l/meetup-join/x"),
        video_teleconference_id: text("123456789"),
        audio_conferencing: Property::Value(AudioConferencing::default()),
        chat_info: Property::Value(ChatInfo::default()),
        join_information: Property::Null,
        join_meeting_id_settings: Property::Value(JoinMeetingIdSettings {
            is_passcode_required: Property::Value(true),
            join_meeting_id: text("1234567890"),
            passcode: text("my-own-passcode"),
            ..JoinMeetingIdSettings::default()
        }),
        ..plain_create()
    };
    let read_only = [
        ("/id", "read_only"),
        ("/audioConferencing", "read_only"),
        ("/chatInfo", "read_only"),
        ("/joinInformation", "read_only"),
        ("/joinMeetingIdSettings/joinMeetingId", "read_only"),
        ("/joinMeetingIdSettings/passcode", "read_only"),
        ("/joinWebUrl", "read_only"),
        ("/videoTeleconferenceId", "read_only"),
        ("/creationDateTime", "read_only"),
    ];
    assert_eq!(
        violations(body.validate(Operation::Create)),
        pairs(&read_only)
    );
    // On update, `joinMeetingIdSettings` is refused as a whole, so its members are not
    // reported again.
    let mut on_update: Vec<_> = read_only
        .iter()
        .filter(|(path, _)| !path.starts_with("/joinMeetingIdSettings/"))
        .copied()
        .collect();
    on_update.insert(4, ("/joinMeetingIdSettings", "immutable"));
    assert_eq!(
        violations(body.validate(Operation::Update)),
        pairs(&on_update)
    );
}

#[test]
fn passcode_requirement_alone_is_accepted_on_create() {
    let body = OnlineMeeting {
        join_meeting_id_settings: Property::Value(JoinMeetingIdSettings {
            is_passcode_required: Property::Value(true),
            ..JoinMeetingIdSettings::default()
        }),
        ..plain_create()
    };
    assert_eq!(violations(body.validate(Operation::Create)), pairs(&[]));
}

#[test]
fn end_must_be_a_later_instant_than_start() {
    let equal_instants = OnlineMeeting {
        start_date_time: at("2026-03-01T10:00:00Z"),
        end_date_time: at("2026-03-01T12:00:00+02:00"),
        ..plain_create()
    };
    assert_eq!(
        violations(equal_instants.validate(Operation::Create)),
        pairs(&[("/endDateTime", "later_than")])
    );
    // Later as text, earlier as an instant.
    let earlier = OnlineMeeting {
        start_date_time: at("2026-03-01T10:00:00Z"),
        end_date_time: at("2026-03-01T11:00:00+02:00"),
        ..plain_create()
    };
    assert_eq!(
        violations(earlier.validate(Operation::Create)),
        pairs(&[("/endDateTime", "later_than")])
    );
    let later = OnlineMeeting {
        start_date_time: at("2026-03-01T10:00:00Z"),
        end_date_time: at("2026-03-01T12:00:00.0000001+02:00"),
        ..plain_create()
    };
    assert_eq!(violations(later.validate(Operation::Create)), pairs(&[]));
}

#[test]
fn end_alone_is_not_compared() {
    let body = OnlineMeeting {
        start_date_time: Property::Absent,
        ..plain_create()
    };
    assert_eq!(violations(body.validate(Operation::Create)), pairs(&[]));
}

#[test]
fn presenter_and_coorganizer_need_a_directory_user() {
    let body = OnlineMeeting {
        participants: Property::Value(MeetingParticipants {
            attendees: Property::Value(vec![
                participant(user(), OnlineMeetingRole::Presenter),
                participant(phone(), OnlineMeetingRole::Presenter),
                participant(phone(), OnlineMeetingRole::Attendee),
                participant(Property::Absent, OnlineMeetingRole::Coorganizer),
                participant(user(), OnlineMeetingRole::Coorganizer),
            ]),
            organizer: Property::Value(participant(phone(), OnlineMeetingRole::Coorganizer)),
            ..MeetingParticipants::default()
        }),
        ..plain_create()
    };
    assert_eq!(
        violations(body.validate(Operation::Create)),
        pairs(&[
            ("/participants/attendees/1/role", "directory_user_role"),
            ("/participants/attendees/3/role", "directory_user_role"),
            ("/participants/organizer/role", "directory_user_role"),
        ])
    );
}

#[test]
fn settings_fixed_at_create_are_refused_on_update_only() {
    let body = OnlineMeeting {
        join_meeting_id_settings: Property::Value(JoinMeetingIdSettings {
            is_passcode_required: Property::Value(false),
            ..JoinMeetingIdSettings::default()
        }),
        meeting_template_id: text("05b9ed5f-2ac3-4470-aae9-f4a0c30b1a4b"),
        participants: Property::Value(MeetingParticipants {
            organizer: Property::Value(participant(user(), OnlineMeetingRole::Presenter)),
            attendees: Property::Value(vec![participant(user(), OnlineMeetingRole::Attendee)]),
            ..MeetingParticipants::default()
        }),
        ..plain_create()
    };
    assert_eq!(violations(body.validate(Operation::Create)), pairs(&[]));
    assert_eq!(
        violations(body.validate(Operation::Update)),
        pairs(&[
            ("/joinMeetingIdSettings", "immutable"),
            ("/meetingTemplateId", "immutable"),
            ("/participants/organizer", "immutable"),
        ])
    );
}

#[test]
fn a_changed_start_needs_the_end_and_vice_versa_on_update() {
    let start_only = OnlineMeeting {
        end_date_time: Property::Absent,
        ..plain_create()
    };
    assert_eq!(
        violations(start_only.validate(Operation::Update)),
        pairs(&[("/endDateTime", "update_requires")])
    );
    assert_eq!(
        violations(start_only.validate(Operation::Create)),
        pairs(&[])
    );
    let end_only = OnlineMeeting {
        start_date_time: Property::Absent,
        ..plain_create()
    };
    assert_eq!(
        violations(end_only.validate(Operation::Update)),
        pairs(&[("/startDateTime", "update_requires")])
    );
    let subject_only = OnlineMeeting {
        subject: text("Patch Meeting Subject"),
        ..OnlineMeeting::default()
    };
    assert_eq!(
        violations(subject_only.validate(Operation::Update)),
        pairs(&[])
    );
}

#[test]
fn broadcast_settings_need_is_broadcast_true() {
    let settings = || Property::Value(BroadcastMeetingSettings::default());
    for is_broadcast in [Property::Absent, Property::Null, Property::Value(false)] {
        let body = OnlineMeeting {
            broadcast_settings: settings(),
            is_broadcast,
            ..plain_create()
        };
        assert_eq!(
            violations(body.validate(Operation::Create)),
            pairs(&[("/broadcastSettings", "requires_true")])
        );
    }
    let live_event = OnlineMeeting {
        broadcast_settings: settings(),
        is_broadcast: Property::Value(true),
        ..plain_create()
    };
    assert_eq!(
        violations(live_event.validate(Operation::Create)),
        pairs(&[])
    );
}

#[test]
fn three_broken_rules_are_all_reported_and_shown() {
    let body = OnlineMeeting {
        id: text("MSpkYzE3"),
        start_date_time: at("2026-03-01T15:00:00Z"),
        end_date_time: at("2026-03-01T14:00:00Z"),
        participants: Property::Value(MeetingParticipants {
            attendees: Property::Value(vec![
                participant(user(), OnlineMeetingRole::Attendee),
                participant(phone(), OnlineMeetingRole::Presenter),
            ]),
            ..MeetingParticipants::default()
        }),
        ..plain_create()
    };
    let errors = body
        .validate(Operation::Create)
        .expect_err("three rules are broken");
    assert_eq!(
        violations(Err(errors.clone())),
        pairs(&[
            ("/id", "read_only"),
            ("/participants/attendees/1/role", "directory_user_role"),
            ("/endDateTime", "later_than"),
        ])
    );
    let shown = errors.to_string();
    assert!(
        shown.starts_with("the request breaks 3 validation rules:"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "/endDateTime: `endDateTime` must be later than `startDateTime` (later_than)"
        ),
        "{shown}"
    );
}
