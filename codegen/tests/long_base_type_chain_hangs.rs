//! A linear chain of `BaseType` references made resolution cubic
//! (4,000 types, 400 KB: 12 s in a release build, hours at a few MB) and `generate --all`
//! quadratic in its output (1,000 types, 97 KB: 29 s and 42 MB of Rust), because every type
//! repeats its base types' properties and every `Any<Type>` lists every derived type.
//!
//! Such input must be refused with a located error or handled within a small time budget.

use std::sync::mpsc;
use std::time::Duration;

use graph_codegen::csdl;
use graph_codegen::emit::emit;
use graph_codegen::model::Model;
use graph_codegen::plan::{plan, PlanOptions, Roots};

/// `n` entity types, each deriving from the one before.
fn chain(n: usize) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="n" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EntityType Name="t0"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
"#,
    );
    for i in 1..n {
        xml.push_str(&format!(
            "<EntityType Name=\"t{i}\" BaseType=\"n.t{}\"><Property Name=\"p{i}\" Type=\"Edm.String\"/></EntityType>\n",
            i - 1
        ));
    }
    xml.push_str("</Schema></edmx:DataServices></edmx:Edmx>");
    xml
}

/// Read, resolve, plan every type and emit, on a thread; `Err` when over `budget`.
fn generate_within(xml: String, budget: Duration) -> Result<Result<usize, String>, String> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let run = || -> Result<usize, String> {
            let document =
                csdl::read_bytes("chain.xml", xml.as_bytes()).map_err(|e| e.to_string())?;
            let (model, _) = Model::resolve(&[document]).map_err(|e| e.to_string())?;
            let options = PlanOptions {
                roots: Roots::All,
                navigation: false,
                source: "chain.xml".to_owned(),
                rules_module: None,
            };
            let plan = plan(&model, &options).map_err(|e| e.to_string())?;
            Ok(emit(&plan).iter().map(|file| file.contents.len()).sum())
        };
        let _ = send.send(run());
    });
    receive
        .recv_timeout(budget)
        .map_err(|_| format!("no answer within {budget:?}"))
}

#[test]
fn a_long_base_type_chain_is_refused_or_fast() {
    for n in [1_000, 4_000] {
        match generate_within(chain(n), Duration::from_secs(10)) {
            Ok(Err(refusal)) => assert!(
                refusal.starts_with("chain.xml:") && refusal.contains("BaseType"),
                "{n} types: refusal not located or not about base types: {refusal}"
            ),
            Ok(Ok(bytes)) => assert!(
                bytes < 16 * 1024 * 1024,
                "{n} types generated {bytes} bytes of Rust"
            ),
            Err(hang) => panic!("{n} types: {hang}"),
        }
    }
}

#[test]
fn a_short_base_type_chain_generates() {
    let result = generate_within(chain(8), Duration::from_secs(30)).expect("in time");
    assert!(result.is_ok(), "{result:?}");
}
