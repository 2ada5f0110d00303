//! The same scenario and seed give bit-identical results natively and in the browser: the
//! model crate's native test checks its digest against the golden file, and this test, compiled
//! to wasm32 and run in headless Chromium, checks the very same file.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const GOLDEN: &str = include_str!("../crates/sim/tests/golden/determinism.txt");

#[wasm_bindgen_test]
fn the_browser_simulation_matches_the_native_golden_digest() {
    let expected: u64 = GOLDEN
        .trim()
        .parse()
        .expect("the golden file holds one unsigned integer");
    let got = scaleboard_sim::determinism_digest();
    assert_ne!(got, 0, "the determinism fixture must load and compile");
    assert_eq!(
        got, expected,
        "wasm digest differs from the native golden digest"
    );
}
