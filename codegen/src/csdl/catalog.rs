//! Where the documents that `<edmx:Reference>` elements name are found: beside the referencing
//! document (a relative URI), in folders of CSDL files the caller gives, then among the OASIS
//! vocabularies built into the crate (`codegen/vocabularies/`). Nothing is fetched from the
//! network.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{read_bytes, read_path, Diagnostic, Document, Error, Include, Reference};

/// The OASIS vocabularies built in: (namespace, file name, text).
const BUILT_IN: &[(&str, &str, &str)] = &[
    (
        "Org.OData.Core.V1",
        "Org.OData.Core.V1.xml",
        include_str!("../../vocabularies/Org.OData.Core.V1.xml"),
    ),
    (
        "Org.OData.Capabilities.V1",
        "Org.OData.Capabilities.V1.xml",
        include_str!("../../vocabularies/Org.OData.Capabilities.V1.xml"),
    ),
    (
        "Org.OData.Validation.V1",
        "Org.OData.Validation.V1.xml",
        include_str!("../../vocabularies/Org.OData.Validation.V1.xml"),
    ),
    (
        "Org.OData.Authorization.V1",
        "Org.OData.Authorization.V1.xml",
        include_str!("../../vocabularies/Org.OData.Authorization.V1.xml"),
    ),
    (
        "Org.OData.Measures.V1",
        "Org.OData.Measures.V1.xml",
        include_str!("../../vocabularies/Org.OData.Measures.V1.xml"),
    ),
    (
        "Org.OData.Aggregation.V1",
        "Org.OData.Aggregation.V1.xml",
        include_str!("../../vocabularies/Org.OData.Aggregation.V1.xml"),
    ),
];

/// Finds referenced documents: a relative URI beside the referencing document; then in each
/// folder given (in order), by the file name that ends the reference's URI or as
/// `NAMESPACE.xml` / `NAMESPACE.json` of a namespace it includes; then among the built-in
/// vocabularies, by namespace.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    folders: Vec<PathBuf>,
}

impl Catalog {
    /// The built-in vocabularies only.
    pub fn new() -> Self {
        Catalog::default()
    }

    /// The built-in vocabularies, after the folders of CSDL documents `dirs`, searched in
    /// order before them (so that a newer version of a vocabulary there wins).
    pub fn with_folders(dirs: impl IntoIterator<Item = impl Into<PathBuf>>) -> Self {
        Catalog {
            folders: dirs.into_iter().map(Into::into).collect(),
        }
    }

    /// The documents that `docs` reference, at any depth, for the namespaces they include
    /// and no document declares, in the order first referenced. A reference that the
    /// catalogue cannot find is a warning, with its position: its terms' values are kept, but
    /// nothing checks them. A catalogue document that does not read is an error.
    pub fn referenced(&self, docs: &[Document]) -> Result<(Vec<Document>, Vec<Diagnostic>), Error> {
        if let Some(folder) = self.folders.iter().find(|folder| !folder.is_dir()) {
            return Err(Diagnostic {
                file: folder.display().to_string(),
                line: 0,
                column: 0,
                message: "the catalogue folder is not a directory".to_owned(),
            });
        }
        let mut declared: HashSet<String> = docs
            .iter()
            .flat_map(|doc| doc.schemas.iter().map(|s| s.namespace.clone()))
            .collect();
        let mut found: Vec<Document> = Vec::new();
        let mut warnings = Vec::new();
        // Documents found are searched for their own references in turn.
        let mut next = 0;
        while next < docs.len() + found.len() {
            let referencing = docs.get(next).unwrap_or_else(|| &found[next - docs.len()]);
            next += 1;
            let mut more = Vec::new();
            for reference in &referencing.references {
                let missing: Vec<&Include> = reference
                    .includes
                    .iter()
                    .filter(|include| !declared.contains(&include.namespace))
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                match self.find(&referencing.file, reference, &missing)? {
                    Some(doc) => {
                        declared.extend(doc.schemas.iter().map(|s| s.namespace.clone()));
                        for include in missing {
                            if !declared.contains(&include.namespace) {
                                warnings.push(Diagnostic::new(
                                    &referencing.file,
                                    include.pos,
                                    format!(
                                        "`{}`, found for the reference `{}`, does not declare \
                                         the namespace `{}`: its terms and types are not checked",
                                        doc.file, reference.uri, include.namespace
                                    ),
                                ));
                            }
                        }
                        // Found again for another namespace it does not declare: once is enough.
                        if !found.iter().chain(&more).any(|d| d.file == doc.file) {
                            more.push(doc);
                        }
                    }
                    None => warnings.push(Diagnostic::new(
                        &referencing.file,
                        reference.pos,
                        format!(
                            "the reference `{}` ({}) is not in the catalogue (add its folder \
                             with --catalog): the terms and types it declares are not checked",
                            reference.uri,
                            missing
                                .iter()
                                .map(|include| format!("`{}`", include.namespace))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )),
                }
            }
            found.extend(more);
        }
        Ok((found, warnings))
    }

    /// The document for `reference`, made in the document `referencing` and including the
    /// namespaces `missing`.
    fn find(
        &self,
        referencing: &str,
        reference: &Reference,
        missing: &[&Include],
    ) -> Result<Option<Document>, Error> {
        // A relative URI names a file beside the referencing document.
        if !reference.uri.contains(':') && !reference.uri.is_empty() {
            let beside = Path::new(referencing)
                .parent()
                .map(|dir| dir.join(&reference.uri));
            if let Some(path) = beside.filter(|path| path.is_file()) {
                return read_path(&path).map(Some);
            }
        }
        let uri_file = reference
            .uri
            .split(['?', '#'])
            .next()
            .and_then(|path| path.rsplit('/').next())
            .filter(|name| !name.is_empty() && !name.contains(['\\', ':']));
        for folder in &self.folders {
            let by_namespace = missing.iter().flat_map(|include| {
                ["xml", "json"].map(|ext| folder.join(format!("{}.{ext}", include.namespace)))
            });
            let candidates = uri_file
                .map(|name| folder.join(name))
                .into_iter()
                .chain(by_namespace);
            if let Some(path) = candidates.into_iter().find(|path| path.is_file()) {
                return read_path(&path).map(Some);
            }
        }
        let built_in = BUILT_IN
            .iter()
            .find(|(namespace, ..)| missing.iter().any(|i| i.namespace == *namespace));
        match built_in {
            Some((_, file, text)) => {
                read_bytes(&format!("{file} (built in)"), text.as_bytes()).map(Some)
            }
            None => Ok(None),
        }
    }
}
