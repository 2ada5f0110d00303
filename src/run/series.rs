//! The time series the charts draw, taken from the engine's closed windows (1 s of simulated
//! time each by default). Only reading and unit conversion here: the aggregation is the model's.

use scaleboard_sim::{Sim, Window};

/// One point in time of the system-wide charts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// End of the window [s of simulated time].
    pub t_s: f64,
    /// Latency percentiles of requests that finished in the window [ms]; 0 when none did.
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    /// Outcomes in the window [requests/s].
    pub ok: f64,
    pub timeout: f64,
    pub rejected: f64,
    pub node_down: f64,
    pub session_lost: f64,
}

impl Point {
    /// Failed requests of every cause [requests/s].
    pub fn errors(&self) -> f64 {
        self.timeout + self.rejected + self.node_down + self.session_lost
    }
}

fn point(w: &Window) -> Point {
    let secs = ((w.end_ms - w.start_ms) / 1000.0).max(1e-9);
    let per_s = |n: u64| n as f64 / secs;
    Point {
        t_s: w.end_ms / 1000.0,
        p50: w.latency.p50,
        p95: w.latency.p95,
        p99: w.latency.p99,
        ok: per_s(w.counts.ok),
        timeout: per_s(w.counts.timeout),
        rejected: per_s(w.counts.rejected),
        node_down: per_s(w.counts.node_down),
        session_lost: per_s(w.counts.session_lost),
    }
}

/// The system-wide series, oldest first.
pub fn system(sim: &Sim) -> Vec<Point> {
    sim.series().map(point).collect()
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

/// The series of the node at `index` (scenario order), oldest first.
pub fn node(sim: &Sim, index: usize) -> Vec<NodePoint> {
    sim.series()
        .filter_map(|w| {
            let n = w.nodes.get(index)?;
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

/// The system series as CSV, one row a window, for download.
pub fn to_csv(points: &[Point]) -> String {
    let mut out = String::from(
        "t_s,p50_ms,p95_ms,p99_ms,ok_rps,timeout_rps,rejected_rps,node_down_rps,session_lost_rps\n",
    );
    for p in points {
        out.push_str(&format!(
            "{},{:.3},{:.3},{:.3},{:.1},{:.1},{:.1},{:.1},{:.1}\n",
            p.t_s, p.p50, p.p95, p.p99, p.ok, p.timeout, p.rejected, p.node_down, p.session_lost
        ));
    }
    out
}
