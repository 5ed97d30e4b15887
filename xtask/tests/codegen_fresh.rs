//! CI fails here when the checked-in generated code does not match `metadata/`.

use graph_codegen::write::WriteMode;
use xtask::{codegen, workspace_root, MODELS_DIR, REGENERATE_COMMAND};

#[test]
fn checked_in_generated_code_is_fresh() {
    let generated = codegen(&workspace_root(), WriteMode::Check)
        .unwrap_or_else(|error| panic!("generation failed: {error}"));
    let stale: Vec<String> = generated
        .report
        .stale()
        .map(|path| format!("{MODELS_DIR}/{}", path.display()))
        .collect();
    assert!(
        stale.is_empty(),
        "stale generated files (run `{REGENERATE_COMMAND}`): {stale:?}"
    );
    assert!(
        generated
            .report
            .unchanged
            .iter()
            .any(|path| path.as_os_str() == "mod.rs"),
        "no generated mod.rs under {MODELS_DIR}"
    );
}
