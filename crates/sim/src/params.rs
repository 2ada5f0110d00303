//! Per-kind defaults and which optional node fields apply to which kind.

use crate::kind::Kind;
use crate::scenario::{
    Arrival, Dist, Diurnal, Mix, Node, OnDown, Policy, RateLimit, Role, Service, Sharding,
};

/// Default concurrent workers of a kind.
pub fn default_workers(kind: Kind) -> u32 {
    match kind {
        Kind::WebServer => 8,
        Kind::SessionStore => 16,
        Kind::Cache => 64,
        Kind::Database => 16,
        Kind::Worker => 4,
        // Edges and routers are wide: they rarely queue.
        Kind::Cdn | Kind::LoadBalancer | Kind::ShardRouter => 10_000,
        _ => 1,
    }
}

/// Default service time of a kind; `None` means the kind forwards instantly.
pub fn default_service(kind: Kind) -> Option<Service> {
    let s = |dist, mean_ms| {
        Some(Service {
            dist,
            mean_ms,
            cv: None,
        })
    };
    match kind {
        Kind::WebServer => s(Dist::Exponential, 10.0),
        Kind::SessionStore => s(Dist::Exponential, 1.0),
        Kind::Cache => s(Dist::Constant, 1.0),
        Kind::Database => s(Dist::Exponential, 25.0),
        Kind::Worker => s(Dist::Exponential, 50.0),
        Kind::Cdn => s(Dist::Constant, 2.0),
        _ => None,
    }
}

/// Default queue capacity [requests]; bounded so memory stays bounded.
pub fn default_queue_capacity(kind: Kind) -> u32 {
    match kind {
        Kind::MessageQueue => 1_000_000,
        _ => 10_000,
    }
}

/// Distinct users of a users node when `population` is absent.
pub const DEFAULT_POPULATION: u32 = 100_000;

/// Resolved parameters with every default applied. The engine reads only this.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub workers: u32,
    pub service: Option<Service>,
    pub queue_capacity: u32,
    pub rate_rps: f64,
    pub arrival: Arrival,
    pub mix: Mix,
    pub population: u32,
    pub keys: u32,
    pub zipf_s: f64,
    pub region: String,
    pub timeout_ms: f64,
    pub retries: u32,
    pub backoff_ms: f64,
    pub slo_ms: f64,
    pub ttl_s: f64,
    pub hit_ratio: Option<f64>,
    pub capacity: u32,
    pub on_down: OnDown,
    pub policy: Policy,
    pub health_check_ms: f64,
    pub stateful: bool,
    pub role: Role,
    pub failover_ms: f64,
    pub replication_lag_ms: f64,
    pub sharding: Sharding,
    pub target_utilization: f64,
    pub min_servers: u32,
    pub max_servers: u32,
    pub cooldown_s: f64,
    pub boot_s: f64,
    /// Defences and traffic shape (issue 16): absent unless the scenario sets them.
    pub rate_limit: Option<RateLimit>,
    pub shed_wait_ms: Option<f64>,
    pub diurnal: Option<Diurnal>,
}

impl Params {
    /// The node's parameters with its kind's defaults filled in.
    pub fn of(n: &Node) -> Params {
        let k = n.kind;
        // A size scales the workers and service time a node would have without it.
        let (workers, service) = (
            n.workers.unwrap_or(default_workers(k)),
            n.service.or(default_service(k)),
        );
        let (workers, service) = match n.size {
            None => (workers, service),
            Some(size) => (
                workers.saturating_mul(size.workers_factor()),
                service.map(|s| Service {
                    mean_ms: s.mean_ms * size.service_factor(),
                    ..s
                }),
            ),
        };
        Params {
            workers,
            service,
            queue_capacity: n.queue_capacity.unwrap_or(default_queue_capacity(k)),
            rate_rps: n.rate_rps.unwrap_or(100.0),
            arrival: n.arrival.unwrap_or(Arrival::Poisson),
            mix: n.mix.unwrap_or_default(),
            population: n.population.unwrap_or(DEFAULT_POPULATION),
            keys: n.keys.unwrap_or(100_000),
            zipf_s: n.zipf_s.unwrap_or(0.9),
            region: n.region.clone().unwrap_or_default(),
            // The seed's rule of thumb: past 2 s a request is as good as failed.
            timeout_ms: n.timeout_ms.unwrap_or(2_000.0),
            retries: n.retries.unwrap_or(0),
            backoff_ms: n.backoff_ms.unwrap_or(100.0),
            // The same rule as an objective: what users still call working.
            slo_ms: n.slo_ms.unwrap_or(2_000.0),
            ttl_s: n.ttl_s.unwrap_or(if k == Kind::Dns { 60.0 } else { 300.0 }),
            hit_ratio: n
                .hit_ratio
                .or(if k == Kind::Cdn { Some(0.9) } else { None }),
            capacity: n.capacity.unwrap_or(10_000),
            on_down: n.on_down.unwrap_or(OnDown::Fallback),
            policy: n.policy.unwrap_or(Policy::RoundRobin),
            health_check_ms: n.health_check_ms.unwrap_or(5_000.0),
            stateful: n.stateful.unwrap_or(false),
            role: n.role.unwrap_or(Role::Primary),
            failover_ms: n.failover_ms.unwrap_or(30_000.0),
            replication_lag_ms: n.replication_lag_ms.unwrap_or(100.0),
            sharding: n.sharding.unwrap_or(Sharding::Modulo),
            target_utilization: n.target_utilization.unwrap_or(0.6),
            min_servers: n.min_servers.unwrap_or(1),
            max_servers: n.max_servers.unwrap_or(10),
            cooldown_s: n.cooldown_s.unwrap_or(30.0),
            boot_s: n.boot_s.unwrap_or(60.0),
            rate_limit: n.rate_limit,
            shed_wait_ms: n.shed_wait_ms,
            diurnal: n.diurnal,
        }
    }
}

/// Kinds a rate limiter can sit on: where requests enter the system.
pub const LIMITED: &[Kind] = &[Kind::LoadBalancer, Kind::WebServer];
/// Kinds that can shed load: requests arrive at them and wait in their own line for a
/// service time (a worker's jobs wait in the message queue instead).
pub const SHEDDING: &[Kind] = &[
    Kind::Cdn,
    Kind::WebServer,
    Kind::SessionStore,
    Kind::Cache,
    Kind::Database,
];

/// Names of the optional fields set on `n`, paired with the kinds they apply to.
pub fn set_fields(n: &Node) -> Vec<(&'static str, &'static [Kind])> {
    use Kind::*;
    const SERVING: &[Kind] = &[
        Cdn,
        LoadBalancer,
        WebServer,
        SessionStore,
        Cache,
        Database,
        ShardRouter,
        Worker,
    ];
    const QUEUEING: &[Kind] = &[
        Cdn,
        LoadBalancer,
        WebServer,
        SessionStore,
        Cache,
        Database,
        ShardRouter,
        Worker,
        MessageQueue,
    ];
    let mut v: Vec<(&'static str, &'static [Kind])> = Vec::new();
    let mut f = |set: bool, name: &'static str, kinds: &'static [Kind]| {
        if set {
            v.push((name, kinds));
        }
    };
    f(n.workers.is_some(), "workers", SERVING);
    f(n.service.is_some(), "service", SERVING);
    f(n.queue_capacity.is_some(), "queue_capacity", QUEUEING);
    f(n.rate_rps.is_some(), "rate_rps", &[Users]);
    f(n.arrival.is_some(), "arrival", &[Users]);
    f(n.mix.is_some(), "mix", &[Users]);
    f(n.population.is_some(), "population", &[Users]);
    f(n.keys.is_some(), "keys", &[Users]);
    f(n.zipf_s.is_some(), "zipf_s", &[Users]);
    f(n.region.is_some(), "region", &[Users]);
    f(n.timeout_ms.is_some(), "timeout_ms", &[Users]);
    f(n.retries.is_some(), "retries", &[Users]);
    f(n.backoff_ms.is_some(), "backoff_ms", &[Users]);
    f(n.slo_ms.is_some(), "slo_ms", &[Users]);
    f(n.ttl_s.is_some(), "ttl_s", &[Dns, Cache]);
    f(n.hit_ratio.is_some(), "hit_ratio", &[Cdn, Cache]);
    f(n.capacity.is_some(), "capacity", &[Cache]);
    f(n.on_down.is_some(), "on_down", &[Cache]);
    f(n.policy.is_some(), "policy", &[LoadBalancer]);
    f(
        n.health_check_ms.is_some(),
        "health_check_ms",
        &[LoadBalancer],
    );
    f(n.stateful.is_some(), "stateful", &[WebServer]);
    f(n.role.is_some(), "role", &[Database]);
    f(n.failover_ms.is_some(), "failover_ms", &[Database]);
    f(
        n.replication_lag_ms.is_some(),
        "replication_lag_ms",
        &[Database],
    );
    f(n.sharding.is_some(), "sharding", &[ShardRouter]);
    f(
        n.target_utilization.is_some(),
        "target_utilization",
        &[Autoscaler],
    );
    f(n.min_servers.is_some(), "min_servers", &[Autoscaler]);
    f(n.max_servers.is_some(), "max_servers", &[Autoscaler]);
    f(n.cooldown_s.is_some(), "cooldown_s", &[Autoscaler]);
    f(n.boot_s.is_some(), "boot_s", &[Autoscaler]);
    f(n.size.is_some(), "size", crate::cost::SIZED);
    f(n.rate_limit.is_some(), "rate_limit", LIMITED);
    f(n.shed_wait_ms.is_some(), "shed_wait_ms", SHEDDING);
    f(n.diurnal.is_some(), "diurnal", &[Users]);
    v
}

impl Node {
    /// A node of `kind` at a canvas position, every parameter left to its default.
    pub fn new(id: impl Into<String>, kind: Kind, x: f64, y: f64) -> Node {
        Node {
            id: id.into(),
            kind,
            name: kind.label().to_string(),
            x,
            y,
            ..Node::default()
        }
    }
}
