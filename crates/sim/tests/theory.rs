//! The theory shown beside a run (`theory`): first its formulas against published values,
//! then its predictions against the engine on single-node designs, each within a stated
//! tolerance.

mod common;
use common::*;
use scaleboard_sim::theory::*;
use scaleboard_sim::*;

fn close(what: &str, got: f64, want: f64, tol: f64) {
    assert_close(what, got, want, tol);
}

#[test]
fn erlang_c_matches_published_values() {
    // Erlang C tables (e.g. Kleinrock, Queueing Systems vol. 1, and every call-centre staffing
    // table): 10 agents, 8 erlangs offered: P(wait) = 0.4092.
    close("C(10, 8)", erlang_c(10, 8.0), 0.4092, 0.0005);
    // M/M/1: P(wait) = ρ. M/M/2: P(wait) = 2ρ² / (1 + ρ) (Kleinrock, §3.5).
    close("C(1, 0.7)", erlang_c(1, 0.7), 0.7, 1e-12);
    for rho in [0.1, 0.5, 0.8, 0.95] {
        close(
            "C(2, 2ρ)",
            erlang_c(2, 2.0 * rho),
            2.0 * rho * rho / (1.0 + rho),
            1e-12,
        );
    }
    // Saturated or idle.
    assert_eq!(erlang_c(4, 4.0), 1.0);
    assert_eq!(erlang_c(4, 0.0), 0.0);
}

/// Erlang C the textbook way, in logarithms so it does not overflow: an independent check.
fn erlang_c_log_space(c: u32, a: f64) -> f64 {
    let ln_term = |k: u32| f64::from(k) * a.ln() - (1..=k).map(|i| f64::from(i).ln()).sum::<f64>();
    let top = ln_term(c) - (1.0 - a / f64::from(c)).ln();
    let terms: Vec<f64> = (0..c).map(ln_term).chain([top]).collect();
    let max = terms.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let ln_sum = max + terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln();
    (top - ln_sum).exp()
}

#[test]
fn erlang_c_is_stable_for_a_thousand_workers_and_near_saturation() {
    for (c, a) in [(1000, 980.0), (1000, 999.9), (2000, 1500.0), (50, 49.999)] {
        let got = erlang_c(c, a);
        assert!(
            got.is_finite() && (0.0..=1.0).contains(&got),
            "C({c}, {a}) = {got}"
        );
        close(&format!("C({c}, {a})"), got, erlang_c_log_space(c, a), 1e-9);
    }
    // Approaching saturation, everyone waits.
    assert!(erlang_c(10, 9.9999) > 0.999);
}

#[test]
fn mm1_and_mmc_closed_forms() {
    // M/M/1 (Kleinrock §3.2): Wq = ρ·S / (1 - ρ); the time in the node is exponential with
    // rate μ - λ, so its p99 is ln(100) / (μ - λ).
    let (s, lambda) = (10.0, 0.07);
    let rho = lambda * s;
    close(
        "M/M/1 Wq",
        mmc_mean_wait_ms(1, lambda, s),
        rho * s / (1.0 - rho),
        1e-12,
    );
    close(
        "M/M/1 p99",
        mmc_response_quantile_ms(1, lambda, s, 0.99),
        100f64.ln() / (1.0 / s - lambda),
        1e-6,
    );
    // M/M/2: Wq = ρ² S / (1 - ρ²) (Kleinrock §3.5, with ρ = λS/2).
    let lambda = 0.16;
    let rho = lambda * s / 2.0;
    close(
        "M/M/2 Wq",
        mmc_mean_wait_ms(2, lambda, s),
        rho * rho * s / (1.0 - rho * rho),
        1e-12,
    );
    // A constant service time: p99 = d + ln(100·C) / θ when more than 1 % wait.
    let (pw, theta) = (0.4, 0.05);
    close(
        "constant p99",
        response_quantile_ms(0.99, Shape::Constant, 10.0, pw, theta),
        10.0 + (100.0 * pw).ln() / theta,
        1e-6,
    );
}

#[test]
fn allen_cunneen_reproduces_pollaczek_khinchine_for_one_worker() {
    // M/G/1 (Pollaczek-Khinchine): Wq = ρ·S·(1 + cs²) / (2 (1 - ρ)). Allen-Cunneen with c = 1
    // and Poisson input (ca² = 1) is exactly this: M/D/1 (cs² 0) and log-normal cv 1.5.
    for (rho, cs2) in [(0.7, 0.0), (0.6, 2.25), (0.9, 1.0)] {
        let s = 10.0;
        let pk = rho * s * (1.0 + cs2) / (2.0 * (1.0 - rho));
        close(
            &format!("P-K, ρ {rho}, cs² {cs2}"),
            allen_cunneen_wait_ms(1, rho, 1.0, cs2, s),
            pk,
            1e-12,
        );
    }
    // With exponential everything it is M/M/c's mean wait, for any c.
    close(
        "A-C = M/M/8",
        allen_cunneen_wait_ms(8, 5.6, 1.0, 1.0, 10.0),
        mmc_mean_wait_ms(8, 0.56, 10.0),
        1e-12,
    );
}

#[test]
fn log_normal_tail_agrees_with_sampling() {
    // The p99 of a log-normal service plus an exponential wait, against 400,000 samples of the
    // same sum drawn here (a different method: sampling, not integration). Tolerance 1.5 %.
    let (s, cv2, pw, theta): (f64, f64, f64, f64) = (10.0, 2.25, 0.6, 0.04);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut uniform = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        ((x >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let sigma2 = (1.0f64 + cv2).ln();
    let m = s.ln() - sigma2 / 2.0;
    let n = 400_000;
    let mut xs: Vec<f64> = (0..n)
        .map(|_| {
            // Box-Muller for the normal, inversion for the exponential.
            let z = (-2.0 * uniform().ln()).sqrt() * (2.0 * std::f64::consts::PI * uniform()).cos();
            let service = (m + sigma2.sqrt() * z).exp();
            let wait = if uniform() < pw {
                -uniform().ln() / theta
            } else {
                0.0
            };
            service + wait
        })
        .collect();
    xs.sort_by(f64::total_cmp);
    let sampled = xs[(0.99 * n as f64) as usize];
    close(
        "log-normal + wait p99",
        response_quantile_ms(0.99, Shape::LogNormal(cv2), s, pw, theta),
        sampled,
        0.015,
    );
}

/// One node `web` with `c` workers fed by Poisson users at `rate` requests/s.
fn single(c: u32, dist: Dist, mean_ms: f64, cv: Option<f64>, rate: f64) -> Scenario {
    let mut web = server("web", Kind::WebServer, c, dist, mean_ms);
    if let Some(svc) = web.service.as_mut() {
        svc.cv = cv;
    }
    scenario(vec![users("u", rate, reads()), web], vec![wire("u", "web")])
}

/// Run `s` (warm-up 50 s, then `measure_s`) and predict node `id`.
fn run_and_predict(s: &Scenario, id: &str, measure_s: f64) -> Prediction {
    let snap = measure(s, 50.0, measure_s);
    predict(node(&snap, id), poisson_input(s, id))
}

/// Prediction and measurement within tolerances: utilisation and P(wait) absolute, mean wait
/// and p99 relative.
fn agree(what: &str, p: &Prediction, util: f64, pwait: f64, wait: f64, p99: f64) {
    let m = &p.measured;
    let get = |v: Option<f64>, name: &str| v.unwrap_or_else(|| panic!("{what}: no {name}"));
    let (pu, mu) = (p.utilisation, m.utilisation);
    assert!(
        (pu - mu).abs() <= util,
        "{what}: utilisation {pu:.4} vs measured {mu:.4}"
    );
    let (pp, mp) = (get(p.p_wait, "P(wait)"), get(m.p_wait, "measured P(wait)"));
    assert!(
        (pp - mp).abs() <= pwait,
        "{what}: P(wait) {pp:.4} vs measured {mp:.4}"
    );
    close(
        &format!("{what}: mean wait [ms], predicted vs measured"),
        get(m.mean_wait_ms, "measured wait"),
        get(p.mean_wait_ms, "mean wait"),
        wait,
    );
    close(
        &format!("{what}: p99 in the node [ms], predicted vs measured"),
        get(m.p99_ms, "measured p99"),
        get(p.p99_ms, "p99"),
        p99,
    );
}

#[test]
fn mm1_and_mm4_runs_agree_with_exact_erlang_c() {
    // Poisson users straight into an exponential server: exact Erlang C. 3,000 s at ρ 0.7
    // (210,000 requests) and 2,000 s at ρ 0.8 with 4 workers (640,000).
    let p = run_and_predict(
        &single(1, Dist::Exponential, 10.0, None, 70.0),
        "web",
        3000.0,
    );
    assert_eq!(p.model, Model::ErlangC);
    assert_eq!((p.note, p.ca2, p.cs2), (None, Some(1.0), 1.0));
    agree("M/M/1", &p, 0.01, 0.01, 0.05, 0.04);
    let p = run_and_predict(
        &single(4, Dist::Exponential, 10.0, None, 320.0),
        "web",
        2000.0,
    );
    assert_eq!(p.model, Model::ErlangC);
    close("M/M/4 predicted utilisation", p.utilisation, 0.8, 0.02);
    agree("M/M/4", &p, 0.01, 0.01, 0.05, 0.04);
}

#[test]
fn md2_and_log_normal_runs_agree_with_allen_cunneen() {
    // M/D/2 at ρ 0.8: Allen-Cunneen halves M/M/2's wait (cs² 0). Its P(wait) is Erlang C's,
    // an approximation for constant service: tolerance 0.05. Mean wait 8 %, p99 10 %.
    let p = run_and_predict(&single(2, Dist::Constant, 10.0, None, 160.0), "web", 3000.0);
    assert_eq!(p.model, Model::AllenCunneen);
    assert_eq!(p.cs2, 0.0);
    agree("M/D/2", &p, 0.01, 0.05, 0.08, 0.10);
    // M/G/1 with log-normal service (cv 1.5) at ρ 0.6: the mean is Pollaczek-Khinchine's
    // (exact), P(wait) = ρ (exact for one worker). A heavy tail converges slowly: 10,000 s
    // (600,000 requests), mean wait 6 %.
    let p = run_and_predict(
        &single(1, Dist::LogNormal, 10.0, Some(1.5), 60.0),
        "web",
        10_000.0,
    );
    assert_eq!(p.model, Model::AllenCunneen);
    close("log-normal cs²", p.cs2, 2.25, 1e-12);
    agree("M/G/1 log-normal", &p, 0.01, 0.01, 0.06, f64::INFINITY);
    // Its p99 is where the stated approximation (an exponential wait given a wait) is weakest:
    // behind a heavy-tailed service the wait's own tail is heavier than exponential, so the
    // prediction is low. Measured here: 183 ms predicted, 233 ms measured (27 % low). The
    // check pins that known bias, so a change in either the formula or the engine shows.
    let (pred, meas) = (
        p.p99_ms.unwrap_or(f64::NAN),
        p.measured.p99_ms.unwrap_or(f64::NAN),
    );
    let low = 1.0 - pred / meas;
    assert!(
        (0.15..=0.35).contains(&low),
        "p99 {pred:.1} vs measured {meas:.1}: {:.0} % low",
        low * 100.0
    );
}

#[test]
fn round_robin_gaps_are_measured_as_erlang_4_and_allen_cunneen_uses_them() {
    // Poisson users -> round-robin load balancer -> 4 servers: each server sees every fourth
    // arrival, Erlang-4 gaps with ca² = 1/4, not Poisson; the input is not taken as Poisson
    // and the measured ca² goes into Allen-Cunneen.
    let mut nodes = vec![users("u", 1120.0, reads()), {
        let mut lb = Node::new("lb", Kind::LoadBalancer, 0.0, 0.0);
        lb.policy = Some(Policy::RoundRobin);
        lb
    }];
    let mut wires = vec![wire("u", "lb")];
    for k in 1..=4 {
        let id = format!("web-{k}");
        nodes.push(server(&id, Kind::WebServer, 4, Dist::Exponential, 10.0));
        wires.push(wire("lb", &id));
    }
    let s = scenario(nodes, wires);
    assert!(!poisson_input(&s, "web-1"));
    let p = run_and_predict(&s, "web-1", 2000.0);
    assert_eq!(p.model, Model::AllenCunneen);
    let ca2 = p.ca2.unwrap_or(f64::NAN);
    assert!(
        (ca2 - 0.25).abs() < 0.01,
        "ca² {ca2}, Erlang-4 gaps give 0.25"
    );
    // Allen-Cunneen for E4/M/4 at ρ 0.7 moves the mean wait from Erlang C's Poisson figure
    // towards what was measured, but smooth arrivals are its weak side: it over-estimates.
    // Measured here: 3.57 ms for Poisson input, 2.24 ms predicted, 1.57 ms measured.
    let m = p.measured.mean_wait_ms.unwrap_or(f64::NAN);
    let ac = p.mean_wait_ms.unwrap_or(f64::NAN);
    let poisson = mmc_mean_wait_ms(4, 0.28, 10.0);
    assert!(
        m < ac && ac < 0.7 * poisson,
        "measured {m:.3} < A-C {ac:.3} < Poisson {poisson:.3}"
    );
    assert!(ac / m < 1.6, "A-C {ac:.3} ms vs measured {m:.3} ms");
}

#[test]
fn no_formula_where_none_applies() {
    // Overloaded: 120 requests/s at 10 ms on one worker (ρ 1.2), a line of 50.
    let mut s = single(1, Dist::Exponential, 10.0, None, 120.0);
    s.nodes[1].queue_capacity = Some(50);
    let p = run_and_predict(&s, "web", 100.0);
    assert_eq!((p.model, p.note), (Model::None, Some(Note::Overloaded)));
    close("overloaded utilisation", p.utilisation, 1.2, 0.03);
    // A short line at ρ 0.9 turns some away.
    let mut s = single(1, Dist::Exponential, 10.0, None, 90.0);
    s.nodes[1].queue_capacity = Some(3);
    let p = run_and_predict(&s, "web", 100.0);
    assert_eq!((p.model, p.note), (Model::None, Some(Note::Rejecting)));
    // Slowed down during the measurement.
    let s = single(2, Dist::Exponential, 10.0, None, 100.0);
    let mut sim = sim(&s);
    sim.run_until(10_000.0);
    sim.reset_metrics();
    sim.run_until(20_000.0);
    let ok = predict(node(&sim.snapshot(), "web"), true);
    assert_eq!((ok.model, ok.note), (Model::ErlangC, None));
    sim.slow_node("web", 2.0).unwrap_or_else(|e| panic!("{e}"));
    sim.run_until(30_000.0);
    let p = predict(node(&sim.snapshot(), "web"), true);
    assert_eq!((p.model, p.note), (Model::None, Some(Note::Slowed)));
    // Down, then back: the measurement spans the outage.
    sim.reset_metrics();
    sim.fail_node("web").unwrap_or_else(|e| panic!("{e}"));
    sim.run_until(31_000.0);
    assert_eq!(
        predict(node(&sim.snapshot(), "web"), true).note,
        Some(Note::Down)
    );
    sim.recover_node("web").unwrap_or_else(|e| panic!("{e}"));
    sim.run_until(40_000.0);
    assert_eq!(
        predict(node(&sim.snapshot(), "web"), true).note,
        Some(Note::WasDown)
    );
    // A load balancer only routes.
    let mut s = single(1, Dist::Exponential, 10.0, None, 50.0);
    s.nodes.push(Node::new("lb", Kind::LoadBalancer, 0.0, 0.0));
    s.wires = vec![wire("u", "lb"), wire("lb", "web")];
    assert!(
        poisson_input(&s, "web"),
        "one target: the whole Poisson stream"
    );
    let snap = measure(&s, 1.0, 10.0);
    assert_eq!(
        predict(node(&snap, "lb"), false).note,
        Some(Note::RoutingOnly)
    );
}
