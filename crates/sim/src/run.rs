//! A run as the app drives it: a compiled copy of the scenario, frozen when the run starts,
//! advanced a slice of wall time at a time under a work budget, with faults injected live or
//! scheduled for later simulated times. The page drives one every animation frame when no
//! worker can start; the engine's worker ([`crate::remote::Host`]) drives one in a loop.

use crate::replay::Record;
use crate::trace::Trace;
use crate::{compile, validate, Diagnostic, Fault, Scenario, Sim, Snapshot, Window};

/// How fast simulated time runs against the wall clock.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Speed {
    /// Simulated seconds per wall-clock second.
    Times(f64),
    /// As many events as the work budget allows.
    Max,
}

impl Speed {
    /// Simulated seconds per wall second asked for; `None` for as fast as it goes.
    pub fn times(self) -> Option<f64> {
        match self {
            Speed::Times(x) => Some(x),
            Speed::Max => None,
        }
    }
}

/// The longest wall-clock gap one frame catches up on [ms]: a backgrounded tab must not
/// come back to a minute of backlog.
const MAX_FRAME_GAP_MS: f64 = 100.0;
/// Events per budget check: small enough to stop near the budget, large enough to be cheap.
const EVENTS_PER_SLICE: u64 = 4_096;

/// A simulation being run for the page, on it or in the engine's worker.
pub struct Runner {
    /// The document the simulation was compiled from.
    pub scenario: Scenario,
    sim: Sim,
    /// Faults injected by hand during this run, at the simulated times they happened.
    pub injected: Vec<Fault>,
    /// Whether the last frame ran out of budget before reaching its target time.
    pub behind: bool,
    /// Faults scheduled during the run for later simulated times (a lesson's drill), soonest
    /// first; each is applied exactly at its time.
    pending: Vec<Fault>,
    /// The closed windows kept for scrubbing back, and the end of the last one taken [ms].
    record: Record,
    recorded_until_ms: f64,
    /// Windows held whole over a span, whatever the speed (a lesson's prediction is measured
    /// over its drill's: at full speed the ring and the record lose them within seconds).
    hold: Option<Hold>,
}

/// The closed windows starting in `[from_ms, to_ms)`, system figures only.
#[derive(Clone, Debug, Default)]
struct Hold {
    from_ms: f64,
    to_ms: f64,
    windows: Vec<Window>,
    /// A window ending at or after `to_ms` has closed: the span is complete.
    complete: bool,
}

impl Hold {
    fn take(&mut self, w: &Window) {
        if w.start_ms >= self.from_ms && w.start_ms < self.to_ms {
            self.windows.push(w.clone_without_nodes());
        }
        self.complete |= w.end_ms >= self.to_ms;
    }
}

impl Runner {
    /// Compiles `scenario` into a fresh run at time zero.
    pub fn new(scenario: &Scenario) -> Result<Runner, Vec<Diagnostic>> {
        let sim = compile(scenario)?;
        Ok(Runner {
            scenario: scenario.clone(),
            record: Record::new(sim.snapshot().nodes.len()),
            sim,
            injected: Vec::new(),
            behind: false,
            pending: Vec::new(),
            recorded_until_ms: 0.0,
            hold: None,
        })
    }

    /// Holds every window that starts in `[from_ms, to_ms)` from now on, plus those the ring
    /// still has, until the run is replaced; a new span replaces the last.
    pub fn hold(&mut self, from_ms: f64, to_ms: f64) {
        let mut h = Hold {
            from_ms,
            to_ms,
            ..Hold::default()
        };
        for w in self
            .sim
            .series()
            .filter(|w| w.end_ms <= self.recorded_until_ms)
        {
            h.take(w);
        }
        self.hold = Some(h);
    }

    /// The held span's windows, oldest first, once a window reaching its end has closed.
    pub fn held(&self) -> Option<&[Window]> {
        self.hold
            .as_ref()
            .filter(|h| h.complete)
            .map(|h| h.windows.as_slice())
    }

    /// The run as of simulated time `t_ms`: the kept window that holds it or ends then (see
    /// `Record::at`), every node's figures included: what a replay shows of that moment.
    pub fn moment(&self, t_ms: f64) -> Option<&Window> {
        self.record.at(t_ms)
    }

    /// The record of closed windows.
    pub fn record(&self) -> &Record {
        &self.record
    }

    /// Takes the windows closed since the last call into the record.
    fn keep_windows(&mut self) {
        let since = self.recorded_until_ms;
        for w in self.sim.series().filter(|w| w.end_ms > since) {
            self.record.push(w);
            if let Some(h) = self.hold.as_mut() {
                h.take(w);
            }
            self.recorded_until_ms = w.end_ms;
        }
    }

    /// Simulated time now [ms].
    pub fn now_ms(&self) -> f64 {
        self.sim.now()
    }

    /// The engine, for reading series.
    pub fn sim(&self) -> &Sim {
        &self.sim
    }

    /// A cheap summary of the run so far.
    pub fn snapshot(&self) -> Snapshot {
        self.sim.snapshot()
    }

    /// The snapshot a frame carries (`Sim::frame_snapshot`).
    pub fn frame_snapshot(&self) -> Snapshot {
        self.sim.frame_snapshot()
    }

    /// Record every request of this run and keep each window's slowest (`Sim::set_tracing`).
    pub fn set_tracing(&mut self, on: bool) {
        self.sim.set_tracing(on);
    }

    /// The slowest request of the kept window holding `window_end_ms` (`None`: the last
    /// closed), or why there is none (`Sim::exemplar`).
    pub fn exemplar(&self, window_end_ms: Option<f64>) -> Result<Trace, String> {
        self.sim.exemplar(window_end_ms)
    }

    /// Trace the next request a users node sends (`None`: any), see `Sim::trace_next`.
    pub fn trace_next(&mut self, users: Option<&str>) -> Result<(), String> {
        self.sim.trace_next(users)
    }

    /// The asked-for requests that ended since the last call (`Sim::take_traced`).
    pub fn take_traced(&mut self) -> Vec<Trace> {
        self.sim.take_traced()
    }

    /// Advances by a slice of `wall_dt_ms` of wall time at `speed`, spending at most `budget_ms`
    /// of wall time, measured by `clock` (ms; `performance.now` in a browser). Returns the
    /// simulated time it advanced [ms].
    pub fn frame(
        &mut self,
        wall_dt_ms: f64,
        speed: Speed,
        budget_ms: f64,
        clock: &dyn Fn() -> f64,
    ) -> f64 {
        let start = clock();
        let from = self.sim.now();
        let target = match speed {
            Speed::Times(x) => self.sim.now() + wall_dt_ms.clamp(0.0, MAX_FRAME_GAP_MS) * x,
            Speed::Max => f64::INFINITY,
        };
        let mut reached = false;
        while clock() - start < budget_ms {
            // Stop at the next scheduled fault, apply it, go on.
            let next = self
                .pending
                .first()
                .map_or(f64::INFINITY, |f| f.at_s * 1000.0);
            let stop = target.min(next);
            let done = self.sim.run_until_budget(stop, EVENTS_PER_SLICE);
            // Slice by slice: a cheap design at full speed can close more windows in one
            // frame than the ring holds, and the record and a held span must see each one.
            if self
                .sim
                .last_window()
                .is_some_and(|w| w.end_ms > self.recorded_until_ms)
            {
                self.keep_windows();
            }
            if done {
                if stop < target {
                    self.apply_due();
                    continue;
                }
                reached = true;
                break;
            }
        }
        self.behind = !reached && speed != Speed::Max;
        self.keep_windows();
        self.sim.now() - from
    }

    /// Runs to simulated time `t_ms` at once, applying scheduled faults on the way [ms].
    pub fn run_until(&mut self, t_ms: f64) {
        // In steps of half the window ring, so a long jump (a bookmark an hour in) loses no
        // window to the ring before the record takes it [ms].
        let step = self.scenario.window_ms.max(1.0) * (crate::WINDOW_RING as f64 / 2.0);
        loop {
            let fault = self
                .pending
                .first()
                .map_or(f64::INFINITY, |f| f.at_s * 1000.0);
            let stop = t_ms.min(fault).min(self.sim.now() + step);
            self.sim.run_until(stop);
            self.apply_due();
            self.keep_windows();
            if stop >= t_ms {
                break;
            }
        }
    }

    /// Advances to the next window boundary of the series (the Step button) [ms].
    pub fn step_window(&mut self) {
        let w = self.scenario.window_ms.max(1.0);
        let next = ((self.sim.now() / w).floor() + 1.0) * w;
        self.run_until(next);
    }

    /// Applies every pending fault whose time has come.
    fn apply_due(&mut self) {
        let now_s = self.sim.now() / 1000.0;
        while self.pending.first().is_some_and(|f| f.at_s <= now_s) {
            let f = self.pending.remove(0);
            // Validated against the scenario before it was scheduled; a failure here would be
            // a node removed since, which restarts the run anyway.
            let _ = self.sim.apply_fault(&f);
        }
    }

    /// Schedules faults at their own simulated times [s] (a lesson's drill, at the lesson's
    /// times); they are remembered like injections, so the document that records them still
    /// matches this run.
    pub fn schedule(&mut self, faults: &[Fault]) -> Result<(), String> {
        let now_s = self.sim.now() / 1000.0;
        check_faults(&self.scenario, faults)?;
        for f in faults {
            if f.at_s <= now_s {
                self.sim.apply_fault(f)?;
            } else {
                self.pending.push(f.clone());
            }
            self.injected.push(f.clone());
        }
        self.pending.sort_by(|a, b| a.at_s.total_cmp(&b.at_s));
        Ok(())
    }

    /// Applies a fault now and remembers it with the simulated time it happened.
    pub fn inject(&mut self, mut fault: Fault) -> Result<Fault, String> {
        fault.at_s = self.sim.now() / 1000.0;
        self.sim.apply_fault(&fault)?;
        self.injected.push(fault.clone());
        Ok(fault)
    }

    /// Takes an edited document that `classify` found compatible with this run: positions,
    /// names and rate changes (`live`, applied now). The run keeps its own scheduled faults.
    pub fn adopt(&mut self, doc: &Scenario, live: &[Fault]) -> Result<(), String> {
        for f in live {
            self.sim.apply_fault(f)?;
        }
        let faults = std::mem::take(&mut self.scenario.faults);
        self.scenario = Scenario {
            faults,
            ..doc.clone()
        };
        Ok(())
    }
}

/// The faults of a run of `scenario` with `injected` that happened by `now_s` [s of simulated
/// time], soonest first, each once: the chart's markers.
pub fn fault_marks(scenario: &Scenario, injected: &[Fault], now_s: f64) -> Vec<Fault> {
    let mut marks: Vec<Fault> = scenario
        .faults
        .iter()
        .chain(injected)
        .filter(|f| f.at_s <= now_s)
        .cloned()
        .collect();
    marks.sort_by(|a, b| a.at_s.total_cmp(&b.at_s));
    marks.dedup();
    marks
}

/// Whether `faults` can be applied to a run of `scenario`: the first problem, in words, if not.
/// The same check a document's own faults pass, so what a page injects or a lesson schedules
/// fails here, before it reaches the engine, and never half-applies.
pub fn check_faults(scenario: &Scenario, faults: &[Fault]) -> Result<(), String> {
    let check = Scenario {
        faults: faults.to_vec(),
        ..scenario.clone()
    };
    match validate(&check)
        .iter()
        .find(|d| d.path.starts_with("faults"))
    {
        Some(d) => Err(d.to_string()),
        None => Ok(()),
    }
}
