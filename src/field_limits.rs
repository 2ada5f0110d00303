//! Each number field's range, in the unit it is typed in (a fraction in %), so the inspector
//! words a refusal in the page's language and the field's own unit ("above 0 ms and at most
//! 1 year", "from 0 to 100 %"). The ranges mirror the model's checks (crates/sim/src/validate.rs),
//! which still run on every edit and alone judge rules between fields (max servers >= min).

use crate::fields::Field;
use crate::i18n::Text;

/// One simulated year [ms]: the model's bound on any time.
const YEAR_MS: f64 = 365.0 * 86_400_000.0;
/// The same [s].
const YEAR_S: f64 = YEAR_MS / 1000.0;
/// The model's bound on an arrival rate [requests/s].
const MAX_RATE: f64 = 100_000_000.0;
/// Above this a whole number's upper bound is not worth saying until it is passed.
const FAR: f64 = 1e6;

/// `lo..=hi`, or `lo < v <= hi` when `above`.
#[derive(Clone, Copy)]
struct Limit {
    lo: f64,
    hi: f64,
    above: bool,
}

const fn from(lo: f64, hi: f64) -> Option<Limit> {
    Some(Limit {
        lo,
        hi,
        above: false,
    })
}

const fn above(lo: f64, hi: f64) -> Option<Limit> {
    Some(Limit {
        lo,
        hi,
        above: true,
    })
}

/// The range of the field `key` (node and wire fields share no key).
fn limit(key: &str) -> Option<Limit> {
    let u32_max = u32::MAX as f64;
    match key {
        "rate_rps" => from(0.0, MAX_RATE),
        "population" => from(1.0, 10_000_000.0),
        "keys" | "workers" | "rate_limit.burst" => from(1.0, u32_max),
        "zipf_s" => from(0.0, 10.0),
        "timeout_ms" | "slo_ms" | "service.mean_ms" | "health_check_ms" | "shed_wait_ms"
        | "policy.timeout_ms" => above(0.0, YEAR_MS),
        "retries" | "policy.retries" => from(0.0, 10.0),
        "backoff_ms" | "failover_ms" | "replication_lag_ms" => from(0.0, YEAR_MS),
        "mix.static" | "mix.read" | "mix.write" | "mix.job" => from(0.0, f64::INFINITY),
        "queue_capacity" => from(0.0, u32_max),
        "ttl_s" | "cooldown_s" | "boot_s" => from(0.0, YEAR_S),
        "hit_ratio" => from(0.0, 1.0),
        "capacity" => from(1.0, 4_000_000.0),
        "target_utilization" => above(0.0, 1.0),
        "min_servers" | "max_servers" => from(1.0, 1000.0),
        "rate_limit.rate_rps" => above(0.0, MAX_RATE),
        "diurnal.peak_to_trough" => from(1.0, 1e6),
        "diurnal.period_s" => above(0.0, YEAR_S),
        "latency_ms" | "policy.backoff_ms" => from(0.0, 60_000.0),
        "policy.budget" => from(0.0, 100.0),
        "breaker.failures" | "breaker.min_calls" => from(1.0, 1e6),
        "breaker.failure_ratio" => above(0.0, 100.0),
        "breaker.window_s" | "breaker.open_s" => above(0.0, 3600.0),
        "breaker.probes" => from(1.0, 1000.0),
        _ => None,
    }
}

/// Why `got` (as typed, in the field's unit; `None`: not a number at all) is outside the
/// field's range, in `tx`'s language; `Ok` when it is inside or the field has no range.
/// `whole`: the field takes whole numbers.
pub fn check(field: &Field, got: Option<f64>, whole: bool, tx: &Text) -> Result<(), String> {
    let Some(l) = limit(field.key) else {
        return match got {
            Some(_) => Ok(()),
            None if whole => Err(tx.need_whole.into()),
            None => Err(tx.need_number.into()),
        };
    };
    let inside = |v: f64| (if l.above { v > l.lo } else { v >= l.lo }) && v <= l.hi;
    if got.is_some_and(inside) {
        return Ok(());
    }
    let unit = unit_of(field.label_in(tx.lang).1);
    let show = |v: f64| bound(v, unit, tx);
    // A far bound (4 294 967 295 workers) is said only to one who passed it.
    let far = l.hi.is_infinite() || (whole && l.hi >= FAR && !got.is_some_and(|v| v > l.hi));
    let hi = (!far).then(|| show(l.hi));
    let got = got.map(show);
    Err((tx.need_in)(
        whole,
        l.above,
        &show(l.lo),
        hi.as_deref(),
        got.as_deref(),
    ))
}

/// The unit said after a bound: a measure (ms, s, %, req/s, ×), not a count's noun.
fn unit_of(unit: &'static str) -> &'static str {
    if unit.starts_with('%') {
        return "%";
    }
    match unit {
        "ms" | "s" | "초" | "req/s" | "요청/초" | "×" | "배" => unit,
        _ => "",
    }
}

/// A number with its unit, readable: a year's bound as "1 year", thousands grouped.
fn bound(v: f64, unit: &str, tx: &Text) -> String {
    let year = match unit {
        "ms" => YEAR_MS,
        "s" | "초" => YEAR_S,
        _ => f64::INFINITY,
    };
    if v == year {
        return tx.one_year.into();
    }
    let n = if v.fract() == 0.0 && v.abs() >= 10_000.0 && v.abs() < 1e16 {
        crate::workshop::challenges::grouped(v, 0)
    } else {
        v.to_string()
    };
    match unit {
        "" => n,
        // A factor, and Korean seconds, read as one word: 4×, 4배, 60초.
        "×" | "배" | "초" => format!("{n}{unit}"),
        _ => format!("{n} {unit}"),
    }
}
