//! Edm primitive types: parsing, writing, instants and offsets.

use graph_core::edm::{Binary, Date, DateTimeOffset, Decimal, Duration, Guid, Stream, TimeOfDay};
use graph_core::json;

fn dto(text: &str) -> DateTimeOffset {
    DateTimeOffset::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn date_time_offsets_accept_any_fraction_and_offset() {
    for (input, written) in [
        ("2019-07-11T02:17:17Z", "2019-07-11T02:17:17Z"),
        ("2019-07-11T02:17:17.6Z", "2019-07-11T02:17:17.6Z"),
        (
            "2019-07-11T02:17:17.6491364Z",
            "2019-07-11T02:17:17.6491364Z",
        ),
        (
            "2019-07-11T02:17:17.123456789Z",
            "2019-07-11T02:17:17.123456789Z",
        ),
        (
            "2019-07-11T02:17:17.1234567891234Z",
            "2019-07-11T02:17:17.123456789Z",
        ),
        (
            "2019-07-12T14:30:34.2444915-07:00",
            "2019-07-12T14:30:34.2444915-07:00",
        ),
        (
            "2021-08-20T14:00:34.2444915+00:00",
            "2021-08-20T14:00:34.2444915Z",
        ),
        ("2021-08-20t14:00:34z", "2021-08-20T14:00:34Z"),
        ("2021-08-20T14:00+05:30", "2021-08-20T14:00:00+05:30"),
        ("2024-02-29T23:59:59.000000000Z", "2024-02-29T23:59:59Z"),
    ] {
        let value = dto(input);
        assert_eq!(value.to_string(), written, "{input}");
        assert_eq!(json::to_string(&value), format!("\"{written}\""));
        assert_eq!(
            json::from_str::<DateTimeOffset>(&json::to_string(&value)).unwrap(),
            value
        );
    }
}

#[test]
fn date_time_offsets_reject_garbage() {
    for bad in [
        "2019-07-11",
        "2019-07-11T02:17:17",
        "2019-13-11T02:17:17Z",
        "2023-02-29T02:17:17Z",
        "2019-07-11T24:00:00Z",
        "2019-07-11T02:17:17.Z",
        "2019-07-11T02:17:17+0700",
        "2019-07-11T02:17:17+07:60",
        "2019-07-11T02:17:17Zjunk",
        "19-07-11T02:17:17Z",
    ] {
        assert!(
            DateTimeOffset::parse(bad).is_err(),
            "{bad} must be rejected"
        );
    }
    let error = json::from_str::<DateTimeOffset>("5").unwrap_err();
    assert_eq!(
        error.message(),
        "expected Edm.DateTimeOffset (a string), found a number"
    );
    let error = json::from_str::<DateTimeOffset>(r#""yesterday""#).unwrap_err();
    assert!(
        error
            .message()
            .starts_with("invalid Edm.DateTimeOffset \"yesterday\""),
        "{error}"
    );
}

#[test]
fn instants_compare_across_offsets() {
    let noon_plus_two = dto("2024-05-01T12:00:00+02:00");
    let eleven_utc = dto("2024-05-01T11:00:00Z");
    assert!(noon_plus_two.is_before(&eleven_utc));
    assert_eq!(
        noon_plus_two.instant_cmp(&eleven_utc),
        std::cmp::Ordering::Less
    );
    let ten_utc = dto("2024-05-01T10:00:00Z");
    assert!(noon_plus_two.same_instant(&ten_utc));
    assert_ne!(noon_plus_two, ten_utc, "equality keeps the offset");
    assert_eq!(noon_plus_two.to_utc(), Some(ten_utc));
    assert_eq!(ten_utc.with_offset(120), Some(noon_plus_two));
    assert_eq!(noon_plus_two.offset_minutes(), 120);
    assert_eq!(dto("1970-01-01T00:00:01.5Z").unix_nanos(), 1_500_000_000);
    assert_eq!(dto("1969-12-31T23:59:59Z").unix_seconds(), -1);
    assert!(dto("2019-07-11T02:17:17.6491364Z").is_before(&dto("2019-07-11T02:17:17.6491365Z")));
}

#[test]
fn conversions_to_and_from_unix_and_system_time() {
    let value = DateTimeOffset::from_unix(1_700_000_000, 5, -300).unwrap();
    assert_eq!(value.to_string(), "2023-11-14T17:13:20.000000005-05:00");
    assert_eq!(value.date(), Date::new(2023, 11, 14).unwrap());
    assert_eq!(value.time(), TimeOfDay::new(17, 13, 20, 5).unwrap());
    let system = value.to_system_time();
    assert!(DateTimeOffset::from(system).same_instant(&value));
    assert!(DateTimeOffset::from_unix(0, 1_000_000_000, 0).is_none());
    assert!(DateTimeOffset::from_unix(0, 0, 24 * 60).is_none());
    assert!(DateTimeOffset::from_unix(i64::MAX, 0, 0).is_none());
    let parts = DateTimeOffset::from_parts(
        Date::new(2000, 1, 1).unwrap(),
        TimeOfDay::new(0, 0, 0, 0).unwrap(),
        0,
    )
    .unwrap();
    assert_eq!(parts.unix_seconds(), 946_684_800);
    assert!(DateTimeOffset::now_utc().unix_seconds() > 1_700_000_000);
}

#[test]
fn dates_and_times_of_day() {
    assert_eq!(
        json::from_str::<Date>(r#""2024-02-29""#)
            .unwrap()
            .to_string(),
        "2024-02-29"
    );
    assert!(Date::parse("2023-02-29").is_err());
    assert!(Date::parse("2023-2-1").is_err());
    let time = TimeOfDay::parse("14:30:00.5").unwrap();
    assert_eq!(
        (time.hour(), time.minute(), time.second(), time.nanosecond()),
        (14, 30, 0, 500_000_000)
    );
    assert_eq!(json::to_string(&time), r#""14:30:00.5""#);
    assert_eq!(TimeOfDay::parse("07:05").unwrap().to_string(), "07:05:00");
    assert!(TimeOfDay::parse("7:05").is_err());
}

#[test]
fn durations_are_iso_8601_day_time() {
    for (input, written, seconds) in [
        ("PT1H", "PT1H", 3600),
        ("P1DT2H30M5.25S", "P1DT2H30M5.25S", 95_405),
        ("PT90M", "PT1H30M", 5400),
        ("P2D", "P2D", 172_800),
        ("PT0S", "PT0S", 0),
        ("-PT0.5S", "-PT0.5S", 0),
    ] {
        let duration = Duration::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(duration.to_string(), written);
        assert_eq!(duration.length().as_secs(), seconds);
    }
    assert!(Duration::parse("-PT0.5S").unwrap().is_negative());
    for bad in ["", "P", "PT", "1H", "P1Y", "PT1.5H", "PTxS"] {
        assert!(Duration::parse(bad).is_err(), "{bad} must be rejected");
    }
}

#[test]
fn guids_binary_decimal_and_streams() {
    let guid: Guid = json::from_str(r#""550FAE72-D251-43EC-868C-373732C2704F""#).unwrap();
    assert_eq!(
        json::to_string(&guid),
        r#""550fae72-d251-43ec-868c-373732c2704f""#
    );
    assert!(Guid::parse("550fae72-d25-868c-373732c2704f").is_err());
    assert!(Guid::parse("550fae72xd251-43ec-868c-373732c2704f").is_err());

    let binary: Binary = json::from_str(r#""+/8=""#).unwrap();
    assert_eq!(binary.0, [0xfb, 0xff]);
    assert_eq!(json::to_string(&binary), r#""-_8""#);
    assert!(Binary::parse("a").is_err());
    assert!(Binary::parse("ab$c").is_err());

    let decimal: Decimal = json::from_str("12345678901234567890.12345").unwrap();
    assert_eq!(json::to_string(&decimal), "12345678901234567890.12345");
    assert_eq!(
        json::from_str::<Decimal>(r#""-1.50""#).unwrap().as_str(),
        "-1.50"
    );
    assert!(json::from_str::<Decimal>(r#""abc""#).is_err());
    assert_eq!(Decimal::parse("2.5").unwrap().to_f64(), 2.5);

    let stream: Stream = json::from_str(r#""aGk=""#).unwrap();
    assert_eq!(stream.bytes().unwrap(), b"hi");
    assert_eq!(json::to_string(&stream), r#""aGk=""#);
    let object: Stream = json::from_str(r#"{"a": 1}"#).unwrap();
    assert_eq!(object.raw_json(), r#"{"a": 1}"#);
    assert_eq!(Stream::from_bytes(b"hi").bytes().unwrap(), b"hi");
}

#[test]
fn every_edm_text_type_parses_with_from_str_and_a_typed_error() {
    use graph_core::edm::{Binary, Decimal, Guid, ParseError};
    let date: Date = "2026-12-04".parse().unwrap();
    assert_eq!(date.to_string(), "2026-12-04");
    let instant: DateTimeOffset = "2026-12-04T10:00:00Z".parse().unwrap();
    assert_eq!(instant.to_string(), "2026-12-04T10:00:00Z");
    assert_eq!(
        "07:05".parse::<TimeOfDay>().unwrap().to_string(),
        "07:05:00"
    );
    assert_eq!("PT1H".parse::<Duration>().unwrap().to_string(), "PT1H");
    let guid: Guid = "550FAE72-D251-43EC-868C-373732C2704F".parse().unwrap();
    assert_eq!(guid.to_string(), "550fae72-d251-43ec-868c-373732c2704f");
    assert_eq!("aGk".parse::<Binary>().unwrap().0, b"hi");
    assert_eq!("-12.50".parse::<Decimal>().unwrap().as_str(), "-12.50");

    let error: ParseError = "2023-02-29".parse::<Date>().unwrap_err();
    assert_eq!(error.edm_type(), "Edm.Date");
    assert!(
        error
            .to_string()
            .starts_with("invalid Edm.Date \"2023-02-29\": "),
        "{error}"
    );
    let long = "x".repeat(500);
    let error = long.parse::<Guid>().unwrap_err();
    assert!(error.to_string().len() < 250, "the text is cut: {error}");
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    assert!(boxed.to_string().contains("Edm.Guid"));
}
