//! Common random numbers: a users node's requests depend on its own parameters, its id and the
//! seed alone, and every node draws its service times and routing choices from streams of its
//! own. So two designs compared see exactly the same traffic, and a change to one node shifts
//! no other node's draws.

use scaleboard_sim::*;

fn builtin(name: &str) -> Scenario {
    let path = format!(
        "{}/../../static/scenarios/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    load(&text).unwrap_or_else(|d| panic!("{name} loads: {d:?}"))
}

/// The first `n` requests `s` emits, with the id of the users node that sent each.
fn emitted(s: &Scenario, n: usize) -> Vec<(String, Emitted)> {
    let mut sim = compile(s).unwrap_or_else(|d| panic!("{} compiles: {d:?}", s.name));
    sim.log_arrivals(n);
    let mut t = 0.0;
    while sim.arrivals().len() < n && t < 600_000.0 {
        t += 1_000.0;
        sim.run_until(t);
    }
    assert_eq!(sim.arrivals().len(), n, "{} emitted {n} requests", s.name);
    sim.arrivals()
        .iter()
        .map(|e| (sim.node_id(e.users).unwrap_or("?").to_string(), e.clone()))
        .collect()
}

fn report(s: &Scenario, until_ms: f64) -> Snapshot {
    let mut sim = compile(s).unwrap_or_else(|d| panic!("{} compiles: {d:?}", s.name));
    sim.run_until(until_ms);
    sim.snapshot()
}

#[test]
fn two_designs_with_the_same_users_node_emit_exactly_the_same_requests() {
    // Each pair shares its users node (same id and parameters) and differs in everything behind
    // it: a database replicated or not; a CDN in front or not.
    for (a, b) in [
        ("03-load-balancer", "04-replication"),
        ("05-cache", "06-cdn"),
    ] {
        let (a, b) = (builtin(a), builtin(b));
        let (ea, eb) = (emitted(&a, 5_000), emitted(&b, 5_000));
        assert_eq!(
            ea, eb,
            "{} and {} emit the same 5,000 requests",
            a.name, b.name
        );
        // And not trivially: the requests differ among themselves.
        assert!(ea
            .windows(2)
            .any(|w| w[0].1.key != w[1].1.key && w[0].1.user != w[1].1.user));
    }
}

#[test]
fn a_changed_node_changes_only_what_flows_through_it() {
    // 03: users -> DNS -> load balancer -> two web servers -> database. A slower database
    // changes latencies, but not the requests, nor which web server the balancer picked for
    // each: every node but the database has the same arrivals.
    let a = builtin("03-load-balancer");
    let mut b = a.clone();
    let db = b
        .nodes
        .iter_mut()
        .find(|n| n.kind == Kind::Database)
        .expect("03 has a database");
    let service = db.service.unwrap_or(Service {
        dist: Dist::Exponential,
        mean_ms: 5.0,
        cv: None,
    });
    db.service = Some(Service {
        mean_ms: service.mean_ms * 1.5,
        ..service
    });
    let db_id = db.id.clone();
    let (ra, rb) = (report(&a, 20_000.0), report(&b, 20_000.0));
    for (na, nb) in ra.nodes.iter().zip(&rb.nodes) {
        if na.id != db_id {
            assert_eq!(na.arrivals, nb.arrivals, "{} sees the same requests", na.id);
        }
    }
    assert_ne!(
        ra.latency.mean, rb.latency.mean,
        "the slower database shows in the latency"
    );
}

#[test]
fn adding_an_unconnected_node_changes_nothing() {
    let a = builtin("05-cache");
    let mut b = a.clone();
    b.nodes
        .push(Node::new("spare", Kind::WebServer, 900.0, 900.0));
    let (ra, rb) = (report(&a, 20_000.0), report(&b, 20_000.0));
    assert_eq!(ra.counts, rb.counts);
    assert_eq!(ra.latency, rb.latency);
    assert_eq!(ra.latency_all, rb.latency_all);
    assert_eq!(
        ra.nodes[..],
        rb.nodes[..ra.nodes.len()],
        "every node of A, unchanged"
    );
    assert_eq!(
        rb.nodes.last().map(|n| n.arrivals),
        Some(0),
        "the spare saw nothing"
    );
}

#[test]
fn a_design_compared_with_itself_gives_identical_reports() {
    for name in ["05-cache", "08-two-data-centers", "11-millions"] {
        let s = builtin(name);
        assert_eq!(report(&s, 5_000.0), report(&s, 5_000.0), "{name}");
    }
}
