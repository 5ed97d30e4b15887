//! Edm.Duration: an ISO 8601 day-time duration (`P1DT2H30M`, `-PT0.5S`).

use std::fmt;
use std::time::Duration as StdDuration;

/// A signed length of time, nanosecond precision. Written canonically (`P1DT2H30M5.25S`,
/// `PT0S` for zero); the years and months of ISO 8601 are not day-time durations and are
/// rejected, as OData does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    negative: bool,
    length: StdDuration,
}

impl Duration {
    /// A duration of `length`, negative when `negative` (a zero length is never negative).
    pub fn new(negative: bool, length: StdDuration) -> Self {
        Duration {
            negative: negative && !length.is_zero(),
            length,
        }
    }

    /// True for a negative duration.
    pub fn is_negative(self) -> bool {
        self.negative
    }

    /// The absolute length.
    pub fn length(self) -> StdDuration {
        self.length
    }

    /// Parses `[-]P[nD][T[nH][nM][n[.f]S]]`.
    pub fn parse(text: &str) -> Result<Self, super::ParseError> {
        Self::parse_reason(text)
            .map_err(|reason| super::ParseError::new("Edm.Duration", text, reason))
    }

    /// [`Self::parse`], with the reason a text is refused.
    pub(super) fn parse_reason(text: &str) -> Result<Self, String> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let rest = rest
            .strip_prefix(['P', 'p'])
            .ok_or_else(|| "a duration starts with `P`".to_owned())?;
        let (days_part, time_part) = match rest.find(['T', 't']) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        let mut seconds: u64 = 0;
        let mut nanos: u32 = 0;
        let mut any = false;
        if !days_part.is_empty() {
            let days = days_part
                .strip_suffix(['D', 'd'])
                .and_then(|n| n.parse::<u64>().ok())
                .ok_or_else(|| format!("invalid day part {days_part:?}"))?;
            seconds = days.checked_mul(86_400).ok_or("duration too long")?;
            any = true;
        }
        if let Some(mut time) = time_part {
            if time.is_empty() {
                return Err("`T` must be followed by hours, minutes or seconds".to_owned());
            }
            for (unit, scale) in [('H', 3600u64), ('M', 60)] {
                if let Some(i) = time.find([unit, unit.to_ascii_lowercase()]) {
                    let n: u64 = time[..i]
                        .parse()
                        .map_err(|_| format!("invalid {unit} part"))?;
                    let add = n.checked_mul(scale).ok_or("duration too long")?;
                    seconds = seconds.checked_add(add).ok_or("duration too long")?;
                    time = &time[i + 1..];
                    any = true;
                }
            }
            if !time.is_empty() {
                let number = time
                    .strip_suffix(['S', 's'])
                    .ok_or_else(|| format!("unexpected {time:?}"))?;
                let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
                let whole: u64 = whole.parse().map_err(|_| "invalid seconds".to_owned())?;
                if !fraction.bytes().all(|b| b.is_ascii_digit()) {
                    return Err("invalid fraction of seconds".to_owned());
                }
                let digits = format!("{:0<9}", &fraction[..fraction.len().min(9)]);
                nanos = digits
                    .parse()
                    .map_err(|_| "invalid fraction of seconds".to_owned())?;
                seconds = seconds.checked_add(whole).ok_or("duration too long")?;
                any = true;
            }
        }
        if !any {
            return Err("empty duration".to_owned());
        }
        Ok(Duration::new(negative, StdDuration::new(seconds, nanos)))
    }
}

impl From<StdDuration> for Duration {
    fn from(length: StdDuration) -> Self {
        Duration::new(false, length)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str("P")?;
        let total = self.length.as_secs();
        let (days, hours, minutes, seconds) = (
            total / 86_400,
            total / 3600 % 24,
            total / 60 % 60,
            total % 60,
        );
        let nanos = self.length.subsec_nanos();
        if days > 0 {
            write!(f, "{days}D")?;
        }
        if hours == 0 && minutes == 0 && seconds == 0 && nanos == 0 {
            return if days == 0 {
                f.write_str("T0S")
            } else {
                Ok(())
            };
        }
        f.write_str("T")?;
        if hours > 0 {
            write!(f, "{hours}H")?;
        }
        if minutes > 0 {
            write!(f, "{minutes}M")?;
        }
        if seconds > 0 || nanos > 0 {
            write!(f, "{seconds}")?;
            if nanos > 0 {
                write!(f, ".{}", format!("{nanos:09}").trim_end_matches('0'))?;
            }
            f.write_str("S")?;
        }
        Ok(())
    }
}
