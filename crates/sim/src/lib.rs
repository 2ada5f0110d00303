//! The Scaleboard model. Knows nothing of the browser.
//!
//! Data flow: JSON -> [`load`] (parse + validate) -> [`Scenario`] -> [`compile`] -> [`Sim`]
//! -> [`Sim::run_until`] -> [`Sim::snapshot`].

mod diagnostic;
pub mod edit;
mod engine;
mod events;
mod metrics;
mod rng;
mod kind;
mod load;
mod params;
mod scenario;
mod validate;

pub use diagnostic::Diagnostic;
pub use engine::{compile, digest, ByClass, NodeSnapshot, Sim, Snapshot};
pub use metrics::{Counts, Latency, NodeWindow, Window, CLASSES, WINDOW_RING};
pub use kind::Kind;
pub use load::parse;
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
