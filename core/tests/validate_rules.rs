//! Each field rule of `#[derive(Validate)]`, with the exact path it reports.

use graph_core::validate::{Rule, ValidationContext};
use graph_core::{Enum, FlagSet, Operation, Property, Validate, ValidationErrors};

#[derive(Debug, PartialEq, Enum, Validate)]
enum Color {
    #[graph(name = "red")]
    Red,
    #[graph(name = "green")]
    Green,
    #[graph(name = "blue")]
    Blue,
    #[graph(unknown)]
    Unknown(String),
}

#[derive(Debug, Default, Validate)]
struct Item {
    #[graph(name = "code")]
    #[validate(pattern = "^[A-Z]{3}$")]
    code: Property<String>,
    #[graph(name = "tags")]
    #[validate(max_length = 4)]
    tags: Property<Vec<String>>,
}

#[derive(Debug, Default, Validate)]
struct Node {
    #[graph(name = "name")]
    #[validate(required)]
    name: Property<String>,
    #[graph(name = "child")]
    child: Property<Box<Node>>,
}

#[derive(Debug, Default, Validate)]
#[validate(rule = no_self_reference)]
struct Sample {
    #[graph(name = "title")]
    #[validate(required, non_nullable, max_length = 5)]
    title: Property<String>,
    #[graph(name = "key")]
    #[validate(non_insertable)]
    key: Property<String>,
    #[graph(name = "count")]
    #[validate(minimum = 1, maximum = 10)]
    count: Property<i32>,
    #[graph(name = "ratio")]
    #[validate(exclusive_minimum = 0, exclusive_maximum = 1.5)]
    ratio: Property<f64>,
    #[graph(name = "shade")]
    #[validate(allowed_values = ["red", "blue"])]
    shade: Property<Color>,
    #[graph(name = "palette")]
    #[validate(allowed_values = ["red", "green"])]
    palette: Property<FlagSet<Color>>,
    #[graph(name = "size")]
    #[validate(allowed_values = ["S", "M", "L"])]
    size: Option<String>,
    #[graph(name = "items")]
    items: Property<Vec<Item>>,
    #[graph(name = "tree")]
    tree: Property<Node>,
    #[graph(name = "a/b~c")]
    #[validate(read_only)]
    odd_name: Property<bool>,
    #[graph(name = "self")]
    self_link: Property<String>,
    #[validate(skip)]
    cache: Vec<u8>,
}

/// A type-level rule: `self` must not point at the sample's own title.
fn no_self_reference(sample: &Sample, ctx: &mut ValidationContext<'_>) {
    if sample.self_link.is_value() && sample.self_link == sample.title {
        ctx.report(Rule::Custom("self_reference"), "`self` repeats `title`");
    }
}

fn valid() -> Sample {
    Sample {
        title: Property::Value("Hello".to_owned()),
        cache: vec![1, 2, 3],
        ..Sample::default()
    }
}

fn violations(result: Result<(), ValidationErrors>) -> Vec<(String, &'static str)> {
    result.err().map_or_else(Vec::new, |errors| {
        errors
            .iter()
            .map(|error| (error.path().to_owned(), error.rule().code()))
            .collect()
    })
}

fn expect(sample: Sample, operation: Operation, expected: &[(&str, &'static str)]) {
    let expected: Vec<(String, &'static str)> = expected
        .iter()
        .map(|(path, code)| ((*path).to_owned(), *code))
        .collect();
    assert_eq!(violations(sample.validate(operation)), expected);
}

fn text(value: &str) -> Property<String> {
    Property::Value(value.to_owned())
}

#[test]
fn a_valid_sample_passes_and_skipped_fields_are_ignored() {
    expect(valid(), Operation::Create, &[]);
    assert_eq!(valid().cache.len(), 3);
}

#[test]
fn required_applies_on_create_only() {
    let sample = Sample {
        title: Property::Absent,
        ..valid()
    };
    expect(sample, Operation::Create, &[("/title", "required")]);
    let sample = Sample {
        title: Property::Absent,
        ..valid()
    };
    expect(sample, Operation::Update, &[]);
}

#[test]
fn non_nullable_refuses_an_explicit_null() {
    let sample = Sample {
        title: Property::Null,
        ..valid()
    };
    expect(sample, Operation::Update, &[("/title", "not_nullable")]);
}

#[test]
fn non_insertable_applies_on_create_only() {
    let sample = || Sample {
        key: text("k-1"),
        ..valid()
    };
    expect(sample(), Operation::Create, &[("/key", "non_insertable")]);
    expect(sample(), Operation::Update, &[]);
}

#[test]
fn max_length_counts_characters() {
    let five = Sample {
        title: text("héllo"),
        ..valid()
    };
    expect(five, Operation::Create, &[]);
    let six = Sample {
        title: text("héllo!"),
        ..valid()
    };
    let errors = six.validate(Operation::Create).expect_err("too long");
    let error = errors.iter().next().expect("one violation");
    assert_eq!((error.path(), error.rule()), ("/title", Rule::MaxLength));
    assert_eq!(
        error.message(),
        "the value is 6 characters long; at most 5 are allowed"
    );
}

#[test]
fn range_bounds_inclusive_and_exclusive() {
    let within = Sample {
        count: Property::Value(10),
        ratio: Property::Value(1.49),
        ..valid()
    };
    expect(within, Operation::Create, &[]);
    let outside = Sample {
        count: Property::Value(0),
        ratio: Property::Value(1.5),
        ..valid()
    };
    expect(
        outside,
        Operation::Create,
        &[("/count", "minimum"), ("/ratio", "maximum")],
    );
    let outside = Sample {
        count: Property::Value(11),
        ratio: Property::Value(0.0),
        ..valid()
    };
    expect(
        outside,
        Operation::Create,
        &[("/count", "maximum"), ("/ratio", "minimum")],
    );
}

#[test]
fn allowed_values_for_enums_flag_sets_and_strings() {
    let sample = Sample {
        shade: Property::Value(Color::Green),
        palette: Property::Value(FlagSet::from_iter([Color::Red, Color::Blue])),
        size: Some("XL".to_owned()),
        ..valid()
    };
    expect(
        sample,
        Operation::Create,
        &[
            ("/shade", "allowed_values"),
            ("/palette", "allowed_values"),
            ("/size", "allowed_values"),
        ],
    );
    let unknown = Sample {
        shade: Property::Value(Color::Unknown("purple".to_owned())),
        size: Some("M".to_owned()),
        ..valid()
    };
    expect(unknown, Operation::Create, &[("/shade", "allowed_values")]);
}

#[test]
fn collection_items_are_checked_with_their_index() {
    let sample = Sample {
        items: Property::Value(vec![
            Item {
                code: text("ABC"),
                tags: Property::Value(vec!["ok".to_owned(), "too long".to_owned()]),
            },
            Item {
                code: text("abc"),
                ..Item::default()
            },
        ]),
        ..valid()
    };
    expect(
        sample,
        Operation::Create,
        &[
            ("/items/0/tags/1", "max_length"),
            ("/items/1/code", "pattern"),
        ],
    );
}

#[test]
fn boxed_recursion_extends_the_path() {
    let sample = Sample {
        tree: Property::Value(Node {
            name: text("root"),
            child: Property::Value(Box::new(Node {
                name: text("child"),
                child: Property::Value(Box::default()),
            })),
        }),
        ..valid()
    };
    expect(
        sample,
        Operation::Create,
        &[("/tree/child/child/name", "required")],
    );
}

#[test]
fn member_names_are_escaped_in_the_pointer() {
    let sample = Sample {
        odd_name: Property::Value(true),
        ..valid()
    };
    expect(sample, Operation::Create, &[("/a~1b~0c", "read_only")]);
}

#[test]
fn type_rules_run_after_the_fields() {
    let sample = Sample {
        title: text("Hello!"),
        self_link: text("Hello!"),
        ..valid()
    };
    expect(
        sample,
        Operation::Create,
        &[("/title", "max_length"), ("", "self_reference")],
    );
}

#[test]
fn errors_read_well() {
    let sample = Sample {
        title: Property::Null,
        count: Property::Value(42),
        ..valid()
    };
    let errors = sample
        .validate(Operation::Create)
        .expect_err("two rules are broken");
    assert_eq!(errors.len(), 2);
    assert!(!errors.is_empty());
    let messages: Vec<&str> = errors.iter().map(|error| error.message()).collect();
    assert_eq!(
        messages,
        [
            "`title` cannot be null",
            "42 is too large: it must be at most 10"
        ]
    );
    assert_eq!(
        errors.to_string(),
        "the request breaks 2 validation rules:\n  \
         /title: `title` cannot be null (not_nullable)\n  \
         /count: 42 is too large: it must be at most 10 (maximum)"
    );
    let as_error: &dyn std::error::Error = &errors;
    assert!(as_error.to_string().contains("/count"));
    assert_eq!(errors.into_vec()[0].rule(), Rule::NotNullable);
}

#[test]
fn primitives_validate_clean_on_their_own() {
    assert!("text".to_owned().validate(Operation::Create).is_ok());
    assert!(Property::<i64>::Null.validate(Operation::Update).is_ok());
    assert!(Color::Blue.validate(Operation::Create).is_ok());
}
