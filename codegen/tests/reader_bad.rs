//! Bad input gets a clean refusal: every document in `tests/fixtures/bad/` fails with exactly
//! the message in its `.err` file (`FILE:LINE:COLUMN: what is wrong`), from the library and
//! from the CLI (exit status 1, no panic). Documents named `warn-*` resolve, with each line of
//! their `.warn` file among the warnings. Hostile sizes (deep nesting, huge names) are generated here.

use std::path::{Path, PathBuf};
use std::process::Command;

use graph_codegen::csdl;
use graph_codegen::model::Model;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

fn documents() -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| !matches!(p.extension().and_then(|e| e.to_str()), Some("err" | "warn")))
        .collect();
    docs.sort();
    docs
}

fn expected(path: &Path, extension: &str) -> String {
    let file = PathBuf::from(format!("{}.{extension}", path.display()));
    std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
        .trim_end()
        .to_owned()
}

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).expect("name")
}

/// Reads and resolves like the CLI, with the bare file name in messages.
fn load(path: &Path) -> Result<Vec<String>, String> {
    let bytes = std::fs::read(path).expect("readable");
    let doc = csdl::read_bytes(file_name(path), &bytes).map_err(|e| e.to_string())?;
    let (_, warnings) = Model::resolve(&[doc]).map_err(|e| e.to_string())?;
    Ok(warnings.iter().map(ToString::to_string).collect())
}

#[test]
fn at_least_thirty_malformed_documents() {
    let errors = documents()
        .iter()
        .filter(|p| !file_name(p).starts_with("warn-"))
        .count();
    assert!(errors >= 30, "only {errors} malformed documents");
}

#[test]
fn every_malformed_document_fails_with_its_message() {
    for path in documents() {
        let name = file_name(&path);
        if name.starts_with("warn-") {
            continue;
        }
        let want = expected(&path, "err");
        match load(&path) {
            Ok(_) => panic!("{name}: read without error, expected `{want}`"),
            Err(got) => assert_eq!(got, want, "{name}"),
        }
        let at = format!("{name}:");
        assert!(
            want.starts_with(&at),
            "{name}: message must start with the file name"
        );
    }
}

#[test]
fn warnings_do_not_stop_resolution() {
    for path in documents() {
        let name = file_name(&path);
        if !name.starts_with("warn-") {
            continue;
        }
        let warnings = load(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        for want in expected(&path, "warn").lines() {
            assert!(
                warnings.iter().any(|w| w == want),
                "{name}: warnings {warnings:?} lack `{want}`"
            );
        }
    }
}

#[test]
fn the_cli_refuses_with_status_1_and_the_same_message() {
    let exe = env!("CARGO_BIN_EXE_graph-codegen");
    for path in documents() {
        let name = file_name(&path);
        let output = Command::new(exe)
            .current_dir(fixtures())
            .args(["inspect", "--warnings", name])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        if name.starts_with("warn-") {
            assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
            for want in expected(&path, "warn").lines() {
                let want = format!("warning: {want}");
                assert!(stderr.lines().any(|l| l == want), "{name}: {stderr}");
            }
        } else {
            assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
            assert_eq!(stderr.trim_end(), expected(&path, "err"), "{name}");
        }
    }
}

const HEAD: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="t" xmlns="http://docs.oasis-open.org/odata/ns/edm">"#;
const TAIL: &str = "</Schema></edmx:DataServices></edmx:Edmx>";

#[test]
fn deeply_nested_xml_is_refused_without_exhausting_the_stack() {
    let depth = 100_000;
    let mut doc = String::from(HEAD);
    doc.push_str(r#"<ComplexType Name="c"><Annotation Term="Core.X">"#);
    doc.push_str(&"<Collection>".repeat(depth));
    doc.push_str(&"</Collection>".repeat(depth));
    doc.push_str("</Annotation></ComplexType>");
    doc.push_str(TAIL);
    let error = csdl::read_bytes("deep.xml", doc.as_bytes()).expect_err("refused");
    assert!(
        error.to_string().starts_with("deep.xml:1:")
            && error.message.contains("nested deeper than"),
        "{error}"
    );
}

#[test]
fn deeply_nested_unknown_elements_are_refused_at_the_first() {
    let depth = 100_000;
    let mut doc = String::from(HEAD);
    doc.push_str(&"<x>".repeat(depth));
    doc.push_str(&"</x>".repeat(depth));
    doc.push_str(TAIL);
    let error = csdl::read_bytes("deep.xml", doc.as_bytes()).expect_err("refused");
    assert!(error.message.contains("unexpected element <x>"), "{error}");
}

#[test]
fn deeply_nested_json_is_refused_without_exhausting_the_stack() {
    let depth = 100_000;
    let doc = format!(
        r#"{{"$Version":"4.01","t":{{"c":{{"$Kind":"ComplexType","@Core.X":{}1{}}}}}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let error = csdl::read_bytes("deep.json", doc.as_bytes()).expect_err("refused");
    assert!(
        error.to_string().starts_with("deep.json:1:")
            && error.message.contains("nested deeper than"),
        "{error}"
    );
}

#[test]
fn a_one_megabyte_name_is_refused() {
    let name = "n".repeat(1 << 20);
    let xml = format!(r#"{HEAD}<ComplexType Name="{name}" />{TAIL}"#);
    let error = csdl::read_bytes("big.xml", xml.as_bytes()).expect_err("refused");
    assert!(error.message.contains("more than the limit"), "{error}");

    let json = format!(r#"{{"$Version":"4.01","t":{{"{name}":{{"$Kind":"ComplexType"}}}}}}"#);
    let error = csdl::read_bytes("big.json", json.as_bytes()).expect_err("refused");
    assert!(error.message.contains("more than the limit"), "{error}");

    let reference = format!(
        r#"{HEAD}<ComplexType Name="c"><Property Name="p" Type="t.{name}" /></ComplexType>{TAIL}"#
    );
    let error = csdl::read_bytes("big.xml", reference.as_bytes()).expect_err("refused");
    assert!(error.message.contains("more than the limit"), "{error}");
}

#[test]
fn a_byte_order_mark_and_either_version_are_accepted() {
    for version in ["4.0", "4.01"] {
        let doc = format!("\u{feff}{}", HEAD.replace("4.0\"", &format!("{version}\"")))
            + r#"<ComplexType Name="c" />"#
            + TAIL;
        let doc = csdl::read_bytes("bom.xml", doc.as_bytes()).expect("reads");
        assert_eq!(doc.version, version);
        assert_eq!(doc.schemas[0].items.len(), 1);
    }
}

#[test]
fn a_base_type_chain_deeper_than_the_limit_is_refused_quickly() {
    let mut doc = String::from(HEAD);
    doc.push_str(r#"<ComplexType Name="t0" />"#);
    for i in 1..=40_000 {
        doc.push_str(&format!(
            r#"<ComplexType Name="t{i}" BaseType="t.t{}" />"#,
            i - 1
        ));
    }
    doc.push_str(TAIL);
    let doc = csdl::read_bytes("chain.xml", doc.as_bytes()).expect("reads");
    let started = std::time::Instant::now();
    let error = Model::resolve(&[doc]).expect_err("refused");
    assert!(
        error
            .message
            .contains("BaseType chain of `t.t33` is deeper than 32 types"),
        "{error}"
    );
    assert!(error.to_string().starts_with("chain.xml:1:"), "{error}");
    assert!(
        started.elapsed().as_secs() < 5,
        "took {:?}",
        started.elapsed()
    );
}
