//! Prunes a syntax tree to a [`Selection`]: what is kept is written exactly as it was read
//! (names as written, aliases, inline annotations, document order).

use std::collections::{HashMap, HashSet};

use super::select::{Entry, Selection};
use crate::csdl::{
    Annotation, AnnotationsBlock, Binding, ContainerItem, Document, EntityContainer, Format,
    Position, Schema, SchemaItem, StructuredType,
};
use crate::model::{ContainerId, Model, Target, TypeId};

/// A copy of `doc` holding only what `selection` keeps. `doc` must be the (only) document
/// `model` was resolved from.
pub fn prune(doc: &Document, model: &Model, selection: &Selection) -> Document {
    let (dangling, out_of_line) = annotation_positions(model, selection);
    let schemas = doc
        .schemas
        .iter()
        .filter_map(|schema| {
            let pruner = Pruner {
                model,
                selection,
                schema,
                out_of_line: &out_of_line,
                dangling: &dangling,
            };
            let items: Vec<SchemaItem> = schema
                .items
                .iter()
                .filter_map(|item| pruner.item(item))
                .collect();
            (!items.is_empty()).then(|| Schema {
                namespace: schema.namespace.clone(),
                alias: schema.alias.clone(),
                items,
                annotations: schema.annotations.clone(),
                pos: schema.pos,
            })
        })
        .collect();
    Document {
        file: doc.file.clone(),
        format: Format::Xml,
        version: doc.version.clone(),
        references: doc.references.clone(),
        schemas,
        warnings: Vec::new(),
    }
}

/// Where an annotation is written: line and column. Ties syntax annotations to model ones
/// (the slice reads a single document, so positions are unique).
type Spot = (u32, u32);

/// The position of every annotation the slice drops although its target is kept (it
/// dangles); the target of each out-of-line annotation, by position.
fn annotation_positions<'m>(
    model: &'m Model,
    selection: &Selection,
) -> (HashSet<Spot>, HashMap<Spot, &'m Target>) {
    let dangling = selection
        .dangling
        .iter()
        .map(|id| (model[*id].pos.line, model[*id].pos.column))
        .collect();
    let out_of_line = model
        .annotations()
        .filter(|(_, a)| !a.inline)
        .map(|(_, a)| ((a.pos.line, a.pos.column), &a.target))
        .collect();
    (dangling, out_of_line)
}

struct Pruner<'a> {
    model: &'a Model,
    selection: &'a Selection,
    schema: &'a Schema,
    out_of_line: &'a HashMap<Spot, &'a Target>,
    dangling: &'a HashSet<Spot>,
}

impl Pruner<'_> {
    fn qualified(&self, name: &str) -> String {
        format!("{}.{name}", self.schema.namespace)
    }

    fn kept_type(&self, name: &str) -> Option<TypeId> {
        self.model
            .find_type(&self.qualified(name))
            .filter(|id| self.selection.has_type(*id))
    }

    /// `list` without the annotations that dangle.
    fn annotations(&self, list: &[Annotation]) -> Vec<Annotation> {
        list.iter()
            .filter(|a| !self.dangling.contains(&(a.pos.line, a.pos.column)))
            .cloned()
            .collect()
    }

    fn item(&self, item: &SchemaItem) -> Option<SchemaItem> {
        match item {
            SchemaItem::EntityType(t) => self.structured(t).map(SchemaItem::EntityType),
            SchemaItem::ComplexType(t) => self.structured(t).map(SchemaItem::ComplexType),
            SchemaItem::EnumType(t) => self.kept_type(&t.name).map(|_| item.clone()),
            SchemaItem::TypeDefinition(t) => self.kept_type(&t.name).map(|_| item.clone()),
            SchemaItem::Action(o) | SchemaItem::Function(o) => {
                let kept = self
                    .model
                    .find_operations(&self.qualified(&o.name))
                    .iter()
                    .filter(|id| self.selection.operations.contains(id))
                    .any(|id| same_position(self.model[*id].pos, o.pos));
                kept.then(|| item.clone())
            }
            SchemaItem::Term(t) => self
                .model
                .find_term(&self.qualified(&t.name))
                .filter(|id| self.selection.terms.contains(id))
                .map(|_| item.clone()),
            SchemaItem::EntityContainer(c) => self.container(c).map(SchemaItem::EntityContainer),
            SchemaItem::Annotations(block) => {
                let first = block.annotations.first()?;
                let target = self.out_of_line.get(&(first.pos.line, first.pos.column))?;
                let annotations = self.annotations(&block.annotations);
                let kept = self.selection.keeps(target) && !annotations.is_empty();
                kept.then(|| {
                    SchemaItem::Annotations(AnnotationsBlock {
                        annotations,
                        ..block.clone()
                    })
                })
            }
        }
    }

    fn structured(&self, t: &StructuredType) -> Option<StructuredType> {
        let id = self.kept_type(&t.name)?;
        let declared = self.model[id].structured()?;
        let properties =
            t.properties
                .iter()
                .filter(|p| {
                    declared.properties.iter().any(|d| {
                        self.model[*d].name == p.name && self.selection.properties.contains(d)
                    })
                })
                .cloned()
                .collect();
        Some(StructuredType {
            properties,
            annotations: self.annotations(&t.annotations),
            ..t.clone()
        })
    }

    fn container(&self, c: &EntityContainer) -> Option<EntityContainer> {
        let (id, _) = self
            .model
            .containers()
            .find(|(_, m)| m.qualified_name == self.qualified(&c.name))?;
        if !self.selection.containers.contains(&id) {
            return None;
        }
        let (mut sets, mut singletons, mut actions, mut functions) = (0, 0, 0, 0);
        let mut items = Vec::new();
        for item in &c.items {
            let next = |counter: &mut usize| {
                *counter += 1;
                *counter - 1
            };
            let entry = match item {
                ContainerItem::EntitySet(_) => Entry::EntitySet(id, next(&mut sets)),
                ContainerItem::Singleton(_) => Entry::Singleton(id, next(&mut singletons)),
                ContainerItem::ActionImport(_) => Entry::ActionImport(id, next(&mut actions)),
                ContainerItem::FunctionImport(_) => Entry::FunctionImport(id, next(&mut functions)),
            };
            if !self.selection.entries.contains(&entry) {
                continue;
            }
            items.push(match item {
                ContainerItem::EntitySet(set) => {
                    let ty = self.model[id].entity_sets[index(entry)].entity_type;
                    let mut set = set.clone();
                    set.bindings = self.bindings(id, ty, &set.bindings);
                    set.annotations = self.annotations(&set.annotations);
                    ContainerItem::EntitySet(set)
                }
                ContainerItem::Singleton(single) => {
                    let ty = self.model[id].singletons[index(entry)].ty;
                    let mut single = single.clone();
                    single.bindings = self.bindings(id, ty, &single.bindings);
                    single.annotations = self.annotations(&single.annotations);
                    ContainerItem::Singleton(single)
                }
                other => other.clone(),
            });
        }
        Some(EntityContainer { items, ..c.clone() })
    }

    /// The bindings whose navigation property and target entity set or singleton are kept.
    fn bindings(&self, container: ContainerId, ty: TypeId, bindings: &[Binding]) -> Vec<Binding> {
        let kept_entry_names: Vec<&str> = self
            .selection
            .entries
            .iter()
            .filter_map(|entry| match *entry {
                Entry::EntitySet(c, i) if c == container => {
                    Some(self.model[c].entity_sets[i].name.as_str())
                }
                Entry::Singleton(c, i) if c == container => {
                    Some(self.model[c].singletons[i].name.as_str())
                }
                _ => None,
            })
            .collect();
        bindings
            .iter()
            .filter(|b| {
                let property = b.path.rsplit('/').next().unwrap_or(&b.path);
                let target = b.target.rsplit('/').next().unwrap_or(&b.target);
                let property_kept = self
                    .model
                    .find_property(ty, property)
                    .is_some_and(|p| self.selection.properties.contains(&p));
                property_kept && kept_entry_names.contains(&target)
            })
            .cloned()
            .collect()
    }
}

fn index(entry: Entry) -> usize {
    match entry {
        Entry::EntitySet(_, i)
        | Entry::Singleton(_, i)
        | Entry::ActionImport(_, i)
        | Entry::FunctionImport(_, i) => i,
    }
}

fn same_position(model: crate::model::SourcePos, syntax: Position) -> bool {
    model.line == syntax.line && model.column == syntax.column
}
