//! Hostile metadata: hundreds of mutated copies of an official Graph metadata file (truncated,
//! attributes dropped or corrupted, type references swapped, bytes flipped, 100,000-deep
//! nesting, 50,000-character names), in XML and in JSON, through what `inspect` does (read +
//! resolve) and what `generate --all` does (plan every type + emit).
//!
//! Each case must end in time, without a panic, either generating Rust that `syn` parses or
//! refusing with `FILE:LINE:COLUMN: message`. The counts are printed (`--nocapture`).
//!
//! `mutated_official_metadata_is_refused_or_generated` runs 240 cases on a small file and is
//! part of the test suite; `mutated_official_metadata_at_scale` (ignored: minutes in debug) runs
//! 300 cases on the whole Graph v1.0. Both skip with a message when `../shared` is absent.

use std::any::Any;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use graph_codegen::csdl;
use graph_codegen::emit::emit;
use graph_codegen::model::Model;
use graph_codegen::plan::{plan, PlanError, PlanOptions, Roots};

/// The stack a case runs on: the default of a spawned thread, so that no input needs more
/// than an ordinary thread has.
const CASE_STACK_BYTES: usize = 2 * 1024 * 1024;

/// SplitMix64: a fixed seed gives the same mutations on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

/// One mutated document and how it was made.
struct Case {
    name: String,
    bytes: Vec<u8>,
}

/// How a case ended.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Outcome {
    RefusedByReader,
    RefusedByResolver,
    NothingToGenerate,
    Generated,
}

/// The byte ranges of every `NAME="value"` attribute value (XML) in `text`.
fn attribute_values(text: &str, attribute: &str) -> Vec<(usize, usize)> {
    let needle = format!(" {attribute}=\"");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(&needle) {
        let start = from + at + needle.len();
        let Some(len) = text[start..].find('"') else {
            break;
        };
        found.push((start, start + len));
        from = start + len;
    }
    found
}

/// Every attribute (` Name="value"`, leading space included) in `text`.
fn attributes(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find("=\"") {
        let eq = from + at;
        let start = text[..eq].rfind(' ').unwrap_or(eq);
        let Some(len) = text[eq + 2..].find('"') else {
            break;
        };
        let end = eq + 2 + len + 1;
        if start < eq && !bytes[start + 1..eq].contains(&b'<') {
            found.push((start, end));
        }
        from = end;
    }
    found
}

fn replace_range(text: &str, (start, end): (usize, usize), with: &str) -> String {
    format!("{}{with}{}", &text[..start], &text[end..])
}

/// After the first `<Schema ...>` start tag (or at the middle when there is none).
fn inside_schema(text: &str) -> usize {
    text.find("<Schema ")
        .and_then(|at| text[at..].find('>').map(|end| at + end + 1))
        .unwrap_or(text.len() / 2)
}

const CORRUPT_VALUES: &[&str] = &[
    "",
    " ",
    "Collection(",
    "Collection(Collection(Edm.String))",
    "graph.",
    ".x",
    "a..b",
    "Edm.Nope",
    "microsoft.graph.noSuchType",
    "-1",
    "99999999999999999999999",
    "true false",
    "\u{FEFF}x",
    "&lt;&gt;",
    "r#type",
    "self",
    "123abc",
    "名前",
];

/// The XML mutations. Each takes the document text and the PRNG and returns a new text.
fn mutate_xml(kind: usize, text: &str, rng: &mut Rng) -> (String, String) {
    match kind {
        0 => {
            let at = rng.below(text.len() + 1);
            (
                format!("truncated at byte {at}"),
                String::from_utf8_lossy(&text.as_bytes()[..at]).into_owned(),
            )
        }
        1 => {
            let attrs = attributes(text);
            let mut out = text.to_owned();
            let drops = 1 + rng.below(8);
            for _ in 0..drops.min(attrs.len()) {
                let all = attributes(&out);
                let pick = all[rng.below(all.len())];
                out = replace_range(&out, pick, "");
            }
            (format!("{drops} attributes dropped"), out)
        }
        2 => {
            let name = [
                "Type",
                "BaseType",
                "Name",
                "Namespace",
                "Alias",
                "Term",
                "Target",
                "Value",
            ][rng.below(8)];
            let values = attribute_values(text, name);
            if values.is_empty() {
                return ("unchanged".into(), text.to_owned());
            }
            let pick = values[rng.below(values.len())];
            let value = CORRUPT_VALUES[rng.below(CORRUPT_VALUES.len())];
            (
                format!("{name}=\"{value}\""),
                replace_range(text, pick, &value.replace('&', "&amp;")),
            )
        }
        3 => {
            // Swapping references between properties and base types makes wrong kinds
            // (an enum as a base type) and cycles (a type deriving from its own derived type).
            let attribute = if rng.below(2) == 0 {
                "Type"
            } else {
                "BaseType"
            };
            let values = attribute_values(text, attribute);
            if values.len() < 2 {
                return ("unchanged".into(), text.to_owned());
            }
            let mut out = text.to_owned();
            let swaps = 1 + rng.below(20);
            for _ in 0..swaps {
                let current = attribute_values(&out, attribute);
                let (a, b) = (
                    current[rng.below(current.len())],
                    current[rng.below(current.len())],
                );
                let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
                if first == second {
                    continue;
                }
                let (va, vb) = (
                    out[first.0..first.1].to_owned(),
                    out[second.0..second.1].to_owned(),
                );
                out = replace_range(&out, second, &va);
                out = replace_range(&out, first, &vb);
            }
            (format!("{swaps} {attribute} values swapped"), out)
        }
        4 => {
            let mut bytes = text.as_bytes().to_vec();
            let flips = 1 + rng.below(16);
            for _ in 0..flips {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
            (
                format!("{flips} bits flipped"),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        }
        5 => {
            // Every type's base type becomes the next type's name: long chains and cycles.
            let names = attribute_values(text, "Name");
            let bases = attribute_values(text, "BaseType");
            if names.is_empty() || bases.is_empty() {
                return ("unchanged".into(), text.to_owned());
            }
            let mut out = text.to_owned();
            for _ in 0..bases.len().min(40) {
                let current = attribute_values(&out, "BaseType");
                let name = names[rng.below(names.len())];
                let target = format!("graph.{}", &text[name.0..name.1]);
                out = replace_range(&out, current[rng.below(current.len())], &target);
            }
            ("base types rewired".into(), out)
        }
        6 => {
            let depth = 100_000;
            let (open, close) = [
                ("<Annotation Term=\"Core.Description\">", "</Annotation>"),
                ("<Record>", "</Record>"),
                ("<Collection>", "</Collection>"),
                ("<x>", "</x>"),
            ][rng.below(4)];
            let at = inside_schema(text);
            let nest = format!("{}{}", open.repeat(depth), close.repeat(depth));
            (
                format!("{depth}-deep {open}"),
                format!("{}{nest}{}", &text[..at], &text[at..]),
            )
        }
        7 => {
            let long = "n".repeat(50_000);
            let names = attribute_values(text, "Name");
            if names.is_empty() {
                return ("unchanged".into(), text.to_owned());
            }
            let pick = names[rng.below(names.len())];
            let old = text[pick.0..pick.1].to_owned();
            // The declaration and every reference to it get the long name.
            let renamed = replace_range(text, pick, &long)
                .replace(&format!(".{old}\""), &format!(".{long}\""));
            ("50,000-character name".into(), renamed)
        }
        8 => {
            // An entity type declared twice: the first is kept, with a warning.
            let starts: Vec<usize> = text
                .match_indices("<EntityType ")
                .map(|(at, _)| at)
                .collect();
            if starts.is_empty() {
                return ("unchanged".into(), text.to_owned());
            }
            let at = starts[rng.below(starts.len())];
            let end = text[at..]
                .find("</EntityType>")
                .map_or(text.len(), |end| at + end + "</EntityType>".len());
            (
                "an entity type declared twice".into(),
                format!("{}{}{}", &text[..end], &text[at..end], &text[end..]),
            )
        }
        _ => {
            let at = inside_schema(text);
            let hostile = [
                "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>",
                "<EntityType Name=\"x\"><Property Name=\"p\" Type=\"Collection(Collection(Collection(graph.x)))\"/></EntityType>",
                "<ComplexType Name=\"loop\" BaseType=\"graph.loop\"/>",
                "<EnumType Name=\"e\" UnderlyingType=\"Edm.Int64\"><Member Name=\"a\" Value=\"9223372036854775808\"/></EnumType>",
                "<TypeDefinition Name=\"t\" UnderlyingType=\"graph.t\"/>",
                "<EntityType Name=\"fn\"><Property Name=\"fn\" Type=\"graph.fn\" Nullable=\"false\"/></EntityType>",
                "<EntityType Name=\"k\"><Key><PropertyRef Name=\"a/b/c/d\"/></Key></EntityType>",
                "&#0;&#xFFFFFF;",
            ][rng.below(8)];
            (
                format!("inserted {}", hostile.chars().take(40).collect::<String>()),
                format!("{}{hostile}{}", &text[..at], &text[at..]),
            )
        }
    }
}

/// The JSON mutations, on the document converted to CSDL JSON.
fn mutate_json(kind: usize, text: &str, rng: &mut Rng) -> (String, String) {
    match kind % 5 {
        0 => {
            let at = rng.below(text.len() + 1);
            (
                format!("JSON truncated at byte {at}"),
                String::from_utf8_lossy(&text.as_bytes()[..at]).into_owned(),
            )
        }
        1 => {
            let mut bytes = text.as_bytes().to_vec();
            let flips = 1 + rng.below(16);
            for _ in 0..flips {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
            (
                format!("JSON {flips} bits flipped"),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        }
        2 => {
            let depth = 100_000;
            let (open, close) = if rng.below(2) == 0 {
                ("[", "]")
            } else {
                ("{\"a\":", "}")
            };
            let at = text.find("\"$Kind\"").unwrap_or(1);
            let nest = format!("\"deep\":{}1{},", open.repeat(depth), close.repeat(depth));
            (
                format!("JSON {depth}-deep {open}"),
                format!("{}{nest}{}", &text[..at], &text[at..]),
            )
        }
        3 => {
            let kinds = text
                .match_indices("\"$Kind\": \"")
                .map(|(at, _)| at)
                .collect::<Vec<_>>();
            let kinds = if kinds.is_empty() {
                text.match_indices("\"$Kind\":\"")
                    .map(|(at, _)| at)
                    .collect()
            } else {
                kinds
            };
            if kinds.is_empty() {
                return ("unchanged".into(), text.to_owned());
            }
            let at = kinds[rng.below(kinds.len())];
            let value = ["Nope", "EnumType", "Term", "", "EntityContainer"][rng.below(5)];
            let end = at + text[at..].find(',').unwrap_or(0);
            (
                format!("JSON $Kind \"{value}\""),
                format!("{}\"$Kind\":\"{value}\"{}", &text[..at], &text[end..]),
            )
        }
        _ => {
            let long = "n".repeat(50_000);
            let at = text.find("\"$Kind\"").unwrap_or(1);
            (
                "JSON 50,000-character member name".into(),
                format!(
                    "{}\"{long}\":{{\"$Kind\":\"ComplexType\"}},{}",
                    &text[..at],
                    &text[at..]
                ),
            )
        }
    }
}

fn cases(text: &str, count: usize, seed: u64) -> Vec<Case> {
    let mut rng = Rng(seed);
    let json = csdl::to_json(
        &csdl::read_bytes("official", text.as_bytes()).expect("the official file reads"),
    );
    (0..count)
        .map(|index| {
            // Four of five cases mutate the XML, one the JSON form.
            let kind = rng.below(10);
            let (what, bytes) = if index % 5 == 4 {
                mutate_json(kind, &json, &mut rng)
            } else {
                mutate_xml(kind, text, &mut rng)
            };
            Case {
                name: format!("case {index} ({what})"),
                bytes: bytes.into_bytes(),
            }
        })
        .collect()
}

fn shared_metadata() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [manifest.join("../../shared"), manifest.join("../shared")]
        .into_iter()
        .map(|shared| shared.join("graph-metadata"))
        .find(|dir| dir.is_dir())
}

/// A refusal must name the file and a line and column, unless the input is empty.
fn check_located(file: &str, input: &[u8], error: &csdl::Diagnostic) -> Result<(), String> {
    let shown = error.to_string();
    let located = error.line > 0
        && error.column > 0
        && shown.starts_with(&format!("{file}:{}:{}: ", error.line, error.column));
    if located || input.trim_ascii().is_empty() {
        Ok(())
    } else {
        Err(format!("refusal without a place: {shown}"))
    }
}

/// `inspect` then `generate --all` on one input, as the library runs them.
fn run_case(file: &str, input: &[u8]) -> Result<Outcome, String> {
    let document = match csdl::read_bytes(file, input) {
        Ok(document) => document,
        Err(error) => return check_located(file, input, &error).map(|()| Outcome::RefusedByReader),
    };
    let (model, warnings) = match Model::resolve(&[document]) {
        Ok(resolved) => resolved,
        Err(error) => {
            return check_located(file, input, &error).map(|()| Outcome::RefusedByResolver)
        }
    };
    for warning in &warnings {
        check_located(file, input, warning).map_err(|e| format!("warning: {e}"))?;
    }
    let options = PlanOptions {
        roots: Roots::All,
        navigation: false,
        source: file.to_owned(),
        rules_module: None,
    };
    let plan = match plan(&model, &options) {
        Ok(plan) => plan,
        Err(PlanError::Empty) => return Ok(Outcome::NothingToGenerate),
        Err(error) => return Err(format!("plan refused --all: {error}")),
    };
    for generated in emit(&plan) {
        syn::parse_file(&generated.contents).map_err(|error| {
            format!(
                "generated {} does not parse: {error}",
                generated.path.display()
            )
        })?;
    }
    Ok(Outcome::Generated)
}

/// Security review: a freshly generated tree (every type of the file) has no `unsafe` token.
/// Tokens, not text: the word in a doc comment is a string literal, not the keyword.
fn assert_no_unsafe_generated(file: &str, text: &str) {
    fn has_unsafe(tokens: proc_macro2::TokenStream) -> bool {
        tokens.into_iter().any(|token| match token {
            proc_macro2::TokenTree::Ident(ident) => ident == "unsafe",
            proc_macro2::TokenTree::Group(group) => has_unsafe(group.stream()),
            _ => false,
        })
    }
    let document = csdl::read_bytes(file, text.as_bytes()).expect("the original reads");
    let (model, _) = Model::resolve(&[document]).expect("the original resolves");
    let options = PlanOptions {
        roots: Roots::All,
        navigation: false,
        source: file.to_owned(),
        rules_module: None,
    };
    let files = emit(&plan(&model, &options).expect("the original plans"));
    for generated in &files {
        let tokens: proc_macro2::TokenStream =
            generated.contents.parse().expect("generated code lexes");
        assert!(
            !has_unsafe(tokens),
            "generated {} contains `unsafe`",
            generated.path.display()
        );
    }
    println!(
        "no `unsafe` in the {} files generated from {file}",
        files.len()
    );
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(not a string)".to_owned())
}

/// Runs every case on its own thread with a time budget; returns the report and whether
/// every case passed.
fn run_all(file: &str, cases: Vec<Case>, budget: Duration) -> (String, bool) {
    let mut counts = std::collections::BTreeMap::<Outcome, usize>::new();
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    let started = Instant::now();
    let total = cases.len();
    for case in cases {
        let (send, receive) = mpsc::channel();
        let file_name = file.to_owned();
        let bytes = case.bytes;
        let case_started = Instant::now();
        std::thread::Builder::new()
            .name(case.name.clone())
            .stack_size(CASE_STACK_BYTES)
            .spawn(move || {
                let result = std::panic::catch_unwind(|| run_case(&file_name, &bytes));
                let _ = send.send(result.map_err(|payload| panic_message(&*payload)));
            })
            .expect("a case thread starts");
        match receive.recv_timeout(budget) {
            Ok(Ok(Ok(outcome))) => *counts.entry(outcome).or_default() += 1,
            Ok(Ok(Err(problem))) => failures.push(format!("{}: {problem}", case.name)),
            Ok(Err(panic)) => failures.push(format!("{}: PANIC: {panic}", case.name)),
            // The thread is left running; the test fails and says which input hung.
            Err(_) => failures.push(format!("{}: no answer within {budget:?}", case.name)),
        }
        let took = case_started.elapsed();
        if took > slowest.0 {
            slowest = (took, case.name);
        }
    }
    let mut report = format!(
        "mutation test on {file}: {total} cases in {:.1} s (slowest {:.2} s: {})\n",
        started.elapsed().as_secs_f64(),
        slowest.0.as_secs_f64(),
        slowest.1
    );
    for (outcome, count) in &counts {
        let _ = writeln!(report, "  {outcome:?}: {count}");
    }
    let _ = writeln!(report, "  failed: {}", failures.len());
    for failure in &failures {
        let _ = writeln!(report, "  FAIL {failure}");
    }
    (report, failures.is_empty())
}

fn run_on(file_name: &str, count: usize, budget: Duration) {
    let Some(dir) = shared_metadata() else {
        println!("skipped: ../shared not found (no official metadata to mutate)");
        return;
    };
    let path = dir.join(file_name);
    let text = std::fs::read_to_string(&path).expect("the official metadata is UTF-8");
    // The unmutated file must generate, or every count below means nothing.
    assert_eq!(
        run_case(file_name, text.as_bytes()),
        Ok(Outcome::Generated),
        "the original {file_name} does not generate"
    );
    assert_no_unsafe_generated(file_name, &text);
    let (report, passed) = run_all(file_name, cases(&text, count, 0x5EED_0008), budget);
    println!("{report}");
    assert!(passed, "{report}");
}

#[test]
fn mutated_official_metadata_is_refused_or_generated() {
    run_on("beta-Review.csdl", 240, Duration::from_secs(20));
}

#[test]
#[ignore = "minutes in debug builds; CI runs it with --ignored"]
fn mutated_official_metadata_at_scale() {
    run_on("v1.0-clean.xml", 300, Duration::from_secs(120));
}

#[test]
fn the_same_seed_gives_the_same_mutations() {
    let text = "<Schema Namespace=\"n\"><EntityType Name=\"a\" BaseType=\"n.b\"/><EntityType Name=\"b\"/></Schema>";
    let mut first = Rng(7);
    let mut second = Rng(7);
    for kind in 0..10 {
        assert_eq!(
            mutate_xml(kind, text, &mut first),
            mutate_xml(kind, text, &mut second)
        );
    }
}
