//! The project's own CSDL, `metadata/onlineMeeting.csdl.xml`, against the official metadata:
//! every type, property, operation, container entry and annotation in it agrees with
//! `../shared/graph-metadata/v1.0-clean.xml`, nothing the closure needs is missing, and the
//! file is exactly what the command in its header makes (and slicing it again changes nothing).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use graph_codegen::csdl;
use graph_codegen::model::{Model, OperationId, PropertyKind, Target, TypeDetail, TypeId};
use graph_codegen::plan::closure::{closure, ClosureOptions};
use graph_codegen::slice::{slice, SliceOptions};

const ROOT: &str = "microsoft.graph.onlineMeeting";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ is inside the workspace")
        .to_owned()
}

fn checked_in_path() -> PathBuf {
    workspace().join("metadata/onlineMeeting.csdl.xml")
}

/// `../shared/graph-metadata/v1.0-clean.xml`, or `None` (the caller says it skips).
fn official_path() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = ["../../shared", "../shared"]
        .iter()
        .map(|shared| manifest.join(shared).join("graph-metadata/v1.0-clean.xml"))
        .find(|path| path.is_file());
    if found.is_none() {
        eprintln!("skipped: ../shared not found (no ../shared/graph-metadata/v1.0-clean.xml)");
    }
    found
}

fn load(path: &Path) -> Model {
    let doc = csdl::read_path(path).unwrap_or_else(|error| panic!("{error}"));
    Model::resolve(&[doc])
        .unwrap_or_else(|error| panic!("{error}"))
        .0
}

fn official_type(official: &Model, name: &str) -> TypeId {
    official
        .find_type(name)
        .unwrap_or_else(|| panic!("`{name}` is in the slice but not in v1.0-clean.xml"))
}

fn base_name(model: &Model, id: TypeId) -> Option<String> {
    model[id]
        .structured()
        .and_then(|s| s.base)
        .map(|base| model[base].qualified_name.clone())
}

/// A textual name for an annotation target that is the same in both models.
fn target_key(model: &Model, target: &Target) -> String {
    match target {
        Target::Schema(id) => format!("schema {}", model[*id].namespace),
        Target::Type(id) => model[*id].qualified_name.clone(),
        Target::Property(id) => {
            let p = &model[*id];
            format!("{}/{}", model[p.declaring_type].qualified_name, p.name)
        }
        Target::Member(id, index) => {
            let member = &model[*id].as_enum().expect("enum").members[*index];
            format!("{}/{}", model[*id].qualified_name, member.name)
        }
        Target::Operation(id) => operation_key(model, *id, ""),
        Target::Overloads(ids) => operation_key(model, ids[0], ""),
        Target::ReturnType(id) => operation_key(model, *id, "/$ReturnType"),
        Target::Parameter(id, index) => {
            let op = &model[*id];
            format!("{}/{}", op.qualified_name, op.parameters[*index].name)
        }
        Target::Term(id) => model[*id].qualified_name.clone(),
        Target::Container(id) => model[*id].qualified_name.clone(),
        Target::EntitySet(c, i) => {
            format!(
                "{}/{}",
                model[*c].qualified_name, model[*c].entity_sets[*i].name
            )
        }
        Target::Singleton(c, i) => {
            format!(
                "{}/{}",
                model[*c].qualified_name, model[*c].singletons[*i].name
            )
        }
        Target::ActionImport(c, i) => {
            format!(
                "{}/{}",
                model[*c].qualified_name, model[*c].action_imports[*i].name
            )
        }
        Target::FunctionImport(c, i) => {
            format!(
                "{}/{}",
                model[*c].qualified_name, model[*c].function_imports[*i].name
            )
        }
        Target::Unresolved(path) => format!("unresolved {path}"),
    }
}

/// An operation overload by name and parameter types, and a suffix.
fn operation_key(model: &Model, id: OperationId, suffix: &str) -> String {
    let op = &model[id];
    let signature: Vec<String> = op
        .parameters
        .iter()
        .map(|p| model.type_ref_name(&p.ty))
        .collect();
    format!("{}({}){suffix}", op.qualified_name, signature.join(","))
}

/// Every annotation as (target, term, qualifier, value), comparable across models.
fn annotation_keys(model: &Model) -> Vec<String> {
    model
        .annotations()
        .map(|(_, a)| {
            format!(
                "{} @{}#{:?} = {:?}",
                target_key(model, &a.target),
                a.term,
                a.qualifier,
                a.value
            )
        })
        .collect()
}

#[test]
fn every_type_and_property_agrees_with_the_official_metadata() {
    let Some(official_path) = official_path() else {
        return;
    };
    let slice = load(&checked_in_path());
    let official = load(&official_path);

    for (id, ty) in slice.types() {
        let name = &ty.qualified_name;
        let other = official_type(&official, name);
        let theirs = &official[other];
        assert_eq!(ty.kind(), theirs.kind(), "{name}: kind");
        assert_eq!(
            base_name(&slice, id),
            base_name(&official, other),
            "{name}: base type"
        );
        match (&ty.detail, &theirs.detail) {
            (TypeDetail::Enum(mine), TypeDetail::Enum(theirs)) => {
                assert_eq!(mine.underlying, theirs.underlying, "{name}: underlying");
                assert_eq!(mine.is_flags, theirs.is_flags, "{name}: IsFlags");
                let members = |e: &graph_codegen::model::EnumType| {
                    e.members
                        .iter()
                        .map(|m| (m.name.clone(), m.value))
                        .collect::<Vec<_>>()
                };
                assert_eq!(members(mine), members(theirs), "{name}: members and values");
            }
            (TypeDetail::Definition(mine), TypeDetail::Definition(theirs)) => {
                assert_eq!(mine, theirs, "{name}: type definition");
            }
            (
                TypeDetail::Entity(mine) | TypeDetail::Complex(mine),
                TypeDetail::Entity(theirs) | TypeDetail::Complex(theirs),
            ) => {
                assert_eq!(mine.is_abstract, theirs.is_abstract, "{name}: Abstract");
                assert_eq!(mine.is_open, theirs.is_open, "{name}: OpenType");
                assert_eq!(mine.has_stream, theirs.has_stream, "{name}: HasStream");
                let keys = |k: &[graph_codegen::model::KeyProperty]| {
                    k.iter().map(|k| k.name.clone()).collect::<Vec<_>>()
                };
                assert_eq!(keys(&mine.key), keys(&theirs.key), "{name}: key");
                for property in &mine.properties {
                    let p = &slice[*property];
                    let q = theirs
                        .properties
                        .iter()
                        .map(|q| &official[*q])
                        .find(|q| q.name == p.name)
                        .unwrap_or_else(|| panic!("{name}/{}: not in v1.0-clean.xml", p.name));
                    let what = format!("{name}/{}", p.name);
                    assert_eq!(p.kind, q.kind, "{what}: kind");
                    assert_eq!(
                        slice.type_ref_name(&p.ty),
                        official.type_ref_name(&q.ty),
                        "{what}: type"
                    );
                    assert_eq!(p.nullable, q.nullable, "{what}: Nullable");
                    assert_eq!(p.facets, q.facets, "{what}: facets");
                    assert_eq!(p.default_value, q.default_value, "{what}: DefaultValue");
                    assert_eq!(
                        p.contains_target, q.contains_target,
                        "{what}: ContainsTarget"
                    );
                    assert_eq!(p.partner, q.partner, "{what}: Partner");
                }
            }
            _ => panic!("{name}: kinds differ"),
        }
    }
}

#[test]
fn the_closure_is_complete_and_the_expected_size() {
    let Some(official_path) = official_path() else {
        return;
    };
    let slice = load(&checked_in_path());
    let official = load(&official_path);
    let names = |model: &Model| -> BTreeSet<String> {
        let root = model.find_type(ROOT).expect("root declared");
        closure(model, &[root], ClosureOptions::default())
            .into_iter()
            .map(|id| model[id].qualified_name.clone())
            .collect()
    };
    let mine = names(&slice);
    assert_eq!(
        mine,
        names(&official),
        "the closure differs from the official one"
    );
    // 64 types over two namespaces (identity has ~20 derived types).
    assert_eq!(mine.len(), 64, "{mine:#?}");
    let namespaces: BTreeSet<&str> = mine
        .iter()
        .map(|name| name.rsplit_once('.').expect("qualified").0)
        .collect();
    assert_eq!(
        namespaces,
        BTreeSet::from(["microsoft.graph", "microsoft.graph.callRecords"])
    );

    // Types of the closure are whole: every structural property of the official type, and
    // every navigation property whose target the slice has.
    for name in &mine {
        let (ours, theirs) = (
            slice.find_type(name).expect("in slice"),
            official_type(&official, name),
        );
        let Some(structured) = official[theirs].structured() else {
            continue;
        };
        for property in &structured.properties {
            let q = &official[*property];
            let target_kept = match q.ty.target {
                graph_codegen::model::TypeTarget::Type(t) => {
                    slice.find_type(&official[t].qualified_name).is_some()
                }
                _ => true,
            };
            if q.kind == PropertyKind::Navigation && !target_kept {
                continue;
            }
            assert!(
                slice.find_property(ours, &q.name).is_some(),
                "{name}/{} is missing from the slice",
                q.name
            );
        }
    }
}

#[test]
fn operations_entries_and_annotations_agree_with_the_official_metadata() {
    let Some(official_path) = official_path() else {
        return;
    };
    let slice = load(&checked_in_path());
    let official = load(&official_path);

    let signature = |model: &Model, id| {
        let op: &graph_codegen::model::Operation = &model[id];
        let parameters: Vec<String> = op
            .parameters
            .iter()
            .map(|p| format!("{}: {} {}", p.name, model.type_ref_name(&p.ty), p.nullable))
            .collect();
        let returns = op
            .return_type
            .as_ref()
            .map(|r| format!("{} {}", model.type_ref_name(&r.ty), r.nullable));
        format!(
            "{:?} {}({}) -> {returns:?}",
            op.kind,
            op.qualified_name,
            parameters.join(", ")
        )
    };
    let theirs: BTreeSet<String> = official
        .operations()
        .map(|(id, _)| signature(&official, id))
        .collect();
    let mut bound_to_meetings = 0;
    for (id, op) in slice.operations() {
        let mine = signature(&slice, id);
        assert!(theirs.contains(&mine), "not in v1.0-clean.xml: {mine}");
        bound_to_meetings += usize::from(
            op.parameters[0].ty.target
                == graph_codegen::model::TypeTarget::Type(slice.find_type(ROOT).expect("root")),
        );
    }
    assert!(
        slice.find_operations("microsoft.graph.createOrGet").len() == 1,
        "createOrGet is kept"
    );
    assert_eq!(bound_to_meetings, slice.operations().len());

    let container = slice
        .entity_container()
        .expect("the slice keeps the container");
    let their_container = official.entity_container().expect("official container");
    let user = slice
        .find_type("microsoft.graph.user")
        .expect("user is kept");
    for set in &container.entity_sets {
        let other = their_container
            .entity_sets
            .iter()
            .find(|s| s.name == set.name)
            .expect("entity set in v1.0-clean.xml");
        assert_eq!(
            slice[set.entity_type].qualified_name,
            official[other.entity_type].qualified_name
        );
    }
    for single in &container.singletons {
        let other = their_container
            .singletons
            .iter()
            .find(|s| s.name == single.name)
            .expect("singleton in v1.0-clean.xml");
        assert_eq!(
            slice[single.ty].qualified_name,
            official[other.ty].qualified_name
        );
    }
    assert!(container
        .entity_sets
        .iter()
        .any(|s| s.name == "users" && s.entity_type == user));
    assert!(container
        .singletons
        .iter()
        .any(|s| s.name == "me" && s.ty == user));
    let online_meetings = slice
        .find_property(user, "onlineMeetings")
        .expect("user/onlineMeetings is kept");
    assert!(slice[online_meetings].contains_target);

    // Annotations: each one in the slice is in the official file on the same target, and
    // every description of a kept type or property is kept.
    let their_annotations: BTreeSet<String> = annotation_keys(&official).into_iter().collect();
    let mine = annotation_keys(&slice);
    for key in &mine {
        assert!(
            their_annotations.contains(key),
            "not in v1.0-clean.xml: {key}"
        );
    }
    let mine: BTreeSet<String> = mine.into_iter().collect();
    for (_, annotation) in official.annotations() {
        if annotation.term != "Org.OData.Core.V1.Description" {
            continue;
        }
        let described_is_kept = match &annotation.target {
            Target::Type(id) => slice.find_type(&official[*id].qualified_name).is_some(),
            Target::Property(id) => {
                let p = &official[*id];
                slice
                    .find_type(&official[p.declaring_type].qualified_name)
                    .and_then(|t| slice.find_property(t, &p.name))
                    .is_some()
            }
            _ => false,
        };
        if described_is_kept {
            let key = format!(
                "{} @{}#{:?} = {:?}",
                target_key(&official, &annotation.target),
                annotation.term,
                annotation.qualifier,
                annotation.value
            );
            assert!(
                mine.contains(&key),
                "description missing from the slice: {key}"
            );
        }
    }
}

/// The command in the header comment (`Generated by `...``), wrapped lines joined.
fn header_command(xml: &str) -> String {
    let start = xml
        .find("Generated by `")
        .expect("header names the command")
        + 14;
    let end = start + xml[start..].find('`').expect("command ends");
    xml[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The options of a `graph-codegen slice -m FILE -r QNAME... [-n] -o FILE` command.
fn parse_command(command: &str) -> (String, SliceOptions) {
    let mut words = command.split(' ');
    assert_eq!(words.next(), Some("graph-codegen"), "{command}");
    assert_eq!(words.next(), Some("slice"), "{command}");
    let mut metadata = None;
    let mut options = SliceOptions {
        command: command.to_owned(),
        ..SliceOptions::default()
    };
    while let Some(word) = words.next() {
        match word {
            "-m" => metadata = words.next().map(str::to_owned),
            "-r" => options.roots.push(words.next().expect("root").to_owned()),
            "-n" => options.navigation = true,
            "-o" => assert_eq!(words.next(), Some("metadata/onlineMeeting.csdl.xml")),
            other => panic!("unexpected `{other}` in `{command}`"),
        }
    }
    (metadata.expect("-m FILE"), options)
}

#[test]
fn the_checked_in_slice_is_what_its_header_command_makes() {
    let checked_in = std::fs::read_to_string(checked_in_path()).expect("checked-in slice");
    let (metadata, options) = parse_command(&header_command(&checked_in));
    assert_eq!(options.roots, [ROOT]);

    // Idempotent: slicing the slice with the same options gives it back, byte for byte.
    let doc = csdl::read_bytes("onlineMeeting.csdl.xml", checked_in.as_bytes())
        .unwrap_or_else(|error| panic!("{error}"));
    let again = slice(&doc, &options).unwrap_or_else(|error| panic!("{error}"));
    assert!(again.xml == checked_in, "slicing the slice changed it");

    // Fresh: the command, run from the workspace root, makes exactly the checked-in bytes.
    let Some(_) = official_path() else {
        return;
    };
    let official = workspace().join(&metadata);
    let doc = csdl::read_path(&official).unwrap_or_else(|error| panic!("{error}"));
    let fresh = slice(&doc, &options).unwrap_or_else(|error| panic!("{error}"));
    assert!(
        fresh.xml == checked_in,
        "metadata/onlineMeeting.csdl.xml is stale: run `cargo xtask slice`"
    );
    // Deterministic: a second run gives the same bytes.
    let second = slice(&doc, &options).unwrap_or_else(|error| panic!("{error}"));
    assert!(second.xml == fresh.xml, "two runs differ");
}

#[test]
fn code_generated_from_the_slice_equals_code_generated_from_the_official_metadata() {
    let Some(official_path) = official_path() else {
        return;
    };
    let generate = |path: &Path| {
        let (files, _) = graph_codegen::Builder::new()
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
    // The models are the same; the operations of the slice are some of those of the whole
    // file (the slice keeps the container entries that navigate to the root directly, not
    // longer paths such as `/communications/onlineMeetingConversations/{id}/onlineMeeting`).
    let is_api = |path: &Path| path.starts_with("api") || path == Path::new("api.rs");
    let (slice_api, slice_models): (Vec<_>, Vec<_>) = generate(&checked_in_path())
        .into_iter()
        .partition(|(path, _)| is_api(path));
    let (full_api, full_models): (Vec<_>, Vec<_>) = generate(&official_path)
        .into_iter()
        .partition(|(path, _)| is_api(path));
    assert!(!slice_models.is_empty());
    assert!(
        slice_models == full_models,
        "the slice generates different models than v1.0-clean.xml"
    );
    let functions = |files: &[(PathBuf, String)]| -> Vec<String> {
        files
            .iter()
            .flat_map(|(_, body)| body.lines())
            .filter(|line| line.trim_start().starts_with("/// `"))
            .map(|line| line.trim().to_owned())
            .collect()
    };
    let full = functions(&full_api);
    let slice = functions(&slice_api);
    assert!(slice.len() > 20, "{slice:?}");
    for line in &slice {
        assert!(
            full.contains(line),
            "the slice has `{line}`, the whole file does not"
        );
    }
}

#[test]
fn a_slice_keeps_the_paths_that_reach_its_root_through_contained_navigation() {
    let pinned = workspace().join("metadata/graph-v1/v1.0-clean.xml");
    let document = csdl::read_path(&pinned).unwrap_or_else(|e| panic!("{e}"));
    let options = SliceOptions {
        roots: vec!["microsoft.graph.event".into()],
        navigation: false,
        command: "test".into(),
    };
    let sliced = slice(&document, &options).unwrap_or_else(|e| panic!("{e}"));
    let model = Model::resolve_owned(vec![
        csdl::read_bytes("event.xml", sliced.xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
    ])
    .unwrap_or_else(|e| panic!("{e}"))
    .0;
    let paths: BTreeSet<String> = graph_codegen::plan::paths::api_paths(&model)
        .paths
        .iter()
        .map(|path| path.render(&model))
        .collect();
    for expected in [
        "/me/events/{eventId}",
        "/users/{userId}/calendars/{calendarId}/events",
        "/me/calendarGroups/{calendarGroupId}/calendars/{calendarId}/events/{eventId}",
        "/groups/{groupId}/calendar/events",
    ] {
        assert!(paths.contains(expected), "{expected} is missing");
    }
    // Types on the way are kept trimmed: `calendar` has its key and its way to events, not
    // its owner or permissions.
    let calendar = model
        .find_type("microsoft.graph.calendar")
        .expect("calendar is kept");
    assert!(model.find_property(calendar, "events").is_some());
    assert!(model
        .find_property(calendar, "calendarPermissions")
        .is_none());
}
