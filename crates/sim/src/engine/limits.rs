//! Defences at a node's door (issue 16): a token-bucket rate limiter, which turns requests
//! beyond its rate away at once with 429, and load shedding, which turns an arrival away with
//! 503 when the wait it would face in line is longer than the node's limit. Both decide on
//! arrival, before the request takes a place in line, so what they turn away costs no work.

use super::NodeRt;
use crate::scenario::RateLimit;

/// A token bucket: `burst` tokens at the start, refilled continuously at the limiter's rate up
/// to `burst`; each request takes one. Refilled lazily from the time since the last request,
/// so it needs no events of its own.
#[derive(Clone, Copy, Debug)]
pub(super) struct Bucket {
    /// Refill rate [tokens/ms].
    per_ms: f64,
    /// Capacity [tokens].
    burst: f64,
    /// Tokens held at `last` [tokens].
    tokens: f64,
    /// When `tokens` was last brought up to date [ms].
    last: f64,
}

impl Bucket {
    pub(super) fn new(l: RateLimit) -> Bucket {
        let burst = f64::from(l.burst);
        Bucket {
            per_ms: l.rate_rps / 1000.0,
            burst,
            tokens: burst,
            last: 0.0,
        }
    }

    /// Take a token at `now` [ms]; false when the bucket holds less than one.
    #[inline]
    pub(super) fn take(&mut self, now: f64) -> bool {
        // Capped at `burst` exactly, so after a quiet spell exactly `burst` requests pass.
        self.tokens = (self.tokens + (now - self.last) * self.per_ms).min(self.burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

impl NodeRt {
    /// Whether the node's rate limiter turns away a request arriving at `now` [ms]; counts it.
    #[inline]
    pub(super) fn throttles(&mut self, now: f64) -> bool {
        let turned_away = self.bucket.as_mut().is_some_and(|b| !b.take(now));
        self.st.throttled += u64::from(turned_away);
        turned_away
    }

    /// Whether the node sheds an arrival that found every worker busy: it would wait
    /// (requests already waiting + 1) / workers × the mean service time now (slow-downs
    /// included) [ms], and that is longer than `shed_wait_ms`. Counted as shed, and as turned
    /// away for the queueing meter, so the mean wait it reports is that of accepted requests.
    #[inline]
    pub(super) fn sheds(&mut self) -> bool {
        let Some(limit) = self.p.shed_wait_ms else {
            return false;
        };
        let mean_ms = self.p.service.map_or(0.0, |s| s.mean_ms) * self.slow;
        let ahead = self.queue.len() as f64 + 1.0;
        if ahead / f64::from(self.p.workers.max(1)) * mean_ms > limit {
            self.st.shed += 1;
            self.meter.rejected += 1;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_bucket_lets_exactly_burst_through_then_refills_at_the_rate() {
        let mut b = Bucket::new(RateLimit {
            rate_rps: 10.0,
            burst: 5,
        });
        let passed = (0..20).filter(|_| b.take(1_000.0)).count();
        assert_eq!(passed, 5, "a full bucket after a quiet second");
        // 10 tokens/s: one more token 100 ms later, not before.
        assert!(!b.take(1_099.0));
        assert!(b.take(1_101.0));
        assert!(!b.take(1_101.0));
    }
}
