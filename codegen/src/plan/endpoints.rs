//! Endpoints, decided from the entity container, containment navigation, bound actions and
//! `Capabilities` annotations (see docs/design/0003-endpoints.md).
//!
//! For every navigation source of the container (`me`, `users`) whose entity type has a
//! containment collection (`user/onlineMeetings`) of a generated entity type, one
//! [`EndpointGroup`]: the owner enum (`UserTarget`: `Me`, `User(id)`), and one operation per
//! capability the sources' `NavigationRestrictions` grant (insert, read, filter lookups,
//! update, delete) plus the actions bound to the collection. An operation is planned only when
//! every source grants it, so each generated function works for every variant.

use std::collections::BTreeMap;

use crate::ident::{rust_name, NameKind};
use crate::model::{
    Model, OperationKind as CsdlOperationKind, PathKind, PropertyKind, Record, Target, TypeId,
    TypeTarget, Value,
};

use super::{Item, ItemRef, Plan, StructPlan};

const NAVIGATION_RESTRICTIONS: &str = "Org.OData.Capabilities.V1.NavigationRestrictions";
const OPERATION_RESTRICTIONS: &str = "Org.OData.Capabilities.V1.OperationRestrictions";
const CORE_DESCRIPTION: &str = "Org.OData.Core.V1.Description";
/// The project's own term marking an action that is safe to repeat (see the endpoints overlay).
const IDEMPOTENT: &str = "GraphCodegen.V1.Idempotent";

/// Endpoint functions for one containment collection, generated as one module.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointGroup {
    /// The module name (`online_meetings`).
    pub module: String,
    /// The navigation property (`onlineMeetings`), the collection's path segment.
    pub navigation: String,
    /// The generated entity struct (`OnlineMeeting`).
    pub entity: ItemRef,
    /// The key parameter of the collection's items (`onlineMeetingId`).
    pub key_param: String,
    /// Whose collection: the owner enum.
    pub target: TargetEnum,
    /// Operations, in a fixed order: create, actions, get, lookups, update, delete.
    pub operations: Vec<OperationPlan>,
}

/// The owner of a collection: a singleton or a member of an entity set of one entity type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetEnum {
    /// The Rust name (`UserTarget`).
    pub name: String,
    /// Variants, singletons first, then entity sets, each in container order.
    pub variants: Vec<TargetVariant>,
}

/// One way to reach the owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetVariant {
    /// The Rust variant name (`Me`, `User`).
    pub name: String,
    /// The first path segment (`me`, `users`).
    pub segment: String,
    /// For an entity set, the key parameter (`userId`); `None` for a singleton.
    pub key_param: Option<String>,
}

/// One operation, with its facts for each target variant.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationPlan {
    /// The function name (`create`, `create_or_get`, `get_by_join_web_url`).
    pub name: String,
    /// What it does.
    pub kind: OperationKind,
    /// The HTTP method.
    pub method: &'static str,
    /// Success statuses.
    pub success: Vec<u16>,
    /// Safe to send twice.
    pub idempotent: bool,
    /// Permissions per target variant, in variant order.
    pub permissions: Vec<PermissionsPlan>,
    /// Rustdoc paragraphs from the annotations' descriptions.
    pub docs: Vec<String>,
}

/// What an operation sends and returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OperationKind {
    /// `POST collection` with the entity; returns it.
    Create,
    /// `POST collection/action` with the entity's members as parameters; returns
    /// `CreatedOrExisting<entity>` (`201` created, `200` existing).
    Action {
        /// The action's name, the path segment (`createOrGet`).
        segment: String,
        /// Non-nullable parameters, as (Rust field, wire name): checked present before sending.
        required: Vec<(String, String)>,
    },
    /// `GET collection/{key}`.
    Get,
    /// `GET collection?$filter=<path> eq '<value>'`; returns the one item, if any.
    GetByFilter {
        /// The property path (`joinMeetingIdSettings/joinMeetingId`).
        property_path: String,
    },
    /// `PATCH collection/{key}` with the members to change; returns the entity.
    Update,
    /// `DELETE collection/{key}`.
    Delete,
}

/// Who may call an operation on one path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PermissionsPlan {
    /// Delegated scopes, least privileged first.
    pub delegated: Vec<String>,
    /// Application roles, least privileged first.
    pub application: Vec<String>,
    /// Whether personal Microsoft accounts may call it (a `DelegatedPersonal` scheme).
    pub personal_accounts: bool,
}

/// Plans the endpoint groups of `plan` over `model`; empty when the model has no container.
pub fn plan_endpoints(model: &Model, plan: &Plan) -> Vec<EndpointGroup> {
    let Some((container_id, container)) = model.containers().next() else {
        return Vec::new();
    };
    // Navigation sources per owner type, singletons first; BTreeMap keeps owner order stable.
    let mut owners: BTreeMap<usize, (TypeId, Vec<Source>)> = BTreeMap::new();
    for (index, singleton) in container.singletons.iter().enumerate() {
        owners
            .entry(singleton.ty.index())
            .or_insert_with(|| (singleton.ty, Vec::new()))
            .1
            .push(Source {
                target: Target::Singleton(container_id, index),
                segment: singleton.name.clone(),
                is_set: false,
            });
    }
    for (index, set) in container.entity_sets.iter().enumerate() {
        owners
            .entry(set.entity_type.index())
            .or_insert_with(|| (set.entity_type, Vec::new()))
            .1
            .push(Source {
                target: Target::EntitySet(container_id, index),
                segment: set.name.clone(),
                is_set: true,
            });
    }
    let mut groups = Vec::new();
    for (owner, sources) in owners.values() {
        for property in model.all_properties(*owner) {
            let property = &model[property];
            let TypeTarget::Type(entity) = property.ty.target else {
                continue;
            };
            if property.kind != PropertyKind::Navigation
                || !property.contains_target
                || !property.ty.collection
            {
                continue;
            }
            let Some((entity_ref, entity_struct)) =
                generated_struct(plan, &model[entity].qualified_name)
            else {
                continue;
            };
            if let Some(group) = plan_group(
                model,
                *owner,
                sources,
                &property.name,
                entity,
                entity_ref,
                entity_struct,
            ) {
                groups.push(group);
            }
        }
    }
    groups.sort_by(|a, b| a.module.cmp(&b.module));
    groups
}

/// A singleton or entity set reaching an owner type.
struct Source {
    target: Target,
    segment: String,
    is_set: bool,
}

fn generated_struct<'p>(plan: &'p Plan, qualified_name: &str) -> Option<(ItemRef, &'p StructPlan)> {
    plan.modules.iter().enumerate().find_map(|(module, items)| {
        items.items.iter().find_map(|item| match item {
            Item::Struct(s) if s.qualified_name == qualified_name => Some((
                ItemRef {
                    module,
                    name: s.name.clone(),
                },
                s,
            )),
            _ => None,
        })
    })
}

fn plan_group(
    model: &Model,
    owner: TypeId,
    sources: &[Source],
    navigation: &str,
    entity: TypeId,
    entity_ref: ItemRef,
    entity_struct: &StructPlan,
) -> Option<EndpointGroup> {
    let owner_name = &model[owner].name;
    let entity_name = &model[entity].name;
    let restrictions: Vec<&Record> = sources
        .iter()
        .map(|source| navigation_restrictions(model, &source.target, navigation))
        .collect::<Option<_>>()?;
    let target = TargetEnum {
        name: format!("{}Target", rust_name(NameKind::Type, owner_name)),
        variants: sources
            .iter()
            .map(|source| TargetVariant {
                name: if source.is_set {
                    rust_name(NameKind::Variant, owner_name)
                } else {
                    rust_name(NameKind::Variant, &source.segment)
                },
                segment: source.segment.clone(),
                key_param: source.is_set.then(|| format!("{owner_name}Id")),
            })
            .collect(),
    };

    let mut operations = Vec::new();
    let crud = |restriction: &str| -> Option<(Vec<PermissionsPlan>, Vec<String>)> {
        let records: Vec<&Record> = restrictions
            .iter()
            .map(|record| Record::member(record, restriction).and_then(Value::as_record))
            .collect::<Option<_>>()?;
        let permissions = records.iter().map(|record| permissions(record)).collect();
        let docs = records
            .first()
            .map(|record| descriptions(record))
            .unwrap_or_default();
        Some((permissions, docs))
    };
    if let Some((permissions, docs)) = crud("InsertRestrictions") {
        operations.push(OperationPlan {
            name: "create".into(),
            kind: OperationKind::Create,
            method: "POST",
            success: vec![201],
            idempotent: false,
            permissions: permissions.clone(),
            docs,
        });
        operations.extend(plan_actions(model, entity, entity_struct, &permissions));
    }
    if let Some((permissions, docs)) = crud("ReadRestrictions") {
        operations.push(OperationPlan {
            name: "get".into(),
            kind: OperationKind::Get,
            method: "GET",
            success: vec![200],
            idempotent: true,
            permissions: permissions.clone(),
            docs: docs.clone(),
        });
        for property_path in single_value_filters(restrictions[0]) {
            let last = property_path.rsplit('/').next().unwrap_or(&property_path);
            operations.push(OperationPlan {
                name: format!("get_by_{}", rust_name(NameKind::Field, last)),
                kind: OperationKind::GetByFilter {
                    property_path: property_path.clone(),
                },
                method: "GET",
                success: vec![200],
                idempotent: true,
                permissions: permissions.clone(),
                docs: docs.clone(),
            });
        }
    }
    if let Some((permissions, docs)) = crud("UpdateRestrictions") {
        operations.push(OperationPlan {
            name: "update".into(),
            kind: OperationKind::Update,
            method: "PATCH",
            success: vec![200],
            idempotent: true,
            permissions,
            docs,
        });
    }
    if let Some((permissions, docs)) = crud("DeleteRestrictions") {
        operations.push(OperationPlan {
            name: "delete".into(),
            kind: OperationKind::Delete,
            method: "DELETE",
            success: vec![204],
            idempotent: true,
            permissions,
            docs,
        });
    }
    Some(EndpointGroup {
        module: rust_name(NameKind::Module, navigation),
        navigation: navigation.to_owned(),
        entity: entity_ref,
        key_param: format!("{entity_name}Id"),
        target,
        operations,
    })
}

/// Actions bound to `Collection(entity)` that return the entity and whose parameters are all
/// members of it (so the entity struct is the body). Permissions come from the action's
/// `OperationRestrictions`, narrowed per path to the schemes the path's insert permissions
/// allow: an application role cannot work on a path where no application permission does.
fn plan_actions(
    model: &Model,
    entity: TypeId,
    entity_struct: &StructPlan,
    insert_permissions: &[PermissionsPlan],
) -> Vec<OperationPlan> {
    let mut actions = Vec::new();
    for id in model.bound_operations(entity) {
        let action = &model[id];
        let returns_entity = action
            .return_type
            .as_ref()
            .is_some_and(|r| !r.ty.collection && r.ty.target == TypeTarget::Type(entity));
        let on_collection = action.binding().is_some_and(|binding| binding.collection);
        if action.kind != CsdlOperationKind::Action || !returns_entity || !on_collection {
            continue;
        }
        let mut required = Vec::new();
        let all_members = action.parameters.iter().skip(1).all(|parameter| {
            let field = entity_struct
                .fields
                .iter()
                .find(|field| field.wire_name == parameter.name);
            if let Some(field) = field.filter(|_| !parameter.nullable) {
                required.push((field.name.clone(), parameter.name.clone()));
            }
            field.is_some()
        });
        if !all_members {
            continue;
        }
        let target = Target::Operation(id);
        let declared = model
            .annotation(target.clone(), OPERATION_RESTRICTIONS)
            .and_then(|a| Value::as_record(&a.value))
            .map(permissions)
            .unwrap_or_default();
        let permissions = insert_permissions
            .iter()
            .map(|path| PermissionsPlan {
                delegated: if path.delegated.is_empty() {
                    Vec::new()
                } else {
                    declared.delegated.clone()
                },
                application: if path.application.is_empty() {
                    Vec::new()
                } else {
                    declared.application.clone()
                },
                personal_accounts: declared.personal_accounts && path.personal_accounts,
            })
            .collect();
        let idempotent = model
            .annotation(target.clone(), IDEMPOTENT)
            .is_some_and(|a| !matches!(a.value, Value::Bool(false)));
        actions.push(OperationPlan {
            name: rust_name(NameKind::Field, &action.name),
            kind: OperationKind::Action {
                segment: action.name.clone(),
                required,
            },
            method: "POST",
            success: vec![200, 201],
            idempotent,
            permissions,
            docs: model
                .annotation(target, CORE_DESCRIPTION)
                .and_then(|a| a.value.as_str())
                .map(|text| vec![text.to_owned()])
                .unwrap_or_default(),
        });
    }
    actions
}

/// The `RestrictedProperties` entry for `navigation` in a source's `NavigationRestrictions`.
fn navigation_restrictions<'m>(
    model: &'m Model,
    source: &Target,
    navigation: &str,
) -> Option<&'m Record> {
    let annotation = model.annotation(source.clone(), NAVIGATION_RESTRICTIONS)?;
    let restricted = Record::member(Value::as_record(&annotation.value)?, "RestrictedProperties")?;
    let Value::Collection(entries) = restricted else {
        return None;
    };
    entries.iter().filter_map(Value::as_record).find(|entry| {
        matches!(
            Record::member(entry, "NavigationProperty"),
            Some(Value::Path(PathKind::NavigationPropertyPath, path)) if path == navigation
        )
    })
}

/// Property paths a `FilterRestrictions` entry allows in a single `eq` clause.
fn single_value_filters(restricted: &Record) -> Vec<String> {
    let Some(Value::Collection(entries)) = Record::member(restricted, "FilterRestrictions")
        .and_then(Value::as_record)
        .and_then(|filter| Record::member(filter, "FilterExpressionRestrictions"))
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

/// `Permissions` of a restrictions record: scopes per scheme, in the order written.
fn permissions(record: &Record) -> PermissionsPlan {
    let mut plan = PermissionsPlan::default();
    let Some(Value::Collection(schemes)) = Record::member(record, "Permissions") else {
        return plan;
    };
    for scheme in schemes.iter().filter_map(Value::as_record) {
        let scopes: Vec<String> = match Record::member(scheme, "Scopes") {
            Some(Value::Collection(scopes)) => scopes
                .iter()
                .filter_map(Value::as_record)
                .filter_map(|scope| Record::member(scope, "Scope").and_then(Value::as_str))
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        };
        match Record::member(scheme, "SchemeName").and_then(Value::as_str) {
            Some("Delegated") => plan.delegated.extend(scopes),
            Some("Application") => plan.application.extend(scopes),
            Some("DelegatedPersonal") => plan.personal_accounts = true,
            _ => {}
        }
    }
    plan
}

/// `Description` and `LongDescription` of a restrictions record, as rustdoc paragraphs.
fn descriptions(record: &Record) -> Vec<String> {
    ["Description", "LongDescription"]
        .iter()
        .filter_map(|name| Record::member(record, name).and_then(Value::as_str))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::plan::{plan, PlanOptions, Roots};

    fn project_plan(files: &[&str]) -> Plan {
        let metadata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata");
        let documents: Vec<_> = files
            .iter()
            .map(|file| crate::csdl::read_path(metadata.join(file)).unwrap())
            .collect();
        let (model, _) = Model::resolve(&documents).unwrap();
        let options = PlanOptions {
            roots: Roots::Types(vec!["microsoft.graph.onlineMeeting".into()]),
            navigation: false,
            source: "onlineMeeting.csdl.xml".into(),
            rules_module: None,
        };
        plan(&model, &options).unwrap()
    }

    #[test]
    fn online_meetings_get_every_documented_operation_for_me_and_users() {
        let plan = project_plan(&["onlineMeeting.csdl.xml", "onlineMeeting.endpoints.xml"]);
        let [group] = plan.endpoints.as_slice() else {
            panic!("expected one group, got {:?}", plan.endpoints);
        };
        assert_eq!(group.module, "online_meetings");
        assert_eq!(group.entity.name, "OnlineMeeting");
        assert_eq!(group.key_param, "onlineMeetingId");
        assert_eq!(group.target.name, "UserTarget");
        let variants: Vec<_> = group
            .target
            .variants
            .iter()
            .map(|v| (v.name.as_str(), v.segment.as_str(), v.key_param.as_deref()))
            .collect();
        assert_eq!(
            variants,
            [("Me", "me", None), ("User", "users", Some("userId"))]
        );
        let names: Vec<_> = group.operations.iter().map(|op| op.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "create",
                "create_or_get",
                "get",
                "get_by_join_web_url",
                "get_by_join_meeting_id",
                "update",
                "delete"
            ]
        );
        let create = &group.operations[0];
        assert!(!create.idempotent);
        assert!(
            create.permissions[0].application.is_empty(),
            "no app-only on /me"
        );
        assert_eq!(
            create.permissions[1].application,
            ["OnlineMeetings.ReadWrite.All"]
        );
        assert!(create.permissions.iter().all(|p| !p.personal_accounts));
        assert!(create.docs[0].contains("custom one is not supported"));
        let create_or_get = &group.operations[1];
        assert!(create_or_get.idempotent);
        assert_eq!(create_or_get.success, [200, 201]);
        assert_eq!(
            create_or_get.kind,
            OperationKind::Action {
                segment: "createOrGet".into(),
                required: vec![("external_id".into(), "externalId".into())],
            }
        );
        assert!(create_or_get.permissions[0].application.is_empty());
        let get = &group.operations[2];
        assert_eq!(
            get.permissions[1].delegated,
            ["OnlineMeetings.Read", "OnlineMeetings.ReadWrite"]
        );
        assert_eq!(
            group.operations[4].kind,
            OperationKind::GetByFilter {
                property_path: "joinMeetingIdSettings/joinMeetingId".into()
            }
        );
        assert_eq!(group.operations[6].success, [204]);
    }

    #[test]
    fn without_the_overlay_there_are_no_endpoints() {
        let plan = project_plan(&["onlineMeeting.csdl.xml"]);
        assert!(plan.endpoints.is_empty());
    }
}
