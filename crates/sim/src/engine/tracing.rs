//! Request tracing: the recorder behind [`crate::trace::Trace`].
//!
//! Off (the default) it costs a test of `Req::trace` (0 = not traced) per hop and one of
//! `Tracer::active` per request sent, and allocates nothing. On, every request in flight
//! records its spans into a pooled buffer (`Rec`, reused, so a long run stops allocating once
//! the pool has grown to the requests in flight); when a request ends, its buffer is kept only
//! if it is the slowest so far of the open window (the window's exemplar, kept in a ring
//! aligned with the series' windows) or one of the `keep` slowest of the run. A request the
//! user asked for (`trace_next`) is traced even when tracing is off, and handed out when it ends.
//!
//! Recording never draws a random number nor schedules an event, so a run's results are
//! bit-identical with tracing on or off.
//!
//! Each buffer keeps a cursor: the end of its last span. Every span starts at the cursor, so
//! an attempt's spans tile its time with no gap or overlap by construction; the open stretch
//! (waiting in a queue, being served) is closed when the request moves on or fails.

use super::*;
use crate::metrics::{Outcome, CLASSES};
use crate::trace::{Attempt, Ending, Phase, Span, Trace};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// No node (`RawSpan::from` of a span that is not network time).
const NONE: u32 = u32::MAX;

/// A span as recorded: 16 bytes, since every request in flight writes a dozen or so. Spans
/// follow each other with no gap, so a span starts where the one before it ended (the first
/// when the request was sent), and a network span leaves from the node of the span before it
/// (the first from the users node): neither is stored.
#[derive(Clone, Copy, Debug)]
struct RawSpan {
    /// [ms of simulated time]
    end: f64,
    node: u32,
    phase: Phase,
    attempt: u8,
    /// The node reached was down (`Span::down`); fits in the padding.
    down: bool,
}

/// One request's trace as it is recorded.
#[derive(Clone, Debug)]
struct Rec {
    /// Users node (index).
    users: u32,
    class: u8,
    /// When the first attempt was sent [ms].
    sent: f64,
    /// End of the last span [ms]: where the next one starts.
    cursor: f64,
    /// The node the request is at (or travelling to).
    at: u32,
    /// Being served at `at` since `cursor` (`None`: waiting in line there, if `cursor` is
    /// past; see `tr_close`).
    open: Option<Phase>,
    attempt: u8,
    /// Where the failing attempt failed (set by `finish`).
    failed_at: u32,
    spans: Vec<RawSpan>,
    /// Each attempt's ending, when the client learned of it [ms], and where it failed.
    attempts: Vec<(Ending, f64, u32)>,
    latency: f64,
    ending: Ending,
    /// Asked for by the user: handed out when it ends.
    asked: bool,
    /// Holders among the window exemplar and the run's slowest; free at 0 once ended.
    refs: u8,
}

impl Rec {
    /// Network time from where the request is to `to`, until `end` [ms].
    fn travel(&mut self, to: u32, end: f64) {
        self.spans.push(RawSpan {
            end,
            node: to,
            phase: Phase::Network,
            attempt: self.attempt,
            down: false,
        });
        self.cursor = end;
        self.at = to;
    }
}

impl Default for Rec {
    fn default() -> Rec {
        Rec {
            users: 0,
            class: 0,
            sent: 0.0,
            cursor: 0.0,
            at: 0,
            open: None,
            attempt: 0,
            failed_at: NONE,
            spans: Vec::new(),
            attempts: Vec::new(),
            latency: 0.0,
            ending: Ending::Ok,
            asked: false,
            refs: 0,
        }
    }
}

/// A closed window's exemplar: the window's start and end [ms] and its slowest request's
/// buffer (0: no request ended in it).
#[derive(Clone, Copy, Debug)]
struct Exemplar {
    start: f64,
    end: f64,
    rec: u32,
}

/// Whose next request to trace.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Ask {
    /// Any users node's.
    Any,
    /// This users node's (index into `Sim::users`).
    Users(u32),
}

/// The tracing state of a run.
#[derive(Clone, Debug, Default)]
pub(super) struct Tracer {
    /// Some request sent now would be traced: `on`, or a request asked for.
    pub(super) active: bool,
    /// Every request is recorded; windows keep their exemplars.
    on: bool,
    /// How many of the run's slowest requests to keep.
    keep: usize,
    ask: Option<Ask>,
    /// Buffers; index 0 is never used (`Req::trace` 0 means "not traced").
    recs: Vec<Rec>,
    free: Vec<u32>,
    /// The open window's slowest ended request so far (0: none).
    win_best: u32,
    /// Closed windows' exemplars, oldest first, at most `WINDOW_RING`.
    exemplars: VecDeque<Exemplar>,
    /// The run's slowest ended requests: a min-heap on (latency bits, buffer) of at most `keep`.
    slowest: BinaryHeap<Reverse<(u64, u32)>>,
    /// Asked-for traces that ended, oldest first.
    delivered: Vec<Trace>,
}

impl Tracer {
    fn update_active(&mut self) {
        self.active = self.on || self.ask.is_some();
    }

    /// A buffer from the pool, emptied.
    fn take(&mut self) -> u32 {
        if self.recs.is_empty() {
            self.recs.push(Rec::default());
        }
        match self.free.pop() {
            Some(t) => t,
            None => {
                self.recs.push(Rec::default());
                (self.recs.len() - 1) as u32
            }
        }
    }

    /// One holder lets go of buffer `t`.
    fn unref(&mut self, t: u32) {
        if t == 0 {
            return;
        }
        let rec = &mut self.recs[t as usize];
        rec.refs -= 1;
        if rec.refs == 0 {
            self.free.push(t);
        }
    }

    fn clear_kept(&mut self) {
        let best = std::mem::take(&mut self.win_best);
        self.unref(best);
        for e in std::mem::take(&mut self.exemplars) {
            self.unref(e.rec);
        }
        for Reverse((_, t)) in std::mem::take(&mut self.slowest) {
            self.unref(t);
        }
    }

    /// Buffer `t` ended: keep it where it ranks, free it otherwise.
    fn ended(&mut self, t: u32) {
        let latency = self.recs[t as usize].latency;
        if self.on {
            let best = self.win_best;
            if best == 0 || latency > self.recs[best as usize].latency {
                self.unref(best);
                self.win_best = t;
                self.recs[t as usize].refs += 1;
            }
            // Latencies are never negative, so their bits order as the numbers do.
            let key = latency.to_bits();
            if self.keep > 0 {
                if self.slowest.len() < self.keep {
                    self.slowest.push(Reverse((key, t)));
                    self.recs[t as usize].refs += 1;
                } else if self.slowest.peek().is_some_and(|Reverse((k, _))| key > *k) {
                    if let Some(Reverse((_, out))) = self.slowest.pop() {
                        self.unref(out);
                    }
                    self.slowest.push(Reverse((key, t)));
                    self.recs[t as usize].refs += 1;
                }
            }
        }
        if self.recs[t as usize].refs == 0 {
            self.free.push(t);
        }
    }
}

fn ending(o: Outcome) -> Ending {
    match o {
        Outcome::Ok => Ending::Ok,
        Outcome::Timeout => Ending::Timeout,
        Outcome::Rejected => Ending::Rejected,
        Outcome::NodeDown => Ending::NodeDown,
        Outcome::SessionLost => Ending::SessionLost,
        Outcome::Throttled => Ending::Throttled,
    }
}

/// Seconds for a sentence, to the millisecond without trailing zeros ("12 s", "12.25 s").
fn secs(ms: f64) -> String {
    let s = format!("{:.3}", ms / 1000.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} s")
}

/// Recording: called by `flow.rs` only for a traced request (`Req::trace` != 0).
impl Sim {
    /// A request was just sent by users node `u` as `r`: trace it if asked to.
    #[cold]
    pub(super) fn tr_begin(&mut self, u: u32, r: u32) {
        let tr = &mut self.tracer;
        let asked = match tr.ask {
            Some(Ask::Any) => true,
            Some(Ask::Users(x)) => x == u,
            None => false,
        };
        if !asked && !tr.on {
            return;
        }
        if asked {
            tr.ask = None;
            tr.update_active();
        }
        let t = tr.take();
        let req = &mut self.reqs[r as usize];
        req.trace = t;
        let node = self.users[u as usize].node;
        let rec = &mut self.tracer.recs[t as usize];
        rec.users = node;
        rec.class = req.class;
        rec.sent = self.now;
        rec.cursor = self.now;
        rec.at = node;
        rec.open = None;
        rec.attempt = 0;
        rec.failed_at = NONE;
        rec.spans.clear();
        rec.attempts.clear();
        rec.asked = asked;
        rec.refs = 0;
    }

    /// Close the open stretch at `end` [ms]: being served at `at`, or else waiting in line
    /// there (the only way a request spends time at a node without a worker on it, so arrival
    /// needs no mark). A zero wait leaves no span; a zero service does (the node is on the path).
    fn tr_close(rec: &mut Rec, end: f64) {
        let phase = rec.open.take().unwrap_or(Phase::Queue);
        if phase == Phase::Service || end > rec.cursor {
            rec.spans.push(RawSpan {
                end,
                node: rec.at,
                phase,
                attempt: rec.attempt,
                down: false,
            });
            rec.cursor = end;
        }
    }

    /// The request arrives at `to` now, from where it was (it left when its last span ended).
    #[cold]
    pub(super) fn tr_arrive(&mut self, t: u32, to: u32) {
        let now = self.now;
        let rec = &mut self.tracer.recs[t as usize];
        rec.open = None;
        rec.travel(to, now);
    }

    /// Network time from where the request is to `to`, `lat` [ms] from now (the ways back,
    /// recorded as they start; the ways there are recorded on arrival, `tr_arrive`).
    #[cold]
    pub(super) fn tr_net(&mut self, t: u32, to: u32, lat: f64) {
        let now = self.now;
        let rec = &mut self.tracer.recs[t as usize];
        Self::tr_close(rec, now);
        rec.travel(to, now + lat);
    }

    /// The node the request just reached (`tr_arrive`) is down.
    #[cold]
    pub(super) fn tr_down(&mut self, t: u32) {
        if let Some(last) = self.tracer.recs[t as usize].spans.last_mut() {
            last.down = true;
        }
    }

    /// The request was sent to `to` over a cut wire: a network span marked down until
    /// `until` [ms], when its caller gives up (`tr_outcome` trims it if that comes sooner).
    #[cold]
    pub(super) fn tr_lost(&mut self, t: u32, to: u32, until: f64) {
        let now = self.now;
        let rec = &mut self.tracer.recs[t as usize];
        Self::tr_close(rec, now);
        rec.travel(to, until);
        Self::tr_down(self, t);
    }

    /// A call with a policy ended now (`calls.rs`; the child that made it is not traced): the
    /// way to `to` until `there` [ms], its time there until `back` [ms], and the way back to
    /// the web server it left from; `lost`: it was sent over a cut wire and never arrived.
    #[cold]
    pub(super) fn tr_call(&mut self, t: u32, to: u32, there: f64, back: f64, lost: bool) {
        let now = self.now;
        let rec = &mut self.tracer.recs[t as usize];
        let web = rec.at;
        if lost {
            rec.travel(to, now);
            if let Some(last) = rec.spans.last_mut() {
                last.down = true;
            }
        } else {
            rec.travel(to, there.min(back).min(now));
            rec.open = Some(Phase::Service);
            Self::tr_close(rec, back.min(now));
        }
        rec.travel(web, now);
    }

    /// A call's retry leaves now after its backoff, spent at the web server.
    #[cold]
    pub(super) fn tr_backoff(&mut self, t: u32) {
        let now = self.now;
        Self::tr_close(&mut self.tracer.recs[t as usize], now);
    }

    /// A worker of its node starts serving the request now.
    #[cold]
    pub(super) fn tr_serve(&mut self, t: u32) {
        let now = self.now;
        let rec = &mut self.tracer.recs[t as usize];
        Self::tr_close(rec, now);
        rec.open = Some(Phase::Service);
    }

    /// Its node is done with it now (served, or found crashed when service would end); a
    /// node that forwards at once shows a zero-length service.
    #[cold]
    pub(super) fn tr_served(&mut self, t: u32) {
        let now = self.now;
        let rec = &mut self.tracer.recs[t as usize];
        if rec.open.is_none() {
            rec.open = Some(Phase::Service);
        }
        Self::tr_close(rec, now);
    }

    /// Attempt `attempt` starts now; a retry first waited out its backoff.
    #[cold]
    pub(super) fn tr_attempt(&mut self, t: u32, attempt: u8) {
        let now = self.now;
        let rec = &mut self.tracer.recs[t as usize];
        // The backoff belongs to the attempt it leads to: each attempt's spans then run from
        // the previous one's end (when the client learned of it) to its own.
        if attempt > 0 {
            rec.spans.push(RawSpan {
                end: now,
                node: rec.users,
                phase: Phase::Backoff,
                attempt,
                down: false,
            });
        }
        rec.attempt = attempt;
        rec.cursor = now;
        rec.at = rec.users;
        rec.open = None;
    }

    /// The failing attempt's error starts back from where it is now: to the web server first
    /// if it failed inside a downstream call (`call_ret` [ms]), then to the client (`ret` [ms]).
    #[cold]
    pub(super) fn tr_fail(&mut self, t: u32, web: Option<(u32, f64)>, ret: f64) {
        let now = self.now;
        let rec = &mut self.tracer.recs[t as usize];
        Self::tr_close(rec, now);
        rec.failed_at = rec.at;
        let users = rec.users;
        // The engine adds the two legs before adding them to now: so does the end here, to
        // the bit (the attempt's end is computed from it).
        let mut back = ret;
        if let Some((web, call_ret)) = web {
            self.tr_net(t, web, call_ret);
            back = ret + call_ret;
        }
        self.tracer.recs[t as usize].travel(users, now + back);
    }

    /// The answer travels back to the client, `ret` [ms] from now.
    #[cold]
    pub(super) fn tr_answer(&mut self, t: u32, ret: f64) {
        let users = self.tracer.recs[t as usize].users;
        self.tr_net(t, users, ret);
    }

    /// The attempt's outcome `o` reached the client at `at` [ms]; `latency` [ms] is what the
    /// histograms recorded for it; `dest` is the node the request was last sent to. With no
    /// retry to follow, the request has ended.
    #[cold]
    pub(super) fn tr_outcome(
        &mut self,
        t: u32,
        o: Outcome,
        at: f64,
        latency: f64,
        last: bool,
        dest: u32,
    ) {
        let rec = &mut self.tracer.recs[t as usize];
        // A timeout ends the attempt at the deadline, wherever the request was: what happened
        // after (the server still working on an orphan) is not the user's wait. Sent on but
        // not arrived (its way there not recorded yet): travelling until then.
        if rec.cursor < at && rec.open.is_none() && dest != rec.at {
            rec.travel(dest, at);
        } else if rec.cursor < at {
            Self::tr_close(rec, at);
        }
        rec.open = None;
        // Drop the spans that start after `at` (a span starts where the one before it ends).
        while rec.spans.len() > 1 && rec.spans[rec.spans.len() - 2].end > at {
            rec.spans.pop();
        }
        if let Some(s) = rec.spans.last_mut() {
            s.end = s.end.min(at);
        }
        rec.cursor = at;
        rec.at = rec.users;
        let failed_at = match o {
            Outcome::Ok | Outcome::Timeout => NONE,
            _ => rec.failed_at,
        };
        rec.attempts.push((ending(o), at, failed_at));
        rec.failed_at = NONE;
        if last {
            rec.latency = latency;
            rec.ending = ending(o);
            if rec.asked {
                let trace = self.to_trace(t);
                self.tracer.delivered.push(trace);
            }
            self.tracer.ended(t);
        }
    }

    /// Buffer `t` as a public trace: node ids, times since the first attempt.
    fn to_trace(&self, t: u32) -> Trace {
        let rec = &self.tracer.recs[t as usize];
        let id = |n: u32| self.nodes[n as usize].id.clone();
        let rel = |ms: f64| ms - rec.sent;
        Trace {
            users: id(rec.users),
            class: CLASSES[rec.class as usize % CLASSES.len()].to_string(),
            sent_ms: rec.sent,
            latency_ms: rec.latency,
            ending: rec.ending,
            attempts: rec
                .attempts
                .iter()
                .map(|&(ending, at, failed)| Attempt {
                    ending,
                    at_ms: rel(at),
                    failed_at: (failed != NONE).then(|| id(failed)),
                })
                .collect(),
            spans: rec
                .spans
                .iter()
                .scan((rec.sent, rec.users), |(start, from), s| {
                    let span = Span {
                        attempt: s.attempt,
                        phase: s.phase,
                        node: id(s.node),
                        from: (s.phase == Phase::Network).then(|| id(*from)),
                        start_ms: rel(*start),
                        end_ms: rel(s.end),
                        down: s.down,
                    };
                    (*start, *from) = (s.end, s.node);
                    Some(span)
                })
                .collect(),
        }
    }

    /// A window closed at `now`: its slowest request becomes its exemplar.
    pub(super) fn tr_close_window(&mut self, start: f64) {
        let tr = &mut self.tracer;
        if !tr.on {
            return;
        }
        if tr.exemplars.len() == crate::metrics::WINDOW_RING {
            if let Some(old) = tr.exemplars.pop_front() {
                tr.unref(old.rec);
            }
        }
        let rec = std::mem::take(&mut tr.win_best);
        tr.exemplars.push_back(Exemplar {
            start,
            end: self.now,
            rec,
        });
    }

    /// The measurements restart: the open window's and the run's slowest so far are forgotten.
    pub(super) fn tr_reset(&mut self) {
        let tr = &mut self.tracer;
        let best = std::mem::take(&mut tr.win_best);
        tr.unref(best);
        for Reverse((_, t)) in std::mem::take(&mut tr.slowest) {
            tr.unref(t);
        }
    }
}

/// The public side.
impl Sim {
    /// Record every request, keeping each closed window's slowest as its exemplar
    /// ([`Sim::exemplar`]). Off forgets what was kept; requests in flight finish their traces.
    /// Results are the same either way (bit-identical digests).
    pub fn set_tracing(&mut self, on: bool) {
        if !on {
            self.tracer.clear_kept();
            self.tracer.keep = 0;
        }
        self.tracer.on = on;
        self.tracer.update_active();
    }

    /// Whether requests are being recorded ([`Sim::set_tracing`]).
    pub fn tracing(&self) -> bool {
        self.tracer.on
    }

    /// Turn tracing on and keep the `n` slowest requests of the run from now on (since the
    /// last [`Sim::reset_metrics`]), for [`Sim::slowest`].
    pub fn keep_slowest(&mut self, n: usize) {
        self.set_tracing(true);
        self.tracer.keep = n;
        while self.tracer.slowest.len() > n {
            if let Some(Reverse((_, t))) = self.tracer.slowest.pop() {
                self.tracer.unref(t);
            }
        }
    }

    /// The kept slowest requests of the run (see [`Sim::keep_slowest`]), slowest first, at
    /// most `n`. Among equal latencies, the one that ended first comes first.
    pub fn slowest(&self, n: usize) -> Vec<Trace> {
        let mut kept: Vec<(u64, u32)> = self.tracer.slowest.iter().map(|r| r.0).collect();
        kept.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        kept.iter()
            .take(n)
            .map(|&(_, t)| self.to_trace(t))
            .collect()
    }

    /// The slowest request that ended in the kept window holding `window_end_ms` (a window
    /// holds its end, not its start; `None`: the last closed window). `Err` says in words why
    /// there is none.
    pub fn exemplar(&self, window_end_ms: Option<f64>) -> Result<Trace, String> {
        let tr = &self.tracer;
        if !tr.on {
            return Err("request tracing is off for this run".into());
        }
        let (Some(first), Some(last)) = (tr.exemplars.front(), tr.exemplars.back()) else {
            return Err(format!(
                "no window has closed since tracing started: the next closes at {}",
                secs(self.window_start + self.window_ms)
            ));
        };
        let e = match window_end_ms {
            None => last,
            Some(t) if t > last.end => {
                return Err(format!(
                    "the window holding {} has not closed yet (the last closed at {})",
                    secs(t),
                    secs(last.end)
                ))
            }
            Some(t) if t <= first.start => {
                return Err(format!(
                    "the window holding {} is older than the {} kept (from {})",
                    secs(t),
                    tr.exemplars.len(),
                    secs(first.start)
                ))
            }
            Some(t) => {
                let i = tr.exemplars.partition_point(|e| e.end < t);
                match tr.exemplars.get(i) {
                    Some(e) if e.start < t => e,
                    _ => return Err(format!("no window kept holds {}", secs(t))),
                }
            }
        };
        if e.rec == 0 {
            return Err(format!(
                "no request ended in the window from {} to {}",
                secs(e.start),
                secs(e.end)
            ));
        }
        Ok(self.to_trace(e.rec))
    }

    /// Trace the next request that users node `users` sends (`None`: any users node), even
    /// with tracing off; it is handed out by [`Sim::take_traced`] when it ends. One request
    /// is asked for at a time: a new ask replaces one not yet sent.
    pub fn trace_next(&mut self, users: Option<&str>) -> Result<(), String> {
        let ask = match users {
            None if self.users.is_empty() => {
                return Err("the design has no users node to send a request".into())
            }
            None => Ask::Any,
            Some(id) => {
                let u = self
                    .users
                    .iter()
                    .position(|u| self.nodes[u.node as usize].id == id)
                    .ok_or_else(|| format!("\"{id}\" is not a users node of this design"))?;
                Ask::Users(u as u32)
            }
        };
        self.tracer.ask = Some(ask);
        self.tracer.update_active();
        Ok(())
    }

    /// The asked-for requests (see [`Sim::trace_next`]) that ended since the last call.
    pub fn take_traced(&mut self) -> Vec<Trace> {
        std::mem::take(&mut self.tracer.delivered)
    }

    /// Trace buffers allocated: requests being traced, kept traces and the free pool.
    pub(super) fn trace_buffers(&self) -> usize {
        self.tracer.recs.len()
    }
}
