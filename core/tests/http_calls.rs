//! The pieces generated operations for all of Graph are made of: function segments and
//! aliases, action parameters, stream and `$ref` bodies, query options, and the readers of
//! pages, counts, wrapped values, optional entities and bytes.

use graph_core::http::{
    parse_bytes, parse_complex, parse_count, parse_entity, parse_no_content, parse_optional_entity,
    parse_value, Call, Endpoint, Expand, PathValue, Permissions, RequestBuilder, RequestOptions,
    RetrySafety, Select, ValuePage, Verb,
};

static GET: Endpoint = endpoint(Verb::Get, &[200]);
static POST: Endpoint = endpoint(Verb::Post, &[200, 204]);
static PATCH: Endpoint = endpoint(Verb::Patch, &[200, 204]);

const fn endpoint(method: Verb, success: &'static [u16]) -> Endpoint {
    Endpoint {
        name: "test",
        method,
        path: "/test",
        success,
        retry: RetrySafety::Idempotent,
        permissions: Permissions {
            delegated: &[],
            application: &[],
            personal_accounts: false,
        },
    }
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .unwrap()
}

const fn at(path: &'static str) -> Endpoint {
    Endpoint {
        path,
        ..endpoint(Verb::Get, &[200])
    }
}

fn uri_path(builder: RequestBuilder) -> Result<String, String> {
    builder
        .build(&RequestOptions::default(), parse_no_content)
        .map(|request| request.request().uri().path().to_owned())
        .map_err(|error| error.to_string())
}

#[test]
fn templates_are_filled_in_order_each_value_written_as_its_place_says() {
    static EVENT: Endpoint = at("/users/{userId}/events/{eventId}/accept");
    static CELL: Endpoint =
        at("/sites/getByPath(path='{path}')/cell(row={row},column={column})/$count");
    static ALIAS: Endpoint = at("/teams/{teamId}/doesUserHaveAccess(userId=@userId)");
    static UNICODE: Endpoint = at("/caf\u{e9}s/{id}");

    assert_eq!(
        uri_path(RequestBuilder::at_key(&EVENT, "a/b", &["x y"])).unwrap(),
        "/v1.0/users/a%2Fb/events/x%20y/accept"
    );
    assert_eq!(
        uri_path(RequestBuilder::at(&CELL, &["/teams/o'brien a/b", "2", "3"])).unwrap(),
        "/v1.0/sites/getByPath(path='%2Fteams%2Fo%27%27brien%20a%2Fb')/cell(row=2,column=3)/$count"
    );
    assert_eq!(
        uri_path(
            RequestBuilder::at(&ALIAS, &["t"]).alias("userId", Some(PathValue::Quoted("u'1")))
        )
        .unwrap(),
        "/v1.0/teams/t/doesUserHaveAccess(userId=@userId)"
    );
    assert_eq!(
        uri_path(RequestBuilder::at(&UNICODE, &["1"])).unwrap(),
        "/v1.0/caf%C3%A9s/1"
    );
}

#[test]
fn a_template_refuses_a_dot_segment_an_empty_key_and_a_missing_value() {
    static EVENT: Endpoint = at("/users/{userId}/events/{eventId}");
    for (key, values, expected) in [
        ("..", &["1"][..], "`userId` is a dot segment"),
        ("u", &[""][..], "`eventId` is empty"),
        ("u", &[][..], "`eventId` has no value"),
    ] {
        let error = uri_path(RequestBuilder::at_key(&EVENT, key, values)).unwrap_err();
        assert!(error.contains(expected), "{error}");
        assert!(
            error.contains("GET /users/{userId}/events/{eventId}"),
            "{error}"
        );
    }
}

#[test]
fn function_segments_quote_strings_double_quotes_and_encode_values() {
    let request = RequestBuilder::new(&GET)
        .segment("reports")
        .function(
            "getEmailActivityCounts",
            &[("period", PathValue::Quoted("D7"))],
        )
        .segment("sites")
        .function(
            "getByPath",
            &[("path", PathValue::Quoted("/teams/o'brien a/b"))],
        )
        .function(
            "cell",
            &[
                ("row", PathValue::Plain("2")),
                ("column", PathValue::Plain("3")),
            ],
        )
        .build(&RequestOptions::default(), parse_no_content)
        .unwrap();
    assert_eq!(
        request.request().uri().path(),
        "/v1.0/reports/getEmailActivityCounts(period='D7')/sites\
         /getByPath(path='%2Fteams%2Fo%27%27brien%20a%2Fb')/cell(row=2,column=3)"
    );
}

#[test]
fn optional_function_parameters_go_in_the_query_as_aliases() {
    let request = RequestBuilder::new(&GET)
        .function("getAllRecordings", &[])
        .alias("meetingOrganizerUserId", Some(PathValue::Quoted("u'1")))
        .alias("startDateTime", None)
        .alias("top", Some(PathValue::Plain("5")))
        .build(&RequestOptions::default(), parse_no_content)
        .unwrap();
    assert_eq!(
        request.request().uri().query(),
        Some("@meetingOrganizerUserId='u''1'&@top=5")
    );
}

#[test]
fn action_parameters_make_one_json_object_and_missing_ones_are_left_out() {
    let request = RequestBuilder::new(&POST)
        .segment("accept")
        .parameter("comment", "see you")
        .optional_parameter::<bool>("sendResponse", None)
        .optional_parameter("count", Some(&3_i32))
        .parameter("ids", &vec!["a".to_owned(), "b".to_owned()])
        .build(&RequestOptions::default(), parse_no_content)
        .unwrap();
    assert_eq!(
        std::str::from_utf8(request.request().body()).unwrap(),
        r#"{"comment":"see you","count":3,"ids":["a","b"]}"#
    );
    assert_eq!(
        request.request().headers()["content-type"],
        "application/json"
    );
}

#[test]
fn stream_and_reference_bodies() {
    let request = RequestBuilder::new(&POST)
        .segment("content")
        .stream_body(vec![0, 1, 2], "application/octet-stream")
        .build(&RequestOptions::default(), parse_no_content)
        .unwrap();
    assert_eq!(request.request().body(), &[0, 1, 2]);
    assert_eq!(
        request.request().headers()["content-type"],
        "application/octet-stream"
    );
    let request = RequestBuilder::new(&POST)
        .segment("$ref")
        .reference_body("https://graph.microsoft.com/v1.0/directoryObjects/1")
        .build(&RequestOptions::default(), parse_no_content)
        .unwrap();
    assert_eq!(
        std::str::from_utf8(request.request().body()).unwrap(),
        r#"{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/1"}"#
    );
}

/// What a generated entity struct carries for the query options.
struct User;

impl User {
    const ID: Select<User> = Select::new("id");
    const DISPLAY_NAME: Select<User> = Select::new("displayName");
    const MANAGER: Expand<User> = Expand::new("manager");
    const MEMBER_OF: Expand<User> = Expand::new("memberOf");
}

#[test]
fn query_options_are_encoded_in_order() {
    let users: Call<(), User> =
        Call::new(RequestBuilder::new(&GET).segment("users"), parse_no_content);
    let request = users
        .select(&[User::ID, User::DISPLAY_NAME])
        .expand(&[User::MANAGER, User::MEMBER_OF])
        .search("\"displayName:Ann & Bo\"")
        .skip(20)
        .count(true)
        .build(&RequestOptions::default())
        .unwrap();
    assert_eq!(
        request.request().uri().query(),
        Some(
            "$select=id,displayName&$expand=manager,memberOf\
             &$search=%22displayName%3AAnn%20%26%20Bo%22&$skip=20&$count=true"
        )
    );
}

#[test]
fn nested_expand_options_go_through_the_raw_query() {
    let users: Call<(), User> =
        Call::new(RequestBuilder::new(&GET).segment("users"), parse_no_content);
    let request = users
        .query("$expand", "manager($select=id)")
        .build(&RequestOptions::default())
        .unwrap();
    assert_eq!(
        request.request().uri().query(),
        Some("$expand=manager($select%3Did)")
    );
    assert_eq!(format!("{:?}", User::MANAGER), "$expand=manager");
    assert_eq!(User::DISPLAY_NAME.name(), "displayName");
}

#[test]
fn pages_carry_next_and_delta_links_and_the_count() {
    let page: ValuePage<String> = parse_entity(
        &GET,
        response(
            200,
            r#"{"@odata.context":"x","@odata.count":2,"value":["a","b"],
               "@odata.deltaLink":"https://graph/delta?token=1"}"#,
        ),
    )
    .unwrap();
    assert_eq!(page.value, ["a", "b"]);
    assert_eq!(page.count, Some(2));
    assert_eq!(page.next_link, None);
    assert_eq!(
        page.delta_link.as_deref(),
        Some("https://graph/delta?token=1")
    );
}

/// A complex type with one string member, read by hand.
fn read_one_member(
    reader: &mut graph_core::json::Reader<'_>,
    name: &str,
) -> Result<String, graph_core::json::DecodeError> {
    reader.begin_object()?;
    let mut found = String::new();
    let mut first = true;
    while let Some(key) = reader.next_key(first)? {
        first = false;
        if key == name {
            found = reader.read_str()?.into_owned();
        } else {
            reader.skip_value()?;
        }
    }
    Ok(found)
}

struct Session {
    upload_url: String,
}

impl graph_core::json::FromJson for Session {
    fn from_json(
        reader: &mut graph_core::json::Reader<'_>,
    ) -> Result<Self, graph_core::json::DecodeError> {
        read_one_member(reader, "uploadUrl").map(|upload_url| Self { upload_url })
    }
}

struct Named {
    value: String,
}

impl graph_core::json::FromJson for Named {
    fn from_json(
        reader: &mut graph_core::json::Reader<'_>,
    ) -> Result<Self, graph_core::json::DecodeError> {
        read_one_member(reader, "value").map(|value| Self { value })
    }
}

#[test]
fn counts_values_optional_entities_and_bytes() {
    assert_eq!(parse_count(&GET, response(200, "42")).unwrap(), 42);
    assert!(parse_count(&GET, response(200, "many")).is_err());
    let value: bool = parse_value(
        &GET,
        response(200, r#"{"@odata.context":"c","value":true}"#),
    )
    .unwrap();
    assert!(value);
    let error = parse_value::<bool>(&GET, response(200, r#"{"other":1}"#)).unwrap_err();
    assert!(error.to_string().contains("`value`"), "{error}");
    // A complex value comes bare (OData's form) or wrapped (as some docs show it).
    for body in [
        r#"{"@odata.context":"c","uploadUrl":"https://up/1"}"#,
        r#"{"@odata.context":"c","value":{"uploadUrl":"https://up/1"}}"#,
    ] {
        let session: Session = parse_complex(&GET, response(200, body)).unwrap();
        assert_eq!(session.upload_url, "https://up/1", "{body}");
    }
    // One whose only property is `value` is read bare when it is not a wrapper.
    let named_value: Named = parse_complex(&GET, response(200, r#"{"value":"v"}"#)).unwrap();
    assert_eq!(named_value.value, "v");
    assert_eq!(
        parse_optional_entity::<String>(&PATCH, response(204, "")).unwrap(),
        None
    );
    assert_eq!(
        parse_optional_entity::<String>(&PATCH, response(200, r#""x""#)).unwrap(),
        Some("x".to_owned())
    );
    assert_eq!(
        parse_bytes(&GET, response(200, "\u{1}\u{2}")).unwrap(),
        [1, 2]
    );
    assert!(parse_bytes(&GET, response(404, "")).is_err());
}
