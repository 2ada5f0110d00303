//! "Find the limit": run a design at rising load until it misses its objective, and report the
//! latency-versus-load curve (the hockey stick) and `max_rate`, the highest offered rate that
//! still meets the objective, with the node that saturates first.
//!
//! Every users node's rate is scaled by one factor. The sweep is a steady-state question, so
//! the scenario's scheduled faults and traffic changes (failures, slow-downs, ramps, spikes)
//! are left out, and the outcome says how many. The rate is bracketed by doubling from today's
//! rate (halving when today's already fails, and stopping with the reason as soon as halving
//! stops helping: see `NOT_LOAD_DRIVEN`), then bisected to [`TOLERANCE`]; a rate at which a
//! node is [`SATURATION_CAP`] busy misses, whatever its p99 (not yet steady); a few points
//! below `max_rate` fill in the curve. Every point runs with the same seed (common random
//! numbers), so neighbouring points see the same requests, scaled, and the curve is smooth.
//!
//! [`Sweep`] runs one point a little at a time ([`Sweep::step`] under an event budget) so the
//! app can drive it from a worker or, in slices, from the page, and show its progress.

use serde::{Deserialize, Serialize};

use crate::kind::Kind;
use crate::params::Params;
use crate::{compile, Scenario, Sim, Snapshot};

/// Bisection stops when the failing rate is within this share above the passing one.
pub const TOLERANCE: f64 = 0.01;
/// Default objective on the error ratio [failed attempts / attempts]: 0.1 %.
pub const DEFAULT_MAX_ERRORS: f64 = 0.001;
/// Requests each point measures at least (unless `MAX_MEASURE_S` comes first): a p99 then
/// rests on the 1,000 slowest, enough for a stable tail even though waits in a queue are
/// correlated.
const MEASURE_REQUESTS: f64 = 100_000.0;
/// Longest measurement [s of simulated time], whichever of it and `MEASURE_REQUESTS` comes
/// first: below 50 requests/s a point measures fewer than 100,000 requests (at 5 requests/s,
/// 10,000, the p99 then resting on the 100 slowest: enough where the load is this light and
/// the curve flat), and a sweep halving towards 0 requests/s never runs a point for 10^5 s.
const MAX_MEASURE_S: f64 = 2_000.0;
/// Shortest measurement [s of simulated time]: slow processes (caches filling, an autoscaler's
/// cooldown) get a chance to show at low rates.
const MIN_MEASURE_S: f64 = 10.0;
/// Most requests a point measures: the cap that keeps a sweep of a busy design to seconds.
/// Above 40,000 requests/s this shortens the measurement below `MIN_MEASURE_S`.
const MAX_MEASURE_REQUESTS: f64 = 200_000.0;
/// Warm-up, unmeasured, as a share of the measurement, and at least this long [s]: queues
/// near the knee take many service times (milliseconds each) to settle.
const WARMUP_SHARE: f64 = 0.25;
const MIN_WARMUP_S: f64 = 1.0;
/// A rate at which the design finishes fewer requests than arrive, by more than this share,
/// misses the objective whatever its p99: its queues grow without bound, and a p99 measured
/// then says only how long the run was. 1 % is three standard deviations of the number of
/// arrivals in 100,000.
const KEEP_UP_SLACK: f64 = 0.01;
/// A point whose busiest serving node is at least this busy (0..1) misses the objective as
/// "saturated", whatever its p99: a finite run cannot measure a steady p99 there. A queue
/// near saturation relaxes to its steady state in about E[S] / (c (1 - sqrt(rho))^2)
/// (M/M/c in heavy traffic, E[S] the mean service time), while a point measures 100,000
/// requests, 100,000 E[S] / (c rho) of time: the measurement spans 100,000 (1 - sqrt(rho))^2
/// / rho relaxation times, whatever E[S] and c. At rho = 0.98 that is 10 (and the warm-up,
/// a quarter of it, 2.6, leaving e^-2.6 = 7 % of the empty start); at 0.99, 2.5 (a p99 from
/// a couple of stretches says only how the run began); at 1, none. So 0.98.
pub const SATURATION_CAP: f64 = 0.98;
/// When today's rate misses and halving it lowers the p99 (or the error ratio) by less
/// than this share, the miss is not load-driven (the network's and the service's own times,
/// or failures that happen at any load): halving further cannot meet the objective, so the
/// sweep stops and says so instead of halving towards 0 requests/s.
const NOT_LOAD_DRIVEN: f64 = 0.95;
/// Doublings (or halvings) tried from today's rate before giving up: 2^12 = 4096 times.
const MAX_BRACKET_STEPS: u32 = 12;
/// Shares of `max_rate` run afterwards to draw the curve's flat part, unless a point is
/// already within `FILL_GAP` of one.
const FILL: [f64; 4] = [0.2, 0.4, 0.6, 0.8];
const FILL_GAP: f64 = 0.08;

/// What the design must meet at a rate.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    /// 99th percentile of every finished attempt, failures included [ms].
    pub p99_ms: f64,
    /// Failed attempts / attempts (0..1).
    pub max_error_ratio: f64,
}

/// What the caller asks; absent fields take the defaults.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    /// The p99 objective [ms]; default: the strictest `slo_ms` of the users nodes.
    pub p99_ms: Option<f64>,
    /// Default [`DEFAULT_MAX_ERRORS`].
    pub max_error_ratio: Option<f64>,
    /// Default: the scenario's seed.
    pub seed: Option<u64>,
}

/// The design run at one offered rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// All users nodes together [requests/s].
    pub offered_rps: f64,
    /// Of every finished attempt, failures included [ms].
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Failed attempts / attempts (0..1).
    pub error_ratio: f64,
    /// Successful requests [requests/s].
    pub throughput_rps: f64,
    /// The serving node with the highest utilisation, by name, and that utilisation (0..1).
    pub busiest: Option<String>,
    pub busiest_utilization: f64,
    /// Unmeasured warm-up, then measurement [s of simulated time].
    pub warmup_s: f64,
    pub measured_s: f64,
    /// Attempts measured.
    pub requests: u64,
    /// Whether the design finished (successfully or not) as many requests as arrived, within
    /// 1 %: if not, its queues grow and the point misses the objective.
    pub keeps_up: bool,
    /// Whether the busiest node was at least [`SATURATION_CAP`] busy: if so the point misses
    /// the objective as "saturated", its p99 not yet steady.
    pub saturated: bool,
    /// Whether the point meets the objective.
    pub meets: bool,
}

/// The node that limits the design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saturation {
    pub id: String,
    pub name: String,
    /// Its utilisation at the lowest rate that misses the objective (0..1).
    pub utilization: f64,
}

/// A sweep so far, or finished: what a progress report and the final answer carry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Status {
    pub objective: Objective,
    pub seed: u64,
    /// The design's own total rate [requests/s].
    pub today_rps: f64,
    /// Scheduled faults and traffic changes left out of the steady-state runs.
    pub left_out: usize,
    /// Points run so far, by offered rate.
    pub curve: Vec<Point>,
    /// Share of the sweep done (0..1), an estimate until it finishes.
    pub progress: f64,
    pub done: bool,
    /// Highest rate run that meets the objective [requests/s]; `None` if none did.
    pub max_rate_rps: Option<f64>,
    /// Whether a rate that misses the objective was found; if not, `max_rate_rps` is only the
    /// highest rate tried.
    pub limit_found: bool,
    pub saturates_first: Option<Saturation>,
    /// Why the sweep stopped early.
    pub problem: Option<String>,
}

impl Status {
    /// The point at `max_rate_rps`.
    pub fn at_max(&self) -> Option<&Point> {
        let m = self.max_rate_rps?;
        self.curve.iter().find(|p| p.offered_rps == m)
    }
}

/// One point being run: the compiled design at one rate, warming up or measuring.
struct Trial {
    factor: f64,
    sim: Sim,
    warmup_ms: f64,
    measure_ms: f64,
    measuring: bool,
}

/// A point run, with its factor of today's rates and its busiest node's id.
struct Run {
    factor: f64,
    busiest_id: Option<String>,
    point: Point,
}

/// A sweep in progress. Drive it with [`Sweep::step`] until it returns true.
pub struct Sweep {
    /// The design without scheduled faults, with the sweep's seed.
    scenario: Scenario,
    objective: Objective,
    today_rps: f64,
    left_out: usize,
    /// Points run so far, in run order.
    runs: Vec<Run>,
    /// Highest factor that met the objective, lowest that did not.
    lo: Option<f64>,
    hi: Option<f64>,
    bracket_steps: u32,
    trial: Option<Trial>,
    done: bool,
    problem: Option<String>,
    /// Highest progress reported, so the bar never goes back.
    shown: f64,
}

impl Sweep {
    /// A sweep of `s` as `spec` asks; a clear message if it cannot run.
    pub fn new(s: &Scenario, spec: &Spec) -> Result<Sweep, String> {
        let users: Vec<&crate::Node> = s.nodes.iter().filter(|n| n.kind == Kind::Users).collect();
        if users.is_empty() {
            return Err("the design has no users node: nothing sends requests, so there is no rate to raise".into());
        }
        let today_rps: f64 = users.iter().map(|n| Params::of(n).rate_rps).sum();
        if !(today_rps > 0.0 && today_rps.is_finite()) {
            return Err(
                "every users node sends 0 requests/s: give one a rate to start from".into(),
            );
        }
        let strictest = users
            .iter()
            .map(|n| Params::of(n).slo_ms)
            .fold(f64::INFINITY, f64::min);
        let p99_ms = spec.p99_ms.unwrap_or(strictest);
        if !(p99_ms > 0.0 && p99_ms.is_finite()) {
            return Err(format!(
                "the p99 objective must be a number of ms above 0, not {p99_ms}"
            ));
        }
        let max_error_ratio = spec.max_error_ratio.unwrap_or(DEFAULT_MAX_ERRORS);
        if !(0.0..1.0).contains(&max_error_ratio) {
            return Err(format!(
                "the error objective must be a ratio from 0 to below 1 (0.001 is 0.1 %), not {max_error_ratio}"
            ));
        }
        let mut scenario = s.clone();
        scenario.seed = spec.seed.unwrap_or(s.seed);
        let mut left_out = std::mem::take(&mut scenario.faults).len();
        // A daily cycle is a traffic change too: the sweep asks what steady traffic at the
        // peak rate does.
        for n in scenario.nodes.iter_mut().filter(|n| n.diurnal.is_some()) {
            n.diurnal = None;
            left_out += 1;
        }
        compile(&scenario).map_err(|d| {
            d.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })?;
        Ok(Sweep {
            scenario,
            objective: Objective {
                p99_ms,
                max_error_ratio,
            },
            today_rps,
            left_out,
            runs: Vec::new(),
            lo: None,
            hi: None,
            bracket_steps: 0,
            trial: None,
            done: false,
            problem: None,
            shown: 0.0,
        })
    }

    /// Runs at most `max_events` more events of the sweep; true when it has finished.
    pub fn step(&mut self, max_events: u64) -> bool {
        if self.done {
            return true;
        }
        if self.trial.is_none() {
            match self.next_factor() {
                Some(f) => match self.trial_at(f) {
                    Ok(t) => self.trial = Some(t),
                    Err(e) => {
                        self.problem = Some(e);
                        self.done = true;
                    }
                },
                None => self.done = true,
            }
        }
        let Some(t) = self.trial.as_mut() else {
            return self.done;
        };
        let target = t.warmup_ms + if t.measuring { t.measure_ms } else { 0.0 };
        if t.sim.run_until_budget(target, max_events) {
            if t.measuring {
                let snap = t.sim.snapshot();
                let (factor, warmup_ms, measure_ms) = (t.factor, t.warmup_ms, t.measure_ms);
                self.trial = None;
                self.record(factor, &snap, warmup_ms, measure_ms);
            } else {
                t.sim.reset_metrics();
                t.measuring = true;
            }
        }
        self.done
    }

    /// Points finished so far.
    pub fn points(&self) -> usize {
        self.runs.len()
    }

    /// Runs the whole sweep at once (the command line).
    pub fn run(mut self) -> Status {
        while !self.step(1 << 20) {}
        self.status()
    }

    /// The design compiled at `factor` times today's rates, with run lengths for its rate.
    fn trial_at(&self, factor: f64) -> Result<Trial, String> {
        let mut s = self.scenario.clone();
        for n in s.nodes.iter_mut().filter(|n| n.kind == Kind::Users) {
            n.rate_rps = Some(Params::of(n).rate_rps * factor);
        }
        let sim = compile(&s).map_err(|d| {
            d.first()
                .map_or_else(|| "cannot run".into(), |d| d.to_string())
        })?;
        let (warmup_s, measure_s) = lengths(self.today_rps * factor);
        Ok(Trial {
            factor,
            sim,
            warmup_ms: warmup_s * 1000.0,
            measure_ms: measure_s * 1000.0,
            measuring: false,
        })
    }

    /// The next factor to run, or `None` when the sweep is complete.
    fn next_factor(&mut self) -> Option<f64> {
        if self.runs.len() >= 2 * MAX_BRACKET_STEPS as usize + 16 {
            return None;
        }
        match (self.lo, self.hi) {
            (None, None) => Some(1.0),
            (Some(_), None) | (None, Some(_)) if self.bracket_steps >= MAX_BRACKET_STEPS => None,
            (Some(lo), None) => {
                self.bracket_steps += 1;
                Some(lo * 2.0)
            }
            (None, Some(hi)) => {
                self.bracket_steps += 1;
                Some(hi / 2.0)
            }
            (Some(lo), Some(hi)) if hi / lo > 1.0 + TOLERANCE => Some((lo + hi) / 2.0),
            (Some(lo), Some(_)) => FILL.iter().map(|s| s * lo).find(|&f| {
                !self
                    .runs
                    .iter()
                    .any(|r| (r.factor / f - 1.0).abs() < FILL_GAP)
            }),
        }
    }

    /// Keeps the point measured at `factor` and narrows the bracket.
    fn record(&mut self, factor: f64, snap: &Snapshot, warmup_ms: f64, measure_ms: f64) {
        let busiest = snap
            .nodes
            .iter()
            .filter(|n| n.kind.has_service())
            .max_by(|a, b| a.utilization.total_cmp(&b.utilization));
        let p99_ms = snap.latency_all.p99;
        let offered_rps = self.today_rps * factor;
        // Requests finished, each once however often it was retried [requests/s].
        let c = snap.counts;
        let finished_rps = c.finished().saturating_sub(c.retries) as f64 / (measure_ms / 1000.0);
        let keeps_up = finished_rps >= offered_rps * (1.0 - KEEP_UP_SLACK);
        let busiest_utilization = busiest.map_or(0.0, |n| n.utilization);
        let saturated = busiest_utilization >= SATURATION_CAP;
        let meets = snap.latency_all.count > 0
            && keeps_up
            && !saturated
            && p99_ms <= self.objective.p99_ms
            && snap.error_ratio <= self.objective.max_error_ratio;
        let point = Point {
            offered_rps,
            p50_ms: snap.latency_all.p50,
            p99_ms,
            error_ratio: snap.error_ratio,
            throughput_rps: snap.throughput_rps,
            busiest: busiest.map(|n| self.name_of(&n.id)),
            busiest_utilization,
            warmup_s: warmup_ms / 1000.0,
            measured_s: measure_ms / 1000.0,
            requests: snap.latency_all.count,
            keeps_up,
            saturated,
            meets,
        };
        // Fill points lie below the limit already found; they do not move the bracket.
        let filling = self
            .lo
            .zip(self.hi)
            .is_some_and(|(lo, hi)| hi / lo <= 1.0 + TOLERANCE);
        if !filling {
            if meets {
                self.lo = Some(self.lo.map_or(factor, |lo| lo.max(factor)));
            } else {
                if self.lo.is_none() {
                    self.problem = self.hopeless(factor, &point);
                    self.done = self.problem.is_some();
                }
                self.hi = Some(self.hi.map_or(factor, |hi| hi.min(factor)));
            }
        }
        self.runs.push(Run {
            factor,
            busiest_id: busiest.map(|n| n.id.clone()),
            point,
        });
    }

    /// Why no rate can meet the objective, if halving to `factor` (which missed, as every
    /// rate before it) did not lower what misses: the point at twice the rate against `p`.
    fn hopeless(&self, factor: f64, p: &Point) -> Option<String> {
        let twice = &self.runs.iter().find(|r| r.factor == factor * 2.0)?.point;
        if !p.keeps_up || p.saturated {
            return None;
        }
        let ob = self.objective;
        let rate = p.offered_rps;
        if p.p99_ms > ob.p99_ms && p.p99_ms >= NOT_LOAD_DRIVEN * twice.p99_ms {
            return Some(format!(
                "no rate meets p99 <= {} ms: even at {rate:.1} requests/s the p99 is {:.1} ms \
                 (at {:.1} requests/s, {:.1} ms), the design's latency without load (network \
                 and service)",
                ob.p99_ms, p.p99_ms, twice.offered_rps, twice.p99_ms
            ));
        }
        if p.error_ratio > ob.max_error_ratio
            && p.error_ratio >= NOT_LOAD_DRIVEN * twice.error_ratio
        {
            return Some(format!(
                "no rate meets errors <= {} %: even at {rate:.1} requests/s {:.2} % of attempts \
                 fail (at {:.1} requests/s, {:.2} %), failures that happen at any load",
                ob.max_error_ratio * 100.0,
                p.error_ratio * 100.0,
                twice.offered_rps,
                twice.error_ratio * 100.0
            ));
        }
        None
    }

    fn name_of(&self, id: &str) -> String {
        self.scenario
            .node(id)
            .filter(|n| !n.name.is_empty())
            .map_or_else(|| id.to_string(), |n| n.name.clone())
    }

    /// Share of the work done (0..1): points run, plus the running one's share of its
    /// simulated time, over an estimate of the points still to run.
    fn progress(&mut self) -> f64 {
        if self.done {
            return 1.0;
        }
        let bisections = |lo: f64, hi: f64| {
            ((hi / lo).ln() / (1.0 + TOLERANCE).ln())
                .log2()
                .ceil()
                .max(0.0)
        };
        let left = match (self.lo, self.hi) {
            (Some(lo), Some(hi)) => bisections(lo, hi) + FILL.len() as f64,
            // Still bracketing: one more doubling, then a bisection of a factor of 2.
            _ => 1.0 + bisections(1.0, 2.0) + FILL.len() as f64,
        };
        let running = self.trial.as_ref().map_or(0.0, |t| {
            (t.sim.now() / (t.warmup_ms + t.measure_ms)).min(1.0)
        });
        let done = self.runs.len() as f64 + running;
        let p = (done / (self.runs.len() as f64 + left.max(1.0))).min(0.99);
        self.shown = self.shown.max(p);
        self.shown
    }

    /// Where the sweep stands.
    pub fn status(&mut self) -> Status {
        let progress = self.progress();
        let mut curve: Vec<Point> = self.runs.iter().map(|r| r.point.clone()).collect();
        curve.sort_by(|a, b| a.offered_rps.total_cmp(&b.offered_rps));
        let at = |f: Option<f64>| f.and_then(|f| self.runs.iter().find(|r| r.factor == f));
        // The busiest node at the lowest rate that misses the objective.
        // None when the sweep stopped because no rate can meet the objective: the miss was
        // not load-driven, so no node limits it.
        let hopeless = self.lo.is_none() && self.problem.is_some();
        let saturates_first = at(self.hi).filter(|_| !hopeless).and_then(|r| {
            let id = r.busiest_id.clone()?;
            Some(Saturation {
                name: self.name_of(&id),
                id,
                utilization: r.point.busiest_utilization,
            })
        });
        Status {
            objective: self.objective,
            seed: self.scenario.seed,
            today_rps: self.today_rps,
            left_out: self.left_out,
            curve,
            progress,
            done: self.done,
            max_rate_rps: at(self.lo).map(|r| r.point.offered_rps),
            limit_found: self.hi.is_some(),
            saturates_first,
            problem: self.problem.clone(),
        }
    }
}

/// Warm-up and measurement for a point at `rate_rps` [s of simulated time]: enough requests
/// for a stable p99 or `MAX_MEASURE_S`, whichever comes first, at least `MIN_MEASURE_S`, at
/// most `MAX_MEASURE_REQUESTS`; the warm-up also at most `MAX_MEASURE_REQUESTS`, so a design
/// sent millions of requests a second still sweeps in seconds.
pub fn lengths(rate_rps: f64) -> (f64, f64) {
    let most_s = MAX_MEASURE_REQUESTS / rate_rps;
    let measure_s = (MEASURE_REQUESTS / rate_rps)
        .clamp(MIN_MEASURE_S, MAX_MEASURE_S)
        .min(most_s);
    let warmup_s = (measure_s * WARMUP_SHARE).max(MIN_WARMUP_S).min(most_s);
    (warmup_s, measure_s)
}

/// Sweeps `s` as `spec` asks, all at once.
pub fn sweep(s: &Scenario, spec: &Spec) -> Result<Status, String> {
    Ok(Sweep::new(s, spec)?.run())
}
