//! The typed front door, for build scripts (in the spirit of `prost_build::Config`).
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let generated = graph_codegen::Builder::new()
//!         .metadata("metadata/onlineMeeting.csdl.xml")
//!         .root("microsoft.graph.onlineMeeting")
//!         .generate()?; // into $OUT_DIR/graph/mod.rs
//!     for warning in &generated.warnings {
//!         println!("cargo:warning={warning}");
//!     }
//!     Ok(())
//! }
//! // lib.rs: pub mod graph { include!(concat!(env!("OUT_DIR"), "/graph/mod.rs")); }
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::csdl;
use crate::csdl::Diagnostic;
use crate::emit::emit;
use crate::model::Model;
use crate::plan::features::Feature;
use crate::plan::{plan, Plan, PlanError, PlanOptions, Roots};
use crate::write::{write_files, GeneratedFile, WriteError, WriteMode, WriteReport};

/// Settings for one generation run. Setters take and return `&mut Self`, so they chain and
/// also work one at a time (in a loop over roots, say); `plan`, `files`, `generate` and
/// `check` only read the settings.
#[derive(Clone, Debug, Default)]
pub struct Builder {
    metadata: Vec<PathBuf>,
    catalog: Vec<PathBuf>,
    roots: Vec<String>,
    all: bool,
    navigation: bool,
    /// Generate the `api` module (default: yes; see [`Builder::operations`]).
    no_operations: bool,
    area_features: bool,
    permissions: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    rules_module: Option<String>,
}

/// What a run produced.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Generated {
    /// Problems in the metadata that did not stop generation, as `FILE:LINE:COLUMN: message`.
    pub warnings: Vec<Diagnostic>,
    /// Which files changed (or, for [`Builder::check`], are stale).
    pub report: WriteReport,
    /// The output directory.
    pub out_dir: PathBuf,
    /// The Cargo features the generated code is gated with, for the crate's manifest; empty
    /// unless [`Builder::area_features`] is on.
    pub features: Vec<Feature>,
}

/// Why a run failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// No metadata file was given.
    NoMetadata,
    /// No output directory was given and `OUT_DIR` is not set (not in a build script).
    NoOutDir,
    /// A metadata file cannot be read or resolved; says `FILE:LINE:COLUMN: what`.
    Metadata(Diagnostic),
    /// The roots do not name generatable types.
    Plan(PlanError),
    /// Writing (or checking) the output failed.
    Write(WriteError),
    /// Microsoft's permissions file cannot be read.
    Permissions(crate::permissions::PermissionsError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoMetadata => write!(f, "no metadata file given (use `.metadata(path)`)"),
            Error::NoOutDir => write!(
                f,
                "no output directory given (use `.out_dir(path)`; `OUT_DIR` is only set for build scripts)"
            ),
            Error::Metadata(error) => write!(f, "{error}"),
            Error::Plan(error) => write!(f, "{error}"),
            Error::Write(error) => write!(f, "{error}"),
            Error::Permissions(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Plan(error) => Some(error),
            Error::Write(error) => Some(error),
            _ => None,
        }
    }
}

impl From<PlanError> for Error {
    fn from(error: PlanError) -> Self {
        Error::Plan(error)
    }
}

impl From<WriteError> for Error {
    fn from(error: WriteError) -> Self {
        Error::Write(error)
    }
}

impl Builder {
    /// A builder with no metadata, no roots and the default output directory.
    pub fn new() -> Self {
        Builder::default()
    }

    /// Adds a metadata file (CSDL XML or JSON). The first is the main document; later ones are
    /// resolved with it (overlays whose `<Annotations>` add facts).
    pub fn metadata(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.metadata.push(path.as_ref().to_owned());
        self
    }

    /// Adds a folder of CSDL documents where `<edmx:Reference>` documents are looked for (by
    /// the file name of the reference's URI, or `NAMESPACE.xml`), before the OASIS vocabularies
    /// built in. A reference found nowhere is a warning.
    pub fn catalog(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.catalog.push(dir.as_ref().to_owned());
        self
    }

    /// Adds a root type (`microsoft.graph.onlineMeeting`, or alias-qualified `graph.x`);
    /// the generated set is the roots and everything they reach.
    pub fn root(&mut self, qualified_name: impl Into<String>) -> &mut Self {
        self.roots.push(qualified_name.into());
        self
    }

    /// Generates every entity, complex and enum type of the metadata; roots are ignored.
    pub fn all(&mut self) -> &mut Self {
        self.all = true;
        self
    }

    /// Also follows navigation properties from the roots (default: only structural ones;
    /// a navigation member a type does not generate is kept in `additional_data`).
    pub fn navigation(&mut self, follow: bool) -> &mut Self {
        self.navigation = follow;
        self
    }

    /// Generates the operations (the `api` module) too; `false` for models alone.
    pub fn operations(&mut self, generate: bool) -> &mut Self {
        self.no_operations = !generate;
        self
    }

    /// Puts the operations of each area (`api::users`; a large area's child modules too,
    /// `api::users::events`) behind a Cargo feature (`users`, `users_events`) and each model
    /// behind the features that need it and `models` (see [`crate::plan::features`]); the
    /// crate's `Cargo.toml` must declare [`Generated::features`] (default: off).
    pub fn area_features(&mut self, gate: bool) -> &mut Self {
        self.area_features = gate;
        self
    }

    /// Microsoft's permissions file (`permissions.json`): each operation's rustdoc and
    /// `Endpoint` then say who may call it, and the client checks tokens against that.
    pub fn permissions(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.permissions = Some(path.as_ref().to_owned());
        self
    }

    /// The path, as seen from the generated code, of your module of validation functions that
    /// `GraphRs.Validation.Rule` annotations name (for example `crate::rules`). Without it such
    /// rules are left out with a warning.
    pub fn rules_module(&mut self, path: impl Into<String>) -> &mut Self {
        self.rules_module = Some(path.into());
        self
    }

    /// Where to write the module tree (`DIR/mod.rs` is its root). Default: `$OUT_DIR/graph`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// Reads the metadata and decides what to generate, without emitting anything. Not covered
    /// by semver: the plan is a stage's data (see the crate docs).
    #[doc(hidden)]
    pub fn plan(&self) -> Result<(Plan, Vec<Diagnostic>), Error> {
        let (plan, _model, warnings) = self.plan_and_model()?;
        Ok((plan, warnings))
    }

    /// [`Builder::plan`], also handing back the model, so the caller chooses when (and on
    /// which thread) to free it.
    fn plan_and_model(&self) -> Result<(Plan, Model, Vec<Diagnostic>), Error> {
        let first = self.metadata.first().ok_or(Error::NoMetadata)?;
        let documents = self
            .metadata
            .iter()
            .map(csdl::read_path)
            .collect::<Result<Vec<_>, _>>()
            .map_err(Error::Metadata)?;
        let catalog = csdl::Catalog::with_folders(&self.catalog);
        let (model, mut warnings) =
            Model::resolve_in(&catalog, documents).map_err(Error::Metadata)?;
        let options = PlanOptions {
            roots: if self.all {
                Roots::All
            } else {
                Roots::Types(self.roots.clone())
            },
            navigation: self.navigation,
            source: first
                .file_name()
                .map_or_else(String::new, |name| name.to_string_lossy().into_owned()),
            rules_module: self.rules_module.clone(),
        };
        let mut plan = plan(&model, &options)?;
        if self.no_operations {
            plan.api = Default::default();
        }
        if self.area_features {
            crate::plan::features::gate(&mut plan)?;
        }
        if let Some(path) = &self.permissions {
            let table =
                crate::permissions::PermissionTable::read(path).map_err(Error::Permissions)?;
            plan.api.add_permissions(&table);
        }
        warnings.extend(plan.warnings.iter().cloned());
        Ok((plan, model, warnings))
    }

    /// The generated files, in memory (paths relative to the output directory).
    pub fn files(&self) -> Result<(Vec<GeneratedFile>, Vec<Diagnostic>), Error> {
        let (plan, model, warnings) = self.plan_and_model()?;
        let files = emit_freeing(&plan, model);
        free_in_parallel(plan);
        Ok((files, warnings))
    }

    /// Generates and writes the files whose bytes changed; removes generated files no longer
    /// produced. In a build script, also tells Cargo to rerun when the metadata changes.
    pub fn generate(&self) -> Result<Generated, Error> {
        self.run(WriteMode::Write)
    }

    /// Writes nothing; reports which files [`Builder::generate`] would change or remove.
    pub fn check(&self) -> Result<Generated, Error> {
        self.run(WriteMode::Check)
    }

    fn run(&self, mode: WriteMode) -> Result<Generated, Error> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(|dir| PathBuf::from(dir).join("graph"))
                .ok_or(Error::NoOutDir)?,
        };
        if std::env::var_os("OUT_DIR").is_some() && std::env::var_os("CARGO").is_some() {
            for path in &self.metadata {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let (plan, model, warnings) = self.plan_and_model()?;
        let features = plan.features.clone();
        let files = emit_freeing(&plan, model);
        let (report, ()) = rayon::join(
            || write_files(&out_dir, &files, mode),
            || free_in_parallel(plan),
        );
        let report = report?;
        Ok(Generated {
            warnings,
            report,
            out_dir,
            features,
        })
    }
}

/// Emits `plan` while the model it was planned from is freed alongside. For all of Graph the
/// model and the plan are each ~100,000 allocations: freeing them one after the other on the
/// calling thread took as long as emitting on all of them.
fn emit_freeing(plan: &Plan, model: Model) -> Vec<GeneratedFile> {
    rayon::join(|| emit(plan), || drop(model)).0
}

/// Frees the plan's items on all threads.
fn free_in_parallel(plan: Plan) {
    plan.modules
        .into_par_iter()
        .for_each(|module| module.items.into_par_iter().for_each(drop));
}
