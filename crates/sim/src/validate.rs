//! Semantic checks of a parsed scenario. Reports every problem; never panics.

use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::params::set_fields;
use crate::scenario::{Action, Node, Role, Scenario, CURRENT_VERSION};
use std::collections::{HashMap, HashSet};

/// Upper bound on `population` [users]: session bookkeeping is one bit per user.
pub const MAX_POPULATION: u32 = 10_000_000;
/// Upper bound on the users of all users nodes together: user ids are 32-bit and session
/// bookkeeping is one bit per user (12.5 MB at this bound).
pub const MAX_TOTAL_POPULATION: u64 = 100_000_000;
/// Upper bound on users nodes (the event queue gives a stream 12 bits).
const MAX_USERS_NODES: usize = 4096;
/// Upper bound on a cache's `capacity` [keys]: 16 bytes of memory each.
const MAX_CACHE_KEYS: u32 = 4_000_000;
/// Upper bound on any time parameter [ms] (one simulated year).
const MAX_MS: f64 = 365.0 * 86_400_000.0;
/// Upper bound on an arrival rate [requests/s].
const MAX_RATE: f64 = 100_000_000.0;

/// Every problem of `s`, in document order. Empty means the scenario compiles.
pub fn validate(s: &Scenario) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    if s.version != CURRENT_VERSION {
        d.push(Diagnostic::new(
            "version",
            format!(
                "unsupported version {}, this build reads version {CURRENT_VERSION}",
                s.version
            ),
        ));
    }
    positive(&mut d, "window_ms", s.window_ms, 1.0, MAX_MS);
    nonneg(&mut d, "network.intra_dc_ms", s.network.intra_dc_ms);
    nonneg(&mut d, "network.cross_dc_ms", s.network.cross_dc_ms);
    nonneg(&mut d, "network.cross_region_ms", s.network.cross_region_ms);

    let mut dcs = HashSet::new();
    for (i, dc) in s.data_centers.iter().enumerate() {
        let p = format!(
            "data_centers[{}]",
            if dc.id.is_empty() {
                i.to_string()
            } else {
                dc.id.clone()
            }
        );
        if dc.id.is_empty() {
            d.push(Diagnostic::new(&p, "id must not be empty"));
        } else if !dcs.insert(dc.id.as_str()) {
            d.push(Diagnostic::new(&p, format!("duplicate id \"{}\"", dc.id)));
        }
        for (f, v) in [("x", dc.x), ("y", dc.y)] {
            finite(&mut d, &format!("{p}.{f}"), v);
        }
        positive(&mut d, &format!("{p}.w"), dc.w, 0.0, 1e7);
        positive(&mut d, &format!("{p}.h"), dc.h, 0.0, 1e7);
    }

    let mut ids: HashMap<&str, &Node> = HashMap::new();
    for (i, n) in s.nodes.iter().enumerate() {
        let p = node_path(n, i);
        if n.id.is_empty() {
            d.push(Diagnostic::new(&p, "id must not be empty"));
        } else if ids.insert(n.id.as_str(), n).is_some() {
            d.push(Diagnostic::new(&p, format!("duplicate id \"{}\"", n.id)));
        }
        node(&mut d, &p, n, &dcs);
    }
    if !s.nodes.iter().any(|n| n.kind == Kind::Users) {
        d.push(Diagnostic::new(
            "nodes",
            "needs at least one users node (the traffic source)",
        ));
    }

    wires(&mut d, s, &ids);
    faults(&mut d, s, &ids, &dcs);
    d
}

fn node_path(n: &Node, i: usize) -> String {
    if n.id.is_empty() {
        format!("nodes[{i}]")
    } else {
        format!("nodes[{}]", n.id)
    }
}

/// The checks of one node's own fields, reported under `p`: a challenge's traffic sources
/// (`challenge/load.rs`) are users nodes without a place in a design.
pub(crate) fn node_fields(d: &mut Vec<Diagnostic>, p: &str, n: &Node) {
    node(d, p, n, &HashSet::new());
}

// Never inlined: `validate` and `node_fields` share one copy in the shipped wasm.
#[inline(never)]
fn node(d: &mut Vec<Diagnostic>, p: &str, n: &Node, dcs: &HashSet<&str>) {
    finite(d, &format!("{p}.x"), n.x);
    finite(d, &format!("{p}.y"), n.y);
    if let Some(dc) = &n.dc {
        if !dcs.contains(dc.as_str()) {
            d.push(Diagnostic::new(
                format!("{p}.dc"),
                format!("no data center \"{dc}\""),
            ));
        }
    }
    for (field, kinds) in set_fields(n) {
        if !kinds.contains(&n.kind) {
            d.push(Diagnostic::new(
                format!("{p}.{field}"),
                format!("does not apply to {}", n.kind.article()),
            ));
        }
    }
    if let Some(w) = n.workers {
        if w < 1 {
            d.push(Diagnostic::new(
                format!("{p}.workers"),
                format!("must be at least 1, got {w}"),
            ));
        }
    }
    if let Some(s) = n.service {
        positive(d, &format!("{p}.service.mean_ms"), s.mean_ms, 0.0, MAX_MS);
        if let Some(cv) = s.cv {
            positive(d, &format!("{p}.service.cv"), cv, 0.0, 100.0);
        }
    }
    if let Some(r) = n.rate_rps {
        range(d, &format!("{p}.rate_rps"), r, 0.0, MAX_RATE);
    }
    if let Some(m) = n.mix {
        let parts = [m.static_asset, m.read, m.write, m.job];
        if parts.iter().any(|v| !v.is_finite() || *v < 0.0) {
            d.push(Diagnostic::new(
                format!("{p}.mix"),
                "weights must be finite and not negative",
            ));
        } else if parts.iter().sum::<f64>() <= 0.0 {
            d.push(Diagnostic::new(
                format!("{p}.mix"),
                "at least one weight must be above 0",
            ));
        }
    }
    if let Some(v) = n.population {
        int_range(d, &format!("{p}.population"), v, 1, MAX_POPULATION);
    }
    if let Some(v) = n.keys {
        int_range(d, &format!("{p}.keys"), v, 1, u32::MAX);
    }
    if let Some(v) = n.zipf_s {
        range(d, &format!("{p}.zipf_s"), v, 0.0, 10.0);
    }
    if let Some(v) = n.timeout_ms {
        positive(d, &format!("{p}.timeout_ms"), v, 0.0, MAX_MS);
    }
    if let Some(v) = n.retries {
        int_range(d, &format!("{p}.retries"), v, 0, 10);
    }
    if let Some(v) = n.backoff_ms {
        range(d, &format!("{p}.backoff_ms"), v, 0.0, MAX_MS);
    }
    if let Some(v) = n.slo_ms {
        positive(d, &format!("{p}.slo_ms"), v, 0.0, MAX_MS);
    }
    if let Some(v) = n.ttl_s {
        range(d, &format!("{p}.ttl_s"), v, 0.0, MAX_MS / 1000.0);
    }
    if let Some(v) = n.hit_ratio {
        range(d, &format!("{p}.hit_ratio"), v, 0.0, 1.0);
    }
    if let Some(v) = n.capacity {
        int_range(d, &format!("{p}.capacity"), v, 1, MAX_CACHE_KEYS);
    }
    if let Some(v) = n.health_check_ms {
        positive(d, &format!("{p}.health_check_ms"), v, 0.0, MAX_MS);
    }
    if let Some(v) = n.failover_ms {
        range(d, &format!("{p}.failover_ms"), v, 0.0, MAX_MS);
    }
    if let Some(v) = n.replication_lag_ms {
        range(d, &format!("{p}.replication_lag_ms"), v, 0.0, MAX_MS);
    }
    if let Some(v) = n.target_utilization {
        positive(d, &format!("{p}.target_utilization"), v, 0.0, 1.0);
    }
    if let Some(v) = n.min_servers {
        int_range(d, &format!("{p}.min_servers"), v, 1, 1000);
    }
    if let Some(v) = n.max_servers {
        int_range(d, &format!("{p}.max_servers"), v, 1, 1000);
        if v < n.min_servers.unwrap_or(1) {
            d.push(Diagnostic::new(
                format!("{p}.max_servers"),
                "must be at least min_servers",
            ));
        }
    }
    if let Some(v) = n.cooldown_s {
        range(d, &format!("{p}.cooldown_s"), v, 0.0, MAX_MS / 1000.0);
    }
    if let Some(v) = n.boot_s {
        range(d, &format!("{p}.boot_s"), v, 0.0, MAX_MS / 1000.0);
    }
    if let Some(l) = n.rate_limit {
        positive(
            d,
            &format!("{p}.rate_limit.rate_rps"),
            l.rate_rps,
            0.0,
            MAX_RATE,
        );
        int_range(d, &format!("{p}.rate_limit.burst"), l.burst, 1, u32::MAX);
    }
    if let Some(v) = n.shed_wait_ms {
        positive(d, &format!("{p}.shed_wait_ms"), v, 0.0, MAX_MS);
    }
    if let Some(c) = n.diurnal {
        range(
            d,
            &format!("{p}.diurnal.peak_to_trough"),
            c.peak_to_trough,
            1.0,
            1e6,
        );
        positive(
            d,
            &format!("{p}.diurnal.period_s"),
            c.period_s,
            0.0,
            MAX_MS / 1000.0,
        );
    }
}

fn wires(d: &mut Vec<Diagnostic>, s: &Scenario, ids: &HashMap<&str, &Node>) {
    let mut seen = HashSet::new();
    let mut primaries: HashMap<&str, usize> = HashMap::new();
    for (i, w) in s.wires.iter().enumerate() {
        let p = format!("wires[{i}]");
        let from = ids.get(w.from.as_str());
        let to = ids.get(w.to.as_str());
        if from.is_none() {
            d.push(Diagnostic::new(
                format!("{p}.from"),
                format!("no node \"{}\"", w.from),
            ));
        }
        if to.is_none() {
            d.push(Diagnostic::new(
                format!("{p}.to"),
                format!("no node \"{}\"", w.to),
            ));
        }
        if let Some(l) = w.latency_ms {
            range(d, &format!("{p}.latency_ms"), l, 0.0, 60_000.0);
        }
        let (Some(a), Some(b)) = (from, to) else {
            continue;
        };
        if w.from == w.to {
            d.push(Diagnostic::new(&p, "a node cannot be wired to itself"));
            continue;
        }
        wire_defences(d, &p, w, a.kind);
        if !seen.insert((w.from.as_str(), w.to.as_str())) {
            d.push(Diagnostic::new(
                &p,
                format!("duplicate wire {} -> {}", w.from, w.to),
            ));
        }
        if !a.kind.can_send_to(b.kind) {
            d.push(Diagnostic::new(
                &p,
                format!(
                    "{} cannot send requests to {}: {}",
                    a.kind.article(),
                    b.kind.article(),
                    a.kind.wiring_hint()
                ),
            ));
            continue;
        }
        // database -> database is replication: primary to replica, one primary each.
        if a.kind == Kind::Database {
            if a.role.unwrap_or(Role::Primary) != Role::Primary
                || b.role.unwrap_or(Role::Primary) != Role::Replica
            {
                d.push(Diagnostic::new(
                    &p,
                    "a database -> database wire is replication and must go from a primary to a replica: drag from the primary to a database with no role of its own, and it becomes the replica",
                ));
            } else if let Some(prev) = primaries.insert(w.to.as_str(), i) {
                d.push(Diagnostic::new(
                    &p,
                    format!("replica \"{}\" already replicates from wires[{prev}]: a replica copies one primary", w.to),
                ));
            }
        }
    }
    // A web server talks to one of each backing service; an autoscaler scales one pool.
    let mut uses: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, w) in s.wires.iter().enumerate() {
        let (Some(a), Some(b)) = (ids.get(w.from.as_str()), ids.get(w.to.as_str())) else {
            continue;
        };
        let slot = match (a.kind, b.kind) {
            (Kind::WebServer, Kind::Database | Kind::ShardRouter) => "database",
            (Kind::WebServer, Kind::SessionStore) => "session store",
            (Kind::WebServer, Kind::Cache) => "cache",
            (Kind::WebServer, Kind::MessageQueue) => "message queue",
            (Kind::Autoscaler, _) => "load balancer",
            (Kind::Worker, _) => "database",
            _ => continue,
        };
        if let Some(first) = uses.insert((w.from.as_str(), slot), i) {
            d.push(Diagnostic::new(
                format!("wires[{i}]"),
                format!(
                    "{} \"{}\" already uses a {slot} (wires[{first}]); use one",
                    a.kind.article(),
                    w.from
                ),
            ));
        }
    }
    let users_nodes = s.nodes.iter().filter(|n| n.kind == Kind::Users).count();
    if users_nodes > MAX_USERS_NODES {
        d.push(Diagnostic::new(
            "nodes",
            format!("at most {MAX_USERS_NODES} users nodes, got {users_nodes}"),
        ));
    }
    let total: u64 = s
        .nodes
        .iter()
        .filter(|n| n.kind == Kind::Users)
        .map(|n| u64::from(n.population.unwrap_or(crate::params::DEFAULT_POPULATION)))
        .sum();
    if total > MAX_TOTAL_POPULATION {
        d.push(Diagnostic::new(
            "nodes",
            format!(
                "the users nodes' population adds up to {total}; at most {MAX_TOTAL_POPULATION} in all"
            ),
        ));
    }
    // Looked up once: a node-by-wire scan is quadratic, and the editor validates on every
    // pointer move of a drag (2,000 nodes x 5,560 wires took 160 ms a move).
    let senders: HashSet<&str> = s.wires.iter().map(|w| w.from.as_str()).collect();
    for (i, n) in s.nodes.iter().enumerate() {
        let outgoing = senders.contains(n.id.as_str());
        if n.kind == Kind::Users && !outgoing {
            d.push(Diagnostic::new(
                node_path(n, i),
                format!(
                    "users must be wired to an entry point: {}",
                    Kind::Users.wiring_hint()
                ),
            ));
        }
        let routes = matches!(
            n.kind,
            Kind::Dns | Kind::LoadBalancer | Kind::ShardRouter | Kind::Autoscaler
        );
        if routes && !outgoing {
            d.push(Diagnostic::new(
                node_path(n, i),
                format!(
                    "{} needs at least one outgoing wire: {}",
                    n.kind.article(),
                    n.kind.wiring_hint()
                ),
            ));
        }
        if n.kind == Kind::Database
            && n.role == Some(Role::Replica)
            && !primaries.contains_key(n.id.as_str())
        {
            d.push(Diagnostic::new(
                node_path(n, i),
                "a replica needs a wire from its primary database: drag from the primary's handle onto it",
            ));
        }
    }
}

fn faults(d: &mut Vec<Diagnostic>, s: &Scenario, ids: &HashMap<&str, &Node>, dcs: &HashSet<&str>) {
    for (i, f) in s.faults.iter().enumerate() {
        let p = format!("faults[{i}]");
        range(d, &format!("{p}.at_s"), f.at_s, 0.0, MAX_MS / 1000.0);
        let wire_action = matches!(f.action, Action::Cut | Action::Restore | Action::Latency);
        let needs_node = !matches!(f.action, Action::DcOutage | Action::DcRestore) && !wire_action;
        if wire_action {
            wire_fault(d, &p, f, s);
        } else if needs_node {
            match f.node.as_deref().map(|id| ids.get(id)) {
                None => d.push(Diagnostic::new(&p, "needs \"node\"")),
                Some(None) => d.push(Diagnostic::new(
                    format!("{p}.node"),
                    format!("no node \"{}\"", f.node.as_deref().unwrap_or_default()),
                )),
                Some(Some(n)) => {
                    let traffic =
                        matches!(f.action, Action::SetRate | Action::Ramp | Action::Spike);
                    if traffic && n.kind != Kind::Users {
                        d.push(Diagnostic::new(
                            format!("{p}.node"),
                            "rate changes apply to users nodes",
                        ));
                    }
                }
            }
        } else {
            match f.dc.as_deref() {
                None => d.push(Diagnostic::new(&p, "needs \"dc\"")),
                Some(dc) if !dcs.contains(dc) => d.push(Diagnostic::new(
                    format!("{p}.dc"),
                    format!("no data center \"{dc}\""),
                )),
                _ => {}
            }
        }
        match f.action {
            Action::Slow | Action::Spike => match f.factor {
                None => d.push(Diagnostic::new(&p, "needs \"factor\"")),
                Some(v) => positive(d, &format!("{p}.factor"), v, 0.0, 1e6),
            },
            _ => {}
        }
        match f.action {
            Action::SetRate | Action::Ramp => match f.rate_rps {
                None => d.push(Diagnostic::new(&p, "needs \"rate_rps\"")),
                Some(v) => range(d, &format!("{p}.rate_rps"), v, 0.0, MAX_RATE),
            },
            _ => {}
        }
        match f.action {
            Action::Ramp | Action::Spike => match f.duration_s {
                None => d.push(Diagnostic::new(&p, "needs \"duration_s\"")),
                Some(v) => positive(d, &format!("{p}.duration_s"), v, 0.0, MAX_MS / 1000.0),
            },
            _ => {}
        }
    }
}

/// A wire's call policy and breaker: only on calls a web server makes.
fn wire_defences(d: &mut Vec<Diagnostic>, p: &str, w: &crate::scenario::Wire, from: Kind) {
    if w.policy.is_none() && w.breaker.is_none() {
        return;
    }
    if from != Kind::WebServer {
        let what = if w.policy.is_some() {
            "policy"
        } else {
            "breaker"
        };
        d.push(Diagnostic::new(
            format!("{p}.{what}"),
            format!(
                "a call policy or breaker belongs on a wire leaving a web server (its calls to a session store, cache, database, shard router or message queue); {} makes no calls of its own here",
                from.article()
            ),
        ));
        return;
    }
    if let Some(c) = &w.policy {
        positive(
            d,
            &format!("{p}.policy.timeout_ms"),
            c.timeout_ms,
            0.0,
            MAX_MS,
        );
        int_range(d, &format!("{p}.policy.retries"), c.retries, 0, 10);
        range(
            d,
            &format!("{p}.policy.backoff_ms"),
            c.backoff_ms,
            0.0,
            60_000.0,
        );
        if let Some(b) = c.budget {
            range(d, &format!("{p}.policy.budget"), b, 0.0, 1.0);
        }
    }
    if let Some(b) = &w.breaker {
        if b.failures.is_none() && b.failure_ratio.is_none() {
            d.push(Diagnostic::new(
                format!("{p}.breaker"),
                "needs \"failures\" (a count) or \"failure_ratio\" (0..1) to know when to open",
            ));
        }
        if let Some(n) = b.failures {
            int_range(d, &format!("{p}.breaker.failures"), n, 1, 1_000_000);
        }
        if let Some(r) = b.failure_ratio {
            positive(d, &format!("{p}.breaker.failure_ratio"), r, 0.0, 1.0);
        }
        int_range(
            d,
            &format!("{p}.breaker.min_calls"),
            b.min_calls,
            1,
            1_000_000,
        );
        positive(d, &format!("{p}.breaker.window_s"), b.window_s, 0.0, 3600.0);
        positive(d, &format!("{p}.breaker.open_s"), b.open_s, 0.0, 3600.0);
        int_range(d, &format!("{p}.breaker.probes"), b.probes, 1, 1000);
    }
}

/// A cut, restore or latency fault names an existing wire (`from`, `to`).
fn wire_fault(d: &mut Vec<Diagnostic>, p: &str, f: &crate::scenario::Fault, s: &Scenario) {
    let (Some(from), Some(to)) = (f.from.as_deref(), f.to.as_deref()) else {
        d.push(Diagnostic::new(
            p,
            "needs \"from\" and \"to\": the two ends of the wire",
        ));
        return;
    };
    let has = |a: &str, b: &str| s.wires.iter().any(|w| w.from == a && w.to == b);
    if !has(from, to) {
        let hint = if has(to, from) {
            format!(" (did you mean from \"{to}\" to \"{from}\"?)")
        } else {
            String::new()
        };
        d.push(Diagnostic::new(
            format!("{p}.to"),
            format!("no wire from \"{from}\" to \"{to}\"{hint}"),
        ));
    }
    if f.action == Action::Latency {
        match f.delay_ms {
            None => d.push(Diagnostic::new(p, "needs \"delay_ms\"")),
            Some(v) => range(d, &format!("{p}.delay_ms"), v, 0.0, 60_000.0),
        }
    }
}

fn finite(d: &mut Vec<Diagnostic>, p: &str, v: f64) {
    if !v.is_finite() {
        d.push(Diagnostic::new(
            p,
            format!("must be a finite number, got {v}"),
        ));
    }
}

fn nonneg(d: &mut Vec<Diagnostic>, p: &str, v: f64) {
    range(d, p, v, 0.0, 60_000.0);
}

/// `lo <= v <= hi`.
fn range(d: &mut Vec<Diagnostic>, p: &str, v: f64, lo: f64, hi: f64) {
    if !(v.is_finite() && v >= lo && v <= hi) {
        d.push(Diagnostic::new(
            p,
            format!("must be between {lo} and {hi}, got {v}"),
        ));
    }
}

/// `lo < v <= hi`.
fn positive(d: &mut Vec<Diagnostic>, p: &str, v: f64, lo: f64, hi: f64) {
    if !(v.is_finite() && v > lo && v <= hi) {
        d.push(Diagnostic::new(
            p,
            format!("must be above {lo} and at most {hi}, got {v}"),
        ));
    }
}

fn int_range(d: &mut Vec<Diagnostic>, p: &str, v: u32, lo: u32, hi: u32) {
    if v < lo {
        d.push(Diagnostic::new(
            p,
            format!("must be at least {lo}, got {v}"),
        ));
    } else if v > hi {
        d.push(Diagnostic::new(p, format!("must be at most {hi}, got {v}")));
    }
}
