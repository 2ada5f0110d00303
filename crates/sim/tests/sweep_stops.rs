//! Where "find the limit" must stop: below a saturated node (whose p99 a finite run cannot
//! measure) and as soon as no rate can meet the objective. Fixed seeds: the same numbers on
//! every run.

mod common;
use common::*;
use scaleboard_sim::sweep::{lengths, sweep, Spec, Status, SATURATION_CAP};
use scaleboard_sim::*;

fn example(name: &str) -> Scenario {
    let path = format!(
        "{}/../../static/scenarios/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    load(&text).unwrap_or_else(|d| panic!("{path}: {d:?}"))
}

fn swept(s: &Scenario, p99_ms: f64) -> Status {
    let spec = Spec {
        p99_ms: Some(p99_ms),
        seed: Some(1),
        ..Spec::default()
    };
    sweep(s, &spec).unwrap_or_else(|e| panic!("the sweep did not run: {e}"))
}

/// The users' rate [requests/s] at which a node of `kind` is fully busy: its workers over its
/// mean service time, all nodes of the kind together, over the share of requests reaching it.
fn capacity(s: &Scenario, kind: Kind, share: f64) -> f64 {
    let served: f64 = s
        .nodes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| {
            let workers = f64::from(n.workers.unwrap_or(0));
            let mean_ms = n.service.as_ref().map_or(f64::INFINITY, |sv| sv.mean_ms);
            workers * 1000.0 / mean_ms
        })
        .sum();
    served / share
}

#[test]
fn max_rate_stays_below_the_capacity_of_the_node_that_saturates() {
    let s = example("03-load-balancer.json");
    let mix = s.nodes[0].mix.unwrap_or_default();
    let total = mix.static_asset + mix.read + mix.write + mix.job;
    // Two web servers of 16 workers at 10 ms serve 3,200 requests/s, every request; the
    // database's 48 connections at 20 ms serve 2,400/s of the reads and writes (80 %): 3,000.
    let web = capacity(&s, Kind::WebServer, 1.0);
    let db = capacity(&s, Kind::Database, (mix.read + mix.write) / total);
    let cap = web.min(db);
    assert!((cap - 3_000.0).abs() < 1e-6, "capacity {cap} requests/s");
    // A loose objective (2 s, ten times the flat part's 184 ms): only saturation limits it.
    let st = swept(&s, 2_000.0);
    let max = st.max_rate_rps.unwrap_or(0.0);
    assert!(
        max < SATURATION_CAP * cap && max > 0.9 * cap,
        "max_rate {max} requests/s, capacity {cap}"
    );
    let at = st
        .at_max()
        .unwrap_or_else(|| panic!("no point at max_rate"));
    assert!(at.keeps_up && !at.saturated && at.busiest_utilization < SATURATION_CAP);
    // Just above it the design still keeps up, and misses as saturated.
    let above = st
        .curve
        .iter()
        .find(|p| p.offered_rps > max)
        .unwrap_or_else(|| panic!("no point above max_rate"));
    assert!(
        above.keeps_up && above.saturated && !above.meets,
        "{above:?}"
    );
    assert_eq!(st.saturates_first.map(|n| n.id), Some("db".to_string()));
}

#[test]
fn an_objective_below_the_latency_without_load_stops_at_once_and_says_why() {
    // The network alone takes over 80 ms: no rate meets p99 <= 20 ms.
    let st = swept(&example("03-load-balancer.json"), 20.0);
    assert!(st.done && st.max_rate_rps.is_none());
    // Today's 1,920 requests/s, then 960: halving did not lower the p99.
    assert_eq!(st.curve.len(), 2, "{:?}", st.curve);
    let problem = st.problem.unwrap_or_default();
    assert!(
        problem.starts_with("no rate meets p99 <= 20 ms: even at 960.0 requests/s the p99 is ")
            && problem.contains("the design's latency without load (network and service)"),
        "{problem}"
    );
    assert!(
        st.saturates_first.is_none(),
        "nothing saturates at 32 % busy"
    );
}

#[test]
fn errors_that_happen_at_any_load_stop_the_sweep_and_say_why() {
    // Users give up after 5 ms on a server that takes 10 ms for every request: every attempt
    // times out, at any rate. The p99 objective (10 s) holds; the errors never can.
    let mut u = users("u", 20.0, reads());
    u.timeout_ms = Some(5.0);
    let s = scenario(
        vec![u, server("web", Kind::WebServer, 4, Dist::Constant, 10.0)],
        vec![wire("u", "web")],
    );
    let st = swept(&s, 10_000.0);
    assert!(st.done && st.max_rate_rps.is_none());
    assert_eq!(st.curve.len(), 2, "{:?}", st.curve);
    let problem = st.problem.unwrap_or_default();
    assert!(
        problem.starts_with("no rate meets errors <= 0.1 %: even at 10.0 requests/s 100.00 %")
            && problem.contains("failures that happen at any load"),
        "{problem}"
    );
}

#[test]
fn a_failing_rate_that_halving_helps_is_halved_on() {
    // 03's database saturates at 3,000 requests/s; at 4 x today (7,680) p99 is seconds, and
    // halving lowers it: the sweep goes on down to the limit instead of stopping.
    let mut s = example("03-load-balancer.json");
    s.nodes[0].rate_rps = Some(7_680.0);
    let st = swept(&s, 2_000.0);
    assert!(st.problem.is_none(), "{:?}", st.problem);
    let max = st.max_rate_rps.unwrap_or(0.0);
    assert!(max > 2_700.0 && max < 3_000.0, "max_rate {max}");
}

#[test]
fn a_point_measures_enough_requests_or_its_time_cap_whichever_first() {
    for rate in [0.01, 0.5, 5.0, 50.0, 1_000.0] {
        let (_, measure_s) = lengths(rate);
        assert!(measure_s <= 2_000.0, "{rate}/s: {measure_s} s");
        let want = (100_000.0_f64).min(rate * 2_000.0);
        assert!(
            rate * measure_s >= want * 0.999_999,
            "{rate}/s: {measure_s} s"
        );
    }
}
