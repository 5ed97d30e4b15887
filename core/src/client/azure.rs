//! Tokens from an `azure_core` credential (feature `azure-identity`).

use std::fmt;
use std::sync::Arc;

use azure_core::credentials::{AccessToken as AzureToken, TokenCredential};
use azure_core::time::{Duration, OffsetDateTime};
use tokio::sync::Mutex;

use super::{TokenError, TokenProvider};
use crate::http::{AccessToken, BaseUrl};

/// How long before its expiry a token is replaced: long enough for a request (with its
/// retries) that starts with it to finish before Graph sees it expire.
const REFRESH_MARGIN: Duration = Duration::minutes(5);

/// A [`TokenProvider`] over any `azure_identity` credential (client secret, managed
/// identity, workload identity, developer tools), as the application already has it.
///
/// Asks for `<service root>/.default` (`https://graph.microsoft.com/.default` for the global
/// service, the national cloud's host otherwise), reuses the token until five minutes before
/// it expires, and refreshes it once however many calls are waiting for it.
///
/// ```no_run
/// # fn demo(credential: std::sync::Arc<dyn azure_core::credentials::TokenCredential>)
/// # -> Result<(), graph_core::client::ClientError> {
/// use graph_core::client::{AzureCredential, Client};
/// use graph_core::http::BaseUrl;
///
/// let base_url = BaseUrl::global();
/// let client = Client::builder(AzureCredential::new(credential, &base_url))
///     .base_url(base_url)
///     .build()?;
/// # Ok(()) }
/// ```
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
    scope: String,
    cached: Mutex<Option<AzureToken>>,
}

impl AzureCredential {
    /// Tokens for the service at `base_url` (its origin, with `/.default`).
    pub fn new(credential: Arc<dyn TokenCredential>, base_url: &BaseUrl) -> Self {
        Self::with_scope(credential, format!("{}/.default", base_url.origin()))
    }

    /// Tokens for `scope` as given (an app ID URI's `/.default`, a single scope).
    pub fn with_scope(credential: Arc<dyn TokenCredential>, scope: impl Into<String>) -> Self {
        Self {
            credential,
            scope: scope.into(),
            cached: Mutex::new(None),
        }
    }

    /// The scope tokens are asked for.
    pub fn scope(&self) -> &str {
        &self.scope
    }
}

impl fmt::Debug for AzureCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AzureCredential")
            .field("credential", &self.credential)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl TokenProvider for AzureCredential {
    async fn token(&self) -> Result<AccessToken, TokenError> {
        // Held across the credential's call, so callers arriving during a refresh wait for
        // its token instead of asking again.
        let mut cached = self.cached.lock().await;
        if let Some(token) = cached.as_ref() {
            if token.expires_on - REFRESH_MARGIN > OffsetDateTime::now_utc() {
                return Ok(AccessToken::new(token.token.secret()));
            }
        }
        let fresh = self
            .credential
            .get_token(&[self.scope.as_str()], None)
            .await?;
        let token = AccessToken::new(fresh.token.secret());
        *cached = Some(fresh);
        Ok(token)
    }
}
