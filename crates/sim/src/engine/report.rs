//! What the outside reads: closed windows for the charts, a cheap snapshot, a digest.

use super::*;
use crate::metrics::{fnv, Latency, NodeWindow, Window};
use crate::scenario::Role;
use serde::{Deserialize, Serialize};

/// A figure per request class: latency [ms] or a ratio.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ByClass<T = Latency> {
    #[serde(rename = "static")]
    pub static_asset: T,
    pub read: T,
    pub write: T,
    pub job: T,
}

impl<T> ByClass<T> {
    /// Built from a figure per class index, in `metrics::CLASSES` order.
    fn from_fn(f: impl Fn(usize) -> T) -> ByClass<T> {
        ByClass {
            static_asset: f(0),
            read: f(1),
            write: f(2),
            job: f(3),
        }
    }

    /// The four figures in `metrics::CLASSES` order.
    pub fn each(&self) -> [&T; 4] {
        [&self.static_asset, &self.read, &self.write, &self.job]
    }
}

/// One node, now and since the metrics started.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeSnapshot {
    pub id: String,
    pub kind: Kind,
    /// Serving (not failed, data center up, not parked by an autoscaler).
    pub up: bool,
    /// Autoscaler clone not in rotation.
    pub parked: bool,
    /// Busy workers now.
    pub busy: u32,
    /// Requests waiting now (for a message queue: its depth).
    pub queue_len: u64,
    /// Busy workers / workers since the metrics start (0..1).
    pub utilization: f64,
    /// Same, over the last closed window.
    pub utilization_window: f64,
    /// Arrival rate over the last closed window [requests/s]; follows changes within a window.
    pub arrival_rps_window: f64,
    /// Requests sent to the node while down, per second over the last closed window.
    pub refused_rps_window: f64,
    /// Requests that reached the node since the metrics start.
    pub arrivals: u64,
    /// Arrival rate since the metrics start [requests/s].
    pub arrival_rps: f64,
    /// Time-averaged requests in the node, waiting or served (Little's L).
    pub mean_in_system: f64,
    /// Mean time from arrival to end of service (Little's W) [ms].
    pub mean_sojourn_ms: f64,
    /// Hits / lookups since the metrics start, for caches and CDNs.
    pub hit_ratio: Option<f64>,
    /// How far a live replica trails its primary now [ms]: its configured lag plus the time
    /// its workers need to clear its queue.
    pub replication_lag_ms: Option<f64>,
    /// Current role of a database.
    pub role: Option<Role>,
    /// What queueing theory needs and is compared with, for a node with a service time
    /// (`None` for nodes that only route); see `theory::predict`.
    #[serde(default)]
    pub queueing: Option<QueueStats>,
    /// Requests its rate limiter turned away (429) since the metrics start.
    #[serde(default)]
    pub throttled: u64,
    /// Requests its load shedding turned away (503) since the metrics start.
    #[serde(default)]
    pub shed: u64,
}

/// A circuit breaker's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakerState {
    /// Calls go through; failures are counted.
    Closed,
    /// Calls fail at once, without being sent.
    Open,
    /// A few trial calls go through to learn whether the callee has recovered.
    HalfOpen,
}

/// One wire of the scenario (same order), now and since the metrics started.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireSnapshot {
    pub from: String,
    pub to: String,
    /// Cut by a fault: nothing sent over it arrives.
    pub cut: bool,
    /// Delay a fault added, each way [ms].
    pub added_ms: f64,
    /// Its breaker's state; `None` without a breaker.
    pub breaker: Option<BreakerState>,
    /// Calls made over it (first tries and retries) since the metrics start; counted on
    /// wires with a call policy or a breaker, 0 on others.
    pub calls: u64,
    /// Of `calls`, the retries.
    pub retries: u64,
    /// Calls that failed: an error came back, the call timed out, or it was lost on a cut.
    pub failed: u64,
    /// Calls an open breaker failed at once, without sending them.
    pub fast_failed: u64,
    /// Retries the budget did not allow (the call failed instead).
    pub budget_denied: u64,
    /// Calls made over the last closed window [calls/s].
    pub calls_rps_window: f64,
}

/// A serving node's queue as queueing theory sees it: its configuration now and what was
/// measured since the metrics start.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueStats {
    /// Workers serving at once (c).
    pub workers: u32,
    /// Mean service time now, slow-downs included [ms].
    pub service_mean_ms: f64,
    /// Squared coefficient of variation of the service time (0 constant, 1 exponential,
    /// cv² log-normal).
    pub service_cv2: f64,
    /// The service time is exponential.
    pub exponential: bool,
    /// Squared coefficient of variation of the gaps between arrivals, measured (1 for Poisson
    /// arrivals); `None` below 100 arrivals.
    pub arrival_ca2: Option<f64>,
    /// Arrivals that found every worker busy (waited in line or were turned away).
    pub waited: u64,
    /// Arrivals turned away because the line was full.
    pub rejected: u64,
    /// Mean time waiting in line per accepted arrival (Little: queue area / arrivals) [ms].
    pub mean_wait_ms: f64,
    /// 99th percentile of the time in the node, waiting plus being served [ms] (2 significant
    /// digits).
    pub p99_ms: f64,
    /// Requests whose time in the node was measured.
    pub served: u64,
    /// It was down (crashed, data center out) at some point of the measurement.
    pub was_down: bool,
    /// Its speed was changed (slowed down or restored) during the measurement.
    pub slowed: bool,
    /// Its database group failed over during the measurement.
    pub failed_over: bool,
    /// Its autoscaled pool grew or shrank during the measurement.
    pub rescaled: bool,
}

impl WireSnapshot {
    /// Whether the page has something to show for it: a state the canvas draws (cut, delayed,
    /// behind a breaker), or calls the wire's panel counts (only wires with a call policy or a
    /// breaker count them, so a used defended wire). A frame sent to the page carries only
    /// these (a design of thousands of plain wires would otherwise send every one of them, ids
    /// included, many times a second).
    pub fn worth_sending(&self) -> bool {
        self.cut || self.added_ms > 0.0 || self.breaker.is_some() || self.calls > 0
    }
}

/// A small, cheap picture of the whole run, taken after `run_until`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Simulated time [ms].
    pub now_ms: f64,
    /// Time covered by the metrics (since the start or the last reset) [ms].
    pub measured_ms: f64,
    /// Attempts by outcome.
    pub counts: Counts,
    /// Successful requests per second over the measured time [requests/s].
    pub throughput_rps: f64,
    /// Failed attempts / all attempts (0..1).
    pub error_ratio: f64,
    /// Good attempts (ok within the users node's `slo_ms`) / all finished attempts (0..1);
    /// 0 when none finished.
    pub good_ratio: f64,
    /// End-to-end latency of successful requests [ms].
    pub latency: Latency,
    /// End-to-end latency of every finished attempt [ms]: successes, plus failures at the
    /// moment the client learned of them (a timeout at its deadline).
    pub latency_all: Latency,
    /// `latency` per class.
    pub by_class: ByClass,
    /// `latency_all` per class.
    pub by_class_all: ByClass,
    /// `good_ratio` per class; `None` (JSON `null`) for a class that sent nothing.
    pub good_ratio_by_class: ByClass<Option<f64>>,
    /// Background jobs finished by workers.
    pub jobs_done: u64,
    /// Jobs waiting in message queues now.
    pub queue_depth: u64,
    /// Events processed since the start.
    pub events: u64,
    pub nodes: Vec<NodeSnapshot>,
    /// Every wire of the scenario, in its order.
    #[serde(default)]
    pub wires: Vec<WireSnapshot>,
}

impl Sim {
    /// [`Sim::snapshot`] as a frame for the page carries it: only the wires
    /// [`WireSnapshot::worth_sending`] keeps, the others never copied.
    pub fn frame_snapshot(&self) -> Snapshot {
        // The same rule as `worth_sending`, read off the runtime wire.
        self.snapshot_with(
            self.wire_snapshots_if(|w| {
                w.cut || w.added > 0.0 || w.breaker.is_some() || w.st.calls > 0
            }),
        )
    }

    /// Everything the UI shows, as of now.
    pub fn snapshot(&self) -> Snapshot {
        self.snapshot_with(self.wire_snapshots())
    }

    fn snapshot_with(&self, wires: Vec<WireSnapshot>) -> Snapshot {
        let measured = self.now - self.metrics_start;
        let secs = measured / 1000.0;
        let per_s = |x: f64| if secs > 0.0 { x / secs } else { 0.0 };
        let c = self.counts;
        let nodes = (0..self.nodes.len() as u32)
            .map(|n| self.node_snapshot(n, measured))
            .collect();
        Snapshot {
            now_ms: self.now,
            measured_ms: measured,
            counts: c,
            throughput_rps: per_s(c.ok as f64),
            error_ratio: c.error_ratio(),
            good_ratio: c.good_ratio(),
            latency: self.hist.summary(),
            latency_all: self.hist.summary_with(&self.fail_hist),
            by_class: ByClass::from_fn(|i| self.class_hist[i].summary()),
            by_class_all: ByClass::from_fn(|i| {
                self.class_hist[i].summary_with(&self.class_fail_hist[i])
            }),
            good_ratio_by_class: ByClass::from_fn(|i| {
                let c = &self.class_counts[i];
                (c.finished() > 0).then(|| c.good_ratio())
            }),
            jobs_done: self.jobs_done,
            queue_depth: self
                .nodes
                .iter()
                .filter(|n| n.kind == Kind::MessageQueue)
                .map(|n| n.queue.len() as u64)
                .sum(),
            events: self.events,
            nodes,
            wires,
        }
    }

    fn node_snapshot(&self, n: u32, measured: f64) -> NodeSnapshot {
        let node = &self.nodes[n as usize];
        // Integrals up to now without mutating: add the open interval.
        let dt = self.now - node.last_t;
        let busy_area = node.st.busy_area + f64::from(node.busy) * dt;
        let queue_area = node.st.queue_area + node.queue.len() as f64 * dt;
        let per = |x: f64| if measured > 0.0 { x / measured } else { 0.0 };
        let lookups = node.st.hits + node.st.misses;
        let window = self.series.windows.back();
        let last = window.and_then(|w| w.nodes.get(n as usize));
        // Per second over the last closed window; 0 before the first one closes.
        let window_s = window.map_or(0.0, |w| (w.end_ms - w.start_ms) / 1000.0);
        let per_window_s = |count: fn(&NodeWindow) -> u64| match last {
            Some(nw) if window_s > 0.0 => count(nw) as f64 / window_s,
            _ => 0.0,
        };
        NodeSnapshot {
            id: node.id.clone(),
            kind: node.kind,
            up: self.alive(n) && !node.parked,
            parked: node.parked,
            busy: node.busy,
            queue_len: node.queue.len() as u64,
            utilization: per(busy_area) / f64::from(node.p.workers.max(1)),
            utilization_window: last.map_or(0.0, |w| w.utilization),
            arrival_rps_window: per_window_s(|w| w.arrivals),
            refused_rps_window: per_window_s(|w| w.refused),
            arrivals: node.st.arrivals,
            arrival_rps: per(node.st.arrivals as f64) * 1000.0,
            mean_in_system: per(busy_area + queue_area),
            mean_sojourn_ms: if node.st.done > 0 {
                node.st.sojourn / node.st.done as f64
            } else {
                0.0
            },
            hit_ratio: (lookups > 0).then(|| node.st.hits as f64 / lookups as f64),
            replication_lag_ms: self.replication_lag(n, node.queue.len() as f64),
            role: self.role(n),
            queueing: self.queue_stats(n, queue_area),
            throttled: node.st.throttled,
            shed: node.st.shed,
        }
    }

    fn queue_stats(&self, n: u32, queue_area: f64) -> Option<QueueStats> {
        use super::meter::{FAILED_OVER, RESCALED, SLOWED, WAS_DOWN};
        let node = &self.nodes[n as usize];
        let service = node.p.service.as_ref()?;
        let m = &node.meter;
        // Turned away at the door or for want of room: not in line.
        let accepted = node
            .st
            .arrivals
            .saturating_sub(m.rejected + node.st.throttled);
        let cv = service.cv.unwrap_or(1.0);
        Some(QueueStats {
            workers: node.p.workers,
            service_mean_ms: service.mean_ms * node.slow,
            service_cv2: match service.dist {
                crate::Dist::Constant => 0.0,
                crate::Dist::Exponential => 1.0,
                crate::Dist::LogNormal => cv * cv,
            },
            exponential: service.dist == crate::Dist::Exponential,
            arrival_ca2: m.arrival_ca2(),
            waited: m.waited,
            rejected: m.rejected,
            mean_wait_ms: if accepted > 0 {
                queue_area / accepted as f64
            } else {
                0.0
            },
            p99_ms: m.hist.quantile(0.99),
            served: m.hist.count(),
            was_down: m.changes & WAS_DOWN != 0,
            slowed: m.changes & SLOWED != 0,
            failed_over: m.changes & FAILED_OVER != 0,
            rescaled: m.changes & RESCALED != 0,
        })
    }

    /// Closed windows, oldest first (at most `metrics::WINDOW_RING`).
    pub fn series(&self) -> impl Iterator<Item = &Window> {
        self.series.windows.iter()
    }

    /// The most recent closed window.
    pub fn last_window(&self) -> Option<&Window> {
        self.series.windows.back()
    }

    /// Forget all measurements so far (e.g. after a warm-up); the system keeps its state.
    pub fn reset_metrics(&mut self) {
        for n in 0..self.nodes.len() as u32 {
            self.touch(n);
            let node = &mut self.nodes[n as usize];
            node.st = Stats::default();
            node.win = Stats::default();
            node.meter.reset();
        }
        for sc in self.scalers.iter_mut() {
            sc.last_busy = 0.0;
        }
        self.counts = Counts::default();
        self.win_counts = Counts::default();
        self.hist.reset();
        self.win_hist.reset();
        self.class_hist.iter_mut().for_each(LatencyHist::reset);
        self.fail_hist.reset();
        self.win_fail_hist.reset();
        self.class_fail_hist.iter_mut().for_each(LatencyHist::reset);
        self.class_counts = Default::default();
        self.jobs_done = 0;
        self.wires_reset();
        self.metrics_start = self.now;
        self.window_start = self.now;
        self.tr_reset();
    }

    pub(super) fn close_window(&mut self) {
        for u in 0..self.users.len() as u32 {
            self.expire(u);
        }
        let span = (self.now - self.window_start).max(f64::MIN_POSITIVE);
        let mut nodes = Vec::with_capacity(self.nodes.len());
        for n in 0..self.nodes.len() as u32 {
            self.touch(n);
            let up = self.alive(n);
            let node = &mut self.nodes[n as usize];
            let (s, w) = (node.st, node.win);
            let lookups = (s.hits + s.misses).saturating_sub(w.hits + w.misses);
            let queue_len = (s.queue_area - w.queue_area) / span;
            nodes.push(NodeWindow {
                arrivals: s.arrivals.saturating_sub(w.arrivals),
                refused: s.refused.saturating_sub(w.refused),
                utilization: (s.busy_area - w.busy_area)
                    / (span * f64::from(node.p.workers.max(1))),
                queue_len,
                hit_ratio: (lookups > 0)
                    .then(|| s.hits.saturating_sub(w.hits) as f64 / lookups as f64),
                replication_lag_ms: None,
                up,
            });
            node.win = s;
            let lag = self.replication_lag(n, queue_len);
            if let Some(last) = nodes.last_mut() {
                last.replication_lag_ms = lag;
            }
        }
        self.series.push(Window {
            start_ms: self.window_start,
            end_ms: self.now,
            counts: self.win_counts,
            latency: self.win_hist.summary(),
            latency_all: self.win_hist.summary_with(&self.win_fail_hist),
            good_ratio: self.win_counts.good_ratio(),
            nodes,
        });
        self.win_counts = Counts::default();
        self.win_hist.reset();
        self.win_fail_hist.reset();
        self.wires_close_window(span);
        self.tr_close_window(self.window_start);
        self.window_start = self.now;
        self.q.push(self.now + self.window_ms, Ev::Window, 0);
    }
}

/// A 64-bit fingerprint of a snapshot's numbers: equal digests mean bit-identical results.
pub fn digest(s: &Snapshot) -> u64 {
    let c = s.counts;
    let l = |x: &Latency| {
        [
            x.count,
            x.mean.to_bits(),
            x.p50.to_bits(),
            x.p99.to_bits(),
            x.p999.to_bits(),
            x.max.to_bits(),
        ]
    };
    let mut words = vec![
        s.now_ms.to_bits(),
        c.ok,
        c.timeout,
        c.rejected,
        c.node_down,
        c.session_lost,
        c.retries,
        c.good,
        s.jobs_done,
        s.events,
    ];
    words.extend(l(&s.latency));
    words.extend(l(&s.latency_all));
    for x in s.by_class.each().into_iter().chain(s.by_class_all.each()) {
        words.extend(l(x));
    }
    for n in &s.nodes {
        words.extend([
            n.arrivals,
            n.utilization.to_bits(),
            n.mean_in_system.to_bits(),
            n.mean_sojourn_ms.to_bits(),
        ]);
    }
    fnv(words)
}
