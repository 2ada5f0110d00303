//! The Scaleboard model. Knows nothing of the browser.
//!
//! Data flow: JSON -> [`load`] (parse + validate) -> [`Scenario`] -> [`compile`] -> [`Sim`]
//! -> [`Sim::run_until`] -> [`Sim::snapshot`].

pub mod challenge;
pub mod cli;
pub mod compare;
pub mod controls;
pub mod cost;
mod diagnostic;
pub mod edit;
mod engine;
mod events;
pub mod expect;
pub mod explain;
pub mod glossary;
pub mod host_api;
pub mod journey;
mod kind;
pub mod label;
pub mod live;
mod load;
mod metrics;
mod params;
pub mod predict;
pub mod present;
pub mod remote;
pub mod replay;
mod rng;
pub mod run;
mod scenario;
pub mod series;
pub mod sweep;
pub mod theory;
pub mod trace;
mod validate;

pub use diagnostic::Diagnostic;
pub use engine::{
    compile, digest, BreakerState, ByClass, Emitted, Footprint, NodeSnapshot, QueueStats, Sim,
    Snapshot, WireSnapshot,
};
pub use kind::Kind;
pub use load::parse;
pub use metrics::{Counts, Latency, NodeWindow, Window, CLASSES, WINDOW_RING};
pub use params::Params;
pub use scenario::*;
pub use validate::validate;

/// Parse and validate a scenario document. Every problem is reported; never panics.
pub fn load(json: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let s = parse(json)?;
    let d = validate(&s);
    if d.is_empty() {
        Ok(s)
    } else {
        Err(d)
    }
}

/// The fixture behind [`determinism_digest`]: cache, database, load balancer and more.
pub const DETERMINISM_FIXTURE: &str = include_str!("../tests/fixtures/determinism.json");
/// Simulated time the determinism fixture runs for [ms].
pub const DETERMINISM_RUN_MS: f64 = 20_000.0;

/// Digest of running [`DETERMINISM_FIXTURE`] for 20 s. Native and wasm builds must return
/// the same value, the one in `tests/golden/determinism.txt`.
pub fn determinism_digest() -> u64 {
    let Ok(scenario) = load(DETERMINISM_FIXTURE) else {
        return 0;
    };
    let Ok(mut sim) = compile(&scenario) else {
        return 0;
    };
    sim.run_until(DETERMINISM_RUN_MS);
    digest(&sim.snapshot())
}
