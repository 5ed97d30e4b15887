//! The onlineMeeting resource: what a create, createOrGet or PATCH body may say, what the
//! service fills in, and how a meeting is written back, all with the generated models of
//! `graph-online-meetings` and `graph_core::json`.
//!
//! Everything that depends on the shape of the body lives here, so the rest of the emulator
//! (auth, routing, storage) does not change with the model types.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use graph_core::edm::DateTimeOffset;
use graph_core::{json, Enum, Operation, Property, Validate};
use graph_online_meetings::{
    AnyIdentity, AnyIdentitySet, AnyMeetingParticipantInfo, AudioConferencing, BodyType, ChatInfo,
    Identity, IdentitySet, ItemBody, JoinMeetingIdSettings, LobbyBypassScope,
    MeetingParticipantInfo, MeetingParticipants, OnlineMeeting, OnlineMeetingPresenters,
    OnlineMeetingRole,
};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::ApiError;
use crate::locale::{self, Invitation, Language};

/// What is percent-encoded inside generated URLs: all but RFC 3986's unreserved characters, so
/// GUIDs stay readable as in Graph's own URLs.
const URL_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How long a meeting lasts when the body gives no end (documented for createOrGet).
const DEFAULT_LENGTH_SECS: i64 = 60 * 60;

/// Meetings expire 60 days after their end.
const EXPIRY_AFTER_END_SECS: i64 = 60 * 24 * 60 * 60;

/// The dial-in numbers every emulated meeting shares (reserved fictional numbers).
const TOLL_NUMBER: &str = "+14255550100";
const TOLL_FREE_NUMBER: &str = "+18005550100";

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

/// The parameters of the createOrGet action.
const CREATE_OR_GET_PARAMETERS: &[&str] = &[
    "chatInfo",
    "endDateTime",
    "externalId",
    "participants",
    "startDateTime",
    "subject",
];

/// The wire names of the schema properties present (a value or `null`) in `meeting`, then
/// the names of members outside the schema, `@odata.*` annotations excepted.
fn present_properties(meeting: &OnlineMeeting) -> Vec<&str> {
    let m = meeting;
    let schema = [
        ("id", m.id.is_absent()),
        (
            "allowAttendeeToEnableCamera",
            m.allow_attendee_to_enable_camera.is_absent(),
        ),
        (
            "allowAttendeeToEnableMic",
            m.allow_attendee_to_enable_mic.is_absent(),
        ),
        ("allowBreakoutRooms", m.allow_breakout_rooms.is_absent()),
        (
            "allowCopyingAndSharingMeetingContent",
            m.allow_copying_and_sharing_meeting_content.is_absent(),
        ),
        (
            "allowedLobbyAdmitters",
            m.allowed_lobby_admitters.is_absent(),
        ),
        ("allowedPresenters", m.allowed_presenters.is_absent()),
        ("allowLiveShare", m.allow_live_share.is_absent()),
        ("allowMeetingChat", m.allow_meeting_chat.is_absent()),
        (
            "allowParticipantsToChangeName",
            m.allow_participants_to_change_name.is_absent(),
        ),
        (
            "allowPowerPointSharing",
            m.allow_power_point_sharing.is_absent(),
        ),
        ("allowRecording", m.allow_recording.is_absent()),
        (
            "allowTeamworkReactions",
            m.allow_teamwork_reactions.is_absent(),
        ),
        ("allowTranscription", m.allow_transcription.is_absent()),
        ("allowWhiteboard", m.allow_whiteboard.is_absent()),
        ("audioConferencing", m.audio_conferencing.is_absent()),
        ("chatInfo", m.chat_info.is_absent()),
        ("chatRestrictions", m.chat_restrictions.is_absent()),
        (
            "cloudVideoInteropInfo",
            m.cloud_video_interop_info.is_absent(),
        ),
        ("expiryDateTime", m.expiry_date_time.is_absent()),
        (
            "isEndToEndEncryptionEnabled",
            m.is_end_to_end_encryption_enabled.is_absent(),
        ),
        (
            "isEntryExitAnnounced",
            m.is_entry_exit_announced.is_absent(),
        ),
        ("joinInformation", m.join_information.is_absent()),
        (
            "joinMeetingIdSettings",
            m.join_meeting_id_settings.is_absent(),
        ),
        ("joinWebUrl", m.join_web_url.is_absent()),
        ("lobbyBypassSettings", m.lobby_bypass_settings.is_absent()),
        (
            "meetingOptionsWebUrl",
            m.meeting_options_web_url.is_absent(),
        ),
        (
            "meetingSpokenLanguageTag",
            m.meeting_spoken_language_tag.is_absent(),
        ),
        ("meetingType", m.meeting_type.is_absent()),
        ("recordAutomatically", m.record_automatically.is_absent()),
        (
            "sensitivityLabelAssignment",
            m.sensitivity_label_assignment.is_absent(),
        ),
        (
            "shareMeetingChatHistoryDefault",
            m.share_meeting_chat_history_default.is_absent(),
        ),
        ("subject", m.subject.is_absent()),
        (
            "videoTeleconferenceId",
            m.video_teleconference_id.is_absent(),
        ),
        ("watermarkProtection", m.watermark_protection.is_absent()),
        ("attendeeReport", m.attendee_report.is_absent()),
        ("broadcastSettings", m.broadcast_settings.is_absent()),
        ("creationDateTime", m.creation_date_time.is_absent()),
        ("endDateTime", m.end_date_time.is_absent()),
        ("externalId", m.external_id.is_absent()),
        ("isBroadcast", m.is_broadcast.is_absent()),
        ("meetingTemplateId", m.meeting_template_id.is_absent()),
        ("participants", m.participants.is_absent()),
        ("startDateTime", m.start_date_time.is_absent()),
    ];
    let unknown = m
        .additional_data
        .iter()
        .map(|(key, _)| key)
        .filter(|key| !key.contains("@odata."));
    schema
        .into_iter()
        .filter(|(_, absent)| !absent)
        .map(|(name, _)| name)
        .chain(unknown)
        .collect()
}

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

/// A stored meeting: the generated model as the service completed it, plus who owns it.
#[derive(Clone, Debug)]
pub struct Meeting {
    tenant_id: String,
    organizer_id: String,
    /// `meetingOptionsWebUrl` without its `language` parameter, which follows each request.
    meeting_options_base: String,
    model: OnlineMeeting,
}

/// A checked create body, not yet a meeting.
#[derive(Clone, Debug)]
pub struct CreateRequest {
    model: OnlineMeeting,
}

/// A checked createOrGet body.
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

/// Strict: Graph answers a request member of the wrong type with `400`.
fn decode(body: &[u8]) -> Result<OnlineMeeting, ApiError> {
    json::from_slice_strict::<OnlineMeeting>(body).map_err(|error| {
        ApiError::bad_request(format!(
            "The request body is not a valid onlineMeeting JSON object: {error}."
        ))
    })
}

fn validate(meeting: &OnlineMeeting, operation: Operation) -> Result<(), ApiError> {
    meeting.validate(operation).map_err(|errors| {
        let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
        ApiError::bad_request(format!("Invalid onlineMeeting: {}.", listed.join("; ")))
    })
}

/// Now, in UTC, to the 100 ns Graph's timestamps carry (7 fractional digits).
fn now() -> DateTimeOffset {
    let now = DateTimeOffset::now_utc();
    DateTimeOffset::from_unix(now.unix_seconds(), now.nanosecond() / 100 * 100, 0).unwrap_or(now)
}

/// `instant` plus `seconds`, in UTC; `None` past the years 0 to 9999 that Edm allows.
fn plus_seconds(instant: DateTimeOffset, seconds: i64) -> Option<DateTimeOffset> {
    DateTimeOffset::from_unix(
        instant.unix_seconds().checked_add(seconds)?,
        instant.nanosecond(),
        0,
    )
}

/// The date-time as Graph's `innerError.date` writes it: `yyyy-mm-ddThh:mm:ss`, UTC.
pub fn error_date(instant: DateTimeOffset) -> String {
    let utc = instant.to_utc().unwrap_or(instant);
    let (date, time) = (utc.date(), utc.time());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        date.year(),
        date.month(),
        date.day(),
        time.hour(),
        time.minute(),
        time.second()
    )
}

fn end_before_start(start: DateTimeOffset, end: DateTimeOffset) -> ApiError {
    ApiError::bad_request(format!(
        "endDateTime ({end}) is before startDateTime ({start})."
    ))
}

fn out_of_range(name: &str, value: DateTimeOffset) -> ApiError {
    ApiError::bad_request(format!(
        "{name} ({value}) is out of range: the meeting must start and end within the years 0 to 9999 UTC."
    ))
}

/// Applies the documented start/end defaults: none given, start now and end an hour later;
/// only a start, end an hour after it. An end without a start, or before the start, is an error.
/// Both are stored in UTC, as the service answers.
fn resolve_times(meeting: &mut OnlineMeeting) -> Result<(), ApiError> {
    let start = meeting.start_date_time.value().copied();
    let end = meeting.end_date_time.value().copied();
    let (start, end) = match (start, end) {
        (None, None) => {
            let start = now();
            let end = plus_seconds(start, DEFAULT_LENGTH_SECS)
                .ok_or_else(|| out_of_range("startDateTime", start))?;
            (start, end)
        }
        (Some(start), None) => {
            let end = plus_seconds(start, DEFAULT_LENGTH_SECS)
                .ok_or_else(|| out_of_range("startDateTime", start))?;
            (start, end)
        }
        (None, Some(_)) => {
            return Err(ApiError::bad_request(
                "endDateTime was given without startDateTime.",
            ))
        }
        (Some(start), Some(end)) => (start, end),
    };
    if end.is_before(&start) {
        return Err(end_before_start(start, end));
    }
    let utc_start = start
        .to_utc()
        .ok_or_else(|| out_of_range("startDateTime", start))?;
    let utc_end = end
        .to_utc()
        .ok_or_else(|| out_of_range("endDateTime", end))?;
    meeting.start_date_time.set(utc_start);
    meeting.end_date_time.set(utc_end);
    Ok(())
}

/// The object id of a participant's user identity, if it has one.
fn user_id(identity: &Property<AnyIdentitySet>) -> Option<&str> {
    let user = match identity.value()? {
        AnyIdentitySet::IdentitySet(set) => &set.user,
        AnyIdentitySet::CommunicationsIdentitySet(set) => &set.user,
        _ => return None,
    };
    let id = match user.value()? {
        AnyIdentity::Identity(identity) => &identity.id,
        AnyIdentity::CommunicationsUserIdentity(identity) => &identity.id,
        AnyIdentity::UserIdentity(identity) => &identity.id,
        AnyIdentity::TeamworkUserIdentity(identity) => &identity.id,
        _ => return None,
    };
    id.value().map(String::as_str).filter(|id| !id.is_empty())
}

/// The identity and role of either kind of participant.
fn parts(
    participant: &mut AnyMeetingParticipantInfo,
) -> (&Property<AnyIdentitySet>, &mut Property<OnlineMeetingRole>) {
    match participant {
        AnyMeetingParticipantInfo::MeetingParticipantInfo(info) => (&info.identity, &mut info.role),
        AnyMeetingParticipantInfo::VirtualEventPresenterInfo(info) => {
            (&info.identity, &mut info.role)
        }
    }
}

fn attendees(meeting: &OnlineMeeting) -> &[AnyMeetingParticipantInfo] {
    meeting
        .participants
        .value()
        .and_then(|participants| participants.attendees.value())
        .map_or(&[], Vec::as_slice)
}

fn role_and_user(
    participant: &AnyMeetingParticipantInfo,
) -> (Option<&OnlineMeetingRole>, Option<&str>) {
    match participant {
        AnyMeetingParticipantInfo::MeetingParticipantInfo(info) => {
            (info.role.value(), user_id(&info.identity))
        }
        AnyMeetingParticipantInfo::VirtualEventPresenterInfo(info) => {
            (info.role.value(), user_id(&info.identity))
        }
    }
}

/// Presenter and co-organizer roles are only for users registered in Entra ID, i.e. with a
/// `user` identity that has an id.
fn check_roles(meeting: &OnlineMeeting) -> Result<(), ApiError> {
    for (index, attendee) in attendees(meeting).iter().enumerate() {
        let (role, user) = role_and_user(attendee);
        let elevated = matches!(
            role,
            Some(OnlineMeetingRole::Presenter | OnlineMeetingRole::Coorganizer)
        );
        if elevated && user.is_none() {
            return Err(ApiError::bad_request(format!(
                "participants.attendees[{index}]: assigning the presenter or coorganizer role to users not registered in Microsoft Entra ID is not supported."
            )));
        }
    }
    Ok(())
}

/// `allowedPresenters: roleIsPresenter` needs the attendee list with the presenters marked.
fn check_role_is_presenter(meeting: &OnlineMeeting) -> Result<(), ApiError> {
    let wants_roles = matches!(
        meeting.allowed_presenters.value(),
        Some(OnlineMeetingPresenters::RoleIsPresenter)
    );
    let has_presenter = attendees(meeting).iter().any(|attendee| {
        matches!(
            role_and_user(attendee).0,
            Some(OnlineMeetingRole::Presenter)
        )
    });
    if wants_roles && !has_presenter {
        return Err(ApiError::bad_request(
            "allowedPresenters 'roleIsPresenter' requires the full participants.attendees list with role 'presenter' on the chosen attendees.",
        ));
    }
    Ok(())
}

impl CreateRequest {
    /// Reads and checks a create body: a valid onlineMeeting, no custom passcode, coherent
    /// times and roles, then the model's own validation rules.
    pub fn parse(body: &[u8]) -> Result<Self, ApiError> {
        Self::check(decode(body)?)
    }

    fn check(mut model: OnlineMeeting) -> Result<Self, ApiError> {
        let custom_passcode = model
            .join_meeting_id_settings
            .value()
            .is_some_and(|settings| settings.passcode.is_value());
        if custom_passcode {
            return Err(ApiError::bad_request(
                "A custom passcode is not supported: the passcode is generated when joinMeetingIdSettings.isPasscodeRequired is true.",
            ));
        }
        resolve_times(&mut model)?;
        check_roles(&model)?;
        check_role_is_presenter(&model)?;
        validate(&model, Operation::Create)?;
        Ok(Self { model })
    }

    fn passcode_required(&self) -> bool {
        self.model
            .join_meeting_id_settings
            .value()
            .and_then(|settings| settings.is_passcode_required.value())
            .copied()
            .unwrap_or(false)
    }
}

impl CreateOrGetRequest {
    /// Reads and checks a createOrGet body: only the action's parameters, `externalId`
    /// required, then the create rules.
    pub fn parse(body: &[u8]) -> Result<Self, ApiError> {
        let model = decode(body)?;
        if let Some(unknown) = present_properties(&model)
            .into_iter()
            .find(|name| !CREATE_OR_GET_PARAMETERS.contains(name))
        {
            return Err(ApiError::bad_request(format!(
                "'{unknown}' is not a parameter of createOrGet (expected one of {}).",
                CREATE_OR_GET_PARAMETERS.join(", ")
            )));
        }
        let external_id = match model.external_id.value() {
            Some(id) if !id.is_empty() => id.clone(),
            _ => {
                return Err(ApiError::bad_request(
                    "externalId is required and must be a non-empty string.",
                ))
            }
        };
        Ok(Self {
            external_id,
            request: CreateRequest::check(model)?,
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
        // digit < 10, so the cast and the addition stay within ASCII digits.
        out.push(char::from(b'0' + digit as u8));
    }
    out
}

fn random_passcode() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut seed = random_u128();
    let base = ALPHABET.len() as u128;
    (0..6)
        .map(|_| {
            // The remainder is below ALPHABET.len(), so it indexes the alphabet.
            let index = (seed % base) as usize;
            seed /= base;
            char::from(ALPHABET[index])
        })
        .collect()
}

fn organizer_info(organizer: &Organizer, role: OnlineMeetingRole) -> AnyMeetingParticipantInfo {
    let mut user = Identity {
        id: Property::Value(organizer.user_id.clone()),
        display_name: organizer
            .display_name
            .clone()
            .map_or(Property::Null, Property::Value),
        ..Identity::default()
    };
    // Graph's answers name the tenant and provider beside the schema's members.
    user.additional_data
        .insert("tenantId", organizer.tenant_id.as_str());
    user.additional_data.insert("identityProvider", "AAD");
    let identity = IdentitySet {
        user: Property::Value(AnyIdentity::Identity(user)),
        ..IdentitySet::default()
    };
    AnyMeetingParticipantInfo::MeetingParticipantInfo(MeetingParticipantInfo {
        identity: Property::Value(AnyIdentitySet::IdentitySet(identity)),
        role: Property::Value(role),
        upn: organizer
            .upn
            .clone()
            .map_or(Property::Absent, Property::Value),
        ..MeetingParticipantInfo::default()
    })
}

impl Meeting {
    /// A new meeting for `organizer` from a checked request; `join_meeting_id` comes from the
    /// store, which keeps it unique.
    pub fn create(request: CreateRequest, organizer: Organizer, join_meeting_id: String) -> Self {
        let passcode = request.passcode_required().then(random_passcode);
        let mut model = request.model;
        let thread_id = format!(
            "19:meeting_{}@thread.v2",
            URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().to_string())
        );
        let encoded_thread = thread_id.replace(':', "%3a").replace('@', "%40");
        let tenant = utf8_percent_encode(&organizer.tenant_id, URL_COMPONENT).to_string();
        let user = utf8_percent_encode(&organizer.user_id, URL_COMPONENT).to_string();
        let conference_id = random_digits(9);
        model
            .id
            .set(URL_SAFE_NO_PAD.encode(format!("1*{}*0**{thread_id}", organizer.user_id)));
        model.join_web_url.set(format!(
            "https://teams.microsoft.com/l/meetup-join/{encoded_thread}/0?context=%7b%22Tid%22%3a%22{tenant}%22%2c%22Oid%22%3a%22{user}%22%7d"
        ));
        model.creation_date_time.set(now());
        model.join_meeting_id_settings.set(JoinMeetingIdSettings {
            is_passcode_required: Property::Value(passcode.is_some()),
            join_meeting_id: Property::Value(join_meeting_id),
            passcode: passcode.map_or(Property::Null, Property::Value),
            ..JoinMeetingIdSettings::default()
        });
        model.audio_conferencing.set(AudioConferencing {
            conference_id: Property::Value(conference_id.clone()),
            toll_number: Property::Value(TOLL_NUMBER.to_owned()),
            toll_free_number: Property::Value(TOLL_FREE_NUMBER.to_owned()),
            toll_numbers: Property::Value(vec![TOLL_NUMBER.to_owned()]),
            toll_free_numbers: Property::Value(vec![TOLL_FREE_NUMBER.to_owned()]),
            dialin_url: Property::Value(format!(
                "https://dialin.teams.microsoft.com/{}?id={conference_id}",
                uuid::Uuid::new_v4()
            )),
            ..AudioConferencing::default()
        });
        let meeting_options_base = format!(
            "https://teams.microsoft.com/meetingOptions/?organizerId={user}&tenantId={tenant}&threadId={}&messageId=0",
            utf8_percent_encode(&thread_id, URL_COMPONENT)
        );
        model.chat_info.set(ChatInfo {
            thread_id: Property::Value(thread_id),
            message_id: Property::Value("0".to_owned()),
            reply_chain_message_id: Property::Null,
            ..ChatInfo::default()
        });
        let mut meeting = Self {
            tenant_id: organizer.tenant_id.clone(),
            organizer_id: organizer.user_id.clone(),
            meeting_options_base,
            model,
        };
        meeting.assign_roles(Some(&organizer));
        meeting
    }

    /// The meeting id.
    pub fn id(&self) -> &str {
        self.model.id.value().map_or("", String::as_str)
    }

    /// The tenant the meeting belongs to.
    pub fn tenant_id(&self) -> &str {
        &self.tenant_id
    }

    /// The organizer's object id.
    pub fn organizer_id(&self) -> &str {
        &self.organizer_id
    }

    /// `joinWebUrl`.
    pub fn join_web_url(&self) -> &str {
        self.model.join_web_url.value().map_or("", String::as_str)
    }

    /// `joinMeetingIdSettings.joinMeetingId`.
    pub fn join_meeting_id(&self) -> &str {
        self.model
            .join_meeting_id_settings
            .value()
            .and_then(|settings| settings.join_meeting_id.value())
            .map_or("", String::as_str)
    }

    /// True when `user_id` organises the meeting or is one of its attendees: both may read it.
    pub fn involves(&self, user_id: &str) -> bool {
        self.organizer_id.eq_ignore_ascii_case(user_id)
            || attendees(&self.model).iter().any(|attendee| {
                role_and_user(attendee)
                    .1
                    .is_some_and(|id| id.eq_ignore_ascii_case(user_id))
            })
    }

    /// The organizer is a presenter (a producer in a live event); attendees of a live event are
    /// producers too, others default to attendee. `organizer` replaces the organizer entry.
    fn assign_roles(&mut self, organizer: Option<&Organizer>) {
        let broadcast = self.model.is_broadcast.value().copied().unwrap_or(false);
        let organizer_role = if broadcast {
            OnlineMeetingRole::Producer
        } else {
            OnlineMeetingRole::Presenter
        };
        if !self.model.participants.is_value() {
            self.model.participants.set(MeetingParticipants::default());
        }
        let Some(participants) = self.model.participants.value_mut() else {
            return;
        };
        if let Some(organizer) = organizer {
            participants
                .organizer
                .set(organizer_info(organizer, organizer_role.clone()));
        } else if let Some(info) = participants.organizer.value_mut() {
            parts(info).1.set(organizer_role);
        }
        if !participants.attendees.is_value() {
            participants.attendees.set(Vec::new());
        }
        for attendee in participants.attendees.value_mut().into_iter().flatten() {
            let role = parts(attendee).1;
            if broadcast {
                role.set(OnlineMeetingRole::Producer);
            } else if !role.is_value() {
                role.set(OnlineMeetingRole::Attendee);
            }
        }
    }

    /// Applies a PATCH body under the update rules; on error the meeting is unchanged.
    pub fn update(&mut self, body: &[u8]) -> Result<(), ApiError> {
        let patch = decode(body)?;
        if let Some(key) = present_properties(&patch)
            .into_iter()
            .find(|name| !UPDATABLE.contains(name))
        {
            let reason = match key {
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
        if let Some(participants) = patch.participants.value() {
            if !participants.organizer.is_absent() {
                return Err(ApiError::bad_request(
                    "participants.organizer can't be updated.",
                ));
            }
            if let Some((key, _)) = participants
                .additional_data
                .iter()
                .find(|(key, _)| !key.starts_with("@odata."))
            {
                return Err(ApiError::bad_request(format!(
                    "participants.{key} can't be updated; send the full participants.attendees list."
                )));
            }
        }
        let changes_times = !patch.start_date_time.is_absent() || !patch.end_date_time.is_absent();
        if changes_times {
            let (Some(start), Some(end)) =
                (patch.start_date_time.value(), patch.end_date_time.value())
            else {
                return Err(ApiError::bad_request(
                    "Changing the start or end time requires both startDateTime and endDateTime.",
                ));
            };
            if end.is_before(start) {
                return Err(end_before_start(*start, *end));
            }
        }
        // The attendee list with the presenters must come in the same body.
        check_role_is_presenter(&patch)?;
        validate(&patch, Operation::Update)?;
        let had_anonymized_attendees = anonymizes_attendees(&self.model);
        let mut updated = self.model.clone();
        merge(&mut updated, patch);
        if had_anonymized_attendees && !anonymizes_attendees(&updated) {
            return Err(ApiError::bad_request(
                "anonymizeIdentityForRoles: 'attendee' can't be removed once added.",
            ));
        }
        if changes_times {
            resolve_times(&mut updated)?;
        }
        check_roles(&updated)?;
        self.model = updated;
        self.assign_roles(None);
        Ok(())
    }

    /// The meeting as a JSON body for one request.
    pub fn render(&self, options: &RenderOptions<'_>) -> Vec<u8> {
        json::to_vec(&self.for_request(options))
    }

    /// The model as answered to one request: localised `joinInformation`, expiry, context and
    /// evolvable enum members per `Prefer`.
    pub fn for_request(&self, options: &RenderOptions<'_>) -> OnlineMeeting {
        let mut model = self.model.clone();
        let context = format!(
            "{}/$metadata#users('{}')/onlineMeetings/$entity",
            options.service_root, self.organizer_id
        );
        model
            .additional_data
            .insert("@odata.context", context.as_str());
        model
            .additional_data
            .insert("@odata.type", "#microsoft.graph.onlineMeeting");
        if let Some(expiry) = model
            .end_date_time
            .value()
            .and_then(|end| plus_seconds(*end, EXPIRY_AFTER_END_SECS))
        {
            model.expiry_date_time.set(expiry);
        }
        let meeting_options_url = format!(
            "{}&language={}",
            self.meeting_options_base,
            options.language.tag()
        );
        let audio = model.audio_conferencing.value();
        let passcode = model
            .join_meeting_id_settings
            .value()
            .and_then(|settings| settings.passcode.value())
            .map(String::as_str);
        let invitation = Invitation {
            join_web_url: self.join_web_url(),
            join_meeting_id: self.join_meeting_id(),
            passcode,
            toll_number: text(audio.map(|a| &a.toll_number)),
            conference_id: text(audio.map(|a| &a.conference_id)),
            dialin_url: text(audio.map(|a| &a.dialin_url)),
            meeting_options_url: &meeting_options_url,
        };
        let content = locale::join_information_content(options.language, &invitation);
        model.join_information.set(ItemBody {
            content: Property::Value(content),
            content_type: Property::Value(BodyType::Html),
            ..ItemBody::default()
        });
        model.meeting_options_web_url.set(meeting_options_url);
        if !options.include_unknown_enum_members {
            hide_evolvable_members(&mut model);
        }
        model
    }
}

/// Copies every property the patch sets (a value or `null`) onto `meeting`; attendees replace
/// the whole list, the organizer stays.
fn merge(meeting: &mut OnlineMeeting, patch: OnlineMeeting) {
    macro_rules! take_present {
        ($($field:ident),* $(,)?) => {
            $(if !patch.$field.is_absent() {
                meeting.$field = patch.$field;
            })*
        };
    }
    if let Some(attendees) = patch
        .participants
        .into_value()
        .map(|participants| participants.attendees)
        .filter(|attendees| !attendees.is_absent())
    {
        if !meeting.participants.is_value() {
            meeting.participants.set(MeetingParticipants::default());
        }
        if let Some(participants) = meeting.participants.value_mut() {
            participants.attendees = attendees;
        }
    }
    take_present!(
        allow_attendee_to_enable_camera,
        allow_attendee_to_enable_mic,
        allow_breakout_rooms,
        allow_copying_and_sharing_meeting_content,
        allowed_lobby_admitters,
        allowed_presenters,
        allow_live_share,
        allow_meeting_chat,
        allow_power_point_sharing,
        allow_recording,
        allow_teamwork_reactions,
        allow_transcription,
        allow_whiteboard,
        end_date_time,
        is_end_to_end_encryption_enabled,
        is_entry_exit_announced,
        lobby_bypass_settings,
        meeting_spoken_language_tag,
        record_automatically,
        sensitivity_label_assignment,
        start_date_time,
        subject,
        watermark_protection,
        broadcast_settings,
    );
    // anonymizeIdentityForRoles is not in this slice of the schema: it travels as an
    // additional member.
    if let Some(roles) = patch.additional_data.get("anonymizeIdentityForRoles") {
        if meeting
            .additional_data
            .insert_raw("anonymizeIdentityForRoles", roles)
            .is_err()
        {
            meeting.additional_data.remove("anonymizeIdentityForRoles");
        }
    }
}

fn anonymizes_attendees(meeting: &OnlineMeeting) -> bool {
    meeting
        .additional_data
        .get_as::<Vec<OnlineMeetingRole>>("anonymizeIdentityForRoles")
        .and_then(Result::ok)
        .is_some_and(|roles| roles.contains(&OnlineMeetingRole::Attendee))
}

/// The text of an optional string property, empty when absent or `null`.
fn text(property: Option<&Property<String>>) -> &str {
    property
        .and_then(Property::value)
        .map_or("", String::as_str)
}

/// A member after `unknownFutureValue` becomes `unknownFutureValue`, as Graph answers clients
/// that did not opt in.
fn hide<E: Enum>(property: &mut Property<E>, unknown_future_value: E) {
    if property.value().is_some_and(Enum::is_evolvable) {
        property.set(unknown_future_value);
    }
}

fn hide_evolvable_members(meeting: &mut OnlineMeeting) {
    if let Some(participants) = meeting.participants.value_mut() {
        if let Some(organizer) = participants.organizer.value_mut() {
            hide(parts(organizer).1, OnlineMeetingRole::UnknownFutureValue);
        }
        for attendee in participants.attendees.value_mut().into_iter().flatten() {
            hide(parts(attendee).1, OnlineMeetingRole::UnknownFutureValue);
        }
    }
    if let Some(settings) = meeting.lobby_bypass_settings.value_mut() {
        hide(&mut settings.scope, LobbyBypassScope::UnknownFutureValue);
    }
    if let Some(Ok(mut roles)) = meeting
        .additional_data
        .get_as::<Vec<OnlineMeetingRole>>("anonymizeIdentityForRoles")
    {
        for role in &mut roles {
            if role.is_evolvable() {
                *role = OnlineMeetingRole::UnknownFutureValue;
            }
        }
        meeting
            .additional_data
            .insert("anonymizeIdentityForRoles", &roles);
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

    fn options(include_unknown_enum_members: bool) -> RenderOptions<'static> {
        RenderOptions {
            include_unknown_enum_members,
            language: Language::English,
            service_root: "http://x/v1.0",
        }
    }

    fn rendered(meeting: &Meeting, include: bool) -> serde_json::Value {
        serde_json::from_slice(&meeting.render(&options(include))).unwrap()
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
    fn error_dates_have_no_fraction_or_zone() {
        let instant = DateTimeOffset::parse("2019-07-12T14:30:34.2444915-07:00").unwrap();
        assert_eq!(error_date(instant), "2019-07-12T21:30:34");
    }

    #[test]
    fn defaults_fill_start_and_end() {
        let request =
            CreateRequest::parse(br#"{"startDateTime":"2030-01-01T10:00:00+02:00"}"#).unwrap();
        let start = request.model.start_date_time.value().unwrap();
        let end = request.model.end_date_time.value().unwrap();
        assert_eq!(start.to_string(), "2030-01-01T08:00:00Z");
        assert_eq!(end.unix_seconds() - start.unix_seconds(), 3600);
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
            (br#"{"madeUp":1}"#, "not an updatable property"),
            (br#"{"subject":"x","endDateTime":"2030-01-01T10:00:00Z","startDateTime":"2030-01-01T11:00:00Z"}"#, "before"),
        ] {
            let error = meeting.update(body).unwrap_err();
            assert!(error.message.contains(expected), "{}", error.message);
            assert_eq!(meeting.model.subject.value().unwrap(), "s");
        }
        meeting
            .update(br#"{"anonymizeIdentityForRoles":["attendee"]}"#)
            .unwrap();
        let error = meeting
            .update(br#"{"anonymizeIdentityForRoles":[]}"#)
            .unwrap_err();
        assert!(error.message.contains("can't be removed"));
        meeting.update(br#"{"subject":null}"#).unwrap();
        assert!(meeting.model.subject.is_null());
    }

    #[test]
    fn evolvable_members_hidden_unless_asked() {
        let request = CreateRequest::parse(
            br#"{"isBroadcast":true,"lobbyBypassSettings":{"scope":"invited"}}"#,
        )
        .unwrap();
        let meeting = Meeting::create(request, organizer(), "1234567890".to_owned());
        let hidden = rendered(&meeting, false);
        assert_eq!(
            hidden["participants"]["organizer"]["role"],
            "unknownFutureValue"
        );
        assert_eq!(hidden["lobbyBypassSettings"]["scope"], "unknownFutureValue");
        let shown = rendered(&meeting, true);
        assert_eq!(shown["participants"]["organizer"]["role"], "producer");
        assert_eq!(shown["lobbyBypassSettings"]["scope"], "invited");
    }

    #[test]
    fn unknown_members_of_the_body_are_kept() {
        let request =
            CreateRequest::parse(br#"{"subject":"s","autoAdmittedUsers":"everyone"}"#).unwrap();
        let meeting = Meeting::create(request, organizer(), "1234567890".to_owned());
        assert_eq!(rendered(&meeting, false)["autoAdmittedUsers"], "everyone");
    }
}
