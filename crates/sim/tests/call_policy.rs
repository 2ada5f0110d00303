//! Calls with a policy (timeout, retries, backoff, retry budget) against first principles.

mod common;
use common::*;
use scaleboard_sim::trace::Ending;
use scaleboard_sim::*;

fn policy(timeout_ms: f64, retries: u32, backoff_ms: f64, jitter: Jitter) -> CallPolicy {
    CallPolicy {
        timeout_ms,
        retries,
        backoff_ms,
        jitter,
        budget: None,
    }
}

/// Users reading at `rate` (no client retries, 10 s deadline) -> web (1 ms) -> db, the
/// web -> db wire `lat` [ms] each way with `p`.
fn reads_to_db(rate: f64, db: Node, lat: f64, p: CallPolicy) -> Scenario {
    let mut u = users("u", rate, reads());
    u.timeout_ms = Some(10_000.0);
    u.retries = Some(0);
    let mut w = wire("web", "db");
    w.latency_ms = Some(lat);
    w.policy = Some(p);
    scenario(
        vec![
            u,
            server("web", Kind::WebServer, 1024, Dist::Constant, 1.0),
            db,
        ],
        vec![wire("u", "web"), w],
    )
}

fn down_db() -> Node {
    server("db", Kind::Database, 64, Dist::Constant, 1.0)
}

/// Run `s` with the database failed from the start, 2 s warm-up then 60 s measured.
fn run(s: &Scenario, db_down: bool, secs: f64) -> Sim {
    let mut s = s.clone();
    if db_down {
        s.faults.push(fault(0.0, Action::Fail, "db"));
    }
    let mut sim = sim(&s);
    sim.run_until(2_000.0);
    sim.reset_metrics();
    sim.run_until(2_000.0 + secs * 1000.0);
    sim
}

#[test]
fn a_callee_that_always_fails_gets_exactly_one_plus_r_calls_per_request() {
    let s = reads_to_db(200.0, down_db(), 0.0, policy(1000.0, 3, 1.0, Jitter::None));
    let mut sim = run(&s, true, 30.0);
    // Let the last requests' retries (1 + 2 + 4 ms) finish, with no new ones counted.
    sim.set_rate("u", 0.0).expect("users");
    sim.run_until(33_000.0);
    let snap = sim.snapshot();
    let w = &snap.wires[1];
    let requests = snap.counts.finished();
    assert!(requests > 5000, "{:?}", snap.counts);
    assert_eq!(
        snap.counts.node_down, requests,
        "every request fails as node down"
    );
    // p = 1: each request makes 1 + r calls, r of them retries (requests sent just before
    // the metrics reset are counted by the wire only in part: allow that edge).
    let per = w.calls as f64 / requests as f64;
    assert!((per - 4.0).abs() < 0.01, "calls per request {per}, {w:?}");
    assert!(
        (w.retries as f64 / requests as f64 - 3.0).abs() < 0.01,
        "{w:?}"
    );
    assert_eq!(w.failed, w.calls, "{w:?}");
}

#[test]
fn independent_failures_amplify_calls_by_one_plus_p_plus_p_squared() {
    // Service exponential with mean 10 ms and a 10 ms timeout, no network time: each try
    // times out independently with p = P(S > 10 ms) = e^-1 (workers never all busy).
    let db = server("db", Kind::Database, 4096, Dist::Exponential, 10.0);
    let r = 3;
    let s = reads_to_db(400.0, db, 0.0, policy(10.0, r, 1.0, Jitter::None));
    let sim = run(&s, false, 60.0);
    let snap = sim.snapshot();
    let w = &snap.wires[1];
    let p = (-1.0f64).exp();
    let expected: f64 = (0..=r).map(|k| p.powi(k as i32)).sum();
    let requests = snap.counts.finished() as f64;
    // ~24,000 requests; the tries per request have a standard deviation near 1: a standard
    // error of 0.007, tolerance 0.03.
    let per = w.calls as f64 / requests;
    assert!(
        (per - expected).abs() < 0.03,
        "calls/request {per}, expected {expected}"
    );
    // A request fails when all 1 + r tries time out: p^(r+1) = 1.8 %.
    let failed = snap.counts.timeout as f64 / requests;
    assert!(
        (failed - p.powi(r as i32 + 1)).abs() < 0.004,
        "failed {failed}"
    );
    // The database served every try, the timed-out ones too.
    let db = node(&snap, "db");
    assert!(
        (db.arrivals as f64 / w.calls as f64 - 1.0).abs() < 0.002,
        "{db:?} {w:?}"
    );
}

#[test]
fn a_callee_slower_than_the_timeout_times_out_every_call_and_keeps_serving_orphans() {
    // 50 ms of constant service behind a 20 ms timeout, no retries.
    let db = server("db", Kind::Database, 64, Dist::Constant, 50.0);
    let s = reads_to_db(100.0, db, 0.0, policy(20.0, 0, 1.0, Jitter::None));
    let mut sim = sim(&s);
    sim.run_until(2_000.0);
    sim.reset_metrics();
    sim.trace_next(None).expect("trace");
    sim.run_until(62_000.0);
    let snap = sim.snapshot();
    let w = &snap.wires[1];
    assert_eq!(snap.counts.ok, 0);
    assert_eq!(snap.counts.timeout, snap.counts.finished());
    // Failed at the call's timeout: 1 ms at the web server + 20 ms, not the 10 s deadline.
    let t = sim.take_traced().pop().expect("traced");
    assert_eq!(t.ending, Ending::Timeout);
    assert_eq!(t.latency_ms, 21.0);
    // The database still serves every orphaned call: arrivals = calls, and it is busy
    // 100/s x 50 ms = 5 workers of 64.
    let db = node(&snap, "db");
    assert!(db.arrivals.abs_diff(w.calls) <= 6, "{db:?} {w:?}");
    assert!(
        (db.utilization - 5.0 / 64.0).abs() < 0.002,
        "{}",
        db.utilization
    );
}

#[test]
fn backoff_without_jitter_retries_at_exact_times() {
    // Down callee 5 ms away: each try takes 10 ms there and back; retries wait 10, 20, 40 ms.
    let s = reads_to_db(10.0, down_db(), 5.0, policy(1000.0, 3, 10.0, Jitter::None));
    let mut sim = sim(&{
        let mut s = s;
        s.faults.push(fault(0.0, Action::Fail, "db"));
        s
    });
    sim.trace_next(None).expect("trace");
    sim.run_until(5_000.0);
    let t = sim.take_traced().pop().expect("traced");
    assert_eq!(t.ending, Ending::NodeDown);
    // 1 ms web + 4 tries x 10 ms + 10 + 20 + 40 ms of backoff.
    assert_eq!(t.latency_ms, 111.0);
    let snap = sim.snapshot();
    assert!(
        (snap.latency_all.mean - 111.0).abs() < 0.01,
        "{:?}",
        snap.latency_all
    );
}

#[test]
fn full_jitter_draws_each_retry_delay_uniformly_up_to_its_backoff() {
    let s = reads_to_db(200.0, down_db(), 5.0, policy(1000.0, 3, 10.0, Jitter::Full));
    let sim = run(&s, true, 60.0);
    let l = sim.snapshot().latency_all;
    // 41 ms fixed + U(0,10) + U(0,20) + U(0,40): mean 76 ms, never above 111 ms. The sum's
    // standard deviation is 13.2 ms; over 12,000 requests the mean's is 0.12 ms.
    assert!((l.mean - 76.0).abs() < 0.6, "{l:?}");
    assert!(l.max <= 111.0 + 1e-9 && l.max > 100.0, "{l:?}");
}

#[test]
fn a_retry_budget_keeps_retries_to_its_share_of_calls() {
    let mut p = policy(1000.0, 3, 1.0, Jitter::Full);
    p.budget = Some(0.1);
    let s = reads_to_db(500.0, down_db(), 0.0, p);
    let sim = run(&s, true, 60.0);
    let w = &sim.snapshot().wires[1];
    let share = w.retries as f64 / w.calls as f64;
    // Without a budget 3 in 4 calls would be retries.
    assert!(share <= 0.1 + 0.005, "{w:?}");
    assert!(share > 0.09, "the budget is used: {w:?}");
    assert!(w.budget_denied > 0, "{w:?}");
}

#[test]
fn a_dead_cache_behind_a_policy_still_falls_back_to_the_database() {
    let mut u = users("u", 200.0, reads());
    u.retries = Some(0);
    let mut cache = server("cache", Kind::Cache, 64, Dist::Constant, 1.0);
    cache.hit_ratio = Some(0.9);
    let mut wc = wire("web", "cache");
    wc.policy = Some(policy(50.0, 2, 1.0, Jitter::Full));
    let mut s = scenario(
        vec![
            u,
            server("web", Kind::WebServer, 64, Dist::Constant, 1.0),
            cache,
            server("db", Kind::Database, 64, Dist::Constant, 2.0),
        ],
        vec![wire("u", "web"), wc, wire("web", "db")],
    );
    s.faults.push(fault(0.0, Action::Fail, "cache"));
    let sim = run(&s, false, 30.0);
    let snap = sim.snapshot();
    assert_eq!(snap.counts.errors(), 0, "{:?}", snap.counts);
    assert!(snap.counts.ok > 5000);
    // Every read went to the database, once; no call to the cache failed.
    let db = node(&snap, "db");
    assert!(db.arrivals.abs_diff(snap.counts.ok) <= 2, "{db:?}");
    assert_eq!(snap.wires[1].failed, 0);
}

#[test]
fn a_policy_belongs_on_a_wire_leaving_a_web_server() {
    let mut s = reads_to_db(10.0, down_db(), 0.0, policy(-5.0, 0, 1.0, Jitter::Full));
    let d = validate(&s);
    assert!(
        d.iter().any(|d| d.path == "wires[1].policy.timeout_ms"
            && d.message.contains("must be above 0")
            && d.message.contains("-5")),
        "{d:?}"
    );
    s.wires[1].policy = None;
    s.wires[0].policy = Some(policy(100.0, 0, 1.0, Jitter::Full));
    let d = validate(&s);
    assert!(
        d.iter()
            .any(|d| d.path == "wires[0].policy" && d.message.contains("leaving a web server")),
        "{d:?}"
    );
}

#[test]
fn calls_lost_on_a_cut_wire_fail_at_the_call_timeout_and_free_their_slots() {
    let db = server("db", Kind::Database, 64, Dist::Constant, 1.0);
    let mut s = reads_to_db(200.0, db, 0.0, policy(100.0, 1, 10.0, Jitter::None));
    s.faults.push(Fault {
        from: Some("web".into()),
        to: Some("db".into()),
        node: None,
        ..fault(1.0, Action::Cut, "")
    });
    let mut sim = sim(&s);
    sim.run_until(30_000.0);
    sim.trace_next(None).expect("trace");
    let early = sim.footprint();
    sim.run_until(600_000.0);
    let late = sim.footprint();
    // In flight: 200/s x (211 ms a request + 100 ms a child slot waits for its timer) = 62
    // on average; the high-water mark of slots stays near it instead of growing with time.
    assert!(late.request_slots < 200, "{early:?} {late:?}");
    assert!(
        late.request_slots < early.request_slots * 2,
        "{early:?} {late:?}"
    );
    let snap = sim.snapshot();
    assert_eq!(snap.counts.timeout, snap.counts.errors());
    // Only the reads of the first second reached the database, and all succeeded.
    assert_eq!(node(&snap, "db").arrivals, snap.counts.ok);
    assert!(snap.counts.ok < 300, "{:?}", snap.counts);
    // Two tries of 100 ms and a 10 ms backoff, after 1 ms at the web server; the deadline
    // (10 s) is far away.
    let t = sim.take_traced().pop().expect("traced");
    assert_eq!(t.latency_ms, 211.0);
    assert!(
        t.spans.iter().any(|s| s.node == "db" && s.down),
        "{:?}",
        t.spans
    );
}
