//! Entities a generic service starts with (`--seed FILE`), created through the service itself,
//! so they meet the same checks as a client's requests.
//!
//! A fixture is a JSON object: each member is a collection path under `/v1.0` and an array of
//! entities to create there; a path ending in `/$ref` takes the paths (or URLs) of entities to
//! refer to (one, for a single-valued navigation such as `manager`). `"tenant"` names the tenant they belong to (default: the one minted tokens have).
//!
//! ```json
//! {
//!   "users": [{"id": "adele", "displayName": "Adele Vance"}],
//!   "users/adele/events": [{"subject": "Plan"}],
//!   "groups": [{"id": "team", "displayName": "Team"}],
//!   "groups/team/members/$ref": ["users/adele"]
//! }
//! ```
//! Collections are filled in order of depth (`users` before `users/adele/events`), references
//! last, so a fixture does not depend on the order of its members. A fixture may fill
//! collections that clients can only read (`applicationTemplates`).

use std::fmt;
use std::path::Path;

use axum::body::Bytes;
use axum::http::{header, Method, Request};
use graph_codegen::plan::paths::Method as PathMethod;
use serde_json::{Map, Value};

use crate::resources::Access;
use crate::routes::AppState;
use crate::token::{self, Claims, DEFAULT_TENANT_ID};

/// Entities to start with.
#[derive(Clone, Debug, PartialEq)]
pub struct Fixture {
    name: String,
    tenant: String,
    collections: Vec<(String, Vec<Value>)>,
}

/// A fixture that cannot be read, or whose entities the service refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixtureError {
    message: String,
}

impl fmt::Display for FixtureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FixtureError {}

impl Fixture {
    /// Reads a fixture file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, FixtureError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| FixtureError {
            message: format!("{name}: cannot read the fixture: {error}"),
        })?;
        Self::from_json(&name, &text)
    }

    /// Reads a fixture from JSON text; `name` is used in messages.
    pub fn from_json(name: &str, text: &str) -> Result<Self, FixtureError> {
        let error = |message: String| FixtureError {
            message: format!("{name}: {message}"),
        };
        let object: Map<String, Value> = match serde_json::from_str(text) {
            Ok(Value::Object(object)) => object,
            Ok(_) => return Err(error("a fixture is a JSON object".into())),
            Err(e) => {
                return Err(error(format!(
                    "line {}, column {}: {e}",
                    e.line(),
                    e.column()
                )))
            }
        };
        let mut tenant = DEFAULT_TENANT_ID.to_owned();
        let mut collections = Vec::new();
        for (key, value) in object {
            match (key.as_str(), value) {
                ("tenant", Value::String(id)) => tenant = id,
                ("tenant", _) => return Err(error("\"tenant\" is a tenant id string".into())),
                (_, Value::Array(items)) => {
                    collections.push((key.trim_matches('/').to_owned(), items))
                }
                (_, _) => {
                    return Err(error(format!(
                        "\"{key}\" must be an array of entities to create"
                    )))
                }
            }
        }
        collections.sort_by_key(|(path, _)| (path.ends_with("/$ref"), path.matches('/').count()));
        Ok(Self {
            name: name.to_owned(),
            tenant,
            collections,
        })
    }

    /// Creates the fixture's entities in `state`'s generic service.
    pub(crate) fn apply(&self, state: &AppState) -> Result<(), FixtureError> {
        let Some(catalog) = &state.catalog else {
            return Err(FixtureError {
                message: format!(
                    "{}: a fixture fills the service of a metadata file; give one (--metadata)",
                    self.name
                ),
            });
        };
        let claims = Claims::delegated("fixture", &[]).with_tenant(&self.tenant);
        let bearer = format!("Bearer {}", token::mint(&claims, &state.signing_key));
        for (path, items) in &self.collections {
            // A collection of references takes POST; a single-valued one (`manager/$ref`) PUT.
            let segments: Vec<String> = path.split('/').map(str::to_owned).collect();
            let method = match catalog.find(&segments) {
                Some(found)
                    if !found.path.methods.contains(&PathMethod::Post)
                        && found.path.methods.contains(&PathMethod::Put) =>
                {
                    Method::PUT
                }
                _ => Method::POST,
            };
            for (index, item) in items.iter().enumerate() {
                let body = match (path.ends_with("/$ref"), item) {
                    (true, Value::String(target)) if !target.contains("://") => {
                        serde_json::json!({
                            "@odata.id": format!("{}/{}", state.service_root, target.trim_start_matches('/'))
                        })
                    }
                    (true, Value::String(url)) => serde_json::json!({ "@odata.id": url }),
                    (_, item) => item.clone(),
                };
                let (parts, ()) = Request::builder()
                    .method(method.clone())
                    .uri(format!("/v1.0/{path}"))
                    .header(header::AUTHORIZATION, &bearer)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(())
                    .map_err(|e| FixtureError {
                        message: format!("{}: \"{path}\": not a path: {e}", self.name),
                    })?
                    .into_parts();
                let bytes = Bytes::from(body.to_string());
                let refused = match crate::resources::answer(
                    state,
                    catalog,
                    &parts,
                    Ok(bytes),
                    Access::Fixture,
                ) {
                    Ok(response) if response.status().is_success() => continue,
                    Ok(response) => format!("answered {}", response.status()),
                    Err(error) => format!("{} {}", error.status.as_u16(), error.message),
                };
                return Err(FixtureError {
                    message: format!("{}: \"{path}\"[{index}]: {refused}", self.name),
                });
            }
        }
        Ok(())
    }
}

impl From<FixtureError> for std::io::Error {
    fn from(error: FixtureError) -> Self {
        std::io::Error::new(std::io::ErrorKind::InvalidData, error)
    }
}
