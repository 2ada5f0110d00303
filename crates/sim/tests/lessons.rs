//! The lessons file (static/lessons.json): every built-in scenario has one lesson, complete in
//! English and Korean, and every drill is a valid fault list for its scenario.

use scaleboard_sim::journey::{self, check_drill, Lang};
use scaleboard_sim::{load, Scenario};
use std::path::Path;

fn scenario(stem: &str) -> Scenario {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../static/scenarios")
        .join(format!("{stem}.json"));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|_| panic!("no scenario {stem}"));
    load(&text).unwrap_or_else(|d| panic!("{stem}: {d:?}"))
}

fn stems() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/scenarios");
    let mut v: Vec<String> = std::fs::read_dir(root)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().to_string()))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn every_scenario_has_one_lesson_in_journey_order() {
    let j = journey::journey().unwrap_or_else(|d| panic!("lessons.json: {d:?}"));
    let lessons: Vec<&str> = j.lessons.iter().map(|l| l.scenario.as_str()).collect();
    assert_eq!(
        lessons,
        stems(),
        "one lesson per scenario, in file (journey) order"
    );
}

#[test]
fn every_lesson_is_written_in_english_and_korean() {
    let j = journey::journey().unwrap_or_else(|d| panic!("lessons.json: {d:?}"));
    let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    for l in &j.lessons {
        let (en, ko) = (l.text(Lang::En), l.text(Lang::Ko));
        for (what, e, k) in [
            ("title", &en.title, &ko.title),
            ("changed", &en.changed, &ko.changed),
            ("why", &en.why, &ko.why),
            ("drill", &en.drill, &ko.drill),
            ("expect", &en.expect, &ko.expect),
        ] {
            assert!(!hangul(e), "{}: en.{what} has Korean in it", l.scenario);
            // Titles like "CDN" may stay as they are; sentences must be Korean.
            if what != "title" {
                assert!(hangul(k), "{}: ko.{what} is not Korean", l.scenario);
            }
            assert!(
                what == "title" || (e.ends_with('.') && k.ends_with('.')),
                "{}: {what} must be full sentences",
                l.scenario
            );
        }
        assert!(!en.notes.is_empty() && !ko.notes.is_empty());
    }
}

#[test]
fn every_drill_is_valid_in_its_scenario_and_scheduled_in_order() {
    let j = journey::journey().unwrap_or_else(|d| panic!("lessons.json: {d:?}"));
    for l in &j.lessons {
        let s = scenario(&l.scenario);
        assert!(!l.drill.is_empty(), "{}: a lesson has a drill", l.scenario);
        let problems = check_drill(&s, &l.drill);
        assert!(problems.is_empty(), "{}: {problems:?}", l.scenario);
        assert!(
            l.drill.windows(2).all(|w| w[0].at_s <= w[1].at_s),
            "{}: drill out of time order",
            l.scenario
        );
        // The drill compiles into the scenario and runs.
        let mut sim = scaleboard_sim::compile(&journey::with_drill(&s, &l.drill))
            .unwrap_or_else(|d| panic!("{}: {d:?}", l.scenario));
        sim.run_until(100.0);
    }
}

#[test]
fn a_drill_naming_an_unknown_node_is_reported_with_its_path() {
    let s = scenario("05-cache");
    let mut drill = journey::journey()
        .expect("lessons")
        .lesson("05-cache")
        .expect("lesson 5")
        .drill
        .clone();
    drill[1].node = Some("cahce".into());
    let text: Vec<String> = check_drill(&s, &drill)
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(text, vec!["drill[1].node: no node \"cahce\"".to_string()]);
}

#[test]
fn a_broken_lessons_file_is_reported_not_panicked() {
    let missing_ko = journey::LESSONS_JSON.replacen("\"ko\": {", "\"kr\": {", 1);
    assert!(journey::parse(&missing_ko).is_err());
    let empty = journey::LESSONS_JSON.replacen("\"title\": \"One server\"", "\"title\": \" \"", 1);
    let d = journey::parse(&empty).expect_err("empty title");
    assert_eq!(
        d[0].to_string(),
        "lessons[01-single-server].en.title: must not be empty"
    );
}

#[test]
fn a_drill_starts_when_the_user_clicks() {
    let j = journey::journey().expect("lessons");
    let l = j.lesson("05-cache").expect("lesson 5");
    let at: Vec<f64> = l.drill_from(100.0).iter().map(|f| f.at_s).collect();
    assert_eq!(at, vec![120.0, 150.0]);
    assert_eq!(Lang::from_tag("ko-KR"), Lang::Ko);
    assert_eq!(Lang::from_tag("en-GB"), Lang::En);
}

#[test]
fn the_scale_up_lesson_resizes_a_real_node_and_its_drill_is_valid() {
    let j = journey::journey().expect("lessons");
    let up = &j.scale_up;
    let s = scenario(&up.scenario);
    let big = up.apply(&s).expect("the node exists");
    assert_eq!(big.node(&up.node).and_then(|n| n.size), Some(up.size));
    assert!(load(&big.to_json()).is_ok(), "the resized scenario loads");
    assert!(check_drill(&big, &up.drill).is_empty());
    for lang in Lang::ALL {
        assert!(!up.text(*lang).expect.is_empty());
    }
}
