//! The engine against queueing theory. Each test states its tolerance; the runs are long
//! enough (hundreds of thousands of requests) that sampling error is well inside it.

mod common;
use common::*;
use scaleboard_sim::*;

/// One web server with `c` workers fed straight by Poisson users.
fn single_queue(c: u32, dist: Dist, mean_ms: f64, rate: f64) -> Scenario {
    scenario(
        vec![
            users("u", rate, reads()),
            server("web", Kind::WebServer, c, dist, mean_ms),
        ],
        vec![wire("u", "web")],
    )
}

#[test]
fn mmc_matches_erlang_c_mean_and_p99() {
    // c = 4 workers, mean service 10 ms, 320 requests/s: utilisation 0.8.
    let (c, s, rate) = (4, 10.0, 320.0);
    // Four runs of 2,000 s, averaged: one run's p99 strays by 1.4 % (one standard deviation,
    // measured over 12 seeds) and its mean by 1 %, too close to the tolerances for a test to
    // pass on more than the luck of its seed. Averaged, they stray by half that.
    let snaps: Vec<Snapshot> = (1..=4)
        .map(|seed| {
            let mut q = single_queue(c, Dist::Exponential, s, rate);
            q.seed = seed;
            measure(&q, 50.0, 2000.0)
        })
        .collect();
    let avg = |f: &dyn Fn(&Snapshot) -> f64| snaps.iter().map(f).sum::<f64>() / snaps.len() as f64;
    let lambda = rate / 1000.0;
    // Tolerances: mean 2 %, p99 3 % (HdrHistogram adds at most 0.1 %).
    assert_close(
        "M/M/4 mean [ms]",
        avg(&|s| s.latency.mean),
        mmc_mean(c, lambda, s),
        0.02,
    );
    assert_close(
        "M/M/4 p99 [ms]",
        avg(&|s| s.latency.p99),
        mmc_quantile(c, lambda, s, 0.99),
        0.03,
    );
    assert_close(
        "M/M/4 p50 [ms]",
        avg(&|s| s.latency.p50),
        mmc_quantile(c, lambda, s, 0.50),
        0.03,
    );
    assert_close(
        "utilisation",
        avg(&|s| node(s, "web").utilization),
        0.8,
        0.01,
    );
}

#[test]
fn md1_matches_pollaczek_khinchine() {
    // One worker, constant 10 ms, 70 requests/s: rho = 0.7.
    let (d, rate) = (10.0, 70.0);
    let rho = rate * d / 1000.0;
    let expected = d + rho * d / (2.0 * (1.0 - rho));
    let snap = measure(&single_queue(1, Dist::Constant, d, rate), 50.0, 3000.0);
    // Tolerance 2 %.
    assert_close("M/D/1 mean [ms]", snap.latency.mean, expected, 0.02);
}

#[test]
fn littles_law_holds_at_every_node() {
    let s = match load(include_str!("fixtures/reference-round-robin.json")) {
        Ok(s) => s,
        Err(d) => panic!("{d:?}"),
    };
    let snap = measure(&s, 20.0, 300.0);
    for id in ["web-1", "web-2", "web-3", "web-4", "cache", "db"] {
        let n = node(&snap, id);
        // L = lambda W, lambda in requests/ms. Tolerance 1 % (edge effects of the window).
        let lw = n.arrival_rps / 1000.0 * n.mean_sojourn_ms;
        assert_close(&format!("{id}: L vs lambda W"), n.mean_in_system, lw, 0.01);
    }
}

#[test]
fn reference_network_round_robin_matches_16_55_ms() {
    // toolchain.md: 16.55 ms with round robin (each server sees Erlang-4 gaps).
    let s = match load(include_str!("fixtures/reference-round-robin.json")) {
        Ok(s) => s,
        Err(d) => panic!("{d:?}"),
    };
    let snap = measure(&s, 20.0, 600.0);
    // Tolerance 1.5 %.
    assert_close(
        "reference mean, round robin [ms]",
        snap.latency.mean,
        16.55,
        0.015,
    );
    assert_close(
        "web utilisation",
        node(&snap, "web-1").utilization,
        0.7,
        0.02,
    );
    assert_close("db utilisation", node(&snap, "db").utilization, 0.7, 0.02);
}

#[test]
fn reference_network_random_matches_erlang_c() {
    let s = match load(include_str!("fixtures/reference-random.json")) {
        Ok(s) => s,
        Err(d) => panic!("{d:?}"),
    };
    let snap = measure(&s, 20.0, 600.0);
    // Random split: each web server is M/M/8 at 560/s; the database M/M/16 at 448/s; the
    // cache a fixed 1 ms; a read goes to the database with probability 0.2.
    let expected = mmc_mean(8, 0.560, 10.0) + 1.0 + 0.2 * mmc_mean(16, 0.448, 25.0);
    assert_close(
        "closed form vs toolchain.md's 17.26 ms",
        expected,
        17.26,
        0.002,
    );
    // Tolerance 1.5 %.
    assert_close(
        "reference mean, random [ms]",
        snap.latency.mean,
        expected,
        0.015,
    );
}

#[test]
fn mg1_with_log_normal_service_matches_pollaczek_khinchine() {
    // One worker, log-normal service with mean 10 ms and cv 1.5, 60 requests/s: rho 0.6.
    // P-K: W = s + lambda E[S^2] / (2 (1 - rho)), with E[S^2] = s^2 (1 + cv^2).
    let (s, cv, rate) = (10.0, 1.5, 60.0);
    let mut sc = single_queue(1, Dist::LogNormal, s, rate);
    if let Some(svc) = sc.nodes[1].service.as_mut() {
        svc.cv = Some(cv);
    }
    let lambda = rate / 1000.0;
    let rho = lambda * s;
    let expected = s + lambda * s * s * (1.0 + cv * cv) / (2.0 * (1.0 - rho));
    let snap = measure(&sc, 50.0, 20_000.0);
    // Tolerance 3 %: a heavy-tailed service converges slowly (1.2 million requests here).
    assert_close("M/G/1 mean [ms]", snap.latency.mean, expected, 0.03);
    assert_close("utilisation", node(&snap, "web").utilization, rho, 0.01);
}
