//! `cargo xtask fuzz [SECONDS] [TARGET...]`: seeds each cargo-fuzz target's corpus from the
//! project's own test inputs, runs each target for SECONDS (default 60), and fails on a crash,
//! a hang or an out-of-memory.
//!
//! The corpora live in `fuzz/corpus/<target>/` (ignored by git): seeds are copied in at every
//! run, and what libFuzzer learns stays there for the next run on the same machine.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use graph_codegen::csdl;

/// Every target in `fuzz/Cargo.toml`, in the order they run.
pub const TARGETS: &[&str] = &[
    "csdl_xml",
    "csdl_json",
    "pipeline",
    "online_meeting_roundtrip",
    "graph_error",
    "join_information",
    "emulator_request",
];

/// Flags for `cargo fuzz build` and `run`: no sanitizer (every project crate forbids
/// `unsafe`; what is hunted is panics, hangs and memory growth, and a sanitizer would halve
/// the executions on two shared cores), debug assertions on (integer overflow panics).
const BUILD_FLAGS: &[&str] = &["--sanitizer", "none", "--debug-assertions"];

/// libFuzzer settings: one input may take 10 s and 2 GiB at most, or it is a failure.
const LIBFUZZER_FLAGS: &[&str] = &["-timeout=10", "-rss_limit_mb=2048", "-print_final_stats=1"];

/// The user id the emulator seeds act for (`fuzz_targets/emulator_request.rs` grants it).
const EMULATOR_USER: &str = "550fae72-d251-43ec-868c-373732c2704f";

/// What one target's run measured.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RunStats {
    /// `stat::number_of_executed_units`.
    pub executions: u64,
    /// The last `cov:` figure (edges covered).
    pub coverage: u64,
    /// The last `ft:` figure (features).
    pub features: u64,
    /// The corpus size at the end (`corp:` inputs).
    pub corpus: u64,
}

impl RunStats {
    /// Reads one line of libFuzzer's output into the figures.
    pub fn observe(&mut self, line: &str) {
        if let Some(value) = line.strip_prefix("stat::number_of_executed_units:") {
            self.executions = value.trim().parse().unwrap_or(self.executions);
        }
        let mut words = line.split_whitespace();
        while let Some(word) = words.next() {
            let field = match word {
                "cov:" => &mut self.coverage,
                "ft:" => &mut self.features,
                "corp:" => &mut self.corpus,
                _ => continue,
            };
            if let Some(value) = words.next().and_then(|v| v.split('/').next()) {
                *field = value.parse().unwrap_or(*field);
            }
        }
    }
}

/// Runs the `fuzz` subcommand with the arguments after `fuzz`.
pub fn run(args: &[&str]) -> ExitCode {
    let (seconds, targets) = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let workspace = xtask::workspace_root();
    if let Err(message) = ensure_cargo_fuzz() {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    let fuzz_dir = workspace.join("fuzz");
    let seeds = match seeds(&workspace) {
        Ok(seeds) => seeds,
        Err(message) => {
            eprintln!("error: cannot gather seeds: {message}");
            return ExitCode::FAILURE;
        }
    };
    for target in &targets {
        let dir = fuzz_dir.join("corpus").join(target);
        let written = fs::create_dir_all(&dir).and_then(|()| {
            let files = seeds.get(*target).map_or(&[][..], Vec::as_slice);
            files
                .iter()
                .try_for_each(|(name, bytes)| fs::write(dir.join(name), bytes))
        });
        if let Err(error) = written {
            eprintln!("error: cannot write seeds to {}: {error}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    if !cargo_fuzz(&fuzz_dir, &["build"], &[]).is_ok_and(|status| status.success()) {
        eprintln!("error: `cargo fuzz build` failed");
        return ExitCode::FAILURE;
    }
    let mut failed = Vec::new();
    for target in &targets {
        match run_target(&fuzz_dir, target, seconds) {
            Ok(stats) => println!(
                "fuzz {target}: {seconds} s, {} executions, cov {} ft {} corpus {}: no crash",
                stats.executions, stats.coverage, stats.features, stats.corpus
            ),
            Err(message) => {
                eprintln!("fuzz {target}: FAILED: {message}");
                failed.push(*target);
            }
        }
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "error: {} target(s) failed: {}; the input is in fuzz/artifacts/<target>/",
            failed.len(),
            failed.join(", ")
        );
        ExitCode::FAILURE
    }
}

fn parse_args<'a>(args: &[&'a str]) -> Result<(u64, Vec<&'a str>), String> {
    let (seconds, names) = match args.split_first() {
        Some((first, rest)) if first.bytes().all(|b| b.is_ascii_digit()) => (
            first
                .parse::<u64>()
                .map_err(|_| format!("`{first}` is not a number of seconds"))?,
            rest,
        ),
        _ => (60, args),
    };
    if seconds == 0 {
        return Err("SECONDS must be at least 1".to_owned());
    }
    if let Some(unknown) = names.iter().find(|name| !TARGETS.contains(name)) {
        return Err(format!(
            "unknown fuzz target `{unknown}`; targets: {}",
            TARGETS.join(", ")
        ));
    }
    let targets = if names.is_empty() {
        TARGETS.to_vec()
    } else {
        names.to_vec()
    };
    Ok((seconds, targets))
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    let installed = Command::new("cargo")
        .args(["fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if installed {
        return Ok(());
    }
    println!("cargo-fuzz is missing; installing it with `cargo install cargo-fuzz --locked`");
    let status = Command::new("cargo")
        .args(["install", "cargo-fuzz", "--locked"])
        .status()
        .map_err(|error| format!("cannot run cargo install: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("`cargo install cargo-fuzz --locked` failed".to_owned())
    }
}

/// `cargo fuzz SUBCOMMAND ...` in `fuzz/`; libFuzzer needs nightly flags, which this stable
/// toolchain accepts with `RUSTC_BOOTSTRAP=1`.
fn cargo_fuzz(
    fuzz_dir: &Path,
    subcommand: &[&str],
    libfuzzer: &[&str],
) -> std::io::Result<std::process::ExitStatus> {
    fuzz_command(fuzz_dir, subcommand, libfuzzer).status()
}

fn fuzz_command(fuzz_dir: &Path, subcommand: &[&str], libfuzzer: &[&str]) -> Command {
    let mut command = Command::new("cargo");
    command
        .current_dir(fuzz_dir)
        .env("RUSTC_BOOTSTRAP", "1")
        .arg("fuzz")
        .args(subcommand)
        .args(BUILD_FLAGS);
    if !libfuzzer.is_empty() {
        command.arg("--").args(libfuzzer);
    }
    command
}

/// Runs one target; its whole output goes to `fuzz/artifacts/<target>.log`.
fn run_target(fuzz_dir: &Path, target: &str, seconds: u64) -> Result<RunStats, String> {
    let corpus = format!("corpus/{target}");
    let max_time = format!("-max_total_time={seconds}");
    let mut flags = vec![max_time.as_str()];
    flags.extend_from_slice(LIBFUZZER_FLAGS);
    let mut child = fuzz_command(fuzz_dir, &["run", target, &corpus], &flags)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot run cargo fuzz: {error}"))?;
    let mut stats = RunStats::default();
    let mut log = Vec::new();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            stats.observe(&line);
            log.push(line);
        }
    }
    let status = child
        .wait()
        .map_err(|error| format!("cargo fuzz did not finish: {error}"))?;
    let log_path = fuzz_dir.join("artifacts").join(format!("{target}.log"));
    let saved = fs::create_dir_all(fuzz_dir.join("artifacts"))
        .and_then(|()| fs::write(&log_path, log.join("\n")));
    if status.success() {
        return Ok(stats);
    }
    let tail = log[log.len().saturating_sub(40)..].join("\n");
    let log_note = match saved {
        Ok(()) => format!("full log in {}", log_path.display()),
        Err(error) => format!("log not saved: {error}"),
    };
    Err(format!("{status}; {log_note}; last lines:\n{tail}"))
}

/// Seed files per target: (file name, bytes).
type Seeds = BTreeMap<&'static str, Vec<(String, Vec<u8>)>>;

fn seeds(workspace: &Path) -> Result<Seeds, String> {
    let mut seeds = Seeds::new();
    let mut add = |target: &'static str, name: String, bytes: Vec<u8>| {
        seeds.entry(target).or_default().push((name, bytes));
    };

    let mut csdl_files = files_with_extension(&workspace.join("codegen/tests/inputs"), "xml")?;
    csdl_files.extend(files_with_extension(&workspace.join("metadata"), "xml")?);
    csdl_files.extend(files_with_extension(
        &workspace.join("metadata/vocabularies"),
        "xml",
    )?);
    // Every annotation construct and dynamic expression, and the OASIS vocabularies.
    csdl_files.extend(files_with_extension(
        &workspace.join("codegen/tests/annotations"),
        "xml",
    )?);
    csdl_files.extend(files_with_extension(
        &workspace.join("codegen/vocabularies"),
        "xml",
    )?);
    for path in &csdl_files {
        let bytes = fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
        let name = seed_name(path);
        // The JSON seeds are the same documents converted, so both readers start from the
        // same shapes.
        if let Ok(document) = csdl::read_bytes(&name, &bytes) {
            let json = csdl::to_json(&document).into_bytes();
            add("csdl_json", format!("{name}.json"), json.clone());
            add("pipeline", format!("{name}.json"), json);
        }
        add("csdl_xml", name.clone(), bytes.clone());
        add("pipeline", name, bytes);
    }

    // The metadata-driven service (fuzz_targets/emulator_request.rs serves
    // emulator/tests/data/directory.xml): create, query, update, refer, stream, delete.
    let event = "/v1.0/me/events";
    let create = emulator_seed(
        "POST",
        event,
        Some(br#"{"subject":"plan","size":1,"start":{"dateTime":"x","timeZone":"UTC"},"categories":["a"]}"#),
    );
    let update = emulator_seed(
        "PATCH",
        &format!("{event}/$ID"),
        Some(br#"{"subject":null}"#),
    );
    let query = emulator_seed(
        "GET",
        &format!("{event}?$filter=categories/any(c:c%20eq%20'a')%20and%20not%20startswith(subject,'x')&$orderby=size%20desc&$top=1&$count=true&$select=subject&$expand=x"),
        None,
    );
    let delete = emulator_seed("DELETE", &format!("{event}/$ID"), None);
    add(
        "emulator_request",
        "generic-events".into(),
        format!("{create}\n===\n{update}\n===\n{query}\n===\n{delete}").into_bytes(),
    );
    let group = emulator_seed("POST", "/v1.0/groups", Some(br#"{"displayName":"team"}"#));
    let member = emulator_seed(
        "POST",
        "/v1.0/groups/$ID/members/$ref",
        Some(br#"{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/$ID"}"#),
    );
    let members = emulator_seed(
        "GET",
        "/v1.0/groups/$ID/members/microsoft.graph.group/$count",
        None,
    );
    let photo = emulator_seed("PUT", "/v1.0/me/photo/$value", Some(b"\x89PNG"));
    add(
        "emulator_request",
        "generic-references".into(),
        format!("{group}\n===\n{member}\n===\n{members}\n===\n{photo}").into_bytes(),
    );
    let alternate = emulator_seed("GET", "/v1.0/applications(appId='a')", None);
    add(
        "emulator_request",
        "generic-alternate-key".into(),
        alternate.into_bytes(),
    );

    let Some(examples) = shared_examples(workspace) else {
        println!("note: ../shared not found; JSON, error and emulator seeds are minimal");
        add("online_meeting_roundtrip", "empty".into(), b"{}".to_vec());
        add("graph_error", "empty".into(), error_seed(400, b"{}"));
        add(
            "join_information",
            "empty".into(),
            b"data%3Atext%2Fhtml%2C".to_vec(),
        );
        add(
            "emulator_request",
            "get".into(),
            emulator_seed("GET", "/v1.0/me/onlineMeetings", None).into_bytes(),
        );
        return Ok(seeds);
    };
    for path in files_with_extension(&examples, "json")? {
        let bytes = fs::read(&path).map_err(|error| format!("{}: {error}", path.display()))?;
        let name = seed_name(&path);
        let file = name.trim_start_matches("seed-");
        if file.starts_with("error-") {
            let status = if name.contains("429") { 429 } else { 403 };
            add("graph_error", name.clone(), error_seed(status, &bytes));
        } else {
            add("online_meeting_roundtrip", name.clone(), bytes.clone());
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Some(content) = join_information_content(&text) {
            add(
                "join_information",
                name.clone(),
                content.as_bytes().to_vec(),
            );
        }
        if file.starts_with("create") && file.contains("-request") {
            let path = if file.starts_with("createorget") {
                "/v1.0/me/onlineMeetings/createOrGet"
            } else {
                "/v1.0/me/onlineMeetings"
            };
            add(
                "emulator_request",
                name.clone(),
                emulator_seed("POST", path, Some(&bytes)).into_bytes(),
            );
            let as_app = format!("/v1.0/users/{EMULATOR_USER}/onlineMeetings");
            let mut seed = emulator_seed("POST", &as_app, Some(&bytes)).replace("$USER", "$APP");
            seed.push_str("\n===\n");
            seed.push_str(
                &emulator_seed("GET", &format!("{as_app}/$ID"), None).replace("$USER", "$APP"),
            );
            add("emulator_request", format!("app-{name}"), seed.into_bytes());
        }
        if file.starts_with("update") && file.contains("-request") {
            let create = emulator_seed(
                "POST",
                "/v1.0/me/onlineMeetings",
                Some(b"{\"subject\":\"x\"}"),
            );
            let update = emulator_seed("PATCH", "/v1.0/me/onlineMeetings/$ID", Some(&bytes));
            let delete = emulator_seed("DELETE", "/v1.0/me/onlineMeetings/$ID", None);
            add(
                "emulator_request",
                name.clone(),
                format!("{create}\n===\n{update}\n===\n{delete}").into_bytes(),
            );
        }
    }
    for path in files_with_extension(&examples, "txt")? {
        let text =
            fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
        if let Some(content) = join_information_content(&text) {
            add(
                "join_information",
                seed_name(&path),
                content.as_bytes().to_vec(),
            );
        }
    }
    let find = "/v1.0/me/onlineMeetings?$filter=JoinWebUrl%20eq%20'https%3A%2F%2Fteams.microsoft.com%2Fl%2Fx'";
    add(
        "emulator_request",
        "find".into(),
        emulator_seed("GET", find, None).into_bytes(),
    );
    Ok(seeds)
}

fn shared_examples(workspace: &Path) -> Option<PathBuf> {
    [workspace.join("../shared"), workspace.join("../../shared")]
        .into_iter()
        .map(|shared| shared.join("graph-docs/examples"))
        .find(|dir| dir.is_dir())
}

fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, String> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(format!("{}: {error}", dir.display())),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    files.sort();
    Ok(files)
}

fn seed_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    format!("seed-{name}")
}

/// The `graph_error` target's input: two bytes of status (as `status - 100`), a header
/// value, a NUL, then the body.
fn error_seed(status: u16, body: &[u8]) -> Vec<u8> {
    let mut seed = (status - 100).to_le_bytes().to_vec();
    seed.extend_from_slice(b"7f3c2a9e-1111-4c1d-9a0b-request-id\0");
    seed.extend_from_slice(body);
    seed
}

/// The `emulator_request` target's text form of one request, as the delegated user.
fn emulator_seed(method: &str, target: &str, body: Option<&[u8]>) -> String {
    let mut seed = format!("{method} {target}\nauthorization: Bearer $USER\n");
    if let Some(body) = body {
        seed.push_str("content-type: application/json\n\n");
        seed.push_str(&String::from_utf8_lossy(body));
    }
    seed
}

/// The encoded `joinInformation.content` string in an example, if it has one.
fn join_information_content(text: &str) -> Option<&str> {
    let start = text.find("data%3Atext%2Fhtml")?;
    let rest = &text[start..];
    Some(&rest[..rest.find('"').unwrap_or(rest.len())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_come_from_the_last_status_line_and_the_final_stats() {
        let mut stats = RunStats::default();
        for line in [
            "#2\tINITED cov: 120 ft: 300 corp: 12/40Kb exec/s: 0 rss: 40Mb",
            "#9000\tNEW    cov: 135 ft: 351 corp: 14/41Kb lim: 4096 exec/s: 3000 rss: 44Mb",
            "stat::number_of_executed_units: 91234",
            "stat::average_exec_per_sec:     3041",
        ] {
            stats.observe(line);
        }
        assert_eq!(
            stats,
            RunStats {
                executions: 91234,
                coverage: 135,
                features: 351,
                corpus: 14,
            }
        );
    }

    #[test]
    fn arguments_are_seconds_then_targets() {
        assert_eq!(parse_args(&[]), Ok((60, TARGETS.to_vec())));
        assert_eq!(parse_args(&["30"]), Ok((30, TARGETS.to_vec())));
        assert_eq!(parse_args(&["5", "pipeline"]), Ok((5, vec!["pipeline"])));
        assert!(parse_args(&["0"]).is_err());
        assert!(parse_args(&["10", "nope"])
            .unwrap_err()
            .contains("unknown fuzz target `nope`"));
    }

    #[test]
    fn every_target_gets_seeds() {
        let seeds = seeds(&xtask::workspace_root()).expect("seeds are gathered");
        for target in TARGETS {
            let count = seeds.get(target).map_or(0, Vec::len);
            assert!(count > 0, "{target} has no seed");
        }
        assert!(seeds.keys().all(|target| TARGETS.contains(target)));
    }

    #[test]
    fn join_information_content_stops_at_the_closing_quote() {
        let text = r#"{"content": "data%3Atext%2Fhtml%2C%3Cp%3E", "x": 1}"#;
        assert_eq!(
            join_information_content(text),
            Some("data%3Atext%2Fhtml%2C%3Cp%3E")
        );
    }

    #[test]
    fn error_seeds_put_the_status_first() {
        let seed = error_seed(429, b"{}");
        assert_eq!(u16::from_le_bytes([seed[0], seed[1]]) + 100, 429);
        assert!(seed.ends_with(b"\0{}"));
    }
}
