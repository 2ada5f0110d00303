//! The discrete-event engine: single-threaded, deterministic, events ordered by
//! (time, sequence number), one seeded RNG.
//!
//! - `build.rs`    scenario -> runtime tables (`compile`)
//! - `flow.rs`     a request's life: arrive, queue, serve, call downstream, respond
//! - `route.rs`    per-kind routing decisions (DNS, load balancer, shards, replicas)
//! - `control.rs`  faults and traffic changes, scheduled or live
//! - `limits.rs`   defences at a node's door: token-bucket rate limiter, load shedding
//! - `daily.rs`    a users node's daily cycle of traffic
//! - `report.rs`   windows, snapshots, digest
//! - `meter.rs`    what queueing theory is compared with, per serving node
//! - `tracing.rs`  request traces: the recorder, exemplars, the slowest of the run
//! - `wires.rs`    the wire table: cuts, added delay, counters, wire faults
//! - `calls.rs`    calls with a policy: timeout, retries with backoff, retry budget
//! - `breaker.rs`  circuit breakers on wires

mod breaker;
mod build;
mod calls;
mod control;
mod daily;
mod flow;
mod limits;
mod meter;
mod report;
mod route;
mod tracing;
mod wires;

pub use build::compile;
pub use report::{digest, BreakerState, ByClass, NodeSnapshot, QueueStats, Snapshot, WireSnapshot};

use crate::events::{Ev, Queue};
use crate::kind::Kind;
use crate::metrics::{Counts, LatencyHist, Series};
use crate::params::Params;
use crate::rng::{Rng, Zipf};
use crate::scenario::{Fault, Network};
use std::collections::VecDeque;

/// Request flags.
const ORPHAN: u16 = 1; // the client gave up; finish silently
const MISS: u16 = 2; // cache miss: read the database, then fill the cache
const NOFILL: u16 = 4; // cache was down: do not fill
const JOB: u16 = 8; // acknowledged background job, now owned by the queue
const CALLING: u16 = 16; // inside a web server's downstream call: an error pays `call_ret` back
const LOST: u16 = 32; // sent over a cut wire: never arrives; freed when its deadline counts it
const CHILD: u16 = 64; // a call with a policy (`calls.rs`): `link` is the waiting request
const GAVE_UP: u16 = 128; // child: its call's timer fired (the caller no longer waits)
const ENDED: u16 = 256; // child: its work is over (answered, failed or lost)
const FAILED: u16 = 512; // child: an error travels back; `stage` holds the outcome

/// Class indices, in `Mix` order (2 is write).
const STATIC: u8 = 0;
const READ: u8 = 1;
const JOB_CLASS: u8 = 3;

/// One request attempt in flight.
#[derive(Clone, Copy, Debug, Default)]
struct Req {
    /// Start of this attempt [ms].
    t0: f64,
    /// Start of the first attempt [ms]: what the user perceives.
    first_t0: f64,
    /// Arrival at the node currently holding it [ms].
    t_node: f64,
    /// Network latency still to pay on the way back to the client [ms].
    ret: f64,
    /// Network latency of the current downstream call's way back [ms].
    call_ret: f64,
    user: u32,
    key: u32,
    /// Users node it came from.
    src: u32,
    /// Web server running its business logic.
    web: u32,
    /// Bumped when the slot is reused, so stale references are detected.
    gen: u32,
    /// Epoch of the node serving it, to detect a crash mid-service.
    epoch: u32,
    /// Node it is travelling to or being served by (for `Arrive` / `Done` events).
    at: u32,
    /// Its trace buffer (`tracing.rs`); 0: not traced.
    trace: u32,
    /// A call with a policy (`calls.rs`): on the child, the request waiting for it; on that
    /// request, its child + 1 (`calls::NO_CALL` = 0: none; `calls::BACKOFF`: waiting to retry).
    link: u32,
    class: u8,
    attempt: u8,
    stage: u8,
    /// A call with a policy: on the waiting request, the try now (0 = first).
    call_try: u8,
    flags: u16,
    /// The wire of its current downstream call (`Sim::wires` index).
    wire: u16,
}

/// Where a web server sends database work.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DbLink {
    None,
    /// Database group, wire (`Sim::wires` index).
    Group(u32, u32),
    /// Shard router node, wire.
    Router(u32, u32),
}

/// Running statistics of a node since the metrics start.
#[derive(Clone, Copy, Debug, Default)]
struct Stats {
    arrivals: u64,
    /// Requests sent to the node while it was down (failed there: "node down").
    refused: u64,
    done: u64,
    /// Integral of busy workers over time [worker-ms].
    busy_area: f64,
    /// Integral of waiting requests over time [request-ms].
    queue_area: f64,
    /// Sum of time from arrival to service end [ms].
    sojourn: f64,
    hits: u64,
    misses: u64,
    /// Turned away by its rate limiter (429) and by load shedding (503).
    throttled: u64,
    shed: u64,
}

/// A node at run time.
#[derive(Clone, Debug)]
struct NodeRt {
    id: String,
    kind: Kind,
    p: Params,
    dc: Option<u16>,
    /// Region of its data center ("" if none).
    region: String,
    /// Wired targets and their one-way latency [ms] (a fault's added delay included);
    /// `explicit` when the wire set it; `wire`: the wire's index in `Sim::wires`.
    out: Vec<u32>,
    lat: Vec<f64>,
    explicit: Vec<bool>,
    wire: Vec<u32>,
    failed: bool,
    /// Service-time multiplier.
    slow: f64,
    epoch: u32,
    busy: u32,
    queue: VecDeque<u32>,
    /// Last time `busy`/`queue` integrals were brought up to date [ms].
    last_t: f64,
    st: Stats,
    /// Stats at the start of the current window.
    win: Stats,
    /// Measurements for the queueing-theory comparison (serving nodes only).
    meter: meter::Meter,
    /// Round-robin cursor.
    rr: u32,
    /// Load balancer: some target is a stateful web server, so users stick to one (wires and
    /// parameters are fixed once compiled).
    sticky: bool,
    /// Load balancer's view of its targets after the last health check.
    known_down: Vec<bool>,
    /// Web server's backing services: (node, wire).
    session: Option<(u32, u32)>,
    cache: Option<(u32, u32)>,
    db: DbLink,
    mq: Option<(u32, u32)>,
    /// Entry hops (users, DNS): indices into `out` for static assets (CDNs first choice)
    /// and for everything else.
    entry_static: Vec<usize>,
    entry_dynamic: Vec<usize>,
    /// Cache slots (direct-mapped): key + 1 (0 = empty) and expiry [ms].
    slots: Vec<(u32, f64)>,
    /// Database group.
    group: u32,
    /// Shard router: groups in shard order, and the consistent-hash ring (hash, shard).
    shards: Vec<u32>,
    ring: Vec<(u64, u32)>,
    /// Worker: the message queue it drains, and the wire from it.
    mq_src: Option<u32>,
    mq_wire: u32,
    /// Autoscaler clone that is not (yet) in its load balancer's rotation.
    parked: bool,
    /// Autoscaler clone that is booting.
    booting: bool,
    /// Its service times and its routing choices, each a stream of its own (`rng::Streams`).
    service_rng: Rng,
    route_rng: Rng,
    /// Its rate limiter (`rate_limit`), if any.
    bucket: Option<limits::Bucket>,
}

/// A database primary and its replicas.
#[derive(Clone, Debug)]
struct Group {
    members: Vec<u32>,
    primary: u32,
    rr: u32,
}

/// A users node at run time.
#[derive(Clone, Debug)]
struct UsersRt {
    node: u32,
    /// Rate before spikes [requests/s].
    rate: f64,
    /// Linear ramp: from time, to time [ms], from rate, to rate [requests/s].
    ramp: Option<(f64, f64, f64, f64)>,
    /// Spike multiplier while active.
    spike: f64,
    zipf: Zipf,
    /// Cumulative mix weights, normalised.
    mix_cdf: [f64; 4],
    /// First global user id of this population.
    user_base: u32,
    /// Outstanding attempts in deadline order: (deadline [ms], request, gen).
    pending: VecDeque<(f64, u32, u32)>,
    /// Generation of the live arrival stream; older `Source` events are ignored.
    src_gen: u32,
    /// The last rate [requests/s] and its mean gap between arrivals, 1000 / rate [ms]: the
    /// rate rarely changes, and a division per arrival showed in the profile.
    gap: (f64, f64),
    /// Its requests' draws (gaps, class, user), and their keys: keyed by its id and the seed
    /// alone, so it emits the same requests whatever the design around it.
    rng: Rng,
    key_rng: Rng,
    /// Its daily cycle (`diurnal`), if any.
    cycle: Option<daily::Cycle>,
}

/// An autoscaler at run time.
#[derive(Clone, Debug)]
struct ScalerRt {
    node: u32,
    lb: u32,
    /// Time of the last scaling action [ms].
    last_action: f64,
    booting: u32,
    /// Busy area of the pool at the last evaluation [worker-ms].
    last_busy: f64,
    last_t: f64,
}

/// A data center at run time.
#[derive(Clone, Debug)]
struct DcRt {
    id: String,
    region: String,
    down: bool,
}

/// A compiled, running simulation. Build it with [`compile`].
#[derive(Clone, Debug)]
pub struct Sim {
    now: f64,
    q: Queue,
    nodes: Vec<NodeRt>,
    reqs: Vec<Req>,
    free: Vec<u32>,
    groups: Vec<Group>,
    users: Vec<UsersRt>,
    scalers: Vec<ScalerRt>,
    dcs: Vec<DcRt>,
    /// Data-center down masks over time: (from [ms], bit per data center).
    dc_history: Vec<(f64, u64)>,
    /// One bit per user: their sticky session died with a stateful server.
    lost: Vec<u64>,
    faults: Vec<Fault>,
    net: Network,
    window_ms: f64,
    window_start: f64,
    metrics_start: f64,
    counts: Counts,
    win_counts: Counts,
    /// Successful attempts' latency: overall, per class, in the open window.
    hist: LatencyHist,
    class_hist: [LatencyHist; 4],
    win_hist: LatencyHist,
    /// Failed attempts' latency (until the client learned of the failure), kept apart so
    /// the hot path records each attempt once; "all" figures are the two merged.
    fail_hist: LatencyHist,
    class_fail_hist: [LatencyHist; 4],
    win_fail_hist: LatencyHist,
    /// Attempts by outcome per class, good ones included.
    class_counts: [Counts; 4],
    series: Series,
    events: u64,
    jobs_done: u64,
    /// Users' unique ids across all users nodes.
    population: u32,
    /// Whether any node looks at request keys (emergent caches, shard routers).
    needs_keys: bool,
    /// The requests emitted, while asked to keep them (`log_arrivals`), up to its capacity.
    arrival_log: Option<(usize, Vec<Emitted>)>,
    /// Request traces (off unless asked for).
    tracer: tracing::Tracer,
    /// One per scenario wire, in its order (`wires.rs`).
    wires: Vec<wires::WireRt>,
}

/// A request as a users node emitted it: everything about it that was drawn at random.
#[derive(Clone, Debug, PartialEq)]
pub struct Emitted {
    /// The users node's index among the nodes (`Sim::node_id` names it).
    pub users: u32,
    /// When [ms of simulated time].
    pub t_ms: f64,
    /// Which of the node's users (0 .. population).
    pub user: u32,
    /// The key it reads or writes (its popularity rank).
    pub key: u32,
    /// Static, read, write or job (0..4, as in [`crate::CLASSES`]).
    pub class: u8,
}

/// What a running simulation holds, counted in items: everything that could grow with run
/// length. Soak tests and benchmarks check that it stays flat.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Footprint {
    /// Events waiting in the event queue.
    pub pending_events: usize,
    /// Request slots allocated (in flight or free for reuse): the high-water mark of
    /// requests in flight.
    pub request_slots: usize,
    /// Client deadlines remembered by users nodes.
    pub pending_deadlines: usize,
    /// Requests waiting in node queues (including message queue depth).
    pub queued: usize,
    /// Closed windows kept for the charts (at most `WINDOW_RING`).
    pub windows: usize,
    /// Data-center state changes remembered for DNS caches.
    pub dc_changes: usize,
    /// Request trace buffers (0 with tracing off): traced requests in flight, kept traces
    /// (a window ring's exemplars, the run's slowest) and the pool they are reused from.
    pub trace_buffers: usize,
}

impl Sim {
    /// What the simulation holds now; see [`Footprint`].
    pub fn footprint(&self) -> Footprint {
        Footprint {
            pending_events: self.q.len(),
            request_slots: self.reqs.len(),
            pending_deadlines: self.users.iter().map(|u| u.pending.len()).sum(),
            queued: self.nodes.iter().map(|n| n.queue.len()).sum(),
            windows: self.series.windows.len(),
            dc_changes: self.dc_history.len(),
            trace_buffers: self.trace_buffers(),
        }
    }

    /// Keep the first `limit` requests emitted from now on (`arrivals`), keys included.
    pub fn log_arrivals(&mut self, limit: usize) {
        self.arrival_log = Some((limit, Vec::new()));
    }

    /// The requests kept since `log_arrivals`, in the order they were emitted.
    pub fn arrivals(&self) -> &[Emitted] {
        self.arrival_log.as_ref().map_or(&[], |(_, log)| log)
    }

    /// The id of node `index` (an autoscaler's copies included).
    pub fn node_id(&self, index: u32) -> Option<&str> {
        self.nodes.get(index as usize).map(|n| n.id.as_str())
    }

    /// Simulated time [ms].
    pub fn now(&self) -> f64 {
        self.now
    }

    /// Time of the next pending event [ms].
    pub fn peek(&self) -> Option<f64> {
        self.q.peek()
    }

    /// Events processed so far.
    pub fn events_processed(&self) -> u64 {
        self.events
    }

    /// Run every event up to and including `t_ms`, then set the clock to `t_ms`.
    pub fn run_until(&mut self, t_ms: f64) {
        self.run_until_budget(t_ms, u64::MAX);
    }

    /// Like [`Sim::run_until`] but stop after `max_events`; returns true if `t_ms` was
    /// reached. The UI uses this to keep a frame's work bounded.
    pub fn run_until_budget(&mut self, t_ms: f64, max_events: u64) -> bool {
        let mut left = max_events;
        while left > 0 {
            let Some((t, kind, id)) = self.q.pop_until(t_ms) else {
                if t_ms > self.now {
                    self.now = t_ms;
                }
                return true;
            };
            left -= 1;
            self.now = t;
            self.events += 1;
            self.dispatch(kind, id);
        }
        false
    }

    /// Process exactly one event; false if none is pending.
    pub fn step(&mut self) -> bool {
        match self.q.pop_until(f64::INFINITY) {
            Some((t, kind, id)) => {
                self.now = t;
                self.events += 1;
                self.dispatch(kind, id);
                true
            }
            None => false,
        }
    }

    fn dispatch(&mut self, kind: Ev, id: u32) {
        match kind {
            Ev::Source => self.source(id & 0xFFF, id >> 12),
            Ev::Arrive => self.arrive(self.reqs[id as usize].at, id),
            Ev::Done => self.done(self.reqs[id as usize].at, id),
            Ev::Return => self.web_step(id),
            Ev::Retry => self.retry(id),
            Ev::HealthCheck => self.health_check(id),
            Ev::Failover => self.failover(id),
            Ev::Fault => self.scheduled_fault(id as usize),
            Ev::SpikeEnd => self.spike_end(id as usize),
            Ev::Window => self.close_window(),
            Ev::Autoscale => self.autoscale(id),
            Ev::Booted => self.booted(id),
            Ev::Call => self.call_timer(id),
        }
    }

    /// Whether node `n` can serve: not failed and its data center is up.
    #[inline]
    fn alive(&self, n: u32) -> bool {
        let node = &self.nodes[n as usize];
        !node.failed && node.dc.is_none_or(|d| !self.dcs[d as usize].down)
    }

    /// Index of the node with this id.
    fn index(&self, id: &str) -> Option<u32> {
        self.nodes.iter().position(|n| n.id == id).map(|i| i as u32)
    }

    /// Bring node `n`'s time integrals up to `now`.
    #[inline]
    fn touch(&mut self, n: u32) {
        let now = self.now;
        let node = &mut self.nodes[n as usize];
        let dt = now - node.last_t;
        node.st.busy_area += f64::from(node.busy) * dt;
        node.st.queue_area += node.queue.len() as f64 * dt;
        node.last_t = now;
    }

    fn alloc(&mut self, r: Req) -> u32 {
        match self.free.pop() {
            Some(i) => {
                let gen = self.reqs[i as usize].gen.wrapping_add(1);
                self.reqs[i as usize] = Req { gen, ..r };
                i
            }
            None => {
                self.reqs.push(r);
                (self.reqs.len() - 1) as u32
            }
        }
    }

    fn release(&mut self, r: u32) {
        let req = &mut self.reqs[r as usize];
        req.gen = req.gen.wrapping_add(1);
        self.free.push(r);
    }
}
