//! Static facts about one operation on one path, emitted by the generator from the
//! metadata's entity container and `Capabilities` annotations.

/// One operation on one path shape, e.g. `POST /me/onlineMeetings`.
///
/// Generated code borrows one constant per operation and path; requests carry the reference so
/// that a client can check the token and decide on retries without knowing the resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// Operation name as the generated function is called (`create`, `create_or_get`).
    pub name: &'static str,
    /// HTTP method.
    pub method: Verb,
    /// Path template as documented (`/users/{userId}/onlineMeetings`): named in messages, and
    /// the path [`RequestBuilder::at`](super::RequestBuilder::at) writes.
    pub path: &'static str,
    /// Statuses that mean success (`201` for create; `200` and `201` for createOrGet).
    pub success: &'static [u16],
    /// Whether sending the request twice has the effect of sending it once.
    pub retry: RetrySafety,
    /// Who may call it.
    pub permissions: Permissions,
}

/// The HTTP method of an endpoint: the ones Graph's operations use. A plain `Copy` enum, not
/// [`http::Method`] (which may own an extension and so cannot sit in a constant the compiler
/// promotes); [`Verb::as_method`] gives that, and cannot fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verb {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Verb {
    /// `GET`, `POST`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
            Verb::Patch => "PATCH",
            Verb::Delete => "DELETE",
        }
    }

    /// The same method as an [`http::Method`].
    pub fn as_method(self) -> http::Method {
        match self {
            Verb::Get => http::Method::GET,
            Verb::Post => http::Method::POST,
            Verb::Put => http::Method::PUT,
            Verb::Patch => http::Method::PATCH,
            Verb::Delete => http::Method::DELETE,
        }
    }
}

impl std::fmt::Display for Verb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Verb> for http::Method {
    fn from(verb: Verb) -> Self {
        verb.as_method()
    }
}

/// May a request be sent again once it may have reached the server?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetrySafety {
    /// Repeating it changes nothing more (GET, PATCH, DELETE, `createOrGet` keyed by
    /// `externalId`): retried on 429, 503, 504 and transport errors.
    Idempotent,
    /// Repeating it may act twice (a plain create POST): retried only when the server said it
    /// did not act on it (429, throttled before processing) or the connection never opened.
    NotIdempotent,
}

/// Permissions of one operation on one path, least privileged first within each kind.
///
/// Both lists empty means the permissions are not known (Microsoft's permissions file does not
/// list the path): nothing is checked before sending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Permissions {
    /// Delegated (user) scopes; any one suffices. Empty: delegated tokens are not supported.
    pub delegated: &'static [&'static str],
    /// Application roles; any one suffices. Empty: app-only tokens are not supported.
    pub application: &'static [&'static str],
    /// Whether a personal Microsoft account (not work or school) may call it.
    pub personal_accounts: bool,
}

impl Permissions {
    /// Permissions not known: the client checks no token against them.
    pub const UNLISTED: Permissions = Permissions {
        delegated: &[],
        application: &[],
        personal_accounts: true,
    };

    /// Whether any scope or role is listed.
    pub fn is_listed(&self) -> bool {
        !(self.delegated.is_empty() && self.application.is_empty())
    }
}

impl Endpoint {
    /// `POST /me/onlineMeetings`, for messages.
    pub fn describe(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}
