//! Edm.DateTimeOffset, Edm.Date and Edm.TimeOfDay.
//!
//! No date library: Graph needs parsing, printing, instant comparison and a few conversions,
//! which fit in this file, and the runtime stays small to compile.

use std::cmp::Ordering;
use std::fmt;
use std::time::{Duration as StdDuration, SystemTime, UNIX_EPOCH};

const NANOS_PER_SECOND: u32 = 1_000_000_000;
const SECONDS_PER_DAY: i64 = 86_400;
/// Largest accepted UTC offset in minutes (exclusive of a full day).
const MAX_OFFSET_MINUTES: i16 = 24 * 60 - 1;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01 (inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // day is 1..=31 and month 1..=12 by construction.
    (
        year,
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    )
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A small cursor for the fixed-width ISO 8601 grammars below.
struct Scanner<'a> {
    text: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text: text.as_bytes(),
            pos: 0,
        }
    }

    fn digits(&mut self, count: usize, what: &str) -> Result<u32, String> {
        let slice = self
            .text
            .get(self.pos..self.pos + count)
            .filter(|s| s.iter().all(u8::is_ascii_digit))
            .ok_or_else(|| format!("expected {count} digits for the {what}"))?;
        self.pos += count;
        Ok(slice.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(format!(
                "expected `{}` at position {}",
                byte as char, self.pos
            ))
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.text.get(self.pos) == Some(&byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_ignore_case(&mut self, byte: u8) -> bool {
        if self
            .text
            .get(self.pos)
            .is_some_and(|b| b.eq_ignore_ascii_case(&byte))
        {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// `.fffff...` after seconds: any number of digits, truncated to nanoseconds.
    fn fraction(&mut self) -> Result<u32, String> {
        if !self.eat(b'.') {
            return Ok(0);
        }
        let start = self.pos;
        let mut nanos = 0u32;
        let mut scale = NANOS_PER_SECOND;
        while let Some(&d) = self.text.get(self.pos).filter(|d| d.is_ascii_digit()) {
            if scale > 1 {
                scale /= 10;
                nanos += u32::from(d - b'0') * scale;
            }
            self.pos += 1;
        }
        if self.pos == start {
            return Err("expected digits after `.`".to_owned());
        }
        Ok(nanos)
    }

    fn date(&mut self) -> Result<Date, String> {
        let year = self.digits(4, "year")?;
        self.expect(b'-')?;
        let month = self.digits(2, "month")?;
        self.expect(b'-')?;
        let day = self.digits(2, "day")?;
        // Four digits fit in i32; two digits fit in u8.
        Date::new(year as i32, month as u8, day as u8).ok_or_else(|| "invalid date".to_owned())
    }

    fn time(&mut self) -> Result<TimeOfDay, String> {
        let hour = self.digits(2, "hour")?;
        self.expect(b':')?;
        let minute = self.digits(2, "minute")?;
        let (second, nanos) = if self.eat(b':') {
            (self.digits(2, "second")?, self.fraction()?)
        } else {
            (0, 0)
        };
        TimeOfDay::new(hour as u8, minute as u8, second as u8, nanos)
            .ok_or_else(|| "invalid time of day".to_owned())
    }

    fn end(&self) -> Result<(), String> {
        if self.pos == self.text.len() {
            Ok(())
        } else {
            Err(format!("unexpected text at position {}", self.pos))
        }
    }
}

fn write_fraction(f: &mut fmt::Formatter<'_>, nanos: u32) -> fmt::Result {
    if nanos == 0 {
        return Ok(());
    }
    let digits = format!("{nanos:09}");
    write!(f, ".{}", digits.trim_end_matches('0'))
}

/// Edm.Date: a calendar date (`2024-02-29`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if it exists (years 0 to 9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (0..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// Month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// Day of month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, super::ParseError> {
        Self::parse_reason(text).map_err(|reason| super::ParseError::new("Edm.Date", text, reason))
    }

    /// [`Self::parse`], with the reason a text is refused.
    pub(super) fn parse_reason(text: &str) -> Result<Self, String> {
        let mut scanner = Scanner::new(text);
        let date = scanner.date()?;
        scanner.end()?;
        Ok(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Edm.TimeOfDay: a wall-clock time (`14:30:00.5`), nanosecond precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
    second: u8,
    nanos: u32,
}

impl TimeOfDay {
    /// A time, if valid (hour < 24, minute < 60, second < 60, nanos < 10^9).
    pub fn new(hour: u8, minute: u8, second: u8, nanos: u32) -> Option<Self> {
        let valid = hour < 24 && minute < 60 && second < 60 && nanos < NANOS_PER_SECOND;
        valid.then_some(TimeOfDay {
            hour,
            minute,
            second,
            nanos,
        })
    }

    /// Hour, 0 to 23.
    pub fn hour(self) -> u8 {
        self.hour
    }

    /// Minute, 0 to 59.
    pub fn minute(self) -> u8 {
        self.minute
    }

    /// Second, 0 to 59.
    pub fn second(self) -> u8 {
        self.second
    }

    /// Nanoseconds within the second.
    pub fn nanosecond(self) -> u32 {
        self.nanos
    }

    fn seconds_of_day(self) -> i64 {
        i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
    }

    /// Parses `HH:MM[:SS[.fff...]]` (fractions beyond nanoseconds are truncated).
    pub fn parse(text: &str) -> Result<Self, super::ParseError> {
        Self::parse_reason(text)
            .map_err(|reason| super::ParseError::new("Edm.TimeOfDay", text, reason))
    }

    /// [`Self::parse`], with the reason a text is refused.
    pub(super) fn parse_reason(text: &str) -> Result<Self, String> {
        let mut scanner = Scanner::new(text);
        let time = scanner.time()?;
        scanner.end()?;
        Ok(time)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}:{:02}", self.hour, self.minute, self.second)?;
        write_fraction(f, self.nanos)
    }
}

/// Edm.DateTimeOffset: an instant and the UTC offset it was expressed in.
///
/// Kept as the local date and time plus the offset, as written on the wire, so reading and
/// writing need no calendar arithmetic; the instant is computed when asked for.
/// Equality compares instant and offset (`12:00+02:00` and `10:00Z` are the same instant but
/// not equal); use [`DateTimeOffset::instant_cmp`] to order instants. Reads 0 to any number
/// of fractional digits (truncated to nanoseconds), `Z`, `z` or `±HH:MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateTimeOffset {
    date: Date,
    time: TimeOfDay,
    offset_minutes: i16,
}

impl DateTimeOffset {
    /// The instant `unix_seconds` + `nanos` after the Unix epoch, expressed at
    /// `offset_minutes` from UTC. `None` if `nanos` >= 10^9, the offset is a day or more, or
    /// the local year is outside 0 to 9999.
    pub fn from_unix(unix_seconds: i64, nanos: u32, offset_minutes: i16) -> Option<Self> {
        if nanos >= NANOS_PER_SECOND || offset_minutes.abs() > MAX_OFFSET_MINUTES {
            return None;
        }
        let local = unix_seconds.checked_add(i64::from(offset_minutes) * 60)?;
        let (year, month, day) = civil_from_days(local.div_euclid(SECONDS_PER_DAY));
        let seconds = local.rem_euclid(SECONDS_PER_DAY);
        let date = Date::new(i32::try_from(year).ok()?, month, day)?;
        // Each part is below 24 or 60 by construction.
        let time = TimeOfDay::new(
            (seconds / 3600) as u8,
            (seconds / 60 % 60) as u8,
            (seconds % 60) as u8,
            nanos,
        )?;
        Some(DateTimeOffset {
            date,
            time,
            offset_minutes,
        })
    }

    /// A local date and time at `offset_minutes` from UTC (`None` if the offset is a day or
    /// more).
    pub fn from_parts(date: Date, time: TimeOfDay, offset_minutes: i16) -> Option<Self> {
        (offset_minutes.abs() <= MAX_OFFSET_MINUTES).then_some(DateTimeOffset {
            date,
            time,
            offset_minutes,
        })
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(self) -> i64 {
        days_from_civil(self.date.year, self.date.month, self.date.day) * SECONDS_PER_DAY
            + self.time.seconds_of_day()
            - i64::from(self.offset_minutes) * 60
    }

    /// Nanoseconds within the second.
    pub fn nanosecond(self) -> u32 {
        self.time.nanos
    }

    /// Nanoseconds since the Unix epoch.
    pub fn unix_nanos(self) -> i128 {
        i128::from(self.unix_seconds()) * i128::from(NANOS_PER_SECOND) + i128::from(self.time.nanos)
    }

    /// The UTC offset, in minutes east of UTC.
    pub fn offset_minutes(self) -> i16 {
        self.offset_minutes
    }

    /// Orders by instant, ignoring the offset: `12:00+02:00` is before `11:00Z`.
    pub fn instant_cmp(&self, other: &Self) -> Ordering {
        (self.unix_seconds(), self.time.nanos).cmp(&(other.unix_seconds(), other.time.nanos))
    }

    /// True when `self` is an earlier instant than `other`.
    pub fn is_before(&self, other: &Self) -> bool {
        self.instant_cmp(other) == Ordering::Less
    }

    /// True when both denote the same instant, whatever their offsets.
    pub fn same_instant(&self, other: &Self) -> bool {
        self.instant_cmp(other) == Ordering::Equal
    }

    /// The same instant expressed at another offset (`None` if the offset or the resulting
    /// year is out of range).
    pub fn with_offset(self, offset_minutes: i16) -> Option<Self> {
        DateTimeOffset::from_unix(self.unix_seconds(), self.time.nanos, offset_minutes)
    }

    /// The same instant in UTC (`None` only if that moves the date out of years 0 to 9999).
    pub fn to_utc(self) -> Option<Self> {
        self.with_offset(0)
    }

    /// The local date at the offset.
    pub fn date(self) -> Date {
        self.date
    }

    /// The local time of day at the offset.
    pub fn time(self) -> TimeOfDay {
        self.time
    }

    /// The current time, in UTC.
    pub fn now_utc() -> Self {
        Self::from(SystemTime::now())
    }

    /// The instant as a [`SystemTime`].
    pub fn to_system_time(self) -> SystemTime {
        let seconds = self.unix_seconds();
        let nanos = StdDuration::from_nanos(u64::from(self.time.nanos));
        if seconds >= 0 {
            UNIX_EPOCH + StdDuration::from_secs(seconds.unsigned_abs()) + nanos
        } else {
            UNIX_EPOCH - StdDuration::from_secs(seconds.unsigned_abs()) + nanos
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff...]](Z|±HH:MM)` (`T` and `Z` in either case).
    pub fn parse(text: &str) -> Result<Self, super::ParseError> {
        Self::parse_reason(text)
            .map_err(|reason| super::ParseError::new("Edm.DateTimeOffset", text, reason))
    }

    /// [`Self::parse`], with the reason a text is refused.
    pub(super) fn parse_reason(text: &str) -> Result<Self, String> {
        let mut scanner = Scanner::new(text);
        let date = scanner.date()?;
        if !scanner.eat_ignore_case(b'T') {
            return Err("expected `T` between date and time".to_owned());
        }
        let time = scanner.time()?;
        let offset_minutes = if scanner.eat_ignore_case(b'Z') {
            0
        } else {
            let sign = if scanner.eat(b'+') {
                1
            } else if scanner.eat(b'-') {
                -1
            } else {
                return Err("expected `Z` or a `+HH:MM` / `-HH:MM` offset".to_owned());
            };
            let hours = scanner.digits(2, "offset hours")?;
            scanner.expect(b':')?;
            let minutes = scanner.digits(2, "offset minutes")?;
            if minutes >= 60 {
                return Err("offset minutes must be below 60".to_owned());
            }
            // Two-digit parts: at most 99 * 60 + 59, which fits in i16.
            sign * (hours * 60 + minutes) as i16
        };
        scanner.end()?;
        DateTimeOffset::from_parts(date, time, offset_minutes)
            .ok_or_else(|| "offset out of range".to_owned())
    }
}

impl From<SystemTime> for DateTimeOffset {
    /// The instant in UTC (clamped to the years 0 to 9999).
    fn from(time: SystemTime) -> Self {
        let (unix_seconds, nanos) = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => (
                i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
                after.subsec_nanos(),
            ),
            Err(before) => {
                let before = before.duration();
                let seconds = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                match before.subsec_nanos() {
                    0 => (-seconds, 0),
                    n => (-seconds - 1, NANOS_PER_SECOND - n),
                }
            }
        };
        // Years 0 and 9999 bound what from_unix accepts.
        const FIRST: i64 = -62_167_219_200;
        const LAST: i64 = 253_402_300_799;
        DateTimeOffset::from_unix(unix_seconds.clamp(FIRST, LAST), nanos, 0).unwrap_or(
            DateTimeOffset {
                date: Date {
                    year: 1970,
                    month: 1,
                    day: 1,
                },
                time: TimeOfDay {
                    hour: 0,
                    minute: 0,
                    second: 0,
                    nanos: 0,
                },
                offset_minutes: 0,
            },
        )
    }
}

/// Longest text [`DateTimeOffset::format_into`] writes: `YYYY-MM-DDTHH:MM:SS.fffffffff+HH:MM`
/// plus room for quotes.
pub(crate) const FORMATTED_MAX: usize = 40;

impl DateTimeOffset {
    /// Writes the RFC 3339 text into `buf` (quoted when `quoted`) and returns its length.
    /// Hand-rolled because `fmt` machinery dominated the cost of writing a model.
    pub(crate) fn format_into(self, buf: &mut [u8; FORMATTED_MAX], quoted: bool) -> usize {
        fn two(buf: &mut [u8], at: usize, n: u32) {
            // n < 100 for every caller; digits are ASCII.
            buf[at] = b'0' + (n / 10 % 10) as u8;
            buf[at + 1] = b'0' + (n % 10) as u8;
        }
        let (date, time) = (self.date, self.time);
        let mut at = 0;
        if quoted {
            buf[0] = b'"';
            at = 1;
        }
        let year = date.year.clamp(0, 9999).unsigned_abs();
        two(buf, at, year / 100);
        two(buf, at + 2, year % 100);
        buf[at + 4] = b'-';
        two(buf, at + 5, u32::from(date.month));
        buf[at + 7] = b'-';
        two(buf, at + 8, u32::from(date.day));
        buf[at + 10] = b'T';
        two(buf, at + 11, u32::from(time.hour));
        buf[at + 13] = b':';
        two(buf, at + 14, u32::from(time.minute));
        buf[at + 16] = b':';
        two(buf, at + 17, u32::from(time.second));
        at += 19;
        if time.nanos > 0 {
            buf[at] = b'.';
            at += 1;
            let mut nanos = time.nanos;
            let mut digits = 9;
            while nanos % 10 == 0 {
                nanos /= 10;
                digits -= 1;
            }
            for i in (0..digits).rev() {
                buf[at + i] = b'0' + (nanos % 10) as u8;
                nanos /= 10;
            }
            at += digits;
        }
        if self.offset_minutes == 0 {
            buf[at] = b'Z';
            at += 1;
        } else {
            buf[at] = if self.offset_minutes < 0 { b'-' } else { b'+' };
            let abs = u32::from(self.offset_minutes.unsigned_abs());
            two(buf, at + 1, abs / 60);
            buf[at + 3] = b':';
            two(buf, at + 4, abs % 60);
            at += 6;
        }
        if quoted {
            buf[at] = b'"';
            at += 1;
        }
        at
    }
}

impl fmt::Display for DateTimeOffset {
    /// RFC 3339: `2019-07-12T14:30:34.2444915-07:00`, `Z` for UTC, fraction without
    /// trailing zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; FORMATTED_MAX];
        let len = self.format_into(&mut buf, false);
        f.write_str(std::str::from_utf8(&buf[..len]).map_err(|_| fmt::Error)?)
    }
}
