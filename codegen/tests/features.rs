//! The Cargo features of a crate of all of Graph v1.0 (the pinned metadata): each compiles its
//! operations and exactly what their code needs, so a user of one area compiles that area.

use std::collections::HashMap;
use std::path::Path;

use graph_codegen::plan::features::{Feature, FeatureId, MAX_FEATURES, MODELS};
use graph_codegen::plan::operations::{ApiFunction, ApiModule};
use graph_codegen::plan::{Gate, Item, ItemRef, Plan};
use graph_codegen::Builder;

fn v1_plan() -> Plan {
    let metadata =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata/graph-v1/v1.0-clean.xml");
    Builder::new()
        .metadata(metadata)
        .all()
        .area_features(true)
        .plan()
        .unwrap()
        .0
}

fn feature(features: &[Feature], name: &str) -> FeatureId {
    features
        .iter()
        .position(|feature| feature.name == name)
        .unwrap_or_else(|| panic!("no feature {name}"))
}

/// Each function with the gate it compiles under: its own, else its nearest module's.
fn gated_functions<'p>(
    modules: &'p [ApiModule],
    inherited: &Gate,
    out: &mut Vec<(&'p ApiFunction, Gate)>,
) {
    for module in modules {
        let gate = if module.gate.is_always() {
            inherited.clone()
        } else {
            module.gate.clone()
        };
        for function in &module.functions {
            let own = if function.gate.is_always() {
                gate.clone()
            } else {
                function.gate.clone()
            };
            out.push((function, own));
        }
        gated_functions(&module.modules, &gate, out);
    }
}

#[test]
fn every_feature_compiles_what_its_code_names() {
    let plan = v1_plan();
    let gates: HashMap<ItemRef, &Gate> = plan
        .modules
        .iter()
        .enumerate()
        .flat_map(|(module, plan_module)| {
            plan_module.items.iter().map(move |item| {
                let item_ref = ItemRef {
                    module,
                    name: item.name().to_owned(),
                };
                (item_ref, item.gate())
            })
        })
        .collect();
    let models = feature(&plan.features, MODELS);
    assert!(
        plan.features.len() + 3 <= MAX_FEATURES,
        "crates.io allows 300"
    );

    let mut checked = 0;
    for item in plan.modules.iter().flat_map(|module| &module.items) {
        assert!(
            item.gate().0.contains(&models),
            "{} is not under `models`",
            item.name()
        );
        let mut needs = Vec::new();
        match item {
            Item::Struct(item) => {
                for field in &item.fields {
                    if let Some(target) = field.ty.item() {
                        // A field compiles with its struct, under its own gate if it has one.
                        let field_gate = if field.gate.is_always() {
                            &item.gate
                        } else {
                            assert!(field.navigation, "{}.{} is gated", item.name, field.name);
                            &field.gate
                        };
                        needs.push((target.clone(), field_gate.clone()));
                    }
                }
            }
            Item::Polymorphic(item) => {
                for variant in item.variants.iter().chain([&item.fallback]) {
                    needs.extend(
                        variant
                            .target
                            .item()
                            .map(|t| (t.clone(), item.gate.clone())),
                    );
                }
            }
            Item::Enum(_) => {}
        }
        for (target, gate) in needs {
            assert!(
                gates[&target].covers(&gate),
                "{} needs {} under features it is not compiled with",
                item.name(),
                target.name
            );
            checked += 1;
        }
    }
    assert!(checked > 5_000, "{checked}");

    let mut functions = Vec::new();
    gated_functions(&plan.api.modules, &Gate::default(), &mut functions);
    assert!(functions.len() > 15_000, "{}", functions.len());
    for (function, gate) in &functions {
        assert!(!gate.is_always(), "{:?} is always compiled", function.paths);
        for item in function.items() {
            assert!(
                gates[item].covers(gate),
                "{:?} names {} under features it is not compiled with",
                function.paths,
                item.name
            );
        }
    }
}

#[test]
fn large_areas_are_split_and_one_area_compiles_little() {
    let plan = v1_plan();
    let names: Vec<&str> = plan.features.iter().map(|f| f.name.as_str()).collect();
    // `users` reaches most of Graph: it is split; `chats` is not.
    for name in [
        "models",
        "users",
        "users_events",
        "users_online_meetings",
        "chats",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    assert!(!names.contains(&"chats_messages"));
    let meetings = feature(&plan.features, "users_online_meetings");
    let items: Vec<&Item> = plan.modules.iter().flat_map(|m| &m.items).collect();
    let compiled: Vec<&str> = items
        .iter()
        .filter(|item| item.gate().0.contains(&meetings))
        .map(|item| item.name())
        .collect();
    for name in [
        "OnlineMeeting",
        "MeetingAttendanceReport",
        "AttendanceRecord",
    ] {
        assert!(
            compiled.contains(&name),
            "{name} not compiled for online meetings"
        );
    }
    assert!(!compiled.contains(&"DriveItem"));
    assert!(
        compiled.len() * 20 < items.len(),
        "{} of {} items",
        compiled.len(),
        items.len()
    );

    // `User` holds `events`, which `users_events` compiles and `users` does not.
    let user = items
        .iter()
        .find_map(|item| match item {
            Item::Struct(s) if s.name == "User" => Some(s),
            _ => None,
        })
        .unwrap();
    let events = user.fields.iter().find(|f| f.name == "events").unwrap();
    let own = feature(&plan.features, "users");
    assert!(user.gate.0.contains(&own));
    assert!(!events.gate.0.contains(&own));
    assert!(events
        .gate
        .0
        .contains(&feature(&plan.features, "users_events")));
}

#[test]
fn a_module_named_like_a_feature_of_every_crate_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let metadata = dir.path().join("clash.xml");
    std::fs::write(
        &metadata,
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="test" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="thing">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityContainer Name="Service">
        <EntitySet Name="things" EntityType="test.thing" />
        <EntitySet Name="models" EntityType="test.thing" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#,
    )
    .unwrap();
    let mut builder = Builder::new();
    builder.metadata(&metadata).all();
    // Without area features there is nothing to clash.
    builder.plan().expect("plans without features");
    let error = builder.area_features(true).plan().unwrap_err().to_string();
    assert!(error.contains("Cargo feature `models`"), "{error}");
    assert!(error.contains("`/models` and below"), "{error}");
}
