//! Replay: a run keeps its closed windows, every node's figures included, within a fixed
//! memory budget, so the page can scrub back to any moment and draw it as it was.

use scaleboard_sim::remote::{Command, Host, Report};
use scaleboard_sim::replay::BUDGET_BYTES;
use scaleboard_sim::run::Runner;
use scaleboard_sim::*;

fn builtin(name: &str) -> Scenario {
    let path = format!(
        "{}/../../static/scenarios/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    load(&text).unwrap_or_else(|d| panic!("{name} loads: {d:?}"))
}

fn fault(at_s: f64, action: Action, node: &str) -> Fault {
    Fault {
        at_s,
        action,
        node: Some(node.into()),
        dc: None,
        factor: None,
        rate_rps: None,
        duration_s: None,
        from: None,
        to: None,
        delay_ms: None,
    }
}

#[test]
fn an_hour_long_run_is_kept_end_to_end_within_the_budget() {
    let s = builtin("03-load-balancer");
    let Ok(mut r) = Runner::new(&s) else {
        panic!("03 runs")
    };
    let mut peak = 0;
    for minute in 1..=60 {
        r.run_until(f64::from(minute) * 60_000.0);
        peak = peak.max(r.record().bytes());
        assert!(r.record().len() <= r.record().cap());
    }
    let rec = r.record();
    assert_eq!(
        rec.seen(),
        3_600,
        "every 1 s window of the hour was offered"
    );
    assert!(
        peak <= BUDGET_BYTES,
        "{peak} bytes kept at most, budget {BUDGET_BYTES}"
    );
    // A small design keeps all of it.
    assert_eq!((rec.len(), rec.stride()), (3_600, 1));
    for t in [0.0, 1_800_500.0, 3_599_999.0] {
        let w = r.moment(t).expect("a window");
        assert!(
            w.start_ms <= t && t < w.end_ms,
            "{t} ms is in its window {}..{}",
            w.start_ms,
            w.end_ms
        );
        assert_eq!(w.nodes.len(), s.nodes.len(), "every node's figures");
    }
}

#[test]
fn a_big_design_over_an_hour_is_thinned_evenly_not_cut() {
    // 200 web servers behind one balancer: 203 nodes, so the budget keeps fewer windows.
    let mut s = builtin("03-load-balancer");
    let web = s
        .nodes
        .iter()
        .find(|n| n.kind == Kind::WebServer)
        .cloned()
        .expect("a web server");
    let lb = s
        .nodes
        .iter()
        .find(|n| n.kind == Kind::LoadBalancer)
        .map(|n| n.id.clone())
        .expect("a balancer");
    for i in 0..200 {
        let id = format!("extra-{i}");
        s.nodes.push(Node {
            id: id.clone(),
            ..web.clone()
        });
        s.wires.push(Wire {
            from: lb.clone(),
            to: id,
            latency_ms: None,
            ..Default::default()
        });
    }
    s.nodes
        .iter_mut()
        .filter(|n| n.kind == Kind::Users)
        .for_each(|n| n.rate_rps = Some(200.0));
    let Ok(mut r) = Runner::new(&s) else {
        panic!("the big design runs")
    };
    r.run_until(3_600_000.0);
    let rec = r.record();
    assert!(
        rec.stride() > 1,
        "thinned: the budget holds {} windows of 203 nodes",
        rec.cap()
    );
    assert!(rec.bytes() <= BUDGET_BYTES);
    let first = r.moment(0.0).map(|w| w.start_ms);
    let last = r.moment(3_599_999.0).map(|w| w.start_ms);
    assert_eq!(first, Some(0.0), "the start is kept");
    assert!(
        last.is_some_and(|t| t >= 3_600_000.0 - rec.stride() as f64 * 1000.0),
        "the end is kept: {last:?} with one window in {}",
        rec.stride()
    );
}

#[test]
fn a_moment_shows_the_nodes_as_they_were_then() {
    let mut s = builtin("05-cache");
    s.faults = vec![
        fault(10.0, Action::Fail, "cache"),
        fault(20.0, Action::Recover, "cache"),
    ];
    let cache = s
        .nodes
        .iter()
        .position(|n| n.id == "cache")
        .expect("a cache");
    let dbs: Vec<usize> = (0..s.nodes.len())
        .filter(|&i| s.nodes[i].kind == Kind::Database)
        .collect();
    let mut host = Host::new();
    let json = serde_json::to_string(&s).expect("serialise");
    host.handle(Command::Load {
        scenario_json: json,
    });
    host.handle(Command::RunUntil { t_ms: 30_000.0 });
    let moment = |host: &mut Host, t_ms: f64| match host.handle(Command::Moment { t_ms }).pop() {
        Some(Report::Moment {
            window: Some(w), ..
        }) => w,
        other => panic!("a moment at {t_ms} ms: {other:?}"),
    };
    let (before, during, after) = (
        moment(&mut host, 5_500.0),
        moment(&mut host, 15_500.0),
        moment(&mut host, 25_500.0),
    );
    assert_eq!(before.start_ms, 5_000.0);
    assert!(before.nodes[cache].up && !during.nodes[cache].up && after.nodes[cache].up);
    let to_databases = |w: &Window| dbs.iter().map(|&i| w.nodes[i].arrivals).sum::<u64>();
    assert!(
        to_databases(&during) > 2 * to_databases(&before),
        "with the cache down the reads reach the databases: {} vs {} a window",
        to_databases(&during),
        to_databases(&before)
    );
    // Scrubbing does not disturb the run.
    match host.handle(Command::Pull).pop() {
        Some(Report::Frame(f)) => assert_eq!(f.now_ms, 30_000.0),
        other => panic!("a frame: {other:?}"),
    }
}

#[test]
fn a_moment_before_anything_ran_or_without_a_run_is_answered_plainly() {
    let mut host = Host::new();
    assert!(matches!(
        host.handle(Command::Moment { t_ms: 0.0 }).pop(),
        Some(Report::Problem { .. })
    ));
    let json = serde_json::to_string(&builtin("01-single-server")).expect("serialise");
    host.handle(Command::Load {
        scenario_json: json,
    });
    assert!(matches!(
        host.handle(Command::Moment { t_ms: 0.0 }).pop(),
        Some(Report::Moment { window: None, .. })
    ));
}
