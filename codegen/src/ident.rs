//! The one place that decides Rust names for CSDL names.
//!
//! Every generated identifier (type, field, enum variant, module) comes from [`rust_names`], which
//! names a whole scope at once so that collisions can be resolved deterministically. The rules,
//! each with a test below:
//!
//! 1. Case: types and variants are `UpperCamelCase`, fields and modules `snake_case` (via `heck`).
//! 2. Keywords: a field or module that is a Rust keyword becomes a raw identifier (`r#type`);
//!    the few keywords that cannot be raw (`self`, `super`, `crate`) get a trailing `_`.
//! 3. Reserved camel names: a type named like a prelude item (`Option`, `String`, `Result`,
//!    `Box`, `Vec`, `Some`, `None`, `Ok`, `Err`) or `Self` gets the suffix `Type`
//!    (`StringType`), so a glob import of generated code never shadows the prelude; a variant
//!    named `Self` or `Unknown` (the name of every enum's catch-all variant) gets the suffix
//!    `Value` (`UnknownValue`), as smithy-rs does.
//! 4. Leading digits: a name that would start with a digit gets a leading `_` (`_3dModel`).
//! 5. Collisions after case conversion (`conferenceId`, `ConferenceId`, `conference_id` in one
//!    type): a name already spelled in the target case keeps it, then the others in declaration
//!    order; later ones get the smallest free numeric suffix (`conference_id_2`, `Identity2`).
//! 6. Equal names in different namespaces are not collisions: each namespace is its own module,
//!    so `microsoft.graph.identity` and `microsoft.graph.callRecords.identity` are both `Identity`.
//! 7. Names that are empty after conversion (a CSDL name made only of separators) become
//!    `Unnamed` / `unnamed`, then go through the rules above.
//! 8. Non-ASCII characters that are not letters or digits (`‿`, `＿`) become words of their
//!    code point (`Pc‿` is `PcU203f`), so that they are not lost as separators; letters and
//!    digits of any script stay as they are.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use rustc_hash::FxHashSet;

/// What kind of Rust item a name is for; decides case, escaping and collision suffixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// A struct or enum (`UpperCamelCase`).
    Type,
    /// A struct field (`snake_case`).
    Field,
    /// An enum variant (`UpperCamelCase`).
    Variant,
    /// A module generated for a namespace (`snake_case`).
    Module,
}

impl NameKind {
    fn is_snake(self) -> bool {
        matches!(self, NameKind::Field | NameKind::Module)
    }
}

/// Rust keywords of every edition up to 2024, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The length of the longest keyword.
const MAX_KEYWORD_LEN: usize = 8;

/// Keywords that `r#` cannot escape.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate"];

/// Prelude names a generated type must not shadow (rule 3).
const PRELUDE_TYPES: &[&str] = &[
    "Option", "Result", "String", "Box", "Vec", "Some", "None", "Ok", "Err", "Self",
];

/// Variant names taken by the generated code itself (rule 3).
const RESERVED_VARIANTS: &[&str] = &["Self", "Unknown"];

/// Decides the Rust names of sibling CSDL names that share one Rust namespace (the types of one
/// module, the fields of one struct, the variants of one enum, the modules of one crate).
///
/// `csdl_names` is in declaration order; the result has one name per input, in the same order,
/// all distinct and distinct from `taken` (names already used in the scope, e.g. the
/// `additional_data` field). The output depends only on the inputs, so generation is
/// deterministic.
pub fn rust_names(kind: NameKind, csdl_names: &[&str], taken: &[&str]) -> Vec<String> {
    let converted = csdl_names.iter().map(|name| convert(kind, name)).collect();
    rust_names_from_base(kind, csdl_names, converted, taken)
}

/// The name [`rust_names`] starts from for `csdl_name` (rules 1-4 and 7), before collisions in
/// its scope are resolved. For a name that appears in many scopes (a base type's property in
/// every derived struct), convert it once and pass it to [`rust_names_from_base`].
pub fn base_name(kind: NameKind, csdl_name: &str) -> String {
    convert(kind, csdl_name)
}

/// [`rust_names`], given the [`base_name`] of each of `csdl_names` (same order).
pub fn rust_names_from_base(
    kind: NameKind,
    csdl_names: &[&str],
    converted: Vec<String>,
    taken: &[&str],
) -> Vec<String> {
    debug_assert_eq!(csdl_names.len(), converted.len());
    // The common case: no two names collide, so every name is its converted self (rule 5 has
    // nothing to decide).
    let mut distinct: FxHashSet<&str> =
        FxHashSet::with_capacity_and_hasher(converted.len() + taken.len(), Default::default());
    distinct.extend(taken.iter().copied());
    if converted.iter().all(|name| distinct.insert(name)) {
        return converted;
    }
    // Names already spelled in the target case claim their name first (rule 5).
    let mut order: Vec<usize> = (0..csdl_names.len()).collect();
    order.sort_by_key(|&index| (unescaped(&converted[index]) != csdl_names[index], index));

    let mut used: BTreeSet<String> = taken.iter().map(|name| (*name).to_owned()).collect();
    let mut names = vec![String::new(); csdl_names.len()];
    for index in order {
        let base = &converted[index];
        let mut candidate = base.clone();
        let mut suffix = 2;
        while used.contains(&candidate) {
            candidate = with_suffix(kind, base, suffix);
            suffix += 1;
        }
        used.insert(candidate.clone());
        names[index] = candidate;
    }
    names
}

/// The Rust name of a single CSDL name with no siblings (see [`rust_names`]).
pub fn rust_name(kind: NameKind, csdl_name: &str) -> String {
    rust_names(kind, &[csdl_name], &[]).remove(0)
}

/// Applies rules 1-4 and 7 to one name.
fn convert(kind: NameKind, csdl_name: &str) -> String {
    let mut name = cased(kind, csdl_name);
    // Cased ASCII names hold only letters, digits and `_` already.
    if !name.is_ascii() {
        name.retain(|c| c == '_' || unicode_ident::is_xid_continue(c));
    }
    if name.is_empty() || name.chars().all(|c| c == '_') {
        name = if kind.is_snake() {
            "unnamed"
        } else {
            "Unnamed"
        }
        .to_owned();
    }
    if name.starts_with(|c: char| !unicode_ident::is_xid_start(c) && c != '_') {
        name.insert(0, '_');
    }
    match kind {
        // Keywords are short; the length test spares most names the list.
        NameKind::Field | NameKind::Module
            if name.len() <= MAX_KEYWORD_LEN && KEYWORDS.contains(&name.as_str()) =>
        {
            if NOT_RAW.contains(&name.as_str()) {
                name.push('_');
            } else {
                name.insert_str(0, "r#");
            }
        }
        NameKind::Type if PRELUDE_TYPES.contains(&name.as_str()) => name.push_str("Type"),
        NameKind::Variant if RESERVED_VARIANTS.contains(&name.as_str()) => name.push_str("Value"),
        _ => {}
    }
    name
}

/// Rule 1: `csdl_name` in the case of `kind`, exactly as `heck` converts it. ASCII names (all
/// of Graph's) are converted here: heck writes each character through `fmt`, which made case
/// conversion most of the cost of naming the whole Graph.
fn cased(kind: NameKind, csdl_name: &str) -> String {
    if !csdl_name.is_ascii() {
        let spelled = spell_out_symbols(csdl_name);
        return if kind.is_snake() {
            spelled.to_snake_case()
        } else {
            spelled.to_upper_camel_case()
        };
    }
    let mut cased = String::with_capacity(csdl_name.len() + 4);
    let mut first = true;
    for_each_ascii_word(csdl_name, |word| {
        if kind.is_snake() {
            if !first {
                cased.push('_');
            }
            let start = cased.len();
            cased.push_str(word);
            cased[start..].make_ascii_lowercase();
        } else {
            let start = cased.len();
            cased.push_str(word);
            cased[start..].make_ascii_lowercase();
            let end = (start + 1).min(cased.len());
            cased[start..end].make_ascii_uppercase();
        }
        first = false;
    });
    cased
}

/// Rule 8: `name` with each non-ASCII character that is not a letter or digit (connector
/// punctuation such as `‿` or `＿`, symbols) as a word of its code point (`u203f`). Case
/// conversion would drop them as separators, so names that differ only in them would lose
/// the difference.
fn spell_out_symbols(name: &str) -> String {
    let mut spelled = String::with_capacity(name.len() * 2);
    for c in name.chars() {
        if c.is_ascii() || c.is_alphanumeric() {
            spelled.push(c);
        } else {
            use std::fmt::Write as _;
            let _ = write!(spelled, " u{:04x} ", u32::from(c));
        }
    }
    spelled
}

/// Calls `word` with each word of an ASCII name, split where heck splits them: at every
/// character that is not a letter or digit, after a lowercase letter (or digits after one)
/// followed by an uppercase one, and before the last capital of a run followed by a lowercase
/// letter (`HTTPServer` is `HTTP`, `Server`). Digits take the case of the letter before them.
fn for_each_ascii_word(name: &str, mut word: impl FnMut(&str)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lowercase,
        Uppercase,
    }
    // Bytes, not chars: every name here is ASCII, and char-by-char splitting was most of the cost.
    let parts = name
        .as_bytes()
        .split(|byte| !byte.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty());
    for bytes in parts {
        // Letters and digits only, so the bytes are the text.
        let part = std::str::from_utf8(bytes).unwrap_or_default();
        let mut start = 0;
        let mut mode = Mode::Boundary;
        for (index, pair) in bytes.windows(2).enumerate() {
            let (current, next) = (pair[0], pair[1]);
            let next_mode = if current.is_ascii_lowercase() {
                Mode::Lowercase
            } else if current.is_ascii_uppercase() {
                Mode::Uppercase
            } else {
                mode
            };
            if next_mode == Mode::Lowercase && next.is_ascii_uppercase() {
                word(&part[start..=index]);
                start = index + 1;
                mode = Mode::Boundary;
            } else if mode == Mode::Uppercase
                && current.is_ascii_uppercase()
                && next.is_ascii_lowercase()
            {
                word(&part[start..index]);
                start = index;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
        if start < part.len() {
            word(&part[start..]);
        }
    }
}

/// The name without a raw-identifier prefix.
fn unescaped(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A collision-free variant of `base`: `base_2` for snake case, `Base2` for camel case.
fn with_suffix(kind: NameKind, base: &str, suffix: usize) -> String {
    let bare = unescaped(base);
    if kind.is_snake() {
        format!("{bare}_{suffix}")
    } else {
        format!("{bare}{suffix}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_1_case_conversion() {
        assert_eq!(rust_name(NameKind::Type, "onlineMeeting"), "OnlineMeeting");
        assert_eq!(
            rust_name(NameKind::Field, "startDateTime"),
            "start_date_time"
        );
        assert_eq!(
            rust_name(NameKind::Variant, "roleIsAttendee"),
            "RoleIsAttendee"
        );
        assert_eq!(rust_name(NameKind::Variant, "coorganizer"), "Coorganizer");
        assert_eq!(rust_name(NameKind::Module, "callRecords"), "call_records");
    }

    #[test]
    fn rule_1_ascii_names_are_cased_exactly_as_heck_cases_them() {
        // Every name of up to five characters over letters of both cases, digits and separators.
        let alphabet = ['a', 'b', 'A', 'B', '1', '_', '.'];
        let mut names = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = names
                .iter()
                .filter(|name| name.len() == names.last().map_or(0, String::len))
                .flat_map(|name| alphabet.iter().map(move |c| format!("{name}{c}")))
                .collect();
            names.extend(longer);
        }
        names.extend(
            [
                "HTTPServer",
                "x509Certificate",
                "rtAudio16",
                "g7221c",
                "iOSVersion",
                "ABCdef",
            ]
            .map(str::to_owned),
        );
        assert!(names.len() > 19_000);
        for name in &names {
            assert_eq!(
                cased(NameKind::Field, name),
                name.to_snake_case(),
                "{name:?}"
            );
            assert_eq!(
                cased(NameKind::Type, name),
                name.to_upper_camel_case(),
                "{name:?}"
            );
        }
        // Non-ASCII names go through heck itself.
        assert_eq!(cased(NameKind::Field, "größeWert"), "größe_wert");
    }

    #[test]
    fn names_from_base_names_are_the_same_names() {
        let csdl = [
            "conferenceId",
            "ConferenceId",
            "conference_id",
            "type",
            "self",
        ];
        let base = csdl
            .iter()
            .map(|name| base_name(NameKind::Field, name))
            .collect();
        assert_eq!(
            rust_names_from_base(NameKind::Field, &csdl, base, &["additional_data"]),
            rust_names(NameKind::Field, &csdl, &["additional_data"])
        );
    }

    #[test]
    fn rule_2_keywords_become_raw_or_get_trailing_underscore() {
        assert_eq!(
            KEYWORDS.iter().map(|keyword| keyword.len()).max(),
            Some(MAX_KEYWORD_LEN)
        );
        assert_eq!(rust_name(NameKind::Field, "type"), "r#type");
        assert_eq!(rust_name(NameKind::Field, "match"), "r#match");
        assert_eq!(rust_name(NameKind::Field, "async"), "r#async");
        assert_eq!(rust_name(NameKind::Module, "mod"), "r#mod");
        assert_eq!(rust_name(NameKind::Field, "self"), "self_");
        assert_eq!(rust_name(NameKind::Field, "super"), "super_");
        assert_eq!(rust_name(NameKind::Field, "crate"), "crate_");
        assert_eq!(rust_name(NameKind::Module, "crate"), "crate_");
        // Not keywords: left alone.
        assert_eq!(rust_name(NameKind::Field, "union"), "union");
        assert_eq!(rust_name(NameKind::Field, "typeName"), "type_name");
    }

    #[test]
    fn rule_3_prelude_type_names_get_type_suffix() {
        for (csdl, rust) in [
            ("option", "OptionType"),
            ("String", "StringType"),
            ("result", "ResultType"),
            ("box", "BoxType"),
            ("vec", "VecType"),
            ("none", "NoneType"),
            ("self", "SelfType"),
        ] {
            assert_eq!(rust_name(NameKind::Type, csdl), rust, "type {csdl}");
        }
        // Prelude names are fine as fields and variants (they are namespaced there).
        assert_eq!(rust_name(NameKind::Field, "option"), "option");
        assert_eq!(rust_name(NameKind::Variant, "none"), "None");
    }

    #[test]
    fn rule_3_reserved_variant_names_get_value_suffix() {
        assert_eq!(rust_name(NameKind::Variant, "unknown"), "UnknownValue");
        assert_eq!(rust_name(NameKind::Variant, "self"), "SelfValue");
        assert_eq!(
            rust_name(NameKind::Variant, "unknownFutureValue"),
            "UnknownFutureValue"
        );
    }

    #[test]
    fn rule_4_leading_digits_get_a_leading_underscore() {
        assert_eq!(rust_name(NameKind::Type, "3dModel"), "_3dModel");
        assert_eq!(rust_name(NameKind::Field, "2fa"), "_2fa");
        assert_eq!(rust_name(NameKind::Variant, "1080p"), "_1080p");
        assert_eq!(rust_name(NameKind::Module, "1st"), "_1st");
    }

    #[test]
    fn rule_5_collisions_after_case_conversion_get_numeric_suffixes() {
        let fields = rust_names(
            NameKind::Field,
            &["conferenceId", "ConferenceId", "conference_id"],
            &[],
        );
        // `conference_id` is already snake case, so it keeps the plain name.
        assert_eq!(
            fields,
            ["conference_id_2", "conference_id_3", "conference_id"]
        );

        let types = rust_names(NameKind::Type, &["identity", "Identity", "IDENTITY"], &[]);
        assert_eq!(types, ["Identity2", "Identity", "Identity3"]);

        // Neither is spelled `UnknownValue`, so declaration order decides.
        let variants = rust_names(NameKind::Variant, &["unknown", "unknownValue"], &[]);
        assert_eq!(variants, ["UnknownValue", "UnknownValue2"]);
    }

    #[test]
    fn rule_5_taken_names_and_existing_suffixes_are_avoided() {
        let fields = rust_names(
            NameKind::Field,
            &["additionalData", "x", "X", "x_2"],
            &["additional_data"],
        );
        assert_eq!(fields, ["additional_data_2", "x", "x_3", "x_2"]);
        // A raw identifier's suffixed form is no longer a keyword, so it drops `r#`.
        let raw = rust_names(NameKind::Field, &["type", "Type"], &[]);
        assert_eq!(raw, ["r#type", "type_2"]);
    }

    #[test]
    fn rule_6_equal_names_in_different_namespaces_do_not_collide() {
        // Each namespace's types are named in their own scope.
        let graph = rust_names(NameKind::Type, &["identity", "identitySet"], &[]);
        let call_records = rust_names(NameKind::Type, &["identity", "userIdentity"], &[]);
        assert_eq!(graph[0], "Identity");
        assert_eq!(call_records[0], "Identity");
        // ...while namespaces that meet in one module scope are told apart.
        let modules = rust_names(NameKind::Module, &["callRecords", "call_records"], &[]);
        assert_eq!(modules, ["call_records_2", "call_records"]);
    }

    #[test]
    fn rule_7_empty_names_get_a_placeholder() {
        assert_eq!(rust_name(NameKind::Field, "_"), "unnamed");
        assert_eq!(rust_name(NameKind::Type, "--"), "Unnamed");
    }

    #[test]
    fn rule_8_non_ascii_symbols_are_spelled_out() {
        let name = "Pc_\u{203f}\u{2040}\u{2054}\u{fe33}\u{fe34}\u{fe4d}\u{fe4e}\u{fe4f}\u{ff3f}";
        assert_eq!(
            rust_name(NameKind::Type, name),
            "PcU203fU2040U2054Ufe33Ufe34Ufe4dUfe4eUfe4fUff3f"
        );
        assert_eq!(
            rust_name(NameKind::Field, name),
            "pc_u203f_u2040_u2054_ufe33_ufe34_ufe4d_ufe4e_ufe4f_uff3f"
        );
        // Names that differ only in such characters stay apart without a numeric suffix.
        let fields = rust_names(NameKind::Field, &["a\u{203f}b", "a\u{2040}b", "a_b"], &[]);
        assert_eq!(fields, ["a_u203f_b", "a_u2040_b", "a_b"]);
        // Letters of other scripts are kept.
        assert_eq!(rust_name(NameKind::Field, "größe"), "größe");
        assert_eq!(rust_name(NameKind::Type, "名前"), "名前");
    }

    #[test]
    fn every_result_is_a_valid_identifier() {
        for name in [
            "a-b",
            "é",
            "x.y",
            "_",
            "9",
            "type",
            "Self",
            "a b",
            "\u{203f}",
            "1\u{ff3f}",
            "名前",
        ] {
            for kind in [
                NameKind::Type,
                NameKind::Field,
                NameKind::Variant,
                NameKind::Module,
            ] {
                let ident = rust_name(kind, name);
                assert!(
                    syn::parse_str::<syn::Ident>(&ident).is_ok(),
                    "{kind:?} {name:?} -> {ident:?}"
                );
            }
        }
    }
}
