//! The JSON reader and writer: grammar, escapes, errors with positions, depth limit.

use graph_core::json::{self, DecodeError, Reader, Writer, MAX_DEPTH};
use graph_core::{Property, Untyped};

fn error_of<T: json::FromJson + std::fmt::Debug>(input: &str) -> DecodeError {
    json::from_str::<T>(input).expect_err("input must be rejected")
}

#[test]
fn reads_scalars_and_collections() {
    assert!(json::from_str::<bool>(" true ").unwrap());
    assert_eq!(json::from_str::<i32>("-42").unwrap(), -42);
    assert_eq!(json::from_str::<u8>("255").unwrap(), 255);
    assert_eq!(json::from_str::<f64>("1.5e3").unwrap(), 1500.0);
    assert_eq!(
        json::from_str::<Vec<String>>(r#"["a", "b"]"#).unwrap(),
        ["a", "b"]
    );
    assert_eq!(json::from_str::<Vec<i32>>("[]").unwrap(), Vec::<i32>::new());
    assert_eq!(json::from_str::<Option<i32>>("null").unwrap(), None);
    assert_eq!(json::from_str::<Box<i32>>("7").unwrap(), Box::new(7));
}

#[test]
fn int64_reads_numbers_and_strings() {
    assert_eq!(
        json::from_str::<i64>("9007199254740993").unwrap(),
        9_007_199_254_740_993
    );
    assert_eq!(json::from_str::<i64>(r#""-12""#).unwrap(), -12);
    assert!(error_of::<i64>(r#""12x""#).message().contains("Int64"));
    assert!(error_of::<i32>("3000000000")
        .message()
        .contains("out of range"));
    assert!(error_of::<i32>("1.5").message().contains("integer"));
}

#[test]
fn doubles_read_and_write_odata_specials() {
    assert_eq!(json::from_str::<f64>(r#""INF""#).unwrap(), f64::INFINITY);
    assert_eq!(
        json::from_str::<f64>(r#""-INF""#).unwrap(),
        f64::NEG_INFINITY
    );
    assert!(json::from_str::<f64>(r#""NaN""#).unwrap().is_nan());
    assert_eq!(json::to_string(&f64::INFINITY), r#""INF""#);
    assert_eq!(json::to_string(&f64::NEG_INFINITY), r#""-INF""#);
    assert_eq!(json::to_string(&f64::NAN), r#""NaN""#);
    assert_eq!(json::to_string(&0.1f64), "0.1");
    assert_eq!(json::to_string(&1.5f32), "1.5");
    assert!(error_of::<f64>(r#""infinity""#).message().contains("INF"));
}

#[test]
fn strings_decode_every_escape() {
    let text: String = json::from_str(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#).unwrap();
    assert_eq!(text, "a\"b\\c/d\u{8}\u{c}\n\r\té😀");
    assert_eq!(
        json::from_str::<String>("\"héllo wörld, long enough for chunks\"").unwrap(),
        "héllo wörld, long enough for chunks"
    );
    assert!(error_of::<String>(r#""\ud83d""#)
        .message()
        .contains("surrogate"));
    assert!(error_of::<String>(r#""\x""#).message().contains("escape"));
    assert!(error_of::<String>("\"tab\there\"")
        .message()
        .contains("control character"));
    assert!(error_of::<String>("\"open")
        .message()
        .contains("unterminated"));
}

#[test]
fn writer_escapes_what_json_requires() {
    let text = "quote \" backslash \\ newline \n bell \u{7} é 😀 and a long plain tail";
    let written = json::to_string(text);
    assert_eq!(
        written,
        r#""quote \" backslash \\ newline \n bell \u0007 é 😀 and a long plain tail""#
    );
    assert_eq!(json::from_str::<String>(&written).unwrap(), text);
    let parsed: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(parsed, text);
}

#[test]
fn writer_places_commas() {
    let mut writer = Writer::new();
    writer.begin_object();
    writer.key("a");
    writer.begin_array();
    writer.i64(1);
    writer.begin_object();
    writer.end_object();
    writer.string("x");
    writer.end_array();
    writer.key("b");
    writer.null();
    writer.end_object();
    assert_eq!(writer.as_str(), r#"{"a":[1,{},"x"],"b":null}"#);
}

#[test]
fn untyped_keeps_any_value() {
    let value: Untyped = json::from_str(r#"{"a": [1, 2.5, "x", null, true]}"#).unwrap();
    assert_eq!(value, serde_json::json!({"a": [1, 2.5, "x", null, true]}));
    assert_eq!(json::to_string(&value), r#"{"a":[1,2.5,"x",null,true]}"#);
}

#[test]
fn syntax_errors_say_where() {
    let error = error_of::<Untyped>("{\n  \"a\": 1,\n  \"b\": tru\n}");
    assert_eq!((error.line(), error.column()), (3, 8));
    assert!(error.message().contains("true"), "{error}");
    assert!(error.excerpt().contains("tru"), "{error}");

    let error = error_of::<Vec<i32>>("[1, 2,]");
    assert_eq!(error.pointer(), "/2");
    let error = error_of::<Vec<i32>>("[1 2]");
    assert!(error.message().contains("`,` or `]`"));
    assert!(error_of::<i32>("1 2").message().contains("trailing"));
    assert!(error_of::<i32>("").message().contains("end of input"));
    assert!(error_of::<i32>("01").message().contains("trailing"));
    assert!(error_of::<f64>("1.").message().contains("digits"));
    assert!(error_of::<f64>("-").message().contains("invalid number"));
}

#[test]
fn wrong_types_name_expected_and_found() {
    let error = error_of::<Vec<String>>(r#"["a", 5]"#);
    assert_eq!(error.message(), "expected a string, found a number");
    assert_eq!(error.pointer(), "/1");
    let error = error_of::<bool>("{}");
    assert_eq!(error.message(), "expected a boolean, found an object");
    let error = error_of::<Vec<i32>>("{}");
    assert_eq!(error.message(), "expected an array, found an object");
    assert_eq!(
        error.to_string(),
        "expected an array, found an object at / (line 1, column 1) near `{}`"
    );
}

#[test]
fn nesting_is_limited_without_overflowing_the_stack() {
    let depth = MAX_DEPTH as usize;
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    Reader::new(&nested(depth)).skip_value().unwrap();
    let error = Reader::new(&nested(depth + 1)).skip_value().unwrap_err();
    assert!(
        error.message().contains("nesting deeper than 128"),
        "{error}"
    );
    assert_eq!(error.pointer(), "/0".repeat(depth));
    let very_deep = "[".repeat(100_000);
    assert!(error_of::<Untyped>(&very_deep)
        .message()
        .contains("nesting"));
    let objects = "{\"a\":".repeat(10_000);
    assert!(error_of::<Untyped>(&objects).message().contains("nesting"));
}

#[test]
fn invalid_utf8_is_an_error() {
    let error = json::from_slice::<String>(b"\"ab\xff\"").unwrap_err();
    assert_eq!(error.offset(), 3);
    assert!(error.message().contains("UTF-8"));
}

#[test]
fn raw_values_and_peeking() {
    let mut reader = Reader::new(r##" {"x": [1, {"y": "z"}], "@odata.type": "#t"} "##);
    assert_eq!(
        reader.peek_member_str("@odata.type").unwrap().as_deref(),
        Some("#t")
    );
    assert_eq!(reader.peek_first_member_str("@odata.type").unwrap(), None);
    assert_eq!(
        reader.raw_value().unwrap(),
        r##"{"x": [1, {"y": "z"}], "@odata.type": "#t"}"##
    );
    reader.finish().unwrap();
}

#[test]
fn property_has_three_states() {
    assert_eq!(
        json::from_str::<Property<i32>>("null").unwrap(),
        Property::Null
    );
    assert_eq!(
        json::from_str::<Property<i32>>("3").unwrap(),
        Property::Value(3)
    );
    let absent: Property<i32> = Property::default();
    assert!(absent.is_absent());
    assert_eq!(Property::from(Some(2)), Property::Value(2));
    assert_eq!(Property::from("s"), Property::Value("s".to_owned()));
    // `None` leaves a member out: an update built from `Option`s clears nothing by accident.
    assert_eq!(Property::<i32>::from(None), Property::Absent);
    let mut property = Property::Value(5);
    assert_eq!(property.value(), Some(&5));
    property.clear();
    assert!(property.is_null());
    assert_eq!(property.take(), Property::Null);
    assert!(property.is_absent());
    assert_eq!(Property::Value(2).map(|v| v * 2), Property::Value(4));
}
