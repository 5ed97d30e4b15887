//! CI fails here when the checked-in generated code does not match `metadata/`.

use graph_codegen::write::WriteMode;
use xtask::{codegen, workspace_root, REGENERATE_COMMAND};

#[test]
fn checked_in_generated_code_is_fresh() {
    let trees = codegen(&workspace_root(), WriteMode::Check)
        .unwrap_or_else(|error| panic!("generation failed: {error}"));
    assert_eq!(trees.len(), 2, "graph-online-meetings and graph-v1");
    for tree in &trees {
        let stale = tree.stale();
        assert!(
            stale.is_empty(),
            "stale generated files (run `{REGENERATE_COMMAND}`): {stale:?}"
        );
        assert!(
            tree.generated
                .report
                .unchanged
                .iter()
                .any(|path| path.as_os_str() == "mod.rs"),
            "no generated mod.rs under {}",
            tree.dir
        );
    }
}
