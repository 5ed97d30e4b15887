//! Faults injected the way Microsoft's Dev Proxy injects them: error answers with
//! `Retry-After` at a rate per method, latency, dropped connections. Every decision comes from
//! the seed and the request's number, so the same run of requests meets the same faults.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use axum::http::{Method, StatusCode};

/// What to inject; the default injects nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Faults {
    /// Seed of every decision.
    pub seed: u64,
    /// Error answers, each at its rate; the first rule that fires answers.
    pub errors: Vec<FaultRule>,
    /// `Retry-After` of the error answers (fractions are written as such: `0.25`).
    pub retry_after: Duration,
    /// A delay before answering, drawn evenly from this range.
    pub latency: Option<(Duration, Duration)>,
    /// Share of requests (0 to 1) whose connection is closed before the answer is complete.
    pub drop_rate: f64,
}

impl Default for Faults {
    fn default() -> Self {
        Self {
            seed: 0,
            errors: Vec::new(),
            retry_after: Duration::from_secs(1),
            latency: None,
            drop_rate: 0.0,
        }
    }
}

/// `METHOD:STATUS:RATE` (`GET:503:0.1`, `*:429:0.05`): answer that share of the method's
/// requests (`*`: any method) with the status, which is `429`, `500`, `502`, `503` or `504`.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultRule {
    /// The method it applies to; `None` for every method.
    pub method: Option<Method>,
    /// The error status.
    pub status: StatusCode,
    /// Share of those requests, 0 to 1.
    pub rate: f64,
}

/// Why a `--fault` rule was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultRuleError(String);

impl fmt::Display for FaultRuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FaultRuleError {}

impl FromStr for FaultRule {
    type Err = FaultRuleError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let refuse = |why: &str| {
            FaultRuleError(format!(
                "{text:?}: {why} (expected METHOD:STATUS:RATE, as GET:503:0.1)"
            ))
        };
        let mut parts = text.split(':');
        let (Some(method), Some(status), Some(rate), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(refuse("three parts are needed"));
        };
        let method = match method {
            "*" => None,
            method => Some(
                Method::from_bytes(method.to_ascii_uppercase().as_bytes())
                    .map_err(|_| refuse("not an HTTP method"))?,
            ),
        };
        let status = match status.parse::<u16>() {
            Ok(code @ (429 | 500 | 502 | 503 | 504)) => {
                StatusCode::from_u16(code).map_err(|_| refuse("not a status"))?
            }
            _ => return Err(refuse("the status must be 429, 500, 502, 503 or 504")),
        };
        let rate = rate
            .parse::<f64>()
            .ok()
            .filter(|rate| (0.0..=1.0).contains(rate))
            .ok_or_else(|| refuse("the rate must be a number from 0 to 1"))?;
        Ok(Self {
            method,
            status,
            rate,
        })
    }
}

/// What happens to one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Answered with this error status.
    Error(StatusCode),
    /// The connection is closed mid-answer.
    Drop,
}

impl Faults {
    /// Whether any fault can fire.
    pub(crate) fn any(&self) -> bool {
        !self.errors.is_empty() || self.latency.is_some() || self.drop_rate > 0.0
    }

    /// The delay and fault for request number `number` with `method`.
    pub(crate) fn decide(&self, number: u64, method: &Method) -> (Duration, Option<Fault>) {
        let delay = match self.latency {
            Some((low, high)) if high > low => low + (high - low).mul_f64(self.draw(number, 0)),
            Some((low, _)) => low,
            None => Duration::ZERO,
        };
        if self.draw(number, 1) < self.drop_rate {
            return (delay, Some(Fault::Drop));
        }
        let chance = self.draw(number, 2);
        let mut below = 0.0;
        for rule in &self.errors {
            if rule.method.as_ref().is_some_and(|only| only != method) {
                continue;
            }
            below += rule.rate;
            if chance < below {
                return (delay, Some(Fault::Error(rule.status)));
            }
        }
        (delay, None)
    }

    /// A number in [0, 1) from the seed, the request's number and what it decides: the
    /// SplitMix64 finaliser, so neighbouring numbers give unrelated draws.
    fn draw(&self, number: u64, purpose: u64) -> f64 {
        let mut z = self
            .seed
            .wrapping_add(number.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .wrapping_add(purpose.wrapping_mul(0xD1B5_4A32_D192_ED69));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_and_refuse_with_a_reason() {
        assert_eq!(
            "get:503:0.25".parse::<FaultRule>().unwrap(),
            FaultRule {
                method: Some(Method::GET),
                status: StatusCode::SERVICE_UNAVAILABLE,
                rate: 0.25
            }
        );
        assert_eq!("*:429:1".parse::<FaultRule>().unwrap().method, None);
        for (bad, says) in [
            ("GET:503", "three parts"),
            ("GET:404:0.1", "429, 500"),
            ("GET:503:1.5", "from 0 to 1"),
            ("G T:503:0.1", "HTTP method"),
        ] {
            let error = bad.parse::<FaultRule>().unwrap_err().to_string();
            assert!(error.contains(says), "{bad}: {error}");
        }
    }

    #[test]
    fn decisions_follow_the_seed_and_the_rates() {
        let faults = Faults {
            seed: 7,
            errors: vec!["GET:503:0.3".parse().unwrap(), "*:429:0.1".parse().unwrap()],
            drop_rate: 0.05,
            ..Faults::default()
        };
        let run = |faults: &Faults, method: &Method| -> Vec<Option<Fault>> {
            (0..2000).map(|n| faults.decide(n, method).1).collect()
        };
        let first = run(&faults, &Method::GET);
        assert_eq!(first, run(&faults, &Method::GET), "the same seed repeats");
        let other_seed = Faults {
            seed: 8,
            ..faults.clone()
        };
        assert_ne!(first, run(&other_seed, &Method::GET));
        let share = |decisions: &[Option<Fault>], fault: Fault| {
            decisions.iter().filter(|d| **d == Some(fault)).count() as f64 / 2000.0
        };
        let unavailable = share(&first, Fault::Error(StatusCode::SERVICE_UNAVAILABLE));
        let throttled = share(&first, Fault::Error(StatusCode::TOO_MANY_REQUESTS));
        let dropped = share(&first, Fault::Drop);
        assert!((0.25..0.33).contains(&unavailable), "{unavailable}");
        assert!((0.06..0.12).contains(&throttled), "{throttled}");
        assert!((0.03..0.07).contains(&dropped), "{dropped}");
        // POST meets only the rule for every method.
        let posts = run(&faults, &Method::POST);
        assert_eq!(
            share(&posts, Fault::Error(StatusCode::SERVICE_UNAVAILABLE)),
            0.0
        );
    }

    #[test]
    fn latency_stays_in_its_range() {
        let faults = Faults {
            latency: Some((Duration::from_millis(10), Duration::from_millis(20))),
            ..Faults::default()
        };
        for n in 0..500 {
            let (delay, fault) = faults.decide(n, &Method::GET);
            assert!((Duration::from_millis(10)..Duration::from_millis(20)).contains(&delay));
            assert_eq!(fault, None);
        }
    }
}
