//! The one table: rows built from the measurements, with ratios against their floors and the
//! targets, rendered as Markdown.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use super::check::CheckRun;
use super::measure::median;

/// What one side of a row measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measured {
    /// A median time.
    Time(Duration),
    /// Median wall time and median peak memory of `cargo check` runs.
    Check { wall: Duration, peak_kib: u64 },
    /// A size in bytes (a binary).
    Bytes(u64),
}

/// Sizes of the stripped release binary that creates one meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BinarySizes {
    /// Built on the whole-v1.0 crate with the meetings area.
    pub whole: u64,
    /// Built on graph-online-meetings.
    pub slice: u64,
}

impl Measured {
    /// The quantity ratios compare: seconds, or bytes.
    fn amount(self) -> f64 {
        match self {
            Measured::Time(time) => time.as_secs_f64(),
            Measured::Check { wall, .. } => wall.as_secs_f64(),
            Measured::Bytes(bytes) => bytes as f64,
        }
    }

    fn text(self) -> String {
        match self {
            Measured::Time(time) => duration_text(time),
            Measured::Check { wall, peak_kib } => {
                format!("{}, {}", duration_text(wall), memory_text(peak_kib))
            }
            Measured::Bytes(bytes) => format!("{:.2} MB", bytes as f64 / 1e6),
        }
    }
}

/// The target a row is held to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// ours / floor at most this.
    RatioAtMost(f64),
    /// ours / floor below this.
    RatioBelow(f64),
    /// ours below this time.
    TimeBelow(Duration),
    /// `cargo check` within this time and peak memory.
    CheckWithin { wall: Duration, peak_kib: u64 },
    /// A reference row, no target.
    Reference,
}

impl Target {
    fn text(self) -> String {
        match self {
            Target::RatioAtMost(ratio) => format!("<= {ratio}x"),
            Target::RatioBelow(ratio) => format!("< {ratio}x"),
            Target::TimeBelow(time) => format!("< {}", duration_text(time)),
            Target::CheckWithin { wall, peak_kib } => {
                format!("<= {}, <= {}", duration_text(wall), memory_text(peak_kib))
            }
            Target::Reference => "(reference)".into(),
        }
    }
}

/// One line of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// What is measured.
    pub what: String,
    /// Our median.
    pub ours: Measured,
    /// What it is compared with, and its median.
    pub against: Option<(String, Measured)>,
    /// The target.
    pub target: Target,
}

impl Row {
    /// ours / against, when there is something to compare with.
    pub fn ratio(&self) -> Option<f64> {
        let (_, against) = self.against.as_ref()?;
        let floor = against.amount();
        (floor > 0.0).then(|| self.ours.amount() / floor)
    }

    /// Whether the target is met; `None` for a reference row.
    pub fn met(&self) -> Option<bool> {
        match self.target {
            Target::RatioAtMost(limit) => self.ratio().map(|ratio| ratio <= limit),
            Target::RatioBelow(limit) => self.ratio().map(|ratio| ratio < limit),
            Target::TimeBelow(limit) => match self.ours {
                Measured::Bytes(_) => None,
                ours => Some(ours.amount() < limit.as_secs_f64()),
            },
            Target::CheckWithin { wall, peak_kib } => match self.ours {
                Measured::Check {
                    wall: ours,
                    peak_kib: peak,
                } => Some(ours <= wall && peak <= peak_kib),
                Measured::Time(_) | Measured::Bytes(_) => None,
            },
            Target::Reference => None,
        }
    }
}

/// The header facts of the report.
pub struct Context {
    /// The command that made it.
    pub command: &'static str,
    /// When.
    pub date: String,
    /// Cores, compiler, load.
    pub machine: String,
    /// How long the whole run took.
    pub took: Duration,
    /// Runs per `cargo check` row.
    pub check_runs: usize,
}

/// Builds the rows from the bench binary's medians and notes and the `cargo check` runs.
pub fn rows(
    measures: &BTreeMap<String, Duration>,
    notes: &BTreeMap<String, String>,
    checks: &BTreeMap<&'static str, Vec<CheckRun>>,
    sizes: Option<BinarySizes>,
) -> Result<Vec<Row>, String> {
    let time = |name: &str| {
        measures
            .get(name)
            .copied()
            .map(Measured::Time)
            .ok_or_else(|| format!("the bench binary reported no `{name}`"))
    };
    let note = |key: &str| notes.get(key).map_or("?", String::as_str);
    let documents = format!(
        "{} example responses, {} bytes",
        note("models.documents"),
        note("models.bytes")
    );
    let mut rows = vec![
        Row {
            what: format!(
                "Read + resolve `v1.0-clean.xml` ({} bytes)",
                note("read.bytes")
            ),
            ours: time("read.ours")?,
            against: Some(("bare `roxmltree` parse".into(), time("read.roxmltree")?)),
            target: Target::RatioAtMost(1.5),
        },
        Row {
            what: format!(
                "Generation of the models of `v1.0-clean.xml` to files ({} structs, {} enums, {} `Any` enums; {} threads; {} bytes written, the floor {})",
                note("generate.structs"),
                note("generate.enums"),
                note("generate.polymorphic"),
                note("generate.threads"),
                note("generate.bytes.models"),
                note("generate.bytes.floor")
            ),
            ours: time("generate.models")?,
            against: Some((
                "`quote!` + `syn::parse2` + prettyplease of the same structs and enums, plain, per item on all threads, to files".into(),
                time("generate.floor")?,
            )),
            target: Target::RatioAtMost(1.5),
        },
        Row {
            what: format!(
                "Full generation of `v1.0-clean.xml`: the models and {} operation functions ({} bytes written)",
                note("generate.operations"),
                note("generate.bytes.full")
            ),
            ours: time("generate.full")?,
            against: None,
            target: Target::TimeBelow(Duration::from_secs(2)),
        },
        Row {
            what: "Generation of the onlineMeeting slice to files (what a build.rs pays)".into(),
            ours: time("generate.slice")?,
            against: None,
            target: Target::TimeBelow(Duration::from_millis(20)),
        },
    ];
    rows.extend(check_rows(checks));
    if let Some(sizes) = sizes {
        rows.push(Row {
            what: format!("Release binary (stripped) that creates one meeting: through `graph-v1` (feature `{}`)", super::MEETINGS_AREA),
            ours: Measured::Bytes(sizes.whole),
            against: Some((
                "the same program through `graph-online-meetings`".into(),
                Measured::Bytes(sizes.slice),
            )),
            target: Target::Reference,
        });
    }
    rows.extend([
        Row {
            what: format!("Read {documents}: generated `OnlineMeeting` (lossless)"),
            ours: time("models.read.generated")?,
            against: Some((
                "plain lossy serde-derive structs".into(),
                time("models.read.plain")?,
            )),
            target: Target::RatioAtMost(1.1),
        },
        Row {
            what: format!("Read {documents}: generated `OnlineMeeting` (lossless)"),
            ours: time("models.read.generated")?,
            against: Some(("`serde_json::Value`".into(), time("models.read.value")?)),
            target: Target::RatioAtMost(0.7),
        },
        Row {
            what: "Write the same responses: generated `OnlineMeeting`".into(),
            ours: time("models.write.generated")?,
            against: Some((
                "plain lossy serde-derive structs".into(),
                time("models.write.plain")?,
            )),
            target: Target::RatioAtMost(1.1),
        },
        Row {
            what: "Write the same responses: generated `OnlineMeeting`".into(),
            ours: time("models.write.generated")?,
            against: Some(("`serde_json::Value`".into(), time("models.write.value")?)),
            target: Target::Reference,
        },
        Row {
            what: "Validate the seed's example-2 request (Create)".into(),
            ours: time("validate.ex2")?,
            against: Some((
                "serialising it (`graph_core::json::to_vec`)".into(),
                time("validate.serialise")?,
            )),
            target: Target::RatioBelow(0.1),
        },
    ]);
    Ok(rows)
}

/// Median wall time and median peak memory of a crate's runs.
fn check_median(runs: &[CheckRun]) -> Option<Measured> {
    if runs.is_empty() {
        return None;
    }
    let mut walls: Vec<Duration> = runs.iter().map(|run| run.wall).collect();
    let mut peaks: Vec<u64> = runs.iter().map(|run| run.peak_kib).collect();
    peaks.sort_unstable();
    Some(Measured::Check {
        wall: median(&mut walls),
        peak_kib: peaks[peaks.len() / 2],
    })
}

fn check_rows(checks: &BTreeMap<&'static str, Vec<CheckRun>>) -> Vec<Row> {
    let get = |key: &str| checks.get(key).and_then(|runs| check_median(runs));
    let floor = get("floor").map(|floor| ("the same types with no derives".to_owned(), floor));
    let models = get("models");
    let mut rows = Vec::new();
    if let Some(full) = get("full") {
        rows.push(Row {
            what: "`cargo check` from clean: `graph-v1`, all of v1.0, `--features full` (graph-core prebuilt)".into(),
            ours: full,
            against: models.map(|models| ("`graph-v1` with the feature `models` (models alone)".to_owned(), models)),
            target: Target::CheckWithin {
                wall: Duration::from_secs(60),
                peak_kib: 3 * 1000 * 1000 * 1000 / 1024,
            },
        });
    }
    if let (Some(serde), Some(full)) = (get("full-serde"), get("full")) {
        rows.push(Row {
            what: "`cargo check` from clean: `graph-v1 --features full,serde` (`Serialize` and `Deserialize` for every type; graph-core prebuilt)".into(),
            ours: serde,
            against: Some(("the same without `serde`".to_owned(), full)),
            target: Target::Reference,
        });
    }
    if let Some(build) = get("full-build") {
        rows.push(Row {
            what:
                "`cargo build` (debug) from clean: `graph-v1 --features full` (graph-core prebuilt)"
                    .into(),
            ours: build,
            against: None,
            target: Target::TimeBelow(Duration::from_secs(120)),
        });
    }
    if let Some(area) = get("area") {
        rows.push(Row {
            what: format!("`cargo check` from clean: a crate that creates a meeting through `graph-v1` with the feature `{}` (graph-v1 included, graph-core prebuilt)", super::MEETINGS_AREA),
            ours: area,
            against: None,
            target: Target::TimeBelow(Duration::from_secs(5)),
        });
    }
    if let Some(models) = models {
        rows.push(Row {
            what: "`cargo check` from clean: `graph-v1` with the feature `models`, every model of v1.0 (graph-core prebuilt)".into(),
            ours: models,
            against: floor.clone(),
            target: Target::CheckWithin {
                wall: Duration::from_secs(30),
                peak_kib: 2 * 1024 * 1024,
            },
        });
    }
    if let Some(plain) = get("plain") {
        rows.push(Row {
            what: "`cargo check` from clean: the same types as plain serde-derive structs (serde prebuilt)".into(),
            ours: plain,
            against: floor.clone(),
            target: Target::Reference,
        });
    }
    if let Some((_, floor)) = &floor {
        rows.push(Row {
            what: "`cargo check` from clean: the same types with no derives (the floor)".into(),
            ours: *floor,
            against: None,
            target: Target::Reference,
        });
    }
    if let Some(online) = get("online") {
        rows.push(Row {
            what: "`cargo check` from clean: the onlineMeeting crate `graph-online-meetings` (graph-core prebuilt)".into(),
            ours: online,
            against: None,
            target: Target::TimeBelow(Duration::from_secs(2)),
        });
    }
    rows
}

/// The report: header, the table, and how each row is measured.
pub fn render(rows: &[Row], context: &Context) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "# Benchmarks\n");
    let _ = writeln!(
        text,
        "Written by `{}` on {} (took {:.0} s). Machine: {}.\n",
        context.command,
        context.date,
        context.took.as_secs_f64(),
        context.machine
    );
    text.push_str(
        "| Measurement | Ours (median) | Against | Its median | Ratio | Target | Met |\n",
    );
    text.push_str("|---|---|---|---|---|---|---|\n");
    for row in rows {
        let (against, against_value) = row
            .against
            .as_ref()
            .map_or(("-".to_owned(), "-".to_owned()), |(name, value)| {
                (name.clone(), value.text())
            });
        let ratio = row
            .ratio()
            .map_or_else(|| "-".to_owned(), |ratio| format!("{ratio:.2}x"));
        let met = match row.met() {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "-",
        };
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {} | {} | {} |",
            row.what,
            row.ours.text(),
            against,
            against_value,
            ratio,
            row.target.text(),
            met
        );
    }
    let _ = write!(
        text,
        "\nHow: in-process rows run in the optimised bench binary `xtask/benches/rows` (source \
         there): the contenders of a row take turns sample by sample (the order rotates), after \
         one untimed warm-up round, and the table gives medians per iteration. Generation rows \
         write into a fresh directory each sample. `cargo check` and `cargo build` rows: {} runs \
         per crate, interleaved across crates, medians of wall time and of peak resident memory \
         (GNU `time -v`, the largest process: rustc); each crate has its own target directory \
         whose dependencies are built by an untimed warm-up, and `cargo clean -p <crate>` \
         precedes each run (for the crate that uses one area, `cargo clean -p graph-v1` too); `CARGO_INCREMENTAL=0`, as cargo builds any dependency (which is what the \
         whole-Graph crate is to its users). graph-core, graph-macros and the generated crates are compiled from a copy \
         taken at the start (`target/xtask-bench/check/snapshot`), so edits made meanwhile in \
         the shared checkout cannot turn a timed run into a rebuild of graph-core. The plain baselines are emitted by `xtask/src/bench/plain.rs` from the same \
         plan as the generated code (same types, fields and recursion boxes; `Option` fields, \
         closed enums with a serde `other` catch-all, text-like Edm types as `String`, no \
         polymorphism, no unknown-member capture). The binary sizes are of one program built \
         twice with `--release` and `strip = true`.\n",
        context.check_runs
    );
    text
}

/// `812 ns`, `1.7 us`, `35.2 ms`, `28.1 s`.
pub fn duration_text(time: Duration) -> String {
    let nanos = time.as_nanos() as f64;
    if nanos < 1_000.0 {
        format!("{nanos:.0} ns")
    } else if nanos < 1_000_000.0 {
        format!("{:.2} us", nanos / 1_000.0)
    } else if nanos < 1_000_000_000.0 {
        format!("{:.1} ms", nanos / 1_000_000.0)
    } else {
        format!("{:.1} s", nanos / 1_000_000_000.0)
    }
}

/// `870 MiB`, `5.6 GiB`.
pub fn memory_text(kib: u64) -> String {
    if kib < 1024 * 1024 {
        format!("{} MiB", kib / 1024)
    } else {
        format!("{:.1} GiB", kib as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measures(pairs: &[(&str, u64)]) -> BTreeMap<String, Duration> {
        pairs
            .iter()
            .map(|(name, micros)| ((*name).to_owned(), Duration::from_micros(*micros)))
            .collect()
    }

    fn all_measures() -> BTreeMap<String, Duration> {
        measures(&[
            ("read.ours", 150),
            ("read.roxmltree", 100),
            ("generate.models", 200),
            ("generate.full", 200),
            ("generate.floor", 100),
            ("generate.slice", 5_000),
            ("models.read.generated", 10),
            ("models.read.plain", 10),
            ("models.read.value", 20),
            ("models.write.generated", 5),
            ("models.write.plain", 5),
            ("models.write.value", 5),
            ("validate.ex2", 1),
            ("validate.serialise", 5),
        ])
    }

    #[test]
    fn targets_are_judged_from_ratios_and_limits() {
        let check = |secs: u64, mib: u64| CheckRun {
            wall: Duration::from_secs(secs),
            peak_kib: mib * 1024,
        };
        let checks = BTreeMap::from([
            (
                "full",
                vec![check(61, 100), check(50, 100), check(55, 4000)],
            ),
            ("full-serde", vec![check(66, 100)]),
            ("full-build", vec![check(130, 100)]),
            ("area", vec![check(4, 100)]),
            (
                "models",
                vec![check(31, 100), check(20, 100), check(25, 3000)],
            ),
            ("floor", vec![check(5, 100)]),
            ("online", vec![check(3, 10)]),
        ]);
        let sizes = BinarySizes {
            whole: 3_000_000,
            slice: 1_000_000,
        };
        let rows = rows(&all_measures(), &BTreeMap::new(), &checks, Some(sizes)).unwrap();
        let met: Vec<Option<bool>> = rows.iter().map(Row::met).collect();
        assert_eq!(
            met,
            vec![
                Some(true),  // 1.5x <= 1.5x
                Some(false), // 2x > 1.5x
                Some(true),  // 200 us < 2 s
                Some(true),  // 5 ms < 20 ms
                Some(true),  // 55 s, 100 MiB median
                None,        // the cost of serde, a reference
                Some(false), // 130 s >= 120 s
                Some(true),  // 4 s < 5 s
                Some(true),  // 25 s, 100 MiB median
                None,        // the floor itself
                Some(false), // 3 s >= 2 s
                None,        // the binary sizes
                Some(true),  // 1x <= 1.1x
                Some(true),  // 0.5x <= 0.7x
                Some(true),
                None,
                Some(false), // 0.2x >= 0.1x
            ]
        );
        assert_eq!(rows[4].ratio(), Some(2.2));
        assert_eq!(rows[5].ratio(), Some(1.2));
        assert_eq!(rows[8].ratio(), Some(5.0));
        assert_eq!(rows[11].ratio(), Some(3.0));
        let text = render(
            &rows,
            &Context {
                command: "cargo xtask bench",
                date: "2026-11-27 12:00 UTC".into(),
                machine: "2 cores".into(),
                took: Duration::from_secs(60),
                check_runs: 3,
            },
        );
        assert!(
            text.contains("`cargo xtask bench` on 2026-11-27 12:00 UTC"),
            "{text}"
        );
        assert!(text.contains("| 25.0 s, 100 MiB |"), "{text}");
        assert!(text.contains("| 3.00 MB |"), "{text}");
        assert!(text.contains("| 2.00x | <= 1.5x | **no** |"), "{text}");
    }

    #[test]
    fn a_missing_measurement_is_an_error_naming_it() {
        let mut partial = all_measures();
        partial.remove("validate.ex2");
        let error = rows(&partial, &BTreeMap::new(), &BTreeMap::new(), None).unwrap_err();
        assert!(error.contains("validate.ex2"), "{error}");
    }

    #[test]
    fn units_are_readable() {
        assert_eq!(duration_text(Duration::from_nanos(812)), "812 ns");
        assert_eq!(duration_text(Duration::from_nanos(1_700)), "1.70 us");
        assert_eq!(duration_text(Duration::from_micros(35_200)), "35.2 ms");
        assert_eq!(memory_text(870 * 1024), "870 MiB");
        assert_eq!(memory_text(5_872_026), "5.6 GiB");
    }
}
