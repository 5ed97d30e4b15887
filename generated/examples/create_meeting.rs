//! Creates an online meeting and prints it as JSON.
//!
//! ```text
//! GRAPH_TOKEN=eyJ0... cargo run -p graph-online-meetings --features client --example create_meeting -- \
//!     --subject "Design review" --start 2026-12-01T14:00:00Z --end 2026-12-01T15:00:00Z \
//!     [--passcode-required] [--user-id <object id>] [--lang ja]
//! ```
//! `GRAPH_BASE_URL` selects another service root (a national cloud, a local emulator);
//! the default is `https://graph.microsoft.com/v1.0`. Without `--user-id` the meeting is
//! created for the signed-in user (`/me`, delegated token); with it, for that user
//! (`/users/{userId}`, delegated or application token).

use std::process::ExitCode;

use graph_core::client::{Client, StaticToken};
use graph_core::edm::DateTimeOffset;
use graph_core::http::{BaseUrl, LanguageTag};
use graph_core::Property;
use graph_online_meetings::api::users::online_meetings::create;
use graph_online_meetings::api::UserTarget;
use graph_online_meetings::{JoinMeetingIdSettings, OnlineMeeting};

const USAGE: &str = "usage: create_meeting --subject <text> --start <date-time> --end <date-time> \
                     [--passcode-required] [--user-id <id>] [--lang <tag>]";

/// The command line, checked.
struct Arguments {
    subject: String,
    start: DateTimeOffset,
    end: DateTimeOffset,
    passcode_required: bool,
    user_id: Option<String>,
    language: Option<LanguageTag>,
}

fn parse_arguments(mut args: impl Iterator<Item = String>) -> Result<Arguments, String> {
    let (mut subject, mut start, mut end) = (None, None, None);
    let (mut passcode_required, mut user_id, mut language) = (false, None, None);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--subject" => subject = Some(value()?),
            "--start" => start = Some(date_time("--start", &value()?)?),
            "--end" => end = Some(date_time("--end", &value()?)?),
            "--passcode-required" => passcode_required = true,
            "--user-id" => user_id = Some(value()?),
            "--lang" => language = Some(LanguageTag::new(&value()?).map_err(|e| e.to_string())?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Arguments {
        subject: subject.ok_or("--subject is required")?,
        start: start.ok_or("--start is required")?,
        end: end.ok_or("--end is required")?,
        passcode_required,
        user_id,
        language,
    })
}

fn date_time(flag: &str, text: &str) -> Result<DateTimeOffset, String> {
    DateTimeOffset::parse(text)
        .map_err(|error| format!("{flag} {text:?} is not an ISO 8601 date-time: {error}"))
}

async fn run(arguments: Arguments) -> Result<String, Box<dyn std::error::Error>> {
    let token = std::env::var("GRAPH_TOKEN")
        .map_err(|_| "set GRAPH_TOKEN to an access token for Microsoft Graph")?;
    let base_url = std::env::var("GRAPH_BASE_URL").unwrap_or_else(|_| BaseUrl::GLOBAL_V1.into());
    let client = Client::builder(StaticToken::new(token))
        .base_url(BaseUrl::new(&base_url)?)
        .build()?;
    let mut options = client.request_options();
    options.accept_language = arguments.language;

    let meeting = OnlineMeeting {
        subject: Property::Value(arguments.subject),
        start_date_time: Property::Value(arguments.start),
        end_date_time: Property::Value(arguments.end),
        join_meeting_id_settings: if arguments.passcode_required {
            Property::Value(JoinMeetingIdSettings {
                is_passcode_required: Property::Value(true),
                ..Default::default()
            })
        } else {
            Property::Absent
        },
        ..Default::default()
    };
    let target = match arguments.user_id {
        Some(id) => UserTarget::User(id),
        None => UserTarget::Me,
    };
    let created = client
        .send(create(&target, &meeting).build(&options)?)
        .await?;
    let compact = graph_core::json::to_string(&created);
    let value: serde_json::Value = serde_json::from_str(&compact)?;
    Ok(serde_json::to_string_pretty(&value)?)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let arguments = match parse_arguments(std::env::args().skip(1)) {
        Ok(arguments) => arguments,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(arguments).await {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
