//! The onlineMeeting rules of issue 4, on hand-written models shaped like the generated ones
//! (same field types, wire names and the attributes the overlay turns into).

use graph_core::edm::DateTimeOffset;
use graph_core::validate::{Rule, Segment, ValidationContext};
use graph_core::{
    AdditionalData, Enum, Model, Operation, Polymorphic, Property, Validate, ValidationErrors,
};

#[derive(Debug, Default, Model, Validate)]
struct OnlineMeeting {
    #[graph(name = "id")]
    #[validate(read_only)]
    id: Property<String>,
    #[graph(name = "audioConferencing")]
    #[validate(read_only)]
    audio_conferencing: Property<AudioConferencing>,
    #[graph(name = "chatInfo")]
    #[validate(read_only)]
    chat_info: Property<ChatInfo>,
    #[graph(name = "joinInformation")]
    #[validate(read_only)]
    join_information: Property<ItemBody>,
    #[graph(name = "joinMeetingIdSettings")]
    #[validate(immutable)]
    join_meeting_id_settings: Property<JoinMeetingIdSettings>,
    #[graph(name = "joinWebUrl")]
    #[validate(read_only)]
    join_web_url: Property<String>,
    #[graph(name = "subject")]
    subject: Property<String>,
    #[graph(name = "videoTeleconferenceId")]
    #[validate(read_only)]
    video_teleconference_id: Property<String>,
    #[graph(name = "broadcastSettings")]
    #[validate(requires_true = "isBroadcast")]
    broadcast_settings: Property<BroadcastMeetingSettings>,
    #[graph(name = "creationDateTime")]
    #[validate(read_only)]
    creation_date_time: Property<DateTimeOffset>,
    #[graph(name = "endDateTime")]
    #[validate(later_than = "startDateTime", update_requires = "startDateTime")]
    end_date_time: Property<DateTimeOffset>,
    #[graph(name = "isBroadcast")]
    is_broadcast: Property<bool>,
    #[graph(name = "meetingTemplateId")]
    #[validate(immutable)]
    meeting_template_id: Property<String>,
    #[graph(name = "participants")]
    participants: Property<MeetingParticipants>,
    #[graph(name = "startDateTime")]
    #[validate(update_requires = "endDateTime")]
    start_date_time: Property<DateTimeOffset>,
    #[graph(additional_data)]
    additional_data: AdditionalData,
}

#[derive(Debug, Default, Model, Validate)]
struct AudioConferencing {
    #[graph(name = "conferenceId")]
    conference_id: Property<String>,
}

#[derive(Debug, Default, Model, Validate)]
struct ChatInfo {
    #[graph(name = "threadId")]
    thread_id: Property<String>,
}

#[derive(Debug, Default, Model, Validate)]
struct ItemBody {
    #[graph(name = "content")]
    content: Property<String>,
}

#[derive(Debug, Default, Model, Validate)]
struct JoinMeetingIdSettings {
    #[graph(name = "isPasscodeRequired")]
    is_passcode_required: Property<bool>,
    #[graph(name = "joinMeetingId")]
    #[validate(read_only)]
    join_meeting_id: Property<String>,
    #[graph(name = "passcode")]
    #[validate(read_only)]
    passcode: Property<String>,
}

#[derive(Debug, Default, Model, Validate)]
struct BroadcastMeetingSettings {
    #[graph(name = "isRecordingEnabled")]
    is_recording_enabled: Property<bool>,
}

#[derive(Debug, Default, Model, Validate)]
struct MeetingParticipants {
    #[graph(name = "attendees")]
    attendees: Property<Vec<MeetingParticipantInfo>>,
    #[graph(name = "organizer")]
    #[validate(immutable)]
    organizer: Property<MeetingParticipantInfo>,
}

#[derive(Debug, Default, Model, Validate)]
#[validate(rule = directory_user_roles)]
struct MeetingParticipantInfo {
    #[graph(name = "identity")]
    identity: Property<AnyIdentitySet>,
    #[graph(name = "role")]
    role: Property<OnlineMeetingRole>,
    #[graph(name = "upn")]
    upn: Property<String>,
}

#[derive(Debug, Polymorphic, Validate)]
enum AnyIdentitySet {
    #[graph(odata_type = "microsoft.graph.communicationsIdentitySet")]
    CommunicationsIdentitySet(CommunicationsIdentitySet),
    #[graph(fallback)]
    IdentitySet(IdentitySet),
}

#[derive(Debug, Default, Model, Validate)]
struct IdentitySet {
    #[graph(name = "application")]
    application: Property<Identity>,
    #[graph(name = "user")]
    user: Property<Identity>,
}

#[derive(Debug, Default, Model, Validate)]
struct CommunicationsIdentitySet {
    #[graph(name = "application")]
    application: Property<Identity>,
    #[graph(name = "user")]
    user: Property<Identity>,
    #[graph(name = "phone")]
    phone: Property<Identity>,
}

#[derive(Debug, Default, Model, Validate)]
struct Identity {
    #[graph(name = "id")]
    id: Property<String>,
}

#[derive(Debug, PartialEq, Enum, Validate)]
enum OnlineMeetingRole {
    #[graph(name = "attendee")]
    Attendee,
    #[graph(name = "presenter")]
    Presenter,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    #[graph(name = "producer", evolvable)]
    Producer,
    #[graph(name = "coorganizer", evolvable)]
    Coorganizer,
    #[graph(unknown)]
    Unknown(String),
}

/// `presenter` and `coorganizer` are only honoured for directory users (`identity.user`).
fn directory_user_roles(info: &MeetingParticipantInfo, ctx: &mut ValidationContext<'_>) {
    let Property::Value(role) = &info.role else {
        return;
    };
    if !matches!(
        role,
        OnlineMeetingRole::Presenter | OnlineMeetingRole::Coorganizer
    ) {
        return;
    }
    let user = match info.identity.value() {
        Some(AnyIdentitySet::IdentitySet(set)) => &set.user,
        Some(AnyIdentitySet::CommunicationsIdentitySet(set)) => &set.user,
        None => &Property::Absent,
    };
    if !user.is_value() {
        ctx.report_at(
            &[Segment::Key("role")],
            Rule::Custom("directory_user_role"),
            "`presenter` and `coorganizer` need a directory user (`identity.user`)",
        );
    }
}

fn at(text: &str) -> Property<DateTimeOffset> {
    Property::Value(DateTimeOffset::parse(text).expect("test date-times are valid"))
}

fn text(value: &str) -> Property<String> {
    Property::Value(value.to_owned())
}

/// A create body like the seed's first example.
fn meeting() -> OnlineMeeting {
    OnlineMeeting {
        start_date_time: at("2019-07-12T14:30:34.2444915-07:00"),
        end_date_time: at("2019-07-12T15:00:34.2464912-07:00"),
        subject: text("User Token Meeting"),
        ..OnlineMeeting::default()
    }
}

/// `(path, rule code)` of every violation, in order.
fn violations(result: Result<(), ValidationErrors>) -> Vec<(String, &'static str)> {
    match result {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|error| (error.path().to_owned(), error.rule().code()))
            .collect(),
    }
}

fn pairs(expected: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    expected
        .iter()
        .map(|(path, code)| ((*path).to_owned(), *code))
        .collect()
}

fn user() -> Property<AnyIdentitySet> {
    Property::Value(AnyIdentitySet::IdentitySet(IdentitySet {
        user: Property::Value(Identity {
            id: text("112f7296-5fa4-42ca-bae8-6a692b15d4b8"),
        }),
        ..IdentitySet::default()
    }))
}

fn phone() -> Property<AnyIdentitySet> {
    Property::Value(AnyIdentitySet::CommunicationsIdentitySet(
        CommunicationsIdentitySet {
            phone: Property::Value(Identity {
                id: text("+1 555 0100"),
            }),
            ..CommunicationsIdentitySet::default()
        },
    ))
}

fn participant(
    identity: Property<AnyIdentitySet>,
    role: OnlineMeetingRole,
) -> MeetingParticipantInfo {
    MeetingParticipantInfo {
        identity,
        role: Property::Value(role),
        ..MeetingParticipantInfo::default()
    }
}

#[test]
fn a_plain_create_body_is_valid_for_create_and_update() {
    assert_eq!(
        violations(meeting().validate(Operation::Create)),
        pairs(&[])
    );
    assert_eq!(
        violations(meeting().validate(Operation::Update)),
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
        }),
        ..meeting()
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
        ..meeting()
    };
    assert_eq!(violations(body.validate(Operation::Create)), pairs(&[]));
}

#[test]
fn end_must_be_a_later_instant_than_start() {
    let equal_instants = OnlineMeeting {
        start_date_time: at("2026-03-01T10:00:00Z"),
        end_date_time: at("2026-03-01T12:00:00+02:00"),
        ..meeting()
    };
    assert_eq!(
        violations(equal_instants.validate(Operation::Create)),
        pairs(&[("/endDateTime", "later_than")])
    );
    // Later as text, earlier as an instant.
    let earlier = OnlineMeeting {
        start_date_time: at("2026-03-01T10:00:00Z"),
        end_date_time: at("2026-03-01T11:00:00+02:00"),
        ..meeting()
    };
    assert_eq!(
        violations(earlier.validate(Operation::Create)),
        pairs(&[("/endDateTime", "later_than")])
    );
    let later = OnlineMeeting {
        start_date_time: at("2026-03-01T10:00:00Z"),
        end_date_time: at("2026-03-01T12:00:00.0000001+02:00"),
        ..meeting()
    };
    assert_eq!(violations(later.validate(Operation::Create)), pairs(&[]));
}

#[test]
fn end_alone_is_not_compared() {
    let body = OnlineMeeting {
        start_date_time: Property::Absent,
        ..meeting()
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
        }),
        ..meeting()
    };
    let expected = [
        ("/participants/attendees/1/role", "directory_user_role"),
        ("/participants/attendees/3/role", "directory_user_role"),
        ("/participants/organizer/role", "directory_user_role"),
    ];
    assert_eq!(
        violations(body.validate(Operation::Create)),
        pairs(&expected)
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
        }),
        ..meeting()
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
        ..meeting()
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
        ..meeting()
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
            ..meeting()
        };
        assert_eq!(
            violations(body.validate(Operation::Create)),
            pairs(&[("/broadcastSettings", "requires_true")])
        );
    }
    let live_event = OnlineMeeting {
        broadcast_settings: settings(),
        is_broadcast: Property::Value(true),
        ..meeting()
    };
    assert_eq!(
        violations(live_event.validate(Operation::Create)),
        pairs(&[])
    );
}

#[test]
fn one_request_breaking_three_rules_reports_all_three() {
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
        ..meeting()
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
        let mut depth = 0i32;
        let mut body = String::new();
        for line in &lines[start..] {
            body.push_str(line);
            body.push('\n');
            depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            if depth == 0 {
                break;
            }
        }
        requests.push(body);
    }
    requests
}

#[test]
fn the_seed_requests_validate_clean_for_create() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let page = std::fs::read_to_string(shared.join("seed/create-onlineMeeting.zh.md"))
        .expect("the seed page is readable");
    let requests = seed_requests(&page);
    assert_eq!(requests.len(), 5, "the seed page has five request bodies");
    let mut broadcasts = 0;
    for body in &requests {
        let meeting: OnlineMeeting =
            graph_core::json::from_str(body).unwrap_or_else(|error| panic!("{error}\n{body}"));
        assert!(meeting.end_date_time.is_value(), "{body}");
        broadcasts += usize::from(meeting.broadcast_settings.is_value());
        assert_eq!(
            violations(meeting.validate(Operation::Create)),
            pairs(&[]),
            "{body}"
        );
    }
    assert_eq!(broadcasts, 1, "example 2 is the live event");
}

#[test]
fn the_docs_example_requests_validate_clean() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let examples = shared.join("graph-docs/examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&examples).expect("the examples folder is readable") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let operation = if name.starts_with("create-") {
            Operation::Create
        } else if name.starts_with("update-") {
            Operation::Update
        } else {
            continue;
        };
        if !name.contains("-request") || !name.ends_with(".json") {
            continue;
        }
        let body = std::fs::read(&path).expect("an example is readable");
        let meeting: OnlineMeeting =
            graph_core::json::from_slice(&body).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(
            violations(meeting.validate(operation)),
            pairs(&[]),
            "{name}"
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} example requests found");
}

#[test]
fn a_response_sent_back_as_a_create_is_refused_with_every_path() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let body = std::fs::read(shared.join("graph-docs/examples/create-ex2-response.json"))
        .expect("the example response is readable");
    let meeting: OnlineMeeting = graph_core::json::from_slice(&body).expect("the response reads");
    let found = violations(meeting.validate(Operation::Create));
    for expected in [
        ("/id", "read_only"),
        ("/joinWebUrl", "read_only"),
        ("/creationDateTime", "read_only"),
        ("/joinMeetingIdSettings/joinMeetingId", "read_only"),
        ("/joinMeetingIdSettings/passcode", "read_only"),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1)),
            "{expected:?} missing from {found:?}"
        );
    }
}
