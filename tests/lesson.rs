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

mod support;

use scaleboard::builtin;
use support::{all, count_is, mount_scenario};

#[wasm_bindgen_test]
async fn a_drill_is_scheduled_once_listed_and_removable() {
    let b = builtin::find("05-cache").expect("built in");
    let el = mount_scenario(b.json).await;
    assert!(
        all(&el, ".schedule li").is_empty(),
        "nothing scheduled in the built-in scenario"
    );
    let drill = all(&el, "article.lesson button.drill");
    assert_eq!(drill.len(), 1);
    drill[0].click();
    count_is(&el, ".schedule li", 2).await;
    let items = all(&el, ".schedule li");
    assert_eq!(items.len(), 2, "the drill's fail and recover are listed");
    let text: Vec<String> = items
        .iter()
        .map(|i| i.text_content().unwrap_or_default())
        .collect();
    assert!(
        text[0].contains("Cache") && text[1].contains("Cache"),
        "{text:?}"
    );
    let again = all(&el, "article.lesson button.drill");
    assert!(
        again[0].has_attribute("disabled"),
        "a scheduled drill cannot be stacked"
    );
    // Remove the recovery: one left, and the drill can be scheduled again.
    all(&el, ".schedule li button.x")[1].click();
    count_is(&el, ".schedule li", 1).await;
    assert!(!all(&el, "article.lesson button.drill")[0].has_attribute("disabled"));
    // Clear all.
    all(&el, ".schedule > button")[0].click();
    count_is(&el, ".schedule li", 0).await;
}
