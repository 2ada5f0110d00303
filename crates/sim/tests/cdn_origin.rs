//! A CDN's misses go to the first live origin, so a CDN wired to two data centers keeps
//! working when one of them is lost (lesson 8 relies on it).

mod common;
use common::*;
use scaleboard_sim::*;

#[test]
fn cdn_misses_go_to_the_first_live_origin() {
    let mut cdn = Node::new("cdn", Kind::Cdn, 0.0, 0.0);
    cdn.hit_ratio = Some(0.5);
    let statics = Mix {
        static_asset: 1.0,
        read: 0.0,
        write: 0.0,
        job: 0.0,
    };
    let mut s = scenario(
        vec![
            users("u", 1000.0, statics),
            cdn,
            server("origin-a", Kind::WebServer, 64, Dist::Exponential, 2.0),
            server("origin-b", Kind::WebServer, 64, Dist::Exponential, 2.0),
        ],
        vec![
            wire("u", "cdn"),
            wire("cdn", "origin-a"),
            wire("cdn", "origin-b"),
        ],
    );
    s.faults.push(fault(10.0, Action::Fail, "origin-a"));
    let mut sim = sim(&s);
    sim.run_until(10_000.0);
    let snap = sim.snapshot();
    // Before the fault every miss (half of 1000/s) goes to the first origin.
    assert_close(
        "first origin [1/s]",
        node(&snap, "origin-a").arrival_rps,
        500.0,
        0.05,
    );
    assert_eq!(node(&snap, "origin-b").arrivals, 0);
    sim.reset_metrics();
    sim.run_until(20_000.0);
    let snap = sim.snapshot();
    assert_close(
        "second origin after the first died [1/s]",
        node(&snap, "origin-b").arrival_rps,
        500.0,
        0.05,
    );
    // Only the few being served when it died fail (500/s x 2 ms in flight); none is sent there.
    assert!(
        snap.counts.node_down < 20,
        "misses still sent to the dead origin: {:?}",
        snap.counts
    );
}
