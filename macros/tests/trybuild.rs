//! Misuse of `#[derive(Validate)]` attributes is a compile error spanned on the offending token
//! (one UI test per error, named after it); correct use compiles.

#[test]
fn validate_attribute_misuse() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/validate-ok.rs");
    cases.compile_fail("tests/ui/validate-*-error.rs");
}
