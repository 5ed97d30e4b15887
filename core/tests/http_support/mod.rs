//! A hand-written endpoint module in exactly the shape the generator emits (see
//! docs/design/0003-endpoints.md), over a small hand-written model, so the HTTP layer is
//! tested without generated code.
#![allow(dead_code)] // Each test binary uses a different part of this module.

use graph_core::json::{DecodeError, FromJson, Reader, ToJson, Writer};
use graph_core::validate::{Rule, ValidationContext};
use graph_core::{Property, Validate};

/// Where the documentation examples live, or `None` (tests then say they are skipped).
pub fn examples_dir() -> Option<std::path::PathBuf> {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        "../../shared/graph-docs/examples",
        "../shared/graph-docs/examples",
    ]
    .iter()
    .map(|relative| manifest.join(relative))
    .find(|path| path.is_dir())
}

/// Reads one documentation example, or prints why the test is skipped.
pub fn example(name: &str) -> Option<Vec<u8>> {
    match examples_dir() {
        Some(dir) => Some(std::fs::read(dir.join(name)).expect("example file is readable")),
        None => {
            eprintln!("skipped: ../shared not found (example {name})");
            None
        }
    }
}

/// A few `onlineMeeting` members; enough to exercise bodies and responses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meeting {
    pub id: Property<String>,
    pub start_date_time: Property<String>,
    pub end_date_time: Property<String>,
    pub subject: Property<String>,
    pub external_id: Property<String>,
    pub join_web_url: Property<String>,
}

impl FromJson for Meeting {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.begin_object()?;
        let mut meeting = Meeting::default();
        let mut first = true;
        while let Some(key) = reader.next_key(first)? {
            first = false;
            let slot = match key.as_ref() {
                "id" => &mut meeting.id,
                "startDateTime" => &mut meeting.start_date_time,
                "endDateTime" => &mut meeting.end_date_time,
                "subject" => &mut meeting.subject,
                "externalId" => &mut meeting.external_id,
                "joinWebUrl" => &mut meeting.join_web_url,
                _ => {
                    reader.skip_value()?;
                    continue;
                }
            };
            *slot = Property::from_json(reader).map_err(|error| error.in_member(&key))?;
        }
        Ok(meeting)
    }
}

impl ToJson for Meeting {
    fn to_json(&self, writer: &mut Writer) {
        writer.begin_object();
        for (name, value) in [
            ("id", &self.id),
            ("startDateTime", &self.start_date_time),
            ("endDateTime", &self.end_date_time),
            ("subject", &self.subject),
            ("externalId", &self.external_id),
            ("joinWebUrl", &self.join_web_url),
        ] {
            if !value.is_absent() {
                writer.key(name);
                value.to_json(writer);
            }
        }
        writer.end_object();
    }
}

impl Validate for Meeting {
    fn validate_at(&self, ctx: &mut ValidationContext<'_>) {
        if !self.id.is_absent() {
            ctx.report_at(
                &[graph_core::validate::Segment::Key("id")],
                Rule::ReadOnly,
                "`id` is computed by the service",
            );
        }
    }
}

/// The generated endpoint module for `onlineMeeting`, written by hand.
pub mod online_meetings {
    use graph_core::http::{
        parse_created_or_existing, parse_entity, parse_no_content, parse_single_from_collection,
        CreatedOrExisting, Endpoint, GraphRequest, Permissions, RequestBuilder, RequestError,
        RequestOptions, ResponseError, RetrySafety, Verb,
    };
    use graph_core::Operation;

    use super::Meeting;

    /// Whose meetings: the signed-in user (`/me`) or a user by object id (`/users/{userId}`).
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum UserTarget {
        /// `/me`: delegated tokens only.
        Me,
        /// `/users/{userId}`: the user's object id; encoded as one path segment.
        User(String),
    }

    impl UserTarget {
        /// Starts a request at `me` or `user` (the same operation's two endpoints), its path
        /// written from the endpoint's template with `values`.
        fn request(
            &self,
            me: &'static Endpoint,
            user: &'static Endpoint,
            values: &[&str],
        ) -> RequestBuilder {
            match self {
                Self::Me => RequestBuilder::at(me, values),
                Self::User(user_id) => RequestBuilder::at_key(user, user_id, values),
            }
        }
    }

    const ME_READ_WRITE: Permissions = Permissions {
        delegated: &["OnlineMeetings.ReadWrite"],
        application: &[],
        personal_accounts: false,
    };
    const USER_READ_WRITE: Permissions = Permissions {
        delegated: &["OnlineMeetings.ReadWrite"],
        application: &["OnlineMeetings.ReadWrite.All"],
        personal_accounts: false,
    };
    const ME_READ: Permissions = Permissions {
        delegated: &["OnlineMeetings.Read", "OnlineMeetings.ReadWrite"],
        application: &[],
        personal_accounts: false,
    };
    const USER_READ: Permissions = Permissions {
        delegated: &["OnlineMeetings.Read", "OnlineMeetings.ReadWrite"],
        application: &["OnlineMeetings.Read.All", "OnlineMeetings.ReadWrite.All"],
        personal_accounts: false,
    };

    pub static CREATE_ME: Endpoint = Endpoint {
        name: "create",
        method: Verb::Post,
        path: "/me/onlineMeetings",
        success: &[201],
        retry: RetrySafety::NotIdempotent,
        permissions: ME_READ_WRITE,
    };
    pub static CREATE_USER: Endpoint = Endpoint {
        name: "create",
        method: Verb::Post,
        path: "/users/{userId}/onlineMeetings",
        success: &[201],
        retry: RetrySafety::NotIdempotent,
        permissions: USER_READ_WRITE,
    };
    pub static CREATE_OR_GET_ME: Endpoint = Endpoint {
        name: "create_or_get",
        method: Verb::Post,
        path: "/me/onlineMeetings/createOrGet",
        success: &[200, 201],
        retry: RetrySafety::Idempotent,
        permissions: ME_READ_WRITE,
    };
    pub static CREATE_OR_GET_USER: Endpoint = Endpoint {
        name: "create_or_get",
        method: Verb::Post,
        path: "/users/{userId}/onlineMeetings/createOrGet",
        success: &[200, 201],
        retry: RetrySafety::Idempotent,
        permissions: USER_READ_WRITE,
    };
    pub static GET_ME: Endpoint = Endpoint {
        name: "get",
        method: Verb::Get,
        path: "/me/onlineMeetings/{meetingId}",
        success: &[200],
        retry: RetrySafety::Idempotent,
        permissions: ME_READ,
    };
    pub static GET_USER: Endpoint = Endpoint {
        name: "get",
        method: Verb::Get,
        path: "/users/{userId}/onlineMeetings/{meetingId}",
        success: &[200],
        retry: RetrySafety::Idempotent,
        permissions: USER_READ,
    };
    pub static GET_BY_JOIN_WEB_URL_ME: Endpoint = Endpoint {
        name: "get_by_join_web_url",
        method: Verb::Get,
        path: "/me/onlineMeetings?$filter=JoinWebUrl eq '{joinWebUrl}'",
        success: &[200],
        retry: RetrySafety::Idempotent,
        permissions: ME_READ,
    };
    pub static GET_BY_JOIN_WEB_URL_USER: Endpoint = Endpoint {
        name: "get_by_join_web_url",
        method: Verb::Get,
        path: "/users/{userId}/onlineMeetings?$filter=JoinWebUrl eq '{joinWebUrl}'",
        success: &[200],
        retry: RetrySafety::Idempotent,
        permissions: USER_READ,
    };
    pub static DELETE_ME: Endpoint = Endpoint {
        name: "delete",
        method: Verb::Delete,
        path: "/me/onlineMeetings/{meetingId}",
        success: &[204],
        retry: RetrySafety::Idempotent,
        permissions: ME_READ_WRITE,
    };
    pub static DELETE_USER: Endpoint = Endpoint {
        name: "delete",
        method: Verb::Delete,
        path: "/users/{userId}/onlineMeetings/{meetingId}",
        success: &[204],
        retry: RetrySafety::Idempotent,
        permissions: USER_READ_WRITE,
    };

    /// `POST /me/onlineMeetings` or `POST /users/{userId}/onlineMeetings` -> `201 Created`.
    pub fn create(
        target: &UserTarget,
        body: &Meeting,
        options: &RequestOptions,
    ) -> Result<GraphRequest<Meeting>, RequestError> {
        target
            .request(&CREATE_ME, &CREATE_USER, &[])
            .json_body(body, Operation::Create)
            .build(options, parse_entity)
    }

    /// Reads the answer to [`create`] (`201 Created` with the meeting).
    pub fn parse_create_response(
        response: http::Response<Vec<u8>>,
    ) -> Result<Meeting, ResponseError> {
        parse_entity(&CREATE_ME, response)
    }

    /// `POST .../onlineMeetings/createOrGet` -> `201` (created) or `200` (existing).
    pub fn create_or_get(
        target: &UserTarget,
        body: &Meeting,
        options: &RequestOptions,
    ) -> Result<GraphRequest<CreatedOrExisting<Meeting>>, RequestError> {
        target
            .request(&CREATE_OR_GET_ME, &CREATE_OR_GET_USER, &[])
            .json_body(body, Operation::Create)
            .build(options, parse_created_or_existing)
    }

    /// `GET .../onlineMeetings/{meetingId}` -> `200 OK`.
    pub fn get(
        target: &UserTarget,
        meeting_id: &str,
        options: &RequestOptions,
    ) -> Result<GraphRequest<Meeting>, RequestError> {
        target
            .request(&GET_ME, &GET_USER, &[meeting_id])
            .build(options, parse_entity)
    }

    /// `GET .../onlineMeetings?$filter=JoinWebUrl eq '...'` -> the one meeting, if any.
    pub fn get_by_join_web_url(
        target: &UserTarget,
        join_web_url: &str,
        options: &RequestOptions,
    ) -> Result<GraphRequest<Option<Meeting>>, RequestError> {
        target
            .request(&GET_BY_JOIN_WEB_URL_ME, &GET_BY_JOIN_WEB_URL_USER, &[])
            .query(
                "$filter",
                &graph_core::http::eq_filter("JoinWebUrl", join_web_url),
            )
            .build(options, parse_single_from_collection)
    }

    /// `DELETE .../onlineMeetings/{meetingId}` -> `204 No Content`.
    pub fn delete(
        target: &UserTarget,
        meeting_id: &str,
        options: &RequestOptions,
    ) -> Result<GraphRequest<()>, RequestError> {
        target
            .request(&DELETE_ME, &DELETE_USER, &[meeting_id])
            .build(options, parse_no_content)
    }
}
