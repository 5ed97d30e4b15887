//! The `joinInformation.content` decoder: any text decodes or is refused, never a panic; what
//! it decodes, encoded again, decodes to the same HTML.
#![no_main]

use graph_online_meetings::join_information::{
    decode_join_information_html, join_meeting_id_filter, join_web_url_filter,
};
use libfuzzer_sys::fuzz_target;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

fuzz_target!(|data: &[u8]| {
    let content = String::from_utf8_lossy(data);
    match decode_join_information_html(&content) {
        Ok(html) => {
            let encoded = utf8_percent_encode(&format!("data:text/html,{html}"), NON_ALPHANUMERIC)
                .to_string();
            assert_eq!(
                decode_join_information_html(&encoded).as_deref(),
                Ok(&*html)
            );
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
    // The filters quote the value: the literal always ends the expression.
    assert!(join_web_url_filter(&content).ends_with('\''));
    assert!(join_meeting_id_filter(&content).ends_with('\''));
});
