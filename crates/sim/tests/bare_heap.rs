//! The benchmark baseline (`examples/baseline/bare_heap.rs`) is a real simulation of the reference
//! network: its mean response time agrees with queueing theory and with the engine's, so the
//! "engine / bare heap" ratio in docs/benchmarks.md compares equal work.

mod common;
use common::*;

#[path = "../examples/baseline/bare_heap.rs"]
#[allow(dead_code)]
mod bare_heap;

/// toolchain.md's value for the round-robin reference network [ms] (each web server sees
/// Erlang-4 gaps, so less than M/M/8's wait), the one `queueing.rs` checks the engine against.
const REFERENCE_MEAN_MS: f64 = 16.55;

#[test]
fn the_bare_heap_baseline_agrees_with_queueing_theory_and_the_engine() {
    let bare = bare_heap::run(600.0, 7);
    let theory = REFERENCE_MEAN_MS;
    // 1.3 million requests: 1.5 %, the tolerance `queueing.rs` gives the engine.
    assert!(bare.requests > 1_300_000, "{}", bare.requests);
    assert_close("bare heap mean [ms]", bare.mean_ms, theory, 0.015);
    let s = scaleboard_sim::load(include_str!("fixtures/reference-round-robin.json"))
        .expect("the reference network loads");
    let engine = measure(&s, 0.0, 600.0);
    assert_close("engine mean [ms]", engine.latency.mean, theory, 0.015);
    // Requests and events per request are of the same order: the same work, simulated.
    let per = bare.events as f64 / bare.requests as f64;
    assert!(
        (2.0..4.0).contains(&per),
        "bare heap events per request: {per}"
    );
}
