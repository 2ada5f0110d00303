//! What request tracing costs: events per second of wall-clock time on one built-in scenario
//! with tracing off, with each window's exemplar kept (what the app's engine does), and with
//! the run's 100 slowest kept as well (`scaleboard run --trace-slowest 100`). The three are
//! run in turn, `RUNS` times each, so they see the same machine load; the medians and their
//! ratios are printed. The results are checked equal (same digest) on the way.
//!
//! `RUNS=3 cargo run --release -p scaleboard-sim --example trace_cost [-- SIM_SECONDS [FILE]]`

use scaleboard_sim::{compile, digest, load, Sim};
use std::time::Instant;

const DEFAULT: &str = include_str!("../../../static/scenarios/11-millions.json");

fn main() {
    let mut args = std::env::args().skip(1);
    let sim_s: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(30.0);
    let (name, json) = match args.next() {
        Some(f) => match std::fs::read_to_string(&f) {
            Ok(j) => (f, j),
            Err(e) => fail(&format!("{f}: {e}")),
        },
        None => (
            "static/scenarios/11-millions.json".to_string(),
            DEFAULT.into(),
        ),
    };
    let scenario = load(&json).unwrap_or_else(|d| fail(&format!("{name}: {}", d[0])));
    let n: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(3);
    type Setup = fn(&mut Sim);
    let cases: [(&str, Setup); 3] = [
        ("tracing off", |_| {}),
        ("window exemplars", |s| s.set_tracing(true)),
        ("exemplars + 100 slowest", |s| s.keep_slowest(100)),
    ];
    let mut eps = vec![Vec::new(); cases.len()];
    let mut digests = vec![0; cases.len()];
    let mut buffers = vec![0; cases.len()];
    for _ in 0..n {
        for (i, (_, setup)) in cases.iter().enumerate() {
            let Ok(mut sim) = compile(&scenario) else {
                fail("the scenario does not compile")
            };
            setup(&mut sim);
            let start = Instant::now();
            sim.run_until(sim_s * 1000.0);
            let wall = start.elapsed().as_secs_f64();
            eps[i].push(sim.events_processed() as f64 / wall);
            digests[i] = digest(&sim.snapshot());
            buffers[i] = sim.footprint().trace_buffers;
        }
    }
    if digests.iter().any(|&d| d != digests[0]) {
        fail(&format!("tracing changed the results: digests {digests:?}"));
    }
    println!("{name}, {sim_s} s simulated, median of {n} runs each, in turn");
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let off = median(&mut eps[0].clone());
    for (i, (what, _)) in cases.iter().enumerate() {
        let runs: Vec<String> = eps[i].iter().map(|e| format!("{e:.0}")).collect();
        let m = median(&mut eps[i]);
        println!(
            "{what:<24} events/s {m:>11.0}  ({:.3} of off; runs {}; {} trace buffers)",
            m / off,
            runs.join(" "),
            buffers[i]
        );
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
