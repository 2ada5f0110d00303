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
use support::{
    all, appears, clock_s, count, count_is, dock_button, metric, mount_scenario, one, step_to,
    text_of,
};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

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

/// Workshop rehearsal, item 1: a drill used to be scheduled "from now" (13 s when asked at 3 s)
/// and leaked into the next step, which then showed the previous step's spike as its own.
#[wasm_bindgen_test]
async fn a_drill_runs_at_the_lessons_times_and_stays_with_its_step() {
    let b = builtin::find("01-single-server").expect("built in");
    let el = mount_scenario(b.json).await;
    // Some seconds into a run first: the drill still starts from zero, at the lesson's times.
    step_to(&el, 3.0).await;
    all(&el, "article.lesson button.drill")[0].click();
    count_is(&el, ".schedule li", 1).await;
    let at = text_of(&el, ".schedule li .at");
    assert_eq!(at, "10 s", "the spike is where the lesson says it is");
    assert!(
        clock_s(&el) < 3.0,
        "the drill runs from zero, not from where the run was: {}",
        clock_s(&el)
    );
    dock_button(&el, "Pause").click();
    // Next step: a clean run of step 2, its own faults only (none), clock at zero.
    one(&el, "article.lesson button.next")
        .dyn_into::<HtmlElement>()
        .expect("a button")
        .click();
    appears(&el, "article.lesson[data-lesson=\"02-web-and-db\"]").await;
    assert_eq!(clock_s(&el), 0.0, "the new step starts at zero");
    // Past where step 1's spike would be (10 s to 30 s): nothing of it reaches step 2.
    step_to(&el, 12.0).await;
    assert_eq!(
        count(&el, ".schedule li"),
        0,
        "nothing of step 1's drill is scheduled in step 2: {}",
        text_of(&el, ".schedule")
    );
    assert!(
        metric(&el, "failed-rps").starts_with('0'),
        "and nothing fails: {}",
        metric(&el, "failed-rps")
    );
}

/// Words a learner understands: the lesson's terms are marked, focusable and described by their
/// definition; the panel names its source as the notes, never as "the seed".
#[wasm_bindgen_test]
async fn a_lessons_terms_carry_their_definitions() {
    let b = builtin::find("05-cache").expect("built in");
    let el = mount_scenario(b.json).await;
    let lesson = appears(&el, "article.lesson").await;
    let text = lesson.text_content().unwrap_or_default();
    // Paragraph by paragraph: the text content runs headings into words ("should see" +
    // "Database").
    for p in all(&lesson, "p") {
        let para = p.text_content().unwrap_or_default();
        let says_seed = para
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("seed"));
        assert!(!says_seed, "{para}");
    }
    assert!(text.contains("In the notes:"), "{text}");
    let terms = all(&el, "article.lesson .term");
    assert!(
        terms.len() >= 3,
        "terms are marked in the lesson: {}",
        terms.len()
    );
    for t in &terms {
        assert_eq!(
            t.get_attribute("tabindex").as_deref(),
            Some("0"),
            "keyboard reachable"
        );
        let def = t.get_attribute("aria-description").unwrap_or_default();
        assert!(def.len() > 20, "described for screen readers: {def:?}");
        assert_eq!(t.get_attribute("data-def").as_deref(), Some(def.as_str()));
    }
    let ids: Vec<String> = terms
        .iter()
        .filter_map(|t| t.get_attribute("data-term"))
        .collect();
    assert!(
        ids.contains(&"hit-ratio".to_string()) || ids.contains(&"cache-aside".to_string()),
        "{ids:?}"
    );
    // The headline tiles name their terms too, once the run has figures.
    step_to(&el, 1.0).await;
    let p50 = appears(&el, ".numbers dl.headline .term[data-term=percentiles]").await;
    assert_eq!(
        p50.text_content().as_deref(),
        Some("p50"),
        "the tile's label stays its label"
    );
}
