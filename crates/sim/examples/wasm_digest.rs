//! A tiny wasm module exporting the determinism digest, so native and wasm results can be
//! compared without a browser:
//!
//! ```sh
//! cargo build --release -p scaleboard-sim --example wasm_digest --target wasm32-unknown-unknown
//! node -e 'const fs=require("fs");WebAssembly.instantiate(fs.readFileSync("target/wasm32-unknown-unknown/release/examples/wasm_digest.wasm")).then(m=>console.log(BigInt.asUintN(64,m.instance.exports.digest())))'
//! ```

/// The determinism digest (an i64 for JavaScript; read it back as unsigned).
#[no_mangle]
pub extern "C" fn digest() -> u64 {
    scaleboard_sim::determinism_digest()
}

use std::sync::atomic::{AtomicU64, Ordering};

// Only its counts cross into JavaScript; its mean latency is checked natively.
#[path = "baseline/bare_heap.rs"]
#[allow(dead_code)]
mod bare_heap;

/// Events processed by the last `reference_requests` run.
static LAST_EVENTS: AtomicU64 = AtomicU64::new(0);

/// Events the engine processed in the last `reference_requests` run (for events/s).
#[no_mangle]
pub extern "C" fn last_events() -> u64 {
    LAST_EVENTS.load(Ordering::Relaxed)
}

/// Run the reference network for `sim_s` simulated seconds; returns requests simulated
/// (the caller times it to get requests per second).
#[no_mangle]
pub extern "C" fn reference_requests(sim_s: f64) -> u64 {
    let json = include_str!("../tests/fixtures/reference-round-robin.json");
    let Ok(s) = scaleboard_sim::load(json) else {
        return 0;
    };
    let Ok(mut sim) = scaleboard_sim::compile(&s) else {
        return 0;
    };
    sim.run_until(sim_s * 1000.0);
    LAST_EVENTS.store(sim.events_processed(), Ordering::Relaxed);
    let c = sim.snapshot().counts;
    c.ok + c.errors()
}

/// Run the bare binary-heap baseline (`baseline/bare_heap.rs`) on the same network for `sim_s`
/// simulated seconds; returns requests simulated, and `last_events` its events.
#[no_mangle]
pub extern "C" fn bare_requests(sim_s: f64) -> u64 {
    let b = bare_heap::run(sim_s, 42);
    LAST_EVENTS.store(b.events, Ordering::Relaxed);
    b.requests
}
