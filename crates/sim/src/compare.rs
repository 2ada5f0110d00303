//! Two designs on the same traffic: the figures a comparison shows for each (latency, errors,
//! good answers, throughput, cost, capacity, bottleneck), their differences, and one sentence
//! that says what B changes. The runs themselves see the same requests when both designs share
//! their users nodes (common random numbers, `rng::Streams`).

use serde::Serialize;

use crate::cost;
use crate::engine::Snapshot;
use crate::scenario::{Action, Scenario};

/// Below this error ratio a design "holds" [fraction of attempts]: 1 %.
const HOLDS_BELOW: f64 = 0.01;

/// What a comparison shows of one design's run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    /// The design's name.
    pub name: String,
    /// Median and 99th percentile latency of every finished attempt, failures included [ms].
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Failed attempts [% of attempts].
    pub error_pct: f64,
    /// Attempts answered in time [% of finished attempts].
    pub good_pct: f64,
    /// Successful requests per second [requests/s].
    pub throughput_rps: f64,
    /// [USD per month].
    pub monthly_usd: f64,
    /// The traffic at which the bottleneck saturates [requests/s]; `None` (JSON null) when no
    /// node limits it.
    pub capacity_rps: Option<f64>,
    /// The node that saturates first, by name.
    pub bottleneck: Option<String>,
}

impl Figures {
    /// The figures of design `s` after a run that ended in `snap`.
    pub fn of(s: &Scenario, snap: &Snapshot) -> Figures {
        let e = cost::estimate(s);
        let name_of = |id: &str| {
            s.nodes
                .iter()
                .find(|n| n.id == id)
                .map_or_else(|| id.to_string(), |n| n.name.clone())
        };
        Figures {
            name: s.name.clone(),
            p50_ms: snap.latency_all.p50,
            p99_ms: snap.latency_all.p99,
            error_pct: snap.error_ratio * 100.0,
            good_pct: snap.good_ratio * 100.0,
            throughput_rps: snap.throughput_rps,
            monthly_usd: e.monthly_usd,
            capacity_rps: e.capacity_rps.is_finite().then_some(e.capacity_rps),
            bottleneck: e.bottleneck.as_deref().map(name_of),
        }
    }
}

/// Run `s` with `seed`: `warmup_ms` unmeasured, then `duration_ms` measured [ms]. What
/// `scaleboard run` and `scaleboard compare` report.
pub fn measure(
    s: &Scenario,
    seed: u64,
    warmup_ms: f64,
    duration_ms: f64,
) -> Result<Snapshot, Vec<crate::Diagnostic>> {
    measure_sim(s, seed, warmup_ms, duration_ms, |_| {}).map(|sim| sim.snapshot())
}

/// The run of [`measure`], `prepare`d first (tracing turned on, for instance): the simulation
/// as it ends, for what a snapshot does not carry.
pub fn measure_sim(
    s: &Scenario,
    seed: u64,
    warmup_ms: f64,
    duration_ms: f64,
    prepare: impl FnOnce(&mut crate::Sim),
) -> Result<crate::Sim, Vec<crate::Diagnostic>> {
    let mut s = s.clone();
    s.seed = seed;
    let mut sim = crate::compile(&s)?;
    prepare(&mut sim);
    sim.run_until(warmup_ms);
    sim.reset_metrics();
    sim.run_until(warmup_ms + duration_ms);
    Ok(sim)
}

/// B minus A, figure by figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Delta {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub error_pct: f64,
    pub good_pct: f64,
    pub throughput_rps: f64,
    pub monthly_usd: f64,
    /// `None` when either capacity is unlimited.
    pub capacity_rps: Option<f64>,
}

/// Two designs' figures and what B changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub a: Figures,
    pub b: Figures,
    pub delta: Delta,
    /// Both designs send the same traffic: the same users nodes (ids and parameters) and the
    /// same changes to their rates. Then, with one seed, they emit the same requests.
    pub same_traffic: bool,
    /// One sentence: "B: p99 -170 ms, +$300/month, survives the failure of Cache".
    pub sentence: String,
}

/// Whether `a` and `b` send the same requests given one seed: the same users nodes, as the
/// engine sees them, and the same rate changes in their scripts.
pub fn same_traffic(a: &Scenario, b: &Scenario) -> bool {
    use crate::Kind;
    let users = |s: &Scenario| {
        let mut v: Vec<_> = s
            .nodes
            .iter()
            .filter(|n| n.kind == Kind::Users)
            .map(|n| n.unplaced())
            .collect();
        v.sort_by(|x, y| x.id.cmp(&y.id));
        v
    };
    let rates = |s: &Scenario| {
        s.faults
            .iter()
            .filter(|f| matches!(f.action, Action::SetRate | Action::Ramp | Action::Spike))
            .cloned()
            .collect::<Vec<_>>()
    };
    users(a) == users(b) && rates(a) == rates(b)
}

/// Compare B with A. `faults` describes what both went through (B's fault script), for the
/// sentence; `same_traffic` is [`same_traffic`] of the two designs.
pub fn compare(a: Figures, b: Figures, faults: &Scenario, same_traffic: bool) -> Comparison {
    let delta = Delta {
        p50_ms: b.p50_ms - a.p50_ms,
        p99_ms: b.p99_ms - a.p99_ms,
        error_pct: b.error_pct - a.error_pct,
        good_pct: b.good_pct - a.good_pct,
        throughput_rps: b.throughput_rps - a.throughput_rps,
        monthly_usd: b.monthly_usd - a.monthly_usd,
        capacity_rps: a.capacity_rps.zip(b.capacity_rps).map(|(x, y)| y - x),
    };
    let sentence = sentence(&a, &b, &delta, &trouble(faults));
    Comparison {
        a,
        b,
        delta,
        same_traffic,
        sentence,
    }
}

/// What went wrong during the run, in words ("the failure of Cache"), joined by "and".
pub fn trouble(s: &Scenario) -> String {
    let node = |id: &Option<String>| {
        let id = id.as_deref().unwrap_or("?");
        s.nodes
            .iter()
            .find(|n| n.id == id)
            .map_or(id, |n| n.name.as_str())
            .to_string()
    };
    let dc = |id: &Option<String>| {
        let id = id.as_deref().unwrap_or("?");
        s.data_centers
            .iter()
            .find(|d| d.id == id)
            .map_or(id, |d| d.name.as_str())
            .to_string()
    };
    let parts: Vec<String> = s
        .faults
        .iter()
        .filter_map(|f| match f.action {
            Action::Fail => Some(format!("the failure of {}", node(&f.node))),
            Action::DcOutage => Some(format!("the outage of {}", dc(&f.dc))),
            Action::Slow if f.factor.is_some_and(|x| x > 1.0) => {
                Some(format!("{} slowing down", node(&f.node)))
            }
            Action::Spike => Some(format!("the spike at {}", node(&f.node))),
            _ => None,
        })
        .collect();
    parts.join(" and ")
}

/// "B: p99 -170 ms, +$300/month, survives the failure of Cache".
fn sentence(a: &Figures, b: &Figures, d: &Delta, trouble: &str) -> String {
    let mut parts = Vec::new();
    parts.push(if d.p99_ms.abs() < 0.5 {
        "the same p99".to_string()
    } else {
        format!("p99 {} ms", signed(d.p99_ms, 0))
    });
    parts.push(if d.monthly_usd.abs() < 0.5 {
        "the same cost".to_string()
    } else {
        format!(
            "{}${:.0}/month",
            if d.monthly_usd > 0.0 { "+" } else { "-" },
            d.monthly_usd.abs()
        )
    });
    let holds = |f: &Figures| f.error_pct < HOLDS_BELOW * 100.0;
    let under = if trouble.is_empty() {
        String::new()
    } else {
        format!(" {trouble}")
    };
    match (holds(a), holds(b)) {
        (false, true) if !trouble.is_empty() => parts.push(format!("survives{under}")),
        (false, true) => parts.push(format!(
            "errors {:.1} % -> {:.1} %",
            a.error_pct, b.error_pct
        )),
        (true, false) if !trouble.is_empty() => parts.push(format!("fails under{under}")),
        (true, false) | (false, false) => parts.push(format!(
            "errors {:.1} % -> {:.1} %",
            a.error_pct, b.error_pct
        )),
        (true, true) => {}
    }
    format!("B: {}", parts.join(", "))
}

/// `v` with its sign, `digits` decimals: "+3", "-170".
pub fn signed(v: f64, digits: usize) -> String {
    let s = format!("{:.*}", digits, v.abs());
    if s.chars().all(|c| c == '0' || c == '.') {
        return s;
    }
    format!("{}{s}", if v < 0.0 { "-" } else { "+" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(p99: f64, errors: f64, usd: f64) -> Figures {
        Figures {
            name: "x".into(),
            p50_ms: 10.0,
            p99_ms: p99,
            error_pct: errors,
            good_pct: 100.0 - errors,
            throughput_rps: 100.0,
            monthly_usd: usd,
            capacity_rps: Some(1000.0),
            bottleneck: None,
        }
    }

    fn with_cache_failing() -> Scenario {
        let mut s: Scenario = serde_json::from_str(
            r#"{"version":1,"name":"s","nodes":[{"id":"cache","kind":"cache","name":"Cache","x":0,"y":0}],
                "wires":[],"faults":[{"at_s":10,"action":"fail","node":"cache"}]}"#,
        )
        .expect("a scenario");
        s.seed = 1;
        s
    }

    #[test]
    fn the_sentence_says_latency_cost_and_survival() {
        let c = compare(
            figures(300.0, 12.0, 900.0),
            figures(130.0, 0.2, 1200.0),
            &with_cache_failing(),
            true,
        );
        assert_eq!(
            c.sentence,
            "B: p99 -170 ms, +$300/month, survives the failure of Cache"
        );
        assert_eq!(c.delta.p99_ms, -170.0);
        assert_eq!(c.delta.monthly_usd, 300.0);
        let worse = compare(
            figures(130.0, 0.2, 1200.0),
            figures(300.0, 12.0, 900.0),
            &with_cache_failing(),
            true,
        );
        assert_eq!(
            worse.sentence,
            "B: p99 +170 ms, -$300/month, fails under the failure of Cache"
        );
        let same = compare(
            figures(100.0, 0.0, 50.0),
            figures(100.0, 0.0, 50.0),
            &with_cache_failing(),
            true,
        );
        assert_eq!(same.sentence, "B: the same p99, the same cost");
    }

    #[test]
    fn signs_are_shown_and_zero_has_none() {
        assert_eq!(signed(3.2, 0), "+3");
        assert_eq!(signed(-170.0, 0), "-170");
        assert_eq!(signed(-0.01, 1), "0.0");
    }
}
