//! Bearer tokens the emulator accepts: JWTs signed with HS256.
//!
//! Real Graph tokens are RS256, signed by Entra ID with keys the emulator cannot hold. A local
//! service still has to tell a forged or tampered token from a good one (tests of `401` depend on
//! it), so the emulator signs with a shared secret that both `graph-emulator token` and
//! `graph-emulator serve` read from the same place: `--signing-key`, else the environment
//! variable [`SIGNING_KEY_ENV`], else [`DEFAULT_SIGNING_KEY`]. The claims mirror Entra ID's
//! (`scp`, `roles`, `oid`, `tid`, `appid`, `idtyp`), so a client can read them unverified as it
//! would read a real token.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// Environment variable holding the signing key shared by `serve` and `token`.
pub const SIGNING_KEY_ENV: &str = "GRAPH_EMULATOR_SIGNING_KEY";

/// The key used when neither `--signing-key` nor [`SIGNING_KEY_ENV`] is set. It is public, so
/// tokens signed with it prove nothing outside a test: the emulator is not a security boundary.
pub const DEFAULT_SIGNING_KEY: &str = "graph-emulator-insecure-development-key";

/// The tenant of personal Microsoft accounts (MSA) in Entra ID: a token whose `tid` is this
/// value comes from a personal account, which the onlineMeetings API does not support.
pub const CONSUMER_TENANT_ID: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// The tenant minted tokens belong to unless one is given.
pub const DEFAULT_TENANT_ID: &str = "6e5b2a4c-0d1f-4c3e-9a7b-e1a2b3c4d5e6";

/// The client application minted delegated tokens name unless one is given.
pub const DEFAULT_CLIENT_APP_ID: &str = "0c1d2e3f-4a5b-4c6d-8e7f-a0b1c2d3e4f5";

/// The audience of Microsoft Graph tokens, required on every token.
pub const GRAPH_AUDIENCE: &str = "https://graph.microsoft.com";

/// How long minted tokens stay valid unless told otherwise.
pub const DEFAULT_LIFETIME_SECS: i64 = 3600;

/// The secret HS256 signatures are made and checked with. `Debug` never prints it.
#[derive(Clone)]
pub struct SigningKey(Vec<u8>);

impl SigningKey {
    /// A key from raw bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// The key from [`SIGNING_KEY_ENV`] when set and not empty, else [`DEFAULT_SIGNING_KEY`].
    pub fn from_env_or_default() -> Self {
        match std::env::var(SIGNING_KEY_ENV) {
            Ok(value) if !value.is_empty() => Self::new(value),
            _ => Self::new(DEFAULT_SIGNING_KEY),
        }
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC accepts keys of any length, so this cannot fail.
        <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0).expect("HMAC takes keys of any length")
    }
}

impl Default for SigningKey {
    fn default() -> Self {
        Self::from_env_or_default()
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

/// The claims of an emulator token, named as in Entra ID access tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Audience; must be [`GRAPH_AUDIENCE`].
    pub aud: String,
    /// Issuer, `https://sts.windows.net/{tid}/` as Entra ID writes it.
    pub iss: String,
    /// Issued at (seconds since the Unix epoch).
    pub iat: i64,
    /// Not before (seconds since the Unix epoch).
    pub nbf: i64,
    /// Expiry (seconds since the Unix epoch).
    pub exp: i64,
    /// Tenant id; [`CONSUMER_TENANT_ID`] marks a personal account.
    pub tid: String,
    /// Object id of the user (delegated) or of the app's service principal (app-only).
    pub oid: String,
    /// The client application's id.
    pub appid: String,
    /// `"user"` for delegated tokens, `"app"` for app-only tokens.
    pub idtyp: String,
    /// Delegated permissions, space separated (absent on app-only tokens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scp: Option<String>,
    /// Application permissions (absent on delegated tokens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// The user principal name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upn: Option<String>,
    /// The user's display name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Claims {
    /// A delegated (work or school account) token for `user_id` with these scopes.
    pub fn delegated(user_id: &str, scopes: &[&str]) -> Self {
        Self::user_token(DEFAULT_TENANT_ID, user_id, scopes)
    }

    /// A delegated token from a personal Microsoft account (tenant [`CONSUMER_TENANT_ID`]).
    pub fn personal(user_id: &str, scopes: &[&str]) -> Self {
        Self::user_token(CONSUMER_TENANT_ID, user_id, scopes)
    }

    /// An app-only token for `app_id` with these application roles.
    pub fn app(app_id: &str, roles: &[&str]) -> Self {
        let now = unix_now();
        Self {
            aud: GRAPH_AUDIENCE.to_owned(),
            iss: issuer(DEFAULT_TENANT_ID),
            iat: now,
            nbf: now,
            exp: now + DEFAULT_LIFETIME_SECS,
            tid: DEFAULT_TENANT_ID.to_owned(),
            oid: app_id.to_owned(),
            appid: app_id.to_owned(),
            idtyp: "app".to_owned(),
            scp: None,
            roles: Some(roles.iter().map(|role| (*role).to_owned()).collect()),
            upn: None,
            name: None,
        }
    }

    /// The same claims in another tenant (the issuer follows).
    pub fn with_tenant(mut self, tenant_id: &str) -> Self {
        self.tid = tenant_id.to_owned();
        self.iss = issuer(tenant_id);
        self
    }

    /// The same claims valid for `seconds` from now (negative: already expired).
    pub fn expiring_in(mut self, seconds: i64) -> Self {
        self.exp = unix_now() + seconds;
        self
    }

    fn user_token(tenant_id: &str, user_id: &str, scopes: &[&str]) -> Self {
        let now = unix_now();
        Self {
            aud: GRAPH_AUDIENCE.to_owned(),
            iss: issuer(tenant_id),
            iat: now,
            nbf: now,
            exp: now + DEFAULT_LIFETIME_SECS,
            tid: tenant_id.to_owned(),
            oid: user_id.to_owned(),
            appid: DEFAULT_CLIENT_APP_ID.to_owned(),
            idtyp: "user".to_owned(),
            scp: Some(scopes.join(" ")),
            roles: None,
            upn: None,
            name: None,
        }
    }
}

fn issuer(tenant_id: &str) -> String {
    format!("https://sts.windows.net/{tenant_id}/")
}

/// Seconds since the Unix epoch, as JWT time claims count them.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

/// Why a bearer token was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Not three base64url parts, or a part that is not the JSON expected; says which.
    Malformed(String),
    /// The header names an algorithm other than HS256.
    UnsupportedAlgorithm(String),
    /// The signature does not match the signing key.
    BadSignature,
    /// `exp` is in the past.
    Expired,
    /// `nbf` is in the future.
    NotYetValid,
    /// `aud` is not [`GRAPH_AUDIENCE`].
    WrongAudience(String),
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(what) => write!(f, "the token is malformed: {what}"),
            Self::UnsupportedAlgorithm(alg) => {
                write!(
                    f,
                    "the token is signed with {alg}; the emulator accepts HS256 only"
                )
            }
            Self::BadSignature => f.write_str("the token signature is invalid"),
            Self::Expired => f.write_str("the token has expired"),
            Self::NotYetValid => f.write_str("the token is not valid yet"),
            Self::WrongAudience(aud) => {
                write!(f, "the token audience '{aud}' is not {GRAPH_AUDIENCE}")
            }
        }
    }
}

impl std::error::Error for TokenError {}

#[derive(Serialize, Deserialize)]
struct Header {
    alg: String,
    typ: String,
}

/// Signs `claims` into a compact JWT (`header.payload.signature`).
pub fn mint(claims: &Claims, key: &SigningKey) -> String {
    let header = Header {
        alg: "HS256".to_owned(),
        typ: "JWT".to_owned(),
    };
    // Serialising these plain structs cannot fail.
    let header = serde_json::to_vec(&header).expect("header serialises");
    let payload = serde_json::to_vec(claims).expect("claims serialise");
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let mut mac = key.mac();
    mac.update(signing_input.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

/// Checks the signature, algorithm, audience and validity window of `token` at `now` (seconds
/// since the Unix epoch) and returns its claims.
pub fn verify(token: &str, key: &SigningKey, now: i64) -> Result<Claims, TokenError> {
    let malformed = || TokenError::Malformed("expected three dot-separated parts".to_owned());
    let (signing_input, signature) = token.rsplit_once('.').ok_or_else(malformed)?;
    let (header, payload) = signing_input.split_once('.').ok_or_else(malformed)?;
    if payload.contains('.') {
        return Err(malformed());
    }
    let header: Header = decode_part(header, "header")?;
    if header.alg != "HS256" {
        return Err(TokenError::UnsupportedAlgorithm(header.alg));
    }
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| TokenError::Malformed("the signature is not base64url".to_owned()))?;
    let mut mac = key.mac();
    mac.update(signing_input.as_bytes());
    // verify_slice compares in constant time.
    mac.verify_slice(&signature)
        .map_err(|_| TokenError::BadSignature)?;
    let claims: Claims = decode_part(payload, "payload")?;
    if claims.aud != GRAPH_AUDIENCE {
        return Err(TokenError::WrongAudience(claims.aud));
    }
    if claims.exp <= now {
        return Err(TokenError::Expired);
    }
    if claims.nbf > now {
        return Err(TokenError::NotYetValid);
    }
    Ok(claims)
}

fn decode_part<T: for<'de> Deserialize<'de>>(part: &str, name: &str) -> Result<T, TokenError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| TokenError::Malformed(format!("the {name} is not base64url")))?;
    serde_json::from_slice(&bytes).map_err(|error| {
        TokenError::Malformed(format!("the {name} is not the JSON expected: {error}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SigningKey {
        SigningKey::new("test-key")
    }

    #[test]
    fn minted_token_verifies_and_keeps_claims() {
        let claims = Claims::delegated("user-1", &["OnlineMeetings.ReadWrite", "User.Read"]);
        let token = mint(&claims, &key());
        let verified = verify(&token, &key(), unix_now()).expect("valid token");
        assert_eq!(verified, claims);
        assert_eq!(
            verified.scp.as_deref(),
            Some("OnlineMeetings.ReadWrite User.Read")
        );
    }

    #[test]
    fn other_key_is_a_bad_signature() {
        let token = mint(
            &Claims::app("app", &["OnlineMeetings.ReadWrite.All"]),
            &key(),
        );
        let error = verify(&token, &SigningKey::new("other"), unix_now()).unwrap_err();
        assert_eq!(error, TokenError::BadSignature);
    }

    #[test]
    fn tampered_payload_is_a_bad_signature() {
        let token = mint(
            &Claims::delegated("alice", &["OnlineMeetings.Read"]),
            &key(),
        );
        let parts: Vec<&str> = token.split('.').collect();
        let forged_claims = Claims::delegated("alice", &["OnlineMeetings.ReadWrite"]);
        let forged_payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged_claims).unwrap());
        let forged = format!("{}.{}.{}", parts[0], forged_payload, parts[2]);
        assert_eq!(
            verify(&forged, &key(), unix_now()),
            Err(TokenError::BadSignature)
        );
    }

    #[test]
    fn expired_and_future_tokens_are_refused() {
        let expired = mint(&Claims::delegated("u", &[]).expiring_in(-5), &key());
        assert_eq!(
            verify(&expired, &key(), unix_now()),
            Err(TokenError::Expired)
        );
        let mut future = Claims::delegated("u", &[]);
        future.nbf = unix_now() + 600;
        let future = mint(&future, &key());
        assert_eq!(
            verify(&future, &key(), unix_now()),
            Err(TokenError::NotYetValid)
        );
    }

    #[test]
    fn wrong_audience_is_refused() {
        let mut claims = Claims::delegated("u", &[]);
        claims.aud = "api://other".to_owned();
        let token = mint(&claims, &key());
        assert_eq!(
            verify(&token, &key(), unix_now()),
            Err(TokenError::WrongAudience("api://other".to_owned()))
        );
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        for token in [
            "",
            "a",
            "a.b",
            "a.b.c.d",
            "!!!.???.###",
            "e30.e30.",
            "\u{1F600}.x.y",
        ] {
            assert!(
                matches!(
                    verify(token, &key(), unix_now()),
                    Err(TokenError::Malformed(_))
                ),
                "{token:?}"
            );
        }
    }

    #[test]
    fn none_algorithm_is_refused() {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let payload = URL_SAFE_NO_PAD.encode(
            serde_json::to_vec(&Claims::delegated("u", &["OnlineMeetings.ReadWrite"])).unwrap(),
        );
        let token = format!("{header}.{payload}.");
        assert_eq!(
            verify(&token, &key(), unix_now()),
            Err(TokenError::UnsupportedAlgorithm("none".to_owned()))
        );
    }

    #[test]
    fn debug_never_prints_the_key() {
        assert_eq!(
            format!("{:?}", SigningKey::new("secret")),
            "SigningKey(<redacted>)"
        );
    }
}
