//! Generates the models of two Graph types (and everything they reach) into `$OUT_DIR/graph`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let metadata = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../metadata/onlineMeeting.csdl.xml"
    );
    let generated = graph_codegen::Builder::new()
        .metadata(metadata)
        .root("microsoft.graph.chatInfo")
        .root("microsoft.graph.meetingParticipants")
        .generate()?;
    for warning in &generated.warnings {
        println!("cargo:warning={warning}");
    }
    Ok(())
}
