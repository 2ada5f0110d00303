//! The engine's worker protocol, served natively: what the page sends and what comes back.
//! The browser suite runs the same `Host` inside the real worker (e2e/tests/worker.test.mjs).

use std::cell::Cell;

use scaleboard_sim::remote::{decode, encode, Command, Frame, Host, Report};
use scaleboard_sim::*;

fn fixture() -> Scenario {
    load(DETERMINISM_FIXTURE).expect("fixture loads")
}

fn load_cmd(s: &Scenario) -> Command {
    Command::Load {
        scenario_json: serde_json::to_string(s).expect("serialise"),
    }
}

/// The fixture's first node that is not users, and a fault failing it at `at_s` [s].
fn fail_first_node(s: &Scenario, at_s: f64) -> (String, Fault) {
    let node = s
        .nodes
        .iter()
        .find(|n| n.kind != Kind::Users)
        .expect("a node");
    let fault = Fault {
        at_s,
        action: Action::Fail,
        node: Some(node.id.clone()),
        dc: None,
        factor: None,
        rate_rps: None,
        duration_s: None,
        from: None,
        to: None,
        delay_ms: None,
    };
    (node.id.clone(), fault)
}

fn frame_of(reports: &[Report]) -> Frame {
    match reports.iter().find(|r| matches!(r, Report::Frame(_))) {
        Some(Report::Frame(f)) => (**f).clone(),
        _ => panic!("expected a frame in {reports:?}"),
    }
}

fn problem_of(reports: &[Report]) -> String {
    match reports.iter().find(|r| matches!(r, Report::Problem { .. })) {
        Some(Report::Problem { message }) => message.clone(),
        _ => panic!("expected a problem in {reports:?}"),
    }
}

#[test]
fn a_run_driven_by_commands_has_the_golden_digest() {
    let mut host = Host::new();
    host.handle(load_cmd(&fixture()));
    host.handle(Command::RunUntil {
        t_ms: DETERMINISM_RUN_MS,
    });
    let reports = host.handle(Command::Digest);
    let golden = include_str!("golden/determinism.txt").trim();
    assert_eq!(
        reports,
        vec![Report::Digest {
            now_ms: DETERMINISM_RUN_MS,
            digest: golden.to_string()
        }]
    );
    assert_eq!(golden, determinism_digest().to_string());
}

#[test]
fn frames_survive_encoding_and_garbage_is_an_error_not_a_panic() {
    let mut host = Host::new();
    host.handle(load_cmd(&fixture()));
    let frame = frame_of(&host.handle(Command::RunUntil { t_ms: 3_000.0 }));
    let report = Report::Frame(Box::new(frame));
    let bytes = encode(&report).expect("encodes");
    assert_eq!(decode::<Report>(&bytes), Ok(report));
    let command = load_cmd(&fixture());
    assert_eq!(
        decode::<Command>(&encode(&command).expect("encodes")),
        Ok(command)
    );
    assert!(decode::<Command>(&[0xff, 0xff, 0xff]).is_err());
    assert!(decode::<Report>(&bytes[..bytes.len() / 2]).is_err());
}

#[test]
fn each_window_is_sent_once_and_carries_only_the_watched_node() {
    let s = fixture();
    let mut host = Host::new();
    let first = frame_of(&host.handle(load_cmd(&s)));
    assert!(first.exists && first.fresh && first.windows.is_empty());
    let a = frame_of(&host.handle(Command::RunUntil { t_ms: 3_000.0 }));
    assert_eq!(a.windows.len(), 3, "three 1 s windows closed by 3 s");
    assert!(
        a.windows.iter().all(|w| w.nodes.is_empty()),
        "nothing watched"
    );
    let b = frame_of(&host.handle(Command::RunUntil { t_ms: 5_000.0 }));
    let ends: Vec<f64> = b.windows.iter().map(|w| w.end_ms).collect();
    assert_eq!(ends, vec![4_000.0, 5_000.0], "only the new windows");
    assert!(!b.fresh);

    // Watching a node resends the whole ring with that node's figures, as the engine has them.
    host.handle(Command::Watch { node: Some(2) });
    let c = frame_of(&host.handle(Command::Pull));
    assert!(c.fresh);
    assert_eq!(c.watched, Some(2));
    assert_eq!(c.windows.len(), 5);
    let mut sim = compile(&s).expect("compiles");
    sim.run_until(5_000.0);
    let direct: Vec<NodeWindow> = sim.series().map(|w| w.nodes[2].clone()).collect();
    let sent: Vec<NodeWindow> = c.windows.iter().map(|w| w.nodes[0].clone()).collect();
    assert_eq!(sent, direct);
    let whole: Vec<Window> = sim.series().map(|w| w.clone_without_nodes()).collect();
    let got: Vec<Window> = c.windows.iter().map(|w| w.clone_without_nodes()).collect();
    assert_eq!(got, whole);
    let mut snapshot = sim.snapshot();
    assert_eq!(
        snapshot.wires.len(),
        s.wires.len(),
        "the engine reports every wire"
    );
    snapshot.wires.clear();
    assert_eq!(
        c.snapshot,
        Some(snapshot),
        "a frame: no wire with nothing to draw"
    );
}

/// The lesson scenario `name` (static/scenarios), loaded.
fn lesson(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../static/scenarios/{name}.json"));
    load(&std::fs::read_to_string(path).expect("the scenario file")).expect("loads")
}

/// The ends of the wires a frame carries, in order.
fn ends(f: &Frame) -> Vec<(String, String)> {
    let snap = f.snapshot.as_ref().expect("a snapshot");
    snap.wires
        .iter()
        .map(|w| (w.from.clone(), w.to.clone()))
        .collect()
}

/// The ends of the scenario's wires that `keep` picks, in order.
fn wires_where(s: &Scenario, keep: impl Fn(&Wire) -> bool) -> Vec<(String, String)> {
    s.wires
        .iter()
        .filter(|w| keep(w))
        .map(|w| (w.from.clone(), w.to.clone()))
        .collect()
}

#[test]
fn a_frame_carries_the_wires_with_a_state_to_draw_or_calls_to_count() {
    let s = lesson("12b-retry-budget");
    let mut host = Host::new();
    host.handle(load_cmd(&s));
    // Loaded, nothing called yet: the breaker wires alone (their state is drawn).
    let breakers = wires_where(&s, |w| w.breaker.is_some());
    assert_eq!(breakers.len(), 3);
    let f = frame_of(&host.handle(Command::RunUntil { t_ms: 1_000.0 }));
    assert_eq!(
        ends(&f),
        breakers,
        "the wires with a breaker, no plain wire"
    );
    // A cut wire joins them while it is cut.
    let cut = Fault {
        action: Action::Cut,
        node: None,
        from: Some("users".into()),
        to: Some("lb".into()),
        ..fail_first_node(&s, 0.0).1
    };
    host.handle(Command::Inject {
        fault_json: serde_json::to_string(&cut).expect("json"),
    });
    let f = frame_of(&host.handle(Command::RunUntil { t_ms: 2_000.0 }));
    let got = ends(&f);
    assert_eq!(got.len(), 4);
    assert_eq!(
        got[0],
        ("users".to_string(), "lb".to_string()),
        "in the scenario's order"
    );
}

#[test]
fn a_frame_carries_a_policy_wire_once_it_has_calls() {
    // Lesson 12: web -> db wires with a call policy and no breaker; nothing else defended.
    let s = lesson("12-retry-storm");
    let policy = wires_where(&s, |w| w.policy.is_some());
    assert_eq!(policy.len(), 3);
    assert!(s.wires.iter().all(|w| w.breaker.is_none()));
    let mut host = Host::new();
    let loaded = frame_of(&host.handle(load_cmd(&s)));
    assert_eq!(
        ends(&loaded),
        Vec::<(String, String)>::new(),
        "no calls yet"
    );
    // Each web server misses the cache on a first read (a cold cache) and calls the database
    // within the first few seconds, so each policy wire then counts calls and is sent.
    let f = frame_of(&host.handle(Command::RunUntil { t_ms: 5_000.0 }));
    assert_eq!(
        ends(&f),
        policy,
        "the policy wires, once called over, and only they"
    );
    let snap = f.snapshot.as_ref().expect("a snapshot");
    assert!(
        snap.wires
            .iter()
            .all(|w| w.calls > 0 && w.breaker.is_none()),
        "{:?}",
        snap.wires
    );
}

#[test]
fn a_new_run_is_numbered_and_starts_fresh() {
    let s = fixture();
    let mut host = Host::new();
    let one = frame_of(&host.handle(load_cmd(&s)));
    host.handle(Command::RunUntil { t_ms: 2_000.0 });
    let two = frame_of(&host.handle(load_cmd(&s)));
    assert_eq!((one.run, two.run), (1, 2));
    assert!(two.fresh && two.windows.is_empty());
    assert_eq!(two.now_ms, 0.0);
}

#[test]
fn a_design_that_cannot_run_and_commands_without_a_run_say_why() {
    let mut bad = fixture();
    bad.wires.push(Wire {
        from: "nowhere".into(),
        to: "lb".into(),
        latency_ms: None,
        ..Default::default()
    });
    let mut host = Host::new();
    let loaded = frame_of(&host.handle(load_cmd(&bad)));
    assert!(!loaded.exists);
    assert!(
        loaded
            .problem
            .as_deref()
            .is_some_and(|p| p.contains("nowhere")),
        "{loaded:?}"
    );
    assert!(problem_of(&host.handle(Command::Step)).contains("nothing is running"));
    let garbage = frame_of(&host.handle(Command::Load {
        scenario_json: "{not json".into(),
    }));
    assert!(garbage
        .problem
        .is_some_and(|p| p.contains("could not read the scenario")));
    assert_eq!(frame_of(&host.handle(load_cmd(&fixture()))).problem, None);
}

#[test]
fn an_injected_fault_comes_back_stamped_with_its_time_and_a_bad_one_changes_nothing() {
    let s = fixture();
    let (_, fault) = fail_first_node(&s, 0.0);
    let mut host = Host::new();
    host.handle(load_cmd(&s));
    host.handle(Command::RunUntil { t_ms: 1_500.0 });
    let reports = host.handle(Command::Inject {
        fault_json: serde_json::to_string(&fault).expect("serialise"),
    });
    let Some(Report::Applied {
        run: 1,
        faults_json,
    }) = reports.first()
    else {
        panic!("expected Applied, got {reports:?}")
    };
    let applied: Vec<Fault> = serde_json::from_str(faults_json).expect("a list of faults");
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].at_s, 1.5, "stamped with the simulated time [s]");

    let unknown = Fault {
        node: Some("ghost".into()),
        ..fault
    };
    let before = frame_of(&host.handle(Command::Pull));
    let reports = host.handle(Command::Inject {
        fault_json: serde_json::to_string(&unknown).expect("serialise"),
    });
    assert!(problem_of(&reports).contains("ghost"), "{reports:?}");
    let after = frame_of(&host.handle(Command::Pull));
    assert_eq!(before.snapshot, after.snapshot);
}

#[test]
fn playing_keeps_pace_with_the_wall_clock_or_says_it_is_behind() {
    let mut host = Host::new();
    host.handle(load_cmd(&fixture()));
    host.handle(Command::Play { times: Some(2.0) });
    assert!(host.playing());
    // A clock that never moves: every slice is within budget, so each reaches its target.
    let frozen = || 0.0;
    for _ in 0..10 {
        assert!(host.advance(16.0, 10.0, &frozen));
    }
    let f = frame_of(&host.handle(Command::Pull));
    assert!((f.now_ms - 320.0).abs() < 1e-9, "10 x 16 ms of wall at x2");
    assert!((f.sim_per_wall - 2.0).abs() < 1e-9);
    assert!(!f.behind && f.playing);

    // A clock that jumps past the budget on every reading: the engine falls short.
    let t = Cell::new(0.0);
    let racing = || {
        t.set(t.get() + 100.0);
        t.get()
    };
    for _ in 0..10 {
        assert!(!host.advance(16.0, 10.0, &racing));
    }
    let f = frame_of(&host.handle(Command::Pull));
    assert!(f.behind, "sim/wall {} at x2", f.sim_per_wall);
    host.handle(Command::Pause);
    assert!(!host.playing());
    assert!(!host.advance(16.0, 10.0, &frozen));
}

#[test]
fn scheduled_faults_apply_at_their_own_times() {
    let s = fixture();
    let (node, fault) = fail_first_node(&s, 2.0);
    let mut host = Host::new();
    host.handle(load_cmd(&s));
    let reports = host.handle(Command::Schedule {
        faults_json: serde_json::to_string(std::slice::from_ref(&fault)).expect("serialise"),
    });
    assert!(
        matches!(reports.as_slice(), [Report::Applied { .. }]),
        "{reports:?}"
    );
    let up = |f: &Frame| {
        f.snapshot
            .as_ref()
            .and_then(|s| s.nodes.iter().find(|n| n.id == node))
            .map(|n| n.up)
    };
    let before = frame_of(&host.handle(Command::RunUntil { t_ms: 1_999.0 }));
    let after = frame_of(&host.handle(Command::RunUntil { t_ms: 2_001.0 }));
    assert_eq!((up(&before), up(&after)), (Some(true), Some(false)));
}

/// A lesson's prediction is measured over its drill's windows, which a run at full speed pushes
/// out of the ring (600 windows) and thins out of the record within seconds: `Hold` keeps that
/// span whole, and one frame carries it once the span is complete.
#[test]
fn a_held_span_survives_a_run_far_past_it_and_is_sent_once() {
    let s = load(include_str!(
        "../../../static/scenarios/01-single-server.json"
    ))
    .expect("step 1");
    let mut host = Host::new();
    host.handle(load_cmd(&s));
    // Two windows before the hold are still in the ring: they are taken too.
    host.handle(Command::RunUntil { t_ms: 2_000.0 });
    host.handle(Command::Hold {
        from_ms: 1_000.0,
        to_ms: 5_000.0,
    });
    let early = frame_of(&host.handle(Command::RunUntil { t_ms: 4_500.0 }));
    assert_eq!(early.held, None, "not before the span is complete");
    // Far past the ring: 1,000 windows later.
    let frame = frame_of(&host.handle(Command::RunUntil { t_ms: 1_000_000.0 }));
    let starts: Vec<f64> = frame
        .held
        .as_ref()
        .expect("held windows in the first frame after the span")
        .iter()
        .map(|w| w.start_ms)
        .collect();
    assert_eq!(starts, vec![1_000.0, 2_000.0, 3_000.0, 4_000.0]);
    assert!(
        frame.windows.iter().all(|w| w.start_ms > 100_000.0),
        "the ring moved on"
    );
    assert!(
        frame.held.iter().flatten().all(|w| w.nodes.is_empty()),
        "system figures only"
    );
    assert_eq!(
        frame_of(&host.handle(Command::Pull)).held,
        None,
        "sent once"
    );
    // A new run holds nothing until asked again.
    host.handle(load_cmd(&s));
    assert_eq!(
        frame_of(&host.handle(Command::RunUntil { t_ms: 6_000.0 })).held,
        None
    );
}
