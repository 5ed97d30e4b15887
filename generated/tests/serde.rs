//! The door to serde (feature `serde`): the generated `OnlineMeeting`, its enums and its `Any`
//! enums in a user's serde struct, through axum's `Json`, reqwest's `.json(..)` and
//! `serde_json::{to_value, from_value}`, lossless on every documented body: what serde writes
//! is what graph-core's writer writes, byte for byte, and every documented member comes back.
#![cfg(feature = "serde")]

mod common;

use axum::body::Body;
use axum::extract::FromRequest;
use axum::response::IntoResponse;
use axum::Json;
use graph_core::edm::DateTimeOffset;
use graph_core::{json, Property};
use graph_online_meetings::{AnyIdentity, OnlineMeeting, OnlineMeetingRole};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Every documented body that is JSON (some published examples are not), by file name, each
/// collection's items apart. An error body is read as a meeting too: a model keeps every
/// member it does not know, so it must come back unchanged all the same.
fn documented_bodies() -> Vec<(String, Value)> {
    let Some(dir) = common::examples_dir() else {
        eprintln!("skipped: ../shared/graph-docs/examples not found");
        return Vec::new();
    };
    let mut bodies = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let Ok(value) = serde_json::from_slice::<Value>(&bytes) else {
            eprintln!("{name}: not JSON as published, left out");
            continue;
        };
        match value.get("value").and_then(Value::as_array) {
            Some(items) => bodies.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| (format!("{name} value[{index}]"), item.clone())),
            ),
            None => bodies.push((name, value)),
        }
    }
    assert!(
        bodies.len() >= 20,
        "only {} documented bodies",
        bodies.len()
    );
    bodies
}

/// The same JSON, member for member; a date-time may be written in another form of the same
/// instant and offset (graph-core writes `+00:00` as `Z`).
fn assert_same(written: &Value, documented: &Value, name: &str) {
    let same_instant = |a: &str, b: &str| matches!((DateTimeOffset::parse(a), DateTimeOffset::parse(b)), (Ok(a), Ok(b)) if a == b);
    match (written, documented) {
        (Value::String(a), Value::String(b)) if a == b || same_instant(a, b) => {}
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (a, b)) in a.iter().zip(b).enumerate() {
                assert_same(a, b, &format!("{name}/{index}"));
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            let keys = |object: &serde_json::Map<String, Value>| {
                object.keys().cloned().collect::<Vec<_>>()
            };
            let (mut a_keys, mut b_keys) = (keys(a), keys(b));
            a_keys.sort();
            b_keys.sort();
            assert_eq!(a_keys, b_keys, "{name}: members");
            for (key, value) in a {
                assert_same(value, &b[key], &format!("{name}/{key}"));
            }
        }
        (a, b) => assert_eq!(a, b, "{name}"),
    }
}

/// The meeting as graph-core's own reader reads it.
fn read(value: &Value) -> OnlineMeeting {
    json::from_slice(&serde_json::to_vec(value).unwrap()).unwrap()
}

#[test]
fn serde_json_reads_and_writes_every_documented_body_unchanged() {
    for (name, value) in documented_bodies() {
        let text = serde_json::to_string(&value).unwrap();
        let meeting: OnlineMeeting = serde_json::from_str(&text).unwrap();
        assert_eq!(meeting, read(&value), "{name}");
        assert_same(&serde_json::to_value(&meeting).unwrap(), &value, &name);
        assert_eq!(
            serde_json::to_string(&meeting).unwrap(),
            json::to_string(&meeting),
            "{name}"
        );

        let from_value: OnlineMeeting = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(from_value, meeting, "{name}");
    }
}

/// A user's own type, holding generated ones among its fields.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Saved {
    meeting: OnlineMeeting,
    roles: Vec<OnlineMeetingRole>,
    organizer: Option<AnyIdentity>,
    note: String,
}

#[test]
fn generated_types_live_in_a_users_serde_struct() {
    for (name, value) in documented_bodies() {
        let saved = json!({
            "meeting": value,
            "roles": ["attendee", "presenter", "aFutureRole"],
            "organizer": {"@odata.type": "#microsoft.graph.teamworkUserIdentity", "id": "1", "x": null},
            "note": "kept",
        });
        let read: Saved = serde_json::from_value(saved.clone()).unwrap();
        assert_eq!(read.meeting, self::read(&value), "{name}");
        assert_eq!(
            read.roles[2],
            OnlineMeetingRole::Unknown("aFutureRole".into())
        );
        assert!(matches!(
            read.organizer,
            Some(AnyIdentity::TeamworkUserIdentity(_))
        ));
        assert_same(&serde_json::to_value(&read).unwrap(), &saved, &name);
    }
}

#[test]
fn a_property_field_keeps_null_apart_from_absent_through_serde_with() {
    #[derive(Serialize, Deserialize)]
    struct Patch {
        #[serde(
            with = "graph_core::serde",
            default,
            skip_serializing_if = "Property::is_absent"
        )]
        subject: Property<String>,
    }
    let cleared: Patch = serde_json::from_str(r#"{"subject":null}"#).unwrap();
    assert_eq!(cleared.subject, Property::Null);
    assert_eq!(
        serde_json::to_string(&cleared).unwrap(),
        r#"{"subject":null}"#
    );
    let untouched: Patch = serde_json::from_str("{}").unwrap();
    assert_eq!(untouched.subject, Property::Absent);
    assert_eq!(serde_json::to_string(&untouched).unwrap(), "{}");
}

#[test]
fn a_value_off_the_schema_is_kept_and_a_body_that_is_not_a_meeting_is_an_error() {
    let meeting = serde_json::from_str::<OnlineMeeting>(r#"{"subject": 5}"#).unwrap();
    let kept = meeting.additional_data.off_schema().next().unwrap();
    assert_eq!((kept.key, kept.raw), ("subject", "5"));
    assert_eq!(serde_json::to_string(&meeting).unwrap(), r#"{"subject":5}"#);
    let error = serde_json::from_str::<OnlineMeeting>(r#"["subject"]"#).unwrap_err();
    assert!(error.to_string().contains("expected an object"), "{error}");
    assert!(serde_json::from_str::<OnlineMeeting>("{").is_err());
}

#[tokio::test]
async fn axum_json_extracts_and_answers_every_documented_body_unchanged() {
    for (name, value) in documented_bodies() {
        let request = axum::http::Request::builder()
            .method("POST")
            .header("content-type", "application/json")
            .body(Body::from(serde_json::to_vec(&value).unwrap()))
            .unwrap();
        let Json(meeting) = Json::<OnlineMeeting>::from_request(request, &())
            .await
            .unwrap();
        assert_eq!(meeting, read(&value), "{name}");

        let response = Json(meeting).into_response();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let answered: Value = serde_json::from_slice(&bytes).unwrap();
        assert_same(&answered, &value, &name);
    }
}

#[test]
fn reqwest_json_sends_every_documented_body_unchanged() {
    let client = reqwest::Client::new();
    for (name, value) in documented_bodies() {
        let meeting = read(&value);
        let request = client
            .post("http://localhost/")
            .json(&meeting)
            .build()
            .unwrap();
        let body = request.body().and_then(reqwest::Body::as_bytes).unwrap();
        assert_eq!(body, json::to_vec(&meeting), "{name}");
        assert_same(&serde_json::from_slice(body).unwrap(), &value, &name);
        assert_eq!(request.headers()["content-type"], "application/json");
    }
}
