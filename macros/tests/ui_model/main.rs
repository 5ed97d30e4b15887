//! Misuse of `#[derive(Model)]`, `#[derive(Enum)]` and `#[derive(Polymorphic)]` is a compile
//! error that points at the offending item (one case per file in `fail/`).

#[test]
fn derive_misuse_is_reported() {
    trybuild::TestCases::new().compile_fail("tests/ui_model/fail/*.rs");
}
