//! Resolution: syntax trees in, one [`Model`] out.
//!
//! Two passes: the first declares every named element (so references may point forward and
//! across documents), the second resolves references and attaches annotations.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use smallvec::SmallVec;

use super::*;
use crate::csdl::{self, Document, Position, SchemaItem, TypeName};

type Result<T> = std::result::Result<T, Diagnostic>;

/// The deepest `BaseType` chain accepted. Graph's deepest is far below; the bound keeps
/// resolution and generation (which repeats inherited properties) linear on hostile input.
pub const MAX_BASE_DEPTH: usize = 32;

/// Resolves documents it owns, so names and annotation values move into the model instead
/// of being copied.
pub(super) fn resolve(
    mut docs: Vec<Document>,
    references: Vec<Document>,
) -> Result<(Model, Vec<Warning>)> {
    let main_files = docs.len();
    docs.extend(references);
    let read_leniently: Vec<Warning> = docs
        .iter_mut()
        .flat_map(|d| std::mem::take(&mut d.warnings))
        .collect();
    let mut r = Resolver::new(docs);
    r.model.main_files = main_files;
    r.warnings.extend(read_leniently);
    r.declare()?;
    r.resolve_types()?;
    r.check_base_cycles()?;
    r.check_inherited_names();
    r.resolve_operations()?;
    r.resolve_terms()?;
    r.resolve_containers()?;
    r.attach_out_of_line_annotations()?;
    r.type_constants();
    Ok((r.model, r.warnings))
}

/// Names visible in one document: its aliases and the namespaces it may refer to.
struct Scope {
    /// Alias -> namespace.
    aliases: HashMap<String, String>,
    /// Namespaces referenced with `<edmx:Include>` (and the standard vocabularies): names in
    /// them resolve to [`TypeTarget::Unknown`] when not loaded.
    referenced: HashSet<String>,
}

/// An operation found in the first pass, resolved in the second.
struct PendingOperation {
    doc: usize,
    schema: SchemaId,
    item: usize,
}

struct Resolver {
    /// The syntax trees; a pass that moves strings out takes them (`mem::take`) and puts them
    /// back, so that `self` stays free to borrow.
    docs: Vec<Document>,
    model: Model,
    warnings: Vec<Warning>,
    scopes: Vec<Scope>,
    /// Every namespace declared by a loaded schema.
    namespaces: HashSet<String>,
    /// (document, schema index in document) -> schema id.
    schema_ids: Vec<Vec<SchemaId>>,
    /// Type id -> where its syntax lives: (document, schema index, item index).
    type_sources: Vec<(usize, usize, usize)>,
    operations: Vec<Vec<PendingOperation>>,
    /// Reused buffer for building qualified names without allocating.
    buf: String,
}

/// `namespace.name`, allocated once at its final size (`format!` guesses the capacity and
/// then grows; this runs for every declared element).
fn qualify(namespace: &str, name: &str) -> String {
    let mut qualified = String::with_capacity(namespace.len() + 1 + name.len());
    qualified.push_str(namespace);
    qualified.push('.');
    qualified.push_str(name);
    qualified
}

fn pos(file: usize, p: Position) -> SourcePos {
    SourcePos {
        file: FileId::from_index(file),
        line: p.line,
        column: p.column,
    }
}

impl Resolver {
    fn new(docs: Vec<Document>) -> Self {
        let mut model = Model {
            files: docs.iter().map(|d| d.file.clone()).collect(),
            ..Model::default()
        };
        let mut scopes = Vec::new();
        let mut namespaces = HashSet::default();
        for doc in &docs {
            let mut scope = Scope {
                aliases: HashMap::default(),
                referenced: HashSet::default(),
            };
            for (alias, namespace) in STANDARD_ALIASES {
                scope
                    .aliases
                    .insert((*alias).to_owned(), (*namespace).to_owned());
                scope.referenced.insert((*namespace).to_owned());
            }
            for reference in &doc.references {
                for include in &reference.includes {
                    scope.referenced.insert(include.namespace.clone());
                    if let Some(alias) = &include.alias {
                        scope
                            .aliases
                            .insert(alias.clone(), include.namespace.clone());
                        model
                            .aliases
                            .entry(alias.clone())
                            .or_insert_with(|| include.namespace.clone());
                    }
                }
            }
            for schema in &doc.schemas {
                namespaces.insert(schema.namespace.clone());
                if let Some(alias) = &schema.alias {
                    scope
                        .aliases
                        .insert(alias.clone(), schema.namespace.clone());
                    model
                        .aliases
                        .entry(alias.clone())
                        .or_insert_with(|| schema.namespace.clone());
                }
            }
            scopes.push(scope);
        }
        for (alias, namespace) in STANDARD_ALIASES {
            model
                .aliases
                .entry((*alias).to_owned())
                .or_insert_with(|| (*namespace).to_owned());
        }
        Resolver {
            docs,
            model,
            warnings: Vec::new(),
            scopes,
            namespaces,
            schema_ids: Vec::new(),
            type_sources: Vec::new(),
            operations: Vec::new(),
            buf: String::new(),
        }
    }

    fn error(&self, doc: usize, at: Position, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.model.files[doc], at, message)
    }

    fn warn(&mut self, doc: usize, at: Position, message: impl Into<String>) {
        let warning = Diagnostic::new(&self.model.files[doc], at, message);
        self.warnings.push(warning);
    }

    fn where_declared(&self, p: SourcePos) -> String {
        self.model.location(p).to_string()
    }

    /// Names outside the OData identifier rules are allowed (Graph has `request-id`) but noted.
    fn check_identifier(&mut self, doc: usize, at: Position, what: &str, name: &str) {
        if !csdl::is_odata_identifier(name) {
            self.warn(
                doc,
                at,
                format!("{what} `{name}` is not an OData identifier (letters, digits, `_`)"),
            );
        }
    }

    // ---- pass 1: declarations ----

    fn declare(&mut self) -> Result<()> {
        self.reserve();
        let mut other_names: HashMap<String, SourcePos> = HashMap::default();
        let docs = std::mem::take(&mut self.docs);
        for (d, doc) in docs.iter().enumerate() {
            let mut ids = Vec::new();
            for (s, schema) in doc.schemas.iter().enumerate() {
                let schema_id = SchemaId::from_index(self.model.schemas.len());
                ids.push(schema_id);
                self.model.schemas.push(Schema {
                    namespace: schema.namespace.clone(),
                    alias: schema.alias.clone(),
                    types: Vec::new(),
                    operations: Vec::new(),
                    terms: Vec::new(),
                    container: None,
                    annotations: Vec::new(),
                    pos: pos(d, schema.pos),
                });
                let mut pending: Vec<Vec<PendingOperation>> = Vec::new();
                let mut pending_index: HashMap<&str, usize> = HashMap::default();
                for (i, item) in schema.items.iter().enumerate() {
                    if matches!(item, SchemaItem::Annotations(_)) {
                        continue;
                    }
                    let name = item.name();
                    let item_pos = pos(d, item.pos());
                    match item {
                        SchemaItem::EntityType(_)
                        | SchemaItem::ComplexType(_)
                        | SchemaItem::EnumType(_)
                        | SchemaItem::TypeDefinition(_) => {
                            let qualified = qualify(&schema.namespace, name);
                            // Microsoft's reader keeps the first of two types of one name,
                            // with a warning; so does this one.
                            if let Some(first) =
                                self.model.type_index.get(&self.model.types, &qualified)
                            {
                                let first = self.where_declared(self.model.ty(first).pos);
                                let message = format!(
                                    "duplicate type `{qualified}` ignored: first declared at {first}"
                                );
                                self.warn(d, item.pos(), message);
                                continue;
                            }
                            self.check_unique(d, item.pos(), &qualified, &other_names)?;
                            self.check_identifier(d, item.pos(), "type name", name);
                            let id = TypeId::from_index(self.model.types.len());
                            self.model.type_index.insert(&qualified, id);
                            self.model.schemas[schema_id.index()].types.push(id);
                            self.type_sources.push((d, s, i));
                            self.model.types.push(Type {
                                schema: schema_id,
                                name: name.to_owned(),
                                qualified_name: qualified,
                                // The kind is known now (references check it); the
                                // rest is filled in by the second pass.
                                detail: placeholder_detail(item),
                                annotations: Vec::new(),
                                pos: item_pos,
                            });
                        }
                        SchemaItem::Action(_) | SchemaItem::Function(_) => {
                            // CSDL wants one name per element, but the official Graph
                            // metadata has a function and a complex type both named `image`.
                            self.buf.clear();
                            self.buf.push_str(&schema.namespace);
                            self.buf.push('.');
                            self.buf.push_str(name);
                            let declared = self.model.type_index.get(&self.model.types, &self.buf);
                            if let Some(first) = declared {
                                let first = self.where_declared(self.model.ty(first).pos);
                                let message = format!(
                                    "`{}` is also the name of a type declared at {first}",
                                    self.buf
                                );
                                self.warn(d, item.pos(), message);
                            }
                            let slot = *pending_index.entry(name).or_insert_with(|| {
                                pending.push(Vec::new());
                                pending.len() - 1
                            });
                            pending[slot].push(PendingOperation {
                                doc: d,
                                schema: schema_id,
                                item: i,
                            });
                        }
                        SchemaItem::Term(_) | SchemaItem::EntityContainer(_) => {
                            let qualified = qualify(&schema.namespace, name);
                            self.check_unique(d, item.pos(), &qualified, &other_names)?;
                            other_names.insert(qualified, item_pos);
                        }
                        SchemaItem::Annotations(_) => {}
                    }
                }
                self.operations.extend(pending);
            }
            self.schema_ids.push(ids);
        }
        self.docs = docs;
        Ok(())
    }

    /// Sizes the arenas once, from the syntax trees, instead of growing them.
    fn reserve(&mut self) {
        let (mut types, mut properties, mut annotations) = (0, 0, 0);
        for doc in &self.docs {
            for schema in &doc.schemas {
                annotations += schema.annotations.len();
                for item in &schema.items {
                    match item {
                        SchemaItem::EntityType(t) | SchemaItem::ComplexType(t) => {
                            types += 1;
                            properties += t.properties.len();
                            annotations += t.annotations.len()
                                + t.properties
                                    .iter()
                                    .map(|p| p.annotations.len())
                                    .sum::<usize>();
                        }
                        SchemaItem::EnumType(_) | SchemaItem::TypeDefinition(_) => types += 1,
                        SchemaItem::Annotations(block) => annotations += block.annotations.len(),
                        _ => {}
                    }
                }
            }
        }
        self.model.types.reserve(types);
        self.model.type_index.reserve(types);
        self.type_sources.reserve(types);
        self.model.properties.reserve(properties);
        self.model.annotations.reserve(annotations);
    }

    fn check_unique(
        &self,
        doc: usize,
        at: Position,
        qualified: &str,
        other_names: &HashMap<String, SourcePos>,
    ) -> Result<()> {
        let first = self
            .model
            .type_index
            .get(&self.model.types, qualified)
            .map(|id| self.model.ty(id).pos)
            .or_else(|| other_names.get(qualified).copied());
        match first {
            Some(first) => Err(self.error(
                doc,
                at,
                format!(
                    "duplicate name `{qualified}`: first declared at {}",
                    self.where_declared(first)
                ),
            )),
            None => Ok(()),
        }
    }

    // ---- names ----

    /// Expands an alias-qualified name in a document's scope; `None` when the prefix is
    /// neither a loaded namespace nor a known alias.
    fn expand<'n>(&self, doc: usize, name: &'n str) -> std::borrow::Cow<'n, str> {
        match name.rsplit_once('.') {
            Some((prefix, simple)) => match self.scopes[doc].aliases.get(prefix) {
                Some(namespace) if !self.namespaces.contains(prefix) => {
                    qualify(namespace, simple).into()
                }
                _ => name.into(),
            },
            None => name.into(),
        }
    }

    /// Expands a path whose first segment may be alias-qualified (`graph.user/manager`).
    fn expand_path(&self, doc: usize, path: &str) -> String {
        match path.split_once('/') {
            Some((head, rest)) => format!("{}/{rest}", self.expand(doc, head)),
            None => self.expand(doc, path).into_owned(),
        }
    }

    /// Resolves a type name as written in document `doc`.
    fn type_ref(&mut self, doc: usize, at: Position, ty: &TypeName) -> Result<TypeRef> {
        let target = self.type_target(doc, at, &ty.name)?;
        Ok(TypeRef {
            collection: ty.collection,
            target,
        })
    }

    fn type_target(&mut self, doc: usize, at: Position, name: &str) -> Result<TypeTarget> {
        if let Some(primitive) = name.strip_prefix("Edm.") {
            return match EdmKind::from_name(primitive) {
                Some(kind) => Ok(TypeTarget::Primitive(kind)),
                None => {
                    let hint = suggestion(primitive, EdmKind::all_names()).replace(" `", " `Edm.");
                    Err(self.error(doc, at, format!("unknown primitive type `{name}`{hint}")))
                }
            };
        }
        let Some((prefix, simple)) = name.rsplit_once('.') else {
            let hint = self.type_suggestion(name);
            return Err(self.error(
                doc,
                at,
                format!("type `{name}` is not qualified with a namespace or alias{hint}"),
            ));
        };
        let namespace = if self.namespaces.contains(prefix) {
            prefix
        } else if let Some(namespace) = self.scopes[doc].aliases.get(prefix) {
            namespace.as_str()
        } else if !prefix.contains('.') && !self.scopes[doc].referenced.contains(prefix) {
            return Err(self.error(
                doc,
                at,
                format!("unknown alias `{prefix}` in `{name}`: declare it on a <Schema> or an <edmx:Include>"),
            ));
        } else {
            prefix
        };
        self.buf.clear();
        self.buf.push_str(namespace);
        self.buf.push('.');
        self.buf.push_str(simple);
        if let Some(id) = self.model.type_index.get(&self.model.types, &self.buf) {
            return Ok(TypeTarget::Type(id));
        }
        if !self.namespaces.contains(namespace) && self.scopes[doc].referenced.contains(namespace) {
            return Ok(TypeTarget::Unknown(self.buf.clone()));
        }
        let qualified = self.buf.clone();
        let hint = self.type_suggestion(&qualified);
        Err(self.error(doc, at, format!("unknown type `{name}`{hint}")))
    }

    fn type_suggestion(&self, name: &str) -> String {
        // An unqualified name is best matched by a type with that simple name.
        if !name.contains('.') {
            let suffix = format!(".{name}");
            let mut same: Vec<&str> = self
                .model
                .types
                .iter()
                .map(|t| t.qualified_name.as_str())
                .filter(|k| k.ends_with(&suffix))
                .collect();
            same.sort_unstable();
            if let Some(first) = same.first() {
                return format!(" (did you mean `{first}`?)");
            }
        }
        let names = self.model.types.iter().map(|t| t.qualified_name.as_str());
        suggestion(name, names)
    }

    fn structured_target(
        &mut self,
        doc: usize,
        at: Position,
        name: &str,
        what: &str,
        want: Option<TypeKind>,
    ) -> Result<TypeId> {
        match self.type_target(doc, at, name)? {
            TypeTarget::Type(id) => {
                let kind = self.model.ty(id).kind();
                let ok = match want {
                    Some(want) => kind == want,
                    None => matches!(kind, TypeKind::Entity | TypeKind::Complex),
                };
                if ok {
                    Ok(id)
                } else {
                    let expected = match want {
                        Some(TypeKind::Entity) => "an entity type",
                        Some(TypeKind::Complex) => "a complex type",
                        _ => "an entity or complex type",
                    };
                    Err(self.error(
                        doc,
                        at,
                        format!("{what} is `{name}`, which is not {expected}"),
                    ))
                }
            }
            _ => Err(self.error(
                doc,
                at,
                format!("{what} is `{name}`, which is not a type declared in the loaded documents"),
            )),
        }
    }

    // ---- annotations ----

    /// Moves one annotation into the model, returning its id.
    fn annotation(
        &mut self,
        doc: usize,
        a: &mut csdl::Annotation,
        target: Target,
        inline: bool,
        block_qualifier: Option<&str>,
    ) -> AnnotationId {
        let term = self.expand_owned(doc, std::mem::take(&mut a.term));
        let term_id = self.model.term_index.get(&term).copied();
        let value = self.value(doc, std::mem::take(&mut a.value));
        let annotations = self.nested_annotations(doc, std::mem::take(&mut a.annotations));
        let id = AnnotationId::from_index(self.model.annotations.len());
        self.model.annotations.push(Annotation {
            term,
            qualifier: a
                .qualifier
                .take()
                .or_else(|| block_qualifier.map(str::to_owned)),
            value,
            annotations,
            target,
            term_id,
            inline,
            pos: pos(doc, a.pos),
        });
        id
    }

    fn inline_annotations(
        &mut self,
        doc: usize,
        list: &mut [csdl::Annotation],
        target: Target,
    ) -> Vec<AnnotationId> {
        list.iter_mut()
            .map(|a| self.annotation(doc, a, target.clone(), true, None))
            .collect()
    }

    /// An alias-qualified name made namespace-qualified, reusing the string when it already is.
    fn expand_owned(&self, doc: usize, name: String) -> String {
        match self.expand(doc, &name) {
            std::borrow::Cow::Owned(expanded) => expanded,
            std::borrow::Cow::Borrowed(_) => name,
        }
    }

    /// An annotation of an annotation or inside a record, for the model: aliases expanded in
    /// its term and value, and in its own annotations, at any depth.
    fn nested_annotation(&self, doc: usize, a: csdl::Annotation) -> csdl::Annotation {
        csdl::Annotation {
            term: self.expand_owned(doc, a.term),
            qualifier: a.qualifier,
            value: self.value(doc, a.value),
            annotations: self.nested_annotations(doc, a.annotations),
            pos: a.pos,
        }
    }

    fn nested_annotations(&self, doc: usize, list: Vec<csdl::Annotation>) -> Vec<csdl::Annotation> {
        list.into_iter()
            .map(|a| self.nested_annotation(doc, a))
            .collect()
    }

    /// A value for the model: aliases expanded in enum members, record types, the functions,
    /// types and labels of expressions, and the terms of annotations inside them, at any depth.
    fn value(&self, doc: usize, v: Value) -> Value {
        match v {
            Value::EnumMember(members) => Value::EnumMember(
                members
                    .into_iter()
                    .map(|m| {
                        if m.contains('/') {
                            self.expand_path(doc, &m)
                        } else {
                            self.expand_owned(doc, m)
                        }
                    })
                    .collect(),
            ),
            Value::Record(record) => Value::Record(Record {
                ty: record.ty.map(|t| self.expand_owned(doc, t)),
                properties: record
                    .properties
                    .into_iter()
                    .map(|(n, v)| (n, self.value(doc, v)))
                    .collect(),
                annotations: self.nested_annotations(doc, record.annotations),
                property_annotations: record
                    .property_annotations
                    .into_iter()
                    .map(|(n, a)| (n, self.nested_annotation(doc, a)))
                    .collect(),
            }),
            Value::Collection(items) => {
                Value::Collection(items.into_iter().map(|v| self.value(doc, v)).collect())
            }
            Value::Expression(mut e) => {
                for operand in e.kind.operands_mut() {
                    *operand = self.value(doc, std::mem::take(operand));
                }
                match &mut e.kind {
                    ExpressionKind::Apply { function: name, .. }
                    | ExpressionKind::LabeledElementReference(name) => {
                        *name = self.expand_owned(doc, std::mem::take(name));
                    }
                    ExpressionKind::Cast(test) | ExpressionKind::IsOf(test) => {
                        if let std::borrow::Cow::Owned(name) = self.expand(doc, &test.ty.name) {
                            test.ty.name = name.into();
                        }
                    }
                    _ => {}
                }
                e.annotations = self.nested_annotations(doc, std::mem::take(&mut e.annotations));
                Value::Expression(e)
            }
            other => other,
        }
    }

    // ---- pass 2: types ----

    fn resolve_types(&mut self) -> Result<()> {
        let mut docs = std::mem::take(&mut self.docs);
        for index in 0..self.model.types.len() {
            let (d, s, i) = self.type_sources[index];
            let id = TypeId::from_index(index);
            let item = &mut docs[d].schemas[s].items[i];
            let detail = match &mut *item {
                SchemaItem::EntityType(t) => TypeDetail::Entity(self.structured(d, id, t, true)?),
                SchemaItem::ComplexType(t) => {
                    TypeDetail::Complex(self.structured(d, id, t, false)?)
                }
                SchemaItem::EnumType(e) => TypeDetail::Enum(self.enum_type(d, id, e)?),
                SchemaItem::TypeDefinition(t) => {
                    let underlying =
                        self.primitive(d, t.pos, &t.underlying_type, "UnderlyingType")?;
                    TypeDetail::Definition(TypeDefinition {
                        underlying,
                        facets: std::mem::take(&mut t.facets),
                    })
                }
                _ => continue,
            };
            let annotations = match item {
                SchemaItem::EntityType(t) | SchemaItem::ComplexType(t) => &mut t.annotations,
                SchemaItem::EnumType(e) => &mut e.annotations,
                SchemaItem::TypeDefinition(t) => &mut t.annotations,
                _ => continue,
            };
            let annotations = self.inline_annotations(d, annotations, Target::Type(id));
            let ty = &mut self.model.types[index];
            ty.detail = detail;
            ty.annotations = annotations;
        }
        self.docs = docs;
        let mut derived = vec![Vec::new(); self.model.types.len()];
        for (id, ty) in self.model.types() {
            if let Some(base) = ty.structured().and_then(|s| s.base) {
                derived[base.index()].push(id);
            }
        }
        self.model.derived = derived;
        Ok(())
    }

    fn primitive(&mut self, d: usize, at: Position, name: &str, what: &str) -> Result<EdmKind> {
        match self.type_target(d, at, name)? {
            TypeTarget::Primitive(kind) => Ok(kind),
            _ => Err(self.error(
                d,
                at,
                format!("{what} `{name}` is not an Edm primitive type"),
            )),
        }
    }

    fn structured(
        &mut self,
        d: usize,
        id: TypeId,
        t: &mut csdl::StructuredType,
        entity: bool,
    ) -> Result<StructuredType> {
        let kind = if entity {
            TypeKind::Entity
        } else {
            TypeKind::Complex
        };
        let base = match &t.base_type {
            Some(name) => {
                Some(self.structured_target(d, t.pos, name, "the BaseType", Some(kind))?)
            }
            None => None,
        };
        self.drop_duplicate_properties(d, t);
        let mut properties = Vec::with_capacity(t.properties.len());
        // Each syntax property is dropped as soon as it is moved, so that its memory is
        // reused, still in cache, by what comes next.
        for mut p in std::mem::take(&mut t.properties) {
            self.check_identifier(d, p.pos, "property name", &p.name);
            let ty = self.type_ref(d, p.pos, &p.ty)?;
            if p.navigation {
                // `Edm.EntityType`: any entity, as the Core and Temporal vocabularies declare.
                let is_entity = match &ty.target {
                    TypeTarget::Type(target) => self.model.ty(*target).kind() == TypeKind::Entity,
                    TypeTarget::Primitive(kind) => *kind == EdmKind::EntityType,
                    TypeTarget::Unknown(_) => true,
                };
                if !is_entity {
                    return Err(self.error(
                        d,
                        p.pos,
                        format!(
                            "navigation property `{}` must have an entity type, not `{}`",
                            p.name, p.ty
                        ),
                    ));
                }
            }
            let property_id = PropertyId::from_index(self.model.properties.len());
            let annotations =
                self.inline_annotations(d, &mut p.annotations, Target::Property(property_id));
            // A collection of entities is never null; both formats say so differently.
            let nullable = p.nullable && !(p.navigation && p.ty.collection);
            self.model.properties.push(Property {
                declaring_type: id,
                name: std::mem::take(&mut p.name),
                kind: if p.navigation {
                    PropertyKind::Navigation
                } else {
                    PropertyKind::Structural
                },
                ty,
                nullable,
                facets: std::mem::take(&mut p.facets),
                default_value: p.default_value.take(),
                contains_target: p.contains_target,
                partner: p.partner.take(),
                annotations,
                pos: pos(d, p.pos),
            });
            properties.push(property_id);
        }
        Ok(StructuredType {
            base,
            is_abstract: t.is_abstract,
            is_open: t.open_type,
            has_stream: t.has_stream,
            key: t
                .key
                .iter_mut()
                .map(|k| KeyProperty {
                    name: std::mem::take(&mut k.name),
                    alias: k.alias.take(),
                    pos: pos(d, k.pos),
                })
                .collect(),
            properties,
        })
    }

    /// Property names are unique within a type: a second property of a name is dropped with a
    /// warning, the first kept, as Microsoft's reader does.
    fn drop_duplicate_properties(&mut self, d: usize, t: &mut csdl::StructuredType) {
        let mut duplicates = Vec::new();
        let mut seen: HashMap<&str, Position> = HashMap::default();
        for (index, p) in t.properties.iter().enumerate() {
            // Most types have a few properties: a scan is cheaper than hashing them.
            let first = if t.properties.len() <= 16 {
                t.properties[..index]
                    .iter()
                    .find(|q| q.name == p.name)
                    .map(|q| q.pos)
            } else {
                seen.get(p.name.as_str()).copied().or_else(|| {
                    seen.insert(&p.name, p.pos);
                    None
                })
            };
            if let Some(first) = first {
                duplicates.push((
                    index,
                    p.pos,
                    format!(
                        "duplicate property `{}` in `{}` ignored: first declared at {}:{}",
                        p.name, t.name, first.line, first.column
                    ),
                ));
            }
        }
        for (index, at, message) in duplicates.into_iter().rev() {
            self.warn(d, at, message);
            t.properties.remove(index);
        }
    }

    fn enum_type(&mut self, d: usize, id: TypeId, e: &mut csdl::EnumType) -> Result<EnumType> {
        let underlying = match &e.underlying_type {
            Some(name) => {
                let kind = self.primitive(d, e.pos, name, "UnderlyingType")?;
                if !matches!(
                    kind,
                    EdmKind::Byte
                        | EdmKind::SByte
                        | EdmKind::Int16
                        | EdmKind::Int32
                        | EdmKind::Int64
                ) {
                    return Err(self.error(
                        d,
                        e.pos,
                        format!(
                            "UnderlyingType of enum `{}` must be an integer type, not `{name}`",
                            e.name
                        ),
                    ));
                }
                kind
            }
            None => EdmKind::Int32,
        };
        // A second member of a name is dropped with a warning, the first kept.
        let mut seen: HashSet<&str> =
            HashSet::with_capacity_and_hasher(e.members.len(), Default::default());
        let duplicates: Vec<usize> = (0..e.members.len())
            .filter(|&i| !seen.insert(&e.members[i].name))
            .collect();
        for (removed, index) in duplicates.into_iter().enumerate() {
            let m = e.members.remove(index - removed);
            let message = format!("duplicate member `{}` in enum `{}` ignored", m.name, e.name);
            self.warn(d, m.pos, message);
        }
        let mut members = Vec::with_capacity(e.members.len());
        let mut next = 0i64;
        for (index, m) in e.members.iter_mut().enumerate() {
            self.check_identifier(d, m.pos, "enum member", &m.name);
            let value = m.value.unwrap_or(next);
            next = value.saturating_add(1);
            let annotations =
                self.inline_annotations(d, &mut m.annotations, Target::Member(id, index));
            members.push(EnumMember {
                name: std::mem::take(&mut m.name),
                value,
                annotations,
                pos: pos(d, m.pos),
            });
        }
        Ok(EnumType {
            underlying,
            is_flags: e.is_flags,
            members,
        })
    }

    /// Refuses `BaseType` cycles and chains deeper than [`MAX_BASE_DEPTH`], in one pass: each
    /// type's depth is computed once, walking up only to the first base already known.
    fn check_base_cycles(&mut self) -> Result<()> {
        const UNKNOWN: usize = usize::MAX;
        const VISITING: usize = usize::MAX - 1;
        let base_of = |m: &Model, id: TypeId| m.ty(id).structured().and_then(|s| s.base);
        let mut depth = vec![UNKNOWN; self.model.types.len()];
        let mut path: Vec<TypeId> = Vec::new();
        for start in 0..self.model.types.len() {
            if depth[start] != UNKNOWN {
                continue;
            }
            path.clear();
            let mut current = Some(TypeId::from_index(start));
            let mut above = loop {
                let Some(id) = current else { break 0 };
                match depth[id.index()] {
                    UNKNOWN => {
                        depth[id.index()] = VISITING;
                        path.push(id);
                        current = base_of(&self.model, id);
                    }
                    VISITING => {
                        let first = path.iter().position(|p| *p == id).unwrap_or(0);
                        let names: Vec<&str> = path[first..]
                            .iter()
                            .chain(std::iter::once(&id))
                            .map(|c| self.model.ty(*c).qualified_name.as_str())
                            .collect();
                        let message = format!("BaseType cycle: {}", names.join(" -> "));
                        return Err(self.type_error(path[first], message));
                    }
                    known => break known + 1,
                }
            };
            for id in path.iter().rev() {
                depth[id.index()] = above;
                if above > MAX_BASE_DEPTH {
                    let message = format!(
                        "BaseType chain of `{}` is deeper than {MAX_BASE_DEPTH} types",
                        self.model.ty(*id).qualified_name
                    );
                    return Err(self.type_error(*id, message));
                }
                above += 1;
            }
        }
        Ok(())
    }

    /// An error at the declaration of a type.
    fn type_error(&self, id: TypeId, message: String) -> Diagnostic {
        let (d, _, _) = self.type_sources[id.index()];
        let p = self.model.ty(id).pos;
        let at = Position {
            line: p.line,
            column: p.column,
        };
        self.error(d, at, message)
    }

    /// A property may not repeat the name of an inherited one. Published vocabularies do
    /// (SAP's `Common` and `UI` redeclare base properties), and Microsoft's library reads them:
    /// the inherited declaration is kept, the repeat dropped with a warning.
    fn check_inherited_names(&mut self) {
        let mut repeats = Vec::new();
        for (id, ty) in self.model.types() {
            let Some(s) = ty.structured() else { continue };
            let Some(base) = s.base else { continue };
            for p in &s.properties {
                let property = self.model.property(*p);
                if let Some(inherited) = self.model.find_property(base, &property.name) {
                    let declaring = self.model.property(inherited).declaring_type;
                    let (d, _, _) = self.type_sources[id.index()];
                    let at = Position {
                        line: property.pos.line,
                        column: property.pos.column,
                    };
                    let message = format!(
                        "property `{}` of `{}` is already declared in its base type `{}`: that \
                         declaration is kept",
                        property.name,
                        ty.qualified_name,
                        self.model.ty(declaring).qualified_name
                    );
                    repeats.push((id, *p, d, at, message));
                }
            }
        }
        for (id, property, d, at, message) in repeats {
            if let TypeDetail::Entity(s) | TypeDetail::Complex(s) =
                &mut self.model.types[id.index()].detail
            {
                s.properties.retain(|p| *p != property);
            }
            self.warn(d, at, message);
        }
    }

    // ---- operations, terms, containers ----

    fn resolve_operations(&mut self) -> Result<()> {
        let groups = std::mem::take(&mut self.operations);
        let mut docs = std::mem::take(&mut self.docs);
        for group in &groups {
            for pending in group {
                let d = pending.doc;
                let schema = &mut docs[d].schemas[self.schema_index(pending)];
                let (kind, o) = match &mut schema.items[pending.item] {
                    SchemaItem::Action(o) => (OperationKind::Action, o),
                    SchemaItem::Function(o) => (OperationKind::Function, o),
                    _ => continue,
                };
                let id = OperationId::from_index(self.model.operations.len());
                let qualified = qualify(&schema.namespace, &o.name);
                if o.is_bound && o.parameters.is_empty() {
                    return Err(self.error(
                        d,
                        o.pos,
                        format!("bound operation `{}` has no binding parameter", o.name),
                    ));
                }
                let mut parameters = Vec::with_capacity(o.parameters.len());
                for (index, p) in o.parameters.iter_mut().enumerate() {
                    self.check_identifier(d, p.pos, "parameter name", &p.name);
                    let ty = self.type_ref(d, p.pos, &p.ty)?;
                    let annotations = self.inline_annotations(
                        d,
                        &mut p.annotations,
                        Target::Parameter(id, index),
                    );
                    parameters.push(Parameter {
                        name: std::mem::take(&mut p.name),
                        ty,
                        nullable: p.nullable,
                        facets: std::mem::take(&mut p.facets),
                        annotations,
                        pos: pos(d, p.pos),
                    });
                }
                let return_type = match &mut o.return_type {
                    Some(r) => {
                        let ty = self.type_ref(d, r.pos, &r.ty)?;
                        let annotations =
                            self.inline_annotations(d, &mut r.annotations, Target::ReturnType(id));
                        Some(ReturnType {
                            ty,
                            nullable: r.nullable,
                            facets: std::mem::take(&mut r.facets),
                            annotations,
                            pos: pos(d, r.pos),
                        })
                    }
                    None => None,
                };
                let annotations =
                    self.inline_annotations(d, &mut o.annotations, Target::Operation(id));
                // Overloads share a name: copy it only for the first.
                match self.model.operation_index.get_mut(qualified.as_str()) {
                    Some(overloads) => overloads.push(id),
                    None => {
                        let overloads = vec![id];
                        self.model
                            .operation_index
                            .insert(qualified.clone(), overloads);
                    }
                }
                self.model.schemas[pending.schema.index()]
                    .operations
                    .push(id);
                self.model.operations.push(Operation {
                    schema: pending.schema,
                    // Nothing reads the syntax of an operation after this pass.
                    name: std::mem::take(&mut o.name),
                    qualified_name: qualified,
                    kind,
                    is_bound: o.is_bound,
                    is_composable: o.is_composable,
                    entity_set_path: o.entity_set_path.take(),
                    parameters,
                    return_type,
                    annotations,
                    pos: pos(d, o.pos),
                });
            }
        }
        self.docs = docs;
        Ok(())
    }

    fn schema_index(&self, pending: &PendingOperation) -> usize {
        self.schema_ids[pending.doc]
            .iter()
            .position(|s| *s == pending.schema)
            .unwrap_or(0)
    }

    fn resolve_terms(&mut self) -> Result<()> {
        // Declare all terms first, so annotations anywhere can link to them.
        let mut docs = std::mem::take(&mut self.docs);
        for (d, doc) in docs.iter().enumerate() {
            for (s, schema) in doc.schemas.iter().enumerate() {
                let schema_id = self.schema_ids[d][s];
                for item in &schema.items {
                    if let SchemaItem::Term(t) = item {
                        let id = TermId::from_index(self.model.terms.len());
                        let qualified = qualify(&schema.namespace, &t.name);
                        self.model.term_index.insert(qualified.clone(), id);
                        self.model.schemas[schema_id.index()].terms.push(id);
                        self.model.terms.push(Term {
                            schema: schema_id,
                            name: t.name.clone(),
                            qualified_name: qualified,
                            ty: TypeRef {
                                collection: false,
                                target: TypeTarget::Primitive(EdmKind::Untyped),
                            },
                            nullable: t.nullable,
                            facets: t.facets.clone(),
                            base_term: t.base_term.as_ref().map(|b| self.expand(d, b).into_owned()),
                            default_value: t.default_value.clone(),
                            applies_to: t
                                .applies_to
                                .as_deref()
                                .map(|a| a.split_whitespace().map(str::to_owned).collect())
                                .unwrap_or_default(),
                            annotations: Vec::new(),
                            pos: pos(d, t.pos),
                        });
                    }
                }
            }
        }
        let mut next = 0;
        for (d, doc) in docs.iter_mut().enumerate() {
            for schema in &mut doc.schemas {
                for item in &mut schema.items {
                    if let SchemaItem::Term(t) = item {
                        let id = TermId::from_index(next);
                        next += 1;
                        let ty = self.type_ref(d, t.pos, &t.ty)?;
                        let annotations =
                            self.inline_annotations(d, &mut t.annotations, Target::Term(id));
                        let term = &mut self.model.terms[id.index()];
                        term.ty = ty;
                        term.annotations = annotations;
                    }
                }
            }
        }
        self.docs = docs;
        // Annotations resolved before terms were known get their link now.
        for a in &mut self.model.annotations {
            a.term_id = self.model.term_index.get(&a.term).copied();
        }
        Ok(())
    }

    fn resolve_containers(&mut self) -> Result<()> {
        let mut docs = std::mem::take(&mut self.docs);
        for (d, doc) in docs.iter_mut().enumerate() {
            for (s, schema) in doc.schemas.iter_mut().enumerate() {
                let schema_id = self.schema_ids[d][s];
                for item in &mut schema.items {
                    if let SchemaItem::EntityContainer(c) = item {
                        self.container(d, schema_id, &schema.namespace, c)?;
                    }
                }
            }
        }
        self.docs = docs;
        Ok(())
    }

    fn container(
        &mut self,
        d: usize,
        schema_id: SchemaId,
        namespace: &str,
        c: &csdl::EntityContainer,
    ) -> Result<()> {
        let id = ContainerId::from_index(self.model.containers.len());
        if self.model.schemas[schema_id.index()].container.is_some() {
            return Err(self.error(d, c.pos, "a schema may declare only one entity container"));
        }
        let mut container = EntityContainer {
            schema: schema_id,
            name: c.name.clone(),
            qualified_name: qualify(namespace, &c.name),
            extends: c.extends.as_ref().map(|e| self.expand(d, e).into_owned()),
            entity_sets: Vec::new(),
            singletons: Vec::new(),
            action_imports: Vec::new(),
            function_imports: Vec::new(),
            annotations: Vec::new(),
            pos: pos(d, c.pos),
        };
        let mut names: HashSet<&str> = HashSet::default();
        for item in &c.items {
            let (name, at) = match item {
                csdl::ContainerItem::EntitySet(x) => (&x.name, x.pos),
                csdl::ContainerItem::Singleton(x) => (&x.name, x.pos),
                csdl::ContainerItem::ActionImport(x) | csdl::ContainerItem::FunctionImport(x) => {
                    (&x.name, x.pos)
                }
            };
            if !names.insert(name) {
                return Err(self.error(
                    d,
                    at,
                    format!("duplicate name `{name}` in entity container `{}`", c.name),
                ));
            }
            match item {
                csdl::ContainerItem::EntitySet(set) => {
                    let entity_type = self.structured_target(
                        d,
                        set.pos,
                        &set.entity_type,
                        &format!("the EntityType of entity set `{}`", set.name),
                        Some(TypeKind::Entity),
                    )?;
                    let index = container.entity_sets.len();
                    let annotations = self.inline_annotations(
                        d,
                        &mut set.annotations.clone(),
                        Target::EntitySet(id, index),
                    );
                    container.entity_sets.push(EntitySet {
                        name: set.name.clone(),
                        entity_type,
                        include_in_service_document: set.include_in_service_document,
                        bindings: bindings(d, &set.bindings),
                        annotations,
                        pos: pos(d, set.pos),
                    });
                }
                csdl::ContainerItem::Singleton(single) => {
                    let ty = self.structured_target(
                        d,
                        single.pos,
                        &single.ty,
                        &format!("the Type of singleton `{}`", single.name),
                        Some(TypeKind::Entity),
                    )?;
                    let index = container.singletons.len();
                    let annotations = self.inline_annotations(
                        d,
                        &mut single.annotations.clone(),
                        Target::Singleton(id, index),
                    );
                    container.singletons.push(Singleton {
                        name: single.name.clone(),
                        ty,
                        nullable: single.nullable,
                        bindings: bindings(d, &single.bindings),
                        annotations,
                        pos: pos(d, single.pos),
                    });
                }
                csdl::ContainerItem::ActionImport(import)
                | csdl::ContainerItem::FunctionImport(import) => {
                    let action = matches!(item, csdl::ContainerItem::ActionImport(_));
                    let operation = self.expand(d, &import.operation).into_owned();
                    let want = if action {
                        OperationKind::Action
                    } else {
                        OperationKind::Function
                    };
                    let overloads: Vec<OperationId> = self
                        .model
                        .find_operations(&operation)
                        .iter()
                        .copied()
                        .filter(|o| {
                            let op = self.model.operation(*o);
                            op.kind == want && !op.is_bound
                        })
                        .collect();
                    if overloads.is_empty() {
                        let what = if action { "action" } else { "function" };
                        let hint = suggestion(
                            &operation,
                            self.model.operation_index.keys().map(String::as_str),
                        );
                        return Err(self.error(
                            d,
                            import.pos,
                            format!(
                                "import `{}` names unknown unbound {what} `{}`{hint}",
                                import.name, import.operation
                            ),
                        ));
                    }
                    let list = if action {
                        &mut container.action_imports
                    } else {
                        &mut container.function_imports
                    };
                    let index = list.len();
                    let target = if action {
                        Target::ActionImport(id, index)
                    } else {
                        Target::FunctionImport(id, index)
                    };
                    let annotations =
                        self.inline_annotations(d, &mut import.annotations.clone(), target);
                    let list = if action {
                        &mut container.action_imports
                    } else {
                        &mut container.function_imports
                    };
                    list.push(OperationImport {
                        name: import.name.clone(),
                        operation,
                        overloads,
                        entity_set: import.entity_set.clone(),
                        include_in_service_document: import.include_in_service_document,
                        annotations,
                        pos: pos(d, import.pos),
                    });
                }
            }
        }
        container.annotations =
            self.inline_annotations(d, &mut c.annotations.clone(), Target::Container(id));
        self.model.schemas[schema_id.index()].container = Some(id);
        self.model.containers.push(container);
        Ok(())
    }

    // ---- out-of-line annotations ----

    // ---- pass 3: constants typed by their terms ----

    /// Gives each constant the type its term (or record property) declares where the text
    /// did not say it: CSDL JSON writes a date, a GUID, a path or an enum member as a string
    /// and a decimal as a number. So a document reads to the same model from either format,
    /// once the vocabulary that declares the term is loaded.
    ///
    /// Then checks the annotations of the documents given against those declarations: a term
    /// missing from a loaded namespace, a value of another type, a record property its type
    /// does not have. Each is a warning: the value is kept as written.
    fn type_constants(&mut self) {
        let mut annotations = std::mem::take(&mut self.model.annotations);
        for a in &mut annotations {
            if let Some(term) = a.term_id {
                let ty = &self.model.terms[term.index()].ty;
                a.value = typed(&self.model, std::mem::take(&mut a.value), ty);
            }
            type_nested(&self.model, &mut a.annotations);
        }
        for a in &annotations {
            if self.model.is_reference(a.pos.file) {
                continue;
            }
            let at = Position {
                line: a.pos.line,
                column: a.pos.column,
            };
            let doc = a.pos.file.index();
            match a.term_id {
                Some(term) => {
                    let ty = &self.model.terms[term.index()].ty;
                    let mut problems = Vec::new();
                    mismatches(&self.model, &a.value, ty, &a.term, &mut problems);
                    for problem in problems {
                        self.warn(doc, at, problem);
                    }
                }
                None => {
                    let namespace = a.term.rsplit_once('.').map_or("", |(ns, _)| ns);
                    if self.namespaces.contains(namespace) {
                        self.warn(
                            doc,
                            at,
                            format!(
                                "unknown term `{}`: `{namespace}` declares no such term",
                                a.term
                            ),
                        );
                    }
                }
            }
        }
        self.model.annotations = annotations;
    }

    fn attach_out_of_line_annotations(&mut self) -> Result<()> {
        let mut docs = std::mem::take(&mut self.docs);
        // Schema-level inline annotations first.
        for (d, doc) in docs.iter_mut().enumerate() {
            for (s, schema) in doc.schemas.iter_mut().enumerate() {
                let schema_id = self.schema_ids[d][s];
                let ids =
                    self.inline_annotations(d, &mut schema.annotations, Target::Schema(schema_id));
                self.model.schemas[schema_id.index()].annotations = ids;
            }
        }
        for (d, doc) in docs.iter_mut().enumerate() {
            for schema in &mut doc.schemas {
                // Blocks with the same target are taken together, at the first one, as CSDL
                // JSON (one `$Annotations` member per target) has them.
                let groups = group_by_target(&schema.items);
                for items in &groups {
                    let SchemaItem::Annotations(first) = &schema.items[items[0]] else {
                        continue;
                    };
                    let target = self.resolve_target(d, &first.target);
                    if let Target::Unresolved(path) = &target {
                        let message = format!("annotation target `{path}` does not exist");
                        self.warn(d, first.pos, message);
                    }
                    for item in items {
                        let SchemaItem::Annotations(block) = &mut schema.items[*item] else {
                            continue;
                        };
                        let qualifier = block.qualifier.take();
                        for a in &mut block.annotations {
                            let id =
                                self.annotation(d, a, target.clone(), false, qualifier.as_deref());
                            self.attach(&target, id);
                        }
                    }
                }
            }
        }
        self.docs = docs;
        Ok(())
    }

    fn attach(&mut self, target: &Target, id: AnnotationId) {
        let m = &mut self.model;
        let list = match target {
            Target::Schema(s) => Some(&mut m.schemas[s.index()].annotations),
            Target::Type(t) => Some(&mut m.types[t.index()].annotations),
            Target::Property(p) => Some(&mut m.properties[p.index()].annotations),
            Target::Member(t, i) => match &mut m.types[t.index()].detail {
                TypeDetail::Enum(e) => e.members.get_mut(*i).map(|x| &mut x.annotations),
                _ => None,
            },
            Target::Operation(o) => Some(&mut m.operations[o.index()].annotations),
            Target::Overloads(list) => {
                for o in list {
                    m.operations[o.index()].annotations.push(id);
                }
                None
            }
            Target::Parameter(o, i) => m.operations[o.index()]
                .parameters
                .get_mut(*i)
                .map(|p| &mut p.annotations),
            Target::ReturnType(o) => m.operations[o.index()]
                .return_type
                .as_mut()
                .map(|r| &mut r.annotations),
            Target::Term(t) => Some(&mut m.terms[t.index()].annotations),
            Target::Container(c) => Some(&mut m.containers[c.index()].annotations),
            Target::EntitySet(c, i) => m.containers[c.index()]
                .entity_sets
                .get_mut(*i)
                .map(|x| &mut x.annotations),
            Target::Singleton(c, i) => m.containers[c.index()]
                .singletons
                .get_mut(*i)
                .map(|x| &mut x.annotations),
            Target::ActionImport(c, i) => m.containers[c.index()]
                .action_imports
                .get_mut(*i)
                .map(|x| &mut x.annotations),
            Target::FunctionImport(c, i) => m.containers[c.index()]
                .function_imports
                .get_mut(*i)
                .map(|x| &mut x.annotations),
            Target::Unresolved(_) => None,
        };
        if let Some(list) = list {
            list.push(id);
        }
    }

    /// Resolves an annotation target path (`graph.user`, `graph.user/manager`,
    /// `graph.getSchedule(graph.calendar)/Schedules`, `graph.GraphService/users`).
    fn resolve_target(&self, d: usize, text: &str) -> Target {
        let unresolved = || Target::Unresolved(text.to_owned());
        // Split off a parenthesized signature before splitting on `/`.
        let (head, signature, rest) = match text.find('(') {
            Some(open) => match text.rfind(')').filter(|close| *close > open) {
                Some(close) => {
                    let rest = text[close + 1..]
                        .strip_prefix('/')
                        .unwrap_or(&text[close + 1..]);
                    (&text[..open], Some(&text[open + 1..close]), rest)
                }
                None => return unresolved(),
            },
            None => match text.split_once('/') {
                Some((head, rest)) => (head, None, rest),
                None => (text, None, ""),
            },
        };
        let qualified = self.expand(d, head);
        let segments: SmallVec<[&str; 4]> = if rest.is_empty() {
            SmallVec::new()
        } else {
            rest.split('/').collect()
        };
        if let Some(signature) = signature {
            let Some(op) = self.overload(d, &qualified, signature) else {
                return unresolved();
            };
            return match segments.as_slice() {
                [] => Target::Operation(op),
                ["$ReturnType"] => Target::ReturnType(op),
                [param] => self
                    .model
                    .operation(op)
                    .parameters
                    .iter()
                    .position(|p| p.name == *param)
                    .map_or_else(unresolved, |i| Target::Parameter(op, i)),
                _ => unresolved(),
            };
        }
        if let Some(ty) = self.model.type_index.get(&self.model.types, &qualified) {
            return self.member_target(ty, &segments).unwrap_or_else(unresolved);
        }
        if segments.is_empty() {
            if let Some(term) = self.model.term_index.get(qualified.as_ref()) {
                return Target::Term(*term);
            }
            if let Some(ops) = self.model.operation_index.get(qualified.as_ref()) {
                return match ops.as_slice() {
                    [one] => Target::Operation(*one),
                    many => Target::Overloads(many.to_vec()),
                };
            }
            if let Some((i, _)) = self
                .model
                .schemas
                .iter()
                .enumerate()
                .find(|(_, s)| s.namespace == qualified.as_ref())
            {
                return Target::Schema(SchemaId::from_index(i));
            }
        }
        if let Some((i, c)) = self
            .model
            .containers
            .iter()
            .enumerate()
            .find(|(_, c)| c.qualified_name == qualified.as_ref())
        {
            let id = ContainerId::from_index(i);
            return match segments.as_slice() {
                [] => Target::Container(id),
                [child] => {
                    if let Some(i) = c.entity_sets.iter().position(|x| x.name == *child) {
                        Target::EntitySet(id, i)
                    } else if let Some(i) = c.singletons.iter().position(|x| x.name == *child) {
                        Target::Singleton(id, i)
                    } else if let Some(i) = c.action_imports.iter().position(|x| x.name == *child) {
                        Target::ActionImport(id, i)
                    } else if let Some(i) = c.function_imports.iter().position(|x| x.name == *child)
                    {
                        Target::FunctionImport(id, i)
                    } else {
                        unresolved()
                    }
                }
                _ => unresolved(),
            };
        }
        unresolved()
    }

    /// `Type`, `Type/property`, `Type/property/property...`, `Enum/member`.
    fn member_target(&self, ty: TypeId, segments: &[&str]) -> Option<Target> {
        let Some((first, rest)) = segments.split_first() else {
            return Some(Target::Type(ty));
        };
        if let Some(e) = self.model.ty(ty).as_enum() {
            let index = e.members.iter().position(|m| m.name == *first)?;
            return rest.is_empty().then_some(Target::Member(ty, index));
        }
        let property = self.model.find_property(ty, first)?;
        if rest.is_empty() {
            return Some(Target::Property(property));
        }
        match self.model.property(property).ty.target {
            TypeTarget::Type(next) => self.member_target(next, rest),
            _ => None,
        }
    }

    /// The overload of `qualified` whose parameter types match a target signature: for an
    /// action the binding parameter only, for a function all parameters.
    fn overload(&self, d: usize, qualified: &str, signature: &str) -> Option<OperationId> {
        let wanted: Vec<String> = signature
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                match s
                    .strip_prefix("Collection(")
                    .and_then(|s| s.strip_suffix(')'))
                {
                    Some(inner) => format!("Collection({})", self.expand(d, inner)),
                    None => self.expand(d, s).into_owned(),
                }
            })
            .collect();
        let ops = self.model.operation_index.get(qualified)?;
        ops.iter().copied().find(|op| {
            let op = self.model.operation(*op);
            let params: Vec<String> = op
                .parameters
                .iter()
                .map(|p| self.model.type_ref_name(&p.ty))
                .collect();
            match op.kind {
                // The standard lists only the binding parameter for actions; Graph lists all.
                OperationKind::Action if op.is_bound && wanted.len() == 1 => {
                    params.first() == wanted.first()
                }
                OperationKind::Action if !op.is_bound && wanted.is_empty() => true,
                _ => params == wanted,
            }
        })
    }
}

/// Indexes of the `<Annotations>` items of a schema, grouped by target in order of first
/// appearance.
fn group_by_target(items: &[SchemaItem]) -> Vec<SmallVec<[usize; 1]>> {
    let mut index: HashMap<&str, usize> = HashMap::default();
    let mut groups: Vec<SmallVec<[usize; 1]>> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if let SchemaItem::Annotations(block) = item {
            let slot = *index.entry(block.target.as_str()).or_insert_with(|| {
                groups.push(SmallVec::new());
                groups.len() - 1
            });
            groups[slot].push(i);
        }
    }
    groups
}

fn placeholder_detail(item: &SchemaItem) -> TypeDetail {
    match item {
        SchemaItem::EntityType(_) => TypeDetail::Entity(StructuredType::default()),
        SchemaItem::ComplexType(_) => TypeDetail::Complex(StructuredType::default()),
        SchemaItem::EnumType(_) => TypeDetail::Enum(EnumType {
            underlying: EdmKind::Int32,
            is_flags: false,
            members: Vec::new(),
        }),
        _ => TypeDetail::Definition(TypeDefinition {
            underlying: EdmKind::Untyped,
            facets: Facets::default(),
        }),
    }
}

fn bindings(d: usize, list: &[csdl::Binding]) -> Vec<NavigationPropertyBinding> {
    list.iter()
        .map(|b| NavigationPropertyBinding {
            path: b.path.clone(),
            target: b.target.clone(),
            pos: pos(d, b.pos),
        })
        .collect()
}

/// ` (did you mean `x`?)` for the nearest candidate by edit distance, or nothing when none is
/// near enough to help.
pub(crate) fn suggestion<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> String {
    let limit = (name.chars().count() / 3).max(2);
    let lower = name.to_ascii_lowercase();
    candidates
        .map(|c| (strsim::levenshtein(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(distance, _)| *distance <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// [`Resolver::type_constants`] for annotations of annotations and inside records.
fn type_nested(model: &Model, list: &mut [csdl::Annotation]) {
    for a in list {
        if let Some(term) = model.find_term(&a.term) {
            a.value = typed(model, std::mem::take(&mut a.value), &model.term(term).ty);
        }
        type_nested(model, &mut a.annotations);
    }
}

/// `value` with its constants typed as `ty` says, where it is what CSDL JSON writes for that
/// type. Anything else (a value of another type, an expression) is left as written.
fn typed(model: &Model, value: Value, ty: &TypeRef) -> Value {
    match value {
        Value::Collection(items) if ty.collection => {
            let item = TypeRef {
                collection: false,
                target: ty.target.clone(),
            };
            Value::Collection(items.into_iter().map(|v| typed(model, v, &item)).collect())
        }
        Value::Record(mut record) => {
            if let Some(id) = record_type(model, &record, &ty.target) {
                for (name, v) in &mut record.properties {
                    if let Some(p) = model.find_property(id, name) {
                        *v = typed(model, std::mem::take(v), &model[p].ty);
                    }
                }
            }
            type_nested(model, &mut record.annotations);
            for (_, a) in &mut record.property_annotations {
                type_nested(model, std::slice::from_mut(a));
            }
            Value::Record(record)
        }
        Value::Expression(mut e) => {
            type_nested(model, &mut e.annotations);
            Value::Expression(e)
        }
        scalar if !ty.collection => typed_scalar(model, scalar, &ty.target),
        other => other,
    }
}

fn typed_scalar(model: &Model, value: Value, target: &TypeTarget) -> Value {
    match target {
        TypeTarget::Primitive(kind) => match (kind, value) {
            (EdmKind::Date, Value::String(s)) => Value::Date(s),
            (EdmKind::DateTimeOffset, Value::String(s)) => Value::DateTimeOffset(s),
            (EdmKind::Duration, Value::String(s)) => Value::Duration(s),
            (EdmKind::Guid, Value::String(s)) => Value::Guid(s),
            (EdmKind::TimeOfDay, Value::String(s)) => Value::TimeOfDay(s),
            (EdmKind::Binary, Value::String(s)) => Value::Binary(s),
            (EdmKind::Decimal, Value::String(s)) => Value::Decimal(s),
            (EdmKind::Decimal, Value::Int(i)) => Value::Decimal(i.to_string()),
            (EdmKind::Decimal, Value::Float(f)) => Value::Decimal(format!("{f:?}")),
            (EdmKind::Double | EdmKind::Single, Value::Int(i)) => Value::Float(i as f64),
            (EdmKind::Double | EdmKind::Single, Value::String(s)) => match s.as_str() {
                "INF" => Value::Float(f64::INFINITY),
                "-INF" => Value::Float(f64::NEG_INFINITY),
                "NaN" => Value::Float(f64::NAN),
                _ => Value::String(s),
            },
            (EdmKind::PropertyPath, Value::String(s)) => Value::Path(PathKind::PropertyPath, s),
            (EdmKind::NavigationPropertyPath, Value::String(s)) => {
                Value::Path(PathKind::NavigationPropertyPath, s)
            }
            (EdmKind::AnnotationPath, Value::String(s)) => Value::Path(PathKind::AnnotationPath, s),
            (EdmKind::ModelElementPath, Value::String(s)) => {
                Value::Path(PathKind::ModelElementPath, s)
            }
            (_, value) => value,
        },
        TypeTarget::Type(id) => match (&model[*id].detail, value) {
            (TypeDetail::Enum(_), Value::String(s)) => {
                let enum_name = &model[*id].qualified_name;
                Value::EnumMember(
                    s.split(',')
                        .map(str::trim)
                        .filter(|member| !member.is_empty())
                        .map(|member| format!("{enum_name}/{member}"))
                        .collect(),
                )
            }
            (TypeDetail::Definition(definition), value) => {
                typed_scalar(model, value, &TypeTarget::Primitive(definition.underlying))
            }
            (_, value) => value,
        },
        TypeTarget::Unknown(_) => value,
    }
}

/// The structured type of a record where a value of type `declared` is expected: the type the
/// record names (`@type`), else the declared one.
fn record_type(model: &Model, record: &Record, declared: &TypeTarget) -> Option<TypeId> {
    let declared = match declared {
        TypeTarget::Type(id) => Some(*id),
        _ => None,
    };
    record
        .ty
        .as_deref()
        .and_then(|name| model.find_type(name))
        .or(declared)
        .filter(|id| model[*id].structured().is_some())
}

/// Adds to `problems` each place where `value` cannot be of type `ty` (`what` names the
/// value: the term, then record properties after it). Null, absent values, value paths and
/// dynamic expressions may be of any type; so may anything of an abstract or unloaded type.
fn mismatches(model: &Model, value: &Value, ty: &TypeRef, what: &str, problems: &mut Vec<String>) {
    let type_name = || model.type_ref_name(ty);
    match value {
        Value::Null | Value::Absent | Value::Expression(_) | Value::Path(PathKind::Path, _) => {}
        Value::Collection(items) if ty.collection => {
            let item = TypeRef {
                collection: false,
                target: ty.target.clone(),
            };
            for v in items {
                mismatches(model, v, &item, what, problems);
            }
        }
        _ if ty.collection => problems.push(format!(
            "`{what}` takes {}, not a single value",
            type_name()
        )),
        Value::Collection(_) => {
            if is_scalar(model, &ty.target) {
                problems.push(format!("`{what}` takes {}, not a collection", type_name()));
            }
        }
        Value::Record(record) => {
            let expects_record =
                matches!(&ty.target, TypeTarget::Type(id) if model[*id].structured().is_some());
            let Some(id) = record_type(model, record, &ty.target).filter(|_| expects_record) else {
                if is_scalar(model, &ty.target) {
                    problems.push(format!("`{what}` takes {}, not a record", type_name()));
                }
                return;
            };
            // An open type takes properties it does not declare.
            let open = std::iter::once(id)
                .chain(model.base_types(id))
                .any(|id| model[id].structured().is_some_and(|s| s.is_open));
            for (name, v) in &record.properties {
                match model.find_property(id, name) {
                    Some(p) => {
                        mismatches(model, v, &model[p].ty, &format!("{what}/{name}"), problems)
                    }
                    None if open => {}
                    None => problems.push(format!(
                        "`{what}`: `{}` has no property `{name}`",
                        model[id].qualified_name
                    )),
                }
            }
        }
        scalar => {
            if !scalar_fits(model, scalar, &ty.target) {
                problems.push(format!(
                    "`{what}` takes {}, not {}",
                    type_name(),
                    scalar_kind(scalar)
                ));
            }
        }
    }
}

/// Whether `target` takes only a single primitive or enum value (not a record or collection).
fn is_scalar(model: &Model, target: &TypeTarget) -> bool {
    let kind = match target {
        TypeTarget::Unknown(_) => return false,
        TypeTarget::Primitive(kind) => *kind,
        TypeTarget::Type(id) => match &model[*id].detail {
            TypeDetail::Enum(_) => return true,
            TypeDetail::Definition(definition) => definition.underlying,
            TypeDetail::Entity(_) | TypeDetail::Complex(_) => return false,
        },
    };
    // A stream (the JSON vocabulary's `JSON`) and the abstract types may hold anything.
    !matches!(
        kind,
        EdmKind::Untyped
            | EdmKind::PrimitiveType
            | EdmKind::ComplexType
            | EdmKind::EntityType
            | EdmKind::Stream
    )
}

/// Whether a constant can be of type `target`.
fn scalar_fits(model: &Model, value: &Value, target: &TypeTarget) -> bool {
    let kind = match target {
        TypeTarget::Unknown(_) => return true,
        TypeTarget::Primitive(kind) => *kind,
        TypeTarget::Type(id) => match &model[*id].detail {
            TypeDetail::Enum(_) => return matches!(value, Value::EnumMember(_) | Value::Int(_)),
            TypeDetail::Definition(definition) => definition.underlying,
            TypeDetail::Entity(_) | TypeDetail::Complex(_) => return false,
        },
    };
    match kind {
        EdmKind::Untyped | EdmKind::PrimitiveType => true,
        EdmKind::String => matches!(value, Value::String(_)),
        EdmKind::Boolean => matches!(value, Value::Bool(_)),
        EdmKind::Byte | EdmKind::SByte | EdmKind::Int16 | EdmKind::Int32 | EdmKind::Int64 => {
            matches!(value, Value::Int(_))
        }
        EdmKind::Decimal => matches!(value, Value::Decimal(_) | Value::Int(_)),
        EdmKind::Double | EdmKind::Single => {
            matches!(value, Value::Float(_) | Value::Int(_) | Value::Decimal(_))
        }
        EdmKind::Date => matches!(value, Value::Date(_)),
        EdmKind::DateTimeOffset => matches!(value, Value::DateTimeOffset(_)),
        EdmKind::Duration => matches!(value, Value::Duration(_)),
        EdmKind::Guid => matches!(value, Value::Guid(_)),
        EdmKind::TimeOfDay => matches!(value, Value::TimeOfDay(_)),
        EdmKind::Binary => matches!(value, Value::Binary(_)),
        EdmKind::PropertyPath
        | EdmKind::NavigationPropertyPath
        | EdmKind::AnnotationPath
        | EdmKind::ModelElementPath => matches!(value, Value::Path(..)),
        // CSDL JSON cannot say which of the two paths it is, so it stays a string.
        EdmKind::AnyPropertyPath => matches!(value, Value::Path(..) | Value::String(_)),
        // Geography, streams and the rest have no constant expression to compare with.
        _ => true,
    }
}

/// How a mismatch message names a constant.
fn scalar_kind(value: &Value) -> &'static str {
    match value {
        Value::Bool(_) => "a Bool value",
        Value::Int(_) => "an Int value",
        Value::Float(_) => "a Float value",
        Value::Decimal(_) => "a Decimal value",
        Value::String(_) => "a String value",
        Value::Date(_) => "a Date value",
        Value::DateTimeOffset(_) => "a DateTimeOffset value",
        Value::Duration(_) => "a Duration value",
        Value::Guid(_) => "a Guid value",
        Value::TimeOfDay(_) => "a TimeOfDay value",
        Value::Binary(_) => "a Binary value",
        Value::EnumMember(_) => "an EnumMember value",
        Value::Path(..) => "a path",
        _ => "this value",
    }
}
