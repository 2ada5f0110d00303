//! The journey's numbering in the browser build: the seed's eleven steps, then two on keeping
//! such a system serving when parts fail; the comparisons shown as "7b" and "12b" rather than as
//! steps of their own.
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
    assert_eq!(step_label("12b-retry-budget"), "12b");
    let j = the_journey().expect("the compiled-in lessons parse");
    let all = steps(&j);
    assert_eq!(
        all.first().map(|l| l.scenario.as_str()),
        Some("01-single-server")
    );
    assert_eq!(
        all.last().map(|l| l.scenario.as_str()),
        Some("13-rate-limit")
    );
    assert_eq!(
        step_count(&all),
        13,
        "the seed's eleven steps and two on resilience, variants not counted"
    );
}

mod support;

use scaleboard::builtin;
use support::{
    all, appears, clock_s, count, count_is, dock_button, metric, mount_scenario, one, step_to,
    text_of,
};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// "Run the drill" asks for a prediction first: skip it, the drill runs as the button did alone.
async fn skip_prediction(el: &Element) {
    appears(el, "article.lesson .predict button.skip")
        .await
        .dyn_into::<HtmlElement>()
        .expect("a button")
        .click();
}

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
    skip_prediction(&el).await;
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
    skip_prediction(&el).await;
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

/// Predict, then run: "Run the drill" asks first; a choice schedules the drill as the button
/// used to, and the prediction is shown beside the measured outcome once the drill is over.
#[wasm_bindgen_test]
async fn a_drill_asks_for_a_prediction_and_tells_it_beside_the_outcome() {
    let b = builtin::find("01-single-server").expect("built in");
    let el = mount_scenario(b.json).await;
    all(&el, "article.lesson button.drill")[0].click();
    appears(&el, "article.lesson .predict button.choice").await;
    let choices = all(&el, "article.lesson .predict button.choice");
    assert_eq!(choices.len(), 3, "the lesson's three choices");
    assert_eq!(
        count(&el, ".schedule li"),
        0,
        "nothing runs before a choice"
    );
    // "It falls below 50 %", what the spike does to one server.
    choices[0].click();
    count_is(&el, ".schedule li", 1).await;
    assert_eq!(
        count(&el, "article.lesson .predict"),
        0,
        "the question is put away"
    );
    let watching = appears(&el, ".predict-result[data-state=watching]").await;
    assert!(
        watching.text_content().unwrap_or_default().contains("40 s"),
        "says when it will tell: {}",
        watching.text_content().unwrap_or_default()
    );
    // The spike ends at 30 s; the outcome is told at 40 s of simulated time.
    step_to(&el, 41.0).await;
    let told = appears(&el, ".predict-result[data-state=matched]").await;
    let text = told.text_content().unwrap_or_default();
    assert!(
        text.contains("What happened:") && text.contains("good fell to 0 %"),
        "{text}"
    );
}

#[wasm_bindgen_test]
fn measured_figures_read_with_their_units() {
    use scaleboard::i18n::{EN, KO};
    use scaleboard::lesson::predict::{fmt_count, fmt_pct, measured};
    use scaleboard_sim::predict::Figure;
    assert_eq!(fmt_pct(95.8), "95.8 %");
    assert_eq!(fmt_pct(82.0), "82 %");
    assert_eq!(fmt_count(18573.0), "18,573");
    assert_eq!(
        measured(Figure::WorstP99Ms, 9699.3, &EN),
        "p99 peaked at 9.70 s"
    );
    assert_eq!(measured(Figure::WorstP99Ms, 9699.3, &KO), "p99 최고 9.70초");
    assert_eq!(
        measured(Figure::SessionsLost, 18573.0, &KO),
        "로그아웃된 사용자 18,573명"
    );
}
