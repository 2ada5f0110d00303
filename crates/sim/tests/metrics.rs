//! Metrics: latency per request class, percentile accuracy, fixed windows that add up to the
//! totals, and memory that does not grow with run length.

mod common;
use common::*;
use scaleboard_sim::*;

fn constant(id: &str, kind: Kind, mean_ms: f64) -> Node {
    server(id, kind, 256, Dist::Constant, mean_ms)
}

/// Each class takes its own path through constant-time servers with room to spare, so each
/// class's latency is a known constant: static 2 ms (web only), read 3 ms (web + cache hit),
/// write 7 ms (web + database), job 2 ms (web, then acknowledged by the queue).
fn classes() -> Scenario {
    let mut u = users(
        "u",
        400.0,
        Mix {
            static_asset: 0.1,
            read: 0.5,
            write: 0.3,
            job: 0.1,
        },
    );
    u.arrival = Some(Arrival::Poisson);
    let mut cache = constant("cache", Kind::Cache, 1.0);
    cache.hit_ratio = Some(1.0);
    scenario(
        vec![
            u,
            constant("web", Kind::WebServer, 2.0),
            cache,
            constant("db", Kind::Database, 5.0),
            Node::new("mq", Kind::MessageQueue, 0.0, 0.0),
            server("jobs", Kind::Worker, 8, Dist::Exponential, 10.0),
        ],
        vec![
            wire("u", "web"),
            wire("web", "cache"),
            wire("web", "db"),
            wire("web", "mq"),
            wire("mq", "jobs"),
        ],
    )
}

#[test]
fn latency_is_reported_per_request_class() {
    let snap = measure(&classes(), 5.0, 400.0);
    let b = &snap.by_class;
    // HdrHistogram with 3 significant digits: within 0.1 % of the true value.
    for (name, l, ms) in [
        ("static", &b.static_asset, 2.0),
        ("read", &b.read, 3.0),
        ("write", &b.write, 7.0),
        ("job", &b.job, 2.0),
    ] {
        for (q, v) in [
            ("p50", l.p50),
            ("p90", l.p90),
            ("p99", l.p99),
            ("p999", l.p999),
            ("max", l.max),
            ("mean", l.mean),
        ] {
            assert_close(&format!("{name} {q} [ms]"), v, ms, 0.001);
        }
    }
    // Counts split by the mix (160,000 requests: 3 % is four standard deviations for the rarest).
    let total = snap.latency.count as f64;
    for (name, l, share) in [
        ("static", &b.static_asset, 0.1),
        ("read", &b.read, 0.5),
        ("write", &b.write, 0.3),
        ("job", &b.job, 0.1),
    ] {
        assert_close(
            &format!("{name} share"),
            l.count as f64 / total,
            share,
            0.03,
        );
    }
    assert_eq!(
        b.static_asset.count + b.read.count + b.write.count + b.job.count,
        snap.latency.count,
        "every success is counted in exactly one class"
    );
    // Overall: 20 % at 2 ms, 50 % at 3 ms, 30 % at 7 ms.
    assert_close("overall p50 [ms]", snap.latency.p50, 3.0, 0.001);
    assert_close("overall p90 [ms]", snap.latency.p90, 7.0, 0.001);
    assert_close(
        "overall mean [ms]",
        snap.latency.mean,
        (0.2 * 2.0 + 0.5 * 3.0 + 0.3 * 7.0) / 1.0,
        0.01,
    );
}

#[test]
fn every_percentile_matches_the_exact_m_m_1_response_time_distribution() {
    // M/M/1: the response time is exponential with rate mu - lambda, so every quantile has a
    // closed form: -ln(1 - p) / (mu - lambda). One worker, 10 ms, 50 requests/s: rho 0.5.
    let s = scenario(
        vec![
            users("u", 50.0, reads()),
            server("web", Kind::WebServer, 1, Dist::Exponential, 10.0),
        ],
        vec![wire("u", "web")],
    );
    let snap = measure(&s, 50.0, 20_000.0);
    let theta = 1.0 / 10.0 - 50.0 / 1000.0; // [1/ms]
    let q = |p: f64| -(1.0 - p).ln() / theta;
    let l = snap.latency;
    // One million requests. Tolerances: 1.5 % to p99, 3 % at p99.9 (about a thousand samples
    // lie beyond it, and successive response times are correlated).
    assert_close("mean [ms]", l.mean, 1.0 / theta, 0.015);
    assert_close("p50 [ms]", l.p50, q(0.5), 0.015);
    assert_close("p90 [ms]", l.p90, q(0.9), 0.015);
    assert_close("p95 [ms]", l.p95, q(0.95), 0.015);
    assert_close("p99 [ms]", l.p99, q(0.99), 0.015);
    assert_close("p99.9 [ms]", l.p999, q(0.999), 0.03);
}

#[test]
fn windows_have_the_configured_width_and_add_up_to_the_totals() {
    let mut s = classes();
    s.window_ms = 250.0;
    let mut sim = sim(&s);
    sim.run_until(20_000.0);
    let windows: Vec<&Window> = sim.series().collect();
    assert_eq!(windows.len(), 80, "20 s in 250 ms windows");
    for (i, w) in windows.iter().enumerate() {
        assert_eq!(w.start_ms, i as f64 * 250.0);
        assert_eq!(w.end_ms - w.start_ms, 250.0);
    }
    let snap = sim.snapshot();
    let sum = |f: &dyn Fn(&Window) -> u64| windows.iter().map(|w| f(w)).sum::<u64>();
    assert_eq!(sum(&|w| w.counts.ok), snap.counts.ok);
    assert_eq!(sum(&|w| w.latency.count), snap.latency.count);
    for (i, n) in snap.nodes.iter().enumerate() {
        assert_eq!(sum(&|w| w.nodes[i].arrivals), n.arrivals, "{}", n.id);
        // Time-averaged utilisation over equal windows averages to the run's.
        let mean_util =
            windows.iter().map(|w| w.nodes[i].utilization).sum::<f64>() / windows.len() as f64;
        assert!(
            (mean_util - n.utilization).abs() < 1e-9,
            "{}: {mean_util} vs {}",
            n.id,
            n.utilization
        );
    }
}

/// Users -> DNS (TTL 5 s) -> a web server in each of two data centers; the east one fails and
/// comes back every 10 s for as long as the run lasts.
fn flapping(run_s: u32) -> Scenario {
    let dc = |id: &str, region: &str| DataCenter {
        id: id.into(),
        name: id.into(),
        region: region.into(),
        x: 0.0,
        y: 0.0,
        w: 100.0,
        h: 100.0,
    };
    let mut u = users("u", 1000.0, reads());
    u.region = Some("east".into());
    u.timeout_ms = Some(2000.0);
    u.retries = Some(1);
    let mut dns = Node::new("dns", Kind::Dns, 0.0, 0.0);
    dns.ttl_s = Some(5.0);
    let mut east = server("web-east", Kind::WebServer, 16, Dist::Exponential, 5.0);
    east.dc = Some("dc-east".into());
    let mut west = server("web-west", Kind::WebServer, 16, Dist::Exponential, 5.0);
    west.dc = Some("dc-west".into());
    let mut s = scenario(
        vec![u, dns, east, west],
        vec![
            wire("u", "dns"),
            wire("dns", "web-east"),
            wire("dns", "web-west"),
        ],
    );
    s.data_centers = vec![dc("dc-east", "east"), dc("dc-west", "west")];
    for k in 0..run_s / 10 {
        let action = if k % 2 == 0 {
            Action::DcOutage
        } else {
            Action::DcRestore
        };
        s.faults.push(Fault {
            dc: Some("dc-east".into()),
            node: None,
            ..fault(f64::from(k * 10 + 5), action, "")
        });
    }
    s
}

#[test]
fn memory_does_not_grow_with_run_length() {
    let s = flapping(3000);
    let mut sim = sim(&s);
    sim.run_until(300_000.0);
    let early = sim.footprint();
    sim.run_until(3_000_000.0);
    let late = sim.footprint();
    let snap = sim.snapshot();
    assert!(snap.counts.ok > 2_500_000, "{:?}", snap.counts);
    assert!(snap.counts.node_down > 1000, "the outages fail requests");
    // Ten times longer, with 300 outages and restores: the same footprint, give or take
    // what happens to be in flight at the moment of measuring.
    assert_eq!(
        late.windows, WINDOW_RING,
        "the chart ring is full and bounded"
    );
    assert!(late.dc_changes <= 3, "{late:?}");
    assert!(
        late.request_slots <= early.request_slots + early.request_slots / 2 + 64,
        "request slots grew: {early:?} -> {late:?}"
    );
    assert!(
        late.pending_events <= early.pending_events * 2 + 64,
        "{early:?} -> {late:?}"
    );
    assert!(
        late.pending_deadlines <= early.pending_deadlines * 2 + 64,
        "{early:?} -> {late:?}"
    );
}
