//! The service root that every request path is appended to.

use std::fmt;

/// The root of a Graph API version, such as `https://graph.microsoft.com/v1.0`.
///
/// National clouds use other hosts, so the root is a value, never a constant baked into
/// generated code. It is checked once here: an absolute `http`/`https` URL with a host, no
/// query, no fragment, no user info; a trailing `/` is dropped so paths join with exactly one.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    root: String,
}

/// Why a base URL was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrlError {
    /// The text that was given.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl fmt::Display for BaseUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base URL {:?}: {}", self.input, self.reason)
    }
}

impl std::error::Error for BaseUrlError {}

impl BaseUrl {
    /// Global service, v1.0.
    pub const GLOBAL_V1: &'static str = "https://graph.microsoft.com/v1.0";
    /// US Government L4, v1.0.
    pub const US_GOV_L4_V1: &'static str = "https://graph.microsoft.us/v1.0";
    /// US Government L5 (DOD), v1.0.
    pub const US_GOV_L5_DOD_V1: &'static str = "https://dod-graph.microsoft.us/v1.0";
    /// China (operated by 21Vianet), v1.0. Online meetings are not offered there.
    pub const CHINA_V1: &'static str = "https://microsoftgraph.chinacloudapi.cn/v1.0";

    /// Checks and stores a service root.
    pub fn new(url: &str) -> Result<Self, BaseUrlError> {
        let refuse = |reason| BaseUrlError {
            input: url.to_owned(),
            reason,
        };
        let uri: http::Uri = url
            .parse()
            .map_err(|_| refuse("not a valid absolute URI"))?;
        match uri.scheme_str() {
            Some("https") | Some("http") => {}
            _ => {
                return Err(refuse(
                    "the scheme must be https (or http for a local test server)",
                ))
            }
        }
        let authority = uri.authority().ok_or_else(|| refuse("no host"))?;
        if let Some((user_info, _)) = authority.as_str().rsplit_once('@') {
            // The message must not carry the credentials on to a log.
            return Err(BaseUrlError {
                input: url.replacen(user_info, "<redacted>", 1),
                reason: "user info in the URL would leak credentials",
            });
        }
        if authority.host().is_empty() {
            return Err(refuse("no host"));
        }
        if uri.query().is_some() || url.contains('#') {
            return Err(refuse("a service root has no query or fragment"));
        }
        Ok(Self {
            root: url.trim_end_matches('/').to_owned(),
        })
    }

    /// The global service root, `https://graph.microsoft.com/v1.0`.
    pub fn global() -> Self {
        Self {
            root: Self::GLOBAL_V1.to_owned(),
        }
    }

    /// The root without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.root
    }

    /// The scheme, host and port part (`https://graph.microsoft.com`), used to keep
    /// credentials from following a redirect to another origin.
    pub fn origin(&self) -> &str {
        let after_scheme = self.root.find("://").map_or(0, |i| i + 3);
        match self.root[after_scheme..].find('/') {
            Some(slash) => &self.root[..after_scheme + slash],
            None => &self.root,
        }
    }
}

impl Default for BaseUrl {
    fn default() -> Self {
        Self::global()
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BaseUrl").field(&self.root).finish()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.root)
    }
}
