//! Hand-written validation rules, for what no declarative term can state.
//!
//! The metadata names them (`GraphRs.Validation.Rule` in `metadata/onlineMeeting.rules.xml`);
//! graph-codegen turns the name into `#[validate(rule = crate::rules::<snake_case name>)]` on the
//! annotated type and on its derived types, so each rule is generic over the types it serves.

use graph_core::validate::{Rule, Segment, ValidationContext};
use graph_core::Property;

use crate::{
    AnyIdentity, AnyIdentitySet, MeetingParticipantInfo, OnlineMeetingRole,
    VirtualEventPresenterInfo,
};

/// A `meetingParticipantInfo` or a type derived from it.
pub trait Participant {
    /// Who the participant is.
    fn identity(&self) -> &Property<AnyIdentitySet>;
    /// The participant's role in the meeting.
    fn role(&self) -> &Property<OnlineMeetingRole>;
}

impl Participant for MeetingParticipantInfo {
    fn identity(&self) -> &Property<AnyIdentitySet> {
        &self.identity
    }

    fn role(&self) -> &Property<OnlineMeetingRole> {
        &self.role
    }
}

impl Participant for VirtualEventPresenterInfo {
    fn identity(&self) -> &Property<AnyIdentitySet> {
        &self.identity
    }

    fn role(&self) -> &Property<OnlineMeetingRole> {
        &self.role
    }
}

/// The stable code of [`directory_user_role`] violations.
pub const DIRECTORY_USER_ROLE: Rule = Rule::Custom("directory_user_role");

/// `presenter` and `coorganizer` are only supported for users registered in Microsoft Entra ID
/// (the directory), that is participants whose `identity.user` is present; for anyone else the
/// service accepts the request and ignores the role.
pub fn directory_user_role<P: Participant>(participant: &P, ctx: &mut ValidationContext<'_>) {
    let Property::Value(role) = participant.role() else {
        return;
    };
    let name = match role {
        OnlineMeetingRole::Presenter => "presenter",
        OnlineMeetingRole::Coorganizer => "coorganizer",
        _ => return,
    };
    let has_user = participant
        .identity()
        .value()
        .is_some_and(|identity| directory_user(identity).is_value());
    if !has_user {
        report_role(ctx, name);
    }
}

#[cold]
fn report_role(ctx: &mut ValidationContext<'_>, role: &str) {
    ctx.report_at(
        &[Segment::Key("role")],
        DIRECTORY_USER_ROLE,
        format!(
            "the `{role}` role is only supported for directory users: set `identity.user` \
             (a Microsoft Entra ID user) or use another role"
        ),
    );
}

/// The `user` of any identity set (every derived set inherits it).
fn directory_user(identity: &AnyIdentitySet) -> &Property<AnyIdentity> {
    match identity {
        AnyIdentitySet::AiInteractionMentionedIdentitySet(set) => &set.user,
        AnyIdentitySet::ChatMessageFromIdentitySet(set) => &set.user,
        AnyIdentitySet::ChatMessageMentionedIdentitySet(set) => &set.user,
        AnyIdentitySet::ChatMessageReactionIdentitySet(set) => &set.user,
        AnyIdentitySet::CommunicationsIdentitySet(set) => &set.user,
        AnyIdentitySet::EngagementIdentitySet(set) => &set.user,
        AnyIdentitySet::SharePointIdentitySet(set) => &set.user,
        AnyIdentitySet::IdentitySet(set) => &set.user,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CommunicationsIdentitySet, Identity, IdentitySet};
    use graph_core::validate::ValidationError;
    use graph_core::Operation;

    fn check<P: Participant>(participant: &P) -> Vec<ValidationError> {
        let mut errors = Vec::new();
        let mut root = ValidationContext::new(Operation::Create, &mut errors);
        let mut ctx = root.enter(Segment::Key("organizer"));
        directory_user_role(participant, &mut ctx);
        errors
    }

    fn identity(id: &str) -> Property<AnyIdentity> {
        Property::Value(AnyIdentity::Identity(Identity {
            id: Property::Value(id.to_owned()),
            ..Identity::default()
        }))
    }

    fn participant(
        identity: Option<AnyIdentitySet>,
        role: OnlineMeetingRole,
    ) -> MeetingParticipantInfo {
        MeetingParticipantInfo {
            identity: identity.map_or(Property::Absent, Property::Value),
            role: Property::Value(role),
            ..MeetingParticipantInfo::default()
        }
    }

    fn user() -> AnyIdentitySet {
        AnyIdentitySet::IdentitySet(IdentitySet {
            user: identity("5810cede-f3cc-42eb-b2c1-e9bd5d53ec96"),
            ..IdentitySet::default()
        })
    }

    fn phone_caller() -> AnyIdentitySet {
        // Derived variants are boxed.
        AnyIdentitySet::CommunicationsIdentitySet(
            CommunicationsIdentitySet {
                phone: identity("+1 555 0100"),
                ..CommunicationsIdentitySet::default()
            }
            .into(),
        )
    }

    #[test]
    fn presenter_and_coorganizer_need_a_directory_user() {
        for role in [OnlineMeetingRole::Presenter, OnlineMeetingRole::Coorganizer] {
            assert!(check(&participant(Some(user()), role.clone())).is_empty());
            for identity in [Some(phone_caller()), None] {
                let errors = check(&participant(identity, role.clone()));
                let found: Vec<(&str, Rule)> =
                    errors.iter().map(|e| (e.path(), e.rule())).collect();
                assert_eq!(found, [("/organizer/role", DIRECTORY_USER_ROLE)]);
            }
        }
    }

    #[test]
    fn other_roles_need_no_directory_user() {
        for role in [
            OnlineMeetingRole::Attendee,
            OnlineMeetingRole::Producer,
            OnlineMeetingRole::UnknownFutureValue,
            OnlineMeetingRole::Unknown("speaker".to_owned()),
        ] {
            assert!(check(&participant(Some(phone_caller()), role)).is_empty());
        }
        let no_role = MeetingParticipantInfo::default();
        assert!(check(&no_role).is_empty());
    }

    #[test]
    fn derived_participants_follow_the_same_rule() {
        let presenter = VirtualEventPresenterInfo {
            identity: Property::Value(phone_caller()),
            role: Property::Value(OnlineMeetingRole::Presenter),
            ..VirtualEventPresenterInfo::default()
        };
        assert_eq!(check(&presenter).len(), 1);
    }
}
