//! XML -> JSON -> model gives the same model as XML -> model for `v1.0-clean.xml`, and
//! JSON -> XML -> model does too.
//!
//! CSDL JSON does not type annotation constants (a date, a GUID or an enum member is a plain
//! string there, an annotation without a value is `true`), so annotation values are compared
//! in the form CSDL JSON gives them; everything else is compared exactly.

use std::path::PathBuf;

mod support;

use graph_codegen::csdl::{self, Format};
use graph_codegen::model::Model;
use support::{json_form, json_form_annotation};

fn clean_xml() -> Option<Vec<u8>> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let path = ["../../shared/graph-metadata", "../shared/graph-metadata"]
        .iter()
        .map(|rel| manifest.join(rel).join("v1.0-clean.xml"))
        .find(|p| p.is_file());
    match path {
        Some(path) => Some(std::fs::read(path).expect("readable")),
        None => {
            eprintln!("skipped: ../shared not found (no ../shared/graph-metadata/v1.0-clean.xml)");
            None
        }
    }
}

/// Compares two models element by element, so that a difference names what differs.
fn assert_same_model(xml: &Model, other: &Model, what: &str) {
    assert_eq!(
        xml.schemas().len(),
        other.schemas().len(),
        "{what}: schemas"
    );
    for ((_, a), (_, b)) in xml.schemas().zip(other.schemas()) {
        assert_eq!(a, b, "{what}: schema {}", a.namespace);
    }
    assert_eq!(xml.types().len(), other.types().len(), "{what}: types");
    for ((_, a), (_, b)) in xml.types().zip(other.types()) {
        assert_eq!(a, b, "{what}: type {}", a.qualified_name);
    }
    assert_eq!(xml.properties().len(), other.properties().len());
    for ((_, a), (_, b)) in xml.properties().zip(other.properties()) {
        assert_eq!(a, b, "{what}: property {}", a.name);
    }
    assert_eq!(xml.operations().len(), other.operations().len());
    for ((_, a), (_, b)) in xml.operations().zip(other.operations()) {
        assert_eq!(a, b, "{what}: operation {}", a.qualified_name);
    }
    for ((_, a), (_, b)) in xml.terms().zip(other.terms()) {
        assert_eq!(a, b, "{what}: term {}", a.qualified_name);
    }
    for ((_, a), (_, b)) in xml.containers().zip(other.containers()) {
        assert_eq!(a, b, "{what}: container {}", a.name);
    }
    assert_eq!(xml.annotations().len(), other.annotations().len());
    for ((_, a), (_, b)) in xml.annotations().zip(other.annotations()) {
        assert_eq!(
            (&a.term, &a.qualifier, &a.target, a.inline, a.term_id),
            (&b.term, &b.qualifier, &b.target, b.inline, b.term_id),
            "{what}: annotation {}",
            a.term
        );
        assert_eq!(json_form(&a.value), b.value, "{what}: value of {}", a.term);
        let nested: Vec<_> = a.annotations.iter().map(json_form_annotation).collect();
        assert_eq!(nested, b.annotations, "{what}: annotations of {}", a.term);
    }
}

#[test]
fn xml_to_json_to_model_equals_xml_to_model() {
    let Some(bytes) = clean_xml() else { return };
    let xml_doc = csdl::read_bytes("v1.0-clean.xml", &bytes).expect("XML reads");
    let json = csdl::to_json(&xml_doc);
    let json_doc = csdl::read_bytes("v1.0-clean.json", json.as_bytes())
        .unwrap_or_else(|e| panic!("converted JSON reads: {e}"));
    assert_eq!(json_doc.format, Format::Json);

    let (xml_model, xml_warnings) =
        Model::resolve(std::slice::from_ref(&xml_doc)).expect("XML resolves");
    let (json_model, json_warnings) =
        Model::resolve(std::slice::from_ref(&json_doc)).expect("JSON resolves");
    assert_eq!(xml_warnings.len(), json_warnings.len());
    let xml_model = xml_model.without_positions();
    let json_model = json_model.without_positions();
    assert_same_model(&xml_model, &json_model, "XML -> JSON");

    // And back: JSON -> XML -> model is the JSON model, exactly.
    let xml_again = csdl::to_xml(&json_doc);
    let xml_again_doc = csdl::read_bytes("again.xml", xml_again.as_bytes())
        .unwrap_or_else(|e| panic!("converted XML reads: {e}"));
    let (again_model, _) = Model::resolve(&[xml_again_doc]).expect("XML again resolves");
    assert!(
        again_model.without_positions() == json_model,
        "JSON -> XML -> model differs from JSON -> model"
    );
}

#[test]
fn converted_json_keeps_positions_of_its_own() {
    let Some(bytes) = clean_xml() else { return };
    let xml_doc = csdl::read_bytes("v1.0-clean.xml", &bytes).expect("XML reads");
    let json = csdl::to_json(&xml_doc);
    let json_doc = csdl::read_bytes("v1.0-clean.json", json.as_bytes()).expect("reads");
    let (model, _) = Model::resolve(&[json_doc]).expect("resolves");
    let meeting = model.find_type("microsoft.graph.onlineMeeting").unwrap();
    let pos = model[meeting].pos;
    let line = json
        .lines()
        .nth(pos.line as usize - 1)
        .expect("line exists");
    assert!(
        line.contains("\"onlineMeeting\""),
        "position {}:{} points at {line:?}",
        pos.line,
        pos.column
    );
}
