//! Calls over a wire with a policy or a breaker (`WireRt::watched`); other calls never come
//! here. With a policy, each try runs as a child request slot, so the web server can give up
//! on it: the waiting request keeps its place (`Req::link` names the child), and the child
//! goes on alone. On the call's timeout the try fails while the callee keeps working on the
//! orphaned child (what makes retry storms: a database serving work nobody waits for); a
//! failed try is retried after its backoff, unless the retries or the retry budget are spent,
//! and then the request fails with the try's outcome. An answer after the timeout is dropped.
//!
//! A child slot is freed once both its timer fired (`GAVE_UP`) and its work ended (`ENDED`):
//! the timer event names the slot, so the slot must not be reused before it fires.

use super::*;
use crate::metrics::Outcome;
use crate::scenario::Jitter;

/// `Req::link` of a request not waiting for a call.
pub(super) const NO_CALL: u32 = 0;
/// `Req::link` of a request waiting out its backoff before a retry.
pub(super) const BACKOFF: u32 = u32::MAX;
/// In an `Ev::Call` id: a retry of request `id` rather than the timeout of child `id`.
const RETRY: u32 = 1 << 27;
/// Retry-budget window [s].
pub(super) const BUDGET_S: usize = 10;

/// Calls and retries per second over the last `BUDGET_S` seconds (a ring of buckets: a
/// call is forgotten 10 to 11 s after it was made).
#[derive(Clone, Debug)]
pub(super) struct Ring([(i64, u32, u32); BUDGET_S]);

impl Default for Ring {
    fn default() -> Ring {
        Ring([(i64::MIN, 0, 0); BUDGET_S])
    }
}

impl Ring {
    fn add(&mut self, now: f64, retry: bool) {
        let sec = libm::floor(now / 1000.0) as i64;
        let b = &mut self.0[sec.rem_euclid(BUDGET_S as i64) as usize];
        if b.0 != sec {
            *b = (sec, 0, 0);
        }
        b.1 += 1;
        b.2 += u32::from(retry);
    }

    /// (calls, retries) in the window.
    fn sums(&self, now: f64) -> (u64, u64) {
        let sec = libm::floor(now / 1000.0) as i64;
        self.0
            .iter()
            .filter(|b| b.0 > sec - BUDGET_S as i64)
            .fold((0, 0), |(c, r), b| (c + u64::from(b.1), r + u64::from(b.2)))
    }
}

/// Outcomes as a child's `stage` carries them back.
const OUTCOMES: [Outcome; 6] = [
    Outcome::Ok,
    Outcome::Timeout,
    Outcome::Rejected,
    Outcome::NodeDown,
    Outcome::SessionLost,
    Outcome::Throttled,
];

impl Sim {
    /// Request `r` at its web server calls `n` over watched wire `w`.
    pub(super) fn watched_call(&mut self, n: u32, r: u32, w: u32) {
        let now = self.now;
        let wire = &mut self.wires[w as usize];
        if wire.policy.is_none() {
            // A breaker alone: the call uses the request's own slot, as without one.
            if let Some(b) = &mut wire.breaker {
                if !b.allow(now) {
                    wire.st.fast_failed += 1;
                    return self.finish(r, Outcome::Rejected);
                }
            }
            wire.st.calls += 1;
            return self.plain_call(n, r, w);
        }
        let req = &mut self.reqs[r as usize];
        req.call_try = 0;
        req.wire = w as u16;
        // The callee, kept for retries (the request itself stays at its web server).
        req.at = n;
        self.try_call(r);
    }

    /// Request `r` makes try `call_try` of its call.
    fn try_call(&mut self, r: u32) {
        let now = self.now;
        let req = self.reqs[r as usize];
        let (n, w) = (req.at, u32::from(req.wire));
        let wire = &mut self.wires[w as usize];
        let Some(policy) = wire.policy else {
            return;
        };
        if let Some(b) = &mut wire.breaker {
            if !b.allow(now) {
                // Failed at once, no network time, and not retried: the breaker says the
                // callee is failing.
                wire.st.fast_failed += 1;
                self.reqs[r as usize].link = NO_CALL;
                return self.finish(r, Outcome::Rejected);
            }
        }
        let retry = req.call_try > 0;
        wire.st.calls += 1;
        wire.st.retries += u64::from(retry);
        wire.budget.add(now, retry);
        let (lat, cut) = (wire.lat, wire.cut);
        let c = self.alloc(Req {
            t0: now,
            ret: 0.0,
            call_ret: lat,
            trace: 0,
            link: r,
            flags: CHILD | CALLING,
            ..req
        });
        self.reqs[r as usize].link = c + 1;
        self.q.push(now + policy.timeout_ms, Ev::Call, c);
        if req.trace != 0 && retry {
            self.tr_backoff(req.trace);
        }
        if cut {
            return self.lost(n, c, lat);
        }
        self.send(n, c, lat);
    }

    /// Whether request `p` still waits for its child `c`. While `c` is allocated no other
    /// request can wait for it, but slot `p` may have been freed and reused by a child, whose
    /// `link` names its own parent.
    fn waits_for(&self, p: u32, c: u32) -> bool {
        let req = &self.reqs[p as usize];
        req.link == c + 1 && req.flags & CHILD == 0
    }

    /// A call timer or a retry is due.
    pub(super) fn call_timer(&mut self, id: u32) {
        if id & RETRY != 0 {
            return self.try_call(id & !RETRY);
        }
        let c = id;
        self.reqs[c as usize].flags |= GAVE_UP;
        let child = self.reqs[c as usize];
        let p = child.link;
        if self.waits_for(p, c) {
            let (t, to) = (self.reqs[p as usize].trace, self.reqs[p as usize].at);
            if t != 0 {
                let lat = self.wires[child.wire as usize].lat;
                self.tr_call(t, to, child.t0 + lat, self.now, child.flags & LOST != 0);
            }
            self.call_failed(p, Outcome::Timeout);
        }
        if child.flags & ENDED != 0 {
            self.release(c);
        }
    }

    /// Child `c` failed with `o` where it is: the error travels back over its wire.
    pub(super) fn child_failed(&mut self, c: u32, o: Outcome) {
        let child = &mut self.reqs[c as usize];
        child.flags &= !CALLING;
        if self.wires[child.wire as usize].cut {
            // Lost on the way back: the caller learns at its timeout.
            child.flags |= ENDED;
            return;
        }
        child.flags |= FAILED;
        child.stage = OUTCOMES.iter().position(|&x| x == o).unwrap_or(1) as u8;
        let lat = child.call_ret;
        self.q.push(self.now + lat, Ev::Return, c);
    }

    /// Child `c`'s answer or error is back at its web server.
    pub(super) fn child_back(&mut self, c: u32) {
        self.reqs[c as usize].flags |= ENDED;
        let child = self.reqs[c as usize];
        let p = child.link;
        let waiting = self.waits_for(p, c);
        if child.flags & GAVE_UP != 0 {
            // Its call timed out before: the answer is dropped.
            self.release(c);
        }
        if !waiting {
            return;
        }
        let (t, to) = (self.reqs[p as usize].trace, self.reqs[p as usize].at);
        if t != 0 {
            let lat = self.wires[child.wire as usize].lat;
            self.tr_call(t, to, child.t0 + lat, self.now - child.call_ret, false);
        }
        if child.flags & FAILED != 0 {
            let o = OUTCOMES[child.stage as usize % OUTCOMES.len()];
            return self.call_failed(p, o);
        }
        self.wire_result(u32::from(child.wire), None);
        let req = &mut self.reqs[p as usize];
        req.link = NO_CALL;
        req.flags |= child.flags & (MISS | NOFILL);
        self.web_step(p);
    }

    /// Request `r`'s call try failed with `o`: retry after the backoff if allowed, else the
    /// request fails with `o`.
    fn call_failed(&mut self, r: u32, o: Outcome) {
        let now = self.now;
        let req = self.reqs[r as usize];
        let w = u32::from(req.wire);
        self.wire_result(w, Some(o));
        let wire = &mut self.wires[w as usize];
        let Some(policy) = wire.policy else {
            return;
        };
        let k = req.call_try;
        if u32::from(k) >= policy.retries {
            self.reqs[r as usize].link = NO_CALL;
            return self.finish(r, o);
        }
        if let Some(budget) = policy.budget {
            let (calls, retries) = wire.budget.sums(now);
            // The retry would count among both the calls and the retries.
            if (retries + 1) as f64 > budget * (calls + 1) as f64 {
                wire.st.budget_denied += 1;
                self.reqs[r as usize].link = NO_CALL;
                return self.finish(r, o);
            }
        }
        let cap = policy.backoff_ms * f64::from(1u32 << k.min(20));
        let delay = match policy.jitter {
            Jitter::Full => wire.jitter.uniform() * cap,
            Jitter::None => cap,
        };
        let req = &mut self.reqs[r as usize];
        req.call_try = k + 1;
        req.link = BACKOFF;
        self.q.push(now + delay, Ev::Call, r | RETRY);
    }
}
