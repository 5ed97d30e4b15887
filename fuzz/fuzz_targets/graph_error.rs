//! Graph's error JSON and the response readers: any status, headers and body give a typed
//! error or a decode error, never a panic; formatting them never panics.
#![no_main]

use graph_core::http::{
    excerpt, parse_entity, parse_no_content, parse_single_from_collection, Endpoint, GraphError,
    Permissions, RetrySafety, Verb,
};
use graph_core::Untyped;
use http::{HeaderMap, HeaderValue, StatusCode};
use libfuzzer_sys::fuzz_target;

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

/// The first two bytes choose the status (100-999); then, up to the first NUL, a header
/// value (a request-id a proxy could forge); the rest is the body.
fn response(data: &[u8]) -> Option<(StatusCode, HeaderMap, &[u8])> {
    let (status, rest) = data.split_first_chunk::<2>()?;
    let status = StatusCode::from_u16(100 + u16::from_le_bytes(*status) % 900).ok()?;
    let (header, body) = match rest.iter().position(|&b| b == 0) {
        Some(nul) => (&rest[..nul], &rest[nul + 1..]),
        None => (&[][..], rest),
    };
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_bytes(header) {
        headers.insert("request-id", value.clone());
        headers.insert("retry-after", value);
    }
    Some((status, headers, body))
}

fn http_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body.to_vec());
    *response.status_mut() = status;
    *response.headers_mut() = headers.clone();
    response
}

fuzz_target!(|data: &[u8]| {
    let Some((status, headers, body)) = response(data) else {
        return;
    };
    if let Some(error) = GraphError::from_response(status, headers.clone(), body) {
        let shown = error.to_string();
        assert!(
            shown.contains(&error.code),
            "the code is not shown: {shown}"
        );
        let _ = error.most_specific_code();
        let _ = (error.request_id(), error.client_request_id(), error.date());
    }
    let _ = excerpt(body, body.len() / 2);
    for result in [
        parse_entity::<Untyped>(&CREATE, http_response(status, &headers, body)).map(drop),
        parse_no_content(&CREATE, http_response(status, &headers, body)),
        parse_single_from_collection::<Untyped>(&CREATE, http_response(status, &headers, body))
            .map(drop),
    ] {
        if let Err(error) = result {
            let _ = (error.to_string(), format!("{error:?}"), error.status());
        }
    }
});
