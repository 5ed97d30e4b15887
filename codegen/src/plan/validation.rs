//! Validation rules from annotations: what `#[validate(...)]` each generated item carries.
//!
//! # Interface with the planner and emitter (agreed here)
//! ```text
//! let rules = ValidationRules::new(&model);            // once per plan; indexes restrictions
//! warnings.extend(rules.warnings().iter().cloned());   // annotations that could not be used
//! // per field of the struct generated for `owner` (base properties flattened in):
//! field_plan.rules = rules.field_rules(&model, owner, property);
//! // per struct (type-level rules, inherited from base types), named in the rules module:
//! let type_rules = rules.type_rules(&model, owner);
//! ```
//! The emitter writes them as `#[validate(read_only, max_length = 255)]` on the field and
//! `#[validate(rule = crate::rules::directory_user_role)]` on the struct; `graph_macros`'s
//! `Validate` derive reads them.
//!
//! # Where rules come from
//! | Metadata | Rule |
//! |---|---|
//! | `Nullable="false"` on a single-valued property | `non_nullable` |
//! | `MaxLength` facet | `max_length` |
//! | `Core.Computed`, `Core.Permissions` = `Read` | `read_only` |
//! | `Core.Immutable` | `immutable` |
//! | `Validation.Pattern` / `Minimum` / `Maximum` / `AllowedValues` | `pattern` / `minimum` / `maximum` / `allowed_values` |
//! | `Capabilities.InsertRestrictions/NonInsertableProperties` | `non_insertable` (`read_only` if also non-updatable) |
//! | `Capabilities.UpdateRestrictions/NonUpdatableProperties` | `immutable` |
//! | `Capabilities.InsertRestrictions/RequiredProperties` | `required` |
//! | `GraphRs.Validation.LaterThan` / `RequiresTrue` / `UpdateRequires` | `later_than` / `requires_true` / `update_requires` |
//! | `GraphRs.Validation.Rule` on a type or a base type | `rule = <rules module>::<snake_case name>` |
//!
//! Capabilities restrictions are read on entity sets, singletons, collection-valued navigation
//! properties and entity types, directly or nested in `NavigationRestrictions/RestrictedProperties`;
//! their property paths may go through complex properties (`participants/organizer`), and the
//! rule lands on the field the path ends at, in the struct of the type holding it.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{
    Annotation, AnnotationId, EdmKind, MaxLength, Model, PathKind, PropertyId, PropertyKind,
    Target, TypeId, TypeTarget, Value, Warning,
};

const CORE_COMPUTED: &str = "Org.OData.Core.V1.Computed";
const CORE_IMMUTABLE: &str = "Org.OData.Core.V1.Immutable";
const CORE_PERMISSIONS: &str = "Org.OData.Core.V1.Permissions";
const CORE_PERMISSION_READ: &str = "Org.OData.Core.V1.Permission/Read";
const VALIDATION_PATTERN: &str = "Org.OData.Validation.V1.Pattern";
const VALIDATION_MINIMUM: &str = "Org.OData.Validation.V1.Minimum";
const VALIDATION_MAXIMUM: &str = "Org.OData.Validation.V1.Maximum";
const VALIDATION_ALLOWED_VALUES: &str = "Org.OData.Validation.V1.AllowedValues";
const INSERT_RESTRICTIONS: &str = "Org.OData.Capabilities.V1.InsertRestrictions";
const UPDATE_RESTRICTIONS: &str = "Org.OData.Capabilities.V1.UpdateRestrictions";
const NAVIGATION_RESTRICTIONS: &str = "Org.OData.Capabilities.V1.NavigationRestrictions";
const LATER_THAN: &str = "GraphRs.Validation.LaterThan";
const REQUIRES_TRUE: &str = "GraphRs.Validation.RequiresTrue";
const UPDATE_REQUIRES: &str = "GraphRs.Validation.UpdateRequires";
const RULE: &str = "GraphRs.Validation.Rule";

/// One rule of a field, as plain data.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldRule {
    /// Must be present on create.
    Required,
    /// Set by the service: refused on create and update.
    ReadOnly,
    /// Refused on update.
    Immutable,
    /// Refused on create.
    NonInsertable,
    /// An explicit `null` is refused.
    NonNullable,
    /// Most characters (bytes for binary).
    MaxLength(u64),
    /// A regular expression the text must match.
    Pattern(String),
    /// Lowest number allowed.
    Minimum(f64),
    /// Highest number allowed.
    Maximum(f64),
    /// The texts allowed.
    AllowedValues(Vec<String>),
    /// Must be later than this sibling (wire name) when both have values.
    LaterThan(String),
    /// Allowed only when this sibling Boolean (wire name) is `true`.
    RequiresTrue(String),
    /// In an update, this sibling (wire name) must be sent too.
    UpdateRequires(String),
}

/// One rule of a type, as plain data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRule {
    /// A hand-written function, by the name the metadata gives (`directoryUserRole`).
    Function(String),
}

/// What the Capabilities restrictions say about one property, reached from some collection.
#[derive(Clone, Copy, Debug, Default)]
struct Restriction {
    non_insertable: bool,
    non_updatable: bool,
    required: bool,
}

/// The validation rules of a model, with Capabilities restrictions indexed once.
#[derive(Debug)]
pub struct ValidationRules {
    /// (type holding the property, property) -> what restrictions say about it.
    restrictions: FxHashMap<(TypeId, PropertyId), Restriction>,
    /// The properties `restrictions` names, whatever the type.
    restricted: FxHashSet<PropertyId>,
    /// [`FIELD_TERMS`] with the documents' aliases applied, as annotations store their terms.
    field_terms: Vec<String>,
    warnings: Vec<Warning>,
}

/// The terms a field's rules read, looked up together in one pass over its annotations (one
/// lookup per term expanded the term and scanned the list again, for each of ~12,000 fields).
const FIELD_TERMS: [&str; 10] = [
    CORE_COMPUTED,
    CORE_IMMUTABLE,
    CORE_PERMISSIONS,
    VALIDATION_PATTERN,
    VALIDATION_MINIMUM,
    VALIDATION_MAXIMUM,
    VALIDATION_ALLOWED_VALUES,
    LATER_THAN,
    REQUIRES_TRUE,
    UPDATE_REQUIRES,
];

impl ValidationRules {
    /// Reads every Capabilities insert and update restriction of `model`.
    pub fn new(model: &Model) -> Self {
        let mut rules = ValidationRules {
            restrictions: FxHashMap::default(),
            restricted: FxHashSet::default(),
            field_terms: FIELD_TERMS
                .iter()
                .map(|term| model.expand_alias(term))
                .collect(),
            warnings: Vec::new(),
        };
        for (id, annotation) in model.annotations() {
            let Some(collection) = collection_type(model, &annotation.target) else {
                continue;
            };
            match annotation.term.as_str() {
                INSERT_RESTRICTIONS | UPDATE_RESTRICTIONS => {
                    let insert = annotation.term == INSERT_RESTRICTIONS;
                    rules.read_restrictions(model, id, collection, insert, &annotation.value);
                }
                NAVIGATION_RESTRICTIONS => {
                    rules.read_navigation_restrictions(model, id, collection, &annotation.value);
                }
                _ => {}
            }
        }
        rules
    }

    /// One `InsertRestrictions` (`insert`) or `UpdateRestrictions` record about the instances
    /// of `entity`.
    fn read_restrictions(
        &mut self,
        model: &Model,
        id: AnnotationId,
        entity: TypeId,
        insert: bool,
        value: &Value,
    ) {
        let Value::Record(record) = value else {
            self.warn(model, id, "expected a record".to_owned());
            return;
        };
        for (name, value) in &record.properties {
            let set: fn(&mut Restriction) = match (insert, name.as_str()) {
                (true, "NonInsertableProperties") => |r| r.non_insertable = true,
                (true, "RequiredProperties") => |r| r.required = true,
                (false, "NonUpdatableProperties") => |r| r.non_updatable = true,
                _ => continue,
            };
            for path in paths(value) {
                match resolve_path(model, entity, path) {
                    Ok(key) => {
                        self.restricted.insert(key.1);
                        set(self.restrictions.entry(key).or_default())
                    }
                    Err(message) => self.warn(model, id, format!("{name}: {message}")),
                }
            }
        }
    }

    /// `NavigationRestrictions/RestrictedProperties`: insert and update restrictions of the
    /// collections reached from `holder` through a navigation property (Graph's own style).
    fn read_navigation_restrictions(
        &mut self,
        model: &Model,
        id: AnnotationId,
        holder: TypeId,
        value: &Value,
    ) {
        let Value::Record(record) = value else {
            return;
        };
        let restricted = record
            .properties
            .iter()
            .filter(|(name, _)| name == "RestrictedProperties")
            .filter_map(|(_, value)| match value {
                Value::Collection(items) => Some(items),
                _ => None,
            })
            .flatten();
        for item in restricted {
            let Value::Record(restriction) = item else {
                continue;
            };
            let field = |wanted: &str| {
                restriction
                    .properties
                    .iter()
                    .find(|(name, _)| name == wanted)
                    .map(|(_, value)| value)
            };
            let Some(Value::Path(_, path)) = field("NavigationProperty") else {
                continue;
            };
            let entity = match resolve_path(model, holder, path) {
                Ok((_, property)) => match model[property].ty.target {
                    TypeTarget::Type(entity) => entity,
                    _ => continue,
                },
                Err(message) => {
                    self.warn(model, id, format!("NavigationProperty: {message}"));
                    continue;
                }
            };
            for (name, insert) in [("InsertRestrictions", true), ("UpdateRestrictions", false)] {
                if let Some(value) = field(name) {
                    self.read_restrictions(model, id, entity, insert, value);
                }
            }
        }
    }

    /// Annotations that could not be turned into rules, with where they are written.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// True when [`ValidationRules::field_rules`] of `property` is the same in every struct
    /// that has it: no restriction names it (restrictions are per type) and it has no rule
    /// naming another member (resolved in the owner). Most properties; their rules can be
    /// worked out once.
    pub fn same_for_every_owner(&self, model: &Model, property: PropertyId) -> bool {
        let found = self.field_annotations(model, property);
        !self.restricted.contains(&property)
            && [LATER_THAN, REQUIRES_TRUE, UPDATE_REQUIRES]
                .iter()
                .all(|term| found.get(term).is_none())
    }

    /// The unqualified annotations of `property` for each of [`FIELD_TERMS`] (the first of
    /// each, as [`Model::annotation`] finds it).
    fn field_annotations<'m>(
        &self,
        model: &'m Model,
        property: PropertyId,
    ) -> FieldAnnotations<'m> {
        let mut found = [None; FIELD_TERMS.len()];
        for id in model.annotations_of(&Target::Property(property)) {
            let annotation = &model[*id];
            if annotation.qualifier.is_some() {
                continue;
            }
            let index = self
                .field_terms
                .iter()
                .position(|term| *term == annotation.term);
            if let Some(slot) = index.and_then(|index| found.get_mut(index)) {
                slot.get_or_insert(annotation);
            }
        }
        FieldAnnotations(found)
    }

    /// The rules of `property` in the struct generated for `owner` (which declares or
    /// inherits it), in the order the attribute lists them.
    pub fn field_rules(
        &self,
        model: &Model,
        owner: TypeId,
        property: PropertyId,
    ) -> Vec<FieldRule> {
        let declared = &model[property];
        let found = self.field_annotations(model, property);
        let flag = |term: &str| {
            found
                .get(term)
                .is_some_and(|a| matches!(a.value, Value::Absent | Value::Bool(true)))
        };
        let mut restriction = Restriction::default();
        for holder in std::iter::once(owner).chain(model.base_types(owner)) {
            if let Some(found) = self.restrictions.get(&(holder, property)) {
                restriction.non_insertable |= found.non_insertable;
                restriction.non_updatable |= found.non_updatable;
                restriction.required |= found.required;
            }
        }
        let read_only = flag(CORE_COMPUTED)
            || found
                .get(CORE_PERMISSIONS)
                .is_some_and(read_permission_only)
            || (restriction.non_insertable && restriction.non_updatable);
        let mut rules = Vec::new();
        if read_only {
            rules.push(FieldRule::ReadOnly);
        } else {
            if restriction.required {
                rules.push(FieldRule::Required);
            }
            if flag(CORE_IMMUTABLE) || restriction.non_updatable {
                rules.push(FieldRule::Immutable);
            }
            if restriction.non_insertable && !restriction.required {
                rules.push(FieldRule::NonInsertable);
            }
        }
        // A read-only member is refused whatever its value, `null` included.
        if !read_only
            && !declared.nullable
            && !declared.ty.collection
            && declared.kind == PropertyKind::Structural
        {
            rules.push(FieldRule::NonNullable);
        }
        if let Some(max) = max_length(model, property) {
            rules.push(FieldRule::MaxLength(max));
        }
        if let Some(pattern) = found.get(VALIDATION_PATTERN).and_then(|a| a.value.as_str()) {
            rules.push(FieldRule::Pattern(pattern.to_owned()));
        }
        let bound = |term: &str| found.get(term).and_then(|a| number(&a.value));
        match (bound(VALIDATION_MINIMUM), bound(VALIDATION_MAXIMUM)) {
            // An empty range would not compile; the metadata is wrong, so neither bound is used.
            (Some(min), Some(max)) if min > max => {}
            (min, max) => {
                rules.extend(min.map(FieldRule::Minimum));
                rules.extend(max.map(FieldRule::Maximum));
            }
        }
        if let Some(values) = found
            .get(VALIDATION_ALLOWED_VALUES)
            .map(|a| allowed_values(&a.value))
            .filter(|values| !values.is_empty())
        {
            rules.push(FieldRule::AllowedValues(values));
        }
        let sibling = |name: &str| {
            model
                .find_property(owner, name)
                .is_some_and(|found| found != property)
                .then(|| name.to_owned())
        };
        let single_path = |term: &str| {
            found
                .get(term)
                .and_then(|a| paths(&a.value).next().and_then(sibling))
        };
        rules.extend(single_path(LATER_THAN).map(FieldRule::LaterThan));
        rules.extend(single_path(REQUIRES_TRUE).map(FieldRule::RequiresTrue));
        if let Some(annotation) = found.get(UPDATE_REQUIRES) {
            rules.extend(
                paths(&annotation.value)
                    .filter_map(sibling)
                    .map(FieldRule::UpdateRequires),
            );
        }
        rules
    }

    /// The type-level rules of the struct generated for `ty`: those of `ty` and of its base
    /// types, base first.
    pub fn type_rules(&self, model: &Model, ty: TypeId) -> Vec<TypeRule> {
        let mut chain = model.base_types(ty);
        chain.reverse();
        chain.push(ty);
        let mut rules = Vec::new();
        for id in chain {
            if let Some(annotation) = model.annotation(Target::Type(id), RULE) {
                let names = match &annotation.value {
                    Value::Collection(items) => items.iter().filter_map(Value::as_str).collect(),
                    single => single.as_str().into_iter().collect::<Vec<_>>(),
                };
                for name in names {
                    let rule = TypeRule::Function(name.to_owned());
                    if !rules.contains(&rule) {
                        rules.push(rule);
                    }
                }
            }
        }
        rules
    }

    fn warn(&mut self, model: &Model, id: AnnotationId, message: String) {
        let annotation = &model[id];
        let location = model.location(annotation.pos);
        self.warnings.push(Warning {
            file: location.file.to_owned(),
            line: location.line,
            column: location.column,
            message: format!("{}: {message}", annotation.term),
        });
    }
}

/// The entity type whose instances a Capabilities annotation on `target` restricts (for
/// `NavigationRestrictions`, the type its navigation paths start from).
fn collection_type(model: &Model, target: &Target) -> Option<TypeId> {
    match target {
        Target::Type(id) => model[*id].structured().map(|_| *id),
        Target::EntitySet(container, index) => model
            .container(*container)
            .entity_sets
            .get(*index)
            .map(|set| set.entity_type),
        Target::Singleton(container, index) => model
            .container(*container)
            .singletons
            .get(*index)
            .map(|singleton| singleton.ty),
        Target::Property(id) => match model[*id].ty.target {
            TypeTarget::Type(ty) if model[*id].kind == PropertyKind::Navigation => Some(ty),
            _ => None,
        },
        _ => None,
    }
}

/// Walks a property path (`participants/organizer`, with optional type-cast segments) from
/// `start`; the result is the type holding the last property, and that property.
fn resolve_path(model: &Model, start: TypeId, path: &str) -> Result<(TypeId, PropertyId), String> {
    let mut holder = start;
    let mut segments = path.split('/').peekable();
    while let Some(segment) = segments.next() {
        if segment.contains('.') {
            holder = model
                .find_type(segment)
                .ok_or_else(|| format!("`{path}`: no type `{segment}`"))?;
            continue;
        }
        let property = model.find_property(holder, segment).ok_or_else(|| {
            format!(
                "`{path}`: `{}` has no property `{segment}`",
                model[holder].qualified_name
            )
        })?;
        if segments.peek().is_none() {
            return Ok((holder, property));
        }
        holder = match model[property].ty.target {
            TypeTarget::Type(next) if model[next].structured().is_some() => next,
            _ => {
                return Err(format!(
                    "`{path}`: `{segment}` is not a structured property"
                ))
            }
        };
    }
    Err(format!("`{path}` names no property"))
}

/// The property paths of a path or collection-of-paths value.
fn paths(value: &Value) -> impl Iterator<Item = &str> {
    let items: Vec<&Value> = match value {
        Value::Collection(items) => items.iter().collect(),
        single => vec![single],
    };
    items.into_iter().filter_map(|item| match item {
        Value::Path(PathKind::PropertyPath | PathKind::Path, path) => Some(path.as_str()),
        _ => None,
    })
}

/// `Core.Permissions` granting reading only.
fn read_permission_only(permissions: &Annotation) -> bool {
    matches!(&permissions.value, Value::EnumMember(members) if members.len() == 1 && members[0] == CORE_PERMISSION_READ)
}

/// What [`ValidationRules::field_annotations`] found, by term.
struct FieldAnnotations<'m>([Option<&'m Annotation>; FIELD_TERMS.len()]);

impl<'m> FieldAnnotations<'m> {
    /// The annotation of `term`, one of [`FIELD_TERMS`].
    fn get(&self, term: &str) -> Option<&'m Annotation> {
        let index = FIELD_TERMS.iter().position(|known| *known == term)?;
        self.0[index]
    }
}

/// The `MaxLength` facet of a string or binary property (or of its type definition).
fn max_length(model: &Model, property: PropertyId) -> Option<u64> {
    let property = &model[property];
    let (kind, facets) = match property.ty.target {
        TypeTarget::Primitive(kind) => (kind, &property.facets),
        TypeTarget::Type(id) => {
            let definition = model[id].as_definition()?;
            let facets = if property.facets.max_length.is_some() {
                &property.facets
            } else {
                &definition.facets
            };
            (definition.underlying, facets)
        }
        TypeTarget::Unknown(_) => return None,
    };
    match (kind, facets.max_length?) {
        (EdmKind::String | EdmKind::Binary, MaxLength::Length(max)) => Some(max),
        _ => None,
    }
}

fn number(value: &Value) -> Option<f64> {
    let number = match value {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Decimal(text) => text.parse().ok()?,
        _ => return None,
    };
    number.is_finite().then_some(number)
}

/// The `Value` of each `Validation.AllowedValue` record that is text.
fn allowed_values(value: &Value) -> Vec<String> {
    let Value::Collection(items) = value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item {
            Value::Record(record) => record
                .properties
                .iter()
                .find(|(name, _)| name == "Value")
                .and_then(|(_, value)| value.as_str())
                .map(str::to_owned),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csdl;

    fn model_of(docs: &[(&str, &str)]) -> (Model, Vec<Warning>) {
        let docs: Vec<csdl::Document> = docs
            .iter()
            .map(|(name, text)| csdl::read_bytes(name, text.as_bytes()).expect("test CSDL reads"))
            .collect();
        Model::resolve(&docs).expect("test CSDL resolves")
    }

    /// The project's slice with its overlay and vocabulary.
    fn online_meeting() -> Model {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata");
        let docs: Vec<csdl::Document> = [
            "onlineMeeting.csdl.xml",
            "onlineMeeting.rules.xml",
            "vocabularies/GraphRs.Validation.xml",
        ]
        .iter()
        .map(|name| csdl::read_path(dir.join(name)).expect("project metadata reads"))
        .collect();
        Model::resolve(&docs).expect("project metadata resolves").0
    }

    fn rules_of(
        model: &Model,
        rules: &ValidationRules,
        ty: &str,
        property: &str,
    ) -> Vec<FieldRule> {
        let owner = model.find_type(ty).expect("type declared");
        let property = model
            .find_property(owner, property)
            .expect("property declared");
        rules.field_rules(model, owner, property)
    }

    fn text(value: &str) -> String {
        value.to_owned()
    }

    #[test]
    fn the_online_meeting_overlay_gives_the_issue_rules() {
        let model = online_meeting();
        let rules = ValidationRules::new(&model);
        assert_eq!(rules.warnings(), &[]);
        let meeting = "graph.onlineMeeting";
        let read_only = vec![FieldRule::ReadOnly];
        for property in [
            "audioConferencing",
            "chatInfo",
            "joinInformation",
            "joinWebUrl",
            "videoTeleconferenceId",
            "creationDateTime",
        ] {
            assert_eq!(
                rules_of(&model, &rules, meeting, property),
                read_only,
                "{property}"
            );
        }
        assert_eq!(rules_of(&model, &rules, meeting, "id"), read_only);
        for property in ["joinMeetingId", "passcode"] {
            assert_eq!(
                rules_of(&model, &rules, "graph.joinMeetingIdSettings", property),
                read_only
            );
        }
        let immutable = vec![FieldRule::Immutable];
        for property in ["joinMeetingIdSettings", "meetingTemplateId"] {
            assert_eq!(
                rules_of(&model, &rules, meeting, property),
                immutable,
                "{property}"
            );
        }
        assert_eq!(
            rules_of(&model, &rules, "graph.meetingParticipants", "organizer"),
            immutable
        );
        assert_eq!(
            rules_of(&model, &rules, "graph.meetingParticipants", "attendees"),
            []
        );
        assert_eq!(
            rules_of(&model, &rules, meeting, "endDateTime"),
            [
                FieldRule::LaterThan(text("startDateTime")),
                FieldRule::UpdateRequires(text("startDateTime"))
            ]
        );
        assert_eq!(
            rules_of(&model, &rules, meeting, "startDateTime"),
            [FieldRule::UpdateRequires(text("endDateTime"))]
        );
        assert_eq!(
            rules_of(&model, &rules, meeting, "broadcastSettings"),
            [FieldRule::RequiresTrue(text("isBroadcast"))]
        );
        assert_eq!(rules_of(&model, &rules, meeting, "subject"), []);
        let participant = model
            .find_type("graph.meetingParticipantInfo")
            .expect("declared");
        assert_eq!(
            rules.type_rules(&model, participant),
            [TypeRule::Function(text("directoryUserRole"))]
        );
        assert_eq!(
            rules.type_rules(&model, model.find_type(meeting).expect("declared")),
            []
        );
    }

    const STANDARD_TERMS: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="test" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="size"><Member Name="s" /><Member Name="m" /></EnumType>
      <ComplexType Name="address">
        <Property Name="street" Type="Edm.String" />
      </ComplexType>
      <EntityType Name="item">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
        <Property Name="code" Type="Edm.String" MaxLength="8">
          <Annotation Term="Org.OData.Validation.V1.Pattern" String="^[A-Z&quot;]+$" />
        </Property>
        <Property Name="count" Type="Edm.Int32">
          <Annotation Term="Org.OData.Validation.V1.Minimum" Decimal="-1.5" />
          <Annotation Term="Org.OData.Validation.V1.Maximum" Int="100" />
        </Property>
        <Property Name="badRange" Type="Edm.Int32">
          <Annotation Term="Org.OData.Validation.V1.Minimum" Int="5" />
          <Annotation Term="Org.OData.Validation.V1.Maximum" Int="1" />
        </Property>
        <Property Name="kind" Type="Edm.String">
          <Annotation Term="Org.OData.Validation.V1.AllowedValues">
            <Collection>
              <Record><PropertyValue Property="Value" String="a" /></Record>
              <Record><PropertyValue Property="Value" String="b" /></Record>
            </Collection>
          </Annotation>
        </Property>
        <Property Name="owner" Type="Edm.String">
          <Annotation Term="Org.OData.Core.V1.Permissions">
            <EnumMember>Org.OData.Core.V1.Permission/Read</EnumMember>
          </Annotation>
        </Property>
        <Property Name="stamp" Type="Edm.String">
          <Annotation Term="Org.OData.Core.V1.Computed" />
        </Property>
        <Property Name="tags" Type="Collection(Edm.String)" Nullable="false" />
        <Property Name="size" Type="test.size" />
        <Property Name="home" Type="test.address" />
        <Property Name="start" Type="Edm.DateTimeOffset">
          <Annotation Term="GraphRs.Validation.LaterThan" PropertyPath="nowhere" />
        </Property>
      </EntityType>
      <EntityType Name="owner">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
        <NavigationProperty Name="items" Type="Collection(test.item)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="special" BaseType="test.item">
        <Property Name="extra" Type="Edm.String" />
      </EntityType>
      <EntityContainer Name="service">
        <EntitySet Name="items" EntityType="test.item">
          <Annotation Term="Org.OData.Capabilities.V1.InsertRestrictions">
            <Record>
              <PropertyValue Property="RequiredProperties">
                <Collection><PropertyPath>size</PropertyPath></Collection>
              </PropertyValue>
              <PropertyValue Property="NonInsertableProperties">
                <Collection>
                  <PropertyPath>home/street</PropertyPath>
                  <PropertyPath>home/missing</PropertyPath>
                </Collection>
              </PropertyValue>
            </Record>
          </Annotation>
          <Annotation Term="Org.OData.Capabilities.V1.UpdateRestrictions">
            <Record>
              <PropertyValue Property="NonUpdatableProperties">
                <Collection><PropertyPath>test.special/extra</PropertyPath></Collection>
              </PropertyValue>
            </Record>
          </Annotation>
        </EntitySet>
        <Singleton Name="me" Type="test.owner">
          <Annotation Term="Org.OData.Capabilities.V1.NavigationRestrictions">
            <Record>
              <PropertyValue Property="RestrictedProperties">
                <Collection>
                  <Record>
                    <PropertyValue Property="NavigationProperty" NavigationPropertyPath="items" />
                    <PropertyValue Property="UpdateRestrictions">
                      <Record>
                        <PropertyValue Property="NonUpdatableProperties">
                          <Collection><PropertyPath>kind</PropertyPath></Collection>
                        </PropertyValue>
                      </Record>
                    </PropertyValue>
                  </Record>
                </Collection>
              </PropertyValue>
            </Record>
          </Annotation>
        </Singleton>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

    #[test]
    fn standard_terms_and_facets_become_field_rules() {
        let (model, _) = model_of(&[("test.xml", STANDARD_TERMS)]);
        let rules = ValidationRules::new(&model);
        let item = "test.item";
        let expect = |ty: &str, property: &str, expected: &[FieldRule]| {
            assert_eq!(
                rules_of(&model, &rules, ty, property),
                expected,
                "{ty}/{property}"
            );
        };
        expect(item, "id", &[FieldRule::NonNullable]);
        expect(
            item,
            "code",
            &[
                FieldRule::MaxLength(8),
                FieldRule::Pattern(text("^[A-Z\"]+$")),
            ],
        );
        expect(
            item,
            "count",
            &[FieldRule::Minimum(-1.5), FieldRule::Maximum(100.0)],
        );
        expect(item, "badRange", &[]);
        expect(
            item,
            "kind",
            &[
                FieldRule::Immutable,
                FieldRule::AllowedValues(vec![text("a"), text("b")]),
            ],
        );
        expect(item, "owner", &[FieldRule::ReadOnly]);
        expect(item, "stamp", &[FieldRule::ReadOnly]);
        expect(item, "tags", &[]);
        expect(item, "size", &[FieldRule::Required]);
        expect("test.special", "size", &[FieldRule::Required]);
        expect("test.address", "street", &[FieldRule::NonInsertable]);
        expect("test.special", "extra", &[FieldRule::Immutable]);
        // A sibling that does not exist is dropped rather than emitted as a compile error.
        expect(item, "start", &[]);
    }

    #[test]
    fn unusable_restriction_paths_are_warnings_with_their_position() {
        let (model, _) = model_of(&[("test.xml", STANDARD_TERMS)]);
        let rules = ValidationRules::new(&model);
        let messages: Vec<String> = rules
            .warnings()
            .iter()
            .map(|w| format!("{}:{}: {}", w.file, w.line, w.message))
            .collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].starts_with("test.xml:"), "{messages:?}");
        assert!(
            messages[0].ends_with(
                "Org.OData.Capabilities.V1.InsertRestrictions: NonInsertableProperties: \
                 `home/missing`: `test.address` has no property `missing`"
            ),
            "{messages:?}"
        );
    }
}
