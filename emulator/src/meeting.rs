//! The onlineMeeting resource: what a create, createOrGet or PATCH body may say, what the
//! service fills in, and how a meeting is written back.
//!
//! Everything that depends on the shape of the body lives here, so the rest of the emulator
//! (auth, routing, storage) does not change with the model types.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde_json::{json, Map, Value};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::error::ApiError;
use crate::locale::{self, Invitation, Language};

/// How long a meeting lasts when the body gives no end (documented for createOrGet).
const DEFAULT_LENGTH: Duration = Duration::hours(1);

/// Meetings expire 60 days after their end.
const EXPIRY_AFTER_END: Duration = Duration::days(60);

/// Properties a PATCH may change (the update page's table).
const UPDATABLE: &[&str] = &[
    "allowAttendeeToEnableCamera",
    "allowAttendeeToEnableMic",
    "allowBreakoutRooms",
    "allowCopyingAndSharingMeetingContent",
    "allowedLobbyAdmitters",
    "allowedPresenters",
    "allowLiveShare",
    "allowMeetingChat",
    "allowPowerPointSharing",
    "allowRecording",
    "allowTeamworkReactions",
    "allowTranscription",
    "allowWhiteboard",
    "anonymizeIdentityForRoles",
    "endDateTime",
    "isEndToEndEncryptionEnabled",
    "isEntryExitAnnounced",
    "lobbyBypassSettings",
    "meetingSpokenLanguageTag",
    "participants",
    "recordAutomatically",
    "sensitivityLabelAssignment",
    "startDateTime",
    "subject",
    "watermarkProtection",
    "broadcastSettings",
];

/// Properties only the service sets; values sent by a client are replaced.
const SERVER_OWNED: &[&str] = &[
    "id",
    "joinWebUrl",
    "creationDateTime",
    "expiryDateTime",
    "audioConferencing",
    "chatInfo",
    "joinInformation",
    "meetingOptionsWebUrl",
    "videoTeleconferenceId",
];

/// The parameters of the createOrGet action other than `externalId`.
const CREATE_OR_GET_PARAMETERS: &[&str] = &[
    "chatInfo",
    "endDateTime",
    "externalId",
    "participants",
    "startDateTime",
    "subject",
];

/// Members of evolvable enums that come after `unknownFutureValue`: sent only to clients that
/// ask with `Prefer: include-unknown-enum-members`.
const EVOLVABLE_ROLES: &[&str] = &["producer", "coorganizer"];
const EVOLVABLE_LOBBY_SCOPES: &[&str] = &["invited", "organizationExcludingGuests"];

/// The user a meeting is created for, from the token (`/me`) or the path (`/users/{id}`).
#[derive(Clone, Debug)]
pub struct Organizer {
    /// The tenant.
    pub tenant_id: String,
    /// The user's object id.
    pub user_id: String,
    /// The UPN, when the token carries one.
    pub upn: Option<String>,
    /// The display name, when the token carries one.
    pub display_name: Option<String>,
}

/// What the service generates for a new meeting.
#[derive(Clone, Debug)]
struct ServerFacts {
    id: String,
    organizer: Organizer,
    thread_id: String,
    join_web_url: String,
    join_meeting_id: String,
    passcode: Option<String>,
    conference_id: String,
    dialin_url: String,
    meeting_options_url: String,
    created: OffsetDateTime,
}

/// A stored meeting: the properties the client set plus the facts the service generated.
#[derive(Clone, Debug)]
pub struct Meeting {
    facts: ServerFacts,
    properties: Map<String, Value>,
}

/// A validated create body, not yet a meeting.
#[derive(Clone, Debug)]
pub struct CreateRequest {
    properties: Map<String, Value>,
}

/// A validated createOrGet body.
#[derive(Clone, Debug)]
pub struct CreateOrGetRequest {
    /// The caller's key for the meeting.
    pub external_id: String,
    request: CreateRequest,
}

/// How a meeting is written for one request.
#[derive(Clone, Debug)]
pub struct RenderOptions<'a> {
    /// The request had `Prefer: include-unknown-enum-members`.
    pub include_unknown_enum_members: bool,
    /// The language of `joinInformation`.
    pub language: Language,
    /// The service root, for `@odata.context`.
    pub service_root: &'a str,
}

fn parse_object(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(ApiError::bad_request(
            "The request body must be a JSON object.",
        )),
        Err(error) => Err(ApiError::bad_request(format!(
            "The request body is not valid JSON: {error}."
        ))),
    }
}

fn parse_time(
    properties: &Map<String, Value>,
    name: &str,
) -> Result<Option<OffsetDateTime>, ApiError> {
    match properties.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => {
            OffsetDateTime::parse(text, &Rfc3339)
                .map(Some)
                .map_err(|error| {
                    ApiError::bad_request(format!(
                    "Invalid {name} '{text}': expected an ISO 8601 date-time with offset ({error})."
                ))
                })
        }
        Some(other) => Err(ApiError::bad_request(format!(
            "Invalid {name}: expected a string, found {other}."
        ))),
    }
}

/// Graph's wire form of a date-time: UTC with 7 fractional digits.
pub fn format_time(instant: OffsetDateTime) -> String {
    let utc = instant.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second(),
        utc.nanosecond() / 100
    )
}

fn role_of(participant: &Value) -> Option<&str> {
    participant.get("role").and_then(Value::as_str)
}

fn attendees(properties: &Map<String, Value>) -> &[Value] {
    properties
        .get("participants")
        .and_then(|participants| participants.get("attendees"))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Presenter and co-organizer roles are only for users registered in Entra ID, i.e. with an
/// `identity.user.id`.
fn check_roles(properties: &Map<String, Value>) -> Result<(), ApiError> {
    for (index, attendee) in attendees(properties).iter().enumerate() {
        if !attendee.is_object() {
            return Err(ApiError::bad_request(format!(
                "participants.attendees[{index}] must be an object."
            )));
        }
        let elevated = role_of(attendee).is_some_and(|role| {
            role.eq_ignore_ascii_case("presenter") || role.eq_ignore_ascii_case("coorganizer")
        });
        let in_entra = attendee
            .pointer("/identity/user/id")
            .and_then(Value::as_str)
            .is_some_and(|id| !id.is_empty());
        if elevated && !in_entra {
            return Err(ApiError::bad_request(format!(
                "participants.attendees[{index}]: assigning the presenter or coorganizer role to users not registered in Microsoft Entra ID is not supported."
            )));
        }
    }
    Ok(())
}

/// `allowedPresenters: roleIsPresenter` needs the attendee list with the presenters marked.
fn check_role_is_presenter(properties: &Map<String, Value>) -> Result<(), ApiError> {
    let wants_roles = properties
        .get("allowedPresenters")
        .and_then(Value::as_str)
        .is_some_and(|value| value.eq_ignore_ascii_case("roleIsPresenter"));
    let has_presenter = attendees(properties).iter().any(|attendee| {
        role_of(attendee).is_some_and(|role| role.eq_ignore_ascii_case("presenter"))
    });
    if wants_roles && !has_presenter {
        return Err(ApiError::bad_request(
            "allowedPresenters 'roleIsPresenter' requires the full participants.attendees list with role 'presenter' on the chosen attendees.",
        ));
    }
    Ok(())
}

/// Applies the documented start/end defaults: none given, start now and end an hour later;
/// only a start, end an hour after it. An end without a start, or before the start, is an error.
fn resolve_times(properties: &mut Map<String, Value>, now: OffsetDateTime) -> Result<(), ApiError> {
    let start = parse_time(properties, "startDateTime")?;
    let end = parse_time(properties, "endDateTime")?;
    let (start, end) = match (start, end) {
        (None, None) => (now, now + DEFAULT_LENGTH),
        (Some(start), None) => (start, start + DEFAULT_LENGTH),
        (None, Some(_)) => {
            return Err(ApiError::bad_request(
                "endDateTime was given without startDateTime.",
            ))
        }
        (Some(start), Some(end)) => (start, end),
    };
    if end < start {
        return Err(ApiError::bad_request(format!(
            "endDateTime ({}) is before startDateTime ({}).",
            format_time(end),
            format_time(start)
        )));
    }
    properties.insert("startDateTime".to_owned(), json!(format_time(start)));
    properties.insert("endDateTime".to_owned(), json!(format_time(end)));
    Ok(())
}

impl CreateRequest {
    /// Reads and checks a create body: valid JSON object, no custom passcode, coherent times
    /// and roles.
    pub fn parse(body: &[u8]) -> Result<Self, ApiError> {
        Self::check(parse_object(body)?)
    }

    fn check(mut properties: Map<String, Value>) -> Result<Self, ApiError> {
        if let Some(settings) = properties.get("joinMeetingIdSettings") {
            if !settings.is_object() && !settings.is_null() {
                return Err(ApiError::bad_request(
                    "joinMeetingIdSettings must be an object.",
                ));
            }
            if settings
                .get("passcode")
                .is_some_and(|passcode| !passcode.is_null())
            {
                return Err(ApiError::bad_request(
                    "A custom passcode is not supported: the passcode is generated when joinMeetingIdSettings.isPasscodeRequired is true.",
                ));
            }
        }
        if let Some(participants) = properties.get("participants") {
            if !participants.is_object() && !participants.is_null() {
                return Err(ApiError::bad_request("participants must be an object."));
            }
        }
        for name in SERVER_OWNED {
            properties.remove(*name);
        }
        resolve_times(&mut properties, OffsetDateTime::now_utc())?;
        check_roles(&properties)?;
        check_role_is_presenter(&properties)?;
        Ok(Self { properties })
    }

    fn passcode_required(&self) -> bool {
        self.properties
            .get("joinMeetingIdSettings")
            .and_then(|settings| settings.get("isPasscodeRequired"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
}

impl CreateOrGetRequest {
    /// Reads and checks a createOrGet body: `externalId` required, only the action's
    /// parameters allowed, then the create rules.
    pub fn parse(body: &[u8]) -> Result<Self, ApiError> {
        let properties = parse_object(body)?;
        if let Some(unknown) = properties
            .keys()
            .find(|key| !CREATE_OR_GET_PARAMETERS.contains(&key.as_str()))
        {
            return Err(ApiError::bad_request(format!(
                "'{unknown}' is not a parameter of createOrGet (expected one of {}).",
                CREATE_OR_GET_PARAMETERS.join(", ")
            )));
        }
        let external_id = match properties.get("externalId") {
            Some(Value::String(id)) if !id.is_empty() => id.clone(),
            _ => {
                return Err(ApiError::bad_request(
                    "externalId is required and must be a non-empty string.",
                ))
            }
        };
        Ok(Self {
            external_id,
            request: CreateRequest::check(properties)?,
        })
    }

    /// The create request the action makes when no meeting has this `externalId` yet.
    pub fn into_create(self) -> CreateRequest {
        self.request
    }
}

fn random_u128() -> u128 {
    uuid::Uuid::new_v4().as_u128()
}

/// `digits` random decimal digits, the first not zero.
pub fn random_digits(digits: usize) -> String {
    let mut seed = random_u128();
    let mut out = String::with_capacity(digits);
    for position in 0..digits {
        if seed < 10 {
            seed = random_u128();
        }
        let digit = if position == 0 {
            1 + seed % 9
        } else {
            seed % 10
        };
        seed /= 10;
        out.push(char::from(b'0' + digit as u8));
    }
    out
}

fn random_passcode() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut seed = random_u128();
    (0..6)
        .map(|_| {
            let index = (seed % ALPHABET.len() as u128) as usize;
            seed /= ALPHABET.len() as u128;
            char::from(ALPHABET[index])
        })
        .collect()
}

impl Meeting {
    /// A new meeting for `organizer` from a checked request; `join_meeting_id` comes from the
    /// store, which keeps it unique.
    pub fn create(request: CreateRequest, organizer: Organizer, join_meeting_id: String) -> Self {
        let passcode = request.passcode_required().then(random_passcode);
        let mut properties = request.properties;
        let settings = json!({
            "isPasscodeRequired": passcode.is_some(),
            "joinMeetingId": join_meeting_id,
            "passcode": passcode,
        });
        properties.insert("joinMeetingIdSettings".to_owned(), settings);
        let thread_id = format!(
            "19:meeting_{}@thread.v2",
            URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().to_string())
        );
        let id = URL_SAFE_NO_PAD.encode(format!("1*{}*0**{thread_id}", organizer.user_id));
        let encoded_thread = thread_id.replace(':', "%3a").replace('@', "%40");
        let join_web_url = format!(
            "https://teams.microsoft.com/l/meetup-join/{encoded_thread}/0?context=%7b%22Tid%22%3a%22{}%22%2c%22Oid%22%3a%22{}%22%7d",
            utf8_percent_encode(&organizer.tenant_id, NON_ALPHANUMERIC),
            utf8_percent_encode(&organizer.user_id, NON_ALPHANUMERIC),
        );
        let conference_id = random_digits(9);
        let dialin_url = format!(
            "https://dialin.teams.microsoft.com/{}?id={conference_id}",
            uuid::Uuid::new_v4()
        );
        let meeting_options_url = format!(
            "https://teams.microsoft.com/meetingOptions/?organizerId={}&tenantId={}&threadId={}&messageId=0",
            utf8_percent_encode(&organizer.user_id, NON_ALPHANUMERIC),
            utf8_percent_encode(&organizer.tenant_id, NON_ALPHANUMERIC),
            utf8_percent_encode(&thread_id, NON_ALPHANUMERIC),
        );
        let mut meeting = Self {
            facts: ServerFacts {
                id,
                organizer,
                thread_id,
                join_web_url,
                join_meeting_id,
                passcode,
                conference_id,
                dialin_url,
                meeting_options_url,
                created: OffsetDateTime::now_utc(),
            },
            properties,
        };
        meeting.assign_roles();
        meeting
    }

    /// The meeting id.
    pub fn id(&self) -> &str {
        &self.facts.id
    }

    /// The tenant the meeting belongs to.
    pub fn tenant_id(&self) -> &str {
        &self.facts.organizer.tenant_id
    }

    /// The organizer's object id.
    pub fn organizer_id(&self) -> &str {
        &self.facts.organizer.user_id
    }

    /// `joinWebUrl`.
    pub fn join_web_url(&self) -> &str {
        &self.facts.join_web_url
    }

    /// `joinMeetingIdSettings.joinMeetingId`.
    pub fn join_meeting_id(&self) -> &str {
        &self.facts.join_meeting_id
    }

    /// True when `user_id` organises the meeting or is one of its attendees: both may read it.
    pub fn involves(&self, user_id: &str) -> bool {
        self.organizer_id().eq_ignore_ascii_case(user_id)
            || attendees(&self.properties).iter().any(|attendee| {
                attendee
                    .pointer("/identity/user/id")
                    .and_then(Value::as_str)
                    .is_some_and(|id| id.eq_ignore_ascii_case(user_id))
            })
    }

    fn is_broadcast(&self) -> bool {
        self.properties
            .get("isBroadcast")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The organizer is the token's or path's user, a presenter (a producer in a live event);
    /// attendees of a live event are producers too, others default to attendee.
    fn assign_roles(&mut self) {
        let broadcast = self.is_broadcast();
        let organizer_role = if broadcast { "producer" } else { "presenter" };
        let organizer = &self.facts.organizer;
        let organizer = json!({
            "identity": {
                "user": {
                    "id": organizer.user_id,
                    "displayName": organizer.display_name,
                    "tenantId": organizer.tenant_id,
                    "identityProvider": "AAD",
                }
            },
            "role": organizer_role,
            "upn": organizer.upn,
        });
        let participants = self
            .properties
            .entry("participants")
            .or_insert_with(|| json!({}));
        if !participants.is_object() {
            *participants = json!({});
        }
        participants["organizer"] = organizer;
        match participants.get_mut("attendees") {
            Some(Value::Array(attendees)) => {
                for attendee in attendees.iter_mut().filter(|a| a.is_object()) {
                    if broadcast {
                        attendee["role"] = json!("producer");
                    } else if role_of(attendee).is_none() {
                        attendee["role"] = json!("attendee");
                    }
                }
            }
            _ => participants["attendees"] = json!([]),
        }
    }

    /// Applies a PATCH body under the update rules; on error the meeting is unchanged.
    pub fn update(&mut self, body: &[u8]) -> Result<(), ApiError> {
        let patch = parse_object(body)?;
        for key in patch.keys() {
            if key.starts_with("@odata.") || UPDATABLE.contains(&key.as_str()) {
                continue;
            }
            let reason = match key.as_str() {
                "joinMeetingIdSettings" => {
                    "joinMeetingIdSettings can't be modified after the meeting is created; cancel it and create a new one"
                }
                "meetingTemplateId" => "meetingTemplateId can't be overwritten",
                _ => "it is not an updatable property of onlineMeeting",
            };
            return Err(ApiError::bad_request(format!(
                "Property '{key}' can't be updated: {reason}."
            )));
        }
        let mut updated = self.properties.clone();
        if let Some(participants) = patch.get("participants") {
            let Some(participants) = participants.as_object() else {
                return Err(ApiError::bad_request("participants must be an object."));
            };
            if participants.contains_key("organizer") {
                return Err(ApiError::bad_request(
                    "participants.organizer can't be updated.",
                ));
            }
            if let Some(key) = participants.keys().find(|key| *key != "attendees") {
                return Err(ApiError::bad_request(format!(
                    "participants.{key} can't be updated; send the full participants.attendees list."
                )));
            }
        }
        let changes_times =
            patch.contains_key("startDateTime") || patch.contains_key("endDateTime");
        if changes_times {
            let start = parse_time(&patch, "startDateTime")?;
            let end = parse_time(&patch, "endDateTime")?;
            let (Some(start), Some(end)) = (start, end) else {
                return Err(ApiError::bad_request(
                    "Changing the start or end time requires both startDateTime and endDateTime.",
                ));
            };
            if end < start {
                return Err(ApiError::bad_request(format!(
                    "endDateTime ({}) is before startDateTime ({}).",
                    format_time(end),
                    format_time(start)
                )));
            }
        }
        let had_anonymized_attendees = anonymizes_attendees(&self.properties);
        for (key, value) in patch {
            if key == "participants" {
                let attendees = value.get("attendees").cloned().unwrap_or(Value::Null);
                updated.entry("participants").or_insert_with(|| json!({}))["attendees"] = attendees;
            } else {
                updated.insert(key, value);
            }
        }
        if had_anonymized_attendees && !anonymizes_attendees(&updated) {
            return Err(ApiError::bad_request(
                "anonymizeIdentityForRoles: 'attendee' can't be removed once added.",
            ));
        }
        if changes_times {
            resolve_times(&mut updated, OffsetDateTime::now_utc())?;
        }
        check_roles(&updated)?;
        if updated.get("allowedPresenters") != self.properties.get("allowedPresenters") {
            check_role_is_presenter(&updated)?;
        }
        self.properties = updated;
        self.assign_roles();
        Ok(())
    }

    /// The meeting as a JSON body for one request.
    pub fn render(&self, options: &RenderOptions<'_>) -> Vec<u8> {
        serde_json::to_vec(&self.to_value(options)).unwrap_or_default()
    }

    /// The meeting as a JSON object for one request (also used inside `{"value": [...]}`).
    pub fn to_value(&self, options: &RenderOptions<'_>) -> Value {
        let facts = &self.facts;
        let mut object = Map::new();
        object.insert(
            "@odata.context".to_owned(),
            json!(format!(
                "{}/$metadata#users('{}')/onlineMeetings/$entity",
                options.service_root, facts.organizer.user_id
            )),
        );
        object.insert("id".to_owned(), json!(facts.id));
        object.insert(
            "creationDateTime".to_owned(),
            json!(format_time(facts.created)),
        );
        for (key, value) in &self.properties {
            object.insert(key.clone(), value.clone());
        }
        let end = parse_time(&self.properties, "endDateTime").ok().flatten();
        if let Some(end) = end {
            object.insert(
                "expiryDateTime".to_owned(),
                json!(format_time(end + EXPIRY_AFTER_END)),
            );
        }
        object.insert("joinWebUrl".to_owned(), json!(facts.join_web_url));
        object.insert(
            "meetingOptionsWebUrl".to_owned(),
            json!(format!(
                "{}&language={}",
                facts.meeting_options_url,
                options.language.tag()
            )),
        );
        object.insert(
            "audioConferencing".to_owned(),
            json!({
                "conferenceId": facts.conference_id,
                "tollNumber": "+14255550100",
                "tollFreeNumber": "+18005550100",
                "tollNumbers": ["+14255550100"],
                "tollFreeNumbers": ["+18005550100"],
                "dialinUrl": facts.dialin_url,
            }),
        );
        object.insert(
            "chatInfo".to_owned(),
            json!({ "threadId": facts.thread_id, "messageId": "0", "replyChainMessageId": null }),
        );
        let invitation = Invitation {
            join_web_url: &facts.join_web_url,
            join_meeting_id: &facts.join_meeting_id,
            passcode: facts.passcode.as_deref(),
            toll_number: "+14255550100",
            conference_id: &facts.conference_id,
            dialin_url: &facts.dialin_url,
            meeting_options_url: &facts.meeting_options_url,
        };
        object.insert(
            "joinInformation".to_owned(),
            json!({
                "content": locale::join_information_content(options.language, &invitation),
                "contentType": "html",
            }),
        );
        let mut value = Value::Object(object);
        if !options.include_unknown_enum_members {
            hide_evolvable_members(&mut value);
        }
        value
    }
}

fn anonymizes_attendees(properties: &Map<String, Value>) -> bool {
    properties
        .get("anonymizeIdentityForRoles")
        .and_then(Value::as_array)
        .is_some_and(|roles| {
            roles.iter().any(|role| {
                role.as_str()
                    .is_some_and(|r| r.eq_ignore_ascii_case("attendee"))
            })
        })
}

fn downgrade(value: &mut Value, evolvable: &[&str]) {
    if value
        .as_str()
        .is_some_and(|member| evolvable.iter().any(|e| e.eq_ignore_ascii_case(member)))
    {
        *value = json!("unknownFutureValue");
    }
}

/// Replaces members after `unknownFutureValue` with `unknownFutureValue`, as Graph does for
/// clients that did not opt in.
fn hide_evolvable_members(meeting: &mut Value) {
    if let Some(participants) = meeting.get_mut("participants") {
        if let Some(organizer) = participants.get_mut("organizer") {
            if let Some(role) = organizer.get_mut("role") {
                downgrade(role, EVOLVABLE_ROLES);
            }
        }
        if let Some(Value::Array(attendees)) = participants.get_mut("attendees") {
            for role in attendees.iter_mut().filter_map(|a| a.get_mut("role")) {
                downgrade(role, EVOLVABLE_ROLES);
            }
        }
    }
    if let Some(Value::Array(roles)) = meeting.get_mut("anonymizeIdentityForRoles") {
        roles
            .iter_mut()
            .for_each(|role| downgrade(role, EVOLVABLE_ROLES));
    }
    if let Some(scope) = meeting.pointer_mut("/lobbyBypassSettings/scope") {
        downgrade(scope, EVOLVABLE_LOBBY_SCOPES);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn organizer() -> Organizer {
        Organizer {
            tenant_id: "t".to_owned(),
            user_id: "u".to_owned(),
            upn: None,
            display_name: None,
        }
    }

    #[test]
    fn random_digits_have_the_length_and_no_leading_zero() {
        for _ in 0..200 {
            let digits = random_digits(12);
            assert_eq!(digits.len(), 12);
            assert!(digits.bytes().all(|b| b.is_ascii_digit()));
            assert_ne!(digits.as_bytes()[0], b'0');
        }
    }

    #[test]
    fn times_are_utc_with_seven_digits() {
        let instant = OffsetDateTime::parse("2019-07-12T14:30:34.2444915-07:00", &Rfc3339).unwrap();
        assert_eq!(format_time(instant), "2019-07-12T21:30:34.2444915Z");
    }

    #[test]
    fn defaults_fill_start_and_end() {
        let request = CreateRequest::parse(br#"{"startDateTime":"2030-01-01T10:00:00Z"}"#).unwrap();
        assert_eq!(
            request.properties["endDateTime"],
            "2030-01-01T11:00:00.0000000Z"
        );
        let error = CreateRequest::parse(br#"{"endDateTime":"2030-01-01T10:00:00Z"}"#).unwrap_err();
        assert!(error.message.contains("without startDateTime"));
    }

    #[test]
    fn update_rules_leave_the_meeting_unchanged_on_error() {
        let request = CreateRequest::parse(br#"{"subject":"s"}"#).unwrap();
        let mut meeting = Meeting::create(request, organizer(), "1234567890".to_owned());
        for (body, expected) in [
            (&br#"{"startDateTime":"2030-01-01T10:00:00Z"}"#[..], "requires both"),
            (br#"{"participants":{"organizer":{}}}"#, "organizer can't be updated"),
            (br#"{"joinMeetingIdSettings":{"isPasscodeRequired":true}}"#, "can't be modified"),
            (br#"{"externalId":"x"}"#, "not an updatable property"),
            (br#"{"subject":"x","endDateTime":"2030-01-01T10:00:00Z","startDateTime":"2030-01-01T11:00:00Z"}"#, "before"),
        ] {
            let error = meeting.update(body).unwrap_err();
            assert!(error.message.contains(expected), "{}", error.message);
            assert_eq!(meeting.properties["subject"], "s");
        }
        meeting
            .update(br#"{"anonymizeIdentityForRoles":["attendee"]}"#)
            .unwrap();
        let error = meeting
            .update(br#"{"anonymizeIdentityForRoles":[]}"#)
            .unwrap_err();
        assert!(error.message.contains("can't be removed"));
    }

    #[test]
    fn evolvable_members_hidden_unless_asked() {
        let request = CreateRequest::parse(
            br#"{"isBroadcast":true,"lobbyBypassSettings":{"scope":"invited"}}"#,
        )
        .unwrap();
        let meeting = Meeting::create(request, organizer(), "1234567890".to_owned());
        let mut options = RenderOptions {
            include_unknown_enum_members: false,
            language: Language::English,
            service_root: "http://x/v1.0",
        };
        let hidden = meeting.to_value(&options);
        assert_eq!(
            hidden["participants"]["organizer"]["role"],
            "unknownFutureValue"
        );
        assert_eq!(hidden["lobbyBypassSettings"]["scope"], "unknownFutureValue");
        options.include_unknown_enum_members = true;
        let shown = meeting.to_value(&options);
        assert_eq!(shown["participants"]["organizer"]["role"], "producer");
        assert_eq!(shown["lobbyBypassSettings"]["scope"], "invited");
    }
}
