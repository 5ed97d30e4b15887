//! What a generated operation function returns: the request so far, with its reader, open
//! to OData query options until [`Call::build`].

use super::request::{GraphRequest, ParseFn, RequestBuilder, RequestError};
use super::{Endpoint, RequestOptions};

/// One operation on one path, with its path parameters and body already set.
///
/// Add query options, then [`Call::build`] the request with the [`RequestOptions`] of the
/// call (base URL, token, language):
///
/// ```
/// use graph_core::http::{parse_no_content, Call, Endpoint, Permissions, RequestBuilder,
///     RequestOptions, RetrySafety};
///
/// static LIST: Endpoint = Endpoint {
///     name: "list",
///     method: "GET",
///     path: "/me/events",
///     success: &[200],
///     retry: RetrySafety::Idempotent,
///     permissions: Permissions { delegated: &["Calendars.Read"], application: &[],
///                                personal_accounts: true },
/// };
/// let call = Call::new(RequestBuilder::new(&LIST).segment("me").segment("events"),
///                      parse_no_content);
/// let request = call
///     .select(&["subject", "start"])
///     .filter("start/dateTime ge '2026-12-01T00:00:00'")
///     .order_by(&["start/dateTime"])
///     .top(10)
///     .build(&RequestOptions::default())
///     .unwrap();
/// assert_eq!(
///     request.request().uri(),
///     "https://graph.microsoft.com/v1.0/me/events?$select=subject,start\
///      &$filter=start/dateTime%20ge%20'2026-12-01T00%3A00%3A00'&$orderby=start/dateTime&$top=10"
/// );
/// ```
#[must_use = "a call does nothing until it is built and sent"]
pub struct Call<T> {
    builder: RequestBuilder,
    parse: ParseFn<T>,
}

impl<T> Call<T> {
    /// A call that reads its answer with `parse`.
    pub fn new(builder: RequestBuilder, parse: ParseFn<T>) -> Self {
        Self { builder, parse }
    }

    /// The operation and path it is for.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.builder.endpoint()
    }

    /// `$select`: only these properties (wire names, as in the type's docs).
    pub fn select(self, properties: &[&str]) -> Self {
        self.query("$select", &properties.join(","))
    }

    /// `$expand`: these navigation properties inline (wire names; `members($select=id)`).
    pub fn expand(self, navigation: &[&str]) -> Self {
        self.query("$expand", &navigation.join(","))
    }

    /// `$filter`: an OData expression (`startsWith(displayName,'A')`). Quote string
    /// literals with [`super::odata_string_literal`].
    pub fn filter(self, expression: &str) -> Self {
        self.query("$filter", expression)
    }

    /// `$search`: Graph's search expression, with its double quotes (`"displayName:Ann"`).
    pub fn search(self, expression: &str) -> Self {
        self.query("$search", expression)
    }

    /// `$orderby`: properties, each optionally followed by ` desc`.
    pub fn order_by(self, keys: &[&str]) -> Self {
        self.query("$orderby", &keys.join(","))
    }

    /// `$top`: at most this many items in the page.
    pub fn top(self, count: u32) -> Self {
        self.query("$top", &count.to_string())
    }

    /// `$skip`: leave out this many items first.
    pub fn skip(self, count: u32) -> Self {
        self.query("$skip", &count.to_string())
    }

    /// `$count=true`: the page carries `@odata.count`, the size of the whole collection.
    pub fn count(self, count: bool) -> Self {
        self.query("$count", if count { "true" } else { "false" })
    }

    /// Any other query pair (`$skiptoken`, `$deltatoken`, a function's `@alias`), encoded here.
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.builder = self.builder.query(key, value);
        self
    }

    /// The request, ready to send, with the reader of its answer.
    pub fn build(self, options: &RequestOptions) -> Result<GraphRequest<T>, RequestError> {
        self.builder.build(options, self.parse)
    }
}

impl<T> std::fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("endpoint", &self.endpoint().describe())
            .finish_non_exhaustive()
    }
}
