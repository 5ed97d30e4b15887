//! Security review: a caller-supplied path parameter is always exactly one path segment, and a
//! query value stays one query value, whatever it contains.

use graph_core::http::{
    parse_no_content, BaseUrl, Endpoint, Permissions, RequestBuilder, RequestError, RequestOptions,
    RetrySafety, Verb,
};
use percent_encoding::percent_decode_str;

static GET: Endpoint = Endpoint {
    name: "get",
    method: Verb::Get,
    path: "/users/{userId}/onlineMeetings/{meetingId}",
    success: &[200],
    retry: RetrySafety::Idempotent,
    permissions: Permissions {
        delegated: &["OnlineMeetings.Read"],
        application: &["OnlineMeetings.Read.All"],
        personal_accounts: false,
    },
};

/// Builds `GET /users/{user}/onlineMeetings/{meeting}` and returns its URI.
fn uri(user: &str, meeting: &str) -> Result<http::Uri, RequestError> {
    RequestBuilder::new(&GET)
        .segment("users")
        .param("userId", user)
        .segment("onlineMeetings")
        .param("meetingId", meeting)
        .build(&RequestOptions::default(), parse_no_content)
        .map(|request| request.request().uri().clone())
}

/// The URI's path must be `/v1.0/users/<one segment>/onlineMeetings/<one segment>`, with no
/// query or fragment, and each segment must decode to exactly the value given.
fn assert_one_segment_each(user: &str, meeting: &str) {
    let uri = uri(user, meeting).unwrap_or_else(|error| panic!("{user:?}/{meeting:?}: {error}"));
    assert_eq!(uri.query(), None, "{uri}: a value started a query");
    assert!(
        !uri.to_string().contains('#'),
        "{uri}: a value started a fragment"
    );
    let segments: Vec<&str> = uri.path().split('/').collect();
    assert_eq!(
        segments.len(),
        6,
        "{uri}: a value added or removed a segment"
    );
    assert_eq!(&segments[..3], ["", "v1.0", "users"], "{uri}");
    assert_eq!(segments[4], "onlineMeetings", "{uri}");
    for (segment, value) in [(segments[3], user), (segments[5], meeting)] {
        assert_eq!(
            percent_decode_str(segment).decode_utf8().unwrap(),
            value,
            "{uri}: the segment does not decode to the value"
        );
        assert!(
            segment != "." && segment != "..",
            "{uri}: a dot segment would be normalised away"
        );
    }
}

#[test]
fn traversal_separators_and_delimiters_stay_inside_one_segment() {
    for hostile in [
        "../admin",
        "..%2Fadmin",
        "%2e%2e",
        "a/b",
        "/",
        "//evil.example",
        "a\\b",
        "x?$select=id",
        "x#fragment",
        "x;param",
        "a b",
        "a+b",
        "%",
        "%00",
        "über-用户",
        "19:meeting_abc@thread.v2",
        "https://evil.example/x",
        "...",
        "%2e",
    ] {
        assert_one_segment_each(hostile, "m-1");
        assert_one_segment_each("u-1", hostile);
    }
}

#[test]
fn values_that_cannot_be_one_segment_are_refused_before_anything_is_built() {
    for (value, reason) in [
        ("", "is empty"),
        (".", "dot segment"),
        ("..", "dot segment"),
        ("a\r\nHost: evil", "control character"),
        ("a\nb", "control character"),
        ("a\0b", "control character"),
        ("a\u{7f}b", "control character"),
        ("a\u{85}b", "control character"),
    ] {
        let error = uri(value, "m-1").expect_err(value);
        let shown = error.to_string();
        assert!(
            shown.contains("`userId`") && shown.contains(reason),
            "{value:?}: {shown}"
        );
        assert!(
            matches!(error, RequestError::InvalidParameter { name: "userId", .. }),
            "{error:?}"
        );
    }
}

/// SplitMix64, so the generated values are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % bound as u64) as usize
    }
}

#[test]
fn five_thousand_generated_values_are_one_segment_or_refused() {
    const PIECES: &[&str] = &[
        ".", "..", "/", "\\", "%", "%2F", "%2e", "?", "#", "&", "=", ";", ":", "@", "+", " ", "\t",
        "\r", "\n", "\0", "a", "Z", "9", "-", "_", "~", "'", "\"", "<", ">", "é", "用", "\u{200B}",
        "\u{FEFF}", "😀",
    ];
    let mut rng = Rng(8);
    let (mut accepted, mut refused) = (0, 0);
    for _ in 0..5_000 {
        let value: String = (0..rng.below(8))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect();
        match uri(&value, "m-1") {
            Ok(_) => {
                assert_one_segment_each(&value, "m-1");
                accepted += 1;
            }
            Err(RequestError::InvalidParameter { .. }) => refused += 1,
            Err(other) => panic!("{value:?}: unexpected {other}"),
        }
    }
    println!("path parameters: {accepted} accepted as one segment, {refused} refused");
    assert!(accepted > 1_000 && refused > 100, "{accepted} / {refused}");
}

#[test]
fn a_query_value_cannot_add_query_pairs() {
    let request = RequestBuilder::new(&GET)
        .segment("me")
        .segment("onlineMeetings")
        .query(
            "$filter",
            "JoinWebUrl eq 'x'&$expand=attendees&$top=999#frag",
        )
        .build(&RequestOptions::default(), parse_no_content)
        .unwrap();
    let uri = request.request().uri();
    let query = uri.query().unwrap();
    assert_eq!(query.split('&').count(), 1, "{query}");
    assert!(query.starts_with("$filter="), "{query}");
    assert!(!uri.to_string().contains('#'), "{uri}");
    let value = query.strip_prefix("$filter=").unwrap();
    assert_eq!(
        percent_decode_str(value).decode_utf8().unwrap(),
        "JoinWebUrl eq 'x'&$expand=attendees&$top=999#frag"
    );
}

#[test]
fn a_service_root_cannot_smuggle_credentials_a_query_or_another_scheme() {
    for root in [
        "https://user:secret@graph.microsoft.com/v1.0",
        "https://graph.microsoft.com/v1.0?x=1",
        "https://graph.microsoft.com/v1.0#x",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "graph.microsoft.com/v1.0",
    ] {
        let error = BaseUrl::new(root).expect_err(root);
        assert!(!error.to_string().is_empty(), "{root}: a refusal says why");
    }
}
