//! `compile`: a validated scenario becomes runtime tables. The scenario itself is not kept,
//! so edits to it never affect a running simulation.

use super::*;
use crate::diagnostic::Diagnostic;
use crate::rng::{Purpose, Streams};
use crate::scenario::{Role, Scenario};
use crate::validate::validate;
use std::collections::HashMap;

/// Build a runnable simulation from `s`; reports the same problems as [`crate::load`].
pub fn compile(s: &Scenario) -> Result<Sim, Vec<Diagnostic>> {
    let d = validate(s);
    if !d.is_empty() {
        return Err(d);
    }
    let dcs: Vec<DcRt> = s
        .data_centers
        .iter()
        .map(|d| DcRt {
            id: d.id.clone(),
            region: d.region.clone(),
            down: false,
        })
        .collect();
    if dcs.len() > 64 {
        return Err(vec![Diagnostic::new(
            "data_centers",
            "at most 64 data centers",
        )]);
    }
    let streams = Streams::new(s.seed);
    let dc_of: HashMap<&str, u16> = s
        .data_centers
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i as u16))
        .collect();
    let mut nodes: Vec<NodeRt> = s
        .nodes
        .iter()
        .map(|n| {
            let dc = n.dc.as_deref().and_then(|d| dc_of.get(d).copied());
            NodeRt {
                id: n.id.clone(),
                kind: n.kind,
                p: Params::of(n),
                dc,
                region: dc
                    .map(|d| dcs[d as usize].region.clone())
                    .unwrap_or_default(),
                out: Vec::new(),
                lat: Vec::new(),
                explicit: Vec::new(),
                wire: Vec::new(),
                failed: false,
                slow: 1.0,
                epoch: 0,
                busy: 0,
                queue: VecDeque::new(),
                last_t: 0.0,
                st: Stats::default(),
                win: Stats::default(),
                meter: Default::default(),
                rr: 0,
                sticky: false,
                known_down: Vec::new(),
                session: None,
                cache: None,
                db: DbLink::None,
                mq: None,
                entry_static: Vec::new(),
                entry_dynamic: Vec::new(),
                slots: Vec::new(),
                group: 0,
                shards: Vec::new(),
                ring: Vec::new(),
                mq_src: None,
                mq_wire: 0,
                parked: false,
                booting: false,
                service_rng: streams.of(&n.id, Purpose::Service),
                route_rng: streams.of(&n.id, Purpose::Routing),
                bucket: n.rate_limit.map(super::limits::Bucket::new),
            }
        })
        .collect();
    let idx: HashMap<&str, u32> = s
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i as u32))
        .collect();
    let mut wires = Vec::with_capacity(s.wires.len());
    for w in &s.wires {
        let (Some(&a), Some(&b)) = (idx.get(w.from.as_str()), idx.get(w.to.as_str())) else {
            continue;
        };
        let lat = w
            .latency_ms
            .unwrap_or_else(|| default_latency(s, &nodes, a, b));
        let from = &mut nodes[a as usize];
        from.out.push(b);
        from.lat.push(lat);
        from.explicit.push(w.latency_ms.is_some());
        from.wire.push(wires.len() as u32);
        wires.push(super::wires::WireRt {
            from: a,
            to: b,
            base: lat,
            lat,
            added: 0.0,
            cut: false,
            policy: w.policy,
            breaker: w.breaker.map(super::breaker::BreakerRt::new),
            watched: w.policy.is_some() || w.breaker.is_some(),
            st: Default::default(),
            win_calls: 0,
            calls_rps_window: 0.0,
            budget: Default::default(),
            jitter: streams.of(&format!("{}->{}", w.from, w.to), Purpose::Jitter),
        });
    }

    // Database groups: each primary with the replicas it replicates to.
    let mut groups = Vec::new();
    for i in 0..nodes.len() {
        if nodes[i].kind == Kind::Database && nodes[i].p.role == Role::Primary {
            let g = groups.len() as u32;
            let mut members = vec![i as u32];
            members.extend(nodes[i].out.iter().copied());
            for &m in &members {
                nodes[m as usize].group = g;
            }
            groups.push(Group {
                members,
                primary: i as u32,
                rr: 0,
            });
        }
    }

    for i in 0..nodes.len() {
        // (target, wire)
        let links: Vec<(u32, u32)> = nodes[i]
            .out
            .iter()
            .copied()
            .zip(nodes[i].wire.iter().copied())
            .collect();
        let first = |k: Kind| {
            links
                .iter()
                .copied()
                .find(|(t, _)| nodes[*t as usize].kind == k)
        };
        match nodes[i].kind {
            Kind::WebServer => {
                let (session, cache, mq) = (
                    first(Kind::SessionStore),
                    first(Kind::Cache),
                    first(Kind::MessageQueue),
                );
                let db = match (first(Kind::ShardRouter), first(Kind::Database)) {
                    (Some((r, l)), _) => DbLink::Router(r, l),
                    (None, Some((d, l))) => DbLink::Group(nodes[d as usize].group, l),
                    (None, None) => DbLink::None,
                };
                let n = &mut nodes[i];
                (n.session, n.cache, n.mq, n.db) = (session, cache, mq, db);
            }
            Kind::ShardRouter => {
                let shards: Vec<u32> = links
                    .iter()
                    .map(|(t, _)| nodes[*t as usize].group)
                    .collect();
                nodes[i].ring = super::route::hash_ring(shards.len() as u32);
                nodes[i].shards = shards;
            }
            Kind::MessageQueue => {
                for (t, w) in links {
                    nodes[t as usize].mq_src = Some(i as u32);
                    nodes[t as usize].mq_wire = w;
                }
            }
            Kind::Cache if nodes[i].p.hit_ratio.is_none() => {
                nodes[i].slots = vec![(0, 0.0); nodes[i].p.capacity as usize];
            }
            _ => {}
        }
    }

    // Autoscalers: park clones of the pool's first server up to `max_servers`.
    let mut scalers = Vec::new();
    for i in 0..nodes.len() {
        if nodes[i].kind != Kind::Autoscaler {
            continue;
        }
        let Some(&lb) = nodes[i].out.first() else {
            continue;
        };
        let pool = nodes[lb as usize].out.clone();
        let Some(&template) = pool.first() else {
            continue;
        };
        let max = nodes[i].p.max_servers as usize;
        for k in pool.len()..max {
            let mut c = nodes[template as usize].clone();
            c.id = format!("{}~{}", c.id, k + 1 - pool.len());
            // Streams of its own: a copy of the template's would repeat its draws.
            c.service_rng = streams.of(&c.id, Purpose::Service);
            c.route_rng = streams.of(&c.id, Purpose::Routing);
            c.parked = true;
            let lat = nodes[lb as usize].lat[0];
            // A clone is reached over its template's wire (faults on it apply to the pool).
            let wire = nodes[lb as usize].wire[0];
            nodes.push(c);
            let new = (nodes.len() - 1) as u32;
            let lbn = &mut nodes[lb as usize];
            lbn.out.push(new);
            lbn.lat.push(lat);
            lbn.explicit.push(false);
            lbn.wire.push(wire);
        }
        scalers.push(ScalerRt {
            node: i as u32,
            lb,
            last_action: f64::NEG_INFINITY,
            booting: 0,
            last_busy: 0.0,
            last_t: 0.0,
        });
    }
    for i in 0..nodes.len() {
        let is_cdn: Vec<bool> = nodes[i]
            .out
            .iter()
            .map(|&t| nodes[t as usize].kind == Kind::Cdn)
            .collect();
        let pick = |want: bool| {
            let v: Vec<usize> = (0..is_cdn.len()).filter(|&k| is_cdn[k] == want).collect();
            if v.is_empty() {
                (0..is_cdn.len()).collect()
            } else {
                v
            }
        };
        let (st, dy) = (pick(true), pick(false));
        let n = &mut nodes[i];
        n.known_down = vec![false; n.out.len()];
        (n.entry_static, n.entry_dynamic) = (st, dy);
    }

    for i in 0..nodes.len() {
        nodes[i].sticky = nodes[i].out.iter().any(|&t| nodes[t as usize].p.stateful);
    }

    let mut users = Vec::new();
    let mut population: u32 = 0;
    for (i, n) in nodes.iter().enumerate() {
        if n.kind != Kind::Users {
            continue;
        }
        let m = n.p.mix;
        let w = [m.static_asset, m.read, m.write, m.job];
        let total: f64 = w.iter().sum();
        let mut acc = 0.0;
        let mut mix_cdf = [0.0; 4];
        for (c, x) in mix_cdf.iter_mut().zip(w) {
            acc += x / total;
            *c = acc;
        }
        mix_cdf[3] = f64::INFINITY;
        users.push(UsersRt {
            node: i as u32,
            rate: n.p.rate_rps,
            ramp: None,
            spike: 1.0,
            zipf: crate::rng::Zipf::new(n.p.keys, n.p.zipf_s),
            mix_cdf,
            user_base: population,
            pending: VecDeque::new(),
            src_gen: 0,
            gap: (f64::NAN, f64::NAN),
            rng: streams.of(&n.id, Purpose::Arrivals),
            key_rng: streams.of(&n.id, Purpose::Keys),
            cycle: n
                .p
                .diurnal
                .map(|d| super::daily::Cycle::new(d, streams.of(&n.id, Purpose::Daily))),
        });
        population = population.saturating_add(n.p.population);
    }
    let stateful = nodes
        .iter()
        .any(|n| n.kind == Kind::WebServer && n.p.stateful);
    let lost = if stateful {
        vec![0u64; population.div_ceil(64) as usize]
    } else {
        Vec::new()
    };

    let needs_keys = nodes
        .iter()
        .any(|n| n.kind == Kind::ShardRouter || (n.kind == Kind::Cache && n.p.hit_ratio.is_none()));
    let mut sim = Sim {
        now: 0.0,
        q: Queue::default(),
        nodes,
        reqs: Vec::new(),
        free: Vec::new(),
        groups,
        users,
        scalers,
        dcs,
        dc_history: Vec::new(),
        lost,
        faults: s.faults.clone(),
        net: s.network.clone(),
        window_ms: s.window_ms,
        window_start: 0.0,
        metrics_start: 0.0,
        counts: Counts::default(),
        win_counts: Counts::default(),
        hist: LatencyHist::new(),
        class_hist: Default::default(),
        win_hist: LatencyHist::coarse(),
        fail_hist: LatencyHist::new(),
        class_fail_hist: Default::default(),
        win_fail_hist: LatencyHist::coarse(),
        class_counts: Default::default(),
        series: Series::default(),
        events: 0,
        jobs_done: 0,
        population,
        needs_keys,
        arrival_log: None,
        tracer: Default::default(),
        wires,
    };
    for u in 0..sim.users.len() as u32 {
        sim.q.push(0.0, Ev::Source, u);
    }
    for n in 0..sim.nodes.len() as u32 {
        let node = &sim.nodes[n as usize];
        if node.kind == Kind::LoadBalancer {
            sim.q.push(node.p.health_check_ms, Ev::HealthCheck, n);
        }
    }
    for s in 0..sim.scalers.len() as u32 {
        sim.q
            .push(super::control::AUTOSCALE_EVERY_MS, Ev::Autoscale, s);
    }
    for (i, f) in s.faults.iter().enumerate() {
        sim.q.push(f.at_s * 1000.0, Ev::Fault, i as u32);
    }
    sim.q.push(sim.window_ms, Ev::Window, 0);
    Ok(sim)
}

/// Latency of a wire without `latency_ms`, from where its ends are [ms].
fn default_latency(s: &Scenario, nodes: &[NodeRt], a: u32, b: u32) -> f64 {
    let (na, nb) = (&nodes[a as usize], &nodes[b as usize]);
    match (na.dc, nb.dc) {
        (Some(x), Some(y)) if x == y => s.network.intra_dc_ms,
        (Some(_), Some(_)) if na.region == nb.region => s.network.cross_dc_ms,
        (Some(_), Some(_)) => s.network.cross_region_ms,
        _ => s.network.intra_dc_ms,
    }
}
