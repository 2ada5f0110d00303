//! Where a trace's bars go: the shared time axis, its ticks, and each span's place on it as a
//! share of the axis [%]. Plain numbers, so the waterfall's drawing is a function of them and the
//! component tests can check the geometry against the trace itself.

use scaleboard_sim::trace::{Phase, Span, Trace};

/// Ticks the axis aims for: enough to read a bar's time off it, few enough to label at 1024 px.
const TICKS: f64 = 5.0;

/// The time axis of one trace.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The axis runs from 0 to this [ms since the first attempt was sent]: the latency, or the
    /// last span or attempt end if one lies later. Never 0, so shares stay finite.
    pub end_ms: f64,
    /// Tick positions [ms], from 0, a round step apart.
    pub ticks: Vec<f64>,
}

impl Axis {
    pub fn of(trace: &Trace) -> Axis {
        let last = trace
            .spans
            .iter()
            .map(|s| s.end_ms)
            .chain(trace.attempts.iter().map(|a| a.at_ms))
            .fold(trace.latency_ms, f64::max);
        let end_ms = if last.is_finite() && last > 0.0 {
            last
        } else {
            1.0
        };
        let step = round_step(end_ms / TICKS);
        let ticks = (0..)
            .map(|i| f64::from(i) * step)
            .take_while(|t| *t <= end_ms * (1.0 + 1e-9))
            .collect();
        Axis { end_ms, ticks }
    }

    /// Where `ms` lies on the axis [% of its width], clamped to it.
    pub fn pct(&self, ms: f64) -> f64 {
        (ms / self.end_ms * 100.0).clamp(0.0, 100.0)
    }

    /// A span's bar: its left edge and width [% of the axis].
    pub fn bar(&self, s: &Span) -> (f64, f64) {
        let x = self.pct(s.start_ms);
        (x, (self.pct(s.end_ms) - x).max(0.0))
    }
}

/// The smallest of 1, 2 and 5 times a power of ten at least `raw` [ms].
fn round_step(raw: f64) -> f64 {
    let raw = if raw.is_finite() && raw > 0.0 {
        raw
    } else {
        1.0
    };
    let power = 10_f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

/// A tick's label: milliseconds below a second, seconds from there [with the unit].
pub fn tick_label(ms: f64, secs: &dyn Fn(f64) -> String) -> String {
    if ms == 0.0 {
        "0".into()
    } else if ms >= 1000.0 {
        let s = ms / 1000.0;
        secs(if s.fract() == 0.0 {
            s
        } else {
            (s * 10.0).round() / 10.0
        })
    } else if ms >= 1.0 {
        format!("{} ms", (ms * 10.0).round() / 10.0)
    } else {
        format!("{ms:.2} ms")
    }
}

/// The attempts a trace holds, in order, each with its spans' indices in `Trace::spans`: the
/// first attempt is 0.
pub fn by_attempt(trace: &Trace) -> Vec<(u8, Vec<usize>)> {
    let last = trace
        .spans
        .iter()
        .map(|s| s.attempt)
        .max()
        .unwrap_or(0)
        .max(u8::try_from(trace.attempts.len().saturating_sub(1)).unwrap_or(u8::MAX));
    (0..=last)
        .map(|a| {
            let spans = (0..trace.spans.len())
                .filter(|i| trace.spans[*i].attempt == a)
                .collect();
            (a, spans)
        })
        .collect()
}

/// The phases in the order the legend and the totals list them (`Trace::totals` order).
pub const PHASES: [Phase; 4] = [Phase::Network, Phase::Queue, Phase::Service, Phase::Backoff];

/// A phase's class on bars and swatches (the stylesheet shades and patterns it).
pub fn phase_class(p: Phase) -> &'static str {
    match p {
        Phase::Network => "network",
        Phase::Queue => "queue",
        Phase::Service => "service",
        Phase::Backoff => "backoff",
    }
}
