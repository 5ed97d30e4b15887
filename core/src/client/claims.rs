//! Early checks of a token's claims, read without verifying the signature.
//!
//! The service verifies tokens; these checks only turn the failures that can be predicted
//! from the claims (an app-only token on `/me`, a personal account, a missing scope or role)
//! into an error that says what is missing, before anything is sent. Tokens that are not
//! readable JWTs (opaque tokens) are passed through unchecked.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{Map, Value};

use crate::http::{Endpoint, Permissions};

/// Clock skew allowed when judging expiry, as Microsoft Entra allows.
const CLOCK_SKEW: Duration = Duration::from_secs(300);

/// Tenant id that Microsoft Entra uses for personal Microsoft accounts.
const PERSONAL_ACCOUNT_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// A token that cannot work for the endpoint, found before sending.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenCheckError {
    /// The token's `exp` is in the past (beyond five minutes of clock skew).
    Expired {
        /// The endpoint, as `POST /me/onlineMeetings`.
        endpoint: String,
        /// How long ago it expired.
        ago: Duration,
    },
    /// An application (app-only) token on a path that supports only delegated tokens.
    AppOnlyNotSupported {
        /// The endpoint, as `POST /me/onlineMeetings`.
        endpoint: String,
    },
    /// A delegated token on a path that supports only application tokens.
    DelegatedNotSupported {
        /// The endpoint.
        endpoint: String,
    },
    /// A personal Microsoft account, which the endpoint does not support.
    PersonalAccountNotSupported {
        /// The endpoint.
        endpoint: String,
    },
    /// A delegated token without any of the scopes the endpoint accepts.
    MissingScope {
        /// The endpoint.
        endpoint: String,
        /// Scopes that would do, least privileged first.
        needed: &'static [&'static str],
        /// Scopes the token has (`scp`).
        present: Vec<String>,
    },
    /// An application token without any of the roles the endpoint accepts.
    MissingRole {
        /// The endpoint.
        endpoint: String,
        /// Roles that would do, least privileged first.
        needed: &'static [&'static str],
        /// Roles the token has (`roles`).
        present: Vec<String>,
    },
}

impl fmt::Display for TokenCheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Expired { endpoint, ago } => write!(
                f,
                "{endpoint}: the access token expired {} s ago; get a new one",
                ago.as_secs()
            ),
            Self::AppOnlyNotSupported { endpoint } => {
                write!(f, "{endpoint} does not accept an app-only token")?;
                if endpoint.contains(" /me") {
                    f.write_str(
                        ": an application token has no signed-in user for /me; \
                         use the /users/{userId} form or a delegated token",
                    )?;
                }
                Ok(())
            }
            Self::DelegatedNotSupported { endpoint } => {
                write!(f, "{endpoint} does not accept a delegated (user) token")
            }
            Self::PersonalAccountNotSupported { endpoint } => write!(
                f,
                "{endpoint} does not support personal Microsoft accounts; \
                 sign in with a work or school account"
            ),
            Self::MissingScope {
                endpoint,
                needed,
                present,
            } => write!(
                f,
                "{endpoint} needs delegated permission {}; the token's scopes (scp) are [{}]",
                one_of(needed),
                present.join(", ")
            ),
            Self::MissingRole {
                endpoint,
                needed,
                present,
            } => write!(
                f,
                "{endpoint} needs application permission {}; the token's roles are [{}]",
                one_of(needed),
                present.join(", ")
            ),
        }
    }
}

impl std::error::Error for TokenCheckError {}

fn one_of(names: &[&str]) -> String {
    match names {
        [single] => (*single).to_owned(),
        _ => format!("one of {}", names.join(", ")),
    }
}

/// The claims this check reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenClaims {
    /// `scp`, split on spaces: delegated scopes.
    pub scopes: Option<Vec<String>>,
    /// `roles`: application roles.
    pub roles: Option<Vec<String>>,
    /// `idtyp`: `app` or `user` when present.
    pub identity_type: Option<String>,
    /// `tid`: the tenant.
    pub tenant_id: Option<String>,
    /// `exp`: when the token expires.
    pub expires_at: Option<SystemTime>,
}

impl TokenClaims {
    /// Reads the payload of a JWT (`header.payload.signature`); `None` for anything else.
    pub fn read(token: &str) -> Option<Self> {
        let mut parts = token.split('.');
        let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
        let claims: Map<String, Value> = serde_json::from_slice(&bytes).ok()?;
        let text = |name: &str| claims.get(name).and_then(Value::as_str).map(str::to_owned);
        Some(Self {
            scopes: text("scp").map(|scp| scp.split_whitespace().map(str::to_owned).collect()),
            roles: claims.get("roles").and_then(Value::as_array).map(|roles| {
                roles
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            }),
            identity_type: text("idtyp"),
            tenant_id: text("tid"),
            expires_at: claims
                .get("exp")
                .and_then(Value::as_u64)
                .and_then(|seconds| UNIX_EPOCH.checked_add(Duration::from_secs(seconds))),
        })
    }

    /// An application token: `idtyp` says `app`, or there are roles and no scopes.
    pub fn is_app_only(&self) -> bool {
        match self.identity_type.as_deref() {
            Some(kind) => kind.eq_ignore_ascii_case("app"),
            None => self.scopes.is_none() && self.roles.is_some(),
        }
    }

    /// A personal Microsoft account (the consumer tenant).
    pub fn is_personal_account(&self) -> bool {
        self.tenant_id
            .as_deref()
            .is_some_and(|tid| tid.eq_ignore_ascii_case(PERSONAL_ACCOUNT_TENANT))
    }
}

/// Checks `token` against `endpoint`'s permissions and the clock; `Ok` when the claims cannot
/// be read or the endpoint lists no permissions.
pub fn check_token(token: &str, endpoint: &Endpoint) -> Result<(), TokenCheckError> {
    check_token_at(token, endpoint, SystemTime::now())
}

/// [`check_token`] as of `now`.
pub fn check_token_at(
    token: &str,
    endpoint: &Endpoint,
    now: SystemTime,
) -> Result<(), TokenCheckError> {
    let Some(claims) = TokenClaims::read(token) else {
        return Ok(());
    };
    let described = || endpoint.describe();
    if let Some(ago) = claims
        .expires_at
        .and_then(|expires_at| now.duration_since(expires_at).ok())
        .filter(|ago| *ago > CLOCK_SKEW)
    {
        return Err(TokenCheckError::Expired {
            endpoint: described(),
            ago,
        });
    }
    let permissions = &endpoint.permissions;
    if !permissions.is_listed() {
        return Ok(());
    }
    if claims.is_app_only() {
        if permissions.application.is_empty() {
            return Err(TokenCheckError::AppOnlyNotSupported {
                endpoint: described(),
            });
        }
        let roles = claims.roles.unwrap_or_default();
        if !grants_any(&roles, permissions.application) {
            return Err(TokenCheckError::MissingRole {
                endpoint: described(),
                needed: permissions.application,
                present: roles,
            });
        }
        return Ok(());
    }
    if claims.is_personal_account() && !permissions.personal_accounts {
        return Err(TokenCheckError::PersonalAccountNotSupported {
            endpoint: described(),
        });
    }
    if permissions.delegated.is_empty() {
        return Err(TokenCheckError::DelegatedNotSupported {
            endpoint: described(),
        });
    }
    let scopes = claims.scopes.unwrap_or_default();
    if !grants_any(&scopes, permissions.delegated) {
        return Err(TokenCheckError::MissingScope {
            endpoint: described(),
            needed: permissions.delegated,
            present: scopes,
        });
    }
    Ok(())
}

/// Permission names are compared without regard to case, as Entra treats them.
fn grants_any(held: &[String], accepted: &[&str]) -> bool {
    held.iter()
        .any(|name| accepted.iter().any(|ok| name.eq_ignore_ascii_case(ok)))
}

/// What a token holds beside what the endpoint documents: attached to a `401` or `403` answer,
/// so the error says why Graph may have refused the call. The claims are read, not verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenReport {
    /// The token's claims.
    pub claims: TokenClaims,
    /// What the endpoint documents.
    pub permissions: Permissions,
    /// What the claims show is wrong for this endpoint, when something is.
    pub finding: Option<TokenCheckError>,
    /// Seconds until the token expires (negative: since it expired), when it says.
    pub expires_in: Option<i64>,
}

impl TokenReport {
    /// The report that belongs beside a refusal with `status`: any `401` or `403`, and a `400`
    /// when the claims show the wrong kind of token (Graph answers an app-only token on `/me`
    /// with `400`). `None` for other answers and for tokens that are not readable JWTs.
    pub fn for_refusal(
        status: http::StatusCode,
        token: &str,
        endpoint: &Endpoint,
        now: SystemTime,
    ) -> Option<Self> {
        let report = match status.as_u16() {
            400 | 401 | 403 => Self::read(token, endpoint, now)?,
            _ => return None,
        };
        let wrong_kind = matches!(
            report.finding,
            Some(
                TokenCheckError::AppOnlyNotSupported { .. }
                    | TokenCheckError::DelegatedNotSupported { .. }
            )
        );
        (status != http::StatusCode::BAD_REQUEST || wrong_kind).then_some(report)
    }

    /// Reads `token` for `endpoint` as of `now`; `None` when it is not a readable JWT.
    pub fn read(token: &str, endpoint: &Endpoint, now: SystemTime) -> Option<Self> {
        let claims = TokenClaims::read(token)?;
        let expires_in = claims
            .expires_at
            .map(|expires_at| match expires_at.duration_since(now) {
                Ok(left) => i64::try_from(left.as_secs()).unwrap_or(i64::MAX),
                Err(past) => -i64::try_from(past.duration().as_secs()).unwrap_or(i64::MAX),
            });
        Some(Self {
            finding: check_token_at(token, endpoint, now).err(),
            claims,
            permissions: endpoint.permissions,
            expires_in,
        })
    }
}

impl fmt::Display for TokenReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(finding) = &self.finding {
            return write!(f, "the token's claims suggest why: {finding}");
        }
        let claims = &self.claims;
        if claims.is_app_only() {
            write!(
                f,
                "the token is app-only with roles [{}]",
                claims.roles.as_deref().unwrap_or_default().join(", ")
            )?;
        } else {
            write!(
                f,
                "the token is delegated with scopes [{}]",
                claims.scopes.as_deref().unwrap_or_default().join(", ")
            )?;
        }
        if claims.is_personal_account() {
            f.write_str(", for a personal Microsoft account")?;
        }
        match self.expires_in {
            Some(seconds) if seconds < 0 => write!(f, ", expired {} s ago", -seconds)?,
            Some(seconds) => write!(f, ", expires in {seconds} s")?,
            None => {}
        }
        let permissions = &self.permissions;
        if permissions.is_listed() {
            write!(
                f,
                "; the endpoint documents delegated [{}], application [{}]",
                permissions.delegated.join(", "),
                permissions.application.join(", ")
            )
        } else {
            f.write_str("; the endpoint's permissions are not documented")
        }
    }
}
