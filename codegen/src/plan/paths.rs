//! Every (method, path) pair the metadata allows.
//!
//! The rules are those of Microsoft's OData-to-OpenAPI conversion, which derives the OpenAPI
//! description Graph's own SDKs are generated from, with the settings Graph uses: keys as
//! segments, casts only to the derived types a `Validation.DerivedTypeConstraint` lists,
//! operations of the container's namespace unqualified, one level of composable functions.
//! Written from the rules, not from any generated list (docs/design/0005-paths.md).
//!
//! - Roots: each entity set (`/users`, `/users/$count`, `/users/{userId}`, alternate keys
//!   `/applications(appId='{appId}')`) and singleton (`/me`), then action and function imports.
//! - Below an entity: stream properties and `$value`, complex properties that a restriction
//!   annotation opens explicitly, and navigation properties. Only containment is followed
//!   further (each navigation property once per path); a non-contained navigation gives its
//!   collection, item, casts and `$count`, or `$ref` when it is `Referenceable`.
//! - Casts (`/members/microsoft.graph.user`) to the derived types the constraint lists.
//! - Bound actions (POST) and functions (GET, parameters in the path) on every path that
//!   addresses their binding type: entity sets, keyed entities, singletons and contained
//!   navigation; then, after a composable function that returns one entity, that entity's
//!   operations and navigation properties.
//! - Methods from `Capabilities` restrictions: `ReadRestrictions`, `InsertRestrictions`,
//!   `UpdateRestrictions` (with `UpdateMethod`), `DeleteRestrictions`, `NavigationRestrictions`
//!   (`Navigability`, `Referenceable`, `RestrictedProperties`), `CountRestrictions`,
//!   `IndexableByKey`, and `Core.RequiresExplicitBinding` / `ExplicitOperationBindings`.
//!
//! Restrictions are read on entity sets and singletons (falling back to their entity type),
//! entity types, navigation and structural properties. Annotations that target a deeper path
//! into the container (`GraphService/users/manager`) are not read; the official v1.0 metadata
//! has none.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::model::{
    ContainerId, EdmKind, EntityContainer, Model, OperationId, OperationKind, PathKind, PropertyId,
    PropertyKind, Record, Target, TypeDetail, TypeId, TypeKind, TypeTarget, Value,
};

const READ: &str = "Org.OData.Capabilities.V1.ReadRestrictions";
const INSERT: &str = "Org.OData.Capabilities.V1.InsertRestrictions";
const UPDATE: &str = "Org.OData.Capabilities.V1.UpdateRestrictions";
const DELETE: &str = "Org.OData.Capabilities.V1.DeleteRestrictions";
const COUNT: &str = "Org.OData.Capabilities.V1.CountRestrictions";
const NAVIGATION: &str = "Org.OData.Capabilities.V1.NavigationRestrictions";
const FILTER: &str = "Org.OData.Capabilities.V1.FilterRestrictions";
const INDEXABLE_BY_KEY: &str = "Org.OData.Capabilities.V1.IndexableByKey";
const DERIVED_TYPE_CONSTRAINT: &str = "Org.OData.Validation.V1.DerivedTypeConstraint";
const ALTERNATE_KEYS: &str = "Org.OData.Core.V1.AlternateKeys";
const COMMUNITY_ALTERNATE_KEYS: &str = "OData.Community.Keys.V1.AlternateKeys";
const OPTIONAL_PARAMETER: &str = "Org.OData.Core.V1.OptionalParameter";
const REQUIRES_EXPLICIT_BINDING: &str = "Org.OData.Core.V1.RequiresExplicitBinding";
const EXPLICIT_OPERATION_BINDINGS: &str = "Org.OData.Core.V1.ExplicitOperationBindings";

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// One segment of a path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An entity set of the container, by index.
    EntitySet(usize),
    /// A singleton of the container, by index.
    Singleton(usize),
    /// The key of an entity of this type: `/{userId}`.
    Key(TypeId),
    /// An alternate key: `(appId='{appId}')`, as (alias, property) pairs.
    AlternateKey(Vec<(String, String)>),
    /// A navigation property.
    Navigation(PropertyId),
    /// A cast to a derived type: `/microsoft.graph.user`.
    Cast(TypeId),
    /// A structural property of type `Edm.Stream`: `/content`.
    Stream(PropertyId),
    /// A complex-typed structural property.
    Complex(PropertyId),
    /// `$value`: the media of a media entity.
    Value,
    /// `$count`.
    Count,
    /// `$ref`: the reference, not the entity.
    Ref,
    /// A bound action or function.
    Operation(OperationId),
    /// An action or function import of the container, with the imported overload.
    Import(OperationId),
}

/// A path and the methods it answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiPath {
    pub segments: Vec<Segment>,
    /// In [`Method`] order.
    pub methods: Vec<Method>,
    /// What the path's restrictions say beyond which methods it answers.
    pub notes: PathNotes,
}

/// What the `Capabilities` restrictions behind a path say besides its methods.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathNotes {
    /// The `Description` and `LongDescription` of the restriction behind a method (read,
    /// insert, update, delete), as rustdoc paragraphs.
    pub docs: Vec<(Method, Vec<String>)>,
    /// Of a collection: the property paths its `FilterRestrictions` allow in one `eq` clause
    /// (`SingleValue`): each is a lookup (`?$filter=joinWebUrl eq '...'`).
    pub lookups: Vec<String>,
}

impl PathNotes {
    /// The docs of the restriction behind `method`.
    pub fn docs(&self, method: Method) -> &[String] {
        self.docs
            .iter()
            .find(|(m, _)| *m == method)
            .map_or(&[], |(_, docs)| docs)
    }
}

/// A path's parameter: a key property, or a function parameter that goes in the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathParameter {
    /// The name in braces, unique within the path (`userId`, `eventId`, `period`).
    pub name: String,
    /// Written in single quotes (strings, enums, alternate keys): `(period='{period}')`.
    pub quoted: bool,
}

/// Navigation and cast segments one path may hold. The official v1.0 metadata needs 9;
/// containment that nests without end (some sovereign-cloud and beta files) would otherwise
/// make paths without end.
pub const MAX_DEPTH: usize = 10;

/// Paths one model may make; v1.0 makes 11,287. Past this the walk stops, with a warning.
pub const MAX_PATHS: usize = 30_000;

/// The paths of a model, and whether a limit ([`MAX_DEPTH`], [`MAX_PATHS`]) left some out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiPaths {
    pub paths: Vec<ApiPath>,
    pub truncated: bool,
}

/// Every path of the model's first entity container, in a stable order (container order,
/// depth first), each rendered path once. Empty without a container.
pub fn api_paths(model: &Model) -> ApiPaths {
    let Some((container_id, container)) = model.containers().next() else {
        return ApiPaths::default();
    };
    let mut walker = Walker {
        model,
        container_id,
        container,
        paths: Vec::new(),
        seen: HashSet::new(),
        truncated: false,
    };
    walker.sources();
    walker.bound_operations();
    walker.composable_functions();
    walker.imports();
    ApiPaths {
        paths: walker.paths,
        truncated: walker.truncated,
    }
}

impl ApiPath {
    /// The path as Graph's documentation writes it, parameters in braces:
    /// `/users/{userId}/events/{eventId}`, `/reports/getEmailActivityCounts(period='{period}')`.
    pub fn render(&self, model: &Model) -> String {
        self.render_with_parameters(model).0
    }

    /// The path as [`ApiPath::render`] writes it, and its parameters in order, named as there.
    pub fn render_with_parameters(&self, model: &Model) -> (String, Vec<PathParameter>) {
        let mut out = String::new();
        let mut names = ParameterNames::default();
        let container = model.containers().next().map(|(_, c)| c);
        for segment in &self.segments {
            render_segment(model, container, segment, &mut names, &mut out);
        }
        (out, names.parameters)
    }

    /// The entity or complex type the path is about: the one it addresses, or, for a
    /// trailing `$count`, `$ref`, `$value`, stream or bound operation, the one before it.
    pub fn subject_type(&self, model: &Model) -> Option<TypeId> {
        let container = model.containers().next().map(|(_, c)| c)?;
        let mut current = None;
        let last = self.segments.len().saturating_sub(1);
        for (index, segment) in self.segments.iter().enumerate() {
            current = match segment {
                Segment::EntitySet(i) => Some(container.entity_sets[*i].entity_type),
                Segment::Singleton(i) => Some(container.singletons[*i].ty),
                Segment::Key(_) | Segment::AlternateKey(_) => current,
                Segment::Cast(ty) => Some(*ty),
                Segment::Navigation(p) | Segment::Complex(p) => match model[*p].ty.target {
                    TypeTarget::Type(ty) => Some(ty),
                    _ => None,
                },
                Segment::Operation(_) if index == last => current,
                Segment::Operation(op) | Segment::Import(op) => {
                    match model[*op].return_type.as_ref().map(|r| &r.ty.target) {
                        Some(TypeTarget::Type(ty)) => Some(*ty),
                        _ => None,
                    }
                }
                Segment::Stream(_) | Segment::Value | Segment::Count | Segment::Ref => current,
            };
        }
        current
    }
}

/// Unique parameter names within one path: a repeated name gets `2`, `3`, ...
#[derive(Default)]
struct ParameterNames {
    parameters: Vec<PathParameter>,
}

impl ParameterNames {
    fn add(&mut self, base: String, quoted: bool) -> &str {
        let mut name = base.clone();
        let mut n = 1;
        while self.parameters.iter().any(|p| p.name == name) {
            n += 1;
            name = format!("{base}{n}");
        }
        self.parameters.push(PathParameter { name, quoted });
        &self.parameters.last().expect("just pushed").name
    }
}

fn render_segment(
    model: &Model,
    container: Option<&EntityContainer>,
    segment: &Segment,
    names: &mut ParameterNames,
    out: &mut String,
) {
    match segment {
        Segment::EntitySet(i) => {
            out.push('/');
            out.push_str(container.map_or("", |c| &c.entity_sets[*i].name));
        }
        Segment::Singleton(i) => {
            out.push('/');
            out.push_str(container.map_or("", |c| &c.singletons[*i].name));
        }
        Segment::Key(ty) => {
            let key = model.key(*ty);
            let type_name = &model[*ty].name;
            if let [single] = key {
                let base = if single.name == "id" {
                    format!("{type_name}Id")
                } else {
                    single.name.clone()
                };
                let name = names.add(base, false);
                let _ = write!(out, "/{{{name}}}");
            } else {
                // A composite key as a segment: `/k1='{k1}',k2={k2}`.
                out.push('/');
                for (i, part) in key.iter().enumerate() {
                    let quoted = model
                        .find_property(*ty, &part.name)
                        .is_some_and(|p| quoted_type(model, &model[p].ty.target));
                    if i > 0 {
                        out.push(',');
                    }
                    let name = names.add(part.name.clone(), quoted).to_owned();
                    write_argument(out, &part.name, &name, quoted);
                }
            }
        }
        Segment::AlternateKey(parts) => {
            out.push('(');
            for (i, (alias, property)) in parts.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let name = names.add(property.clone(), true).to_owned();
                write_argument(out, alias, &name, true);
            }
            out.push(')');
        }
        Segment::Navigation(p) | Segment::Stream(p) | Segment::Complex(p) => {
            out.push('/');
            out.push_str(&model[*p].name);
        }
        Segment::Cast(ty) => {
            out.push('/');
            out.push_str(&model[*ty].qualified_name);
        }
        Segment::Value => out.push_str("/$value"),
        Segment::Count => out.push_str("/$count"),
        Segment::Ref => out.push_str("/$ref"),
        Segment::Operation(op) => {
            let operation = &model[*op];
            out.push('/');
            let namespace = model.schema(operation.schema).namespace.as_str();
            let container_namespace = container.map(|c| model.schema(c.schema).namespace.as_str());
            if Some(namespace) == container_namespace {
                out.push_str(&operation.name);
            } else {
                out.push_str(&operation.qualified_name);
            }
            if operation.kind == OperationKind::Function {
                write_function_arguments(model, *op, 1, names, out);
            }
        }
        Segment::Import(op) => {
            let operation = &model[*op];
            out.push('/');
            let import = container.and_then(|c| {
                c.action_imports
                    .iter()
                    .chain(&c.function_imports)
                    .find(|i| i.overloads.contains(op))
            });
            out.push_str(import.map_or(&operation.name, |i| &i.name));
            if operation.kind == OperationKind::Function {
                write_function_arguments(model, *op, 0, names, out);
            }
        }
    }
}

/// `name={parameter}` or `name='{parameter}'`.
fn write_argument(out: &mut String, name: &str, parameter: &str, quoted: bool) {
    write_value(out, name, &format!("{{{parameter}}}"), quoted);
}

fn write_value(out: &mut String, name: &str, value: &str, quoted: bool) {
    if quoted {
        let _ = write!(out, "{name}='{value}'");
    } else {
        let _ = write!(out, "{name}={value}");
    }
}

/// `(p1={p1},p2='{p2}')` from the parameters after `skip` (the binding parameter). Optional
/// parameters are written as aliases (`p3=@p3`), whose values go in the query (`?@p3=...`)
/// or are left out.
fn write_function_arguments(
    model: &Model,
    op: OperationId,
    skip: usize,
    names: &mut ParameterNames,
    out: &mut String,
) {
    out.push('(');
    let mut first = true;
    for (index, parameter) in model[op].parameters.iter().enumerate().skip(skip) {
        if !first {
            out.push(',');
        }
        first = false;
        let quoted = !parameter.ty.collection && quoted_type(model, &parameter.ty.target);
        if model
            .annotation(Target::Parameter(op, index), OPTIONAL_PARAMETER)
            .is_some()
        {
            let _ = write!(out, "{0}=@{0}", parameter.name);
            continue;
        }
        let name = names.add(parameter.name.clone(), quoted).to_owned();
        write_argument(out, &parameter.name, &name, quoted);
    }
    out.push(')');
}

/// Strings and enums are written in single quotes in a path.
pub(super) fn quoted_type(model: &Model, target: &TypeTarget) -> bool {
    match target {
        TypeTarget::Primitive(kind) => *kind == EdmKind::String,
        TypeTarget::Type(ty) => match &model[*ty].detail {
            TypeDetail::Enum(_) => true,
            TypeDetail::Definition(definition) => definition.underlying == EdmKind::String,
            _ => false,
        },
        TypeTarget::Unknown(_) => false,
    }
}

/// Where a cast's `DerivedTypeConstraint` is read, and what may follow a single-valued cast.
#[derive(Clone)]
enum CastSource {
    /// An entity set or singleton (falls back to its entity type).
    Source(Target, TypeId),
    /// A navigation property.
    Navigation(PropertyId),
    /// A complex-typed structural property.
    Complex(PropertyId),
}

struct Walker<'m> {
    model: &'m Model,
    container_id: ContainerId,
    container: &'m EntityContainer,
    paths: Vec<ApiPath>,
    /// Rendered paths, so each is added once (the first wins).
    seen: HashSet<String>,
    /// A limit cut the walk short.
    truncated: bool,
}

impl<'m> Walker<'m> {
    /// True once [`MAX_PATHS`] paths are made: the walk stops adding any.
    fn full(&mut self) -> bool {
        if self.paths.len() >= MAX_PATHS {
            self.truncated = true;
        }
        self.truncated && self.paths.len() >= MAX_PATHS
    }

    fn push(&mut self, segments: Vec<Segment>, methods: Vec<Method>) {
        self.push_noted(segments, methods, PathNotes::default());
    }

    fn push_noted(&mut self, segments: Vec<Segment>, methods: Vec<Method>, notes: PathNotes) {
        if methods.is_empty() || self.full() {
            return;
        }
        let path = ApiPath {
            segments,
            methods,
            notes,
        };
        if self.seen.insert(path.render(self.model)) {
            self.paths.push(path);
        }
    }

    /// An operation path; a function named `count` takes the place of `$count` beside it,
    /// since the two would read alike.
    fn push_operation(&mut self, segments: Vec<Segment>, op: OperationId, methods: Vec<Method>) {
        let operation = &self.model[op];
        if operation.kind == OperationKind::Function && operation.name.eq_ignore_ascii_case("count")
        {
            let mut count = segments.clone();
            count.pop();
            count.push(Segment::Count);
            if let Some(index) = self.paths.iter().position(|p| p.segments == count) {
                let removed = self.paths.remove(index);
                self.seen.remove(&removed.render(self.model));
            }
        }
        self.push(segments, methods);
    }

    // ----- annotations -----

    fn record(&self, target: impl Into<Target>, term: &str) -> Option<&'m Record> {
        Value::as_record(&self.model.annotation(target, term)?.value)
    }

    /// A record on a navigation source, else on its entity type.
    fn source_record(&self, source: &Target, ty: TypeId, term: &str) -> Option<&'m Record> {
        self.record(source.clone(), term)
            .or_else(|| self.record(ty, term))
    }

    fn bool_annotation(&self, target: impl Into<Target>, term: &str) -> Option<bool> {
        match &self.model.annotation(target, term)?.value {
            Value::Bool(value) => Some(*value),
            Value::Absent => Some(true),
            _ => None,
        }
    }

    fn root(&self, segments: &[Segment]) -> (Target, TypeId) {
        match segments.first() {
            Some(Segment::Singleton(i)) => (
                Target::Singleton(self.container_id, *i),
                self.container.singletons[*i].ty,
            ),
            Some(Segment::EntitySet(i)) => (
                Target::EntitySet(self.container_id, *i),
                self.container.entity_sets[*i].entity_type,
            ),
            _ => unreachable!("every path below a source starts with it"),
        }
    }

    // ----- roots -----

    fn sources(&mut self) {
        for index in 0..self.container.entity_sets.len() {
            self.entity_set(index);
        }
        for index in 0..self.container.singletons.len() {
            self.singleton(index);
        }
    }

    fn entity_set(&mut self, index: usize) {
        let target = Target::EntitySet(self.container_id, index);
        let ty = self.container.entity_sets[index].entity_type;
        let root = vec![Segment::EntitySet(index)];
        let read = self.source_record(&target, ty, READ);
        let insert = self.source_record(&target, ty, INSERT);
        let mut methods = Vec::new();
        if flag(read, "Readable") != Some(false) {
            methods.push(Method::Get);
        }
        if flag(insert, "Insertable") != Some(false) {
            methods.push(Method::Post);
        }
        let filters = self.source_record(&target, ty, FILTER);
        let notes = path_notes(&methods, filters, |term| {
            self.source_record(&target, ty, term)
        });
        self.push_noted(root.clone(), methods, notes);
        let count = self.source_record(&target, ty, COUNT);
        if flag(count, "Countable") != Some(false) {
            self.push(with(&root, Segment::Count), vec![Method::Get]);
        }
        self.casts(&root, ty, CastSource::Source(target.clone(), ty), true);
        for key in self.alternate_keys(ty) {
            let methods = self.entity_methods(&target, ty);
            self.push(with(&root, Segment::AlternateKey(key)), methods);
        }
        let indexable = self
            .bool_annotation(target.clone(), INDEXABLE_BY_KEY)
            .or_else(|| self.bool_annotation(ty, INDEXABLE_BY_KEY));
        let entity = if indexable == Some(false) {
            root
        } else {
            let entity = with(&root, Segment::Key(ty));
            let methods = self.entity_methods(&target, ty);
            let notes = path_notes(&methods, None, |term| self.source_record(&target, ty, term));
            self.push_noted(entity.clone(), methods, notes);
            self.casts(&entity, ty, CastSource::Source(target, ty), false);
            entity
        };
        self.below_entity(&entity, ty);
    }

    fn singleton(&mut self, index: usize) {
        let target = Target::Singleton(self.container_id, index);
        let ty = self.container.singletons[index].ty;
        let root = vec![Segment::Singleton(index)];
        let mut methods = Vec::new();
        if flag(self.source_record(&target, ty, READ), "Readable") != Some(false) {
            methods.push(Method::Get);
        }
        if flag(self.source_record(&target, ty, UPDATE), "Updatable") != Some(false) {
            methods.push(Method::Patch);
        }
        self.push(root.clone(), methods);
        self.casts(&root, ty, CastSource::Source(target, ty), false);
        self.below_entity(&root, ty);
    }

    /// `GET`, update and `DELETE` of one entity of a set, as its restrictions allow.
    fn entity_methods(&self, source: &Target, ty: TypeId) -> Vec<Method> {
        let mut methods = Vec::new();
        let read = self.source_record(source, ty, READ);
        let by_key = read
            .and_then(|r| Record::member(r, "ReadByKeyRestrictions").and_then(Value::as_record));
        let readable = match (read, by_key) {
            (None, _) => true,
            (Some(read), None) => flag(Some(read), "Readable") != Some(false),
            (Some(_), Some(by_key)) => flag(Some(by_key), "Readable") != Some(false),
        };
        if readable {
            methods.push(Method::Get);
        }
        let update = self.source_record(source, ty, UPDATE);
        if flag(update, "Updatable") != Some(false) {
            methods.extend(update_methods(update));
        }
        if flag(self.source_record(source, ty, DELETE), "Deletable") != Some(false) {
            methods.push(Method::Delete);
        }
        methods.sort();
        methods
    }

    /// Alternate keys of an entity type (or its nearest base with any), as (alias, property).
    fn alternate_keys(&self, ty: TypeId) -> Vec<Vec<(String, String)>> {
        for candidate in std::iter::once(ty).chain(self.model.base_types(ty)) {
            let mut keys = Vec::new();
            for term in [COMMUNITY_ALTERNATE_KEYS, ALTERNATE_KEYS] {
                let Some(Value::Collection(entries)) =
                    self.model.annotation(candidate, term).map(|a| &a.value)
                else {
                    continue;
                };
                for entry in entries.iter().filter_map(Value::as_record) {
                    let Some(Value::Collection(parts)) = Record::member(entry, "Key") else {
                        continue;
                    };
                    let key: Vec<(String, String)> = parts
                        .iter()
                        .filter_map(Value::as_record)
                        .filter_map(|part| {
                            let property = match Record::member(part, "Name")? {
                                Value::Path(_, path) | Value::String(path) => {
                                    path.split('/').next().unwrap_or(path).to_owned()
                                }
                                _ => return None,
                            };
                            let alias = Record::member(part, "Alias")
                                .and_then(Value::as_str)
                                .map_or_else(|| property.clone(), str::to_owned);
                            Some((alias, property))
                        })
                        .collect();
                    if !key.is_empty() {
                        keys.push(key);
                    }
                }
            }
            if !keys.is_empty() {
                return keys;
            }
        }
        Vec::new()
    }

    // ----- below an entity -----

    /// Streams, complex properties and navigation properties of an entity at `path`.
    fn below_entity(&mut self, path: &[Segment], ty: TypeId) {
        self.media(path, ty);
        self.complex_properties(path, ty);
        for property in self.navigation_properties(ty) {
            self.navigation(path, property, None, &mut Vec::new());
        }
    }

    fn navigation_properties(&self, ty: TypeId) -> Vec<PropertyId> {
        self.model
            .all_properties(ty)
            .into_iter()
            .filter(|p| self.model[*p].kind == PropertyKind::Navigation)
            .collect()
    }

    /// Stream properties (`/photo`, `/content`) and, for a media entity, `$value`.
    fn media(&mut self, path: &[Segment], ty: TypeId) {
        let (source, root_type) = self.root(path);
        let mut methods = vec![Method::Get];
        let update = self.source_record(&source, root_type, UPDATE);
        if flag(update, "Updatable") != Some(false) {
            methods.push(Method::Put);
        }
        if flag(self.source_record(&source, root_type, DELETE), "Deletable") != Some(false) {
            methods.push(Method::Delete);
        }
        let properties = self.model.all_properties(ty);
        for property in &properties {
            let p = &self.model[*property];
            if p.kind == PropertyKind::Structural
                && p.ty.target == TypeTarget::Primitive(EdmKind::Stream)
            {
                self.push(with(path, Segment::Stream(*property)), methods.clone());
            }
        }
        let has_content = properties
            .iter()
            .any(|p| self.model[*p].name.eq_ignore_ascii_case("content"));
        let has_stream = |ty: TypeId| self.model[ty].structured().is_some_and(|s| s.has_stream);
        let base = self.model[ty].structured().and_then(|s| s.base);
        if !has_content && (has_stream(ty) || base.is_some_and(has_stream)) {
            self.push(with(path, Segment::Value), methods);
        }
    }

    /// Complex properties that a restriction annotation opens explicitly.
    fn complex_properties(&mut self, path: &[Segment], ty: TypeId) {
        for property in self.model.all_properties(ty) {
            let p = &self.model[property];
            let TypeTarget::Type(complex) = p.ty.target else {
                continue;
            };
            if p.kind != PropertyKind::Structural || self.model[complex].kind() != TypeKind::Complex
            {
                continue;
            }
            let readable = flag(self.record(property, READ), "Readable") == Some(true);
            let update = self.record(property, UPDATE);
            let updatable = flag(update, "Updatable") == Some(true);
            let insertable = flag(self.record(property, INSERT), "Insertable") == Some(true);
            if !(readable || updatable || insertable) {
                continue;
            }
            let mut methods = Vec::new();
            if readable {
                methods.push(Method::Get);
            }
            if updatable {
                methods.extend(update_methods(update));
            }
            if insertable && p.ty.collection {
                methods.push(Method::Post);
            }
            methods.sort();
            let here = with(path, Segment::Complex(property));
            self.push(here.clone(), methods);
            let collection = p.ty.collection;
            self.casts(&here, complex, CastSource::Complex(property), collection);
            if collection {
                if flag(self.record(property, COUNT), "Countable") != Some(false) {
                    self.push(with(&here, Segment::Count), vec![Method::Get]);
                }
            } else {
                for navigation in self.navigation_properties(complex) {
                    self.navigation(&here, navigation, None, &mut Vec::new());
                }
            }
        }
    }

    /// Casts of the value at `path` (of type `ty`) to the derived types the constraint lists.
    fn casts(&mut self, path: &[Segment], ty: TypeId, source: CastSource, targets_many: bool) {
        let constraint = match &source {
            CastSource::Source(target, entity) => self
                .model
                .annotation(target.clone(), DERIVED_TYPE_CONSTRAINT)
                .or_else(|| self.model.annotation(*entity, DERIVED_TYPE_CONSTRAINT)),
            CastSource::Navigation(p) | CastSource::Complex(p) => {
                self.model.annotation(*p, DERIVED_TYPE_CONSTRAINT)
            }
        };
        let Some(Value::Collection(allowed)) = constraint.map(|a| &a.value) else {
            return;
        };
        let allowed: HashSet<&str> = allowed.iter().filter_map(Value::as_str).collect();
        for derived in self.model.derived_types(ty) {
            let name = self.model[derived].qualified_name.as_str();
            if !allowed.contains(name) || path.contains(&Segment::Cast(derived)) {
                continue;
            }
            let here = with(path, Segment::Cast(derived));
            self.push(here.clone(), vec![Method::Get]);
            if targets_many {
                self.push(with(&here, Segment::Count), vec![Method::Get]);
                continue;
            }
            if matches!(source, CastSource::Navigation(p) if !self.model[p].contains_target) {
                continue;
            }
            for navigation in self.navigation_properties(derived) {
                self.navigation(&here, navigation, None, &mut Vec::new());
            }
            if self.model[derived].kind() == TypeKind::Entity {
                self.complex_properties(&here, derived);
            }
        }
    }

    /// The paths through navigation property `property` below `path`: the property, its
    /// `$count`, casts, keys, `$ref`, and, for containment, everything below its target.
    fn navigation(
        &mut self,
        path: &[Segment],
        property: PropertyId,
        count: Option<&'m Record>,
        visited: &mut Vec<PropertyId>,
    ) {
        if visited.contains(&property) || self.full() {
            return;
        }
        let depth = path
            .iter()
            .filter(|s| matches!(s, Segment::Navigation(_) | Segment::Cast(_)))
            .count();
        if depth >= MAX_DEPTH {
            self.truncated = true;
            return;
        }
        let model = self.model;
        let p = &model[property];
        let TypeTarget::Type(target) = p.ty.target else {
            return;
        };
        let (source, root_type) = self.root(path);
        let source_restrictions = self.source_record(&source, root_type, NAVIGATION);
        let property_restrictions = self.record(property, NAVIGATION);
        let nav_path = navigation_path(model, path, property);
        let restricted = self.restricted(source_restrictions, property_restrictions, &nav_path);
        if !allows(source_restrictions, restricted) || !allows(property_restrictions, restricted) {
            return;
        }
        let here = with(path, Segment::Navigation(property));
        let methods = self.navigation_methods(property, target, restricted, false);
        let own = |term: &str| self.own_restriction(property, restricted, term);
        let filters = p.ty.collection.then(|| own(FILTER)).flatten();
        let notes = path_notes(&methods, filters, own);
        self.push_noted(here.clone(), methods, notes);

        let indexable = restricted
            .and_then(|r| flag(Some(r), "IndexableByKey"))
            .or_else(|| self.bool_annotation(property, INDEXABLE_BY_KEY))
            .unwrap_or(true);
        if !indexable {
            return;
        }
        let collection = p.ty.collection;
        let mut count = count;
        if collection {
            let mut create = None;
            if count.is_none() {
                count = self.record(property, COUNT);
                create = flag(count, "Countable");
            }
            let create = create.unwrap_or_else(|| match &p.partner {
                None => true,
                Some(partner) => count.is_none_or(|count| {
                    // As the conversion does: a partner listed as non-countable allows it.
                    matches!(Record::member(count, "NonCountableNavigationProperties"),
                        Some(Value::Collection(paths)) if paths.iter().any(|v| matches!(v,
                            Value::Path(_, path) if path == partner)))
                }),
            });
            if create {
                self.push(with(&here, Segment::Count), vec![Method::Get]);
            }
        }
        self.casts(&here, target, CastSource::Navigation(property), collection);

        let referenceable = [source_restrictions, property_restrictions]
            .iter()
            .any(|r| flag(*r, "Referenceable") == Some(true));
        if referenceable {
            let read = flag(self.source_record(&source, root_type, READ), "Readable");
            let mut methods = Vec::new();
            if read != Some(false) {
                methods.push(Method::Get);
            }
            if collection {
                methods.push(Method::Post);
            } else {
                methods.push(Method::Put);
            }
            methods.push(Method::Delete);
            methods.sort();
            self.push(with(&here, Segment::Ref), methods);
            let item = if collection {
                let item = with(&here, Segment::Key(target));
                self.push(with(&item, Segment::Ref), vec![Method::Delete]);
                self.casts(&item, target, CastSource::Navigation(property), false);
                item
            } else {
                here
            };
            self.media(&item, target);
            self.complex_properties(&item, target);
            return;
        }
        let item = if collection {
            for key in self.alternate_keys(target) {
                let keyed = with(&here, Segment::AlternateKey(key));
                let methods = self.navigation_methods(property, target, restricted, true);
                self.push(keyed, methods);
            }
            let item = with(&here, Segment::Key(target));
            let methods = self.navigation_methods(property, target, restricted, true);
            let notes = path_notes(&methods, None, |term| {
                self.own_restriction(property, restricted, term)
            });
            self.push_noted(item.clone(), methods, notes);
            self.casts(&item, target, CastSource::Navigation(property), false);
            item
        } else {
            here
        };
        self.media(&item, target);
        self.complex_properties(&item, target);
        if p.contains_target {
            visited.push(property);
            for next in self.navigation_properties(target) {
                self.navigation(&item, next, count, visited);
            }
            visited.pop();
        }
    }

    /// The `RestrictedProperties` entry for a navigation path (`nav1/nav2`) in the source's
    /// restrictions, else the first entry annotated on the property itself.
    fn restricted(
        &self,
        source: Option<&'m Record>,
        property: Option<&'m Record>,
        nav_path: &str,
    ) -> Option<&'m Record> {
        let entries = |record: Option<&'m Record>| -> &'m [Value] {
            match record.and_then(|r| Record::member(r, "RestrictedProperties")) {
                Some(Value::Collection(entries)) => entries,
                _ => &[],
            }
        };
        entries(source)
            .iter()
            .filter_map(Value::as_record)
            .find(|entry| {
                matches!(Record::member(entry, "NavigationProperty"),
                    Some(Value::Path(PathKind::NavigationPropertyPath, path)) if path == nav_path)
            })
            .or_else(|| entries(property).iter().find_map(Value::as_record))
    }

    /// A navigation's own restriction of `term`: in its `RestrictedProperties` entry, else
    /// annotated on the property.
    fn own_restriction(
        &self,
        property: PropertyId,
        restricted: Option<&'m Record>,
        term: &str,
    ) -> Option<&'m Record> {
        let member = term.rsplit('.').next().unwrap_or(term);
        restricted
            .and_then(|r| Record::member(r, member).and_then(Value::as_record))
            .or_else(|| self.record(property, term))
    }

    /// The methods of a navigation path, `keyed` when it ends in a key of a collection.
    fn navigation_methods(
        &self,
        property: PropertyId,
        target: TypeId,
        restricted: Option<&'m Record>,
        keyed: bool,
    ) -> Vec<Method> {
        let p = &self.model[property];
        let own = |term: &str| self.own_restriction(property, restricted, term);
        let target_record = |term: &str| self.record(target, term);
        let mut methods = Vec::new();

        let nav_read = own(READ);
        let type_read = target_record(READ);
        let readable = if nav_read.is_none() && type_read.is_none() {
            true
        } else if p.ty.collection && keyed {
            let by_key = nav_read.and_then(|r| {
                Record::member(r, "ReadByKeyRestrictions").and_then(Value::as_record)
            });
            flag(by_key, "Readable") != Some(false) && flag(type_read, "Readable") != Some(false)
        } else {
            flag(nav_read, "Readable") != Some(false) && flag(type_read, "Readable") != Some(false)
        };
        if readable {
            methods.push(Method::Get);
        }

        let nav_insert = own(INSERT);
        let nav_update = own(UPDATE);
        let nav_delete = own(DELETE);
        let ends_in_collection = p.ty.collection && !keyed;
        if p.contains_target {
            if ends_in_collection {
                if flag(target_record(INSERT), "Insertable") != Some(false)
                    && flag(nav_insert, "Insertable") != Some(false)
                {
                    methods.push(Method::Post);
                }
            } else {
                let type_update = target_record(UPDATE);
                if flag(type_update, "Updatable") != Some(false)
                    && flag(nav_update, "Updatable") != Some(false)
                {
                    methods.extend(update_methods(nav_update.or(type_update)));
                }
            }
            if !ends_in_collection
                && ((flag(nav_delete, "Deletable") != Some(false)
                    && flag(target_record(DELETE), "Deletable") != Some(false))
                    || flag(nav_delete, "Deletable") == Some(true))
            {
                methods.push(Method::Delete);
            }
        } else {
            if ends_in_collection {
                if flag(nav_insert, "Insertable") == Some(true) {
                    methods.push(Method::Post);
                }
            } else if flag(nav_update, "Updatable") == Some(true) {
                methods.extend(update_methods(nav_update));
            }
            if !ends_in_collection && flag(nav_delete, "Deletable") == Some(true) {
                methods.push(Method::Delete);
            }
        }
        methods.sort();
        methods.dedup();
        methods
    }

    // ----- operations -----

    /// Bound actions and functions appended to every path that addresses their binding type.
    fn bound_operations(&mut self) {
        let model = self.model;
        // (entity type, collection) -> paths an operation bound to it may follow.
        let mut at: HashMap<(TypeId, bool), Vec<usize>> = HashMap::new();
        for (index, path) in self.paths.iter().enumerate() {
            if let Some(slot) = self.binding_slot(path) {
                at.entry(slot).or_default().push(index);
            }
        }
        let mut new_paths = Vec::new();
        for (op, operation) in model.operations() {
            let Some(binding) = operation.binding() else {
                continue;
            };
            let TypeTarget::Type(bound) = binding.target else {
                continue;
            };
            if model[bound].kind() != TypeKind::Entity {
                continue;
            }
            let mut types = vec![bound];
            let derived: HashSet<TypeId> = model.derived_types(bound).into_iter().collect();
            for ty in self
                .container
                .entity_sets
                .iter()
                .map(|s| s.entity_type)
                .chain(self.container.singletons.iter().map(|s| s.ty))
            {
                if derived.contains(&ty) && !types.contains(&ty) {
                    types.push(ty);
                }
            }
            for ty in types {
                for &index in at.get(&(ty, binding.collection)).into_iter().flatten() {
                    if self.paths.len() + new_paths.len() >= MAX_PATHS {
                        self.truncated = true;
                        break;
                    }
                    let path = &self.paths[index];
                    if self.operation_allowed(op, path) {
                        new_paths.push((with(&path.segments, Segment::Operation(op)), op));
                    }
                }
            }
        }
        for (segments, op) in new_paths {
            let methods = vec![operation_method(model, op)];
            self.push_operation(segments, op, methods);
        }
    }

    /// The (entity type, collection) an operation appended to `path` would bind to, for
    /// the paths operations may follow: a set, a keyed entity, a singleton, or navigation.
    fn binding_slot(&self, path: &ApiPath) -> Option<(TypeId, bool)> {
        match path.segments.as_slice() {
            [Segment::EntitySet(i)] => Some((self.container.entity_sets[*i].entity_type, true)),
            [Segment::EntitySet(i), Segment::Key(_)] => {
                Some((self.container.entity_sets[*i].entity_type, false))
            }
            [Segment::Singleton(i)] => Some((self.container.singletons[*i].ty, false)),
            segments => {
                let last = segments.last()?;
                let navigation = segments.iter().rev().find_map(|s| match s {
                    Segment::Navigation(p) => Some(*p),
                    _ => None,
                })?;
                if segments.iter().any(|s| {
                    matches!(
                        s,
                        Segment::Ref
                            | Segment::Count
                            | Segment::Value
                            | Segment::Stream(_)
                            | Segment::Operation(_)
                            | Segment::Import(_)
                    )
                }) {
                    return None;
                }
                let p = &self.model[navigation];
                let TypeTarget::Type(target) = p.ty.target else {
                    return None;
                };
                match last {
                    Segment::Key(_) | Segment::AlternateKey(_) => Some((target, false)),
                    Segment::Navigation(_) => Some((target, p.ty.collection)),
                    _ => None,
                }
            }
        }
    }

    /// `Core.RequiresExplicitBinding`: such an operation follows only the sources and
    /// navigation properties whose `ExplicitOperationBindings` list it; otherwise operations
    /// follow sources and keys always, and navigation only through containment.
    fn operation_allowed(&self, op: OperationId, path: &ApiPath) -> bool {
        let model = self.model;
        let explicit = model
            .annotation(Target::Operation(op), REQUIRES_EXPLICIT_BINDING)
            .is_some();
        let listed = |target: Target| {
            matches!(model.annotation(target, EXPLICIT_OPERATION_BINDINGS).map(|a| &a.value),
                Some(Value::Collection(names)) if names.iter().any(|n| n.as_str() == Some(&model[op].qualified_name)))
        };
        let navigation = path.segments.iter().rev().find_map(|s| match s {
            Segment::Navigation(p) => Some(*p),
            _ => None,
        });
        match navigation {
            Some(p) if explicit => listed(Target::Property(p)),
            Some(p) => model[p].contains_target,
            None if !explicit => true,
            None => {
                let (source, ty) = self.root(&path.segments);
                listed(source)
                    || std::iter::once(ty)
                        .chain(model.base_types(ty))
                        .any(|ty| listed(Target::Type(ty)))
            }
        }
    }

    /// After a composable function returning one entity: that entity's (single-bound)
    /// operations and its navigation properties, one level deep.
    fn composable_functions(&mut self) {
        let model = self.model;
        let composable: Vec<(Vec<Segment>, OperationId, TypeId)> = self
            .paths
            .iter()
            .filter_map(|path| {
                let (Segment::Operation(f), before) = path.segments.split_last()? else {
                    return None;
                };
                let function = &model[*f];
                if !function.is_composable
                    || function.kind != OperationKind::Function
                    || matches!(before.last(), Some(Segment::Operation(_)))
                {
                    return None;
                }
                let returns = function.return_type.as_ref()?;
                match returns.ty.target {
                    TypeTarget::Type(ty)
                        if !returns.ty.collection && model[ty].kind() == TypeKind::Entity =>
                    {
                        Some((path.segments.clone(), *f, ty))
                    }
                    _ => None,
                }
            })
            .collect();
        for (segments, function, returned) in composable {
            let mut operations: Vec<OperationId> = model.bound_operations(returned).collect();
            operations.retain(|op| {
                let operation = &model[*op];
                operation.binding().is_some_and(|b| !b.collection)
                    && operation.name != model[function].name
            });
            for op in operations {
                let explicit = model
                    .annotation(Target::Operation(op), REQUIRES_EXPLICIT_BINDING)
                    .is_some();
                if explicit {
                    continue;
                }
                self.push_operation(
                    with(&segments, Segment::Operation(op)),
                    op,
                    vec![operation_method(model, op)],
                );
            }
            for property in self.navigation_properties(returned) {
                let TypeTarget::Type(target) = model[property].ty.target else {
                    continue;
                };
                let here = with(&segments, Segment::Navigation(property));
                let methods = self.navigation_methods(property, target, None, false);
                self.push(here, methods);
            }
        }
    }

    /// Action imports (POST) and function imports (GET, parameters in the path).
    fn imports(&mut self) {
        let model = self.model;
        for import in &self.container.action_imports {
            for op in &import.overloads {
                self.push(vec![Segment::Import(*op)], vec![Method::Post]);
            }
        }
        for (index, import) in self.container.function_imports.iter().enumerate() {
            let target = Target::FunctionImport(self.container_id, index);
            if flag(self.record(target, READ), "Readable") == Some(false) {
                continue;
            }
            for op in &import.overloads {
                if model[*op].kind == OperationKind::Function {
                    self.push(vec![Segment::Import(*op)], vec![Method::Get]);
                }
            }
        }
    }
}

fn operation_method(model: &Model, op: OperationId) -> Method {
    match model[op].kind {
        OperationKind::Action => Method::Post,
        OperationKind::Function => Method::Get,
    }
}

/// `UpdateMethod` of an update restriction: PATCH unless it names PUT (or both).
/// The notes of a path that answers `methods`: each method's restriction (found by term with
/// `restriction`) gives its docs; `filters`, a `FilterRestrictions` record, the lookups.
fn path_notes<'m>(
    methods: &[Method],
    filters: Option<&'m Record>,
    restriction: impl Fn(&str) -> Option<&'m Record>,
) -> PathNotes {
    let docs = methods
        .iter()
        .filter_map(|&method| {
            let term = match method {
                Method::Get => READ,
                Method::Post => INSERT,
                Method::Put | Method::Patch => UPDATE,
                Method::Delete => DELETE,
            };
            let record = restriction(term)?;
            let docs: Vec<String> = ["Description", "LongDescription"]
                .iter()
                .filter_map(|name| Record::member(record, name).and_then(Value::as_str))
                .map(str::to_owned)
                .collect();
            (!docs.is_empty()).then_some((method, docs))
        })
        .collect();
    PathNotes {
        docs,
        lookups: single_value_filters(filters),
    }
}

/// The property paths a `FilterRestrictions` record allows in one `eq` clause.
fn single_value_filters(filters: Option<&Record>) -> Vec<String> {
    let Some(Value::Collection(entries)) =
        filters.and_then(|r| Record::member(r, "FilterExpressionRestrictions"))
    else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(Value::as_record)
        .filter(|entry| {
            Record::member(entry, "AllowedExpressions").and_then(Value::as_str)
                == Some("SingleValue")
        })
        .filter_map(|entry| match Record::member(entry, "Property") {
            Some(Value::Path(PathKind::PropertyPath, path)) => Some(path.clone()),
            _ => None,
        })
        .collect()
}

fn update_methods(update: Option<&Record>) -> Vec<Method> {
    let names: Vec<String> = match update.and_then(|r| Record::member(r, "UpdateMethod")) {
        Some(Value::EnumMember(members)) => members.clone(),
        _ => Vec::new(),
    };
    let put = names.iter().any(|m| m.ends_with("/PUT"));
    let patch = names.iter().any(|m| m.ends_with("/PATCH"));
    match (put, patch) {
        (true, true) => vec![Method::Put, Method::Patch],
        (true, false) => vec![Method::Put],
        _ => vec![Method::Patch],
    }
}

/// The navigation property names of a path and `property`, joined by `/` (`nav1/nav2`).
fn navigation_path(model: &Model, path: &[Segment], property: PropertyId) -> String {
    let mut out = String::new();
    for segment in path {
        if let Segment::Navigation(p) = segment {
            out.push_str(&model[*p].name);
            out.push('/');
        }
    }
    out.push_str(&model[property].name);
    out
}

/// `Navigability` of `None` (in the entry, else in the record) hides a navigation property.
fn allows(record: Option<&Record>, restricted: Option<&Record>) -> bool {
    let none = |r: Option<&Record>| {
        matches!(r.and_then(|r| Record::member(r, "Navigability")),
            Some(Value::EnumMember(m)) if m.iter().any(|m| m.ends_with("/None")))
    };
    let set = restricted.is_some_and(|r| Record::member(r, "Navigability").is_some());
    if none(restricted) {
        return false;
    }
    set || !none(record)
}

fn with(path: &[Segment], segment: Segment) -> Vec<Segment> {
    let mut out = Vec::with_capacity(path.len() + 1);
    out.extend_from_slice(path);
    out.push(segment);
    out
}

fn flag(record: Option<&Record>, name: &str) -> Option<bool> {
    match Record::member(record?, name)? {
        Value::Bool(value) => Some(*value),
        _ => None,
    }
}
