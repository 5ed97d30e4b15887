//! The generic service: every path of a [`Catalog`] over an in-memory JSON store.
//!
//! Entity sets, singletons and contained navigation hold entities; a navigation that is not
//! contained holds references (`$ref`) to entities stored elsewhere. Bodies are checked
//! against the metadata (member names, JSON kinds, nullability) before they are kept.
//! Actions and functions are `501 notImplemented`: their behaviour is not in the metadata.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method as HttpMethod, StatusCode};
use axum::response::{IntoResponse, Response};
use graph_codegen::model::{Model, PropertyKind, TypeId, TypeTarget};
use graph_codegen::plan::paths::{Method, Segment};
use indexmap::IndexSet;
use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

use crate::auth::{self, Caller, CallerKind};
use crate::catalog::Catalog;
use crate::checks::{declared_type, BodyCheck, Write};
use crate::error::ApiError;
use crate::query::{Query, PREFER_PAGE_SIZE};
use crate::routes::{read_body, require_json, AppState, ODATA_JSON};

/// What the generic service keeps: entities by storage path, and the ids of each collection
/// in the order they were added.
#[derive(Default)]
pub struct Entities {
    inner: Mutex<Stored>,
}

#[derive(Default)]
struct Stored {
    entities: HashMap<String, Map<String, Value>>,
    /// Collection path -> the storage paths of its entities: their own (contained) or the
    /// entities they refer to (a navigation that is not contained).
    collections: HashMap<String, IndexSet<String>>,
    /// A single-valued navigation that is not contained -> the entity it refers to.
    references: HashMap<String, String>,
    /// Stream content by storage path: content type and bytes.
    media: HashMap<String, (String, Bytes)>,
    /// Each entity's type where it is not the one its place declares: a user is a
    /// `directoryObject` among a group's members.
    types: HashMap<String, TypeId>,
    /// Counts changes: a delta token is a point of this history.
    clock: u64,
    /// When each entity was last created or changed.
    versions: HashMap<String, u64>,
    /// Per collection, the keys of entities deleted from it and when.
    removed: HashMap<String, Vec<(String, u64)>>,
}

impl Stored {
    /// The type of the entity at `path`, `declared` unless recorded otherwise.
    fn type_of(&self, path: &str, declared: TypeId) -> TypeId {
        self.types.get(path).copied().unwrap_or(declared)
    }

    /// Records a change of the entity at `path`.
    fn touch(&mut self, path: &str) {
        self.clock += 1;
        self.versions.insert(path.to_owned(), self.clock);
    }

    /// Removes an entity and everything stored below it; the collection that held it
    /// remembers the removal for delta rounds.
    fn remove_entity(&mut self, path: &str) {
        self.clock += 1;
        if let Some((collection, _)) = path.rsplit_once('/') {
            if self.collections.contains_key(collection) {
                let key = self
                    .entities
                    .get(path)
                    .and_then(|e| e.get("id"))
                    .and_then(Value::as_str)
                    .map_or_else(
                        || path.rsplit('/').next().unwrap_or_default().to_owned(),
                        str::to_owned,
                    );
                self.removed
                    .entry(collection.to_owned())
                    .or_default()
                    .push((key, self.clock));
            }
        }
        let below = format!("{path}/");
        self.versions
            .retain(|key, _| key != path && !key.starts_with(&below));
        self.entities
            .retain(|key, _| key != path && !key.starts_with(&below));
        self.collections.retain(|key, _| !key.starts_with(&below));
        self.references
            .retain(|key, _| key != path && !key.starts_with(&below));
        self.media
            .retain(|key, _| key != path && !key.starts_with(&below));
        self.types
            .retain(|key, _| key != path && !key.starts_with(&below));
        for members in self.collections.values_mut() {
            members.shift_remove(path);
        }
    }
}

impl Entities {
    /// Keeps an upload's bytes as the content of the entity at `path`, sets its `size`, and
    /// returns it; `None` when the entity is gone.
    pub(crate) fn finish_upload(&self, path: &str, content: Vec<u8>) -> Option<Map<String, Value>> {
        let mut stored = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let size = content.len();
        let entity = stored.entities.get_mut(path)?;
        entity.insert("size".into(), Value::from(size));
        let entity = entity.clone();
        stored.media.insert(
            format!("{path}#content"),
            ("application/octet-stream".to_owned(), Bytes::from(content)),
        );
        stored.touch(path);
        Some(entity)
    }
}

/// An entity's place: where it is stored, its declared type, its `@odata.context` path.
#[derive(Clone)]
struct EntityAt {
    path: String,
    ty: TypeId,
    context: String,
}

/// A collection's place.
#[derive(Clone)]
struct CollectionAt {
    path: String,
    ty: TypeId,
    /// Only entities of this type (a cast segment).
    cast: Option<TypeId>,
    /// Holds references to entities stored elsewhere (a navigation that is not contained).
    references: bool,
    /// An entity set of the container: its keys also find entities of its derived types
    /// kept in other sets (`/directoryObjects/{id}` finds a user).
    top_level: bool,
    context: String,
}

/// What a request path addresses.
enum Addressed {
    Collection(CollectionAt),
    Entity(EntityAt),
    /// A single-valued navigation that is not contained and refers to nothing yet.
    EmptyReference {
        slot: String,
        name: String,
        ty: TypeId,
    },
    Count(CollectionAt),
    /// `/members/$ref`.
    References(CollectionAt),
    /// `/members/{id}/$ref`.
    ReferenceTo(CollectionAt, String),
    /// `/manager/$ref`: where the reference is kept, and the type it must refer to.
    SingleReference(String, TypeId),
    /// A stream property (`/content`) or a media entity's `$value`.
    Media(String),
    /// A complex property: the entity and the member.
    Member(EntityAt, String),
    /// The `delta` function of a collection.
    Delta(CollectionAt),
    /// `createUploadSession` on an entity: its content, uploaded in ranges.
    UploadSession(EntityAt),
    /// Any other action or function, answered by a plug-in when one is registered.
    Operation(graph_codegen::model::OperationId),
}

/// Serves a request under `/v1.0` that no hand-written route took.
pub(crate) async fn serve(
    State(state): State<Arc<AppState>>,
    parts: axum::http::request::Parts,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Some(catalog) = state.catalog.clone() else {
        return crate::routes::unknown_resource(parts.uri.path()).into_response();
    };
    match answer(&state, &catalog, &parts, body, Access::Client) {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

/// Who is asking: a client, held to the methods the metadata allows, or a fixture, which may
/// also fill collections clients can only read (`applicationTemplates`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    Client,
    Fixture,
}

pub(crate) fn answer(
    state: &AppState,
    catalog: &Catalog,
    parts: &axum::http::request::Parts,
    body: Result<Bytes, BytesRejection>,
    access: Access,
) -> Result<Response, ApiError> {
    let caller = auth::authenticate(&parts.headers, &state.signing_key)?;
    let raw_path = parts.uri.path();
    let Some(relative) = raw_path.strip_prefix("/v1.0/") else {
        return Err(crate::routes::unknown_resource(raw_path));
    };
    let segments = relative
        .split('/')
        .map(|segment| {
            percent_decode_str(segment)
                .decode_utf8()
                .map(|text| text.into_owned())
                .map_err(|_| {
                    ApiError::bad_request("A path segment is not valid percent-encoded UTF-8.")
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let Some(matched) = catalog.find(&segments) else {
        let known = catalog.known_prefix(&segments);
        let unknown = segments.get(known).map_or(raw_path, String::as_str);
        return Err(crate::routes::unknown_resource(unknown));
    };
    let method = match parts.method {
        HttpMethod::GET => Method::Get,
        HttpMethod::POST => Method::Post,
        HttpMethod::PUT => Method::Put,
        HttpMethod::PATCH => Method::Patch,
        HttpMethod::DELETE => Method::Delete,
        _ => return Err(method_not_allowed(&parts.method, &matched.path.methods)),
    };
    let seeding = access == Access::Fixture && method == Method::Post;
    if !matched.path.methods.contains(&method) && !seeding {
        return Err(method_not_allowed(&parts.method, &matched.path.methods));
    }
    let tenant = caller.tenant_id.clone();
    let mut stored = state
        .entities
        .inner
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let addressed = Walk {
        catalog,
        stored: &mut stored,
        caller: &caller,
        tenant: &tenant,
    }
    .walk(&matched.path.segments, &matched.values)?;
    if let Addressed::Operation(op) = addressed {
        drop(stored);
        let name = &catalog.model()[op].name;
        return call_operation(
            state,
            name,
            matched.template,
            &matched.values,
            body,
            &caller,
        );
    }
    let exchange = Exchange {
        catalog,
        model: catalog.model(),
        stored: &mut stored,
        tenant: &tenant,
        service_root: &state.service_root,
        headers: &parts.headers,
        page_size: state.page_size,
        uploads: &state.uploads,
        access,
    };
    let query = Query::parse(parts.uri.query())?;
    exchange.dispatch(method, addressed, &query, raw_path, body)
}

/// Answers an action or function with its plug-in, or `501`.
fn call_operation(
    state: &AppState,
    name: &str,
    template: &str,
    values: &[String],
    body: Result<Bytes, BytesRejection>,
    caller: &Caller,
) -> Result<Response, ApiError> {
    let Some(handler) = state.operations.get(name) else {
        return Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "notImplemented",
            format!(
                "'{name}' is an action or function; the emulator answers none without a plug-in."
            ),
        ));
    };
    let body = match &body {
        Ok(bytes) if !bytes.iter().all(u8::is_ascii_whitespace) => {
            Some(serde_json::from_slice::<Value>(bytes).map_err(|error| {
                ApiError::bad_request(format!("The request body is not valid JSON: {error}."))
            })?)
        }
        _ => None,
    };
    let call = crate::operations::OperationCall {
        name,
        template,
        parameters: values,
        body: body.as_ref(),
        tenant_id: &caller.tenant_id,
        caller_id: &caller.object_id,
    };
    Ok(match handler(&call)? {
        None => StatusCode::NO_CONTENT.into_response(),
        Some(value) => {
            let value = match value {
                Value::Object(object) => object,
                other => Map::from_iter([("value".to_owned(), other)]),
            };
            let bytes = serde_json::to_vec(&Value::Object(value)).unwrap_or_default();
            (StatusCode::OK, [(header::CONTENT_TYPE, ODATA_JSON)], bytes).into_response()
        }
    })
}

fn method_not_allowed(method: &HttpMethod, allowed: &[Method]) -> ApiError {
    let list: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
        format!(
            "{method} is not supported on this resource; it answers {}.",
            list.join(", ")
        ),
    )
}

/// Follows a matched path's segments through the store.
struct Walk<'a> {
    catalog: &'a Catalog,
    stored: &'a mut Stored,
    caller: &'a Caller,
    tenant: &'a str,
}

impl Walk<'_> {
    fn walk(mut self, segments: &[Segment], values: &[String]) -> Result<Addressed, ApiError> {
        let model = self.catalog.model();
        let container = self.catalog.container();
        let mut values = values.iter().cloned();
        let mut at: Option<Addressed> = None;
        // The collection the current entity was found in, and a single-valued reference slot:
        // what a following `$ref` is about.
        let mut found_in: Option<CollectionAt> = None;
        let mut reference_slot: Option<String> = None;
        for (index, segment) in segments.iter().enumerate() {
            let last = index + 1 == segments.len();
            let next = match (segment, at.take()) {
                (Segment::EntitySet(index), None) => {
                    let set = &container.entity_sets[*index];
                    Addressed::Collection(CollectionAt {
                        path: format!("{}/{}", self.tenant, set.name),
                        ty: set.entity_type,
                        cast: None,
                        references: false,
                        top_level: true,
                        context: set.name.clone(),
                    })
                }
                (Segment::Singleton(index), None) => {
                    let singleton = &container.singletons[*index];
                    Addressed::Entity(self.singleton(&singleton.name, singleton.ty)?)
                }
                (Segment::Key(_), Some(Addressed::Collection(collection))) => {
                    let id = values.next().unwrap_or_default();
                    let entity = self.member(&collection, &id)?;
                    found_in = Some(collection);
                    Addressed::Entity(entity)
                }
                (Segment::AlternateKey(pairs), Some(Addressed::Collection(collection))) => {
                    let wanted: Vec<(String, String)> = pairs
                        .iter()
                        .map(|(_, property)| (property.clone(), values.next().unwrap_or_default()))
                        .collect();
                    let entity = self.member_where(&collection, &wanted)?;
                    found_in = Some(collection);
                    Addressed::Entity(entity)
                }
                (Segment::Cast(ty), Some(Addressed::Collection(mut collection))) => {
                    collection.cast = Some(*ty);
                    collection.context =
                        format!("{}/{}", collection.context, model[*ty].qualified_name);
                    Addressed::Collection(collection)
                }
                (Segment::Cast(ty), Some(Addressed::Entity(entity))) => {
                    let actual = self.stored.type_of(&entity.path, entity.ty);
                    if !derives_from(model, actual, *ty) {
                        return Err(ApiError::not_found(format!(
                            "The entity is not a '{}'.",
                            model[*ty].qualified_name
                        )));
                    }
                    Addressed::Entity(EntityAt {
                        ty: *ty,
                        context: format!("{}/{}", entity.context, model[*ty].qualified_name),
                        ..entity
                    })
                }
                (Segment::Navigation(property), Some(Addressed::Entity(entity))) => {
                    let property = &model[*property];
                    let TypeTarget::Type(ty) = property.ty.target else {
                        return Err(ApiError::bad_request(
                            "The navigation property has no entity type.",
                        ));
                    };
                    let path = format!("{}/{}", entity.path, property.name);
                    let context = format!("{}/{}", entity.context, property.name);
                    found_in = None;
                    reference_slot = None;
                    match (property.contains_target, property.ty.collection) {
                        (_, true) => Addressed::Collection(CollectionAt {
                            path,
                            ty,
                            cast: None,
                            references: !property.contains_target,
                            top_level: false,
                            context,
                        }),
                        (true, false) => {
                            self.stored.entities.entry(path.clone()).or_insert_with(|| {
                                let mut fresh = Map::new();
                                fresh.insert(
                                    "id".into(),
                                    Value::String(uuid::Uuid::new_v4().to_string()),
                                );
                                fresh
                            });
                            Addressed::Entity(EntityAt { path, ty, context })
                        }
                        (false, false) => {
                            reference_slot = Some(path.clone());
                            match self.stored.references.get(&path) {
                                Some(target) if self.stored.entities.contains_key(target) => {
                                    Addressed::Entity(EntityAt {
                                        path: target.clone(),
                                        ty,
                                        context,
                                    })
                                }
                                _ => Addressed::EmptyReference {
                                    slot: path,
                                    name: property.name.clone(),
                                    ty,
                                },
                            }
                        }
                    }
                }
                (Segment::Count, Some(Addressed::Collection(collection))) => {
                    Addressed::Count(collection)
                }
                (Segment::Operation(op), Some(Addressed::Collection(collection)))
                    if is_delta(model, *op) && last =>
                {
                    Addressed::Delta(collection)
                }
                (Segment::Operation(op), Some(Addressed::Entity(entity)))
                    if model[*op].name == "createUploadSession" && last =>
                {
                    Addressed::UploadSession(entity)
                }
                (Segment::Operation(op) | Segment::Import(op), _) if last => {
                    Addressed::Operation(*op)
                }
                (Segment::Operation(op) | Segment::Import(op), _) => {
                    return Err(ApiError::new(
                        StatusCode::NOT_IMPLEMENTED,
                        "notImplemented",
                        format!(
                            "'{}' is an action or function; the emulator answers none without a plug-in.",
                            model[*op].name
                        ),
                    ))
                }
                (Segment::Ref, Some(Addressed::Collection(collection)))
                    if collection.references =>
                {
                    Addressed::References(collection)
                }
                (Segment::Ref, Some(Addressed::Entity(entity))) => {
                    match (found_in.take(), reference_slot.take()) {
                        (Some(collection), _) if collection.references => {
                            Addressed::ReferenceTo(collection, entity.path)
                        }
                        (_, Some(slot)) => Addressed::SingleReference(slot, entity.ty),
                        _ => {
                            return Err(ApiError::bad_request(
                                "$ref addresses a reference, and this entity is not one.",
                            ))
                        }
                    }
                }
                (Segment::Ref, Some(Addressed::EmptyReference { slot, ty, .. })) => {
                    Addressed::SingleReference(slot, ty)
                }
                (Segment::Stream(property), Some(Addressed::Entity(entity))) => {
                    Addressed::Media(format!("{}#{}", entity.path, model[*property].name))
                }
                (Segment::Value, Some(Addressed::Entity(entity))) => {
                    Addressed::Media(format!("{}#$value", entity.path))
                }
                (Segment::Complex(property), Some(Addressed::Entity(entity))) => {
                    Addressed::Member(entity, model[*property].name.clone())
                }
                (_, Some(Addressed::EmptyReference { name, .. })) => {
                    return Err(ApiError::not_found(format!(
                        "Resource '{name}' does not exist or one of its queried reference-property objects are not present."
                    )));
                }
                _ => {
                    return Err(ApiError::bad_request(
                        "The path's segments do not address a resource the emulator keeps.",
                    ))
                }
            };
            at = Some(next);
        }
        at.ok_or_else(|| ApiError::bad_request("An empty path addresses nothing."))
    }

    /// A singleton: `/me` is the caller's own user in `/users`, made from the token's claims
    /// on first use; any other singleton always exists.
    fn singleton(&mut self, name: &str, ty: TypeId) -> Result<EntityAt, ApiError> {
        if name == "me" && self.catalog.entity_set("users") == Some(ty) {
            if self.caller.kind == CallerKind::Application {
                return Err(ApiError::bad_request(
                    "/me request is only valid with delegated authentication flow.",
                ));
            }
            let id = self.caller.object_id.clone();
            let path = format!("{}/users/{}", self.tenant, escape(&id));
            if !self.stored.entities.contains_key(&path) {
                let mut user = Map::new();
                user.insert("id".into(), Value::String(id.clone()));
                for (member, value) in [
                    ("userPrincipalName", &self.caller.upn),
                    ("displayName", &self.caller.display_name),
                ] {
                    if let Some(value) = value {
                        user.insert(member.into(), Value::String(value.clone()));
                    }
                }
                self.stored.entities.insert(path.clone(), user);
                self.stored
                    .collections
                    .entry(format!("{}/users", self.tenant))
                    .or_default()
                    .insert(path.clone());
            }
            return Ok(EntityAt {
                path,
                ty,
                context: format!("users('{id}')"),
            });
        }
        let path = format!("{}/{}", self.tenant, name);
        self.stored.entities.entry(path.clone()).or_default();
        Ok(EntityAt {
            path,
            ty,
            context: name.to_owned(),
        })
    }

    /// The entity of `collection` whose key is `id`.
    fn member(&self, collection: &CollectionAt, id: &str) -> Result<EntityAt, ApiError> {
        let model = self.catalog.model();
        let context = format!("{}('{id}')", collection.context);
        let path = lookup(self.catalog, self.stored, self.tenant, collection, id)
            .ok_or_else(|| missing(id))?;
        let ty = self.stored.type_of(&path, collection.ty);
        if let Some(cast) = collection.cast {
            if !derives_from(model, ty, cast) {
                return Err(ApiError::not_found(format!(
                    "Resource '{id}' is not a '{}'.",
                    model[cast].qualified_name
                )));
            }
        }
        Ok(EntityAt {
            path,
            ty: collection.ty,
            context,
        })
    }

    /// The entity of `collection` whose properties have the given values (an alternate key).
    fn member_where(
        &self,
        collection: &CollectionAt,
        wanted: &[(String, String)],
    ) -> Result<EntityAt, ApiError> {
        let members = self.stored.collections.get(&collection.path);
        let found = members.into_iter().flatten().find(|path| {
            self.stored.entities.get(*path).is_some_and(|entity| {
                wanted
                    .iter()
                    .all(|(property, value)| match entity.get(property) {
                        Some(Value::String(text)) => text == value,
                        Some(Value::Number(number)) => value.parse::<f64>().ok() == number.as_f64(),
                        Some(Value::Bool(flag)) => value.parse::<bool>().ok() == Some(*flag),
                        Some(_) => false,
                        None => false,
                    })
            })
        });
        let described: Vec<String> = wanted.iter().map(|(p, v)| format!("{p}='{v}'")).collect();
        let path = found.cloned().ok_or_else(|| {
            ApiError::not_found(format!(
                "Resource '{}' does not exist or one of its queried reference-property objects are not present.",
                described.join(",")
            ))
        })?;
        Ok(EntityAt {
            path,
            ty: collection.ty,
            context: format!("{}({})", collection.context, described.join(",")),
        })
    }
}

/// One request against the store, after its path is resolved.
struct Exchange<'a> {
    catalog: &'a Catalog,
    model: &'a Model,
    stored: &'a mut Stored,
    tenant: &'a str,
    service_root: &'a str,
    headers: &'a HeaderMap,
    page_size: usize,
    uploads: &'a crate::upload::Uploads,
    access: Access,
}

impl Exchange<'_> {
    fn dispatch(
        self,
        method: Method,
        addressed: Addressed,
        query: &Query,
        raw_path: &str,
        body: Result<Bytes, BytesRejection>,
    ) -> Result<Response, ApiError> {
        match (method, addressed) {
            (Method::Get, Addressed::Collection(collection)) => {
                self.list(&collection, query, raw_path)
            }
            (Method::Post, Addressed::Collection(collection)) if !collection.references => {
                let body = json_object(self.headers, body)?;
                self.create(&collection, body)
            }
            (Method::Post, Addressed::Collection(_)) => Err(ApiError::bad_request(
                "This navigation refers to entities kept elsewhere; add one with POST .../$ref.",
            )),
            (Method::Get, Addressed::Entity(entity)) => {
                let stored = self.stored.entities.get(&entity.path).cloned().unwrap_or_default();
                let mut selected = query.select(stored);
                let ty = self.stored.type_of(&entity.path, entity.ty);
                self.expand(&entity.path, ty, &mut selected, &query.expand)?;
                Ok(self.json(
                    StatusCode::OK,
                    with_context(self.service_root, &format!("{}/$entity", entity.context), selected),
                ))
            }
            (Method::Patch, Addressed::Entity(entity)) => {
                let body = json_object(self.headers, body)?;
                self.update(&entity, body, false)
            }
            (Method::Put, Addressed::Entity(entity)) => {
                let body = json_object(self.headers, body)?;
                self.update(&entity, body, true)
            }
            (Method::Delete, Addressed::Entity(entity)) => {
                self.stored.remove_entity(&entity.path);
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            (Method::Get, Addressed::Delta(collection)) => self.delta(&collection, query, raw_path),
            (Method::Post, Addressed::UploadSession(entity)) => {
                let session = self.uploads.open(self.service_root, entity.path, entity.context);
                Ok((StatusCode::OK, [(header::CONTENT_TYPE, ODATA_JSON)], session.to_string())
                    .into_response())
            }
            (Method::Get, Addressed::Count(collection)) => {
                let count = self.members(&collection).len();
                Ok(([(header::CONTENT_TYPE, "text/plain")], count.to_string()).into_response())
            }
            (Method::Get, Addressed::References(collection)) => {
                let value: Vec<Value> = self
                    .members(&collection)
                    .iter()
                    .map(|(path, _, _)| {
                        let mut reference = Map::new();
                        reference.insert("@odata.id".into(), Value::String(self.odata_id(path)));
                        Value::Object(reference)
                    })
                    .collect();
                let mut page = Map::new();
                page.insert("value".into(), Value::Array(value));
                Ok(self.json(
                    StatusCode::OK,
                    with_context(self.service_root, "Collection($ref)", page),
                ))
            }
            (Method::Post, Addressed::References(collection)) => {
                let body = json_object(self.headers, body)?;
                let target = self.reference_target(&body, collection.ty)?;
                self.stored
                    .collections
                    .entry(collection.path)
                    .or_default()
                    .insert(target);
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            (Method::Delete, Addressed::References(collection)) => {
                let Some(url) = &query.reference else {
                    return Err(ApiError::bad_request(
                        "DELETE .../$ref needs $id, the URL of the entity to remove.",
                    ));
                };
                let mut reference = Map::new();
                reference.insert("@odata.id".into(), Value::String(url.clone()));
                let target = self.reference_target(&reference, collection.ty)?;
                if let Some(members) = self.stored.collections.get_mut(&collection.path) {
                    members.shift_remove(&target);
                }
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            (Method::Delete, Addressed::ReferenceTo(collection, target)) => {
                if let Some(members) = self.stored.collections.get_mut(&collection.path) {
                    members.shift_remove(&target);
                }
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            (Method::Put, Addressed::SingleReference(slot, ty)) => {
                let body = json_object(self.headers, body)?;
                let target = self.reference_target(&body, ty)?;
                self.stored.references.insert(slot, target);
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            (Method::Get, Addressed::SingleReference(slot, _)) => {
                let target = self.stored.references.get(&slot).cloned().ok_or_else(|| {
                    ApiError::not_found("The reference is not set.")
                })?;
                let mut reference = Map::new();
                reference.insert("@odata.id".into(), Value::String(self.odata_id(&target)));
                Ok(self.json(StatusCode::OK, with_context(self.service_root, "$ref", reference)))
            }
            (Method::Delete, Addressed::SingleReference(slot, _)) => {
                self.stored.references.remove(&slot);
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            (Method::Get, Addressed::Media(key)) => {
                let (content_type, bytes) = self
                    .stored
                    .media
                    .get(&key)
                    .cloned()
                    .ok_or_else(|| ApiError::not_found("The stream has no content."))?;
                Ok(([(header::CONTENT_TYPE, content_type)], bytes).into_response())
            }
            (Method::Put, Addressed::Media(key)) => {
                let bytes = read_body(body)?;
                let content_type = self
                    .headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("application/octet-stream")
                    .to_owned();
                self.stored.media.insert(key, (content_type, bytes));
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            (Method::Delete, Addressed::Media(key)) => {
                self.stored.media.remove(&key);
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            (Method::Get, Addressed::Member(entity, member)) => {
                let value = self
                    .stored
                    .entities
                    .get(&entity.path)
                    .and_then(|e| e.get(&member))
                    .cloned()
                    .unwrap_or(Value::Null);
                let Value::Object(object) = value else {
                    return Err(ApiError::not_found(format!("'{member}' has no value.")));
                };
                Ok(self.json(
                    StatusCode::OK,
                    with_context(self.service_root, &format!("{}/{member}", entity.context), object),
                ))
            }
            (Method::Patch, Addressed::Member(entity, member)) => {
                let body = json_object(self.headers, body)?;
                let mut wrapped = Map::new();
                wrapped.insert(member, Value::Object(body));
                self.update(&entity, wrapped, false)
            }
            (_, Addressed::EmptyReference { name, .. }) => Err(ApiError::not_found(format!(
                "Resource '{name}' does not exist or one of its queried reference-property objects are not present."
            ))),
            (method, _) => Err(ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "MethodNotAllowed",
                format!("{} is not supported on this resource.", method.as_str()),
            )),
        }
    }

    /// A round of the collection's `delta` function: everything (no token), or what changed
    /// and was removed since the token, in pages; the last page links to the next round.
    fn delta(
        &self,
        collection: &CollectionAt,
        query: &Query,
        raw_path: &str,
    ) -> Result<Response, ApiError> {
        let invalid = || {
            ApiError::bad_request("The delta token or skip token is not one this service issued.")
        };
        // A page after the first carries its offset, the round's start and what it is since.
        let (offset, round, since) = match (&query.skip_token, &query.delta_token) {
            (Some(token), _) => {
                let mut parts = token.splitn(3, '_');
                let mut number = || parts.next().and_then(|p| p.parse::<u64>().ok());
                let (offset, round) =
                    (number().ok_or_else(invalid)?, number().ok_or_else(invalid)?);
                (offset as usize, round, number())
            }
            (None, Some(token)) if token == "latest" => {
                (0, self.stored.clock, Some(self.stored.clock))
            }
            (None, Some(token)) => (
                0,
                self.stored.clock,
                Some(token.parse().map_err(|_| invalid())?),
            ),
            (None, None) => (0, self.stored.clock, None),
        };
        let mut entries: Vec<Value> = self
            .members(collection)
            .into_iter()
            .filter(|(path, _, _)| {
                since.is_none_or(|since| self.stored.versions.get(path).is_some_and(|v| *v > since))
            })
            .map(|(_, _, entity)| Value::Object(query.select(entity)))
            .collect();
        if let Some(since) = since {
            for (key, when) in self
                .stored
                .removed
                .get(&collection.path)
                .into_iter()
                .flatten()
            {
                if *when > since {
                    entries.push(serde_json::json!({"id": key, "@removed": {"reason": "deleted"}}));
                }
            }
        }
        let page_size = [query.top, Query::preferred_page_size(self.headers)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(self.page_size)
            .max(1);
        let total = entries.len();
        let end = offset.saturating_add(page_size).min(total);
        let value: Vec<Value> = entries.drain(offset.min(end)..end).collect();
        let mut page = Map::new();
        page.insert("value".into(), Value::Array(value));
        let (link, target) = if end < total {
            let since = since.map_or_else(|| "all".to_owned(), |s| s.to_string());
            let token = format!("{end}_{round}_{since}");
            (
                "@odata.nextLink",
                query.link(self.service_root, raw_path, "$skiptoken", &token),
            )
        } else {
            (
                "@odata.deltaLink",
                query.link(
                    self.service_root,
                    raw_path,
                    "$deltatoken",
                    &round.to_string(),
                ),
            )
        };
        page.insert(link.into(), Value::String(target));
        Ok(self.json(
            StatusCode::OK,
            with_context(
                self.service_root,
                &format!("{}/delta", collection.context),
                page,
            ),
        ))
    }

    /// Adds each `$expand`ed navigation property of the entity at `path` to `entity`: the
    /// entities it contains or refers to, one level.
    fn expand(
        &self,
        path: &str,
        ty: TypeId,
        entity: &mut Map<String, Value>,
        names: &[String],
    ) -> Result<(), ApiError> {
        for name in names {
            let property = self
                .model
                .find_property(ty, name)
                .map(|p| &self.model[p])
                .filter(|p| p.kind == PropertyKind::Navigation)
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "Could not find a navigation property named '{name}' on type '{}'.",
                        self.model[ty].qualified_name
                    ))
                })?;
            let TypeTarget::Type(target) = property.ty.target else {
                continue;
            };
            let at = format!("{path}/{name}");
            let value = if property.ty.collection {
                let collection = CollectionAt {
                    path: at,
                    ty: target,
                    cast: None,
                    references: !property.contains_target,
                    top_level: false,
                    context: String::new(),
                };
                Value::Array(
                    self.members(&collection)
                        .into_iter()
                        .map(|(_, _, member)| Value::Object(member))
                        .collect(),
                )
            } else {
                let target_path = if property.contains_target {
                    Some(&at)
                } else {
                    self.stored.references.get(&at)
                };
                target_path
                    .and_then(|p| self.stored.entities.get(p))
                    .cloned()
                    .map_or(Value::Null, Value::Object)
            };
            entity.insert(name.clone(), value);
        }
        Ok(())
    }

    /// The collection's entities, in the order added, with their storage paths and types; a
    /// cast keeps its own.
    fn members(&self, collection: &CollectionAt) -> Vec<(String, TypeId, Map<String, Value>)> {
        let Some(paths) = self.stored.collections.get(&collection.path) else {
            return Vec::new();
        };
        paths
            .iter()
            .filter_map(|path| {
                let entity = self.stored.entities.get(path)?.clone();
                Some((
                    path.clone(),
                    self.stored.type_of(path, collection.ty),
                    entity,
                ))
            })
            .filter(|(_, ty, _)| {
                collection
                    .cast
                    .is_none_or(|cast| derives_from(self.model, *ty, cast))
            })
            .collect()
    }

    fn list(
        &self,
        collection: &CollectionAt,
        query: &Query,
        raw_path: &str,
    ) -> Result<Response, ApiError> {
        let mut members: Vec<((String, TypeId), Map<String, Value>)> = self
            .members(collection)
            .into_iter()
            .map(|(path, ty, entity)| ((path, ty), entity))
            .collect();
        query.keep_matching(&mut members);
        query.sort(&mut members);
        let total = members.len();
        let preferred = Query::preferred_page_size(self.headers);
        let page_size = [query.top, preferred]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(self.page_size);
        let start = query
            .skip
            .unwrap_or(0)
            .saturating_add(query.list_offset()?)
            .min(total);
        let end = start.saturating_add(page_size).min(total);
        let items = members
            .into_iter()
            .skip(start)
            .take(end.saturating_sub(start))
            .map(|((path, derived), entity)| {
                let mut entity = query.select(entity);
                self.expand(&path, derived, &mut entity, &query.expand)?;
                if derived != collection.ty && !entity.contains_key("@odata.type") {
                    entity.insert(
                        "@odata.type".into(),
                        Value::String(format!("#{}", self.model[derived].qualified_name)),
                    );
                }
                Ok(Value::Object(entity))
            })
            .collect::<Result<Vec<Value>, ApiError>>()?;
        let mut page = Map::new();
        if query.count {
            page.insert("@odata.count".into(), Value::from(total));
        }
        page.insert("value".into(), Value::Array(items));
        if end < total && page_size > 0 {
            let skip_token = end - query.skip.unwrap_or(0);
            page.insert(
                "@odata.nextLink".into(),
                Value::String(query.link(
                    self.service_root,
                    raw_path,
                    "$skiptoken",
                    &skip_token.to_string(),
                )),
            );
        }
        let mut response = self.json(
            StatusCode::OK,
            with_context(self.service_root, &collection.context, page),
        );
        if preferred.is_some() {
            response.headers_mut().insert(
                "preference-applied",
                HeaderValue::from_str(&format!("{PREFER_PAGE_SIZE}={page_size}"))
                    .expect("digits are a valid header value"),
            );
        }
        Ok(response)
    }

    fn create(
        self,
        collection: &CollectionAt,
        mut body: Map<String, Value>,
    ) -> Result<Response, ApiError> {
        let ty = declared_type(self.model, &body, collection.ty)?;
        self.check(Write::Create).members(ty, &body)?;
        let key = key_names(self.model, ty);
        if key.as_slice() == ["id"] && body.get("id").is_none_or(Value::is_null) {
            body.insert("id".into(), Value::String(uuid::Uuid::new_v4().to_string()));
        }
        let Some(id) = key
            .first()
            .and_then(|name| body.get(name))
            .map(|v| match v {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            })
        else {
            return Err(ApiError::bad_request("The entity has no key value."));
        };
        stamp(self.model, ty, &mut body, true);
        let path = format!("{}/{}", collection.path, escape(&id));
        if self.stored.entities.contains_key(&path) {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "Request_MultipleObjectsWithSameKeyValue",
                format!(
                    "Another object with the same value for property id already exists: '{id}'."
                ),
            ));
        }
        self.stored.entities.insert(path.clone(), body.clone());
        self.stored.types.insert(path.clone(), ty);
        self.stored.touch(&path);
        self.stored
            .collections
            .entry(collection.path.clone())
            .or_default()
            .insert(path);
        let context = format!("{}/$entity", collection.context);
        Ok(self.json(
            StatusCode::CREATED,
            with_context(self.service_root, &context, body),
        ))
    }

    /// PATCH merges (an explicit `null` clears a member); PUT replaces all but the key.
    fn update(
        self,
        entity: &EntityAt,
        body: Map<String, Value>,
        replace: bool,
    ) -> Result<Response, ApiError> {
        let current = self
            .stored
            .entities
            .get(&entity.path)
            .cloned()
            .unwrap_or_default();
        let ty = self.stored.type_of(&entity.path, entity.ty);
        self.check(Write::Update).members(ty, &body)?;
        let keys = key_names(self.model, ty);
        let mut next = if replace {
            let mut kept = Map::new();
            for name in &keys {
                if let Some(value) = current.get(name) {
                    kept.insert(name.clone(), value.clone());
                }
            }
            kept
        } else {
            current
        };
        for (name, value) in body {
            if !keys.contains(&name) {
                next.insert(name, value);
            }
        }
        stamp(self.model, ty, &mut next, false);
        self.stored.entities.insert(entity.path.clone(), next);
        self.stored.touch(&entity.path);
        Ok(StatusCode::NO_CONTENT.into_response())
    }

    /// The check of a body this request creates or changes an entity with.
    fn check(&self, write: Write) -> BodyCheck<'_> {
        BodyCheck {
            model: self.model,
            rules: self.catalog.rules(),
            write,
            trusted: self.access == Access::Fixture,
        }
    }

    /// The storage path an `@odata.id` names, which must be an entity of `ty`.
    fn reference_target(&self, body: &Map<String, Value>, ty: TypeId) -> Result<String, ApiError> {
        let Some(Value::String(url)) = body.get("@odata.id") else {
            return Err(ApiError::bad_request(
                "A reference needs '@odata.id', the URL of an entity.",
            ));
        };
        let relative = url
            .strip_prefix(self.service_root)
            .or_else(|| url.split_once("/v1.0").map(|(_, rest)| rest))
            .unwrap_or(url)
            .trim_start_matches('/');
        let mut pieces = relative.split('/');
        let (Some(set), Some(id), None) = (pieces.next(), pieces.next(), pieces.next()) else {
            return Err(ApiError::bad_request(format!(
                "'@odata.id' must name an entity of an entity set: {url}"
            )));
        };
        let id = percent_decode_str(id).decode_utf8_lossy().into_owned();
        let Some(set_type) = self.catalog.entity_set(set) else {
            return Err(ApiError::bad_request(format!(
                "'@odata.id' names no entity set: {url}"
            )));
        };
        let within = CollectionAt {
            path: format!("{}/{set}", self.tenant),
            ty: set_type,
            cast: None,
            references: false,
            top_level: true,
            context: set.to_owned(),
        };
        let path = lookup(self.catalog, self.stored, self.tenant, &within, &id)
            .ok_or_else(|| missing(&id))?;
        let actual = self.stored.type_of(&path, set_type);
        if !derives_from(self.model, actual, ty) {
            return Err(ApiError::bad_request(format!(
                "'{url}' is not a '{}'.",
                self.model[ty].qualified_name
            )));
        }
        Ok(path)
    }

    /// The `@odata.id` of a stored entity: its URL under the service root.
    fn odata_id(&self, path: &str) -> String {
        let relative = path
            .strip_prefix(self.tenant)
            .unwrap_or(path)
            .trim_start_matches('/');
        format!("{}/{relative}", self.service_root)
    }

    fn json(&self, status: StatusCode, body: Map<String, Value>) -> Response {
        let bytes = serde_json::to_vec(&Value::Object(body)).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, ODATA_JSON)], bytes).into_response()
    }
}

/// The storage path of the entity of `collection` whose key is `id`.
fn lookup(
    catalog: &Catalog,
    stored: &Stored,
    tenant: &str,
    collection: &CollectionAt,
    id: &str,
) -> Option<String> {
    let escaped = escape(id);
    if collection.references {
        return stored
            .collections
            .get(&collection.path)
            .and_then(|targets| {
                targets
                    .iter()
                    .find(|target| target.rsplit('/').next() == Some(escaped.as_str()))
                    .cloned()
            });
    }
    let own = format!("{}/{escaped}", collection.path);
    if stored.entities.contains_key(&own) {
        return Some(own);
    }
    if !collection.top_level {
        return None;
    }
    // Another entity set whose type derives from this one's.
    let model = catalog.model();
    catalog
        .container()
        .entity_sets
        .iter()
        .filter(|set| derives_from(model, set.entity_type, collection.ty))
        .map(|set| format!("{tenant}/{}/{escaped}", set.name))
        .find(|path| stored.entities.contains_key(path))
}

fn missing(id: &str) -> ApiError {
    let shown: String = id.chars().take(200).collect();
    ApiError::not_found(format!(
        "Resource '{shown}' does not exist or one of its queried reference-property objects are not present."
    ))
}

/// A key as one storage path segment: `/` would read as a level of the path.
fn escape(id: &str) -> String {
    id.replace('%', "%25").replace('/', "%2F")
}

/// The names of `ty`'s key properties.
fn key_names(model: &Model, ty: TypeId) -> Vec<String> {
    model.key(ty).iter().map(|k| k.name.clone()).collect()
}

/// Whether `ty` is `base` or derives from it.
pub(crate) fn derives_from(model: &Model, ty: TypeId, base: TypeId) -> bool {
    ty == base || model.base_types(ty).contains(&base)
}

/// Server-set members, where the type declares them: creation and modification times. A
/// creation time already there (from a fixture) is kept.
fn stamp(model: &Model, ty: TypeId, entity: &mut Map<String, Value>, created: bool) {
    let now = Value::String(graph_core::edm::DateTimeOffset::now_utc().to_string());
    if created && model.find_property(ty, "createdDateTime").is_some() {
        entity
            .entry("createdDateTime")
            .or_insert_with(|| now.clone());
    }
    if model.find_property(ty, "lastModifiedDateTime").is_some() {
        entity.insert("lastModifiedDateTime".into(), now);
    }
}

/// `body` with `@odata.context` for `context` (the part after `$metadata#`).
fn with_context(service_root: &str, context: &str, body: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert(
        "@odata.context".into(),
        Value::String(format!("{service_root}/$metadata#{context}")),
    );
    out.extend(body);
    out
}

/// A JSON object body, required with `Content-Type: application/json`.
fn json_object(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Map<String, Value>, ApiError> {
    require_json(headers)?;
    let bytes = read_body(body)?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(ApiError::bad_request(
            "The request body must be a JSON object.",
        )),
        Err(error) => Err(ApiError::bad_request(format!(
            "The request body is not valid JSON: {error}."
        ))),
    }
}

/// Whether `op` is a collection's `delta` function.
fn is_delta(model: &Model, op: graph_codegen::model::OperationId) -> bool {
    let operation = &model[op];
    operation.name == "delta" && operation.kind == graph_codegen::model::OperationKind::Function
}
