//! Faults on wires: a cut loses what is sent over it (the caller learns only at its
//! deadline), `restore` heals it, `latency` adds delay each way.

mod common;
use common::*;
use scaleboard_sim::remote::{Command, Host, Report};
use scaleboard_sim::trace::{Ending, Phase};
use scaleboard_sim::*;

fn wire_fault(at_s: f64, action: Action, from: &str, to: &str, delay_ms: Option<f64>) -> Fault {
    Fault {
        from: Some(from.into()),
        to: Some(to.into()),
        delay_ms,
        node: None,
        ..fault(at_s, action, "")
    }
}

/// Users writing at 128 requests/s, evenly spaced (7.8125 ms apart: exact in binary, so the
/// arrival times are exact) through a web server to a database; client deadline 1 s, no
/// client retries.
fn writes_to_db() -> Scenario {
    let mut u = users("u", 128.0, writes());
    u.arrival = Some(Arrival::Constant);
    u.timeout_ms = Some(1000.0);
    u.retries = Some(0);
    scenario(
        vec![
            u,
            server("web", Kind::WebServer, 64, Dist::Constant, 1.0),
            server("db", Kind::Database, 64, Dist::Constant, 2.0),
        ],
        vec![wire("u", "web"), wire("web", "db")],
    )
}

fn in_windows(sim: &Sim, from_s: f64, to_s: f64, f: impl Fn(&Window) -> u64) -> u64 {
    sim.series()
        .filter(|w| w.start_ms >= from_s * 1000.0 && w.start_ms < to_s * 1000.0)
        .map(f)
        .sum()
}

#[test]
fn a_cut_wire_turns_every_write_into_a_timeout_at_the_deadline_and_restore_heals_it() {
    let mut s = writes_to_db();
    s.faults
        .push(wire_fault(10.0, Action::Cut, "web", "db", None));
    s.faults
        .push(wire_fault(20.0, Action::Restore, "web", "db", None));
    let mut sim = sim(&s);
    sim.run_until(10_500.0);
    assert!(sim.snapshot().wires[1].cut, "web -> db is cut");
    sim.trace_next(None).expect("a request to trace");
    sim.run_until(40_000.0);
    let snap = sim.snapshot();
    // Requests sent in [10 s, 20 s): 10 s x 128/s, every one lost, none failed another way.
    assert_eq!(snap.counts.timeout, 1280, "{:?}", snap.counts);
    assert_eq!(snap.counts.errors(), 1280);
    assert!(!snap.wires[1].cut, "restored");
    // The database behind the cut saw nothing while it lasted.
    assert_eq!(in_windows(&sim, 10.0, 20.0, |w| w.nodes[2].arrivals), 0);
    // After the restore (and the last deadline, 21 s) every request succeeds again.
    assert_eq!(in_windows(&sim, 21.0, 40.0, |w| w.counts.errors()), 0);
    assert_eq!(in_windows(&sim, 21.0, 40.0, |w| w.counts.ok), 19 * 128);
    // The traced one waited exactly its deadline, its last span the lost way to the database.
    let traced = sim.take_traced();
    let t = traced.first().expect("the traced request ended");
    assert_eq!(t.ending, Ending::Timeout);
    assert_eq!(t.latency_ms, 1000.0);
    let last = t.spans.last().expect("spans");
    assert!(
        last.phase == Phase::Network && last.node == "db" && last.down,
        "{last:?}"
    );
    assert_eq!(last.end_ms, 1000.0);
}

#[test]
fn a_cut_keeps_the_footprint_flat_no_slot_leaks() {
    let mut s = writes_to_db();
    s.faults
        .push(wire_fault(1.0, Action::Cut, "web", "db", None));
    let mut sim = sim(&s);
    sim.run_until(30_000.0);
    let early = sim.footprint();
    sim.run_until(600_000.0);
    let late = sim.footprint();
    // In flight at any time: at most the requests of one deadline, 128/s x 1 s, plus those
    // whose deadline passed since the last arrival checked (a gap, 7.8 ms).
    assert!(late.request_slots <= 140, "{late:?}");
    assert_eq!(
        early.request_slots, late.request_slots,
        "{early:?} {late:?}"
    );
    assert!(late.pending_deadlines <= 130, "{late:?}");
}

#[test]
fn added_latency_raises_a_constant_scenario_by_twice_the_delay_per_wire() {
    let base = writes_to_db();
    let at = |s: &Scenario| {
        let mut sim = sim(s);
        sim.run_until(2_000.0);
        sim.reset_metrics();
        sim.run_until(12_000.0);
        sim.snapshot().latency.mean
    };
    let before = at(&base);
    let mut one = base.clone();
    one.faults
        .push(wire_fault(0.0, Action::Latency, "web", "db", Some(50.0)));
    let mut two = one.clone();
    two.faults
        .push(wire_fault(0.0, Action::Latency, "u", "web", Some(50.0)));
    // Each wire crossed is crossed twice (there and back), 50 ms more each way.
    assert!(
        (at(&one) - before - 100.0).abs() < 1e-6,
        "{} {before}",
        at(&one)
    );
    assert!(
        (at(&two) - before - 200.0).abs() < 1e-6,
        "{} {before}",
        at(&two)
    );
    // Latency 0 removes it.
    let mut undone = one.clone();
    undone
        .faults
        .push(wire_fault(0.0, Action::Latency, "web", "db", Some(0.0)));
    assert!((at(&undone) - before).abs() < 1e-6);
}

#[test]
fn cutting_one_of_two_entry_points_fails_only_the_users_sent_to_it() {
    let mut u = users("u", 1000.0, reads());
    u.timeout_ms = Some(500.0);
    u.retries = Some(0);
    u.population = Some(100_000);
    let s = scenario(
        vec![
            u,
            Node::new("lb1", Kind::LoadBalancer, 0.0, 0.0),
            Node::new("lb2", Kind::LoadBalancer, 0.0, 0.0),
            server("web", Kind::WebServer, 256, Dist::Exponential, 2.0),
        ],
        vec![
            wire("u", "lb1"),
            wire("u", "lb2"),
            wire("lb1", "web"),
            wire("lb2", "web"),
        ],
    );
    let mut s = s;
    s.faults
        .push(wire_fault(5.0, Action::Cut, "u", "lb1", None));
    let mut sim = sim(&s);
    sim.run_until(5_000.0);
    sim.reset_metrics();
    sim.run_until(65_000.0);
    let snap = sim.snapshot();
    // Users are spread over the two entry points by a hash of their id: half each.
    let failed = snap.counts.timeout as f64 / snap.counts.finished() as f64;
    assert!((failed - 0.5).abs() < 0.03, "{:?}", snap.counts);
    assert_eq!(snap.counts.errors(), snap.counts.timeout);
    assert_eq!(
        node(&snap, "lb1").arrivals,
        0,
        "nothing reaches the cut side"
    );
}

#[test]
fn wire_faults_name_an_existing_wire() {
    let mut s = writes_to_db();
    s.faults
        .push(wire_fault(1.0, Action::Cut, "db", "web", None));
    let d = validate(&s);
    assert!(
        d.iter()
            .any(|d| d.message.contains("no wire from \"db\" to \"web\"")
                && d.message.contains("did you mean from \"web\" to \"db\"")),
        "{d:?}"
    );
    let mut s = writes_to_db();
    s.faults
        .push(wire_fault(1.0, Action::Latency, "web", "db", Some(-5.0)));
    let d = validate(&s);
    assert!(
        d.iter()
            .any(|d| d.path == "faults[0].delay_ms" && d.message.contains("-5")),
        "{d:?}"
    );
    let mut s = writes_to_db();
    s.faults
        .push(wire_fault(1.0, Action::Latency, "web", "db", None));
    assert!(validate(&s).iter().any(|d| d.message.contains("delay_ms")));
    // Live, the same checks.
    let mut sim = sim(&writes_to_db());
    let e = sim
        .apply_fault(&wire_fault(0.0, Action::Cut, "web", "nowhere", None))
        .expect_err("no such wire");
    assert!(e.contains("no wire from \"web\" to \"nowhere\""), "{e}");
    let e = sim
        .apply_fault(&wire_fault(
            0.0,
            Action::Latency,
            "web",
            "db",
            Some(f64::NAN),
        ))
        .expect_err("not a delay");
    assert!(e.contains("delay_ms"), "{e}");
}

#[test]
fn a_wire_fault_injected_through_the_protocol_cuts_the_wire_live() {
    let s = writes_to_db();
    let mut host = Host::new();
    host.handle(Command::Load {
        scenario_json: serde_json::to_string(&s).expect("serialise"),
    });
    host.handle(Command::RunUntil { t_ms: 2_000.0 });
    let cut = wire_fault(0.0, Action::Cut, "web", "db", None);
    let reports = host.handle(Command::Inject {
        fault_json: serde_json::to_string(&cut).expect("serialise"),
    });
    assert!(
        reports.iter().any(|r| matches!(r, Report::Applied { .. })),
        "{reports:?}"
    );
    host.handle(Command::RunUntil { t_ms: 5_000.0 });
    let frame = host.handle(Command::Pull);
    let Some(Report::Frame(f)) = frame.iter().find(|r| matches!(r, Report::Frame(_))) else {
        panic!("no frame in {frame:?}");
    };
    let snap = f.snapshot.as_ref().expect("a snapshot");
    // A frame carries only the wires worth sending (`WireSnapshot::worth_sending`): the cut one
    // is there, cut; any other there is not.
    let cut_now: Vec<(&str, &str)> = snap
        .wires
        .iter()
        .filter(|w| w.cut)
        .map(|w| (w.from.as_str(), w.to.as_str()))
        .collect();
    assert_eq!(cut_now, vec![("web", "db")], "{:?}", snap.wires);
    assert!(snap.counts.timeout > 0);
    let bad = wire_fault(0.0, Action::Cut, "db", "web", None);
    let reports = host.handle(Command::Inject {
        fault_json: serde_json::to_string(&bad).expect("serialise"),
    });
    assert!(
        reports
            .iter()
            .any(|r| matches!(r, Report::Problem { message } if message.contains("did you mean"))),
        "{reports:?}"
    );
}
