//! Speed of the engine on the reference network (toolchain.md): simulated requests per
//! second and events per second of wall-clock time.
//!
//! `RUNS=3 cargo run --release -p scaleboard-sim --example bench [-- SIM_SECONDS]`

use scaleboard_sim::{compile, load};
use std::time::Instant;

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
    for _ in 0..n {
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
}
