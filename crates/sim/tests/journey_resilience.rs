//! The resilience lessons' claims (steps 12, 12b and 13), checked like journey.rs checks the
//! classic path: each built-in scenario runs headless with its lesson's drill and the effect the
//! lesson promises is asserted, with expected numbers derived from the scenario's own parameters.

mod common;
use common::assert_close;
use common::lessons::*;
use scaleboard_sim::journey;
use scaleboard_sim::*;

/// Arrivals per window at node `id`, averaged over [from_s, to_s) [requests/s].
fn arrivals(s: &Scenario, sim: &Sim, id: &str, from_s: f64, to_s: f64) -> f64 {
    let i = idx(s, id);
    mean(sim, from_s, to_s, |w| w.nodes[i].arrivals as f64)
}

/// The wires from any web server to the database.
fn db_wires(snap: &Snapshot) -> Vec<&WireSnapshot> {
    snap.wires.iter().filter(|w| w.to == "db").collect()
}

/// Requests/s the database can serve: workers / mean service time.
fn db_capacity(s: &Scenario) -> f64 {
    let p = Params::of(s.node("db").expect("db"));
    let mean_ms = p.service.expect("db serves").mean_ms;
    f64::from(p.workers) * 1000.0 / mean_ms
}

/// Retries a failing request gets: the users' own, and each database call's.
fn retries(s: &Scenario) -> (f64, f64) {
    let users = Params::of(s.node("users").expect("users")).retries;
    let call = s
        .wires
        .iter()
        .find(|w| w.to == "db")
        .and_then(|w| w.policy)
        .expect("a call policy on the database wires")
        .retries;
    (f64::from(users), f64::from(call))
}

#[test]
fn step_12_retries_at_every_hop_multiply_the_load_and_outlive_the_cache_outage() {
    let (s, sim) = drilled("12-retry-storm", 60.0);
    let rate = Params::of(s.node("users").expect("users")).rate_rps;
    let (user_retries, call_retries) = retries(&s);
    // The trigger: without the cache, every read and write reaches the database, more than it
    // can serve.
    assert!(
        rate > db_capacity(&s),
        "the outage must overload the database"
    );
    assert_eq!(
        sum(&sim, 5.0, 20.0, errors),
        0.0,
        "healthy before the drill"
    );
    // The storm: every attempt fails, so each request reaches the database
    // (1 + user retries) x (1 + call retries) times.
    let amplified = arrivals(&s, &sim, "db", 25.0, 35.0);
    let expected = rate * (1.0 + user_retries) * (1.0 + call_retries);
    eprintln!("12: database arrivals {amplified:.0}/s during the outage, expected {expected:.0}/s");
    assert_close(
        "retry amplification at the database",
        amplified,
        expected,
        0.1,
    );
    // Metastable: the cache is back from 35 s, yet nothing is answered in time, the cache
    // never refills (no database answer arrives before its caller gave up) and the database's
    // line stays full.
    let cache = idx(&s, "cache");
    let db = idx(&s, "db");
    let cap = Params::of(s.node("db").expect("db")).queue_capacity as f64;
    for w in windows(&sim, 40.0, 60.0) {
        let at = w.start_ms / 1000.0;
        assert_eq!(w.good_ratio, 0.0, "good at {at} s, after the cache is back");
        assert_eq!(
            w.nodes[cache].hit_ratio.unwrap_or(0.0),
            0.0,
            "hits at {at} s"
        );
        assert!(
            w.nodes[db].queue_len > 0.95 * cap,
            "database line at {at} s"
        );
    }
    let snap = sim.snapshot();
    for w in db_wires(&snap) {
        assert_eq!(w.budget_denied, 0, "no budget: every retry is made");
        assert!(w.breaker.is_none(), "no breaker in step 12");
    }
}

#[test]
fn step_12b_a_retry_budget_and_a_breaker_contain_the_storm_and_recover() {
    let s = journey::with_drill(
        &builtin("12b-retry-budget"),
        &lesson("12b-retry-budget").drill,
    );
    let mut sim = compiled(&s);
    // Watch the breakers' states through the outage, every 100 ms.
    let (mut first_open, mut half_open) = (None, false);
    let mut t = 20.0;
    while t < 35.0 {
        sim.run_until(t * 1000.0);
        for w in db_wires(&sim.snapshot()) {
            if w.breaker == Some(BreakerState::Open) {
                first_open.get_or_insert(t);
            }
            half_open |= w.breaker == Some(BreakerState::HalfOpen);
        }
        t += 0.1;
    }
    // The lesson: "the breakers open within about 3 s" of the cache failing at 20 s.
    let first_open = first_open.expect("a breaker opened during the outage");
    eprintln!("12b: first breaker open at {first_open:.1} s");
    assert!(first_open <= 23.5, "first open at {first_open} s");
    assert!(half_open, "breakers half-opened during the outage");
    sim.run_until(60_000.0);
    // Open breakers keep the outage's load on the database below its capacity on average,
    // against twelve times the traffic in step 12.
    let during = arrivals(&s, &sim, "db", 25.0, 35.0);
    eprintln!(
        "12b: database arrivals {during:.0}/s during the outage (capacity {:.0}/s)",
        db_capacity(&s)
    );
    assert!(during < db_capacity(&s), "database arrivals {during}/s");
    // The budget: retries at most its share of the calls (a little over while the 10 s window
    // of calls it counts is filling).
    let snap = sim.snapshot();
    for w in db_wires(&snap) {
        let budget = s
            .wires
            .iter()
            .find(|x| x.from == w.from && x.to == w.to)
            .and_then(|x| x.policy)
            .and_then(|p| p.budget)
            .expect("a budget");
        let share = w.retries as f64 / w.calls as f64;
        eprintln!(
            "12b: {} -> db retries {} of {} calls",
            w.from, w.retries, w.calls
        );
        assert!(
            share <= budget * 1.1,
            "{}: retries {share:.3} of calls",
            w.from
        );
        assert!(w.budget_denied > 0 && w.fast_failed > 0);
        assert_eq!(w.breaker, Some(BreakerState::Closed), "closed at the end");
    }
    // Recovered: within 10 s of the cache's return everything is answered in time again, and
    // the cache refills.
    let cache = idx(&s, "cache");
    for w in windows(&sim, 45.0, 60.0) {
        assert_eq!(w.good_ratio, 1.0, "good at {} s", w.start_ms / 1000.0);
    }
    let hits = mean(&sim, 50.0, 60.0, |w| {
        w.nodes[cache].hit_ratio.unwrap_or(0.0)
    });
    assert!(hits > 0.3, "hit ratio {hits} once refilled");
}

#[test]
fn step_13_a_rate_limiter_keeps_p99_flat_under_a_spike_at_the_price_of_throttled_requests() {
    let (s, sim) = drilled("13-rate-limit", 60.0);
    let users = Params::of(s.node("users").expect("users"));
    let limit = s.node("lb").and_then(|n| n.rate_limit).expect("a limit");
    let spike = lesson("13-rate-limit").drill[0].factor.expect("a factor");
    // While the spike lasts (20-40 s; the first second spends the bucket's burst): the limiter
    // lets its rate through and turns the rest away.
    let ok = mean(&sim, 21.0, 40.0, |w| w.counts.ok as f64);
    let throttled = mean(&sim, 21.0, 40.0, |w| w.counts.throttled as f64);
    eprintln!("13: during the spike {ok:.0} ok/s, {throttled:.0} throttled/s");
    assert_close("answered during the spike", ok, limit.rate_rps, 0.03);
    assert_close(
        "throttled during the spike",
        throttled,
        users.rate_rps * spike - limit.rate_rps,
        0.05,
    );
    // Answered requests are as fast as before the spike; after it nothing is throttled.
    let p99 = |a, b| {
        windows(&sim, a, b)
            .iter()
            .map(|w| w.latency.p99)
            .fold(0.0, f64::max)
    };
    let (before, during) = (p99(5.0, 20.0), p99(21.0, 40.0));
    eprintln!("13: p99 of answered requests {before:.0} ms before, {during:.0} ms during");
    assert!(during < 1.5 * before, "p99 {during} ms against {before} ms");
    assert_eq!(
        sum(&sim, 41.0, 60.0, errors),
        0.0,
        "nothing refused after the spike"
    );
    // What the limiter saves: the same drill without it queues past 2 s and is still slow
    // after the spike ends.
    let mut open = s.clone();
    let lb = idx(&open, "lb");
    open.nodes[lb].rate_limit = None;
    let mut run = compiled(&open);
    run.run_until(60_000.0);
    let (during, after) = (worst_p99(&run, 20.0, 40.0), worst_p99(&run, 40.0, 50.0));
    eprintln!("13 without the limit: worst p99 {during:.0} ms during, {after:.0} ms after");
    assert!(during > 2000.0 && after > 2000.0);
}
