//! Project chores, run as `cargo xtask <task>`; the logic lives here so tests can call it.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

pub mod bench;
pub mod slice;

use graph_codegen::plan::features::Feature;
use graph_codegen::write::WriteMode;
use graph_codegen::{Builder, Error, Generated};

/// The type the checked-in crate is generated for.
pub const ROOT_TYPE: &str = "microsoft.graph.onlineMeeting";

/// The metadata file the checked-in crate is generated from, relative to the workspace.
pub const MAIN_METADATA: &str = "metadata/onlineMeeting.csdl.xml";

/// Where the checked-in models go, relative to the workspace.
pub const MODELS_DIR: &str = "generated/src/models";

/// The hand-written module (`generated/src/rules.rs`) with the functions that
/// `GraphRs.Validation.Rule` annotations name.
pub const RULES_MODULE: &str = "crate::rules";

/// The command that regenerates the checked-in code, for messages.
pub const REGENERATE_COMMAND: &str = "cargo xtask codegen";

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned)
}

/// The metadata files, main document first, then overlays (`metadata/*.xml` and `*.json`
/// besides it, sorted by name, whose out-of-line annotations add facts).
pub fn metadata_files(workspace: &Path) -> std::io::Result<Vec<PathBuf>> {
    let main = workspace.join(MAIN_METADATA);
    let mut overlays = Vec::new();
    for entry in std::fs::read_dir(workspace.join("metadata"))? {
        let path = entry?.path();
        let is_csdl = path
            .extension()
            .is_some_and(|ext| ext == "xml" || ext == "json");
        if is_csdl && path != main {
            overlays.push(path);
        }
    }
    overlays.sort();
    Ok(std::iter::once(main).chain(overlays).collect())
}

/// The pinned official v1.0 metadata the whole-Graph crate is generated from.
pub const V1_METADATA: &str = "metadata/graph-v1/v1.0-clean.xml";

/// Where the whole-Graph crate's generated tree goes.
pub const V1_DIR: &str = "generated/v1/src/graph";

/// The whole-Graph crate's manifest, whose `[features]` list its areas.
pub const V1_MANIFEST: &str = "generated/v1/Cargo.toml";

/// One generated tree and what happened to it.
pub struct Tree {
    /// The tree's directory, relative to the workspace (`generated/src/models`).
    pub dir: &'static str,
    pub generated: Generated,
    /// A manifest written beside the tree that changed (or, checking, is stale).
    pub stale_manifest: Option<&'static str>,
}

impl Tree {
    /// Files that changed (or would), relative to the workspace.
    pub fn stale(&self) -> Vec<String> {
        self.generated
            .report
            .stale()
            .map(|path| format!("{}/{}", self.dir, path.display()))
            .chain(self.stale_manifest.map(str::to_owned))
            .collect()
    }
}

/// Regenerates both checked-in trees (or, with [`WriteMode::Check`], reports the stale files
/// without writing): `graph-online-meetings` from `metadata/` and `graph-v1` from the pinned
/// v1.0 metadata, with its manifest's features.
pub fn codegen(workspace: &Path, mode: WriteMode) -> Result<Vec<Tree>, Error> {
    Ok(vec![
        online_meetings(workspace, mode)?,
        graph_v1(workspace, mode)?,
    ])
}

/// Microsoft's permissions file beside the workspace (`../shared/graph-metadata/`), when there.
pub const PERMISSIONS: &str = "../shared/graph-metadata/permissions.json";

/// Adds the permissions file when it is there; without it operations say their permissions
/// are not listed (and the generated code differs: `--check` reports it).
fn with_permissions(builder: &mut Builder, workspace: &Path) {
    let file = workspace.join(PERMISSIONS);
    if file.is_file() {
        builder.permissions(file);
    } else {
        eprintln!("note: {PERMISSIONS} not found; operations are generated without permissions");
    }
}

fn run(builder: &Builder, mode: WriteMode) -> Result<Generated, Error> {
    match mode {
        WriteMode::Write => builder.generate(),
        WriteMode::Check => builder.check(),
    }
}

/// `generated/src/models` from `metadata/onlineMeeting.csdl.xml` and its overlays.
fn online_meetings(workspace: &Path, mode: WriteMode) -> Result<Tree, Error> {
    let mut builder = Builder::new();
    builder
        .root(ROOT_TYPE)
        .rules_module(RULES_MODULE)
        .out_dir(workspace.join(MODELS_DIR));
    let files = metadata_files(workspace).map_err(|source| {
        Error::Write(graph_codegen::write::WriteError {
            path: workspace.join("metadata"),
            action: "list",
            source,
        })
    })?;
    for file in files {
        builder.metadata(file);
    }
    with_permissions(&mut builder, workspace);
    Ok(Tree {
        dir: MODELS_DIR,
        generated: run(&builder, mode)?,
        stale_manifest: None,
    })
}

/// `generated/v1/src/graph`: every type and operation of v1.0, each area behind a feature.
fn graph_v1(workspace: &Path, mode: WriteMode) -> Result<Tree, Error> {
    let mut builder = Builder::new();
    builder
        .metadata(workspace.join(V1_METADATA))
        .all()
        .area_features(true)
        .out_dir(workspace.join(V1_DIR));
    with_permissions(&mut builder, workspace);
    let generated = run(&builder, mode)?;
    let manifest = workspace.join(V1_MANIFEST);
    let changed = graph_codegen::write::write_one(
        &manifest,
        v1_manifest(&generated.features).as_bytes(),
        mode,
    )
    .map_err(Error::Write)?;
    Ok(Tree {
        dir: V1_DIR,
        generated,
        stale_manifest: changed.then_some(V1_MANIFEST),
    })
}

/// The whole-Graph crate's manifest: the features the generator planned (`models`, then one
/// per area), and `full` for all of them.
fn v1_manifest(features: &[Feature]) -> String {
    let mut out = String::from(
        "# @generated by `cargo xtask codegen` (the features follow the API's areas). Do not edit.\n\
         [package]\n\
         name = \"graph-v1\"\n\
         description = \"Every Microsoft Graph v1.0 model and operation, typed (generated)\"\n\
         version.workspace = true\n\
         edition.workspace = true\n\
         license.workspace = true\n\
         \n\
         [dependencies]\n\
         graph-core.workspace = true\n\
         \n\
         [dev-dependencies]\n\
         serde_json.workspace = true\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt\", \"rt-multi-thread\", \"net\", \"io-util\"] }\n\
         \n\
         [features]\n\
         default = []\n\
         # The async client (reqwest + rustls).\n\
         client = [\"graph-core/client\"]\n\
         # Serialize and Deserialize for every model and enum, through graph-core's JSON.\n\
         serde = [\"graph-core/serde\"]\n\
         # Every model and every operation.\n\
         full = [\n",
    );
    for feature in features {
        out.push_str(&format!("    \"{}\",\n", feature.name));
    }
    out.push_str(
        "]\n# Each compiles the operations it names and the models they need (see the README).\n",
    );
    for feature in features {
        out.push_str(&format!("# {}\n{} = []\n", feature.doc, feature.name));
    }
    for (example, feature) in EXAMPLES {
        out.push_str(&format!(
            "\n[[example]]\nname = \"{example}\"\nrequired-features = [\"client\", \"{feature}\"]\n"
        ));
    }
    out
}

/// The whole-Graph crate's examples and the area feature each needs.
const EXAMPLES: &[(&str, &str)] = &[
    ("upcoming_events", "users_calendar_view"),
    ("attendance_reports", "users_online_meetings"),
];
