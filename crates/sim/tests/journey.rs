//! Every lesson's claim, checked: each built-in scenario runs headless through the engine with
//! its lesson's drill, and the effect the lesson promises is asserted with a stated tolerance.
//! Expected numbers are derived from the scenario's own parameters, never copied from a run.

mod common;
use common::lessons::*;
use common::{assert_close, node};
use scaleboard_sim::cost::{self, estimate, Size};
use scaleboard_sim::journey;
use scaleboard_sim::*;

const STATIC: usize = 0;
const READ: usize = 1;
const WRITE: usize = 2;
const JOB: usize = 3;

#[test]
fn step_01_a_single_server_collapses_under_a_spike_and_recovers() {
    let (s, sim) = drilled("01-single-server", 45.0);
    let capacity = estimate(&s).capacity_rps;
    let spike = lesson("01-single-server").drill[0].factor.unwrap_or(1.0);
    let rate = Params::of(s.node("users").expect("users")).rate_rps;
    assert!(
        rate * spike > capacity,
        "the drill must exceed the capacity"
    );
    let (calm, during, after) = (
        worst_p99(&sim, 0.0, 10.0),
        sum(&sim, 15.0, 30.0, errors),
        worst_p99(&sim, 36.0, 45.0),
    );
    eprintln!("01: capacity {capacity:.0}/s, p99 before {calm:.0} ms, errors in spike {during}, p99 after {after:.0} ms");
    assert!(calm < 200.0, "p99 before the spike: {calm} ms");
    // The excess (rate x spike - capacity) cannot be served: at least half of it fails.
    assert!(
        during > 0.5 * (rate * spike - capacity) * 15.0,
        "errors during the spike: {during}"
    );
    assert_eq!(sum(&sim, 36.0, 45.0, errors), 0.0, "errors after recovery");
    assert!(after < 200.0, "p99 after the spike: {after} ms");
    // The lesson: during the spike p99 (of all requests) sits at the users' timeout, and good
    // drops to 0 % once every request waits past it.
    let timeout = Params::of(s.node("users").expect("users")).timeout_ms;
    assert_eq!(worst_p99(&sim, 15.0, 30.0), timeout, "p99 at the timeout");
    let least_good = windows(&sim, 15.0, 30.0)
        .iter()
        .map(|w| w.good_ratio)
        .fold(1.0, f64::min);
    assert_eq!(least_good, 0.0, "good drops to 0 %");
}

#[test]
fn step_02_a_database_outage_fails_dynamic_requests_but_not_static_ones() {
    let s = journey::with_drill(&builtin("02-web-and-db"), &lesson("02-web-and-db").drill);
    let mut sim = compiled(&s);
    sim.run_until(20_500.0);
    sim.reset_metrics();
    sim.run_until(40_000.0);
    let snap = sim.snapshot();
    let dynamic = class_rate(&s, "users", READ) + class_rate(&s, "users", WRITE);
    eprintln!(
        "02: during the outage static ok {}, read ok {}, write ok {}, node_down {}",
        snap.by_class.static_asset.count,
        snap.by_class.read.count,
        snap.by_class.write.count,
        snap.counts.node_down
    );
    assert_eq!(snap.by_class.read.count + snap.by_class.write.count, 0);
    assert_close(
        "static served while the database is down [1/s]",
        snap.by_class.static_asset.count as f64 / 19.5,
        class_rate(&s, "users", STATIC),
        0.05,
    );
    assert_close(
        "dynamic requests failed [1/s]",
        snap.counts.node_down as f64 / 19.5,
        dynamic,
        0.05,
    );
    sim.run_until(50_000.0);
    assert_eq!(
        sum(&sim, 41.0, 50.0, errors),
        0.0,
        "no errors once it is back"
    );
}

#[test]
fn step_03_two_servers_carry_twice_the_load_at_the_same_p99() {
    let (two, one) = (builtin("03-load-balancer"), builtin("02-web-and-db"));
    let (a, b) = (estimate(&two), estimate(&one));
    let web_tier = |e: &cost::Estimate| {
        e.nodes
            .iter()
            .filter(|n| n.id.starts_with("web"))
            .map(|n| n.capacity_rps)
            .sum::<f64>()
    };
    eprintln!(
        "03: web tier {:.0} vs {:.0} requests/s; whole design {:.0} ({:?}) vs {:.0} ({:?})",
        web_tier(&a),
        web_tier(&b),
        a.capacity_rps,
        a.bottleneck,
        b.capacity_rps,
        b.bottleneck
    );
    assert_close(
        "web tier capacity ratio",
        web_tier(&a) / web_tier(&b),
        2.0,
        1e-9,
    );
    // The doubled traffic still leaves headroom; the database is the next bottleneck.
    assert_eq!(a.bottleneck.as_deref(), Some("db"));
    assert!(a.capacity_rps > 1.4 * a.offered_rps);
    let (s3, s2) = (
        common::measure(&two, 3.0, 20.0),
        common::measure(&one, 3.0, 20.0),
    );
    eprintln!(
        "03: {:.0}/s at p99 {:.1} ms vs {:.0}/s at p99 {:.1} ms",
        s3.throughput_rps, s3.latency_all.p99, s2.throughput_rps, s2.latency_all.p99
    );
    assert_close(
        "throughput ratio",
        s3.throughput_rps / s2.throughput_rps,
        2.0,
        0.03,
    );
    assert_close(
        "p99 ratio",
        s3.latency_all.p99 / s2.latency_all.p99,
        1.0,
        0.10,
    );
    // Without the load balancer the same load is too much for one server.
    let mut alone = one.clone();
    let users = idx(&one, "users");
    alone.nodes[users].rate_rps = two.node("users").and_then(|n| n.rate_rps);
    let overloaded = common::measure(&alone, 3.0, 20.0);
    eprintln!(
        "03: one server at the doubled rate: p99 {:.0} ms",
        overloaded.latency_all.p99
    );
    assert!(overloaded.latency_all.p99 > 10.0 * s3.latency_all.p99);
}

#[test]
fn step_03_drill_losing_a_server_fails_requests_only_until_the_health_check() {
    let (s, sim) = drilled("03-load-balancer", 40.0);
    let check_s = Params::of(s.node("lb").expect("lb")).health_check_ms / 1000.0;
    let down = |a, b| sum(&sim, a, b, |w| w.counts.node_down as f64);
    let lost = sim.snapshot().counts.session_lost as f64;
    let want = expected_lost(&s, 2.0, 20.0);
    let web2 = idx(&s, "web-2");
    let (before, after) = (
        mean(&sim, 5.0, 20.0, |w| w.nodes[web2].utilization),
        mean(&sim, 21.0, 40.0, |w| w.nodes[web2].utilization),
    );
    eprintln!(
        "03 drill: node_down {} (after the check {}), sessions lost {lost} (expected {want:.0}), web-2 {before:.2} -> {after:.2}",
        down(20.0, 40.0),
        down(20.0 + check_s + 1.0, 40.0),
    );
    assert_eq!(
        down(20.0 + check_s + 1.0, 40.0),
        0.0,
        "no node_down after the check"
    );
    assert_close("sticky users of web 1 logged out", lost, want, 0.10);
    assert!(
        after > 1.25 * before,
        "web 2 takes web 1's users: {before} -> {after}"
    );
}

#[test]
fn step_03_drill_after_recovery_users_sent_home_are_logged_out_again_then_it_fades() {
    // The lesson: when web 1 returns, its users go home and those who logged in again on web 2
    // lose that session too; the errors fade as each of them comes back once.
    let (_, sim) = drilled("03-load-balancer", 110.0);
    let lost = |a, b| sum(&sim, a, b, |w| w.counts.session_lost as f64);
    let (during, just_after, later, much_later) = (
        lost(20.0, 40.0),
        lost(41.0, 61.0),
        lost(61.0, 81.0),
        lost(90.0, 110.0),
    );
    eprintln!("03 after recovery: lost {during} during, then {just_after}, {later}, {much_later}");
    assert!(
        just_after > 0.3 * during,
        "a second wave of logouts after the recovery: {during} -> {just_after}"
    );
    assert!(later < just_after, "fading: {just_after} -> {later}");
    assert!(
        much_later < 0.6 * just_after,
        "and still fading: {just_after} -> {much_later}"
    );
}

#[test]
fn step_04_losing_the_primary_fails_writes_until_failover_reads_carry_on() {
    let (s, sim) = drilled("04-replication", 60.0);
    let failover_s = Params::of(s.node("db").expect("db")).failover_ms / 1000.0;
    let writes = class_rate(&s, "users", WRITE);
    let down = sum(&sim, 20.0, 20.0 + failover_s, |w| w.counts.node_down as f64);
    let ok_rate = mean(&sim, 21.0, 20.0 + failover_s, |w| w.counts.ok as f64);
    let (r1, r2) = (idx(&s, "db-r2"), idx(&s, "db-r3"));
    let util_before = mean(&sim, 5.0, 20.0, |w| w.nodes[r1].utilization);
    let util_after = mean(&sim, 32.0, 59.0, |w| {
        (w.nodes[r1].utilization + w.nodes[r2].utilization) / 2.0
    });
    eprintln!(
        "04: writes failed {down} in {failover_s} s, ok {ok_rate:.0}/s meanwhile, replicas {util_before:.2} -> {util_after:.2}"
    );
    assert_close(
        "writes failed during failover",
        down,
        writes * failover_s,
        0.05,
    );
    assert_eq!(
        sum(&sim, 20.0 + failover_s + 0.5, 60.0, errors),
        0.0,
        "nothing fails after the promotion"
    );
    let others = Params::of(s.node("users").expect("users")).rate_rps - writes;
    assert_close(
        "reads and static served meanwhile [1/s]",
        ok_rate,
        others,
        0.05,
    );
    assert_eq!(node(&sim.snapshot(), "db-r1").role, Some(Role::Primary));
    // Three replicas' reads now on two: utilisation rises by 3/2.
    assert_close(
        "replica load after promotion",
        util_after / util_before,
        1.5,
        0.06,
    );
}

#[test]
fn step_05_cache_failure_sends_read_rate_times_hit_ratio_to_the_database() {
    let (s, sim) = drilled("05-cache", 80.0);
    let hit = Params::of(s.node("cache").expect("cache"))
        .hit_ratio
        .unwrap_or(0.0);
    let reads = class_rate(&s, "users", READ);
    let dbs: Vec<usize> = ["db", "db-r1", "db-r2", "db-r3"]
        .iter()
        .map(|id| idx(&s, id))
        .collect();
    let db_rate = |a, b| {
        mean(&sim, a, b, |w| {
            dbs.iter().map(|&i| w.nodes[i].arrivals as f64).sum::<f64>()
        })
    };
    let (before, during) = (db_rate(5.0, 20.0), db_rate(21.0, 50.0));
    let (p99_before, p99_during, p99_after) = (
        worst_p99(&sim, 5.0, 20.0),
        mean(&sim, 35.0, 50.0, |w| w.latency_all.p99),
        worst_p99(&sim, 70.0, 80.0),
    );
    eprintln!(
        "05: database arrivals {before:.0}/s -> {during:.0}/s (+{:.0}, expected +{:.0}); p99 {p99_before:.0} ms -> {p99_during:.0} ms -> {p99_after:.0} ms",
        during - before,
        reads * hit
    );
    assert_close(
        "rise of database arrivals [1/s]",
        during - before,
        reads * hit,
        0.05,
    );
    // The seed's rule of thumb: past 2 s, look at the query (here: the cache it lost).
    assert!(p99_before < 300.0, "p99 with the cache: {p99_before} ms");
    assert!(
        p99_during > 2000.0,
        "p99 without the cache: {p99_during} ms"
    );
    assert!(
        p99_after < 300.0,
        "p99 once the cache is back: {p99_after} ms"
    );
    // Once the replicas' queues hold more than 2 s of work, no read answered is good. The
    // replicas finish reads at their capacity while static and write requests still finish at
    // their rate, all within the objective: good = others / (others + replica capacity).
    let good = |a, b| mean(&sim, a, b, |w| w.good_ratio);
    let others = class_rate(&s, "users", STATIC) + class_rate(&s, "users", WRITE);
    let replicas: f64 = estimate(&s)
        .nodes
        .iter()
        .filter(|n| n.id.starts_with("db-r"))
        .map(|n| n.capacity_rps)
        .sum();
    let expected = others / (others + replicas);
    eprintln!(
        "05: good {:.3} before, {:.3} in 35-50 s (expected {expected:.3}), {:.3} after",
        good(5.0, 20.0),
        good(35.0, 50.0),
        good(70.0, 80.0)
    );
    assert_eq!(good(5.0, 20.0), 1.0, "everything good with the cache");
    assert_close(
        "good share without the cache",
        good(35.0, 50.0),
        expected,
        0.03,
    );
    assert_eq!(
        good(70.0, 80.0),
        1.0,
        "everything good once the backlog drained"
    );
}

#[test]
fn step_06_a_cdn_takes_static_load_off_the_origin_and_serves_it_faster() {
    let (with, without) = (builtin("06-cdn"), builtin("05-cache"));
    let hit = Params::of(with.node("cdn").expect("cdn"))
        .hit_ratio
        .unwrap_or(0.0);
    let (a, b) = (
        common::measure(&with, 3.0, 20.0),
        common::measure(&without, 3.0, 20.0),
    );
    let web = |snap: &Snapshot| {
        (1..=4)
            .map(|k| node(snap, &format!("web-{k}")).arrival_rps)
            .sum::<f64>()
    };
    eprintln!(
        "06: web arrivals {:.0} -> {:.0}/s; static p50 {:.1} -> {:.1} ms",
        web(&b),
        web(&a),
        b.by_class.static_asset.p50,
        a.by_class.static_asset.p50
    );
    // Each measured over 20 s, so compare each with its expectation rather than their difference.
    let rate = Params::of(with.node("users").expect("users")).rate_rps;
    assert_close("web arrivals without a CDN [1/s]", web(&b), rate, 0.02);
    assert_close(
        "web arrivals with a CDN [1/s]",
        web(&a),
        rate - class_rate(&with, "users", STATIC) * hit,
        0.02,
    );
    assert!(a.by_class.static_asset.p50 < 30.0);
    assert!(b.by_class.static_asset.p50 > 3.0 * a.by_class.static_asset.p50);

    // Drill: the CDN down fails static requests, and only those.
    let (s, sim) = drilled("06-cdn", 40.0);
    let failed = mean(&sim, 21.0, 40.0, |w| w.counts.node_down as f64);
    let ok = mean(&sim, 21.0, 40.0, |w| w.counts.ok as f64);
    eprintln!("06 drill: {failed:.0}/s fail, {ok:.0}/s ok while the CDN is down");
    assert_close(
        "failed while the CDN is down [1/s]",
        failed,
        class_rate(&s, "users", STATIC),
        0.05,
    );
    assert_close(
        "dynamic requests unaffected [1/s]",
        ok,
        class_rate(&s, "users", READ) + class_rate(&s, "users", WRITE),
        0.05,
    );
}

/// Users homed on one of `servers` sticky servers who send a dynamic request within `secs`.
fn expected_lost(s: &Scenario, servers: f64, secs: f64) -> f64 {
    let p = Params::of(s.node("users").expect("users"));
    let dynamic = class_rate(s, "users", READ) + class_rate(s, "users", WRITE);
    let per_user = dynamic / f64::from(p.population);
    f64::from(p.population) / servers * (1.0 - (-per_user * secs).exp())
}

#[test]
fn step_07_a_stateful_crash_loses_sessions_a_stateless_one_loses_none() {
    let (s, stateful) = drilled("07b-stateful", 40.0);
    let lost = stateful.snapshot().counts.session_lost as f64;
    let want = expected_lost(&s, 4.0, 20.0);
    let (_, stateless) = drilled("07-stateless", 60.0);
    let snap = stateless.snapshot();
    eprintln!(
        "07: stateful lost {lost} sessions (expected {want:.0}); stateless lost {}",
        snap.counts.session_lost
    );
    assert_close("sessions lost by the stateful tier", lost, want, 0.10);
    assert_eq!(snap.counts.session_lost, 0);
    assert_eq!(
        sum(&stateless, 26.0, 50.0, |w| w.counts.node_down as f64),
        0.0,
        "after the health check the other servers serve everyone"
    );
    // The session store is the new single point of failure: every dynamic request fails.
    let s7 = builtin("07-stateless");
    let dynamic = class_rate(&s7, "users", READ) + class_rate(&s7, "users", WRITE);
    let failed = mean(&stateless, 51.0, 55.0, |w| w.counts.node_down as f64);
    eprintln!("07: {failed:.0}/s fail while the session store is down");
    assert_close(
        "dynamic requests failing without sessions [1/s]",
        failed,
        dynamic,
        0.05,
    );
}

#[test]
fn step_08_a_data_center_outage_fails_requests_until_the_dns_ttl_then_fails_over() {
    let (s, sim) = drilled("08-two-data-centers", 80.0);
    let ttl = Params::of(s.node("dns").expect("dns")).ttl_s;
    // Static assets keep coming from the CDN; US dynamic requests fail until re-resolved.
    let us = class_rate(&s, "users-us", READ) + class_rate(&s, "users-us", WRITE);
    let down = |a, b| sum(&sim, a, b, |w| w.counts.node_down as f64);
    let first = down(20.0, 21.0);
    eprintln!(
        "08: errors {} in the {ttl} s TTL (expected {:.0}), {first} in the first second, {} after",
        down(20.0, 20.0 + ttl),
        us * ttl / 2.0,
        down(20.0 + ttl, 80.0)
    );
    assert_eq!(down(0.0, 20.0), 0.0, "no errors before the outage");
    assert!(
        first > 0.85 * us,
        "right after the outage nearly all US clients fail"
    );
    // Answers expire uniformly over one TTL: half the TTL's US dynamic traffic fails.
    assert_close(
        "errors until the TTL expires",
        down(20.0, 20.0 + ttl),
        us * ttl / 2.0,
        0.05,
    );
    assert_eq!(
        sum(&sim, 20.0 + ttl, 80.0, errors),
        0.0,
        "the EU data center serves everyone"
    );
    let eu_webs: Vec<usize> = (1..=3).map(|k| idx(&s, &format!("web-eu-{k}"))).collect();
    let eu = mean(&sim, 51.0, 80.0, |w| {
        eu_webs
            .iter()
            .map(|&i| w.nodes[i].arrivals as f64)
            .sum::<f64>()
    });
    let all_dynamic = us + class_rate(&s, "users-eu", READ) + class_rate(&s, "users-eu", WRITE);
    assert!(
        eu > all_dynamic,
        "EU web servers take both regions: {eu:.0}/s"
    );
}

#[test]
fn step_08_users_served_in_their_own_region_are_faster_than_in_step_7() {
    // The lesson: the 35 ms long-haul hop of step 7 is gone, p50 about 90 ms -> about 25 ms.
    let seven = common::measure(&builtin("07-stateless"), 3.0, 15.0);
    let eight = common::measure(&builtin("08-two-data-centers"), 3.0, 15.0);
    let (a, b) = (seven.latency_all.p50, eight.latency_all.p50);
    eprintln!("p50: step 7 {a:.1} ms, step 8 {b:.1} ms");
    assert!((75.0..110.0).contains(&a), "step 7 p50 about 90 ms: {a}");
    assert!((15.0..35.0).contains(&b), "step 8 p50 about 25 ms: {b}");
}

#[test]
fn step_09_queue_depth_grows_while_workers_are_down_and_drains_after() {
    let (s, mut sim) = drilled("09-queue-workers", 39.99);
    let jobs = class_rate(&s, "users", JOB);
    let p = Params::of(s.node("workers").expect("workers"));
    let capacity = f64::from(p.workers) * 1000.0 / p.service.map_or(1.0, |x| x.mean_ms);
    let depth = sim.snapshot().queue_depth as f64;
    // Drains at capacity - arrivals; allow 50 % more for randomness.
    let drain_s = depth / (capacity - jobs) * 1.5;
    sim.run_until((40.0 + drain_s) * 1000.0);
    let snap = sim.snapshot();
    eprintln!(
        "09: depth {depth} after 20 s without workers (expected {:.0}); {} after {drain_s:.1} s back; client errors {}",
        jobs * 20.0,
        snap.queue_depth,
        snap.counts.errors()
    );
    assert_close("queue depth after 20 s", depth, jobs * 20.0, 0.10);
    assert!(snap.queue_depth < 100, "drained: {}", snap.queue_depth);
    assert_eq!(snap.counts.errors(), 0, "users never notice");
}

#[test]
fn step_10_the_celebrity_shard_is_the_busiest_node() {
    let (s, sim) = drilled("10-sharding", 40.0);
    let util = |i: usize, a, b| mean(&sim, a, b, |w| w.nodes[i].utilization);
    let hot = idx(&s, "shard-0");
    let busiest = (0..s.nodes.len())
        .max_by(|&a, &b| util(a, 5.0, 20.0).total_cmp(&util(b, 5.0, 20.0)))
        .unwrap_or(0);
    let others: Vec<f64> = (1..4)
        .map(|k| util(idx(&s, &format!("shard-{k}")), 5.0, 20.0))
        .collect();
    let predicted = estimate(&s)
        .nodes
        .iter()
        .find(|n| n.id == "shard-0")
        .map_or(0.0, |n| n.utilization);
    eprintln!(
        "10: shard-0 {:.2} (predicted {predicted:.2}), other shards {others:.2?}, busiest {}; under the spike {:.2}",
        util(hot, 5.0, 20.0),
        s.nodes[busiest].id,
        util(hot, 25.0, 40.0)
    );
    assert_eq!(s.nodes[busiest].id, "shard-0");
    assert!(others.iter().all(|&u| u < 0.8 * util(hot, 5.0, 20.0)));
    assert_close("shard-0 utilisation", util(hot, 5.0, 20.0), predicted, 0.05);
    assert!(
        util(hot, 25.0, 40.0) > 0.97,
        "the spike saturates the hot shard"
    );
    let spiked: Vec<f64> = (1..4)
        .map(|k| util(idx(&s, &format!("shard-{k}")), 25.0, 40.0))
        .collect();
    assert!(
        spiked.iter().all(|&u| u < 0.9),
        "the others cope: {spiked:?}"
    );
}

#[test]
fn step_11_carries_more_than_100k_requests_per_second() {
    let s = builtin("11-millions");
    // p99 bound [ms]: network (5 + 0.5 ms each way, plus hops) and exponential 10 ms
    // services keep it near 100 ms; 250 ms leaves room and still catches any queueing.
    const P99_BOUND_MS: f64 = 250.0;
    let snap = common::measure(&s, 2.0, 3.0);
    let e = estimate(&s);
    eprintln!(
        "11: {:.0} requests/s ok, p99 {:.1} ms, error ratio {:.5}; capacity {:.0}/s, bottleneck {:?}, ${:.0}/month",
        snap.throughput_rps,
        snap.latency_all.p99,
        snap.error_ratio,
        e.capacity_rps,
        e.bottleneck,
        e.monthly_usd
    );
    assert!(snap.throughput_rps >= 100_000.0);
    assert!(snap.latency_all.p99 < P99_BOUND_MS);
    assert!(snap.error_ratio < 1e-4);
    assert!(e.capacity_rps > 1.2 * e.offered_rps, "headroom for a surge");

    // Drill: losing the hot shard fails what reaches it, and nothing else.
    let drill = lesson("11-millions").drill_from(-17.0); // fail at 3 s, back at 13 s
    let mut sim = compiled(&journey::with_drill(&s, &drill));
    sim.run_until(6_000.0);
    let failed = mean(&sim, 4.0, 6.0, |w| w.counts.node_down as f64);
    let reach = e
        .nodes
        .iter()
        .find(|n| n.id == "shard-us-0")
        .map_or(0.0, |n| n.offered_rps);
    eprintln!("11 drill: {failed:.0}/s fail while shard-us-0 is down (it receives {reach:.0}/s)");
    assert_close(
        "requests failing with the hot shard [1/s]",
        failed,
        reach,
        0.05,
    );
    // Everything else is still answered well within the objective.
    let good = mean(&sim, 4.0, 6.0, |w| w.good_ratio);
    eprintln!("11 drill: good {good:.3}");
    assert_close(
        "good share with the hot shard down",
        good,
        1.0 - reach / e.offered_rps,
        0.01,
    );
}

/// Web tier only: a `size` box, or `n` small boxes behind a load balancer.
fn web_capacity(size: Size) -> f64 {
    let s = cost::resized(&builtin("02-web-and-db"), "web", size).expect("web");
    estimate(&s)
        .nodes
        .iter()
        .find(|n| n.id == "web")
        .map_or(0.0, |n| n.capacity_rps)
}

/// 02 scaled out: `n` small stateless web servers behind a load balancer.
fn scaled_out(n: usize) -> Scenario {
    let mut s = builtin("02-web-and-db");
    let web = s.node("web").cloned().expect("web");
    s.nodes.retain(|x| x.id != "web");
    s.wires
        .retain(|w| w.from != "web" && w.to != "web" && w.from != "dns");
    s.nodes.push(Node::new("lb", Kind::LoadBalancer, 0.0, 0.0));
    s.wires.push(Wire {
        from: "dns".into(),
        to: "lb".into(),
        latency_ms: Some(35.0),
        ..Wire::default()
    });
    for k in 1..=n {
        let id = format!("web-{k}");
        s.nodes.push(Node {
            id: id.clone(),
            stateful: Some(false),
            ..web.clone()
        });
        for (from, to) in [("lb", id.as_str()), (id.as_str(), "db")] {
            s.wires.push(Wire {
                from: from.into(),
                to: to.into(),
                latency_ms: None,
                ..Wire::default()
            });
        }
    }
    s
}

#[test]
fn scale_up_is_cheaper_at_first_but_has_a_ceiling_and_downtime() {
    let small = web_capacity(Size::Small);
    let price = |s: &Scenario| estimate(s).monthly_usd;
    let base = builtin("02-web-and-db");
    let up_cost = |size| price(&cost::resized(&base, "web", size).expect("web")) - price(&base);
    // Cheapest way to give the web tier `need` requests/s of capacity each way.
    let up = |need: f64| {
        Size::ALL
            .iter()
            .find(|&&z| web_capacity(z) >= need)
            .map(|&z| (z, 70.0 + up_cost(z)))
    };
    let out = |need: f64| {
        let n = (need / small).ceil() as usize;
        (n, price(&scaled_out(n)) - price(&base) + 70.0)
    };
    for mult in [2.0, 4.0, 8.0, 12.0] {
        eprintln!(
            "scale: {:.0} requests/s -> up {:?}, out {:?}",
            mult * small,
            up(mult * small),
            out(mult * small)
        );
    }
    // Twice the capacity: one medium box costs less than two small ones and a load balancer.
    let (z, up2) = up(2.0 * small).expect("medium fits");
    assert_eq!(z, Size::Medium);
    assert!(up2 < out(2.0 * small).1);
    // Eight times: only the biggest box fits, and it costs more than eight small ones.
    let (z, up8) = up(8.0 * small).expect("xlarge fits");
    assert_eq!(z, Size::Xlarge);
    assert!(up8 > out(8.0 * small).1);
    // Past the biggest box there is nothing to scale up to; scaling out keeps going.
    assert!(up(12.0 * small).is_none());
    assert_eq!(out(12.0 * small).0, 12);

    // The lesson's bigger box carries step 3's traffic at about the same p99 as step 3.
    let j = journey::journey().expect("lessons");
    let bigger = j.scale_up.apply(&base).expect("web");
    let mut at_rate = bigger.clone();
    let users = idx(&bigger, "users");
    at_rate.nodes[users].rate_rps = Some(1920.0);
    let a = common::measure(&at_rate, 3.0, 20.0);
    let b = common::measure(&builtin("03-load-balancer"), 3.0, 20.0);
    eprintln!(
        "scale up: medium box p99 {:.1} ms, utilisation {:.2}; two small boxes p99 {:.1} ms",
        a.latency_all.p99,
        node(&a, "web").utilization,
        b.latency_all.p99
    );
    assert_close("throughput", a.throughput_rps, 1920.0, 0.03);
    assert_close(
        "p99 against scaling out",
        a.latency_all.p99 / b.latency_all.p99,
        1.0,
        0.15,
    );

    // Replacing the box takes it down for the boot time: every request fails meanwhile.
    let mut up_run = compiled(&journey::with_drill(&bigger, &j.scale_up.drill));
    up_run.run_until(60_000.0);
    let boot = j.scale_up.drill[2].at_s - j.scale_up.drill[1].at_s;
    let up_errors = sum(&up_run, 20.0, 20.0 + boot, errors);
    // Scaling out: replace one of three servers the same way; the other two carry on.
    let mut out_s = scaled_out(3);
    let users = idx(&out_s, "users");
    out_s.nodes[users].rate_rps = Some(1920.0);
    let mut out_run = compiled(&journey::with_drill(
        &out_s,
        &cost::replacement_drill("web-1", 20.0, boot),
    ));
    out_run.run_until(60_000.0);
    let out_errors = sum(&out_run, 20.0, 20.0 + boot + 5.0, errors);
    eprintln!("replacement: scale up fails {up_errors}, scale out fails {out_errors}");
    assert_close("scale-up downtime errors", up_errors, 1920.0 * boot, 0.03);
    assert!(out_errors < 0.02 * up_errors);
}
