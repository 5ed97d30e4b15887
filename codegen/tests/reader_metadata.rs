//! Every official metadata file in `../shared/graph-metadata/` reads and resolves, and what the
//! model holds matches an independent count of the XML elements made with roxmltree.

use std::collections::HashMap;
use std::path::PathBuf;

use graph_codegen::csdl;
use graph_codegen::model::{Model, OperationKind, PropertyKind, TypeDetail};

/// `../shared/graph-metadata` beside the project, or `None` (the caller says it skips).
fn metadata_dir() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    ["../../shared/graph-metadata", "../shared/graph-metadata"]
        .iter()
        .map(|rel| manifest.join(rel))
        .find(|p| p.is_dir())
}

fn metadata_files() -> Option<Vec<PathBuf>> {
    let Some(dir) = metadata_dir() else {
        eprintln!("skipped: ../shared not found (no ../shared/graph-metadata)");
        return None;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("readable metadata dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("xml" | "csdl")))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no metadata files in {}", dir.display());
    Some(files)
}

/// Element counts by local name, counted by roxmltree (a different parser).
fn element_counts(bytes: &[u8]) -> HashMap<String, usize> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).expect("roxmltree parses");
    let mut counts = HashMap::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        *counts.entry(node.tag_name().name().to_owned()).or_insert(0) += 1;
    }
    counts
}

fn model_counts(model: &Model) -> HashMap<&'static str, usize> {
    let mut c: HashMap<&'static str, usize> = HashMap::new();
    for (_, ty) in model.types() {
        let key = match &ty.detail {
            TypeDetail::Entity(_) => "EntityType",
            TypeDetail::Complex(_) => "ComplexType",
            TypeDetail::Enum(e) => {
                *c.entry("Member").or_default() += e.members.len();
                "EnumType"
            }
            TypeDetail::Definition(_) => "TypeDefinition",
        };
        *c.entry(key).or_default() += 1;
        if let Some(s) = ty.structured() {
            *c.entry("PropertyRef").or_default() += s.key.len();
        }
    }
    for (_, p) in model.properties() {
        let key = match p.kind {
            PropertyKind::Structural => "Property",
            PropertyKind::Navigation => "NavigationProperty",
        };
        *c.entry(key).or_default() += 1;
    }
    for (_, op) in model.operations() {
        let key = match op.kind {
            OperationKind::Action => "Action",
            OperationKind::Function => "Function",
        };
        *c.entry(key).or_default() += 1;
        *c.entry("Parameter").or_default() += op.parameters.len();
        *c.entry("ReturnType").or_default() += usize::from(op.return_type.is_some());
    }
    for (_, container) in model.containers() {
        *c.entry("EntityContainer").or_default() += 1;
        *c.entry("EntitySet").or_default() += container.entity_sets.len();
        *c.entry("Singleton").or_default() += container.singletons.len();
        *c.entry("ActionImport").or_default() += container.action_imports.len();
        *c.entry("FunctionImport").or_default() += container.function_imports.len();
        let bindings: usize = container
            .entity_sets
            .iter()
            .map(|s| s.bindings.len())
            .chain(container.singletons.iter().map(|s| s.bindings.len()))
            .sum();
        *c.entry("NavigationPropertyBinding").or_default() += bindings;
    }
    c.insert("Schema", model.schemas().len());
    c.insert("Term", model.terms().len());
    c.insert("Annotation", model.annotations().len());
    c
}

#[test]
fn every_metadata_file_reads_and_counts_match_an_independent_count() {
    let Some(files) = metadata_files() else {
        return;
    };
    for path in files {
        let bytes = std::fs::read(&path).expect("readable");
        let doc =
            csdl::read_bytes(&path.display().to_string(), &bytes).unwrap_or_else(|e| panic!("{e}"));
        let (model, _warnings) = Model::resolve(&[doc]).unwrap_or_else(|e| panic!("{e}"));
        let expected = element_counts(&bytes);
        let actual = model_counts(&model);
        let mut checked = 0;
        for (element, count) in &actual {
            let want = expected.get(*element).copied().unwrap_or(0);
            assert_eq!(
                *count,
                want,
                "{}: {element}: model has {count}, the XML has {want}",
                path.display()
            );
            checked += 1;
        }
        assert!(checked >= 15, "compared {checked} kinds of element");
        assert!(
            model.types().len() > 50,
            "{}: suspiciously few types",
            path.display()
        );
    }
}

#[test]
fn clean_v1_has_the_known_shape() {
    let Some(dir) = metadata_dir() else {
        eprintln!("skipped: ../shared not found");
        return;
    };
    let doc = csdl::read_path(dir.join("v1.0-clean.xml")).expect("reads");
    let (model, warnings) = Model::resolve(&[doc]).expect("resolves");
    // The official metadata has names outside the OData identifier rules: warnings, not errors.
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("`client-request-id`")),
        "expected a warning about client-request-id"
    );
    let meeting = model
        .find_type("graph.onlineMeeting")
        .expect("alias lookup");
    assert_eq!(
        Some(meeting),
        model.find_type("microsoft.graph.onlineMeeting")
    );
    let chain: Vec<&str> = model
        .base_types(meeting)
        .into_iter()
        .map(|b| model[b].qualified_name.as_str())
        .collect();
    assert_eq!(
        chain,
        [
            "microsoft.graph.onlineMeetingBase",
            "microsoft.graph.entity"
        ]
    );
    let all = model.all_properties(meeting);
    assert_eq!(model[all[0]].name, "id", "base-first order");
    let subject = model.find_property(meeting, "subject").expect("inherited");
    assert_eq!(
        model[model[subject].declaring_type].name,
        "onlineMeetingBase"
    );
    let entity = model.find_type("microsoft.graph.entity").expect("entity");
    assert!(model.derived_types(entity).len() > 1000);
    assert!(model.derived_types(entity).contains(&meeting));
    let base = model.find_type("graph.onlineMeetingBase").expect("base");
    assert!(model.direct_derived_types(base).contains(&meeting));
}
