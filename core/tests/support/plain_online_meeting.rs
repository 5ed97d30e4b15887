//! Plain serde-derive twin of `online_meeting.rs` (lossy baseline for benchmarks): same shape,
//! `Option` fields, closed enums with a catch-all, date-times as strings, no polymorphism.
#![allow(dead_code, clippy::all)]
use serde::{Deserialize, Serialize};

/// `microsoft.graph.onlineMeeting`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OnlineMeeting {
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(
        rename = "allowAttendeeToEnableCamera",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_attendee_to_enable_camera: Option<bool>,
    #[serde(
        rename = "allowAttendeeToEnableMic",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_attendee_to_enable_mic: Option<bool>,
    #[serde(
        rename = "allowBreakoutRooms",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_breakout_rooms: Option<bool>,
    #[serde(
        rename = "allowCopyingAndSharingMeetingContent",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_copying_and_sharing_meeting_content: Option<bool>,
    #[serde(
        rename = "allowedLobbyAdmitters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_lobby_admitters: Option<AllowedLobbyAdmitterRoles>,
    #[serde(
        rename = "allowedPresenters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_presenters: Option<OnlineMeetingPresenters>,
    #[serde(
        rename = "allowLiveShare",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_live_share: Option<MeetingLiveShareOptions>,
    #[serde(
        rename = "allowMeetingChat",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_meeting_chat: Option<MeetingChatMode>,
    #[serde(
        rename = "allowParticipantsToChangeName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_participants_to_change_name: Option<bool>,
    #[serde(
        rename = "allowPowerPointSharing",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_power_point_sharing: Option<bool>,
    #[serde(
        rename = "allowRecording",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_recording: Option<bool>,
    #[serde(
        rename = "allowTeamworkReactions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_teamwork_reactions: Option<bool>,
    #[serde(
        rename = "allowTranscription",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_transcription: Option<bool>,
    #[serde(
        rename = "allowWhiteboard",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_whiteboard: Option<bool>,
    #[serde(
        rename = "audioConferencing",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub audio_conferencing: Option<AudioConferencing>,
    #[serde(rename = "chatInfo", default, skip_serializing_if = "Option::is_none")]
    pub chat_info: Option<ChatInfo>,
    #[serde(
        rename = "chatRestrictions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub chat_restrictions: Option<ChatRestrictions>,
    #[serde(
        rename = "cloudVideoInteropInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cloud_video_interop_info: Option<CloudVideoInteropInfo>,
    #[serde(
        rename = "expiryDateTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_date_time: Option<String>,
    #[serde(
        rename = "isEndToEndEncryptionEnabled",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_end_to_end_encryption_enabled: Option<bool>,
    #[serde(
        rename = "isEntryExitAnnounced",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_entry_exit_announced: Option<bool>,
    #[serde(
        rename = "joinInformation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub join_information: Option<ItemBody>,
    #[serde(
        rename = "joinMeetingIdSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub join_meeting_id_settings: Option<JoinMeetingIdSettings>,
    #[serde(
        rename = "joinWebUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub join_web_url: Option<String>,
    #[serde(
        rename = "lobbyBypassSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub lobby_bypass_settings: Option<LobbyBypassSettings>,
    #[serde(
        rename = "meetingOptionsWebUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub meeting_options_web_url: Option<String>,
    #[serde(
        rename = "meetingSpokenLanguageTag",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub meeting_spoken_language_tag: Option<String>,
    #[serde(
        rename = "meetingType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub meeting_type: Option<OnlineMeetingType>,
    #[serde(
        rename = "recordAutomatically",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub record_automatically: Option<bool>,
    #[serde(
        rename = "sensitivityLabelAssignment",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sensitivity_label_assignment: Option<OnlineMeetingSensitivityLabelAssignment>,
    #[serde(
        rename = "shareMeetingChatHistoryDefault",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub share_meeting_chat_history_default: Option<MeetingChatHistoryDefaultMode>,
    #[serde(rename = "subject", default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(
        rename = "videoTeleconferenceId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub video_teleconference_id: Option<String>,
    #[serde(
        rename = "watermarkProtection",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub watermark_protection: Option<WatermarkProtectionValues>,
    #[serde(
        rename = "attendeeReport",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attendee_report: Option<serde_json::Value>,
    #[serde(
        rename = "broadcastSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub broadcast_settings: Option<BroadcastMeetingSettings>,
    #[serde(
        rename = "creationDateTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date_time: Option<String>,
    #[serde(
        rename = "endDateTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub end_date_time: Option<String>,
    #[serde(
        rename = "externalId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub external_id: Option<String>,
    #[serde(
        rename = "isBroadcast",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_broadcast: Option<bool>,
    #[serde(
        rename = "meetingTemplateId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub meeting_template_id: Option<String>,
    #[serde(
        rename = "participants",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub participants: Option<MeetingParticipants>,
    #[serde(
        rename = "startDateTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub start_date_time: Option<String>,
}

/// `microsoft.graph.audioConferencing`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AudioConferencing {
    #[serde(
        rename = "conferenceId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub conference_id: Option<String>,
    #[serde(rename = "dialinUrl", default, skip_serializing_if = "Option::is_none")]
    pub dialin_url: Option<String>,
    #[serde(
        rename = "tollFreeNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub toll_free_number: Option<String>,
    #[serde(
        rename = "tollFreeNumbers",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub toll_free_numbers: Option<Vec<String>>,
    #[serde(
        rename = "tollNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub toll_number: Option<String>,
    #[serde(
        rename = "tollNumbers",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub toll_numbers: Option<Vec<String>>,
}

/// `microsoft.graph.chatInfo`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatInfo {
    #[serde(rename = "messageId", default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(
        rename = "replyChainMessageId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reply_chain_message_id: Option<String>,
    #[serde(rename = "threadId", default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
}

/// `microsoft.graph.chatRestrictions`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatRestrictions {
    #[serde(
        rename = "allowTextOnly",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_text_only: Option<bool>,
}

/// `microsoft.graph.cloudVideoInteropInfo`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CloudVideoInteropInfo {
    #[serde(
        rename = "moreInfoWebUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub more_info_web_url: Option<String>,
    #[serde(rename = "tenantKey", default, skip_serializing_if = "Option::is_none")]
    pub tenant_key: Option<String>,
    #[serde(
        rename = "videoTeleconferenceId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub video_teleconference_id: Option<String>,
}

/// `microsoft.graph.itemBody`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemBody {
    #[serde(rename = "content", default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[serde(
        rename = "contentType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub content_type: Option<BodyType>,
}

/// `microsoft.graph.joinMeetingIdSettings`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JoinMeetingIdSettings {
    #[serde(
        rename = "isPasscodeRequired",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_passcode_required: Option<bool>,
    #[serde(
        rename = "joinMeetingId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub join_meeting_id: Option<String>,
    #[serde(rename = "passcode", default, skip_serializing_if = "Option::is_none")]
    pub passcode: Option<String>,
}

/// `microsoft.graph.lobbyBypassSettings`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LobbyBypassSettings {
    #[serde(
        rename = "isDialInBypassEnabled",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_dial_in_bypass_enabled: Option<bool>,
    #[serde(rename = "scope", default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<LobbyBypassScope>,
}

/// `microsoft.graph.onlineMeetingSensitivityLabelAssignment`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OnlineMeetingSensitivityLabelAssignment {
    #[serde(
        rename = "sensitivityLabelId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sensitivity_label_id: Option<String>,
}

/// `microsoft.graph.watermarkProtectionValues`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WatermarkProtectionValues {
    #[serde(
        rename = "isEnabledForContentSharing",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_enabled_for_content_sharing: Option<bool>,
    #[serde(
        rename = "isEnabledForVideo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_enabled_for_video: Option<bool>,
}

/// `microsoft.graph.broadcastMeetingSettings`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BroadcastMeetingSettings {
    #[serde(
        rename = "allowedAudience",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_audience: Option<BroadcastMeetingAudience>,
    #[serde(rename = "captions", default, skip_serializing_if = "Option::is_none")]
    pub captions: Option<BroadcastMeetingCaptionSettings>,
    #[serde(
        rename = "isAttendeeReportEnabled",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_attendee_report_enabled: Option<bool>,
    #[serde(
        rename = "isQuestionAndAnswerEnabled",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_question_and_answer_enabled: Option<bool>,
    #[serde(
        rename = "isRecordingEnabled",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_recording_enabled: Option<bool>,
    #[serde(
        rename = "isVideoOnDemandEnabled",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_video_on_demand_enabled: Option<bool>,
}

/// `microsoft.graph.broadcastMeetingCaptionSettings`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BroadcastMeetingCaptionSettings {
    #[serde(
        rename = "isCaptionEnabled",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_caption_enabled: Option<bool>,
    #[serde(
        rename = "spokenLanguage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub spoken_language: Option<String>,
    #[serde(
        rename = "translationLanguages",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub translation_languages: Option<Vec<String>>,
}

/// `microsoft.graph.meetingParticipants`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeetingParticipants {
    #[serde(rename = "attendees", default, skip_serializing_if = "Option::is_none")]
    pub attendees: Option<Vec<MeetingParticipantInfo>>,
    #[serde(rename = "organizer", default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<MeetingParticipantInfo>,
}

/// `microsoft.graph.meetingParticipantInfo`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeetingParticipantInfo {
    #[serde(rename = "identity", default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentitySet>,
    #[serde(rename = "role", default, skip_serializing_if = "Option::is_none")]
    pub role: Option<OnlineMeetingRole>,
    #[serde(rename = "upn", default, skip_serializing_if = "Option::is_none")]
    pub upn: Option<String>,
}

/// `microsoft.graph.identitySet`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IdentitySet {
    #[serde(
        rename = "application",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application: Option<Identity>,
    #[serde(rename = "device", default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Identity>,
    #[serde(rename = "user", default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Identity>,
}

/// `microsoft.graph.identity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Identity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `microsoft.graph.azureCommunicationServicesUserIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AzureCommunicationServicesUserIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(
        rename = "azureCommunicationServicesResourceId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub azure_communication_services_resource_id: Option<String>,
}

/// `microsoft.graph.callRecords.userIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CallRecordsUserIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(
        rename = "userPrincipalName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_principal_name: Option<String>,
}

/// `microsoft.graph.communicationsApplicationIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommunicationsApplicationIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(
        rename = "applicationType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application_type: Option<String>,
    #[serde(rename = "hidden", default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
}

/// `microsoft.graph.communicationsApplicationInstanceIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommunicationsApplicationInstanceIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "hidden", default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    #[serde(rename = "tenantId", default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
}

/// `microsoft.graph.communicationsEncryptedIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommunicationsEncryptedIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `microsoft.graph.communicationsGuestIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommunicationsGuestIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// `microsoft.graph.communicationsPhoneIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommunicationsPhoneIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `microsoft.graph.communicationsUserIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommunicationsUserIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "tenantId", default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
}

/// `microsoft.graph.emailIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmailIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// `microsoft.graph.initiator`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Initiator {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(
        rename = "initiatorType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub initiator_type: Option<InitiatorType>,
}

/// `microsoft.graph.provisionedIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProvisionedIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "details", default, skip_serializing_if = "Option::is_none")]
    pub details: Option<DetailsInfo>,
    #[serde(
        rename = "identityType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_type: Option<String>,
}

/// `microsoft.graph.detailsInfo`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DetailsInfo {}

/// `microsoft.graph.provisioningServicePrincipal`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProvisioningServicePrincipal {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `microsoft.graph.provisioningSystem`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProvisioningSystem {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "details", default, skip_serializing_if = "Option::is_none")]
    pub details: Option<DetailsInfo>,
}

/// `microsoft.graph.servicePrincipalIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ServicePrincipalIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "appId", default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
}

/// `microsoft.graph.sharePointGroupIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SharePointGroupIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(
        rename = "principalId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub principal_id: Option<String>,
    #[serde(rename = "title", default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// `microsoft.graph.sharePointIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SharePointIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "loginName", default, skip_serializing_if = "Option::is_none")]
    pub login_name: Option<String>,
}

/// `microsoft.graph.teamworkApplicationIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamworkApplicationIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(
        rename = "applicationIdentityType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application_identity_type: Option<TeamworkApplicationIdentityType>,
}

/// `microsoft.graph.teamworkConversationIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamworkConversationIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(
        rename = "conversationIdentityType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub conversation_identity_type: Option<TeamworkConversationIdentityType>,
}

/// `microsoft.graph.teamworkTagIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamworkTagIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `microsoft.graph.teamworkUserIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamworkUserIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(
        rename = "userIdentityType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_identity_type: Option<TeamworkUserIdentityType>,
}

/// `microsoft.graph.userIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserIdentity {
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "ipAddress", default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    #[serde(
        rename = "userPrincipalName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_principal_name: Option<String>,
}

/// `microsoft.graph.aiInteractionMentionedIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AiInteractionMentionedIdentitySet {
    #[serde(
        rename = "application",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application: Option<Identity>,
    #[serde(rename = "device", default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Identity>,
    #[serde(rename = "user", default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Identity>,
    #[serde(
        rename = "conversation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub conversation: Option<TeamworkConversationIdentity>,
    #[serde(rename = "tag", default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<TeamworkTagIdentity>,
}

/// `microsoft.graph.chatMessageFromIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatMessageFromIdentitySet {
    #[serde(
        rename = "application",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application: Option<Identity>,
    #[serde(rename = "device", default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Identity>,
    #[serde(rename = "user", default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Identity>,
}

/// `microsoft.graph.chatMessageMentionedIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatMessageMentionedIdentitySet {
    #[serde(
        rename = "application",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application: Option<Identity>,
    #[serde(rename = "device", default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Identity>,
    #[serde(rename = "user", default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Identity>,
    #[serde(
        rename = "conversation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub conversation: Option<TeamworkConversationIdentity>,
}

/// `microsoft.graph.chatMessageReactionIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatMessageReactionIdentitySet {
    #[serde(
        rename = "application",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application: Option<Identity>,
    #[serde(rename = "device", default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Identity>,
    #[serde(rename = "user", default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Identity>,
}

/// `microsoft.graph.communicationsIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommunicationsIdentitySet {
    #[serde(
        rename = "application",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application: Option<Identity>,
    #[serde(rename = "device", default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Identity>,
    #[serde(rename = "user", default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Identity>,
    #[serde(
        rename = "applicationInstance",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application_instance: Option<Identity>,
    #[serde(
        rename = "assertedIdentity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub asserted_identity: Option<Identity>,
    #[serde(
        rename = "azureCommunicationServicesUser",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub azure_communication_services_user: Option<Identity>,
    #[serde(rename = "encrypted", default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<Identity>,
    #[serde(
        rename = "endpointType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_type: Option<EndpointType>,
    #[serde(rename = "guest", default, skip_serializing_if = "Option::is_none")]
    pub guest: Option<Identity>,
    #[serde(
        rename = "onPremises",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub on_premises: Option<Identity>,
    #[serde(rename = "phone", default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Identity>,
}

/// `microsoft.graph.engagementIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EngagementIdentitySet {
    #[serde(
        rename = "application",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application: Option<Identity>,
    #[serde(rename = "device", default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Identity>,
    #[serde(rename = "user", default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Identity>,
    #[serde(rename = "audience", default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Identity>,
    #[serde(rename = "group", default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Identity>,
}

/// `microsoft.graph.sharePointIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SharePointIdentitySet {
    #[serde(
        rename = "application",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub application: Option<Identity>,
    #[serde(rename = "device", default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Identity>,
    #[serde(rename = "user", default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Identity>,
    #[serde(rename = "group", default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Identity>,
    #[serde(
        rename = "sharePointGroup",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub share_point_group: Option<SharePointGroupIdentity>,
    #[serde(rename = "siteGroup", default, skip_serializing_if = "Option::is_none")]
    pub site_group: Option<SharePointIdentity>,
    #[serde(rename = "siteUser", default, skip_serializing_if = "Option::is_none")]
    pub site_user: Option<SharePointIdentity>,
}

/// `microsoft.graph.virtualEventPresenterInfo`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VirtualEventPresenterInfo {
    #[serde(rename = "identity", default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentitySet>,
    #[serde(rename = "role", default, skip_serializing_if = "Option::is_none")]
    pub role: Option<OnlineMeetingRole>,
    #[serde(rename = "upn", default, skip_serializing_if = "Option::is_none")]
    pub upn: Option<String>,
    #[serde(
        rename = "presenterDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub presenter_details: Option<VirtualEventPresenterDetails>,
}

/// `microsoft.graph.virtualEventPresenterDetails`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VirtualEventPresenterDetails {
    #[serde(rename = "bio", default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<ItemBody>,
    #[serde(rename = "company", default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(rename = "jobTitle", default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    #[serde(
        rename = "linkedInProfileWebUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub linked_in_profile_web_url: Option<String>,
    #[serde(
        rename = "personalSiteWebUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_site_web_url: Option<String>,
    #[serde(rename = "photo", default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<serde_json::Value>,
    #[serde(
        rename = "twitterProfileWebUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub twitter_profile_web_url: Option<String>,
}

/// `microsoft.graph.allowedLobbyAdmitterRoles`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AllowedLobbyAdmitterRoles {
    #[serde(rename = "organizerAndCoOrganizersAndPresenters")]
    OrganizerAndCoOrganizersAndPresenters,
    #[serde(rename = "organizerAndCoOrganizers")]
    OrganizerAndCoOrganizers,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.onlineMeetingPresenters`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OnlineMeetingPresenters {
    #[serde(rename = "everyone")]
    Everyone,
    #[serde(rename = "organization")]
    Organization,
    #[serde(rename = "roleIsPresenter")]
    RoleIsPresenter,
    #[serde(rename = "organizer")]
    Organizer,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.meetingLiveShareOptions`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeetingLiveShareOptions {
    #[serde(rename = "enabled")]
    Enabled,
    #[serde(rename = "disabled")]
    Disabled,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.meetingChatMode`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeetingChatMode {
    #[serde(rename = "enabled")]
    Enabled,
    #[serde(rename = "disabled")]
    Disabled,
    #[serde(rename = "limited")]
    Limited,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.bodyType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BodyType {
    #[serde(rename = "text")]
    Text,
    #[serde(rename = "html")]
    Html,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.lobbyBypassScope`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LobbyBypassScope {
    #[serde(rename = "organizer")]
    Organizer,
    #[serde(rename = "organization")]
    Organization,
    #[serde(rename = "organizationAndFederated")]
    OrganizationAndFederated,
    #[serde(rename = "everyone")]
    Everyone,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(rename = "invited")]
    Invited,
    #[serde(rename = "organizationExcludingGuests")]
    OrganizationExcludingGuests,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.onlineMeetingType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OnlineMeetingType {
    #[serde(rename = "adhoc")]
    Adhoc,
    #[serde(rename = "scheduled")]
    Scheduled,
    #[serde(rename = "recurring")]
    Recurring,
    #[serde(rename = "broadcast")]
    Broadcast,
    #[serde(rename = "meetnow")]
    Meetnow,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.meetingChatHistoryDefaultMode`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeetingChatHistoryDefaultMode {
    #[serde(rename = "none")]
    None,
    #[serde(rename = "all")]
    All,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.broadcastMeetingAudience`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BroadcastMeetingAudience {
    #[serde(rename = "roleIsAttendee")]
    RoleIsAttendee,
    #[serde(rename = "organization")]
    Organization,
    #[serde(rename = "everyone")]
    Everyone,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.initiatorType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InitiatorType {
    #[serde(rename = "user")]
    User,
    #[serde(rename = "application")]
    Application,
    #[serde(rename = "system")]
    System,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.teamworkApplicationIdentityType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TeamworkApplicationIdentityType {
    #[serde(rename = "aadApplication")]
    AadApplication,
    #[serde(rename = "bot")]
    Bot,
    #[serde(rename = "tenantBot")]
    TenantBot,
    #[serde(rename = "office365Connector")]
    Office365Connector,
    #[serde(rename = "outgoingWebhook")]
    OutgoingWebhook,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.teamworkConversationIdentityType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TeamworkConversationIdentityType {
    #[serde(rename = "team")]
    Team,
    #[serde(rename = "channel")]
    Channel,
    #[serde(rename = "chat")]
    Chat,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.teamworkUserIdentityType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TeamworkUserIdentityType {
    #[serde(rename = "aadUser")]
    AadUser,
    #[serde(rename = "onPremiseAadUser")]
    OnPremiseAadUser,
    #[serde(rename = "anonymousGuest")]
    AnonymousGuest,
    #[serde(rename = "federatedUser")]
    FederatedUser,
    #[serde(rename = "personalMicrosoftAccountUser")]
    PersonalMicrosoftAccountUser,
    #[serde(rename = "skypeUser")]
    SkypeUser,
    #[serde(rename = "phoneUser")]
    PhoneUser,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(rename = "emailUser")]
    EmailUser,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.endpointType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EndpointType {
    #[serde(rename = "default")]
    Default,
    #[serde(rename = "voicemail")]
    Voicemail,
    #[serde(rename = "skypeForBusiness")]
    SkypeForBusiness,
    #[serde(rename = "skypeForBusinessVoipPhone")]
    SkypeForBusinessVoipPhone,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(other)]
    Unknown,
}

/// `microsoft.graph.onlineMeetingRole`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OnlineMeetingRole {
    #[serde(rename = "attendee")]
    Attendee,
    #[serde(rename = "presenter")]
    Presenter,
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
    #[serde(rename = "producer")]
    Producer,
    #[serde(rename = "coorganizer")]
    Coorganizer,
    #[serde(other)]
    Unknown,
}
