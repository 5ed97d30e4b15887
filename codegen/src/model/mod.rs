//! The resolved model of one or more CSDL documents.
//!
//! # How to walk it
//! [`Model::resolve`] turns the syntax trees of [`crate::csdl`] into one [`Model`]: every name is
//! resolved (aliases expanded, `graph.x` = `microsoft.graph.x`), base types are linked, and
//! annotations (inline and out-of-line) are attached to what they target.
//!
//! The model is a set of arenas addressed by small typed ids ([`TypeId`], [`PropertyId`],
//! [`OperationId`], [`TermId`], [`ContainerId`], [`AnnotationId`]); index the model with an id to
//! get the element (`&model[type_id]`), or use the named accessors. Arenas are in document
//! order (documents in the order given, then elements as they appear), except that the
//! overloads of an action or function are kept together at the place of the first one.
//!
//! ```no_run
//! # fn main() -> Result<(), graph_codegen::csdl::Error> {
//! use graph_codegen::{csdl, model::{Model, Target}};
//! let doc = csdl::read_path("metadata/onlineMeeting.csdl.xml")?;
//! let (model, warnings) = Model::resolve(&[doc])?;
//! let meeting = model.find_type("graph.onlineMeeting").expect("declared");
//! for property in model.all_properties(meeting) {
//!     let p = &model[property];
//!     let doc = model.description(Target::Property(property));
//!     println!("{} declared in {}: {:?} {doc:?}", p.name, model[p.declaring_type].name, p.ty);
//! }
//! # Ok(()) }
//! ```
//!
//! Every element keeps a [`SourcePos`]; [`Model::location`] turns it into `file:line:column`.

mod edm;
mod resolve;

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::fmt;
use std::ops::Index;

pub use crate::csdl::{
    BinaryOperator, Diagnostic, Expression, ExpressionKind, Facets, MaxLength, PathKind, Record,
    Scale, TypeTest, Value,
};
pub use edm::EdmKind;
pub use resolve::MAX_BASE_DEPTH;

/// A problem that does not stop resolution (an annotation target that does not exist, a name
/// outside the OData identifier rules); displays as `FILE:LINE:COLUMN: message`.
pub type Warning = Diagnostic;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u32);

        impl $name {
            /// The position of the element in its arena (document order).
            pub fn index(self) -> usize {
                self.0 as usize
            }

            fn from_index(index: usize) -> Self {
                // Arenas are bounded by the input size limit, far below u32::MAX elements.
                Self(u32::try_from(index).unwrap_or(u32::MAX))
            }
        }
    };
}

/// The elements of an arena with their ids, in arena (document) order.
fn with_ids<Id, T>(arena: &[T], id: fn(usize) -> Id) -> impl ExactSizeIterator<Item = (Id, &T)> {
    arena.iter().enumerate().map(move |(i, item)| (id(i), item))
}

id_type!(
    /// A schema (`<Schema>` element or CSDL JSON namespace object).
    SchemaId
);
id_type!(
    /// A named type: entity, complex, enum or type definition.
    TypeId
);
id_type!(
    /// A structural or navigation property.
    PropertyId
);
id_type!(
    /// One action or function overload.
    OperationId
);
id_type!(
    /// A term (annotation vocabulary entry) declared in a loaded document.
    TermId
);
id_type!(
    /// An entity container.
    ContainerId
);
id_type!(
    /// An annotation.
    AnnotationId
);
id_type!(
    /// A source document (file) given to [`Model::resolve`].
    FileId
);

/// Where an element was declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct SourcePos {
    /// The document, see [`Model::file_name`].
    pub file: FileId,
    /// 1-based line; 0 when unknown.
    pub line: u32,
    /// 1-based column in characters; 0 when unknown.
    pub column: u32,
}

/// A `file:line:column` position, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location<'a> {
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A `<Schema>`: one namespace of declarations.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    pub namespace: String,
    pub alias: Option<String>,
    /// Types in document order.
    pub types: Vec<TypeId>,
    /// Actions and functions (overloads together).
    pub operations: Vec<OperationId>,
    pub terms: Vec<TermId>,
    pub container: Option<ContainerId>,
    /// Annotations that target the schema itself.
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

/// What sort of named type a [`Type`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Entity,
    Complex,
    Enum,
    TypeDefinition,
}

/// A named type of a schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Type {
    pub schema: SchemaId,
    /// The simple name (`onlineMeeting`).
    pub name: String,
    /// Namespace-qualified name (`microsoft.graph.onlineMeeting`), never alias-qualified.
    pub qualified_name: String,
    pub detail: TypeDetail,
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

/// The kind-specific part of a [`Type`].
#[derive(Clone, Debug, PartialEq)]
pub enum TypeDetail {
    Entity(StructuredType),
    Complex(StructuredType),
    Enum(EnumType),
    Definition(TypeDefinition),
}

impl Type {
    /// The namespace the type is declared in (`microsoft.graph`).
    pub fn namespace(&self) -> &str {
        let end = self.qualified_name.len() - self.name.len();
        self.qualified_name[..end].trim_end_matches('.')
    }

    pub fn kind(&self) -> TypeKind {
        match self.detail {
            TypeDetail::Entity(_) => TypeKind::Entity,
            TypeDetail::Complex(_) => TypeKind::Complex,
            TypeDetail::Enum(_) => TypeKind::Enum,
            TypeDetail::Definition(_) => TypeKind::TypeDefinition,
        }
    }

    /// The entity or complex part, if this is an entity or complex type.
    pub fn structured(&self) -> Option<&StructuredType> {
        match &self.detail {
            TypeDetail::Entity(s) | TypeDetail::Complex(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_enum(&self) -> Option<&EnumType> {
        match &self.detail {
            TypeDetail::Enum(e) => Some(e),
            _ => None,
        }
    }

    pub fn as_definition(&self) -> Option<&TypeDefinition> {
        match &self.detail {
            TypeDetail::Definition(d) => Some(d),
            _ => None,
        }
    }
}

/// An entity or complex type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StructuredType {
    pub base: Option<TypeId>,
    pub is_abstract: bool,
    pub is_open: bool,
    /// Entity types only (`HasStream`).
    pub has_stream: bool,
    /// Entity types only: the declared key; empty when inherited or absent.
    pub key: Vec<KeyProperty>,
    /// Declared structural and navigation properties, in document order.
    pub properties: Vec<PropertyId>,
}

/// One `<PropertyRef>` of a key.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyProperty {
    /// Path to the key property (`id`, or `address/zip` for a nested key).
    pub name: String,
    pub alias: Option<String>,
    pub pos: SourcePos,
}

/// Structural or navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PropertyKind {
    Structural,
    Navigation,
}

/// A structural or navigation property.
#[derive(Clone, Debug, PartialEq)]
pub struct Property {
    pub declaring_type: TypeId,
    pub name: String,
    pub kind: PropertyKind,
    pub ty: TypeRef,
    /// Resolved with the CSDL default (true when not stated); for a collection, of its items.
    pub nullable: bool,
    pub facets: Facets,
    /// `DefaultValue`, as written.
    pub default_value: Option<String>,
    /// Navigation only.
    pub contains_target: bool,
    /// Navigation only: the path of the partner navigation property, as written.
    pub partner: Option<String>,
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

/// The type of a property, parameter, return value or term.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeRef {
    /// `Collection(...)`.
    pub collection: bool,
    pub target: TypeTarget,
}

/// What a [`TypeRef`] points at.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeTarget {
    Primitive(EdmKind),
    Type(TypeId),
    /// A namespace-qualified name in a namespace that is referenced (`<edmx:Reference>`) but
    /// not loaded, such as a standard vocabulary.
    Unknown(String),
}

/// An enum type.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumType {
    pub underlying: EdmKind,
    pub is_flags: bool,
    /// In document order, each with its value (explicit, or implicit: 0, 1, 2...).
    pub members: Vec<EnumMember>,
}

/// An enum member.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumMember {
    pub name: String,
    pub value: i64,
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

/// A type definition (a named primitive type).
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDefinition {
    pub underlying: EdmKind,
    pub facets: Facets,
}

/// Action or function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperationKind {
    Action,
    Function,
}

/// One overload of an action or function.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    pub schema: SchemaId,
    pub name: String,
    pub qualified_name: String,
    pub kind: OperationKind,
    /// When bound, the first parameter is the binding parameter.
    pub is_bound: bool,
    pub is_composable: bool,
    pub entity_set_path: Option<String>,
    pub parameters: Vec<Parameter>,
    pub return_type: Option<ReturnType>,
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

impl Operation {
    /// The type of the binding parameter, for a bound operation.
    pub fn binding(&self) -> Option<&TypeRef> {
        if self.is_bound {
            self.parameters.first().map(|p| &p.ty)
        } else {
            None
        }
    }
}

/// A parameter of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub ty: TypeRef,
    pub nullable: bool,
    pub facets: Facets,
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

/// The return type of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnType {
    pub ty: TypeRef,
    pub nullable: bool,
    pub facets: Facets,
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

/// A term declared in a loaded schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub schema: SchemaId,
    pub name: String,
    pub qualified_name: String,
    pub ty: TypeRef,
    pub nullable: bool,
    pub facets: Facets,
    pub base_term: Option<String>,
    pub default_value: Option<String>,
    /// `AppliesTo`, split on spaces, as written.
    pub applies_to: Vec<String>,
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

/// An entity container.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityContainer {
    pub schema: SchemaId,
    pub name: String,
    pub qualified_name: String,
    pub extends: Option<String>,
    pub entity_sets: Vec<EntitySet>,
    pub singletons: Vec<Singleton>,
    pub action_imports: Vec<OperationImport>,
    pub function_imports: Vec<OperationImport>,
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

/// An entity set.
#[derive(Clone, Debug, PartialEq)]
pub struct EntitySet {
    pub name: String,
    pub entity_type: TypeId,
    pub include_in_service_document: bool,
    pub bindings: Vec<NavigationPropertyBinding>,
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

/// A singleton.
#[derive(Clone, Debug, PartialEq)]
pub struct Singleton {
    pub name: String,
    pub ty: TypeId,
    pub nullable: bool,
    pub bindings: Vec<NavigationPropertyBinding>,
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

/// A navigation property binding, as written (`Path`, `Target`).
#[derive(Clone, Debug, PartialEq)]
pub struct NavigationPropertyBinding {
    pub path: String,
    pub target: String,
    pub pos: SourcePos,
}

/// An action import or function import.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationImport {
    pub name: String,
    /// Namespace-qualified name of the imported action or function.
    pub operation: String,
    /// The overloads it imports.
    pub overloads: Vec<OperationId>,
    pub entity_set: Option<String>,
    pub include_in_service_document: bool,
    pub annotations: Vec<AnnotationId>,
    pub pos: SourcePos,
}

/// What an annotation is attached to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Schema(SchemaId),
    Type(TypeId),
    Property(PropertyId),
    /// An enum member: the enum and the member's index.
    Member(TypeId, usize),
    Operation(OperationId),
    /// Every overload of an operation (a target without a parameter list).
    Overloads(Vec<OperationId>),
    /// A parameter: the operation and the parameter's index.
    Parameter(OperationId, usize),
    ReturnType(OperationId),
    Term(TermId),
    Container(ContainerId),
    EntitySet(ContainerId, usize),
    Singleton(ContainerId, usize),
    ActionImport(ContainerId, usize),
    FunctionImport(ContainerId, usize),
    /// A target path that names nothing in the model (reported as a warning).
    Unresolved(String),
}

impl From<TypeId> for Target {
    fn from(id: TypeId) -> Self {
        Target::Type(id)
    }
}

impl From<PropertyId> for Target {
    fn from(id: PropertyId) -> Self {
        Target::Property(id)
    }
}

impl From<OperationId> for Target {
    fn from(id: OperationId) -> Self {
        Target::Operation(id)
    }
}

/// An annotation: a term applied to a target, with a value.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// Namespace-qualified term name (`Org.OData.Core.V1.Description`), aliases expanded.
    pub term: String,
    pub qualifier: Option<String>,
    pub value: Value,
    /// Annotations of this annotation, at any depth, with their terms namespace-qualified.
    pub annotations: Vec<crate::csdl::Annotation>,
    pub target: Target,
    /// The term's declaration, when it is declared in a loaded document.
    pub term_id: Option<TermId>,
    /// True when written inside the element it targets, false when in `<Annotations>`.
    pub inline: bool,
    pub pos: SourcePos,
}

/// Standard vocabularies and their usual aliases, used when a document does not declare them.
pub const STANDARD_ALIASES: &[(&str, &str)] = &[
    ("Core", "Org.OData.Core.V1"),
    ("Capabilities", "Org.OData.Capabilities.V1"),
    ("Validation", "Org.OData.Validation.V1"),
    ("Measures", "Org.OData.Measures.V1"),
    ("Authorization", "Org.OData.Authorization.V1"),
    ("Aggregation", "Org.OData.Aggregation.V1"),
    ("Temporal", "Org.OData.Temporal.V1"),
    ("JSON", "Org.OData.JSON.V1"),
    ("Repeatability", "Org.OData.Repeatability.V1"),
];

/// Namespace-qualified type names -> ids, without a second copy of each name: entries are
/// keyed by the name's hash and checked against [`Type::qualified_name`] in the arena.
#[derive(Clone, Debug, PartialEq, Default)]
struct TypeIndex(HashMap<u64, smallvec::SmallVec<[TypeId; 1]>>);

impl TypeIndex {
    fn hash(name: &str) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(name)
    }

    fn get(&self, types: &[Type], name: &str) -> Option<TypeId> {
        self.0.get(&Self::hash(name))?.iter().copied().find(|id| {
            types
                .get(id.index())
                .is_some_and(|t| t.qualified_name == name)
        })
    }

    /// Adds a type whose name is not in the index yet.
    fn insert(&mut self, name: &str, id: TypeId) {
        self.0.entry(Self::hash(name)).or_default().push(id);
    }

    fn reserve(&mut self, additional: usize) {
        self.0.reserve(additional);
    }
}

/// The resolved model. See the [module documentation](self) for how to walk it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Model {
    files: Vec<String>,
    /// How many of `files` were given to resolve; the rest were loaded for their references
    /// ([`Model::resolve_in`]).
    main_files: usize,
    schemas: Vec<Schema>,
    types: Vec<Type>,
    properties: Vec<Property>,
    operations: Vec<Operation>,
    terms: Vec<Term>,
    containers: Vec<EntityContainer>,
    annotations: Vec<Annotation>,
    /// Namespace-qualified name -> type.
    type_index: TypeIndex,
    /// Namespace-qualified name -> overloads.
    operation_index: HashMap<String, Vec<OperationId>>,
    term_index: HashMap<String, TermId>,
    /// Alias -> namespace, over all documents (first declaration wins) and standard defaults.
    aliases: HashMap<String, String>,
    /// Direct derived types of each type, in document order.
    derived: Vec<Vec<TypeId>>,
}

impl Model {
    /// Resolves one or more documents into one model (for example the official metadata, or a
    /// slice of it, plus overlay files whose out-of-line `<Annotations>` add facts).
    ///
    /// Fails on the first error (an unknown type, a base type cycle, a duplicate name...), with
    /// the position of the reference that fails; returns warnings for problems that do not
    /// stop resolution.
    pub fn resolve(docs: &[crate::csdl::Document]) -> Result<(Model, Vec<Warning>), Diagnostic> {
        resolve::resolve(docs.to_vec(), Vec::new())
    }

    /// [`Model::resolve`] for documents the caller no longer needs: names and annotation
    /// values move into the model instead of being copied, which makes it faster and
    /// lighter (the CLI and the benchmark use it).
    pub fn resolve_owned(
        docs: Vec<crate::csdl::Document>,
    ) -> Result<(Model, Vec<Warning>), Diagnostic> {
        resolve::resolve(docs, Vec::new())
    }

    /// [`Model::resolve_owned`], with the documents `docs` reference (vocabularies), found in
    /// `catalog`: their terms and types resolve the names `docs` use, and
    /// [`Model::is_reference`] tells them apart, so that generating "everything" means
    /// everything of `docs`. The catalogue's warnings (references found nowhere) come first.
    pub fn resolve_in(
        catalog: &crate::csdl::Catalog,
        docs: Vec<crate::csdl::Document>,
    ) -> Result<(Model, Vec<Warning>), Diagnostic> {
        let (references, mut warnings) = catalog.referenced(&docs)?;
        let (model, more) = resolve::resolve(docs, references)?;
        warnings.extend(more);
        Ok((model, warnings))
    }

    /// Whether `file` was loaded only because another document references it.
    pub fn is_reference(&self, file: FileId) -> bool {
        file.index() >= self.main_files
    }

    /// The name of a source document, as given to the reader.
    pub fn file_name(&self, file: FileId) -> &str {
        self.files.get(file.index()).map_or("", String::as_str)
    }

    /// `file:line:column` of a position.
    pub fn location(&self, pos: SourcePos) -> Location<'_> {
        Location {
            file: self.file_name(pos.file),
            line: pos.line,
            column: pos.column,
        }
    }

    /// Schemas in document order.
    pub fn schemas(&self) -> impl ExactSizeIterator<Item = (SchemaId, &Schema)> {
        with_ids(&self.schemas, SchemaId::from_index)
    }

    /// All named types in document order.
    pub fn types(&self) -> impl ExactSizeIterator<Item = (TypeId, &Type)> {
        with_ids(&self.types, TypeId::from_index)
    }

    /// All properties (structural and navigation) in document order.
    pub fn properties(&self) -> impl ExactSizeIterator<Item = (PropertyId, &Property)> {
        with_ids(&self.properties, PropertyId::from_index)
    }

    /// All actions and functions (each overload) in document order, overloads together.
    pub fn operations(&self) -> impl ExactSizeIterator<Item = (OperationId, &Operation)> {
        with_ids(&self.operations, OperationId::from_index)
    }

    /// Terms declared in the loaded documents.
    pub fn terms(&self) -> impl ExactSizeIterator<Item = (TermId, &Term)> {
        with_ids(&self.terms, TermId::from_index)
    }

    /// Entity containers (normally one).
    pub fn containers(&self) -> impl ExactSizeIterator<Item = (ContainerId, &EntityContainer)> {
        with_ids(&self.containers, ContainerId::from_index)
    }

    /// The first entity container, the one a service exposes.
    pub fn entity_container(&self) -> Option<&EntityContainer> {
        self.containers.first()
    }

    /// All annotations: inline ones as their elements are read, then out-of-line ones, per
    /// schema, grouped by target in order of first appearance.
    pub fn annotations(&self) -> impl ExactSizeIterator<Item = (AnnotationId, &Annotation)> {
        with_ids(&self.annotations, AnnotationId::from_index)
    }

    pub fn schema(&self, id: SchemaId) -> &Schema {
        &self.schemas[id.index()]
    }

    pub fn ty(&self, id: TypeId) -> &Type {
        &self.types[id.index()]
    }

    pub fn property(&self, id: PropertyId) -> &Property {
        &self.properties[id.index()]
    }

    pub fn operation(&self, id: OperationId) -> &Operation {
        &self.operations[id.index()]
    }

    pub fn term(&self, id: TermId) -> &Term {
        &self.terms[id.index()]
    }

    pub fn container(&self, id: ContainerId) -> &EntityContainer {
        &self.containers[id.index()]
    }

    /// Expands an alias-qualified name (`graph.user`, `Core.Description`) to its
    /// namespace-qualified form; other names come back unchanged. Also accepts a path with a
    /// `/member` suffix (`graph.status/active`).
    pub fn expand_alias(&self, name: &str) -> String {
        self.expand_alias_cow(name).into_owned()
    }

    /// [`Model::expand_alias`] that allocates only when an alias is expanded (hot lookups pass
    /// names that are already namespace-qualified).
    fn expand_alias_cow<'n>(&self, name: &'n str) -> Cow<'n, str> {
        let (qualified, suffix) = match name.find('/') {
            Some(slash) => name.split_at(slash),
            None => (name, ""),
        };
        match qualified.rsplit_once('.') {
            Some((prefix, simple)) => match self.aliases.get(prefix) {
                Some(namespace) => Cow::Owned(format!("{namespace}.{simple}{suffix}")),
                None => Cow::Borrowed(name),
            },
            None => Cow::Borrowed(name),
        }
    }

    /// A type reference as CSDL writes it, namespace-qualified (`Collection(microsoft.graph.x)`).
    pub fn type_ref_name(&self, ty: &TypeRef) -> String {
        let name = match &ty.target {
            TypeTarget::Primitive(kind) => kind.to_string(),
            TypeTarget::Type(id) => self.ty(*id).qualified_name.clone(),
            TypeTarget::Unknown(name) => name.clone(),
        };
        if ty.collection {
            format!("Collection({name})")
        } else {
            name
        }
    }

    /// Qualified names of up to five types whose simple name is the last segment of `name`,
    /// ignoring case: the suggestions for a type name that resolves to nothing.
    pub fn similar_type_names(&self, name: &str) -> Vec<String> {
        let simple = name.rsplit('.').next().unwrap_or(name);
        self.types()
            .filter(|(_, ty)| ty.name.eq_ignore_ascii_case(simple))
            .map(|(_, ty)| ty.qualified_name.clone())
            .take(5)
            .collect()
    }

    /// A named type by namespace- or alias-qualified name.
    pub fn find_type(&self, name: &str) -> Option<TypeId> {
        self.type_index.get(&self.types, name).or_else(|| {
            self.type_index
                .get(&self.types, self.expand_alias_cow(name).as_ref())
        })
    }

    /// The overloads of an action or function, by namespace- or alias-qualified name.
    pub fn find_operations(&self, name: &str) -> &[OperationId] {
        self.operation_index
            .get(name)
            .or_else(|| {
                self.operation_index
                    .get(self.expand_alias_cow(name).as_ref())
            })
            .map_or(&[], Vec::as_slice)
    }

    /// A term declared in a loaded document.
    pub fn find_term(&self, name: &str) -> Option<TermId> {
        self.term_index
            .get(name)
            .or_else(|| self.term_index.get(self.expand_alias_cow(name).as_ref()))
            .copied()
    }

    /// A property of a structured type by name, declared or inherited.
    pub fn find_property(&self, ty: TypeId, name: &str) -> Option<PropertyId> {
        let mut current = Some(ty);
        while let Some(id) = current {
            let structured = self.ty(id).structured()?;
            if let Some(p) = structured
                .properties
                .iter()
                .find(|p| self.property(**p).name == name)
            {
                return Some(*p);
            }
            current = structured.base;
        }
        None
    }

    /// The base types of a type, nearest first.
    pub fn base_types(&self, ty: TypeId) -> Vec<TypeId> {
        let mut chain = Vec::new();
        let mut current = self.ty(ty).structured().and_then(|s| s.base);
        // Resolution rejects cycles, so the chain ends; the bound guards against misuse.
        while let Some(id) = current {
            if chain.len() > self.types.len() {
                break;
            }
            chain.push(id);
            current = self.ty(id).structured().and_then(|s| s.base);
        }
        chain
    }

    /// All properties of a structured type, inherited ones included, base-first; each
    /// property's `declaring_type` says where it is declared.
    pub fn all_properties(&self, ty: TypeId) -> Vec<PropertyId> {
        let mut chain = self.base_types(ty);
        chain.reverse();
        chain.push(ty);
        chain
            .into_iter()
            .filter_map(|id| self.ty(id).structured())
            .flat_map(|s| s.properties.iter().copied())
            .collect()
    }

    /// The key of an entity type, inherited from the nearest base that declares one.
    pub fn key(&self, ty: TypeId) -> &[KeyProperty] {
        std::iter::once(ty)
            .chain(self.base_types(ty))
            .filter_map(|id| self.ty(id).structured())
            .find(|s| !s.key.is_empty())
            .map_or(&[], |s| s.key.as_slice())
    }

    /// Types whose `BaseType` is this type, in document order.
    pub fn direct_derived_types(&self, ty: TypeId) -> &[TypeId] {
        self.derived.get(ty.index()).map_or(&[], Vec::as_slice)
    }

    /// All types derived from this type, directly or transitively (depth-first, document order).
    pub fn derived_types(&self, ty: TypeId) -> Vec<TypeId> {
        let mut out = Vec::new();
        let mut stack: Vec<TypeId> = self
            .direct_derived_types(ty)
            .iter()
            .rev()
            .copied()
            .collect();
        while let Some(id) = stack.pop() {
            out.push(id);
            stack.extend(self.direct_derived_types(id).iter().rev().copied());
        }
        out
    }

    /// Operations bound to a type (single or collection binding parameter), document order.
    pub fn bound_operations(&self, ty: TypeId) -> impl Iterator<Item = OperationId> + '_ {
        self.operations().filter_map(move |(id, op)| {
            matches!(op.binding(), Some(TypeRef { target: TypeTarget::Type(t), .. }) if *t == ty)
                .then_some(id)
        })
    }

    /// The annotations attached to a target, in order (inline first, then out-of-line).
    pub fn annotations_of(&self, target: &Target) -> &[AnnotationId] {
        let list = match target {
            Target::Schema(id) => Some(&self.schema(*id).annotations),
            Target::Type(id) => Some(&self.ty(*id).annotations),
            Target::Property(id) => Some(&self.property(*id).annotations),
            Target::Member(id, index) => self
                .ty(*id)
                .as_enum()
                .and_then(|e| e.members.get(*index))
                .map(|m| &m.annotations),
            Target::Operation(id) => Some(&self.operation(*id).annotations),
            Target::Overloads(ids) => ids.first().map(|id| &self.operation(*id).annotations),
            Target::Parameter(id, index) => self
                .operation(*id)
                .parameters
                .get(*index)
                .map(|p| &p.annotations),
            Target::ReturnType(id) => self
                .operation(*id)
                .return_type
                .as_ref()
                .map(|r| &r.annotations),
            Target::Term(id) => Some(&self.term(*id).annotations),
            Target::Container(id) => Some(&self.container(*id).annotations),
            Target::EntitySet(id, index) => self
                .container(*id)
                .entity_sets
                .get(*index)
                .map(|s| &s.annotations),
            Target::Singleton(id, index) => self
                .container(*id)
                .singletons
                .get(*index)
                .map(|s| &s.annotations),
            Target::ActionImport(id, index) => self
                .container(*id)
                .action_imports
                .get(*index)
                .map(|s| &s.annotations),
            Target::FunctionImport(id, index) => self
                .container(*id)
                .function_imports
                .get(*index)
                .map(|s| &s.annotations),
            Target::Unresolved(_) => None,
        };
        list.map_or(&[], Vec::as_slice)
    }

    /// The annotation of `term` without a qualifier on `target`. The term may be
    /// namespace-qualified (`Org.OData.Core.V1.Description`) or alias-qualified
    /// (`Core.Description`).
    pub fn annotation(&self, target: impl Into<Target>, term: &str) -> Option<&Annotation> {
        self.annotation_qualified(target, term, None)
    }

    /// The annotation of `term` with the given qualifier (`None`: without one) on `target`.
    pub fn annotation_qualified(
        &self,
        target: impl Into<Target>,
        term: &str,
        qualifier: Option<&str>,
    ) -> Option<&Annotation> {
        let annotations = self.annotations_of(&target.into());
        // Most targets have no annotations: skip expanding the term for them.
        if annotations.is_empty() {
            return None;
        }
        let term = self.expand_alias_cow(term);
        annotations
            .iter()
            .map(|id| &self[*id])
            .find(|a| a.term == term && a.qualifier.as_deref() == qualifier)
    }

    /// `Core.Description` of a target, if it has one.
    pub fn description(&self, target: impl Into<Target>) -> Option<&str> {
        self.annotation(target, "Org.OData.Core.V1.Description")
            .and_then(|a| a.value.as_str())
    }

    /// Clears every source position, so that models read from different files (XML and its
    /// JSON conversion) can be compared with `==`.
    pub fn without_positions(mut self) -> Self {
        let none = SourcePos::default();
        self.files.clear();
        for s in &mut self.schemas {
            s.pos = none;
        }
        for t in &mut self.types {
            t.pos = none;
            match &mut t.detail {
                TypeDetail::Entity(s) | TypeDetail::Complex(s) => {
                    s.key.iter_mut().for_each(|k| k.pos = none)
                }
                TypeDetail::Enum(e) => e.members.iter_mut().for_each(|m| m.pos = none),
                TypeDetail::Definition(_) => {}
            }
        }
        for p in &mut self.properties {
            p.pos = none;
        }
        for o in &mut self.operations {
            o.pos = none;
            o.parameters.iter_mut().for_each(|p| p.pos = none);
            if let Some(r) = &mut o.return_type {
                r.pos = none;
            }
        }
        for t in &mut self.terms {
            t.pos = none;
        }
        for c in &mut self.containers {
            c.pos = none;
            for s in &mut c.entity_sets {
                s.pos = none;
                s.bindings.iter_mut().for_each(|b| b.pos = none);
            }
            for s in &mut c.singletons {
                s.pos = none;
                s.bindings.iter_mut().for_each(|b| b.pos = none);
            }
            c.action_imports.iter_mut().for_each(|i| i.pos = none);
            c.function_imports.iter_mut().for_each(|i| i.pos = none);
        }
        for a in &mut self.annotations {
            a.pos = none;
            a.value.clear_positions();
            a.annotations
                .iter_mut()
                .for_each(crate::csdl::Annotation::clear_positions);
        }
        self
    }
}

macro_rules! index_impl {
    ($id:ty, $out:ty, $field:ident) => {
        impl Index<$id> for Model {
            type Output = $out;
            fn index(&self, id: $id) -> &$out {
                &self.$field[id.index()]
            }
        }
    };
}

index_impl!(SchemaId, Schema, schemas);
index_impl!(TypeId, Type, types);
index_impl!(PropertyId, Property, properties);
index_impl!(OperationId, Operation, operations);
index_impl!(TermId, Term, terms);
index_impl!(ContainerId, EntityContainer, containers);
index_impl!(AnnotationId, Annotation, annotations);
