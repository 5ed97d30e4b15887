//! Which elements of the model a slice keeps, decided on the resolved model (ids), before the
//! syntax tree is pruned to them.

use std::collections::{BTreeSet, HashSet};

use crate::model::{
    Annotation, AnnotationId, ContainerId, Model, OperationId, OperationImport, PathKind,
    PropertyId, PropertyKind, Target, TermId, TypeId, TypeRef, TypeTarget, Value,
};
use crate::plan::closure::{closure, ClosureOptions};

/// A container child a slice keeps: its container and its index among the children of its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entry {
    EntitySet(ContainerId, usize),
    Singleton(ContainerId, usize),
    ActionImport(ContainerId, usize),
    FunctionImport(ContainerId, usize),
}

/// Everything a slice keeps, as model ids.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Types kept whole: the closure of the roots and of the kept operations' signatures.
    pub full: BTreeSet<TypeId>,
    /// Types kept only for the container entries that lead to the roots (`user`, and its base
    /// types outside the closure): their key and their navigation properties to the roots.
    pub trimmed: BTreeSet<TypeId>,
    /// Kept properties (declared ones, of whole and trimmed types).
    pub properties: HashSet<PropertyId>,
    /// Kept action and function overloads.
    pub operations: BTreeSet<OperationId>,
    /// Containers with at least one kept entry.
    pub containers: BTreeSet<ContainerId>,
    /// Kept entity sets, singletons and imports.
    pub entries: BTreeSet<Entry>,
    /// Terms declared in the metadata that kept annotations use.
    pub terms: BTreeSet<TermId>,
    /// Annotations on kept elements left out because a path in their value names a property
    /// the slice drops (the `NavigationRestrictions` of `users` about `calendarView`).
    pub dangling: HashSet<AnnotationId>,
}

impl Selection {
    /// Every kept type, whole or trimmed.
    pub fn has_type(&self, id: TypeId) -> bool {
        self.full.contains(&id) || self.trimmed.contains(&id)
    }

    /// True when annotation `id` belongs in the slice.
    pub fn keeps_annotation(&self, id: AnnotationId, annotation: &Annotation) -> bool {
        self.keeps(&annotation.target) && !self.dangling.contains(&id)
    }

    /// True when an annotation on `target` belongs in the slice (unless it dangles).
    pub fn keeps(&self, target: &Target) -> bool {
        match target {
            Target::Schema(_) => true,
            Target::Type(id) | Target::Member(id, _) => self.has_type(*id),
            Target::Property(id) => self.properties.contains(id),
            Target::Operation(id) | Target::Parameter(id, _) | Target::ReturnType(id) => {
                self.operations.contains(id)
            }
            Target::Overloads(ids) => ids.iter().any(|id| self.operations.contains(id)),
            Target::Term(id) => self.terms.contains(id),
            Target::Container(id) => self.containers.contains(id),
            Target::EntitySet(c, i) => self.entries.contains(&Entry::EntitySet(*c, *i)),
            Target::Singleton(c, i) => self.entries.contains(&Entry::Singleton(*c, *i)),
            Target::ActionImport(c, i) => self.entries.contains(&Entry::ActionImport(*c, *i)),
            Target::FunctionImport(c, i) => self.entries.contains(&Entry::FunctionImport(*c, *i)),
            Target::Unresolved(_) => false,
        }
    }
}

/// Decides what a slice of `model` for `roots` keeps; see the module documentation of
/// [`crate::slice`] for the rules.
pub fn select(model: &Model, roots: &[TypeId], options: ClosureOptions) -> Selection {
    let root_closure = closure(model, roots, options);
    let operations: BTreeSet<OperationId> = model
        .operations()
        .filter(|(_, op)| {
            matches!(op.binding(), Some(TypeRef { target: TypeTarget::Type(t), .. })
                if root_closure.binary_search(t).is_ok())
        })
        .map(|(id, _)| id)
        .collect();
    let mut seeds: Vec<TypeId> = roots.to_vec();
    for id in &operations {
        let op = &model[*id];
        let signature = op
            .parameters
            .iter()
            .map(|p| &p.ty)
            .chain(op.return_type.as_ref().map(|r| &r.ty));
        seeds.extend(signature.filter_map(named_type));
    }
    let mut full: BTreeSet<TypeId> = closure(model, &seeds, options).into_iter().collect();

    // Terms used by kept annotations may have named types of their own; those join the
    // closure and the selection is made again (a fixed point, reached in one or two rounds).
    loop {
        let mut selection = Selection {
            full: full.clone(),
            operations: operations.clone(),
            ..Selection::default()
        };
        let leading = leading_types(model, roots);
        select_entries(model, roots, &leading, &mut selection);
        select_properties(model, roots, &leading, &mut selection);
        select_dangling(model, &mut selection);
        select_terms(model, &mut selection);
        let term_types = selection.terms.iter().map(|id| &model[*id].ty);
        let trimmed_key_types = selection
            .trimmed
            .iter()
            .filter_map(|id| model[*id].structured())
            .flat_map(|s| &s.properties)
            .filter(|p| selection.properties.contains(p))
            .map(|p| &model[*p].ty);
        let missing: Vec<TypeId> = term_types
            .chain(trimmed_key_types)
            .filter_map(named_type)
            .filter(|id| !selection.has_type(*id))
            .collect();
        if missing.is_empty() {
            return selection;
        }
        full.extend(closure(model, &missing, options));
    }
}

fn named_type(ty: &TypeRef) -> Option<TypeId> {
    match ty.target {
        TypeTarget::Type(id) => Some(id),
        _ => None,
    }
}

/// Entity types from which contained navigation leads to a root (`calendar`, whose `events`
/// contain events, and `user`, whose `calendars` contain calendars), roots excluded: the slice
/// keeps `/users/{id}/calendars/{id}/events` as well as `/users/{id}/events`.
fn leading_types(model: &Model, roots: &[TypeId]) -> HashSet<TypeId> {
    let mut leading = HashSet::new();
    loop {
        let before = leading.len();
        for (id, _) in model.types() {
            if leading.contains(&id) || roots.contains(&id) {
                continue;
            }
            let contains = model.all_properties(id).into_iter().any(|p| {
                let p = &model[p];
                p.kind == PropertyKind::Navigation
                    && p.contains_target
                    && named_type(&p.ty).is_some_and(|t| roots.contains(&t) || leading.contains(&t))
            });
            if contains {
                leading.insert(id);
            }
        }
        if leading.len() == before {
            return leading;
        }
    }
}

/// True when `property` is a navigation property to one of `roots`, or a contained one to a
/// type that leads to them.
fn leads_to_root(
    model: &Model,
    property: PropertyId,
    roots: &[TypeId],
    leading: &HashSet<TypeId>,
) -> bool {
    let property = &model[property];
    property.kind == PropertyKind::Navigation
        && named_type(&property.ty).is_some_and(|t| {
            roots.contains(&t) || (property.contains_target && leading.contains(&t))
        })
}

/// Entity sets and singletons whose type navigates (declared or inherited, directly or through
/// contained navigation) to a root, with every type on those paths and its base chain; imports
/// of kept operations.
fn select_entries(
    model: &Model,
    roots: &[TypeId],
    leading: &HashSet<TypeId>,
    selection: &mut Selection,
) {
    let mut kept_sets: Vec<(ContainerId, String)> = Vec::new();
    for (container_id, container) in model.containers() {
        let sets = container
            .entity_sets
            .iter()
            .map(|s| (s.entity_type, &s.name))
            .enumerate()
            .map(|(i, (ty, name))| (Entry::EntitySet(container_id, i), ty, name));
        let singletons = container
            .singletons
            .iter()
            .map(|s| (s.ty, &s.name))
            .enumerate()
            .map(|(i, (ty, name))| (Entry::Singleton(container_id, i), ty, name));
        for (entry, ty, name) in sets.chain(singletons) {
            let navigates = model
                .all_properties(ty)
                .into_iter()
                .any(|p| leads_to_root(model, p, roots, leading));
            if !navigates {
                continue;
            }
            selection.entries.insert(entry);
            selection.containers.insert(container_id);
            kept_sets.push((container_id, name.clone()));
            keep_path_types(model, ty, roots, leading, selection);
        }
        for (i, import) in container.action_imports.iter().enumerate() {
            if imports_kept_operations(import, selection) {
                selection
                    .entries
                    .insert(Entry::ActionImport(container_id, i));
                selection.containers.insert(container_id);
            }
        }
        for (i, import) in container.function_imports.iter().enumerate() {
            if imports_kept_operations(import, selection) {
                selection
                    .entries
                    .insert(Entry::FunctionImport(container_id, i));
                selection.containers.insert(container_id);
            }
        }
    }
    // An import that names an entity set the slice drops would dangle; drop the import too.
    let kept: Vec<Entry> = selection.entries.iter().copied().collect();
    for entry in kept {
        let (container_id, import) = match entry {
            Entry::ActionImport(c, i) => (c, &model[c].action_imports[i]),
            Entry::FunctionImport(c, i) => (c, &model[c].function_imports[i]),
            Entry::EntitySet(..) | Entry::Singleton(..) => continue,
        };
        if let Some(set) = &import.entity_set {
            let name = set.rsplit('/').next().unwrap_or(set);
            if !kept_sets
                .iter()
                .any(|(c, n)| *c == container_id && n == name)
            {
                selection.entries.remove(&entry);
            }
        }
    }
}

/// `ty`, and every type its navigation leads through to the roots, with their base chains:
/// trimmed where the closure does not keep them whole.
fn keep_path_types(
    model: &Model,
    ty: TypeId,
    roots: &[TypeId],
    leading: &HashSet<TypeId>,
    selection: &mut Selection,
) {
    let mut pending = vec![ty];
    let mut seen = HashSet::from([ty]);
    while let Some(ty) = pending.pop() {
        for id in std::iter::once(ty).chain(model.base_types(ty)) {
            if !selection.full.contains(&id) {
                selection.trimmed.insert(id);
            }
        }
        for property in model.all_properties(ty) {
            if !leads_to_root(model, property, roots, leading) {
                continue;
            }
            if let Some(next) = named_type(&model[property].ty) {
                if leading.contains(&next) && seen.insert(next) {
                    pending.push(next);
                }
            }
        }
    }
}

fn imports_kept_operations(import: &OperationImport, selection: &Selection) -> bool {
    !import.overloads.is_empty()
        && import
            .overloads
            .iter()
            .all(|o| selection.operations.contains(o))
}

/// Every property of a whole type, except navigation properties whose target is dropped; of a
/// trimmed type, its key properties and its navigation properties toward the roots.
fn select_properties(
    model: &Model,
    roots: &[TypeId],
    leading: &HashSet<TypeId>,
    selection: &mut Selection,
) {
    for id in &selection.full {
        let Some(structured) = model[*id].structured() else {
            continue;
        };
        for property in &structured.properties {
            let p = &model[*property];
            let kept = match p.kind {
                PropertyKind::Structural => true,
                PropertyKind::Navigation => {
                    named_type(&p.ty).is_some_and(|t| selection.has_type(t))
                }
            };
            if kept {
                selection.properties.insert(*property);
            }
        }
    }
    for id in &selection.trimmed {
        let Some(structured) = model[*id].structured() else {
            continue;
        };
        for property in &structured.properties {
            let p = &model[*property];
            let is_key = structured.key.iter().any(|k| k.name == p.name);
            let toward_roots = leads_to_root(model, *property, roots, leading)
                && named_type(&p.ty).is_some_and(|t| selection.has_type(t));
            if is_key || toward_roots {
                selection.properties.insert(*property);
            }
        }
    }
}

/// Terms declared in the metadata that kept annotations use.
fn select_terms(model: &Model, selection: &mut Selection) {
    let used: Vec<TermId> = model
        .annotations()
        .filter(|(id, a)| selection.keeps_annotation(*id, a))
        .filter_map(|(_, a)| a.term_id)
        .collect();
    selection.terms.extend(used);
}

/// Annotations on kept types, entity sets and singletons whose value holds a path (`Path`,
/// `PropertyPath`, `NavigationPropertyPath`) starting at a property of the annotated type that
/// the slice drops.
fn select_dangling(model: &Model, selection: &mut Selection) {
    for (id, annotation) in model.annotations() {
        let host = match &annotation.target {
            Target::Type(t) => *t,
            Target::EntitySet(c, i) => model[*c].entity_sets[*i].entity_type,
            Target::Singleton(c, i) => model[*c].singletons[*i].ty,
            _ => continue,
        };
        if !selection.keeps(&annotation.target) {
            continue;
        }
        let mut paths = Vec::new();
        collect_paths(&annotation.value, &mut paths);
        let dangles = paths.iter().any(|path| {
            let first = path.split('/').next().unwrap_or(path);
            model
                .find_property(host, first)
                .is_some_and(|p| !selection.properties.contains(&p))
        });
        if dangles {
            selection.dangling.insert(id);
        }
    }
}

fn collect_paths<'v>(value: &'v Value, paths: &mut Vec<&'v str>) {
    match value {
        Value::Path(
            PathKind::Path | PathKind::PropertyPath | PathKind::NavigationPropertyPath,
            path,
        ) => paths.push(path),
        Value::Record(record) => {
            for (_, value) in &record.properties {
                collect_paths(value, paths);
            }
        }
        Value::Collection(items) => {
            for item in items {
                collect_paths(item, paths);
            }
        }
        _ => {}
    }
}
