//! Speed of the engine on the reference network (toolchain.md): simulated requests per
//! second and events per second of wall-clock time, beside the bare binary-heap baseline
//! (`baseline/bare_heap.rs`) run on the same network in the same process, alternating runs so
//! both see the same machine load; the ratio is what the engine's extra work costs.
//!
//! `RUNS=3 cargo run --release -p scaleboard-sim --example bench [-- SIM_SECONDS]`

use scaleboard_sim::{compile, load};
use std::time::Instant;

#[path = "baseline/bare_heap.rs"]
mod bare_heap;

const REFERENCE: &str = include_str!("../tests/fixtures/reference-round-robin.json");

fn main() {
    let sim_s: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(600.0);
    let scenario = match load(REFERENCE) {
        Ok(s) => s,
        Err(d) => {
            d.iter().for_each(|d| eprintln!("{d}"));
            std::process::exit(1);
        }
    };
    let n: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(3);
    let mut runs = Vec::new();
    let mut bare_runs = Vec::new();
    for _ in 0..n {
        let start = Instant::now();
        let b = bare_heap::run(sim_s, scenario.seed);
        bare_runs.push((
            b.requests as f64 / start.elapsed().as_secs_f64(),
            b.mean_ms,
            b.events as f64 / b.requests.max(1) as f64,
        ));
        let Ok(mut sim) = compile(&scenario) else {
            std::process::exit(1)
        };
        let start = Instant::now();
        sim.run_until(sim_s * 1000.0);
        let wall = start.elapsed().as_secs_f64();
        let snap = sim.snapshot();
        let requests = snap.counts.ok + snap.counts.errors();
        runs.push((
            requests as f64 / wall,
            sim.events_processed() as f64 / wall,
            snap.latency.mean,
        ));
    }
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (rps, eps, mean) = runs[n / 2];
    let all: Vec<String> = runs.iter().map(|r| format!("{:.0}", r.0)).collect();
    println!("reference network, {sim_s} s simulated, median of {n} runs");
    println!("requests/s: {:.0}", rps);
    println!("events/s:   {:.0}", eps);
    println!("runs (requests/s): {}", all.join(" "));
    println!("mean latency: {mean:.3} ms (theory: 16.55 ms round robin)");
    bare_runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (bare, bare_mean, bare_per) = bare_runs[n / 2];
    let all: Vec<String> = bare_runs.iter().map(|r| format!("{:.0}", r.0)).collect();
    println!(
        "bare heap requests/s: {bare:.0} (runs: {}), mean latency {bare_mean:.3} ms, {bare_per:.2} events per request",
        all.join(" ")
    );
    println!("engine / bare heap: {:.2}", rps / bare);
}
