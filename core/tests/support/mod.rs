//! Shared by the integration tests and benches: the OnlineMeeting mirror, its plain serde
//! twin, and the example loader.
pub mod examples;
pub mod online_meeting;
pub mod plain_online_meeting;
