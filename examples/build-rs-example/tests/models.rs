//! The models generated from build.rs read and write Graph JSON without losing anything.

use build_rs_example::graph::{
    AnyIdentity, AnyIdentitySet, AnyMeetingParticipantInfo, ChatInfo, MeetingParticipants,
    OnlineMeetingRole,
};
use graph_core::{json, Property};

#[test]
fn chat_info_round_trips_with_unknown_members() {
    // Members are written in schema order, unknown ones after them.
    let input =
        r#"{"messageId":"0","replyChainMessageId":null,"threadId":"19:meeting","newMember":[1,2]}"#;
    let chat: ChatInfo = json::from_str(input).expect("reads");
    assert_eq!(
        chat.thread_id.value().map(String::as_str),
        Some("19:meeting")
    );
    assert!(chat.reply_chain_message_id.is_null());
    assert_eq!(chat.additional_data.get("newMember"), Some("[1,2]"));
    assert_eq!(json::to_string(&chat), input);
}

#[test]
fn participants_dispatch_on_odata_type_and_keep_unknown_enum_values() {
    let input = r##"{"organizer":{"identity":{"user":{"@odata.type":"#microsoft.graph.communicationsUserIdentity","id":"1","tenantId":"t"}},"role":"roleInvented2031"}}"##;
    let participants: MeetingParticipants = json::from_str(input).expect("reads");
    // No `@odata.type` on the organizer: the declared type is the fallback variant.
    let Some(AnyMeetingParticipantInfo::MeetingParticipantInfo(organizer)) =
        participants.organizer.value()
    else {
        panic!("organizer: {:?}", participants.organizer);
    };
    assert_eq!(
        organizer.role,
        Property::Value(OnlineMeetingRole::Unknown("roleInvented2031".to_owned()))
    );
    let Some(AnyIdentitySet::IdentitySet(identity_set)) = organizer.identity.value() else {
        panic!("identity: {:?}", organizer.identity);
    };
    let Some(AnyIdentity::CommunicationsUserIdentity(user)) = identity_set.user.value() else {
        panic!("user: {:?}", identity_set.user);
    };
    assert_eq!(user.tenant_id.value().map(String::as_str), Some("t"));
    assert_eq!(json::to_string(&participants), input);
}
