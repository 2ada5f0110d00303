//! The run a figure shows: the scenario compiled with the figure's seed and run from 0 for the
//! figure's duration, its scheduled faults included, as the app runs it from Play.

use scaleboard_sim::series::{self, Point};
use scaleboard_sim::{compile, Diagnostic, Scenario, Snapshot};

/// What a figure draws from a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Every closed window of the run, oldest first: the app's chart points.
    pub points: Vec<Point>,
    /// The run's end: each node's utilisation over the last window and whether it is up.
    pub snapshot: Snapshot,
}

/// Runs `s` with `seed` from 0 to `duration_ms` of simulated time [ms].
pub fn run(s: &Scenario, seed: u64, duration_ms: f64) -> Result<Run, Vec<Diagnostic>> {
    let mut s = s.clone();
    s.seed = seed;
    let mut sim = compile(&s)?;
    sim.run_until(duration_ms);
    Ok(Run {
        points: series::system(sim.series()),
        snapshot: sim.snapshot(),
    })
}
