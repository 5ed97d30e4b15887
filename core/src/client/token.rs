//! Where the client gets its bearer tokens.

use std::error::Error;
use std::fmt;
use std::future::Future;

use crate::http::AccessToken;

/// An error from a [`TokenProvider`], boxed so any auth library's error fits.
pub type TokenError = Box<dyn Error + Send + Sync>;

/// Supplies a bearer token for each attempt. Implementations should cache and refresh;
/// the client asks once per attempt, so a long retry sequence gets a fresh token.
pub trait TokenProvider: Send + Sync {
    /// A token valid for Microsoft Graph.
    fn token(&self) -> impl Future<Output = Result<AccessToken, TokenError>> + Send;
}

/// A token obtained elsewhere (an environment variable, a CLI), used as it is.
#[derive(Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    /// Wraps a token (without the `Bearer ` prefix).
    pub fn new(token: impl Into<String>) -> Self {
        Self(AccessToken::new(token))
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(<redacted>)")
    }
}

impl TokenProvider for StaticToken {
    async fn token(&self) -> Result<AccessToken, TokenError> {
        Ok(self.0.clone())
    }
}
