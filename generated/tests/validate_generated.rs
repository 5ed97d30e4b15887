//! The generated models carry the rules of `metadata/onlineMeeting.rules.xml`: the docs'
//! requests validate clean, and broken ones report every violation with its path.

use graph_core::{Operation, Validate, ValidationErrors};
use graph_online_meetings::OnlineMeeting;

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
    for body in &requests {
        let request = meeting(body);
        assert!(request.start_date_time.is_value(), "{body}");
        assert_eq!(
            violations(request.validate(Operation::Create)),
            pairs(&[]),
            "{body}"
        );
    }
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
