//! The built-in scenarios and their lessons, run as "Run the drill" runs them, and the window
//! arithmetic the lessons' claim tests (journey.rs, journey_resilience.rs) share.

use scaleboard_sim::journey::{self, Lesson};
use scaleboard_sim::*;
use std::path::Path;

pub fn builtin(stem: &str) -> Scenario {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../static/scenarios")
        .join(format!("{stem}.json"));
    let text = std::fs::read_to_string(p).unwrap_or_else(|_| panic!("no scenario {stem}"));
    load(&text).unwrap_or_else(|d| panic!("{stem}: {d:?}"))
}

pub fn lesson(stem: &str) -> Lesson {
    journey::journey()
        .expect("lessons.json")
        .lesson(stem)
        .cloned()
        .unwrap_or_else(|| panic!("no lesson for {stem}"))
}

pub fn compiled(s: &Scenario) -> Sim {
    compile(s).unwrap_or_else(|d| panic!("does not compile: {d:?}"))
}

/// The scenario with its lesson's drill, run to `until_s`.
pub fn drilled(stem: &str, until_s: f64) -> (Scenario, Sim) {
    let s = journey::with_drill(&builtin(stem), &lesson(stem).drill);
    let mut sim = compiled(&s);
    sim.run_until(until_s * 1000.0);
    (s, sim)
}

pub fn idx(s: &Scenario, id: &str) -> usize {
    s.nodes
        .iter()
        .position(|n| n.id == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

/// The closed windows starting in [from_s, to_s).
pub fn windows(sim: &Sim, from_s: f64, to_s: f64) -> Vec<&Window> {
    sim.series()
        .filter(|w| w.start_ms >= from_s * 1000.0 && w.start_ms < to_s * 1000.0)
        .collect()
}

pub fn sum(sim: &Sim, from_s: f64, to_s: f64, f: impl Fn(&Window) -> f64) -> f64 {
    windows(sim, from_s, to_s).into_iter().map(f).sum()
}

/// Mean of `f` over the windows in [from_s, to_s).
pub fn mean(sim: &Sim, from_s: f64, to_s: f64, f: impl Fn(&Window) -> f64) -> f64 {
    let w = windows(sim, from_s, to_s);
    assert!(!w.is_empty(), "no windows in [{from_s}, {to_s})");
    w.iter().map(|w| f(w)).sum::<f64>() / w.len() as f64
}

pub fn errors(w: &Window) -> f64 {
    w.counts.errors() as f64
}

/// The worst window's p99 of all requests (failed ones at the moment they failed), the figure
/// the interface headlines: the lessons' "p99" is this one.
pub fn worst_p99(sim: &Sim, from_s: f64, to_s: f64) -> f64 {
    windows(sim, from_s, to_s)
        .iter()
        .map(|w| w.latency_all.p99)
        .fold(0.0, f64::max)
}

/// Requests/s of one class that users node `id` sends.
pub fn class_rate(s: &Scenario, id: &str, class: usize) -> f64 {
    let p = Params::of(s.node(id).expect("users node"));
    let m = p.mix;
    let w = [m.static_asset, m.read, m.write, m.job];
    p.rate_rps * w[class] / w.iter().sum::<f64>()
}
