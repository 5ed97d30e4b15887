//! The compile-time rows: `cargo check` or `cargo build` from clean, timed, with peak memory from
//! GNU time; and the size of release binaries.
//!
//! Every crate has its own target directory. Its dependencies (graph-core and graph-macros, or
//! serde and serde_json) are built once by an untimed warm-up, so each timed run compiles the
//! crate itself (and the crates named in [`CheckCrate::also_clean`]): `cargo clean -p <crate>`
//! (in that private target directory only), then `/usr/bin/time -v cargo check`. Runs are
//! interleaved: round 1 of every crate, then round 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// GNU time, for "Maximum resident set size".
pub const GNU_TIME: &str = "/usr/bin/time";

/// What cargo does to a crate in a timed run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compile {
    /// `cargo check`: what an editor and `cargo clippy` pay.
    Check,
    /// `cargo build` (debug): what `cargo test` and `cargo run` pay.
    Build,
}

impl Compile {
    fn subcommand(self) -> &'static str {
        match self {
            Compile::Check => "check",
            Compile::Build => "build",
        }
    }
}

/// One crate to compile.
#[derive(Clone, Debug)]
pub struct CheckCrate {
    /// Row key (`full`, `models`, `plain`, `floor`, `online`, ...).
    pub key: &'static str,
    /// The package name, for `cargo clean -p` and `cargo check -p`.
    pub package: String,
    /// Where cargo runs (the crate, or the workspace for a member).
    pub dir: PathBuf,
    /// The crate's own target directory.
    pub target_dir: PathBuf,
    /// `--features` (empty: the default features).
    pub features: Vec<String>,
    /// Dependencies compiled in every timed run too (the whole-Graph crate under a user's crate).
    pub also_clean: Vec<String>,
    /// Check or build.
    pub compile: Compile,
}

impl CheckCrate {
    /// The cargo arguments of a compile of this crate: `check -p <package> [--features ...]`.
    fn compile_args(&self) -> Vec<String> {
        let mut args = vec![
            self.compile.subcommand().to_owned(),
            "--quiet".into(),
            "--message-format=short".into(),
            "-p".into(),
            self.package.clone(),
        ];
        if !self.features.is_empty() {
            args.push("--features".into());
            args.push(self.features.join(","));
        }
        args
    }
}

/// One timed run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckRun {
    /// Wall time of `cargo check`.
    pub wall: Duration,
    /// Peak resident set size of the largest process (rustc), in KiB.
    pub peak_kib: u64,
}

/// Makes sure GNU time is installed; installs the `time` package with apt-get if it is not.
pub fn ensure_gnu_time() -> Result<(), String> {
    if Path::new(GNU_TIME).is_file() {
        return Ok(());
    }
    eprintln!(
        "bench: {GNU_TIME} (GNU time) is missing; it measures peak memory. \
         Installing the `time` package with `apt-get install -y time`..."
    );
    let status = Command::new("apt-get")
        .args(["install", "-y", "time"])
        .status()
        .map_err(|error| format!("cannot run apt-get to install GNU time: {error}"))?;
    if status.success() && Path::new(GNU_TIME).is_file() {
        Ok(())
    } else {
        Err(format!(
            "could not install GNU time ({status}); install it (`apt-get install time`) and rerun"
        ))
    }
}

fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// Cargo builds dependencies without incremental compilation, and the whole-Graph crate is a
/// dependency of the code that uses it: every check is timed that way (incremental
/// compilation would add the cost of saving its caches to a build from clean).
const INCREMENTAL: (&str, &str) = ("CARGO_INCREMENTAL", "0");

fn cargo_command<S: AsRef<std::ffi::OsStr>>(krate: &CheckCrate, args: &[S]) -> Command {
    let mut command = Command::new(cargo());
    command
        .env(INCREMENTAL.0, INCREMENTAL.1)
        .args(args)
        .arg("--target-dir")
        .arg(&krate.target_dir)
        .current_dir(&krate.dir);
    command
}

fn first_lines(text: &[u8], count: usize) -> String {
    String::from_utf8_lossy(text)
        .lines()
        .filter(|line| !line.trim_start().starts_with("Command being timed"))
        .take(count)
        .collect::<Vec<_>>()
        .join("\n")
}

/// An untimed compile that builds the dependencies.
pub fn warm_up(krate: &CheckCrate) -> Result<(), String> {
    let output = cargo_command(krate, &krate.compile_args())
        .stdout(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "warm-up `cargo {}` in {} failed:\n{}",
            krate.compile_args().join(" "),
            krate.dir.display(),
            first_lines(&output.stderr, 30)
        ))
    }
}

/// Cleans the crate and its [`CheckCrate::also_clean`] dependencies (not the others) in its
/// private target directory, then times the compile under GNU time.
pub fn timed_check(krate: &CheckCrate) -> Result<CheckRun, String> {
    for package in std::iter::once(&krate.package).chain(&krate.also_clean) {
        let clean = cargo_command(krate, &["clean", "--quiet", "-p", package])
            .output()
            .map_err(|error| format!("cannot run cargo clean: {error}"))?;
        if !clean.status.success() {
            return Err(format!(
                "`cargo clean -p {package}` failed:\n{}",
                first_lines(&clean.stderr, 10)
            ));
        }
    }
    let mut command = Command::new(GNU_TIME);
    command
        .env(INCREMENTAL.0, INCREMENTAL.1)
        .arg("-v")
        .arg(cargo())
        .args(krate.compile_args())
        .arg("--target-dir")
        .arg(&krate.target_dir)
        .current_dir(&krate.dir)
        .stdout(Stdio::null());
    let started = Instant::now();
    let output = command
        .output()
        .map_err(|error| format!("cannot run {GNU_TIME}: {error}"))?;
    let wall = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "`cargo {}` in {} failed:\n{}",
            krate.compile_args().join(" "),
            krate.dir.display(),
            first_lines(&output.stderr, 30)
        ));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let peak_kib = peak_kib(&stderr).ok_or_else(|| {
        format!("no \"Maximum resident set size\" in the output of {GNU_TIME} -v:\n{stderr}")
    })?;
    Ok(CheckRun { wall, peak_kib })
}

/// The "Maximum resident set size (kbytes): N" line of `time -v`.
pub fn peak_kib(report: &str) -> Option<u64> {
    report.lines().find_map(|line| {
        line.trim()
            .strip_prefix("Maximum resident set size (kbytes):")
            .and_then(|value| value.trim().parse().ok())
    })
}

/// The runtime crates the checked crates depend on, and the two generated crates.
pub const SNAPSHOT_MEMBERS: [&str; 4] = ["core", "macros", "generated", "generated/v1"];

/// Copies the runtime crates and the generated crates into `dest` as a workspace of their own
/// (the root manifest with only those members, and the lock file). The checkout is shared and
/// edited while the benchmark runs; checking the copy keeps an edit of graph-core from turning a
/// timed run into a rebuild of graph-core.
pub fn snapshot_workspace(workspace: &Path, dest: &Path) -> std::io::Result<()> {
    if dest.exists() {
        std::fs::remove_dir_all(dest)?;
    }
    std::fs::create_dir_all(dest)?;
    for member in SNAPSHOT_MEMBERS {
        let to = dest.join(member);
        // `generated` holds `generated/v1`: copied once.
        if !to.exists() {
            copy_tree(&workspace.join(member), &to)?;
        }
    }
    let manifest = std::fs::read_to_string(workspace.join("Cargo.toml"))?;
    std::fs::write(dest.join("Cargo.toml"), snapshot_manifest(&manifest))?;
    std::fs::copy(workspace.join("Cargo.lock"), dest.join("Cargo.lock"))?;
    Ok(())
}

/// The root manifest with `members` replaced by the snapshot's and the other member lists dropped
/// (each list on one line or over several).
pub fn snapshot_manifest(manifest: &str) -> String {
    let members = SNAPSHOT_MEMBERS
        .map(|member| format!("\"{member}\""))
        .join(", ");
    let mut out = String::new();
    let mut in_list = false;
    for line in manifest.lines() {
        if in_list {
            in_list = !line.contains(']');
            continue;
        }
        let key = line.split('=').next().unwrap_or_default().trim();
        if matches!(key, "members" | "default-members" | "exclude") && line.contains('=') {
            in_list = !line.contains(']');
            if key == "members" {
                out.push_str(&format!("members = [{members}]\n"));
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Copies a directory tree, leaving out `target` directories.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            if entry.file_name() != "target" {
                copy_tree(&path, &to.join(entry.file_name()))?;
            }
        } else {
            std::fs::copy(&path, to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// A scratch crate outside the workspace (its own `[workspace]`), with the workspace's lock
/// file so it uses the same dependency versions without asking a registry; `sections` are
/// further manifest sections (`[profile.release]`), or empty.
pub fn write_scratch_crate(
    workspace: &Path,
    dir: &Path,
    package: &str,
    dependencies: &str,
    sections: &str,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    let manifest = format!(
        "[package]\nname = \"{package}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\n{dependencies}\n\n{sections}\
         # Not a member of the project's workspace.\n[workspace]\n"
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
    if !dir.join("Cargo.lock").is_file() {
        std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock"))?;
    }
    Ok(())
}

/// Builds the binaries of the crate in `dir` in release mode (untimed) and returns the size in
/// bytes of each named binary.
pub fn release_binary_sizes(
    dir: &Path,
    target_dir: &Path,
    binaries: &[&str],
) -> Result<Vec<u64>, String> {
    let output = Command::new(cargo())
        .args(["build", "--quiet", "--release", "--bins", "--target-dir"])
        .arg(target_dir)
        .current_dir(dir)
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "`cargo build --release` in {} failed:\n{}",
            dir.display(),
            first_lines(&output.stderr, 30)
        ));
    }
    binaries
        .iter()
        .map(|binary| {
            let path = target_dir.join("release").join(binary);
            std::fs::metadata(&path)
                .map(|metadata| metadata.len())
                .map_err(|error| format!("cannot read the size of {}: {error}", path.display()))
        })
        .collect()
}

/// Writes `contents` unless the file already holds exactly that (keeps mtimes, so cargo's
/// fingerprints of the warm-up stay valid).
pub fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<bool> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, contents)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_is_read_from_gnu_time_output() {
        let report = "\tCommand being timed: \"cargo check\"\n\
            \tUser time (seconds): 1.20\n\
            \tMaximum resident set size (kbytes): 123456\n\
            \tAverage resident set size (kbytes): 0\n";
        assert_eq!(peak_kib(report), Some(123_456));
        assert_eq!(peak_kib("error: no such command"), None);
    }

    #[test]
    fn snapshot_manifest_keeps_only_the_runtime_members() {
        let manifest =
            "[workspace]\nresolver = \"2\"\nmembers = [\n    \"codegen\",\n    \"core\",\n]\n\
            default-members = [\"core\"]\nexclude = [\"fuzz\"]\n\n[workspace.package]\n\
            edition = \"2021\"\n";
        let snapshot = snapshot_manifest(manifest);
        assert!(
            snapshot
                .contains("members = [\"core\", \"macros\", \"generated\", \"generated/v1\"]\n"),
            "{snapshot}"
        );
        assert!(!snapshot.contains("default-members"), "{snapshot}");
        assert!(!snapshot.contains("exclude"), "{snapshot}");
        assert!(
            snapshot.contains("[workspace.package]\nedition = \"2021\"\n"),
            "{snapshot}"
        );
    }

    #[test]
    fn scratch_crate_is_its_own_workspace_with_the_lock_file() {
        let workspace = crate::workspace_root();
        let dir = workspace.join("target/xtask-bench/test-scratch");
        drop(std::fs::remove_dir_all(&dir));
        write_scratch_crate(&workspace, &dir, "scratch-test", "serde_json = \"1\"", "").unwrap();
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        assert!(manifest.contains("name = \"scratch-test\""), "{manifest}");
        assert!(manifest.contains("\n[workspace]\n"), "{manifest}");
        assert!(dir.join("Cargo.lock").is_file());
        assert!(!write_if_changed(&dir.join("Cargo.toml"), &manifest).unwrap());
        drop(std::fs::remove_dir_all(&dir));
    }
}
