//! Lists the signed-in user's events of the coming week (`GET /me/calendarView`), through the
//! whole-Graph crate.
//!
//! ```sh
//! GRAPH_TOKEN=... cargo run -p graph-v1 --features client,users --example upcoming_events
//! ```
//! `GRAPH_BASE_URL` points it at another Graph (a national cloud, a local server); `--days N`
//! changes the window (default 7). Prints one line per event: start, end, subject.

use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use graph_core::client::{Client, StaticToken};
use graph_core::edm::DateTimeOffset;
use graph_core::http::BaseUrl;
use graph_v1::api::{users, UserTarget};
use graph_v1::Event;

const USAGE: &str = "usage: upcoming_events [--days N]";

fn days(mut args: impl Iterator<Item = String>) -> Result<u64, String> {
    match (args.next().as_deref(), args.next()) {
        (None, _) => Ok(7),
        (Some("--days"), Some(n)) => n
            .parse()
            .ok()
            .filter(|n| (1..=366).contains(n))
            .ok_or_else(|| format!("--days {n:?}: a number of days from 1 to 366")),
        (Some(other), _) => Err(format!("unknown argument {other:?}")),
    }
}

/// `2026-12-03T10:00:00Z`: the instant `seconds` after the Unix epoch, in UTC.
fn utc(time: SystemTime) -> Result<DateTimeOffset, String> {
    let seconds = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_err(|_| "the clock is before 1970")?
        .as_secs();
    let days = (seconds / 86_400) as i64;
    let (year, month, day) = civil_from_days(days);
    let second_of_day = seconds % 86_400;
    let text = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
    );
    DateTimeOffset::parse(&text).map_err(|error| error.to_string())
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

async fn run(days: u64) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let token = std::env::var("GRAPH_TOKEN")
        .map_err(|_| "set GRAPH_TOKEN to an access token for Microsoft Graph")?;
    let base_url = std::env::var("GRAPH_BASE_URL").unwrap_or_else(|_| BaseUrl::GLOBAL_V1.into());
    let client = Client::builder(StaticToken::new(token))
        .base_url(BaseUrl::new(&base_url)?)
        .build()?;
    let now = SystemTime::now();
    let start = utc(now)?.to_string();
    let end = utc(now + Duration::from_secs(days * 86_400))?.to_string();
    let request = users::calendar_view::list(&UserTarget::Me)
        .query("startDateTime", &start)
        .query("endDateTime", &end)
        .select(&[Event::SUBJECT, Event::START, Event::END])
        .order_by(&["start/dateTime"])
        .top(100)
        .build(&client.request_options())?;
    let page = client.send(request).await?;
    let mut lines: Vec<String> = page
        .value
        .iter()
        .map(|event| {
            let time = |t: Option<&graph_v1::DateTimeTimeZone>| {
                t.and_then(|t| t.date_time.value().cloned())
                    .unwrap_or_default()
            };
            format!(
                "{}  {}  {}",
                time(event.start.value()),
                time(event.end.value()),
                event.subject.value().map_or("(no subject)", String::as_str)
            )
        })
        .collect();
    if page.next_link.is_some() {
        lines.push("(more events: the first 100 are shown)".into());
    }
    Ok(lines)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let days = match days(std::env::args().skip(1)) {
        Ok(days) => days,
        Err(error) => {
            eprintln!("error: {error}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(days).await {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
