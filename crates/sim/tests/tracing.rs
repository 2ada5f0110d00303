//! Request traces (`Sim::set_tracing`, `exemplar`, `keep_slowest`, `trace_next`): spans tile
//! each request's time, agree with the latency histograms, follow retries and failures, cost
//! no result (bit-identical digests) and hold bounded memory.

mod common;
use common::*;
use scaleboard_sim::trace::{Ending, Phase, Trace};
use scaleboard_sim::*;

/// Histograms keep whole microseconds (rounded down): a trace's latency reads at most 1 µs
/// above the histogram's [ms].
const HIST_US: f64 = 0.001;

fn builtin(name: &str) -> Scenario {
    let path = format!(
        "{}/../../static/scenarios/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    load(&json).unwrap_or_else(|d| panic!("{name}: {d:?}"))
}

/// Every invariant a trace must hold, independent of the scenario.
fn check(t: &Trace, ids: &[String], what: &str) {
    let ctx = |i: usize| format!("{what}: span {i} of {t:#?}");
    assert!(!t.spans.is_empty(), "{what}: no spans");
    assert_eq!(t.spans[0].start_ms, 0.0, "{}", ctx(0));
    for (i, s) in t.spans.iter().enumerate() {
        assert!(s.end_ms >= s.start_ms, "{}", ctx(i));
        assert!(ids.contains(&s.node), "{}: unknown node", ctx(i));
        assert_eq!(s.from.is_some(), s.phase == Phase::Network, "{}", ctx(i));
        if i > 0 {
            // Contiguous: no gap, no overlap (retries joined by their backoff).
            assert_eq!(s.start_ms, t.spans[i - 1].end_ms, "{}", ctx(i));
            assert!(s.attempt >= t.spans[i - 1].attempt, "{}", ctx(i));
        }
        if s.phase == Phase::Backoff {
            assert_eq!(s.node, t.users, "{}", ctx(i));
        }
    }
    let last = t.spans.last().map_or(f64::NAN, |s| s.end_ms);
    assert_eq!(last, t.latency_ms, "{what}: last span ends at the latency");
    // Each attempt's spans end when the client learned of it; the last one is the request's.
    assert!(!t.attempts.is_empty(), "{what}");
    for (k, a) in t.attempts.iter().enumerate() {
        let end = t
            .spans
            .iter()
            .filter(|s| usize::from(s.attempt) == k)
            .map(|s| s.end_ms)
            .next_back();
        assert_eq!(end, Some(a.at_ms), "{what}: attempt {k} of {t:#?}");
        assert_eq!(
            a.failed_at.is_some(),
            !matches!(a.ending, Ending::Ok | Ending::Timeout),
            "{what}: attempt {k}"
        );
    }
    assert_eq!(
        t.attempts.last().map(|a| a.ending),
        Some(t.ending),
        "{what}"
    );
    assert_eq!(t.path().first().copied(), Some(t.users.as_str()), "{what}");
}

/// A trace's spans as (phase, node, from, start, end) for comparing with a literal.
fn rows(t: &Trace) -> Vec<(Phase, &str, Option<&str>, f64, f64)> {
    t.spans
        .iter()
        .map(|s| {
            (
                s.phase,
                s.node.as_str(),
                s.from.as_deref(),
                s.start_ms,
                s.end_ms,
            )
        })
        .collect()
}

fn ids(sim: &Sim) -> Vec<String> {
    (0..)
        .map_while(|i| sim.node_id(i))
        .map(String::from)
        .collect()
}

#[test]
fn traces_tile_each_request_and_agree_with_the_histograms_on_built_in_scenarios() {
    for (name, run_s) in [
        ("02-web-and-db.json", 20.0),
        ("05-cache.json", 20.0),
        ("06-cdn.json", 20.0),
        ("07b-stateful.json", 20.0),
        ("08-two-data-centers.json", 20.0),
        ("09-queue-workers.json", 20.0),
        ("10-sharding.json", 20.0),
    ] {
        let s = builtin(name);
        let mut sim = sim(&s);
        sim.keep_slowest(30);
        sim.run_until(run_s * 1000.0);
        let ids = ids(&sim);
        // Built-in scenarios do not retry: every attempt recorded in a window is a request
        // that ended there, so a window's slowest trace is its `latency_all` maximum.
        let mut checked = 0;
        for w in sim.series() {
            match sim.exemplar(Some(w.end_ms)) {
                Ok(t) => {
                    check(&t, &ids, &format!("{name} window {}", w.end_ms));
                    let max = w.latency_all.max;
                    assert!(
                        t.latency_ms >= max && t.latency_ms - max < HIST_US,
                        "{name} window {}: slowest trace {} ms, histogram max {max} ms",
                        w.end_ms,
                        t.latency_ms
                    );
                    assert!(t.sent_ms + t.latency_ms <= w.end_ms + 1e3 * s.window_ms);
                    checked += 1;
                }
                Err(note) => assert_eq!(w.latency_all.count, 0, "{name}: {note}"),
            }
        }
        assert!(checked >= 15, "{name}: {checked} windows had an exemplar");
        let slowest = sim.slowest(30);
        assert_eq!(slowest.len(), 30, "{name}");
        for (i, t) in slowest.iter().enumerate() {
            check(t, &ids, &format!("{name} slowest {i}"));
        }
        assert!(slowest
            .windows(2)
            .all(|p| p[0].latency_ms >= p[1].latency_ms));
        let max = sim.snapshot().latency_all.max;
        let top = slowest[0].latency_ms;
        assert!(
            top >= max && top - max < HIST_US,
            "{name}: slowest {top} ms, run max {max} ms"
        );
    }
}

#[test]
fn the_sharded_design_traces_the_router_and_the_shard_and_their_way_back() {
    let s = builtin("10-sharding.json");
    let mut sim = sim(&s);
    sim.keep_slowest(200);
    sim.run_until(10_000.0);
    let db = sim
        .slowest(200)
        .into_iter()
        .find(|t| t.path().contains(&"router"))
        .expect("a slow request went through the shard router");
    let path = db.path();
    let at = |id: &str| path.iter().position(|p| *p == id);
    assert!(
        at("router")
            > at("web-1")
                .min(at("web-2"))
                .min(at("web-3"))
                .min(at("web-4"))
    );
    let router = db
        .spans
        .iter()
        .position(|s| s.node == "router" && s.phase == Phase::Network)
        .expect("the web server calls the router");
    let shard = &db.spans[router + 2];
    assert_eq!(shard.phase, Phase::Network, "{db:#?}");
    assert_eq!(shard.from.as_deref(), Some("router"));
    assert!(shard.node.starts_with("shard-"), "{db:#?}");
    // The way back goes from the shard to the web server that called.
    let back = db
        .spans
        .iter()
        .find(|s| s.phase == Phase::Network && s.from.as_deref() == Some(shard.node.as_str()))
        .expect("a way back from the shard");
    assert!(back.node.starts_with("web-"), "{db:#?}");
}

/// users -10 ms-> lb -1 ms-> web (5 ms) -2 ms-> db (3 ms), constant service, no queueing.
fn line() -> Scenario {
    let mut u = users("u", 5.0, reads());
    u.arrival = Some(Arrival::Constant);
    let lb = Node::new("lb", Kind::LoadBalancer, 0.0, 0.0);
    let web = server("web", Kind::WebServer, 4, Dist::Constant, 5.0);
    let db = server("db", Kind::Database, 4, Dist::Constant, 3.0);
    let w = |a: &str, b: &str, ms: f64| Wire {
        latency_ms: Some(ms),
        ..wire(a, b)
    };
    scenario(
        vec![u, lb, web, db],
        vec![w("u", "lb", 10.0), w("lb", "web", 1.0), w("web", "db", 2.0)],
    )
}

#[test]
fn a_request_asked_for_is_traced_hop_by_hop_with_tracing_off() {
    let mut sim = sim(&line());
    sim.run_until(1_000.0);
    assert!(!sim.tracing());
    assert!(sim
        .trace_next(Some("lb"))
        .is_err_and(|e| e.contains("\"lb\"")));
    sim.trace_next(Some("u")).expect("u is a users node");
    sim.run_until(2_000.0);
    let traced = sim.take_traced();
    assert_eq!(traced.len(), 1, "{traced:#?}");
    let t = &traced[0];
    // 5 requests/s at constant gaps: one every 200 ms, the first at 0; the one at 1 s was
    // sent by `run_until(1_000.0)`, before the ask.
    assert_eq!(t.sent_ms, 1_200.0);
    let rows = rows(t);
    use Phase::*;
    assert_eq!(
        rows,
        [
            (Network, "lb", Some("u"), 0.0, 10.0),
            (Service, "lb", None, 10.0, 10.0),
            (Network, "web", Some("lb"), 10.0, 11.0),
            (Service, "web", None, 11.0, 16.0),
            (Network, "db", Some("web"), 16.0, 18.0),
            (Service, "db", None, 18.0, 21.0),
            (Network, "web", Some("db"), 21.0, 23.0),
            (Network, "u", Some("web"), 23.0, 34.0),
        ]
    );
    assert_eq!(t.latency_ms, 34.0);
    assert_eq!(t.ending, Ending::Ok);
    assert_eq!(t.path(), ["u", "lb", "web", "db"]);
    assert_eq!(t.totals(), [26.0, 0.0, 8.0, 0.0]);
    // Only the one request was recorded, and nothing more is.
    assert!(sim.footprint().trace_buffers <= 2);
    sim.run_until(3_000.0);
    assert!(sim.take_traced().is_empty());
}

#[test]
fn a_request_to_a_dead_server_is_traced_to_its_failure_and_back() {
    let mut s = line();
    s.faults.push(fault(0.5, Action::Fail, "web"));
    let mut sim = sim(&s);
    sim.run_until(1_000.0);
    sim.trace_next(None).expect("the design has users");
    sim.run_until(2_000.0);
    let traced = sim.take_traced();
    let t = &traced[0];
    // The load balancer has not health-checked the dead server yet (its first check is at
    // 2 s by default): the request goes there and the error comes back the same way.
    assert_eq!(t.ending, Ending::NodeDown, "{t:#?}");
    assert_eq!(t.attempts[0].failed_at.as_deref(), Some("web"));
    assert_eq!(t.latency_ms, 22.0, "{t:#?}");
    check(t, &ids(&sim), "dead server");
    assert_eq!(t.spans.last().map(|s| s.node.as_str()), Some("u"));
}

/// A cache that is down is passed over, not served: the read's trace marks the wire to the
/// cache as reaching a node that was down, shows no service there, and goes on to the database
/// (05-cache falls back, `on_down: fallback`); before the fault no span is marked.
#[test]
fn a_failed_cache_shows_in_the_trace_as_down_and_the_read_goes_on_to_the_database() {
    let mut s = builtin("05-cache.json");
    s.faults.clear();
    s.faults.push(fault(2.0, Action::Fail, "cache"));
    let mut sim = sim(&s);
    sim.set_tracing(true);
    sim.run_until(1_900.0);
    let before = sim
        .exemplar(None)
        .expect("a window closed before the fault");
    assert!(before.spans.iter().all(|sp| !sp.down), "{before:#?}");
    sim.run_until(2_100.0);
    let mut reads = Vec::new();
    while reads.is_empty() {
        sim.trace_next(None).expect("the design has users");
        let t = sim.now() + 500.0;
        sim.run_until(t);
        reads.extend(sim.take_traced().into_iter().filter(|t| t.class == "read"));
        assert!(
            sim.now() < 30_000.0,
            "no read traced in 28 s after the cache failed"
        );
    }
    let t = &reads[0];
    check(t, &ids(&sim), "failed cache");
    let at_cache = t
        .spans
        .iter()
        .position(|sp| sp.phase == Phase::Network && sp.node == "cache")
        .unwrap_or_else(|| panic!("the read never went to the cache: {t:#?}"));
    assert!(
        t.spans[at_cache].down,
        "the wire to the dead cache is not marked down: {t:#?}"
    );
    assert!(
        !t.spans
            .iter()
            .any(|sp| sp.node == "cache" && sp.phase != Phase::Network),
        "a dead cache waited or served: {t:#?}"
    );
    assert_eq!(
        t.ending,
        Ending::Ok,
        "the read falls back and is answered: {t:#?}"
    );
    assert!(
        t.spans[at_cache..]
            .iter()
            .any(|sp| sp.phase == Phase::Service && sp.node.starts_with("db")),
        "the read did not go on to the database: {t:#?}"
    );
    assert_eq!(t.spans.iter().filter(|sp| sp.down).count(), 1, "{t:#?}");
}

#[test]
fn retries_continue_one_trace_and_an_orphan_stops_at_its_deadline() {
    // One web server of 100 requests/s at 70 requests/s, a spike to 210 at 10 s for 5 s,
    // clients that give up after 500 ms and retry 3 times after 50 ms, 100 ms, 200 ms.
    let mut u = users("u", 70.0, reads());
    u.timeout_ms = Some(500.0);
    u.retries = Some(3);
    u.backoff_ms = Some(50.0);
    let mut s = scenario(
        vec![u, server("web", Kind::WebServer, 1, Dist::Constant, 10.0)],
        vec![wire("u", "web")],
    );
    s.faults.push(Fault {
        factor: Some(3.0),
        duration_s: Some(5.0),
        ..fault(10.0, Action::Spike, "u")
    });
    let mut sim = sim(&s);
    sim.keep_slowest(10);
    sim.run_until(30_000.0);
    let ids = ids(&sim);
    let slowest = sim.slowest(10);
    let t = &slowest[0];
    check(t, &ids, "retry storm");
    assert_eq!(t.attempts.len(), 4, "{t:#?}");
    for (k, a) in t.attempts.iter().enumerate().take(3) {
        assert_eq!(a.ending, Ending::Timeout, "{t:#?}");
        // Each attempt starts after the previous one's backoff and times out 500 ms later.
        let start = t
            .spans
            .iter()
            .find(|s| usize::from(s.attempt) == k && s.phase != Phase::Backoff)
            .map_or(f64::NAN, |s| s.start_ms);
        assert!(
            (a.at_ms - start - 500.0).abs() < 1e-9,
            "attempt {k}: {t:#?}"
        );
        if k > 0 {
            let backoff = t.spans.iter().find(|s| usize::from(s.attempt) == k);
            let b = backoff.map_or(0.0, |s| s.end_ms - s.start_ms);
            assert!(
                b >= 50.0 * f64::from(1 << (k - 1)) - 1e-9,
                "attempt {k}: {t:#?}"
            );
        }
    }
    // The timed-out attempts were still queued at the server: their wait is cut at the
    // deadline, and the server's later work on them is not in the trace.
    assert!(t
        .spans
        .iter()
        .any(|s| s.phase == Phase::Queue && s.end_ms == t.attempts[0].at_ms));
    assert!(t.latency_ms > 1_500.0 + 50.0 + 100.0 + 200.0 - 1e-9);
    assert!(t.totals()[3] >= 350.0 - 1e-9, "backoff total: {t:#?}");
}

/// Digest after `ms` with tracing as `setup` leaves it.
fn digest_with(s: &Scenario, ms: f64, setup: impl Fn(&mut Sim)) -> u64 {
    let mut sim = sim(s);
    setup(&mut sim);
    let mut t = 0.0;
    while t < ms {
        t += 700.0;
        sim.run_until(t.min(ms));
        // Asked traces are taken as they end, as the page does.
        let _ = sim.take_traced();
        setup(&mut sim);
    }
    digest(&sim.snapshot())
}

#[test]
fn tracing_changes_no_result() {
    let fixture = load(DETERMINISM_FIXTURE).expect("fixture loads");
    let off = digest_with(&fixture, DETERMINISM_RUN_MS, |_| {});
    assert_eq!(off, determinism_digest());
    assert_eq!(
        digest_with(&fixture, DETERMINISM_RUN_MS, |s| s.keep_slowest(5)),
        off
    );
    assert_eq!(
        digest_with(&fixture, DETERMINISM_RUN_MS, |s| {
            let _ = s.trace_next(None);
        }),
        off
    );
    // Retry-heavy: overloaded, every failure retried twice.
    let mut u = users("u", 2000.0, reads());
    u.retries = Some(2);
    u.backoff_ms = Some(50.0);
    u.timeout_ms = Some(300.0);
    let mut web = server("web", Kind::WebServer, 1, Dist::Exponential, 1.0);
    web.queue_capacity = Some(200);
    let storm = scenario(vec![u, web], vec![wire("u", "web")]);
    let off = digest_with(&storm, 10_000.0, |_| {});
    assert_eq!(digest_with(&storm, 10_000.0, |s| s.set_tracing(true)), off);
    let mut sim = sim(&storm);
    sim.run_until(10_000.0);
    assert!(sim.snapshot().counts.retries > 5_000, "the storm retries");
}

#[test]
fn kept_traces_stay_bounded_and_old_windows_say_so() {
    let mut s = load(DETERMINISM_FIXTURE).expect("fixture loads");
    // 20 ms windows: the 600-window ring wraps every 12 s.
    s.window_ms = 20.0;
    let mut sim = sim(&s);
    assert!(sim.exemplar(None).is_err_and(|e| e.contains("off")));
    sim.keep_slowest(10);
    assert!(sim
        .exemplar(None)
        .is_err_and(|e| e.contains("closes at 0.02 s")));
    // The fixture's faults (web-2 lost at 15 s, a spike at 16 s) pile up requests in flight
    // until about 24 s; from then the buffers are reused: at most one per request slot, one
    // per kept window and one per kept slowest, plus the open window's.
    sim.run_until(25_000.0);
    let early = sim.footprint();
    sim.run_until(40_000.0);
    let late = sim.footprint();
    assert_eq!(
        late.trace_buffers, early.trace_buffers,
        "{early:?} -> {late:?}"
    );
    assert!(
        late.trace_buffers <= late.request_slots + 600 + 10 + 2,
        "{late:?}"
    );
    let oldest = sim.series().next().map_or(0.0, |w| w.start_ms);
    assert!(oldest > 27_000.0);
    assert!(sim
        .exemplar(Some(1_000.0))
        .is_err_and(|e| e.contains("older than the 600 kept")));
    assert!(sim
        .exemplar(Some(41_000.0))
        .is_err_and(|e| e.contains("not closed yet")));
    assert!(sim.exemplar(None).is_ok());
    sim.set_tracing(false);
    assert!(sim.slowest(10).is_empty());
}

#[test]
fn with_retries_and_faults_a_window_exemplar_lies_between_its_successes_and_all_attempts() {
    // The fixture retries once and loses its cache and a web server: a failed attempt that is
    // retried is recorded in its window but its request ends later, so the exemplar may be
    // below `latency_all.max`, never below the slowest success (every success ends a request).
    let fixture = load(DETERMINISM_FIXTURE).expect("fixture loads");
    let mut sim = sim(&fixture);
    sim.keep_slowest(50);
    sim.run_until(DETERMINISM_RUN_MS);
    let ids = ids(&sim);
    let mut failed = 0;
    for w in sim.series() {
        let t = sim
            .exemplar(Some(w.end_ms))
            .expect("every window ended requests");
        check(&t, &ids, &format!("fixture window {}", w.end_ms));
        assert!(t.latency_ms >= w.latency.max, "window {}", w.end_ms);
        assert!(
            t.latency_ms < w.latency_all.max + HIST_US,
            "window {}",
            w.end_ms
        );
        failed += usize::from(t.ending != Ending::Ok);
    }
    let slowest = sim.slowest(50);
    for (i, t) in slowest.iter().enumerate() {
        check(t, &ids, &format!("fixture slowest {i}"));
    }
    assert!(failed > 0, "some window's slowest request failed");
    assert!(
        slowest.iter().any(|t| t.attempts.len() == 2),
        "a slow one was retried"
    );
}

#[test]
fn a_request_still_travelling_at_its_deadline_ends_its_trace_on_the_wire() {
    // 600 ms to the server, a client that gives up after 500 ms: every attempt times out on
    // its way there.
    let mut u = users("u", 10.0, reads());
    u.timeout_ms = Some(500.0);
    let web = server("web", Kind::WebServer, 1, Dist::Constant, 1.0);
    let far = Wire {
        latency_ms: Some(600.0),
        ..wire("u", "web")
    };
    let mut sim = sim(&scenario(vec![u, web], vec![far]));
    sim.trace_next(None).expect("users");
    sim.run_until(3_000.0);
    let traced = sim.take_traced();
    let t = &traced[0];
    check(t, &ids(&sim), "far");
    let rows = rows(t);
    assert_eq!(rows, [(Phase::Network, "web", Some("u"), 0.0, 500.0)]);
    assert_eq!((t.ending, t.latency_ms), (Ending::Timeout, 500.0));
}
