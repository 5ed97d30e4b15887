//! Resolution on small documents: aliases, inheritance, enums, operations, the container,
//! annotations inline and out-of-line (with qualifiers), and an overlay document merged in.

use graph_codegen::csdl::{self, Format};
use graph_codegen::model::{
    EdmKind, MaxLength, Model, OperationKind, PropertyKind, Target, TypeKind, TypeTarget, Value,
};

const MAIN: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="role">
        <Member Name="attendee" />
        <Member Name="presenter" />
        <Member Name="unknownFutureValue" />
      </EnumType>
      <EnumType Name="days" IsFlags="true" UnderlyingType="Edm.Byte">
        <Member Name="monday" Value="1" />
        <Member Name="tuesday" Value="2" />
      </EnumType>
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="meetingBase" BaseType="graph.entity" Abstract="true">
        <Property Name="subject" Type="Edm.String" MaxLength="255" />
        <Annotation Term="Core.Description" String="A meeting." />
      </EntityType>
      <EntityType Name="onlineMeeting" BaseType="graph.meetingBase" OpenType="true">
        <Property Name="role" Type="graph.role" />
        <Property Name="participants" Type="Collection(graph.identity)" />
        <NavigationProperty Name="attendanceReports" Type="Collection(graph.attendanceReport)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="attendanceReport" BaseType="graph.entity" />
      <ComplexType Name="identity">
        <Property Name="displayName" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="communicationsIdentity" BaseType="graph.identity" />
      <ComplexType Name="teamsIdentity" BaseType="graph.communicationsIdentity" />
      <Action Name="cancel" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.onlineMeeting" />
      </Action>
      <Function Name="count" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.onlineMeeting)" />
        <ReturnType Type="Edm.Int32" Nullable="false" />
      </Function>
      <Action Name="cancel" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.attendanceReport" />
        <Parameter Name="reason" Type="Edm.String" />
      </Action>
      <EntityContainer Name="GraphService">
        <EntitySet Name="meetings" EntityType="graph.onlineMeeting">
          <NavigationPropertyBinding Path="attendanceReports" Target="reports" />
        </EntitySet>
        <EntitySet Name="reports" EntityType="graph.attendanceReport" />
        <Singleton Name="me" Type="graph.onlineMeeting" />
      </EntityContainer>
      <Annotations Target="graph.onlineMeeting/subject">
        <Annotation Term="Org.OData.Core.V1.Description" String="The subject." />
      </Annotations>
      <Annotations Target="graph.GraphService/meetings">
        <Annotation Term="Capabilities.InsertRestrictions">
          <Record>
            <PropertyValue Property="Insertable" Bool="true" />
            <PropertyValue Property="Permissions">
              <Collection><String>OnlineMeetings.ReadWrite</String></Collection>
            </PropertyValue>
          </Record>
        </Annotation>
      </Annotations>
      <Annotations Target="graph.cancel(graph.attendanceReport)/reason">
        <Annotation Term="Core.Description" String="Why." />
      </Annotations>
      <Annotations Target="graph.role/presenter" Qualifier="v2">
        <Annotation Term="Core.Description" String="Presents." />
      </Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

/// An overlay: its own namespace, the main one through an include alias, rules added
/// out-of-line.
const OVERLAY: &str = r#"<edmx:Edmx Version="4.01" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="onlineMeeting.csdl.xml">
    <edmx:Include Namespace="microsoft.graph" Alias="g" />
  </edmx:Reference>
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Validation.V1.xml">
    <edmx:Include Namespace="Org.OData.Validation.V1" Alias="V" />
  </edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="rules" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <Annotations Target="g.onlineMeeting/subject">
        <Annotation Term="V.Pattern" String="^\S" />
      </Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

fn model() -> Model {
    let main = csdl::read_bytes("main.xml", MAIN.as_bytes()).expect("main reads");
    let overlay = csdl::read_bytes("rules.xml", OVERLAY.as_bytes()).expect("overlay reads");
    let (model, warnings) = Model::resolve(&[main, overlay]).expect("resolves");
    assert!(warnings.is_empty(), "{warnings:?}");
    model
}

#[test]
fn aliases_inheritance_and_derived_types() {
    let m = model();
    let meeting = m.find_type("graph.onlineMeeting").expect("alias-qualified");
    assert_eq!(m.find_type("microsoft.graph.onlineMeeting"), Some(meeting));
    let ty = &m[meeting];
    assert_eq!(ty.kind(), TypeKind::Entity);
    assert_eq!(ty.namespace(), "microsoft.graph");
    assert!(ty.structured().unwrap().is_open);

    let names: Vec<(&str, &str)> = m
        .all_properties(meeting)
        .into_iter()
        .map(|p| (m[p].name.as_str(), m[m[p].declaring_type].name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("id", "entity"),
            ("subject", "meetingBase"),
            ("role", "onlineMeeting"),
            ("participants", "onlineMeeting"),
            ("attendanceReports", "onlineMeeting"),
        ]
    );
    assert_eq!(m.key(meeting)[0].name, "id", "key inherited from entity");

    let subject = m.find_property(meeting, "subject").unwrap();
    assert_eq!(m[subject].facets.max_length, Some(MaxLength::Length(255)));
    assert!(m[subject].nullable);
    let id = m.find_property(meeting, "id").unwrap();
    assert!(!m[id].nullable);

    let participants = m.find_property(meeting, "participants").unwrap();
    let identity = m.find_type("graph.identity").unwrap();
    assert!(m[participants].ty.collection);
    assert_eq!(m[participants].ty.target, TypeTarget::Type(identity));
    let reports = m.find_property(meeting, "attendanceReports").unwrap();
    assert_eq!(m[reports].kind, PropertyKind::Navigation);
    assert!(m[reports].contains_target);

    let derived: Vec<&str> = m
        .derived_types(identity)
        .into_iter()
        .map(|t| m[t].name.as_str())
        .collect();
    assert_eq!(derived, ["communicationsIdentity", "teamsIdentity"]);
    assert_eq!(m.direct_derived_types(identity).len(), 1);
}

#[test]
fn enums_with_implicit_and_explicit_values() {
    let m = model();
    let role = m[m.find_type("graph.role").unwrap()]
        .as_enum()
        .unwrap()
        .clone();
    let values: Vec<(&str, i64)> = role
        .members
        .iter()
        .map(|x| (x.name.as_str(), x.value))
        .collect();
    assert_eq!(
        values,
        [("attendee", 0), ("presenter", 1), ("unknownFutureValue", 2)]
    );
    assert!(!role.is_flags);
    assert_eq!(role.underlying, EdmKind::Int32);
    let days = m[m.find_type("graph.days").unwrap()].as_enum().unwrap();
    assert!(days.is_flags);
    assert_eq!(days.underlying, EdmKind::Byte);
}

#[test]
fn operations_keep_overloads_together() {
    let m = model();
    let cancel = m.find_operations("graph.cancel");
    assert_eq!(cancel.len(), 2);
    assert_eq!(
        cancel[1].index(),
        cancel[0].index() + 1,
        "overloads adjacent"
    );
    assert_eq!(m[cancel[1]].parameters[1].name, "reason");
    let count = m.find_operations("microsoft.graph.count")[0];
    assert_eq!(m[count].kind, OperationKind::Function);
    let ret = m[count].return_type.as_ref().unwrap();
    assert_eq!(ret.ty.target, TypeTarget::Primitive(EdmKind::Int32));
    assert!(!ret.nullable);
    let meeting = m.find_type("graph.onlineMeeting").unwrap();
    let bound: Vec<&str> = m
        .bound_operations(meeting)
        .map(|o| m[o].name.as_str())
        .collect();
    assert_eq!(bound, ["cancel", "count"]);
}

#[test]
fn the_container_and_its_bindings() {
    let m = model();
    let c = m.entity_container().unwrap();
    assert_eq!(c.qualified_name, "microsoft.graph.GraphService");
    assert_eq!(c.entity_sets.len(), 2);
    assert_eq!(c.entity_sets[0].bindings[0].path, "attendanceReports");
    assert_eq!(c.entity_sets[0].bindings[0].target, "reports");
    assert_eq!(c.singletons[0].name, "me");
    assert_eq!(
        c.singletons[0].ty,
        m.find_type("graph.onlineMeeting").unwrap()
    );
}

#[test]
fn annotations_inline_out_of_line_qualified_and_from_an_overlay() {
    let m = model();
    let base = m.find_type("graph.meetingBase").unwrap();
    assert_eq!(m.description(base), Some("A meeting."));
    assert!(
        m.annotation(base, "Core.Description").unwrap().inline,
        "written inside the type"
    );

    let meeting = m.find_type("graph.onlineMeeting").unwrap();
    let subject = m.find_property(meeting, "subject").unwrap();
    let d = m
        .annotation(subject, "Org.OData.Core.V1.Description")
        .unwrap();
    assert_eq!(d.value, Value::String("The subject.".into()));
    assert!(!d.inline);
    // From the overlay, through its own alias `V`, and looked up with either form.
    let pattern = m
        .annotation(subject, "Org.OData.Validation.V1.Pattern")
        .unwrap();
    assert_eq!(pattern.value.as_str(), Some("^\\S"));
    assert_eq!(m.location(pattern.pos).file, "rules.xml");
    assert!(m.annotation(subject, "Validation.Pattern").is_some());

    let insert = m
        .annotation(
            Target::EntitySet(m.containers().next().unwrap().0, 0),
            "Capabilities.InsertRestrictions",
        )
        .unwrap();
    assert_eq!(insert.value.field("Insertable"), Some(&Value::Bool(true)));
    assert_eq!(
        insert.value.field("Permissions"),
        Some(&Value::Collection(vec![Value::String(
            "OnlineMeetings.ReadWrite".into()
        )]))
    );

    let cancel = m.find_operations("graph.cancel")[1];
    let why = m
        .annotation(Target::Parameter(cancel, 1), "Core.Description")
        .unwrap();
    assert_eq!(why.value.as_str(), Some("Why."));

    let role = m.find_type("graph.role").unwrap();
    assert!(m
        .annotation(Target::Member(role, 1), "Core.Description")
        .is_none());
    let qualified = m
        .annotation_qualified(Target::Member(role, 1), "Core.Description", Some("v2"))
        .unwrap();
    assert_eq!(qualified.value.as_str(), Some("Presents."));
}

#[test]
fn positions_and_json_documents() {
    let m = model();
    let meeting = m.find_type("graph.onlineMeeting").unwrap();
    assert_eq!(m.location(m[meeting].pos).to_string(), "main.xml:22:7");

    let json = csdl::to_json(&csdl::read_bytes("main.xml", MAIN.as_bytes()).unwrap());
    let doc = csdl::read_bytes("main.json", json.as_bytes()).unwrap();
    assert_eq!(doc.format, Format::Json);
    let (from_json, _) = Model::resolve(&[doc]).unwrap();
    let id = from_json.find_type("graph.onlineMeeting").unwrap();
    assert_eq!(from_json.all_properties(id).len(), 5);
    assert_eq!(from_json.location(from_json[id].pos).file, "main.json");
}

/// CSDL JSON writes a default in its type's JSON form: a Boolean term's default is `true`,
/// as the OASIS vocabularies write it, not `"true"`.
#[test]
fn a_json_default_value_may_be_a_boolean() {
    let json = br#"{
        "$Version": "4.01",
        "test.vocabulary": {
            "Tagged": {"$Kind": "Term", "$Type": "Edm.Boolean", "$DefaultValue": true},
            "Sized": {"$Kind": "Term", "$Type": "Edm.Int32", "$DefaultValue": 5}
        }
    }"#;
    let doc = graph_codegen::csdl::read_bytes("vocabulary.json", json).unwrap();
    let (model, _) = graph_codegen::model::Model::resolve(&[doc]).unwrap();
    let default = |name: &str| {
        let id = model.find_term(name).unwrap();
        model.term(id).default_value.clone()
    };
    assert_eq!(default("test.vocabulary.Tagged").as_deref(), Some("true"));
    assert_eq!(default("test.vocabulary.Sized").as_deref(), Some("5"));
}
