//! The `Model`, `Enum` and `Polymorphic` derives on small hand-written types.

use graph_core::json::{self, FromJson};
use graph_core::{AdditionalData, Enum as _, FlagSet, Property};

#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]
enum Role {
    #[graph(name = "attendee")]
    Attendee,
    #[graph(name = "presenter")]
    Presenter,
    #[graph(name = "unknownFutureValue")]
    UnknownFutureValue,
    #[graph(name = "coorganizer", evolvable)]
    Coorganizer,
    #[graph(unknown)]
    Unknown(String),
}

#[derive(Clone, Debug, PartialEq, Eq, graph_core::Enum)]
enum Closed {
    #[graph(name = "one")]
    One,
}

#[derive(Clone, Debug, PartialEq, Eq, graph_core::Enum)]
enum Admitters {
    #[graph(name = "organizerAndCoOrganizersAndPresenters")]
    All,
    #[graph(name = "organizerAndCoOrganizers")]
    Organizers,
    #[graph(unknown)]
    Unknown(String),
}

#[derive(Default, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.identity")]
struct Identity {
    #[graph(name = "id")]
    id: Property<String>,
    #[graph(name = "displayName")]
    display_name: Property<String>,
    #[graph(additional_data)]
    additional_data: AdditionalData,
}

#[derive(Default, graph_core::Model)]
#[graph(odata_type = "microsoft.graph.communicationsUserIdentity")]
struct CommunicationsUserIdentity {
    #[graph(name = "id")]
    id: Property<String>,
    #[graph(name = "displayName")]
    display_name: Property<String>,
    #[graph(name = "tenantId")]
    tenant_id: Property<String>,
    #[graph(additional_data)]
    additional_data: AdditionalData,
}

#[derive(Clone, graph_core::Polymorphic)]
enum AnyIdentity {
    #[graph(odata_type = "microsoft.graph.communicationsUserIdentity")]
    CommunicationsUserIdentity(Box<CommunicationsUserIdentity>),
    #[graph(fallback)]
    Identity(Identity),
}

#[derive(Default, graph_core::Model)]
struct Meeting {
    #[graph(name = "subject")]
    subject: Property<String>,
    #[graph(name = "role")]
    role: Property<Role>,
    #[graph(name = "admitters")]
    admitters: Property<FlagSet<Admitters>>,
    #[graph(name = "identities")]
    identities: Property<Vec<AnyIdentity>>,
    #[graph(name = "organizer")]
    organizer: Property<Box<AnyIdentity>>,
    /// No `name`: the field name is the wire name.
    count: Property<i32>,
    #[graph(additional_data)]
    additional_data: AdditionalData,
}

/// A model that does not keep unknown members.
#[derive(Default, graph_core::Model)]
struct Lossy {
    #[graph(name = "a")]
    a: Property<i32>,
}

fn round_trip<T: FromJson + json::ToJson>(input: &str) -> String {
    json::to_string(&json::from_str::<T>(input).unwrap())
}

#[test]
fn absent_null_and_value_round_trip() {
    let meeting: Meeting = json::from_str(r#"{"subject": null, "count": 3}"#).unwrap();
    assert!(meeting.subject.is_null());
    assert!(meeting.role.is_absent());
    assert_eq!(meeting.count, Property::Value(3));
    assert_eq!(json::to_string(&meeting), r#"{"subject":null,"count":3}"#);
    assert_eq!(json::to_string(&Meeting::default()), "{}");
}

#[test]
fn unknown_members_and_annotations_keep_their_order() {
    let input = r##"{"zeta": {"deep": [1, 2]}, "subject": "s", "@odata.context": "ctx", "alpha": null, "subject@odata.type": "#String"}"##;
    let meeting: Meeting = json::from_str(input).unwrap();
    let keys: Vec<&str> = meeting.additional_data.iter().map(|(k, _)| k).collect();
    assert_eq!(
        keys,
        ["zeta", "@odata.context", "alpha", "subject@odata.type"]
    );
    assert_eq!(
        meeting.additional_data.get("zeta"),
        Some(r#"{"deep": [1, 2]}"#)
    );
    assert_eq!(
        meeting.additional_data.annotation("odata.context"),
        Some("\"ctx\"")
    );
    assert_eq!(
        meeting
            .additional_data
            .property_annotation("subject", "odata.type"),
        Some("\"#String\"")
    );
    // Annotations first, then known properties, then other unknown members in order.
    assert_eq!(
        json::to_string(&meeting),
        r##"{"@odata.context":"ctx","subject@odata.type":"#String","subject":"s","zeta":{"deep": [1, 2]},"alpha":null}"##
    );
}

#[test]
fn additional_data_can_be_edited() {
    let mut data = AdditionalData::new();
    data.insert("count", &5i32);
    data.insert_raw("list", " [1, 2] ").unwrap();
    assert!(data.insert_raw("bad", "[1,").is_err());
    data.insert("count", &6i32);
    assert_eq!(data.get("count"), Some("6"));
    assert_eq!(data.get_as::<Vec<i32>>("list").unwrap().unwrap(), [1, 2]);
    assert_eq!(data.remove("count").as_deref(), Some("6"));
    assert_eq!(data.len(), 1);
    assert_eq!(data.remove("list").as_deref(), Some("[1, 2]"));
    assert!(data.is_empty());
    assert_eq!(data, AdditionalData::default());
}

#[test]
fn models_without_additional_data_drop_unknown_members() {
    let lossy: Lossy = json::from_str(r#"{"b": [1], "a": 1}"#).unwrap();
    assert_eq!(json::to_string(&lossy), r#"{"a":1}"#);
}

#[test]
fn enums_keep_unknown_strings_and_ignore_case() {
    assert_eq!(
        json::from_str::<Role>(r#""presenter""#).unwrap(),
        Role::Presenter
    );
    assert_eq!(
        json::from_str::<Role>(r#""Presenter""#).unwrap(),
        Role::Presenter
    );
    assert_eq!(
        json::from_str::<Role>(r#""ATTENDEE""#).unwrap(),
        Role::Attendee
    );
    let invented = json::from_str::<Role>(r#""roleInvented2031""#).unwrap();
    assert_eq!(invented, Role::Unknown("roleInvented2031".to_owned()));
    assert!(invented.is_unknown());
    assert_eq!(json::to_string(&invented), r#""roleInvented2031""#);
    assert!(Role::Coorganizer.is_evolvable());
    assert!(!Role::Presenter.is_evolvable());
    assert_eq!(Role::UnknownFutureValue.as_str(), "unknownFutureValue");
    assert_eq!(Role::MEMBERS.len(), 4);
    let error = json::from_str::<Closed>(r#""two""#).unwrap_err();
    assert_eq!(
        error.message(),
        r#"unknown member "two", expected one of one"#
    );
    assert!(json::from_str::<Role>("5").is_err());
}

#[test]
fn flag_sets_are_comma_separated() {
    let meeting: Meeting =
        json::from_str(r#"{"admitters": "organizerAndCoOrganizers, organizerAndCoOrganizersAndPresenters,brandNew"}"#).unwrap();
    let flags = meeting.admitters.value().unwrap();
    assert!(flags.contains(&Admitters::Organizers));
    assert!(flags.contains(&Admitters::All));
    assert!(flags.contains(&Admitters::Unknown("brandNew".to_owned())));
    assert_eq!(
        json::to_string(&meeting),
        r#"{"admitters":"organizerAndCoOrganizers,organizerAndCoOrganizersAndPresenters,brandNew"}"#
    );
    let empty: FlagSet<Admitters> = json::from_str(r#""""#).unwrap();
    assert!(empty.is_empty());
    let built: FlagSet<Admitters> = [Admitters::All, Admitters::All].into_iter().collect();
    assert_eq!(built.len(), 1);
}

#[test]
fn polymorphic_values_dispatch_on_odata_type_anywhere() {
    let first = r##"{"@odata.type": "#microsoft.graph.communicationsUserIdentity", "id": "1", "tenantId": "t"}"##;
    let last = r##"{"id": "1", "tenantId": "t", "@odata.type": "#microsoft.graph.communicationsUserIdentity"}"##;
    let alias = r##"{"id": "1", "@odata.type": "#graph.communicationsUserIdentity"}"##;
    for input in [first, last, alias] {
        match json::from_str::<AnyIdentity>(input).unwrap() {
            AnyIdentity::CommunicationsUserIdentity(identity) => {
                assert_eq!(identity.id.value().unwrap(), "1")
            }
            other => panic!("{input}: {other:?}"),
        }
    }
    assert_eq!(
        round_trip::<AnyIdentity>(last),
        r##"{"@odata.type":"#microsoft.graph.communicationsUserIdentity","id":"1","tenantId":"t"}"##
    );
}

#[test]
fn unknown_or_absent_odata_type_falls_back_keeping_everything() {
    let unknown =
        r##"{"id": "1", "@odata.type": "#microsoft.graph.identityFrom2031", "newMember": [1]}"##;
    let AnyIdentity::Identity(identity) = json::from_str::<AnyIdentity>(unknown).unwrap() else {
        panic!("fallback expected");
    };
    assert_eq!(
        identity.additional_data.odata_type().as_deref(),
        Some("#microsoft.graph.identityFrom2031")
    );
    assert_eq!(identity.additional_data.get("newMember"), Some("[1]"));
    let absent = json::from_str::<AnyIdentity>(r#"{"id": "2"}"#).unwrap();
    assert!(matches!(absent, AnyIdentity::Identity(_)));
    assert_eq!(json::to_string(&absent), r#"{"id":"2"}"#);
}

#[test]
fn derived_variants_built_in_code_write_their_type() {
    let identity = AnyIdentity::CommunicationsUserIdentity(Box::new(CommunicationsUserIdentity {
        id: "u".to_owned().into(),
        ..Default::default()
    }));
    assert_eq!(
        json::to_string(&identity),
        r##"{"@odata.type":"#microsoft.graph.communicationsUserIdentity","id":"u"}"##
    );
}

#[test]
fn wrong_json_types_are_errors_with_pointers_when_strict() {
    let error = json::from_str_strict::<Meeting>(r#"{"subject": 5}"#).unwrap_err();
    assert_eq!(error.pointer(), "/subject");
    assert_eq!(error.message(), "expected a string, found a number");
    let error = json::from_slice_strict::<Meeting>(br#"{"identities": [{"id": "a"}, {"id": []}]}"#)
        .unwrap_err();
    assert_eq!(error.pointer(), "/identities/1/id");
    let error = json::from_str_strict::<Meeting>(r##"{"organizer": {"@odata.type": "#microsoft.graph.communicationsUserIdentity", "tenantId": {}}}"##).unwrap_err();
    assert_eq!(error.pointer(), "/organizer/tenantId");
    let error = json::from_str_strict::<Meeting>(r#"{"organizer": []}"#).unwrap_err();
    assert_eq!(error.message(), "expected an object, found an array");
}

#[test]
fn what_is_not_json_or_not_an_object_is_an_error_either_way() {
    let error = json::from_str::<Meeting>("[]").unwrap_err();
    assert_eq!(error.message(), "expected an object, found an array");
    let error = json::from_str::<Meeting>(r#"{"a": 1 "b": 2}"#).unwrap_err();
    assert!(error.message().contains("`,` or `}`"));
    // A declared member whose value is malformed: the syntax error, where it is.
    let error = json::from_str::<Meeting>(r#"{"subject": [1, 2,]}"#).unwrap_err();
    assert_eq!(error.pointer(), "/subject/2");
    let error = json::from_str::<Meeting>(r#"{"identities": [{"id": tru}]}"#).unwrap_err();
    assert_eq!(error.pointer(), "/identities/0/id");
    // A model that keeps no additional data has nowhere to keep the value.
    let error = json::from_str::<Lossy>(r#"{"a": "one"}"#).unwrap_err();
    assert_eq!(error.pointer(), "/a");
}

#[test]
fn values_that_do_not_fit_are_kept_with_why_and_written_back() {
    let input = r#"{"subject": 5, "role": "presenter", "count": 2147483648}"#;
    let meeting: Meeting = json::from_str(input).unwrap();
    assert!(meeting.subject.is_absent());
    assert_eq!(meeting.role, Property::Value(Role::Presenter));
    assert!(meeting.count.is_absent());
    let kept: Vec<_> = meeting
        .additional_data
        .off_schema()
        .map(|value| (value.key, value.raw, value.error.message().to_owned()))
        .collect();
    assert_eq!(
        kept,
        [
            (
                "subject",
                "5",
                "expected a string, found a number".to_owned()
            ),
            (
                "count",
                "2147483648",
                "2147483648 is out of range for i32".to_owned()
            ),
        ]
    );
    let first = meeting.additional_data.off_schema().next().unwrap();
    assert_eq!(
        (first.error.pointer().as_str(), first.error.column()),
        ("/subject", 13)
    );
    assert_eq!(
        json::to_string(&meeting),
        r#"{"role":"presenter","subject":5,"count":2147483648}"#
    );

    // In a collection, only the item that holds the value keeps it; its siblings read.
    let meeting: Meeting =
        json::from_str(r#"{"identities": [{"id": "a"}, {"id": [], "displayName": "B"}]}"#).unwrap();
    let Property::Value(identities) = &meeting.identities else {
        panic!("identities read: {meeting:?}")
    };
    let AnyIdentity::Identity(second) = &identities[1] else {
        panic!("the fallback variant: {identities:?}")
    };
    assert_eq!(second.display_name, Property::Value("B".to_owned()));
    assert_eq!(second.additional_data.get("id"), Some("[]"));
    assert_eq!(second.additional_data.off_schema().count(), 1);
    assert!(meeting.additional_data.off_schema().next().is_none());
}

#[test]
fn a_field_given_a_value_replaces_what_did_not_fit() {
    let mut meeting: Meeting = json::from_str(r#"{"subject": {"text": "s"}, "x": 1}"#).unwrap();
    meeting.subject = Property::Value("Review".to_owned());
    assert_eq!(json::to_string(&meeting), r#"{"subject":"Review","x":1}"#);
    // Replacing the kept value itself makes it an ordinary unknown member.
    let mut meeting: Meeting = json::from_str(r#"{"subject": 5}"#).unwrap();
    meeting.additional_data.insert("subject", &6);
    assert_eq!(meeting.additional_data.off_schema().count(), 0);
    assert_eq!(json::to_string(&meeting), r#"{"subject":6}"#);
}

#[test]
fn models_expose_their_fields_by_wire_name() {
    use graph_core::model::{Member, Model as _, Visitor};
    struct SetFields(Vec<&'static str>);
    impl Visitor<'_> for SetFields {
        fn member(&mut self, name: &'static str, value: &dyn Member) {
            if !value.is_absent_member() {
                self.0.push(name);
            }
        }
    }
    let meeting: Meeting = json::from_str(r#"{"count": 1, "subject": null}"#).unwrap();
    let mut set = SetFields(Vec::new());
    meeting.visit(&mut set);
    assert_eq!(set.0, ["subject", "count"]);
    assert!(
        meeting.additional_data().is_some(),
        "Meeting keeps unknown members"
    );
    assert_eq!(
        Identity::default().odata_type(),
        Some("microsoft.graph.identity")
    );
}

#[test]
fn debug_shows_present_members_by_wire_name_then_unknown_ones_raw() {
    let input = r##"{"subject": "Review", "role": null, "organizer": {"@odata.type": "#microsoft.graph.communicationsUserIdentity", "tenantId": "t1"}, "extra": [1, 2]}"##;
    let meeting: Meeting = json::from_str(input).unwrap();
    assert_eq!(
        format!("{meeting:?}"),
        r##"Meeting { subject: Value("Review"), role: Null, organizer: Value(CommunicationsUserIdentity { tenantId: Value("t1"), @odata.type: "#microsoft.graph.communicationsUserIdentity" }), extra: [1, 2] }"##
    );
    assert_eq!(format!("{:?}", Meeting::default()), "Meeting");
    let fallback: AnyIdentity = json::from_str(r#"{"id": "7"}"#).unwrap();
    assert_eq!(format!("{fallback:?}"), r#"Identity { id: Value("7") }"#);
}

#[test]
fn equality_compares_members_unknown_members_and_variants() {
    let read = |text: &str| json::from_str::<Meeting>(text).unwrap();
    let meeting = read(r#"{"subject": "s", "organizer": {"id": "1"}, "x": 1}"#);
    assert_eq!(meeting, meeting.clone());
    assert_eq!(
        meeting,
        read(r#"{"organizer": {"id": "1"}, "subject": "s", "x": 1}"#)
    );
    assert_ne!(
        meeting,
        read(r#"{"subject": "t", "organizer": {"id": "1"}, "x": 1}"#)
    );
    assert_ne!(
        meeting,
        read(r#"{"subject": null, "organizer": {"id": "1"}, "x": 1}"#)
    );
    assert_ne!(meeting, read(r#"{"organizer": {"id": "1"}, "x": 1}"#));
    assert_ne!(
        meeting,
        read(r#"{"subject": "s", "organizer": {"id": "1"}, "x": 2}"#)
    );
    assert_ne!(
        meeting,
        read(r#"{"subject": "s", "organizer": {"id": "2"}, "x": 1}"#)
    );
    let derived = read(
        r##"{"subject": "s", "organizer": {"@odata.type": "#microsoft.graph.communicationsUserIdentity", "id": "1"}, "x": 1}"##,
    );
    assert_ne!(
        meeting, derived,
        "a derived variant is not the declared type"
    );
    assert_eq!(derived, derived.clone());
}

#[test]
fn clones_copy_every_member_and_the_unknown_ones() {
    let input = r##"{"subject": null, "count": 2, "organizer": {"@odata.type": "#microsoft.graph.communicationsUserIdentity", "tenantId": "t"}, "x": [1]}"##;
    let meeting: Meeting = json::from_str(input).unwrap();
    let clone = meeting.clone();
    assert_eq!(clone, meeting);
    assert!(clone.subject.is_null());
    assert_eq!(json::to_string(&clone), json::to_string(&meeting));
    let lossy = Lossy {
        a: Property::Value(1),
    };
    assert_eq!(lossy.clone(), lossy);
}

#[test]
fn members_in_any_order_are_found() {
    let meeting: Meeting =
        json::from_str(r#"{"count": 1, "subject": "s", "count": 2, "role": "attendee"}"#).unwrap();
    assert_eq!(meeting.count, Property::Value(2), "the last duplicate wins");
    assert_eq!(meeting.subject, Property::Value("s".to_owned()));
    assert!(meeting.role.is_value());
}

/// More fields than `FieldsMut` keeps inline (48): the rest spill to the heap.
#[derive(Default, graph_core::Model)]
struct Wide {
    f0: Property<i32>,
    f1: Property<i32>,
    f2: Property<i32>,
    f3: Property<i32>,
    f4: Property<i32>,
    f5: Property<i32>,
    f6: Property<i32>,
    f7: Property<i32>,
    f8: Property<i32>,
    f9: Property<i32>,
    f10: Property<i32>,
    f11: Property<i32>,
    f12: Property<i32>,
    f13: Property<i32>,
    f14: Property<i32>,
    f15: Property<i32>,
    f16: Property<i32>,
    f17: Property<i32>,
    f18: Property<i32>,
    f19: Property<i32>,
    f20: Property<i32>,
    f21: Property<i32>,
    f22: Property<i32>,
    f23: Property<i32>,
    f24: Property<i32>,
    f25: Property<i32>,
    f26: Property<i32>,
    f27: Property<i32>,
    f28: Property<i32>,
    f29: Property<i32>,
    f30: Property<i32>,
    f31: Property<i32>,
    f32: Property<i32>,
    f33: Property<i32>,
    f34: Property<i32>,
    f35: Property<i32>,
    f36: Property<i32>,
    f37: Property<i32>,
    f38: Property<i32>,
    f39: Property<i32>,
    f40: Property<i32>,
    f41: Property<i32>,
    f42: Property<i32>,
    f43: Property<i32>,
    f44: Property<i32>,
    f45: Property<i32>,
    f46: Property<i32>,
    f47: Property<i32>,
    f48: Property<i32>,
    f49: Property<i32>,
    f50: Property<i32>,
    f51: Property<i32>,
    #[graph(additional_data)]
    additional_data: AdditionalData,
}

#[test]
fn models_wider_than_the_inline_buffer_read_clone_and_compare() {
    let wide: Wide =
        json::from_str(r#"{"f51": 51, "f0": 0, "f47": 47, "f48": 48, "zz": true}"#).unwrap();
    assert_eq!(wide.f0, Property::Value(0));
    assert_eq!(wide.f47, Property::Value(47));
    assert_eq!(wide.f48, Property::Value(48));
    assert_eq!(wide.f51, Property::Value(51));
    assert!(wide.f49.is_absent());
    let clone = wide.clone();
    assert_eq!(clone, wide);
    assert_eq!(clone.f51, Property::Value(51));
    assert_eq!(
        json::to_string(&clone),
        r#"{"f0":0,"f47":47,"f48":48,"f51":51,"zz":true}"#
    );
}

#[test]
fn any_variant_gives_the_members_of_the_declared_type() {
    use graph_core::model::Polymorphic as _;
    let derived: AnyIdentity = json::from_str(
        r##"{"@odata.type": "#microsoft.graph.communicationsUserIdentity", "id": "7", "displayName": "Ada", "tenantId": "t"}"##,
    )
    .unwrap();
    let base = derived.to_base();
    assert_eq!(base.id, Property::Value("7".to_owned()));
    assert_eq!(base.display_name, Property::Value("Ada".to_owned()));
    assert!(
        base.additional_data.is_empty(),
        "tenantId and @odata.type are the derived type's"
    );
    let fallback: AnyIdentity = json::from_str(r#"{"id": "8"}"#).unwrap();
    assert_eq!(fallback.to_base().id, Property::Value("8".to_owned()));
}

/// A hand-written `Model` whose `member_mut` gives another field than `visit` names.
#[derive(Debug, Default)]
struct Inconsistent {
    count: Property<i32>,
    name: Property<String>,
}

impl graph_core::model::Model for Inconsistent {
    fn schema(&self) -> &'static graph_core::model::ModelSchema {
        static SCHEMA: graph_core::model::ModelSchema =
            graph_core::model::ModelSchema::new(Some("test.inconsistent"), &["count"]);
        &SCHEMA
    }
    fn member_mut(&mut self, index: usize) -> Option<&mut dyn graph_core::model::Member> {
        (index == 0).then_some(&mut self.name as &mut dyn graph_core::model::Member)
    }
    fn visit<'m>(&'m self, visitor: &mut dyn graph_core::model::Visitor<'m>) {
        visitor.member("count", &self.count);
    }
    fn additional_data(&self) -> Option<&AdditionalData> {
        None
    }
    fn additional_data_mut(&mut self) -> Option<&mut AdditionalData> {
        None
    }
}

#[test]
#[should_panic(expected = "member 0 (`count`) of `visit` is not the field `member_mut(0)` gives")]
fn cloning_a_model_whose_visit_and_member_mut_disagree_panics_instead_of_dropping_a_member() {
    let source = Inconsistent {
        count: Property::Value(3),
        ..Default::default()
    };
    graph_core::model::clone_members(&source, &mut Inconsistent::default());
}
