//! The CSDL reader on JSON input: any bytes give a document or a located error, never a panic;
//! a document it reads, written back as JSON, reads again.
#![no_main]

use graph_codegen::csdl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Keep the target on the JSON reader: XML input has a target of its own.
    if data.trim_ascii_start().first() != Some(&b'{') {
        return;
    }
    match csdl::read_bytes("fuzz.json", data) {
        Ok(document) => {
            let written = csdl::to_json(&document);
            if let Err(error) = csdl::read_bytes("rewritten.json", written.as_bytes()) {
                panic!("the JSON writer wrote what the reader refuses: {error}\n{written}");
            }
        }
        Err(error) => assert!(
            error.to_string().starts_with("fuzz.json:"),
            "refusal not located: {error}"
        ),
    }
});
