//! A users node's daily cycle (issue 16): its rate swings between the peak (the rate it would
//! have without the cycle: `rate_rps`, or what a set rate, ramp or spike made it) and the
//! trough, peak / `peak_to_trough`, as
//!
//! λ(t) = trough + (peak − trough) · (1 − cos(2πt / period)) / 2,
//!
//! t being simulated time since the start: the trough at t = 0, the peak half a period later.
//!
//! Poisson arrivals follow it by thinning (Lewis & Shedler 1979): candidates are drawn as a
//! Poisson stream at the peak rate, and the one at time t is kept with probability
//! λ(t) / peak. Whatever the rate does between two candidates, the kept ones are exactly a
//! Poisson stream of rate λ(t) (for as long as the peak itself holds still; a ramp moves the
//! peak, and is followed per candidate as arrivals without a cycle follow it). Evenly spaced
//! arrivals instead take their next gap at the current rate, 1 / λ(t): off by a fraction
//! (gap / period)² of a gap, negligible while a period holds many arrivals.

use super::Sim;
use crate::rng::Rng;
use crate::scenario::{Arrival, Diurnal};
use std::f64::consts::TAU;

/// A users node's cycle at run time.
#[derive(Clone, Debug)]
pub(super) struct Cycle {
    /// Trough / peak (0..1].
    trough: f64,
    /// Length of a period [ms].
    period_ms: f64,
    /// Which candidates are kept: a stream of its own (`rng::Purpose::Daily`).
    rng: Rng,
}

impl Cycle {
    pub(super) fn new(d: Diurnal, rng: Rng) -> Cycle {
        Cycle {
            trough: 1.0 / d.peak_to_trough,
            period_ms: d.period_s * 1000.0,
            rng,
        }
    }

    /// λ(t) / peak at `t_ms` (trough / peak ..= 1).
    pub(super) fn factor(&self, t_ms: f64) -> f64 {
        let turns = (t_ms / self.period_ms).fract();
        self.trough + (1.0 - self.trough) * (1.0 - cos_turns(turns)) / 2.0
    }
}

/// cos(2π·`turns`) for `turns` in [0, 1), to within 1e-15. Written out because `f64::cos` pulls
/// the whole of libm's argument reduction into the shipped wasm (3.0 KB gzipped, measured), where a
/// fraction of a turn needs none: symmetry brings it to [0, π/4], where the Taylor series to the
/// 16th power is exact to 1e-17.
fn cos_turns(turns: f64) -> f64 {
    // cos is even and 1-periodic in turns: fold to [0, 1/2].
    let t = turns.min(1.0 - turns);
    // cos(2π(1/2 − t)) = −cos(2πt): fold to [0, 1/4].
    let (t, sign) = if t > 0.25 { (0.5 - t, -1.0) } else { (t, 1.0) };
    let x = TAU * t;
    // cos(x) = sin(π/2 − x): fold to [0, π/4].
    let quarter = std::f64::consts::FRAC_PI_2;
    if x > quarter / 2.0 {
        sign * series(quarter - x, true)
    } else {
        sign * series(x, false)
    }
}

/// Σ (−1)^k x^(2k+j) / (2k+j)! for k = 0..8, j = 1 for `sin` (sin x), else 0 (cos x).
fn series(x: f64, sin: bool) -> f64 {
    let x2 = x * x;
    let (mut term, mut n) = if sin { (x, 1) } else { (1.0, 0) };
    let mut sum = 0.0;
    for _ in 0..9 {
        sum += term;
        term *= -x2 / f64::from((n + 1) * (n + 2));
        n += 2;
    }
    sum
}

impl Sim {
    /// Users node `u` with a cycle has a candidate arrival now, drawn with `gap` [ms] to the
    /// next at the peak rate: the gap to use instead and whether this candidate is emitted.
    pub(super) fn daily(&mut self, u: u32, gap: f64) -> (f64, bool) {
        let now = self.now;
        let arrival = self.nodes[self.users[u as usize].node as usize].p.arrival;
        let Some(c) = self.users[u as usize].cycle.as_mut() else {
            return (gap, true);
        };
        let f = c.factor(now);
        match arrival {
            Arrival::Poisson => (gap, c.rng.uniform() < f),
            Arrival::Constant => (gap / f, true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cos_of_a_turn_matches_the_library_cos() {
        for k in 0..=10_000 {
            let turns = f64::from(k) / 10_001.0;
            let (got, want) = (cos_turns(turns), (TAU * turns).cos());
            assert!((got - want).abs() < 1e-15, "{turns}: {got} vs {want}");
        }
    }

    #[test]
    fn the_factor_runs_from_the_trough_to_the_peak_and_back() {
        let c = Cycle::new(
            Diurnal {
                peak_to_trough: 4.0,
                period_s: 600.0,
            },
            Rng::new(1),
        );
        let near = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(near(c.factor(0.0), 0.25));
        assert!(
            near(c.factor(150_000.0), 0.625),
            "a quarter period: halfway"
        );
        assert!(near(c.factor(300_000.0), 1.0), "half a period: the peak");
        assert!(near(c.factor(600_000.0), 0.25));
    }
}
