//! The engine's second home: the messages between the page and the worker that runs the
//! simulation, and [`Host`], which serves them. The page sends [`Command`]s and draws the
//! [`Report`]s that come back; nothing else crosses. The same `Host` runs on the page when no
//! worker can start, so both paths run the same code on the same commands.
//!
//! Messages are postcard bytes (small and quick to decode: a snapshot of 2,000 nodes is about
//! 250 KB, sent only when the page asks, at the rate it draws). Scenarios and faults travel as
//! their JSON documents inside them: that format skips absent fields, which postcard cannot.
//! A test harness may also speak JSON text to a worker; it is answered in JSON text.

use serde::{Deserialize, Serialize};

use crate::run::{Runner, Speed};
use crate::trace::Trace;
use crate::{digest, Fault, Scenario, Snapshot, Window};

/// Version of the messages; a page and a worker of different versions refuse each other
/// (a stale cached worker after an update) and the page runs the engine itself.
pub const PROTOCOL: u32 = 4;

/// What the page asks of the engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Start a run of this scenario (its JSON document) at time zero; it plays if the last
    /// one did (the page decides play and pause, not the document).
    Load {
        scenario_json: String,
    },
    /// Run at this many simulated seconds per wall second; `None`: as fast as it goes.
    Play {
        times: Option<f64>,
    },
    Pause,
    /// Run to the next window boundary of the series, then pause.
    Step,
    /// Apply this fault (JSON) now; it comes back in `Applied`, stamped with the time.
    Inject {
        fault_json: String,
    },
    /// Apply these faults (a JSON list) at their own simulated times.
    Schedule {
        faults_json: String,
    },
    /// Take an edited document that changes nothing the engine sees but rates (`live_json`,
    /// a JSON list of faults applied now).
    Adopt {
        scenario_json: String,
        live_json: String,
    },
    /// Carry the series of the node at this index (scenario order) in frames from now on.
    Watch {
        node: Option<u32>,
    },
    /// Send a `Frame`: the page is ready to draw.
    Pull,
    /// Run to this simulated time at once [ms] (tests and benchmarks).
    RunUntil {
        t_ms: f64,
    },
    /// Send the run's digest (tests: the same scenario and seed give the same one everywhere).
    Digest,
    /// Send the window that held this simulated time [ms], every node's figures included (a
    /// replay scrubbed back to it).
    Moment {
        t_ms: f64,
    },
    /// Hold the run's windows that start in `[from_ms, to_ms)` whole (`Runner::hold`); a frame
    /// carries them once, when the span is complete.
    Hold {
        from_ms: f64,
        to_ms: f64,
    },
    /// Send a request's trace (`Report::Trace`): a window's slowest now, or the next request
    /// sent once it ends (after the frame of the `Pull` that follows its end).
    Trace {
        ask: TraceAsk,
    },
    /// Find the limit of this scenario (its JSON document) as `spec` asks, beside any run:
    /// `Report::Sweep` tells how far it got, as it goes. `id` names the sweep in the reports;
    /// a new sweep replaces the last.
    Sweep {
        id: u32,
        scenario_json: String,
        spec: crate::sweep::Spec,
    },
    /// Stop the sweep, if one runs.
    StopSweep,
}

/// Which request to trace.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum TraceAsk {
    /// The slowest request that ended in the window ending at this time [ms]; `None`: the last closed window.
    Slowest { window_end_ms: Option<f64> },
    /// The next request any users node sends; answered when it ends.
    Next,
}

/// What the engine tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Report {
    /// The worker is up and speaks this version of the messages.
    Ready { protocol: u32 },
    /// The run as of now; the answer to `Pull`, `Load` and `Step`.
    Frame(Box<Frame>),
    /// Faults applied to run number `run` by `Inject` (with the time they happened) or
    /// `Schedule` (a JSON list).
    Applied { run: u32, faults_json: String },
    /// A command failed; the run, if any, goes on unchanged.
    Problem { message: String },
    /// The answer to `Digest`: `digest` in decimal (JSON numbers lose 64-bit precision).
    Digest { now_ms: f64, digest: String },
    /// The answer to `Moment`: the run `run` as of `t_ms`, the kept window that holds it or
    /// ends then (`None` before any window closed).
    Moment {
        run: u32,
        t_ms: f64,
        window: Option<Box<Window>>,
    },
    /// The answer to `Trace` for run `run`: the trace, or in `note` why there is none (no
    /// request ended in that window, the window is older than the kept ones, ...).
    Trace {
        run: u32,
        ask: TraceAsk,
        trace: Option<Box<Trace>>,
        note: Option<String>,
    },
    /// Sweep `id` so far, or finished (`status.done`). A sweep that cannot start is refused
    /// with a `Problem` saying why; one that stops early says why in `status.problem`.
    Sweep {
        id: u32,
        status: Box<crate::sweep::Status>,
    },
}

/// One picture of the run, for the page to draw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    /// Runs loaded so far: the page ignores frames of a run it has replaced.
    pub run: u32,
    /// Whether a run exists (the last `Load` compiled).
    pub exists: bool,
    /// Why the last `Load` did not compile.
    pub problem: Option<String>,
    pub playing: bool,
    /// Simulated time [ms].
    pub now_ms: f64,
    /// Simulated time advanced per wall time since the last frame, while playing.
    pub sim_per_wall: f64,
    /// Playing at a set speed and falling short of it since the last frame.
    pub behind: bool,
    /// Its `wires` are only those `WireSnapshot::worth_sending` keeps: cut, delayed, behind a
    /// breaker, or called over; a wire absent from it is plain (not cut, no delay) now.
    pub snapshot: Option<Snapshot>,
    /// Drop the windows received so far first (a new run, or another node watched).
    pub fresh: bool,
    /// Windows closed since the last frame (all of the ring when `fresh`), oldest first. Each
    /// carries only the watched node in `nodes`, so a frame stays small however big the design.
    pub windows: Vec<Window>,
    /// The node whose series `windows` carry.
    pub watched: Option<u32>,
    /// The windows asked for by `Hold` (system figures only), in the first frame after the
    /// span is complete; `None` in every other frame.
    #[serde(default)]
    pub held: Option<Vec<Window>>,
}

/// A falling short of the asked speed by more than this share is "behind": below it, the
/// difference is the jitter of measuring short periods.
const BEHIND_SHARE: f64 = 0.95;
/// Events a sweep runs between looks at the clock: a few milliseconds of work.
const SWEEP_EVENTS_PER_SLICE: u64 = 4_096;

/// The engine's side: a run and what the page last asked of it.
#[derive(Default)]
pub struct Host {
    runner: Option<Runner>,
    /// Runs loaded so far.
    run: u32,
    /// The speed while playing; `None` while paused.
    playing: Option<Speed>,
    watched: Option<u32>,
    /// End of the last window sent [ms]; windows ending after it are new.
    sent_until_ms: f64,
    fresh: bool,
    /// Wall and simulated time since the last frame, while playing [ms].
    period_wall_ms: f64,
    period_sim_ms: f64,
    /// A slice since the last frame fell short of its target.
    period_behind: bool,
    /// Why the last `Load` did not compile.
    problem: Option<String>,
    /// The held windows went out in a frame already.
    held_sent: bool,
    /// The sweep running beside the run, and its id.
    sweep: Option<(u32, crate::sweep::Sweep)>,
}

impl Host {
    pub fn new() -> Host {
        Host::default()
    }

    /// Whether the run should be advanced now.
    pub fn playing(&self) -> bool {
        self.playing.is_some() && self.runner.is_some()
    }

    /// Serves one command; returns what to send back, in order.
    pub fn handle(&mut self, command: Command) -> Vec<Report> {
        match self.serve(command) {
            Ok(reports) => reports,
            Err(message) => vec![Report::Problem { message }],
        }
    }

    fn serve(&mut self, command: Command) -> Result<Vec<Report>, String> {
        let mut out = Vec::new();
        match command {
            Command::Load { scenario_json } => {
                self.run += 1;
                self.runner = None;
                self.sent_until_ms = 0.0;
                self.fresh = true;
                let scenario = from_json::<Scenario>(&scenario_json, "scenario");
                let built = scenario.and_then(|s| {
                    Runner::new(&s).map_err(|d| {
                        d.first()
                            .map_or_else(|| "cannot run".to_string(), |d| d.to_string())
                    })
                });
                self.problem = built.as_ref().err().cloned();
                self.runner = built.ok();
                // Each window keeps its slowest request for the latency chart's click (costs
                // 10 to 20 % of full speed: docs/benchmarks.md).
                if let Some(r) = self.runner.as_mut() {
                    r.set_tracing(true);
                }
                out.push(self.frame());
            }
            Command::Play { times } => {
                self.playing = Some(times.map_or(Speed::Max, Speed::Times));
                self.period_wall_ms = 0.0;
                self.period_sim_ms = 0.0;
                self.period_behind = false;
            }
            Command::Pause => self.playing = None,
            Command::Step => {
                self.playing = None;
                self.runner_mut()?.step_window();
                out.push(self.frame());
            }
            Command::Inject { fault_json } => {
                let fault: Fault = from_json(&fault_json, "fault")?;
                let applied = self.runner_mut()?.inject(fault)?;
                out.push(self.applied(&[applied]));
            }
            Command::Schedule { faults_json } => {
                let faults: Vec<Fault> = from_json(&faults_json, "faults")?;
                self.runner_mut()?.schedule(&faults)?;
                out.push(self.applied(&faults));
            }
            Command::Adopt {
                scenario_json,
                live_json,
            } => {
                let doc: Scenario = from_json(&scenario_json, "scenario")?;
                let live: Vec<Fault> = from_json(&live_json, "faults")?;
                self.runner_mut()?.adopt(&doc, &live)?;
            }
            Command::Watch { node } => {
                if node != self.watched {
                    self.watched = node;
                    self.fresh = true;
                    self.sent_until_ms = 0.0;
                }
            }
            Command::Pull => {
                out.push(self.frame());
                let run = self.run;
                if let Some(r) = self.runner.as_mut() {
                    out.extend(r.take_traced().into_iter().map(|t| Report::Trace {
                        run,
                        ask: TraceAsk::Next,
                        trace: Some(Box::new(t)),
                        note: None,
                    }));
                }
            }
            Command::RunUntil { t_ms } => {
                self.runner_mut()?.run_until(t_ms);
                out.push(self.frame());
            }
            Command::Moment { t_ms } => {
                let window = self.runner_mut()?.moment(t_ms).cloned().map(Box::new);
                out.push(Report::Moment {
                    run: self.run,
                    t_ms,
                    window,
                });
            }
            Command::Hold { from_ms, to_ms } => {
                self.runner_mut()?.hold(from_ms, to_ms);
                self.held_sent = false;
            }
            Command::Trace { ask } => {
                let run = self.run;
                let r = self.runner_mut()?;
                let answer = match ask {
                    TraceAsk::Slowest { window_end_ms } => r.exemplar(window_end_ms).map(Some),
                    TraceAsk::Next => r.trace_next(None).map(|()| None),
                };
                match answer {
                    // A `Next` trace comes after a later `Pull`'s frame.
                    Ok(None) => {}
                    Ok(Some(trace)) => out.push(Report::Trace {
                        run,
                        ask,
                        trace: Some(Box::new(trace)),
                        note: None,
                    }),
                    Err(note) => out.push(Report::Trace {
                        run,
                        ask,
                        trace: None,
                        note: Some(note),
                    }),
                }
            }
            Command::Sweep {
                id,
                scenario_json,
                spec,
            } => {
                self.sweep = None;
                let s: Scenario = from_json(&scenario_json, "scenario")?;
                let mut sweep = crate::sweep::Sweep::new(&s, &spec)?;
                out.push(Report::Sweep {
                    id,
                    status: Box::new(sweep.status()),
                });
                self.sweep = Some((id, sweep));
            }
            Command::StopSweep => self.sweep = None,
            Command::Digest => {
                let r = self.runner_mut()?;
                out.push(Report::Digest {
                    now_ms: r.now_ms(),
                    digest: digest(&r.snapshot()).to_string(),
                });
            }
        }
        Ok(out)
    }

    fn runner_mut(&mut self) -> Result<&mut Runner, String> {
        self.runner
            .as_mut()
            .ok_or_else(|| "nothing is running: the design cannot run yet".to_string())
    }

    /// Advances the run by a slice of `wall_dt_ms` of wall time at the playing speed, spending
    /// at most `budget_ms` of wall time by `clock` [ms]. Returns whether it reached the
    /// slice's target (always false at full speed, which has none).
    pub fn advance(&mut self, wall_dt_ms: f64, budget_ms: f64, clock: &dyn Fn() -> f64) -> bool {
        let (Some(speed), Some(r)) = (self.playing, self.runner.as_mut()) else {
            return false;
        };
        let advanced = r.frame(wall_dt_ms, speed, budget_ms, clock);
        self.period_wall_ms += wall_dt_ms;
        self.period_sim_ms += advanced;
        self.period_behind |= r.behind;
        speed != Speed::Max && !r.behind
    }

    /// Whether a sweep is running.
    pub fn sweeping(&self) -> bool {
        self.sweep.is_some()
    }

    /// Runs the sweep for at most `budget_ms` of wall time by `clock` [ms]; its status when a
    /// point finished or the sweep did, or every `report_ms` [ms of wall time] in between
    /// (the caller's `since_ms` is the wall time of the last report it sent).
    pub fn advance_sweep(
        &mut self,
        budget_ms: f64,
        clock: &dyn Fn() -> f64,
        since_ms: f64,
        report_ms: f64,
    ) -> Option<Report> {
        let (id, sweep) = self.sweep.as_mut()?;
        let start = clock();
        let points = sweep.points();
        let mut done = false;
        while !done && clock() - start < budget_ms && sweep.points() == points {
            done = sweep.step(SWEEP_EVENTS_PER_SLICE);
        }
        let report =
            (done || sweep.points() != points || clock() - since_ms >= report_ms).then(|| {
                Report::Sweep {
                    id: *id,
                    status: Box::new(sweep.status()),
                }
            });
        if done {
            self.sweep = None;
        }
        report
    }

    fn applied(&self, faults: &[Fault]) -> Report {
        Report::Applied {
            run: self.run,
            faults_json: serde_json::to_string(faults).unwrap_or_else(|_| "[]".into()),
        }
    }

    /// The run now, with the windows closed since the last frame.
    fn frame(&mut self) -> Report {
        let sim_per_wall = if self.period_wall_ms > 0.0 {
            self.period_sim_ms / self.period_wall_ms
        } else {
            0.0
        };
        // Behind: short of the asked speed over the period, or out of budget in every slice
        // of a period too short to measure.
        let behind = match self.playing {
            Some(Speed::Times(x)) if self.period_wall_ms >= 50.0 => sim_per_wall < x * BEHIND_SHARE,
            Some(Speed::Times(_)) => self.period_behind,
            _ => false,
        };
        self.period_wall_ms = 0.0;
        self.period_sim_ms = 0.0;
        self.period_behind = false;
        let fresh = std::mem::take(&mut self.fresh);
        let watched = self.watched.map(|n| n as usize);
        let since = self.sent_until_ms;
        let (windows, snapshot, now_ms) = match &self.runner {
            Some(r) => {
                let windows: Vec<Window> = r
                    .sim()
                    .series()
                    .filter(|w| fresh || w.end_ms > since)
                    .map(|w| Window {
                        nodes: watched
                            .and_then(|i| w.nodes.get(i).cloned())
                            .into_iter()
                            .collect(),
                        ..w.clone_without_nodes()
                    })
                    .collect();
                (windows, Some(r.frame_snapshot()), r.now_ms())
            }
            None => (Vec::new(), None, 0.0),
        };
        if let Some(last) = windows.last() {
            self.sent_until_ms = last.end_ms;
        }
        let held = match self.runner.as_ref().and_then(Runner::held) {
            Some(h) if !self.held_sent => {
                self.held_sent = true;
                Some(h.to_vec())
            }
            _ => None,
        };
        Report::Frame(Box::new(Frame {
            run: self.run,
            exists: self.runner.is_some(),
            problem: self.problem.clone(),
            playing: self.playing.is_some(),
            now_ms,
            sim_per_wall,
            behind,
            snapshot,
            fresh,
            windows,
            watched: self.watched,
            held,
        }))
    }
}

fn from_json<T: for<'de> Deserialize<'de>>(json: &str, what: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| format!("the worker could not read the {what}: {e}"))
}

/// A message as bytes.
pub fn encode<T: Serialize>(message: &T) -> Result<Vec<u8>, String> {
    postcard::to_allocvec(message).map_err(|e| format!("cannot encode a message: {e}"))
}

/// A message from bytes; a message that does not decode is an error, never a panic.
pub fn decode<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("cannot decode a message: {e}"))
}
