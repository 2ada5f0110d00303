//! Machine sizes, monthly cost and capacity (cost.rs): the static estimate agrees with the
//! engine, sizes change what they claim, and a bad size is reported with its path.

mod common;
use common::*;
use scaleboard_sim::cost::{self, estimate, resized, Size};
use scaleboard_sim::*;
use std::path::Path;

fn builtin(stem: &str) -> Scenario {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../static/scenarios")
        .join(format!("{stem}.json"));
    load(&std::fs::read_to_string(p).expect("scenario file")).expect("loads")
}

#[test]
fn estimated_utilisation_matches_the_engine_in_every_built_in_scenario() {
    for stem in [
        "01-single-server",
        "02-web-and-db",
        "03-load-balancer",
        "04-replication",
        "05-cache",
        "06-cdn",
        "07-stateless",
        "07b-stateful",
        "08-two-data-centers",
        "09-queue-workers",
        "10-sharding",
    ] {
        let s = builtin(stem);
        let e = estimate(&s);
        let snap = measure(&s, 2.0, 20.0);
        for n in &e.nodes {
            if !n.capacity_rps.is_finite() {
                continue;
            }
            let got = node(&snap, &n.id).utilization;
            // Poisson counts over 20 s and random service times: within 0.03 or 5 %.
            assert!(
                (got - n.utilization).abs() <= 0.03_f64.max(0.05 * n.utilization),
                "{stem}: {} predicted {:.3}, simulated {got:.3}",
                n.id,
                n.utilization
            );
        }
    }
}

#[test]
fn capacity_is_set_by_the_busiest_node() {
    // One web server: 16 workers x 10 ms = 1,600 requests/s; the database (48 x 20 ms, 80 %
    // of requests) would allow 3,000.
    let e = estimate(&builtin("02-web-and-db"));
    assert_eq!(e.bottleneck.as_deref(), Some("web"));
    assert_close("capacity [1/s]", e.capacity_rps, 1600.0, 1e-9);
    assert_close("offered [1/s]", e.offered_rps, 960.0, 1e-9);
    // DNS $5 + web $70 + database $200.
    assert_close("monthly cost [USD]", e.monthly_usd, 275.0, 1e-9);
    // Shard 0 of step 10 holds the celebrity: it saturates first.
    let e = estimate(&builtin("10-sharding"));
    assert_eq!(e.bottleneck.as_deref(), Some("shard-0"));
}

#[test]
fn a_size_multiplies_workers_shortens_service_and_costs_more() {
    let s = builtin("02-web-and-db");
    let small = estimate(&s);
    let web = |e: &cost::Estimate| e.nodes.iter().find(|n| n.id == "web").cloned();
    for size in Size::ALL {
        let big = resized(&s, "web", *size).expect("web exists");
        let p = Params::of(big.node("web").expect("web"));
        assert_eq!(p.workers, 16 * size.workers_factor());
        assert_close(
            "mean service [ms]",
            p.service.map_or(0.0, |x| x.mean_ms),
            10.0 * size.service_factor(),
            1e-12,
        );
        let e = estimate(&big);
        let (a, b) = (web(&small).expect("web"), web(&e).expect("web"));
        assert_close(
            "web capacity ratio",
            b.capacity_rps / a.capacity_rps,
            size.capacity_factor(),
            1e-12,
        );
        let more = e.monthly_usd - small.monthly_usd;
        let want = 70.0 * (size.price_factor() - 1.0);
        assert!(
            (more - want).abs() < 1e-9,
            "{size:?} costs {more} more, want {want}"
        );
    }
    // Big boxes cost more per request/s they can carry.
    let per = |z: Size| z.price_factor() / z.capacity_factor();
    assert!(per(Size::Medium) > per(Size::Small));
    assert!(per(Size::Large) > per(Size::Medium));
    assert!(per(Size::Xlarge) > per(Size::Large));
}

#[test]
fn no_size_means_small_and_changes_nothing() {
    let s = builtin("05-cache");
    let mut sized = s.clone();
    for n in sized.nodes.iter_mut() {
        if cost::SIZED.contains(&n.kind) {
            n.size = Some(Size::Small);
        }
    }
    let run = |s: &Scenario| {
        let mut sim = compile(s).expect("compiles");
        sim.run_until(5_000.0);
        digest(&sim.snapshot())
    };
    assert_eq!(run(&s), run(&sized));
    assert_eq!(estimate(&s).monthly_usd, estimate(&sized).monthly_usd);
}

#[test]
fn unknown_or_misplaced_sizes_are_reported_with_their_path() {
    let json = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/scenarios/02-web-and-db.json"),
    )
    .expect("file");
    let bad = json
        .replacen(
            "\"stateful\": true",
            "\"stateful\": true, \"size\": \"huge\"",
            1,
        )
        .replacen("\"ttl_s\": 60", "\"ttl_s\": 60, \"size\": \"large\"", 1);
    let text: Vec<String> = load(&bad)
        .expect_err("must fail")
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert!(
        text.iter()
            .any(|t| t.starts_with("nodes[web].size: unknown variant \"huge\"")),
        "{text:?}"
    );
    let ok_size = json.replacen("\"ttl_s\": 60", "\"ttl_s\": 60, \"size\": \"large\"", 1);
    let text: Vec<String> = load(&ok_size)
        .expect_err("DNS has no size")
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        text,
        vec!["nodes[dns].size: does not apply to DNS".to_string()]
    );
    // A size round-trips through JSON.
    let s = resized(&builtin("02-web-and-db"), "web", Size::Xlarge).expect("web");
    assert!(s.to_json().contains("\"size\": \"xlarge\""));
    assert_eq!(load(&s.to_json()).expect("reloads"), s);
}

#[test]
fn replacing_a_box_is_a_drill_of_fail_then_recover() {
    let d = cost::replacement_drill("web", 20.0, cost::REPLACE_BOOT_S);
    assert_eq!(d.len(), 2);
    assert_eq!((d[0].action, d[0].at_s), (Action::Fail, 20.0));
    assert_eq!((d[1].action, d[1].at_s), (Action::Recover, 140.0));
    let s = builtin("02-web-and-db");
    assert!(journey::check_drill(&s, &d).is_empty());
}

#[test]
fn emergent_cache_and_modulo_shards_follow_zipf() {
    // 4 shards by key % 4 behind a cache holding the top 1,000 of 10,000 keys (Zipf 1).
    let mut u = users("u", 1000.0, reads());
    u.keys = Some(10_000);
    u.zipf_s = Some(1.0);
    let mut cache = server("cache", Kind::Cache, 64, Dist::Constant, 1.0);
    cache.capacity = Some(1000);
    let mut nodes = vec![
        u,
        server("web", Kind::WebServer, 64, Dist::Exponential, 1.0),
        cache,
        Node::new("router", Kind::ShardRouter, 0.0, 0.0),
    ];
    let mut wires = vec![
        wire("u", "web"),
        wire("web", "cache"),
        wire("web", "router"),
    ];
    for k in 0..4 {
        let id = format!("shard-{k}");
        nodes.push(server(&id, Kind::Database, 16, Dist::Exponential, 5.0));
        wires.push(wire("router", &id));
    }
    let e = estimate(&scenario(nodes, wires));
    // H(1000) / H(10000) for Zipf 1: the head of the distribution the cache holds.
    let h = |n: u32| (1..=n).map(|k| 1.0 / f64::from(k)).sum::<f64>();
    let hit = h(1000) / h(10_000);
    let load = |id: &str| {
        e.nodes
            .iter()
            .find(|n| n.id == id)
            .map_or(0.0, |n| n.offered_rps)
    };
    assert_close(
        "router arrivals [1/s]",
        load("router"),
        1000.0 * (1.0 - hit),
        1e-9,
    );
    // Misses are the tail keys, spread almost evenly over the shards.
    for k in 0..4 {
        assert_close(
            "shard share",
            load(&format!("shard-{k}")) / load("router"),
            0.25,
            0.02,
        );
    }
}

#[test]
fn workers_beyond_one_machine_are_paid_for() {
    let s = builtin("01-single-server");
    let id = s
        .nodes
        .iter()
        .find(|n| n.kind == Kind::WebServer)
        .expect("a server")
        .id
        .clone();
    let default = Params::of(&scaleboard_sim::Node {
        workers: None,
        ..s.node(&id).expect("server").clone()
    })
    .workers;
    let price = |workers: u32| {
        let mut t = s.clone();
        t.nodes
            .iter_mut()
            .find(|n| n.id == id)
            .expect("server")
            .workers = Some(workers);
        cost::node_monthly_usd(t.node(&id).expect("server"))
    };
    let included = default * cost::WORKERS_INCLUDED;
    // Tuning the pool within one machine is free ...
    assert_close("default pool [USD]", price(default), 70.0, 1e-9);
    assert_close("a full machine [USD]", price(included), 70.0, 1e-9);
    // ... beyond it, the box is really several: 100,000 workers is not a $70 machine.
    assert_close("twice a machine [USD]", price(included * 2), 140.0, 1e-9);
    assert_close(
        "100,000 workers [USD]",
        price(100_000),
        70.0 * 100_000.0 / f64::from(included),
        1e-9,
    );
}

#[test]
fn the_estimate_is_known_unchanged_when_only_positions_and_names_move() {
    let a = builtin("05-cache");
    let mut moved = a.clone();
    for n in &mut moved.nodes {
        n.x += 37.0;
        n.y -= 11.0;
        n.name.push_str(" (moved)");
    }
    assert!(cost::same_estimate(&a, &moved));
    assert_eq!(estimate(&a), estimate(&moved), "and it is indeed the same");

    let mut busier = a.clone();
    let users = busier
        .nodes
        .iter_mut()
        .find(|n| n.kind == Kind::Users)
        .expect("users");
    users.rate_rps = Some(users.rate_rps.unwrap_or(100.0) * 2.0);
    assert!(!cost::same_estimate(&a, &busier));
    assert_ne!(estimate(&a), estimate(&busier));

    let mut rewired = a.clone();
    rewired.wires.pop();
    assert!(!cost::same_estimate(&a, &rewired));
}
