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
use super::{Gate, Item, ItemRef, Plan, RustType};

/// Index into [`Plan::features`].
pub type FeatureId = usize;

/// The feature that compiles every model.
pub const MODELS: &str = "models";

/// An area that reaches more than this share of the models is split into its child modules.
pub const SPLIT_SHARE: f64 = 0.25;

/// crates.io refuses a crate with more features than this.
pub const MAX_FEATURES: usize = 300;

/// The features a crate's manifest has besides the ones planned here (`default`, `client`,
/// `full`).
const OTHER_FEATURES: usize = 3;

/// One Cargo feature of the generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    functions: Vec<&'p ApiFunction>,
}

/// Plans the features of `plan` and gates its models and operations with them.
pub fn gate(plan: &mut Plan) {
    let graph = ItemGraph::new(plan);
    let units = units(plan, &graph);
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
    let unit_names: HashMap<String, FeatureId> = units
        .iter()
        .enumerate()
        .map(|(index, unit)| (unit.name.clone(), index + 1))
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
                        let target = graph.target(&field.ty).map(|t| &item_gates[t]);
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
    gate_operations(plan, &unit_names);
    plan.features = features;
}

/// The areas, split where they reach too much, within crates.io's limit.
fn units<'p>(plan: &'p Plan, graph: &ItemGraph) -> Vec<Unit<'p>> {
    let whole = |module: &'p ApiModule| Unit {
        name: module.name.clone(),
        doc: format!("`{}` and below.", module.path),
        functions: subtree(module),
    };
    let mut areas: Vec<(usize, &ApiModule)> = plan
        .api
        .modules
        .iter()
        .map(|module| {
            let reached = graph.closure(subtree(module).into_iter().flat_map(ApiFunction::items));
            (reached.iter().filter(|&&r| r).count(), module)
        })
        .collect();
    let limit = MAX_FEATURES - OTHER_FEATURES - 1;
    let mut count = areas.len() + usize::from(!plan.api.functions.is_empty());
    // Largest first, so the limit, if reached, leaves the small areas whole.
    areas.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    let mut units = Vec::new();
    for (reached, module) in areas {
        let split = reached as f64 > SPLIT_SHARE * graph.len() as f64
            && !module.modules.is_empty()
            && count + module.modules.len() <= limit;
        if !split {
            units.push(whole(module));
            continue;
        }
        count += module.modules.len();
        units.push(Unit {
            name: module.name.clone(),
            doc: format!("`{}`: its own operations.", module.path),
            functions: module.functions.iter().collect(),
        });
        for child in &module.modules {
            units.push(Unit {
                name: format!("{}_{}", module.name, child.name),
                ..whole(child)
            });
        }
    }
    if !plan.api.functions.is_empty() {
        units.push(Unit {
            name: "imports".to_owned(),
            doc: "The action and function imports (`api::*`).".to_owned(),
            functions: plan.api.functions.iter().collect(),
        });
    }
    units.sort_by(|a, b| a.name.cmp(&b.name));
    units
}

/// Puts each area's module (and, in a split area, each function and child module) behind its
/// feature.
fn gate_operations(plan: &mut Plan, features: &HashMap<String, FeatureId>) {
    for function in &mut plan.api.functions {
        function.gate = Gate(vec![features["imports"]]);
    }
    for module in &mut plan.api.modules {
        let own = features[&module.name];
        let children: Vec<FeatureId> = module
            .modules
            .iter()
            .filter_map(|child| features.get(&format!("{}_{}", module.name, child.name)))
            .copied()
            .collect();
        if children.is_empty() {
            module.gate = Gate(vec![own]);
            continue;
        }
        for function in &mut module.functions {
            function.gate = Gate(vec![own]);
        }
        for (child, feature) in module.modules.iter_mut().zip(&children) {
            child.gate = Gate(vec![*feature]);
        }
        let mut gate = vec![own];
        gate.extend(children);
        gate.sort_unstable();
        module.gate = Gate(gate);
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
    index: HashMap<(usize, String), usize>,
    /// The items each item's code names, navigation targets aside.
    needs: Vec<Vec<usize>>,
}

impl ItemGraph {
    fn new(plan: &Plan) -> Self {
        let mut index = HashMap::new();
        for (module, plan_module) in plan.modules.iter().enumerate() {
            for item in &plan_module.items {
                let next = index.len();
                index.insert((module, item.name().to_owned()), next);
            }
        }
        let mut graph = ItemGraph {
            index,
            needs: Vec::new(),
        };
        let needs = plan
            .modules
            .iter()
            .flat_map(|module| &module.items)
            .map(|item| {
                let mut refs = Vec::new();
                match item {
                    Item::Struct(item) => {
                        for field in item.fields.iter().filter(|field| !field.navigation) {
                            refs.extend(field.ty.item());
                        }
                    }
                    Item::Enum(_) => {}
                    Item::Polymorphic(item) => {
                        for variant in item.variants.iter().chain([&item.fallback]) {
                            refs.extend(variant.target.item());
                        }
                    }
                }
                refs.into_iter().filter_map(|r| graph.find(r)).collect()
            })
            .collect();
        graph.needs = needs;
        graph
    }

    fn len(&self) -> usize {
        self.needs.len()
    }

    fn find(&self, item: &ItemRef) -> Option<usize> {
        self.index.get(&(item.module, item.name.clone())).copied()
    }

    /// The item a field of type `ty` holds.
    fn target(&self, ty: &RustType) -> Option<usize> {
        ty.item().and_then(|item| self.find(item))
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
