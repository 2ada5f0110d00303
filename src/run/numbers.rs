//! The live numbers as text: readable by screen readers and by tests. The headline figures
//! are for the last closed window (1 s of simulated time by default): what is happening now.

use scaleboard_sim::{Kind, NodeSnapshot, Scenario, Snapshot};
use yew::prelude::*;

use super::series::Point;
use crate::glossary::term;
use crate::i18n::{self, Text};

#[derive(Properties, PartialEq)]
pub struct NumbersProps {
    /// The document as edited: the design's cost and capacity.
    pub scenario: std::rc::Rc<Scenario>,
    /// The users' timeout and objective of the run being measured, which an edit made during
    /// the run does not change until it restarts; `None` before a run (read from `scenario`).
    #[prop_or_default]
    pub limits: Option<Limits>,
    pub snapshot: Option<std::rc::Rc<Snapshot>>,
    /// The last closed window, if any.
    pub last: Option<Point>,
}

/// A latency for people: "0.85 ms", "12.3 ms", "2.41 s" (in Korean "2.41초", as the lessons
/// write seconds).
pub fn fmt_ms(ms: f64, t: &Text) -> String {
    if !ms.is_finite() || ms <= 0.0 {
        "–".into()
    } else if ms < 1.0 {
        format!("{ms:.2} ms")
    } else if ms < 100.0 {
        format!("{ms:.1} ms")
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        t.secs(ms / 1000.0, 2)
    }
}

/// A rate for people: "850/s", "12.4k/s", "1.20M/s".
pub fn fmt_rate(rps: f64) -> String {
    if rps >= 1e6 {
        format!("{:.2}M/s", rps / 1e6)
    } else if rps >= 1e4 {
        format!("{:.1}k/s", rps / 1e3)
    } else {
        format!("{rps:.0}/s")
    }
}

fn name_of(s: &Scenario, id: &str, t: &Text) -> String {
    s.node(id)
        .map(|n| n.name.as_str())
        .filter(|n| !n.is_empty())
        .map_or_else(|| id.to_string(), |n| t.named(n).into_owned())
}

/// What the users of a scenario put up with, as the headline shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// How long they wait before a request fails: "10 s" ("10초"), or "2 s – 10 s" when the
    /// users nodes differ.
    pub timeouts: String,
    /// Their latency objective, written the same way.
    pub objectives: String,
    /// The strictest objective [ms]; the default when there are no users.
    pub strictest_objective_ms: f64,
}

impl Limits {
    pub fn of(s: &Scenario, t: &Text) -> Limits {
        let objectives = users_ms(s, |p| p.slo_ms);
        Limits {
            timeouts: span(&users_ms(s, |p| p.timeout_ms), t),
            objectives: span(&objectives, t),
            strictest_objective_ms: objectives
                .iter()
                .copied()
                .reduce(f64::min)
                .unwrap_or(2_000.0),
        }
    }
}

/// Below this share of good requests [%] the good tile is marked: more than 1 in 100 users
/// did not get a timely answer.
const GOOD_PCT_MARK: f64 = 99.0;

/// A per-users-node time [ms], one a users node.
fn users_ms(s: &Scenario, ms: fn(&scaleboard_sim::Params) -> f64) -> Vec<f64> {
    s.nodes
        .iter()
        .filter(|n| n.kind == Kind::Users)
        .map(|n| ms(&scaleboard_sim::Params::of(n)))
        .collect()
}

/// Times [ms] as a span of `t`'s seconds: "2 s", or "0.5 s – 2 s"; "–" when there are none.
fn span(all_ms: &[f64], t: &Text) -> String {
    let lo = all_ms.iter().copied().fold(f64::INFINITY, f64::min) / 1000.0;
    let hi = all_ms.iter().copied().fold(0.0, f64::max) / 1000.0;
    // Whole seconds as whole numbers, anything else to a tenth.
    let secs = |v: f64| t.secs(v, if v.fract() == 0.0 { 0 } else { 1 });
    if all_ms.is_empty() {
        "–".into()
    } else if hi - lo < 0.0005 {
        secs(lo)
    } else {
        format!("{} – {}", secs(lo), secs(hi))
    }
}

/// The node doing the most work now, by utilisation in the last window.
pub fn busiest(snap: &Snapshot) -> Option<&NodeSnapshot> {
    snap.nodes
        .iter()
        .filter(|n| n.up && !matches!(n.kind, Kind::Users | Kind::Autoscaler))
        .max_by(|a, b| a.utilization_window.total_cmp(&b.utilization_window))
}

/// What a node's extra column shows, by kind.
fn extra(n: &NodeSnapshot, t: &Text) -> String {
    let mut parts = Vec::new();
    // A cache that is down hits nothing: its ratio so far would read as if it still served.
    if let Some(h) = n.hit_ratio.filter(|_| n.up) {
        parts.push((t.hit_pct)(h * 100.0));
    }
    if let Some(lag) = n.replication_lag_ms {
        parts.push((t.lag)(&fmt_ms(lag, t)));
    }
    if n.kind == Kind::MessageQueue {
        parts.push((t.depth)(n.queue_len));
    }
    parts.join(", ")
}

#[function_component(Numbers)]
pub fn numbers(props: &NumbersProps) -> Html {
    let t = i18n::use_text();
    // At time zero nothing has been measured: say how to start rather than show zeros.
    let Some(snap) = props.snapshot.as_deref().filter(|s| s.now_ms > 0.0) else {
        return html! {
            <section class="numbers" aria-label={t.live_numbers}>
                <super::design::Design scenario={props.scenario.clone()} />
                <p class="hint">{ t.press_play }</p>
            </section>
        };
    };
    let last = props.last.unwrap_or_default();
    let error_pct = last.failed_share() * 100.0;
    let busiest = busiest(snap);
    // p50 and p99 of every request that finished, failures at the moment they failed: the
    // worse an outage, the worse they read (the successful-only figure joins them past 1 %).
    let flagged = last.flagged();
    let limits = props
        .limits
        .clone()
        .unwrap_or_else(|| Limits::of(&props.scenario, t));
    let p99_bad = last.all.p99 > limits.strictest_objective_ms || flagged;
    let good = last.good_pct();
    let good_bad = good.is_some_and(|g| g < GOOD_PCT_MARK);
    html! {
        <section class="numbers" aria-label={t.live_numbers}>
            <super::design::Design scenario={props.scenario.clone()} />
            <dl class="headline">
                <div><dt>{ term("p50", "percentiles", t.lang) }</dt><dd data-metric="p50">{ fmt_ms(last.all.p50, t) }</dd></div>
                <div><dt>{ term("p99", "percentiles", t.lang) }</dt><dd data-metric="p99" class={classes!(p99_bad.then_some("bad"))}>{ fmt_ms(last.all.p99, t) }</dd></div>
                <div><dt>{ term(&(t.good_within)(&limits.objectives), "good", t.lang) }</dt><dd data-metric="good" class={classes!(good_bad.then_some("bad"))}>{
                    good.map_or_else(|| "–".into(), |g| format!("{g:.1} %"))
                }</dd></div>
                if flagged {
                    <div><dt>{ term(t.p99_ok_only, "percentiles", t.lang) }</dt><dd data-metric="p99-ok-only">{ fmt_ms(last.ok_only.p99, t) }</dd></div>
                }
                <div><dt>{ term(t.ok, "throughput", t.lang) }</dt><dd data-metric="ok-rps">{ fmt_rate(last.ok) }</dd></div>
                <div><dt>{ t.failed }</dt><dd data-metric="failed-rps" class={classes!((last.errors() > 0.0).then_some("bad"))}>{ fmt_rate(last.errors()) }</dd></div>
                <div><dt>{ t.errors }</dt><dd data-metric="error-pct">{ format!("{error_pct:.1} %") }</dd></div>
                <div><dt>{ term(t.timeout, "timeout", t.lang) }</dt><dd data-metric="timeout">{ limits.timeouts.clone() }</dd></div>
                <div><dt>{ term(t.busiest, "utilisation", t.lang) }</dt><dd data-metric="busiest">{
                    busiest.map(|n| format!("{} {:.0} %", name_of(&props.scenario, &n.id, t), n.utilization_window * 100.0)).unwrap_or_else(|| "–".into())
                }</dd></div>
            </dl>
            { if last.ok <= 0.0 && last.errors() > 0.0 { html! {
                <p class="why bad" data-metric="why">{ t.all_failed }</p>
            } } else { html! {} } }
            <table class="node-table">
                <thead><tr><th scope="col">{ t.col_node }</th><th scope="col">{ t.col_state }</th><th scope="col">{ term(t.col_util, "utilisation", t.lang) }</th><th scope="col">{ term(t.col_queue, "queue", t.lang) }</th><th scope="col">{ t.col_in }</th><th scope="col">{ "" }</th></tr></thead>
                <tbody>
                { for snap.nodes.iter().filter(|n| !matches!(n.kind, Kind::Users | Kind::Autoscaler)).map(|n| html! {
                    <tr data-node={n.id.clone()} class={classes!((!n.up).then_some("down"))}>
                        <th scope="row">{ name_of(&props.scenario, &n.id, t) }</th>
                        <td data-col="state">{ if !n.up { t.state_down } else if n.parked { t.state_parked } else { t.state_up } }</td>
                        <td data-col="util">{ format!("{:.0} %", n.utilization_window * 100.0) }</td>
                        <td data-col="queue">{ n.queue_len }</td>
                        <td data-col="in">{ fmt_rate(if props.last.is_some() { n.arrival_rps_window } else { n.arrival_rps }) }</td>
                        <td data-col="extra">{ extra(n, t) }</td>
                    </tr>
                }) }
                </tbody>
            </table>
        </section>
    }
}
