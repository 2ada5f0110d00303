//! Scaling up against scaling out: machine sizes, what a design costs per month, and how much
//! traffic it can carry before its bottleneck saturates.
//!
//! The capacity is the operational-law bound: each node's offered load is the traffic that
//! reaches it (its visit ratio times the users' rates, following the engine's routing with
//! everything up), its capacity is `workers / mean service time`, and the design carries the
//! users' traffic scaled until the busiest node reaches 100 %.

use crate::kind::Kind;
use crate::params::Params;
use crate::rng::mix64;
pub use crate::scenario::Size;
use crate::scenario::{Action, Fault, Node, Role, Scenario, Sharding};
use std::collections::HashMap;
use std::rc::Rc;

/// Kinds that run on a machine of their own and so take a `size`.
pub const SIZED: &[Kind] = &[
    Kind::WebServer,
    Kind::SessionStore,
    Kind::Cache,
    Kind::Database,
    Kind::Worker,
];

/// Time to boot a replacement machine [s]. Scaling a single box up means replacing it.
pub const REPLACE_BOOT_S: f64 = 120.0;

impl Size {
    /// Every size, smallest first.
    pub const ALL: &'static [Size] = &[Size::Small, Size::Medium, Size::Large, Size::Xlarge];

    /// The JSON name.
    pub fn key(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Medium => "medium",
            Size::Large => "large",
            Size::Xlarge => "xlarge",
        }
    }

    /// Workers multiplier (more cores, more connections).
    pub fn workers_factor(self) -> u32 {
        match self {
            Size::Small => 1,
            Size::Medium => 2,
            Size::Large => 4,
            Size::Xlarge => 8,
        }
    }

    /// Service-time multiplier: a bigger box has faster cores and more memory, a little.
    pub fn service_factor(self) -> f64 {
        match self {
            Size::Small => 1.0,
            Size::Medium => 0.95,
            Size::Large => 0.9,
            Size::Xlarge => 0.85,
        }
    }

    /// Monthly price relative to `small`: big machines cost more per unit of capacity.
    pub fn price_factor(self) -> f64 {
        match self {
            Size::Small => 1.0,
            Size::Medium => 2.2,
            Size::Large => 5.0,
            Size::Xlarge => 12.0,
        }
    }

    /// Capacity relative to `small`: more workers, each faster.
    pub fn capacity_factor(self) -> f64 {
        f64::from(self.workers_factor()) / self.service_factor()
    }
}

/// Monthly price of a node of `kind` at size `small` [USD]; fixed for unsized kinds.
pub fn base_monthly_usd(kind: Kind) -> f64 {
    match kind {
        Kind::WebServer | Kind::Worker | Kind::ShardRouter => 70.0,
        Kind::SessionStore => 50.0,
        Kind::Cache => 100.0,
        Kind::Database => 200.0,
        Kind::LoadBalancer => 25.0,
        Kind::MessageQueue => 60.0,
        Kind::Cdn => 100.0,
        Kind::Dns => 5.0,
        Kind::Users | Kind::Autoscaler => 0.0,
    }
}

/// Workers one machine of a size includes, as a multiple of its kind's default workers at
/// that size: tuning a pool up to this is free, beyond it the machine is really several.
pub const WORKERS_INCLUDED: u32 = 4;

/// Monthly price of one node [USD]: its kind's price times its size's price factor, and, for
/// more workers than one machine of that size includes ([`WORKERS_INCLUDED`] times the kind's
/// default), proportionally more: 100,000 workers on a small web server is not a $70 box.
pub fn node_monthly_usd(n: &Node) -> f64 {
    let size = n.size.unwrap_or(Size::Small);
    let default = crate::params::Params::of(&Node {
        workers: None,
        size: None,
        ..n.clone()
    })
    .workers
    .max(1);
    let included = f64::from(default) * f64::from(size.workers_factor() * WORKERS_INCLUDED);
    let workers = f64::from(crate::params::Params::of(n).workers.max(1));
    let machines = (workers / included).max(1.0);
    base_monthly_usd(n.kind) * size.price_factor() * machines
}

/// Monthly price of a design as drawn [USD]. Servers an autoscaler launches are not counted.
pub fn monthly_usd(s: &Scenario) -> f64 {
    s.nodes.iter().map(node_monthly_usd).sum()
}

/// One node's share of the traffic.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeLoad {
    pub id: String,
    /// Requests reaching it at the scenario's rates [requests/s]; a users node with a daily
    /// cycle counts at its peak, what capacity must be sized for.
    pub offered_rps: f64,
    /// Requests it can serve: workers / mean service time; infinite if it forwards instantly
    /// [requests/s].
    pub capacity_rps: f64,
    /// `offered_rps / capacity_rps` (0..; above 1 it cannot keep up).
    pub utilization: f64,
}

/// Cost and capacity of a design.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    /// [USD per month].
    pub monthly_usd: f64,
    /// What the users nodes send [requests/s]; at its peak for one with a daily cycle (its
    /// mean over a cycle is (peak + peak / peak_to_trough) / 2).
    pub offered_rps: f64,
    /// The users' traffic, scaled in its mix, at which the bottleneck reaches 100 %
    /// [requests/s]; infinite if no node limits it.
    pub capacity_rps: f64,
    /// The node that saturates first.
    pub bottleneck: Option<String>,
    /// Every node, in scenario order.
    pub nodes: Vec<NodeLoad>,
}

/// Whether [`estimate`] gives the same for `a` as for `b`: they differ at most in what it never
/// reads (positions, names, faults, seed). The editor asks on every pointer move of a drag; the
/// estimate itself takes milliseconds on a big design.
pub fn same_estimate(a: &Scenario, b: &Scenario) -> bool {
    a.nodes.len() == b.nodes.len()
        && a.wires == b.wires
        && a.same_regions(b)
        && a.nodes
            .iter()
            .zip(&b.nodes)
            .all(|(m, n)| m.unplaced() == n.unplaced())
}

/// Cost and capacity of `s` with every node up. Caches without a fixed `hit_ratio` are
/// assumed to hold the most popular `capacity` keys (an upper bound on their hit ratio).
pub fn estimate(s: &Scenario) -> Estimate {
    let mut f = Flow::new(s);
    let rated = s
        .nodes
        .iter()
        .filter(|n| n.kind == Kind::Users)
        .any(|n| Params::of(n).rate_rps > 0.0);
    for (i, n) in s.nodes.iter().enumerate() {
        if n.kind == Kind::Users {
            // With every rate at 0, estimate the capacity from 1 request/s per users node.
            let rate = if rated { f.p[i].rate_rps } else { 1.0 };
            f.users(i, rate);
        }
    }
    let offered: f64 = f.sent;
    let nodes: Vec<NodeLoad> = s
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let cap = capacity_rps(&f.p[i]);
            NodeLoad {
                id: n.id.clone(),
                offered_rps: f.load[i],
                capacity_rps: cap,
                utilization: if cap.is_finite() {
                    f.load[i] / cap
                } else {
                    0.0
                },
            }
        })
        .collect();
    let worst = nodes
        .iter()
        .filter(|n| n.utilization > 0.0)
        .max_by(|a, b| a.utilization.total_cmp(&b.utilization));
    let (capacity, bottleneck) = match worst {
        Some(n) => (offered / n.utilization, Some(n.id.clone())),
        None => (f64::INFINITY, None),
    };
    Estimate {
        monthly_usd: monthly_usd(s),
        offered_rps: if rated { offered } else { 0.0 },
        capacity_rps: capacity,
        bottleneck,
        nodes,
    }
}

/// Requests per second a node can serve [requests/s].
fn capacity_rps(p: &Params) -> f64 {
    match p.service {
        Some(s) if s.mean_ms > 0.0 => f64::from(p.workers) * 1000.0 / s.mean_ms,
        _ => f64::INFINITY,
    }
}

/// `s` with node `id` at `size`; `None` if there is no such node.
pub fn resized(s: &Scenario, id: &str, size: Size) -> Option<Scenario> {
    let mut out = s.clone();
    out.nodes.iter_mut().find(|n| n.id == id)?.size = Some(size);
    Some(out)
}

/// Replacing a machine by a bigger one: it is down from `at_s` until the new one has booted
/// `boot_s` later [s]. Run it on the resized scenario (see [`resized`]) to see the downtime.
pub fn replacement_drill(node: &str, at_s: f64, boot_s: f64) -> Vec<Fault> {
    let f = |at_s, action| Fault {
        at_s,
        action,
        node: Some(node.to_string()),
        dc: None,
        factor: None,
        rate_rps: None,
        duration_s: None,
        from: None,
        to: None,
        delay_ms: None,
    };
    vec![f(at_s, Action::Fail), f(at_s + boot_s, Action::Recover)]
}

/// Keys beyond this many are taken as spread evenly (their popularity is tiny).
const EXACT_KEYS: u32 = 1 << 20;

/// Where the traffic of the users nodes goes, with everything up.
struct Flow<'a> {
    s: &'a Scenario,
    p: Vec<Params>,
    out: Vec<Vec<usize>>,
    /// Region of each node's data center.
    region: Vec<String>,
    /// Database node -> (primary, replicas) of its replication group.
    group: Vec<(usize, Vec<usize>)>,
    load: Vec<f64>,
    sent: f64,
    /// Zipf weights per (keys, exponent bits), normalised, for the first EXACT_KEYS keys.
    zipf: HashMap<(u32, u64), Rc<Vec<f64>>>,
    /// Shard shares per (users node, router, keys held by a cache).
    shares: HashMap<(usize, usize, usize), Vec<f64>>,
    /// Hit ratio per (users node, cache): each sums up to a whole Zipf table, and a users node
    /// reaches the same cache through every web server in front of it (1,840 times over in a
    /// 2,000-node design, 110 ms a redraw before this).
    hits: HashMap<(usize, usize), f64>,
}

/// Request classes, in `Mix` order.
const STATIC: usize = 0;
const READ: usize = 1;
const JOB: usize = 3;

impl<'a> Flow<'a> {
    fn new(s: &'a Scenario) -> Flow<'a> {
        let idx: HashMap<&str, usize> = s
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let mut out = vec![Vec::new(); s.nodes.len()];
        for w in &s.wires {
            if let (Some(&a), Some(&b)) = (idx.get(w.from.as_str()), idx.get(w.to.as_str())) {
                out[a].push(b);
            }
        }
        let region = s
            .nodes
            .iter()
            .map(|n| {
                let dc = n.dc.as_deref().unwrap_or_default();
                s.data_centers
                    .iter()
                    .find(|d| d.id == dc)
                    .map(|d| d.region.clone())
                    .unwrap_or_default()
            })
            .collect();
        let p: Vec<Params> = s.nodes.iter().map(Params::of).collect();
        let mut group: Vec<(usize, Vec<usize>)> = (0..s.nodes.len()).map(|i| (i, vec![])).collect();
        for (i, n) in s.nodes.iter().enumerate() {
            if n.kind == Kind::Database && p[i].role == Role::Primary {
                let reps: Vec<usize> = out[i].clone();
                for &m in reps.iter().chain([&i]) {
                    group[m] = (i, reps.clone());
                }
            }
        }
        Flow {
            s,
            p,
            out,
            region,
            group,
            load: vec![0.0; s.nodes.len()],
            sent: 0.0,
            zipf: HashMap::new(),
            shares: HashMap::new(),
            hits: HashMap::new(),
        }
    }

    fn kind(&self, n: usize) -> Kind {
        self.s.nodes[n].kind
    }

    fn users(&mut self, u: usize, rate: f64) {
        self.sent += rate;
        let m = self.p[u].mix;
        let w = [m.static_asset, m.read, m.write, m.job];
        let total: f64 = w.iter().sum();
        if total <= 0.0 {
            return;
        }
        for (class, x) in w.iter().enumerate() {
            if *x > 0.0 {
                self.entry(u, u, class, rate * x / total);
            }
        }
    }

    /// Users or DNS node `n` picks an entry point for `class`.
    fn entry(&mut self, src: usize, n: usize, class: usize, rate: f64) {
        let out = self.out[n].clone();
        let cdn: Vec<usize> = out
            .iter()
            .copied()
            .filter(|&t| self.kind(t) == Kind::Cdn)
            .collect();
        let rest: Vec<usize> = out
            .iter()
            .copied()
            .filter(|&t| self.kind(t) != Kind::Cdn)
            .collect();
        let cands = match (class == STATIC, cdn.is_empty(), rest.is_empty()) {
            (true, false, _) | (false, _, true) => cdn,
            _ => rest,
        };
        if cands.is_empty() {
            return;
        }
        if self.kind(n) == Kind::Dns {
            let want = &self.p[src].region;
            let t = cands
                .iter()
                .copied()
                .find(|&t| want.is_empty() || self.region[t] == *want)
                .unwrap_or(cands[0]);
            self.visit(src, t, class, rate);
        } else {
            let share = rate / cands.len() as f64;
            for t in cands {
                self.visit(src, t, class, share);
            }
        }
    }

    fn visit(&mut self, src: usize, n: usize, class: usize, rate: f64) {
        self.load[n] += rate;
        let out = self.out[n].clone();
        match self.kind(n) {
            Kind::Dns => self.entry(src, n, class, rate),
            Kind::Cdn => {
                let miss = if class == STATIC {
                    1.0 - self.p[n].hit_ratio.unwrap_or(0.0)
                } else {
                    1.0
                };
                if let Some(&t) = out.first() {
                    self.visit(src, t, class, rate * miss);
                }
            }
            Kind::LoadBalancer => {
                let share = rate / out.len().max(1) as f64;
                for t in out {
                    self.visit(src, t, class, share);
                }
            }
            Kind::WebServer => self.web(src, n, class, rate),
            Kind::MessageQueue => {
                let total: f64 = out.iter().map(|&w| capacity_rps(&self.p[w])).sum();
                for w in out {
                    let share = capacity_rps(&self.p[w]) / total.max(f64::MIN_POSITIVE);
                    self.load[w] += rate * share;
                }
            }
            _ => {}
        }
    }

    fn web(&mut self, src: usize, n: usize, class: usize, rate: f64) {
        let out = self.out[n].clone();
        let first = |k: Kind| out.iter().copied().find(|&t| self.kind(t) == k);
        let (session, cache, mq) = (
            first(Kind::SessionStore),
            first(Kind::Cache),
            first(Kind::MessageQueue),
        );
        let db = first(Kind::ShardRouter).or(first(Kind::Database));
        if class == STATIC {
            return;
        }
        if let Some(s) = session.filter(|_| !self.p[n].stateful) {
            self.load[s] += rate;
        }
        match (class, cache, mq) {
            (READ, Some(c), _) => {
                self.load[c] += rate;
                let hit = self.hit_ratio(src, c);
                // A cache that emerges from its capacity keeps the popular keys: its misses
                // are the rest. A fixed hit ratio misses at random.
                let held = match self.p[c].hit_ratio {
                    Some(_) => 0,
                    None => self.p[c].capacity as usize,
                };
                self.data(src, db, false, rate * (1.0 - hit), held);
            }
            (READ, None, _) => self.data(src, db, false, rate, 0),
            (JOB, _, Some(q)) => self.visit(src, q, JOB, rate),
            _ => self.data(src, db, true, rate, 0),
        }
    }

    /// Database work from a web server: a shard router or a replication group. `held`: the
    /// most popular keys that never get here (a cache holds them).
    fn data(&mut self, src: usize, db: Option<usize>, write: bool, rate: f64, held: usize) {
        let Some(d) = db else { return };
        if self.kind(d) != Kind::ShardRouter {
            return self.member(d, write, rate);
        }
        self.load[d] += rate;
        let shards = self.out[d].clone();
        let shares = self.shard_shares(src, d, shards.len(), held);
        for (k, share) in shares.into_iter().enumerate() {
            self.member(shards[k], write, rate * share);
        }
    }

    /// Writes to the group's primary, reads spread over its replicas (or the primary).
    fn member(&mut self, d: usize, write: bool, rate: f64) {
        let (primary, reps) = self.group[d].clone();
        if write || reps.is_empty() {
            self.load[primary] += rate;
        } else {
            for r in &reps {
                self.load[*r] += rate / reps.len() as f64;
            }
        }
    }

    fn hit_ratio(&mut self, src: usize, c: usize) -> f64 {
        if let Some(h) = self.p[c].hit_ratio {
            return h;
        }
        if let Some(&h) = self.hits.get(&(src, c)) {
            return h;
        }
        let h = self.emergent_hit_ratio(src, c);
        self.hits.insert((src, c), h);
        h
    }

    /// The hit ratio of cache `c` holding the most popular of users node `src`'s keys.
    fn emergent_hit_ratio(&mut self, src: usize, c: usize) -> f64 {
        let cap = self.p[c].capacity as usize;
        let w = self.weights(src);
        let head: f64 = w.iter().take(cap).sum();
        let tail_keys = f64::from(self.p[src].keys) - w.len() as f64;
        let tail = 1.0 - w.iter().sum::<f64>();
        // Keys past the exact table share the tail evenly.
        let extra = if cap > w.len() && tail_keys > 0.0 {
            tail * ((cap - w.len()) as f64 / tail_keys).min(1.0)
        } else {
            0.0
        };
        (head + extra).min(1.0)
    }

    /// Fraction of a users node's keyed requests, all but the `held` most popular keys, that
    /// each shard of router `r` receives.
    fn shard_shares(&mut self, src: usize, r: usize, n: usize, held: usize) -> Vec<f64> {
        if let Some(v) = self.shares.get(&(src, r, held)) {
            return v.clone();
        }
        let v = self.compute_shares(src, r, n, held);
        self.shares.insert((src, r, held), v.clone());
        v
    }

    fn compute_shares(&mut self, src: usize, r: usize, n: usize, held: usize) -> Vec<f64> {
        let mut shares = vec![0.0; n];
        if n == 0 {
            return shares;
        }
        let w = self.weights(src);
        let sharding = self.p[r].sharding;
        let mut ring: Vec<(u64, usize)> = Vec::new();
        if sharding == Sharding::ConsistentHash {
            ring = (0..n as u64)
                .flat_map(|s| (0..64u64).map(move |p| (mix64((s << 32) | p), s as usize)))
                .collect();
            ring.sort_unstable();
        }
        for (k, x) in w.iter().enumerate().skip(held) {
            let shard = match sharding {
                Sharding::Modulo => k % n,
                Sharding::ConsistentHash => {
                    let h = mix64(k as u64);
                    let i = ring.partition_point(|&(p, _)| p < h);
                    ring.get(i).or(ring.first()).map_or(0, |&(_, s)| s)
                }
            };
            shares[shard] += x;
        }
        let tail = (1.0 - w.iter().sum::<f64>()).max(0.0);
        for s in shares.iter_mut() {
            *s += tail / n as f64;
        }
        let total: f64 = shares.iter().sum();
        if total > 0.0 {
            shares.iter_mut().for_each(|s| *s /= total);
        }
        shares
    }

    /// Popularity of each of the first keys of users node `src` (Zipf), summing to at most 1.
    fn weights(&mut self, src: usize) -> Rc<Vec<f64>> {
        let (keys, z) = (self.p[src].keys.max(1), self.p[src].zipf_s);
        Rc::clone(
            self.zipf
                .entry((keys, z.to_bits()))
                .or_insert_with(|| Rc::new(zipf_weights(keys, z))),
        )
    }
}

/// Zipf(`s`) probabilities of the first `min(keys, EXACT_KEYS)` keys out of `keys`.
fn zipf_weights(keys: u32, s: f64) -> Vec<f64> {
    let exact = keys.min(EXACT_KEYS);
    let w: Vec<f64> = (1..=exact).map(|k| f64::from(k).powf(-s)).collect();
    // The rest, by the integral of x^-s from exact + 0.5 to keys + 0.5.
    let (a, b) = (f64::from(exact) + 0.5, f64::from(keys) + 0.5);
    let tail = if keys <= exact {
        0.0
    } else if (s - 1.0).abs() < 1e-12 {
        (b / a).ln()
    } else {
        (b.powf(1.0 - s) - a.powf(1.0 - s)) / (1.0 - s)
    };
    let total = w.iter().sum::<f64>() + tail;
    w.into_iter().map(|x| x / total).collect()
}
