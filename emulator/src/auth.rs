//! Who is calling, and whether they may: the documented permission rules of onlineMeetings.
//!
//! | path | delegated (work/school) | personal | application |
//! |---|---|---|---|
//! | `/me/...` | `OnlineMeetings.ReadWrite` (reads: `.Read` too) | no | no (`400`) |
//! | `/users/{id}/...` | same, for the signed-in user | no | `OnlineMeetings.ReadWrite.All` (reads: `.Read.All` too) + access policy |

use std::fmt;
use std::str::FromStr;

use axum::http::HeaderMap;

use crate::error::ApiError;
use crate::token::{self, Claims, SigningKey, CONSUMER_TENANT_ID};

/// The longest user id accepted in a path (object ids are 36, UPNs at most 113 characters).
const MAX_USER_ID_LEN: usize = 128;

/// The kind of account behind a token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallerKind {
    /// A work or school user, through a delegated token.
    Delegated,
    /// A personal Microsoft account (tenant [`CONSUMER_TENANT_ID`]).
    Personal,
    /// An application acting on its own (app-only token).
    Application,
}

/// The verified identity and permissions of a request.
#[derive(Clone, Debug)]
pub struct Caller {
    /// Delegated, personal or application.
    pub kind: CallerKind,
    /// The tenant the token was issued in; meetings are kept per tenant.
    pub tenant_id: String,
    /// The user's object id (delegated) or the service principal's (application).
    pub object_id: String,
    /// The client application id.
    pub app_id: String,
    /// Delegated scopes (`scp`).
    pub scopes: Vec<String>,
    /// Application roles (`roles`).
    pub roles: Vec<String>,
    /// The user principal name, when the token has one.
    pub upn: Option<String>,
    /// The user's display name, when the token has one.
    pub display_name: Option<String>,
}

impl Caller {
    fn from_claims(claims: Claims) -> Self {
        let is_app = claims.idtyp == "app" || (claims.scp.is_none() && claims.roles.is_some());
        let kind = if is_app {
            CallerKind::Application
        } else if claims.tid == CONSUMER_TENANT_ID {
            CallerKind::Personal
        } else {
            CallerKind::Delegated
        };
        Self {
            kind,
            tenant_id: claims.tid,
            object_id: claims.oid,
            app_id: claims.appid,
            scopes: claims
                .scp
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            roles: claims.roles.unwrap_or_default(),
            upn: claims.upn,
            display_name: claims.name,
        }
    }

    fn has_any(granted: &[String], needed: &[&str]) -> bool {
        granted
            .iter()
            .any(|permission| needed.iter().any(|n| permission.eq_ignore_ascii_case(n)))
    }
}

/// Reads and verifies `Authorization: Bearer ...`; `401` when absent or invalid.
pub fn authenticate(headers: &HeaderMap, key: &SigningKey) -> Result<Caller, ApiError> {
    let Some(value) = headers.get(axum::http::header::AUTHORIZATION) else {
        return Err(ApiError::invalid_token("Access token is empty."));
    };
    let value = value
        .to_str()
        .map_err(|_| ApiError::invalid_token("The Authorization header is not ASCII."))?;
    let Some((scheme, token)) = value.trim().split_once(' ') else {
        return Err(ApiError::invalid_token(
            "The Authorization header must be 'Bearer {token}'.",
        ));
    };
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::invalid_token(
            "The Authorization header must be 'Bearer {token}'.",
        ));
    }
    let claims = token::verify(token.trim(), key, token::unix_now()).map_err(|error| {
        ApiError::invalid_token(format!("Access token validation failure: {error}."))
    })?;
    Ok(Caller::from_claims(claims))
}

/// Which user a path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `/me`: the signed-in user.
    Me,
    /// `/users/{userId}`, already checked by [`parse_user_id`].
    User(String),
}

/// What a request does, as the permission tables and access-policy messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// `POST .../onlineMeetings`.
    Create,
    /// `POST .../onlineMeetings/createOrGet`.
    CreateOrGet,
    /// `GET` by id or by filter.
    Get,
    /// `PATCH .../onlineMeetings/{id}`.
    Update,
    /// `DELETE .../onlineMeetings/{id}`.
    Delete,
}

impl Operation {
    fn is_read(self) -> bool {
        self == Self::Get
    }

    fn verb(self) -> &'static str {
        match self {
            Self::Create | Self::CreateOrGet => "Create",
            Self::Get => "Get",
            Self::Update => "Update",
            Self::Delete => "Delete",
        }
    }
}

/// An application access policy: `app_id` may act for `user` (or every user of the tenant,
/// as `Grant-CsApplicationAccessPolicy -Global` does).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessPolicy {
    /// The application (client) id the policy names.
    pub app_id: String,
    /// The user it may act for; `None` for every user.
    pub user_id: Option<String>,
}

impl AccessPolicy {
    fn allows(&self, app_id: &str, user_id: &str) -> bool {
        self.app_id.eq_ignore_ascii_case(app_id)
            && self
                .user_id
                .as_deref()
                .is_none_or(|user| user.eq_ignore_ascii_case(user_id))
    }
}

impl FromStr for AccessPolicy {
    type Err = String;

    /// `APP_ID:USER_ID`, or `APP_ID:*` for every user.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (app_id, user_id) = text
            .split_once(':')
            .ok_or_else(|| format!("'{text}' is not APP_ID:USER_ID"))?;
        if app_id.is_empty() || user_id.is_empty() {
            return Err(format!("'{text}' has an empty APP_ID or USER_ID"));
        }
        Ok(Self {
            app_id: app_id.to_owned(),
            user_id: (user_id != "*").then(|| user_id.to_owned()),
        })
    }
}

impl fmt::Display for AccessPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}",
            self.app_id,
            self.user_id.as_deref().unwrap_or("*")
        )
    }
}

/// Checks a `{userId}` path segment (already percent-decoded). Ids are only ever map keys here,
/// but anything other than an object id or UPN is refused so hostile input such as
/// `../../admin` gets a clear `400`.
pub fn parse_user_id(raw: &str) -> Result<String, ApiError> {
    let plausible = !raw.is_empty()
        && raw.len() <= MAX_USER_ID_LEN
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
        && !raw.starts_with('.');
    if plausible {
        Ok(raw.to_owned())
    } else {
        let shown: String = raw.chars().take(64).collect();
        Err(ApiError::bad_request(format!(
            "Invalid user id '{shown}': expected the user's object id or user principal name."
        )))
    }
}

/// Applies the permission rules; returns the user the request acts for.
pub fn authorize(
    caller: &Caller,
    operation: Operation,
    target: &Target,
    policies: &[AccessPolicy],
) -> Result<String, ApiError> {
    match caller.kind {
        CallerKind::Personal => Err(ApiError::forbidden(
            "The onlineMeetings API is not supported for personal Microsoft accounts.",
        )),
        CallerKind::Delegated => {
            let needed: &[&str] = if operation.is_read() {
                &["OnlineMeetings.Read", "OnlineMeetings.ReadWrite"]
            } else {
                &["OnlineMeetings.ReadWrite"]
            };
            if !Caller::has_any(&caller.scopes, needed) {
                return Err(ApiError::forbidden(format!(
                    "Insufficient privileges to complete the operation: requires the delegated permission {}.",
                    needed.join(" or ")
                )));
            }
            match target {
                Target::Me => Ok(caller.object_id.clone()),
                Target::User(user) if is_same_user(caller, user) => Ok(caller.object_id.clone()),
                Target::User(user) => Err(ApiError::forbidden(format!(
                    "A delegated token can only act for its signed-in user, not for user {user}."
                ))),
            }
        }
        CallerKind::Application => {
            let Target::User(user) = target else {
                return Err(ApiError::bad_request(
                    "/me request is only valid with delegated authentication flow.",
                ));
            };
            let needed: &[&str] = if operation.is_read() {
                &["OnlineMeetings.Read.All", "OnlineMeetings.ReadWrite.All"]
            } else {
                &["OnlineMeetings.ReadWrite.All"]
            };
            if !Caller::has_any(&caller.roles, needed) {
                return Err(ApiError::forbidden(format!(
                    "Insufficient privileges to complete the operation: requires the application permission {}.",
                    needed.join(" or ")
                )));
            }
            if !policies
                .iter()
                .any(|policy| policy.allows(&caller.app_id, user))
            {
                return Err(ApiError::new(
                    axum::http::StatusCode::FORBIDDEN,
                    "Unauthorized",
                    format!(
                        "App {} is not authorized to {} meeting on behalf of user {user}",
                        caller.app_id,
                        operation.verb()
                    ),
                ));
            }
            Ok(user.clone())
        }
    }
}

fn is_same_user(caller: &Caller, user: &str) -> bool {
    caller.object_id.eq_ignore_ascii_case(user)
        || caller
            .upn
            .as_deref()
            .is_some_and(|upn| upn.eq_ignore_ascii_case(user))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    fn caller(claims: Claims) -> Caller {
        Caller::from_claims(claims)
    }

    #[test]
    fn personal_accounts_are_refused() {
        let personal = caller(Claims::personal("u", &["OnlineMeetings.ReadWrite"]));
        assert_eq!(personal.kind, CallerKind::Personal);
        let error = authorize(&personal, Operation::Create, &Target::Me, &[]).unwrap_err();
        assert_eq!(error.status, StatusCode::FORBIDDEN);
    }

    #[test]
    fn delegated_needs_read_write_to_create_and_read_to_get() {
        let reader = caller(Claims::delegated("u", &["OnlineMeetings.Read"]));
        assert!(authorize(&reader, Operation::Get, &Target::Me, &[]).is_ok());
        let error = authorize(&reader, Operation::Create, &Target::Me, &[]).unwrap_err();
        assert_eq!(error.code, "Forbidden");
        assert!(error.message.contains("OnlineMeetings.ReadWrite"));
    }

    #[test]
    fn delegated_acts_only_for_itself() {
        let writer = caller(Claims::delegated("u1", &["OnlineMeetings.ReadWrite"]));
        let me = Target::User("U1".to_owned());
        assert_eq!(
            authorize(&writer, Operation::Create, &me, &[]).unwrap(),
            "u1"
        );
        let other = Target::User("u2".to_owned());
        assert!(authorize(&writer, Operation::Create, &other, &[]).is_err());
    }

    #[test]
    fn app_on_me_is_a_bad_request() {
        let app = caller(Claims::app("a", &["OnlineMeetings.ReadWrite.All"]));
        let error = authorize(&app, Operation::Create, &Target::Me, &[]).unwrap_err();
        assert_eq!(error.status, StatusCode::BAD_REQUEST);
    }

    #[test]
    fn app_needs_role_and_policy() {
        let app = caller(Claims::app("a", &["OnlineMeetings.ReadWrite.All"]));
        let user = Target::User("u".to_owned());
        let error = authorize(&app, Operation::Create, &user, &[]).unwrap_err();
        assert_eq!(
            (error.status, error.code.as_str()),
            (StatusCode::FORBIDDEN, "Unauthorized")
        );
        assert_eq!(
            error.message,
            "App a is not authorized to Create meeting on behalf of user u"
        );
        let policy: AccessPolicy = "a:u".parse().unwrap();
        assert_eq!(
            authorize(&app, Operation::Create, &user, &[policy]).unwrap(),
            "u"
        );
        let global: AccessPolicy = "a:*".parse().unwrap();
        assert!(authorize(
            &app,
            Operation::Delete,
            &user,
            std::slice::from_ref(&global)
        )
        .is_ok());
        let reader = caller(Claims::app("a", &["OnlineMeetings.Read.All"]));
        assert!(authorize(
            &reader,
            Operation::Get,
            &user,
            std::slice::from_ref(&global)
        )
        .is_ok());
        assert_eq!(
            authorize(&reader, Operation::Update, &user, &[global])
                .unwrap_err()
                .code,
            "Forbidden"
        );
    }

    #[test]
    fn hostile_user_ids_are_bad_requests() {
        for raw in [
            "../../admin",
            "..",
            "a/b",
            "",
            "x\u{0}y",
            "a b",
            &"a".repeat(129),
        ] {
            let error = parse_user_id(raw).unwrap_err();
            assert_eq!(error.status, StatusCode::BAD_REQUEST, "{raw:?}");
        }
        for good in [
            "550fae72-d251-43ec-868c-373732c2704f",
            "adele@contoso.com",
            "alice",
        ] {
            assert_eq!(parse_user_id(good).unwrap(), good);
        }
    }

    #[test]
    fn policy_parsing_reports_what_is_wrong() {
        assert!("nocolon"
            .parse::<AccessPolicy>()
            .unwrap_err()
            .contains("APP_ID:USER_ID"));
        assert!(":u".parse::<AccessPolicy>().is_err());
        assert_eq!("a:*".parse::<AccessPolicy>().unwrap().to_string(), "a:*");
    }
}
