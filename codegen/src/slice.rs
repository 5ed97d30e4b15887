//! Slicing: the part of a metadata document that some root types need, as a standalone CSDL
//! XML document (`graph-codegen slice`).
//!
//! # What a slice keeps
//! - The closure of the roots, as the generator computes it ([`crate::plan::closure`]): the
//!   roots, their base types, the types of their structural properties (and of navigation
//!   properties when navigation is followed), and every type derived from a property's type,
//!   transitively; enum types and type definitions among them. These types are kept whole.
//! - Navigation properties whose target is kept (the others would dangle).
//! - Actions and functions bound to a type of that closure (`createOrGet` is bound to
//!   `Collection(microsoft.graph.onlineMeeting)`), with the closure of the types of their
//!   parameters and return values.
//! - For endpoints: the entity sets and singletons whose type navigates to a root, directly
//!   (`users` and `me` of type `user`, whose `onlineMeetings` contains meetings) or through
//!   contained navigation (`/users/{id}/calendars/{id}/events`), and every type on the way with
//!   its base types outside the closure, trimmed to their key and their navigation properties
//!   toward the roots (all of `user` would pull in hundreds of types); navigation property
//!   bindings between kept entries; imports of kept operations.
//! - Annotations, inline and out-of-line (`<Annotations Target>`, with their `Qualifier`),
//!   whose target is kept, and the terms declared in the metadata that they use.
//! - Namespaces, aliases, references and document order, as written.
//!
//! The output starts with a comment naming the command that made it (no timestamp), is
//! byte-identical run to run, and slicing a slice again gives the same slice.

mod prune;
mod select;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crate::csdl::{self, Diagnostic, Document};
use crate::model::{Model, TypeId, Warning};
use crate::plan::closure::ClosureOptions;
use crate::write::{write_one, WriteError, WriteMode};

/// What to slice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SliceOptions {
    /// Root types, namespace- or alias-qualified (`microsoft.graph.onlineMeeting`).
    pub roots: Vec<String>,
    /// Follow navigation properties when computing the closure (as `generate --navigation`).
    pub navigation: bool,
    /// The command that makes this slice, written in the header comment so that a reader knows
    /// how to refresh it (`graph-codegen slice -m FILE -r QNAME -o OUT`).
    pub command: String,
}

/// A slice, and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Slice {
    /// The CSDL XML document.
    pub xml: String,
    /// Types kept whole, per namespace (namespaces in document order).
    pub types: Vec<(String, Vec<String>)>,
    /// Types kept trimmed for the container entries, qualified names.
    pub trimmed_types: Vec<String>,
    /// Kept actions and functions (one per overload), qualified names.
    pub operations: Vec<String>,
    /// Kept entity sets, singletons and imports, by name.
    pub entries: Vec<String>,
    /// Problems in the input metadata that did not stop slicing.
    pub warnings: Vec<Warning>,
}

impl Slice {
    /// How many types are kept whole.
    pub fn type_count(&self) -> usize {
        self.types.iter().map(|(_, names)| names.len()).sum()
    }
}

/// Why a slice cannot be made.
#[derive(Debug)]
pub enum SliceError {
    /// The metadata cannot be read or resolved (`FILE:LINE:COLUMN: what`).
    Metadata(Diagnostic),
    /// No root was given.
    NoRoots,
    /// A root names no type of the metadata.
    UnknownRoot {
        /// The name as given.
        name: String,
        /// Declared types with the same simple name (ignoring case).
        suggestions: Vec<String>,
    },
    /// The slice does not read back as valid CSDL: a bug in slicing, reported rather than
    /// written.
    Invalid(Diagnostic),
    /// Writing (or checking) the output file failed.
    Write(WriteError),
}

impl fmt::Display for SliceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SliceError::Metadata(error) => write!(f, "{error}"),
            SliceError::NoRoots => write!(f, "no root type given (use --root QNAME)"),
            SliceError::UnknownRoot { name, suggestions } => {
                write!(f, "root type `{name}` is not declared in the metadata")?;
                if !suggestions.is_empty() {
                    write!(f, " (did you mean {}?)", suggestions.join(", "))?;
                }
                Ok(())
            }
            SliceError::Invalid(error) => {
                write!(f, "internal error: the slice is not valid CSDL: {error}")
            }
            SliceError::Write(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for SliceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SliceError::Metadata(error) | SliceError::Invalid(error) => Some(error),
            SliceError::Write(error) => Some(error),
            SliceError::NoRoots | SliceError::UnknownRoot { .. } => None,
        }
    }
}

/// Slices one metadata document (already read) for `options.roots`.
pub fn slice(doc: &Document, options: &SliceOptions) -> Result<Slice, SliceError> {
    let (model, warnings) =
        Model::resolve(std::slice::from_ref(doc)).map_err(SliceError::Metadata)?;
    if options.roots.is_empty() {
        return Err(SliceError::NoRoots);
    }
    let roots = options
        .roots
        .iter()
        .map(|name| {
            model
                .find_type(name)
                .ok_or_else(|| unknown_root(&model, name))
        })
        .collect::<Result<Vec<TypeId>, SliceError>>()?;
    let closure_options = ClosureOptions {
        navigation: options.navigation,
    };
    let selection = select::select(&model, &roots, closure_options);
    let pruned = prune::prune(doc, &model, &selection);

    let mut types: BTreeMap<usize, (String, Vec<String>)> = BTreeMap::new();
    for id in &selection.full {
        let ty = &model[*id];
        types
            .entry(ty.schema.index())
            .or_insert_with(|| (ty.namespace().to_owned(), Vec::new()))
            .1
            .push(ty.qualified_name.clone());
    }
    let entries = pruned
        .schemas
        .iter()
        .flat_map(|s| &s.items)
        .filter_map(|item| match item {
            csdl::SchemaItem::EntityContainer(c) => Some(c),
            _ => None,
        })
        .flat_map(|c| &c.items)
        .map(|item| match item {
            csdl::ContainerItem::EntitySet(x) => x.name.clone(),
            csdl::ContainerItem::Singleton(x) => x.name.clone(),
            csdl::ContainerItem::ActionImport(x) | csdl::ContainerItem::FunctionImport(x) => {
                x.name.clone()
            }
        })
        .collect();
    let mut slice = Slice {
        xml: String::new(),
        types: types.into_values().collect(),
        trimmed_types: selection
            .trimmed
            .iter()
            .map(|id| model[*id].qualified_name.clone())
            .collect(),
        operations: selection
            .operations
            .iter()
            .map(|id| model[*id].qualified_name.clone())
            .collect(),
        entries,
        warnings,
    };
    let body = csdl::to_xml(&pruned);
    let body = body.strip_prefix(XML_DECLARATION).unwrap_or(body.as_str());
    slice.xml = format!("{XML_DECLARATION}{}{body}", header(options, &slice));

    // A slice that does not resolve is a bug here, never something to write.
    let reread = csdl::read_bytes(&doc.file, slice.xml.as_bytes()).map_err(SliceError::Invalid)?;
    Model::resolve(&[reread]).map_err(SliceError::Invalid)?;
    Ok(slice)
}

/// Reads `metadata`, slices it and writes the slice to `out` only when its bytes change,
/// atomically (or, with [`WriteMode::Check`], writes nothing). Returns the slice and whether
/// the file changed (would change).
pub fn slice_file(
    metadata: &Path,
    out: &Path,
    options: &SliceOptions,
    mode: WriteMode,
) -> Result<(Slice, bool), SliceError> {
    let doc = csdl::read_path(metadata).map_err(SliceError::Metadata)?;
    let slice = slice(&doc, options)?;
    let changed = write_one(out, slice.xml.as_bytes(), mode).map_err(SliceError::Write)?;
    Ok((slice, changed))
}

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

fn unknown_root(model: &Model, name: &str) -> SliceError {
    SliceError::UnknownRoot {
        name: name.to_owned(),
        suggestions: model.similar_type_names(name),
    }
}

/// The header comment: how the slice was made, the rules, and what it holds.
fn header(options: &SliceOptions, slice: &Slice) -> String {
    let navigation = if options.navigation {
        "structural and navigation properties"
    } else {
        "structural properties"
    };
    let per_namespace: Vec<String> = slice
        .types
        .iter()
        .map(|(namespace, names)| format!("{namespace} {}", names.len()))
        .collect();
    let mut paragraphs = vec![
        format!(
            "Generated by `{}`. Do not edit: rerun that command.",
            options.command
        ),
        format!(
            "Kept whole: the roots ({}), their base types, the types of their {navigation} and \
             every type derived from a property's type, transitively, with the enum types and \
             type definitions they use; also the actions and functions bound to those types \
             and the types of their parameters and return values. Navigation properties are \
             kept when their target is. The entity sets and singletons whose type navigates to \
             a root are kept, with that type and its base types outside the closure trimmed to \
             their key and those navigation properties, and the bindings between kept entries. \
             Annotations (inline and out-of-line) on kept elements are kept, with the terms \
             they use, except those whose paths name a property left out.",
            options.roots.join(", ")
        ),
        format!(
            "Types kept whole: {} ({}).",
            slice.type_count(),
            per_namespace.join(", ")
        ),
    ];
    let lists = [
        ("Types kept trimmed", &slice.trimmed_types),
        ("Operations", &slice.operations),
        ("Container entries", &slice.entries),
    ];
    for (label, list) in lists {
        if !list.is_empty() {
            paragraphs.push(format!("{label}: {}.", list.join(", ")));
        }
    }
    let mut text = String::new();
    for paragraph in &paragraphs {
        wrap_into(&mut text, paragraph, COMMENT_WIDTH);
    }
    comment(&text)
}

/// Header lines are wrapped at this many characters (besides the comment's indentation).
const COMMENT_WIDTH: usize = 92;

/// Appends `paragraph` to `out` as lines of at most `width` characters, broken at spaces (a
/// longer word stays whole on its own line).
fn wrap_into(out: &mut String, paragraph: &str, width: usize) {
    let mut line_len = 0;
    for word in paragraph.split_whitespace() {
        let word_len = word.chars().count();
        if line_len > 0 && line_len + 1 + word_len > width {
            out.push('\n');
            line_len = 0;
        }
        if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word_len;
    }
    out.push('\n');
}

/// An XML comment holding `text` (one line per line, indented), made safe: a comment may not
/// contain `--` nor end with `-`.
fn comment(text: &str) -> String {
    let mut safe = text.trim_end().to_owned();
    while safe.contains("--") {
        safe = safe.replace("--", "- -");
    }
    let mut out = String::from("<!-- ");
    for (i, line) in safe.lines().enumerate() {
        if i > 0 {
            out.push_str("\n     ");
        }
        out.push_str(line);
    }
    if out.ends_with('-') {
        out.push(' ');
    }
    out.push_str(" -->\n");
    out
}

#[cfg(test)]
mod tests {
    use super::{comment, wrap_into};

    #[test]
    fn comments_never_hold_a_double_hyphen_nor_end_with_one() {
        assert_eq!(comment("a --b"), "<!-- a - -b -->\n");
        assert_eq!(comment("a ---b"), "<!-- a - - -b -->\n");
        assert_eq!(comment("x -"), "<!-- x -  -->\n");
        assert_eq!(comment("one\ntwo\n"), "<!-- one\n     two -->\n");
    }

    #[test]
    fn wraps_at_spaces_and_keeps_long_words_whole() {
        let mut out = String::new();
        wrap_into(&mut out, "aa bb cc  dd", 5);
        wrap_into(&mut out, "a-very-long-word b", 5);
        assert_eq!(out, "aa bb\ncc dd\na-very-long-word\nb\n");
    }
}
