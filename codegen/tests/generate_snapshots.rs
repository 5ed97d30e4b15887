//! Snapshot tests of generated code: one small CSDL input per rule (see `tests/inputs/`).
//!
//! Review changes with `cargo insta review`; each snapshot is every generated file in order.

use std::path::PathBuf;

use graph_codegen::write::GENERATED_MARKER;
use graph_codegen::Builder;

fn input(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/inputs")
        .join(name)
}

/// All generated files of a run, each under a `// ---- path ----` line.
fn generate(builder: &Builder) -> String {
    let (code, warnings) = generate_with_warnings(builder);
    assert!(warnings.is_empty(), "unexpected warnings: {warnings:?}");
    code
}

fn generate_with_warnings(builder: &Builder) -> (String, Vec<String>) {
    let (files, warnings) = builder
        .files()
        .unwrap_or_else(|error| panic!("generation failed: {error}"));
    let mut out = String::new();
    for file in &files {
        assert!(
            file.contents.starts_with(GENERATED_MARKER),
            "{} lacks the @generated line",
            file.path.display()
        );
        syn::parse_file(&file.contents)
            .unwrap_or_else(|error| panic!("{} does not parse: {error}", file.path.display()));
        out.push_str(&format!("// ---- {} ----\n", file.path.display()));
        out.push_str(&file.contents);
    }
    (out, warnings.iter().map(ToString::to_string).collect())
}

#[test]
fn basic_struct_enum_flags_docs_and_base_properties() {
    let code = generate(
        Builder::new()
            .metadata(input("basic.xml"))
            .root("microsoft.graph.onlineMeeting"),
    );
    // Navigation targets outside the closure are not fields (their members stay in
    // `additional_data`), and are not generated.
    assert!(!code.contains("CallRecording"));
    insta::assert_snapshot!("basic", code);
}

#[test]
fn basic_with_navigation_follows_navigation_properties() {
    let code = generate(
        Builder::new()
            .metadata(input("basic.xml"))
            .root("graph.onlineMeeting")
            .navigation(true),
    );
    assert!(code.contains("pub recordings: Property<Vec<CallRecording>>"));
    assert!(code.contains("pub struct CallRecording"));
}

#[test]
fn polymorphism_and_namespaces() {
    let code = generate(Builder::new().metadata(input("polymorphism.xml")).all());
    insta::assert_snapshot!("polymorphism", code);
}

#[test]
fn names_keywords_prelude_collisions_digits() {
    let (code, warnings) =
        generate_with_warnings(Builder::new().metadata(input("names.xml")).all());
    // Names that start with a digit or hold connector punctuation (`‿`) are not OData
    // identifiers: generated anyway, with a warning.
    assert_eq!(warnings.len(), 6, "{warnings:?}");
    insta::assert_snapshot!("names", code);
}

#[test]
fn each_root_of_a_shared_entity_type_is_its_own_variant() {
    let code = generate(
        Builder::new()
            .metadata(input("shared_entity_type.xml"))
            .all(),
    );
    // Two sets of one type are named by their sets; the singleton by itself.
    for variant in ["Favourite,", "Items(String),", "ArchivedItems(String),"] {
        assert!(code.contains(variant), "no `{variant}` in\n{code}");
    }
}

#[test]
fn edm_type_mapping() {
    let code = generate(Builder::new().metadata(input("edm.xml")).all());
    insta::assert_snapshot!("edm", code);
}

#[test]
fn recursion_is_boxed() {
    let code = generate(Builder::new().metadata(input("recursion.xml")).all());
    insta::assert_snapshot!("recursion", code);
}

#[test]
fn output_is_byte_identical_run_to_run() {
    for name in [
        "basic.xml",
        "polymorphism.xml",
        "names.xml",
        "recursion.xml",
    ] {
        let first = generate_with_warnings(Builder::new().metadata(input(name)).all());
        let second = generate_with_warnings(Builder::new().metadata(input(name)).all());
        assert_eq!(first, second, "{name}");
    }
}

#[test]
fn unknown_roots_are_errors_with_suggestions() {
    let error = Builder::new()
        .metadata(input("basic.xml"))
        .root("microsoft.graph.OnlineMeeting")
        .files()
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("microsoft.graph.OnlineMeeting"),
        "{message}"
    );
    assert!(
        message.contains("did you mean microsoft.graph.onlineMeeting"),
        "{message}"
    );

    let error = Builder::new()
        .metadata(input("basic.xml"))
        .root("graph.bodyType")
        .files()
        .unwrap_err();
    assert!(error.to_string().contains("not an entity or complex type"));
}

#[test]
fn missing_metadata_is_an_error_naming_the_file() {
    let error = Builder::new()
        .metadata(input("does-not-exist.xml"))
        .all()
        .files()
        .unwrap_err();
    assert!(error.to_string().contains("does-not-exist.xml"), "{error}");
    let error = Builder::new().all().files().unwrap_err();
    assert!(error.to_string().contains("no metadata"), "{error}");
}
