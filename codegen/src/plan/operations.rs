//! One Rust function per (method, path) of [`super::paths`], arranged as the path reads.
//!
//! `GET /users/{userId}/events/{eventId}` is `api::users::events::get(&UserTarget::User(id),
//! event_id)`: a module per path segment (navigation, cast `as_user`, complex property,
//! composable function), keys as parameters, and a function named for what the method does at
//! the end of the path (`list`, `create`, `get`, `update`, `replace`, `delete`, `count`, an
//! operation's name, `get_content`, `add_ref`, ...). Roots that address the same entity type
//! (`/me` and `/users/{userId}`) share every function through a target enum (`UserTarget`),
//! so `/me/events/{eventId}` is the same function. See docs/design/0005-paths.md.

use std::collections::{BTreeMap, HashMap};

use crate::ident::{rust_name, rust_names, NameKind};
use crate::model::{
    EdmKind, Model, OperationId, OperationKind, Target, TypeDetail, TypeId, TypeRef, TypeTarget,
    Value,
};

use super::paths::{ApiPath, Method, PathParameter, Segment};
use super::{Gate, ItemRef, RustType};
use crate::permissions::{PathPermissions, PermissionTable};

const CORE_DESCRIPTION: &str = "Org.OData.Core.V1.Description";
/// The project's own term for an action that is safe to repeat (`createOrGet`; see
/// metadata/vocabularies): it is retried like a read, and, when it returns the entity, its
/// answer says whether it created it (`201`) or found it (`200`).
const IDEMPOTENT: &str = "GraphCodegen.V1.Idempotent";
/// The names of the functions a path's methods make; an operation of the same name is
/// suffixed.
const RESOURCE_FUNCTIONS: &[&str] = &[
    "list", "create", "get", "update", "replace", "delete", "count",
];
const OPTIONAL_PARAMETER: &str = "Org.OData.Core.V1.OptionalParameter";

/// Every generated operation, as a module tree under `api`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ApiPlan {
    /// Enums for roots that address the same entity type (`UserTarget`: `Me`, `User(id)`).
    pub targets: Vec<TargetEnum>,
    /// Functions at the root: action and function imports.
    pub functions: Vec<ApiFunction>,
    /// One module per entity set or singleton (sharing ones are one module), sorted by name.
    pub modules: Vec<ApiModule>,
    /// A path limit ([`super::paths::MAX_DEPTH`], [`super::paths::MAX_PATHS`]) left some
    /// operations out.
    pub truncated: bool,
}

impl ApiPlan {
    /// True when there is no operation at all.
    pub fn is_empty(&self) -> bool {
        self.functions.is_empty() && self.modules.is_empty()
    }
}

/// A root shared by several navigation sources of one entity type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetEnum {
    /// `UserTarget`.
    pub name: String,
    /// Singletons first, then keyed entity sets, in container order.
    pub variants: Vec<TargetVariant>,
}

/// One way to address the shared root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetVariant {
    /// `Me`, `User`.
    pub name: String,
    /// `me`, `users`.
    pub segment: String,
    /// For an entity set, the key parameter (`userId`).
    pub key: Option<String>,
}

/// The functions of one path prefix, and the modules below it.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiModule {
    /// `events`, `as_user`, `range_with_address`.
    pub name: String,
    /// The path prefix, as documented (`/users/{userId}/events`), for the module's rustdoc.
    pub path: String,
    pub functions: Vec<ApiFunction>,
    pub modules: Vec<ApiModule>,
    /// The features that compile the module.
    pub gate: Gate,
}

/// One operation on one path (or one per target variant).
#[derive(Clone, Debug, PartialEq)]
pub struct ApiFunction {
    /// `list`, `get`, `accept`, `get_content`.
    pub name: String,
    pub method: Method,
    /// Index into [`ApiPlan::targets`] when the path starts at a shared root.
    pub target: Option<usize>,
    /// The documented path, one per target variant (else one).
    pub paths: Vec<String>,
    /// What is written after the root.
    pub steps: Vec<Step>,
    /// Rust parameters after the target, in order.
    pub parameters: Vec<Parameter>,
    pub body: Body,
    pub answer: Answer,
    /// The entity struct whose properties `$select` and `$expand` name: the answer's entity
    /// type (the base struct of an `Any` enum); `None` when the answer is not an entity.
    pub query_entity: Option<ItemRef>,
    /// Statuses that mean success.
    pub success: Vec<u16>,
    /// Safe to send twice.
    pub idempotent: bool,
    /// Who may call it, per path (as [`ApiFunction::paths`]); `None` where Microsoft's
    /// permissions file does not list the path.
    pub permissions: Vec<Option<PathPermissions>>,
    /// Rustdoc paragraphs from the metadata.
    pub docs: Vec<String>,
    /// The features that compile the function (when not those of its module).
    pub gate: Gate,
}

impl ApiFunction {
    /// The generated items the function names: its parameters' types, its answer's, and the
    /// entity its query options name.
    pub fn items(&self) -> Vec<&ItemRef> {
        let parameters = self
            .parameters
            .iter()
            .filter_map(|parameter| match &parameter.ty {
                ParameterType::Ref(ty) => ty.item(),
                _ => None,
            });
        let answer = match &self.answer {
            Answer::Entity(ty)
            | Answer::OptionalEntity(ty)
            | Answer::Page(ty)
            | Answer::FirstItem(ty)
            | Answer::CreatedOrExisting(ty)
            | Answer::Value(ty)
            | Answer::Complex(ty) => ty.item(),
            Answer::None | Answer::Count | Answer::Bytes => None,
        };
        parameters
            .chain(answer)
            .chain(self.query_entity.as_ref())
            .collect()
    }
}

impl ApiPlan {
    /// How many functions there are, in every module.
    pub fn function_count(&self) -> usize {
        fn count(functions: &[ApiFunction], modules: &[ApiModule]) -> usize {
            functions.len()
                + modules
                    .iter()
                    .map(|module| count(&module.functions, &module.modules))
                    .sum::<usize>()
        }
        count(&self.functions, &self.modules)
    }

    /// Every function, depth first.
    pub fn functions_mut(&mut self) -> impl Iterator<Item = &mut ApiFunction> {
        fn collect<'a>(
            functions: &'a mut [ApiFunction],
            modules: &'a mut [ApiModule],
            out: &mut Vec<&'a mut ApiFunction>,
        ) {
            out.extend(functions.iter_mut());
            for module in modules {
                collect(&mut module.functions, &mut module.modules, out);
            }
        }
        let mut out = Vec::new();
        collect(&mut self.functions, &mut self.modules, &mut out);
        out.into_iter()
    }

    /// Looks up every function's paths in Microsoft's permissions file.
    pub fn add_permissions(&mut self, table: &PermissionTable) {
        for function in self.functions_mut() {
            function.permissions = function
                .paths
                .iter()
                .map(|path| {
                    // A lookup's path carries its `?$filter`; the permissions are the path's.
                    let path = path.split('?').next().unwrap_or(path);
                    table.lookup(function.method.as_str(), path).cloned()
                })
                .collect();
        }
    }
}

/// One piece of the path after the root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A fixed segment (`events`, `$count`, `microsoft.graph.user`).
    Segment(String),
    /// A key: the Rust parameter and the documented name.
    Key { parameter: String, name: String },
    /// A function call segment, or a key in parentheses (`applications(appId='...')`).
    Function {
        name: String,
        arguments: Vec<Argument>,
    },
    /// An optional function parameter passed as a query alias (`@top=5`).
    Alias(Argument),
    /// A query pair from a parameter (`$id=<url>` of a reference to remove).
    Query { key: String, parameter: String },
    /// `$filter=<property path> eq '<parameter>'`, a lookup.
    Filter {
        property_path: String,
        parameter: String,
    },
}

/// A value written into the path from a Rust parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Argument {
    /// The name in the path (`period`).
    pub name: String,
    /// The Rust parameter (`period`).
    pub parameter: String,
    /// Written in single quotes.
    pub quoted: bool,
    /// The parameter is a number or Boolean, formatted with `to_string`.
    pub display: bool,
    /// An optional parameter: written `name=@name`, its value in the query.
    pub alias: bool,
}

/// A Rust parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub ty: ParameterType,
    /// `Option<...>`: may be left out.
    pub optional: bool,
}

/// How a parameter is taken.
#[derive(Clone, Debug, PartialEq)]
pub enum ParameterType {
    /// `&str`.
    Str,
    /// By value (`i32`, `bool`, `f64`).
    Copy(&'static str),
    /// By reference to the type (`&Event`, `&[String]`, `&edm::DateTimeOffset`).
    Ref(RustType),
    /// `Vec<u8>` and its media type, for streams.
    Bytes,
}

/// What the request carries.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    None,
    /// The parameter `body`, validated for create or update.
    Entity {
        create: bool,
    },
    /// Action parameters: (wire name, Rust parameter, optional).
    Parameters(Vec<(String, String, bool)>),
    /// The parameters `content` and `content_type`.
    Stream,
    /// The parameter `url`, as `{"@odata.id": url}`.
    Reference,
}

/// What the answer is read into.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Nothing: any documented success status.
    None,
    /// One item.
    Entity(RustType),
    /// One item or `204`.
    OptionalEntity(RustType),
    /// A page of a collection.
    Page(RustType),
    /// The one item of a collection filtered to at most one (a lookup), or none.
    FirstItem(RustType),
    /// The entity an idempotent action created (`201`) or found (`200`).
    CreatedOrExisting(RustType),
    /// `{"value": x}`: a primitive or enumeration value.
    Value(RustType),
    /// A complex value: the object itself, or wrapped as `{"value": x}`.
    Complex(RustType),
    /// `$count`.
    Count,
    /// A stream's bytes.
    Bytes,
}

/// The Rust type of a CSDL type reference, as the plan's type map gives it; `None` when the
/// type is not generated.
pub type TypeMap<'a> = dyn Fn(&TypeRef) -> Option<RustType> + Sync + 'a;

/// Plans the functions of `paths`. With `subjects`, only the paths about one of those types
/// (see [`ApiPath::subject_type`]); a path whose body or answer type is not generated is left
/// out.
pub fn plan_api(
    model: &Model,
    paths: &[ApiPath],
    types: &TypeMap<'_>,
    subjects: Option<&dyn Fn(TypeId) -> bool>,
) -> ApiPlan {
    let Some((_, container)) = model.containers().next() else {
        return ApiPlan::default();
    };
    let mut planner = ApiPlanner {
        model,
        types,
        targets: Vec::new(),
        target_of_type: HashMap::new(),
        root: Node::default(),
    };
    // Entity types addressed by more than one root share a target enum. A variant is named
    // by its singleton, or by the entity type (`User(id)`), or by its entity set when the
    // type has more than one.
    let mut sets_of_type: HashMap<TypeId, usize> = HashMap::new();
    for set in &container.entity_sets {
        *sets_of_type.entry(set.entity_type).or_default() += 1;
    }
    let mut roots: BTreeMap<TypeId, Vec<(&str, TargetVariant)>> = BTreeMap::new();
    for singleton in &container.singletons {
        roots.entry(singleton.ty).or_default().push((
            &singleton.name,
            TargetVariant {
                name: String::new(),
                segment: singleton.name.clone(),
                key: None,
            },
        ));
    }
    for set in &container.entity_sets {
        let ty = &model[set.entity_type];
        let name = if sets_of_type[&set.entity_type] > 1 {
            &set.name
        } else {
            &ty.name
        };
        roots.entry(set.entity_type).or_default().push((
            name,
            TargetVariant {
                name: String::new(),
                segment: set.name.clone(),
                key: Some(format!("{}Id", ty.name)),
            },
        ));
    }
    for (ty, named) in roots {
        let csdl_names: Vec<&str> = named.iter().map(|(name, _)| *name).collect();
        let names = rust_names(NameKind::Variant, &csdl_names, &[]);
        let variants: Vec<TargetVariant> = named
            .into_iter()
            .zip(names)
            .map(|((_, variant), name)| TargetVariant { name, ..variant })
            .collect();
        if variants.len() > 1 {
            planner.target_of_type.insert(ty, planner.targets.len());
            planner.targets.push(TargetEnum {
                name: format!("{}Target", rust_name(NameKind::Type, &model[ty].name)),
                variants,
            });
        }
    }
    for path in paths {
        if let Some(subjects) = subjects {
            if !path.subject_type(model).is_some_and(subjects) {
                continue;
            }
        }
        planner.add(path);
    }
    let ApiPlanner { targets, root, .. } = planner;
    let (functions, modules) = root.finish();
    ApiPlan {
        targets,
        functions,
        modules,
        truncated: false,
    }
}

/// A module while planning: functions by name, children by name.
#[derive(Default)]
struct Node {
    path: String,
    functions: Vec<ApiFunction>,
    children: BTreeMap<String, Node>,
}

impl Node {
    fn child(&mut self, name: &str, path: &str) -> &mut Node {
        self.children
            .entry(name.to_owned())
            .or_insert_with(|| Node {
                path: path.to_owned(),
                ..Node::default()
            })
    }

    fn finish(self) -> (Vec<ApiFunction>, Vec<ApiModule>) {
        let mut functions = self.functions;
        functions.sort_by(|a, b| a.name.cmp(&b.name));
        let modules = self
            .children
            .into_iter()
            .map(|(name, node)| {
                let path = node.path.clone();
                let (functions, modules) = node.finish();
                ApiModule {
                    name,
                    path,
                    functions,
                    modules,
                    gate: Gate::default(),
                }
            })
            .collect();
        (functions, modules)
    }
}

struct ApiPlanner<'m, 't> {
    model: &'m Model,
    types: &'t TypeMap<'t>,
    targets: Vec<TargetEnum>,
    target_of_type: HashMap<TypeId, usize>,
    root: Node,
}

/// Where the walk along a path stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    /// At a collection (an entity set, a collection-valued navigation or complex property).
    Collection,
    /// At one entity or value.
    Single,
    /// At one item of a collection, through its alternate key (`(appId='...')`).
    AlternateKey,
}

impl ApiPlanner<'_, '_> {
    fn add(&mut self, path: &ApiPath) {
        let model = self.model;
        let Some((_, container)) = model.containers().next() else {
            return;
        };
        let (rendered, names) = path.render_with_parameters(model);
        let mut parameter_names = names.iter();
        let mut modules: Vec<(String, String)> = Vec::new();
        let mut steps = Vec::new();
        let mut parameters = Vec::new();
        let mut target = None;
        let mut position;
        let mut prefix = String::new();
        let mut start = 1;

        // The root: a shared target, an entity set, a singleton, or an import.
        match path.segments.first() {
            Some(Segment::EntitySet(i)) => {
                let set = &container.entity_sets[*i];
                let shared = self.target_of_type.get(&set.entity_type).copied();
                prefix.push('/');
                prefix.push_str(&set.name);
                if let (Some(shared), Some(Segment::Key(_))) = (shared, path.segments.get(1)) {
                    start = 2;
                    parameter_names.next();
                    target = Some(shared);
                    position = Position::Single;
                } else {
                    steps.push(Step::Segment(set.name.clone()));
                    position = Position::Collection;
                }
                modules.push((rust_name(NameKind::Module, &set.name), prefix.clone()));
                if let Some(variant) = target.and_then(|t| {
                    self.targets[t]
                        .variants
                        .iter()
                        .find(|v| v.segment == set.name)
                }) {
                    prefix.push_str(&format!("/{{{}}}", variant.key.as_deref().unwrap_or("id")));
                }
            }
            Some(Segment::Singleton(i)) => {
                let singleton = &container.singletons[*i];
                match self.target_of_type.get(&singleton.ty) {
                    Some(shared) => {
                        target = Some(*shared);
                        // Shared roots live in the module of their entity set.
                        let set = container
                            .entity_sets
                            .iter()
                            .find(|s| s.entity_type == singleton.ty)
                            .map_or(&singleton.name, |s| &s.name);
                        prefix = format!("/{set}");
                        modules.push((rust_name(NameKind::Module, set), prefix.clone()));
                        if let Some(key) = self.targets[*shared]
                            .variants
                            .iter()
                            .find_map(|v| v.key.as_deref())
                        {
                            prefix.push_str(&format!("/{{{key}}}"));
                        }
                    }
                    None => {
                        prefix = format!("/{}", singleton.name);
                        steps.push(Step::Segment(singleton.name.clone()));
                        modules
                            .push((rust_name(NameKind::Module, &singleton.name), prefix.clone()));
                    }
                }
                position = Position::Single;
            }
            Some(Segment::Import(op)) => {
                let op = *op;
                let name = rust_name(NameKind::Field, &model[op].name);
                let mut function = FunctionParts::default();
                self.function_step(op, 0, &mut parameter_names, &mut function);
                let Some(function) = self.function(
                    path,
                    &rendered,
                    name,
                    None,
                    function.steps,
                    function.parameters,
                ) else {
                    return;
                };
                push_function(&mut self.root, function);
                return;
            }
            _ => return,
        }

        // The middle: every segment but the last is a step and, for most, a module.
        let last = path.segments.len() - 1;
        for (index, segment) in path.segments.iter().enumerate().skip(start) {
            let is_last = index == last;
            match segment {
                Segment::Navigation(p) | Segment::Complex(p) => {
                    let property = &model[*p];
                    steps.push(Step::Segment(property.name.clone()));
                    prefix.push('/');
                    prefix.push_str(&property.name);
                    modules.push((rust_name(NameKind::Module, &property.name), prefix.clone()));
                    position = if property.ty.collection {
                        Position::Collection
                    } else {
                        Position::Single
                    };
                }
                Segment::Key(_) => {
                    let Some(name) = parameter_names.next() else {
                        return;
                    };
                    steps.push(Step::Key {
                        parameter: rust_name(NameKind::Field, &name.name),
                        name: name.name.clone(),
                    });
                    parameters.push(Parameter {
                        name: rust_name(NameKind::Field, &name.name),
                        ty: ParameterType::Str,
                        optional: false,
                    });
                    position = Position::Single;
                }
                Segment::AlternateKey(parts) => {
                    // `collection(alias='value')`: the collection's own segment takes the key.
                    let Some(Step::Segment(collection)) = steps.pop() else {
                        return;
                    };
                    let mut arguments = Vec::new();
                    for (alias, _) in parts {
                        let Some(name) = parameter_names.next() else {
                            return;
                        };
                        let parameter = rust_name(NameKind::Field, &name.name);
                        parameters.push(Parameter {
                            name: parameter.clone(),
                            ty: ParameterType::Str,
                            optional: false,
                        });
                        arguments.push(Argument {
                            name: alias.clone(),
                            parameter,
                            quoted: true,
                            display: false,
                            alias: false,
                        });
                    }
                    steps.push(Step::Function {
                        name: collection,
                        arguments,
                    });
                    position = Position::AlternateKey;
                }
                Segment::Cast(ty) => {
                    let ty = &model[*ty];
                    steps.push(Step::Segment(ty.qualified_name.clone()));
                    prefix.push('/');
                    prefix.push_str(&ty.qualified_name);
                    let name = format!("as_{}", rust_name(NameKind::Field, &ty.name));
                    modules.push((name, prefix.clone()));
                    // A cast keeps the position: `/members/microsoft.graph.user` is a collection.
                }
                Segment::Operation(op) if !is_last => {
                    // A composable function followed by more: a module of its own.
                    let mut function = FunctionParts::default();
                    self.function_step(*op, 1, &mut parameter_names, &mut function);
                    let mut name = operation_name(model, *op);
                    // Overloads (`range()`, `range(address='...')`) are modules of their own.
                    let overloaded = model
                        .find_operations(&model[*op].qualified_name)
                        .iter()
                        .filter(|other| model[**other].binding() == model[*op].binding())
                        .count()
                        > 1;
                    if let (true, Some(Step::Function { arguments, .. })) =
                        (overloaded, function.steps.first())
                    {
                        let named: Vec<&str> = arguments
                            .iter()
                            .filter(|a| !a.alias)
                            .map(|a| a.parameter.as_str())
                            .collect();
                        if !named.is_empty() {
                            name = format!("{name}_with_{}", named.join("_and_"));
                        }
                    }
                    prefix.push('/');
                    prefix.push_str(&render_step(function.steps.first()));
                    modules.push((name, prefix.clone()));
                    steps.extend(function.steps);
                    parameters.extend(function.parameters);
                    position = Position::Single;
                }
                _ if is_last => {
                    self.last_segment(
                        path,
                        &rendered,
                        segment,
                        position,
                        target,
                        modules,
                        steps,
                        parameters,
                        &mut parameter_names,
                    );
                    return;
                }
                _ => return,
            }
        }
        // The path ends at a resource: list, create, get, update, replace, delete.
        for method in &path.methods {
            let (name, body, answer) = match (position, method) {
                (Position::Collection, Method::Get) => {
                    ("list", Body::None, Answer::Page(self.subject(path)))
                }
                (Position::Collection, Method::Post) => (
                    "create",
                    Body::Entity { create: true },
                    Answer::Entity(self.subject(path)),
                ),
                (Position::Collection | Position::Single, Method::Patch) => (
                    "update",
                    Body::Entity { create: false },
                    Answer::OptionalEntity(self.subject(path)),
                ),
                (Position::Single, Method::Get) => {
                    ("get", Body::None, Answer::Entity(self.subject(path)))
                }
                (Position::Single | Position::Collection, Method::Put) => (
                    "replace",
                    Body::Entity { create: false },
                    Answer::OptionalEntity(self.subject(path)),
                ),
                (Position::Single | Position::Collection, Method::Delete) => {
                    ("delete", Body::None, Answer::None)
                }
                (Position::Single, Method::Post) => (
                    "create",
                    Body::Entity { create: true },
                    Answer::Entity(self.subject(path)),
                ),
                (Position::AlternateKey, Method::Get) => {
                    ("get_by", Body::None, Answer::Entity(self.subject(path)))
                }
                (Position::AlternateKey, Method::Patch) => (
                    "update_by",
                    Body::Entity { create: false },
                    Answer::OptionalEntity(self.subject(path)),
                ),
                (Position::AlternateKey, Method::Put) => (
                    "replace_by",
                    Body::Entity { create: false },
                    Answer::OptionalEntity(self.subject(path)),
                ),
                (Position::AlternateKey, Method::Delete) => ("delete_by", Body::None, Answer::None),
                (Position::AlternateKey, Method::Post) => continue,
            };
            let mut name = name.to_owned();
            if position == Position::AlternateKey {
                if let Some(Step::Function { arguments, .. }) = steps.last() {
                    for argument in arguments {
                        name.push('_');
                        name.push_str(&argument.parameter);
                    }
                }
            }
            let mut parameters = parameters.clone();
            if matches!(body, Body::Entity { .. }) {
                parameters.push(Parameter {
                    name: "body".into(),
                    ty: ParameterType::Ref(match &answer {
                        Answer::Entity(ty) | Answer::OptionalEntity(ty) => ty.clone(),
                        _ => RustType::Untyped,
                    }),
                    optional: false,
                });
            }
            let Some(answer) = self.resolved(answer) else {
                continue;
            };
            let Some(mut function) = self.resource_function(
                &rendered, name, *method, target, &steps, parameters, body, answer,
            ) else {
                continue;
            };
            function.docs = path.notes.docs(*method).to_vec();
            let lookups = (position, method) == (Position::Collection, &Method::Get);
            let lookups = if lookups {
                self.lookups(path, &function)
            } else {
                Vec::new()
            };
            self.insert(&modules, function);
            for lookup in lookups {
                self.insert(&modules, lookup);
            }
        }
    }

    /// `get_by_<property>` for each property the collection of `list` may be filtered on to
    /// one item (`joinWebUrl`): the list's path with `?$filter=<path> eq '{<property>}'`.
    fn lookups(&self, path: &ApiPath, list: &ApiFunction) -> Vec<ApiFunction> {
        let Answer::Page(entity) = &list.answer else {
            return Vec::new();
        };
        path.notes
            .lookups
            .iter()
            .map(|property_path| {
                let last = property_path.rsplit('/').next().unwrap_or(property_path);
                let parameter = unique(&list.parameters, rust_name(NameKind::Field, last));
                let mut lookup = list.clone();
                lookup.name = format!("get_by_{}", parameter.trim_start_matches("r#"));
                for path in &mut lookup.paths {
                    path.push_str(&format!("?$filter={property_path} eq '{{{last}}}'"));
                }
                lookup.steps.push(Step::Filter {
                    property_path: property_path.clone(),
                    parameter: parameter.clone(),
                });
                lookup.parameters.push(Parameter {
                    name: parameter,
                    ty: ParameterType::Str,
                    optional: false,
                });
                lookup.answer = Answer::FirstItem(entity.clone());
                lookup
            })
            .collect()
    }

    /// The type the path is about, as the type map names it (`Untyped` when not generated,
    /// which [`Self::resolved`] refuses).
    fn subject(&self, path: &ApiPath) -> RustType {
        path.subject_type(self.model)
            .and_then(|ty| {
                (self.types)(&TypeRef {
                    collection: false,
                    target: TypeTarget::Type(ty),
                })
            })
            .unwrap_or(RustType::Untyped)
    }

    /// `None` when an answer's type is not generated.
    fn resolved(&self, answer: Answer) -> Option<Answer> {
        match &answer {
            Answer::Entity(RustType::Untyped)
            | Answer::OptionalEntity(RustType::Untyped)
            | Answer::Page(RustType::Untyped) => None,
            _ => Some(answer),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn resource_function(
        &self,
        rendered: &str,
        name: String,
        method: Method,
        target: Option<usize>,
        steps: &[Step],
        parameters: Vec<Parameter>,
        body: Body,
        answer: Answer,
    ) -> Option<ApiFunction> {
        let success = match (method, &answer) {
            (Method::Post, _) => vec![201],
            (Method::Get, _) => vec![200],
            (Method::Patch | Method::Put, _) => vec![200, 204],
            (Method::Delete, _) => vec![204],
        };
        Some(ApiFunction {
            name,
            method,
            target,
            paths: self.paths_for(target, rendered),
            steps: steps.to_vec(),
            parameters,
            body,
            answer,
            query_entity: None,
            success,
            idempotent: method != Method::Post,
            permissions: Vec::new(),
            docs: Vec::new(),
            gate: Gate::default(),
        })
    }

    /// The documented path for each target variant, or the one path.
    fn paths_for(&self, target: Option<usize>, rendered: &str) -> Vec<String> {
        let Some(target) = target else {
            return vec![rendered.to_owned()];
        };
        // `rendered` starts with one variant's root; give each variant its own.
        let variants = &self.targets[target].variants;
        let rest = variants
            .iter()
            .find_map(|v| {
                let root = match &v.key {
                    Some(key) => format!("/{}/{{{key}}}", v.segment),
                    None => format!("/{}", v.segment),
                };
                rendered.strip_prefix(&root)
            })
            .unwrap_or("");
        variants
            .iter()
            .map(|v| match &v.key {
                Some(key) => format!("/{}/{{{key}}}{rest}", v.segment),
                None => format!("/{}{rest}", v.segment),
            })
            .collect()
    }

    /// The function for the last segment of a path that does not end at a resource:
    /// `$count`, `$ref`, `$value`, a stream property, or an operation.
    #[allow(clippy::too_many_arguments)]
    fn last_segment<'n>(
        &mut self,
        path: &ApiPath,
        rendered: &str,
        segment: &Segment,
        position: Position,
        target: Option<usize>,
        modules: Vec<(String, String)>,
        mut steps: Vec<Step>,
        mut parameters: Vec<Parameter>,
        parameter_names: &mut impl Iterator<Item = &'n PathParameter>,
    ) {
        let model = self.model;
        let mut functions = Vec::new();
        match segment {
            Segment::Count => {
                steps.push(Step::Segment("$count".into()));
                functions.push((
                    "count".to_owned(),
                    Method::Get,
                    Body::None,
                    Answer::Count,
                    vec![200],
                ));
            }
            Segment::Value | Segment::Stream(_) => {
                let (segment, suffix) = match segment {
                    Segment::Stream(p) => (
                        model[*p].name.clone(),
                        rust_name(NameKind::Field, &model[*p].name),
                    ),
                    _ => ("$value".to_owned(), "value".to_owned()),
                };
                steps.push(Step::Segment(segment));
                for method in &path.methods {
                    let (verb, body, answer, success) = match method {
                        Method::Get => ("get", Body::None, Answer::Bytes, vec![200]),
                        Method::Put => ("put", Body::Stream, Answer::None, vec![200, 201, 204]),
                        Method::Delete => ("delete", Body::None, Answer::None, vec![204]),
                        _ => continue,
                    };
                    functions.push((format!("{verb}_{suffix}"), *method, body, answer, success));
                }
            }
            Segment::Ref => {
                steps.push(Step::Segment("$ref".into()));
                for method in &path.methods {
                    let (name, body, answer, success) = match (position, method) {
                        (Position::Collection, Method::Get) => (
                            "list_refs",
                            Body::None,
                            Answer::Page(RustType::Edm(EdmKind::String)),
                            vec![200],
                        ),
                        (Position::Collection, Method::Post) => {
                            ("add_ref", Body::Reference, Answer::None, vec![204])
                        }
                        (Position::Collection, Method::Delete) => {
                            ("remove_ref_by_url", Body::None, Answer::None, vec![204])
                        }
                        (_, Method::Get) => (
                            "get_ref",
                            Body::None,
                            Answer::Entity(RustType::Untyped),
                            vec![200],
                        ),
                        (_, Method::Put) => ("set_ref", Body::Reference, Answer::None, vec![204]),
                        (_, Method::Delete) => ("remove_ref", Body::None, Answer::None, vec![204]),
                        _ => continue,
                    };
                    functions.push((name.to_owned(), *method, body, answer, success));
                }
            }
            Segment::Operation(op) => {
                let op = *op;
                let mut function = FunctionParts::default();
                self.function_step(op, 1, parameter_names, &mut function);
                steps.extend(function.steps);
                parameters.extend(function.parameters);
                let mut name = operation_name(model, op);
                // An action named like what a method does at the path (`printers/create`)
                // says what it is: `create_action`.
                if RESOURCE_FUNCTIONS.contains(&name.as_str()) {
                    name.push_str(match model[op].kind {
                        OperationKind::Action => "_action",
                        OperationKind::Function => "_function",
                    });
                }
                let Some(function) = self.function(path, rendered, name, target, steps, parameters)
                else {
                    return;
                };
                self.insert(&modules, function);
                return;
            }
            _ => return,
        }
        for (name, method, body, answer, success) in functions {
            let mut parameters = parameters.clone();
            match body {
                Body::Stream => {
                    parameters.push(Parameter {
                        name: "content".into(),
                        ty: ParameterType::Bytes,
                        optional: false,
                    });
                    parameters.push(Parameter {
                        name: "content_type".into(),
                        ty: ParameterType::Copy("&'static str"),
                        optional: false,
                    });
                }
                Body::Reference => parameters.push(Parameter {
                    name: "url".into(),
                    ty: ParameterType::Str,
                    optional: false,
                }),
                _ => {}
            }
            let mut steps = steps.clone();
            if name == "remove_ref_by_url" {
                parameters.push(Parameter {
                    name: "url".into(),
                    ty: ParameterType::Str,
                    optional: false,
                });
                steps.push(Step::Query {
                    key: "$id".into(),
                    parameter: "url".into(),
                });
            }
            let function = ApiFunction {
                name,
                method,
                target,
                paths: self.paths_for(target, rendered),
                steps,
                parameters,
                body,
                answer,
                query_entity: None,
                success,
                idempotent: method != Method::Post,
                permissions: Vec::new(),
                docs: Vec::new(),
                gate: Gate::default(),
            };
            self.insert(&modules, function);
        }
    }

    /// The function of an operation (bound or imported) with its steps and parameters.
    fn function(
        &self,
        path: &ApiPath,
        rendered: &str,
        name: String,
        target: Option<usize>,
        steps: Vec<Step>,
        mut parameters: Vec<Parameter>,
    ) -> Option<ApiFunction> {
        let model = self.model;
        let op = match path.segments.last() {
            Some(Segment::Operation(op) | Segment::Import(op)) => *op,
            _ => return None,
        };
        let operation = &model[op];
        let skip = usize::from(operation.is_bound);
        let (method, body) = match operation.kind {
            OperationKind::Function => (Method::Get, Body::None),
            OperationKind::Action => {
                let mut members = Vec::new();
                for parameter in operation.parameters.iter().skip(skip) {
                    let ty = (self.types)(&parameter.ty)?;
                    let name = unique(&parameters, rust_name(NameKind::Field, &parameter.name));
                    let ty = parameter_type(ty);
                    parameters.push(Parameter {
                        name: name.clone(),
                        ty,
                        optional: parameter.nullable,
                    });
                    members.push((parameter.name.clone(), name, parameter.nullable));
                }
                (
                    Method::Post,
                    if members.is_empty() {
                        Body::None
                    } else {
                        Body::Parameters(members)
                    },
                )
            }
        };
        let answer = match &operation.return_type {
            None => Answer::None,
            Some(returns) => {
                let single = TypeRef {
                    collection: false,
                    target: returns.ty.target.clone(),
                };
                let ty = (self.types)(&single)?;
                let structured = matches!(&returns.ty.target, TypeTarget::Type(t)
                    if matches!(model[*t].detail, TypeDetail::Entity(_)));
                match (returns.ty.collection, structured, &returns.ty.target) {
                    (_, _, TypeTarget::Primitive(EdmKind::Stream)) => Answer::Bytes,
                    (true, _, _) => Answer::Page(ty),
                    (false, true, _) => Answer::Entity(ty),
                    (false, false, TypeTarget::Type(t))
                        if matches!(model[*t].detail, TypeDetail::Complex(_)) =>
                    {
                        Answer::Complex(ty)
                    }
                    (false, false, _) => Answer::Value(ty),
                }
            }
        };
        let idempotent = method == Method::Get
            || model
                .annotation(Target::Operation(op), IDEMPOTENT)
                .is_some_and(|a| !matches!(a.value, Value::Bool(false)));
        let answer = match answer {
            Answer::Entity(ty) if idempotent && method == Method::Post => {
                Answer::CreatedOrExisting(ty)
            }
            answer => answer,
        };
        let success = match (method, &answer) {
            (Method::Get, _) => vec![200],
            (_, Answer::None) => vec![200, 202, 204],
            _ => vec![200, 201],
        };
        let docs = model
            .annotation(Target::Operation(op), CORE_DESCRIPTION)
            .and_then(|a| a.value.as_str())
            .map(|text| vec![text.to_owned()])
            .unwrap_or_default();
        Some(ApiFunction {
            name,
            method,
            target,
            paths: self.paths_for(target, rendered),
            steps,
            parameters,
            body,
            answer,
            query_entity: None,
            success,
            idempotent,
            permissions: Vec::new(),
            docs,
            gate: Gate::default(),
        })
    }

    /// The call segment of a function (`getByPath(path='...')`) and its path parameters; an
    /// action is a plain segment.
    fn function_step<'n>(
        &self,
        op: OperationId,
        skip: usize,
        parameter_names: &mut impl Iterator<Item = &'n PathParameter>,
        parts: &mut FunctionParts,
    ) {
        let model = self.model;
        let operation = &model[op];
        let segment = operation_segment(model, op);
        if operation.kind == OperationKind::Action {
            parts.steps.push(Step::Segment(segment));
            return;
        }
        let mut arguments = Vec::new();
        let mut aliases = Vec::new();
        for (index, parameter) in operation.parameters.iter().enumerate().skip(skip) {
            let optional = model
                .annotation(Target::Parameter(op, index), OPTIONAL_PARAMETER)
                .is_some();
            let (ty, display) = path_parameter_type(model, &parameter.ty);
            let quoted =
                !parameter.ty.collection && super::paths::quoted_type(model, &parameter.ty.target);
            let name = if optional {
                rust_name(NameKind::Field, &parameter.name)
            } else {
                match parameter_names.next() {
                    Some(name) => rust_name(NameKind::Field, &name.name),
                    None => rust_name(NameKind::Field, &parameter.name),
                }
            };
            parts.parameters.push(Parameter {
                name: name.clone(),
                ty,
                optional,
            });
            let argument = Argument {
                name: parameter.name.clone(),
                parameter: name,
                quoted,
                display,
                alias: optional,
            };
            if optional {
                aliases.push(argument.clone());
            }
            arguments.push(argument);
        }
        parts.steps.push(Step::Function {
            name: segment,
            arguments,
        });
        parts.steps.extend(aliases.into_iter().map(Step::Alias));
    }

    /// Adds `function` to the module at `modules`, renaming it if the name is taken.
    fn insert(&mut self, modules: &[(String, String)], function: ApiFunction) {
        let mut node = &mut self.root;
        for (name, path) in modules {
            node = node.child(name, path);
        }
        push_function(node, function);
    }
}

#[derive(Default)]
struct FunctionParts {
    steps: Vec<Step>,
    parameters: Vec<Parameter>,
}

fn push_function(node: &mut Node, mut function: ApiFunction) {
    // A shared root reaches each function once per variant (`/me/x`, `/users/{userId}/x`).
    if node
        .functions
        .iter()
        .any(|f| f.method == function.method && f.paths == function.paths)
    {
        return;
    }
    let taken = |node: &Node, name: &str| node.functions.iter().any(|f| f.name == name);
    // An operation bound to the collection beside one of the same name bound to its items
    // (`custodians/applyHold`, `custodians/{id}/applyHold`): the item's keeps the name.
    let clash = node
        .functions
        .iter()
        .position(|f| f.name == function.name && after_key(&f.steps) != after_key(&function.steps));
    if let Some(index) = clash {
        let collection = if after_key(&function.steps) {
            &mut node.functions[index]
        } else {
            &mut function
        };
        collection.name = format!("{}_on_collection", collection.name);
    }
    if taken(node, &function.name) {
        // An overload: named for its parameters (`range_with_address`).
        let arguments: Vec<&str> = match function.steps.iter().rev().find_map(|step| match step {
            Step::Function { arguments, .. } => Some(arguments),
            _ => None,
        }) {
            Some(arguments) => arguments.iter().map(|a| a.parameter.as_str()).collect(),
            None => Vec::new(),
        };
        if !arguments.is_empty() {
            function.name = format!("{}_with_{}", function.name, arguments.join("_and_"));
        }
    }
    let base = function.name.clone();
    let mut n = 1;
    while taken(node, &function.name) {
        n += 1;
        function.name = format!("{base}_{n}");
    }
    node.functions.push(function);
}

/// True when the last segment (an operation) follows a key: the operation is on one item.
fn after_key(steps: &[Step]) -> bool {
    let last = steps
        .iter()
        .rposition(|step| matches!(step, Step::Segment(_) | Step::Function { .. }));
    matches!(
        last.and_then(|index| index.checked_sub(1))
            .map(|index| &steps[index]),
        Some(Step::Key { .. })
    )
}

/// A parameter name not yet used (`body` of an action next to a key named `body`).
fn unique(parameters: &[Parameter], name: String) -> String {
    let mut candidate = name.clone();
    let mut n = 1;
    while parameters.iter().any(|p| p.name == candidate) || candidate == "options" {
        n += 1;
        candidate = format!("{name}_{n}");
    }
    candidate
}

/// `accept`, `get_by_path`: the Rust name of an operation.
fn operation_name(model: &Model, op: OperationId) -> String {
    rust_name(NameKind::Field, &model[op].name)
}

/// The operation as the path writes it: unqualified in the container's namespace.
fn operation_segment(model: &Model, op: OperationId) -> String {
    let operation = &model[op];
    let container_namespace = model
        .containers()
        .next()
        .map(|(_, c)| model.schema(c.schema).namespace.as_str());
    if Some(model.schema(operation.schema).namespace.as_str()) == container_namespace {
        operation.name.clone()
    } else {
        operation.qualified_name.clone()
    }
}

fn render_step(step: Option<&Step>) -> String {
    match step {
        Some(Step::Function { name, arguments }) => {
            let arguments: Vec<String> = arguments
                .iter()
                .map(|a| {
                    if a.alias {
                        format!("{}=@{}", a.name, a.name)
                    } else if a.quoted {
                        format!("{}='{{{}}}'", a.name, a.name)
                    } else {
                        format!("{}={{{}}}", a.name, a.name)
                    }
                })
                .collect();
            format!("{name}({})", arguments.join(","))
        }
        Some(Step::Segment(name)) => name.clone(),
        _ => String::new(),
    }
}

/// An action parameter's Rust type: by value for numbers and Booleans, else by reference.
fn parameter_type(ty: RustType) -> ParameterType {
    match &ty {
        RustType::Edm(EdmKind::String) => ParameterType::Str,
        RustType::Edm(kind) => match copy_name(*kind) {
            Some(name) => ParameterType::Copy(name),
            None => ParameterType::Ref(ty),
        },
        _ => ParameterType::Ref(ty),
    }
}

/// A function parameter written into the path: strings as `&str`, numbers and Booleans by
/// value (`display`), anything else as its text (`&str`).
fn path_parameter_type(model: &Model, ty: &TypeRef) -> (ParameterType, bool) {
    if ty.collection {
        return (ParameterType::Str, false);
    }
    let kind = match &ty.target {
        TypeTarget::Primitive(kind) => Some(*kind),
        TypeTarget::Type(t) => model[*t].as_definition().map(|d| d.underlying),
        TypeTarget::Unknown(_) => None,
    };
    match kind.and_then(copy_name) {
        Some(name) => (ParameterType::Copy(name), true),
        None => (ParameterType::Str, false),
    }
}

fn copy_name(kind: EdmKind) -> Option<&'static str> {
    Some(match kind {
        EdmKind::Boolean => "bool",
        EdmKind::Byte => "u8",
        EdmKind::SByte => "i8",
        EdmKind::Int16 => "i16",
        EdmKind::Int32 => "i32",
        EdmKind::Int64 => "i64",
        EdmKind::Single => "f32",
        EdmKind::Double => "f64",
        _ => return None,
    })
}
