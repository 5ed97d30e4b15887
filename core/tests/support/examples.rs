//! Finds the example documents in `../shared` and compares JSON up to the re-spellings the
//! models are allowed (date-times with the same instant and offset, enum case).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use graph_core::edm::DateTimeOffset;
use serde_json::Value;

/// `../shared` beside the workspace, if present.
pub fn shared_dir() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [manifest.join("../../shared"), manifest.join("../shared")]
        .into_iter()
        .find(|dir| dir.join("graph-docs/examples").is_dir())
}

/// A named JSON document.
pub struct Example {
    /// Where it came from (`create-ex1-response.json`, `seed block 3`, `... value[0]`).
    pub name: String,
    /// The JSON text.
    pub text: String,
}

/// Every `.json` example file, plus the `.txt` fragments that are a bare `"member": {...}`
/// (wrapped in braces), sorted by name.
pub fn example_files(shared: &Path) -> Vec<Example> {
    let dir = shared.join("graph-docs/examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples directory is readable")
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    paths.sort();
    let mut examples = Vec::new();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).expect("example is UTF-8");
        if name.ends_with(".json") {
            examples.push(Example { name, text });
        } else if name.ends_with("-joininformation-ja.txt") {
            examples.push(Example {
                name,
                text: format!("{{{}}}", text.trim().trim_end_matches(',')),
            });
        }
    }
    examples
}

/// The `.txt` examples that are not valid JSON (trailing commas), with their names.
pub fn invalid_examples(shared: &Path) -> Vec<Example> {
    ["createorget-ex1-response.txt", "update-ex2-response.txt"]
        .iter()
        .map(|name| Example {
            name: (*name).to_owned(),
            text: std::fs::read_to_string(shared.join("graph-docs/examples").join(name))
                .expect("example is readable"),
        })
        .collect()
}

/// The seed page's JSON blocks: lines from a lone `{` to a lone `}`, and the indented
/// `"joinInformation": {...}` fragment wrapped in braces.
pub fn seed_blocks(shared: &Path) -> Vec<Example> {
    let text = std::fs::read_to_string(shared.join("seed/create-onlineMeeting.zh.md"))
        .expect("seed page is readable");
    let mut blocks = Vec::new();
    // The lines of the block being collected, and whether it is the indented fragment.
    let mut current: Option<(Vec<&str>, bool)> = None;
    for line in text.lines() {
        match &mut current {
            None if line == "{" => current = Some((vec![line], false)),
            None if line.trim_start().starts_with("\"joinInformation\": {") => {
                current = Some((vec!["{", line], true));
            }
            None => {}
            Some((lines, fragment)) => {
                lines.push(line);
                let fragment_end = *fragment && line.trim_end() == "    }";
                if line == "}" || fragment_end {
                    if fragment_end {
                        lines.push("}");
                    }
                    blocks.push(Example {
                        name: format!("seed block {}", blocks.len() + 1),
                        text: lines.join("\n"),
                    });
                    current = None;
                }
            }
        }
    }
    blocks
}

/// The document, plus each item of a top-level `value` array as its own example.
pub fn with_value_items(example: Example) -> Vec<Example> {
    let mut out = Vec::new();
    if let Ok(Value::Object(members)) = serde_json::from_str::<Value>(&example.text) {
        if let Some(Value::Array(items)) = members.get("value") {
            for (i, item) in items.iter().enumerate() {
                out.push(Example {
                    name: format!("{} value[{i}]", example.name),
                    text: item.to_string(),
                });
            }
        }
    }
    out.insert(0, example);
    out
}

/// Equal as JSON, except that strings may differ when both are date-times with the same
/// instant and offset, or differ only in ASCII case (an enum member re-spelled). Returns the
/// JSON pointer of the first difference.
pub fn equivalent(expected: &Value, actual: &Value, pointer: &str) -> Result<(), String> {
    let differ = || Err(format!("at {pointer}: expected {expected}, got {actual}"));
    match (expected, actual) {
        (Value::Object(a), Value::Object(b)) => {
            if a.len() != b.len() {
                let keys =
                    |m: &serde_json::Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
                return Err(format!("at {pointer}: keys {:?} vs {:?}", keys(a), keys(b)));
            }
            for (key, value) in a {
                let Some(other) = b.get(key) else {
                    return Err(format!("at {pointer}: member {key:?} missing"));
                };
                equivalent(value, other, &format!("{pointer}/{key}"))?;
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .try_for_each(|(i, (x, y))| equivalent(x, y, &format!("{pointer}/{i}"))),
        (Value::String(a), Value::String(b)) => {
            let same_time = match (DateTimeOffset::parse(a), DateTimeOffset::parse(b)) {
                (Ok(x), Ok(y)) => x == y,
                _ => false,
            };
            if a == b || same_time || a.eq_ignore_ascii_case(b) {
                Ok(())
            } else {
                differ()
            }
        }
        _ if expected == actual => Ok(()),
        _ => differ(),
    }
}
