//! CSDL JSON (4.01) reader: a small JSON parser that keeps the position of every value and
//! the order of members, then a walk from JSON values to the syntax tree.

use std::borrow::Cow;

use super::position::LineIndex;
use super::xml::parse_type_name;
use super::*;

type Result<T> = std::result::Result<T, Error>;

pub(crate) fn read(file: &str, text: &str) -> Result<Document> {
    let mut parser = Parser {
        file,
        bytes: text.as_bytes(),
        text,
        at: 0,
        lines: LineIndex::new(text),
        depth: 0,
    };
    parser.skip_whitespace();
    let root = parser.value()?;
    parser.skip_whitespace();
    if parser.at < parser.bytes.len() {
        return Err(parser.error_here("content after the JSON document"));
    }
    Reader { file }.document(&root)
}

/// A JSON value with the position where it starts.
struct JValue<'a> {
    pos: Position,
    kind: JKind<'a>,
}

enum JKind<'a> {
    Null,
    Bool(bool),
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<JValue<'a>>),
    Object(Vec<(Cow<'a, str>, JValue<'a>)>),
}

impl JKind<'_> {
    fn describe(&self) -> &'static str {
        match self {
            JKind::Null => "null",
            JKind::Bool(_) => "a boolean",
            JKind::Number(_) => "a number",
            JKind::String(_) => "a string",
            JKind::Array(_) => "an array",
            JKind::Object(_) => "an object",
        }
    }
}

struct Parser<'f, 'a> {
    file: &'f str,
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    lines: LineIndex<'a>,
    depth: usize,
}

impl<'a> Parser<'_, 'a> {
    fn error_at(&mut self, offset: usize, message: impl Into<String>) -> Error {
        let pos = self.lines.at(offset);
        Diagnostic::new(
            self.file,
            pos,
            format!("broken CSDL JSON: {}", message.into()),
        )
    }

    fn error_here(&mut self, message: impl Into<String>) -> Error {
        self.error_at(self.at, message)
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<JValue<'a>> {
        let start = self.at;
        let pos = self.lines.at(start);
        let kind = match self.bytes.get(self.at) {
            None => return Err(self.error_here("unexpected end of document")),
            Some(b'{') => {
                self.enter()?;
                let members = self.object()?;
                self.depth -= 1;
                JKind::Object(members)
            }
            Some(b'[') => {
                self.enter()?;
                let items = self.array()?;
                self.depth -= 1;
                JKind::Array(items)
            }
            Some(b'"') => JKind::String(self.string()?),
            Some(b't') => self.literal("true", JKind::Bool(true))?,
            Some(b'f') => self.literal("false", JKind::Bool(false))?,
            Some(b'n') => self.literal("null", JKind::Null)?,
            Some(b'-' | b'0'..=b'9') => JKind::Number(self.number()?),
            Some(_) => {
                let c = self.text[self.at..].chars().next().unwrap_or('?');
                return Err(self.error_here(format!("unexpected character `{c}`")));
            }
        };
        Ok(JValue { pos, kind })
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here(format!("values nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn literal(&mut self, word: &str, kind: JKind<'a>) -> Result<JKind<'a>> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(kind)
        } else {
            Err(self.error_here("unexpected characters: expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<&'a str> {
        let start = self.at;
        while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = self.bytes.get(self.at) {
            self.at += 1;
        }
        let text = &self.text[start..self.at];
        if text.parse::<f64>().is_err() {
            return Err(self.error_at(start, format!("malformed number `{text}`")));
        }
        Ok(text)
    }

    fn string(&mut self) -> Result<Cow<'a, str>> {
        let start = self.at;
        self.at += 1;
        let content_start = self.at;
        // Fast path: no escapes, borrow from the input.
        loop {
            match self.bytes.get(self.at) {
                None => return Err(self.error_at(start, "unterminated string")),
                Some(b'"') => {
                    let s = &self.text[content_start..self.at];
                    self.at += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(c) if *c < 0x20 => return Err(self.error_here("control character in string")),
                Some(_) => self.at += 1,
            }
        }
        let mut out = String::from(&self.text[content_start..self.at]);
        loop {
            match self.bytes.get(self.at) {
                None => return Err(self.error_at(start, "unterminated string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    let escape = self.bytes.get(self.at + 1).copied();
                    self.at += 2;
                    match escape {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let c = self.unicode_escape()?;
                            out.push(c);
                        }
                        _ => return Err(self.error_at(self.at - 2, "invalid escape in string")),
                    }
                }
                Some(c) if *c < 0x20 => return Err(self.error_here("control character in string")),
                Some(_) => {
                    let c = self.text[self.at..].chars().next().unwrap_or('\u{fffd}');
                    out.push(c);
                    self.at += c.len_utf8();
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        match digits {
            Some(v) => {
                self.at += 4;
                Ok(v)
            }
            None => Err(self.error_here("invalid \\u escape")),
        }
    }

    fn unicode_escape(&mut self) -> Result<char> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.bytes[self.at..].starts_with(b"\\u") {
                return Err(self.error_here("unpaired surrogate in \\u escape"));
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error_here("unpaired surrogate in \\u escape"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error_here("invalid \\u escape"))
    }

    fn object(&mut self) -> Result<Vec<(Cow<'a, str>, JValue<'a>)>> {
        self.at += 1;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(members);
        }
        loop {
            self.skip_whitespace();
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(self.error_here("expected a member name in quotes"));
            }
            let key_at = self.at;
            let key = self.string()?;
            if key.len() > MAX_NAME_LEN {
                return Err(self.error_at(
                    key_at,
                    format!(
                        "member name is {} bytes long, more than the limit of {MAX_NAME_LEN}",
                        key.len()
                    ),
                ));
            }
            self.skip_whitespace();
            if self.bytes.get(self.at) != Some(&b':') {
                return Err(self.error_here("expected `:` after the member name"));
            }
            self.at += 1;
            self.skip_whitespace();
            let value = self.value()?;
            // Member names are unique, with one exception CSDL JSON needs for Graph: a type and
            // a function of the same name (`image`), an object beside an overload array.
            let same: Vec<bool> = members
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| matches!(v.kind, JKind::Array(_)))
                .collect();
            let is_array = matches!(value.kind, JKind::Array(_));
            if !(same.is_empty() || (same.len() == 1 && same[0] != is_array)) {
                return Err(self.error_at(key_at, format!("duplicate member `{key}`")));
            }
            members.push((key, value));
            self.skip_whitespace();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(members);
                }
                None => return Err(self.error_here("unexpected end of document in an object")),
                Some(_) => return Err(self.error_here("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self) -> Result<Vec<JValue<'a>>> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(items);
        }
        loop {
            self.skip_whitespace();
            items.push(self.value()?);
            self.skip_whitespace();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(items);
                }
                None => return Err(self.error_here("unexpected end of document in an array")),
                Some(_) => return Err(self.error_here("expected `,` or `]`")),
            }
        }
    }
}

/// Walks JSON values into the syntax tree.
struct Reader<'f> {
    file: &'f str,
}

type Members<'v, 'a> = &'v [(Cow<'a, str>, JValue<'a>)];

impl Reader<'_> {
    fn error(&self, pos: Position, message: impl Into<String>) -> Error {
        Diagnostic::new(self.file, pos, message)
    }

    fn object<'v, 'a>(&self, v: &'v JValue<'a>, what: &str) -> Result<Members<'v, 'a>> {
        match &v.kind {
            JKind::Object(members) => Ok(members),
            other => Err(self.error(
                v.pos,
                format!("{what} must be an object, not {}", other.describe()),
            )),
        }
    }

    fn string(&self, v: &JValue<'_>, what: &str) -> Result<String> {
        match &v.kind {
            JKind::String(s) if s.len() > MAX_NAME_LEN => Err(self.error(
                v.pos,
                format!(
                    "{what} is {} bytes long, more than the limit of {MAX_NAME_LEN}",
                    s.len()
                ),
            )),
            JKind::String(s) => Ok(s.to_string()),
            other => Err(self.error(
                v.pos,
                format!("{what} must be a string, not {}", other.describe()),
            )),
        }
    }

    fn boolean(&self, v: &JValue<'_>, what: &str) -> Result<bool> {
        match &v.kind {
            JKind::Bool(b) => Ok(*b),
            other => Err(self.error(
                v.pos,
                format!("{what} must be true or false, not {}", other.describe()),
            )),
        }
    }

    fn get<'v, 'a>(members: Members<'v, 'a>, key: &str) -> Option<&'v JValue<'a>> {
        members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn check_name(&self, pos: Position, what: &str, name: &str) -> Result<()> {
        if name.len() > MAX_NAME_LEN {
            return Err(self.error(
                pos,
                format!(
                    "{what} is {} bytes long, more than the limit of {MAX_NAME_LEN}",
                    name.len()
                ),
            ));
        }
        if !is_acceptable_name(name) {
            let kind = if name.is_empty() { "empty" } else { "invalid" };
            return Err(self.error(
                pos,
                format!("{kind} {what} `{name}`: a name must be usable as a JSON member name and a URL path segment"),
            ));
        }
        Ok(())
    }

    fn document(&self, root: &JValue<'_>) -> Result<Document> {
        let members = self.object(root, "a CSDL JSON document")?;
        let version = match Self::get(members, "$Version") {
            Some(v) => self.string(v, "$Version")?,
            None => return Err(self.error(root.pos, "CSDL JSON document has no $Version")),
        };
        if let Err(message) = super::check_version(&version) {
            return Err(self.error(root.pos, message));
        }
        let mut references = Vec::new();
        let mut schemas = Vec::new();
        for (key, value) in members {
            match key.as_ref() {
                "$Version" | "$EntityContainer" => {}
                "$Reference" => {
                    for (uri, r) in self.object(value, "$Reference")? {
                        references.push(self.reference(uri, r)?);
                    }
                }
                k if k.starts_with('$') || k.starts_with('@') => {
                    return Err(self.error(
                        value.pos,
                        format!("unexpected member `{k}` in the document"),
                    ))
                }
                namespace => schemas.push(self.schema(namespace, value)?),
            }
        }
        Ok(Document {
            file: self.file.to_owned(),
            format: Format::Json,
            version,
            references,
            schemas,
            warnings: Vec::new(),
        })
    }

    fn reference(&self, uri: &str, v: &JValue<'_>) -> Result<Reference> {
        let members = self.object(v, "a reference")?;
        let mut includes = Vec::new();
        let mut include_annotations = Vec::new();
        for (key, value) in members {
            match key.as_ref() {
                "$Include" => {
                    for item in self.array(value, "$Include")? {
                        let m = self.object(item, "an include")?;
                        let namespace = match Self::get(m, "$Namespace") {
                            Some(n) => self.string(n, "$Namespace")?,
                            None => return Err(self.error(item.pos, "include has no $Namespace")),
                        };
                        let alias = Self::get(m, "$Alias")
                            .map(|a| self.string(a, "$Alias"))
                            .transpose()?;
                        if let Some(alias) = &alias {
                            self.check_name(item.pos, "alias", alias)?;
                        }
                        includes.push(Include {
                            namespace,
                            alias,
                            annotations: self.annotations_of(m, "")?,
                            pos: item.pos,
                        });
                    }
                }
                "$IncludeAnnotations" => {
                    for item in self.array(value, "$IncludeAnnotations")? {
                        let m = self.object(item, "an include of annotations")?;
                        let term_namespace = match Self::get(m, "$TermNamespace") {
                            Some(n) => self.string(n, "$TermNamespace")?,
                            None => {
                                return Err(self.error(
                                    item.pos,
                                    "include of annotations has no $TermNamespace",
                                ))
                            }
                        };
                        include_annotations.push(IncludeAnnotations {
                            term_namespace,
                            qualifier: Self::get(m, "$Qualifier")
                                .map(|q| self.string(q, "$Qualifier"))
                                .transpose()?,
                            target_namespace: Self::get(m, "$TargetNamespace")
                                .map(|t| self.string(t, "$TargetNamespace"))
                                .transpose()?,
                            pos: item.pos,
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(Reference {
            uri: uri.to_owned(),
            includes,
            include_annotations,
            annotations: self.annotations_of(members, "")?,
            pos: v.pos,
        })
    }

    fn array<'v, 'a>(&self, v: &'v JValue<'a>, what: &str) -> Result<&'v [JValue<'a>]> {
        match &v.kind {
            JKind::Array(items) => Ok(items),
            other => Err(self.error(
                v.pos,
                format!("{what} must be an array, not {}", other.describe()),
            )),
        }
    }

    fn schema(&self, namespace: &str, v: &JValue<'_>) -> Result<Schema> {
        let members = self.object(v, "a schema")?;
        if namespace.split('.').any(|s| !is_acceptable_name(s)) {
            return Err(self.error(v.pos, format!("invalid namespace `{namespace}`")));
        }
        let mut schema = Schema {
            namespace: namespace.to_owned(),
            alias: None,
            items: Vec::new(),
            annotations: Vec::new(),
            pos: v.pos,
        };
        for (key, value) in members {
            match key.as_ref() {
                "$Alias" => {
                    let alias = self.string(value, "$Alias")?;
                    self.check_name(value.pos, "alias", &alias)?;
                    schema.alias = Some(alias);
                }
                "$Annotations" => {
                    for (target, block) in self.object(value, "$Annotations")? {
                        let annotations =
                            self.annotations_only(block, "annotations of a target")?;
                        schema.items.push(SchemaItem::Annotations(AnnotationsBlock {
                            target: target.to_string(),
                            qualifier: None,
                            annotations,
                            pos: block.pos,
                        }));
                    }
                }
                k if k.starts_with('$') || k.starts_with('@') => {}
                name => {
                    self.check_name(value.pos, "name", name)?;
                    if let JKind::Array(overloads) = &value.kind {
                        for o in overloads {
                            schema.items.push(self.operation(name, o)?);
                        }
                        continue;
                    }
                    let m = self.object(value, &format!("`{name}`"))?;
                    let kind = match Self::get(m, "$Kind") {
                        Some(k) => self.string(k, "$Kind")?,
                        None => return Err(self.error(value.pos, format!("`{name}` has no $Kind"))),
                    };
                    let item = match kind.as_str() {
                        "EntityType" => {
                            SchemaItem::EntityType(self.structured(name, value, m, true)?)
                        }
                        "ComplexType" => {
                            SchemaItem::ComplexType(self.structured(name, value, m, false)?)
                        }
                        "EnumType" => SchemaItem::EnumType(self.enum_type(name, value, m)?),
                        "TypeDefinition" => SchemaItem::TypeDefinition(TypeDefinition {
                            name: name.to_owned(),
                            underlying_type: match Self::get(m, "$UnderlyingType") {
                                Some(u) => self.string(u, "$UnderlyingType")?,
                                None => {
                                    return Err(self.error(
                                        value.pos,
                                        format!("type definition `{name}` has no $UnderlyingType"),
                                    ))
                                }
                            },
                            facets: self.facets(m)?,
                            annotations: self.annotations_of(m, "")?,
                            pos: value.pos,
                        }),
                        "Term" => {
                            let applies_to = match Self::get(m, "$AppliesTo") {
                                Some(a) => {
                                    let list: Result<Vec<String>> = self
                                        .array(a, "$AppliesTo")?
                                        .iter()
                                        .map(|x| self.string(x, "$AppliesTo"))
                                        .collect();
                                    Some(list?.join(" "))
                                }
                                None => None,
                            };
                            SchemaItem::Term(Term {
                                name: name.to_owned(),
                                ty: self.type_name(m, value.pos)?,
                                nullable: self.flag(m, "$Nullable")?,
                                facets: self.facets(m)?,
                                base_term: self.opt_string(m, "$BaseTerm")?,
                                default_value: self.default_value(m)?,
                                applies_to,
                                annotations: self.annotations_of(m, "")?,
                                pos: value.pos,
                            })
                        }
                        "EntityContainer" => {
                            SchemaItem::EntityContainer(self.container(name, value, m)?)
                        }
                        other => {
                            return Err(self
                                .error(value.pos, format!("unknown $Kind `{other}` of `{name}`")))
                        }
                    };
                    schema.items.push(item);
                }
            }
        }
        schema.annotations = self.annotations_of(members, "")?;
        Ok(schema)
    }

    fn flag(&self, m: Members<'_, '_>, key: &str) -> Result<bool> {
        Self::get(m, key).map_or(Ok(false), |v| self.boolean(v, key))
    }

    fn opt_string(&self, m: Members<'_, '_>, key: &str) -> Result<Option<String>> {
        Self::get(m, key).map(|v| self.string(v, key)).transpose()
    }

    /// `$DefaultValue`, written in its type's JSON form (`true`, `5`, `"text"`), kept as the
    /// text the XML form would have.
    fn default_value(&self, m: Members<'_, '_>) -> Result<Option<String>> {
        let Some(d) = Self::get(m, "$DefaultValue") else {
            return Ok(None);
        };
        Ok(Some(match &d.kind {
            JKind::String(s) => s.to_string(),
            JKind::Number(n) => (*n).to_owned(),
            JKind::Bool(b) => b.to_string(),
            other => {
                return Err(self.error(
                    d.pos,
                    format!(
                        "$DefaultValue must be a primitive value, not {}",
                        other.describe()
                    ),
                ))
            }
        }))
    }

    /// `$Type` (default `Edm.String`) and `$Collection`.
    fn type_name(&self, m: Members<'_, '_>, pos: Position) -> Result<TypeName> {
        let name = self
            .opt_string(m, "$Type")?
            .unwrap_or_else(|| "Edm.String".to_owned());
        let collection = self.flag(m, "$Collection")?;
        match parse_type_name(&name) {
            Some((false, simple)) => Ok(TypeName {
                collection,
                name: simple.into(),
            }),
            _ => Err(self.error(pos, format!("malformed $Type `{name}`"))),
        }
    }

    fn facets(&self, m: Members<'_, '_>) -> Result<Facets> {
        let number = |v: &JValue<'_>, key: &str| -> Result<u64> {
            match &v.kind {
                JKind::Number(n) => n.parse::<u64>().map_err(|_| {
                    self.error(v.pos, format!("{key} must be a non-negative integer"))
                }),
                _ => Err(self.error(v.pos, format!("{key} must be a non-negative integer"))),
            }
        };
        let max_length = match Self::get(m, "$MaxLength") {
            None => None,
            Some(v) if matches!(&v.kind, JKind::String(s) if s == "max") => Some(MaxLength::Max),
            Some(v) => Some(MaxLength::Length(number(v, "$MaxLength")?)),
        };
        let precision = Self::get(m, "$Precision")
            .map(|v| number(v, "$Precision").map(|p| u32::try_from(p).unwrap_or(u32::MAX)))
            .transpose()?;
        let scale = match Self::get(m, "$Scale") {
            None => None,
            Some(v) => match &v.kind {
                JKind::String(s) if s == "variable" => Some(Scale::Variable),
                JKind::String(s) if s == "floating" => Some(Scale::Floating),
                _ => Some(Scale::Value(
                    u32::try_from(number(v, "$Scale")?).unwrap_or(u32::MAX),
                )),
            },
        };
        Ok(Facets {
            max_length,
            precision,
            scale,
            srid: match Self::get(m, "$SRID") {
                None => None,
                Some(v) => Some(match &v.kind {
                    JKind::Number(n) => (*n).to_owned(),
                    _ => self.string(v, "$SRID")?,
                }),
            },
            unicode: Self::get(m, "$Unicode")
                .map(|v| self.boolean(v, "$Unicode"))
                .transpose()?,
        })
    }

    fn structured(
        &self,
        name: &str,
        v: &JValue<'_>,
        m: Members<'_, '_>,
        entity: bool,
    ) -> Result<StructuredType> {
        let mut key = Vec::new();
        if let Some(k) = Self::get(m, "$Key") {
            for item in self.array(k, "$Key")? {
                match &item.kind {
                    JKind::String(s) => key.push(PropertyRef {
                        name: s.to_string(),
                        alias: None,
                        pos: item.pos,
                    }),
                    JKind::Object(pair) if pair.len() == 1 => key.push(PropertyRef {
                        name: self.string(&pair[0].1, "key path")?,
                        alias: Some(pair[0].0.to_string()),
                        pos: item.pos,
                    }),
                    _ => {
                        return Err(self.error(
                            item.pos,
                            "a $Key item must be a string or {\"alias\": \"path\"}",
                        ))
                    }
                }
            }
        }
        let mut properties = Vec::new();
        for (member, value) in m {
            if member.starts_with('$') || member.contains('@') {
                continue;
            }
            self.check_name(value.pos, "property name", member)?;
            let pm = self.object(value, &format!("property `{member}`"))?;
            let navigation = match Self::get(pm, "$Kind") {
                None => false,
                Some(k) => match self.string(k, "$Kind")?.as_str() {
                    "Property" => false,
                    "NavigationProperty" => true,
                    other => {
                        return Err(self.error(
                            k.pos,
                            format!("unknown $Kind `{other}` of property `{member}`"),
                        ))
                    }
                },
            };
            let referential_constraints = match Self::get(pm, "$ReferentialConstraint") {
                Some(rc) => self
                    .object(rc, "$ReferentialConstraint")?
                    .iter()
                    .filter(|(k, _)| !k.contains('@'))
                    .map(|(k, v)| Ok((k.to_string(), self.string(v, "referenced property")?)))
                    .collect::<Result<Vec<_>>>()?,
                None => Vec::new(),
            };
            properties.push(Property {
                name: member.to_string(),
                navigation,
                ty: self.type_name(pm, value.pos)?,
                nullable: self.flag(pm, "$Nullable")?,
                facets: self.facets(pm)?,
                default_value: self.default_value(pm)?,
                contains_target: self.flag(pm, "$ContainsTarget")?,
                partner: self.opt_string(pm, "$Partner")?,
                on_delete: self.opt_string(pm, "$OnDelete")?,
                referential_constraints,
                annotations: self.annotations_of(pm, "")?,
                pos: value.pos,
            });
        }
        Ok(StructuredType {
            name: name.to_owned(),
            base_type: self.opt_string(m, "$BaseType")?,
            is_abstract: self.flag(m, "$Abstract")?,
            open_type: self.flag(m, "$OpenType")?,
            has_stream: if entity {
                self.flag(m, "$HasStream")?
            } else {
                false
            },
            key,
            properties,
            annotations: self.annotations_of(m, "")?,
            pos: v.pos,
        })
    }

    fn enum_type(&self, name: &str, v: &JValue<'_>, m: Members<'_, '_>) -> Result<EnumType> {
        let mut members = Vec::new();
        for (member, value) in m {
            if member.starts_with('$') || member.contains('@') {
                continue;
            }
            self.check_name(value.pos, "enum member name", member)?;
            let number = match &value.kind {
                JKind::Number(n) => n.parse::<i64>().ok(),
                _ => None,
            };
            let Some(number) = number else {
                return Err(self.error(
                    value.pos,
                    format!("value of enum member `{member}` must be an integer"),
                ));
            };
            members.push(EnumMember {
                name: member.to_string(),
                value: Some(number),
                annotations: self.annotations_of(m, member)?,
                pos: value.pos,
            });
        }
        Ok(EnumType {
            name: name.to_owned(),
            underlying_type: self.opt_string(m, "$UnderlyingType")?,
            is_flags: self.flag(m, "$IsFlags")?,
            members,
            annotations: self.annotations_of(m, "")?,
            pos: v.pos,
        })
    }

    fn operation(&self, name: &str, v: &JValue<'_>) -> Result<SchemaItem> {
        let m = self.object(v, &format!("an overload of `{name}`"))?;
        let kind = match Self::get(m, "$Kind") {
            Some(k) => self.string(k, "$Kind")?,
            None => return Err(self.error(v.pos, format!("overload of `{name}` has no $Kind"))),
        };
        let mut parameters = Vec::new();
        if let Some(list) = Self::get(m, "$Parameter") {
            for p in self.array(list, "$Parameter")? {
                let pm = self.object(p, "a parameter")?;
                let pname = match Self::get(pm, "$Name") {
                    Some(n) => self.string(n, "$Name")?,
                    None => return Err(self.error(p.pos, "parameter has no $Name")),
                };
                self.check_name(p.pos, "parameter name", &pname)?;
                parameters.push(Parameter {
                    name: pname,
                    ty: self.type_name(pm, p.pos)?,
                    nullable: self.flag(pm, "$Nullable")?,
                    facets: self.facets(pm)?,
                    annotations: self.annotations_of(pm, "")?,
                    pos: p.pos,
                });
            }
        }
        let return_type = match Self::get(m, "$ReturnType") {
            Some(r) => {
                let rm = self.object(r, "$ReturnType")?;
                Some(ReturnType {
                    ty: self.type_name(rm, r.pos)?,
                    nullable: self.flag(rm, "$Nullable")?,
                    facets: self.facets(rm)?,
                    annotations: self.annotations_of(rm, "")?,
                    pos: r.pos,
                })
            }
            None => None,
        };
        let op = Operation {
            name: name.to_owned(),
            is_bound: self.flag(m, "$IsBound")?,
            is_composable: self.flag(m, "$IsComposable")?,
            entity_set_path: self.opt_string(m, "$EntitySetPath")?,
            parameters,
            return_type,
            annotations: self.annotations_of(m, "")?,
            pos: v.pos,
        };
        match kind.as_str() {
            "Action" => Ok(SchemaItem::Action(op)),
            "Function" if op.return_type.is_none() => {
                Err(self.error(v.pos, format!("function `{name}` has no $ReturnType")))
            }
            "Function" => Ok(SchemaItem::Function(op)),
            other => Err(self.error(
                v.pos,
                format!("overload of `{name}` has $Kind `{other}`, expected Action or Function"),
            )),
        }
    }

    fn container(&self, name: &str, v: &JValue<'_>, m: Members<'_, '_>) -> Result<EntityContainer> {
        let mut items = Vec::new();
        for (member, value) in m {
            if member.starts_with('$') || member.contains('@') {
                continue;
            }
            self.check_name(value.pos, "name", member)?;
            let cm = self.object(value, &format!("`{member}`"))?;
            let annotations = self.annotations_of(cm, "")?;
            let item = if let Some(action) = Self::get(cm, "$Action") {
                ContainerItem::ActionImport(OperationImport {
                    name: member.to_string(),
                    operation: self.string(action, "$Action")?,
                    entity_set: self.opt_string(cm, "$EntitySet")?,
                    include_in_service_document: false,
                    annotations,
                    pos: value.pos,
                })
            } else if let Some(function) = Self::get(cm, "$Function") {
                ContainerItem::FunctionImport(OperationImport {
                    name: member.to_string(),
                    operation: self.string(function, "$Function")?,
                    entity_set: self.opt_string(cm, "$EntitySet")?,
                    include_in_service_document: self.flag(cm, "$IncludeInServiceDocument")?,
                    annotations,
                    pos: value.pos,
                })
            } else {
                let ty = match Self::get(cm, "$Type") {
                    Some(t) => self.string(t, "$Type")?,
                    None => return Err(self.error(value.pos, format!("`{member}` has no $Type"))),
                };
                let mut bindings = Vec::new();
                if let Some(b) = Self::get(cm, "$NavigationPropertyBinding") {
                    for (path, target) in self.object(b, "$NavigationPropertyBinding")? {
                        bindings.push(Binding {
                            path: path.to_string(),
                            target: self.string(target, "binding target")?,
                            pos: target.pos,
                        });
                    }
                }
                if self.flag(cm, "$Collection")? {
                    let include = match Self::get(cm, "$IncludeInServiceDocument") {
                        Some(i) => self.boolean(i, "$IncludeInServiceDocument")?,
                        None => true,
                    };
                    ContainerItem::EntitySet(EntitySet {
                        name: member.to_string(),
                        entity_type: ty,
                        include_in_service_document: include,
                        bindings,
                        annotations,
                        pos: value.pos,
                    })
                } else {
                    ContainerItem::Singleton(Singleton {
                        name: member.to_string(),
                        ty,
                        nullable: self.flag(cm, "$Nullable")?,
                        bindings,
                        annotations,
                        pos: value.pos,
                    })
                }
            };
            items.push(item);
        }
        Ok(EntityContainer {
            name: name.to_owned(),
            extends: self.opt_string(m, "$Extends")?,
            items,
            annotations: self.annotations_of(m, "")?,
            pos: v.pos,
        })
    }

    /// Members `prefix@Term#Qualifier` of an object (prefix empty: the object's own), each with
    /// its own annotations (`prefix@Term@Nested`, at any depth).
    fn annotations_of(&self, m: Members<'_, '_>, prefix: &str) -> Result<Vec<Annotation>> {
        self.annotations_except(m, prefix, &[])
    }

    /// [`Self::annotations_of`], leaving out the members `@reserved` (a record's `@type`).
    fn annotations_except(
        &self,
        m: Members<'_, '_>,
        prefix: &str,
        reserved: &[&str],
    ) -> Result<Vec<Annotation>> {
        let mut out = Vec::new();
        let mut nested = Vec::new();
        for (key, value) in m {
            let Some(names) = key.strip_prefix(prefix).and_then(|r| r.strip_prefix('@')) else {
                continue;
            };
            if reserved.contains(&names) {
                continue;
            }
            if names.contains('@') {
                nested.push((names, value));
            } else {
                out.push(self.annotation(names, value)?);
            }
        }
        // Shallower first, so that each finds the annotation it annotates.
        nested.sort_by_key(|(names, _)| names.matches('@').count());
        for (names, value) in nested {
            let (outer, own) = names.rsplit_once('@').unwrap_or(("", names));
            let annotation = self.annotation(own, value)?;
            match annotated(&mut out, outer) {
                Some(parent) => parent.annotations.push(annotation),
                None => {
                    return Err(self.error(
                        value.pos,
                        format!(
                            "`{prefix}@{names}` annotates `{prefix}@{outer}`, which is not there"
                        ),
                    ))
                }
            }
        }
        Ok(out)
    }

    fn annotations_only(&self, v: &JValue<'_>, what: &str) -> Result<Vec<Annotation>> {
        let m = self.object(v, what)?;
        for (key, value) in m {
            if !key.starts_with('@') {
                return Err(self.error(value.pos, format!("unexpected member `{key}` in {what}")));
            }
        }
        self.annotations_of(m, "")
    }

    /// `Term#Qualifier` (after its `@`) and its value; its own annotations are added by
    /// [`Self::annotations_of`].
    fn annotation(&self, name: &str, v: &JValue<'_>) -> Result<Annotation> {
        let (term, qualifier) = match name.split_once('#') {
            Some((t, q)) => (t, Some(q.to_owned())),
            None => (name, None),
        };
        if term.is_empty() || term.contains('@') {
            return Err(self.error(v.pos, format!("malformed annotation `@{name}`")));
        }
        Ok(Annotation {
            term: term.to_owned(),
            qualifier,
            value: self.value(v)?,
            annotations: Vec::new(),
            pos: v.pos,
        })
    }

    fn value(&self, v: &JValue<'_>) -> Result<Value> {
        self.value_in(v, false)
    }

    /// A value; `in_collection` when it is an item of a collection, the one place an `$If`
    /// may leave out its third operand.
    fn value_in(&self, v: &JValue<'_>, in_collection: bool) -> Result<Value> {
        Ok(match &v.kind {
            JKind::Null => Value::Null,
            JKind::Bool(b) => Value::Bool(*b),
            JKind::Number(n) => match n.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::Float(
                    n.parse()
                        .map_err(|_| self.error(v.pos, "malformed number"))?,
                ),
            },
            JKind::String(s) => Value::String(s.to_string()),
            JKind::Array(items) => Value::Collection(
                items
                    .iter()
                    .map(|i| self.value_in(i, true))
                    .collect::<Result<Vec<_>>>()?,
            ),
            JKind::Object(members) => {
                if let [(key, inner)] = members.as_slice() {
                    if let Some(kind) = key.strip_prefix('$').and_then(PathKind::from_name) {
                        return Ok(Value::Path(kind, self.string(inner, key)?));
                    }
                }
                if let Some(expression) = self.dynamic(v, members, in_collection)? {
                    return Ok(expression);
                }
                let mut record = Record::default();
                for (key, inner) in members {
                    // `@odata.type` is the OData 4.0 spelling, which older documents use.
                    if key == "@type" || key == "@odata.type" {
                        let ty = self.string(inner, key)?;
                        record.ty = Some(
                            ty.rsplit_once('#')
                                .map_or(ty.clone(), |(_, t)| t.to_owned()),
                        );
                    } else if let Some((property, _)) = key.split_once('@') {
                        if !property.is_empty() && Self::get(members, property).is_none() {
                            return Err(self.error(
                                inner.pos,
                                format!(
                                    "`{key}` annotates `{property}`, which the record does not set"
                                ),
                            ));
                        }
                    } else if key.starts_with('$') {
                        return Err(self.error(inner.pos, format!("unknown expression `{key}`")));
                    } else {
                        record
                            .properties
                            .push((key.to_string(), self.value(inner)?));
                    }
                }
                record.annotations =
                    self.annotations_except(members, "", &["type", "odata.type"])?;
                for (property, _) in &record.properties {
                    for annotation in self.annotations_of(members, property)? {
                        record
                            .property_annotations
                            .push((property.clone(), annotation));
                    }
                }
                Value::Record(record)
            }
        })
    }

    /// The dynamic expression an object is (`{"$If": [...]}`, `{"$Null": null, "@A": 1}`), if
    /// one of its members names one.
    fn dynamic(
        &self,
        v: &JValue<'_>,
        members: Members<'_, '_>,
        in_collection: bool,
    ) -> Result<Option<Value>> {
        const OWN: [&str; 10] = [
            "Null",
            "Apply",
            "Cast",
            "IsOf",
            "If",
            "LabeledElement",
            "LabeledElementReference",
            "UrlRef",
            "Not",
            "Neg",
        ];
        let Some((key, operand)) = members.iter().find(|(key, _)| {
            key.strip_prefix('$').is_some_and(|name| {
                OWN.contains(&name) || BinaryOperator::from_name(name).is_some()
            })
        }) else {
            return Ok(None);
        };
        let name = &key[1..];
        let companions: &[&str] = match name {
            "Apply" => &["$Function"],
            "Cast" | "IsOf" => &[
                "$Type",
                "$Collection",
                "$MaxLength",
                "$Precision",
                "$Scale",
                "$SRID",
                "$Unicode",
            ],
            "LabeledElement" => &["$Name"],
            _ => &[],
        };
        for (other, value) in members {
            if other != key && !other.starts_with('@') && !companions.contains(&&**other) {
                return Err(self.error(
                    value.pos,
                    format!("unexpected member `{other}` in a `{key}` expression"),
                ));
            }
        }
        let required = |member: &str| {
            Self::get(members, member)
                .ok_or_else(|| self.error(v.pos, format!("a `{key}` expression needs `{member}`")))
        };
        let operands = |count: &[usize]| -> Result<Vec<Value>> {
            let items = self.array(operand, key)?;
            if !count.contains(&items.len()) {
                let expected = match count {
                    [one] => one.to_string(),
                    _ => format!("{} (two only in a collection)", count[count.len() - 1]),
                };
                return Err(self.error(
                    operand.pos,
                    format!("`{key}` needs {expected} operands, not {}", items.len()),
                ));
            }
            items.iter().map(|item| self.value(item)).collect()
        };
        let kind = match name {
            "Null" => match operand.kind {
                JKind::Null => ExpressionKind::Null,
                _ => return Err(self.error(operand.pos, "`$Null` must be null")),
            },
            "Apply" => ExpressionKind::Apply {
                function: self.string(required("$Function")?, "$Function")?,
                arguments: self
                    .array(operand, key)?
                    .iter()
                    .map(|item| self.value(item))
                    .collect::<Result<_>>()?,
            },
            "Cast" | "IsOf" => {
                let raw = self.string(required("$Type")?, "$Type")?;
                let Some((false, simple)) = parse_type_name(&raw) else {
                    return Err(self.error(v.pos, format!("malformed $Type `{raw}`")));
                };
                let test = TypeTest {
                    ty: TypeName {
                        collection: self.flag(members, "$Collection")?,
                        name: simple.into(),
                    },
                    facets: self.facets(members)?,
                    value: self.value(operand)?,
                };
                if name == "Cast" {
                    ExpressionKind::Cast(test)
                } else {
                    ExpressionKind::IsOf(test)
                }
            }
            "If" => {
                let count: &[usize] = if in_collection { &[2, 3] } else { &[3] };
                let mut operands = operands(count)?.into_iter();
                let (Some(condition), Some(then)) = (operands.next(), operands.next()) else {
                    return Err(self.error(operand.pos, "`$If` needs a condition and a value"));
                };
                ExpressionKind::If {
                    condition,
                    then,
                    otherwise: operands.next(),
                }
            }
            "LabeledElement" => {
                let label = self.string(required("$Name")?, "$Name")?;
                self.check_name(v.pos, "labeled element name", &label)?;
                ExpressionKind::LabeledElement {
                    name: label,
                    value: self.value(operand)?,
                }
            }
            "LabeledElementReference" => {
                if let Some((member, value)) = members.iter().find(|(m, _)| m.starts_with('@')) {
                    return Err(self.error(
                        value.pos,
                        format!("a `{key}` expression takes no annotations, not `{member}`"),
                    ));
                }
                let reference = self.string(operand, key)?;
                if !reference.contains('.') {
                    return Err(self.error(
                        operand.pos,
                        format!(
                            "`$LabeledElementReference` must be the qualified name of a labeled \
                             element, not `{reference}`"
                        ),
                    ));
                }
                ExpressionKind::LabeledElementReference(reference)
            }
            "UrlRef" => ExpressionKind::UrlRef(self.value(operand)?),
            "Not" => ExpressionKind::Not(self.value(operand)?),
            "Neg" => ExpressionKind::Neg(self.value(operand)?),
            _ => match (
                BinaryOperator::from_name(name),
                <[Value; 2]>::try_from(operands(&[2])?),
            ) {
                (Some(operator), Ok([left, right])) => {
                    ExpressionKind::Binary(operator, left, right)
                }
                _ => return Err(self.error(operand.pos, format!("`{key}` needs two operands"))),
            },
        };
        let annotations = self.annotations_of(members, "")?;
        if matches!(kind, ExpressionKind::Null) && annotations.is_empty() {
            return Ok(Some(Value::Null));
        }
        Ok(Some(Value::Expression(Box::new(Expression {
            kind,
            annotations,
            pos: v.pos,
        }))))
    }
}

/// The annotation that `names` (`Term#Qualifier@Nested...`, after the first `@`) leads to.
fn annotated<'l>(list: &'l mut [Annotation], names: &str) -> Option<&'l mut Annotation> {
    let find = |list: &'l mut [Annotation], name: &str| {
        let (term, qualifier) = match name.split_once('#') {
            Some((term, qualifier)) => (term, Some(qualifier)),
            None => (name, None),
        };
        list.iter_mut()
            .find(|a| a.term == term && a.qualifier.as_deref() == qualifier)
    };
    let mut segments = names.split('@');
    let mut current = find(list, segments.next()?)?;
    for segment in segments {
        current = find(&mut current.annotations, segment)?;
    }
    Some(current)
}
