//! The generated `OnlineMeeting` reads every example of the docs and the seed page and writes it
//! back as the same JSON: unknown members, `@odata.*` annotations and explicit nulls included.
//! Date-times may be re-spelled (same instant and offset), enum members re-cased (`"Html"`).

use std::path::{Path, PathBuf};

use graph_core::edm::DateTimeOffset;
use graph_core::json;
use graph_online_meetings::{
    AnyIdentity, AnyIdentitySet, AnyMeetingParticipantInfo, BodyType, LobbyBypassScope,
    OnlineMeeting, OnlineMeetingRole,
};
use serde_json::Value;

/// `../shared` beside the workspace, if present.
fn shared_dir() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [manifest.join("../../shared"), manifest.join("../shared")]
        .into_iter()
        .find(|dir| dir.join("graph-docs/examples").is_dir())
}

/// The files of `graph-docs/examples`, sorted.
fn example_paths(shared: &Path) -> Vec<PathBuf> {
    let dir = shared.join("graph-docs/examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples directory is readable")
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    paths.sort();
    paths
}

/// (name, JSON text) of every onlineMeeting example: `.json` files that are not errors, the
/// `joinInformation` fragments wrapped in braces, the seed page's blocks, and every item of a
/// `value` collection.
fn examples(shared: &Path) -> Vec<(String, String)> {
    let paths = example_paths(shared);
    let mut documents = Vec::new();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).expect("example is UTF-8");
        if name.ends_with(".json") && !name.starts_with("error-") {
            documents.push((name, text));
        } else if name.ends_with("-joininformation-ja.txt") {
            documents.push((name, format!("{{{}}}", text.trim().trim_end_matches(','))));
        }
    }
    documents.extend(seed_blocks(shared));
    let mut out = Vec::new();
    for (name, text) in documents {
        if let Ok(Value::Object(members)) = serde_json::from_str::<Value>(&text) {
            if let Some(Value::Array(items)) = members.get("value") {
                for (index, item) in items.iter().enumerate() {
                    out.push((format!("{name} value[{index}]"), item.to_string()));
                }
                continue;
            }
        }
        out.push((name, text));
    }
    out
}

/// The seed page's JSON blocks: from a lone `{` line to a lone `}` line, plus the indented
/// `"joinInformation": {...}` fragment, wrapped in braces.
fn seed_blocks(shared: &Path) -> Vec<(String, String)> {
    let page = std::fs::read_to_string(shared.join("seed/create-onlineMeeting.zh.md"))
        .expect("seed page is readable");
    let mut blocks = Vec::new();
    let mut current: Option<(Vec<&str>, bool)> = None;
    for line in page.lines() {
        match &mut current {
            None if line == "{" => current = Some((vec![line], false)),
            None if line.trim_start().starts_with("\"joinInformation\": {") => {
                current = Some((vec!["{", line], true));
            }
            None => {}
            Some((lines, fragment)) => {
                lines.push(line);
                let fragment_end = *fragment && line.trim_end() == "    }";
                if line == "}" || fragment_end {
                    if fragment_end {
                        lines.push("}");
                    }
                    blocks.push((format!("seed block {}", blocks.len() + 1), lines.join("\n")));
                    current = None;
                }
            }
        }
    }
    blocks
}

/// Equal as JSON, except date-time strings with the same instant and offset and strings equal
/// up to ASCII case; the error names the JSON pointer of the first difference.
fn equivalent(expected: &Value, actual: &Value, pointer: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(a), Value::Object(b)) => {
            let keys_a: Vec<&String> = a.keys().collect();
            let keys_b: Vec<&String> = b.keys().collect();
            if keys_a != keys_b {
                return Err(format!("at {pointer}: members {keys_a:?} vs {keys_b:?}"));
            }
            a.iter().try_for_each(|(key, value)| {
                equivalent(value, &b[key], &format!("{pointer}/{key}"))
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .try_for_each(|(index, (x, y))| equivalent(x, y, &format!("{pointer}/{index}"))),
        (Value::String(a), Value::String(b))
            if a.eq_ignore_ascii_case(b)
                || matches!((DateTimeOffset::parse(a), DateTimeOffset::parse(b)), (Ok(x), Ok(y)) if x == y) =>
        {
            Ok(())
        }
        _ if expected == actual => Ok(()),
        _ => Err(format!("at {pointer}: expected {expected}, got {actual}")),
    }
}

fn round_trip(name: &str, text: &str) -> OnlineMeeting {
    let meeting: OnlineMeeting =
        json::from_str(text).unwrap_or_else(|error| panic!("{name}: read failed: {error}"));
    let written = json::to_string(&meeting);
    let expected: Value = serde_json::from_str(text).expect("examples are JSON");
    let actual: Value = serde_json::from_str(&written)
        .unwrap_or_else(|error| panic!("{name}: wrote invalid JSON ({error}): {written}"));
    if let Err(difference) = equivalent(&expected, &actual, "") {
        panic!("{name}: {difference}\nwritten: {written}");
    }
    let again: OnlineMeeting = json::from_str(&written).expect("reads what it wrote");
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
    let examples = examples(&shared);
    for (name, text) in &examples {
        round_trip(name, text);
    }
    // 30 files and fragments, 10 seed blocks, minus the collections replaced by their items.
    assert!(
        examples.len() >= 38,
        "found only {} examples",
        examples.len()
    );
}

#[test]
fn seed_values_are_typed() {
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
    let (name, text) = &blocks[1];
    let meeting = round_trip(name, text);
    assert_eq!(
        meeting.subject.value().map(String::as_str),
        Some("User Token Meeting")
    );
    let data = &meeting.additional_data;
    assert_eq!(
        data.odata_type().as_deref(),
        Some("#microsoft.graph.onlineMeeting")
    );
    assert!(data.annotation("odata.context").is_some());
    let audio = meeting
        .audio_conferencing
        .value()
        .expect("audioConferencing");
    // `ConferenceId` (capital C) is not in the schema: kept beside the typed `conferenceId`.
    assert_eq!(audio.additional_data.get("ConferenceId"), Some("\"24999\""));
    assert!(meeting
        .join_meeting_id_settings
        .value()
        .expect("settings")
        .passcode
        .is_null());

    let (name, text) = blocks
        .iter()
        .find(|(_, text)| text.contains("\"producers\""))
        .expect("the live event example");
    let live_event = round_trip(name, text);
    let participants = live_event.participants.value().expect("participants");
    let Some(AnyMeetingParticipantInfo::MeetingParticipantInfo(organizer)) =
        participants.organizer.value()
    else {
        panic!("organizer: {:?}", participants.organizer);
    };
    assert_eq!(organizer.role.value(), Some(&OnlineMeetingRole::Producer));
    let Some(AnyIdentitySet::IdentitySet(identity)) = organizer.identity.value() else {
        panic!("identity: {:?}", organizer.identity);
    };
    assert!(matches!(
        identity.user.value(),
        Some(AnyIdentity::Identity(_))
    ));
    assert_eq!(
        live_event
            .lobby_bypass_settings
            .value()
            .expect("lobbyBypassSettings")
            .scope
            .value(),
        Some(&LobbyBypassScope::Organization)
    );
    // `autoAdmittedUsers` is not in the schema: kept as it was sent.
    assert_eq!(
        live_event.additional_data.get("autoAdmittedUsers"),
        Some("\"EveryoneInCompany\"")
    );

    let (name, text) = blocks
        .iter()
        .find(|(_, text)| text.starts_with("{\n") && text.contains("\"joinInformation\": {"))
        .expect("the joinInformation fragment");
    let fragment = round_trip(name, text);
    let body = fragment.join_information.value().expect("joinInformation");
    assert_eq!(
        body.content_type.value(),
        Some(&BodyType::Html),
        "\"Html\" reads as html"
    );
}

#[test]
fn unknown_enum_strings_and_derived_identities_survive() {
    let text = r##"{"participants":{"attendees":[{"identity":{"@odata.type":"#microsoft.graph.communicationsIdentitySet","user":{"@odata.type":"#microsoft.graph.communicationsUserIdentity","id":"u1","tenantId":"t1"}},"role":"roleInvented2031"}]}}"##;
    let meeting: OnlineMeeting = json::from_str(text).expect("reads");
    let participants = meeting.participants.value().expect("participants");
    let attendees = participants.attendees.value().expect("attendees");
    let Some(AnyMeetingParticipantInfo::MeetingParticipantInfo(attendee)) = attendees.first()
    else {
        panic!("attendee: {attendees:?}");
    };
    assert_eq!(
        attendee.role.value(),
        Some(&OnlineMeetingRole::Unknown("roleInvented2031".to_owned()))
    );
    let Some(AnyIdentitySet::CommunicationsIdentitySet(identity)) = attendee.identity.value()
    else {
        panic!("identity: {:?}", attendee.identity);
    };
    let Some(AnyIdentity::CommunicationsUserIdentity(user)) = identity.user.value() else {
        panic!("user: {:?}", identity.user);
    };
    assert_eq!(user.tenant_id.value().map(String::as_str), Some("t1"));
    assert_eq!(json::to_string(&meeting), text);

    // A member every identity has, read without matching on the variant.
    use graph_core::model::Polymorphic as _;
    let any_user = identity.user.value().expect("user");
    assert_eq!(
        any_user.to_base().id.value().map(String::as_str),
        Some("u1")
    );
}

#[test]
fn malformed_json_is_an_error_strict_or_not() {
    for text in [
        r#"{"subject": "unterminated"#,
        r#"{"startDateTime": 5,}"#,
        r#"{"participants": {"attendees": [}}"#,
    ] {
        let error = json::from_str::<OnlineMeeting>(text).expect_err(text);
        assert!(!error.to_string().is_empty());
        json::from_str_strict::<OnlineMeeting>(text).expect_err(text);
    }
}

#[test]
fn absent_null_and_value_are_three_states() {
    let mut meeting = OnlineMeeting {
        subject: graph_core::Property::Value("Sync".to_owned()),
        ..OnlineMeeting::default()
    };
    meeting.external_id.clear();
    // Base-type members come first: `subject` is declared on `onlineMeetingBase`.
    assert_eq!(
        json::to_string(&meeting),
        r#"{"subject":"Sync","externalId":null}"#
    );
}

/// The documents `every_example_round_trips` leaves out: the `error-*.json` bodies (read as a
/// meeting, everything lands in `additional_data`) and each `value` collection as a whole (the
/// array kept as an unknown member), beside its items.
#[test]
fn error_bodies_and_whole_collections_round_trip() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: ../shared not found");
        return;
    };
    let paths = example_paths(&shared);
    let (mut errors, mut collections) = (0, 0);
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("example is UTF-8");
        let is_collection = matches!(
            serde_json::from_str::<Value>(&text),
            Ok(Value::Object(members)) if members.get("value").is_some_and(Value::is_array)
        );
        if name.starts_with("error-") {
            errors += 1;
        } else if is_collection {
            collections += 1;
        } else {
            continue;
        }
        round_trip(&name, &text);
    }
    assert!(errors >= 3, "found only {errors} error bodies");
    assert!(collections >= 1, "found no collection");
}

/// `createorget-ex1-response.txt` and `update-ex2-response.txt` have a trailing comma: reading
/// them is an error that names the line (not line 1) and what was expected.
#[test]
fn invalid_examples_are_errors_with_positions() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: ../shared not found");
        return;
    };
    for name in ["createorget-ex1-response.txt", "update-ex2-response.txt"] {
        let text = std::fs::read_to_string(shared.join("graph-docs/examples").join(name))
            .expect("example is readable");
        let error = json::from_str::<OnlineMeeting>(&text).expect_err(name);
        assert!(error.line() > 1, "{name}: {error}");
        assert!(
            error.message().contains("expected a string key"),
            "{name}: {error}"
        );
    }
}

#[test]
fn wrong_json_types_name_the_pointer_and_the_expectation_when_strict() {
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
        let error = json::from_str_strict::<OnlineMeeting>(input).expect_err(input);
        assert_eq!(
            (error.pointer().as_str(), error.message()),
            (pointer, message),
            "{input}"
        );
        // Not strict, the same input reads, keeps the value with the same message, and
        // writes back what it read.
        let meeting = json::from_str::<OnlineMeeting>(input).expect(input);
        let written: serde_json::Value = serde_json::from_str(&json::to_string(&meeting)).unwrap();
        let given: serde_json::Value = serde_json::from_str(input).unwrap();
        assert_eq!(written, given, "{input}");
        assert!(format!("{meeting:?}").contains(&pointer[pointer.rfind('/').unwrap() + 1..]));
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
    let text = std::fs::read(shared.join("graph-docs/examples/create-ex1-response.json"))
        .expect("example is readable");
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
