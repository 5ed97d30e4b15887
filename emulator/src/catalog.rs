//! What a metadata document serves: every (method, path) pair that graph-codegen derives from
//! it, the same rules the generated endpoints come from, matched against request paths.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use graph_codegen::model::{EntityContainer, Model, TypeId};
use graph_codegen::plan::paths::{api_paths, ApiPath, Method};
use graph_codegen::plan::validation::ValidationRules;

/// The paths of one metadata document and the model behind them.
pub struct Catalog {
    model: Model,
    /// What the generated `Validate` derive checks, per property.
    rules: ValidationRules,
    paths: Vec<ApiPath>,
    /// Each path rendered as Graph's docs write it, in the order of `paths`.
    rendered: Vec<String>,
    nodes: Vec<Node>,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("paths", &self.paths.len())
            .finish_non_exhaustive()
    }
}

/// A metadata document that cannot be served: unreadable, not CSDL, or without a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    message: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CatalogError {}

/// One segment of a path template between slashes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Piece {
    Literal(String),
    Hole,
}

/// A node of the path trie: one template segment.
#[derive(Default)]
struct Node {
    /// Segments that are literal text, lowercased: Graph's segments are case-insensitive.
    literals: HashMap<String, usize>,
    /// A whole segment that is one parameter (`{userId}`).
    parameter: Option<usize>,
    /// Segments that mix text and parameters (`applications(appId='{appId}')`).
    patterns: Vec<(Vec<Piece>, usize)>,
    /// The path that ends here.
    end: Option<usize>,
}

/// A request path matched to a catalog path.
pub(crate) struct Matched<'c> {
    pub path: &'c ApiPath,
    /// The template, as Graph's docs write it.
    pub template: &'c str,
    /// The values of the template's parameters, in order, percent-decoded.
    pub values: Vec<String>,
}

impl Catalog {
    /// Reads a CSDL document (XML or JSON) from a file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, CatalogError> {
        Self::load_all(&[path])
    }

    /// Reads several CSDL documents as one model: a service and the files that add to it
    /// (out-of-line annotations, referenced schemas). The first container is served.
    pub fn load_all(paths: &[impl AsRef<Path>]) -> Result<Self, CatalogError> {
        let documents = paths
            .iter()
            .map(|path| {
                let path = path.as_ref();
                let bytes = std::fs::read(path).map_err(|error| CatalogError {
                    message: format!("{}: cannot read the metadata: {error}", path.display()),
                })?;
                read(&path.display().to_string(), &bytes)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::resolve(documents)
    }

    /// Reads a CSDL document from bytes; `name` is used in messages.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Self, CatalogError> {
        Self::resolve(vec![read(name, bytes)?])
    }

    fn resolve(documents: Vec<graph_codegen::csdl::Document>) -> Result<Self, CatalogError> {
        let (model, _warnings) = Model::resolve_owned(documents).map_err(|error| CatalogError {
            message: error.to_string(),
        })?;
        if model.entity_container().is_none() {
            return Err(CatalogError {
                message: "the metadata has no entity container, so no paths".into(),
            });
        }
        Ok(Self::new(model))
    }

    fn new(model: Model) -> Self {
        let paths = api_paths(&model).paths;
        let rendered: Vec<String> = paths.iter().map(|p| p.render(&model)).collect();
        let rules = ValidationRules::new(&model);
        let mut catalog = Self {
            model,
            rules,
            paths,
            rendered: Vec::new(),
            nodes: vec![Node::default()],
        };
        for (index, template) in rendered.iter().enumerate() {
            catalog.insert(template, index);
        }
        // The overload with more parameters first: a hole of `image(width={width})` would
        // also take `5,height=6`.
        for node in &mut catalog.nodes {
            node.patterns
                .sort_by_key(|(pieces, _)| std::cmp::Reverse(pieces.len()));
        }
        catalog.rendered = rendered;
        catalog
    }

    fn insert(&mut self, template: &str, index: usize) {
        let mut node = 0;
        for segment in template.trim_start_matches('/').split('/') {
            let pieces = pieces(segment);
            let next = self.nodes.len();
            let slot = match pieces.as_slice() {
                [Piece::Literal(text)] => *self.nodes[node]
                    .literals
                    .entry(text.to_lowercase())
                    .or_insert(next),
                [Piece::Hole] => *self.nodes[node].parameter.get_or_insert(next),
                _ => {
                    let patterns = &mut self.nodes[node].patterns;
                    match patterns.iter().find(|(p, _)| *p == pieces) {
                        Some((_, slot)) => *slot,
                        None => {
                            patterns.push((pieces, next));
                            next
                        }
                    }
                }
            };
            if slot == next {
                self.nodes.push(Node::default());
            }
            node = slot;
        }
        self.nodes[node].end.get_or_insert(index);
    }

    /// The path that `segments` (percent-decoded, without the `/v1.0` prefix) addresses.
    pub(crate) fn find(&self, segments: &[String]) -> Option<Matched<'_>> {
        let mut values = Vec::new();
        let index = self.walk(0, segments, &mut values)?;
        Some(Matched {
            path: &self.paths[index],
            template: &self.rendered[index],
            values,
        })
    }

    /// Depth first: literal text before mixed patterns before a bare parameter, as a
    /// literal `/users/delta()` must win over `/users/{userId}`.
    fn walk(&self, node: usize, segments: &[String], values: &mut Vec<String>) -> Option<usize> {
        let Some((segment, rest)) = segments.split_first() else {
            return self.nodes[node].end;
        };
        let here = &self.nodes[node];
        if let Some(&next) = here.literals.get(&segment.to_lowercase()) {
            if let Some(found) = self.walk(next, rest, values) {
                return Some(found);
            }
        }
        for (pieces, next) in &here.patterns {
            let mark = values.len();
            if match_pieces(pieces, segment, values) {
                if let Some(found) = self.walk(*next, rest, values) {
                    return Some(found);
                }
            }
            values.truncate(mark);
        }
        if let Some(next) = here.parameter.filter(|_| !segment.is_empty()) {
            values.push(segment.clone());
            if let Some(found) = self.walk(next, rest, values) {
                return Some(found);
            }
            values.pop();
        }
        None
    }

    /// The template (as [`Catalog::paths`] writes it) that a request path under the service
    /// root addresses: `/me/events/AAMk%3D` gives `/me/events/{eventId}`.
    pub fn template_for(&self, path: &str) -> Option<&str> {
        let segments = path
            .trim_start_matches('/')
            .split('/')
            .map(|segment| {
                percent_encoding::percent_decode_str(segment)
                    .decode_utf8()
                    .map(|text| text.into_owned())
                    .ok()
            })
            .collect::<Option<Vec<_>>>()?;
        self.find(&segments).map(|matched| matched.template)
    }

    /// How many leading segments lead somewhere in the catalog: the next one is the segment
    /// Graph would name as not found.
    pub(crate) fn known_prefix(&self, segments: &[String]) -> usize {
        fn deepest(catalog: &Catalog, node: usize, segments: &[String], depth: usize) -> usize {
            let Some((segment, rest)) = segments.split_first() else {
                return depth;
            };
            let here = &catalog.nodes[node];
            let mut values = Vec::new();
            let next = here
                .literals
                .get(&segment.to_lowercase())
                .copied()
                .into_iter()
                .chain(
                    here.patterns
                        .iter()
                        .filter(|(pieces, _)| match_pieces(pieces, segment, &mut values))
                        .map(|(_, next)| *next),
                )
                .chain(here.parameter.filter(|_| !segment.is_empty()));
            next.map(|next| deepest(catalog, next, rest, depth + 1))
                .max()
                .unwrap_or(depth)
        }
        deepest(self, 0, segments, 0)
    }

    /// The model the paths come from.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The rules bodies are checked with, as the generated `Validate` derive has them.
    pub(crate) fn rules(&self) -> &ValidationRules {
        &self.rules
    }

    pub(crate) fn container(&self) -> &EntityContainer {
        self.model
            .entity_container()
            .expect("checked when the catalog was made")
    }

    /// Every path the catalog serves, as Graph's docs write it, with its methods.
    pub fn paths(&self) -> impl Iterator<Item = (&str, &[Method])> {
        self.rendered
            .iter()
            .zip(&self.paths)
            .map(|(template, path)| (template.as_str(), path.methods.as_slice()))
    }

    /// The entity set whose name is `name`, and its entity type.
    pub(crate) fn entity_set(&self, name: &str) -> Option<TypeId> {
        self.container()
            .entity_sets
            .iter()
            .find(|set| set.name == name)
            .map(|set| set.entity_type)
    }
}

fn read(name: &str, bytes: &[u8]) -> Result<graph_codegen::csdl::Document, CatalogError> {
    graph_codegen::csdl::read_bytes(name, bytes).map_err(|error| CatalogError {
        message: error.to_string(),
    })
}

/// Splits one template segment into text and `{parameter}` holes.
fn pieces(segment: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = segment;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            pieces.push(Piece::Literal(rest[..open].to_owned()));
        }
        pieces.push(Piece::Hole);
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest.to_owned()));
    }
    pieces
}

/// Whether `text` matches `pieces`, each hole taking the shortest non-empty text that lets
/// the rest match; the holes' values are pushed in order.
fn match_pieces(pieces: &[Piece], text: &str, values: &mut Vec<String>) -> bool {
    match pieces.split_first() {
        None => text.is_empty(),
        Some((Piece::Literal(literal), rest)) => {
            text.get(..literal.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(literal))
                && match_pieces(rest, &text[literal.len()..], values)
        }
        Some((Piece::Hole, rest)) => {
            for (end, _) in text.char_indices().skip(1).chain([(text.len(), ' ')]) {
                let mark = values.len();
                values.push(text[..end].to_owned());
                if match_pieces(rest, &text[end..], values) {
                    return true;
                }
                values.truncate(mark);
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_take_the_text_between_literals() {
        let pattern = pieces("applications(appId='{appId}')");
        let mut values = Vec::new();
        assert!(match_pieces(
            &pattern,
            "applications(appId='a(b)c')",
            &mut values
        ));
        assert_eq!(values, ["a(b)c"]);
        values.clear();
        assert!(!match_pieces(
            &pattern,
            "applications(appId='')",
            &mut values
        ));
        assert!(!match_pieces(&pattern, "applications(id='x')", &mut values));
        assert!(values.is_empty());
    }

    #[test]
    fn a_template_segment_splits_into_text_and_holes() {
        assert_eq!(pieces("{userId}"), [Piece::Hole]);
        assert_eq!(
            pieces("f(a='{a}',b={b})"),
            [
                Piece::Literal("f(a='".into()),
                Piece::Hole,
                Piece::Literal("',b=".into()),
                Piece::Hole,
                Piece::Literal(")".into()),
            ]
        );
    }
}
