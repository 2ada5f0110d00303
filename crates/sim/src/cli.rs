//! Output of the `scaleboard` command line: durations and the summary in JSON, CSV or a table,
//! and the slowest requests' traces (`--trace-slowest`, in `cli/traces.rs`).
//! Lives in the library so it is unit-tested and the JSON keys are one documented type.

use crate::engine::{BreakerState, Snapshot};
use crate::scenario::Scenario;
use serde::Serialize;
use std::fmt::Write as _;
use std::str::FromStr;

mod traces;
pub use traces::{parse_trace_count, traces_table, MAX_TRACES};
mod sweep;
pub use sweep::render_sweep;

/// Output format of `scaleboard run`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Table,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "table" => Ok(Format::Table),
            _ => Err(format!("unknown format \"{s}\" (json, csv or table)")),
        }
    }
}

/// "60s", "500ms", "2m", "1h" or a bare number of seconds -> [ms].
pub fn parse_duration_ms(s: &str) -> Result<f64, String> {
    let s = s.trim();
    let (num, unit) = match s.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => s.split_at(i),
        None => (s, "s"),
    };
    let scale = match unit {
        "ms" => 1.0,
        "s" => 1_000.0,
        "m" => 60_000.0,
        "h" => 3_600_000.0,
        _ => return Err(format!("bad duration \"{s}\": use ms, s, m or h")),
    };
    match num.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 && v * scale <= 365.0 * 86_400_000.0 => Ok(v * scale),
        _ => Err(format!("bad duration \"{s}\"")),
    }
}

/// The JSON document `scaleboard run --format json` prints.
#[derive(Serialize)]
pub struct Summary<'a> {
    pub scenario: &'a str,
    pub seed: u64,
    #[serde(flatten)]
    pub snapshot: &'a Snapshot,
    /// `run --trace-slowest N`: the N slowest requests, slowest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traces: Option<&'a [crate::trace::Trace]>,
}

/// One side of `scaleboard compare --format json`: the run's summary and the compared figures.
#[derive(Serialize)]
pub struct Side<'a> {
    #[serde(flatten)]
    pub summary: Summary<'a>,
    pub figures: &'a crate::compare::Figures,
}

/// The JSON document `scaleboard compare --format json` prints.
#[derive(Serialize)]
pub struct CompareJson<'a> {
    pub a: Side<'a>,
    pub b: Side<'a>,
    pub delta: &'a crate::compare::Delta,
    pub same_traffic: bool,
    pub sentence: &'a str,
}

/// Render a comparison of `a` and `b` (run with `seed`) in `format` (CSV is refused by the
/// caller: a comparison is not one table of nodes).
pub fn render_compare(
    (a, snap_a): (&Scenario, &Snapshot),
    (b, snap_b): (&Scenario, &Snapshot),
    seed: u64,
    c: &crate::compare::Comparison,
    format: Format,
) -> String {
    match format {
        Format::Json => {
            fn side<'a>(
                s: &'a Scenario,
                snapshot: &'a Snapshot,
                figures: &'a crate::compare::Figures,
                seed: u64,
            ) -> Side<'a> {
                Side {
                    summary: Summary {
                        scenario: &s.name,
                        seed,
                        snapshot,
                        traces: None,
                    },
                    figures,
                }
            }
            let doc = CompareJson {
                a: side(a, snap_a, &c.a, seed),
                b: side(b, snap_b, &c.b, seed),
                delta: &c.delta,
                same_traffic: c.same_traffic,
                sentence: &c.sentence,
            };
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
        _ => compare_table(c, seed, snap_a.measured_ms),
    }
}

fn compare_table(c: &crate::compare::Comparison, seed: u64, measured_ms: f64) -> String {
    use crate::compare::signed;
    let mut o = String::new();
    let traffic = if c.same_traffic {
        "the same traffic"
    } else {
        "different traffic (their users nodes or rate changes differ)"
    };
    let _ = writeln!(
        o,
        "A: {}\nB: {}\n{traffic}, seed {seed}, {:.1} s measured",
        c.a.name,
        c.b.name,
        measured_ms / 1000.0
    );
    let (a, b, d) = (&c.a, &c.b, &c.delta);
    let cap = |v: Option<f64>| v.map_or("unlimited".to_string(), |v| format!("{v:.0}"));
    // A figure of both, and B - A, to `p` decimals.
    let row = |what: &'static str, x: f64, y: f64, dd: f64, p: usize| {
        (what, format!("{x:.p$}"), format!("{y:.p$}"), signed(dd, p))
    };
    let rows = [
        row("p50 [ms]", a.p50_ms, b.p50_ms, d.p50_ms, 1),
        row("p99 [ms]", a.p99_ms, b.p99_ms, d.p99_ms, 1),
        row("errors [%]", a.error_pct, b.error_pct, d.error_pct, 2),
        row("good [%]", a.good_pct, b.good_pct, d.good_pct, 2),
        row(
            "throughput [ok/s]",
            a.throughput_rps,
            b.throughput_rps,
            d.throughput_rps,
            1,
        ),
        row(
            "cost [$/month]",
            a.monthly_usd,
            b.monthly_usd,
            d.monthly_usd,
            0,
        ),
        (
            "capacity [req/s]",
            cap(a.capacity_rps),
            cap(b.capacity_rps),
            d.capacity_rps.map_or("-".into(), |v| signed(v, 0)),
        ),
        (
            "bottleneck",
            a.bottleneck.clone().unwrap_or("-".into()),
            b.bottleneck.clone().unwrap_or("-".into()),
            String::new(),
        ),
    ];
    let _ = writeln!(o, "{:<18} {:>14} {:>14} {:>12}", "", "A", "B", "B - A");
    for (what, x, y, dd) in rows {
        let _ = writeln!(o, "{what:<18} {x:>14} {y:>14} {dd:>12}");
    }
    let _ = writeln!(o, "{}", c.sentence);
    o
}

/// One objective of `scaleboard grade --format json`.
#[derive(Serialize)]
pub struct ObjectiveJson {
    pub metric: &'static str,
    /// What the metric is, in words.
    pub label: &'static str,
    pub unit: &'static str,
    /// The bound: exactly one of the two.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// `null` for a capacity no component limits.
    pub value: Option<f64>,
    pub met: bool,
    pub pass: bool,
}

/// The JSON document `scaleboard grade --format json` prints.
#[derive(Serialize)]
pub struct GradeJson<'a> {
    pub challenge: &'a str,
    pub title: &'a str,
    pub design: &'a str,
    pub seed: u64,
    pub measured_s: f64,
    pub passed: bool,
    pub objectives: Vec<ObjectiveJson>,
    pub script: &'a [crate::challenge::StepLine],
}

/// An objective's bound in words: "≤ 2000 ms".
pub fn bound_text(m: crate::challenge::Metric, b: crate::challenge::Bound) -> String {
    format!("{} {}", b.sign(), value_text(m, Some(b.limit())))
}

/// A value with its unit: "812.5 ms", "0.31 %", "$1480/month", "unlimited".
pub fn value_text(m: crate::challenge::Metric, v: Option<f64>) -> String {
    use crate::challenge::Metric;
    let Some(v) = v else {
        return "unlimited".to_string();
    };
    let n = format!("{:.*}", m.decimals(), v);
    match m {
        Metric::MonthlyUsd => format!("${n}/month"),
        Metric::GoodPct | Metric::ErrorPct => format!("{n} %"),
        _ => format!("{n} {}", m.unit()),
    }
}

/// A step of the script in words: "at 20 s, fail: Primary", or what it missed.
pub fn step_text(l: &crate::challenge::StepLine) -> String {
    let action = serde_json::to_value(l.action)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let what = if l.hit.is_empty() {
        "nothing to hit: the design has no such component, so it cannot show it survives this"
            .to_string()
    } else {
        l.names.join(", ")
    };
    format!("at {} s, {action}: {what}", l.at_s)
}

/// Render the grade of a design.
pub fn render_grade(
    c: &crate::challenge::Challenge,
    r: &crate::challenge::Report,
    format: Format,
) -> String {
    if format == Format::Json {
        let doc = GradeJson {
            challenge: &c.id,
            title: &c.en.title,
            design: &r.design,
            seed: r.seed,
            measured_s: r.measured_s,
            passed: r.passed,
            objectives: r
                .lines
                .iter()
                .map(|l| {
                    let (max, min) = match l.bound {
                        crate::challenge::Bound::Max(v) => (Some(v), None),
                        crate::challenge::Bound::Min(v) => (None, Some(v)),
                    };
                    ObjectiveJson {
                        metric: l.metric.key(),
                        label: l.metric.label(),
                        unit: l.metric.unit(),
                        max,
                        min,
                        value: l.value,
                        met: l.met,
                        pass: l.pass,
                    }
                })
                .collect(),
            script: &r.script,
        };
        return serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    }
    let mut o = String::new();
    let _ = writeln!(o, "{} ({})", c.en.title, c.id);
    let _ = writeln!(
        o,
        "design \"{}\", seed {}, {:.1} s measured after {:.1} s of warm-up",
        r.design, r.seed, r.measured_s, c.warmup_s
    );
    let _ = writeln!(
        o,
        "{:<28} {:>18} {:>18}  result",
        "objective", "target", "measured"
    );
    for l in &r.lines {
        let result = match (l.met, l.pass) {
            (_, true) => "pass",
            (true, false) => "FAIL (script missed)",
            (false, false) => "FAIL",
        };
        let _ = writeln!(
            o,
            "{:<28} {:>18} {:>18}  {result}",
            l.metric.label(),
            bound_text(l.metric, l.bound),
            value_text(l.metric, l.value)
        );
    }
    if !r.script.is_empty() {
        let _ = writeln!(o, "script:");
        for l in &r.script {
            let _ = writeln!(o, "  {}", step_text(l));
        }
    }
    let failed = r.lines.iter().filter(|l| !l.pass).count();
    if r.passed {
        let _ = writeln!(o, "PASSED: every objective met");
    } else if r.missed().next().is_some() {
        let _ = writeln!(
            o,
            "FAILED: the script found nothing to hit in this design, so no objective counts"
        );
    } else {
        let _ = writeln!(o, "FAILED: {failed} of {} objectives missed", r.lines.len());
    }
    o
}

/// Render the summary of a run.
pub fn render(s: &Scenario, snap: &Snapshot, format: Format) -> String {
    render_traced(s, snap, None, format)
}

/// Render the summary of a run and, after it, the slowest requests' `traces` (a `"traces"`
/// array in JSON, a table per trace; CSV has no place for them and is refused by the caller).
pub fn render_traced(
    s: &Scenario,
    snap: &Snapshot,
    traces: Option<&[crate::trace::Trace]>,
    format: Format,
) -> String {
    match format {
        Format::Json => {
            let summary = Summary {
                scenario: &s.name,
                seed: s.seed,
                snapshot: snap,
                traces,
            };
            let mut doc = serde_json::to_value(&summary).unwrap_or_default();
            with_theory(&mut doc, s, snap);
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
        Format::Csv => csv(snap),
        Format::Table => {
            table(s, snap) + &theory_table(s, snap) + &traces.map_or(String::new(), traces_table)
        }
    }
}

/// Each node of a run's JSON gains `theory`: the prediction beside the measurement, and the
/// note in words.
fn with_theory(doc: &mut serde_json::Value, s: &Scenario, snap: &Snapshot) {
    let Some(nodes) = doc.get_mut("nodes").and_then(|n| n.as_array_mut()) else {
        return;
    };
    for (node, p) in nodes
        .iter_mut()
        .zip(crate::theory::predict_all(s, &snap.nodes))
    {
        let mut t = serde_json::to_value(&p).unwrap_or_default();
        if let (Some(obj), Some(note)) = (t.as_object_mut(), p.note) {
            obj.insert(
                "note_text".into(),
                note.text(crate::journey::Lang::En).into(),
            );
        }
        if let Some(obj) = node.as_object_mut() {
            obj.insert("theory".into(), t);
        }
    }
}

/// "Theory vs measured": one row per serving node (a node with a service time), predicted |
/// measured, the model named and, where no formula applies, why.
pub fn theory_table(s: &Scenario, snap: &Snapshot) -> String {
    use crate::theory::Model;
    let preds = crate::theory::predict_all(s, &snap.nodes);
    let mut o = String::from(
        "theory vs measured (predicted | measured; waiting = in line, before being served)\n",
    );
    let _ = writeln!(
        o,
        "{:<16} {:<13} {:>6} {:>15} {:>19} {:>19}  note",
        "node", "model", "rho", "P(wait)", "mean wait ms", "p99 in node ms"
    );
    let pair = |p: Option<f64>, m: Option<f64>, d: usize| {
        let f = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.d$}"));
        format!("{} | {}", f(p), f(m))
    };
    let mut approximate = false;
    for (n, p) in snap.nodes.iter().zip(&preds) {
        if n.queueing.is_none() {
            continue;
        }
        approximate |= p.model == Model::AllenCunneen;
        let model = match p.model {
            Model::ErlangC => "Erlang C",
            Model::AllenCunneen => "Allen-Cunneen",
            Model::None => "none",
        };
        let m = &p.measured;
        let _ = writeln!(
            o,
            "{:<16} {:<13} {:>6.3} {:>15} {:>19} {:>19}  {}",
            n.id,
            model,
            p.utilisation,
            pair(p.p_wait, m.p_wait, 3),
            pair(p.mean_wait_ms, m.mean_wait_ms, 2),
            pair(p.p99_ms, m.p99_ms, 1),
            p.note
                .map_or(String::new(), |x| x.text(crate::journey::Lang::En).into())
        );
    }
    let _ = writeln!(
        o,
        "Erlang C: exact M/M/c, for Poisson input and exponential service."
    );
    if approximate {
        let _ = writeln!(
            o,
            "Allen-Cunneen: approximation, Wq = C(c,a) (ca2 + cs2)/2 E[S]/(c - a) with the measured ca2; p99: {}.",
            Model::AllenCunneen.p99_method(crate::journey::Lang::En)
        );
    }
    o
}

fn opt(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v:.4}"))
}

/// One line per node, after a header; totals in the first line as node "total". Latency
/// columns are of successful requests, `*_all_ms` of every finished attempt.
fn csv(snap: &Snapshot) -> String {
    let mut o = String::from("node,kind,arrivals,arrival_rps,utilization,mean_in_system,mean_sojourn_ms,hit_ratio,ok,timeout,rejected,node_down,session_lost,throttled,shed,p50_ms,p99_ms,p999_ms,p50_all_ms,p99_all_ms,p999_all_ms,good_ratio\n");
    let c = snap.counts;
    let l = snap.latency;
    let a = snap.latency_all;
    let _ = writeln!(
        o,
        "total,,{},{:.3},,,{:.4},,{},{},{},{},{},{},{},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.5}",
        c.finished(),
        snap.throughput_rps,
        l.mean,
        c.ok,
        c.timeout,
        c.rejected,
        c.node_down,
        c.session_lost,
        c.throttled,
        snap.nodes.iter().map(|n| n.shed).sum::<u64>(),
        l.p50,
        l.p99,
        l.p999,
        a.p50,
        a.p99,
        a.p999,
        snap.good_ratio
    );
    for n in &snap.nodes {
        let _ = writeln!(
            o,
            "{},{},{},{:.3},{:.4},{:.4},{:.4},{},,,,,,{},{},,,,,,,",
            n.id,
            n.kind.key(),
            n.arrivals,
            n.arrival_rps,
            n.utilization,
            n.mean_in_system,
            n.mean_sojourn_ms,
            opt(n.hit_ratio),
            n.throttled,
            n.shed
        );
    }
    o
}

/// What a node's defences turned away, when they did: "  throttled 12  shed 3".
fn turned_away(n: &crate::NodeSnapshot) -> String {
    let mut o = String::new();
    if n.throttled > 0 {
        let _ = write!(o, "  throttled {}", n.throttled);
    }
    if n.shed > 0 {
        let _ = write!(o, "  shed {}", n.shed);
    }
    o
}

/// The users nodes' latency objectives: "2000 ms", or "500 ms, 2000 ms" when they differ.
fn objectives(s: &Scenario) -> String {
    let mut all: Vec<f64> = s
        .nodes
        .iter()
        .filter(|n| n.kind == crate::Kind::Users)
        .map(|n| crate::Params::of(n).slo_ms)
        .collect();
    all.sort_by(f64::total_cmp);
    all.dedup();
    let ms: Vec<String> = all.iter().map(|v| format!("{v} ms")).collect();
    ms.join(", ")
}

fn table(s: &Scenario, snap: &Snapshot) -> String {
    let mut o = String::new();
    let c = snap.counts;
    let l = snap.latency;
    let _ = writeln!(
        o,
        "{} (seed {}), {:.1} s measured",
        s.name,
        s.seed,
        snap.measured_ms / 1000.0
    );
    let _ = writeln!(
        o,
        "throughput  {:.1} ok/s, error ratio {:.2} %",
        snap.throughput_rps,
        snap.error_ratio * 100.0
    );
    let _ = writeln!(o, "outcomes    ok {} | timeout {} | rejected {} | node down {} | session lost {} | throttled (429) {} | retries {}", c.ok, c.timeout, c.rejected, c.node_down, c.session_lost, c.throttled, c.retries);
    let _ = writeln!(
        o,
        "good        {:.2} % answered within the objective ({})",
        snap.good_ratio * 100.0,
        objectives(s)
    );
    // Both latencies: the successful ones alone look better the more requests fail.
    for (what, l) in [("ok only", l), ("all", snap.latency_all)] {
        let _ = writeln!(o, "latency ms  {what:<7} mean {:.2} | p50 {:.2} | p90 {:.2} | p95 {:.2} | p99 {:.2} | p99.9 {:.2} | max {:.2} | n {}", l.mean, l.p50, l.p90, l.p95, l.p99, l.p999, l.max, l.count);
    }
    // Cost and capacity of the design as drawn, next to what the run measured.
    let e = crate::cost::estimate(s);
    let _ = writeln!(
        o,
        "design      ${:.0}/month | capacity {:.0} requests/s{}",
        e.monthly_usd,
        e.capacity_rps,
        e.bottleneck
            .map_or(String::new(), |b| format!(" (bottleneck {b})"))
    );
    let _ = writeln!(
        o,
        "{:<16} {:<14} {:>10} {:>8} {:>7} {:>9} {:>9}",
        "node", "kind", "arrivals", "rps", "util", "L", "W ms"
    );
    for n in &snap.nodes {
        let _ = writeln!(
            o,
            "{:<16} {:<14} {:>10} {:>8.1} {:>6.1}% {:>9.3} {:>9.3}{}{}",
            n.id,
            n.kind.key(),
            n.arrivals,
            n.arrival_rps,
            n.utilization * 100.0,
            n.mean_in_system,
            n.mean_sojourn_ms,
            n.hit_ratio
                .map_or(String::new(), |h| format!("  hit {:.1}%", h * 100.0)),
            turned_away(n)
        );
    }
    o.push_str(&wires_table(s, snap));
    o
}

/// The wires that have a call policy or a breaker, or are cut or delayed: what their calls
/// did (empty when there are none, so plain designs print as before).
fn wires_table(s: &Scenario, snap: &Snapshot) -> String {
    let mut o = String::new();
    let shown: Vec<_> = snap
        .wires
        .iter()
        .zip(&s.wires)
        .filter(|(w, d)| d.policy.is_some() || d.breaker.is_some() || w.cut || w.added_ms > 0.0)
        .map(|(w, _)| w)
        .collect();
    if shown.is_empty() {
        return o;
    }
    let _ = writeln!(
        o,
        "{:<28} {:>8} {:>8} {:>8} {:>11} {:>13}  breaker / fault",
        "wire", "calls", "retries", "failed", "fast-failed", "budget denied"
    );
    for w in shown {
        let state = match w.breaker {
            Some(BreakerState::Closed) => "closed",
            Some(BreakerState::Open) => "open",
            Some(BreakerState::HalfOpen) => "half-open",
            None => "-",
        };
        let mut fault = String::new();
        if w.cut {
            fault.push_str(" | cut");
        }
        if w.added_ms > 0.0 {
            let _ = write!(fault, " | +{} ms", w.added_ms);
        }
        let _ = writeln!(
            o,
            "{:<28} {:>8} {:>8} {:>8} {:>11} {:>13}  {state}{fault}",
            format!("{} -> {}", w.from, w.to),
            w.calls,
            w.retries,
            w.failed,
            w.fast_failed,
            w.budget_denied
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration_ms("60s"), Ok(60_000.0));
        assert_eq!(parse_duration_ms("250ms"), Ok(250.0));
        assert_eq!(parse_duration_ms("2m"), Ok(120_000.0));
        assert_eq!(parse_duration_ms("1.5"), Ok(1_500.0));
        assert!(parse_duration_ms("-1s").is_err());
        assert!(parse_duration_ms("5 parsecs").is_err());
        assert!(parse_duration_ms("1e300h").is_err());
    }
}
