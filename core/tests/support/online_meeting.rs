//! A hand-written mirror of the generated `OnlineMeeting` and every type it reaches
//! (all structural properties of `microsoft.graph.onlineMeeting` in v1.0-clean.xml), written
//! with graph-core's derives exactly as design 0001 shapes generated code. Tests and benches
//! use it until the generated crate lands; then they can point at `graph_online_meetings`.
#![allow(dead_code, clippy::large_enum_variant, clippy::enum_variant_names)]
use graph_core::{edm, AdditionalData, Property};

/// `microsoft.graph.onlineMeeting`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.onlineMeeting")]
pub struct OnlineMeeting {
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "allowAttendeeToEnableCamera")]
    pub allow_attendee_to_enable_camera: Property<bool>,
    #[graph(name = "allowAttendeeToEnableMic")]
    pub allow_attendee_to_enable_mic: Property<bool>,
    #[graph(name = "allowBreakoutRooms")]
    pub allow_breakout_rooms: Property<bool>,
    #[graph(name = "allowCopyingAndSharingMeetingContent")]
    pub allow_copying_and_sharing_meeting_content: Property<bool>,
    #[graph(name = "allowedLobbyAdmitters")]
    pub allowed_lobby_admitters: Property<AllowedLobbyAdmitterRoles>,
    #[graph(name = "allowedPresenters")]
    pub allowed_presenters: Property<OnlineMeetingPresenters>,
    #[graph(name = "allowLiveShare")]
    pub allow_live_share: Property<MeetingLiveShareOptions>,
    #[graph(name = "allowMeetingChat")]
    pub allow_meeting_chat: Property<MeetingChatMode>,
    #[graph(name = "allowParticipantsToChangeName")]
    pub allow_participants_to_change_name: Property<bool>,
    #[graph(name = "allowPowerPointSharing")]
    pub allow_power_point_sharing: Property<bool>,
    #[graph(name = "allowRecording")]
    pub allow_recording: Property<bool>,
    #[graph(name = "allowTeamworkReactions")]
    pub allow_teamwork_reactions: Property<bool>,
    #[graph(name = "allowTranscription")]
    pub allow_transcription: Property<bool>,
    #[graph(name = "allowWhiteboard")]
    pub allow_whiteboard: Property<bool>,
    #[graph(name = "audioConferencing")]
    pub audio_conferencing: Property<AudioConferencing>,
    #[graph(name = "chatInfo")]
    pub chat_info: Property<ChatInfo>,
    #[graph(name = "chatRestrictions")]
    pub chat_restrictions: Property<ChatRestrictions>,
    #[graph(name = "cloudVideoInteropInfo")]
    pub cloud_video_interop_info: Property<CloudVideoInteropInfo>,
    #[graph(name = "expiryDateTime")]
    pub expiry_date_time: Property<edm::DateTimeOffset>,
    #[graph(name = "isEndToEndEncryptionEnabled")]
    pub is_end_to_end_encryption_enabled: Property<bool>,
    #[graph(name = "isEntryExitAnnounced")]
    pub is_entry_exit_announced: Property<bool>,
    #[graph(name = "joinInformation")]
    pub join_information: Property<ItemBody>,
    #[graph(name = "joinMeetingIdSettings")]
    pub join_meeting_id_settings: Property<JoinMeetingIdSettings>,
    #[graph(name = "joinWebUrl")]
    pub join_web_url: Property<String>,
    #[graph(name = "lobbyBypassSettings")]
    pub lobby_bypass_settings: Property<LobbyBypassSettings>,
    #[graph(name = "meetingOptionsWebUrl")]
    pub meeting_options_web_url: Property<String>,
    #[graph(name = "meetingSpokenLanguageTag")]
    pub meeting_spoken_language_tag: Property<String>,
    #[graph(name = "meetingType")]
    pub meeting_type: Property<OnlineMeetingType>,
    #[graph(name = "recordAutomatically")]
    pub record_automatically: Property<bool>,
    #[graph(name = "sensitivityLabelAssignment")]
    pub sensitivity_label_assignment: Property<OnlineMeetingSensitivityLabelAssignment>,
    #[graph(name = "shareMeetingChatHistoryDefault")]
    pub share_meeting_chat_history_default: Property<MeetingChatHistoryDefaultMode>,
    #[graph(name = "subject")]
    pub subject: Property<String>,
    #[graph(name = "videoTeleconferenceId")]
    pub video_teleconference_id: Property<String>,
    #[graph(name = "watermarkProtection")]
    pub watermark_protection: Property<WatermarkProtectionValues>,
    #[graph(name = "attendeeReport")]
    pub attendee_report: Property<edm::Stream>,
    #[graph(name = "broadcastSettings")]
    pub broadcast_settings: Property<BroadcastMeetingSettings>,
    #[graph(name = "creationDateTime")]
    pub creation_date_time: Property<edm::DateTimeOffset>,
    #[graph(name = "endDateTime")]
    pub end_date_time: Property<edm::DateTimeOffset>,
    #[graph(name = "externalId")]
    pub external_id: Property<String>,
    #[graph(name = "isBroadcast")]
    pub is_broadcast: Property<bool>,
    #[graph(name = "meetingTemplateId")]
    pub meeting_template_id: Property<String>,
    #[graph(name = "participants")]
    pub participants: Property<MeetingParticipants>,
    #[graph(name = "startDateTime")]
    pub start_date_time: Property<edm::DateTimeOffset>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.audioConferencing`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.audioConferencing")]
pub struct AudioConferencing {
    #[graph(name = "conferenceId")]
    pub conference_id: Property<String>,
    #[graph(name = "dialinUrl")]
    pub dialin_url: Property<String>,
    #[graph(name = "tollFreeNumber")]
    pub toll_free_number: Property<String>,
    #[graph(name = "tollFreeNumbers")]
    pub toll_free_numbers: Property<Vec<String>>,
    #[graph(name = "tollNumber")]
    pub toll_number: Property<String>,
    #[graph(name = "tollNumbers")]
    pub toll_numbers: Property<Vec<String>>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.chatInfo`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.chatInfo")]
pub struct ChatInfo {
    #[graph(name = "messageId")]
    pub message_id: Property<String>,
    #[graph(name = "replyChainMessageId")]
    pub reply_chain_message_id: Property<String>,
    #[graph(name = "threadId")]
    pub thread_id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.chatRestrictions`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.chatRestrictions")]
pub struct ChatRestrictions {
    #[graph(name = "allowTextOnly")]
    pub allow_text_only: Property<bool>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.cloudVideoInteropInfo`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.cloudVideoInteropInfo")]
pub struct CloudVideoInteropInfo {
    #[graph(name = "moreInfoWebUrl")]
    pub more_info_web_url: Property<String>,
    #[graph(name = "tenantKey")]
    pub tenant_key: Property<String>,
    #[graph(name = "videoTeleconferenceId")]
    pub video_teleconference_id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.itemBody`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.itemBody")]
pub struct ItemBody {
    #[graph(name = "content")]
    pub content: Property<String>,
    #[graph(name = "contentType")]
    pub content_type: Property<BodyType>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.joinMeetingIdSettings`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.joinMeetingIdSettings")]
pub struct JoinMeetingIdSettings {
    #[graph(name = "isPasscodeRequired")]
    pub is_passcode_required: Property<bool>,
    #[graph(name = "joinMeetingId")]
    pub join_meeting_id: Property<String>,
    #[graph(name = "passcode")]
    pub passcode: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.lobbyBypassSettings`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.lobbyBypassSettings")]
pub struct LobbyBypassSettings {
    #[graph(name = "isDialInBypassEnabled")]
    pub is_dial_in_bypass_enabled: Property<bool>,
    #[graph(name = "scope")]
    pub scope: Property<LobbyBypassScope>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.onlineMeetingSensitivityLabelAssignment`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.onlineMeetingSensitivityLabelAssignment")]
pub struct OnlineMeetingSensitivityLabelAssignment {
    #[graph(name = "sensitivityLabelId")]
    pub sensitivity_label_id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.watermarkProtectionValues`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.watermarkProtectionValues")]
pub struct WatermarkProtectionValues {
    #[graph(name = "isEnabledForContentSharing")]
    pub is_enabled_for_content_sharing: Property<bool>,
    #[graph(name = "isEnabledForVideo")]
    pub is_enabled_for_video: Property<bool>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.broadcastMeetingSettings`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.broadcastMeetingSettings")]
pub struct BroadcastMeetingSettings {
    #[graph(name = "allowedAudience")]
    pub allowed_audience: Property<BroadcastMeetingAudience>,
    #[graph(name = "captions")]
    pub captions: Property<BroadcastMeetingCaptionSettings>,
    #[graph(name = "isAttendeeReportEnabled")]
    pub is_attendee_report_enabled: Property<bool>,
    #[graph(name = "isQuestionAndAnswerEnabled")]
    pub is_question_and_answer_enabled: Property<bool>,
    #[graph(name = "isRecordingEnabled")]
    pub is_recording_enabled: Property<bool>,
    #[graph(name = "isVideoOnDemandEnabled")]
    pub is_video_on_demand_enabled: Property<bool>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.broadcastMeetingCaptionSettings`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.broadcastMeetingCaptionSettings")]
pub struct BroadcastMeetingCaptionSettings {
    #[graph(name = "isCaptionEnabled")]
    pub is_caption_enabled: Property<bool>,
    #[graph(name = "spokenLanguage")]
    pub spoken_language: Property<String>,
    #[graph(name = "translationLanguages")]
    pub translation_languages: Property<Vec<String>>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.meetingParticipants`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.meetingParticipants")]
pub struct MeetingParticipants {
    #[graph(name = "attendees")]
    pub attendees: Property<Vec<AnyMeetingParticipantInfo>>,
    #[graph(name = "organizer")]
    pub organizer: Property<AnyMeetingParticipantInfo>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.meetingParticipantInfo`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.meetingParticipantInfo")]
pub struct MeetingParticipantInfo {
    #[graph(name = "identity")]
    pub identity: Property<AnyIdentitySet>,
    #[graph(name = "role")]
    pub role: Property<OnlineMeetingRole>,
    #[graph(name = "upn")]
    pub upn: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.identitySet`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.identitySet")]
pub struct IdentitySet {
    #[graph(name = "application")]
    pub application: Property<AnyIdentity>,
    #[graph(name = "device")]
    pub device: Property<AnyIdentity>,
    #[graph(name = "user")]
    pub user: Property<AnyIdentity>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.identity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.identity")]
pub struct Identity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.azureCommunicationServicesUserIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.azureCommunicationServicesUserIdentity")]
pub struct AzureCommunicationServicesUserIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "azureCommunicationServicesResourceId")]
    pub azure_communication_services_resource_id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.callRecords.userIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.callRecords.userIdentity")]
pub struct CallRecordsUserIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "userPrincipalName")]
    pub user_principal_name: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.communicationsApplicationIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.communicationsApplicationIdentity")]
pub struct CommunicationsApplicationIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "applicationType")]
    pub application_type: Property<String>,
    #[graph(name = "hidden")]
    pub hidden: Property<bool>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.communicationsApplicationInstanceIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.communicationsApplicationInstanceIdentity")]
pub struct CommunicationsApplicationInstanceIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "hidden")]
    pub hidden: Property<bool>,
    #[graph(name = "tenantId")]
    pub tenant_id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.communicationsEncryptedIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.communicationsEncryptedIdentity")]
pub struct CommunicationsEncryptedIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.communicationsGuestIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.communicationsGuestIdentity")]
pub struct CommunicationsGuestIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "email")]
    pub email: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.communicationsPhoneIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.communicationsPhoneIdentity")]
pub struct CommunicationsPhoneIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.communicationsUserIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.communicationsUserIdentity")]
pub struct CommunicationsUserIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "tenantId")]
    pub tenant_id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.emailIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.emailIdentity")]
pub struct EmailIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "email")]
    pub email: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.initiator`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.initiator")]
pub struct Initiator {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "initiatorType")]
    pub initiator_type: Property<InitiatorType>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.provisionedIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.provisionedIdentity")]
pub struct ProvisionedIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "details")]
    pub details: Property<DetailsInfo>,
    #[graph(name = "identityType")]
    pub identity_type: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.detailsInfo`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.detailsInfo")]
pub struct DetailsInfo {
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.provisioningServicePrincipal`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.provisioningServicePrincipal")]
pub struct ProvisioningServicePrincipal {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.provisioningSystem`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.provisioningSystem")]
pub struct ProvisioningSystem {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "details")]
    pub details: Property<DetailsInfo>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.servicePrincipalIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.servicePrincipalIdentity")]
pub struct ServicePrincipalIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "appId")]
    pub app_id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.sharePointGroupIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.sharePointGroupIdentity")]
pub struct SharePointGroupIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "principalId")]
    pub principal_id: Property<String>,
    #[graph(name = "title")]
    pub title: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.sharePointIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.sharePointIdentity")]
pub struct SharePointIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "loginName")]
    pub login_name: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.teamworkApplicationIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.teamworkApplicationIdentity")]
pub struct TeamworkApplicationIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "applicationIdentityType")]
    pub application_identity_type: Property<TeamworkApplicationIdentityType>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.teamworkConversationIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.teamworkConversationIdentity")]
pub struct TeamworkConversationIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "conversationIdentityType")]
    pub conversation_identity_type: Property<TeamworkConversationIdentityType>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.teamworkTagIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.teamworkTagIdentity")]
pub struct TeamworkTagIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.teamworkUserIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.teamworkUserIdentity")]
pub struct TeamworkUserIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "userIdentityType")]
    pub user_identity_type: Property<TeamworkUserIdentityType>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.userIdentity`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.userIdentity")]
pub struct UserIdentity {
    #[graph(name = "displayName")]
    pub display_name: Property<String>,
    #[graph(name = "id")]
    pub id: Property<String>,
    #[graph(name = "ipAddress")]
    pub ip_address: Property<String>,
    #[graph(name = "userPrincipalName")]
    pub user_principal_name: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.aiInteractionMentionedIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.aiInteractionMentionedIdentitySet")]
pub struct AiInteractionMentionedIdentitySet {
    #[graph(name = "application")]
    pub application: Property<AnyIdentity>,
    #[graph(name = "device")]
    pub device: Property<AnyIdentity>,
    #[graph(name = "user")]
    pub user: Property<AnyIdentity>,
    #[graph(name = "conversation")]
    pub conversation: Property<TeamworkConversationIdentity>,
    #[graph(name = "tag")]
    pub tag: Property<TeamworkTagIdentity>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.chatMessageFromIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.chatMessageFromIdentitySet")]
pub struct ChatMessageFromIdentitySet {
    #[graph(name = "application")]
    pub application: Property<AnyIdentity>,
    #[graph(name = "device")]
    pub device: Property<AnyIdentity>,
    #[graph(name = "user")]
    pub user: Property<AnyIdentity>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.chatMessageMentionedIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.chatMessageMentionedIdentitySet")]
pub struct ChatMessageMentionedIdentitySet {
    #[graph(name = "application")]
    pub application: Property<AnyIdentity>,
    #[graph(name = "device")]
    pub device: Property<AnyIdentity>,
    #[graph(name = "user")]
    pub user: Property<AnyIdentity>,
    #[graph(name = "conversation")]
    pub conversation: Property<TeamworkConversationIdentity>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.chatMessageReactionIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.chatMessageReactionIdentitySet")]
pub struct ChatMessageReactionIdentitySet {
    #[graph(name = "application")]
    pub application: Property<AnyIdentity>,
    #[graph(name = "device")]
    pub device: Property<AnyIdentity>,
    #[graph(name = "user")]
    pub user: Property<AnyIdentity>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.communicationsIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.communicationsIdentitySet")]
pub struct CommunicationsIdentitySet {
    #[graph(name = "application")]
    pub application: Property<AnyIdentity>,
    #[graph(name = "device")]
    pub device: Property<AnyIdentity>,
    #[graph(name = "user")]
    pub user: Property<AnyIdentity>,
    #[graph(name = "applicationInstance")]
    pub application_instance: Property<AnyIdentity>,
    #[graph(name = "assertedIdentity")]
    pub asserted_identity: Property<AnyIdentity>,
    #[graph(name = "azureCommunicationServicesUser")]
    pub azure_communication_services_user: Property<AnyIdentity>,
    #[graph(name = "encrypted")]
    pub encrypted: Property<AnyIdentity>,
    #[graph(name = "endpointType")]
    pub endpoint_type: Property<EndpointType>,
    #[graph(name = "guest")]
    pub guest: Property<AnyIdentity>,
    #[graph(name = "onPremises")]
    pub on_premises: Property<AnyIdentity>,
    #[graph(name = "phone")]
    pub phone: Property<AnyIdentity>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.engagementIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.engagementIdentitySet")]
pub struct EngagementIdentitySet {
    #[graph(name = "application")]
    pub application: Property<AnyIdentity>,
    #[graph(name = "device")]
    pub device: Property<AnyIdentity>,
    #[graph(name = "user")]
    pub user: Property<AnyIdentity>,
    #[graph(name = "audience")]
    pub audience: Property<AnyIdentity>,
    #[graph(name = "group")]
    pub group: Property<AnyIdentity>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.sharePointIdentitySet`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.sharePointIdentitySet")]
pub struct SharePointIdentitySet {
    #[graph(name = "application")]
    pub application: Property<AnyIdentity>,
    #[graph(name = "device")]
    pub device: Property<AnyIdentity>,
    #[graph(name = "user")]
    pub user: Property<AnyIdentity>,
    #[graph(name = "group")]
    pub group: Property<AnyIdentity>,
    #[graph(name = "sharePointGroup")]
    pub share_point_group: Property<SharePointGroupIdentity>,
    #[graph(name = "siteGroup")]
    pub site_group: Property<SharePointIdentity>,
    #[graph(name = "siteUser")]
    pub site_user: Property<SharePointIdentity>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.virtualEventPresenterInfo`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.virtualEventPresenterInfo")]
pub struct VirtualEventPresenterInfo {
    #[graph(name = "identity")]
    pub identity: Property<AnyIdentitySet>,
    #[graph(name = "role")]
    pub role: Property<OnlineMeetingRole>,
    #[graph(name = "upn")]
    pub upn: Property<String>,
    #[graph(name = "presenterDetails")]
    pub presenter_details: Property<VirtualEventPresenterDetails>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.virtualEventPresenterDetails`.
#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.virtualEventPresenterDetails")]
pub struct VirtualEventPresenterDetails {
    #[graph(name = "bio")]
    pub bio: Property<ItemBody>,
    #[graph(name = "company")]
    pub company: Property<String>,
    #[graph(name = "jobTitle")]
    pub job_title: Property<String>,
    #[graph(name = "linkedInProfileWebUrl")]
    pub linked_in_profile_web_url: Property<String>,
    #[graph(name = "personalSiteWebUrl")]
    pub personal_site_web_url: Property<String>,
    #[graph(name = "photo")]
    pub photo: Property<edm::Stream>,
    #[graph(name = "twitterProfileWebUrl")]
    pub twitter_profile_web_url: Property<String>,
    /// Unknown members and annotations.
    #[graph(additional_data)]
    pub additional_data: AdditionalData,
}

/// `microsoft.graph.identity` or a derived type, by `@odata.type`.
#[derive(Clone, Debug, PartialEq, graph_core::Polymorphic)]
pub enum AnyIdentity {
    #[graph(odata_type = "microsoft.graph.azureCommunicationServicesUserIdentity")]
    AzureCommunicationServicesUserIdentity(Box<AzureCommunicationServicesUserIdentity>),
    #[graph(odata_type = "microsoft.graph.callRecords.userIdentity")]
    CallRecordsUserIdentity(Box<CallRecordsUserIdentity>),
    #[graph(odata_type = "microsoft.graph.communicationsApplicationIdentity")]
    CommunicationsApplicationIdentity(Box<CommunicationsApplicationIdentity>),
    #[graph(odata_type = "microsoft.graph.communicationsApplicationInstanceIdentity")]
    CommunicationsApplicationInstanceIdentity(Box<CommunicationsApplicationInstanceIdentity>),
    #[graph(odata_type = "microsoft.graph.communicationsEncryptedIdentity")]
    CommunicationsEncryptedIdentity(Box<CommunicationsEncryptedIdentity>),
    #[graph(odata_type = "microsoft.graph.communicationsGuestIdentity")]
    CommunicationsGuestIdentity(Box<CommunicationsGuestIdentity>),
    #[graph(odata_type = "microsoft.graph.communicationsPhoneIdentity")]
    CommunicationsPhoneIdentity(Box<CommunicationsPhoneIdentity>),
    #[graph(odata_type = "microsoft.graph.communicationsUserIdentity")]
    CommunicationsUserIdentity(Box<CommunicationsUserIdentity>),
    #[graph(odata_type = "microsoft.graph.emailIdentity")]
    EmailIdentity(Box<EmailIdentity>),
    #[graph(odata_type = "microsoft.graph.initiator")]
    Initiator(Box<Initiator>),
    #[graph(odata_type = "microsoft.graph.provisionedIdentity")]
    ProvisionedIdentity(Box<ProvisionedIdentity>),
    #[graph(odata_type = "microsoft.graph.provisioningServicePrincipal")]
    ProvisioningServicePrincipal(Box<ProvisioningServicePrincipal>),
    #[graph(odata_type = "microsoft.graph.provisioningSystem")]
    ProvisioningSystem(Box<ProvisioningSystem>),
    #[graph(odata_type = "microsoft.graph.servicePrincipalIdentity")]
    ServicePrincipalIdentity(Box<ServicePrincipalIdentity>),
    #[graph(odata_type = "microsoft.graph.sharePointGroupIdentity")]
    SharePointGroupIdentity(Box<SharePointGroupIdentity>),
    #[graph(odata_type = "microsoft.graph.sharePointIdentity")]
    SharePointIdentity(Box<SharePointIdentity>),
    #[graph(odata_type = "microsoft.graph.teamworkApplicationIdentity")]
    TeamworkApplicationIdentity(Box<TeamworkApplicationIdentity>),
    #[graph(odata_type = "microsoft.graph.teamworkConversationIdentity")]
    TeamworkConversationIdentity(Box<TeamworkConversationIdentity>),
    #[graph(odata_type = "microsoft.graph.teamworkTagIdentity")]
    TeamworkTagIdentity(Box<TeamworkTagIdentity>),
    #[graph(odata_type = "microsoft.graph.teamworkUserIdentity")]
    TeamworkUserIdentity(Box<TeamworkUserIdentity>),
    #[graph(odata_type = "microsoft.graph.userIdentity")]
    UserIdentity(Box<UserIdentity>),
    #[graph(fallback)]
    Identity(Identity),
}

/// `microsoft.graph.identitySet` or a derived type, by `@odata.type`.
#[derive(Clone, Debug, PartialEq, graph_core::Polymorphic)]
pub enum AnyIdentitySet {
    #[graph(odata_type = "microsoft.graph.aiInteractionMentionedIdentitySet")]
    AiInteractionMentionedIdentitySet(Box<AiInteractionMentionedIdentitySet>),
    #[graph(odata_type = "microsoft.graph.chatMessageFromIdentitySet")]
    ChatMessageFromIdentitySet(Box<ChatMessageFromIdentitySet>),
    #[graph(odata_type = "microsoft.graph.chatMessageMentionedIdentitySet")]
    ChatMessageMentionedIdentitySet(Box<ChatMessageMentionedIdentitySet>),
    #[graph(odata_type = "microsoft.graph.chatMessageReactionIdentitySet")]
    ChatMessageReactionIdentitySet(Box<ChatMessageReactionIdentitySet>),
    #[graph(odata_type = "microsoft.graph.communicationsIdentitySet")]
    CommunicationsIdentitySet(Box<CommunicationsIdentitySet>),
    #[graph(odata_type = "microsoft.graph.engagementIdentitySet")]
    EngagementIdentitySet(Box<EngagementIdentitySet>),
    #[graph(odata_type = "microsoft.graph.sharePointIdentitySet")]
    SharePointIdentitySet(Box<SharePointIdentitySet>),
    #[graph(fallback)]
    IdentitySet(IdentitySet),
}

/// `microsoft.graph.meetingParticipantInfo` or a derived type, by `@odata.type`.
#[derive(Clone, Debug, PartialEq, graph_core::Polymorphic)]
pub enum AnyMeetingParticipantInfo {
    #[graph(odata_type = "microsoft.graph.virtualEventPresenterInfo")]
    VirtualEventPresenterInfo(Box<VirtualEventPresenterInfo>),
    #[graph(fallback)]
    MeetingParticipantInfo(MeetingParticipantInfo),
}

/// `microsoft.graph.allowedLobbyAdmitterRoles`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum AllowedLobbyAdmitterRoles {
    #[graph(name = "organizerAndCoOrganizersAndPresenters")]
    OrganizerAndCoOrganizersAndPresenters,
    #[graph(name = "organizerAndCoOrganizers")]
    OrganizerAndCoOrganizers,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.onlineMeetingPresenters`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum OnlineMeetingPresenters {
    #[graph(name = "everyone")]
    Everyone,
    #[graph(name = "organization")]
    Organization,
    #[graph(name = "roleIsPresenter")]
    RoleIsPresenter,
    #[graph(name = "organizer")]
    Organizer,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.meetingLiveShareOptions`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum MeetingLiveShareOptions {
    #[graph(name = "enabled")]
    Enabled,
    #[graph(name = "disabled")]
    Disabled,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.meetingChatMode`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum MeetingChatMode {
    #[graph(name = "enabled")]
    Enabled,
    #[graph(name = "disabled")]
    Disabled,
    #[graph(name = "limited")]
    Limited,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.bodyType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum BodyType {
    #[graph(name = "text")]
    Text,
    #[graph(name = "html")]
    Html,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.lobbyBypassScope`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum LobbyBypassScope {
    #[graph(name = "organizer")]
    Organizer,
    #[graph(name = "organization")]
    Organization,
    #[graph(name = "organizationAndFederated")]
    OrganizationAndFederated,
    #[graph(name = "everyone")]
    Everyone,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    #[graph(name = "invited", evolvable)]
    Invited,
    #[graph(name = "organizationExcludingGuests", evolvable)]
    OrganizationExcludingGuests,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.onlineMeetingType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum OnlineMeetingType {
    #[graph(name = "adhoc")]
    Adhoc,
    #[graph(name = "scheduled")]
    Scheduled,
    #[graph(name = "recurring")]
    Recurring,
    #[graph(name = "broadcast")]
    Broadcast,
    #[graph(name = "meetnow")]
    Meetnow,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.meetingChatHistoryDefaultMode`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum MeetingChatHistoryDefaultMode {
    #[graph(name = "none")]
    None,
    #[graph(name = "all")]
    All,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.broadcastMeetingAudience`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum BroadcastMeetingAudience {
    #[graph(name = "roleIsAttendee")]
    RoleIsAttendee,
    #[graph(name = "organization")]
    Organization,
    #[graph(name = "everyone")]
    Everyone,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.initiatorType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum InitiatorType {
    #[graph(name = "user")]
    User,
    #[graph(name = "application")]
    Application,
    #[graph(name = "system")]
    System,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.teamworkApplicationIdentityType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum TeamworkApplicationIdentityType {
    #[graph(name = "aadApplication")]
    AadApplication,
    #[graph(name = "bot")]
    Bot,
    #[graph(name = "tenantBot")]
    TenantBot,
    #[graph(name = "office365Connector")]
    Office365Connector,
    #[graph(name = "outgoingWebhook")]
    OutgoingWebhook,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.teamworkConversationIdentityType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum TeamworkConversationIdentityType {
    #[graph(name = "team")]
    Team,
    #[graph(name = "channel")]
    Channel,
    #[graph(name = "chat")]
    Chat,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.teamworkUserIdentityType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum TeamworkUserIdentityType {
    #[graph(name = "aadUser")]
    AadUser,
    #[graph(name = "onPremiseAadUser")]
    OnPremiseAadUser,
    #[graph(name = "anonymousGuest")]
    AnonymousGuest,
    #[graph(name = "federatedUser")]
    FederatedUser,
    #[graph(name = "personalMicrosoftAccountUser")]
    PersonalMicrosoftAccountUser,
    #[graph(name = "skypeUser")]
    SkypeUser,
    #[graph(name = "phoneUser")]
    PhoneUser,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    #[graph(name = "emailUser", evolvable)]
    EmailUser,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.endpointType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum EndpointType {
    #[graph(name = "default")]
    Default,
    #[graph(name = "voicemail")]
    Voicemail,
    #[graph(name = "skypeForBusiness")]
    SkypeForBusiness,
    #[graph(name = "skypeForBusinessVoipPhone")]
    SkypeForBusinessVoipPhone,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}

/// `microsoft.graph.onlineMeetingRole`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
pub enum OnlineMeetingRole {
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
    /// A member this version does not know.
    #[graph(unknown)]
    Unknown(String),
}
