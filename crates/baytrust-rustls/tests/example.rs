//! The README's example (`examples/mutual_tls.rs`) runs as part of the test suite.

#[path = "../examples/mutual_tls.rs"]
mod example;

#[test]
fn the_mutual_tls_example_runs_to_completion() {
    example::main().unwrap();
}
