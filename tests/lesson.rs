//! The journey's numbering in the browser build: eleven steps as the seed has them, the
//! stateful comparison shown as "7b" rather than as a twelfth step.
#![cfg(target_arch = "wasm32")]

use scaleboard::lesson::{step_count, step_label, steps, the_journey};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn steps_are_numbered_from_their_scenario_names() {
    assert_eq!(step_label("01-single-server"), "1");
    assert_eq!(step_label("05-cache"), "5");
    assert_eq!(step_label("07b-stateful"), "7b");
    assert_eq!(step_label("11-millions"), "11");
    let j = the_journey().expect("the compiled-in lessons parse");
    let all = steps(&j);
    assert_eq!(
        all.first().map(|l| l.scenario.as_str()),
        Some("01-single-server")
    );
    assert_eq!(all.last().map(|l| l.scenario.as_str()), Some("11-millions"));
    assert_eq!(
        step_count(&all),
        11,
        "the seed's eleven steps, variants not counted"
    );
}
