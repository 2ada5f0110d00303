//! The wire table: one entry per scenario wire, in its order. Routing tables keep each hop's
//! latency for speed and name the wire it crosses; this table holds what faults change (a cut,
//! an added delay) and what calls over the wire measured. A web server reaching a database
//! replica does so over its wire to the group's primary (`DbLink::Group`), and a shard router
//! over its wire to each shard's primary, so a fault on that wire applies to the whole group.

use super::*;
use crate::metrics::Outcome;
use crate::scenario::{Action, CallPolicy};

/// One wire at run time.
#[derive(Clone, Debug)]
pub(super) struct WireRt {
    pub(super) from: u32,
    pub(super) to: u32,
    /// One-way latency without faults [ms].
    pub(super) base: f64,
    /// `base` plus `added` [ms]: what a hop over it takes now.
    pub(super) lat: f64,
    /// Delay a `latency` fault added, each way [ms].
    pub(super) added: f64,
    /// Cut by a fault: nothing sent over it arrives.
    pub(super) cut: bool,
    pub(super) policy: Option<CallPolicy>,
    pub(super) breaker: Option<breaker::BreakerRt>,
    /// Calls are counted (a policy or a breaker): the single-slot path looks at this alone.
    pub(super) watched: bool,
    pub(super) st: WireStats,
    /// `st.calls` when the open metrics window started.
    pub(super) win_calls: u64,
    /// Calls per second over the last closed window.
    pub(super) calls_rps_window: f64,
    /// Retry budget: calls and retries per second over the last `BUDGET_S` seconds.
    pub(super) budget: calls::Ring,
    /// Full-jitter draws, a stream of its own.
    pub(super) jitter: crate::rng::Rng,
}

/// Counters since the metrics start.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct WireStats {
    pub(super) calls: u64,
    pub(super) retries: u64,
    pub(super) failed: u64,
    pub(super) fast_failed: u64,
    pub(super) budget_denied: u64,
}

impl Sim {
    /// The wire `from -> to` by node ids, or a message naming what was not found.
    pub(super) fn wire_index(&self, from: &str, to: &str) -> Result<usize, String> {
        let name = |n: u32| self.nodes[n as usize].id.as_str();
        if let Some(i) = self
            .wires
            .iter()
            .position(|w| name(w.from) == from && name(w.to) == to)
        {
            return Ok(i);
        }
        let reverse = self
            .wires
            .iter()
            .any(|w| name(w.from) == to && name(w.to) == from);
        let hint = if reverse {
            format!(" (did you mean from \"{to}\" to \"{from}\"?)")
        } else {
            String::new()
        };
        Err(format!("no wire from \"{from}\" to \"{to}\"{hint}"))
    }

    /// Cut, restore or delay the wire `f.from -> f.to`.
    pub(super) fn wire_fault(&mut self, f: &Fault) -> Result<(), String> {
        let (Some(from), Some(to)) = (f.from.as_deref(), f.to.as_deref()) else {
            return Err("a wire fault needs \"from\" and \"to\"".to_string());
        };
        let w = self.wire_index(from, to)?;
        match f.action {
            Action::Cut => self.wires[w].cut = true,
            Action::Restore => {
                self.wires[w].cut = false;
                self.set_added(w, 0.0);
                // Workers behind a restored queue wire start pulling again.
                let wire = &self.wires[w];
                if self.nodes[wire.from as usize].kind == Kind::MessageQueue {
                    self.dispatch_jobs(wire.from);
                }
            }
            _ => {
                let ms = f.delay_ms.unwrap_or(0.0);
                if !(ms.is_finite() && ms >= 0.0) {
                    return Err(format!("delay_ms must be 0 or more, got {ms}"));
                }
                self.set_added(w, ms);
            }
        }
        Ok(())
    }

    /// Wire `w` takes `ms` more each way; every routing table that caches its latency follows.
    fn set_added(&mut self, w: usize, ms: f64) {
        let wire = &mut self.wires[w];
        wire.added = ms;
        wire.lat = wire.base + ms;
        let lat = wire.lat;
        for node in self.nodes.iter_mut() {
            for (i, &x) in node.wire.iter().enumerate() {
                if x as usize == w {
                    node.lat[i] = lat;
                }
            }
        }
    }

    /// Request `r` was sent to `n` over wire `w`, which is cut: it never arrives. The client
    /// learns at its deadline (`expire` counts the timeout, then frees the slot); a call with a
    /// policy learns at its timeout (`calls.rs`).
    #[cold]
    pub(super) fn lost(&mut self, n: u32, r: u32, lat: f64) {
        let req = &mut self.reqs[r as usize];
        req.at = n;
        let (flags, t) = (req.flags, req.trace);
        if flags & CHILD != 0 {
            req.flags |= ENDED | LOST;
            return;
        }
        if flags & ORPHAN != 0 {
            // Nobody waits for it.
            return self.release(r);
        }
        self.reqs[r as usize].flags |= LOST;
        if t != 0 {
            let req = self.reqs[r as usize];
            let deadline = req.t0
                + self.nodes[self.users[req.src as usize].node as usize]
                    .p
                    .timeout_ms;
            self.tr_lost(t, n, deadline.max(self.now + lat));
        }
    }

    /// A call over wire `w` ended: count it (wires with a policy or a breaker).
    pub(super) fn wire_result(&mut self, w: u32, o: Option<Outcome>) {
        let now = self.now;
        let wire = &mut self.wires[w as usize];
        if o.is_some() {
            wire.st.failed += 1;
        }
        if let Some(b) = &mut wire.breaker {
            b.result(now, o.is_none());
        }
    }

    /// Per-second calls of every wire over the window just closed.
    pub(super) fn wires_close_window(&mut self, span_ms: f64) {
        for w in self.wires.iter_mut() {
            w.calls_rps_window = w.st.calls.saturating_sub(w.win_calls) as f64 * 1000.0 / span_ms;
            w.win_calls = w.st.calls;
        }
    }

    /// Forget the wires' counters (`reset_metrics`); their state stays.
    pub(super) fn wires_reset(&mut self) {
        for w in self.wires.iter_mut() {
            w.st = WireStats::default();
            w.win_calls = 0;
        }
    }

    /// The wires as the snapshot shows them.
    pub(super) fn wire_snapshots(&self) -> Vec<WireSnapshot> {
        self.wire_snapshots_if(|_| true)
    }

    /// The wires `keep` takes, decided on the runtime wire before its ids are copied: a frame
    /// built many times a second for a design of thousands of wires copies only what it sends.
    pub(super) fn wire_snapshots_if(&self, keep: impl Fn(&WireRt) -> bool) -> Vec<WireSnapshot> {
        self.wires
            .iter()
            .filter(|w| keep(w))
            .map(|w| WireSnapshot {
                from: self.nodes[w.from as usize].id.clone(),
                to: self.nodes[w.to as usize].id.clone(),
                cut: w.cut,
                added_ms: w.added,
                breaker: w.breaker.as_ref().map(|b| b.state(self.now)),
                calls: w.st.calls,
                retries: w.st.retries,
                failed: w.st.failed,
                fast_failed: w.st.fast_failed,
                budget_denied: w.st.budget_denied,
                calls_rps_window: w.calls_rps_window,
            })
            .collect()
    }
}
