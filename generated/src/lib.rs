//! Typed Microsoft Graph `onlineMeeting` models and endpoints.
#![forbid(unsafe_code)]
