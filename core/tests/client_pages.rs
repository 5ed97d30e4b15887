//! Paging against a scripted server: `@odata.nextLink` followed as written, a delta round's
//! `@odata.deltaLink` starting the next round, links to other hosts refused, item limits.
#![cfg(feature = "client")]

mod client_support;

use client_support::{client, Recorded, Reply, TestServer};
use futures_util::TryStreamExt;
use graph_core::client::{Client, ClientError, StaticToken};
use graph_core::http::{
    parse_entity, Endpoint, GraphRequest, Permissions, RequestBuilder, RequestError, RetrySafety,
    ValuePage, Verb,
};

static USERS_DELTA: Endpoint = Endpoint {
    name: "delta",
    method: Verb::Get,
    path: "/users/delta()",
    success: &[200],
    retry: RetrySafety::Idempotent,
    permissions: Permissions::UNLISTED,
};

/// `GET /users/delta()?$select=displayName`, with a header every page must carry.
fn users_delta(client: &Client<StaticToken>) -> GraphRequest<ValuePage<String>> {
    let mut request = RequestBuilder::new(&USERS_DELTA)
        .segment("users")
        .function("delta", &[])
        .query("$select", "displayName")
        .build(&client.request_options(), parse_entity)
        .unwrap();
    request
        .request_mut()
        .headers_mut()
        .insert("prefer", "odata.maxpagesize=2".parse().unwrap());
    request
}

/// A page whose items are `names` and whose links are formed on the host the request came to.
fn page(request: &Recorded, names: &[&str], link: Option<(&str, &str)>) -> Reply {
    let host = request.header("host").unwrap();
    let items: Vec<String> = names.iter().map(|name| format!("{name:?}")).collect();
    let link = match link {
        Some((member, query)) => {
            format!(r#","{member}":"http://{host}/v1.0/users/delta()?{query}""#)
        }
        None => String::new(),
    };
    Reply::json(200, &format!(r#"{{"value":[{}]{link}}}"#, items.join(",")))
}

fn delta_service(request: &Recorded, _: usize) -> Reply {
    let query = request
        .target
        .split_once('?')
        .map_or("", |(_, query)| query);
    match query {
        "$select=displayName" => page(
            request,
            &["a", "b"],
            Some(("@odata.nextLink", "$skiptoken=p2")),
        ),
        "$skiptoken=p2" => page(
            request,
            &["c", "d"],
            Some(("@odata.nextLink", "$skiptoken=p3")),
        ),
        "$skiptoken=p3" => page(
            request,
            &["e"],
            Some(("@odata.deltaLink", "$deltatoken=t1")),
        ),
        "$deltatoken=t1" => page(
            request,
            &["b"],
            Some(("@odata.deltaLink", "$deltatoken=t2")),
        ),
        _ => Reply::json(
            400,
            r#"{"error":{"code":"badRequest","message":"unknown token"}}"#,
        ),
    }
}

#[tokio::test]
async fn a_delta_round_of_three_pages_hands_over_the_link_that_starts_the_next() {
    let server = TestServer::start(delta_service).await;
    let client = client(&server);

    let mut round = client.pages(users_delta(&client));
    let mut sizes = Vec::new();
    while let Some(page) = round.next_page().await.unwrap() {
        sizes.push(page.value.len());
    }
    assert_eq!(sizes, [2, 2, 1]);
    let saved = round.delta_link().unwrap().to_owned();
    assert_eq!(
        saved,
        format!(
            "http://127.0.0.1:{}/v1.0/users/delta()?$deltatoken=t1",
            server.port
        )
    );
    // Nothing is asked for after the last page.
    assert!(round.next_page().await.unwrap().is_none());

    let next: Vec<String> = client
        .items(users_delta(&client).follow(&saved).unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(next, ["b"]);

    let requests = server.requests();
    let targets: Vec<&str> = requests
        .iter()
        .map(|request| request.target.as_str())
        .collect();
    assert_eq!(
        targets,
        [
            "/v1.0/users/delta()?$select=displayName",
            "/v1.0/users/delta()?$skiptoken=p2",
            "/v1.0/users/delta()?$skiptoken=p3",
            "/v1.0/users/delta()?$deltatoken=t1",
        ]
    );
    for request in &requests {
        assert_eq!(request.header("prefer"), Some("odata.maxpagesize=2"));
        assert!(request
            .header("authorization")
            .unwrap()
            .starts_with("Bearer "));
    }
}

#[tokio::test]
async fn items_stream_across_pages_and_stop_at_the_maximum_without_another_request() {
    let server = TestServer::start(delta_service).await;
    let client = client(&server);
    let all: Vec<String> = client
        .items(users_delta(&client))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, ["a", "b", "c", "d", "e"]);
    assert_eq!(server.requests().len(), 3);

    let server = TestServer::start(delta_service).await;
    let client = self::client(&server);
    let mut items = client.items(users_delta(&client)).max_items(3);
    let mut taken = Vec::new();
    while let Some(item) = items.next_item().await.unwrap() {
        taken.push(item);
    }
    assert_eq!(taken, ["a", "b", "c"]);
    assert_eq!(
        server.requests().len(),
        2,
        "the third page was not asked for"
    );
    assert_eq!(items.delta_link(), None);
}

#[tokio::test]
async fn a_next_link_to_another_host_or_port_is_refused_without_a_request() {
    for foreign in [
        "https://attacker.example/v1.0/users/delta()?$skiptoken=p2",
        "http://127.0.0.2:{port}/v1.0/users/delta()?$skiptoken=p2",
        "http://127.0.0.1:1/v1.0/users/delta()?$skiptoken=p2",
        "/v1.0/users/delta()?$skiptoken=p2",
        "not a link",
    ] {
        let server = TestServer::start(move |request, _| {
            let port = request.header("host").unwrap().rsplit(':').next().unwrap();
            let link = foreign.replace("{port}", port);
            Reply::json(
                200,
                &format!(r#"{{"value":["a"],"@odata.nextLink":"{link}"}}"#),
            )
        })
        .await;
        let client = client(&server);
        let mut pages = client.pages(users_delta(&client));
        assert_eq!(pages.next_page().await.unwrap().unwrap().value, ["a"]);
        let error = pages.next_page().await.unwrap_err();
        let ClientError::Request(RequestError::ForeignLink {
            endpoint, reason, ..
        }) = &error
        else {
            panic!("{foreign}: {error:?}");
        };
        assert_eq!(endpoint, "GET /users/delta()");
        assert!(!reason.is_empty());
        assert!(
            error.to_string().contains("will not follow the link"),
            "{error}"
        );
        assert!(
            pages.next_page().await.unwrap().is_none(),
            "{foreign}: ended"
        );
        assert_eq!(server.requests().len(), 1, "{foreign}: one request");
    }
}

#[tokio::test]
async fn an_error_on_a_later_page_ends_the_collection_after_the_items_before_it() {
    let server = TestServer::start(|request, index| match index {
        0 => page(
            request,
            &["a", "b"],
            Some(("@odata.nextLink", "$skiptoken=gone")),
        ),
        _ => Reply::json(
            404,
            r#"{"error":{"code":"ResourceNotFound","message":"The skip token expired."}}"#,
        ),
    })
    .await;
    let client = client(&server);
    let mut items = client.items(users_delta(&client));
    assert_eq!(items.next_item().await.unwrap().as_deref(), Some("a"));
    assert_eq!(items.next_item().await.unwrap().as_deref(), Some("b"));
    let error = items.next_item().await.unwrap_err();
    let graph = error.response_error().unwrap().graph_error().unwrap();
    assert_eq!(graph.code, "ResourceNotFound");
    assert!(items.next_item().await.unwrap().is_none());
    assert_eq!(server.requests().len(), 2);
}
