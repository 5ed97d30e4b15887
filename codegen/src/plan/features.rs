//! Cargo features for a crate of a whole API, so that its user compiles the part they call.
//!
//! One feature per area, a root module of `api` (`users`, `groups`). An area whose operations
//! reach more than [`SPLIT_SHARE`] of the models is split one level down: `users` is then
//! `api::users`'s own functions, `users_events` is `api::users::events` and everything below
//! it. A model is compiled under the features whose operations need it (their bodies, answers
//! and parameters, and what those hold, navigation targets aside) and under [`MODELS`], which
//! compiles every model. A navigation field whose target another feature brings is compiled
//! only with that feature; without it, the member is kept in `additional_data` like any
//! member the struct does not know.

use std::collections::HashMap;

use super::operations::{ApiFunction, ApiModule};
use super::{Gate, Item, ItemRef, Plan, PlanError, RustType};

/// Index into [`Plan::features`].
pub type FeatureId = usize;

/// The feature that compiles every model.
pub const MODELS: &str = "models";

/// An area that reaches more than this share of the models is split into its child modules.
pub const SPLIT_SHARE: f64 = 0.25;

/// crates.io refuses a crate with more features than this.
pub const MAX_FEATURES: usize = 300;

/// The features a crate's manifest has besides the ones planned here.
const OTHER_FEATURES: [&str; 4] = ["default", "client", "serde", "full"];

/// One Cargo feature of the generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Feature {
    /// `users_events`.
    pub name: String,
    /// What it compiles, one line for the manifest.
    pub doc: String,
}

/// The operations one feature turns on.
struct Unit<'p> {
    name: String,
    doc: String,
    place: Place,
    functions: Vec<&'p ApiFunction>,
}

/// Where a feature's operations are in [`super::operations::ApiPlan`].
#[derive(Clone, Copy)]
enum Place {
    /// A whole area: `modules[area]` and everything below it.
    Area(usize),
    /// The functions of a split area's own module.
    OwnFunctions(usize),
    /// A child module of a split area, and everything below it.
    Child { area: usize, child: usize },
    /// The action and function imports at the root.
    Imports,
}

/// Plans the features of `plan` and gates its models and operations with them; refuses
/// feature names that would clash in the manifest.
pub fn gate(plan: &mut Plan) -> Result<(), PlanError> {
    let graph = ItemGraph::new(plan);
    let units = units(plan, &graph);
    check_names(&units)?;
    let reach: Vec<Vec<bool>> = units
        .iter()
        .map(|unit| graph.closure(unit.functions.iter().flat_map(|f| f.items())))
        .collect();
    let mut features = vec![Feature {
        name: MODELS.to_owned(),
        doc: "Every model, with or without the operations.".to_owned(),
    }];
    features.extend(units.iter().map(|unit| Feature {
        name: unit.name.clone(),
        doc: unit.doc.clone(),
    }));
    // Feature 0 is `models`; unit `i` is feature `i + 1`.
    let places: Vec<(Place, FeatureId)> = units
        .iter()
        .enumerate()
        .map(|(index, unit)| (unit.place, index + 1))
        .collect();
    drop(units);

    let item_gates: Vec<Gate> = (0..graph.len())
        .map(|item| {
            let mut gate = vec![0];
            gate.extend((0..reach.len()).filter(|&u| reach[u][item]).map(|u| u + 1));
            Gate(gate)
        })
        .collect();
    let mut position = 0;
    for module in &mut plan.modules {
        for item in &mut module.items {
            let own = item_gates[position].clone();
            position += 1;
            match item {
                Item::Struct(item) => {
                    for field in item.fields.iter_mut().filter(|field| field.navigation) {
                        let target = field.ty.item().and_then(|t| graph.find(t));
                        let target = target.map(|t| &item_gates[t]);
                        if let Some(target) = target.filter(|target| !target.covers(&own)) {
                            field.gate = target.clone();
                        }
                    }
                    item.gate = own;
                }
                Item::Enum(item) => item.gate = own,
                Item::Polymorphic(item) => item.gate = own,
            }
        }
    }
    gate_operations(plan, &places);
    plan.features = features;
    Ok(())
}

/// Two modules whose features would have one name (an area `a_b` and the child `b` of a
/// split area `a`), or a module named like a feature every such crate has.
fn check_names(units: &[Unit<'_>]) -> Result<(), PlanError> {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for unit in units {
        let reserved = unit.name == MODELS || OTHER_FEATURES.contains(&unit.name.as_str());
        let earlier = if reserved {
            Some("the crate's own feature")
        } else {
            seen.insert(&unit.name, &unit.doc)
        };
        if let Some(first) = earlier {
            return Err(PlanError::FeatureClash {
                name: unit.name.clone(),
                first: first.trim_end_matches('.').to_owned(),
                second: unit.doc.trim_end_matches('.').to_owned(),
            });
        }
    }
    Ok(())
}

/// The areas, split where they reach too much, within crates.io's limit.
fn units<'p>(plan: &'p Plan, graph: &ItemGraph) -> Vec<Unit<'p>> {
    let whole = |module: &'p ApiModule, place| Unit {
        name: module.name.clone(),
        doc: format!("`{}` and below.", module.path),
        place,
        functions: subtree(module),
    };
    let mut areas: Vec<(usize, usize, &ApiModule)> = plan
        .api
        .modules
        .iter()
        .enumerate()
        .map(|(index, module)| {
            let reached = graph.closure(subtree(module).into_iter().flat_map(ApiFunction::items));
            (reached.iter().filter(|&&r| r).count(), index, module)
        })
        .collect();
    let limit = MAX_FEATURES - OTHER_FEATURES.len() - 1;
    let mut count = areas.len() + usize::from(!plan.api.functions.is_empty());
    // Largest first, so the limit, if reached, leaves the small areas whole.
    areas.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.name.cmp(&b.2.name)));
    let mut units = Vec::new();
    for (reached, area, module) in areas {
        let split = reached as f64 > SPLIT_SHARE * graph.len() as f64
            && !module.modules.is_empty()
            && count + module.modules.len() <= limit;
        if !split {
            units.push(whole(module, Place::Area(area)));
            continue;
        }
        count += module.modules.len();
        units.push(Unit {
            name: module.name.clone(),
            doc: format!("`{}`: its own operations.", module.path),
            place: Place::OwnFunctions(area),
            functions: module.functions.iter().collect(),
        });
        for (index, child) in module.modules.iter().enumerate() {
            units.push(Unit {
                name: format!("{}_{}", module.name, child.name),
                ..whole(child, Place::Child { area, child: index })
            });
        }
    }
    if !plan.api.functions.is_empty() {
        units.push(Unit {
            name: "imports".to_owned(),
            doc: "The action and function imports (`api::*`).".to_owned(),
            place: Place::Imports,
            functions: plan.api.functions.iter().collect(),
        });
    }
    units.sort_by(|a, b| a.name.cmp(&b.name));
    units
}

/// Puts each area's module (and, in a split area, each own function and child module) behind
/// its feature; a split area's module is compiled under any of its features.
fn gate_operations(plan: &mut Plan, places: &[(Place, FeatureId)]) {
    let api = &mut plan.api;
    for &(place, feature) in places {
        match place {
            Place::Area(area) => api.modules[area].gate = Gate(vec![feature]),
            Place::OwnFunctions(area) => {
                let module = &mut api.modules[area];
                for function in &mut module.functions {
                    function.gate = Gate(vec![feature]);
                }
                module.gate.0.push(feature);
            }
            Place::Child { area, child } => {
                let module = &mut api.modules[area];
                module.modules[child].gate = Gate(vec![feature]);
                module.gate.0.push(feature);
            }
            Place::Imports => {
                for function in &mut api.functions {
                    function.gate = Gate(vec![feature]);
                }
            }
        }
    }
    for module in &mut api.modules {
        module.gate.0.sort_unstable();
    }
}

/// Every function of `module` and of the modules below it.
fn subtree(module: &ApiModule) -> Vec<&ApiFunction> {
    let mut functions: Vec<&ApiFunction> = module.functions.iter().collect();
    for child in &module.modules {
        functions.extend(subtree(child));
    }
    functions
}

/// The plan's items, numbered in module then item order, and what each needs to compile.
struct ItemGraph {
    /// Per module, each item's number by its name.
    index: Vec<HashMap<String, usize>>,
    /// The items each item's code names, navigation targets aside.
    needs: Vec<Vec<usize>>,
}

impl ItemGraph {
    fn new(plan: &Plan) -> Self {
        let mut next = 0;
        let index = plan
            .modules
            .iter()
            .map(|module| {
                module
                    .items
                    .iter()
                    .map(|item| {
                        next += 1;
                        (item.name().to_owned(), next - 1)
                    })
                    .collect()
            })
            .collect();
        let mut graph = ItemGraph {
            index,
            needs: Vec::new(),
        };
        graph.needs = plan
            .modules
            .iter()
            .flat_map(|module| &module.items)
            .map(|item| {
                let named: Vec<&RustType> = match item {
                    Item::Struct(item) => item
                        .fields
                        .iter()
                        .filter(|field| !field.navigation)
                        .map(|field| &field.ty)
                        .collect(),
                    Item::Enum(_) => Vec::new(),
                    Item::Polymorphic(item) => item
                        .variants
                        .iter()
                        .chain([&item.fallback])
                        .map(|variant| &variant.target)
                        .collect(),
                };
                named
                    .into_iter()
                    .filter_map(|ty| graph.find(ty.item()?))
                    .collect()
            })
            .collect();
        graph
    }

    fn len(&self) -> usize {
        self.needs.len()
    }

    fn find(&self, item: &ItemRef) -> Option<usize> {
        self.index
            .get(item.module)?
            .get(item.name.as_str())
            .copied()
    }

    /// Which items `roots` need, transitively.
    fn closure<'r>(&self, roots: impl IntoIterator<Item = &'r ItemRef>) -> Vec<bool> {
        let mut reached = vec![false; self.len()];
        let mut pending: Vec<usize> = roots.into_iter().filter_map(|r| self.find(r)).collect();
        while let Some(item) = pending.pop() {
            if !std::mem::replace(&mut reached[item], true) {
                pending.extend(&self.needs[item]);
            }
        }
        reached
    }
}
