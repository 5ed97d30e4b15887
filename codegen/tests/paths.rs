//! The path rules, each on a small CSDL document: every (method, path) the metadata allows,
//! as `graph-codegen endpoints` prints them. Review changes with `cargo insta review`.
//! On the official v1.0 metadata (when `../shared` is present): known paths of each kind.

use std::path::{Path, PathBuf};

use graph_codegen::csdl;
use graph_codegen::model::Model;
use graph_codegen::plan::operations::Answer;
use graph_codegen::plan::paths::{api_paths, Method};
use graph_codegen::plan::{plan, PlanOptions, Roots};

/// A document with one `microsoft.graph` schema (alias `graph`) holding `schema`, and an
/// entity container `GraphService` holding `container`.
fn document(schema: &str, container: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
{schema}
      <EntityContainer Name="GraphService">
{container}
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#
    )
}

fn model_of(xml: &str) -> Model {
    let document = csdl::read_bytes("test.xml", xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    Model::resolve_owned(vec![document])
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

/// `METHOD path` lines, sorted by path then method, as the CLI prints them.
fn listing(model: &Model) -> String {
    let mut lines: Vec<(String, Method)> = api_paths(model)
        .paths
        .iter()
        .flat_map(|path| {
            let rendered = path.render(model);
            path.methods.iter().map(move |m| (rendered.clone(), *m))
        })
        .collect();
    lines.sort();
    lines
        .iter()
        .map(|(path, method)| format!("{:<6} {path}\n", method.as_str()))
        .collect()
}

fn paths(schema: &str, container: &str) -> String {
    listing(&model_of(&document(schema, container)))
}

#[test]
fn keys_alternate_keys_and_composite_keys() {
    let listing = paths(
        r#"
      <EntityType Name="application" BaseType="graph.entity">
        <Property Name="appId" Type="Edm.String" />
        <Annotation Term="Org.OData.Core.V1.AlternateKeys">
          <Collection>
            <Record Type="Org.OData.Core.V1.AlternateKey">
              <PropertyValue Property="Key">
                <Collection>
                  <Record Type="Org.OData.Core.V1.PropertyRef">
                    <PropertyValue Property="Alias" String="appId" />
                    <PropertyValue Property="Name" PropertyPath="appId" />
                  </Record>
                </Collection>
              </PropertyValue>
            </Record>
          </Collection>
        </Annotation>
      </EntityType>
      <EntityType Name="versionedThing">
        <Key><PropertyRef Name="name" /><PropertyRef Name="version" /></Key>
        <Property Name="name" Type="Edm.String" Nullable="false" />
        <Property Name="version" Type="Edm.Int32" Nullable="false" />
      </EntityType>
      <EntityType Name="numbered">
        <Key><PropertyRef Name="versionNumber" /></Key>
        <Property Name="versionNumber" Type="Edm.Int32" Nullable="false" />
      </EntityType>"#,
        r#"
        <EntitySet Name="applications" EntityType="microsoft.graph.application" />
        <EntitySet Name="things" EntityType="microsoft.graph.versionedThing" />
        <EntitySet Name="numbers" EntityType="microsoft.graph.numbered" />"#,
    );
    insta::assert_snapshot!("keys", listing);
}

#[test]
fn containment_to_any_depth_each_navigation_once_per_path() {
    let listing = paths(
        r#"
      <EntityType Name="user" BaseType="graph.entity">
        <NavigationProperty Name="calendars" Type="Collection(graph.calendar)" ContainsTarget="true" />
        <NavigationProperty Name="mailboxSettings" Type="graph.settings" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="calendar" BaseType="graph.entity">
        <NavigationProperty Name="events" Type="Collection(graph.event)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="event" BaseType="graph.entity">
        <NavigationProperty Name="instances" Type="Collection(graph.event)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="settings" BaseType="graph.entity" />"#,
        r#"
        <EntitySet Name="users" EntityType="microsoft.graph.user" />
        <Singleton Name="me" Type="microsoft.graph.user" />"#,
    );
    // `instances` of an event is followed once: no `/instances/{eventId2}/instances`.
    assert!(!listing.contains("/instances/{eventId2}/instances"));
    insta::assert_snapshot!("containment", listing);
}

#[test]
fn non_contained_navigation_stops_and_referenceable_gives_ref() {
    let listing = paths(
        r#"
      <EntityType Name="directoryObject" BaseType="graph.entity" />
      <EntityType Name="user" BaseType="graph.directoryObject">
        <NavigationProperty Name="manager" Type="graph.directoryObject" />
        <NavigationProperty Name="memberOf" Type="Collection(graph.directoryObject)" />
      </EntityType>
      <EntityType Name="group" BaseType="graph.directoryObject">
        <NavigationProperty Name="members" Type="Collection(graph.directoryObject)">
          <Annotation Term="Org.OData.Capabilities.V1.NavigationRestrictions">
            <Record><PropertyValue Property="Referenceable" Bool="true" /></Record>
          </Annotation>
        </NavigationProperty>
        <NavigationProperty Name="owner" Type="graph.user">
          <Annotation Term="Org.OData.Capabilities.V1.NavigationRestrictions">
            <Record><PropertyValue Property="Referenceable" Bool="true" /></Record>
          </Annotation>
        </NavigationProperty>
      </EntityType>"#,
        r#"
        <EntitySet Name="users" EntityType="microsoft.graph.user" />
        <EntitySet Name="groups" EntityType="microsoft.graph.group" />"#,
    );
    // Nothing below a non-contained target.
    assert!(!listing.contains("/memberOf/{directoryObjectId}/"));
    // A referenceable collection has `$ref` for its items but no item path of its own.
    assert!(!listing.contains("members/{directoryObjectId}\n"));
    insta::assert_snapshot!("references", listing);
}

#[test]
fn count_follows_count_restrictions_and_yields_to_a_count_function() {
    let listing = paths(
        r#"
      <EntityType Name="drive" BaseType="graph.entity">
        <NavigationProperty Name="items" Type="Collection(graph.driveItem)" ContainsTarget="true" />
        <NavigationProperty Name="tables" Type="Collection(graph.table)" ContainsTarget="true" />
        <NavigationProperty Name="hidden" Type="Collection(graph.driveItem)" ContainsTarget="true">
          <Annotation Term="Org.OData.Capabilities.V1.CountRestrictions">
            <Record><PropertyValue Property="Countable" Bool="false" /></Record>
          </Annotation>
        </NavigationProperty>
      </EntityType>
      <EntityType Name="driveItem" BaseType="graph.entity" />
      <EntityType Name="table" BaseType="graph.entity" />
      <EntityType Name="place" BaseType="graph.entity" />
      <Function Name="count" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.table)" />
        <ReturnType Type="Edm.Int32" />
      </Function>"#,
        r#"
        <EntitySet Name="drives" EntityType="microsoft.graph.drive" />
        <EntitySet Name="places" EntityType="microsoft.graph.place">
          <Annotation Term="Org.OData.Capabilities.V1.CountRestrictions">
            <Record><PropertyValue Property="Countable" Bool="false" /></Record>
          </Annotation>
        </EntitySet>"#,
    );
    assert!(
        !listing.contains("/tables/$count"),
        "count() takes its place"
    );
    assert!(!listing.contains("/places/$count"));
    assert!(!listing.contains("/hidden/$count"));
    insta::assert_snapshot!("count", listing);
}

#[test]
fn casts_only_to_the_derived_types_the_constraint_lists() {
    let listing = paths(
        r#"
      <EntityType Name="directoryObject" BaseType="graph.entity" />
      <EntityType Name="user" BaseType="graph.directoryObject">
        <NavigationProperty Name="photo" Type="graph.photo" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="device" BaseType="graph.directoryObject" />
      <EntityType Name="servicePrincipal" BaseType="graph.directoryObject" />
      <EntityType Name="photo" BaseType="graph.entity" />
      <EntityType Name="group" BaseType="graph.directoryObject">
        <NavigationProperty Name="members" Type="Collection(graph.directoryObject)">
          <Annotation Term="Org.OData.Validation.V1.DerivedTypeConstraint">
            <Collection><String>microsoft.graph.user</String><String>microsoft.graph.device</String></Collection>
          </Annotation>
        </NavigationProperty>
      </EntityType>"#,
        r#"
        <EntitySet Name="groups" EntityType="microsoft.graph.group" />
        <EntitySet Name="directoryObjects" EntityType="microsoft.graph.directoryObject">
          <Annotation Term="Org.OData.Validation.V1.DerivedTypeConstraint">
            <Collection><String>microsoft.graph.user</String></Collection>
          </Annotation>
        </EntitySet>"#,
    );
    assert!(!listing.contains("microsoft.graph.servicePrincipal"));
    // After a single-valued cast, the derived type's navigation properties.
    assert!(listing
        .contains("GET    /directoryObjects/{directoryObjectId}/microsoft.graph.user/photo\n"));
    insta::assert_snapshot!("casts", listing);
}

#[test]
fn stream_properties_and_media_entities() {
    let listing = paths(
        r#"
      <EntityType Name="user" BaseType="graph.entity">
        <NavigationProperty Name="photo" Type="graph.profilePhoto" ContainsTarget="true" />
        <NavigationProperty Name="recordings" Type="Collection(graph.callRecording)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="profilePhoto" BaseType="graph.entity" HasStream="true" />
      <EntityType Name="callRecording" BaseType="graph.entity">
        <Property Name="content" Type="Edm.Stream" />
      </EntityType>"#,
        r#"
        <Singleton Name="me" Type="microsoft.graph.user" />"#,
    );
    insta::assert_snapshot!("streams", listing);
}

#[test]
fn bound_and_unbound_operations_overloads_and_composable_functions() {
    let listing = paths(
        r#"
      <EntityType Name="event" BaseType="graph.entity" />
      <EntityType Name="workbook" BaseType="graph.entity">
        <NavigationProperty Name="worksheets" Type="Collection(graph.worksheet)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="worksheet" BaseType="graph.entity" />
      <EntityType Name="range" BaseType="graph.entity">
        <NavigationProperty Name="format" Type="graph.rangeFormat" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="rangeFormat" BaseType="graph.entity" />
      <EnumType Name="period"><Member Name="d7" Value="0" /></EnumType>
      <Action Name="accept" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.event" />
        <Parameter Name="comment" Type="Edm.String" />
      </Action>
      <Function Name="delta" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.event)" />
        <ReturnType Type="Collection(graph.event)" />
      </Function>
      <Function Name="range" IsBound="true" IsComposable="true">
        <Parameter Name="bindingParameter" Type="graph.worksheet" />
        <ReturnType Type="graph.range" />
      </Function>
      <Function Name="range" IsBound="true" IsComposable="true">
        <Parameter Name="bindingParameter" Type="graph.worksheet" />
        <Parameter Name="address" Type="Edm.String" />
        <ReturnType Type="graph.range" />
      </Function>
      <Function Name="cell" IsBound="true" IsComposable="true">
        <Parameter Name="bindingParameter" Type="graph.worksheet" />
        <Parameter Name="row" Type="Edm.Int32" Nullable="false" />
        <Parameter Name="column" Type="Edm.Int32" Nullable="false" />
        <ReturnType Type="graph.range" />
      </Function>
      <Action Name="clear" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.range" />
      </Action>
      <Function Name="getActivityCounts">
        <Parameter Name="period" Type="graph.period" Nullable="false" />
        <Parameter Name="top" Type="Edm.Int32">
          <Annotation Term="Org.OData.Core.V1.OptionalParameter" />
        </Parameter>
        <ReturnType Type="Edm.Stream" />
      </Function>
      <Action Name="sendNotice">
        <Parameter Name="text" Type="Edm.String" />
      </Action>"#,
        r#"
        <EntitySet Name="events" EntityType="microsoft.graph.event" />
        <EntitySet Name="workbooks" EntityType="microsoft.graph.workbook" />
        <FunctionImport Name="getActivityCounts" Function="microsoft.graph.getActivityCounts" />
        <ActionImport Name="sendNotice" Action="microsoft.graph.sendNotice" />"#,
    );
    insta::assert_snapshot!("operations", listing);
}

#[test]
fn operations_of_another_namespace_are_qualified() {
    let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="case">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityContainer Name="GraphService">
        <EntitySet Name="cases" EntityType="microsoft.graph.case" />
      </EntityContainer>
    </Schema>
    <Schema Namespace="microsoft.graph.security" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <Action Name="close" IsBound="true">
        <Parameter Name="bindingParameter" Type="microsoft.graph.case" />
      </Action>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;
    let listing = listing(&model_of(xml));
    assert!(
        listing.contains("POST   /cases/{caseId}/microsoft.graph.security.close\n"),
        "{listing}"
    );
}

#[test]
fn capability_restrictions_remove_methods_and_paths() {
    let listing = paths(
        r#"
      <EntityType Name="report" BaseType="graph.entity">
        <NavigationProperty Name="secret" Type="Collection(graph.entry)" ContainsTarget="true" />
        <NavigationProperty Name="entries" Type="Collection(graph.entry)" ContainsTarget="true" />
        <NavigationProperty Name="unindexed" Type="Collection(graph.entry)" ContainsTarget="true">
          <Annotation Term="Org.OData.Capabilities.V1.IndexableByKey" Bool="false" />
        </NavigationProperty>
      </EntityType>
      <EntityType Name="entry" BaseType="graph.entity" />
      <EntityType Name="readOnly" BaseType="graph.entity">
        <Annotation Term="Org.OData.Capabilities.V1.InsertRestrictions">
          <Record><PropertyValue Property="Insertable" Bool="false" /></Record>
        </Annotation>
        <Annotation Term="Org.OData.Capabilities.V1.DeleteRestrictions">
          <Record><PropertyValue Property="Deletable" Bool="false" /></Record>
        </Annotation>
        <Annotation Term="Org.OData.Capabilities.V1.UpdateRestrictions">
          <Record>
            <PropertyValue Property="Updatable" Bool="false" />
          </Record>
        </Annotation>
      </EntityType>
      <EntityType Name="replaced" BaseType="graph.entity">
        <Annotation Term="Org.OData.Capabilities.V1.UpdateRestrictions">
          <Record>
            <PropertyValue Property="UpdateMethod">
              <EnumMember>Org.OData.Capabilities.V1.HttpMethod/PUT</EnumMember>
            </PropertyValue>
          </Record>
        </Annotation>
      </EntityType>
      <Action Name="purge" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.entry" />
        <Annotation Term="Org.OData.Core.V1.RequiresExplicitBinding" />
      </Action>"#,
        r#"
        <Singleton Name="report" Type="microsoft.graph.report">
          <Annotation Term="Org.OData.Capabilities.V1.NavigationRestrictions">
            <Record>
              <PropertyValue Property="RestrictedProperties">
                <Collection>
                  <Record>
                    <PropertyValue Property="NavigationProperty" NavigationPropertyPath="secret" />
                    <PropertyValue Property="Navigability">
                      <EnumMember>Org.OData.Capabilities.V1.NavigationType/None</EnumMember>
                    </PropertyValue>
                  </Record>
                  <Record>
                    <PropertyValue Property="NavigationProperty" NavigationPropertyPath="entries" />
                    <PropertyValue Property="InsertRestrictions">
                      <Record><PropertyValue Property="Insertable" Bool="false" /></Record>
                    </PropertyValue>
                  </Record>
                </Collection>
              </PropertyValue>
            </Record>
          </Annotation>
        </Singleton>
        <EntitySet Name="readOnlies" EntityType="microsoft.graph.readOnly" />
        <EntitySet Name="replaceds" EntityType="microsoft.graph.replaced" />
        <EntitySet Name="hidden" EntityType="microsoft.graph.entry">
          <Annotation Term="Org.OData.Capabilities.V1.ReadRestrictions">
            <Record><PropertyValue Property="Readable" Bool="false" /></Record>
          </Annotation>
        </EntitySet>"#,
    );
    assert!(!listing.contains("/secret"), "Navigability None hides it");
    assert!(
        !listing.contains("POST   /report/entries\n"),
        "not insertable"
    );
    assert!(
        !listing.contains("/unindexed/"),
        "IndexableByKey false: no key"
    );
    assert!(
        !listing.contains("purge"),
        "explicit binding required, none given"
    );
    insta::assert_snapshot!("restrictions", listing);
}

#[test]
fn restriction_descriptions_and_single_value_filters_become_docs_and_lookups() {
    let model = model_of(&document(
        r#"
      <EntityType Name="user" BaseType="graph.entity">
        <NavigationProperty Name="events" Type="Collection(graph.event)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="event" BaseType="graph.entity">
        <Property Name="subject" Type="Edm.String" />
        <Property Name="settings" Type="graph.settings" />
      </EntityType>
      <ComplexType Name="settings">
        <Property Name="code" Type="Edm.String" />
      </ComplexType>"#,
        r#"
        <EntitySet Name="users" EntityType="microsoft.graph.user">
          <Annotation Term="Org.OData.Capabilities.V1.InsertRestrictions">
            <Record><PropertyValue Property="Description" String="Adds a user." /></Record>
          </Annotation>
          <Annotation Term="Org.OData.Capabilities.V1.NavigationRestrictions">
            <Record>
              <PropertyValue Property="RestrictedProperties">
                <Collection>
                  <Record>
                    <PropertyValue Property="NavigationProperty" NavigationPropertyPath="events" />
                    <PropertyValue Property="InsertRestrictions">
                      <Record>
                        <PropertyValue Property="Description" String="Creates an event." />
                        <PropertyValue Property="LongDescription" String="Not on the calendar." />
                      </Record>
                    </PropertyValue>
                    <PropertyValue Property="UpdateRestrictions">
                      <Record><PropertyValue Property="LongDescription" String="Send only changes." /></Record>
                    </PropertyValue>
                    <PropertyValue Property="FilterRestrictions">
                      <Record>
                        <PropertyValue Property="FilterExpressionRestrictions">
                          <Collection>
                            <Record>
                              <PropertyValue Property="Property" PropertyPath="settings/code" />
                              <PropertyValue Property="AllowedExpressions" String="SingleValue" />
                            </Record>
                            <Record>
                              <PropertyValue Property="Property" PropertyPath="subject" />
                              <PropertyValue Property="AllowedExpressions" String="MultiValue" />
                            </Record>
                          </Collection>
                        </PropertyValue>
                      </Record>
                    </PropertyValue>
                  </Record>
                </Collection>
              </PropertyValue>
            </Record>
          </Annotation>
        </EntitySet>"#,
    ));
    let paths = api_paths(&model).paths;
    let notes = |rendered: &str| {
        paths
            .iter()
            .find(|path| path.render(&model) == rendered)
            .unwrap_or_else(|| panic!("no path {rendered}"))
            .notes
            .clone()
    };
    let users = notes("/users");
    assert_eq!(users.docs(Method::Post), ["Adds a user."]);
    assert!(users.docs(Method::Get).is_empty());
    let events = notes("/users/{userId}/events");
    assert_eq!(
        events.docs(Method::Post),
        ["Creates an event.", "Not on the calendar."]
    );
    assert_eq!(
        events.lookups,
        ["settings/code"],
        "only SingleValue entries"
    );
    let event = notes("/users/{userId}/events/{eventId}");
    assert_eq!(event.docs(Method::Patch), ["Send only changes."]);
    assert!(event.lookups.is_empty(), "an item is not filtered");

    // The plan makes each lookup a function on the collection's path with the filter.
    let options = PlanOptions {
        roots: Roots::All,
        navigation: false,
        source: "test.xml".into(),
        rules_module: None,
    };
    let plan = plan(&model, &options).unwrap_or_else(|e| panic!("{e}"));
    let events = plan
        .api
        .modules
        .iter()
        .find(|m| m.name == "users")
        .and_then(|users| users.modules.iter().find(|m| m.name == "events"))
        .expect("api::users::events");
    let lookup = events
        .functions
        .iter()
        .find(|f| f.name == "get_by_code")
        .expect("get_by_code");
    assert_eq!(
        lookup.paths,
        ["/users/{userId}/events?$filter=settings/code eq '{code}'"]
    );
    assert!(matches!(lookup.answer, Answer::FirstItem(_)));
    let create = events
        .functions
        .iter()
        .find(|f| f.name == "create")
        .unwrap();
    assert_eq!(create.docs, ["Creates an event.", "Not on the calendar."]);
}

/// `../shared/graph-metadata/v1.0-clean.xml`, if present.
fn official_v1() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../../shared", "../shared"]
        .iter()
        .map(|shared| manifest.join(shared).join("graph-metadata/v1.0-clean.xml"))
        .find(|file| file.is_file())
}

#[test]
fn official_v1_has_every_kind_of_path() {
    let Some(file) = official_v1() else {
        println!("skipped: ../shared not found");
        return;
    };
    let document = csdl::read_path(&file).unwrap();
    let (model, _) = Model::resolve_owned(vec![document]).unwrap();
    let listing = listing(&model);
    let operations = listing.lines().count();
    assert!(
        (15_000..20_000).contains(&operations),
        "{operations} operations"
    );
    for expected in [
        "GET    /users/{userId}/events/{eventId}",
        "POST   /me/onlineMeetings",
        "POST   /users/{userId}/onlineMeetings/createOrGet",
        "GET    /applications(appId='{appId}')",
        "POST   /groups/{groupId}/members/$ref",
        "DELETE /groups/{groupId}/members/{directoryObjectId}/$ref",
        "GET    /users/$count",
        "GET    /groups/{groupId}/members/microsoft.graph.user",
        "PUT    /drives/{driveId}/items/{driveItemId}/content",
        "GET    /me/photo/$value",
        "GET    /reports/getEmailActivityCounts(period='{period}')",
        "POST   /users/{userId}/assignLicense",
        "GET    /me/calendarView/delta()",
        "POST   /security/cases/ediscoveryCases/{ediscoveryCaseId}/custodians/{ediscoveryCustodianId}/microsoft.graph.security.applyHold",
        "GET    /me/onlineMeetings/{onlineMeetingId}/attendanceReports/{meetingAttendanceReportId}",
    ] {
        assert!(
            listing.lines().any(|line| line == expected),
            "missing: {expected}"
        );
    }
}

#[test]
fn the_endpoints_command_prints_tab_separated_lines_and_names_bad_roots() {
    let dir = std::env::temp_dir().join(format!("graph-paths-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("small.xml");
    std::fs::write(
        &file,
        document(
            r#"
      <EntityType Name="event" BaseType="graph.entity" />
      <EntityType Name="user" BaseType="graph.entity">
        <NavigationProperty Name="events" Type="Collection(graph.event)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="place" BaseType="graph.entity" />"#,
            r#"
        <EntitySet Name="users" EntityType="microsoft.graph.user" />
        <EntitySet Name="places" EntityType="microsoft.graph.place" />"#,
        ),
    )
    .unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_graph-codegen"))
            .arg("endpoints")
            .arg("--metadata")
            .arg(&file)
            .args(args)
            .output()
            .unwrap()
    };
    let all = run(&["--all"]);
    assert!(all.status.success());
    let stdout = String::from_utf8(all.stdout).unwrap();
    assert!(stdout.lines().all(|line| line.split('\t').count() == 2));
    assert!(stdout.contains("GET\t/places/{placeId}\n"));
    assert!(stdout.contains("POST\t/users/{userId}/events\n"));

    // A root keeps the operations about that type.
    let events = run(&["--root", "microsoft.graph.event"]);
    assert!(events.status.success());
    let stdout = String::from_utf8(events.stdout).unwrap();
    assert!(stdout.contains("GET\t/users/{userId}/events/{eventId}\n"));
    assert!(stdout.contains("GET\t/users/{userId}/events/$count\n"));
    assert!(!stdout.contains("/places"), "{stdout}");
    assert!(!stdout.contains("GET\t/users\n"), "{stdout}");

    let unknown = run(&["--root", "microsoft.graph.evnt"]);
    assert_eq!(unknown.status.code(), Some(1));
    let stderr = String::from_utf8(unknown.stderr).unwrap();
    assert!(stderr.contains("microsoft.graph.evnt"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
