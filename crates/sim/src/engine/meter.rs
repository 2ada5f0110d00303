//! What queueing theory is compared with, measured per serving node: how irregular the gaps
//! between arrivals are, how many arrivals found every worker busy or the line full, what
//! changed the node during the measurement, and the distribution of time spent in the node.
//! Kept apart from `Stats` (copied every window) and only touched for nodes with a service time.

/// The node crashed or its data center went down during the measurement.
pub const WAS_DOWN: u8 = 1;
/// Its service time was changed (slowed down or back to normal speed).
pub const SLOWED: u8 = 2;
/// Its database group failed over (a replica became the primary).
pub const FAILED_OVER: u8 = 4;
/// Its autoscaled pool grew or shrank.
pub const RESCALED: u8 = 8;

/// Running sums for one node since the metrics start.
#[derive(Clone, Debug)]
pub struct Meter {
    /// Arrivals that found every worker busy (waited in line or were turned away).
    pub waited: u64,
    /// Arrivals turned away because the line was full.
    pub rejected: u64,
    /// Gaps between consecutive arrivals measured, their sum [ms] and sum of squares [ms²].
    pub gaps: u64,
    pub gap_sum: f64,
    pub gap_sq: f64,
    /// Last arrival [ms]; NaN before the first, so no gap is counted from time zero.
    pub last_arrival: f64,
    /// `WAS_DOWN | SLOWED | FAILED_OVER | RESCALED`, as happened since the metrics start.
    pub changes: u8,
    /// Time in the node, arrival to end of service [ms].
    pub hist: CompactHist,
}

impl Default for Meter {
    fn default() -> Self {
        Meter {
            waited: 0,
            rejected: 0,
            gaps: 0,
            gap_sum: 0.0,
            gap_sq: 0.0,
            last_arrival: f64::NAN,
            changes: 0,
            hist: CompactHist::default(),
        }
    }
}

impl Meter {
    /// An arrival at `now` [ms]; `all_busy` when it found no free worker.
    #[inline]
    pub fn arrival(&mut self, now: f64, all_busy: bool) {
        let gap = now - self.last_arrival;
        // NaN (the first arrival) compares false.
        if gap >= 0.0 {
            self.gaps += 1;
            self.gap_sum += gap;
            self.gap_sq += gap * gap;
        }
        self.last_arrival = now;
        self.waited += u64::from(all_busy);
    }

    /// Squared coefficient of variation of the gaps between arrivals (1 for Poisson
    /// arrivals, 0 for evenly spaced ones); `None` below 100 gaps.
    pub fn arrival_ca2(&self) -> Option<f64> {
        if self.gaps < 100 || self.gap_sum <= 0.0 {
            return None;
        }
        let n = self.gaps as f64;
        let mean = self.gap_sum / n;
        Some(((self.gap_sq / n - mean * mean) / (mean * mean)).max(0.0))
    }

    /// Forget the measurements (a metrics reset); the last arrival stays, so the first gap
    /// after the reset is a real one.
    pub fn reset(&mut self) {
        *self = Meter {
            last_arrival: self.last_arrival,
            hist: std::mem::take(&mut self.hist),
            ..Meter::default()
        };
        self.hist.reset();
    }
}

/// Sub-buckets per power of two: 64, so a bucket is at most 1/64 of its value wide and its
/// midpoint within 0.8 % of any value in it (about two significant digits).
const SUB_BITS: u32 = 6;
/// The f64 bits below the exponent and the top `SUB_BITS` of the mantissa.
const SHIFT: u32 = 52 - SUB_BITS;
/// Values are clamped to 1 µs .. 1 hour [ms].
const MIN_MS: f64 = 0.001;
const MAX_MS: f64 = 3_600_000.0;

/// A small log-scale histogram of times [ms] for one node: the bucket of a value is its f64
/// exponent and top six mantissa bits, and only the range of buckets actually reached is
/// held: u32 counts, 256 bytes per power of two reached (4.4 KiB for times spanning 0.01 ms to
/// 1 s), where a 2-digit `LatencyHist` holds 26 KiB (3 digits: 188 KiB) whatever it records.
#[derive(Clone, Debug, Default)]
pub struct CompactHist {
    /// Index of `counts[0]`.
    lo: u32,
    counts: Vec<u32>,
    total: u64,
}

#[inline(always)]
fn index(ms: f64) -> u32 {
    (ms.clamp(MIN_MS, MAX_MS).to_bits() >> SHIFT) as u32
}

impl CompactHist {
    /// Record a time [ms].
    #[inline]
    pub fn record(&mut self, ms: f64) {
        let i = index(ms);
        match i
            .checked_sub(self.lo)
            .and_then(|k| self.counts.get_mut(k as usize))
        {
            Some(c) => *c = c.saturating_add(1),
            None => self.grow_to(i),
        }
        self.total += 1;
    }

    /// Widen the held range to bucket `i` and count one value there.
    #[cold]
    fn grow_to(&mut self, i: u32) {
        if self.counts.is_empty() {
            self.lo = i;
            self.counts.push(1);
        } else if i < self.lo {
            let mut wider = vec![0; (self.lo - i) as usize];
            wider[0] = 1;
            wider.extend_from_slice(&self.counts);
            self.counts = wider;
            self.lo = i;
        } else {
            // Room for the rest of this power of two at most: memory stays close to the range
            // actually reached.
            let len = (i - self.lo) as usize + 1;
            self.counts
                .reserve_exact((len + (1 << SUB_BITS)).saturating_sub(self.counts.capacity()));
            self.counts.resize(len, 0);
            if let Some(c) = self.counts.last_mut() {
                *c = 1;
            }
        }
    }

    pub fn reset(&mut self) {
        self.counts.fill(0);
        self.total = 0;
    }

    /// Values recorded.
    pub fn count(&self) -> u64 {
        self.total
    }

    /// Memory held by the counts [bytes].
    #[cfg(test)]
    pub fn bytes(&self) -> usize {
        self.counts.capacity() * std::mem::size_of::<u32>()
    }

    /// The `q` quantile (0..1) [ms]: the midpoint of the bucket where the running count
    /// reaches ceil(q * count); 0 when empty.
    pub fn quantile(&self, q: f64) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        let target = ((q * self.total as f64).ceil() as u64).max(1);
        let mut running = 0u64;
        for (k, &c) in self.counts.iter().enumerate() {
            running += u64::from(c);
            if running >= target {
                let i = u64::from(self.lo) + k as u64;
                let low = f64::from_bits(i << SHIFT);
                let high = f64::from_bits((i + 1) << SHIFT);
                return (low + high) / 2.0;
            }
        }
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_within_a_percent_of_the_exact_ones() {
        // 100,000 times spread log-uniformly over 0.01 ms .. 10 s, recorded out of order.
        let n = 100_000;
        let xs: Vec<f64> = (0..n)
            .map(|i| 0.01 * 10f64.powf(6.0 * (i as f64 + 0.5) / n as f64))
            .collect();
        let mut h = CompactHist::default();
        for k in 0..n {
            h.record(xs[(k * 7919) % n]);
        }
        assert_eq!(h.count(), n as u64);
        for q in [0.5, 0.9, 0.99, 0.999] {
            let exact = xs[((q * n as f64).ceil() as usize) - 1];
            let got = h.quantile(q);
            assert!(
                (got - exact).abs() <= exact * 0.008,
                "q {q}: {got} vs exact {exact}"
            );
        }
        // Twenty powers of two held, 64 buckets each, 4 bytes a bucket: about 5 KiB, and at most
        // one power of two of spare room.
        assert!(h.bytes() <= 22 * 64 * 4, "{} bytes", h.bytes());
    }

    #[test]
    fn a_reset_forgets_counts_but_keeps_the_first_gap_real() {
        let mut m = Meter::default();
        m.arrival(5.0, false);
        assert_eq!(m.gaps, 0, "no gap before the first arrival");
        m.arrival(7.0, true);
        m.hist.record(3.0);
        m.reset();
        assert_eq!((m.gaps, m.waited, m.hist.count()), (0, 0, 0));
        m.arrival(10.0, false);
        assert_eq!((m.gaps, m.gap_sum), (1, 3.0));
    }

    #[test]
    fn evenly_spaced_arrivals_have_no_variability() {
        let mut m = Meter::default();
        for k in 0..1000 {
            m.arrival(f64::from(k) * 2.5, false);
        }
        let ca2 = m.arrival_ca2().unwrap_or(f64::NAN);
        assert!(ca2.abs() < 1e-9, "{ca2}");
    }
}
