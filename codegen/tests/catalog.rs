//! `<edmx:Reference>` documents come from the catalogue: beside the referencing document, from
//! the folders given, or built in (the OASIS vocabularies). Found ones resolve the names they
//! declare but are not generated as "everything"; one found nowhere is a located warning, and
//! the values of its terms are kept.

use std::path::{Path, PathBuf};

use graph_codegen::csdl::{self, Catalog, Document};
use graph_codegen::model::{Model, Value};
use graph_codegen::Builder;

fn input(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/inputs/catalog")
        .join(name)
}

fn read(path: &Path) -> Document {
    csdl::read_path(path).unwrap_or_else(|e| panic!("{e}"))
}

/// Reads `name`, finds its references in `catalog` and resolves everything.
fn resolve(name: &str, catalog: &Catalog) -> (Model, Vec<String>) {
    let docs = vec![read(&input(name))];
    let (model, warnings) = Model::resolve_in(catalog, docs).unwrap_or_else(|e| panic!("{e}"));
    (model, warnings.iter().map(ToString::to_string).collect())
}

fn annotation_value<'m>(model: &'m Model, term: &str) -> Option<&'m Value> {
    model
        .annotations()
        .find(|(_, a)| a.term == term)
        .map(|(_, a)| &a.value)
}

#[test]
fn built_in_vocabularies_resolve_terms() {
    let (model, warnings) = resolve("uses-core.xml", &Catalog::new());
    let description = model
        .find_term("Org.OData.Core.V1.Description")
        .expect("Core is loaded from the built-in catalogue");
    let annotation = model
        .annotations()
        .find(|(_, a)| a.term == "Org.OData.Core.V1.Description")
        .map(|(_, a)| a)
        .expect("the annotation");
    assert_eq!(annotation.term_id, Some(description));
    // Core references Validation, which is built in too.
    assert!(model.find_term("Org.OData.Validation.V1.Pattern").is_some());
    // The shop vocabulary is in no catalogue: a warning at the reference, its value kept.
    let missing: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("is not in the catalogue"))
        .collect();
    assert_eq!(missing.len(), 1, "{warnings:?}");
    assert!(
        missing[0].contains(
            "uses-core.xml:6:3: the reference `https://example.org/shop/$metadata` (`Example.Shop.V1`)"
        ),
        "{}",
        missing[0]
    );
    assert_eq!(
        annotation_value(&model, "Example.Shop.V1.Label"),
        Some(&Value::String("Name".to_owned()))
    );
    assert!(model.find_term("Example.Shop.V1.Label").is_none());
}

#[test]
fn folders_are_searched_by_namespace() {
    let catalog = Catalog::with_folders([input("folder")]);
    let (model, warnings) = resolve("uses-core.xml", &catalog);
    assert!(
        !warnings.iter().any(|w| w.contains("not in the catalogue")),
        "{warnings:?}"
    );
    assert!(model.find_term("Example.Shop.V1.Label").is_some());
    assert!(model.find_type("Example.Shop.V1.price").is_some());
}

#[test]
fn a_relative_uri_is_found_beside_the_document_and_its_own_references_too() {
    let (model, warnings) = resolve("beside/uses-relative.xml", &Catalog::new());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(model.find_term("Local.Terms.Note").is_some());
    assert!(model.find_type("Local.Terms.size").is_some());
    // Local.Terms references Core: found in turn.
    assert!(model.find_term("Org.OData.Core.V1.Description").is_some());
}

#[test]
fn everything_means_the_documents_given_not_their_references() {
    let (files, _) = Builder::new()
        .metadata(input("beside/uses-relative.xml"))
        .all()
        .files()
        .expect("generates");
    let code: String = files.iter().map(|f| f.contents.as_str()).collect();
    assert!(code.contains("pub struct Thing"), "{code}");
    // The enum a property uses is generated; the vocabularies' other types are not.
    assert!(code.contains("pub enum Size"), "{code}");
    assert!(!code.contains("Org.OData.Core.V1"), "{code}");
}

#[test]
fn a_vocabulary_that_derives_from_another_reads() {
    // Aggregation's types derive from Capabilities' types, which only the catalogue provides.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("vocabularies/Org.OData.Aggregation.V1.xml");
    let docs = vec![read(&path)];
    let (references, warnings) = Catalog::new().referenced(&docs).expect("found");
    assert!(warnings.is_empty(), "{warnings:?}");
    let files: Vec<&str> = references.iter().map(|d| d.file.as_str()).collect();
    assert!(
        files.contains(&"Org.OData.Capabilities.V1.xml (built in)"),
        "{files:?}"
    );
    Model::resolve_in(&Catalog::new(), docs).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_catalogue_folder_that_is_not_there_is_an_error() {
    let catalog = Catalog::with_folders([input("no-such-folder")]);
    let docs = vec![read(&input("uses-core.xml"))];
    let error = catalog.referenced(&docs).unwrap_err().to_string();
    assert!(
        error.contains("no-such-folder") && error.contains("not a directory"),
        "{error}"
    );
}

/// The annotations of the documents given (not of their references), without positions, for
/// comparing two readings.
fn annotation_values(model: Model) -> Vec<(String, Option<String>, Value)> {
    model
        .annotations()
        .filter(|(_, a)| !model.is_reference(a.pos.file))
        .map(|(_, a)| {
            let mut value = a.value.clone();
            value.clear_positions();
            (a.term.clone(), a.qualifier.clone(), value)
        })
        .collect()
}

#[test]
fn json_constants_are_typed_by_their_terms_so_both_formats_read_the_same() {
    let xml = read(&input("typed-constants.xml"));
    let json_text = csdl::to_json(&xml);
    let json = csdl::read_bytes("typed-constants.json", json_text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    // CSDL JSON carries a date as a string: only the term's type says it is a date.
    assert!(
        json_text.contains(r#""@typed.day": "2026-12-05""#),
        "{json_text}"
    );
    let resolve = |doc: Document| {
        Model::resolve_in(&Catalog::new(), vec![doc])
            .unwrap_or_else(|e| panic!("{e}"))
            .0
    };
    let from_xml = annotation_values(resolve(xml));
    let from_json = annotation_values(resolve(json));
    let value = |list: &[(String, Option<String>, Value)], term: &str| {
        list.iter()
            .find(|(t, q, _)| t == term && q.is_none())
            .map(|(_, _, v)| v.clone())
            .unwrap_or_else(|| panic!("no {term}"))
    };
    assert_eq!(
        value(&from_json, "test.typed.day"),
        Value::Date("2026-12-05".to_owned())
    );
    assert_eq!(
        value(&from_json, "test.typed.colour"),
        Value::EnumMember(vec![
            "test.typed.colours/red".to_owned(),
            "test.typed.colours/blue".to_owned()
        ])
    );
    assert_eq!(from_json.len(), 16);
    assert_eq!(from_json, from_xml);
}

#[test]
fn annotations_are_checked_against_the_terms_they_use() {
    let (_, warnings) = resolve("checked-terms.xml", &Catalog::new());
    let expected = [
        "checked-terms.xml:15:11: `Org.OData.Core.V1.Description` takes Edm.String, not a Bool value",
        "checked-terms.xml:16:11: unknown term `Org.OData.Core.V1.Descripton`: `Org.OData.Core.V1` declares no such term",
        "checked-terms.xml:17:11: `Org.OData.Core.V1.LongDescription` takes Edm.String, not a collection",
        "checked-terms.xml:21:9: `Org.OData.Capabilities.V1.SearchRestrictions`: `Org.OData.Capabilities.V1.SearchRestrictionsType` has no property `Searchabel`",
    ];
    // Right values (a string, a tag, a collection of records) give none.
    assert_eq!(warnings.len(), expected.len(), "{warnings:#?}");
    for (warning, expected) in warnings.iter().zip(expected) {
        assert!(
            warning.ends_with(expected),
            "{warning}\nshould end with\n{expected}"
        );
    }
}

#[test]
fn records_typed_with_odata_type_are_checked_against_that_type() {
    // The sample writes `@odata.type` (the OData 4.0 spelling) for derived record types, and
    // references the Temporal vocabulary, which the OASIS folder holds.
    let oasis = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/inputs/oasis");
    let catalog = Catalog::with_folders([&oasis]);
    let docs = vec![read(
        &oasis.join("Org.OData.Temporal.V1.objectkey-sample.json"),
    )];
    let (model, warnings) = Model::resolve_in(&catalog, docs).expect("resolves");
    assert!(
        warnings
            .iter()
            .all(|w| !w.message.contains("has no property")),
        "{warnings:#?}"
    );
    let support = annotation_value(&model, "Org.OData.Temporal.V1.ApplicationTimeSupport")
        .and_then(|v| v.field("Timeline"))
        .and_then(Value::as_record)
        .expect("the timeline record");
    assert_eq!(
        support.ty.as_deref(),
        Some("Org.OData.Temporal.V1.TimelineVisible")
    );
}

#[test]
fn a_namespace_without_a_dot_is_a_namespace_when_a_reference_includes_it() {
    // `ProductService.product`: not an alias, the namespace of a reference that is not there.
    let (model, warnings) = resolve("dotless-namespace.xml", &Catalog::new());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("dotless-namespace.xml:3:3: the reference `./Products.xml`"),
        "{}",
        warnings[0]
    );
    let supplier = model
        .find_type("PeopleService.supplier")
        .expect("the supplier");
    assert!(model[supplier].structured().is_some());
}
