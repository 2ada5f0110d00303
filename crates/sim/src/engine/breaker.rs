//! Circuit breakers on wires. Failures and calls are counted in a ring of one-second buckets
//! covering `window_s` rounded up to whole seconds (so a 10 s window forgets a call 10 to 11 s
//! after it was made). Closed: calls go through and are counted; the breaker opens when the
//! window holds `failures` failures, or a failure ratio of at least `failure_ratio` over at
//! least `min_calls` calls. Open: calls fail at once. `open_s` later it is half-open (worked
//! out from the time, so no event is needed): `probes` trial calls go through and the rest
//! fail at once; all trials succeed, it closes with an empty window; one fails, it opens again.

use super::BreakerState;
use crate::scenario::Breaker;

#[derive(Clone, Debug)]
pub(super) struct BreakerRt {
    cfg: Breaker,
    /// Per-second buckets: (second number, calls, failures).
    ring: Vec<(i64, u32, u32)>,
    /// Open until this time [ms]; `None`: closed.
    open_until: Option<f64>,
    /// Half-open: trial calls let through, and how many of them succeeded.
    sent: u32,
    passed: u32,
}

impl BreakerRt {
    pub(super) fn new(cfg: Breaker) -> BreakerRt {
        let seconds = libm::ceil(cfg.window_s).max(1.0) as usize;
        BreakerRt {
            cfg,
            ring: vec![(i64::MIN, 0, 0); seconds],
            open_until: None,
            sent: 0,
            passed: 0,
        }
    }

    pub(super) fn state(&self, now: f64) -> BreakerState {
        match self.open_until {
            None => BreakerState::Closed,
            Some(t) if now < t => BreakerState::Open,
            Some(_) => BreakerState::HalfOpen,
        }
    }

    /// Whether a call may go now; counts a half-open trial.
    pub(super) fn allow(&mut self, now: f64) -> bool {
        match self.state(now) {
            BreakerState::Closed => true,
            BreakerState::Open => false,
            BreakerState::HalfOpen if self.sent < self.cfg.probes => {
                self.sent += 1;
                true
            }
            BreakerState::HalfOpen => false,
        }
    }

    /// A call that went through ended, well (`ok`) or not.
    pub(super) fn result(&mut self, now: f64, ok: bool) {
        match self.state(now) {
            // An answer to a call made before it opened: the breaker already acted.
            BreakerState::Open => {}
            BreakerState::HalfOpen => {
                if !ok {
                    self.open(now);
                } else {
                    self.passed += 1;
                    if self.passed >= self.cfg.probes {
                        self.open_until = None;
                        self.ring.iter_mut().for_each(|b| *b = (i64::MIN, 0, 0));
                    }
                }
            }
            BreakerState::Closed => {
                let sec = libm::floor(now / 1000.0) as i64;
                let len = self.ring.len();
                let b = &mut self.ring[sec.rem_euclid(len as i64) as usize];
                if b.0 != sec {
                    *b = (sec, 0, 0);
                }
                b.1 += 1;
                b.2 += u32::from(!ok);
                let (calls, failures) = self
                    .ring
                    .iter()
                    .filter(|b| b.0 > sec - len as i64)
                    .fold((0u32, 0u32), |(c, f), b| (c + b.1, f + b.2));
                let by_count = self.cfg.failures.is_some_and(|n| failures >= n);
                let by_ratio = self.cfg.failure_ratio.is_some_and(|r| {
                    calls >= self.cfg.min_calls && f64::from(failures) >= r * f64::from(calls)
                });
                if !ok && (by_count || by_ratio) {
                    self.open(now);
                }
            }
        }
    }

    fn open(&mut self, now: f64) {
        self.open_until = Some(now + self.cfg.open_s * 1000.0);
        self.sent = 0;
        self.passed = 0;
    }
}
