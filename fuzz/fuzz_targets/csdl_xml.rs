//! The CSDL reader on XML input: any bytes give a document or a located error, never a panic;
//! a document it reads, written back as XML, reads again.
#![no_main]

use graph_codegen::csdl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Keep the target on the XML reader: JSON input has a target of its own.
    if data.trim_ascii_start().first() != Some(&b'<') && !data.starts_with(b"\xEF\xBB\xBF") {
        return;
    }
    match csdl::read_bytes("fuzz.xml", data) {
        Ok(document) => {
            let written = csdl::to_xml(&document);
            if let Err(error) = csdl::read_bytes("rewritten.xml", written.as_bytes()) {
                panic!("the XML writer wrote what the reader refuses: {error}\n{written}");
            }
        }
        Err(error) => assert!(
            error.to_string().starts_with("fuzz.xml:"),
            "refusal not located: {error}"
        ),
    }
});
