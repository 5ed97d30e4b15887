//! Who may call a Graph path: Microsoft's `permissions.json`, keyed by (method, path).
//!
//! The file (`permissions/new/permissions.json` in `microsoftgraph/microsoft-graph-devx-content`)
//! is the data behind Graph Explorer's and the docs' permission tables. It lists, per
//! permission, `pathSets` of methods, schemes and URL paths, each path marked `least=...` for
//! the schemes where that permission is the least privileged one. This module turns it around:
//! one entry per (method, path), the permissions of each scheme least privileged first.
//!
//! The file writes paths its own way (`/users/{id}/events/{id}`, mostly lower case, functions
//! as `getemailactivitycounts(period={value})`), the generator another
//! (`/users/{userId}/events/{eventId}`, `getEmailActivityCounts(period='{period}')`), so both
//! go through `normalize_path` before they meet. The rules, and the forms in the file that
//! need them:
//!
//! - ASCII lower case: the file is mostly lower case but not wholly
//!   (`/admin/cloudLicensing/allotments`).
//! - Every `{...}` parameter becomes `{}`, with the quotes around it dropped: the file names
//!   parameters `{id}`, `{value}` or after the parameter (`{userPrincipalName}`), quoted or not
//!   (`getOperationStatus(operationId='{id}')` against `(on={value})`).
//! - A parameter glued to the segment before it, or a segment glued to the arguments before
//!   it, gets its slash back (`/security/subjectrightsrequests{subjectrightsrequestid}/...`,
//!   `.../rows/itemat(index={value})range`).
//! - Function arguments are sorted and trimmed: OData arguments are named, so their order
//!   carries no meaning, and the file writes `(deltarows={value}, deltacolumns={value})`.
//!   Optional-parameter aliases (`p='@p'`) count as parameters.
//! - `name()` is `name`: the generator writes `delta()`, the file `/users/delta`.
//! - A key in parentheses is a key segment: `workflows({id})` is `workflows/{}`, and the
//!   file's `/teams/(team-id)/...` is `/teams/{}/...`.
//! - A cast or operation segment written `graph.x` is `microsoft.graph.x`
//!   (`/directory/federationconfigurations/graph.samlorwsfedexternaldomainfederation`).
//! - Empty segments go (`.../sponsors/`). A query string (`?$filter=...`, two paths) is kept,
//!   lower case, so those paths never stand in for the unfiltered one.
//!
//! Left as written, since the generator does not write them: drive-item path addressing
//! (`/me/drive/root:/{id}:/workbook/...`) and `AlsoRequires=` notes, which name permissions
//! needed *in addition* and are not alternatives.

use std::error::Error as StdError;
use std::fmt;
use std::path::Path;

use rustc_hash::FxHashMap;
use serde_json::{Map, Value};

/// Permissions for one (method, path), least privileged first within each scheme.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathPermissions {
    pub delegated_work: Vec<String>,
    pub delegated_personal: Vec<String>,
    pub application: Vec<String>,
}

/// Every (method, path) of a permissions file with the permissions that allow it.
#[derive(Clone, Debug, Default)]
pub struct PermissionTable {
    /// Keyed by [`write_key`]: `GET /users/{}/events/{}`.
    entries: FxHashMap<String, PathPermissions>,
}

/// Why a permissions file cannot be used: which file, and what is wrong with it.
#[derive(Debug)]
pub struct PermissionsError {
    file: String,
    problem: Problem,
}

#[derive(Debug)]
enum Problem {
    Read(std::io::Error),
    Json(serde_json::Error),
    /// Valid JSON of the wrong shape: where, and what.
    Shape(String),
}

impl PermissionsError {
    /// The file, as given to [`PermissionTable::read`] or [`PermissionTable::from_json`].
    pub fn file(&self) -> &str {
        &self.file
    }

    fn shape(file: &str, problem: String) -> Self {
        PermissionsError {
            file: file.to_owned(),
            problem: Problem::Shape(problem),
        }
    }
}

impl fmt::Display for PermissionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::Read(error) => write!(f, "{}: cannot read: {error}", self.file),
            Problem::Json(error) => write!(f, "{}: not valid JSON: {error}", self.file),
            Problem::Shape(problem) => write!(f, "{}: {problem}", self.file),
        }
    }
}

impl StdError for PermissionsError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.problem {
            Problem::Read(error) => Some(error),
            Problem::Json(error) => Some(error),
            Problem::Shape(_) => None,
        }
    }
}

impl PermissionTable {
    /// Reads permissions.json; errors say which file and what is wrong (no panics on bad input).
    pub fn read(path: &Path) -> Result<PermissionTable, PermissionsError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|error| PermissionsError {
            file: name.clone(),
            problem: Problem::Read(error),
        })?;
        Self::from_json(&name, &bytes)
    }

    /// Builds the table from the file's bytes; `name` is the file named in errors.
    pub fn from_json(name: &str, bytes: &[u8]) -> Result<PermissionTable, PermissionsError> {
        let root: Value = serde_json::from_slice(bytes).map_err(|error| PermissionsError {
            file: name.to_owned(),
            problem: Problem::Json(error),
        })?;
        let mut grants = Grants::default();
        collect(&root, &mut grants).map_err(|problem| PermissionsError::shape(name, problem))?;
        Ok(grants.into_table())
    }

    /// The permissions for `method` (GET, POST, ...) on `path` as our generator writes it
    /// (`/users/{userId}/events/{eventId}`); None when the file does not list it.
    pub fn lookup(&self, method: &str, path: &str) -> Option<&PathPermissions> {
        let mut key = String::new();
        write_key(method, &normalize_path(path), &mut key);
        self.entries.get(&key)
    }

    /// The number of distinct (method, normalised path) pairs.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

// ----- reading the file -----

/// The three schemes a permission can be granted in, in [`PathPermissions`] field order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Scheme {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

impl Scheme {
    /// Scheme names as the file writes them; others (none today) are skipped, so a new
    /// scheme in a later file does not stop the generator.
    fn parse(name: &str) -> Option<Scheme> {
        match name.trim() {
            "DelegatedWork" => Some(Scheme::DelegatedWork),
            "DelegatedPersonal" => Some(Scheme::DelegatedPersonal),
            "Application" => Some(Scheme::Application),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One permission allowing one (method, path) in one scheme, before ordering.
#[derive(Clone, Copy)]
struct Grant {
    scheme: Scheme,
    /// Marked `least=` for this scheme.
    least: bool,
    /// The scheme's `privilegeLevel`; `u64::MAX` when the file gives none, so it sorts last.
    level: u64,
    /// Index into [`Grants::names`].
    permission: u32,
}

/// The grants gathered so far, by key; names are stored once and referred to by index.
#[derive(Default)]
struct Grants<'v> {
    names: Vec<String>,
    by_key: FxHashMap<String, Vec<Grant>>,
    /// Each raw path normalised once: 19,000 path entries hold 7,300 distinct paths.
    normalized: FxHashMap<&'v str, String>,
    /// The key being looked up, reused so that only new keys allocate.
    key: String,
}

/// One permission being read: its index and its privilege level per scheme.
struct Permission {
    index: u32,
    levels: [u64; 3],
}

/// Where a value is in the file, for error messages.
#[derive(Clone, Copy)]
struct At<'a> {
    permission: &'a str,
    path_set: usize,
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "permissions[{:?}].pathSets[{}]",
            self.permission, self.path_set
        )
    }
}

/// Walks `{"permissions": {name: {schemes, pathSets}}}` into `grants`.
fn collect<'v>(root: &'v Value, grants: &mut Grants<'v>) -> Result<(), String> {
    let root = root
        .as_object()
        .ok_or_else(|| format!("expected a JSON object at the top, found {}", kind(root)))?;
    let permissions = root
        .get("permissions")
        .ok_or("no \"permissions\" object at the top")?;
    let permissions = permissions.as_object().ok_or_else(|| {
        format!(
            "\"permissions\" should be an object, found {}",
            kind(permissions)
        )
    })?;
    for (name, permission) in permissions {
        collect_permission(name, permission, grants)?;
    }
    Ok(())
}

fn collect_permission<'v>(
    name: &str,
    value: &'v Value,
    grants: &mut Grants<'v>,
) -> Result<(), String> {
    let object = value.as_object().ok_or_else(|| {
        format!(
            "permissions[{name:?}] should be an object, found {}",
            kind(value)
        )
    })?;
    let permission = Permission {
        index: grants.intern(name)?,
        levels: privilege_levels(name, object)?,
    };
    let Some(path_sets) = object.get("pathSets") else {
        return Ok(());
    };
    let path_sets = path_sets.as_array().ok_or_else(|| {
        format!(
            "permissions[{name:?}].pathSets should be an array, found {}",
            kind(path_sets)
        )
    })?;
    for (index, path_set) in path_sets.iter().enumerate() {
        let at = At {
            permission: name,
            path_set: index,
        };
        collect_path_set(at, &permission, path_set, grants)?;
    }
    Ok(())
}

/// `schemes.<Scheme>.privilegeLevel` per scheme: the order among permissions that are not
/// the least privileged. Absent levels (43 in the file) sort last.
fn privilege_levels(name: &str, permission: &Map<String, Value>) -> Result<[u64; 3], String> {
    let mut levels = [u64::MAX; 3];
    let Some(schemes) = permission.get("schemes") else {
        return Ok(levels);
    };
    let schemes = schemes.as_object().ok_or_else(|| {
        format!(
            "permissions[{name:?}].schemes should be an object, found {}",
            kind(schemes)
        )
    })?;
    for (scheme_name, value) in schemes {
        if let Some(scheme) = Scheme::parse(scheme_name) {
            if let Some(level) = privilege_level(name, scheme_name, value)? {
                levels[scheme.index()] = level;
            }
        }
    }
    Ok(levels)
}

/// One scheme's `privilegeLevel`, if it has one.
fn privilege_level(
    permission: &str,
    scheme_name: &str,
    scheme: &Value,
) -> Result<Option<u64>, String> {
    let Some(level) = scheme.get("privilegeLevel") else {
        return Ok(None);
    };
    if level.is_null() {
        return Ok(None);
    }
    level.as_u64().map(Some).ok_or_else(|| {
        format!(
            "permissions[{permission:?}].schemes.{scheme_name}.privilegeLevel should be a \
             non-negative integer, found {}",
            kind(level)
        )
    })
}

/// One `{methods, schemeKeys, paths}`: every method times every path times every scheme.
fn collect_path_set<'v>(
    at: At<'_>,
    permission: &Permission,
    value: &'v Value,
    grants: &mut Grants<'v>,
) -> Result<(), String> {
    let object = value
        .as_object()
        .ok_or_else(|| format!("{at} should be an object, found {}", kind(value)))?;
    let methods = strings(at, object, "methods")?;
    let schemes: Vec<Scheme> = strings(at, object, "schemeKeys")?
        .into_iter()
        .filter_map(Scheme::parse)
        .collect();
    let paths = field(at, object, "paths")?;
    let paths = paths
        .as_object()
        .ok_or_else(|| format!("{at}.paths should be an object, found {}", kind(paths)))?;
    for (path, note) in paths {
        let note = note.as_str().ok_or_else(|| {
            format!(
                "{at}.paths[{path:?}] should be a string, found {}",
                kind(note)
            )
        })?;
        let least = least_schemes(note);
        for method in &methods {
            grants.add(
                method,
                path,
                schemes.iter().map(|&scheme| Grant {
                    scheme,
                    least: least[scheme.index()],
                    level: permission.levels[scheme.index()],
                    permission: permission.index,
                }),
            );
        }
    }
    Ok(())
}

/// A required field of a path set.
fn field<'v>(at: At<'_>, object: &'v Map<String, Value>, name: &str) -> Result<&'v Value, String> {
    object
        .get(name)
        .ok_or_else(|| format!("{at} has no \"{name}\""))
}

/// A required array of strings of a path set.
fn strings<'v>(
    at: At<'_>,
    object: &'v Map<String, Value>,
    name: &str,
) -> Result<Vec<&'v str>, String> {
    let value = field(at, object, name)?;
    let array = value.as_array().ok_or_else(|| {
        format!(
            "{at}.{name} should be an array of strings, found {}",
            kind(value)
        )
    })?;
    array
        .iter()
        .enumerate()
        .map(|(index, item)| {
            item.as_str().ok_or_else(|| {
                format!(
                    "{at}.{name}[{index}] should be a string, found {}",
                    kind(item)
                )
            })
        })
        .collect()
}

/// The schemes a path's note marks least privileged: `least=DelegatedWork,Application`,
/// possibly followed by `;AlsoRequires=...`, by [`Scheme::index`]. Other notes are not
/// about ordering.
fn least_schemes(note: &str) -> [bool; 3] {
    let mut least = [false; 3];
    note.split(';')
        .filter_map(|part| part.split_once('='))
        .filter(|(name, _)| name.trim().eq_ignore_ascii_case("least"))
        .flat_map(|(_, schemes)| schemes.split(','))
        .filter_map(Scheme::parse)
        .for_each(|scheme| least[scheme.index()] = true);
    least
}

/// The JSON kind of a value, for error messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'v> Grants<'v> {
    /// A permission's index; names are unique keys of one JSON object, so each comes once.
    fn intern(&mut self, name: &str) -> Result<u32, String> {
        let index = u32::try_from(self.names.len())
            .map_err(|_| "more permissions than fit in 32 bits".to_owned())?;
        self.names.push(name.to_owned());
        Ok(index)
    }

    /// Adds grants under (method, path); most paths recur in several permissions, so each
    /// raw path is normalised once and a key allocated only the first time it is seen.
    fn add(&mut self, method: &str, path: &'v str, new: impl Iterator<Item = Grant>) {
        let normalized = self
            .normalized
            .entry(path)
            .or_insert_with(|| normalize_path(path));
        write_key(method, normalized, &mut self.key);
        match self.by_key.get_mut(self.key.as_str()) {
            Some(grants) => grants.extend(new),
            None => {
                self.by_key.insert(self.key.clone(), new.collect());
            }
        }
    }

    fn into_table(self) -> PermissionTable {
        let Grants { names, by_key, .. } = self;
        let entries = by_key
            .into_iter()
            .map(|(key, grants)| (key, ordered(&names, grants)))
            .collect();
        PermissionTable { entries }
    }
}

/// Each scheme's permissions: the `least=` ones first, then by privilege level, then by
/// name, each once (a permission can reach the same key through several path sets, or
/// through paths that differ only in how they name parameters).
fn ordered(names: &[String], mut grants: Vec<Grant>) -> PathPermissions {
    grants.sort_by(|a, b| {
        (a.scheme, !a.least, a.level, &names[a.permission as usize]).cmp(&(
            b.scheme,
            !b.least,
            b.level,
            &names[b.permission as usize],
        ))
    });
    let mut out = PathPermissions::default();
    for grant in grants {
        let list = match grant.scheme {
            Scheme::DelegatedWork => &mut out.delegated_work,
            Scheme::DelegatedPersonal => &mut out.delegated_personal,
            Scheme::Application => &mut out.application,
        };
        let name = &names[grant.permission as usize];
        if !list.contains(name) {
            list.push(name.clone());
        }
    }
    out
}

// ----- normalisation -----

/// The table's key into `out`: the method in upper case, a space, the normalised path
/// (`GET /users/{}/events/{}`).
fn write_key(method: &str, normalized_path: &str, out: &mut String) {
    out.clear();
    out.extend(method.trim().chars().map(|c| c.to_ascii_uppercase()));
    out.push(' ');
    out.push_str(normalized_path);
}

/// A path as the file and the generator both reduce to it (rules in the module docs):
/// `/users/{userId}/events/{eventId}` and `/users/{id}/events/{id}` are both
/// `/users/{}/events/{}`.
fn normalize_path(path: &str) -> String {
    let (path, query) = match path.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path, None),
    };
    let path = erase_parameters(&path.to_ascii_lowercase());
    let mut out = String::with_capacity(path.len() + 1);
    for segment in path.split('/').map(str::trim).filter(|s| !s.is_empty()) {
        out.push('/');
        normalize_segment(segment, &mut out);
    }
    if out.is_empty() {
        out.push('/');
    }
    if let Some(query) = query {
        out.push('?');
        out.push_str(&query.to_ascii_lowercase());
    }
    out
}

/// Every `{name}` becomes `{}`, dropping quotes right around it (`'{period}'`), and a
/// parameter glued to a name (`requests{id}`) gets a slash before it.
fn erase_parameters(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(length) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        let mut after = &rest[open + length + 1..];
        if out.ends_with('\'') && after.starts_with('\'') {
            out.pop();
            after = &after[1..];
        } else if out.ends_with(|c: char| c.is_ascii_alphanumeric()) {
            out.push('/');
        }
        out.push_str("{}");
        rest = after;
    }
    out.push_str(rest);
    out
}

/// One segment, its `graph.` prefix and its arguments normalised.
fn normalize_segment(segment: &str, out: &mut String) {
    if let Some((head, tail)) = split_glued(segment) {
        normalize_segment(head, out);
        out.push('/');
        normalize_segment(tail, out);
        return;
    }
    match split_arguments(segment) {
        Some((name, arguments)) => {
            push_name(name, out);
            push_arguments(name, arguments, out);
        }
        // A composite key as a segment: `k1={},k2={}`.
        None if segment.contains('=') => out.push_str(&sorted_arguments(segment)),
        None => push_name(segment, out),
    }
}

/// A segment glued to the arguments before it: the file's `itemat(index={value})range`
/// (two paths) is its `itemat(index={value})/range` with the slash lost.
fn split_glued(segment: &str) -> Option<(&str, &str)> {
    let close = segment.find(')')?;
    let (head, tail) = segment.split_at(close + 1);
    tail.starts_with(|c: char| c.is_ascii_alphanumeric())
        .then_some((head, tail))
}

/// `name(arguments)` when the segment ends in a parenthesis.
fn split_arguments(segment: &str) -> Option<(&str, &str)> {
    let inner = segment.strip_suffix(')')?;
    let open = inner.find('(')?;
    Some((&inner[..open], &inner[open + 1..]))
}

/// A segment name; `graph.x` is the short form of `microsoft.graph.x`.
fn push_name(name: &str, out: &mut String) {
    if name.starts_with("graph.") {
        out.push_str("microsoft.");
    }
    out.push_str(name);
}

/// `()` is dropped, a single unnamed argument is a key segment, named ones are sorted.
fn push_arguments(name: &str, arguments: &str, out: &mut String) {
    let sorted = sorted_arguments(arguments);
    if sorted.is_empty() {
        return;
    }
    if !sorted.contains(['=', ',']) {
        if !name.is_empty() {
            out.push('/');
        }
        out.push_str("{}");
        return;
    }
    out.push('(');
    out.push_str(&sorted);
    out.push(')');
}

/// `b={}, a='@a'` -> `a={},b={}`.
fn sorted_arguments(arguments: &str) -> String {
    let mut parts: Vec<String> = arguments
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(normalize_argument)
        .collect();
    parts.sort_unstable();
    parts.join(",")
}

/// `name=value` with the name trimmed and a parameter value as `{}`.
fn normalize_argument(argument: &str) -> String {
    match argument.split_once('=') {
        Some((name, value)) => format!("{}={}", name.trim(), normalize_value(value.trim())),
        None => normalize_value(argument).to_owned(),
    }
}

/// A parameter (`{}`) or an optional-parameter alias (`'@p'`, `@p`) is `{}`; literals stay.
fn normalize_value(value: &str) -> &str {
    let bare = value.trim_matches('\'');
    if bare == "{}" || bare.starts_with('@') {
        "{}"
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(json: &str) -> PermissionTable {
        match PermissionTable::from_json("test.json", json.as_bytes()) {
            Ok(table) => table,
            Err(error) => panic!("{error}"),
        }
    }

    fn error(json: &str) -> String {
        match PermissionTable::from_json("bad.json", json.as_bytes()) {
            Ok(_) => panic!("expected an error for {json}"),
            Err(error) => error.to_string(),
        }
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    const SMALL: &str = r#"{"permissions": {
        "Calendars.Read": {
            "schemes": {
                "DelegatedWork": {"privilegeLevel": 2},
                "DelegatedPersonal": {"privilegeLevel": 2},
                "Application": {"privilegeLevel": 4}
            },
            "pathSets": [{
                "schemeKeys": ["DelegatedWork", "DelegatedPersonal", "Application"],
                "methods": ["GET"],
                "paths": {"/users/{id}/events/{id}": ""}
            }]
        },
        "Calendars.ReadBasic": {
            "schemes": {
                "DelegatedWork": {"privilegeLevel": 2},
                "DelegatedPersonal": {"privilegeLevel": 2},
                "Application": {}
            },
            "pathSets": [{
                "schemeKeys": ["DelegatedWork", "DelegatedPersonal", "Application"],
                "methods": ["GET"],
                "paths": {"/users/{id}/events/{id}": "least=DelegatedWork,DelegatedPersonal,Application"}
            }]
        },
        "Calendars.ReadWrite": {
            "schemes": {
                "DelegatedWork": {"privilegeLevel": 3},
                "Application": {"privilegeLevel": 4}
            },
            "pathSets": [
                {
                    "schemeKeys": ["DelegatedWork", "Application"],
                    "methods": ["GET", "PATCH"],
                    "paths": {"/users/{id}/events/{id}": "", "/Users/{user-id}/Events/{id}/": ""}
                },
                {
                    "schemeKeys": ["DelegatedWork"],
                    "methods": ["PATCH"],
                    "paths": {"/users/{id}/events/{id}": "least=DelegatedWork;AlsoRequires=X.Read"}
                }
            ]
        },
        "Calendars.Admin": {
            "schemes": {"DelegatedWork": {"privilegeLevel": 2}},
            "pathSets": [{
                "schemeKeys": ["DelegatedWork"],
                "methods": ["GET"],
                "paths": {"/users/{id}/events/{id}": ""}
            }]
        }
    }}"#;

    #[test]
    fn least_first_then_level_then_name() {
        let table = table(SMALL);
        let get = table
            .lookup("GET", "/users/{userId}/events/{eventId}")
            .expect("listed");
        // ReadBasic is `least=`; Admin and Read share level 2 (by name); ReadWrite is 3.
        assert_eq!(
            get.delegated_work,
            names(&[
                "Calendars.ReadBasic",
                "Calendars.Admin",
                "Calendars.Read",
                "Calendars.ReadWrite"
            ])
        );
        assert_eq!(
            get.delegated_personal,
            names(&["Calendars.ReadBasic", "Calendars.Read"])
        );
        // ReadBasic has no Application level but is `least=`; Read and ReadWrite tie on 4.
        assert_eq!(
            get.application,
            names(&[
                "Calendars.ReadBasic",
                "Calendars.Read",
                "Calendars.ReadWrite"
            ])
        );
    }

    #[test]
    fn least_in_one_path_set_wins_and_duplicates_go() {
        let table = table(SMALL);
        let patch = table
            .lookup("patch", "/users/{userId}/events/{eventId}")
            .expect("listed");
        assert_eq!(patch.delegated_work, names(&["Calendars.ReadWrite"]));
        assert_eq!(patch.application, names(&["Calendars.ReadWrite"]));
        assert!(patch.delegated_personal.is_empty());
        // Two raw paths and two path sets, one key per method.
        assert_eq!(table.len(), 2);
    }

    #[test]
    fn unknown_paths_and_methods_are_none() {
        let table = table(SMALL);
        assert_eq!(table.lookup("GET", "/users/{userId}/events"), None);
        assert_eq!(
            table.lookup("DELETE", "/users/{userId}/events/{eventId}"),
            None
        );
        assert_eq!(
            table.lookup("GET", "/users/{userId}/events/{eventId}/calendar"),
            None
        );
        assert!(!table.is_empty());
    }

    #[test]
    fn paths_normalise_alike() {
        let same = [
            (
                "/users/{userId}/events/{eventId}",
                "/users/{id}/events/{id}",
            ),
            (
                "/reports/getEmailActivityCounts(period='{period}')",
                "/reports/getemailactivitycounts(period={value})",
            ),
            (
                "/groups/{groupId}/members/microsoft.graph.user",
                "/groups/{id}/members/graph.user",
            ),
            ("/users/delta()", "/users/delta"),
            (
                "/identityGovernance/lifecycleWorkflows/workflows/{workflowId}/previewScope",
                "/identitygovernance/lifecycleworkflows/workflows({id})/previewscope",
            ),
            (
                "/teams/{teamId}/channels/{channelId}",
                "/teams/(team-id)/channels/{id}",
            ),
            (
                "/range(deltaRows={deltaRows},deltaColumns={deltaColumns})",
                "/range(deltacolumns={value}, deltarows={value})",
            ),
            (
                "/reports/getSharePointApiUsage(period='{period}',appId='@appId')",
                "/reports/getSharePointApiUsage(period={value},appid={value})",
            ),
            (
                "/security/subjectRightsRequests/{subjectRightsRequestId}/getFinalReport",
                "/security/subjectrightsrequests{subjectrightsrequestid}/getfinalreport",
            ),
            ("/a/b/", "/a/b"),
            (
                "/rows/itemAt(index={index})/range",
                "/rows/itemat(index={value})range",
            ),
            ("/api/v1/ingest/{itemId}", "/api/v1/ingest('{itemId}')"),
        ];
        for (ours, theirs) in same {
            assert_eq!(
                normalize_path(ours),
                normalize_path(theirs),
                "{ours} vs {theirs}"
            );
        }
        assert_eq!(
            normalize_path("/users/{userId}/events/{eventId}"),
            "/users/{}/events/{}"
        );
        assert_ne!(
            normalize_path("/agentRegistry/agentInstances?$filter=x eq '{id}'"),
            normalize_path("/agentRegistry/agentInstances")
        );
        assert_eq!(
            normalize_path("/sites/getOperationStatus(operationId='{id}')"),
            "/sites/getoperationstatus(operationid={})"
        );
    }

    #[test]
    fn lookup_normalises_the_file_side_too() {
        let table = table(
            r#"{"permissions": {"Reports.Read.All": {
                "schemes": {"DelegatedWork": {"privilegeLevel": 3}},
                "pathSets": [{"schemeKeys": ["DelegatedWork"], "methods": ["GET"],
                    "paths": {"/reports/getemailactivitycounts(period={value})": "least=DelegatedWork",
                              "/directory/federationconfigurations/graph.samlOrWsFedExternalDomainFederation": ""}}]
            }}}"#,
        );
        let reports = table.lookup("GET", "/reports/getEmailActivityCounts(period='{period}')");
        assert_eq!(
            reports.map(|p| p.delegated_work.clone()),
            Some(names(&["Reports.Read.All"]))
        );
        let cast = "/directory/federationConfigurations/microsoft.graph.samlOrWsFedExternalDomainFederation";
        assert!(table.lookup("GET", cast).is_some());
    }

    #[test]
    fn malformed_files_say_what_is_wrong() {
        let not_json = error("{\"permissions\": ");
        assert!(
            not_json.starts_with("bad.json: not valid JSON"),
            "{not_json}"
        );

        let no_root = error("{}");
        assert!(no_root.contains("no \"permissions\""), "{no_root}");

        let methods = error(
            r#"{"permissions": {"User.Read": {"pathSets": [
                {"schemeKeys": ["DelegatedWork"], "methods": "GET", "paths": {}}]}}}"#,
        );
        assert_eq!(
            methods,
            "bad.json: permissions[\"User.Read\"].pathSets[0].methods should be an array of \
             strings, found a string"
        );

        let paths = error(
            r#"{"permissions": {"User.Read": {"pathSets": [
                {"schemeKeys": ["DelegatedWork"], "methods": ["GET"]}]}}}"#,
        );
        assert!(paths.contains("pathSets[0] has no \"paths\""), "{paths}");

        let level = error(
            r#"{"permissions": {"User.Read": {"schemes":
                {"Application": {"privilegeLevel": "high"}}, "pathSets": []}}}"#,
        );
        assert!(
            level.contains("schemes.Application.privilegeLevel should be"),
            "{level}"
        );
    }

    #[test]
    fn unreadable_file_names_the_file() {
        let missing = Path::new("/nonexistent/permissions.json");
        let message = match PermissionTable::read(missing) {
            Ok(_) => panic!("read a missing file"),
            Err(error) => error.to_string(),
        };
        assert!(
            message.starts_with("/nonexistent/permissions.json: cannot read"),
            "{message}"
        );
    }

    /// Facts from the real file (`microsoft-graph-devx-content` at `6cbd6bb`), when it is
    /// beside the repository.
    #[test]
    fn real_file() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("../shared/graph-metadata/permissions.json");
        if !path.exists() {
            println!("skipped: ../shared not found");
            return;
        }
        let start = std::time::Instant::now();
        let table = match PermissionTable::read(&path) {
            Ok(table) => table,
            Err(error) => panic!("{error}"),
        };
        println!(
            "{} distinct (method, path) keys, read in {:?}",
            table.len(),
            start.elapsed()
        );
        assert!(table.len() > 10_000, "{}", table.len());

        let reports = table
            .lookup(
                "GET",
                "/me/onlineMeetings/{onlineMeetingId}/attendanceReports",
            )
            .expect("attendance reports are listed");
        assert_eq!(
            reports.delegated_work,
            names(&["OnlineMeetingArtifact.Read.All"])
        );

        let event = table
            .lookup("GET", "/users/{userId}/events/{eventId}")
            .expect("events are listed");
        assert_eq!(
            event.delegated_work,
            names(&["Calendars.ReadBasic", "Calendars.Read"])
        );
        assert_eq!(
            event.application,
            names(&["Calendars.ReadBasic", "Calendars.Read"])
        );

        let counts = table
            .lookup("GET", "/reports/getEmailActivityCounts(period='{period}')")
            .expect("report functions are listed");
        assert_eq!(counts.delegated_work, names(&["Reports.Read.All"]));

        assert_eq!(table.lookup("GET", "/no/such/path"), None);
    }
}
