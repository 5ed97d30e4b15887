//! Security review: a bearer token (or any credential) never shows in `Debug`, `Display` or an
//! error message, so it cannot reach a log.

use graph_core::http::{
    bearer_header, parse_no_content, AccessToken, BaseUrl, Endpoint, Permissions, RequestBuilder,
    RequestOptions, RetrySafety, Verb,
};

static CREATE: Endpoint = Endpoint {
    name: "create",
    method: Verb::Post,
    path: "/me/onlineMeetings",
    success: &[201],
    retry: RetrySafety::NotIdempotent,
    permissions: Permissions {
        delegated: &["OnlineMeetings.ReadWrite"],
        application: &[],
        personal_accounts: false,
    },
};

const SECRET: &str = "eyJ0eXAiOiJKV1QifQ.eyJzY3AiOiJ4In0.TOP-SECRET-SIGNATURE";

fn assert_hidden(what: &str, text: &str) {
    for part in SECRET.split('.') {
        assert!(!text.contains(part), "{what} shows the token: {text}");
    }
}

fn options() -> RequestOptions {
    RequestOptions::default().access_token(AccessToken::new(SECRET))
}

#[test]
fn access_tokens_and_options_hide_the_secret() {
    let token = AccessToken::new(SECRET);
    assert_hidden("AccessToken Debug", &format!("{token:?}"));
    assert_hidden("AccessToken pretty Debug", &format!("{token:#?}"));
    assert_hidden("RequestOptions Debug", &format!("{:?}", options()));
    assert_eq!(token.secret(), SECRET, "the secret is still there to send");
}

#[test]
fn a_built_request_hides_the_authorization_header() {
    let request = RequestBuilder::new(&CREATE)
        .segment("me")
        .segment("onlineMeetings")
        .raw_json_body(b"{}".to_vec())
        .build(&options(), parse_no_content)
        .unwrap();
    assert_hidden("GraphRequest Debug", &format!("{request:?}"));
    assert_hidden("GraphRequest pretty Debug", &format!("{request:#?}"));
    assert_hidden("http::Request Debug", &format!("{:?}", request.request()));
    let authorization = &request.request().headers()["authorization"];
    assert!(authorization.is_sensitive());
    assert_hidden("HeaderValue Debug", &format!("{authorization:?}"));
    assert_eq!(authorization, &format!("Bearer {SECRET}"));
}

#[test]
fn a_token_http_cannot_carry_is_refused_without_repeating_it() {
    for bad in [
        format!("{SECRET}\r\nX-Injected: 1"),
        format!("{SECRET}\n"),
        format!("{SECRET}\0"),
    ] {
        let error = RequestBuilder::new(&CREATE)
            .segment("me")
            .build(
                &RequestOptions::default().access_token(AccessToken::new(bad.clone())),
                parse_no_content,
            )
            .expect_err("a token with CR, LF or NUL is refused");
        assert_hidden("RequestError Display", &error.to_string());
        assert_hidden("RequestError Debug", &format!("{error:?}"));
        let error = bearer_header(&bad).expect_err("bearer_header refuses it too");
        assert_hidden("bearer_header error", &format!("{error} {error:?}"));
    }
}

#[test]
fn base_url_error_does_not_echo_user_info() {
    let error = BaseUrl::new("https://admin:TOP-SECRET-SIGNATURE@graph.microsoft.com/v1.0")
        .expect_err("user info is refused");
    assert_hidden("BaseUrlError Display", &error.to_string());
    assert_hidden("BaseUrlError Debug", &format!("{error:?}"));
    assert!(
        error.to_string().contains("graph.microsoft.com"),
        "the message still says which URL: {error}"
    );
}

#[cfg(feature = "client")]
mod client {
    use graph_core::client::{check_token, Client, ClientError, StaticToken};

    use super::{assert_hidden, CREATE, SECRET};

    #[test]
    fn a_client_and_its_token_provider_hide_the_secret() {
        let tokens = StaticToken::new(SECRET);
        assert_hidden("StaticToken Debug", &format!("{tokens:?}"));
        let client = Client::new(tokens).unwrap();
        assert_hidden("Client Debug", &format!("{client:?}"));
    }

    #[test]
    fn token_check_errors_name_claims_never_the_token() {
        // An app-only token on a delegated-only endpoint: refused before sending.
        let header = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0";
        let payload = "eyJ0aWQiOiJ0IiwiaWR0eXAiOiJhcHAiLCJyb2xlcyI6WyJ4Il19";
        let token = format!("{header}.{payload}.TOP-SECRET-SIGNATURE");
        let error = check_token(&token, &CREATE).expect_err("app-only on /me is refused");
        let error = ClientError::Token(error);
        for text in [error.to_string(), format!("{error:?}")] {
            assert!(!text.contains(payload), "the token shows: {text}");
            assert!(!text.contains("TOP-SECRET"), "the token shows: {text}");
        }
    }
}
