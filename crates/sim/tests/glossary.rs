//! Words a learner understands: every term the interface and the lessons use is defined in both
//! languages, and the source of the journey is named as what it is (study notes), never as "the
//! seed", a word the run dock's random-seed control already uses.

use scaleboard_sim::glossary::{find, glossary, Glossary};
use scaleboard_sim::journey::{journey, Lang};

/// The terms the interface and the lessons use, each of which must be in the glossary.
const REQUIRED: &[&str] = &[
    "percentiles",
    "good",
    "utilisation",
    "queue",
    "worker",
    "throughput",
    "timeout",
    "retry",
    "retry-storm",
    "metastable-failure",
    "retry-budget",
    "jitter",
    "circuit-breaker",
    "ttl",
    "geo-dns",
    "replica-lag",
    "failover",
    "hit-ratio",
    "cache-aside",
    "cdn",
    "shard",
    "celebrity",
    "zipf",
    "stateless",
    "sticky-session",
    "autoscaler",
    "message-queue",
    "littles-law",
    "erlang-c",
    "allen-cunneen",
    "probability-of-waiting",
    "token-bucket",
    "load-shedding",
    "diurnal",
];

fn the_glossary() -> Glossary {
    glossary().unwrap_or_else(|d| panic!("static/glossary.json: {d:?}"))
}

/// Every lesson's text in `lang`, one string a lesson.
fn lesson_texts(lang: Lang) -> Vec<(String, String)> {
    let j = journey().expect("the lessons parse");
    let mut out: Vec<(String, String)> = j
        .lessons
        .iter()
        .map(|l| {
            let t = l.text(lang);
            let all = [&t.title, &t.changed, &t.why, &t.drill, &t.expect];
            (l.scenario.clone(), all.map(|s| s.as_str()).join("\n"))
        })
        .collect();
    let s = j.scale_up.text(lang);
    out.push((
        "scale_up".into(),
        [&s.changed, &s.why, &s.drill, &s.expect]
            .map(|s| s.as_str())
            .join("\n"),
    ));
    out
}

#[test]
fn every_required_term_is_defined_in_both_languages() {
    let g = the_glossary();
    for id in REQUIRED {
        let t = g
            .terms
            .iter()
            .find(|t| t.id == *id)
            .unwrap_or_else(|| panic!("{id} is not in static/glossary.json"));
        for lang in Lang::ALL {
            let x = t.text(*lang);
            assert!(
                !x.term.trim().is_empty() && x.def.trim().len() > 20,
                "{id} in {lang:?}"
            );
        }
    }
}

#[test]
fn a_term_the_english_lessons_use_the_korean_ones_use_too() {
    let g = the_glossary();
    let used = |lang: Lang| -> std::collections::BTreeSet<String> {
        lesson_texts(lang)
            .iter()
            .flat_map(|(_, text)| find(&g, text, lang))
            .map(|f| g.terms[f.term].id.clone())
            .collect()
    };
    let (en, ko) = (used(Lang::En), used(Lang::Ko));
    assert!(
        en.len() >= 15,
        "the lessons use the glossary's terms: {en:?}"
    );
    let missing: Vec<&String> = en.difference(&ko).collect();
    assert!(
        missing.is_empty(),
        "terms the English lessons use that no Korean lesson matches (add the Korean forms): {missing:?}"
    );
}

/// The source of the journey is "the notes"; "seed" is the random-seed control's word alone.
#[test]
fn no_lesson_or_interface_string_says_seed_outside_the_seed_control() {
    let lessons = include_str!("../../../static/lessons.json");
    let lessons: serde_json::Value = serde_json::from_str(lessons).expect("JSON");
    let mut strings = Vec::new();
    collect_strings(&lessons, &mut strings);
    let glossary: serde_json::Value =
        serde_json::from_str(include_str!("../../../static/glossary.json")).expect("JSON");
    collect_strings(&glossary, &mut strings);
    for s in &strings {
        let lower = s.to_lowercase();
        assert!(
            !lower.contains("seed") && !s.contains("시드"),
            "a lesson or glossary text says seed: {s}"
        );
    }
    // The interface's strings, from the English table on: every line but the seed control's own.
    let i18n = include_str!("../../../src/i18n.rs");
    let start = i18n.find("pub const EN: Text").expect("the English table");
    for line in i18n[start..].lines() {
        let line = line.trim();
        let field = line.split(':').next().unwrap_or("");
        if matches!(field, "seed" | "seed_tip" | "bad_seed") || line.starts_with("//") {
            continue;
        }
        let quoted: String = line
            .split('"')
            .skip(1)
            .step_by(2)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            !quoted.to_lowercase().contains("seed") && !quoted.contains("시드"),
            "src/i18n.rs, {field}: {quoted}"
        );
    }
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

/// The interface's own terms (tile and column labels marked with `glossary::term`) name entries
/// that exist: a typo would silently show a label with no definition.
#[test]
fn every_term_the_interface_marks_is_in_the_glossary() {
    let g = the_glossary();
    let sources = [
        include_str!("../../../src/run/numbers.rs"),
        include_str!("../../../src/run/design.rs"),
        include_str!("../../../src/run/theory.rs"),
    ];
    let mut ids = Vec::new();
    for src in sources {
        let mut rest = src;
        while let Some(at) = rest.find("term(") {
            let call = &rest[at + 5..];
            let end = call.find(')').unwrap_or(call.len());
            // The id is the call's last string literal: term("p50", "percentiles", t.lang).
            if let Some(id) = call[..end].split('"').rev().nth(1) {
                if !id.is_empty() && !id.contains(' ') {
                    ids.push(id.to_string());
                }
            }
            rest = &call[end..];
        }
    }
    assert!(ids.len() >= 6, "the tiles and columns are marked: {ids:?}");
    for id in &ids {
        assert!(
            g.terms.iter().any(|t| &t.id == id),
            "{id} is marked in the interface but not in static/glossary.json"
        );
    }
}
