//! The examples, run as a user runs them, against a local server that answers as Graph does
//! and records what it was asked. `cargo test --workspace --all-features` builds them first;
//! without them built, each test says so and is skipped.
#![cfg(all(
    feature = "client",
    feature = "users_calendar_view",
    feature = "users_online_meetings"
))]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// `target/<profile>/examples/<name>`, beside this test's `deps/` folder.
fn example(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let binary = exe
        .parent()?
        .parent()?
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if binary.is_file() {
        Some(binary)
    } else {
        println!(
            "skipped: {} not built (cargo test --workspace --all-features builds it)",
            binary.display()
        );
        None
    }
}

/// A server on 127.0.0.1 that answers each request with the body of the first route whose
/// path prefix matches (404 otherwise), and records each request's target.
async fn serve(routes: Vec<(&'static str, &'static str)>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    tokio::spawn(async move {
        // Bounded: the examples make a handful of requests.
        for _ in 0..32 {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let mut buffer = vec![0; 16 * 1024];
            let mut read = 0;
            while !buffer[..read].windows(4).any(|w| w == b"\r\n\r\n") && read < buffer.len() {
                match stream.read(&mut buffer[read..]).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => read += n,
                }
            }
            let head = String::from_utf8_lossy(&buffer[..read]).into_owned();
            let target = head.split_whitespace().nth(1).unwrap_or("").to_owned();
            let authorized = head
                .lines()
                .any(|l| l.eq_ignore_ascii_case("authorization: Bearer test-token"));
            log.lock().unwrap().push(target.clone());
            let path = target.split('?').next().unwrap_or("");
            let (status, body) = match routes.iter().find(|(prefix, _)| path == *prefix) {
                Some((_, body)) if authorized => ("200 OK", *body),
                _ => (
                    "404 Not Found",
                    r#"{"error":{"code":"itemNotFound","message":"not here"}}"#,
                ),
            };
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    (format!("http://{address}/v1.0"), seen)
}

async fn run(binary: PathBuf, base_url: String, args: &[&str]) -> Output {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        Command::new(binary)
            .args(args)
            .env("GRAPH_BASE_URL", base_url)
            .env("GRAPH_TOKEN", "test-token")
            .output()
            .expect("runs the example")
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upcoming_events_lists_the_week_of_the_signed_in_user() {
    let Some(binary) = example("upcoming_events") else {
        return;
    };
    let (base_url, seen) = serve(vec![(
        "/v1.0/me/calendarView",
        r#"{"value":[
            {"subject":"Stand-up","start":{"dateTime":"2026-12-04T09:00:00.0000000","timeZone":"UTC"},
             "end":{"dateTime":"2026-12-04T09:15:00.0000000","timeZone":"UTC"}},
            {"start":{"dateTime":"2026-12-05T13:00:00.0000000","timeZone":"UTC"},
             "end":{"dateTime":"2026-12-05T14:00:00.0000000","timeZone":"UTC"}}]}"#,
    )])
    .await;
    let output = run(binary, base_url, &["--days", "7"]).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "2026-12-04T09:00:00.0000000  2026-12-04T09:15:00.0000000  Stand-up",
            "2026-12-05T13:00:00.0000000  2026-12-05T14:00:00.0000000  (no subject)",
        ]
    );
    let seen = seen.lock().unwrap().clone();
    let [request] = seen.as_slice() else {
        panic!("expected one request, got {seen:?}");
    };
    assert!(
        request.starts_with("/v1.0/me/calendarView?startDateTime="),
        "{request}"
    );
    assert!(request.contains("&endDateTime="), "{request}");
    assert!(
        request.ends_with("&$select=subject,start,end&$orderby=start/dateTime&$top=100"),
        "{request}"
    );

    let output = run(
        example("upcoming_events").unwrap(),
        "http://127.0.0.1:9/v1.0".into(),
        &["--days", "0"],
    )
    .await;
    assert_eq!(
        output.status.code(),
        Some(2),
        "a bad argument is a usage error"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attendance_reports_reads_each_report_and_its_records() {
    let Some(binary) = example("attendance_reports") else {
        return;
    };
    let (base_url, seen) = serve(vec![
        (
            "/v1.0/me/onlineMeetings/m1/attendanceReports",
            r#"{"value":[{"id":"r1","totalParticipantCount":2,
                "meetingStartDateTime":"2026-12-01T10:00:00Z","meetingEndDateTime":"2026-12-01T11:00:00Z"}]}"#,
        ),
        (
            "/v1.0/me/onlineMeetings/m1/attendanceReports/r1/attendanceRecords",
            r##"{"value":[
                {"identity":{"@odata.type":"#microsoft.graph.communicationsUserIdentity","displayName":"Ann"},
                 "role":"Organizer","totalAttendanceInSeconds":3600},
                {"identity":{"displayName":"Bo"},"totalAttendanceInSeconds":1200}]}"##,
        ),
    ])
    .await;
    let output = run(binary, base_url.clone(), &["m1"]).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "report r1: 2 participants, 2026-12-01T10:00:00Z to 2026-12-01T11:00:00Z",
            "  Ann: 3600 s, Organizer",
            "  Bo: 1200 s, attendee",
        ]
    );
    assert_eq!(
        seen.lock().unwrap().as_slice(),
        [
            "/v1.0/me/onlineMeetings/m1/attendanceReports",
            "/v1.0/me/onlineMeetings/m1/attendanceReports/r1/attendanceRecords",
        ]
    );
    // A meeting the service does not know: Graph's error, and a failing exit.
    let output = run(
        example("attendance_reports").unwrap(),
        base_url,
        &["unknown"],
    )
    .await;
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("itemNotFound"));
}
