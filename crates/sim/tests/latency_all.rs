//! Latency that tells the truth when requests fail: every finished attempt is measured
//! (`latency_all`), failures at the moment the client learned of them, and `good_ratio` counts
//! what users experienced as working (ok within `slo_ms`).

mod common;
use common::*;
use scaleboard_sim::*;

/// A wire with a one-way latency [ms].
fn slow_wire(from: &str, to: &str, ms: f64) -> Wire {
    Wire {
        latency_ms: Some(ms),
        ..wire(from, to)
    }
}

/// Users sending `rate` reads/s at evenly spaced times, giving up after `timeout_ms`.
fn steady_users(rate: f64, timeout_ms: f64) -> Node {
    Node {
        arrival: Some(Arrival::Constant),
        timeout_ms: Some(timeout_ms),
        ..users("u", rate, reads())
    }
}

#[test]
fn a_saturated_server_whose_requests_time_out_reports_its_timeout_as_p99_of_all() {
    // 200 requests/s into one worker that serves 100/s (constant 10 ms), with room to queue
    // them all: after a few seconds every request waits longer than the 500 ms timeout.
    let s = scenario(
        vec![
            steady_users(200.0, 500.0),
            server("web", Kind::WebServer, 1, Dist::Constant, 10.0),
        ],
        vec![wire("u", "web")],
    );
    let mut sim = sim(&s);
    sim.run_until(5_000.0);
    sim.reset_metrics();
    sim.run_until(25_000.0);
    let snap = sim.snapshot();
    let c = snap.counts;
    assert_eq!(c.ok, 0, "nothing is answered in time: {c:?}");
    assert!(c.timeout > 3_900, "200/s for 20 s time out: {c:?}");
    assert_eq!(snap.latency.count, 0, "no successful request to measure");
    // Every attempt ends at its 500 ms deadline: the percentiles read it exactly.
    let all = snap.latency_all;
    assert_eq!(
        all.count,
        c.finished(),
        "every finished attempt is measured"
    );
    assert_eq!((all.p50, all.p99, all.max), (500.0, 500.0, 500.0));
    assert_eq!(snap.good_ratio, 0.0);
    assert_eq!(snap.error_ratio, 1.0);
    // Each closed window says the same.
    let windows: Vec<&Window> = sim.series().filter(|w| w.start_ms >= 5_000.0).collect();
    assert_eq!(windows.len(), 20);
    for w in windows {
        assert_eq!(w.latency.count, 0, "window at {} ms", w.start_ms);
        assert_eq!(w.latency_all.p99, 500.0, "window at {} ms", w.start_ms);
        assert_eq!(w.good_ratio, 0.0);
    }
}

#[test]
fn good_ratio_counts_answers_within_the_objective_as_m_m_1_predicts() {
    // M/M/1 at rho 0.9 (90 requests/s, 10 ms exponential): the response time is exponential
    // with rate mu - lambda = 0.01 /ms, so P(T <= 300 ms) = 1 - e^-3 = 0.9502. The 1 s
    // timeout cuts off e^-10 (0.005 %) of requests: good = ok within 300 ms.
    let s = scenario(
        vec![
            Node {
                slo_ms: Some(300.0),
                timeout_ms: Some(1_000.0),
                arrival: Some(Arrival::Poisson),
                ..users("u", 90.0, reads())
            },
            server("web", Kind::WebServer, 1, Dist::Exponential, 10.0),
        ],
        vec![wire("u", "web")],
    );
    let snap = measure(&s, 100.0, 20_000.0);
    let c = snap.counts;
    assert!(c.finished() > 1_700_000, "{c:?}");
    assert!(c.good < c.ok, "some successes are slower than 300 ms");
    assert_eq!(
        snap.good_ratio,
        c.good as f64 / c.finished() as f64,
        "good_ratio is good / finished attempts"
    );
    // Successive response times are correlated at rho 0.9: 1 % tolerance on 1.8 M requests.
    assert_close("good ratio", snap.good_ratio, 1.0 - (-3.0f64).exp(), 0.01);
    assert!(c.timeout < c.finished() / 1_000, "{c:?}");
    // Reads are the only class: theirs is the whole run's, and the others sent nothing.
    let g = &snap.good_ratio_by_class;
    assert_eq!(g.read, Some(snap.good_ratio));
    assert_eq!((g.static_asset, g.write, g.job), (None, None, None));
}

#[test]
fn with_nothing_failing_latency_all_equals_latency() {
    let mut cache = server("cache", Kind::Cache, 64, Dist::Constant, 1.0);
    cache.hit_ratio = Some(0.8);
    let s = scenario(
        vec![
            users(
                "u",
                500.0,
                Mix {
                    static_asset: 0.2,
                    read: 0.5,
                    write: 0.2,
                    job: 0.1,
                },
            ),
            server("web", Kind::WebServer, 16, Dist::Exponential, 5.0),
            cache,
            server("db", Kind::Database, 16, Dist::Exponential, 8.0),
            Node::new("mq", Kind::MessageQueue, 0.0, 0.0),
            server("jobs", Kind::Worker, 8, Dist::Exponential, 10.0),
        ],
        vec![
            slow_wire("u", "web", 20.0),
            slow_wire("web", "cache", 0.5),
            slow_wire("web", "db", 1.0),
            wire("web", "mq"),
            wire("mq", "jobs"),
        ],
    );
    let mut sim = sim(&s);
    sim.run_until(30_000.0);
    let snap = sim.snapshot();
    assert_eq!(snap.counts.errors(), 0, "{:?}", snap.counts);
    assert!(snap.latency.count > 14_000);
    assert_eq!(snap.latency_all, snap.latency);
    assert_eq!(snap.by_class_all, snap.by_class);
    assert_eq!(snap.good_ratio, 1.0);
    for (class, g) in ["static", "read", "write", "job"]
        .iter()
        .zip(snap.good_ratio_by_class.each())
    {
        assert_eq!(*g, Some(1.0), "{class}");
    }
    for w in sim.series() {
        assert_eq!(w.latency_all, w.latency, "window at {} ms", w.start_ms);
        assert_eq!(w.good_ratio, 1.0, "window at {} ms", w.start_ms);
    }
}

#[test]
fn a_rejection_counts_when_the_error_is_back_at_the_client() {
    // Users -(5 ms)- load balancer -(3 ms)- one worker, no queue, 130 ms per request; a request
    // every 50 ms. Each served request keeps the worker for 130 ms, so the next two find it
    // busy and are rejected: 1 in 3 ok at 2 x 8 + 130 = 146 ms, 2 in 3 rejected, their 503
    // back at the client after the 16 ms round trip.
    let mut web = server("web", Kind::WebServer, 1, Dist::Constant, 130.0);
    web.queue_capacity = Some(0);
    let s = scenario(
        vec![
            steady_users(20.0, 2_000.0),
            Node::new("lb", Kind::LoadBalancer, 0.0, 0.0),
            web,
        ],
        vec![slow_wire("u", "lb", 5.0), slow_wire("lb", "web", 3.0)],
    );
    let mut sim = sim(&s);
    sim.run_until(60_000.0);
    let snap = sim.snapshot();
    let c = snap.counts;
    assert!(c.ok >= 399 && c.ok <= 401, "{c:?}");
    assert!(c.rejected >= 798 && c.rejected <= 801, "{c:?}");
    assert_close("ok latency [ms]", snap.latency.p99, 146.0, 0.001);
    let all = snap.latency_all;
    assert_eq!(all.count, c.ok + c.rejected);
    assert_close("p50 of all: a rejection [ms]", all.p50, 16.0, 0.001);
    assert_close("p90 of all: a success [ms]", all.p90, 146.0, 0.001);
    let mean = (c.ok as f64 * 146.0 + c.rejected as f64 * 16.0) / all.count as f64;
    assert_close("mean of all [ms]", all.mean, mean, 0.001);
    assert_eq!(snap.good_ratio, c.ok as f64 / all.count as f64);
}

/// Users -(5 ms)- web -(7 ms)- database, with the database failed from the start.
fn dead_database(timeout_ms: f64) -> Scenario {
    let mut s = scenario(
        vec![
            steady_users(50.0, timeout_ms),
            server("web", Kind::WebServer, 4, Dist::Constant, 1.0),
            server("db", Kind::Database, 4, Dist::Constant, 1.0),
        ],
        vec![slow_wire("u", "web", 5.0), slow_wire("web", "db", 7.0)],
    );
    s.faults.push(fault(0.0, Action::Fail, "db"));
    s
}

#[test]
fn a_down_database_fails_reads_after_the_error_travels_back_through_the_web_server() {
    // To the dead database: 5 ms + 1 ms of web service + 7 ms; back: 7 + 5 ms = 25 ms.
    let snap = measure(&dead_database(2_000.0), 1.0, 20.0);
    let c = snap.counts;
    assert_eq!(c.ok, 0);
    assert!(c.node_down >= 999, "{c:?}");
    assert_eq!(c.timeout, 0);
    for (q, v) in [("p50", snap.latency_all.p50), ("max", snap.latency_all.max)] {
        assert_close(&format!("latency_all {q} [ms]"), v, 25.0, 0.001);
    }
    // Per class: reads are the only class here.
    assert_eq!(snap.by_class_all.read, snap.latency_all);
    assert_eq!(snap.by_class.read.count, 0);
    assert_eq!(snap.good_ratio_by_class.read, Some(0.0));
}

#[test]
fn an_error_that_would_arrive_after_the_deadline_is_a_timeout_at_the_deadline() {
    // Same path, but the client gives up after 20 ms: the 25 ms error finds nobody waiting.
    let snap = measure(&dead_database(20.0), 1.0, 20.0);
    let c = snap.counts;
    assert_eq!(c.node_down, 0, "{c:?}");
    assert!(c.timeout >= 999, "{c:?}");
    assert_close("latency_all max [ms]", snap.latency_all.max, 20.0, 0.001);
    assert_close("latency_all p50 [ms]", snap.latency_all.p50, 20.0, 0.001);
}

#[test]
fn a_retry_waits_its_backoff_from_when_the_client_learned_of_the_failure() {
    // The 25 ms error, then a 100 ms backoff, then a second 25 ms error: measured from the
    // first attempt, the second failure reaches the user at 150 ms.
    let mut s = dead_database(2_000.0);
    s.nodes[0].retries = Some(1);
    s.nodes[0].backoff_ms = Some(100.0);
    let snap = measure(&s, 1.0, 20.0);
    let c = snap.counts;
    assert!(c.retries >= 999 && c.node_down >= 1998, "{c:?}");
    assert_close("first failures [ms]", snap.latency_all.p50, 25.0, 0.001);
    assert_close("second failures [ms]", snap.latency_all.max, 150.0, 0.001);
}
