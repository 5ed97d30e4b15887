//! CSDL XML reader: one pass over quick-xml events, borrowing from the input, recursive descent
//! over the fixed CSDL element structure. Nesting is bounded ([`MAX_DEPTH`]) and names are
//! bounded ([`MAX_NAME_LEN`]), so hostile input gets an error, not a stack overflow.

use std::borrow::Cow;
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use smallvec::SmallVec;

use super::position::LineIndex;
use super::*;

type Result<T> = std::result::Result<T, Error>;

/// More attributes than any CSDL element has; beyond this an element is refused.
const MAX_ATTRIBUTES: usize = 24;

pub(crate) fn read(file: &str, text: &str) -> Result<Document> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    let mut parser = Parser {
        file,
        text,
        reader,
        lines: LineIndex::new(text),
        depth: 0,
        items: Scratch::default(),
        properties: Scratch::default(),
        members: Scratch::default(),
        annotations: Scratch::default(),
        type_names: Interner::default(),
        warnings: Default::default(),
    };
    parser.document()
}

type Attributes<'e> = SmallVec<[(&'e str, Cow<'e, str>); 6]>;

/// A start tag: its local name, attributes (unescaped), position, and whether it is empty.
struct Element<'e> {
    name: &'e str,
    attrs: Attributes<'e>,
    pos: Position,
    empty: bool,
}

impl Element<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| same_name(k, key))
            .map(|(_, v)| v.as_ref())
    }
}

struct Parser<'f, 'a> {
    file: &'f str,
    text: &'a str,
    reader: Reader<&'a [u8]>,
    lines: LineIndex<'a>,
    depth: usize,
    items: Scratch<SchemaItem>,
    properties: Scratch<Property>,
    members: Scratch<EnumMember>,
    annotations: Scratch<Annotation>,
    type_names: Interner,
    /// Spellings read leniently; a `RefCell` as the attribute readers take `&self`.
    warnings: std::cell::RefCell<Vec<Diagnostic>>,
}

/// Reusable buffers for lists whose length is known only once their element closes: a list
/// is gathered in a buffer, then copied out at its exact size, so it is allocated once
/// instead of growing (and copying) step by step. One buffer per nesting level in use.
struct Scratch<T>(Vec<Vec<T>>);

impl<T> Default for Scratch<T> {
    fn default() -> Self {
        Scratch(Vec::new())
    }
}

impl<T> Scratch<T> {
    fn take(&mut self) -> Vec<T> {
        self.0.pop().unwrap_or_default()
    }

    /// The gathered list at its exact size; the (emptied) buffer is kept for reuse.
    fn finish(&mut self, mut buffer: Vec<T>) -> Vec<T> {
        let mut list = Vec::with_capacity(buffer.len());
        list.append(&mut buffer);
        self.0.push(buffer);
        list
    }
}

impl<'f, 'a> Parser<'f, 'a> {
    fn error(&self, pos: Position, message: impl Into<String>) -> Error {
        Diagnostic::new(self.file, pos, message)
    }

    /// Notes a value read in a spelling CSDL does not allow but Microsoft's reader accepts.
    fn lenient(&self, el: &Element<'_>, key: &str, found: &str, read_as: &str) {
        self.warnings.borrow_mut().push(Diagnostic::new(
            self.file,
            el.pos,
            format!(
                "{key}=\"{found}\" on <{}> read as `{read_as}`; CSDL spells it in lower case",
                el.name
            ),
        ));
    }

    fn error_at_offset(&mut self, offset: u64, message: impl Into<String>) -> Error {
        let pos = self.lines.at(usize::try_from(offset).unwrap_or(usize::MAX));
        Diagnostic::new(self.file, pos, message)
    }

    fn xml_error(&mut self, e: quick_xml::Error) -> Error {
        let offset = self.reader.error_position();
        let message = match &e {
            quick_xml::Error::IllFormed(quick_xml::errors::IllFormedError::MismatchedEndTag {
                expected,
                found,
            }) => format!("not well-formed XML: expected </{expected}>, found </{found}>"),
            _ => format!("not well-formed XML: {e}"),
        };
        self.error_at_offset(offset, message)
    }

    /// Builds an [`Element`] from a start tag read at `offset`.
    fn element<'e>(
        &mut self,
        start: &'e BytesStart<'a>,
        offset: u64,
        empty: bool,
    ) -> Result<Element<'e>> {
        let pos = self.lines.at(usize::try_from(offset).unwrap_or(usize::MAX));
        let name = self.input_str(start.local_name().into_inner(), pos)?;
        let raw = self.input_str(start.attributes_raw(), pos)?;
        let attrs = parse_attributes(raw)
            .map_err(|message| self.error(pos, format!("bad attributes in <{name}>: {message}")))?;
        Ok(Element {
            name,
            attrs,
            pos,
            empty,
        })
    }

    /// The `&str` of a slice of the input. The input is already known to be UTF-8, so this
    /// re-slices it (a bounds and boundary check) instead of validating the bytes again.
    fn input_str(&self, bytes: &[u8], pos: Position) -> Result<&'a str> {
        let start = (bytes.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize);
        start
            .and_then(|s| self.text.get(s..s + bytes.len()))
            .ok_or_else(|| self.error(pos, "invalid UTF-8"))
    }

    /// Reads the children of `parent` (nothing when it is empty), calling `child` for each
    /// element; text other than whitespace is an error. Returns once `parent` is closed.
    fn children(
        &mut self,
        parent: &Element<'_>,
        mut child: impl FnMut(&mut Self, Element<'_>) -> Result<()>,
    ) -> Result<()> {
        if parent.empty {
            return Ok(());
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(
                parent.pos,
                format!("elements nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        loop {
            let offset = self.reader.buffer_position();
            match self.reader.read_event() {
                Ok(Event::Start(start)) => {
                    let element = self.element(&start, offset, false)?;
                    child(self, element)?;
                }
                Ok(Event::Empty(start)) => {
                    let element = self.element(&start, offset, true)?;
                    child(self, element)?;
                }
                Ok(Event::End(_)) => break,
                Ok(Event::Text(text)) => {
                    if let Some(first) = text.iter().position(|b| !b.is_ascii_whitespace()) {
                        return Err(self.error_at_offset(
                            offset + first as u64,
                            format!("unexpected text in <{}>", parent.name),
                        ));
                    }
                }
                Ok(Event::GeneralRef(_)) | Ok(Event::CData(_)) => {
                    return Err(self
                        .error_at_offset(offset, format!("unexpected text in <{}>", parent.name)))
                }
                Ok(Event::Comment(_)) | Ok(Event::PI(_)) => {}
                Ok(Event::Decl(_)) | Ok(Event::DocType(_)) => {
                    return Err(self
                        .error_at_offset(offset, "XML declaration or DOCTYPE inside an element"))
                }
                Ok(Event::Eof) => {
                    let message = format!(
                        "unexpected end of document: <{}> at {}:{} is not closed",
                        parent.name, parent.pos.line, parent.pos.column
                    );
                    return Err(self.error_at_offset(offset, message));
                }
                Err(e) => return Err(self.xml_error(e)),
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// The text content of a leaf element (`<String>a &amp; b</String>`).
    fn text_content(&mut self, parent: &Element<'_>) -> Result<String> {
        let mut out = String::new();
        if parent.empty {
            return Ok(out);
        }
        loop {
            let offset = self.reader.buffer_position();
            match self.reader.read_event() {
                Ok(Event::Text(text)) => {
                    let text = text.decode().map_err(|e| {
                        self.error(parent.pos, format!("bad text in <{}>: {e}", parent.name))
                    })?;
                    out.push_str(&text);
                }
                Ok(Event::CData(data)) => {
                    let text = data.decode().map_err(|e| {
                        self.error(parent.pos, format!("bad text in <{}>: {e}", parent.name))
                    })?;
                    out.push_str(&text);
                }
                Ok(Event::GeneralRef(reference)) => {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        Ok(None) => match reference.as_ref() {
                            b"amp" => Some('&'),
                            b"lt" => Some('<'),
                            b"gt" => Some('>'),
                            b"quot" => Some('"'),
                            b"apos" => Some('\''),
                            _ => None,
                        },
                        Err(_) => None,
                    };
                    match resolved {
                        Some(c) => out.push(c),
                        None => {
                            return Err(self.error_at_offset(
                                offset,
                                format!(
                                    "unknown entity reference &{};",
                                    String::from_utf8_lossy(&reference)
                                ),
                            ))
                        }
                    }
                }
                Ok(Event::Comment(_)) | Ok(Event::PI(_)) => {}
                Ok(Event::End(_)) => return Ok(out),
                Ok(Event::Start(_)) | Ok(Event::Empty(_)) => {
                    return Err(self.error_at_offset(
                        offset,
                        format!("<{}> must contain only text", parent.name),
                    ))
                }
                Ok(Event::Eof) => {
                    let message = format!(
                        "unexpected end of document: <{}> at {}:{} is not closed",
                        parent.name, parent.pos.line, parent.pos.column
                    );
                    return Err(self.error_at_offset(offset, message));
                }
                Ok(Event::Decl(_)) | Ok(Event::DocType(_)) => {
                    return Err(self
                        .error_at_offset(offset, "XML declaration or DOCTYPE inside an element"))
                }
                Err(e) => return Err(self.xml_error(e)),
            }
        }
    }

    fn unexpected(&self, element: &Element<'_>, parent: &str) -> Error {
        self.error(
            element.pos,
            format!("unexpected element <{}> in <{parent}>", element.name),
        )
    }

    fn only_annotations(&mut self, el: &Element<'_>) -> Result<Vec<Annotation>> {
        let mut annotations = self.annotations.take();
        let parent = el.name;
        self.children(el, |p, child| {
            if child.name == "Annotation" {
                annotations.push(p.annotation(child)?);
                Ok(())
            } else {
                Err(p.unexpected(&child, parent))
            }
        })?;
        Ok(self.annotations.finish(annotations))
    }

    // ---- attributes ----

    fn required(&self, el: &Element<'_>, key: &str) -> Result<String> {
        match el.get(key) {
            Some(v) => Ok(v.to_owned()),
            None => Err(self.error(
                el.pos,
                format!("<{}> is missing the {key} attribute", el.name),
            )),
        }
    }

    fn optional(&self, el: &Element<'_>, key: &str) -> Option<String> {
        el.get(key).map(str::to_owned)
    }

    /// A declared name (`Name`, `Namespace`, `Alias`): present, not empty, bounded, and usable as
    /// a JSON member name and a path segment. Namespaces may contain dots.
    fn name(&self, el: &Element<'_>, key: &str) -> Result<String> {
        let value = self.required(el, key)?;
        self.check_name(el, key, &value)?;
        Ok(value)
    }

    fn check_name(&self, el: &Element<'_>, key: &str, value: &str) -> Result<()> {
        if value.len() > MAX_NAME_LEN {
            return Err(self.error(
                el.pos,
                format!(
                    "{key} of <{}> is {} bytes long, more than the limit of {MAX_NAME_LEN}",
                    el.name,
                    value.len()
                ),
            ));
        }
        let acceptable = if key == "Namespace" {
            value.split('.').all(is_acceptable_name)
        } else {
            is_acceptable_name(value)
        };
        if !acceptable {
            let what = if value.is_empty() { "empty" } else { "invalid" };
            return Err(self.error(
                el.pos,
                format!(
                    "{what} {key} `{value}` on <{}>: a name must be usable as a JSON member name and a URL path segment",
                    el.name
                ),
            ));
        }
        Ok(())
    }

    /// A reference to another element (`Type`, `BaseType`, `Term`...): bounded length.
    fn reference(&self, el: &Element<'_>, key: &str) -> Result<Option<String>> {
        Ok(self.reference_str(el, key)?.map(str::to_owned))
    }

    /// [`Self::reference`], borrowed from the element (for callers that parse it further).
    fn reference_str<'e>(&self, el: &'e Element<'_>, key: &str) -> Result<Option<&'e str>> {
        match el.get(key) {
            Some(v) if v.len() > MAX_NAME_LEN => Err(self.error(
                el.pos,
                format!(
                    "{key} of <{}> is {} bytes long, more than the limit of {MAX_NAME_LEN}",
                    el.name,
                    v.len()
                ),
            )),
            Some("") => Err(self.error(el.pos, format!("empty {key} on <{}>", el.name))),
            other => Ok(other),
        }
    }

    fn required_reference(&self, el: &Element<'_>, key: &str) -> Result<String> {
        self.reference(el, key)?.ok_or_else(|| {
            self.error(
                el.pos,
                format!("<{}> is missing the {key} attribute", el.name),
            )
        })
    }

    fn boolean(&self, el: &Element<'_>, key: &str, default: bool) -> Result<bool> {
        match el.get(key) {
            None => Ok(default),
            Some("true") | Some("1") => Ok(true),
            Some("false") | Some("0") => Ok(false),
            Some(other) if other.eq_ignore_ascii_case("true") => {
                self.lenient(el, key, other, "true");
                Ok(true)
            }
            Some(other) if other.eq_ignore_ascii_case("false") => {
                self.lenient(el, key, other, "false");
                Ok(false)
            }
            Some(other) => Err(self.error(
                el.pos,
                format!(
                    "{key} of <{}> must be true or false, found `{other}`",
                    el.name
                ),
            )),
        }
    }

    fn type_name(&mut self, el: &Element<'_>, key: &str) -> Result<TypeName> {
        let raw = self.reference_str(el, key)?.ok_or_else(|| {
            self.error(
                el.pos,
                format!("<{}> is missing the {key} attribute", el.name),
            )
        })?;
        let (collection, name) = parse_type_name(raw).ok_or_else(|| {
            self.error(
                el.pos,
                format!("malformed type `{raw}` in {key} of <{}>: expected `Name` or `Collection(Name)`", el.name),
            )
        })?;
        Ok(TypeName {
            collection,
            name: self.type_names.intern(name),
        })
    }

    fn facets(&self, el: &Element<'_>) -> Result<Facets> {
        let number = |key: &str| -> Result<Option<u64>> {
            match el.get(key) {
                None => Ok(None),
                Some(v) => v.parse::<u64>().map(Some).map_err(|_| {
                    self.error(
                        el.pos,
                        format!(
                            "{key} of <{}> must be a non-negative integer, found `{v}`",
                            el.name
                        ),
                    )
                }),
            }
        };
        let max_length = match el.get("MaxLength") {
            None => None,
            Some("max") => Some(MaxLength::Max),
            Some(other) if other.eq_ignore_ascii_case("max") => {
                self.lenient(el, "MaxLength", other, "max");
                Some(MaxLength::Max)
            }
            Some(_) => number("MaxLength")?.map(MaxLength::Length),
        };
        let precision = number("Precision")?.map(|p| u32::try_from(p).unwrap_or(u32::MAX));
        let scale = match el.get("Scale") {
            None => None,
            Some("variable") => Some(Scale::Variable),
            Some("floating") => Some(Scale::Floating),
            Some(other) if other.eq_ignore_ascii_case("variable") => {
                self.lenient(el, "Scale", other, "variable");
                Some(Scale::Variable)
            }
            Some(other) if other.eq_ignore_ascii_case("floating") => {
                self.lenient(el, "Scale", other, "floating");
                Some(Scale::Floating)
            }
            Some(_) => number("Scale")?.map(|s| Scale::Value(u32::try_from(s).unwrap_or(u32::MAX))),
        };
        let srid = match el.get("SRID") {
            Some(other) if other != "variable" && other.eq_ignore_ascii_case("variable") => {
                self.lenient(el, "SRID", other, "variable");
                Some("variable".to_owned())
            }
            _ => self.optional(el, "SRID"),
        };
        Ok(Facets {
            max_length,
            precision,
            scale,
            srid,
            unicode: match el.get("Unicode") {
                None => None,
                Some(_) => Some(self.boolean(el, "Unicode", true)?),
            },
        })
    }

    // ---- document structure ----

    fn document(&mut self) -> Result<Document> {
        loop {
            let offset = self.reader.buffer_position();
            match self.reader.read_event() {
                Ok(Event::Decl(_))
                | Ok(Event::Comment(_))
                | Ok(Event::PI(_))
                | Ok(Event::DocType(_)) => {}
                Ok(Event::Text(text)) if text.iter().all(u8::is_ascii_whitespace) => {}
                Ok(Event::Start(start)) => {
                    let root = self.element(&start, offset, false)?;
                    return self.edmx(root);
                }
                Ok(Event::Empty(start)) => {
                    let root = self.element(&start, offset, true)?;
                    return self.edmx(root);
                }
                Ok(Event::Eof) => {
                    return Err(self.error_at_offset(offset, "not CSDL: no root element"))
                }
                Ok(_) => {
                    return Err(
                        self.error_at_offset(offset, "not CSDL: text before the root element")
                    )
                }
                Err(e) => return Err(self.xml_error(e)),
            }
        }
    }

    fn edmx(&mut self, root: Element<'_>) -> Result<Document> {
        if root.name != "Edmx" {
            return Err(self.error(
                root.pos,
                format!("wrong root element <{}>: expected <edmx:Edmx>", root.name),
            ));
        }
        let version = self.required(&root, "Version")?;
        if matches!(version.as_str(), "1.0" | "2.0" | "3.0") {
            return Err(self.error(
                root.pos,
                format!(
                    "this is an OData V2/V3 document (EDMX Version `{version}`); only CSDL 4.0 \
                     and 4.01 (OData V4) are read: convert it to V4 first"
                ),
            ));
        }
        if let Err(message) = super::check_version(&version) {
            return Err(self.error(root.pos, message));
        }
        let mut references = Vec::new();
        let mut schemas = Vec::new();
        let mut data_services = 0;
        self.children(&root, |p, child| match child.name {
            "Reference" => {
                references.push(p.reference_element(child)?);
                Ok(())
            }
            "DataServices" => {
                data_services += 1;
                if data_services > 1 {
                    return Err(p.error(child.pos, "more than one <edmx:DataServices>"));
                }
                p.children(&child, |p, child| match child.name {
                    "Schema" => {
                        schemas.push(p.schema(child)?);
                        Ok(())
                    }
                    _ => Err(p.unexpected(&child, "edmx:DataServices")),
                })
            }
            _ => Err(p.unexpected(&child, "edmx:Edmx")),
        })?;
        if data_services == 0 {
            return Err(self.error(root.pos, "<edmx:Edmx> has no <edmx:DataServices>"));
        }
        // Anything after the root must be whitespace, comments or processing instructions.
        loop {
            let offset = self.reader.buffer_position();
            match self.reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(Event::Comment(_)) | Ok(Event::PI(_)) => {}
                Ok(Event::Text(text)) if text.iter().all(u8::is_ascii_whitespace) => {}
                Ok(_) => return Err(self.error_at_offset(offset, "content after the root element")),
                Err(e) => return Err(self.xml_error(e)),
            }
        }
        Ok(Document {
            file: self.file.to_owned(),
            format: Format::Xml,
            version,
            references,
            schemas,
            warnings: self.warnings.take(),
        })
    }

    fn reference_element(&mut self, el: Element<'_>) -> Result<Reference> {
        let uri = self.required(&el, "Uri")?;
        let mut includes = Vec::new();
        let mut include_annotations = Vec::new();
        let mut annotations = Vec::new();
        self.children(&el, |p, child| match child.name {
            "Include" => {
                let namespace = p.name(&child, "Namespace")?;
                let alias = match child.get("Alias") {
                    Some(_) => Some(p.name(&child, "Alias")?),
                    None => None,
                };
                includes.push(Include {
                    namespace,
                    alias,
                    annotations: p.only_annotations(&child)?,
                    pos: child.pos,
                });
                Ok(())
            }
            "IncludeAnnotations" => {
                include_annotations.push(IncludeAnnotations {
                    term_namespace: p.required(&child, "TermNamespace")?,
                    qualifier: p.optional(&child, "Qualifier"),
                    target_namespace: p.optional(&child, "TargetNamespace"),
                    pos: child.pos,
                });
                p.children(&child, |p, c| {
                    Err(p.unexpected(&c, "edmx:IncludeAnnotations"))
                })
            }
            "Annotation" => {
                annotations.push(p.annotation(child)?);
                Ok(())
            }
            _ => Err(p.unexpected(&child, "edmx:Reference")),
        })?;
        Ok(Reference {
            uri,
            includes,
            include_annotations,
            annotations,
            pos: el.pos,
        })
    }

    fn schema(&mut self, el: Element<'_>) -> Result<Schema> {
        let namespace = self.name(&el, "Namespace")?;
        let alias = match el.get("Alias") {
            Some(_) => Some(self.name(&el, "Alias")?),
            None => None,
        };
        let mut items = self.items.take();
        let mut annotations = self.annotations.take();
        self.children(&el, |p, child| {
            let item = match child.name {
                "EntityType" => SchemaItem::EntityType(p.structured(child, true)?),
                "ComplexType" => SchemaItem::ComplexType(p.structured(child, false)?),
                "EnumType" => SchemaItem::EnumType(p.enum_type(child)?),
                "TypeDefinition" => SchemaItem::TypeDefinition(p.type_definition(child)?),
                "Action" => SchemaItem::Action(p.operation(child, false)?),
                "Function" => SchemaItem::Function(p.operation(child, true)?),
                "Term" => SchemaItem::Term(p.term(child)?),
                "EntityContainer" => SchemaItem::EntityContainer(p.container(child)?),
                "Annotations" => SchemaItem::Annotations(p.annotations_block(child)?),
                "Annotation" => {
                    annotations.push(p.annotation(child)?);
                    return Ok(());
                }
                _ => return Err(p.unexpected(&child, "Schema")),
            };
            items.push(item);
            Ok(())
        })?;
        Ok(Schema {
            namespace,
            alias,
            items: self.items.finish(items),
            annotations: self.annotations.finish(annotations),
            pos: el.pos,
        })
    }

    fn structured(&mut self, el: Element<'_>, entity: bool) -> Result<StructuredType> {
        let name = self.name(&el, "Name")?;
        let base_type = self.reference(&el, "BaseType")?;
        let is_abstract = self.boolean(&el, "Abstract", false)?;
        let open_type = self.boolean(&el, "OpenType", false)?;
        let has_stream = self.boolean(&el, "HasStream", false)?;
        let mut key = Vec::new();
        let mut properties = self.properties.take();
        let mut annotations = self.annotations.take();
        let parent = el.name;
        self.children(&el, |p, child| match child.name {
            "Key" if entity => p.children(&child, |p, r| {
                if r.name != "PropertyRef" {
                    return Err(p.unexpected(&r, "Key"));
                }
                let name = p.required_reference(&r, "Name")?;
                let alias = p.optional(&r, "Alias");
                p.children(&r, |p, c| Err(p.unexpected(&c, "PropertyRef")))?;
                key.push(PropertyRef {
                    name,
                    alias,
                    pos: r.pos,
                });
                Ok(())
            }),
            "Property" => {
                properties.push(p.property(child, false)?);
                Ok(())
            }
            "NavigationProperty" => {
                properties.push(p.property(child, true)?);
                Ok(())
            }
            "Annotation" => {
                annotations.push(p.annotation(child)?);
                Ok(())
            }
            _ => Err(p.unexpected(&child, parent)),
        })?;
        Ok(StructuredType {
            name,
            base_type,
            is_abstract,
            open_type,
            has_stream,
            key,
            properties: self.properties.finish(properties),
            annotations: self.annotations.finish(annotations),
            pos: el.pos,
        })
    }

    fn property(&mut self, el: Element<'_>, navigation: bool) -> Result<Property> {
        let name = self.name(&el, "Name")?;
        let ty = self.type_name(&el, "Type")?;
        let nullable = self.boolean(&el, "Nullable", true)?;
        let facets = self.facets(&el)?;
        let default_value = self.optional(&el, "DefaultValue");
        let contains_target = self.boolean(&el, "ContainsTarget", false)?;
        let partner = self.reference(&el, "Partner")?;
        let mut on_delete = None;
        let mut referential_constraints = Vec::new();
        let mut annotations = self.annotations.take();
        let parent = el.name;
        self.children(&el, |p, child| match child.name {
            "Annotation" => {
                annotations.push(p.annotation(child)?);
                Ok(())
            }
            "OnDelete" if navigation => {
                on_delete = Some(p.required(&child, "Action")?);
                p.only_annotations(&child).map(drop)
            }
            "ReferentialConstraint" if navigation => {
                referential_constraints.push((
                    p.required_reference(&child, "Property")?,
                    p.required_reference(&child, "ReferencedProperty")?,
                ));
                p.only_annotations(&child).map(drop)
            }
            _ => Err(p.unexpected(&child, parent)),
        })?;
        Ok(Property {
            name,
            navigation,
            ty,
            nullable,
            facets,
            default_value,
            contains_target,
            partner,
            on_delete,
            referential_constraints,
            annotations: self.annotations.finish(annotations),
            pos: el.pos,
        })
    }

    fn enum_type(&mut self, el: Element<'_>) -> Result<EnumType> {
        let name = self.name(&el, "Name")?;
        let underlying_type = self.reference(&el, "UnderlyingType")?;
        let is_flags = self.boolean(&el, "IsFlags", false)?;
        let mut members = self.members.take();
        let mut annotations = self.annotations.take();
        self.children(&el, |p, child| match child.name {
            "Member" => {
                let name = p.name(&child, "Name")?;
                let value = match child.get("Value") {
                    None => None,
                    Some(v) => Some(v.trim().parse::<i64>().map_err(|_| {
                        p.error(
                            child.pos,
                            format!(
                                "value of enum member `{name}` must be an integer, found `{v}`"
                            ),
                        )
                    })?),
                };
                let member_annotations = p.only_annotations(&child)?;
                members.push(EnumMember {
                    name,
                    value,
                    annotations: member_annotations,
                    pos: child.pos,
                });
                Ok(())
            }
            "Annotation" => {
                annotations.push(p.annotation(child)?);
                Ok(())
            }
            _ => Err(p.unexpected(&child, "EnumType")),
        })?;
        Ok(EnumType {
            name,
            underlying_type,
            is_flags,
            members: self.members.finish(members),
            annotations: self.annotations.finish(annotations),
            pos: el.pos,
        })
    }

    fn type_definition(&mut self, el: Element<'_>) -> Result<TypeDefinition> {
        let name = self.name(&el, "Name")?;
        let underlying_type = self.required_reference(&el, "UnderlyingType")?;
        let facets = self.facets(&el)?;
        let annotations = self.only_annotations(&el)?;
        Ok(TypeDefinition {
            name,
            underlying_type,
            facets,
            annotations,
            pos: el.pos,
        })
    }

    fn operation(&mut self, el: Element<'_>, function: bool) -> Result<Operation> {
        let name = self.name(&el, "Name")?;
        let is_bound = self.boolean(&el, "IsBound", false)?;
        let is_composable = self.boolean(&el, "IsComposable", false)?;
        let entity_set_path = self.optional(&el, "EntitySetPath");
        let mut parameters = Vec::new();
        let mut return_type = None;
        let mut annotations = Vec::new();
        let parent = el.name;
        self.children(&el, |p, child| match child.name {
            "Parameter" => {
                let name = p.name(&child, "Name")?;
                let ty = p.type_name(&child, "Type")?;
                let nullable = p.boolean(&child, "Nullable", true)?;
                let facets = p.facets(&child)?;
                let annotations = p.only_annotations(&child)?;
                parameters.push(Parameter {
                    name,
                    ty,
                    nullable,
                    facets,
                    annotations,
                    pos: child.pos,
                });
                Ok(())
            }
            "ReturnType" => {
                if return_type.is_some() {
                    return Err(p.error(
                        child.pos,
                        format!("<{parent}> has more than one <ReturnType>"),
                    ));
                }
                let ty = p.type_name(&child, "Type")?;
                let nullable = p.boolean(&child, "Nullable", true)?;
                let facets = p.facets(&child)?;
                let annotations = p.only_annotations(&child)?;
                return_type = Some(ReturnType {
                    ty,
                    nullable,
                    facets,
                    annotations,
                    pos: child.pos,
                });
                Ok(())
            }
            "Annotation" => {
                annotations.push(p.annotation(child)?);
                Ok(())
            }
            _ => Err(p.unexpected(&child, parent)),
        })?;
        if function && return_type.is_none() {
            return Err(self.error(el.pos, format!("function `{name}` has no <ReturnType>")));
        }
        Ok(Operation {
            name,
            is_bound,
            is_composable,
            entity_set_path,
            parameters,
            return_type,
            annotations,
            pos: el.pos,
        })
    }

    fn term(&mut self, el: Element<'_>) -> Result<Term> {
        let name = self.name(&el, "Name")?;
        let ty = self.type_name(&el, "Type")?;
        let nullable = self.boolean(&el, "Nullable", true)?;
        let facets = self.facets(&el)?;
        let base_term = self.reference(&el, "BaseTerm")?;
        let default_value = self.optional(&el, "DefaultValue");
        let applies_to = self.optional(&el, "AppliesTo");
        let annotations = self.only_annotations(&el)?;
        Ok(Term {
            name,
            ty,
            nullable,
            facets,
            base_term,
            default_value,
            applies_to,
            annotations,
            pos: el.pos,
        })
    }

    fn container(&mut self, el: Element<'_>) -> Result<EntityContainer> {
        let name = self.name(&el, "Name")?;
        let extends = self.reference(&el, "Extends")?;
        let mut items = Vec::new();
        let mut annotations = Vec::new();
        self.children(&el, |p, child| {
            let item = match child.name {
                "EntitySet" => {
                    let name = p.name(&child, "Name")?;
                    let entity_type = p.required_reference(&child, "EntityType")?;
                    let include = p.boolean(&child, "IncludeInServiceDocument", true)?;
                    let (bindings, annotations) = p.bindings(&child)?;
                    ContainerItem::EntitySet(EntitySet {
                        name,
                        entity_type,
                        include_in_service_document: include,
                        bindings,
                        annotations,
                        pos: child.pos,
                    })
                }
                "Singleton" => {
                    let name = p.name(&child, "Name")?;
                    let ty = p.required_reference(&child, "Type")?;
                    let nullable = p.boolean(&child, "Nullable", false)?;
                    let (bindings, annotations) = p.bindings(&child)?;
                    ContainerItem::Singleton(Singleton {
                        name,
                        ty,
                        nullable,
                        bindings,
                        annotations,
                        pos: child.pos,
                    })
                }
                "ActionImport" | "FunctionImport" => {
                    let action = child.name == "ActionImport";
                    let name = p.name(&child, "Name")?;
                    let operation =
                        p.required_reference(&child, if action { "Action" } else { "Function" })?;
                    let entity_set = p.reference(&child, "EntitySet")?;
                    let include = p.boolean(&child, "IncludeInServiceDocument", false)?;
                    let annotations = p.only_annotations(&child)?;
                    let import = OperationImport {
                        name,
                        operation,
                        entity_set,
                        include_in_service_document: include,
                        annotations,
                        pos: child.pos,
                    };
                    if action {
                        ContainerItem::ActionImport(import)
                    } else {
                        ContainerItem::FunctionImport(import)
                    }
                }
                "Annotation" => {
                    annotations.push(p.annotation(child)?);
                    return Ok(());
                }
                _ => return Err(p.unexpected(&child, "EntityContainer")),
            };
            items.push(item);
            Ok(())
        })?;
        Ok(EntityContainer {
            name,
            extends,
            items,
            annotations,
            pos: el.pos,
        })
    }

    fn bindings(&mut self, el: &Element<'_>) -> Result<(Vec<Binding>, Vec<Annotation>)> {
        let mut bindings = Vec::new();
        let mut annotations = Vec::new();
        let parent = el.name;
        self.children(el, |p, child| match child.name {
            "NavigationPropertyBinding" => {
                bindings.push(Binding {
                    path: p.required_reference(&child, "Path")?,
                    target: p.required_reference(&child, "Target")?,
                    pos: child.pos,
                });
                p.children(&child, |p, c| {
                    Err(p.unexpected(&c, "NavigationPropertyBinding"))
                })
            }
            "Annotation" => {
                annotations.push(p.annotation(child)?);
                Ok(())
            }
            _ => Err(p.unexpected(&child, parent)),
        })?;
        Ok((bindings, annotations))
    }

    fn annotations_block(&mut self, el: Element<'_>) -> Result<AnnotationsBlock> {
        let target = self.required_reference(&el, "Target")?;
        let qualifier = self.optional(&el, "Qualifier");
        let annotations = self.only_annotations(&el)?;
        Ok(AnnotationsBlock {
            target,
            qualifier,
            annotations,
            pos: el.pos,
        })
    }

    // ---- annotations and expressions ----

    fn annotation(&mut self, el: Element<'_>) -> Result<Annotation> {
        let term = self.required_reference(&el, "Term")?;
        let qualifier = self.optional(&el, "Qualifier");
        let (value, annotations) = self.value_of(&el, &["Term", "Qualifier"])?;
        Ok(Annotation {
            term,
            qualifier,
            value,
            annotations,
            pos: el.pos,
        })
    }

    /// The value of an `<Annotation>` or `<PropertyValue>`: a constant attribute or one child
    /// expression (or neither: [`Value::Absent`]), and the annotations among its children.
    fn value_of(
        &mut self,
        el: &Element<'_>,
        own_attributes: &[&str],
    ) -> Result<(Value, Vec<Annotation>)> {
        let mut value = None;
        for (key, raw) in &el.attrs {
            if own_attributes.contains(key) {
                continue;
            }
            let parsed = self.constant(el, key, raw)?;
            if value.is_some() {
                return Err(self.error(el.pos, format!("<{}> has more than one value", el.name)));
            }
            value = Some(parsed);
        }
        let parent = el.name;
        let has_attribute_value = value.is_some();
        let mut child_value = None;
        let mut annotations = Vec::new();
        self.children(el, |p, child| {
            if child.name == "Annotation" {
                annotations.push(p.annotation(child)?);
                return Ok(());
            }
            let child_pos = child.pos;
            let v = p.expression(child)?;
            if has_attribute_value || child_value.is_some() {
                return Err(p.error(child_pos, format!("<{parent}> has more than one value")));
            }
            child_value = Some(v);
            Ok(())
        })?;
        Ok((value.or(child_value).unwrap_or(Value::Absent), annotations))
    }

    /// A constant written as an attribute (`String="..."`) or as element text.
    fn constant(&self, el: &Element<'_>, kind: &str, raw: &str) -> Result<Value> {
        let bad = |what: &str| {
            self.error(
                el.pos,
                format!("{kind} value `{raw}` of <{}> is not {what}", el.name),
            )
        };
        Ok(match kind {
            "String" => Value::String(raw.to_owned()),
            "Bool" => match raw {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => return Err(bad("true or false")),
            },
            "Int" => Value::Int(raw.trim().parse().map_err(|_| bad("an integer"))?),
            "Float" => Value::Float(match raw.trim() {
                "INF" => f64::INFINITY,
                "-INF" => f64::NEG_INFINITY,
                "NaN" => f64::NAN,
                other => other.parse().map_err(|_| bad("a number"))?,
            }),
            "Decimal" => Value::Decimal(raw.trim().to_owned()),
            "Date" => Value::Date(raw.to_owned()),
            "DateTimeOffset" => Value::DateTimeOffset(raw.to_owned()),
            "Duration" => Value::Duration(raw.to_owned()),
            "Guid" => Value::Guid(raw.to_owned()),
            "TimeOfDay" => Value::TimeOfDay(raw.to_owned()),
            "Binary" => Value::Binary(raw.to_owned()),
            "EnumMember" => Value::EnumMember(raw.split_whitespace().map(str::to_owned).collect()),
            "UrlRef" => Value::Expression(Box::new(Expression {
                kind: ExpressionKind::UrlRef(Value::String(raw.to_owned())),
                annotations: Vec::new(),
                pos: el.pos,
            })),
            _ => match PathKind::from_name(kind) {
                Some(path) => Value::Path(path, raw.to_owned()),
                None => {
                    return Err(
                        self.error(el.pos, format!("unknown attribute {kind} on <{}>", el.name))
                    )
                }
            },
        })
    }

    fn expression(&mut self, el: Element<'_>) -> Result<Value> {
        self.expression_in(el, false)
    }

    /// An expression; `in_collection` when it is an item of a `<Collection>`, the one place
    /// an `<If>` may leave out its third operand.
    fn expression_in(&mut self, el: Element<'_>, in_collection: bool) -> Result<Value> {
        let dynamic = |kind, annotations| {
            Ok(Value::Expression(Box::new(Expression {
                kind,
                annotations,
                pos: el.pos,
            })))
        };
        match el.name {
            "Null" => {
                let annotations = self.only_annotations(&el)?;
                if annotations.is_empty() {
                    Ok(Value::Null)
                } else {
                    dynamic(ExpressionKind::Null, annotations)
                }
            }
            "Collection" => {
                let mut items = Vec::new();
                self.children(&el, |p, child| {
                    items.push(p.expression_in(child, true)?);
                    Ok(())
                })?;
                Ok(Value::Collection(items))
            }
            "Record" => {
                let mut record = Record {
                    ty: self.reference(&el, "Type")?,
                    ..Record::default()
                };
                self.children(&el, |p, child| match child.name {
                    "PropertyValue" => {
                        let name = p.required_reference(&child, "Property")?;
                        let (value, annotations) = p.value_of(&child, &["Property"])?;
                        record
                            .property_annotations
                            .extend(annotations.into_iter().map(|a| (name.clone(), a)));
                        record.properties.push((name, value));
                        Ok(())
                    }
                    "Annotation" => {
                        record.annotations.push(p.annotation(child)?);
                        Ok(())
                    }
                    _ => Err(p.unexpected(&child, "Record")),
                })?;
                Ok(Value::Record(record))
            }
            "String"
            | "Bool"
            | "Int"
            | "Float"
            | "Decimal"
            | "Date"
            | "DateTimeOffset"
            | "Duration"
            | "Guid"
            | "TimeOfDay"
            | "Binary"
            | "EnumMember"
            | "Path"
            | "PropertyPath"
            | "NavigationPropertyPath"
            | "AnnotationPath"
            | "ModelElementPath" => {
                let text = self.text_content(&el)?;
                self.constant(&el, el.name, &text)
            }
            "Apply" => {
                let function = self.required_reference(&el, "Function")?;
                let (arguments, annotations) = self.operands(&el)?;
                dynamic(
                    ExpressionKind::Apply {
                        function,
                        arguments,
                    },
                    annotations,
                )
            }
            "Cast" | "IsOf" => {
                let ty = self.type_name(&el, "Type")?;
                let facets = self.facets(&el)?;
                let (value, annotations) = self.single_operand(
                    &el,
                    &["Type", "MaxLength", "Precision", "Scale", "SRID", "Unicode"],
                )?;
                let test = TypeTest { ty, facets, value };
                let kind = if el.name == "Cast" {
                    ExpressionKind::Cast(test)
                } else {
                    ExpressionKind::IsOf(test)
                };
                dynamic(kind, annotations)
            }
            "If" => {
                let (operands, annotations) = self.operands(&el)?;
                let count = operands.len();
                let mut operands = operands.into_iter();
                match (operands.next(), operands.next(), operands.next()) {
                    (Some(condition), Some(then), otherwise)
                        if count <= 3 && (otherwise.is_some() || in_collection) =>
                    {
                        dynamic(
                            ExpressionKind::If {
                                condition,
                                then,
                                otherwise,
                            },
                            annotations,
                        )
                    }
                    _ => Err(self.error(
                        el.pos,
                        format!(
                            "<If> must contain three expressions (two only in a <Collection>), \
                             not {count}"
                        ),
                    )),
                }
            }
            "LabeledElement" => {
                let name = self.name(&el, "Name")?;
                let (value, annotations) = self.single_operand(&el, &["Name"])?;
                dynamic(ExpressionKind::LabeledElement { name, value }, annotations)
            }
            "LabeledElementReference" => {
                let name = self.text_content(&el)?;
                let name = name.trim();
                if !name.contains('.') {
                    return Err(self.error(
                        el.pos,
                        format!(
                            "<LabeledElementReference> must contain the qualified name of a \
                             labeled element, not `{name}`"
                        ),
                    ));
                }
                dynamic(
                    ExpressionKind::LabeledElementReference(name.to_owned()),
                    Vec::new(),
                )
            }
            "UrlRef" => {
                let (value, annotations) = self.single_operand(&el, &[])?;
                dynamic(ExpressionKind::UrlRef(value), annotations)
            }
            "Not" | "Neg" => {
                let (value, annotations) = self.single_operand(&el, &[])?;
                let kind = if el.name == "Not" {
                    ExpressionKind::Not(value)
                } else {
                    ExpressionKind::Neg(value)
                };
                dynamic(kind, annotations)
            }
            name => match BinaryOperator::from_name(name) {
                Some(operator) => {
                    let (operands, annotations) = self.operands(&el)?;
                    match <[Value; 2]>::try_from(operands) {
                        Ok([left, right]) => {
                            dynamic(ExpressionKind::Binary(operator, left, right), annotations)
                        }
                        Err(operands) => Err(self.error(
                            el.pos,
                            format!(
                                "<{name}> must contain two expressions, not {}",
                                operands.len()
                            ),
                        )),
                    }
                }
                None => Err(self.error(el.pos, format!("unknown expression <{name}>"))),
            },
        }
    }

    /// The child expressions of a dynamic expression, and its annotations.
    fn operands(&mut self, el: &Element<'_>) -> Result<(Vec<Value>, Vec<Annotation>)> {
        let mut operands = Vec::new();
        let mut annotations = Vec::new();
        self.children(el, |p, child| {
            if child.name == "Annotation" {
                annotations.push(p.annotation(child)?);
            } else {
                operands.push(p.expression(child)?);
            }
            Ok(())
        })?;
        Ok((operands, annotations))
    }

    /// The one operand of a dynamic expression, as an attribute or a child element, and its
    /// annotations.
    fn single_operand(
        &mut self,
        el: &Element<'_>,
        own_attributes: &[&str],
    ) -> Result<(Value, Vec<Annotation>)> {
        let (value, annotations) = self.value_of(el, own_attributes)?;
        if value == Value::Absent {
            return Err(self.error(el.pos, format!("<{}> must contain one expression", el.name)));
        }
        Ok((value, annotations))
    }
}

/// Equality of short names, rejecting on length and first byte before comparing the rest:
/// attribute lookups run for every element, and most names differ at once.
fn same_name(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// Parses the attributes of a start tag (`Name="x" Type='y'`), unescaping values only when
/// they contain `&`; `xmlns` declarations are skipped. Errors say what is wrong.
fn parse_attributes(raw: &str) -> std::result::Result<Attributes<'_>, String> {
    let bytes = raw.as_bytes();
    let mut attrs = Attributes::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() || (bytes[i] == b'/' && i + 1 == bytes.len()) {
            return Ok(attrs);
        }
        let key_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' {
            i += 1;
        }
        let key = &raw[key_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            return Err(format!("attribute `{key}` has no value"));
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let quote = match bytes.get(i) {
            Some(q @ (b'"' | b'\'')) => *q,
            _ => return Err(format!("value of attribute `{key}` is not quoted")),
        };
        i += 1;
        let Some(length) = memchr::memchr(quote, &bytes[i..]) else {
            return Err(format!("value of attribute `{key}` is not closed"));
        };
        let value = &raw[i..i + length];
        i += length + 1;
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        if attrs.iter().any(|(k, _)| same_name(k, key)) {
            return Err(format!("attribute `{key}` appears twice"));
        }
        if attrs.len() == MAX_ATTRIBUTES {
            return Err(format!("more than {MAX_ATTRIBUTES} attributes"));
        }
        let value = if value.contains('&') {
            quick_xml::escape::unescape(value)
                .map_err(|e| format!("bad value of attribute `{key}`: {e}"))?
        } else {
            Cow::Borrowed(value)
        };
        attrs.push((key, value));
    }
}

/// One shared copy of each distinct string.
#[derive(Default)]
pub(crate) struct Interner(rustc_hash::FxHashSet<Arc<str>>);

impl Interner {
    pub(crate) fn intern(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(text) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = Arc::from(text);
        self.0.insert(Arc::clone(&shared));
        shared
    }
}

/// Parses `Name` or `Collection(Name)` into whether it is a collection and the name; `None`
/// when malformed.
pub(crate) fn parse_type_name(raw: &str) -> Option<(bool, &str)> {
    let valid = |name: &str| {
        !name.is_empty()
            && !name.contains(['(', ')', ' ', ',', '/'])
            && !name.starts_with('.')
            && !name.ends_with('.')
    };
    if let Some(rest) = raw.strip_prefix("Collection(") {
        let inner = rest.strip_suffix(')')?;
        return valid(inner).then_some((true, inner));
    }
    valid(raw).then_some((false, raw))
}
