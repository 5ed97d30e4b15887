//! Security review: the generated crate carries no `unsafe` code. Two checks: its root
//! forbids `unsafe_code` (so the compiler refuses any, derive expansions included), and no
//! generated file contains the `unsafe` keyword outside comments and string literals.

use std::path::{Path, PathBuf};

fn generated_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/src")
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("generated/src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// The code of a Rust file with comments, string and character literals blanked out, so a
/// keyword search sees only code. Raw strings (`r#"..."#`) and nested block comments count.
fn code_only(source: &str) -> String {
    let bytes = source.as_bytes();
    let mut code = String::with_capacity(source.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &source[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            let mut depth = 0;
            let mut j = 0;
            while j < rest.len() {
                if rest[j..].starts_with("/*") {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with("*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            i += j;
        } else if let Some(hashes) = raw_string_start(rest) {
            let open = 2 + hashes;
            let close = format!("\"{}", "#".repeat(hashes));
            i += open
                + rest[open..]
                    .find(&close)
                    .map_or(rest.len() - open, |end| end + close.len());
            code.push_str("\"\"");
        } else if rest.starts_with("'\"'") || rest.starts_with("'\\\"'") {
            // A quote as a character literal does not start a string.
            i += if rest.as_bytes()[1] == b'"' { 3 } else { 4 };
        } else if rest.starts_with('"') {
            let mut j = 1;
            while j < rest.len() && rest.as_bytes()[j] != b'"' {
                j += if rest.as_bytes()[j] == b'\\' { 2 } else { 1 };
            }
            i += (j + 1).min(rest.len());
            code.push_str("\"\"");
        } else {
            let c = rest.chars().next().expect("not at the end");
            code.push(c);
            i += c.len_utf8();
        }
    }
    code
}

/// `r"` or `r#..#"` at the start of `text` (not part of an identifier): the number of `#`.
fn raw_string_start(text: &str) -> Option<usize> {
    let after_r = text.strip_prefix('r').or_else(|| text.strip_prefix("br"))?;
    let hashes = after_r.len() - after_r.trim_start_matches('#').len();
    after_r[hashes..].starts_with('"').then_some(hashes)
}

fn has_unsafe_keyword(code: &str) -> bool {
    code.match_indices("unsafe").any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + "unsafe".len()..].chars().next();
        let is_ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !is_ident(before) && !is_ident(after)
    })
}

#[test]
fn the_generated_crate_forbids_unsafe_code() {
    let lib = std::fs::read_to_string(generated_src().join("lib.rs")).expect("lib.rs");
    assert!(
        code_only(&lib).contains("#![forbid(unsafe_code)]"),
        "generated/src/lib.rs must forbid unsafe code"
    );
}

#[test]
fn no_generated_file_contains_the_unsafe_keyword() {
    let mut files = Vec::new();
    rust_files(&generated_src(), &mut files);
    assert!(files.len() >= 2, "generated/src has its files: {files:?}");
    for file in &files {
        let source = std::fs::read_to_string(file).expect("a generated file is UTF-8");
        assert!(
            !has_unsafe_keyword(&code_only(&source)),
            "{} contains `unsafe`",
            file.display()
        );
    }
    println!("no `unsafe` in {} generated files", files.len());
}

#[test]
fn the_scan_sees_unsafe_in_code_and_not_in_comments_or_strings() {
    assert!(has_unsafe_keyword(&code_only("fn f() { unsafe { g() } }")));
    assert!(has_unsafe_keyword(&code_only("unsafe impl Send for X {}")));
    assert!(!has_unsafe_keyword(&code_only(
        "/// Never unsafe.\nfn f() {}"
    )));
    assert!(!has_unsafe_keyword(&code_only(
        "/* a /* nested */ unsafe */ fn f() {}"
    )));
    assert!(!has_unsafe_keyword(&code_only(
        r#"const S: &str = "unsafe \" unsafe";"#
    )));
    assert!(!has_unsafe_keyword(&code_only(
        "const S: &str = r#\"unsafe \" unsafe\"#;"
    )));
    assert!(!has_unsafe_keyword(&code_only(
        "fn unsafe_code_is_forbidden() {}"
    )));
}
