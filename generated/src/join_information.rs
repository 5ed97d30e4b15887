//! Helpers for the parts of an `onlineMeeting` that are encoded strings: the
//! `joinInformation.content` data URL, and the `$filter` that looks a meeting up by
//! `joinWebUrl`.

use std::fmt;

use graph_core::http::odata_string_literal;

/// The prefix of `joinInformation.content` once decoded.
const HTML_DATA_URL_PREFIX: &str = "data:text/html,";

/// Why `joinInformation.content` could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinInformationError {
    /// The decoded text does not start with `data:text/html,`; the start is shown.
    NotHtmlDataUrl {
        /// Up to 40 characters of the decoded text.
        start: String,
    },
    /// The percent-decoded bytes are not UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte in the decoded bytes.
        offset: usize,
    },
}

impl fmt::Display for JoinInformationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotHtmlDataUrl { start } => write!(
                f,
                "joinInformation content is not a `data:text/html,` URL (it starts with {start:?})"
            ),
            Self::InvalidUtf8 { offset } => write!(
                f,
                "joinInformation content decodes to invalid UTF-8 at byte {offset}"
            ),
        }
    }
}

impl std::error::Error for JoinInformationError {}

/// Decodes `joinInformation.content` into the HTML invitation.
///
/// The service form-encodes the whole data URL (`data%3Atext%2Fhtml%2C%0A++%3Cdiv...`):
/// `+` stands for a space and `%XX` for a byte, so `+` is turned into a space *before*
/// percent-decoding (a literal `+` arrives as `%2B`). A `%` not followed by two hex digits is
/// kept as it is, as browsers do.
pub fn decode_join_information_html(content: &str) -> Result<String, JoinInformationError> {
    let spaced = content.replace('+', " ");
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(&spaced).collect();
    let text = String::from_utf8(bytes).map_err(|error| JoinInformationError::InvalidUtf8 {
        offset: error.utf8_error().valid_up_to(),
    })?;
    match text.strip_prefix(HTML_DATA_URL_PREFIX) {
        Some(html) => Ok(html.to_owned()),
        None => Err(JoinInformationError::NotHtmlDataUrl {
            start: text.chars().take(40).collect(),
        }),
    }
}

/// The OData expression that finds a meeting by its join URL: `JoinWebUrl eq '<url>'`.
///
/// Pass it as the `$filter` query value; the request builder percent-encodes it once, so a
/// `%3a` already inside the URL goes out as `%253a`, as the Graph documentation shows, and a
/// `'` in the URL is doubled to stay inside the literal. Use the URL exactly as the service
/// returned it; its format may change, so it is not parsed.
pub fn join_web_url_filter(join_web_url: &str) -> String {
    format!("JoinWebUrl eq {}", odata_string_literal(join_web_url))
}

/// The OData expression that finds a meeting by its numeric join id:
/// `joinMeetingIdSettings/joinMeetingId eq '<id>'`.
pub fn join_meeting_id_filter(join_meeting_id: &str) -> String {
    format!(
        "joinMeetingIdSettings/joinMeetingId eq {}",
        odata_string_literal(join_meeting_id)
    )
}
