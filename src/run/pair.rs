//! Two runs under one clock, for comparing designs: each engine (in a worker of its own, so
//! the two share the machine's cores) is told to run to the same simulated time, and the clock
//! moves on only when both have got there. Neither can drift ahead of the other, at any speed.

use std::cell::Cell;
use std::rc::Rc;

use scaleboard_sim::run::Speed;
use scaleboard_sim::{Fault, Scenario};

use super::engine::{Engine, Event};

/// The longest wall-clock gap one frame catches up on [ms], as for one run.
const MAX_FRAME_GAP_MS: f64 = 100.0;
/// How far the clock moves per frame at full speed [ms of simulated time]: a step both
/// engines finish within a frame or two on the reference designs.
const MAX_STEP_MS: f64 = 2_000.0;

/// Designs A and B, run side by side.
#[derive(Clone)]
pub struct Pair {
    pub a: Engine,
    pub b: Engine,
    /// The simulated time both were last told to reach [ms].
    target_ms: Rc<Cell<f64>>,
    /// Frames in a row in which one had not reached it: the clock is behind the asked speed.
    waited: Rc<Cell<u32>>,
}

impl PartialEq for Pair {
    fn eq(&self, other: &Pair) -> bool {
        self.a == other.a && self.b == other.b
    }
}

impl Pair {
    pub fn start() -> Pair {
        Pair {
            a: Engine::start(),
            b: Engine::start(),
            target_ms: Rc::new(Cell::new(0.0)),
            waited: Rc::new(Cell::new(0)),
        }
    }

    /// Both engines' events go to `handler`, with `true` for B's.
    pub fn set_handler(&self, handler: impl Fn(bool, Event) + 'static) {
        let handler = Rc::new(handler);
        let h = Rc::clone(&handler);
        self.a.set_handler(move |e| h(false, e));
        self.b.set_handler(move |e| handler(true, e));
    }

    /// Starts both designs again at time zero; `runs` says whether each validates.
    pub fn load(&self, a: &Scenario, b: &Scenario, runs: (bool, bool)) {
        self.target_ms.set(0.0);
        self.waited.set(0);
        self.a.load(a, runs.0);
        self.b.load(b, runs.1);
    }

    /// The clock both share [ms]: where the slower one is (a design that cannot run does not
    /// hold the other back).
    pub fn now_ms(&self) -> f64 {
        let now = |e: &Engine| {
            let m = e.mirror();
            m.scenario.as_ref().map(|_| m.now_ms)
        };
        match (now(&self.a), now(&self.b)) {
            (Some(a), Some(b)) => a.min(b),
            (Some(t), None) | (None, Some(t)) => t,
            (None, None) => 0.0,
        }
    }

    /// Whether both have reached the time they were told.
    fn caught_up(&self) -> bool {
        let t = self.target_ms.get();
        // A design that cannot run stays at zero: the other runs alone.
        let reached = |e: &Engine| {
            let m = e.mirror();
            m.scenario.is_none() || m.now_ms >= t - 1e-6
        };
        reached(&self.a) && reached(&self.b)
    }

    /// One animation frame of `wall_dt_ms` while playing at `speed`: once both reached the
    /// last target, both are told the next one.
    pub fn frame(&self, wall_dt_ms: f64, speed: Speed) {
        if !self.caught_up() {
            self.waited.set(self.waited.get() + 1);
            return;
        }
        self.waited.set(0);
        let step = match speed {
            Speed::Times(x) => wall_dt_ms.clamp(0.0, MAX_FRAME_GAP_MS) * x,
            Speed::Max => MAX_STEP_MS,
        };
        if step > 0.0 {
            self.run_until(self.target_ms.get() + step);
        }
    }

    /// Whether the clock fell behind the asked speed (both not done within a few frames).
    pub fn behind(&self) -> bool {
        self.waited.get() >= 3
    }

    /// Both to the next window boundary (the Step button).
    pub fn step(&self, window_ms: f64) {
        let w = window_ms.max(1.0);
        let next = ((self.target_ms.get() / w).floor() + 1.0) * w;
        self.run_until(next);
    }

    /// Both to the simulated time of the moment `t_ms` [ms] (a bookmark, "run from here").
    pub fn run_until(&self, t_ms: f64) {
        self.target_ms.set(t_ms);
        for e in [&self.a, &self.b] {
            if e.mirror().scenario.is_some() {
                e.run_until(t_ms);
            }
        }
    }

    /// Asks both for the moment `t_ms` [ms] (a replay scrubbed back to it).
    pub fn moment(&self, t_ms: f64) {
        for e in [&self.a, &self.b] {
            if e.mirror().scenario.is_some() {
                e.moment(t_ms);
            }
        }
    }

    /// Both back to the runs as they are now.
    pub fn live(&self) {
        self.a.live();
        self.b.live();
    }

    /// Applies `fault` now to each design that has its node or data center (both when both
    /// do); `prefer_b` picks the side when only the selected one has it. Returns the sides it
    /// went to (A, B), or why neither could take it.
    pub fn inject(&self, fault: &Fault, prefer_b: bool) -> Result<(bool, bool), String> {
        let has = |e: &Engine| {
            let m = e.mirror();
            m.scenario.as_ref().is_some_and(|s| {
                fault.node.as_deref().is_some_and(|id| s.node(id).is_some())
                    || fault
                        .dc
                        .as_deref()
                        .is_some_and(|id| s.data_centers.iter().any(|d| d.id == id))
            })
        };
        let (in_a, in_b) = (has(&self.a), has(&self.b));
        let sides = match (in_a, in_b) {
            (true, true) => (true, true),
            (true, false) if !prefer_b => (true, false),
            (false, true) if prefer_b => (false, true),
            _ => return Err("nothing is running with that component".into()),
        };
        if sides.0 {
            self.a.inject(fault)?;
        }
        if sides.1 {
            self.b.inject(fault)?;
        }
        Ok(sides)
    }
}
