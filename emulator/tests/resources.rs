//! The generic service over a small Graph-shaped metadata file (tests/data/directory.xml):
//! every path it declares, served from an in-memory store, over loopback.

mod common;

use std::sync::{Arc, OnceLock};

use common::{Harness, Reply, USER};
use graph_emulator::{ApiError, Catalog, Claims, Emulator, EmulatorConfig, Fixture};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn catalog() -> Arc<Catalog> {
    static CATALOG: OnceLock<Arc<Catalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/directory.xml");
            Arc::new(Catalog::load(path).expect("the fixture reads"))
        })
        .clone()
}

async fn start() -> (Harness, String) {
    let harness =
        Harness::start_with(EmulatorConfig::default().metadata(catalog()).page_size(2)).await;
    let mut claims = Claims::delegated(USER, &["User.ReadWrite.All"]);
    claims.upn = Some("adele@contoso.com".into());
    claims.name = Some("Adele Vance".into());
    let token = harness.token(&claims);
    (harness, token)
}

impl Harness {
    /// `GET path` (a `$count`), the answer's text.
    async fn count(&self, path: &str, token: &str) -> String {
        let reply = self.call(Method::GET, path, token, None).await;
        String::from_utf8_lossy(&reply.raw).into_owned()
    }

    async fn call(&self, method: Method, path: &str, token: &str, body: Option<Value>) -> Reply {
        let body = body.map(|b| b.to_string());
        self.send(method, path, Some(token), body.as_deref(), &[])
            .await
    }
}

#[tokio::test]
async fn entities_are_created_read_merged_and_deleted() {
    let (harness, token) = start().await;
    let created = harness
        .call(
            Method::POST,
            "/me/events",
            &token,
            Some(json!({"subject": "Plan", "size": 3, "start": {"dateTime": "2030-01-01T10:00:00", "timeZone": "UTC"}, "categories": ["Red"]})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"]
        .as_str()
        .expect("a server-made id")
        .to_owned();
    assert!(
        created.body["createdDateTime"].is_string(),
        "{}",
        created.body
    );
    assert_eq!(
        created.body["@odata.context"],
        format!(
            "{}/$metadata#users('{USER}')/events/$entity",
            harness.emulator.base_url()
        )
    );

    // `/me` is `/users/{the caller}`: both reach the same event.
    let read = harness
        .call(
            Method::GET,
            &format!("/users/{USER}/events/{id}"),
            &token,
            None,
        )
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body["subject"], "Plan");

    let patched = harness
        .call(
            Method::PATCH,
            &format!("/me/events/{id}"),
            &token,
            Some(json!({"subject": null, "categories": ["Blue", "Green"]})),
        )
        .await;
    assert_eq!(patched.status, StatusCode::NO_CONTENT, "{}", patched.body);
    let read = harness
        .call(Method::GET, &format!("/me/events/{id}"), &token, None)
        .await;
    assert_eq!(read.body["subject"], Value::Null, "an explicit null clears");
    assert_eq!(read.body["size"], 3, "a PATCH merges");
    assert_eq!(read.body["categories"], json!(["Blue", "Green"]));

    let me = harness.call(Method::GET, "/me", &token, None).await;
    assert_eq!(me.body["id"], USER);
    assert_eq!(me.body["userPrincipalName"], "adele@contoso.com");

    let deleted = harness
        .call(Method::DELETE, &format!("/me/events/{id}"), &token, None)
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let gone = harness
        .call(Method::GET, &format!("/me/events/{id}"), &token, None)
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.body["error"]["code"], "NotFound", "{}", gone.body);

    // Deleting a user takes what it contains with it.
    harness
        .call(Method::POST, "/me/events", &token, Some(json!({"size": 1})))
        .await;
    let removed = harness
        .call(Method::DELETE, &format!("/users/{USER}"), &token, None)
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    assert_eq!(
        harness.count("/me/events/$count", &token).await,
        "0",
        "/me comes back empty"
    );
}

#[tokio::test]
async fn bodies_are_checked_against_the_metadata() {
    let (harness, token) = start().await;
    for (body, wanted) in [
        (
            json!({"subjekt": "typo", "size": 1}),
            "The property 'subjekt' does not exist on type 'microsoft.graph.event'",
        ),
        (
            json!({"size": "three"}),
            "'size' to the expected type 'Edm.Int32'",
        ),
        (
            json!({"size": null}),
            "'size', which has the expected type 'Edm.Int32[Nullable=False]'",
        ),
        (
            json!({"size": 1, "start": {"timeZone": "UTC", "zone": 1}}),
            "The property 'zone' does not exist on type 'microsoft.graph.dateTimeTimeZone'",
        ),
        (json!({"size": 1, "categories": "Red"}), "'categories'"),
        (
            json!({"@odata.type": "#microsoft.graph.user"}),
            "could not be resolved as a type derived from 'microsoft.graph.event'",
        ),
    ] {
        let reply = harness
            .call(Method::POST, "/me/events", &token, Some(body.clone()))
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        let message = reply.body["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(wanted), "{body}: {message}");
    }
    assert_eq!(
        harness.count("/me/events/$count", &token).await,
        "0",
        "nothing refused is kept"
    );
}

#[tokio::test]
async fn paths_and_methods_the_metadata_lacks_are_refused_as_graph_refuses_them() {
    let (harness, token) = start().await;
    let unknown = harness
        .call(Method::GET, "/me/calendars", &token, None)
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.body["error"]["code"], "BadRequest");

    let not_allowed = harness
        .call(Method::PUT, "/users", &token, Some(json!({})))
        .await;
    assert_eq!(not_allowed.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        not_allowed.body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("GET, POST"),
        "{}",
        not_allowed.body
    );

    let event = harness
        .call(Method::POST, "/me/events", &token, Some(json!({"size": 1})))
        .await;
    let id = event.body["id"].as_str().unwrap();
    let action = harness
        .call(
            Method::POST,
            &format!("/me/events/{id}/cancel"),
            &token,
            Some(json!({"comment": "no"})),
        )
        .await;
    assert_eq!(action.status, StatusCode::NOT_IMPLEMENTED);
    assert_eq!(action.body["error"]["code"], "notImplemented");

    let anonymous = harness.send(Method::GET, "/users", None, None, &[]).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let app = harness.token(&Claims::app(common::APP, &["User.Read.All"]));
    let me_as_app = harness.call(Method::GET, "/me", &app, None).await;
    assert_eq!(me_as_app.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn collections_page_filter_sort_select_and_count() {
    let (harness, token) = start().await;
    for (subject, size) in [
        ("delta", 4),
        ("alpha", 1),
        ("Charlie", 3),
        ("bravo", 2),
        ("echo", 5),
    ] {
        let reply = harness
            .call(
                Method::POST,
                "/me/events",
                &token,
                Some(json!({"subject": subject, "size": size, "categories": [if size % 2 == 0 { "even" } else { "odd" }]})),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED);
    }
    // Page size 2 (the harness's): three pages, each link exactly as the client follows it.
    let mut url = format!(
        "{}/me/events?$orderby=size%20desc&$count=true&$select=subject",
        harness.emulator.base_url()
    );
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let bytes = harness
            .http
            .get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let page: Value = serde_json::from_slice(&bytes).unwrap();
        pages += 1;
        assert_eq!(page["@odata.count"], 5, "{page}");
        for item in page["value"].as_array().unwrap() {
            assert!(
                item.get("size").is_none(),
                "$select keeps only subject: {item}"
            );
            seen.push(item["subject"].as_str().unwrap().to_owned());
        }
        match page["@odata.nextLink"].as_str() {
            Some(next) => url = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, ["echo", "delta", "Charlie", "bravo", "alpha"]);

    let filtered = harness
        .call(
            Method::GET,
            "/me/events?$filter=categories/any(c:c%20eq%20'odd')%20and%20not%20startswith(subject,'e')&$top=10",
            &token,
            None,
        )
        .await;
    let subjects: Vec<&str> = filtered.body["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["alpha", "Charlie"], "{}", filtered.body);

    let prefer = harness
        .send(
            Method::GET,
            "/me/events?$skip=1",
            Some(&token),
            None,
            &[("prefer", "odata.maxpagesize=3")],
        )
        .await;
    assert_eq!(prefer.body["value"].as_array().unwrap().len(), 3);
    assert_eq!(prefer.headers["preference-applied"], "odata.maxpagesize=3");
    let bad = harness
        .call(
            Method::GET,
            "/me/events?$filter=size%20like%201",
            &token,
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Invalid filter clause"));
}

#[tokio::test]
async fn references_link_entities_kept_elsewhere() {
    let (harness, token) = start().await;
    let base = harness.emulator.base_url();
    let group = harness
        .call(
            Method::POST,
            "/groups",
            &token,
            Some(json!({"displayName": "Team"})),
        )
        .await;
    let group_id = group.body["id"].as_str().unwrap().to_owned();
    let user = harness
        .call(
            Method::POST,
            "/users",
            &token,
            Some(json!({"id": "u-2", "displayName": "Megan"})),
        )
        .await;
    assert_eq!(user.status, StatusCode::CREATED, "{}", user.body);

    // `@odata.id` may name the entity through a set of a base type.
    for target in [
        "https://graph.microsoft.com/v1.0/directoryObjects/u-2",
        &format!("{base}/groups/{group_id}"),
    ] {
        let added = harness
            .call(
                Method::POST,
                &format!("/groups/{group_id}/members/$ref"),
                &token,
                Some(json!({"@odata.id": target})),
            )
            .await;
        assert_eq!(added.status, StatusCode::NO_CONTENT, "{}", added.body);
    }
    let members = harness
        .call(
            Method::GET,
            &format!("/groups/{group_id}/members"),
            &token,
            None,
        )
        .await;
    let types: Vec<&str> = members.body["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["@odata.type"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        types,
        ["#microsoft.graph.user", "#microsoft.graph.group"],
        "{}",
        members.body
    );
    let users = harness
        .call(
            Method::GET,
            &format!("/groups/{group_id}/members/microsoft.graph.user"),
            &token,
            None,
        )
        .await;
    assert_eq!(
        users.body["value"][0]["displayName"], "Megan",
        "{}",
        users.body
    );

    let removed = harness
        .call(
            Method::DELETE,
            &format!("/groups/{group_id}/members/u-2/$ref"),
            &token,
            None,
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.body);
    let members = format!("/groups/{group_id}/members/$count");
    assert_eq!(harness.count(&members, &token).await, "1");
    let still_there = harness.call(Method::GET, "/users/u-2", &token, None).await;
    assert_eq!(
        still_there.status,
        StatusCode::OK,
        "removing a reference keeps the entity"
    );

    // A single-valued reference.
    let none = harness.call(Method::GET, "/me/manager", &token, None).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    let set = harness
        .call(
            Method::PUT,
            "/me/manager/$ref",
            &token,
            Some(json!({"@odata.id": format!("{base}/users/u-2")})),
        )
        .await;
    assert_eq!(set.status, StatusCode::NO_CONTENT, "{}", set.body);
    let manager = harness.call(Method::GET, "/me/manager", &token, None).await;
    assert_eq!(manager.body["displayName"], "Megan");
    let missing = harness
        .call(
            Method::PUT,
            "/me/manager/$ref",
            &token,
            Some(json!({"@odata.id": format!("{base}/users/nobody")})),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn stream_content_is_kept_with_its_type() {
    let (harness, token) = start().await;
    let url = format!("{}/me/photo/$value", harness.emulator.base_url());
    let put = harness
        .http
        .put(&url)
        .bearer_auth(&token)
        .header("content-type", "image/png")
        .body(vec![0x89, b'P', b'N', b'G'])
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::NO_CONTENT);
    let got = harness
        .http
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(got.headers()["content-type"], "image/png");
    assert_eq!(
        got.bytes().await.unwrap().as_ref(),
        [0x89, b'P', b'N', b'G']
    );
}

#[tokio::test]
async fn tenants_do_not_see_each_other() {
    let (harness, token) = start().await;
    harness
        .call(
            Method::POST,
            "/groups",
            &token,
            Some(json!({"displayName": "Ours"})),
        )
        .await;
    let other = harness.token(
        &Claims::delegated(USER, &["User.ReadWrite.All"])
            .with_tenant("0b2e1a76-0000-4000-8000-000000000001"),
    );
    let theirs = harness.call(Method::GET, "/groups", &other, None).await;
    assert_eq!(theirs.body["value"], json!([]));
}

#[tokio::test]
async fn an_alternate_key_finds_the_entity_its_key_would() {
    let (harness, token) = start().await;
    let app = harness
        .call(
            Method::POST,
            "/applications",
            &token,
            Some(json!({"appId": "00000003-0000-0000-c000-000000000000", "displayName": "Graph"})),
        )
        .await;
    let id = app.body["id"].as_str().unwrap();
    let by_app_id = harness
        .call(
            Method::GET,
            "/applications(appId='00000003-0000-0000-c000-000000000000')",
            &token,
            None,
        )
        .await;
    assert_eq!(by_app_id.status, StatusCode::OK, "{}", by_app_id.body);
    assert_eq!(by_app_id.body["id"], id);
    // Percent-encoded quotes are the same path.
    let encoded = harness
        .call(
            Method::PATCH,
            "/applications(appId=%2700000003-0000-0000-c000-000000000000%27)",
            &token,
            Some(json!({"displayName": "Microsoft Graph"})),
        )
        .await;
    assert_eq!(encoded.status, StatusCode::NO_CONTENT, "{}", encoded.body);
    let read = harness
        .call(Method::GET, &format!("/applications/{id}"), &token, None)
        .await;
    assert_eq!(read.body["displayName"], "Microsoft Graph");
    let missing = harness
        .call(Method::GET, "/applications(appId='nope')", &token, None)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_fixture_starts_the_service_with_its_entities() {
    // Members in any order: collections are filled by depth, references last.
    let harness = start_seeded(r#"{
            "groups/team/members/$ref": ["users/adele", "https://graph.microsoft.com/v1.0/users/megan"],
            "users/adele/events": [{"subject": "Plan", "size": 1}],
            "groups": [{"id": "team", "displayName": "Team"}],
            "users": [{"id": "adele", "displayName": "Adele"}, {"id": "megan", "displayName": "Megan"}]
        }"#).await;
    let token = harness.token(&Claims::delegated("adele", &["User.Read"]));
    let events = harness.call(Method::GET, "/me/events", &token, None).await;
    assert_eq!(
        events.body["value"][0]["subject"], "Plan",
        "{}",
        events.body
    );
    assert_eq!(
        harness.count("/groups/team/members/$count", &token).await,
        "2"
    );
}

#[tokio::test]
async fn a_fixture_the_service_refuses_names_the_entity() {
    let fixture = Fixture::from_json(
        "fixture.json",
        r#"{"users": [{"id": "adele"}, {"id": "megan", "nickname": "M"}]}"#,
    )
    .unwrap();
    let message = refusal(fixture.clone()).await;
    assert!(
        message
            .starts_with("fixture.json: \"users\"[1]: 400 The property 'nickname' does not exist"),
        "{message}"
    );
    let error = Emulator::start(EmulatorConfig::default().fixture(Arc::new(fixture)))
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("give one (--metadata)"),
        "{error}"
    );

    for (text, wanted) in [
        ("[]", "a fixture is a JSON object"),
        (r#"{"users": {"id": "x"}}"#, "\"users\" must be an array"),
        ("{\n  \"users\": [,]\n}", "fixture.json: line 2, column"),
    ] {
        let error = Fixture::from_json("fixture.json", text).unwrap_err();
        assert!(error.to_string().contains(wanted), "{text}: {error}");
    }
}

#[tokio::test]
async fn expand_includes_navigation_one_level_and_search_finds_terms() {
    let harness = start_seeded(r#"{
            "users": [{"id": "adele", "displayName": "Adele Vance"}, {"id": "megan", "displayName": "Megan Bowen"}],
            "users/adele/events": [{"subject": "Quarterly plan", "size": 1}, {"subject": "Lunch", "size": 2}],
            "groups": [{"id": "team", "displayName": "Team"}],
            "groups/team/members/$ref": ["users/adele", "users/megan"],
            "users/adele/manager/$ref": ["users/megan"]
        }"#).await;
    let token = harness.token(&Claims::delegated("adele", &["User.Read"]));
    let group = harness
        .call(Method::GET, "/groups/team?$expand=members", &token, None)
        .await;
    let names: Vec<&str> = group.body["members"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", group.body))
        .iter()
        .map(|m| m["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Adele Vance", "Megan Bowen"]);

    let users = harness
        .call(
            Method::GET,
            "/users?$expand=events($select=subject)",
            &token,
            None,
        )
        .await;
    assert_eq!(
        users.body["value"][0]["events"][1]["subject"], "Lunch",
        "{}",
        users.body
    );
    assert_eq!(users.body["value"][1]["events"], json!([]));

    let me = harness
        .call(Method::GET, "/me?$expand=manager", &token, None)
        .await;
    assert_eq!(
        me.body["manager"]["displayName"], "Megan Bowen",
        "{}",
        me.body
    );
    let megan = harness
        .call(Method::GET, "/users/megan?$expand=manager", &token, None)
        .await;
    assert_eq!(megan.body["manager"], Value::Null, "no manager set");

    let bad = harness
        .call(Method::GET, "/me?$expand=displayName", &token, None)
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let found = harness
        .call(Method::GET, "/me/events?$search=%22PLAN%22", &token, None)
        .await;
    assert_eq!(
        found.body["value"].as_array().unwrap().len(),
        1,
        "{}",
        found.body
    );
    let by_property = harness
        .call(
            Method::GET,
            "/users?$search=%22displayName:bowen%22",
            &token,
            None,
        )
        .await;
    assert_eq!(
        by_property.body["value"][0]["id"], "megan",
        "{}",
        by_property.body
    );
}

/// A service over the test metadata, started with the fixture `json`.
async fn start_seeded(json: &str) -> Harness {
    let fixture = Fixture::from_json("fixture.json", json).expect("the fixture reads");
    Harness::start_with(
        EmulatorConfig::default()
            .metadata(catalog())
            .fixture(Arc::new(fixture)),
    )
    .await
}

/// What starting a service with `fixture` fails with.
async fn refusal(fixture: Fixture) -> String {
    Emulator::start(
        EmulatorConfig::default()
            .metadata(catalog())
            .fixture(Arc::new(fixture)),
    )
    .await
    .expect_err("the service refuses the fixture")
    .to_string()
}

#[tokio::test]
async fn a_registered_plug_in_answers_its_action() {
    use std::sync::Mutex;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let config = EmulatorConfig::default()
        .metadata(catalog())
        .operation("cancel", move |call| {
            let comment = call.body.and_then(|b| b["comment"].as_str()).unwrap_or("");
            if comment.is_empty() {
                return Err(ApiError::bad_request("A comment is required."));
            }
            record.lock().unwrap().push((
                call.template.to_owned(),
                call.parameters.to_vec(),
                comment.to_owned(),
            ));
            Ok(None)
        });
    let harness = Harness::start_with(config).await;
    let token = harness.token(&Claims::delegated(USER, &["Calendars.ReadWrite"]));
    let event = harness
        .call(Method::POST, "/me/events", &token, Some(json!({"size": 1})))
        .await;
    let id = event.body["id"].as_str().unwrap().to_owned();
    let cancelled = harness
        .call(
            Method::POST,
            &format!("/users/{USER}/events/{id}/cancel"),
            &token,
            Some(json!({"comment": "snow"})),
        )
        .await;
    assert_eq!(
        cancelled.status,
        StatusCode::NO_CONTENT,
        "{}",
        cancelled.body
    );
    let refused = harness
        .call(
            Method::POST,
            &format!("/me/events/{id}/cancel"),
            &token,
            Some(json!({})),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.body["error"]["message"], "A comment is required.");
    assert_eq!(
        *seen.lock().unwrap(),
        [(
            "/users/{userId}/events/{eventId}/cancel".to_owned(),
            vec![USER.to_owned(), id],
            "snow".to_owned()
        )]
    );
}

#[tokio::test]
async fn a_second_file_adds_to_the_first() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    let catalog = Catalog::load_all(&[
        format!("{data}/directory.xml"),
        format!("{data}/read-only-groups.xml"),
    ])
    .unwrap();
    let harness = Harness::start_with(EmulatorConfig::default().metadata(Arc::new(catalog))).await;
    let token = harness.token(&Claims::delegated(USER, &["Group.ReadWrite.All"]));
    let group = harness
        .call(
            Method::POST,
            "/groups",
            &token,
            Some(json!({"displayName": "Kept"})),
        )
        .await;
    let id = group.body["id"].as_str().unwrap();
    let refused = harness
        .call(Method::DELETE, &format!("/groups/{id}"), &token, None)
        .await;
    assert_eq!(
        refused.status,
        StatusCode::METHOD_NOT_ALLOWED,
        "{}",
        refused.body
    );

    let missing = Catalog::load_all(&[format!("{data}/directory.xml"), format!("{data}/nope.xml")])
        .unwrap_err();
    assert!(
        missing
            .to_string()
            .contains("nope.xml: cannot read the metadata"),
        "{missing}"
    );
}

#[tokio::test]
async fn the_rules_a_generated_client_checks_are_checked_again() {
    let (harness, token) = start().await;
    for (path, body, wanted) in [
        (
            "/me/events",
            json!({"size": 1, "createdDateTime": "2030-01-01T00:00:00Z"}),
            "Property 'createdDateTime': it is read-only",
        ),
        (
            "/me/events",
            json!({"size": 1, "subject": "a subject of more than forty characters, surely"}),
            "Property 'subject': 47 characters, more than 40",
        ),
        (
            "/applications",
            json!({"appId": "a1"}),
            "The property 'displayName' is required when creating a 'microsoft.graph.application'",
        ),
    ] {
        let reply = harness
            .call(Method::POST, path, &token, Some(body.clone()))
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        let message = reply.body["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(wanted), "{body}: {message}");
    }
    let app = harness
        .call(
            Method::POST,
            "/applications",
            &token,
            Some(json!({"appId": "a1", "displayName": "App"})),
        )
        .await;
    let id = app.body["id"].as_str().unwrap();
    let changed = harness
        .call(
            Method::PATCH,
            &format!("/applications/{id}"),
            &token,
            Some(json!({"appId": "a2"})),
        )
        .await;
    assert_eq!(changed.status, StatusCode::BAD_REQUEST);
    assert!(
        changed.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cannot be changed after the entity is created"),
        "{}",
        changed.body
    );
    // A fixture sets what only the service may.
    let seeded = start_seeded(r#"{"users": [{"id": "u1"}], "users/u1/events": [{"size": 1, "createdDateTime": "2020-01-01T00:00:00Z"}]}"#).await;
    let token = seeded.token(&Claims::delegated("u1", &["Calendars.Read"]));
    let events = seeded.call(Method::GET, "/me/events", &token, None).await;
    assert_eq!(
        events.body["value"][0]["createdDateTime"], "2020-01-01T00:00:00Z",
        "a fixture may set read-only members: {}",
        events.body
    );
}
