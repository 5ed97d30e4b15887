//! Model + roots -> [`Plan`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::closure::{closure, ClosureOptions};
use super::docs::{description_lines, field_fallback, type_fallback};
use super::operations::Answer;
use super::validation::{FieldRule, TypeRule, ValidationRules};
use super::{
    EnumPlan, FieldPlan, Gate, Item, ItemRef, MemberPlan, ModuleIndex, ModulePlan, Plan,
    PolymorphicPlan, RustType, StructPlan, VariantPlan,
};
use crate::ident::{base_name, rust_name, rust_names, rust_names_from_base, NameKind};
use crate::model::{
    EnumType, Model, PropertyId, PropertyKind, Target, TypeDetail, TypeId, TypeTarget, Warning,
};

/// Which types to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Roots {
    /// Every entity, complex and enum type of the model.
    All,
    /// These types (namespace- or alias-qualified names) and their closure.
    Types(Vec<String>),
}

/// Settings of a planning run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanOptions {
    /// Which types to generate.
    pub roots: Roots,
    /// Follow navigation properties when computing the closure of [`Roots::Types`].
    pub navigation: bool,
    /// The file name named in the `@generated` line.
    pub source: String,
    /// The path, from the generated code, of the hand-written module that holds the functions
    /// `GraphRs.Validation.Rule` annotations name (`crate::rules`). Without it, such rules are
    /// left out with a warning.
    pub rules_module: Option<String>,
}

/// Why a plan cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanError {
    /// A root names no type in the model.
    UnknownRoot {
        /// The name as given.
        name: String,
        /// Declared types whose simple name matches, to suggest.
        suggestions: Vec<String>,
    },
    /// A root is an enum or type definition; roots must be entity or complex types.
    RootNotStructured(String),
    /// Nothing to generate (no roots, or a model without types).
    Empty,
    /// Two parts of the API, or one and a feature every such crate has, would get one Cargo
    /// feature name.
    FeatureClash {
        /// The feature name (`models`, `users_events`).
        name: String,
        /// What had the name first.
        first: String,
        /// What has it too.
        second: String,
    },
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::UnknownRoot { name, suggestions } => {
                write!(f, "root type `{name}` is not declared in the metadata")?;
                if !suggestions.is_empty() {
                    write!(f, " (did you mean {}?)", suggestions.join(", "))?;
                }
                Ok(())
            }
            PlanError::RootNotStructured(name) => write!(
                f,
                "root type `{name}` is not an entity or complex type; roots must be"
            ),
            PlanError::Empty => write!(f, "nothing to generate: no root types given"),
            PlanError::FeatureClash {
                name,
                first,
                second,
            } => write!(
                f,
                "two parts of the API would both be Cargo feature `{name}`: {first} and {second}; \
                 rename one in the metadata or generate without area features"
            ),
        }
    }
}

impl std::error::Error for PlanError {}

/// Module names a namespace module must not take: they would shadow crates that generated code
/// names by path.
const RESERVED_MODULES: &[&str] = &["graph_core", "std", "core", "alloc"];

/// The name of the field that keeps unknown members, fixed by the design.
const ADDITIONAL_DATA: &str = "additional_data";

/// Decides everything to generate for `options` over `model`.
pub fn plan(model: &Model, options: &PlanOptions) -> Result<Plan, PlanError> {
    let (selected, root_namespace) = select(model, options)?;
    Planner::new(model, &selected, root_namespace, options).run()
}

/// The types to generate (document order) and the namespace that becomes the root module.
fn select(model: &Model, options: &PlanOptions) -> Result<(Vec<TypeId>, String), PlanError> {
    let is_generated = |id: &TypeId| {
        matches!(
            model[*id].detail,
            TypeDetail::Entity(_) | TypeDetail::Complex(_) | TypeDetail::Enum(_)
        )
    };
    match &options.roots {
        Roots::All => {
            let mut selected: Vec<TypeId> = model
                .types()
                .filter(|(_, ty)| !model.is_reference(ty.pos.file))
                .map(|(id, _)| id)
                .filter(is_generated)
                .collect();
            // Of the documents loaded for their references (vocabularies), only the types
            // that the documents given reach.
            if model.types().any(|(_, ty)| model.is_reference(ty.pos.file)) {
                let options = ClosureOptions { navigation: true };
                selected = closure(model, &selected, options)
                    .into_iter()
                    .filter(is_generated)
                    .collect();
            }
            // A document without types (a vocabulary of terms only) generates an empty tree.
            let namespace = match selected.first() {
                Some(first) => model[*first].namespace(),
                None => model
                    .schemas()
                    .next()
                    .map_or("", |(_, schema)| schema.namespace.as_str()),
            }
            .to_owned();
            Ok((selected, namespace))
        }
        Roots::Types(names) => {
            let mut roots = Vec::with_capacity(names.len());
            for name in names {
                let id = model
                    .find_type(name)
                    .ok_or_else(|| unknown_root(model, name))?;
                if model[id].structured().is_none() {
                    return Err(PlanError::RootNotStructured(name.clone()));
                }
                roots.push(id);
            }
            let first = roots.first().ok_or(PlanError::Empty)?;
            let namespace = model[*first].namespace().to_owned();
            let options = ClosureOptions {
                navigation: options.navigation,
            };
            let selected = closure(model, &roots, options)
                .into_iter()
                .filter(is_generated)
                .collect();
            Ok((selected, namespace))
        }
    }
}

fn unknown_root(model: &Model, name: &str) -> PlanError {
    PlanError::UnknownRoot {
        name: name.to_owned(),
        suggestions: model.similar_type_names(name),
    }
}

/// Where each selected type lands in the generated tree.
/// The parts of a field's plan that depend only on its property.
struct PropertyFacts {
    /// The field name before collisions in its struct are resolved ([`base_name`]).
    base_name: String,
    /// Rustdoc lines, until the last struct that has the field takes them.
    docs: Mutex<Vec<String>>,
    /// How many structs have the field and have not yet taken their docs.
    uses_left: AtomicUsize,
    /// The field's validation rules, when they are the same in every struct that has the field
    /// ([`ValidationRules::same_for_every_owner`]).
    rules: Option<Vec<FieldRule>>,
}

impl PropertyFacts {
    /// The docs for one more struct that has the field: a copy, except for the last struct,
    /// which takes them (most properties are fields of one struct; copying long descriptions
    /// was much of planning's time).
    fn docs_for_one_struct(&self) -> Vec<String> {
        let mut docs = self.docs.lock().unwrap_or_else(PoisonError::into_inner);
        // Counted down under the lock, so exactly the last caller takes the lines.
        if self.uses_left.fetch_sub(1, Ordering::Relaxed) == 1 {
            std::mem::take(&mut *docs)
        } else {
            docs.clone()
        }
    }
}

struct Planner<'m> {
    model: &'m Model,
    options: &'m PlanOptions,
    /// Validation rules from annotations, indexed once (`plan::validation`).
    validation: ValidationRules,
    warnings: Vec<Warning>,
    selected: &'m [TypeId],
    /// The fields of each selected struct (see [`Planner::fields_of`]), computed once.
    fields: FxHashMap<TypeId, Vec<PropertyId>>,
    /// The selected types derived (transitively) from each type, in document order.
    derived: FxHashMap<TypeId, Vec<TypeId>>,
    /// What a field's plan takes from its property alone, made once per property: a base
    /// type's property is a field of every derived struct (`entity.id` of ~1,500).
    property_facts: FxHashMap<PropertyId, PropertyFacts>,
    root_namespace: String,
    /// Module index per namespace.
    modules: BTreeMap<String, ModuleIndex>,
    module_names: Vec<(String, String)>,
    /// The Rust item of each selected type.
    items: FxHashMap<TypeId, ItemRef>,
    /// The `Any<Type>` enum of each type used as a property type that has derived types.
    polymorphic: FxHashMap<TypeId, ItemRef>,
    /// Property edges (struct, target) that need `Box` to break recursion.
    boxed: BTreeSet<(TypeId, TypeId)>,
}

impl<'m> Planner<'m> {
    fn new(
        model: &'m Model,
        selected: &'m [TypeId],
        root_namespace: String,
        options: &'m PlanOptions,
    ) -> Self {
        let validation = ValidationRules::new(model);
        let is_selected: FxHashSet<TypeId> = selected.iter().copied().collect();
        let mut fields = FxHashMap::default();
        let mut derived: FxHashMap<TypeId, Vec<TypeId>> = FxHashMap::default();
        // `selected` is in document order, so every list below is too.
        for &id in selected {
            if model[id].structured().is_none() {
                continue;
            }
            for base in model.base_types(id) {
                derived.entry(base).or_default().push(id);
            }
            let own: Vec<PropertyId> = model
                .all_properties(id)
                .into_iter()
                .filter(|property| {
                    let property = &model[*property];
                    // A navigation property is a field when its type is generated too, or
                    // has no type of its own to generate (`Edm.EntityType`).
                    property.kind == PropertyKind::Structural
                        || match property.ty.target {
                            TypeTarget::Type(t) => is_selected.contains(&t),
                            TypeTarget::Primitive(_) | TypeTarget::Unknown(_) => true,
                        }
                })
                .collect();
            fields.insert(id, own);
        }
        Planner {
            model,
            options,
            warnings: validation.warnings().to_vec(),
            validation,
            selected,
            fields,
            derived,
            property_facts: FxHashMap::default(),
            root_namespace,
            modules: BTreeMap::new(),
            module_names: Vec::new(),
            items: FxHashMap::default(),
            polymorphic: FxHashMap::default(),
            boxed: BTreeSet::new(),
        }
    }

    fn run(mut self) -> Result<Plan, PlanError> {
        self.assign_modules();
        self.assign_type_names();
        self.find_recursion();
        self.property_facts = self.property_facts();

        let mut modules: Vec<ModulePlan> = self
            .module_names
            .iter()
            .map(|(namespace, name)| ModulePlan {
                namespace: namespace.clone(),
                name: name.clone(),
                items: Vec::new(),
            })
            .collect();
        // Items are planned independently of each other, so on all threads (names, docs and
        // validation rules of ~4,000 types); results and warnings are kept in selection order.
        let planned: Vec<(Item, Option<Warning>)> = self
            .selected
            .par_iter()
            .map(|&id| match &self.model[id].detail {
                TypeDetail::Enum(enum_type) => (Item::Enum(self.enum_plan(id, enum_type)), None),
                _ => {
                    let (plan, warning) = self.struct_plan(id);
                    (Item::Struct(plan), warning)
                }
            })
            .collect();
        for (id, (item, warning)) in self.selected.iter().zip(planned) {
            self.warnings.extend(warning);
            modules[self.items[id].module].items.push(item);
        }
        // The per-property facts are done with; freeing them (~12,000 for all of Graph) goes
        // alongside planning the `Any<Type>` enums instead of after everything.
        let facts = std::mem::take(&mut self.property_facts);
        let mut polymorphic: Vec<(&TypeId, &ItemRef)> = self.polymorphic.iter().collect();
        polymorphic.sort();
        let (planned, ()) = rayon::join(
            || {
                polymorphic
                    .par_iter()
                    .map(|(base, item)| (item.module, self.polymorphic_plan(**base)))
                    .collect::<Vec<_>>()
            },
            move || drop(facts),
        );
        for (module, item) in planned {
            modules[module].items.push(Item::Polymorphic(item));
        }
        // Sorting items by Rust name right before emission is what makes the output stable.
        for module in &mut modules {
            module.items.sort_by(|a, b| a.name().cmp(b.name()));
        }
        let api = self.api();
        Ok(Plan {
            source: self.options.source.clone(),
            modules,
            api,
            features: Vec::new(),
            warnings: self.warnings,
        })
    }

    /// The operations on the paths of the selected types, typed with the planner's own map.
    fn api(&mut self) -> super::operations::ApiPlan {
        let super::paths::ApiPaths { paths, truncated } = super::paths::api_paths(self.model);
        if truncated {
            if let Some((_, container)) = self.model.containers().next() {
                let location = self.model.location(container.pos);
                self.warnings.push(Warning {
                    file: location.file.to_owned(),
                    line: location.line,
                    column: location.column,
                    message: format!(
                        "`{}`: its paths nest too deep or are too many; operations are generated \
                         for paths of at most {} navigation and cast segments, {} paths in all",
                        container.qualified_name,
                        super::paths::MAX_DEPTH,
                        super::paths::MAX_PATHS
                    ),
                });
            }
        }
        let types = |ty: &crate::model::TypeRef| self.type_ref(ty);
        // With roots, the paths about a root (or a type derived from one); with navigation,
        // about any type it reaches too, but not about the roots' base types (`entity`).
        let mut subjects: FxHashSet<TypeId> = FxHashSet::default();
        if let Roots::Types(names) = &self.options.roots {
            let roots: Vec<TypeId> = names
                .iter()
                .filter_map(|n| self.model.find_type(n))
                .collect();
            for &root in &roots {
                subjects.insert(root);
                subjects.extend(self.model.derived_types(root));
            }
            if self.options.navigation {
                let bases: FxHashSet<TypeId> = roots
                    .iter()
                    .flat_map(|&root| self.model.base_types(root))
                    .collect();
                subjects.extend(self.selected.iter().filter(|ty| !bases.contains(ty)));
            }
        }
        let about_subject = |ty: TypeId| subjects.contains(&ty);
        let subjects: Option<&dyn Fn(TypeId) -> bool> = match self.options.roots {
            Roots::All => None,
            Roots::Types(_) => Some(&about_subject),
        };
        let mut api = super::operations::plan_api(self.model, &paths, &types, subjects);
        api.truncated = truncated;
        let type_of_item: FxHashMap<&ItemRef, TypeId> = self
            .items
            .iter()
            .chain(&self.polymorphic)
            .map(|(id, item)| (item, *id))
            .collect();
        for function in api.functions_mut() {
            let (Answer::Entity(RustType::Named(item))
            | Answer::OptionalEntity(RustType::Named(item))
            | Answer::Page(RustType::Named(item))
            | Answer::FirstItem(RustType::Named(item))
            | Answer::CreatedOrExisting(RustType::Named(item))) = &function.answer
            else {
                continue;
            };
            function.query_entity = type_of_item
                .get(item)
                .filter(|id| matches!(self.model[**id].detail, TypeDetail::Entity(_)))
                .and_then(|id| self.items.get(id))
                .cloned();
        }
        api
    }

    /// The Rust type of a type reference outside any struct (an operation's parameter or
    /// answer): `Any<Type>` where the type has one, `None` when it is not generated.
    fn type_ref(&self, ty: &crate::model::TypeRef) -> Option<RustType> {
        let single = match &ty.target {
            TypeTarget::Primitive(kind) => RustType::Edm(*kind),
            TypeTarget::Unknown(_) => RustType::Untyped,
            TypeTarget::Type(target) => match &self.model[*target].detail {
                TypeDetail::Definition(definition) => RustType::Edm(definition.underlying),
                TypeDetail::Enum(enum_type) if enum_type.is_flags => {
                    RustType::Flags(self.items.get(target)?.clone())
                }
                _ => RustType::Named(
                    self.polymorphic
                        .get(target)
                        .or_else(|| self.items.get(target))?
                        .clone(),
                ),
            },
        };
        Some(if ty.collection {
            RustType::Collection(Box::new(single))
        } else {
            single
        })
    }

    /// The [`PropertyFacts`] of every property that is a field of a selected struct.
    fn property_facts(&self) -> FxHashMap<PropertyId, PropertyFacts> {
        let mut uses: FxHashMap<PropertyId, usize> = FxHashMap::default();
        for &id in self.fields.values().flatten() {
            *uses.entry(id).or_default() += 1;
        }
        let mut properties: Vec<(PropertyId, usize)> = uses.into_iter().collect();
        properties.sort_unstable();
        properties
            .par_iter()
            .map(|&(id, uses)| {
                let property = &self.model[id];
                let docs = self.docs(Target::Property(id), || {
                    field_fallback(&property.name, &self.model[property.declaring_type])
                });
                let base_name = base_name(NameKind::Field, &property.name);
                let rules = self
                    .validation
                    .same_for_every_owner(self.model, id)
                    .then(|| {
                        self.validation
                            .field_rules(self.model, property.declaring_type, id)
                    });
                let facts = PropertyFacts {
                    base_name,
                    docs: Mutex::new(docs),
                    uses_left: AtomicUsize::new(uses),
                    rules,
                };
                (id, facts)
            })
            .collect()
    }

    /// Root namespace at index 0, then the other namespaces sorted by module name.
    fn assign_modules(&mut self) {
        let mut namespaces: Vec<&str> = Vec::new();
        for &id in self.selected {
            let namespace = self.model[id].namespace();
            if namespace != self.root_namespace && !namespaces.contains(&namespace) {
                namespaces.push(namespace);
            }
        }
        let prefix = format!("{}.", self.root_namespace);
        let relative: Vec<&str> = namespaces
            .iter()
            .map(|namespace| namespace.strip_prefix(&prefix).unwrap_or(namespace))
            .collect();
        let names = rust_names(NameKind::Module, &relative, RESERVED_MODULES);
        let mut children: Vec<(String, String)> = namespaces
            .iter()
            .map(|namespace| (*namespace).to_owned())
            .zip(names)
            .collect();
        children.sort_by(|a, b| a.1.cmp(&b.1));
        self.module_names = std::iter::once((self.root_namespace.clone(), String::new()))
            .chain(children)
            .collect();
        self.modules = self
            .module_names
            .iter()
            .enumerate()
            .map(|(index, (namespace, _))| (namespace.clone(), index))
            .collect();
    }

    fn assign_type_names(&mut self) {
        let mut per_module: Vec<Vec<TypeId>> = vec![Vec::new(); self.module_names.len()];
        for &id in self.selected {
            per_module[self.modules[self.model[id].namespace()]].push(id);
        }
        // `Any<Type>` for every property type that has derived types in the generated set.
        let mut polymorphic: BTreeSet<TypeId> = BTreeSet::new();
        for &id in self.selected {
            for &property in self.fields_of(id) {
                if let TypeTarget::Type(target) = self.model[property].ty.target {
                    if !self.derived_in_set(target).is_empty() {
                        polymorphic.insert(target);
                    }
                }
            }
        }
        for (module, ids) in per_module.iter().enumerate() {
            let simple: Vec<&str> = ids.iter().map(|id| self.model[*id].name.as_str()).collect();
            let names = rust_names(NameKind::Type, &simple, &[]);
            let (any_ids, any_candidates): (Vec<TypeId>, Vec<String>) = ids
                .iter()
                .zip(&names)
                .filter(|(id, _)| polymorphic.contains(id))
                .map(|(id, name)| (*id, format!("Any{name}")))
                .unzip();
            let any_candidates: Vec<&str> = any_candidates.iter().map(String::as_str).collect();
            let taken: Vec<&str> = names.iter().map(String::as_str).collect();
            let any_names = rust_names(NameKind::Type, &any_candidates, &taken);
            for (id, name) in ids.iter().zip(&names) {
                self.items.insert(
                    *id,
                    ItemRef {
                        module,
                        name: name.clone(),
                    },
                );
            }
            for (id, name) in any_ids.iter().zip(any_names) {
                self.polymorphic.insert(*id, ItemRef { module, name });
            }
        }
    }

    /// Properties that become fields, base-first: structural ones, and navigation ones whose
    /// target is generated.
    fn fields_of(&self, id: TypeId) -> &[PropertyId] {
        self.fields.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Types derived from `id` that are generated, in document order.
    fn derived_in_set(&self, id: TypeId) -> &[TypeId] {
        self.derived.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Marks the single-valued struct fields that close a cycle of by-value containment; those
    /// become `Box<T>` so every type has a finite size.
    fn find_recursion(&mut self) {
        // Nodes: each struct, and each `Any<Type>` enum (which holds its fallback by value).
        let structs: Vec<TypeId> = self
            .selected
            .iter()
            .copied()
            .filter(|id| self.model[*id].structured().is_some())
            .collect();
        let mut node_of: FxHashMap<(bool, TypeId), usize> = FxHashMap::default();
        for id in &structs {
            let next = node_of.len();
            node_of.insert((false, *id), next);
        }
        let mut any: Vec<&TypeId> = self.polymorphic.keys().collect();
        any.sort();
        for id in any {
            let next = node_of.len();
            node_of.insert((true, *id), next);
        }
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); node_of.len()];
        let mut field_edges: Vec<(TypeId, TypeId, usize, usize)> = Vec::new();
        for &id in &structs {
            let from = node_of[&(false, id)];
            for &property in self.fields_of(id) {
                let property = &self.model[property];
                let TypeTarget::Type(target) = property.ty.target else {
                    continue;
                };
                if property.ty.collection {
                    continue;
                }
                let to = node_of
                    .get(&(true, target))
                    .or_else(|| node_of.get(&(false, target)));
                if let Some(&to) = to {
                    edges[from].push(to);
                    field_edges.push((id, target, from, to));
                }
            }
        }
        // An `Any<Type>` holds only its fallback inline; derived variants are boxed.
        for (&(is_any, base), &node) in &node_of {
            if is_any {
                edges[node].push(node_of[&(false, base)]);
            }
        }
        let component = strongly_connected_components(&edges);
        for (from_type, to_type, from, to) in field_edges {
            if component[from] == component[to] {
                self.boxed.insert((from_type, to_type));
            }
        }
    }

    /// The struct of `id`, and the warning about its type-level rules, if any.
    fn struct_plan(&self, id: TypeId) -> (StructPlan, Option<Warning>) {
        let ty = &self.model[id];
        let properties = self.fields_of(id);
        let wire_names: Vec<&str> = properties
            .iter()
            .map(|p| self.model[*p].name.as_str())
            .collect();
        let base_names = properties
            .iter()
            .map(|p| self.property_facts[p].base_name.clone())
            .collect();
        let names =
            rust_names_from_base(NameKind::Field, &wire_names, base_names, &[ADDITIONAL_DATA]);
        let fields = properties
            .iter()
            .zip(names)
            .map(|(property_id, name)| {
                let property = &self.model[*property_id];
                let facts = &self.property_facts[property_id];
                let rules = match &facts.rules {
                    Some(rules) => rules.clone(),
                    None => self.validation.field_rules(self.model, id, *property_id),
                };
                FieldPlan {
                    name,
                    wire_name: property.name.clone(),
                    docs: facts.docs_for_one_struct(),
                    ty: self.property_type(id, *property_id),
                    navigation: property.kind == PropertyKind::Navigation,
                    rules,
                    gate: Gate::default(),
                }
            })
            .collect();
        let kind = match ty.detail {
            TypeDetail::Entity(_) => "entity type",
            _ => "complex type",
        };
        let (rule_functions, warning) = match self.rule_functions(id) {
            Ok(functions) => (functions, None),
            Err(warning) => (Vec::new(), Some(warning)),
        };
        let plan = StructPlan {
            name: self.items[&id].name.clone(),
            qualified_name: ty.qualified_name.clone(),
            entity: matches!(ty.detail, TypeDetail::Entity(_)),
            docs: self.docs(Target::Type(id), || type_fallback(ty, kind)),
            fields,
            additional_data: ADDITIONAL_DATA.to_owned(),
            rule_functions,
            gate: Gate::default(),
        };
        (plan, warning)
    }

    /// The paths of the rule functions of `id` (type-level rules) in the rules module; without
    /// a rules module, a warning that the rules are not applied.
    fn rule_functions(&self, id: TypeId) -> Result<Vec<String>, Warning> {
        let rules = self.validation.type_rules(self.model, id);
        if rules.is_empty() {
            return Ok(Vec::new());
        }
        match &self.options.rules_module {
            Some(module) => Ok(rules
                .iter()
                .map(|TypeRule::Function(name)| {
                    format!("{module}::{}", rust_name(NameKind::Field, name))
                })
                .collect()),
            None => {
                let ty = &self.model[id];
                let location = self.model.location(ty.pos);
                Err(Warning {
                    file: location.file.to_owned(),
                    line: location.line,
                    column: location.column,
                    message: format!(
                        "`{}` names validation rule functions ({rules:?}) but no rules module \
                         is set; they are not applied",
                        ty.qualified_name
                    ),
                })
            }
        }
    }

    fn property_type(&self, owner: TypeId, property: PropertyId) -> RustType {
        let property = &self.model[property];
        let single = match &property.ty.target {
            TypeTarget::Primitive(kind) => RustType::Edm(*kind),
            TypeTarget::Unknown(_) => RustType::Untyped,
            TypeTarget::Type(target) => match &self.model[*target].detail {
                TypeDetail::Definition(definition) => RustType::Edm(definition.underlying),
                TypeDetail::Enum(enum_type) if enum_type.is_flags => {
                    RustType::Flags(self.items[target].clone())
                }
                _ => {
                    let item = self
                        .polymorphic
                        .get(target)
                        .or_else(|| self.items.get(target))
                        .cloned();
                    match item {
                        Some(item) => RustType::Named(item),
                        None => RustType::Untyped,
                    }
                }
            },
        };
        if property.ty.collection {
            RustType::Collection(Box::new(single))
        } else if matches!(property.ty.target, TypeTarget::Type(t) if self.boxed.contains(&(owner, t)))
        {
            RustType::Boxed(Box::new(single))
        } else {
            single
        }
    }

    fn enum_plan(&self, id: TypeId, enum_type: &EnumType) -> EnumPlan {
        let ty = &self.model[id];
        let wire_names: Vec<&str> = enum_type.members.iter().map(|m| m.name.as_str()).collect();
        let names = rust_names(NameKind::Variant, &wire_names, &[]);
        let future = wire_names
            .iter()
            .position(|name| *name == "unknownFutureValue");
        let members = enum_type
            .members
            .iter()
            .zip(names)
            .enumerate()
            .map(|(index, (member, name))| {
                let evolvable = future.is_some_and(|future| index > future);
                let mut docs = self
                    .model
                    .description(Target::Member(id, index))
                    .map(description_lines)
                    .unwrap_or_default();
                if evolvable {
                    docs.push("Sent only with `Prefer: include-unknown-enum-members`.".to_owned());
                }
                MemberPlan {
                    name,
                    wire_name: member.name.clone(),
                    docs,
                    evolvable,
                }
            })
            .collect();
        EnumPlan {
            name: self.items[&id].name.clone(),
            qualified_name: ty.qualified_name.clone(),
            docs: self.docs(Target::Type(id), || type_fallback(ty, "enum type")),
            is_flags: enum_type.is_flags,
            members,
            gate: Gate::default(),
        }
    }

    fn polymorphic_plan(&self, base: TypeId) -> PolymorphicPlan {
        let ty = &self.model[base];
        let derived = self.derived_in_set(base);
        // A derived type from another namespace whose simple name is taken by another variant
        // is named with its namespace (`CallRecordsUserIdentity`).
        let mut name_counts: FxHashMap<String, usize> = FxHashMap::default();
        for id in derived.iter().chain(std::iter::once(&base)) {
            *name_counts
                .entry(self.model[*id].name.to_ascii_lowercase())
                .or_default() += 1;
        }
        let candidates: Vec<String> = derived
            .iter()
            .map(|id| {
                let derived_type = &self.model[*id];
                let clashes = name_counts[&derived_type.name.to_ascii_lowercase()] > 1;
                if clashes && derived_type.namespace() != ty.namespace() {
                    let module = &self.module_names[self.items[id].module].1;
                    format!("{module}_{}", derived_type.name)
                } else {
                    derived_type.name.clone()
                }
            })
            .collect();
        let mut candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
        candidates.push(&ty.name);
        let mut names = rust_names(NameKind::Variant, &candidates, &[]);
        let fallback_name = names.pop().unwrap_or_default();
        let variants = derived
            .iter()
            .zip(names)
            .map(|(id, name)| VariantPlan {
                name,
                qualified_name: self.model[*id].qualified_name.clone(),
                // Derived types can be far larger than the declared type; boxing them keeps
                // the enum (and every struct holding it) the size of the fallback.
                target: RustType::Boxed(Box::new(self.variant_type(*id))),
            })
            .collect();
        PolymorphicPlan {
            name: self.polymorphic[&base].name.clone(),
            qualified_name: ty.qualified_name.clone(),
            docs: vec![format!(
                "`{}` or one of its derived types, chosen by `@odata.type`.",
                ty.qualified_name
            )],
            variants,
            fallback: VariantPlan {
                name: fallback_name,
                qualified_name: ty.qualified_name.clone(),
                target: self.variant_type(base),
            },
            gate: Gate::default(),
        }
    }

    fn variant_type(&self, id: TypeId) -> RustType {
        RustType::Named(self.items[&id].clone())
    }

    /// Docs from `Core.Description`, else the one line `fallback` makes.
    fn docs(&self, target: Target, fallback: impl FnOnce() -> String) -> Vec<String> {
        match self.model.description(target) {
            Some(text) if !text.trim().is_empty() => description_lines(text),
            _ => vec![fallback()],
        }
    }
}

/// Tarjan's algorithm, iterative (Graph has chains deeper than a thread's stack would like).
/// Returns the component number of each node.
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let count = edges.len();
    let mut index = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNVISITED; count];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for start in 0..count {
        if index[start] != UNVISITED {
            continue;
        }
        // Each frame: node and the position of the next edge to look at.
        let mut frames = vec![(start, 0usize)];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(frame) = frames.last_mut() {
            let node = frame.0;
            if let Some(&next) = edges[node].get(frame.1) {
                frame.1 += 1;
                if index[next] == UNVISITED {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    frames.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_find_cycles_only() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 0 is not part of it; 4 -> 4 is a self cycle.
        let edges = vec![vec![1], vec![2], vec![0], vec![0], vec![4]];
        let component = strongly_connected_components(&edges);
        assert_eq!(component[0], component[1]);
        assert_eq!(component[1], component[2]);
        assert_ne!(component[3], component[0]);
        assert_ne!(component[4], component[0]);
    }
}
