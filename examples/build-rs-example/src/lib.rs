//! Models generated at build time by `build.rs`; mount the tree wherever you like.
#![forbid(unsafe_code)]

/// `microsoft.graph.chatInfo`, `microsoft.graph.meetingParticipants` and the types they reach.
pub mod graph {
    include!(concat!(env!("OUT_DIR"), "/graph/mod.rs"));
}
