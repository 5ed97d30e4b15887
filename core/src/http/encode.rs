//! Percent-encoding of path segments and query values.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Bytes left as they are inside one path segment: RFC 3986 unreserved characters plus `:`
/// and `@`, which Graph ids contain (`..._19:meeting_...@thread.v2`) and which a segment may
/// hold literally. Everything else, `/`, `?`, `#`, `%`, `\` and `;` included, is encoded, so a
/// value can never add a segment, start a query or change the path.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'@');

/// Bytes left as they are in the fixed text of an endpoint's path template: a segment's bytes
/// plus the separators OData writes between them (`/`, `$count`, `getSchedule(period='D7')`,
/// `doesUserHaveAccess(userId=@userId)`). Anything else (a non-ASCII name) is encoded.
const TEMPLATE_LITERAL: &AsciiSet = &SEGMENT
    .remove(b'/')
    .remove(b'$')
    .remove(b'(')
    .remove(b')')
    .remove(b'=')
    .remove(b',')
    .remove(b'\'');

/// Bytes left as they are in a query value: unreserved characters, `'` (OData string
/// literals), `/` (OData member paths such as `joinMeetingIdSettings/joinMeetingId`), and `,`,
/// `(`, `)`, `$` (`$select=id,displayName`, `$expand=members($select=id)`), as the Graph
/// documentation writes them. `&`, `=`, `+`, `#`, `%` and spaces are always encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'\'')
    .remove(b'/')
    .remove(b',')
    .remove(b'(')
    .remove(b')')
    .remove(b'$');

/// Bytes left as they are in a query key: unreserved characters, `$` (`$filter`) and `@`
/// (a parameter alias, `@top`).
const QUERY_KEY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$')
    .remove(b'@');

/// Encodes `value` as exactly one path segment.
///
/// The caller must reject `""`, `"."` and `".."` first: they are made of allowed bytes but
/// would still change the path's meaning (see [`check_segment`]).
pub fn encode_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Encodes the fixed text of an endpoint's path template (see `TEMPLATE_LITERAL`).
pub fn encode_template_literal(text: &str) -> std::borrow::Cow<'_, str> {
    utf8_percent_encode(text, TEMPLATE_LITERAL).into()
}

/// Why a value cannot be a path segment, or `None` when it can.
pub fn check_segment(value: &str) -> Option<&'static str> {
    match value {
        "" => Some("is empty"),
        "." | ".." => Some("is a dot segment, which would change the path"),
        _ if value.chars().any(char::is_control) => Some("contains a control character"),
        _ => None,
    }
}

/// Encodes a query value (`JoinWebUrl eq '...'` becomes `JoinWebUrl%20eq%20'...'`).
pub fn encode_query_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// Encodes a query key (`$filter` stays `$filter`).
pub fn encode_query_key(key: &str) -> String {
    utf8_percent_encode(key, QUERY_KEY).to_string()
}

/// Quotes `value` as an OData string literal: `'` doubled, wrapped in `'...'`.
pub fn odata_string_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// `<property path> eq '<value>'`: a single-value `$filter` (the value quoted as an OData
/// string literal; the request builder percent-encodes the whole expression once).
pub fn eq_filter(property_path: &str, value: &str) -> String {
    format!("{property_path} eq {}", odata_string_literal(value))
}
