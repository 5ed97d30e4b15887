//! Per-request settings: service root, bearer token, language, `Prefer`.

use std::fmt;

use super::BaseUrl;

/// A bearer token. `Debug` and `Display` never show it, so it cannot leak into logs.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// Wraps a token as issued (without the `Bearer ` prefix).
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The secret itself; call only to put it on the wire or to read its claims.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// A language tag for `Accept-Language` (`ja`, `en-US`, `zh-Hans-CN`), checked against the
/// shape of BCP 47: 1-8 letters, then `-`-separated subtags of 1-8 letters or digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LanguageTag(String);

/// Why a language tag was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageTagError {
    /// The text that was given.
    pub input: String,
}

impl fmt::Display for LanguageTagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid language tag {:?}: expected a BCP 47 tag such as `ja` or `en-US`",
            self.input
        )
    }
}

impl std::error::Error for LanguageTagError {}

impl LanguageTag {
    /// Checks `tag`; anything that could smuggle another header value (`,`, `;`, spaces,
    /// control characters) is refused.
    pub fn new(tag: &str) -> Result<Self, LanguageTagError> {
        let mut subtags = tag.split('-');
        let primary_ok = subtags.next().is_some_and(|primary| {
            (1..=8).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic())
        });
        let rest_ok = subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        if primary_ok && rest_ok {
            Ok(Self(tag.to_owned()))
        } else {
            Err(LanguageTagError {
                input: tag.to_owned(),
            })
        }
    }

    /// The tag as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Settings that apply to every request an endpoint function builds.
#[derive(Clone, Debug)]
pub struct RequestOptions {
    /// Service root; national clouds use other hosts.
    pub base_url: BaseUrl,
    /// Sent as `Authorization: Bearer ...` when set. The async client sets it itself.
    pub access_token: Option<AccessToken>,
    /// Sent as `Accept-Language`: `joinInformation.content` comes back in that language.
    pub accept_language: Option<LanguageTag>,
    /// Sends `Prefer: include-unknown-enum-members` (default `true`): the generated enums know
    /// the members after `unknownFutureValue` (`producer`, `coorganizer`, ...), so the service
    /// may send them instead of collapsing them to `unknownFutureValue`.
    pub include_unknown_enum_members: bool,
    /// Sent as `client-request-id`, which Graph echoes back and logs, to correlate a call.
    pub client_request_id: Option<String>,
    /// Whether an answer's value that does not fit its declared type fails the read (default
    /// `false`: the model keeps it, with why, in its additional data; see
    /// [`crate::AdditionalData::off_schema`]). Malformed JSON fails either way.
    pub strict_reading: bool,
}

impl Default for RequestOptions {
    fn default() -> Self {
        Self {
            base_url: BaseUrl::global(),
            access_token: None,
            accept_language: None,
            include_unknown_enum_members: true,
            client_request_id: None,
            strict_reading: false,
        }
    }
}

impl RequestOptions {
    /// Options for another service root, everything else at its default.
    pub fn with_base_url(base_url: BaseUrl) -> Self {
        Self {
            base_url,
            ..Self::default()
        }
    }

    /// Sets the bearer token.
    pub fn access_token(mut self, token: AccessToken) -> Self {
        self.access_token = Some(token);
        self
    }

    /// Sets `Accept-Language`.
    pub fn accept_language(mut self, tag: LanguageTag) -> Self {
        self.accept_language = Some(tag);
        self
    }
}
