//! Grading: the design as the challenge runs it ([`super::prepare`]), run headless at full
//! speed from 0 s to the end of the measured time, a slice at a time so a page can show a
//! progress bar between slices, then one line per objective with its measured value.
//!
//! The engine is deterministic and a slice boundary changes nothing it computes: graded in one
//! call or in a thousand, a design gives bit-identical values (a test checks it), which is what
//! lets a result link say whether its values reproduce.

use super::{prepare, Bound, Challenge, Metric, StepLine};
use crate::diagnostic::Diagnostic;
use crate::engine::Sim;
use crate::scenario::Scenario;
use serde::Serialize;

/// The longest stretch run between two looks at the closed windows [ms]: half the window ring,
/// so none closes and leaves the ring unseen.
const HARVEST_MS: f64 = 1000.0 * (crate::metrics::WINDOW_RING as f64 / 2.0);

/// A grading in progress.
#[derive(Clone, Debug)]
pub struct Grader {
    challenge: String,
    design: String,
    seed: u64,
    objectives: Vec<(Metric, Bound)>,
    steps: Vec<StepLine>,
    sim: Sim,
    warmup_ms: f64,
    end_ms: f64,
    /// The warm-up is over and the metrics were reset.
    measuring: bool,
    /// End of the last closed window looked at [ms].
    seen_until_ms: f64,
    /// The worst measured window's p99 of every finished attempt so far [ms].
    worst_second_p99_ms: f64,
    monthly_usd: f64,
    /// `None`: no component limits the traffic.
    capacity_rps: Option<f64>,
}

/// The grade of one design.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The challenge's id.
    pub challenge: String,
    /// The design's name.
    pub design: String,
    pub seed: u64,
    /// Simulated time measured [s].
    pub measured_s: f64,
    /// Every objective passed, and every step of the script found something to hit.
    pub passed: bool,
    /// One line per objective, in the challenge's order.
    pub lines: Vec<Line>,
    /// What each step of the script hit.
    pub script: Vec<StepLine>,
}

/// One objective and what the run measured.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    pub metric: Metric,
    pub bound: Bound,
    /// The measured value, in the metric's unit; `None` for a capacity no component limits.
    pub value: Option<f64>,
    /// The value meets the bound.
    pub met: bool,
    /// Met, and the script found everything it aims at: a design passes "survive the loss of
    /// the primary" only by having a primary that is lost.
    pub pass: bool,
}

impl Grader {
    /// A grading of `design` for `c` with `seed`, at 0 s; the problems that keep the design
    /// from running otherwise (in its own paths, for `explain::in_words`).
    pub fn new(c: &Challenge, design: &Scenario, seed: u64) -> Result<Grader, Vec<Diagnostic>> {
        let p = prepare(c, design)?;
        let mut s = p.scenario;
        s.seed = seed;
        let sim = crate::compile(&s)?;
        let e = crate::cost::estimate(&s);
        Ok(Grader {
            challenge: c.id.clone(),
            design: design.name.clone(),
            seed,
            objectives: c.objectives.iter().map(|o| (o.metric, o.bound())).collect(),
            steps: p.steps,
            sim,
            warmup_ms: c.warmup_s * 1000.0,
            end_ms: c.end_ms(),
            measuring: false,
            seen_until_ms: 0.0,
            worst_second_p99_ms: 0.0,
            monthly_usd: e.monthly_usd,
            capacity_rps: e.capacity_rps.is_finite().then_some(e.capacity_rps),
        })
    }

    /// How far the run is (0..1).
    pub fn progress(&self) -> f64 {
        if self.end_ms <= 0.0 {
            return 1.0;
        }
        (self.sim.now() / self.end_ms).clamp(0.0, 1.0)
    }

    /// Whether the run reached its end.
    pub fn done(&self) -> bool {
        self.measuring && self.sim.now() >= self.end_ms
    }

    /// Runs `sim_ms` more of simulated time (or to the end) [ms]; returns the progress.
    pub fn advance(&mut self, sim_ms: f64) -> f64 {
        let until = self.sim.now() + sim_ms.max(0.0);
        self.run(until, u64::MAX)
    }

    /// Runs at most `max_events` more events: how a page bounds the work of one frame, since
    /// a simulated second of a big design costs far more than one of a small one. Returns the
    /// progress.
    pub fn advance_events(&mut self, max_events: u64) -> f64 {
        self.run(f64::INFINITY, max_events)
    }

    /// Runs to the end at once.
    pub fn finish(&mut self) -> Report {
        while !self.done() {
            self.run(f64::INFINITY, u64::MAX);
        }
        self.report()
    }

    fn run(&mut self, until_ms: f64, mut events: u64) -> f64 {
        while !self.done() {
            let phase_end = if self.measuring {
                self.end_ms
            } else {
                self.warmup_ms
            };
            let stop = phase_end.min(until_ms).min(self.sim.now() + HARVEST_MS);
            let before = self.sim.events_processed();
            let reached = self.sim.run_until_budget(stop, events);
            events = events.saturating_sub(self.sim.events_processed() - before);
            self.harvest();
            if !reached {
                break;
            }
            if stop >= phase_end && !self.measuring {
                // Measure from here: what the warm-up settled stays, its figures go.
                self.sim.reset_metrics();
                self.measuring = true;
            }
            if stop >= until_ms {
                break;
            }
        }
        self.progress()
    }

    /// Looks at the windows closed since the last look.
    fn harvest(&mut self) {
        let (since, from) = (self.seen_until_ms, self.warmup_ms);
        let mut worst = self.worst_second_p99_ms;
        let mut last = since;
        for w in self.sim.series().filter(|w| w.end_ms > since) {
            if self.measuring && w.start_ms >= from {
                worst = worst.max(w.latency_all.p99);
            }
            last = w.end_ms;
        }
        self.worst_second_p99_ms = worst;
        self.seen_until_ms = last;
    }

    /// The value of `m` so far, `snap` being the run's snapshot now.
    fn value(&self, m: Metric, snap: &crate::Snapshot) -> Option<f64> {
        Some(match m {
            Metric::P99AllMs => snap.latency_all.p99,
            Metric::P99OkMs => snap.latency.p99,
            Metric::P50AllMs => snap.latency_all.p50,
            Metric::WorstSecondP99Ms => self.worst_second_p99_ms,
            Metric::GoodPct => snap.good_ratio * 100.0,
            Metric::ErrorPct => snap.error_ratio * 100.0,
            Metric::ThroughputRps => snap.throughput_rps,
            Metric::MonthlyUsd => self.monthly_usd,
            Metric::CapacityRps => return self.capacity_rps,
            Metric::BacklogJobs => snap.queue_depth as f64,
        })
    }

    /// The grade as of now; final once [`Grader::done`].
    pub fn report(&self) -> Report {
        let found_all = self.steps.iter().all(|s| !s.hit.is_empty());
        let snap = self.sim.snapshot();
        let lines: Vec<Line> = self
            .objectives
            .iter()
            .map(|&(metric, bound)| {
                let value = self.value(metric, &snap);
                let met = bound.met_by(value);
                Line {
                    metric,
                    bound,
                    value,
                    met,
                    pass: met && found_all,
                }
            })
            .collect();
        Report {
            challenge: self.challenge.clone(),
            design: self.design.clone(),
            seed: self.seed,
            measured_s: if self.measuring {
                (self.sim.now() - self.warmup_ms) / 1000.0
            } else {
                0.0
            },
            passed: self.done() && lines.iter().all(|l| l.pass),
            lines,
            script: self.steps.clone(),
        }
    }
}

/// Grades `design` for `c` with `seed` in one call (the command line, the tests).
pub fn grade(c: &Challenge, design: &Scenario, seed: u64) -> Result<Report, Vec<Diagnostic>> {
    Ok(Grader::new(c, design, seed)?.finish())
}

impl Report {
    /// The measured values in objective order: what a result link carries.
    pub fn values(&self) -> Vec<Option<f64>> {
        self.lines.iter().map(|l| l.value).collect()
    }

    /// The steps of the script that found nothing to hit.
    pub fn missed(&self) -> impl Iterator<Item = &StepLine> {
        self.script.iter().filter(|s| s.hit.is_empty())
    }
}
