//! Where the benchmark inputs are: `../shared` beside the workspace (official metadata, docs
//! examples, the seed page) and the JSON bodies of the seed page.

use std::path::{Path, PathBuf};

/// The official metadata every whole-Graph row uses, relative to `../shared`.
pub const FULL_METADATA: &str = "graph-metadata/v1.0-clean.xml";

/// The seed page, relative to `../shared`.
pub const SEED_PAGE: &str = "seed/create-onlineMeeting.zh.md";

/// `../shared` beside the workspace (or one level further up), if present.
pub fn shared_dir(workspace: &Path) -> Option<PathBuf> {
    ["../shared", "../../shared"]
        .iter()
        .map(|relative| workspace.join(relative))
        .find(|dir| dir.join(FULL_METADATA).is_file())
}

/// A named JSON document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Where it comes from (`create-ex1-response.json`, `seed response 2`).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The JSON bodies of the seed page, split into requests (after a `POST` line) and responses
/// (after a `响应` heading), in page order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeedBodies {
    /// Request bodies.
    pub requests: Vec<String>,
    /// Response bodies.
    pub responses: Vec<String>,
}

/// Splits the seed page into its JSON bodies: each object starts with `{` at the start of a
/// line and ends where its braces balance (strings in these bodies hold no braces).
pub fn seed_bodies(page: &str) -> SeedBodies {
    let lines: Vec<&str> = page.lines().collect();
    let mut bodies = SeedBodies::default();
    let mut in_response = false;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        if line.starts_with("POST ") {
            in_response = false;
        } else if line.trim() == "响应" {
            in_response = true;
        }
        if !line.starts_with('{') {
            index += 1;
            continue;
        }
        let mut depth = 0i64;
        let mut body = String::new();
        while index < lines.len() {
            let line = lines[index];
            body.push_str(line);
            body.push('\n');
            index += 1;
            depth += line.matches('{').count() as i64 - line.matches('}').count() as i64;
            if depth <= 0 {
                break;
            }
        }
        if in_response {
            bodies.responses.push(body);
        } else {
            bodies.requests.push(body);
        }
    }
    bodies
}

/// The example responses the models rows read and write: the docs' `create-ex*-response.json`
/// and the seed page's responses.
pub fn example_responses(shared: &Path) -> std::io::Result<Vec<Document>> {
    let examples = shared.join("graph-docs/examples");
    let mut names: Vec<String> = std::fs::read_dir(&examples)?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.starts_with("create-ex") && name.ends_with("-response.json"))
        .collect();
    names.sort();
    let mut documents = Vec::new();
    for name in names {
        let bytes = std::fs::read(examples.join(&name))?;
        documents.push(Document { name, bytes });
    }
    let seed = seed_bodies(&std::fs::read_to_string(shared.join(SEED_PAGE))?);
    for (index, body) in seed.responses.into_iter().enumerate() {
        documents.push(Document {
            name: format!("seed response {}", index + 1),
            bytes: body.into_bytes(),
        });
    }
    Ok(documents)
}

/// The seed page's example-2 request (the live event), which the validation row checks.
pub fn seed_example_2_request(shared: &Path) -> std::io::Result<Option<String>> {
    let page = std::fs::read_to_string(shared.join(SEED_PAGE))?;
    Ok(seed_bodies(&page).requests.into_iter().nth(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "intro\nPOST https://x/me/onlineMeetings\n\n{\n  \"a\": {\"b\": 1}\n}\n\
        响应\nHTTP/1.1 201 Created\n\n{\n  \"id\": \"1\",\n  \"c\": {\n  }\n}\n\
        note\n    \"joinInformation\": {\n    }\n\
        POST https://x/me/onlineMeetings\n{\n\"subject\": \"two\"\n}\n\
        响应\n\n{ \"id\": \"2\" }\n";

    #[test]
    fn seed_bodies_split_requests_and_responses() {
        let bodies = seed_bodies(PAGE);
        assert_eq!(bodies.requests.len(), 2);
        assert_eq!(bodies.responses.len(), 2);
        assert!(bodies.requests[1].contains("two"));
        assert!(bodies.responses[0].contains("\"c\""));
        assert_eq!(bodies.responses[1], "{ \"id\": \"2\" }\n");
        for body in bodies.requests.iter().chain(&bodies.responses) {
            serde_json::from_str::<serde_json::Value>(body).expect(body);
        }
    }

    #[test]
    fn the_real_seed_page_has_five_requests_and_its_responses() {
        let workspace = crate::workspace_root();
        let Some(shared) = shared_dir(&workspace) else {
            eprintln!("skipped: ../shared not found");
            return;
        };
        let page = std::fs::read_to_string(shared.join(SEED_PAGE)).unwrap();
        let bodies = seed_bodies(&page);
        assert_eq!(bodies.requests.len(), 5);
        assert!(bodies.responses.len() >= 3, "{}", bodies.responses.len());
        for body in bodies.requests.iter().chain(&bodies.responses) {
            serde_json::from_str::<serde_json::Value>(body).expect(body);
        }
        let example_2 = seed_example_2_request(&shared).unwrap().unwrap();
        assert!(example_2.contains("isBroadcast"), "{example_2}");
    }
}
