//! Rustdoc lines of generated items: the metadata's description where it has one; otherwise the
//! wire name, linked to the type's page in Microsoft Graph's reference when the type is Graph's.

use crate::model::Type;

/// Where Microsoft Graph's reference keeps its resource and enum pages. No `?view=` is given:
/// the site opens v1.0 and its version picker moves to beta on the same page.
const GRAPH_REFERENCE: &str = "https://learn.microsoft.com/graph/api/resources/";

/// The namespace of Graph's own types; its sub-namespaces are `microsoft.graph.<area>`.
const GRAPH_NAMESPACE: &str = "microsoft.graph";

/// A description from metadata as rustdoc lines, escaped so it reads as plain text.
pub(super) fn description_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(escape_markdown)
        .collect()
}

/// The doc line of a struct or enum without a description: `kind` is `entity type`,
/// `complex type` or `enum type`.
pub(super) fn type_fallback(ty: &Type, kind: &str) -> String {
    match reference_page(ty) {
        Some(page) => format!("The [`{}`]({page}) {kind}.", ty.name),
        None => format!("The `{}` {kind}.", ty.qualified_name),
    }
}

/// The doc line of a field without a description: its wire name, linked to the properties of the
/// type that declares it.
pub(super) fn field_fallback(property: &str, declaring: &Type) -> String {
    match reference_page(declaring) {
        Some(page) => format!("[`{property}`]({page}#properties) of `{}`.", declaring.name),
        None => format!("`{property}` of `{}`.", declaring.qualified_name),
    }
}

/// The reference page of a Graph type: `onlinemeeting` for `microsoft.graph.onlineMeeting`,
/// `callrecords-callrecord` for `microsoft.graph.callRecords.callRecord`; an enum's members are
/// a section of its namespace's enum page (`enums#onlinemeetingpresenters-values`,
/// `enums-security#...`). `None` for a type outside Graph's namespaces.
fn reference_page(ty: &Type) -> Option<String> {
    let area = match ty.namespace().strip_prefix(GRAPH_NAMESPACE)? {
        "" => None,
        rest => Some(
            rest.strip_prefix('.')?
                .replace('.', "-")
                .to_ascii_lowercase(),
        ),
    };
    let name = ty.name.to_ascii_lowercase();
    Some(match (ty.as_enum(), area) {
        (Some(_), None) => format!("{GRAPH_REFERENCE}enums#{name}-values"),
        (Some(_), Some(area)) => format!("{GRAPH_REFERENCE}enums-{area}#{name}-values"),
        (None, None) => format!("{GRAPH_REFERENCE}{name}"),
        (None, Some(area)) => format!("{GRAPH_REFERENCE}{area}-{name}"),
    })
}

/// Escapes text for rustdoc: brackets would read as intra-doc links, angle brackets as HTML,
/// and bare URLs trip `rustdoc::bare_urls`, so URLs are wrapped in `<...>`.
fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for word in text.split_inclusive(' ') {
        let bare = word.trim_end();
        if bare.starts_with("http://") || bare.starts_with("https://") {
            let url = bare.trim_end_matches(['.', ',', ')', ';', ':']);
            escaped.push('<');
            escaped.push_str(url);
            escaped.push('>');
            escaped.push_str(&word[url.len()..]);
            continue;
        }
        for c in word.chars() {
            if matches!(c, '[' | ']' | '<' | '>' | '`' | '*' | '_' | '\\' | '#') {
                escaped.push('\\');
            }
            escaped.push(c);
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EdmKind, EnumType, SchemaId, SourcePos, StructuredType, TypeDetail};

    fn declared(qualified_name: &str, detail: TypeDetail) -> Type {
        Type {
            schema: SchemaId::default(),
            name: qualified_name.rsplit('.').next().unwrap().to_owned(),
            qualified_name: qualified_name.to_owned(),
            detail,
            annotations: Vec::new(),
            pos: SourcePos::default(),
        }
    }

    fn complex(qualified_name: &str) -> Type {
        declared(
            qualified_name,
            TypeDetail::Complex(StructuredType::default()),
        )
    }

    fn enumeration(qualified_name: &str) -> Type {
        let enum_type = EnumType {
            underlying: EdmKind::Int32,
            is_flags: false,
            members: Vec::new(),
        };
        declared(qualified_name, TypeDetail::Enum(enum_type))
    }

    #[test]
    fn markdown_is_escaped_and_urls_are_linked() {
        assert_eq!(
            escape_markdown("See [docs] at https://aka.ms/x. <b>"),
            "See \\[docs\\] at <https://aka.ms/x>. \\<b\\>"
        );
    }

    #[test]
    fn graph_types_link_to_their_reference_page() {
        let base = complex("microsoft.graph.onlineMeetingBase");
        assert_eq!(
            type_fallback(&base, "complex type"),
            "The [`onlineMeetingBase`](https://learn.microsoft.com/graph/api/resources/onlinemeetingbase) complex type."
        );
        assert_eq!(
            field_fallback("allowRecording", &base),
            "[`allowRecording`](https://learn.microsoft.com/graph/api/resources/onlinemeetingbase#properties) of `onlineMeetingBase`."
        );
        assert_eq!(
            reference_page(&complex("microsoft.graph.partners.billing.azureUsage")).as_deref(),
            Some("https://learn.microsoft.com/graph/api/resources/partners-billing-azureusage")
        );
        assert_eq!(
            reference_page(&enumeration("microsoft.graph.onlineMeetingPresenters")).as_deref(),
            Some("https://learn.microsoft.com/graph/api/resources/enums#onlinemeetingpresenters-values")
        );
        assert_eq!(
            reference_page(&enumeration("microsoft.graph.security.alertStatus")).as_deref(),
            Some(
                "https://learn.microsoft.com/graph/api/resources/enums-security#alertstatus-values"
            )
        );
    }

    #[test]
    fn other_types_name_themselves_without_a_link() {
        for outside in ["ODataDemo.Product", "microsoft.graphical.Shape"] {
            assert_eq!(reference_page(&complex(outside)), None, "{outside}");
        }
        assert_eq!(
            field_fallback("price", &complex("ODataDemo.Product")),
            "`price` of `ODataDemo.Product`."
        );
    }
}
