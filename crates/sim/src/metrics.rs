//! Streaming, bounded metrics: HdrHistograms for latency, counters by outcome, and a ring of
//! fixed windows for the charts. Nothing here grows with run length.

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
    /// 429: a rate limiter turned it away.
    Throttled,
}

/// Attempts by outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub ok: u64,
    pub timeout: u64,
    pub rejected: u64,
    pub node_down: u64,
    pub session_lost: u64,
    /// 429s from rate limiters.
    #[serde(default)]
    pub throttled: u64,
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
            Outcome::Throttled => self.throttled += 1,
        }
    }

    pub fn errors(&self) -> u64 {
        self.timeout + self.rejected + self.node_down + self.session_lost + self.throttled
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
///
/// The buckets, and the percentiles read from them, are exactly those of the `hdrhistogram`
/// crate's `Histogram::<u64>::new_with_bounds(1, MAX_US, digits)` (the tests below check it value
/// by value against the crate); only the recording is leaner, since it is on the engine's hot
/// path three times per request: an index from one leading-zero count, one increment, no
/// resizing, clamping or error paths, and no minimum kept.
#[derive(Clone, Debug)]
pub struct LatencyHist {
    /// Counts per bucket, in hdrhistogram's layout.
    counts: Vec<u64>,
    /// log2 of half the sub-buckets of a bucket (10 at 3 digits, 7 at 2).
    half_mag: u32,
    /// Values below this need no shift (the sub-bucket count minus one).
    sub_mask: u64,
    /// 64 minus log2 of the sub-bucket count.
    lz_base: u32,
    /// Values recorded.
    total: u64,
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
        // As hdrhistogram with a lowest value of 1: a bucket has the smallest power of two of
        // sub-buckets that holds 2 * 10^digits values at unit resolution.
        let largest = 2 * 10u64.pow(u32::from(digits));
        let sub_mag = 64 - (largest - 1).leading_zeros();
        let mut h = LatencyHist {
            counts: Vec::new(),
            half_mag: sub_mag - 1,
            sub_mask: (1 << sub_mag) - 1,
            lz_base: 64 - sub_mag,
            total: 0,
            max_us: 0,
            sum_us: 0,
        };
        h.counts = vec![0; h.index(MAX_US) + 1];
        h
    }

    /// The bucket of `us` (>= 1) and its index in `counts`.
    #[inline(always)]
    fn bucket_index(&self, us: u64) -> (u32, usize) {
        let bucket = self.lz_base - (us | self.sub_mask).leading_zeros();
        (
            bucket,
            ((bucket << self.half_mag) as usize) + (us >> bucket) as usize,
        )
    }

    #[inline(always)]
    fn index(&self, us: u64) -> usize {
        self.bucket_index(us).1
    }

    /// The lowest and highest value of the bucket at `index`.
    fn range(&self, index: usize) -> (u64, u64) {
        let half = 1usize << self.half_mag;
        let (bucket, sub) = match (index >> self.half_mag).checked_sub(1) {
            Some(b) => (b as u32, (index & (half - 1)) + half),
            None => (0, index),
        };
        let low = (sub as u64) << bucket;
        (low, low + (1u64 << bucket) - 1)
    }

    /// Record a latency [ms].
    #[inline]
    pub fn record(&mut self, ms: f64) {
        let us = (ms * 1000.0).clamp(1.0, MAX_US as f64) as u64;
        let i = self.index(us);
        if let Some(c) = self.counts.get_mut(i) {
            *c += 1;
        }
        self.total += 1;
        self.max_us = self.max_us.max(us);
        self.sum_us += u128::from(us);
    }

    pub fn reset(&mut self) {
        // Nothing was recorded above the largest value's bucket.
        let used = (self.index(self.max_us.max(1)) + 1).min(self.counts.len());
        self.counts[..used].fill(0);
        self.total = 0;
        self.max_us = 0;
        self.sum_us = 0;
    }

    pub fn summary(&self) -> Latency {
        self.summarize(None)
    }

    /// Percentiles of this histogram and `other` together, as if every value had been
    /// recorded in one: successful attempts plus failed ones give every finished attempt.
    pub fn summary_with(&self, other: &LatencyHist) -> Latency {
        if other.half_mag == self.half_mag {
            return self.summarize(Some(other));
        }
        // Different digits (the engine never mixes them): as hdrhistogram, each of `other`'s
        // buckets is counted at its lowest value in this one's buckets.
        let mut both = self.clone();
        for (i, &c) in other.counts.iter().enumerate() {
            if c > 0 {
                let j = both.index(other.range(i).0.max(1));
                both.counts[j] += c;
            }
        }
        both.total += other.total;
        both.max_us = both.max_us.max(other.max_us);
        both.sum_us += other.sum_us;
        both.summarize(None)
    }

    fn summarize(&self, other: Option<&LatencyHist>) -> Latency {
        let empty: &[u64] = &[];
        let (o_counts, o_total, o_max, o_sum) = other.map_or((empty, 0, 0, 0), |o| {
            (&o.counts[..], o.total, o.max_us, o.sum_us)
        });
        let total = self.total + o_total;
        if total == 0 {
            return Latency::default();
        }
        let max_us = self.max_us.max(o_max);
        let sum_us = self.sum_us + o_sum;
        // hdrhistogram's `value_at_quantile`: the highest value of the first bucket at which the
        // running count reaches ceil(p * count) (at least 1); one pass for all five.
        let ps = [0.5, 0.9, 0.95, 0.99, 0.999];
        let targets = ps.map(|p: f64| ((p * total as f64).ceil() as u64).max(1));
        let mut at = [0u64; 5];
        let (mut k, mut running) = (0, 0u64);
        let end = (self.index(max_us) + 1).min(self.counts.len());
        for i in 0..end {
            running += self.counts[i] + o_counts.get(i).copied().unwrap_or(0);
            while k < targets.len() && running >= targets[k] {
                at[k] = self.range(i).1;
                k += 1;
            }
            if k == targets.len() {
                break;
            }
        }
        let q = |v: u64| v.min(max_us) as f64 / 1000.0;
        Latency {
            count: total,
            mean: sum_us as f64 / total as f64 / 1000.0,
            p50: q(at[0]),
            p90: q(at[1]),
            p95: q(at[2]),
            p99: q(at[3]),
            p999: q(at[4]),
            max: max_us as f64 / 1000.0,
        }
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
    /// Serving at the window's end (not failed, its data center up): a replay draws the node
    /// as it was then.
    pub up: bool,
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

    /// What `LatencyHist` was built on before its recording was inlined: the hdrhistogram crate,
    /// summarised as it used to be. The engine's histogram must agree with it bit for bit.
    struct Reference {
        h: hdrhistogram::Histogram<u64>,
        max_us: u64,
        sum_us: u128,
    }

    impl Reference {
        fn new(digits: u8) -> Reference {
            Reference {
                h: hdrhistogram::Histogram::new_with_bounds(1, MAX_US, digits).unwrap(),
                max_us: 0,
                sum_us: 0,
            }
        }

        fn record(&mut self, ms: f64) {
            let us = (ms * 1000.0).clamp(1.0, MAX_US as f64) as u64;
            self.h.saturating_record(us);
            self.max_us = self.max_us.max(us);
            self.sum_us += u128::from(us);
        }

        fn summary_with(&self, other: &Reference) -> Latency {
            let mut h = self.h.clone();
            h.add(&other.h).unwrap();
            if h.is_empty() {
                return Latency::default();
            }
            let max_us = self.max_us.max(other.max_us);
            let q = |p: f64| h.value_at_quantile(p).min(max_us) as f64 / 1000.0;
            Latency {
                count: h.len(),
                mean: (self.sum_us + other.sum_us) as f64 / h.len() as f64 / 1000.0,
                p50: q(0.5),
                p90: q(0.9),
                p95: q(0.95),
                p99: q(0.99),
                p999: q(0.999),
                max: max_us as f64 / 1000.0,
            }
        }
    }

    #[test]
    fn buckets_and_percentiles_equal_the_hdrhistogram_crates() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for digits in [2, 3] {
            let ours = LatencyHist::with_digits(digits);
            let reference = Reference::new(digits);
            // Every bucket edge: the same lowest and highest value as the crate's.
            for i in 0..ours.counts.len() {
                let (low, high) = ours.range(i);
                if low == 0 {
                    continue;
                }
                assert_eq!(ours.index(low), i);
                assert_eq!(
                    reference.h.lowest_equivalent(low),
                    low,
                    "{digits} digits, bucket {i}"
                );
                assert_eq!(
                    reference.h.highest_equivalent(low),
                    high,
                    "{digits} digits, bucket {i}"
                );
            }
            assert!(ours.range(ours.counts.len() - 1).1 >= MAX_US);
            // Random samples of several shapes, each histogram alone and merged with another.
            for round in 0..40 {
                let (mut a, mut b) = (
                    LatencyHist::with_digits(digits),
                    LatencyHist::with_digits(digits),
                );
                let (mut ra, mut rb) = (Reference::new(digits), Reference::new(digits));
                let n = 1 + next() % 5000;
                for k in 0..n {
                    let u = (next() >> 11) as f64 / (1u64 << 53) as f64;
                    let ms = match round % 4 {
                        0 => 10f64.powf(-4.0 + 11.0 * u), // 0.1 µs .. beyond an hour
                        1 => 16.0 + 40.0 * u,             // a narrow band
                        2 => [2000.0, 1.0, 0.0005][k as usize % 3], // repeated values
                        _ => -libm::log(1.0 - u) * 25.0,  // exponential
                    };
                    if next() % 3 == 0 {
                        b.record(ms);
                        rb.record(ms);
                    } else {
                        a.record(ms);
                        ra.record(ms);
                    }
                }
                let none = Reference::new(digits);
                assert_eq!(
                    a.summary(),
                    ra.summary_with(&none),
                    "{digits} digits, round {round}"
                );
                assert_eq!(
                    a.summary_with(&b),
                    ra.summary_with(&rb),
                    "{digits} digits, round {round}"
                );
                assert_eq!(
                    b.summary_with(&a),
                    rb.summary_with(&ra),
                    "{digits} digits, round {round}"
                );
                a.reset();
                assert_eq!(a.summary_with(&b), rb.summary_with(&none));
                assert!(
                    a.counts.iter().all(|&c| c == 0),
                    "reset clears every bucket"
                );
            }
        }
    }

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
