//! Helpers shared by the integration tests: build scenarios in code, run them, and the
//! closed forms of queueing theory they are checked against.
#![allow(dead_code)]

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

/// Erlang C: probability that an arrival waits in M/M/c with offered load `a = lambda/mu`.
pub fn erlang_c(c: u32, a: f64) -> f64 {
    let rho = a / f64::from(c);
    let mut term = 1.0; // a^k / k!
    let mut sum = 0.0;
    for k in 0..c {
        sum += term;
        term *= a / f64::from(k + 1);
    }
    let top = term / (1.0 - rho);
    top / (sum + top)
}

/// M/M/c mean response time [ms] for arrival rate `lambda` [1/ms] and mean service `s` [ms].
pub fn mmc_mean(c: u32, lambda: f64, s: f64) -> f64 {
    let mu = 1.0 / s;
    s + erlang_c(c, lambda / mu) / (f64::from(c) * mu - lambda)
}

/// M/M/c response-time quantile [ms]: service Exp(mu) plus a wait that is 0 with probability
/// 1 - C and Exp(c mu - lambda) otherwise.
pub fn mmc_quantile(c: u32, lambda: f64, s: f64, q: f64) -> f64 {
    let mu = 1.0 / s;
    let pw = erlang_c(c, lambda / mu);
    let a = f64::from(c) * mu - lambda;
    let tail = |t: f64| {
        let conv = (a * (-mu * t).exp() - mu * (-a * t).exp()) / (a - mu);
        (1.0 - pw) * (-mu * t).exp() + pw * conv
    };
    let (mut lo, mut hi) = (0.0, 1e6);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if tail(mid) > 1.0 - q {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

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
