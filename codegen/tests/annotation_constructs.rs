//! One small document per annotation construct (nested annotations, each dynamic expression),
//! written by hand in CSDL XML and in CSDL JSON (`tests/annotations/NAME.xml` and `NAME.json`):
//! both read to the same model, and each converts to the other format and back without change.

mod support;

use std::path::PathBuf;

use graph_codegen::csdl::{self, Annotation, Value};
use graph_codegen::model::Model;
use support::{json_form, json_form_annotation};

fn constructs() -> Vec<(String, String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/annotations");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/annotations")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".xml").map(str::to_owned))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no construct in {}", dir.display());
    names
        .into_iter()
        .map(|name| {
            let read = |ext: &str| {
                std::fs::read_to_string(dir.join(format!("{name}.{ext}")))
                    .unwrap_or_else(|e| panic!("{name}.{ext}: {e}"))
            };
            let (xml, json) = (read("xml"), read("json"));
            (name, xml, json)
        })
        .collect()
}

fn model(name: &str, text: &str) -> Model {
    let doc = csdl::read_bytes(name, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let (model, _) = Model::resolve(&[doc]).unwrap_or_else(|e| panic!("{name}: {e}"));
    model.without_positions()
}

/// Each annotation of the model: what it annotates, its term and qualifier, its value and its
/// own annotations (in the form CSDL JSON gives values, when `json` is set).
fn annotations(model: &Model, json: bool) -> Vec<(String, Value, Vec<Annotation>)> {
    model
        .annotations()
        .map(|(_, a)| {
            let form = |v: &Value| if json { json_form(v) } else { v.clone() };
            let nested = a
                .annotations
                .iter()
                .map(|n| {
                    if json {
                        json_form_annotation(n)
                    } else {
                        n.clone()
                    }
                })
                .collect();
            let name = format!("{:?} {}#{:?}", a.target, a.term, a.qualifier);
            (name, form(&a.value), nested)
        })
        .collect()
}

/// How many nested annotations and dynamic expressions the annotations hold: what the
/// constructs are about.
fn construct_count(list: &[(String, Value, Vec<Annotation>)]) -> usize {
    fn in_value(value: &Value) -> usize {
        match value {
            Value::Record(r) => {
                r.annotations.iter().map(in_annotation).sum::<usize>()
                    + r.property_annotations
                        .iter()
                        .map(|(_, a)| in_annotation(a))
                        .sum::<usize>()
                    + r.properties.iter().map(|(_, v)| in_value(v)).sum::<usize>()
            }
            Value::Collection(items) => items.iter().map(in_value).sum(),
            Value::Expression(e) => {
                1 + e.annotations.iter().map(in_annotation).sum::<usize>()
                    + e.kind.operands().into_iter().map(in_value).sum::<usize>()
            }
            _ => 0,
        }
    }
    fn in_annotation(a: &Annotation) -> usize {
        1 + in_value(&a.value) + a.annotations.iter().map(in_annotation).sum::<usize>()
    }
    list.iter()
        .map(|(_, value, nested)| in_value(value) + nested.iter().map(in_annotation).sum::<usize>())
        .sum()
}

#[test]
fn each_construct_reads_the_same_from_xml_and_json() {
    for (name, xml, json) in constructs() {
        let from_xml = annotations(&model(&format!("{name}.xml"), &xml), true);
        let from_json = annotations(&model(&format!("{name}.json"), &json), false);
        assert!(
            construct_count(&from_xml) > 0,
            "{name}: no nested annotation or dynamic expression"
        );
        assert_eq!(from_xml, from_json, "{name}: XML and JSON read differently");
    }
}

#[test]
fn each_construct_converts_both_ways_without_change() {
    for (name, xml, json) in constructs() {
        let xml_doc = csdl::read_bytes("in.xml", xml.as_bytes()).expect("reads");
        let json_doc = csdl::read_bytes("in.json", json.as_bytes()).expect("reads");
        let xml_model = model("in.xml", &xml);
        let json_model = annotations(&model("in.json", &json), false);
        // (conversion, its text, the file name it reads as, what it must read to)
        let conversions = [
            (
                "XML -> XML",
                csdl::to_xml(&xml_doc),
                "again.xml",
                annotations(&xml_model, false),
            ),
            (
                "XML -> JSON",
                csdl::to_json(&xml_doc),
                "xml.json",
                annotations(&xml_model, true),
            ),
            (
                "JSON -> XML",
                csdl::to_xml(&json_doc),
                "json.xml",
                json_model.clone(),
            ),
            (
                "JSON -> JSON",
                csdl::to_json(&json_doc),
                "again.json",
                json_model,
            ),
        ];
        for (conversion, text, file, expected) in conversions {
            assert_eq!(
                annotations(&model(file, &text), false),
                expected,
                "{name}: {conversion}\n{text}"
            );
        }
    }
}

/// A reference: its URI, each include (namespace, alias, annotations) and its own annotations.
type ReferenceForm = (
    String,
    Vec<(String, Option<String>, Vec<Annotation>)>,
    Vec<Annotation>,
);

/// The references of a document, their annotations in the form CSDL JSON gives them and
/// without positions (the model does not keep references; `convert` must).
fn references(doc: &csdl::Document) -> Vec<ReferenceForm> {
    let plain = |list: &[Annotation]| -> Vec<Annotation> {
        list.iter()
            .map(|a| {
                let mut a = json_form_annotation(a);
                a.clear_positions();
                a
            })
            .collect()
    };
    doc.references
        .iter()
        .map(|r| {
            let includes = r
                .includes
                .iter()
                .map(|i| (i.namespace.clone(), i.alias.clone(), plain(&i.annotations)))
                .collect();
            (r.uri.clone(), includes, plain(&r.annotations))
        })
        .collect()
}

#[test]
fn references_and_includes_keep_their_annotations_both_ways() {
    let mut annotated = 0;
    for (name, xml, json) in constructs() {
        let read = |file: &str, text: &str| {
            csdl::read_bytes(file, text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"))
        };
        let (xml_doc, json_doc) = (read("in.xml", &xml), read("in.json", &json));
        let expected = references(&xml_doc);
        annotated += expected
            .iter()
            .filter(|(_, includes, own)| {
                !own.is_empty() || includes.iter().any(|(_, _, a)| !a.is_empty())
            })
            .count();
        assert_eq!(references(&json_doc), expected, "{name}: XML and JSON");
        for doc in [&xml_doc, &json_doc] {
            let via_json = read("again.json", &csdl::to_json(doc));
            let via_xml = read("again.xml", &csdl::to_xml(doc));
            assert_eq!(references(&via_json), expected, "{name}: to JSON");
            assert_eq!(references(&via_xml), expected, "{name}: to XML");
        }
    }
    assert!(annotated > 0, "no construct annotates a reference");
}
