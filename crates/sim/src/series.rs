//! The time series the charts draw, taken from the engine's closed windows (1 s of simulated
//! time each by default): the app's canvas charts and `scaleboard render` read the same points.
//! Only reading and unit conversion here: the aggregation is in `metrics.rs`.

use crate::metrics::Window;

/// Latency percentiles of the requests that finished in a window [ms]; 0 when none did.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pcts {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
}

impl Pcts {
    fn of(l: &crate::metrics::Latency) -> Pcts {
        Pcts {
            p50: l.p50,
            p95: l.p95,
            p99: l.p99,
        }
    }
}

/// Share of finished requests that failed above which a window is shaded on the latency chart
/// and a successful-only figure says so: past it, "successful only" hides what users saw.
pub const FAILED_SHARE_FLAG: f64 = 0.01;

/// One point in time of the system-wide charts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Start and end of the window [s of simulated time].
    pub t0_s: f64,
    pub t_s: f64,
    /// Every request that finished in the window, failed ones at the moment they failed.
    pub all: Pcts,
    /// The successful ones only.
    pub ok_only: Pcts,
    /// Outcomes in the window [requests/s].
    pub ok: f64,
    /// Successful and within the users' latency objective [requests/s].
    pub good: f64,
    pub timeout: f64,
    pub rejected: f64,
    pub node_down: f64,
    pub session_lost: f64,
    /// Turned away by rate limiters (429).
    pub throttled: f64,
}

impl Point {
    /// Failed requests of every cause [requests/s].
    pub fn errors(&self) -> f64 {
        self.timeout + self.rejected + self.node_down + self.session_lost + self.throttled
    }

    /// Failed / finished requests (0..1); 0 when none finished.
    pub fn failed_share(&self) -> f64 {
        let total = self.ok + self.errors();
        if total > 0.0 {
            self.errors() / total
        } else {
            0.0
        }
    }

    /// Good / finished requests [%], if any finished.
    pub fn good_pct(&self) -> Option<f64> {
        let total = self.ok + self.errors();
        (total > 0.0).then(|| self.good / total * 100.0)
    }

    /// Whether more than `FAILED_SHARE_FLAG` of the window's requests failed.
    pub fn flagged(&self) -> bool {
        self.failed_share() > FAILED_SHARE_FLAG
    }

    /// The percentiles the latency chart shows: of all requests, or successful only.
    pub fn pcts(&self, ok_only: bool) -> Pcts {
        if ok_only {
            self.ok_only
        } else {
            self.all
        }
    }
}

pub fn point(w: &Window) -> Point {
    let secs = ((w.end_ms - w.start_ms) / 1000.0).max(1e-9);
    let per_s = |n: u64| n as f64 / secs;
    Point {
        t0_s: w.start_ms / 1000.0,
        t_s: w.end_ms / 1000.0,
        all: Pcts::of(&w.latency_all),
        ok_only: Pcts::of(&w.latency),
        ok: per_s(w.counts.ok),
        good: per_s(w.counts.good),
        timeout: per_s(w.counts.timeout),
        rejected: per_s(w.counts.rejected),
        node_down: per_s(w.counts.node_down),
        session_lost: per_s(w.counts.session_lost),
        throttled: per_s(w.counts.throttled),
    }
}

/// The system-wide series of `windows`, oldest first.
pub fn system<'a>(windows: impl Iterator<Item = &'a Window>) -> Vec<Point> {
    windows.map(point).collect()
}

/// The stretches of consecutive windows where `value` is measured (above 0), as (t, value)
/// lines: a gap in the data is a gap in the chart.
pub fn runs(pts: &[Point], value: impl Fn(&Point) -> f64) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut open = false;
    for p in pts {
        let v = value(p);
        if v > 0.0 && v.is_finite() {
            if !open {
                out.push(Vec::new());
                open = true;
            }
            if let Some(run) = out.last_mut() {
                run.push((p.t_s, v));
            }
        } else {
            open = false;
        }
    }
    out
}

/// One point of a node's series.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NodePoint {
    /// End of the window [s].
    pub t_s: f64,
    /// Busy workers / workers, time-averaged [%].
    pub utilization_pct: f64,
    /// Requests waiting, time-averaged.
    pub queue_len: f64,
    /// Cache or CDN hit ratio [%], when it saw lookups.
    pub hit_pct: Option<f64>,
    /// Requests that reached the node [requests/s].
    pub arrivals: f64,
    /// How far a replica trails its primary [ms], for live replicas.
    pub lag_ms: Option<f64>,
}

/// The series of the node watched in `windows` (each carries only that node), oldest first.
pub fn watched<'a>(windows: impl Iterator<Item = &'a Window>) -> Vec<NodePoint> {
    windows
        .filter_map(|w| {
            let n = w.nodes.first()?;
            let secs = ((w.end_ms - w.start_ms) / 1000.0).max(1e-9);
            Some(NodePoint {
                t_s: w.end_ms / 1000.0,
                utilization_pct: n.utilization * 100.0,
                queue_len: n.queue_len,
                hit_pct: n.hit_ratio.map(|h| h * 100.0),
                arrivals: n.arrivals as f64 / secs,
                lag_ms: n.replication_lag_ms,
            })
        })
        .collect()
}

/// The system series as CSV, one row a window, for download: percentiles of all requests,
/// then of the successful ones (`ok_*`), then outcomes.
pub fn to_csv(points: &[Point]) -> String {
    let mut out = String::from(
        "t_s,p50_ms,p95_ms,p99_ms,ok_p50_ms,ok_p95_ms,ok_p99_ms,ok_rps,good_rps,timeout_rps,rejected_rps,node_down_rps,session_lost_rps,throttled_rps\n",
    );
    for p in points {
        let (a, o) = (p.all, p.ok_only);
        out.push_str(&format!(
            "{},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.1},{:.1},{:.1},{:.1},{:.1},{:.1},{:.1}\n",
            p.t_s,
            a.p50,
            a.p95,
            a.p99,
            o.p50,
            o.p95,
            o.p99,
            p.ok,
            p.good,
            p.timeout,
            p.rejected,
            p.node_down,
            p.session_lost,
            p.throttled
        ));
    }
    out
}

/// A value axis's label: no decimals once they would only be noise (12k, 150, 2.5).
pub fn axis_label(v: f64) -> String {
    let a = v.abs();
    if a >= 10_000.0 {
        format!("{:.0}k", v / 1000.0)
    } else if a >= 10.0 || a == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The series' colours [sRGB], readable on both themes: the app's charts and the figures of
/// `scaleboard render` draw every line and layer in these, so a figure reads like the page.
pub mod colour {
    pub type Rgb = (u8, u8, u8);
    /// Latency percentiles.
    pub const P50: Rgb = (46, 160, 67);
    pub const P95: Rgb = (210, 153, 34);
    pub const P99: Rgb = (207, 34, 46);
    /// Throughput layers by outcome.
    pub const OK: Rgb = (46, 160, 67);
    pub const TIMEOUT: Rgb = (210, 153, 34);
    pub const REJECTED: Rgb = (207, 34, 46);
    pub const NODE_DOWN: Rgb = (130, 80, 223);
    pub const SESSION_LOST: Rgb = (219, 97, 162);
    /// Steel blue: a 429 is a limit the system chose, drawn apart from the reds of its
    /// failures and, in hue and lightness, from the green of ok.
    pub const THROTTLED: Rgb = (94, 129, 172);
}

#[cfg(test)]
mod axis_tests {
    use super::axis_label;

    #[test]
    fn axis_labels_drop_noise_digits() {
        assert_eq!(axis_label(0.0), "0");
        assert_eq!(axis_label(2.5), "2.5");
        assert_eq!(axis_label(150.0), "150");
        assert_eq!(axis_label(12_000.0), "12k");
        assert_eq!(axis_label(-12_000.0), "-12k");
    }
}
