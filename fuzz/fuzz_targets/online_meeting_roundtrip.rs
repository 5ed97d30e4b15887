//! `OnlineMeeting` (generated) from any JSON: reading never panics, and reading what was
//! written gives the same value.
#![no_main]

use graph_core::json;
use graph_online_meetings::OnlineMeeting;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(meeting) = json::from_slice::<OnlineMeeting>(data) else {
        return;
    };
    let written = json::to_vec(&meeting);
    let again = match json::from_slice::<OnlineMeeting>(&written) {
        Ok(again) => again,
        Err(error) => panic!(
            "written JSON does not read back: {error}\n{}",
            String::from_utf8_lossy(&written)
        ),
    };
    // A NaN is never equal to itself, so values are compared through their written form
    // when they differ: both must write the same bytes.
    if again != meeting {
        assert_eq!(
            String::from_utf8_lossy(&json::to_vec(&again)),
            String::from_utf8_lossy(&written),
            "reading what was written changed the value"
        );
    }
});
