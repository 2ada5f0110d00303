//! One test per fault semantic: the scenario in, the expected numbers out.

mod common;
use common::*;
use scaleboard_sim::*;

/// Sum of `f` over the closed windows that start in [from_s, to_s).
fn windows_sum(sim: &Sim, from_s: f64, to_s: f64, f: impl Fn(&Window) -> f64) -> f64 {
    sim.series()
        .filter(|w| w.start_ms >= from_s * 1000.0 && w.start_ms < to_s * 1000.0)
        .map(f)
        .sum()
}

fn index(s: &Scenario, id: &str) -> usize {
    s.nodes
        .iter()
        .position(|n| n.id == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

#[test]
fn cache_down_sends_read_rate_times_hit_ratio_more_to_the_database() {
    let (rate, hit) = (1000.0, 0.8);
    let mut cache = server("cache", Kind::Cache, 64, Dist::Constant, 1.0);
    cache.hit_ratio = Some(hit);
    let mut s = scenario(
        vec![
            users("u", rate, reads()),
            server("web", Kind::WebServer, 64, Dist::Exponential, 2.0),
            cache,
            server("db", Kind::Database, 64, Dist::Exponential, 5.0),
        ],
        vec![wire("u", "web"), wire("web", "cache"), wire("web", "db")],
    );
    s.faults.push(fault(30.0, Action::Fail, "cache"));
    let db = index(&s, "db");
    let mut sim = sim(&s);
    sim.run_until(60_000.0);
    let per_s =
        |from, to| windows_sum(&sim, from, to, |w| w.nodes[db].arrivals as f64) / (to - from);
    let (before, after) = (per_s(5.0, 30.0), per_s(31.0, 60.0));
    // Expected rise: read rate x hit ratio = 800 requests/s. Tolerance 3 %.
    assert_close(
        "database arrivals before [1/s]",
        before,
        rate * (1.0 - hit),
        0.03,
    );
    assert_close(
        "rise of database arrivals [1/s]",
        after - before,
        rate * hit,
        0.03,
    );
    // Fallback (the default): reads still succeed.
    assert_eq!(sim.snapshot().counts.node_down, 0);
}

#[test]
fn primary_lost_fails_writes_for_exactly_the_failover_time() {
    let failover_ms = 5000.0;
    let mut primary = server("db", Kind::Database, 16, Dist::Exponential, 2.0);
    primary.failover_ms = Some(failover_ms);
    let mut replica = server("db-r", Kind::Database, 16, Dist::Exponential, 2.0);
    replica.role = Some(Role::Replica);
    let mut s = scenario(
        vec![
            users("u", 500.0, writes()),
            server("web", Kind::WebServer, 32, Dist::Exponential, 2.0),
            primary,
            replica,
        ],
        vec![wire("u", "web"), wire("web", "db"), wire("db", "db-r")],
    );
    s.window_ms = 100.0;
    s.faults.push(fault(10.0, Action::Fail, "db"));
    let mut sim = sim(&s);
    sim.run_until(20_000.0);
    // Every write between 10 s and 15 s fails; none after; the replica is now primary.
    let failing: Vec<&Window> = sim.series().filter(|w| w.counts.node_down > 0).collect();
    let first = failing.first().map_or(0.0, |w| w.start_ms);
    let last = failing.last().map_or(0.0, |w| w.end_ms);
    assert_close("first failing window [ms]", first, 10_000.0, 1e-9);
    assert_close(
        "end of last failing window [ms]",
        last,
        10_000.0 + failover_ms,
        1e-9,
    );
    let ok_during = windows_sum(&sim, 10.1, 14.9, |w| w.counts.ok as f64);
    assert_eq!(ok_during, 0.0, "no write may succeed during failover");
    assert!(windows_sum(&sim, 15.0, 20.0, |w| w.counts.ok as f64) > 2000.0);
    let snap = sim.snapshot();
    assert_eq!(node(&snap, "db-r").role, Some(Role::Primary));
}

#[test]
fn dc_outage_keeps_traffic_on_the_dead_dc_until_dns_ttl_expires() {
    let (rate, ttl_s) = (1000.0, 10.0);
    let dc = |id: &str, region: &str| DataCenter {
        id: id.into(),
        name: id.into(),
        region: region.into(),
        x: 0.0,
        y: 0.0,
        w: 100.0,
        h: 100.0,
    };
    let mut u = users("u", rate, reads());
    u.region = Some("east".into());
    let mut dns = Node::new("dns", Kind::Dns, 0.0, 0.0);
    dns.ttl_s = Some(ttl_s);
    let mut east = server("web-east", Kind::WebServer, 64, Dist::Exponential, 2.0);
    east.dc = Some("dc-east".into());
    let mut west = server("web-west", Kind::WebServer, 64, Dist::Exponential, 2.0);
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
    s.faults.push(Fault {
        dc: Some("dc-east".into()),
        node: None,
        ..fault(20.0, Action::DcOutage, "")
    });
    let mut sim = sim(&s);
    sim.run_until(40_000.0);
    let errors = |a, b| windows_sum(&sim, a, b, |w| w.counts.node_down as f64);
    // Clients' cached answers expire uniformly over one TTL: about rate x TTL / 2 errors.
    assert_close(
        "errors while answers expire",
        errors(20.0, 30.0),
        rate * ttl_s / 2.0,
        0.05,
    );
    assert_eq!(errors(0.0, 20.0), 0.0, "no errors before the outage");
    assert_eq!(
        errors(30.0, 40.0),
        0.0,
        "no errors once every client re-resolved"
    );
    let first = windows_sum(&sim, 20.0, 21.0, |w| w.counts.node_down as f64);
    assert!(
        first > 0.85 * rate,
        "right after the outage most clients still use the dead DC: {first}"
    );
    assert!(windows_sum(&sim, 31.0, 40.0, |w| w.nodes[3].arrivals as f64) > 0.98 * rate * 9.0);
}

#[test]
fn queue_depth_grows_while_workers_are_down_and_drains_after() {
    let rate = 100.0;
    let mut s = scenario(
        vec![
            users("u", rate, jobs()),
            server("web", Kind::WebServer, 16, Dist::Exponential, 2.0),
            Node::new("mq", Kind::MessageQueue, 0.0, 0.0),
            server("workers", Kind::Worker, 4, Dist::Exponential, 10.0),
        ],
        vec![wire("u", "web"), wire("web", "mq"), wire("mq", "workers")],
    );
    s.faults.push(fault(10.0, Action::Fail, "workers"));
    s.faults.push(fault(20.0, Action::Recover, "workers"));
    let mut sim = sim(&s);
    sim.run_until(10_000.0);
    assert!(
        sim.snapshot().queue_depth < 20,
        "workers keep up before the fault"
    );
    sim.run_until(19_999.0);
    // 10 s of jobs at 100/s pile up. Tolerance 10 % (Poisson count over 10 s).
    assert_close(
        "depth after 10 s without workers",
        sim.snapshot().queue_depth as f64,
        rate * 10.0,
        0.1,
    );
    sim.run_until(30_000.0);
    // Drains at 400 - 100 = 300 jobs/s: empty again about 3.3 s after recovery.
    assert!(
        sim.snapshot().queue_depth < 20,
        "queue drained: {}",
        sim.snapshot().queue_depth
    );
    let snap = sim.snapshot();
    assert_eq!(
        snap.counts.errors(),
        0,
        "clients are acknowledged at once, even while workers are down"
    );
    assert!(snap.jobs_done as f64 > rate * 29.0);
}

fn web_pair(stateful: bool) -> Scenario {
    let mut u = users("u", 500.0, reads());
    u.population = Some(1000);
    let mut nodes = vec![u, Node::new("lb", Kind::LoadBalancer, 0.0, 0.0)];
    let mut wires = vec![wire("u", "lb")];
    for id in ["web-1", "web-2"] {
        let mut w = server(id, Kind::WebServer, 16, Dist::Exponential, 2.0);
        w.stateful = Some(stateful);
        nodes.push(w);
        wires.push(wire("lb", id));
        if !stateful {
            wires.push(wire(id, "sessions"));
        }
    }
    if !stateful {
        nodes.push(server(
            "sessions",
            Kind::SessionStore,
            16,
            Dist::Exponential,
            0.5,
        ));
    }
    let mut s = scenario(nodes, wires);
    s.faults.push(fault(10.0, Action::Fail, "web-1"));
    s
}

#[test]
fn stateful_web_crash_loses_sessions_stateless_does_not() {
    let mut stateful = sim(&web_pair(true));
    stateful.run_until(30_000.0);
    let lost = stateful.snapshot().counts.session_lost as f64;
    // About half of the 1000 users were homed on web-1; each loses its session once
    // (those who come back within 20 s: nearly all at 0.5 requests/s per user).
    assert_close("sessions lost", lost, 500.0, 0.1);

    let mut stateless = sim(&web_pair(false));
    stateless.run_until(30_000.0);
    let snap = stateless.snapshot();
    assert_eq!(snap.counts.session_lost, 0);
    assert!(
        node(&snap, "sessions").arrivals > 10_000,
        "stateless servers read the session store"
    );
}

#[test]
fn load_balancer_keeps_sending_to_a_dead_server_until_the_health_check() {
    let rate = 1000.0;
    let mut s = web_pair(false);
    s.nodes[0].rate_rps = Some(rate);
    s.nodes[1].health_check_ms = Some(2000.0);
    s.faults = vec![fault(10.5, Action::Fail, "web-1")];
    let mut sim = sim(&s);
    sim.run_until(20_000.0);
    // Checks run at 2, 4, ... 12 s: half of the traffic fails from 10.5 s to 12 s.
    let errors = |a, b| windows_sum(&sim, a, b, |w| w.counts.node_down as f64);
    assert_close(
        "errors until detection",
        errors(10.0, 12.0),
        rate / 2.0 * 1.5,
        0.06,
    );
    assert_eq!(errors(12.0, 20.0), 0.0, "none after the health check");
    assert_eq!(errors(0.0, 10.0), 0.0);
}

#[test]
fn slow_node_multiplies_its_service_time() {
    let mut s = scenario(
        vec![
            users("u", 10.0, reads()),
            server("web", Kind::WebServer, 64, Dist::Constant, 10.0),
        ],
        vec![wire("u", "web")],
    );
    s.faults.push(Fault {
        factor: Some(3.0),
        ..fault(10.0, Action::Slow, "web")
    });
    let mut sim = sim(&s);
    sim.run_until(10_000.0);
    assert_close("before [ms]", sim.snapshot().latency.mean, 10.0, 0.001);
    // Measured from 100 ms on, once every request served at the old speed has left (the
    // service time is drawn when service starts).
    sim.run_until(10_100.0);
    sim.reset_metrics();
    sim.run_until(20_000.0);
    assert_close("after [ms]", sim.snapshot().latency.mean, 30.0, 0.001);
}

#[test]
fn rate_changes_step_ramp_and_spike() {
    let mut s = scenario(
        vec![
            users("u", 100.0, reads()),
            server("web", Kind::WebServer, 64, Dist::Constant, 1.0),
        ],
        vec![wire("u", "web")],
    );
    s.nodes[0].arrival = Some(Arrival::Constant);
    s.faults = vec![
        Fault {
            rate_rps: Some(200.0),
            ..fault(10.0, Action::SetRate, "u")
        },
        Fault {
            factor: Some(5.0),
            duration_s: Some(5.0),
            from: None,
            to: None,
            delay_ms: None,
            ..fault(20.0, Action::Spike, "u")
        },
        Fault {
            rate_rps: Some(0.0),
            duration_s: Some(10.0),
            from: None,
            to: None,
            delay_ms: None,
            ..fault(30.0, Action::Ramp, "u")
        },
    ];
    let mut sim = sim(&s);
    sim.run_until(45_000.0);
    let arrivals = |a, b| windows_sum(&sim, a, b, |w| w.nodes[1].arrivals as f64);
    assert_close("step", arrivals(11.0, 20.0), 200.0 * 9.0, 0.01);
    assert_close("spike", arrivals(20.0, 25.0), 1000.0 * 5.0, 0.01);
    assert_close("after spike", arrivals(25.0, 30.0), 200.0 * 5.0, 0.01);
    // A linear ramp from 200 to 0 over 10 s averages 100/s.
    assert_close("ramp down", arrivals(30.0, 40.0), 100.0 * 10.0, 0.02);
    assert_eq!(arrivals(40.0, 45.0), 0.0);
}

#[test]
fn full_queue_rejects_and_retries_add_load() {
    let mut u = users("u", 2000.0, reads());
    u.retries = Some(2);
    u.backoff_ms = Some(50.0);
    let mut web = server("web", Kind::WebServer, 1, Dist::Constant, 1.0);
    web.queue_capacity = Some(10);
    let snap = measure(&scenario(vec![u, web], vec![wire("u", "web")]), 5.0, 20.0);
    // Capacity 1000/s against 2000/s offered: about half are rejected, and retried.
    assert!(snap.counts.rejected > 10_000, "{:?}", snap.counts);
    assert!(snap.counts.retries > 10_000, "{:?}", snap.counts);
    assert_close(
        "served at capacity [1/s]",
        snap.throughput_rps,
        1000.0,
        0.02,
    );
}

#[test]
fn overload_turns_into_timeouts() {
    let mut u = users("u", 200.0, reads());
    u.timeout_ms = Some(2000.0);
    let web = server("web", Kind::WebServer, 1, Dist::Constant, 10.0);
    let mut sim = sim(&scenario(vec![u, web], vec![wire("u", "web")]));
    sim.run_until(60_000.0);
    let snap = sim.snapshot();
    // 100/s are served; the queue grows without bound so latency passes 2 s within seconds.
    assert!(snap.counts.timeout > 5000, "{:?}", snap.counts);
    assert!(
        snap.latency.max <= 2000.0 + 1.0,
        "no success is slower than the timeout"
    );
}

#[test]
fn cache_down_with_on_down_fail_fails_reads_until_it_recovers() {
    let rate = 1000.0;
    let mut cache = server("cache", Kind::Cache, 64, Dist::Constant, 1.0);
    cache.hit_ratio = Some(0.8);
    cache.on_down = Some(OnDown::Fail);
    let mut s = scenario(
        vec![
            users("u", rate, reads()),
            server("web", Kind::WebServer, 64, Dist::Exponential, 2.0),
            cache,
            server("db", Kind::Database, 64, Dist::Exponential, 5.0),
        ],
        vec![wire("u", "web"), wire("web", "cache"), wire("web", "db")],
    );
    s.faults.push(fault(10.0, Action::Fail, "cache"));
    s.faults.push(fault(20.0, Action::Recover, "cache"));
    let db = index(&s, "db");
    let mut sim = sim(&s);
    sim.run_until(30_000.0);
    let sum = |a, b, f: &dyn Fn(&Window) -> f64| windows_sum(&sim, a, b, f);
    // Every read fails while the cache is down (Poisson count over 10 s: 3 %), and none
    // reaches the database; before and after, none fails.
    assert_close(
        "failed reads while down",
        sum(10.0, 20.0, &|w| w.counts.node_down as f64),
        rate * 10.0,
        0.03,
    );
    // (From 11 s: a read already past the cache at 10 s may still finish.)
    assert_eq!(sum(11.0, 20.0, &|w| w.counts.ok as f64), 0.0);
    assert_eq!(sum(11.0, 20.0, &|w| w.nodes[db].arrivals as f64), 0.0);
    assert_eq!(sum(0.0, 10.0, &|w| w.counts.node_down as f64), 0.0);
    assert_eq!(sum(20.0, 30.0, &|w| w.counts.node_down as f64), 0.0);
    assert_close(
        "served after recovery [1/s]",
        sum(21.0, 30.0, &|w| w.counts.ok as f64) / 9.0,
        rate,
        0.03,
    );
}

#[test]
fn a_recovered_server_gets_traffic_again_from_the_next_health_check() {
    let rate = 1000.0;
    let mut s = web_pair(false);
    s.nodes[0].rate_rps = Some(rate);
    s.nodes[1].health_check_ms = Some(2000.0);
    s.faults = vec![
        fault(10.5, Action::Fail, "web-1"),
        fault(20.5, Action::Recover, "web-1"),
    ];
    let web1 = index(&s, "web-1");
    let mut sim = sim(&s);
    sim.run_until(30_000.0);
    let arrivals = |a, b| windows_sum(&sim, a, b, |w| w.nodes[web1].arrivals as f64);
    // Checks at 12 s (sees it dead) ... 20 s, 22 s (sees it alive): nothing from 12 s to 22 s
    // although it is alive from 20.5 s; round robin gives it half from 22 s.
    assert_eq!(arrivals(12.0, 22.0), 0.0);
    assert_close(
        "half after detection",
        arrivals(22.0, 30.0),
        rate / 2.0 * 8.0,
        0.03,
    );
    assert_eq!(
        windows_sum(&sim, 12.0, 30.0, |w| w.counts.node_down as f64),
        0.0
    );
}

#[test]
fn session_store_down_fails_stateless_dynamic_requests() {
    let rate = 500.0;
    let mut s = web_pair(false);
    s.faults = vec![
        fault(10.0, Action::Fail, "sessions"),
        fault(15.0, Action::Recover, "sessions"),
    ];
    let mut sim = sim(&s);
    sim.run_until(25_000.0);
    let failed = |a, b| windows_sum(&sim, a, b, |w| w.counts.node_down as f64);
    assert_close(
        "reads fail while the store is down",
        failed(10.0, 15.0),
        rate * 5.0,
        0.05,
    );
    assert_eq!(failed(0.0, 10.0) + failed(15.0, 25.0), 0.0);

    // Stateful servers keep sessions themselves: the same scenario without a store has
    // nothing to lose.
    let mut stateful = web_pair(true);
    stateful.faults.clear();
    let mut other = common::sim(&stateful);
    other.run_until(25_000.0);
    assert_eq!(other.snapshot().counts.errors(), 0);
}

/// Users in `user_region` -> DNS -> one web server in a data center in "europe".
fn far_away(user_region: &str) -> Scenario {
    let mut u = users("u", 20.0, reads());
    u.arrival = Some(Arrival::Constant);
    u.region = Some(user_region.into());
    let mut web = server("web", Kind::WebServer, 64, Dist::Constant, 10.0);
    web.dc = Some("eu".into());
    let mut s = scenario(
        vec![u, Node::new("dns", Kind::Dns, 0.0, 0.0), web],
        vec![
            Wire {
                from: "u".into(),
                to: "dns".into(),
                latency_ms: None,
                ..Default::default()
            },
            Wire {
                from: "dns".into(),
                to: "web".into(),
                latency_ms: None,
                ..Default::default()
            },
        ],
    );
    s.data_centers = vec![DataCenter {
        id: "eu".into(),
        name: "Frankfurt".into(),
        region: "europe".into(),
        x: 0.0,
        y: 0.0,
        w: 100.0,
        h: 100.0,
    }];
    s
}

#[test]
fn cross_region_links_add_their_latency_both_ways() {
    // Default wires: users -> DNS 0.5 ms (no data center), DNS -> web 0.5 ms within the
    // users' region or 40 ms across regions; a response pays each wire again.
    let near = measure(&far_away("europe"), 1.0, 20.0).latency;
    let far = measure(&far_away("asia"), 1.0, 20.0).latency;
    assert_close(
        "same region [ms]",
        near.mean,
        10.0 + 2.0 * (0.5 + 0.5),
        0.001,
    );
    assert_close(
        "across regions [ms]",
        far.mean,
        10.0 + 2.0 * (0.5 + 40.0),
        0.001,
    );
    assert_close("across regions p99 [ms]", far.p99, 91.0, 0.001);
}

#[test]
fn data_center_restore_brings_traffic_back_within_one_ttl() {
    let (rate, ttl_s) = (1000.0, 10.0);
    let dc = |id: &str, region: &str| DataCenter {
        id: id.into(),
        name: id.into(),
        region: region.into(),
        x: 0.0,
        y: 0.0,
        w: 100.0,
        h: 100.0,
    };
    let mut u = users("u", rate, reads());
    u.region = Some("east".into());
    let mut dns = Node::new("dns", Kind::Dns, 0.0, 0.0);
    dns.ttl_s = Some(ttl_s);
    let mut east = server("web-east", Kind::WebServer, 64, Dist::Exponential, 2.0);
    east.dc = Some("dc-east".into());
    let mut west = server("web-west", Kind::WebServer, 64, Dist::Exponential, 2.0);
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
    for (at, action) in [(20.0, Action::DcOutage), (40.0, Action::DcRestore)] {
        s.faults.push(Fault {
            dc: Some("dc-east".into()),
            node: None,
            ..fault(at, action, "")
        });
    }
    let east_i = index(&s, "web-east");
    let mut sim = sim(&s);
    sim.run_until(60_000.0);
    let east = |a, b| windows_sum(&sim, a, b, |w| w.nodes[east_i].arrivals as f64);
    // Nearest data center first: the east users all go east while it is up.
    assert_close("east before the outage", east(0.0, 20.0), rate * 20.0, 0.02);
    assert_eq!(east(30.0, 40.0), 0.0, "every client moved west");
    // After the restore, cached answers (pointing west) expire uniformly over one TTL.
    assert_close(
        "east while answers expire",
        east(40.0, 50.0),
        rate * ttl_s / 2.0,
        0.05,
    );
    assert_close(
        "east once all re-resolved",
        east(50.0, 60.0),
        rate * 10.0,
        0.02,
    );
    assert_eq!(
        windows_sum(&sim, 30.0, 60.0, |w| w.counts.node_down as f64),
        0.0,
        "a restore fails nothing"
    );
}

#[test]
fn a_worker_that_dies_mid_job_has_the_job_redelivered() {
    let mut s = scenario(
        vec![
            users("u", 3.0, jobs()),
            server("web", Kind::WebServer, 16, Dist::Constant, 1.0),
            Node::new("mq", Kind::MessageQueue, 0.0, 0.0),
            server("workers", Kind::Worker, 4, Dist::Constant, 1000.0),
        ],
        vec![wire("u", "web"), wire("web", "mq"), wire("mq", "workers")],
    );
    s.faults = vec![
        fault(10.05, Action::Fail, "workers"),
        fault(15.0, Action::Recover, "workers"),
        Fault {
            rate_rps: Some(0.0),
            ..fault(30.0, Action::SetRate, "u")
        },
    ];
    let mut sim = sim(&s);
    sim.run_until(10_040.0);
    let busy = node(&sim.snapshot(), "workers").busy;
    assert!(busy > 0, "jobs are in service when the workers die");
    sim.run_until(90_000.0);
    let snap = sim.snapshot();
    // Nothing left anywhere: every acknowledged job was done exactly once, including
    // those that were in service at the crash.
    assert_eq!(snap.queue_depth, 0);
    assert_eq!(node(&snap, "workers").busy, 0);
    assert!(snap.by_class.job.count > 80);
    assert_eq!(snap.jobs_done, snap.by_class.job.count);
}

#[test]
fn the_default_client_timeout_is_two_seconds() {
    let mut u = Node::new("u", Kind::Users, 0.0, 0.0);
    u.rate_rps = Some(200.0);
    let web = server("web", Kind::WebServer, 1, Dist::Constant, 10.0);
    let mut sim = sim(&scenario(vec![u, web], vec![wire("u", "web")]));
    sim.run_until(30_000.0);
    let snap = sim.snapshot();
    assert!(snap.counts.timeout > 1000, "{:?}", snap.counts);
    let max = snap.latency.max;
    assert!(
        max <= 2000.0 * 1.001 && max > 1900.0,
        "slowest success {max} ms"
    );
}

/// The snapshot's digest with the event count left out: a scheduled fault is one event more.
fn outcome_digest(sim: &Sim) -> u64 {
    let mut snap = sim.snapshot();
    snap.events = 0;
    digest(&snap)
}

#[test]
fn every_fault_applied_now_equals_the_same_fault_scheduled() {
    let Ok(base) = load(DETERMINISM_FIXTURE) else {
        panic!("fixture loads")
    };
    // (The fixture itself fails the cache at 8 s and brings it back at 12 s.)
    let cases = [
        fault(3.25, Action::Fail, "db"),
        fault(9.25, Action::Recover, "cache"),
        Fault {
            factor: Some(4.0),
            ..fault(3.25, Action::Slow, "web-1")
        },
        Fault {
            dc: Some("dc-1".into()),
            node: None,
            ..fault(3.25, Action::DcOutage, "")
        },
        Fault {
            rate_rps: Some(50.0),
            ..fault(3.25, Action::SetRate, "users")
        },
        Fault {
            rate_rps: Some(900.0),
            duration_s: Some(2.0),
            from: None,
            to: None,
            delay_ms: None,
            ..fault(3.25, Action::Ramp, "users")
        },
        Fault {
            factor: Some(3.0),
            duration_s: Some(1.5),
            from: None,
            to: None,
            delay_ms: None,
            ..fault(3.25, Action::Spike, "users")
        },
    ];
    let end_ms = 14_000.0;
    let plain = {
        let mut sim = sim(&base);
        sim.run_until(end_ms);
        outcome_digest(&sim)
    };
    for f in cases {
        let mut scheduled = base.clone();
        scheduled.faults.push(f.clone());
        let mut a = sim(&scheduled);
        a.run_until(end_ms);

        let mut b = sim(&base);
        b.run_until(f.at_s * 1000.0);
        assert_eq!(b.apply_fault(&f), Ok(()), "{f:?}");
        b.run_until(end_ms);

        assert_eq!(outcome_digest(&a), outcome_digest(&b), "{:?}", f.action);
        assert_ne!(outcome_digest(&a), plain, "{:?} changes the run", f.action);
    }
    // DcRestore brings back what DcOutage took: scheduled and live agree too.
    let mut scheduled = base.clone();
    for (at, action) in [(2.25, Action::DcOutage), (3.25, Action::DcRestore)] {
        scheduled.faults.push(Fault {
            dc: Some("dc-1".into()),
            node: None,
            ..fault(at, action, "")
        });
    }
    let mut a = sim(&scheduled);
    a.run_until(end_ms);
    let mut b = sim(&base);
    b.run_until(2_250.0);
    assert_eq!(b.dc_outage("dc-1"), Ok(()));
    b.run_until(3_250.0);
    assert_eq!(b.dc_restore("dc-1"), Ok(()));
    b.run_until(end_ms);
    assert_eq!(outcome_digest(&a), outcome_digest(&b), "dc_restore");
    // A live fault on something that does not exist is refused, and changes nothing.
    let mut c = sim(&base);
    c.run_until(3_250.0);
    assert!(c.apply_fault(&fault(3.25, Action::Fail, "ghost")).is_err());
    assert!(c
        .apply_fault(&Fault {
            factor: Some(f64::NAN),
            ..fault(3.25, Action::Slow, "web-1")
        })
        .is_err());
    c.run_until(end_ms);
    assert_eq!(outcome_digest(&c), plain);
}

/// One web server of 100 requests/s (1 worker, 10 ms) at 70 requests/s, clients that give up
/// after 500 ms, and a 5-second spike to 210 requests/s at 10 s.
fn spiky(retries: u32) -> Scenario {
    let mut u = users("u", 70.0, reads());
    u.timeout_ms = Some(500.0);
    u.retries = Some(retries);
    u.backoff_ms = Some(50.0);
    let mut s = scenario(
        vec![u, server("web", Kind::WebServer, 1, Dist::Constant, 10.0)],
        vec![wire("u", "web")],
    );
    s.faults.push(Fault {
        factor: Some(3.0),
        duration_s: Some(5.0),
        from: None,
        to: None,
        delay_ms: None,
        ..fault(10.0, Action::Spike, "u")
    });
    s
}

#[test]
fn retries_turn_a_short_spike_into_a_lasting_retry_storm() {
    let window = |retries: u32| {
        let mut sim = sim(&spiky(retries));
        sim.run_until(120_000.0);
        let sum = |f: &dyn Fn(&Window) -> f64| windows_sum(&sim, 90.0, 120.0, f) / 30.0;
        (
            sum(&|w| w.counts.ok as f64),
            sum(&|w| w.counts.timeout as f64),
            sum(&|w| w.nodes[1].arrivals as f64),
        )
    };
    // Without retries the backlog of the spike (about 550 requests) drains at 30/s: long
    // before 90 s the server is back to serving every request.
    let (ok, timeouts, arrivals) = window(0);
    assert_close("recovered: served [1/s]", ok, 70.0, 0.05);
    assert_eq!(timeouts, 0.0);
    assert_close("offered [1/s]", arrivals, 70.0, 0.05);
    // With three retries every timed-out request comes back up to three times while the
    // server still works on the abandoned copy: offered load stays above capacity and the
    // system never recovers (a metastable failure), a minute after the spike ended.
    let (ok, timeouts, arrivals) = window(3);
    assert!(
        arrivals > 100.0,
        "retries keep the server overloaded: {arrivals}/s"
    );
    assert!(timeouts > 30.0, "still timing out: {timeouts}/s");
    assert!(ok < 0.5 * 70.0, "most users fail: {ok}/s served in time");
}
