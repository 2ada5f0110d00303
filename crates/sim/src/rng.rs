//! Random variates, bit-identical on every target.
//!
//! All transcendental maths goes through `libm` (a pure-Rust port), never `f64::ln` & co.,
//! whose last bit may differ between glibc and the wasm runtime. The generator is
//! Xoshiro256++, whose output does not depend on the pointer width.

use std::sync::Arc;

use rand_core::{Rng as _, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::scenario::{Dist, Service};

/// A stream of random numbers. The simulation keeps one per purpose and node ([`Streams`]).
#[derive(Clone, Debug)]
pub struct Rng(Xoshiro256PlusPlus, Arc<ExpTables>);

/// What a stream is for: a node draws each kind from a stream of its own, so a change to one
/// (a cache's hit ratio) shifts none of the others (its service times).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A users node's requests: gaps between arrivals, class and user.
    Arrivals = 1,
    /// A node's service times.
    Service = 2,
    /// A node's routing choices (a load balancer's pick, a cache's hit or miss).
    Routing = 3,
    /// A users node's request keys: drawn only where a design looks at keys, so from a
    /// stream of their own, or a design with a cache would shift the arrivals of one without.
    Keys = 4,
    /// A users node's daily cycle: which candidate arrivals it keeps (thinning), apart so a
    /// cycle does not shift the draws of the requests themselves.
    Daily = 5,
    /// A wire's retry delays (full jitter), keyed by "from->to".
    Jitter = 6,
}

/// Makes the streams of one run: each is keyed by the seed, a node's id and a purpose, and by
/// nothing else, so the same users node emits the same requests in any design around it
/// (common random numbers: two designs compared see the same traffic), and adding a node
/// shifts nobody else's draws.
#[derive(Clone, Debug)]
pub struct Streams {
    seed: u64,
    tables: Arc<ExpTables>,
}

impl Streams {
    pub fn new(seed: u64) -> Streams {
        Streams {
            seed,
            tables: Arc::new(ExpTables::new()),
        }
    }

    /// The stream of node `id` for `purpose`.
    pub fn of(&self, id: &str, purpose: Purpose) -> Rng {
        // FNV-1a over the id's bytes: stable on every target, unlike std's hasher.
        let name = id.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
        });
        let key =
            mix64(self.seed ^ mix64(name ^ (purpose as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        Rng(
            Xoshiro256PlusPlus::seed_from_u64(key),
            Arc::clone(&self.tables),
        )
    }
}

/// Ziggurat tables for the standard exponential (Marsaglia & Tsang 2000, 256 layers): about
/// 99 % of draws cost one random number and one multiply instead of a logarithm.
#[derive(Clone, Debug)]
pub struct ExpTables {
    ke: [u32; 256],
    we: [f64; 256],
    fe: [f64; 256],
}

/// Start of the ziggurat's tail.
const ZIG_R: f64 = 7.697_117_470_131_05;
/// Area of each layer.
const ZIG_V: f64 = 0.003_949_659_822_581_557;

impl ExpTables {
    fn new() -> ExpTables {
        let m = 4_294_967_296.0; // 2^32
        let mut t = ExpTables {
            ke: [0; 256],
            we: [0.0; 256],
            fe: [0.0; 256],
        };
        let mut de = ZIG_R;
        let mut te = de;
        let q = ZIG_V / libm::exp(-de);
        t.ke[0] = ((de / q) * m) as u32;
        t.ke[1] = 0;
        t.we[0] = q / m;
        t.we[255] = de / m;
        t.fe[0] = 1.0;
        t.fe[255] = libm::exp(-de);
        for i in (1..=254).rev() {
            de = -libm::log(ZIG_V / de + libm::exp(-de));
            t.ke[i + 1] = ((de / te) * m) as u32;
            te = de;
            t.fe[i] = libm::exp(-de);
            t.we[i] = de / m;
        }
        t
    }
}

impl Rng {
    /// A stream of its own, for the tests here; a run takes its streams from [`Streams`].
    #[cfg(test)]
    pub fn new(seed: u64) -> Rng {
        Rng(
            Xoshiro256PlusPlus::seed_from_u64(seed),
            Arc::new(ExpTables::new()),
        )
    }

    /// Standard exponential (mean 1) by the ziggurat.
    #[inline]
    fn exp1(&mut self) -> f64 {
        let (g, t) = (&mut self.0, &*self.1);
        let unif =
            |g: &mut Xoshiro256PlusPlus| (g.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        let mut jz = (g.next_u64() >> 32) as u32;
        let mut iz = (jz & 255) as usize;
        if jz < t.ke[iz] {
            return f64::from(jz) * t.we[iz];
        }
        loop {
            if iz == 0 {
                // The tail beyond R is again exponential.
                return ZIG_R - libm::log(1.0 - unif(g));
            }
            let x = f64::from(jz) * t.we[iz];
            if t.fe[iz] + unif(g) * (t.fe[iz - 1] - t.fe[iz]) < libm::exp(-x) {
                return x;
            }
            jz = (g.next_u64() >> 32) as u32;
            iz = (jz & 255) as usize;
            if jz < t.ke[iz] {
                return f64::from(jz) * t.we[iz];
            }
        }
    }

    /// Uniform in [0, 1), 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform integer in [0, n).
    #[inline]
    pub fn below(&mut self, n: u64) -> u64 {
        // Multiply-shift: unbiased enough for n far below 2^64 and branch-free.
        ((self.0.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Exponential with the given mean.
    #[inline]
    pub fn exponential(&mut self, mean: f64) -> f64 {
        mean * self.exp1()
    }

    /// Standard normal, Box-Muller (one of the pair is discarded to keep no state).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
    }

    /// Log-normal with the given mean and coefficient of variation.
    pub fn log_normal(&mut self, mean: f64, cv: f64) -> f64 {
        let sigma2 = libm::log1p(cv * cv);
        let mu = libm::log(mean) - sigma2 / 2.0;
        libm::exp(mu + libm::sqrt(sigma2) * self.normal())
    }

    /// A service time drawn from `s` [ms].
    #[inline]
    pub fn service(&mut self, s: &Service) -> f64 {
        match s.dist {
            Dist::Constant => s.mean_ms,
            Dist::Exponential => self.exponential(s.mean_ms),
            Dist::LogNormal => self.log_normal(s.mean_ms, s.cv.unwrap_or(1.0)),
        }
    }
}

/// Zipf-distributed ranks in [0, n), by rejection-inversion (Hörmann & Derflinger 1996, as in
/// Apache Commons' `RejectionInversionZipfSampler`): O(1) per sample for any n.
#[derive(Clone, Debug)]
pub struct Zipf {
    n: f64,
    s: f64,
    h_x1: f64,
    h_n: f64,
    cut: f64,
}

impl Zipf {
    /// `n` keys, exponent `s >= 0` (0 is uniform).
    pub fn new(n: u32, s: f64) -> Zipf {
        let nf = f64::from(n.max(1));
        let mut z = Zipf {
            n: nf,
            s,
            h_x1: 0.0,
            h_n: 0.0,
            cut: 0.0,
        };
        z.h_x1 = z.h_integral(1.5) - 1.0;
        z.h_n = z.h_integral(nf + 0.5);
        z.cut = 2.0 - z.h_integral_inv(z.h_integral(2.5) - z.h(2.0));
        z
    }

    /// A rank in [0, n): 0 is the most popular key.
    pub fn sample(&self, rng: &mut Rng) -> u32 {
        if self.s == 0.0 {
            return rng.below(self.n as u64) as u32;
        }
        loop {
            let u = self.h_n + rng.uniform() * (self.h_x1 - self.h_n);
            let x = self.h_integral_inv(u);
            let k = libm::floor(x + 0.5).clamp(1.0, self.n);
            if k - x <= self.cut || u >= self.h_integral(k + 0.5) - self.h(k) {
                return k as u32 - 1;
            }
        }
    }

    fn h(&self, x: f64) -> f64 {
        libm::exp(-self.s * libm::log(x))
    }

    fn h_integral(&self, x: f64) -> f64 {
        let lx = libm::log(x);
        helper2((1.0 - self.s) * lx) * lx
    }

    fn h_integral_inv(&self, x: f64) -> f64 {
        let t = (x * (1.0 - self.s)).max(-1.0);
        libm::exp(helper1(t) * x)
    }
}

/// log1p(x) / x, accurate near 0.
fn helper1(x: f64) -> f64 {
    if x.abs() > 1e-8 {
        libm::log1p(x) / x
    } else {
        1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x))
    }
}

/// expm1(x) / x, accurate near 0.
fn helper2(x: f64) -> f64 {
    if x.abs() > 1e-8 {
        libm::expm1(x) / x
    } else {
        1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + 0.25 * x))
    }
}

/// A 64-bit mix (SplitMix64's finaliser): stable hashing of user ids and keys.
#[inline]
pub fn mix64(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponential_mean_within_1_percent() {
        let mut r = Rng::new(7);
        let n = 200_000;
        let m: f64 = (0..n).map(|_| r.exponential(10.0)).sum::<f64>() / n as f64;
        assert!((m - 10.0).abs() < 0.1, "mean {m} [ms]");
    }

    #[test]
    fn exponential_tail_matches_e_to_the_minus_x() {
        // P(X > x) = e^-x for the standard exponential, checked at several points including
        // beyond the ziggurat's base layer.
        let mut r = Rng::new(11);
        let n = 2_000_000;
        let xs: Vec<f64> = (0..n).map(|_| r.exponential(1.0)).collect();
        for x in [0.1, 0.5, 1.0, 2.0, 4.0, 8.0] {
            let p = xs.iter().filter(|&&v| v > x).count() as f64 / n as f64;
            let expected = libm::exp(-x);
            let sd = (expected * (1.0 - expected) / n as f64).sqrt();
            assert!(
                (p - expected).abs() < 5.0 * sd + 1e-6,
                "P(X > {x}) = {p}, expected {expected}"
            );
        }
    }

    #[test]
    fn log_normal_mean_and_cv_within_3_percent() {
        let mut r = Rng::new(8);
        let n = 400_000;
        let xs: Vec<f64> = (0..n).map(|_| r.log_normal(20.0, 0.5)).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n as f64;
        assert!((m - 20.0).abs() < 0.6, "mean {m}");
        assert!(
            (var.sqrt() / m - 0.5).abs() < 0.015,
            "cv {}",
            var.sqrt() / m
        );
    }

    #[test]
    fn streams_depend_on_seed_id_and_purpose_only() {
        let draws = |r: &mut Rng| (0..4).map(|_| r.uniform()).collect::<Vec<_>>();
        let (a, b) = (Streams::new(1), Streams::new(1));
        assert_eq!(
            draws(&mut a.of("web-1", Purpose::Service)),
            draws(&mut b.of("web-1", Purpose::Service)),
            "same seed, id and purpose: the same stream"
        );
        let base = draws(&mut a.of("web-1", Purpose::Service));
        for other in [
            draws(&mut a.of("web-2", Purpose::Service)),
            draws(&mut a.of("web-1", Purpose::Routing)),
            draws(&mut Streams::new(2).of("web-1", Purpose::Service)),
        ] {
            assert_ne!(base, other, "another id, purpose or seed: another stream");
        }
    }

    #[test]
    fn zipf_frequencies_follow_the_law() {
        // With s = 1 and n = 100, P(rank 0) = 1 / H(100) = 0.1928.
        let z = Zipf::new(100, 1.0);
        let mut r = Rng::new(9);
        let n = 200_000;
        let mut counts = [0u32; 100];
        for _ in 0..n {
            counts[z.sample(&mut r) as usize] += 1;
        }
        let h100: f64 = (1..=100).map(|k| 1.0 / k as f64).sum();
        let p0 = f64::from(counts[0]) / n as f64;
        let p1 = f64::from(counts[1]) / n as f64;
        assert!((p0 - 1.0 / h100).abs() < 0.005, "p0 {p0}");
        assert!((p1 - 0.5 / h100).abs() < 0.005, "p1 {p1}");
    }
}
