//! Predict, then run: every lesson's prediction is asked about a figure its drill really moves.
//! Each drill runs headless through the engine, as the claim tests (journey.rs) run them, and the
//! choice the model measures from the run's windows must be the one the lesson's `answer` names:
//! the lessons file cannot claim an outcome the engine does not produce.

use scaleboard_sim::journey::{self, Lang};
use scaleboard_sim::predict::{span, Outcome, Prediction};
use scaleboard_sim::*;
use std::path::Path;

fn builtin(stem: &str) -> Scenario {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../static/scenarios")
        .join(format!("{stem}.json"));
    let text = std::fs::read_to_string(p).unwrap_or_else(|_| panic!("no scenario {stem}"));
    load(&text).unwrap_or_else(|d| panic!("{stem}: {d:?}"))
}

/// Runs `drill` in `s` from zero, as "Run the drill" does, until the prediction can be told.
fn outcome(name: &str, s: &Scenario, drill: &[Fault], p: &Prediction) -> Outcome {
    let (_, to_s) = span(drill).unwrap_or_else(|| panic!("{name}: an empty drill"));
    let mut sim = compile(&journey::with_drill(s, drill))
        .unwrap_or_else(|d| panic!("{name}: does not compile: {d:?}"));
    // The last window of the span is still open half a second before its end.
    sim.run_until((to_s - 0.5) * 1000.0);
    assert_eq!(
        p.outcome(drill, sim.series()),
        None,
        "{name}: told before its end"
    );
    sim.run_until((to_s + 1.0) * 1000.0);
    p.outcome(drill, sim.series())
        .unwrap_or_else(|| panic!("{name}: no outcome 1 s after the drill's end"))
}

fn check(name: &str, o: Outcome, p: &Prediction) {
    eprintln!(
        "{name}: {:?} = {:.1} -> choice {} ({})",
        p.figure, o.value, o.choice, p.choices[o.choice].en
    );
    assert_eq!(
        o.choice, p.answer,
        "{name}: the run measures {:?} = {:.1}, which is choice {} ({:?}), not the answer {} ({:?})",
        p.figure, o.value, o.choice, p.choices[o.choice].en, p.answer, p.choices[p.answer].en
    );
}

#[test]
fn every_lessons_answer_is_what_its_drill_measures() {
    let j = journey::journey().unwrap_or_else(|d| panic!("lessons.json: {d:?}"));
    for l in &j.lessons {
        let p = l
            .predict
            .as_ref()
            .unwrap_or_else(|| panic!("{}: a drill without a prediction", l.scenario));
        let o = outcome(&l.scenario, &builtin(&l.scenario), &l.drill, p);
        check(&l.scenario, o, p);
    }
}

#[test]
fn the_scale_up_lessons_answer_is_what_its_drill_measures() {
    let j = journey::journey().expect("lessons");
    let up = &j.scale_up;
    let p = up.predict.as_ref().expect("the scale-up drill asks too");
    let bigger = up.apply(&builtin(&up.scenario)).expect("the node exists");
    check("scale_up", outcome("scale_up", &bigger, &up.drill, p), p);
}

#[test]
fn every_prediction_is_asked_in_english_and_korean() {
    let j = journey::journey().expect("lessons");
    let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    let all = j
        .lessons
        .iter()
        .map(|l| (l.scenario.as_str(), l.predict.as_ref()))
        .chain([("scale_up", j.scale_up.predict.as_ref())]);
    for (name, p) in all {
        let p = p.unwrap_or_else(|| panic!("{name}: no prediction"));
        let (en, ko) = (p.question(Lang::En), p.question(Lang::Ko));
        assert!(!hangul(en) && hangul(ko), "{name}: question languages");
        for c in &p.choices {
            assert!(!hangul(&c.en), "{name}: an English choice in Korean");
            assert!(
                hangul(&c.ko),
                "{name}: a Korean choice not in Korean: {}",
                c.ko
            );
        }
    }
}

#[test]
fn a_lesson_with_a_drill_but_no_prediction_is_reported() {
    let j = journey::journey().expect("lessons");
    let mut broken = j.clone();
    broken.lessons[4].predict = None;
    let json = serde_json::to_string(&broken).expect("serialises");
    let text: Vec<String> = journey::parse(&json)
        .expect_err("missing prediction")
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        text,
        vec![
            "lessons[05-cache].predict: missing: a lesson with a drill asks for a prediction first"
        ]
    );
}
