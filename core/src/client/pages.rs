//! A collection page by page or item by item, following `@odata.nextLink`.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::{Client, ClientError, TokenProvider};
use crate::http::{GraphRequest, ValuePage};

type PageRequest<T> = GraphRequest<ValuePage<T>>;

/// What one page's exchange gives back: the request, kept to form the next one, and the page.
type Exchange<'c, T> =
    Pin<Box<dyn Future<Output = (PageRequest<T>, Result<ValuePage<T>, ClientError>)> + Send + 'c>>;

/// The pages of a collection, from [`Client::pages`]: a [`Stream`], or one page at a time
/// with [`Pages::next_page`].
///
/// Each `@odata.nextLink` is followed exactly as the service wrote it, with the first
/// request's headers; a link to another host is an error ([`ClientError::Request`]), never a
/// request. The collection ends at the first page without a `nextLink`, or at the first error.
///
/// A delta query's last page carries `@odata.deltaLink`; [`Pages::delta_link`] keeps it, and
/// the next round starts from it:
///
/// ```no_run
/// # use graph_core::client::{Client, StaticToken};
/// # use graph_core::http::{parse_entity, Endpoint, GraphRequest, Permissions, RequestBuilder,
/// #     RequestOptions, RetrySafety, ValuePage, Verb};
/// # static DELTA: Endpoint = Endpoint { name: "delta", method: Verb::Get,
/// #     path: "/users/delta()", success: &[200], retry: RetrySafety::Idempotent,
/// #     permissions: Permissions::UNLISTED };
/// # fn users_delta(options: &RequestOptions) -> GraphRequest<ValuePage<String>> {
/// #     RequestBuilder::new(&DELTA).segment("users").function("delta", &[])
/// #         .build(options, parse_entity).unwrap()
/// # }
/// # async fn demo(client: Client<StaticToken>) -> Result<(), Box<dyn std::error::Error>> {
/// let options = client.request_options();
/// let mut round = client.pages(users_delta(&options));
/// while let Some(page) = round.next_page().await? {
///     println!("{} changes", page.value.len());
/// }
/// let saved = round.delta_link().ok_or("a delta round ends with a deltaLink")?.to_owned();
/// // Later, maybe in another process: the same request, sent to the saved link.
/// let mut next_round = client.pages(users_delta(&options).follow(&saved)?);
/// # Ok(()) }
/// ```
pub struct Pages<'c, P, T> {
    client: &'c Client<P>,
    state: State<'c, T>,
    delta_link: Option<String>,
}

enum State<'c, T> {
    /// The next request, not sent yet.
    Ready(PageRequest<T>),
    Sending(Exchange<'c, T>),
    /// The service sent a `nextLink` that cannot be followed: reported once, then done.
    Refused(crate::http::RequestError),
    Done,
}

impl<'c, P: TokenProvider, T: Send + 'c> Pages<'c, P, T> {
    pub(super) fn new(client: &'c Client<P>, request: PageRequest<T>) -> Self {
        Self {
            client,
            state: State::Ready(request),
            delta_link: None,
        }
    }

    /// The next page; `None` after the last one (or after an error).
    pub async fn next_page(&mut self) -> Result<Option<ValuePage<T>>, ClientError> {
        poll_fn(|context| Pin::new(&mut *self).poll_next(context))
            .await
            .transpose()
    }
}

impl<P, T> Pages<'_, P, T> {
    /// The `@odata.deltaLink` of the last page read, once a delta round has reached it.
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }
}

impl<'c, P: TokenProvider, T: Send + 'c> Stream for Pages<'c, P, T> {
    type Item = Result<ValuePage<T>, ClientError>;

    fn poll_next(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match std::mem::replace(&mut this.state, State::Done) {
                State::Ready(request) => {
                    let client = this.client;
                    this.state = State::Sending(Box::pin(async move {
                        let page = client.send_ref(&request).await;
                        (request, page)
                    }));
                }
                State::Sending(mut exchange) => {
                    let (request, page) = match exchange.as_mut().poll(context) {
                        Poll::Ready(done) => done,
                        Poll::Pending => {
                            this.state = State::Sending(exchange);
                            return Poll::Pending;
                        }
                    };
                    let page = match page {
                        Ok(page) => page,
                        Err(error) => return Poll::Ready(Some(Err(error))),
                    };
                    if let Some(link) = &page.delta_link {
                        this.delta_link = Some(link.clone());
                    }
                    if let Some(link) = &page.next_link {
                        this.state = match request.follow(link) {
                            Ok(next) => State::Ready(next),
                            Err(refused) => State::Refused(refused),
                        };
                    }
                    return Poll::Ready(Some(Ok(page)));
                }
                State::Refused(error) => {
                    return Poll::Ready(Some(Err(ClientError::Request(error))))
                }
                State::Done => return Poll::Ready(None),
            }
        }
    }
}

/// The items of a collection across its pages, from [`Client::items`]: a [`Stream`], or one
/// item at a time with [`Items::next_item`]. Pages are asked for only as items are taken.
pub struct Items<'c, P, T> {
    pages: Pages<'c, P, T>,
    current: std::vec::IntoIter<T>,
    left: Option<usize>,
}

impl<'c, P: TokenProvider, T: Send + 'c> Items<'c, P, T> {
    pub(super) fn new(pages: Pages<'c, P, T>) -> Self {
        Self {
            pages,
            current: Vec::new().into_iter(),
            left: None,
        }
    }

    /// Ends after `count` items, without asking for another page once it has them.
    pub fn max_items(mut self, count: usize) -> Self {
        self.left = Some(count);
        self
    }

    /// The next item; `None` after the last one (or after an error).
    pub async fn next_item(&mut self) -> Result<Option<T>, ClientError> {
        poll_fn(|context| Pin::new(&mut *self).poll_next(context))
            .await
            .transpose()
    }
}

// Nothing in an `Items` is pinned in place: the pending exchange is boxed, and items are
// moved out as they are handed over.
impl<P, T> Unpin for Items<'_, P, T> {}

impl<P, T> Items<'_, P, T> {
    /// The `@odata.deltaLink` of the last page read; see [`Pages::delta_link`].
    pub fn delta_link(&self) -> Option<&str> {
        self.pages.delta_link()
    }
}

impl<'c, P: TokenProvider, T: Send + 'c> Stream for Items<'c, P, T> {
    type Item = Result<T, ClientError>;

    fn poll_next(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.left == Some(0) {
                return Poll::Ready(None);
            }
            if let Some(item) = this.current.next() {
                if let Some(left) = &mut this.left {
                    *left -= 1;
                }
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(context) {
                Poll::Ready(Some(Ok(page))) => this.current = page.value.into_iter(),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}
