//! Request construction: paths, hostile parameters, headers, bodies, base URLs.

mod http_support;

use graph_core::http::{AccessToken, BaseUrl, LanguageTag, RequestError, RequestOptions};
use graph_core::Property;
use http_support::online_meetings::{self, UserTarget};
use http_support::Meeting;

fn options() -> RequestOptions {
    RequestOptions::default().access_token(AccessToken::new("secret-token-value"))
}

/// The seed's example 1 body, as its members are written, compact.
const SEED_EXAMPLE_1_BODY: &str = r#"{"startDateTime":"2019-07-12T14:30:34.2444915-07:00","endDateTime":"2019-07-12T15:00:34.2464912-07:00","subject":"User Token Meeting"}"#;

fn seed_example_1() -> Meeting {
    Meeting {
        start_date_time: Property::Value("2019-07-12T14:30:34.2444915-07:00".into()),
        end_date_time: Property::Value("2019-07-12T15:00:34.2464912-07:00".into()),
        subject: Property::Value("User Token Meeting".into()),
        ..Meeting::default()
    }
}

#[test]
fn create_for_me_matches_the_seed_example() {
    let options = options().accept_language(LanguageTag::new("ja").unwrap());
    let request = online_meetings::create(&UserTarget::Me, &seed_example_1(), &options).unwrap();
    let http = request.request();
    assert_eq!(http.method(), "POST");
    assert_eq!(
        http.uri(),
        "https://graph.microsoft.com/v1.0/me/onlineMeetings"
    );
    let headers = http.headers();
    assert_eq!(headers["authorization"], "Bearer secret-token-value");
    assert!(headers["authorization"].is_sensitive());
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["accept"], "application/json");
    assert_eq!(headers["accept-language"], "ja");
    assert_eq!(headers["prefer"], "include-unknown-enum-members");
    assert_eq!(
        std::str::from_utf8(http.body()).unwrap(),
        SEED_EXAMPLE_1_BODY
    );
    assert_eq!(request.endpoint().path, "/me/onlineMeetings");
}

#[test]
fn create_bodies_equal_the_documented_request_examples() {
    for name in [
        "create-ex1-request.json",
        "create-ex3-request-alt.json",
        "createorget-ex1-request.json",
    ] {
        let Some(documented) = http_support::example(name) else {
            return;
        };
        let meeting: Meeting = graph_core::json::from_slice(&documented).unwrap();
        let request =
            online_meetings::create(&UserTarget::Me, &meeting, &RequestOptions::default()).unwrap();
        let sent: serde_json::Value = serde_json::from_slice(request.request().body()).unwrap();
        let expected: serde_json::Value = serde_json::from_slice(&documented).unwrap();
        // The test model knows only some members; every member it knows is sent unchanged.
        for (key, value) in sent.as_object().unwrap() {
            assert_eq!(Some(value), expected.get(key), "{name}: member {key}");
        }
        assert!(!sent.as_object().unwrap().is_empty(), "{name}");
    }
}

#[test]
fn application_path_puts_the_user_id_in_one_segment() {
    let target = UserTarget::User("1f35f2e6-9cab-44ad-8d5a-b74c14720000".into());
    let request = online_meetings::create(&target, &seed_example_1(), &options()).unwrap();
    assert_eq!(
        request.request().uri(),
        "https://graph.microsoft.com/v1.0/users/1f35f2e6-9cab-44ad-8d5a-b74c14720000/onlineMeetings"
    );
    assert_eq!(request.endpoint().path, "/users/{userId}/onlineMeetings");
}

#[test]
fn hostile_user_ids_cannot_change_the_path() {
    let cases = [
        ("a/b", "/users/a%2Fb/onlineMeetings"),
        ("../admin", "/users/..%2Fadmin/onlineMeetings"),
        ("..\\admin", "/users/..%5Cadmin/onlineMeetings"),
        ("x?y=1#frag", "/users/x%3Fy%3D1%23frag/onlineMeetings"),
        ("%2e%2e", "/users/%252e%252e/onlineMeetings"),
        ("a b+c;d&e", "/users/a%20b%2Bc%3Bd%26e/onlineMeetings"),
        (
            "jürgen@contoso.com",
            "/users/j%C3%BCrgen@contoso.com/onlineMeetings",
        ),
    ];
    for (user_id, path) in cases {
        let target = UserTarget::User(user_id.into());
        let request = online_meetings::create(&target, &seed_example_1(), &options()).unwrap();
        assert_eq!(
            request.request().uri().path(),
            format!("/v1.0{path}"),
            "user id {user_id:?}"
        );
        assert_eq!(request.request().uri().query(), None, "user id {user_id:?}");
    }
}

#[test]
fn empty_dot_and_control_user_ids_are_refused() {
    for user_id in ["", ".", "..", "a\nb", "a\u{7f}"] {
        let target = UserTarget::User(user_id.into());
        let error = online_meetings::create(&target, &seed_example_1(), &options()).unwrap_err();
        match &error {
            RequestError::InvalidParameter { name, endpoint, .. } => {
                assert_eq!(*name, "userId");
                assert_eq!(endpoint, "POST /users/{userId}/onlineMeetings");
            }
            other => panic!("user id {user_id:?}: unexpected {other:?}"),
        }
        assert!(error.to_string().contains("userId"), "{error}");
    }
}

#[test]
fn an_enormous_user_id_is_an_error_not_a_panic() {
    let target = UserTarget::User("a".repeat(100_000));
    let error = online_meetings::create(&target, &seed_example_1(), &options()).unwrap_err();
    assert!(matches!(error, RequestError::InvalidUri(_)), "{error:?}");
    let text = error.to_string();
    assert!(text.len() < 400, "the message is cut: {} bytes", text.len());
    assert!(text.contains("100"), "{text}");
}

#[test]
fn meeting_ids_keep_colon_and_at_as_the_docs_show() {
    let id = "550fae72-d251-43ec-868c-373732c2704f_19:meeting_M2IzYzczNTItYmY3OC00MDlmLWJjMzUtYmFiMjNlOTY4MGEz@thread.skype";
    let request = online_meetings::delete(&UserTarget::Me, id, &options()).unwrap();
    assert_eq!(request.request().method(), "DELETE");
    assert_eq!(
        request.request().uri(),
        format!("https://graph.microsoft.com/v1.0/me/onlineMeetings/{id}").as_str()
    );
    assert!(request.request().body().is_empty());
    assert!(!request.request().headers().contains_key("content-type"));
}

#[test]
fn join_web_url_lookup_encodes_the_filter_once() {
    let join_web_url = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NDRi@thread.v2/0?context=%7b%22Tid%22%3a%22x%22%7d&o='q'";
    let request =
        online_meetings::get_by_join_web_url(&UserTarget::Me, join_web_url, &options()).unwrap();
    assert_eq!(
        request.request().uri().query(),
        Some(
            "$filter=JoinWebUrl%20eq%20'https%3A//teams.microsoft.com/l/meetup-join/19%253ameeting_NDRi%40thread.v2/0%3Fcontext%3D%257b%2522Tid%2522%253a%2522x%2522%257d%26o%3D''q'''"
        )
    );
    assert_eq!(request.request().uri().path(), "/v1.0/me/onlineMeetings");
}

#[test]
fn national_cloud_base_url_is_used() {
    let options = RequestOptions::with_base_url(BaseUrl::new(BaseUrl::US_GOV_L4_V1).unwrap());
    let request = online_meetings::get(&UserTarget::Me, "abc", &options).unwrap();
    assert_eq!(
        request.request().uri(),
        "https://graph.microsoft.us/v1.0/me/onlineMeetings/abc"
    );
    let trailing = BaseUrl::new("http://127.0.0.1:8080/v1.0/").unwrap();
    assert_eq!(trailing.as_str(), "http://127.0.0.1:8080/v1.0");
    assert_eq!(trailing.origin(), "http://127.0.0.1:8080");
}

#[test]
fn bad_base_urls_are_refused_with_a_reason() {
    for url in [
        "graph.microsoft.com/v1.0",
        "ftp://graph.microsoft.com/v1.0",
        "https://graph.microsoft.com/v1.0?x=1",
        "https://graph.microsoft.com/v1.0#top",
    ] {
        let error = BaseUrl::new(url).unwrap_err();
        assert_eq!(error.input, url);
        assert!(error.to_string().contains(url), "{error}");
    }
    // Credentials in a refused URL are not repeated, so they cannot reach a log.
    let error = BaseUrl::new("https://user:pass@graph.microsoft.com/v1.0").unwrap_err();
    assert!(!error.to_string().contains("pass"), "{error}");
    assert!(error.to_string().contains("graph.microsoft.com"), "{error}");
}

#[test]
fn language_tags_are_checked() {
    for good in ["ja", "en-US", "zh-Hans-CN", "es-419", "x-klingon"] {
        assert_eq!(LanguageTag::new(good).unwrap().as_str(), good);
    }
    for bad in [
        "",
        "ja,en;q=0.5",
        "en US",
        "ja\r\nX-Injected: 1",
        "toolongtag",
        "en-",
        "*",
    ] {
        let error = LanguageTag::new(bad).unwrap_err();
        assert_eq!(error.input, bad);
    }
}

#[test]
fn prefer_header_can_be_turned_off() {
    let mut options = options();
    options.include_unknown_enum_members = false;
    let request = online_meetings::get(&UserTarget::Me, "abc", &options).unwrap();
    assert!(!request.request().headers().contains_key("prefer"));
}

#[test]
fn without_a_token_no_authorization_header_is_sent() {
    let request = online_meetings::get(&UserTarget::Me, "abc", &RequestOptions::default()).unwrap();
    assert!(!request.request().headers().contains_key("authorization"));
}

#[test]
fn a_token_with_a_newline_is_refused() {
    let options = RequestOptions::default().access_token(AccessToken::new("abc\r\nX-Evil: 1"));
    let error = online_meetings::get(&UserTarget::Me, "abc", &options).unwrap_err();
    assert!(matches!(
        error,
        RequestError::InvalidHeader {
            name: "Authorization"
        }
    ));
}

#[test]
fn debug_output_never_shows_the_token() {
    let request = online_meetings::get(&UserTarget::Me, "abc", &options()).unwrap();
    let debug = format!("{request:?} {:?}", AccessToken::new("secret-token-value"));
    assert!(!debug.contains("secret-token-value"), "{debug}");
    assert!(
        debug.contains("GET /me/onlineMeetings/{meetingId}"),
        "{debug}"
    );
}

#[test]
fn an_invalid_body_is_refused_before_building() {
    let body = Meeting {
        id: Property::Value("set-by-the-service".into()),
        ..seed_example_1()
    };
    let error = online_meetings::create(&UserTarget::Me, &body, &options()).unwrap_err();
    let RequestError::Validation(errors) = &error else {
        panic!("expected a validation error, got {error:?}");
    };
    assert!(errors.to_string().contains("/id"), "{errors}");
}

#[test]
fn client_request_id_is_sent_when_set() {
    let mut options = options();
    options.client_request_id = Some("7e3c1c5a-5d6b-4c59-9d43-0d3c2f1a9b10".into());
    let request = online_meetings::get(&UserTarget::Me, "abc", &options).unwrap();
    assert_eq!(
        request.request().headers()["client-request-id"],
        "7e3c1c5a-5d6b-4c59-9d43-0d3c2f1a9b10"
    );
}
