//! joinInformation decoding and the joinWebUrl filter.

mod common;

use common::example;
use graph_online_meetings::join_information::{
    decode_join_information_html, join_meeting_id_filter, join_web_url_filter, JoinInformationError,
};

/// The `content` string of a documentation fragment (a bare `"joinInformation": {...}`).
fn documented_content(fragment: &[u8]) -> String {
    let text = std::str::from_utf8(fragment).unwrap();
    let object = format!("{{{}}}", text.trim());
    let value: serde_json::Value = serde_json::from_str(&object).unwrap();
    value["joinInformation"]["content"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn the_documented_japanese_invitation_decodes_to_html() {
    let Some(fragment) = example("create-ex1-joininformation-ja.txt") else {
        return;
    };
    let html = decode_join_information_html(&documented_content(&fragment)).unwrap();
    assert!(
        html.starts_with("\n  <div style=\"width:100%;height: 20px;\">"),
        "{html:.80}"
    );
    assert!(html.contains("Microsoft Teams 会議に参加"));
    assert!(html.contains("tel:+16477490000,,11160000&#35; "));
    // `%253a` inside the link stays `%3a`: decoded once, not twice.
    assert!(html.contains("meetup-join/19%3ameeting_"));
    assert!(html.contains("font-family:'Segoe UI','Helvetica Neue'"));
}

#[test]
fn plus_is_a_space_and_encoded_plus_is_a_plus() {
    assert_eq!(
        decode_join_information_html("data%3Atext%2Fhtml%2C%3Cb%3Ea+%2B+b%3C%2Fb%3E").unwrap(),
        "<b>a + b</b>"
    );
    assert_eq!(
        decode_join_information_html("data:text/html,100%").unwrap(),
        "100%"
    );
}

#[test]
fn other_content_is_refused_with_its_start() {
    let error = decode_join_information_html("https%3A%2F%2Fexample.com").unwrap_err();
    assert_eq!(
        error,
        JoinInformationError::NotHtmlDataUrl {
            start: "https://example.com".into()
        }
    );
    let error = decode_join_information_html("data%3Atext%2Fhtml%2C%FF%FE").unwrap_err();
    assert_eq!(error, JoinInformationError::InvalidUtf8 { offset: 15 });
    assert!(error.to_string().contains("byte 15"));
}

#[test]
fn filters_quote_their_literals() {
    assert_eq!(
        join_web_url_filter("https://teams.microsoft.com/l/meetup-join/19%3ameeting_x"),
        "JoinWebUrl eq 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x'"
    );
    assert_eq!(join_web_url_filter("it's"), "JoinWebUrl eq 'it''s'");
    assert_eq!(
        join_meeting_id_filter("1234567890"),
        "joinMeetingIdSettings/joinMeetingId eq '1234567890'"
    );
    assert_eq!(
        graph_core::http::encode_query_value(&join_meeting_id_filter("1234567890")),
        "joinMeetingIdSettings/joinMeetingId%20eq%20'1234567890'"
    );
}
