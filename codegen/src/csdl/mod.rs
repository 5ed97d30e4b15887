//! Reading CSDL: XML (OData 4.0 and 4.01, with or without a byte order mark) and JSON (4.01),
//! detected from content, into a syntax tree that keeps source positions. No names are
//! resolved here; see [`crate::model`] for that.
//!
//! Names are kept as written (alias-qualified or not); `Nullable` is resolved with the default
//! of the format (true in XML, false in JSON) so that both formats give the same tree.

mod catalog;
mod json;
mod json_writer;
mod position;
mod xml;
mod xml_writer;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

pub use catalog::Catalog;
pub use json_writer::to_json;
pub use xml_writer::to_xml;

/// Documents larger than this are refused before parsing (the whole Graph v1.0 is 3.5 MB).
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;
/// Element (or JSON value) nesting deeper than this is refused; CSDL needs about 10.
pub const MAX_DEPTH: usize = 64;
/// Names (and other identifiers) longer than this are refused; OData allows 128 characters.
pub const MAX_NAME_LEN: usize = 4096;

/// An error or warning with the place it refers to; displays as `FILE:LINE:COLUMN: message`
/// (or `FILE: message` when no position applies, such as an unreadable file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; 0 when the message is about the whole file.
    pub line: u32,
    /// 1-based, in characters; 0 when the message is about the whole file.
    pub column: u32,
    pub message: String,
}

/// A reading or resolution error.
pub type Error = Diagnostic;

impl Diagnostic {
    pub fn new(file: &str, pos: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: pos.line,
            column: pos.column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for Diagnostic {}

/// The versions of CSDL this reader reads, or the message for another `version`.
fn check_version(version: &str) -> Result<(), String> {
    match version {
        "4.0" | "4.01" => Ok(()),
        _ => Err(format!(
            "unsupported CSDL Version `{version}`: expected 4.0 or 4.01"
        )),
    }
}

/// A line and column (1-based, column in characters) in the source document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// The format a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Xml,
    Json,
}

/// One CSDL document.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The name given to the reader (a path, usually); used in messages.
    pub file: String,
    pub format: Format,
    /// `Version` (`4.0`, `4.01`).
    pub version: String,
    pub references: Vec<Reference>,
    pub schemas: Vec<Schema>,
    /// What was read leniently, as Microsoft's OData library reads it (`Scale="Variable"`,
    /// `IsBound="True"`), each with its line.
    pub warnings: Vec<Diagnostic>,
}

/// `<edmx:Reference>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    pub uri: String,
    pub includes: Vec<Include>,
    pub include_annotations: Vec<IncludeAnnotations>,
    /// Annotations of the reference itself.
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<edmx:Include>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Include {
    pub namespace: String,
    pub alias: Option<String>,
    /// Annotations of the include (`Core.DefaultNamespace`, say).
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<edmx:IncludeAnnotations>`.
#[derive(Clone, Debug, PartialEq)]
pub struct IncludeAnnotations {
    pub term_namespace: String,
    pub qualifier: Option<String>,
    pub target_namespace: Option<String>,
    pub pos: Position,
}

/// `<Schema>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    pub namespace: String,
    pub alias: Option<String>,
    /// Declarations in document order.
    pub items: Vec<SchemaItem>,
    /// Annotations written inside `<Schema>` itself.
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// A child of a schema.
#[derive(Clone, Debug, PartialEq)]
pub enum SchemaItem {
    EntityType(StructuredType),
    ComplexType(StructuredType),
    EnumType(EnumType),
    TypeDefinition(TypeDefinition),
    Action(Operation),
    Function(Operation),
    Term(Term),
    EntityContainer(EntityContainer),
    Annotations(AnnotationsBlock),
}

impl SchemaItem {
    /// The declared name, or the target of an `<Annotations>` block.
    pub fn name(&self) -> &str {
        match self {
            SchemaItem::EntityType(t) | SchemaItem::ComplexType(t) => &t.name,
            SchemaItem::EnumType(t) => &t.name,
            SchemaItem::TypeDefinition(t) => &t.name,
            SchemaItem::Action(o) | SchemaItem::Function(o) => &o.name,
            SchemaItem::Term(t) => &t.name,
            SchemaItem::EntityContainer(c) => &c.name,
            SchemaItem::Annotations(a) => &a.target,
        }
    }

    pub fn pos(&self) -> Position {
        match self {
            SchemaItem::EntityType(t) | SchemaItem::ComplexType(t) => t.pos,
            SchemaItem::EnumType(t) => t.pos,
            SchemaItem::TypeDefinition(t) => t.pos,
            SchemaItem::Action(o) | SchemaItem::Function(o) => o.pos,
            SchemaItem::Term(t) => t.pos,
            SchemaItem::EntityContainer(c) => c.pos,
            SchemaItem::Annotations(a) => a.pos,
        }
    }
}

/// A type reference as written: `Collection(graph.x)` is `{ collection: true, name: "graph.x" }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeName {
    pub collection: bool,
    /// Shared: the readers keep one copy of each distinct name (Graph writes ~18,000 type
    /// references to ~3,000 types), so a reference costs no allocation of its own.
    pub name: Arc<str>,
}

impl fmt::Display for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.collection {
            write!(f, "Collection({})", self.name)
        } else {
            f.write_str(&self.name)
        }
    }
}

/// Facets of a property, parameter, return type, term or type definition.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Facets {
    pub max_length: Option<MaxLength>,
    pub precision: Option<u32>,
    pub scale: Option<Scale>,
    pub srid: Option<String>,
    pub unicode: Option<bool>,
}

/// `MaxLength`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaxLength {
    Max,
    Length(u64),
}

/// `Scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Value(u32),
    Variable,
    Floating,
}

/// `<EntityType>` or `<ComplexType>`.
#[derive(Clone, Debug, PartialEq)]
pub struct StructuredType {
    pub name: String,
    pub base_type: Option<String>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub has_stream: bool,
    pub key: Vec<PropertyRef>,
    pub properties: Vec<Property>,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<PropertyRef>` of a `<Key>`.
#[derive(Clone, Debug, PartialEq)]
pub struct PropertyRef {
    pub name: String,
    pub alias: Option<String>,
    pub pos: Position,
}

/// `<Property>` or `<NavigationProperty>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Property {
    pub name: String,
    pub navigation: bool,
    pub ty: TypeName,
    pub nullable: bool,
    pub facets: Facets,
    pub default_value: Option<String>,
    pub contains_target: bool,
    pub partner: Option<String>,
    /// `<OnDelete Action>` of a navigation property.
    pub on_delete: Option<String>,
    /// `<ReferentialConstraint Property ReferencedProperty>` of a navigation property.
    pub referential_constraints: Vec<(String, String)>,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<EnumType>`.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumType {
    pub name: String,
    pub underlying_type: Option<String>,
    pub is_flags: bool,
    pub members: Vec<EnumMember>,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<Member>`.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumMember {
    pub name: String,
    /// `None` when implicit.
    pub value: Option<i64>,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<TypeDefinition>`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDefinition {
    pub name: String,
    pub underlying_type: String,
    pub facets: Facets,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<Action>` or `<Function>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    pub name: String,
    pub is_bound: bool,
    pub is_composable: bool,
    pub entity_set_path: Option<String>,
    pub parameters: Vec<Parameter>,
    pub return_type: Option<ReturnType>,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<Parameter>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub ty: TypeName,
    pub nullable: bool,
    pub facets: Facets,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<ReturnType>`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnType {
    pub ty: TypeName,
    pub nullable: bool,
    pub facets: Facets,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<Term>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub name: String,
    pub ty: TypeName,
    pub nullable: bool,
    pub facets: Facets,
    pub base_term: Option<String>,
    pub default_value: Option<String>,
    pub applies_to: Option<String>,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<EntityContainer>`.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityContainer {
    pub name: String,
    pub extends: Option<String>,
    pub items: Vec<ContainerItem>,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// A child of an entity container.
#[derive(Clone, Debug, PartialEq)]
pub enum ContainerItem {
    EntitySet(EntitySet),
    Singleton(Singleton),
    ActionImport(OperationImport),
    FunctionImport(OperationImport),
}

/// `<EntitySet>`.
#[derive(Clone, Debug, PartialEq)]
pub struct EntitySet {
    pub name: String,
    pub entity_type: String,
    pub include_in_service_document: bool,
    pub bindings: Vec<Binding>,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<Singleton>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Singleton {
    pub name: String,
    pub ty: String,
    pub nullable: bool,
    pub bindings: Vec<Binding>,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<NavigationPropertyBinding>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub path: String,
    pub target: String,
    pub pos: Position,
}

/// `<ActionImport>` or `<FunctionImport>`.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationImport {
    pub name: String,
    /// `Action` or `Function` attribute.
    pub operation: String,
    pub entity_set: Option<String>,
    /// Function imports only.
    pub include_in_service_document: bool,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<Annotations Target>`: out-of-line annotations.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationsBlock {
    pub target: String,
    pub qualifier: Option<String>,
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// `<Annotation Term>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// As written (alias-qualified or not).
    pub term: String,
    pub qualifier: Option<String>,
    pub value: Value,
    /// Annotations of this annotation (`<Annotation>` children; `@A@B` in CSDL JSON), at any
    /// depth.
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// The value of an annotation, record property or collection item.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    /// No value written: the term's default applies (`true` for a Boolean tag term).
    #[default]
    Absent,
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Exact decimal text.
    Decimal(String),
    String(String),
    Date(String),
    DateTimeOffset(String),
    Duration(String),
    Guid(String),
    TimeOfDay(String),
    /// Base64url text.
    Binary(String),
    /// Qualified members (`Capabilities.NavigationType/None`); several for a flags value. In
    /// the resolved model they are namespace-qualified.
    EnumMember(Vec<String>),
    Path(PathKind, String),
    Record(Record),
    Collection(Vec<Value>),
    /// A dynamic expression, and a `<Null>` that carries annotations.
    Expression(Box<Expression>),
}

/// A dynamic expression: a value a client computes from the annotated instance (`<If>`,
/// `<Apply>`, `$And`...), or an annotated null.
#[derive(Clone, Debug, PartialEq)]
pub struct Expression {
    pub kind: ExpressionKind,
    /// Its `<Annotation>` children; `@Term` members in CSDL JSON.
    pub annotations: Vec<Annotation>,
    pub pos: Position,
}

/// What a dynamic [`Expression`] computes, with its operands.
#[derive(Clone, Debug, PartialEq)]
pub enum ExpressionKind {
    /// A null that carries annotations (a bare null is [`Value::Null`]).
    Null,
    /// A client-side function (`odata.concat`, `odata.fillUriTemplate`...) applied to the
    /// arguments.
    Apply {
        /// Qualified (alias-qualified as written; namespace-qualified in the resolved model).
        function: String,
        arguments: Vec<Value>,
    },
    Cast(TypeTest),
    IsOf(TypeTest),
    /// `otherwise` is absent only in an item of a collection: then nothing is added.
    If {
        condition: Value,
        then: Value,
        otherwise: Option<Value>,
    },
    /// Names its value, for [`ExpressionKind::LabeledElementReference`].
    LabeledElement {
        name: String,
        value: Value,
    },
    /// The qualified name of a labeled element.
    LabeledElementReference(String),
    /// The value is got by `GET` from the URL its operand computes.
    UrlRef(Value),
    Not(Value),
    Neg(Value),
    /// The logical, comparison and arithmetic operators of two operands.
    Binary(BinaryOperator, Value, Value),
}

/// The type and operand of a `Cast` or `IsOf` expression.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeTest {
    /// As written (alias-qualified or not; namespace-qualified in the resolved model).
    pub ty: TypeName,
    pub facets: Facets,
    pub value: Value,
}

/// The operator of [`ExpressionKind::Binary`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOperator {
    And,
    Or,
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Has,
    In,
    Add,
    Sub,
    Mul,
    Div,
    DivBy,
    Mod,
}

impl BinaryOperator {
    const ALL: [BinaryOperator; 16] = [
        BinaryOperator::And,
        BinaryOperator::Or,
        BinaryOperator::Eq,
        BinaryOperator::Ne,
        BinaryOperator::Gt,
        BinaryOperator::Ge,
        BinaryOperator::Lt,
        BinaryOperator::Le,
        BinaryOperator::Has,
        BinaryOperator::In,
        BinaryOperator::Add,
        BinaryOperator::Sub,
        BinaryOperator::Mul,
        BinaryOperator::Div,
        BinaryOperator::DivBy,
        BinaryOperator::Mod,
    ];

    /// The XML element (and JSON `$` member) name.
    pub fn name(self) -> &'static str {
        match self {
            BinaryOperator::And => "And",
            BinaryOperator::Or => "Or",
            BinaryOperator::Eq => "Eq",
            BinaryOperator::Ne => "Ne",
            BinaryOperator::Gt => "Gt",
            BinaryOperator::Ge => "Ge",
            BinaryOperator::Lt => "Lt",
            BinaryOperator::Le => "Le",
            BinaryOperator::Has => "Has",
            BinaryOperator::In => "In",
            BinaryOperator::Add => "Add",
            BinaryOperator::Sub => "Sub",
            BinaryOperator::Mul => "Mul",
            BinaryOperator::Div => "Div",
            BinaryOperator::DivBy => "DivBy",
            BinaryOperator::Mod => "Mod",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|op| op.name() == name)
    }
}

impl ExpressionKind {
    /// The XML element (and JSON `$` member) name.
    pub fn name(&self) -> &'static str {
        match self {
            ExpressionKind::Null => "Null",
            ExpressionKind::Apply { .. } => "Apply",
            ExpressionKind::Cast(_) => "Cast",
            ExpressionKind::IsOf(_) => "IsOf",
            ExpressionKind::If { .. } => "If",
            ExpressionKind::LabeledElement { .. } => "LabeledElement",
            ExpressionKind::LabeledElementReference(_) => "LabeledElementReference",
            ExpressionKind::UrlRef(_) => "UrlRef",
            ExpressionKind::Not(_) => "Not",
            ExpressionKind::Neg(_) => "Neg",
            ExpressionKind::Binary(op, ..) => op.name(),
        }
    }

    /// Its operands, in document order.
    pub fn operands(&self) -> Vec<&Value> {
        match self {
            ExpressionKind::Null | ExpressionKind::LabeledElementReference(_) => Vec::new(),
            ExpressionKind::Apply { arguments, .. } => arguments.iter().collect(),
            ExpressionKind::Cast(test) | ExpressionKind::IsOf(test) => vec![&test.value],
            ExpressionKind::If {
                condition,
                then,
                otherwise,
            } => [condition, then].into_iter().chain(otherwise).collect(),
            ExpressionKind::LabeledElement { value, .. }
            | ExpressionKind::UrlRef(value)
            | ExpressionKind::Not(value)
            | ExpressionKind::Neg(value) => vec![value],
            ExpressionKind::Binary(_, left, right) => vec![left, right],
        }
    }

    /// [`Self::operands`], to change them.
    pub fn operands_mut(&mut self) -> Vec<&mut Value> {
        match self {
            ExpressionKind::Null | ExpressionKind::LabeledElementReference(_) => Vec::new(),
            ExpressionKind::Apply { arguments, .. } => arguments.iter_mut().collect(),
            ExpressionKind::Cast(test) | ExpressionKind::IsOf(test) => vec![&mut test.value],
            ExpressionKind::If {
                condition,
                then,
                otherwise,
            } => [condition, then].into_iter().chain(otherwise).collect(),
            ExpressionKind::LabeledElement { value, .. }
            | ExpressionKind::UrlRef(value)
            | ExpressionKind::Not(value)
            | ExpressionKind::Neg(value) => vec![value],
            ExpressionKind::Binary(_, left, right) => vec![left, right],
        }
    }
}

/// Which path expression a [`Value::Path`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathKind {
    Path,
    PropertyPath,
    NavigationPropertyPath,
    AnnotationPath,
    ModelElementPath,
}

impl PathKind {
    /// The XML element (and JSON `$` member) name.
    pub fn name(self) -> &'static str {
        match self {
            PathKind::Path => "Path",
            PathKind::PropertyPath => "PropertyPath",
            PathKind::NavigationPropertyPath => "NavigationPropertyPath",
            PathKind::AnnotationPath => "AnnotationPath",
            PathKind::ModelElementPath => "ModelElementPath",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        [
            PathKind::Path,
            PathKind::PropertyPath,
            PathKind::NavigationPropertyPath,
            PathKind::AnnotationPath,
            PathKind::ModelElementPath,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// A record value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    /// The `Type`, when given (as written; namespace-qualified in the resolved model).
    pub ty: Option<String>,
    /// Property values in document order.
    pub properties: Vec<(String, Value)>,
    /// Annotations of the record itself (`<Record><Annotation>`; `@Term` in CSDL JSON).
    pub annotations: Vec<Annotation>,
    /// Annotations of one property value, by property name (`<PropertyValue><Annotation>`;
    /// `property@Term` in CSDL JSON), in document order.
    pub property_annotations: Vec<(String, Annotation)>,
}

impl Record {
    /// The value of the property `name`, if the record sets it.
    pub fn member(&self, name: &str) -> Option<&Value> {
        self.properties
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }
}

impl Annotation {
    /// Sets its position, and those of the annotations inside it and inside its value, to the
    /// default (to compare documents read from different text).
    pub fn clear_positions(&mut self) {
        self.pos = Position::default();
        self.value.clear_positions();
        self.annotations
            .iter_mut()
            .for_each(Annotation::clear_positions);
    }
}

impl Value {
    /// Sets the positions of the annotations and expressions inside it, at any depth, to the
    /// default.
    pub fn clear_positions(&mut self) {
        match self {
            Value::Record(record) => {
                record
                    .annotations
                    .iter_mut()
                    .for_each(Annotation::clear_positions);
                for (_, annotation) in &mut record.property_annotations {
                    annotation.clear_positions();
                }
                for (_, value) in &mut record.properties {
                    value.clear_positions();
                }
            }
            Value::Collection(items) => items.iter_mut().for_each(Value::clear_positions),
            Value::Expression(expression) => {
                expression.pos = Position::default();
                expression
                    .annotations
                    .iter_mut()
                    .for_each(Annotation::clear_positions);
                for operand in expression.kind.operands_mut() {
                    operand.clear_positions();
                }
            }
            _ => {}
        }
    }

    /// The record, if this is one.
    pub fn as_record(&self) -> Option<&Record> {
        match self {
            Value::Record(record) => Some(record),
            _ => None,
        }
    }

    /// The text of a string-like constant.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s)
            | Value::Decimal(s)
            | Value::Date(s)
            | Value::DateTimeOffset(s)
            | Value::Duration(s)
            | Value::Guid(s)
            | Value::TimeOfDay(s)
            | Value::Binary(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// A record property by name.
    pub fn field(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Record(r) => r.properties.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Reads a CSDL document from a file.
pub fn read_path(path: impl AsRef<Path>) -> Result<Document, Error> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Diagnostic {
        file: name.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read file: {e}"),
    })?;
    read_bytes(&name, &bytes)
}

/// Reads a CSDL document (XML or JSON, detected from the first significant character) from
/// bytes; `name` is used in messages.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Document, Error> {
    let whole_file = |message: String| Diagnostic {
        file: name.to_owned(),
        line: 0,
        column: 0,
        message,
    };
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(whole_file(format!(
            "document is {} bytes, more than the limit of {MAX_DOCUMENT_BYTES}",
            bytes.len()
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let pos = position::LineIndex::position_of(bytes, e.valid_up_to());
        Diagnostic::new(name, pos, "invalid UTF-8")
    })?;
    match text.trim_start().as_bytes().first() {
        Some(b'<') => xml::read(name, text),
        Some(b'{') => json::read(name, text),
        Some(_) => {
            let offset = text.len() - text.trim_start().len();
            let pos = position::LineIndex::position_of(bytes, offset);
            Err(Diagnostic::new(
                name,
                pos,
                "not CSDL: expected XML (`<`) or JSON (`{`)",
            ))
        }
        None => Err(whole_file("empty document".to_owned())),
    }
}

/// True when `name` is a simple identifier that can be a JSON member name and a URL path
/// segment: not empty, and no `/`, `.`, whitespace, control characters, `@`, `$`, `#`, `(`, `)`,
/// quotes or `,`. Names that pass this but break the stricter OData identifier rules (such as
/// `request-id`) only get a warning during resolution.
pub fn is_acceptable_name(name: &str) -> bool {
    let ascii_ok = |b: u8| {
        !(b.is_ascii_whitespace()
            || b.is_ascii_control()
            || matches!(
                b,
                b'/' | b'.'
                    | b'@'
                    | b'$'
                    | b'#'
                    | b'('
                    | b')'
                    | b'"'
                    | b'\''
                    | b','
                    | b':'
                    | b'?'
                    | b'%'
            ))
    };
    !name.is_empty()
        && if name.is_ascii() {
            name.bytes().all(ascii_ok)
        } else {
            name.chars().all(|c| {
                if c.is_ascii() {
                    ascii_ok(c as u8)
                } else {
                    !(c.is_whitespace() || c.is_control())
                }
            })
        }
}

/// True when `name` follows the OData simple identifier rules (a letter or `_`, then letters,
/// digits and `_`, at most 128 characters).
pub fn is_odata_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        // Counting characters only when the bytes could exceed the limit.
        && (name.len() <= 128 || name.chars().count() <= 128)
}
