//! Helpers shared by the integration tests: build scenarios in code, run them, and the
//! closed forms of queueing theory they are checked against.
#![allow(dead_code)]

pub mod lessons;

use scaleboard_sim::*;

/// A users node sending `rate` requests/s of one class, with a long timeout so queueing
/// tests are not cut short.
pub fn users(id: &str, rate: f64, mix: Mix) -> Node {
    Node {
        rate_rps: Some(rate),
        mix: Some(mix),
        timeout_ms: Some(600_000.0),
        ..Node::new(id, Kind::Users, 0.0, 0.0)
    }
}

pub fn reads() -> Mix {
    Mix {
        static_asset: 0.0,
        read: 1.0,
        write: 0.0,
        job: 0.0,
    }
}
pub fn writes() -> Mix {
    Mix {
        static_asset: 0.0,
        read: 0.0,
        write: 1.0,
        job: 0.0,
    }
}
pub fn jobs() -> Mix {
    Mix {
        static_asset: 0.0,
        read: 0.0,
        write: 0.0,
        job: 1.0,
    }
}

/// A node of `kind` with `workers` and a service time.
pub fn server(id: &str, kind: Kind, workers: u32, dist: Dist, mean_ms: f64) -> Node {
    Node {
        workers: Some(workers),
        service: Some(Service {
            dist,
            mean_ms,
            cv: None,
        }),
        queue_capacity: Some(1_000_000),
        ..Node::new(id, kind, 0.0, 0.0)
    }
}

/// A zero-latency wire.
pub fn wire(from: &str, to: &str) -> Wire {
    Wire {
        from: from.into(),
        to: to.into(),
        latency_ms: Some(0.0),
        ..Wire::default()
    }
}

pub fn scenario(nodes: Vec<Node>, wires: Vec<Wire>) -> Scenario {
    Scenario {
        version: CURRENT_VERSION,
        name: "test".into(),
        description: String::new(),
        seed: 1,
        nodes,
        wires,
        data_centers: Vec::new(),
        faults: Vec::new(),
        network: Network::default(),
        window_ms: 1000.0,
    }
}

pub fn fault(at_s: f64, action: Action, node: &str) -> Fault {
    Fault {
        at_s,
        action,
        node: Some(node.into()),
        dc: None,
        factor: None,
        rate_rps: None,
        duration_s: None,
        from: None,
        to: None,
        delay_ms: None,
    }
}

pub fn sim(s: &Scenario) -> Sim {
    match compile(s) {
        Ok(sim) => sim,
        Err(d) => panic!("scenario does not compile: {d:?}"),
    }
}

/// Run `s` for `warmup_s`, reset the metrics, run `measure_s` more.
pub fn measure(s: &Scenario, warmup_s: f64, measure_s: f64) -> Snapshot {
    let mut sim = sim(s);
    sim.run_until(warmup_s * 1000.0);
    sim.reset_metrics();
    sim.run_until((warmup_s + measure_s) * 1000.0);
    sim.snapshot()
}

pub fn node<'a>(snap: &'a Snapshot, id: &str) -> &'a NodeSnapshot {
    snap.nodes
        .iter()
        .find(|n| n.id == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

// The closed forms of queueing theory live in the model (`theory`), which the app and the CLI
// show beside a run; the tests check the engine against the same functions.
#[allow(unused_imports)]
pub use scaleboard_sim::theory::{
    erlang_c, mmc_response_mean_ms as mmc_mean, mmc_response_quantile_ms as mmc_quantile,
};

/// `actual` within `tol` (relative) of `expected`.
pub fn assert_close(what: &str, actual: f64, expected: f64, tol: f64) {
    let err = (actual - expected).abs() / expected.abs();
    assert!(
        err <= tol,
        "{what}: got {actual:.4}, expected {expected:.4} (error {:.2} % > {:.2} %)",
        err * 100.0,
        tol * 100.0
    );
}
