//! The scenario document: one versioned serde type tree, exactly what a `.json` file holds.
//!
//! Every kind-specific parameter is an optional field of [`Node`]; an absent field takes the
//! kind's default (see `params.rs`), so old files keep loading when fields are added.

use crate::kind::Kind;
use serde::{Deserialize, Serialize};

/// The document version this crate writes and reads.
pub const CURRENT_VERSION: u32 = 1;

/// A whole system: components, wires, data centers, scripted faults.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version, currently 1.
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Seed of the simulation's random number generator.
    #[serde(default)]
    pub seed: u64,
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub wires: Vec<Wire>,
    #[serde(default)]
    pub data_centers: Vec<DataCenter>,
    /// Faults and traffic changes at exact simulated times.
    #[serde(default)]
    pub faults: Vec<Fault>,
    /// Default wire latencies.
    #[serde(default)]
    pub network: Network,
    /// Width of a time-series window [ms].
    #[serde(default = "default_window_ms")]
    pub window_ms: f64,
}

fn default_window_ms() -> f64 {
    1000.0
}

/// Default latencies for wires without `latency_ms`, one way.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Network {
    /// Within one data center, or when either end has none [ms].
    pub intra_dc_ms: f64,
    /// Between two data centers of the same region [ms].
    pub cross_dc_ms: f64,
    /// Between regions (also users -> entry point in another region) [ms].
    pub cross_region_ms: f64,
}

impl Default for Network {
    fn default() -> Self {
        Network {
            intra_dc_ms: 0.5,
            cross_dc_ms: 2.0,
            cross_region_ms: 40.0,
        }
    }
}

/// One component on the canvas.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Unique, stable identifier (`web-2`).
    pub id: String,
    pub kind: Kind,
    #[serde(default)]
    pub name: String,
    /// Canvas position of the node's centre [px].
    pub x: f64,
    /// Canvas position of the node's centre [px].
    pub y: f64,
    /// Data center the node lives in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dc: Option<String>,

    // --- service model (kinds that serve requests) ---
    /// Requests served concurrently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workers: Option<u32>,
    /// Service-time distribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<Service>,
    /// Requests that may wait; one more is rejected with 503.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_capacity: Option<u32>,

    // --- users ---
    /// Mean arrival rate [requests/s].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_rps: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival: Option<Arrival>,
    /// Request mix, as relative weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mix: Option<Mix>,
    /// Distinct users (sessions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
    /// Distinct data keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<u32>,
    /// Zipf exponent of key popularity (0 = uniform).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zipf_s: Option<f64>,
    /// Region the users are in (matched against data centers' regions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Client timeout [ms].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<f64>,
    /// Retries after a failure or timeout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
    /// First retry delay, doubled on each further retry [ms].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_ms: Option<f64>,
    /// Latency objective: a successful request answered within it counts as good [ms].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo_ms: Option<f64>,

    // --- dns, cache ---
    /// DNS: how long clients cache an answer; cache: entry lifetime [s].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_s: Option<f64>,

    // --- cdn, cache ---
    /// Fixed hit probability; for a cache, absent means "emerges from capacity and TTL".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hit_ratio: Option<f64>,
    /// Cache capacity [keys].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// What reads do while the cache is down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_down: Option<OnDown>,

    // --- load balancer ---
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
    /// Health-check period [ms].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_ms: Option<f64>,

    // --- web server ---
    /// Keeps sessions in memory (sticky sessions) instead of a session store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stateful: Option<bool>,

    // --- database ---
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Time to promote a replica after the primary dies [ms].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failover_ms: Option<f64>,
    /// How far a replica trails its primary [ms].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication_lag_ms: Option<f64>,

    // --- shard router ---
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sharding: Option<Sharding>,

    // --- autoscaler ---
    /// Utilisation the autoscaler steers towards (0..1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_utilization: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_servers: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_servers: Option<u32>,
    /// Minimum time between two scaling actions [s].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown_s: Option<f64>,
    /// Time from launching a server to it taking traffic [s].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_s: Option<f64>,

    // --- machine size (scaling up) ---
    /// Machine size: multiplies `workers`, shortens service times, raises the monthly cost
    /// (see `cost.rs`). Absent means `small`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,

    // --- defences (issue 16) ---
    /// Token-bucket rate limiter on a load balancer or web server: requests beyond it are
    /// turned away at once with 429 (outcome `throttled`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<RateLimit>,
    /// Load shedding on a serving node: an arrival whose expected wait in line (requests ahead
    /// / workers × mean service time) would exceed this is turned away with 503, so the
    /// accepted ones stay fast [ms].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shed_wait_ms: Option<f64>,

    // --- users: traffic shape ---
    /// A daily cycle: the rate swings between `rate_rps` (the peak) and `rate_rps` /
    /// `peak_to_trough`, starting at the trough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diurnal: Option<Diurnal>,
}

/// Token bucket: `burst` tokens, refilled at `rate_rps`; each request takes one.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    /// Sustained rate let through [requests/s].
    pub rate_rps: f64,
    /// Bucket size: requests let through at once after a quiet spell [requests].
    pub burst: u32,
}

/// A daily traffic cycle, compressible for demos.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Diurnal {
    /// Peak rate / trough rate (at least 1).
    pub peak_to_trough: f64,
    /// Length of one cycle [s of simulated time]; 86,400 is a real day.
    pub period_s: f64,
}

/// How a caller (a web server) makes the calls on one wire.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CallPolicy {
    /// The caller gives up on a call after this long; the callee keeps working on it [ms].
    pub timeout_ms: f64,
    /// Retries after a failed or timed-out call.
    #[serde(default)]
    pub retries: u32,
    /// Retry k (from 0) waits up to `backoff_ms` × 2^k [ms].
    #[serde(default = "default_call_backoff_ms")]
    pub backoff_ms: f64,
    #[serde(default)]
    pub jitter: Jitter,
    /// Retry budget: retries may be at most this fraction of the wire's calls over the last
    /// 10 s (0..1); absent: no budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
}

fn default_call_backoff_ms() -> f64 {
    10.0
}

/// How a retry's delay is drawn from its backoff.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Jitter {
    /// Uniform between 0 and the backoff (AWS's "full jitter"): retries of many callers spread out.
    #[default]
    Full,
    /// Exactly the backoff: callers that failed together retry together.
    None,
}

/// A circuit breaker on a wire: after too many failed calls it fails calls at once (open),
/// then lets trial calls through (half-open) to learn whether the callee has recovered.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Breaker {
    /// Open after this many failed calls within `window_s`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failures: Option<u32>,
    /// Or open when failed / made calls within `window_s` reaches this (0..1), once at least
    /// `min_calls` were made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_ratio: Option<f64>,
    #[serde(default = "default_min_calls")]
    pub min_calls: u32,
    /// Length of the window failures are counted in [s].
    #[serde(default = "default_breaker_window_s")]
    pub window_s: f64,
    /// Time open before trying again (half-open) [s].
    #[serde(default = "default_open_s")]
    pub open_s: f64,
    /// Trial calls let through while half-open: all succeed, it closes; one fails, it opens.
    #[serde(default = "default_probes")]
    pub probes: u32,
}

fn default_min_calls() -> u32 {
    20
}
fn default_breaker_window_s() -> f64 {
    10.0
}
fn default_open_s() -> f64 {
    5.0
}
fn default_probes() -> u32 {
    1
}

/// Service-time distribution.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub dist: Dist,
    /// Mean service time [ms].
    pub mean_ms: f64,
    /// Coefficient of variation for `log_normal` (std dev / mean); default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cv: Option<f64>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Dist {
    Constant,
    Exponential,
    LogNormal,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Arrival {
    Poisson,
    /// Evenly spaced arrivals.
    Constant,
}

/// Request mix as relative weights.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Mix {
    /// Static assets (images, scripts): served by a CDN if there is one.
    #[serde(rename = "static")]
    pub static_asset: f64,
    /// Dynamic reads: cache, then database.
    pub read: f64,
    /// Dynamic writes: database primary.
    pub write: f64,
    /// Background jobs: enqueued on a message queue.
    pub job: f64,
}

impl Default for Mix {
    fn default() -> Self {
        Mix {
            static_asset: 0.0,
            read: 0.8,
            write: 0.2,
            job: 0.0,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OnDown {
    /// Reads go straight to the database (the seed's choice).
    Fallback,
    /// Reads fail.
    Fail,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    RoundRobin,
    LeastConnections,
    Random,
    PowerOfTwo,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Primary,
    Replica,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Sharding {
    /// `key % N`.
    Modulo,
    ConsistentHash,
}

/// Machine size of a node that serves requests: scaling up means a bigger size.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Size {
    Small,
    Medium,
    Large,
    Xlarge,
}

/// A directed wire: `from` sends requests to `to`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Wire {
    pub from: String,
    pub to: String,
    /// One-way network latency [ms]; absent means the `network` default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<f64>,
    /// Timeout, retries and retry budget of calls made over it (wires leaving web servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<CallPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breaker: Option<Breaker>,
}

/// A data center: a group of nodes that fail together, drawn as a rectangle.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DataCenter {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub region: String,
    /// Top-left corner [px].
    pub x: f64,
    /// Top-left corner [px].
    pub y: f64,
    /// Width [px].
    pub w: f64,
    /// Height [px].
    pub h: f64,
}

/// A fault or traffic change at an exact simulated time.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// When [s of simulated time].
    pub at_s: f64,
    pub action: Action,
    /// Target node (fail, recover, slow, set_rate, ramp, spike).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// Target data center (dc_outage, dc_restore).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dc: Option<String>,
    /// Service-time multiplier (slow; 1 restores) or rate multiplier (spike).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    /// New arrival rate (set_rate, ramp target) [requests/s].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_rps: Option<f64>,
    /// Length of a ramp or spike [s].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<f64>,
    /// Wire's calling end (cut, restore, latency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Wire's receiving end (cut, restore, latency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Delay added to the wire, each way (latency; 0 removes it) [ms].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<f64>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Fail,
    Recover,
    Slow,
    DcOutage,
    DcRestore,
    SetRate,
    Ramp,
    Spike,
    /// The wire stops delivering (a network partition): what is sent is lost, and the caller
    /// learns only at its timeout.
    Cut,
    /// The wire works again: no cut, no added delay.
    Restore,
    /// Add `delay_ms` to the wire, each way.
    Latency,
}

impl Node {
    /// This node without its canvas position and display name: what the engine and the cost
    /// estimate read of it.
    pub fn unplaced(&self) -> Node {
        Node {
            x: 0.0,
            y: 0.0,
            name: String::new(),
            ..self.clone()
        }
    }
}

impl Scenario {
    /// Whether both have the same data centers as the engine sees them: ids and regions, not
    /// where or how they are drawn.
    pub fn same_regions(&self, other: &Scenario) -> bool {
        self.data_centers
            .iter()
            .map(|d| (&d.id, &d.region))
            .eq(other.data_centers.iter().map(|d| (&d.id, &d.region)))
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// Pretty JSON, as a file would hold it.
    pub fn to_json(&self) -> String {
        // Serialising plain data to a String cannot fail (no maps with non-string keys).
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
