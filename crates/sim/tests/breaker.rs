//! Circuit breakers: the exact state timeline of a breaker in front of a database that fails
//! and recovers, fast fails that cost nothing, and the failure-ratio rule.

mod common;
use common::*;
use scaleboard_sim::trace::Ending;
use scaleboard_sim::*;

/// Arrivals 7.8125 ms apart (128/s, exact in binary); web 1 ms; web -> db 5 ms each way.
const GAP: f64 = 7.8125;
const WEB: f64 = 1.0;
const RTT: f64 = 10.0;

fn breaker(failures: Option<u32>, failure_ratio: Option<f64>) -> Breaker {
    Breaker {
        failures,
        failure_ratio,
        min_calls: 20,
        window_s: 10.0,
        open_s: 5.0,
        probes: 1,
    }
}

fn design(b: Breaker, policy: Option<CallPolicy>) -> Scenario {
    let mut u = users("u", 128.0, writes());
    u.arrival = Some(Arrival::Constant);
    u.retries = Some(0);
    u.timeout_ms = Some(2_000.0);
    let mut w = wire("web", "db");
    w.latency_ms = Some(RTT / 2.0);
    w.breaker = Some(b);
    w.policy = policy;
    let mut s = scenario(
        vec![
            u,
            server("web", Kind::WebServer, 64, Dist::Constant, WEB),
            server("db", Kind::Database, 64, Dist::Constant, 1.0),
        ],
        vec![wire("u", "web"), w],
    );
    s.faults.push(fault(10.0, Action::Fail, "db"));
    s.faults.push(fault(30.0, Action::Recover, "db"));
    s
}

/// The first call the web server makes at or after `t` [ms].
fn next_call(t: f64) -> f64 {
    ((t - WEB) / GAP).ceil() * GAP + WEB
}

fn state(sim: &mut Sim, t: f64) -> BreakerState {
    sim.run_until(t);
    sim.snapshot().wires[1].breaker.expect("a breaker")
}

#[test]
fn a_breaker_opens_at_the_nth_failure_probes_after_open_s_and_closes_after_recovery() {
    let policy = CallPolicy {
        timeout_ms: 1000.0,
        retries: 0,
        backoff_ms: 10.0,
        jitter: Jitter::None,
        budget: None,
    };
    let mut sim = sim(&design(breaker(Some(5), None), Some(policy)));
    // Calls from 10 s on fail; a failure is known when the error is back, RTT later. The
    // 5th: sent at 10 s + 4 gaps + the web server's 1 ms.
    let open = 10_000.0 + 4.0 * GAP + WEB + RTT;
    assert_eq!(state(&mut sim, open - 0.001), BreakerState::Closed);
    assert_eq!(state(&mut sim, open), BreakerState::Open);
    let mut opened = open;
    let mut cycles = 0;
    loop {
        let half = opened + 5_000.0;
        assert_eq!(
            state(&mut sim, half - 0.001),
            BreakerState::Open,
            "{cycles}"
        );
        assert_eq!(state(&mut sim, half), BreakerState::HalfOpen, "{cycles}");
        // The probe: the first call from then on, refused by a down database RTT later.
        let answered = next_call(half) + RTT;
        assert_eq!(state(&mut sim, answered - 0.001), BreakerState::HalfOpen);
        let down = next_call(half) + RTT / 2.0 < 30_000.0;
        if down {
            assert_eq!(state(&mut sim, answered), BreakerState::Open, "{cycles}");
            opened = answered;
            cycles += 1;
        } else {
            // A database that is up serves the probe first (1 ms).
            let answered = answered + 1.0;
            assert_eq!(state(&mut sim, answered - 0.001), BreakerState::HalfOpen);
            assert_eq!(state(&mut sim, answered), BreakerState::Closed);
            break;
        }
    }
    assert_eq!(
        cycles, 3,
        "half-open at 15, 20 and 25 s while the database is down"
    );
    // Closed again, calls flow: nothing fails after the recovery.
    let before = sim.snapshot().counts;
    sim.run_until(40_000.0);
    let after = sim.snapshot().counts;
    assert_eq!(after.errors(), before.errors());
    assert!(after.ok > before.ok + 1000);
}

#[test]
fn fast_fails_cost_no_time_and_never_reach_the_callee() {
    // Without a policy: the breaker counts the errors that come back over the wire.
    let mut sim = sim(&design(breaker(Some(5), None), None));
    sim.run_until(12_000.0);
    sim.trace_next(None).expect("trace");
    sim.run_until(29_000.0);
    let snap = sim.snapshot();
    let w = &snap.wires[1];
    assert!(w.fast_failed > 1500, "{w:?}");
    assert_eq!(snap.counts.rejected, w.fast_failed, "a fast fail is a 503");
    // Only calls that went through (the 5 that opened it, those on the way, and the probes)
    // reached the database, which refused them.
    let refused: u64 = sim.series().map(|win| win.nodes[2].refused).sum();
    assert_eq!(refused, w.failed, "{w:?}");
    assert!(w.failed < 20, "{w:?}");
    // A fast-failed request took the web server's 1 ms and nothing more.
    let t = sim.take_traced().pop().expect("traced");
    assert_eq!(t.ending, Ending::Rejected);
    assert_eq!(t.latency_ms, WEB);
}

#[test]
fn the_ratio_rule_opens_only_above_the_failure_ratio() {
    // Exponential service of mean 10 ms behind a timeout of T: each call fails on its own
    // with p = e^(-T/10). p = 0.37 stays below a 0.5 ratio; p = 0.61 crosses it.
    let run = |timeout_ms: f64| {
        let mut u = users("u", 200.0, reads());
        u.retries = Some(0);
        let mut w = wire("web", "db");
        w.policy = Some(CallPolicy {
            timeout_ms,
            retries: 0,
            backoff_ms: 1.0,
            jitter: Jitter::Full,
            budget: None,
        });
        w.breaker = Some(breaker(None, Some(0.5)));
        let s = scenario(
            vec![
                u,
                server("web", Kind::WebServer, 64, Dist::Constant, WEB),
                server("db", Kind::Database, 4096, Dist::Exponential, 10.0),
            ],
            vec![wire("u", "web"), w],
        );
        let mut sim = sim(&s);
        sim.run_until(60_000.0);
        sim.snapshot().wires[1].clone()
    };
    let below = run(10.0);
    assert_eq!(below.fast_failed, 0, "{below:?}");
    let ratio = below.failed as f64 / below.calls as f64;
    assert!((ratio - (-1.0f64).exp()).abs() < 0.02, "{ratio}");
    let above = run(5.0);
    assert!(above.fast_failed > 1000, "{above:?}");
}

#[test]
fn a_breaker_needs_a_rule_and_a_web_server() {
    let mut s = design(breaker(None, None), None);
    let d = validate(&s);
    assert!(
        d.iter()
            .any(|d| d.path == "wires[1].breaker" && d.message.contains("failure_ratio")),
        "{d:?}"
    );
    s.wires[1].breaker = None;
    s.wires[0].breaker = Some(breaker(Some(3), None));
    assert!(validate(&s)
        .iter()
        .any(|d| d.path == "wires[0].breaker" && d.message.contains("web server")));
}

#[test]
fn the_cli_table_lists_watched_wires_and_json_carries_them() {
    let s = design(breaker(Some(5), None), None);
    let mut sim = sim(&s);
    sim.run_until(12_000.0);
    let snap = sim.snapshot();
    let table = cli::render(&s, &snap, cli::Format::Table);
    let line = table
        .lines()
        .find(|l| l.starts_with("web -> db"))
        .unwrap_or_else(|| panic!("no wire line in\n{table}"));
    assert!(line.ends_with("open"), "{line}");
    assert!(
        !table.lines().any(|l| l.starts_with("u -> web")),
        "plain wires are not listed:\n{table}"
    );
    let json = cli::render(&s, &snap, cli::Format::Json);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(doc["wires"][1]["breaker"], "open", "{}", doc["wires"]);
}
