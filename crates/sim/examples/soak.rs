//! Memory over a long run: the reference network scaled to 100,000 requests/s (every tier's
//! workers scaled by the same factor, so utilisation stays at 70 %), simulated for one hour,
//! printing the process's resident memory every 5 simulated minutes. Metrics are bounded
//! (histograms and a ring of windows), so the figure must stay flat.
//!
//! `cargo run --release -p scaleboard-sim --example soak [-- SIM_SECONDS]` (Linux: reads /proc).

use scaleboard_sim::{compile, load};
use serde_json::Value;
use std::time::Instant;

const REFERENCE: &str = include_str!("../tests/fixtures/reference-round-robin.json");
/// Offered load of the soak run [requests/s].
const TARGET_RPS: f64 = 100_000.0;
/// How often memory is sampled [simulated s].
const SAMPLE_EVERY_S: f64 = 300.0;

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// The reference network with its rate and every tier's workers multiplied by `factor`.
fn scaled(factor: f64) -> Result<String, String> {
    let mut doc: Value = serde_json::from_str(REFERENCE).map_err(|e| e.to_string())?;
    let nodes = doc["nodes"].as_array_mut().ok_or("fixture has no nodes")?;
    for n in nodes {
        if let Some(rate) = n["rate_rps"].as_f64() {
            n["rate_rps"] = Value::from(rate * factor);
        }
        if let Some(w) = n["workers"].as_f64() {
            n["workers"] = Value::from((w * factor).round() as u64);
        }
    }
    serde_json::to_string(&doc).map_err(|e| e.to_string())
}

fn main() {
    let sim_s: f64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(3600.0);
    let json = match scaled(TARGET_RPS / 2240.0) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("soak: {e}");
            std::process::exit(1);
        }
    };
    let scenario = match load(&json) {
        Ok(s) => s,
        Err(d) => {
            d.iter().for_each(|d| eprintln!("{d}"));
            std::process::exit(1);
        }
    };
    let Ok(mut sim) = compile(&scenario) else {
        eprintln!("soak: the scaled reference network does not compile");
        std::process::exit(1);
    };
    let start = Instant::now();
    println!("sim_s  requests     rss_mib  p99_ms");
    let mut t = 0.0;
    while t < sim_s {
        t = (t + SAMPLE_EVERY_S).min(sim_s);
        sim.run_until(t * 1000.0);
        let snap = sim.snapshot();
        println!(
            "{:>5}  {:>11}  {:>7.1}  {:>6.2}",
            t,
            snap.counts.ok + snap.counts.errors(),
            rss_kib() as f64 / 1024.0,
            snap.latency.p99
        );
    }
    println!("wall time: {:.1} s", start.elapsed().as_secs_f64());
}
