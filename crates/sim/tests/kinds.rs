//! Behaviour of each component kind beyond plain queueing: CDN, emergent cache hit ratio,
//! replicas, shards, autoscaling.

mod common;
use common::*;
use scaleboard_sim::*;

fn index(s: &Scenario, id: &str) -> usize {
    s.nodes
        .iter()
        .position(|n| n.id == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

#[test]
fn cdn_serves_its_hit_ratio_of_static_assets_at_the_edge() {
    let mut cdn = Node::new("cdn", Kind::Cdn, 0.0, 0.0);
    cdn.hit_ratio = Some(0.9);
    let mix = Mix {
        static_asset: 0.5,
        read: 0.5,
        write: 0.0,
        job: 0.0,
    };
    let s = scenario(
        vec![
            users("u", 1000.0, mix),
            Node::new("dns", Kind::Dns, 0.0, 0.0),
            cdn,
            server("web", Kind::WebServer, 64, Dist::Exponential, 2.0),
        ],
        vec![
            wire("u", "dns"),
            wire("dns", "cdn"),
            wire("dns", "web"),
            wire("cdn", "web"),
        ],
    );
    let snap = measure(&s, 5.0, 100.0);
    // Static: 500/s to the CDN, 10 % of them miss to the origin; reads: 500/s direct.
    assert_close(
        "CDN arrivals [1/s]",
        node(&snap, "cdn").arrival_rps,
        500.0,
        0.02,
    );
    assert_close(
        "origin arrivals [1/s]",
        node(&snap, "web").arrival_rps,
        500.0 + 50.0,
        0.02,
    );
    assert_close(
        "CDN hit ratio",
        node(&snap, "cdn").hit_ratio.unwrap_or(0.0),
        0.9,
        0.01,
    );
}

fn cached_reads(capacity: u32) -> Scenario {
    let mut u = users("u", 2000.0, reads());
    u.keys = Some(10_000);
    u.zipf_s = Some(1.0);
    let mut cache = server("cache", Kind::Cache, 64, Dist::Constant, 0.5);
    cache.capacity = Some(capacity);
    cache.ttl_s = Some(3600.0);
    let mut s = scenario(
        vec![
            u,
            server("web", Kind::WebServer, 64, Dist::Exponential, 1.0),
            cache,
            server("db", Kind::Database, 64, Dist::Exponential, 2.0),
        ],
        vec![wire("u", "web"), wire("web", "cache"), wire("web", "db")],
    );
    s.faults.push(fault(60.0, Action::Fail, "cache"));
    s.faults.push(fault(61.0, Action::Recover, "cache"));
    s
}

#[test]
fn cache_hit_ratio_emerges_from_capacity_and_warms_up_after_a_cold_start() {
    let s = cached_reads(50_000);
    let c = index(&s, "cache");
    let mut sim = sim(&s);
    sim.run_until(70_000.0);
    let hit = |from_s: f64| {
        sim.series()
            .find(|w| w.start_ms == from_s * 1000.0)
            .and_then(|w| w.nodes[c].hit_ratio)
            .unwrap_or(-1.0)
    };
    // Zipf(1) over 10,000 keys, capacity 5x the keys: every key read once is kept. After
    // 59 s (118,000 reads) the expected fraction of reads for never-seen keys is tiny.
    let h10000: f64 = (1..=10_000).map(|k| 1.0 / k as f64).sum();
    assert!(
        hit(0.0) < hit(10.0),
        "warms up: {} then {}",
        hit(0.0),
        hit(10.0)
    );
    assert!(hit(58.0) > 0.95, "warm: {}", hit(58.0));
    // Restarted cold at 61 s: the first second back is well below the warm level.
    assert!(
        hit(61.0) < hit(58.0) - 0.05,
        "cold again: {} vs {}",
        hit(61.0),
        hit(58.0)
    );
    // The very first lookups all miss; within the first second at most the distinct keys
    // seen can hit: a sanity bound from the Zipf law (top 1000 keys carry this share).
    let top1000: f64 = (1..=1000).map(|k| 1.0 / k as f64).sum::<f64>() / h10000;
    assert!(hit(0.0) < top1000, "{} < {top1000}", hit(0.0));

    // A smaller cache keeps fewer keys and hits less.
    let small = cached_reads(500);
    let mut sim2 = sim_of(&small);
    sim2.run_until(50_000.0);
    let warm_small = sim2
        .series()
        .last()
        .and_then(|w| w.nodes[c].hit_ratio)
        .unwrap_or(1.0);
    assert!(
        warm_small < hit(58.0) - 0.1,
        "small cache {warm_small} vs large {}",
        hit(58.0)
    );
}

fn sim_of(s: &Scenario) -> Sim {
    sim(s)
}

#[test]
fn shard_load_follows_zipf_popularity_with_modulo_sharding() {
    let (keys, zipf_s, shards) = (1000u32, 1.2, 4usize);
    let mut u = users("u", 2000.0, reads());
    u.keys = Some(keys);
    u.zipf_s = Some(zipf_s);
    let mut nodes = vec![
        u,
        server("web", Kind::WebServer, 64, Dist::Exponential, 1.0),
        Node::new("router", Kind::ShardRouter, 0.0, 0.0),
    ];
    let mut wires = vec![wire("u", "web"), wire("web", "router")];
    for i in 0..shards {
        let id = format!("shard-{i}");
        nodes.push(server(&id, Kind::Database, 64, Dist::Exponential, 2.0));
        wires.push(wire("router", &id));
    }
    let snap = measure(&scenario(nodes, wires), 5.0, 200.0);
    // Key rank k (0-based) has probability (k+1)^-s / H; shard j gets keys with k % 4 == j.
    let w: Vec<f64> = (1..=keys).map(|k| (k as f64).powf(-zipf_s)).collect();
    let h: f64 = w.iter().sum();
    for j in 0..shards {
        let share: f64 = w
            .iter()
            .enumerate()
            .filter(|(k, _)| k % shards == j)
            .map(|(_, p)| p / h)
            .sum();
        let got = node(&snap, &format!("shard-{j}")).arrival_rps / 2000.0;
        // Tolerance 2 %.
        assert_close(&format!("shard-{j} share"), got, share, 0.02);
    }
    let hottest = node(&snap, "shard-0").arrival_rps;
    for j in 1..shards {
        assert!(
            hottest > 1.3 * node(&snap, &format!("shard-{j}")).arrival_rps,
            "the celebrity's shard is hot"
        );
    }
}

#[test]
fn reads_go_to_replicas_and_move_when_one_dies() {
    let mut nodes = vec![
        users("u", 1000.0, reads()),
        server("web", Kind::WebServer, 64, Dist::Exponential, 1.0),
        server("db", Kind::Database, 64, Dist::Exponential, 2.0),
    ];
    let mut wires = vec![wire("u", "web"), wire("web", "db")];
    for id in ["r1", "r2"] {
        let mut r = server(id, Kind::Database, 64, Dist::Exponential, 2.0);
        r.role = Some(Role::Replica);
        nodes.push(r);
        wires.push(wire("db", id));
    }
    let mut s = scenario(nodes, wires);
    s.faults.push(fault(20.0, Action::Fail, "r1"));
    let (p, r1, r2) = (index(&s, "db"), index(&s, "r1"), index(&s, "r2"));
    let mut sim = sim(&s);
    sim.run_until(40_000.0);
    let rate = |n: usize, a: f64, b: f64| {
        sim.series()
            .filter(|w| w.start_ms >= a * 1000.0 && w.start_ms < b * 1000.0)
            .map(|w| w.nodes[n].arrivals as f64)
            .sum::<f64>()
            / (b - a)
    };
    assert_eq!(
        rate(p, 0.0, 40.0),
        0.0,
        "reads never reach the primary while a replica is up"
    );
    // Tolerance 3 %: a Poisson count of about 9,500 per replica.
    assert_close("r1 before", rate(r1, 1.0, 20.0), 500.0, 0.03);
    assert_close("r2 before", rate(r2, 1.0, 20.0), 500.0, 0.03);
    assert_close("r2 after r1 died", rate(r2, 21.0, 40.0), 1000.0, 0.03);
    let snap = sim.snapshot();
    assert_eq!(snap.counts.errors(), snap.counts.node_down);
    assert!(
        snap.counts.node_down < 100,
        "only reads in flight on r1 fail: {}",
        snap.counts.node_down
    );
    assert!(
        node(&snap, "r2").replication_lag_ms.is_some()
            && node(&snap, "r1").replication_lag_ms.is_none()
    );
}

#[test]
fn consistent_hashing_spreads_uniform_keys_evenly() {
    let mut u = users("u", 2000.0, reads());
    u.keys = Some(1_000_000);
    u.zipf_s = Some(0.0);
    let mut router = Node::new("router", Kind::ShardRouter, 0.0, 0.0);
    router.sharding = Some(Sharding::ConsistentHash);
    let mut nodes = vec![
        u,
        server("web", Kind::WebServer, 64, Dist::Exponential, 1.0),
        router,
    ];
    let mut wires = vec![wire("u", "web"), wire("web", "router")];
    for i in 0..4 {
        nodes.push(server(
            &format!("s{i}"),
            Kind::Database,
            64,
            Dist::Exponential,
            1.0,
        ));
        wires.push(wire("router", &format!("s{i}")));
    }
    let snap = measure(&scenario(nodes, wires), 1.0, 50.0);
    for i in 0..4 {
        // 64 virtual points per shard keep each share within about 20 % of a quarter.
        assert_close(
            &format!("s{i} share"),
            node(&snap, &format!("s{i}")).arrival_rps / 2000.0,
            0.25,
            0.2,
        );
    }
}

#[test]
fn autoscaler_adds_servers_after_boot_time_and_removes_them_when_idle() {
    let mut nodes = vec![
        users("u", 500.0, reads()),
        Node::new("lb", Kind::LoadBalancer, 0.0, 0.0),
        server("web-1", Kind::WebServer, 8, Dist::Exponential, 10.0),
    ];
    let mut scaler = Node::new("scaler", Kind::Autoscaler, 0.0, 0.0);
    scaler.target_utilization = Some(0.6);
    scaler.min_servers = Some(1);
    scaler.max_servers = Some(4);
    scaler.cooldown_s = Some(20.0);
    scaler.boot_s = Some(30.0);
    nodes.push(scaler);
    let mut s = scenario(
        nodes,
        vec![wire("u", "lb"), wire("lb", "web-1"), wire("scaler", "lb")],
    );
    // 500/s on one server of capacity 800/s: 0.625, above target. Then traffic doubles.
    s.faults.push(Fault {
        rate_rps: Some(1000.0),
        ..fault(60.0, Action::SetRate, "u")
    });
    s.faults.push(Fault {
        rate_rps: Some(50.0),
        ..fault(300.0, Action::SetRate, "u")
    });
    let mut sim = sim(&s);
    sim.run_until(39_000.0);
    let active = |sim: &Sim| {
        sim.snapshot()
            .nodes
            .iter()
            .filter(|n| n.kind == Kind::WebServer && n.up)
            .count()
    };
    assert_eq!(
        active(&sim),
        1,
        "booting takes 30 s after the first evaluation at 10 s"
    );
    sim.run_until(41_000.0);
    assert_eq!(active(&sim), 2, "the clone joined at 40 s");
    let mut most = 0;
    for t in (60..300).step_by(5) {
        sim.run_until(f64::from(t) * 1000.0);
        most = most.max(active(&sim));
    }
    assert!(most <= 4, "never above max_servers: {most}");
    let grown = active(&sim);
    assert!(grown >= 3, "scaled out under 1000/s: {grown}");
    let util: f64 = sim.last_window().map_or(0.0, |w| {
        let ids: Vec<usize> = sim
            .snapshot()
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == Kind::WebServer && n.up)
            .map(|(i, _)| i)
            .collect();
        ids.iter().map(|&i| w.nodes[i].utilization).sum::<f64>() / ids.len() as f64
    });
    assert!(util < 0.75, "utilisation back near the target: {util}");
    sim.run_until(600_000.0);
    assert_eq!(active(&sim), 1, "scaled back in when idle");
}

/// A load balancer in front of a fast (10 ms) and a slow (40 ms) web server, 8 workers each.
fn uneven_pool(policy: Policy) -> Snapshot {
    let mut lb = Node::new("lb", Kind::LoadBalancer, 0.0, 0.0);
    lb.policy = Some(policy);
    let s = scenario(
        vec![
            users("u", 300.0, reads()),
            lb,
            server("fast", Kind::WebServer, 8, Dist::Exponential, 10.0),
            server("slow", Kind::WebServer, 8, Dist::Exponential, 40.0),
        ],
        vec![wire("u", "lb"), wire("lb", "fast"), wire("lb", "slow")],
    );
    measure(&s, 10.0, 300.0)
}

#[test]
fn load_balancer_policies_split_traffic_as_they_promise() {
    let share = |snap: &Snapshot| {
        let slow = node(snap, "slow").arrivals as f64;
        slow / (slow + node(snap, "fast").arrivals as f64)
    };
    let rr = uneven_pool(Policy::RoundRobin);
    let random = uneven_pool(Policy::Random);
    let least = uneven_pool(Policy::LeastConnections);
    let two = uneven_pool(Policy::PowerOfTwo);
    // Blind policies split evenly: round robin exactly, random within 2 % (90,000 requests).
    assert_close(
        "round robin share of the slow server",
        share(&rr),
        0.5,
        0.001,
    );
    assert_close("random share of the slow server", share(&random), 0.5, 0.02);
    // Load-aware policies see the slow server's longer queue and send it less, which lowers
    // the mean latency.
    assert!(share(&least) < 0.4, "least connections: {}", share(&least));
    assert!(share(&two) < 0.47, "power of two: {}", share(&two));
    for (name, snap) in [("least connections", &least), ("power of two", &two)] {
        assert!(
            snap.latency.mean < 0.9 * random.latency.mean,
            "{name}: {} vs random {}",
            snap.latency.mean,
            random.latency.mean
        );
    }
}

#[test]
fn cache_ttl_sets_the_hit_ratio_as_the_ttl_formula_says() {
    // A cache big enough for every key: each key is fetched on a miss and then hits for
    // `ttl_s`, so a key read at rate r hits r T / (1 + r T) of the time (Poisson reads).
    // With Zipf(1) over 10,000 keys at 2000 reads/s: H(T) = sum_k p_k (r p_k T) / (1 + r p_k T).
    let (rate, keys) = (2000.0, 10_000u32);
    let h: f64 = (1..=keys).map(|k| 1.0 / f64::from(k)).sum();
    let expected = |ttl_s: f64| {
        (1..=keys)
            .map(|k| {
                let p = 1.0 / f64::from(k) / h;
                let x = rate * p * ttl_s;
                p * x / (1.0 + x)
            })
            .sum::<f64>()
    };
    let mut measured = Vec::new();
    for ttl_s in [0.5, 5.0] {
        let mut s = cached_reads(4_000_000);
        s.faults.clear();
        if let Some(c) = s.nodes.iter_mut().find(|n| n.id == "cache") {
            c.ttl_s = Some(ttl_s);
        }
        let snap = measure(&s, 20.0, 100.0);
        let hit = node(&snap, "cache").hit_ratio.unwrap_or(0.0);
        // Tolerance 2 %: the fill lands a database read after the miss, so a hot key
        // misses a little more than the formula's instant fill.
        assert_close(
            &format!("hit ratio at TTL {ttl_s} s"),
            hit,
            expected(ttl_s),
            0.02,
        );
        measured.push(hit);
    }
    assert!(measured[0] < measured[1] - 0.1, "{measured:?}");
}

#[test]
fn replication_lag_grows_when_the_replica_is_busy() {
    // Reads go to the replica (4 workers, 10 ms). Its applier waits behind the queued reads:
    // the lag is the configured 50 ms plus the time its workers need to clear the queue,
    // Lq x s / c, where Lq is M/M/4's mean queue length, C(c, a) rho / (1 - rho).
    let lag_at = |rate: f64| {
        let mut primary = server("db", Kind::Database, 16, Dist::Exponential, 10.0);
        primary.role = Some(Role::Primary);
        let mut replica = server("db-r", Kind::Database, 4, Dist::Exponential, 10.0);
        replica.role = Some(Role::Replica);
        replica.replication_lag_ms = Some(50.0);
        let s = scenario(
            vec![
                users("u", rate, reads()),
                server("web", Kind::WebServer, 64, Dist::Exponential, 1.0),
                primary,
                replica,
            ],
            vec![wire("u", "web"), wire("web", "db"), wire("db", "db-r")],
        );
        let mut sim = sim(&s);
        sim.run_until(2_000_000.0);
        let r = index(&s, "db-r");
        let lags: Vec<f64> = sim
            .series()
            .filter_map(|w| w.nodes[r].replication_lag_ms)
            .collect();
        assert_eq!(
            lags.len(),
            WINDOW_RING,
            "every window reports the replica's lag"
        );
        let snap = sim.snapshot();
        assert_eq!(
            node(&snap, "db").replication_lag_ms,
            None,
            "a primary has no lag"
        );
        lags.iter().sum::<f64>() / lags.len() as f64
    };
    assert_close("idle replica [ms]", lag_at(20.0), 50.0, 0.01);
    let (c, rate, s) = (4, 340.0, 10.0);
    let a = rate / 1000.0 * s;
    let rho = a / f64::from(c);
    let lq = erlang_c(c, a) * rho / (1.0 - rho);
    // Tolerance 10 %: the average of the last 600 one-second windows at rho 0.85.
    assert_close(
        "busy replica [ms]",
        lag_at(rate),
        50.0 + lq * s / f64::from(c),
        0.1,
    );
}

#[test]
fn a_dead_replica_reports_no_lag() {
    let mut primary = server("db", Kind::Database, 16, Dist::Exponential, 5.0);
    primary.role = Some(Role::Primary);
    let mut replica = server("db-r", Kind::Database, 16, Dist::Exponential, 5.0);
    replica.role = Some(Role::Replica);
    let mut s = scenario(
        vec![
            users("u", 100.0, reads()),
            server("web", Kind::WebServer, 64, Dist::Exponential, 1.0),
            primary,
            replica,
        ],
        vec![wire("u", "web"), wire("web", "db"), wire("db", "db-r")],
    );
    s.faults.push(fault(5.0, Action::Fail, "db-r"));
    let mut sim = sim(&s);
    sim.run_until(4_000.0);
    assert_eq!(
        node(&sim.snapshot(), "db-r").replication_lag_ms,
        Some(100.0)
    );
    sim.run_until(8_000.0);
    assert_eq!(node(&sim.snapshot(), "db-r").replication_lag_ms, None);
}

#[test]
fn autoscaler_waits_out_its_cooldown_between_launches() {
    // 2000 requests/s against servers of 800/s: overloaded until 4 servers. Evaluations every
    // 10 s, boot 5 s, cooldown 60 s: launches at 10 s and 70 s only, whatever the load.
    let mut scaler = Node::new("scaler", Kind::Autoscaler, 0.0, 0.0);
    scaler.max_servers = Some(10);
    scaler.cooldown_s = Some(60.0);
    scaler.boot_s = Some(5.0);
    let s = scenario(
        vec![
            users("u", 2000.0, reads()),
            Node::new("lb", Kind::LoadBalancer, 0.0, 0.0),
            server("web-1", Kind::WebServer, 8, Dist::Exponential, 10.0),
            scaler,
        ],
        vec![wire("u", "lb"), wire("lb", "web-1"), wire("scaler", "lb")],
    );
    let mut sim = sim(&s);
    let mut active_at = |t_s: f64| {
        sim.run_until(t_s * 1000.0);
        sim.snapshot()
            .nodes
            .iter()
            .filter(|n| n.kind == Kind::WebServer && n.up)
            .count()
    };
    assert_eq!(active_at(14.0), 1, "booting");
    assert_eq!(active_at(16.0), 2, "launched at 10 s, joined at 15 s");
    assert_eq!(active_at(74.0), 2, "no launch at 20 .. 60 s: cooling down");
    assert_eq!(active_at(76.0), 3, "launched at 70 s");
    assert_eq!(active_at(134.0), 3);
    assert_eq!(active_at(136.0), 4, "launched at 130 s");
}
