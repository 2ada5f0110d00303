//! Streaming, bounded metrics: HdrHistograms for latency, counters by outcome, and a ring of
//! fixed windows for the charts. Nothing here grows with run length.

use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Request classes, in `Mix` order.
pub const CLASSES: [&str; 4] = ["static", "read", "write", "job"];
/// Windows kept for the charts (10 minutes at 1 s windows).
pub const WINDOW_RING: usize = 600;

/// How an attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Timeout,
    /// 503: a queue was full.
    Rejected,
    /// Sent to a node that was down.
    NodeDown,
    /// Its sticky session died with a stateful web server.
    SessionLost,
}

/// Attempts by outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub ok: u64,
    pub timeout: u64,
    pub rejected: u64,
    pub node_down: u64,
    pub session_lost: u64,
    /// Attempts that were retries of a failed one.
    pub retries: u64,
    /// Successful attempts answered within their users node's latency objective (`slo_ms`):
    /// a subset of `ok`.
    pub good: u64,
}

impl Counts {
    pub fn add(&mut self, o: Outcome) {
        match o {
            Outcome::Ok => self.ok += 1,
            Outcome::Timeout => self.timeout += 1,
            Outcome::Rejected => self.rejected += 1,
            Outcome::NodeDown => self.node_down += 1,
            Outcome::SessionLost => self.session_lost += 1,
        }
    }

    pub fn errors(&self) -> u64 {
        self.timeout + self.rejected + self.node_down + self.session_lost
    }

    /// Attempts that finished, successfully or not.
    pub fn finished(&self) -> u64 {
        self.ok + self.errors()
    }

    /// Good attempts / finished attempts (0..1); 0 when none finished.
    pub fn good_ratio(&self) -> f64 {
        ratio(self.good, self.finished())
    }

    /// Failed attempts / finished attempts (0..1); 0 when none finished.
    pub fn error_ratio(&self) -> f64 {
        ratio(self.errors(), self.finished())
    }
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole > 0 {
        part as f64 / whole as f64
    } else {
        0.0
    }
}

/// Latency percentiles [ms].
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    /// Requests measured.
    pub count: u64,
    pub mean: f64,
    pub p50: f64,
    pub p90: f64,
    pub p95: f64,
    pub p99: f64,
    pub p999: f64,
    pub max: f64,
}

/// An HdrHistogram of latencies, recorded in microseconds, 3 significant digits, with the exact
/// largest value and the exact sum beside it: a bucket's edges lie a little off the values in
/// it, and timeouts all at exactly 2 s must read 2 s (max and mean), not "2.01 s" beside a 2 s
/// timeout.
#[derive(Clone, Debug)]
pub struct LatencyHist {
    h: Histogram<u64>,
    /// Largest value recorded [µs]; 0 when empty.
    max_us: u64,
    /// Sum of the values recorded [µs], for an exact mean.
    sum_us: u128,
}

/// Highest trackable latency [µs]: one hour; longer values are clamped.
const MAX_US: u64 = 3_600_000_000;

impl LatencyHist {
    pub fn new() -> LatencyHist {
        LatencyHist::with_digits(3)
    }

    /// Two significant digits: for per-window percentiles, cheaper to read every window.
    pub fn coarse() -> LatencyHist {
        LatencyHist::with_digits(2)
    }

    fn with_digits(digits: u8) -> LatencyHist {
        LatencyHist {
            // Bounds are constants that hdrhistogram accepts; a failure is a programming error.
            h: Histogram::new_with_bounds(1, MAX_US, digits).expect("valid histogram bounds"),
            max_us: 0,
            sum_us: 0,
        }
    }

    /// Record a latency [ms].
    #[inline]
    pub fn record(&mut self, ms: f64) {
        let us = (ms * 1000.0).clamp(1.0, MAX_US as f64) as u64;
        self.h.saturating_record(us);
        self.max_us = self.max_us.max(us);
        self.sum_us += u128::from(us);
    }

    pub fn reset(&mut self) {
        self.h.reset();
        self.max_us = 0;
        self.sum_us = 0;
    }

    pub fn summary(&self) -> Latency {
        summarize(&self.h, self.max_us, self.sum_us)
    }

    /// Percentiles of this histogram and `other` together, as if every value had been
    /// recorded in one: successful attempts plus failed ones give every finished attempt.
    pub fn summary_with(&self, other: &LatencyHist) -> Latency {
        if other.h.is_empty() {
            return self.summary();
        }
        let mut both = self.h.clone();
        // Both sides are built by `with_digits` with the same bounds, so adding cannot fail.
        both.add(&other.h).expect("histograms with the same bounds");
        summarize(
            &both,
            self.max_us.max(other.max_us),
            self.sum_us + other.sum_us,
        )
    }
}

/// Percentiles of `h`, none above `max_us`, its exact largest value [µs]; the mean from
/// `sum_us`, the exact sum of its values [µs].
fn summarize(h: &Histogram<u64>, max_us: u64, sum_us: u128) -> Latency {
    if h.is_empty() {
        return Latency::default();
    }
    let q = |p: f64| h.value_at_quantile(p).min(max_us) as f64 / 1000.0;
    Latency {
        count: h.len(),
        mean: sum_us as f64 / h.len() as f64 / 1000.0,
        p50: q(0.5),
        p90: q(0.9),
        p95: q(0.95),
        p99: q(0.99),
        p999: q(0.999),
        max: max_us as f64 / 1000.0,
    }
}

impl Default for LatencyHist {
    fn default() -> Self {
        Self::new()
    }
}

/// One node over one window.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NodeWindow {
    /// Requests that reached the node.
    pub arrivals: u64,
    /// Requests sent to the node while it was down, failed there.
    pub refused: u64,
    /// Busy workers / workers, time-averaged (0..1).
    pub utilization: f64,
    /// Time-averaged requests waiting.
    pub queue_len: f64,
    /// Cache hit ratio in the window, if the node is a cache or CDN that saw lookups.
    pub hit_ratio: Option<f64>,
    /// How far a live replica trailed its primary, from its time-averaged queue [ms].
    pub replication_lag_ms: Option<f64>,
}

/// The whole system over one window (1 s of simulated time by default).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Window {
    /// Start [ms].
    pub start_ms: f64,
    /// End [ms].
    pub end_ms: f64,
    pub counts: Counts,
    /// Latency of the successful attempts that finished in the window [ms].
    pub latency: Latency,
    /// Latency of every attempt that finished in the window, failed ones included [ms].
    pub latency_all: Latency,
    /// Good attempts / finished attempts in the window (0..1; 0 when none finished).
    pub good_ratio: f64,
    /// In node order of the scenario (then autoscaled clones).
    pub nodes: Vec<NodeWindow>,
}

impl Window {
    /// The window's system-wide figures, without its per-node ones.
    pub fn clone_without_nodes(&self) -> Window {
        Window {
            nodes: Vec::new(),
            ..*self
        }
    }
}

/// The bounded ring of closed windows.
#[derive(Clone, Debug, Default)]
pub struct Series {
    pub windows: VecDeque<Window>,
}

impl Series {
    pub fn push(&mut self, w: Window) {
        if self.windows.len() == WINDOW_RING {
            self.windows.pop_front();
        }
        self.windows.push_back(w);
    }
}

/// FNV-1a over 64-bit words.
pub fn fnv(words: impl IntoIterator<Item = u64>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_within_a_tenth_of_a_percent_of_the_exact_ones() {
        // 200,000 latencies spread over five decades (0.01 ms .. 1000 ms), log-uniformly.
        let n = 200_000;
        let mut xs: Vec<f64> = (0..n)
            .map(|i| 0.01 * 10f64.powf(5.0 * (i as f64 + 0.5) / n as f64))
            .collect();
        let mut h = LatencyHist::new();
        // Recorded in a scrambled order: the histogram must not depend on it.
        for k in 0..n {
            h.record(xs[(k * 7919) % n]);
        }
        xs.sort_by(f64::total_cmp);
        let exact = |p: f64| xs[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
        let s = h.summary();
        assert_eq!(s.count, n as u64);
        for (name, got, p) in [
            ("p50", s.p50, 0.5),
            ("p90", s.p90, 0.9),
            ("p95", s.p95, 0.95),
            ("p99", s.p99, 0.99),
            ("p99.9", s.p999, 0.999),
            ("max", s.max, 1.0),
        ] {
            let want = exact(p);
            assert!(
                (got - want).abs() <= want * 0.001 + 0.001,
                "{name}: {got} vs exact {want}"
            );
        }
        let mean = xs.iter().sum::<f64>() / n as f64;
        assert!(
            (s.mean - mean).abs() <= mean * 0.001,
            "{} vs {mean}",
            s.mean
        );
    }

    #[test]
    fn two_histograms_summarised_together_equal_one_that_recorded_everything() {
        // Successes spread over 1 ms .. 1 s, failures at 16 ms and at a 2 s timeout.
        let (mut ok, mut failed, mut one) =
            (LatencyHist::new(), LatencyHist::new(), LatencyHist::new());
        for i in 0..10_000 {
            let v = 10f64.powf(3.0 * f64::from(i) / 10_000.0);
            ok.record(v);
            one.record(v);
        }
        for v in [16.0, 2000.0].repeat(150) {
            failed.record(v);
            one.record(v);
        }
        let both = ok.summary_with(&failed);
        assert_eq!(both, one.summary());
        assert_eq!(both.count, 10_300);
        assert_ne!(both, ok.summary(), "the failures change the figures");
        assert_eq!(both.max, 2000.0);
        // 150 of 10,300 values at 2 s: more than 1 %, so p99 is the timeout.
        assert_eq!(both.p99, 2000.0);
    }

    #[test]
    fn identical_values_read_back_exactly_not_at_their_bucket_edge() {
        // A run where every request times out at 2 s: p99 must read 2 s, not the upper edge
        // of the bucket holding 2 s (2.007 s with two significant digits).
        for mut h in [LatencyHist::new(), LatencyHist::coarse()] {
            for _ in 0..1000 {
                h.record(2000.0);
            }
            let s = h.summary();
            assert_eq!(
                (s.p50, s.p99, s.p999, s.max),
                (2000.0, 2000.0, 2000.0, 2000.0)
            );
            // Merged with faster values, the slow ones still read exactly.
            let mut fast = LatencyHist::coarse();
            fast.record(16.0);
            let both = fast.summary_with(&h);
            assert_eq!(both.count, 1001);
            assert_eq!((both.p99, both.max), (2000.0, 2000.0));
            h.reset();
            assert_eq!(h.summary(), Latency::default());
        }
    }
}
