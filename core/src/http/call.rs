//! What a generated operation function returns: the request so far, with its reader, open
//! to OData query options until [`Call::build`].

use std::marker::PhantomData;

use super::request::{GraphRequest, ParseFn, RequestBuilder, RequestError};
use super::{Endpoint, RequestOptions};

/// A structural property of the entity type `E`, for `$select`: generated as an associated
/// constant of the model (`Event::SUBJECT`), so a misspelt name does not compile.
pub struct Select<E> {
    name: &'static str,
    entity: PhantomData<fn() -> E>,
}

/// A navigation property of the entity type `E`, for `$expand` (`Group::MEMBERS`).
pub struct Expand<E> {
    name: &'static str,
    entity: PhantomData<fn() -> E>,
}

macro_rules! query_member {
    ($name:ident, $option:literal) => {
        impl<E> $name<E> {
            /// The property with this wire name; generated code names every one.
            pub const fn new(name: &'static str) -> Self {
                Self {
                    name,
                    entity: PhantomData,
                }
            }

            /// The wire name, as written in the query option.
            pub const fn name(&self) -> &'static str {
                self.name
            }
        }

        impl<E> Clone for $name<E> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<E> Copy for $name<E> {}

        impl<E> PartialEq for $name<E> {
            fn eq(&self, other: &Self) -> bool {
                self.name == other.name
            }
        }

        impl<E> Eq for $name<E> {}

        impl<E> std::fmt::Debug for $name<E> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($option, "={}"), self.name)
            }
        }
    };
}

query_member!(Select, "$select");
query_member!(Expand, "$expand");

fn joined(names: impl Iterator<Item = &'static str>) -> String {
    names.collect::<Vec<_>>().join(",")
}

/// One operation on one path, with its path parameters and body already set.
///
/// `T` is what the answer is read into; `E` is the entity type whose properties `$select` and
/// `$expand` name (`()` when the answer is not an entity).
///
/// Add query options, then [`Call::build`] the request with the [`RequestOptions`] of the
/// call (base URL, token, language):
///
/// ```
/// use graph_core::http::{parse_no_content, Call, Endpoint, Permissions, RequestBuilder,
///     RequestOptions, RetrySafety, Select, Verb};
///
/// struct Event;
/// impl Event {
///     const SUBJECT: Select<Event> = Select::new("subject");
///     const START: Select<Event> = Select::new("start");
/// }
///
/// static LIST: Endpoint = Endpoint {
///     name: "list",
///     method: Verb::Get,
///     path: "/me/events",
///     success: &[200],
///     retry: RetrySafety::Idempotent,
///     permissions: Permissions { delegated: &["Calendars.Read"], application: &[],
///                                personal_accounts: true },
/// };
/// let call: Call<(), Event> =
///     Call::new(RequestBuilder::new(&LIST).segment("me").segment("events"), parse_no_content);
/// let request = call
///     .select(&[Event::SUBJECT, Event::START])
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
pub struct Call<T, E = ()> {
    builder: RequestBuilder,
    parse: ParseFn<T>,
    entity: PhantomData<fn() -> E>,
}

impl<T, E> Call<T, E> {
    /// A call that reads its answer with `parse`.
    pub fn new(builder: RequestBuilder, parse: ParseFn<T>) -> Self {
        Self {
            builder,
            parse,
            entity: PhantomData,
        }
    }

    /// The operation and path it is for.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.builder.endpoint()
    }

    /// `$select`: only these properties (`&[Event::SUBJECT, Event::START]`). Anything the
    /// types cannot say (a derived type's property) goes through [`Call::query`].
    pub fn select(self, properties: &[Select<E>]) -> Self {
        self.query("$select", &joined(properties.iter().map(Select::name)))
    }

    /// `$expand`: these navigation properties inline (`&[Group::MEMBERS]`). Nested options
    /// (`members($select=id)`) go through [`Call::query`].
    pub fn expand(self, navigation: &[Expand<E>]) -> Self {
        self.query("$expand", &joined(navigation.iter().map(Expand::name)))
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

impl<T, E> std::fmt::Debug for Call<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("endpoint", &self.endpoint().describe())
            .finish_non_exhaustive()
    }
}
