//! Reads a meeting's attendance reports and who attended, through the whole-Graph crate:
//! `GET /me/onlineMeetings/{id}/attendanceReports`, then each report's `attendanceRecords`.
//!
//! ```sh
//! GRAPH_TOKEN=... cargo run -p graph-v1 --features client,users --example attendance_reports -- MEETING_ID
//! ```
//! `GRAPH_BASE_URL` points it at another Graph; `--user-id ID` reads another user's meeting
//! (application permissions). Prints each report, then one line per attendee.

use std::process::ExitCode;

use graph_core::client::{Client, StaticToken};
use graph_core::http::BaseUrl;
use graph_core::Polymorphic;
use graph_v1::api::users::online_meetings::attendance_reports;
use graph_v1::api::UserTarget;

const USAGE: &str = "usage: attendance_reports MEETING_ID [--user-id ID]";

fn arguments(mut args: impl Iterator<Item = String>) -> Result<(String, UserTarget), String> {
    let meeting = args
        .next()
        .filter(|m| !m.starts_with("--"))
        .ok_or("MEETING_ID is required")?;
    let target = match (args.next().as_deref(), args.next()) {
        (None, _) => UserTarget::Me,
        (Some("--user-id"), Some(id)) => UserTarget::User(id),
        (Some(other), _) => return Err(format!("unknown argument {other:?}")),
    };
    Ok((meeting, target))
}

async fn run(
    meeting: &str,
    target: &UserTarget,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let token = std::env::var("GRAPH_TOKEN")
        .map_err(|_| "set GRAPH_TOKEN to an access token for Microsoft Graph")?;
    let base_url = std::env::var("GRAPH_BASE_URL").unwrap_or_else(|_| BaseUrl::GLOBAL_V1.into());
    let client = Client::builder(StaticToken::new(token))
        .base_url(BaseUrl::new(&base_url)?)
        .build()?;
    let options = client.request_options();
    let reports = client
        .send(attendance_reports::list(target, meeting).build(&options)?)
        .await?;
    let mut lines = Vec::new();
    for report in &reports.value {
        let id = report.id.value().ok_or("a report without an id")?;
        lines.push(format!(
            "report {id}: {} participants, {} to {}",
            report
                .total_participant_count
                .value()
                .copied()
                .unwrap_or_default(),
            report
                .meeting_start_date_time
                .value()
                .map(ToString::to_string)
                .unwrap_or_default(),
            report
                .meeting_end_date_time
                .value()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ));
        let records = client
            .send(
                attendance_reports::attendance_records::list(target, meeting, id)
                    .build(&options)?,
            )
            .await?;
        for record in &records.value {
            let name = record
                .identity
                .value()
                .and_then(|identity| identity.to_base().display_name.value().cloned())
                .unwrap_or_else(|| "(unknown)".into());
            lines.push(format!(
                "  {name}: {} s, {}",
                record
                    .total_attendance_in_seconds
                    .value()
                    .copied()
                    .unwrap_or_default(),
                record
                    .role
                    .value()
                    .map(String::as_str)
                    .unwrap_or("attendee"),
            ));
        }
    }
    Ok(lines)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (meeting, target) = match arguments(std::env::args().skip(1)) {
        Ok(parsed) => parsed,
        Err(error) => {
            eprintln!("error: {error}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&meeting, &target).await {
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
