//! Every example response and request (and the seed page's JSON blocks) reads into the
//! OnlineMeeting mirror and writes back to equivalent JSON.

mod support;

use graph_core::json;
use support::examples::{
    equivalent, example_files, invalid_examples, seed_blocks, shared_dir, with_value_items,
};
use support::online_meeting::{
    AnyIdentitySet, AnyMeetingParticipantInfo, BodyType, LobbyBypassScope, OnlineMeeting,
    OnlineMeetingRole,
};

fn round_trip(name: &str, text: &str) -> OnlineMeeting {
    let meeting: OnlineMeeting =
        json::from_str(text).unwrap_or_else(|e| panic!("{name}: read failed: {e}"));
    let written = json::to_string(&meeting);
    let expected: serde_json::Value = serde_json::from_str(text).unwrap();
    let actual: serde_json::Value = serde_json::from_str(&written)
        .unwrap_or_else(|e| panic!("{name}: wrote invalid JSON ({e}): {written}"));
    if let Err(difference) = equivalent(&expected, &actual, "") {
        panic!("{name}: {difference}\nwritten: {written}");
    }
    let again: OnlineMeeting = json::from_str(&written).unwrap();
    assert_eq!(
        again, meeting,
        "{name}: reading what was written gives the same value"
    );
    meeting
}

#[test]
fn every_example_round_trips() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: ../shared not found");
        return;
    };
    let mut count = 0;
    for example in example_files(&shared)
        .into_iter()
        .chain(seed_blocks(&shared))
    {
        for document in with_value_items(example) {
            round_trip(&document.name, &document.text);
            count += 1;
        }
    }
    assert!(
        count >= 40,
        "expected every example to be found, got {count}"
    );
}

#[test]
fn seed_example_values_are_typed() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: ../shared not found");
        return;
    };
    let blocks = seed_blocks(&shared);
    assert_eq!(
        blocks.len(),
        10,
        "five requests (one an alternative), four responses, one fragment"
    );
    let first = round_trip(&blocks[1].name, &blocks[1].text);
    assert_eq!(
        first.subject.value().map(String::as_str),
        Some("User Token Meeting")
    );
    let data = &first.additional_data;
    assert_eq!(
        data.odata_type().as_deref(),
        Some("#microsoft.graph.onlineMeeting")
    );
    assert!(data.annotation("odata.context").is_some());
    let audio = first.audio_conferencing.value().unwrap();
    assert_eq!(audio.additional_data.get("ConferenceId"), Some("\"24999\""));
    assert!(first
        .join_meeting_id_settings
        .value()
        .unwrap()
        .passcode
        .is_null());

    let live_event = blocks
        .iter()
        .find(|b| b.text.contains("\"producers\""))
        .unwrap();
    let live_event = round_trip(&live_event.name, &live_event.text);
    let organizer = live_event
        .participants
        .value()
        .unwrap()
        .organizer
        .value()
        .unwrap();
    let organizer = match organizer {
        AnyMeetingParticipantInfo::MeetingParticipantInfo(info) => info,
        other => panic!("declared type expected, got {other:?}"),
    };
    assert_eq!(organizer.role.value(), Some(&OnlineMeetingRole::Producer));
    assert!(matches!(
        organizer.identity.value(),
        Some(AnyIdentitySet::IdentitySet(_))
    ));
    assert_eq!(
        live_event
            .lobby_bypass_settings
            .value()
            .unwrap()
            .scope
            .value(),
        Some(&LobbyBypassScope::Organization)
    );
    let unknown_member = live_event.additional_data.get("autoAdmittedUsers");
    assert_eq!(unknown_member, Some("\"EveryoneInCompany\""));

    let fragment = blocks
        .iter()
        .find(|b| b.text.contains("joinInformation"))
        .unwrap();
    let meeting = round_trip(&fragment.name, &fragment.text);
    let body = meeting.join_information.value().unwrap();
    assert_eq!(
        body.content_type.value(),
        Some(&BodyType::Html),
        "\"Html\" reads as html"
    );
}

#[test]
fn invalid_examples_are_errors_with_positions() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: ../shared not found");
        return;
    };
    for example in invalid_examples(&shared) {
        let error = json::from_str::<OnlineMeeting>(&example.text).unwrap_err();
        assert!(error.line() > 1, "{}: {error}", example.name);
        assert!(
            error.message().contains("expected a string key"),
            "{}: {error}",
            example.name
        );
    }
}

#[test]
fn wrong_json_types_in_a_meeting_are_errors() {
    for (input, pointer, message) in [
        (
            r#"{"startDateTime": 5}"#,
            "/startDateTime",
            "expected Edm.DateTimeOffset (a string), found a number",
        ),
        (
            r#"{"participants": []}"#,
            "/participants",
            "expected an object, found an array",
        ),
        (
            r#"{"participants": {"attendees": {}}}"#,
            "/participants/attendees",
            "expected an array, found an object",
        ),
        (
            r#"{"participants": {"organizer": {"role": 1}}}"#,
            "/participants/organizer/role",
            "expected a string, found a number",
        ),
        (
            r#"{"isBroadcast": "yes"}"#,
            "/isBroadcast",
            "expected a boolean, found a string",
        ),
        (
            r#"{"joinMeetingIdSettings": {"passcode": false}}"#,
            "/joinMeetingIdSettings/passcode",
            "expected a string, found a boolean",
        ),
    ] {
        let error = json::from_str::<OnlineMeeting>(input).unwrap_err();
        assert_eq!(
            (error.pointer().as_str(), error.message()),
            (pointer, message),
            "{input}"
        );
    }
}

/// Every prefix of a real response, and the response with each byte replaced by a few
/// troublesome ones, reads to a value or an error: never a panic.
#[test]
fn damaged_input_never_panics() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: ../shared not found");
        return;
    };
    let text = std::fs::read(shared.join("graph-docs/examples/create-ex1-response.json")).unwrap();
    let complete = text.trim_ascii_end().len();
    for end in 0..complete {
        assert!(
            json::from_slice::<OnlineMeeting>(&text[..end]).is_err(),
            "prefix of {end} bytes is incomplete"
        );
    }
    for at in 0..text.len() {
        for byte in [b'"', b'{', b']', b'\\', b'0', 0xff, b'\n'] {
            let mut damaged = text.clone();
            damaged[at] = byte;
            let _ = json::from_slice::<OnlineMeeting>(&damaged);
        }
    }
}
