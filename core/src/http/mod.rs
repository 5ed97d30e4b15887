//! Sans-IO HTTP: build an `http::Request<Vec<u8>>` for a Graph endpoint and read its
//! `http::Response<Vec<u8>>` into the typed result or a typed [`GraphError`].
//!
//! Nothing here does I/O, so any HTTP stack can send the requests; the `client` feature adds
//! one (`crate::client`). Generated endpoint functions are thin: a static [`Endpoint`] with
//! the operation's facts, a [`RequestBuilder`] chain, and one of the `parse_*` functions.
//!
//! ```
//! use graph_core::http::{
//!     parse_no_content, Endpoint, Permissions, RequestBuilder, RequestOptions, RetrySafety, Verb,
//! };
//!
//! static DELETE: Endpoint = Endpoint {
//!     name: "delete",
//!     method: Verb::Delete,
//!     path: "/users/{userId}/onlineMeetings/{meetingId}",
//!     success: &[204],
//!     retry: RetrySafety::Idempotent,
//!     permissions: Permissions {
//!         delegated: &["OnlineMeetings.ReadWrite"],
//!         application: &["OnlineMeetings.ReadWrite.All"],
//!         personal_accounts: false,
//!     },
//! };
//! let request = RequestBuilder::new(&DELETE)
//!     .segment("users")
//!     .param("userId", "../admin")
//!     .segment("onlineMeetings")
//!     .param("meetingId", "a/b")
//!     .build(&RequestOptions::default(), parse_no_content)
//!     .unwrap();
//! assert_eq!(
//!     request.request().uri(),
//!     "https://graph.microsoft.com/v1.0/users/..%2Fadmin/onlineMeetings/a%2Fb"
//! );
//! ```

mod base_url;
mod call;
mod collection;
mod encode;
mod endpoint;
mod error;
mod options;
mod request;
mod response;

/// The `http` crate's types that requests and responses are made of, so generated code needs
/// no dependency of its own.
pub use ::http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode};
pub use base_url::{BaseUrl, BaseUrlError};
pub use call::{Call, Expand, Select};
pub use collection::ValuePage;
pub use encode::{
    check_segment, encode_query_key, encode_query_value, encode_segment, eq_filter,
    odata_string_literal,
};
pub use endpoint::{Endpoint, Permissions, RetrySafety, Verb};
pub use error::{excerpt, ErrorDetail, GraphError, InnerError};
pub use options::{AccessToken, LanguageTag, LanguageTagError, RequestOptions};
pub use request::{bearer_header, GraphRequest, ParseFn, PathValue, RequestBuilder, RequestError};
pub use response::{
    expect_success, parse_bytes, parse_complex, parse_count, parse_created_or_existing,
    parse_entity, parse_no_content, parse_optional_entity, parse_single_from_collection,
    parse_value, refusal, CreatedOrExisting, ResponseError, StrictReading, UnexpectedStatus,
};
