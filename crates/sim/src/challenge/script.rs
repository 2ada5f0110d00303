//! A design as a challenge grades it: the challenge's traffic in its users nodes, the script's
//! steps turned into the scenario format's faults on the design's own ids, and nothing of the
//! design's own that could change the run's terms (its scheduled faults, window, network
//! defaults).
//!
//! Traffic sources find their users node in this order: the users node with the source's id;
//! else a users node in the source's region; else, when one source and one users node are
//! left, that one. Every source must find one, and every users node must be found: a design
//! cannot add traffic of its own or drop some of the challenge's.
//!
//! A step's target is resolved against the design as drawn, before the run: "every primary
//! database" at 20 s and again at 60 s are the same nodes, whatever failover did in between.

use super::{Challenge, Pick, Source, Step, Target};
use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::params::Params;
use crate::scenario::{Action, Fault, Node, Scenario};
use serde::Serialize;

/// A design ready to compile and run for a challenge.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// The design with the challenge's traffic, its script as faults, 1 s windows.
    pub scenario: Scenario,
    /// Each step of the script and what it hit, in script order.
    pub steps: Vec<StepLine>,
}

/// One step of the script as it met a design.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepLine {
    /// Its place in the script.
    pub index: usize,
    /// When [s of simulated time].
    pub at_s: f64,
    pub action: Action,
    /// The ids it hit: nodes, or data centers for a data-center action. Empty: the design has
    /// nothing it aims at, and the challenge is failed, plainly.
    pub hit: Vec<String>,
    /// Their names as the design shows them.
    pub names: Vec<String>,
}

/// `design` as `c` grades it, or the problems that keep it from running.
#[inline(never)]
pub fn prepare(c: &Challenge, design: &Scenario) -> Result<Prepared, Vec<Diagnostic>> {
    let mut s = design.clone();
    s.faults.clear();
    s.window_ms = 1000.0;
    s.network = c.start.network.clone();
    let homes = match_sources(&c.traffic, &s)?;
    for (src, &i) in c.traffic.iter().zip(&homes) {
        let n = &mut s.nodes[i];
        let pinned = super::load::users_node(src);
        *n = Node {
            id: n.id.clone(),
            name: n.name.clone(),
            x: n.x,
            y: n.y,
            dc: n.dc.clone(),
            ..pinned
        };
    }
    let problems = crate::validate(&s);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut busy: Option<crate::cost::Estimate> = None;
    let mut steps = Vec::new();
    let mut faults = Vec::new();
    for (index, step) in c.script.iter().enumerate() {
        let hit = resolve(step, c, &s, &homes, &mut busy);
        let names = hit.iter().map(|id| name_of(&s, step.action, id)).collect();
        for id in &hit {
            faults.push(fault(step, id));
        }
        steps.push(StepLine {
            index,
            at_s: step.at_s,
            action: step.action,
            hit,
            names,
        });
    }
    // The engine applies faults of the same time in list order: keep the script's.
    faults.sort_by(|a, b| a.at_s.total_cmp(&b.at_s));
    s.faults = faults;
    Ok(Prepared { scenario: s, steps })
}

/// The index of the users node each source comes from, or what is missing.
fn match_sources(sources: &[Source], s: &Scenario) -> Result<Vec<usize>, Vec<Diagnostic>> {
    let users: Vec<usize> = (0..s.nodes.len())
        .filter(|&i| s.nodes[i].kind == Kind::Users)
        .collect();
    let mut home: Vec<Option<usize>> = vec![None; sources.len()];
    let mut taken = vec![false; s.nodes.len()];
    let mut claim = |home: &mut Vec<Option<usize>>, k: usize, pick: &dyn Fn(&Node) -> bool| {
        if home[k].is_some() {
            return;
        }
        if let Some(&i) = users.iter().find(|&&i| !taken[i] && pick(&s.nodes[i])) {
            home[k] = Some(i);
            taken[i] = true;
        }
    };
    for (k, src) in sources.iter().enumerate() {
        claim(&mut home, k, &|n| n.id == src.users);
    }
    for (k, src) in sources.iter().enumerate() {
        if let Some(region) = src.region.as_deref().filter(|r| !r.is_empty()) {
            claim(&mut home, k, &|n| n.region.as_deref() == Some(region));
        }
    }
    let left: Vec<usize> = (0..sources.len()).filter(|&k| home[k].is_none()).collect();
    let free: Vec<&usize> = users.iter().filter(|&&i| !taken[i]).collect();
    if let ([k], [&i]) = (left.as_slice(), free.as_slice()) {
        home[*k] = Some(i);
        taken[i] = true;
    }
    let mut d = Vec::new();
    for (k, src) in sources.iter().enumerate() {
        if home[k].is_none() {
            let region = src
                .region
                .as_deref()
                .map_or(String::new(), |r| format!(" in region \"{r}\""));
            d.push(Diagnostic::new(
                "nodes",
                format!(
                    "the challenge's traffic comes from a users node \"{}\"{region}, and the design has none left to send it: add a users node",
                    src.users
                ),
            ));
        }
    }
    for &i in &users {
        if !taken[i] {
            d.push(Diagnostic::new(
                format!("nodes[{}]", s.nodes[i].id),
                "sends traffic the challenge does not: the challenge decides the traffic, so remove this users node",
            ));
        }
    }
    if d.is_empty() {
        Ok(home.into_iter().flatten().collect())
    } else {
        Err(d)
    }
}

/// The ids `step` hits in `s`, in document order.
fn resolve(
    step: &Step,
    c: &Challenge,
    s: &Scenario,
    homes: &[usize],
    busy: &mut Option<crate::cost::Estimate>,
) -> Vec<String> {
    let t = &step.target;
    let estimate = |busy: &mut Option<crate::cost::Estimate>| -> crate::cost::Estimate {
        busy.get_or_insert_with(|| crate::cost::estimate(s)).clone()
    };
    match step.action {
        Action::DcOutage | Action::DcRestore => {
            let found: Vec<usize> = (0..s.data_centers.len())
                .filter(|&i| {
                    let dc = &s.data_centers[i];
                    t.id.as_ref().is_none_or(|id| &dc.id == id)
                        && t.region.as_ref().is_none_or(|r| &dc.region == r)
                        // A data center that holds nothing is nothing to lose.
                        && s.nodes.iter().any(|n| n.dc.as_deref() == Some(dc.id.as_str()))
                })
                .collect();
            let load = |i: usize, e: &crate::cost::Estimate| -> f64 {
                let id = &s.data_centers[i].id;
                s.nodes
                    .iter()
                    .zip(&e.nodes)
                    .filter(|(n, _)| n.dc.as_deref() == Some(id.as_str()))
                    .map(|(_, l)| l.offered_rps)
                    .sum()
            };
            pick(t, found, |i| load(i, &estimate(busy)))
                .into_iter()
                .map(|i| s.data_centers[i].id.clone())
                .collect()
        }
        Action::SetRate | Action::Ramp | Action::Spike => {
            let found: Vec<usize> = (0..c.traffic.len())
                .filter(|&k| {
                    let src = &c.traffic[k];
                    t.id.as_ref().is_none_or(|id| &src.users == id)
                        && t.region
                            .as_ref()
                            .is_none_or(|r| src.region.as_ref() == Some(r))
                })
                .collect();
            pick(t, found, |k| c.traffic[k].rate_rps)
                .into_iter()
                .map(|k| s.nodes[homes[k]].id.clone())
                .collect()
        }
        // Rejected by `validate_challenge`: a step never names a wire.
        Action::Cut | Action::Restore | Action::Latency => Vec::new(),
        Action::Fail | Action::Recover | Action::Slow => {
            let found: Vec<usize> = (0..s.nodes.len())
                .filter(|&i| node_matches(t, &s.nodes[i], s))
                .collect();
            pick(t, found, |i| {
                estimate(busy).nodes.get(i).map_or(0.0, |l| l.utilization)
            })
            .into_iter()
            .map(|i| s.nodes[i].id.clone())
            .collect()
        }
    }
}

/// The matches `pick` keeps: all, the first, or the one with the highest `load` (the first of
/// equals).
fn pick(t: &Target, found: Vec<usize>, mut load: impl FnMut(usize) -> f64) -> Vec<usize> {
    match t.pick {
        Pick::All => found,
        Pick::First => found.into_iter().take(1).collect(),
        Pick::Busiest => {
            let mut best: Option<(usize, f64)> = None;
            for i in found {
                let l = load(i);
                if best.is_none_or(|(_, b)| l > b) {
                    best = Some((i, l));
                }
            }
            best.map(|(i, _)| i).into_iter().collect()
        }
    }
}

fn node_matches(t: &Target, n: &Node, s: &Scenario) -> bool {
    let region = || {
        let dc = n.dc.as_deref()?;
        s.data_centers
            .iter()
            .find(|d| d.id == dc)
            .map(|d| d.region.as_str())
    };
    t.id.as_ref().is_none_or(|id| &n.id == id)
        && t.kind.is_none_or(|k| n.kind == k)
        // A database with no role is a primary (of a group of one).
        && t.role.is_none_or(|r| n.kind == Kind::Database && Params::of(n).role == r)
        && t.region.as_deref().is_none_or(|r| region() == Some(r))
}

/// The scenario fault that carries `step` out on `id`.
fn fault(step: &Step, id: &str) -> Fault {
    let dc_action = matches!(step.action, Action::DcOutage | Action::DcRestore);
    Fault {
        at_s: step.at_s,
        action: step.action,
        node: (!dc_action).then(|| id.to_string()),
        dc: dc_action.then(|| id.to_string()),
        factor: step.factor,
        rate_rps: step.rate_rps,
        duration_s: step.duration_s,
        from: None,
        to: None,
        delay_ms: None,
    }
}

/// What the design calls node or data center `id`.
fn name_of(s: &Scenario, action: Action, id: &str) -> String {
    let name = if matches!(action, Action::DcOutage | Action::DcRestore) {
        s.data_centers
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.clone())
    } else {
        s.node(id).map(|n| n.name.clone())
    };
    name.filter(|n| !n.is_empty())
        .unwrap_or_else(|| id.to_string())
}
