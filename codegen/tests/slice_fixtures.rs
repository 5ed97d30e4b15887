//! `graph-codegen slice` on small fixtures: one assertion per rule of what a slice keeps, then
//! determinism, idempotence, errors, writing, and the command line.

use std::path::Path;
use std::process::Command;

use graph_codegen::csdl::{self, ContainerItem, Document, SchemaItem};
use graph_codegen::model::Model;
use graph_codegen::slice::{slice, slice_file, Slice, SliceError, SliceOptions};
use graph_codegen::write::WriteMode;
use graph_codegen::Builder;

/// Two namespaces that the roots reach, one they do not; every rule has an element to keep
/// and one to leave out.
const FIXTURE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="test.main" Alias="main" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color">
        <Member Name="red" Value="0" />
        <Member Name="blue" Value="1" />
      </EnumType>
      <EnumType Name="unusedEnum">
        <Member Name="x" />
      </EnumType>
      <TypeDefinition Name="label" UnderlyingType="Edm.String" MaxLength="10" />
      <EntityType Name="entity" Abstract="true">
        <Key>
          <PropertyRef Name="id" />
        </Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="meeting" BaseType="main.entity">
        <Property Name="color" Type="main.color" />
        <Property Name="label" Type="main.label" />
        <Property Name="organizer" Type="main.identity" />
        <NavigationProperty Name="notes" Type="Collection(main.note)" ContainsTarget="true" />
        <NavigationProperty Name="previous" Type="main.meeting" />
        <Annotation Term="Org.OData.Core.V1.Description" String="A meeting." />
      </EntityType>
      <ComplexType Name="identity" Abstract="true">
        <Property Name="displayName" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="userIdentity" BaseType="main.identity" />
      <ComplexType Name="guestIdentity" BaseType="main.userIdentity" />
      <ComplexType Name="unrelated">
        <Property Name="n" Type="Edm.Int32" />
      </ComplexType>
      <EntityType Name="note" BaseType="main.entity">
        <Property Name="text" Type="Edm.String" />
      </EntityType>
      <EntityType Name="directoryObject" BaseType="main.entity">
        <Property Name="deletedDateTime" Type="Edm.DateTimeOffset" />
      </EntityType>
      <EntityType Name="user" BaseType="main.directoryObject">
        <Property Name="mail" Type="Edm.String" />
        <NavigationProperty Name="meetings" Type="Collection(main.meeting)" ContainsTarget="true" />
        <NavigationProperty Name="notes" Type="Collection(main.note)" />
        <Annotation Term="Org.OData.Core.V1.Description" String="A user." />
        <Annotation Term="Org.OData.Core.V1.AlternateKeys">
          <Collection>
            <Record>
              <PropertyValue Property="Key">
                <Collection>
                  <Record>
                    <PropertyValue Property="Name" PropertyPath="mail" />
                  </Record>
                </Collection>
              </PropertyValue>
            </Record>
          </Collection>
        </Annotation>
      </EntityType>
      <Action Name="createOrGet" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(main.meeting)" />
        <Parameter Name="extra" Type="other.extra" />
        <ReturnType Type="main.meeting" />
      </Action>
      <Function Name="count" IsBound="true">
        <Parameter Name="bindingParameter" Type="main.unrelated" />
        <ReturnType Type="Edm.Int32" />
      </Function>
      <Term Name="tag" Type="Edm.String" />
      <Term Name="unusedTerm" Type="Edm.String" />
      <EntityContainer Name="Service">
        <EntitySet Name="users" EntityType="main.user">
          <NavigationPropertyBinding Path="notes" Target="notes" />
        </EntitySet>
        <EntitySet Name="notes" EntityType="main.note" />
        <Singleton Name="me" Type="main.user" />
      </EntityContainer>
      <Annotations Target="main.meeting/color" Qualifier="Q">
        <Annotation Term="main.tag" String="kept" />
      </Annotations>
      <Annotations Target="main.unrelated">
        <Annotation Term="main.unusedTerm" String="left out" />
      </Annotations>
      <Annotations Target="test.main.Service/users">
        <Annotation Term="Org.OData.Capabilities.V1.NavigationRestrictions">
          <Record>
            <PropertyValue Property="RestrictedProperties">
              <Collection>
                <Record>
                  <PropertyValue Property="NavigationProperty" NavigationPropertyPath="notes" />
                </Record>
              </Collection>
            </PropertyValue>
          </Record>
        </Annotation>
      </Annotations>
      <Annotations Target="test.main.Service/me">
        <Annotation Term="Org.OData.Capabilities.V1.SkipSupported" Bool="false" />
      </Annotations>
    </Schema>
    <Schema Namespace="test.other" Alias="other" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="extra">
        <Property Name="shade" Type="main.color" />
      </ComplexType>
      <ComplexType Name="partnerIdentity" BaseType="main.identity" />
    </Schema>
    <Schema Namespace="test.unreached" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="nothing" />
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

const ROOT: &str = "test.main.meeting";

fn fixture() -> Document {
    csdl::read_bytes("fixture.xml", FIXTURE.as_bytes()).unwrap_or_else(|error| panic!("{error}"))
}

fn options(roots: &[&str], navigation: bool) -> SliceOptions {
    SliceOptions {
        roots: roots.iter().map(|r| (*r).to_owned()).collect(),
        navigation,
        command: format!(
            "graph-codegen slice -m fixture.xml -r {} -o out.xml",
            roots.join(" -r ")
        ),
    }
}

fn sliced(navigation: bool) -> (Slice, Document) {
    let slice =
        slice(&fixture(), &options(&[ROOT], navigation)).unwrap_or_else(|error| panic!("{error}"));
    let doc = csdl::read_bytes("slice.xml", slice.xml.as_bytes())
        .unwrap_or_else(|error| panic!("{error}"));
    (slice, doc)
}

/// `namespace.name` of every schema item that has a name (containers and terms included).
fn declared(doc: &Document) -> Vec<String> {
    doc.schemas
        .iter()
        .flat_map(|schema| {
            schema.items.iter().filter_map(move |item| match item {
                SchemaItem::Annotations(_) => None,
                other => Some(format!("{}.{}", schema.namespace, other.name())),
            })
        })
        .collect()
}

fn structured<'d>(doc: &'d Document, name: &str) -> &'d csdl::StructuredType {
    doc.schemas
        .iter()
        .flat_map(|s| &s.items)
        .find_map(|item| match item {
            SchemaItem::EntityType(t) | SchemaItem::ComplexType(t) if t.name == name => Some(t),
            _ => None,
        })
        .unwrap_or_else(|| panic!("`{name}` is not in the slice"))
}

fn property_names(ty: &csdl::StructuredType) -> Vec<&str> {
    ty.properties.iter().map(|p| p.name.as_str()).collect()
}

fn annotation_blocks(doc: &Document) -> Vec<(String, Option<String>, Vec<String>)> {
    doc.schemas
        .iter()
        .flat_map(|s| &s.items)
        .filter_map(|item| match item {
            SchemaItem::Annotations(block) => Some((
                block.target.clone(),
                block.qualifier.clone(),
                block.annotations.iter().map(|a| a.term.clone()).collect(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn keeps_the_closure_the_operations_signatures_and_the_entry_types_and_nothing_else() {
    let (slice, doc) = sliced(false);
    assert_eq!(
        declared(&doc),
        [
            "test.main.color",
            "test.main.label",
            "test.main.entity",
            "test.main.meeting",
            "test.main.identity",
            "test.main.userIdentity",
            // Derived from a property's type transitively, and in another namespace.
            "test.main.guestIdentity",
            "test.main.directoryObject",
            "test.main.user",
            "test.main.createOrGet",
            "test.main.tag",
            "test.main.Service",
            // The type of createOrGet's parameter, and the enum it uses.
            "test.other.extra",
            "test.other.partnerIdentity",
        ]
    );
    assert_eq!(
        slice.types,
        [
            (
                "test.main".to_owned(),
                [
                    "color",
                    "label",
                    "entity",
                    "meeting",
                    "identity",
                    "userIdentity",
                    "guestIdentity"
                ]
                .map(|n| format!("test.main.{n}"))
                .to_vec()
            ),
            (
                "test.other".to_owned(),
                vec![
                    "test.other.extra".to_owned(),
                    "test.other.partnerIdentity".to_owned()
                ]
            ),
        ]
    );
    assert_eq!(
        slice.trimmed_types,
        ["test.main.directoryObject", "test.main.user"]
    );
    assert_eq!(slice.operations, ["test.main.createOrGet"]);
    assert_eq!(slice.entries, ["users", "me"]);
}

#[test]
fn namespaces_and_aliases_are_kept_as_written_and_unreached_namespaces_dropped() {
    let (_, doc) = sliced(false);
    let schemas: Vec<(&str, Option<&str>)> = doc
        .schemas
        .iter()
        .map(|s| (s.namespace.as_str(), s.alias.as_deref()))
        .collect();
    assert_eq!(
        schemas,
        [("test.main", Some("main")), ("test.other", Some("other"))]
    );
    assert_eq!(
        structured(&doc, "meeting").base_type.as_deref(),
        Some("main.entity")
    );
}

#[test]
fn whole_types_keep_every_property_and_navigation_whose_target_is_kept() {
    let (_, doc) = sliced(false);
    assert_eq!(
        property_names(structured(&doc, "meeting")),
        ["color", "label", "organizer", "previous"]
    );
    let (_, doc) = sliced(true);
    assert_eq!(
        property_names(structured(&doc, "meeting")),
        ["color", "label", "organizer", "notes", "previous"]
    );
    assert_eq!(property_names(structured(&doc, "note")), ["text"]);
}

#[test]
fn entry_types_are_trimmed_to_their_key_and_navigation_to_the_roots() {
    let (_, doc) = sliced(false);
    let user = structured(&doc, "user");
    assert_eq!(property_names(user), ["meetings"]);
    assert!(property_names(structured(&doc, "directoryObject")).is_empty());
    assert_eq!(property_names(structured(&doc, "entity")), ["id"]);
    let terms: Vec<&str> = user.annotations.iter().map(|a| a.term.as_str()).collect();
    assert_eq!(
        terms,
        ["Org.OData.Core.V1.Description"],
        "AlternateKeys names `mail`, which is left out"
    );
}

#[test]
fn the_container_keeps_the_entries_that_reach_the_roots_without_dangling_bindings() {
    let (_, doc) = sliced(false);
    let container = doc
        .schemas
        .iter()
        .flat_map(|s| &s.items)
        .find_map(|item| match item {
            SchemaItem::EntityContainer(c) => Some(c),
            _ => None,
        })
        .expect("container kept");
    let users = match &container.items[0] {
        ContainerItem::EntitySet(set) => set,
        other => panic!("expected users, got {other:?}"),
    };
    assert_eq!(users.name, "users");
    assert!(users.bindings.is_empty(), "notes is left out");
    assert!(matches!(&container.items[1], ContainerItem::Singleton(me) if me.name == "me"));
    assert_eq!(container.items.len(), 2);
}

#[test]
fn annotations_on_kept_elements_are_kept_with_their_qualifier_and_terms() {
    let (_, doc) = sliced(false);
    assert_eq!(
        annotation_blocks(&doc),
        [
            (
                "main.meeting/color".to_owned(),
                Some("Q".to_owned()),
                vec!["main.tag".to_owned()]
            ),
            (
                "test.main.Service/me".to_owned(),
                None,
                vec!["Org.OData.Capabilities.V1.SkipSupported".to_owned()]
            ),
        ],
        "the unrelated type's annotation and the users restrictions naming `notes` are left out"
    );
    let meeting = structured(&doc, "meeting");
    assert_eq!(meeting.annotations.len(), 1, "inline description kept");
    assert!(!declared(&doc).contains(&"test.main.unusedTerm".to_owned()));
}

#[test]
fn the_header_names_the_command_and_the_output_is_well_formed_xml() {
    let mut options = options(&[ROOT], false);
    options.command = "graph-codegen slice --metadata a--b.xml -r test.main.meeting -".into();
    let slice = slice(&fixture(), &options).unwrap_or_else(|error| panic!("{error}"));
    assert!(slice
        .xml
        .starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- Generated by `graph-codegen slice - -metadata a- -b.xml"));
    let comment_start = slice.xml.find("<!--").expect("comment opened") + 4;
    let comment_end = slice.xml.find("-->").expect("comment closed");
    assert!(
        !slice.xml[comment_start..comment_end].contains("--"),
        "no `--` inside the comment"
    );
    // A strict, independent parser accepts the whole document.
    roxmltree::Document::parse(&slice.xml).unwrap_or_else(|error| panic!("{error}"));
    assert!(slice
        .xml
        .contains("Types kept whole: 9 (test.main 7, test.other 2)."));
}

#[test]
fn slicing_is_deterministic_and_idempotent() {
    let options = options(&[ROOT], false);
    let first = slice(&fixture(), &options).expect("slice");
    let second = slice(&fixture(), &options).expect("slice");
    assert_eq!(first.xml, second.xml);
    let again = csdl::read_bytes("slice.xml", first.xml.as_bytes()).expect("reads back");
    let of_slice = slice(&again, &options).expect("slice of the slice");
    assert_eq!(of_slice.xml, first.xml, "slice of the slice = the slice");

    let navigation = crate::options(&[ROOT], true);
    let first = slice(&fixture(), &navigation).expect("slice");
    let again = csdl::read_bytes("slice.xml", first.xml.as_bytes()).expect("reads back");
    assert_eq!(slice(&again, &navigation).expect("slice").xml, first.xml);
}

#[test]
fn code_generated_from_the_slice_equals_code_generated_from_the_whole() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let whole = dir.path().join("whole.xml");
    let part = dir.path().join("part.xml");
    std::fs::write(&whole, FIXTURE).expect("write");
    slice_file(&whole, &part, &options(&[ROOT], false), WriteMode::Write).expect("slice");
    let generate = |path: &Path| {
        let (files, _) = Builder::new()
            .metadata(path)
            .root(ROOT)
            .files()
            .unwrap_or_else(|error| panic!("{error}"));
        files
            .into_iter()
            .map(|file| {
                // The first line names the source file; the rest must be identical.
                let body = file.contents.split_once('\n').map_or("", |(_, rest)| rest);
                (file.path, body.to_owned())
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(generate(&part), generate(&whole));
}

#[test]
fn bad_roots_and_bad_metadata_are_clear_errors() {
    let error = slice(&fixture(), &options(&["test.main.Meeting"], false)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "root type `test.main.Meeting` is not declared in the metadata (did you mean test.main.meeting?)"
    );
    assert!(matches!(
        slice(&fixture(), &options(&[], false)),
        Err(SliceError::NoRoots)
    ));

    let dir = tempfile::tempdir().expect("temporary directory");
    let bad = dir.path().join("bad.xml");
    std::fs::write(
        &bad,
        FIXTURE.replace("main.identity\" />", "main.identiti\" />"),
    )
    .expect("write");
    let error = slice_file(
        &bad,
        &dir.path().join("out.xml"),
        &options(&[ROOT], false),
        WriteMode::Write,
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("bad.xml:") && error.contains("identiti"),
        "FILE:LINE:COLUMN and the bad name: {error}"
    );
    assert!(
        !dir.path().join("out.xml").exists(),
        "nothing written on error"
    );
}

#[test]
fn the_file_is_written_only_when_its_bytes_change() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let input = dir.path().join("whole.xml");
    let out = dir.path().join("part.xml");
    std::fs::write(&input, FIXTURE).expect("write");
    let options = options(&[ROOT], false);

    let (_, changed) = slice_file(&input, &out, &options, WriteMode::Check).expect("check");
    assert!(changed, "missing file is stale");
    assert!(!out.exists(), "check mode writes nothing");
    let (_, changed) = slice_file(&input, &out, &options, WriteMode::Write).expect("write");
    assert!(changed);
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&out)
        .and_then(|file| file.set_modified(old))
        .expect("backdate");
    let (_, changed) = slice_file(&input, &out, &options, WriteMode::Write).expect("write");
    assert!(!changed);
    let modified = std::fs::metadata(&out)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(modified, old, "an unchanged slice is not rewritten");
    let (_, changed) = slice_file(&input, &out, &options, WriteMode::Check).expect("check");
    assert!(!changed);
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("list").count(),
        2,
        "no temporary files"
    );
}

#[test]
fn the_command_line_writes_checks_and_refuses() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let input = dir.path().join("whole.xml");
    let out = dir.path().join("part.xml");
    std::fs::write(&input, FIXTURE).expect("write");
    let run = |extra: &[&str], root: &str| {
        Command::new(env!("CARGO_BIN_EXE_graph-codegen"))
            .arg("slice")
            .arg("--metadata")
            .arg(&input)
            .args(["--root", root, "--out"])
            .arg(&out)
            .args(extra)
            .output()
            .expect("run graph-codegen")
    };
    let written = run(&[], ROOT);
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    let xml = std::fs::read_to_string(&out).expect("slice written");
    let command = format!(
        "graph-codegen slice -m {} -r {ROOT} -o {}",
        input.display(),
        out.display()
    );
    let header: String = xml
        .lines()
        .take(4)
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        header.contains(&command),
        "{header}\nshould name: {command}"
    );

    assert!(run(&["--check"], ROOT).status.success());
    std::fs::write(&out, xml.replace("blue", "green")).expect("edit");
    let stale = run(&["--check"], ROOT);
    assert_eq!(stale.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&stale.stderr).contains("is stale"));

    let unknown = run(&[], "test.main.nothing");
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr)
        .contains("root type `test.main.nothing` is not declared"));
}

#[test]
fn csdl_json_input_gives_the_same_slice() {
    let options = options(&[ROOT], false);
    let from_xml = slice(&fixture(), &options).expect("slice");
    let json = csdl::to_json(&fixture());
    let doc = csdl::read_bytes("fixture.json", json.as_bytes()).expect("JSON reads");
    let from_json = slice(&doc, &options).expect("slice of JSON");
    // The same model; the text may differ where the formats do (the version, a qualifier on
    // the annotation rather than on its block).
    let model = |xml: &str| {
        let doc = csdl::read_bytes("slice.xml", xml.as_bytes()).expect("slice reads");
        Model::resolve(&[doc])
            .expect("slice resolves")
            .0
            .without_positions()
    };
    assert_eq!(model(&from_json.xml), model(&from_xml.xml));
    assert_eq!(from_json.types, from_xml.types);
}
