//! Memory over a long run: one simulated hour at 100,000 requests/s, printing resident memory
//! every 5 simulated minutes. Memory must stay flat (metrics are bounded).
//!
//! `cargo run --release -p scaleboard-sim --example soak [-- SIM_MINUTES]`

use scaleboard_sim::{compile, load};

const SOAK: &str = include_str!("../tests/fixtures/soak-100k.json");

/// Resident set size [KiB] (Linux), or 0 where /proc is missing.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u64>().ok())
        })
        .map_or(0, |pages| pages * 4)
}

fn main() {
    let minutes: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(60);
    let Ok(s) = load(SOAK) else {
        std::process::exit(1)
    };
    let Ok(mut sim) = compile(&s) else {
        std::process::exit(1)
    };
    // Resident memory, and what the engine holds (`Sim::footprint`): both must stay flat.
    println!("sim_min,requests,rss_kib,pending_events,request_slots,pending_deadlines,windows");
    for m in (5..=minutes).step_by(5) {
        sim.run_until(f64::from(m) * 60_000.0);
        let c = sim.snapshot().counts;
        let f = sim.footprint();
        println!(
            "{m},{},{},{},{},{},{}",
            c.ok + c.errors(),
            rss_kib(),
            f.pending_events,
            f.request_slots,
            f.pending_deadlines,
            f.windows
        );
    }
}
