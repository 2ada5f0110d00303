//! What the canvas's moving dots are drawn from: per node and window, requests that arrived and
//! requests sent to it while it was down. A dead server behind a load balancer keeps being
//! sent traffic until the health check notices (red dots), then none (no dots).

mod common;
use common::*;
use scaleboard_sim::*;

#[test]
fn a_dead_server_is_sent_requests_until_the_health_check_then_none() {
    let rate = 1000.0;
    let mut u = users("u", rate, reads());
    u.population = Some(1000);
    let mut lb = Node::new("lb", Kind::LoadBalancer, 0.0, 0.0);
    lb.health_check_ms = Some(2000.0);
    let mut nodes = vec![u, lb];
    let mut wires = vec![wire("u", "lb")];
    for id in ["web-1", "web-2"] {
        nodes.push(server(id, Kind::WebServer, 16, Dist::Exponential, 2.0));
        wires.push(wire("lb", id));
    }
    let mut s = scenario(nodes, wires);
    // Checks run at 2, 4, ... s: the failure at 10.5 s is seen at 12 s.
    s.faults = vec![fault(10.5, Action::Fail, "web-1")];
    let mut sim = sim(&s);
    sim.run_until(20_000.0);
    let web1 = 2; // node order of the scenario
    let per_window = |a: f64, b: f64, f: &dyn Fn(&NodeWindow) -> u64| -> u64 {
        sim.series()
            .filter(|w| w.start_ms >= a * 1000.0 && w.end_ms <= b * 1000.0)
            .map(|w| f(&w.nodes[web1]))
            .sum()
    };
    assert_eq!(
        per_window(0.0, 10.0, &|n| n.refused),
        0,
        "nothing refused while up"
    );
    let refused = per_window(10.0, 12.0, &|n| n.refused) as f64;
    // Half the traffic for the 1.5 s between the failure and the check.
    assert!(
        (refused - rate / 2.0 * 1.5).abs() < rate / 2.0 * 1.5 * 0.08,
        "refused {refused}"
    );
    assert_eq!(
        per_window(12.0, 20.0, &|n| n.refused),
        0,
        "nothing sent once detected"
    );
    assert_eq!(
        per_window(11.0, 20.0, &|n| n.arrivals),
        0,
        "a dead node has no arrivals"
    );
    // The snapshot's window rates say the same.
    let mut sim2 = common::sim(&s);
    sim2.run_until(12_000.0);
    let snap = sim2.snapshot();
    let n = node(&snap, "web-1");
    assert!(!n.up);
    assert!(
        n.refused_rps_window > rate / 2.0 * 0.8,
        "{}",
        n.refused_rps_window
    );
    assert_eq!(n.arrival_rps_window, 0.0);
    let other = node(&snap, "web-2");
    assert!(
        (other.arrival_rps_window - rate / 2.0).abs() < rate / 2.0 * 0.2,
        "{}",
        other.arrival_rps_window
    );
}
