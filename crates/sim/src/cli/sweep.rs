//! `scaleboard sweep`: the latency-versus-load curve and `max_rate`, as a table or JSON.

use super::Format;
use crate::sweep::Status;
use crate::Scenario;
use serde::Serialize;
use std::fmt::Write as _;

/// The JSON document `scaleboard sweep --format json` prints: the sweep's status (objective,
/// curve, `max_rate_rps`, `saturates_first`) under the scenario's name.
#[derive(Serialize)]
pub struct SweepJson<'a> {
    pub scenario: &'a str,
    #[serde(flatten)]
    pub sweep: &'a Status,
}

/// Render a finished sweep of `s` in `format` (CSV is refused by the caller).
pub fn render_sweep(s: &Scenario, st: &Status, format: Format) -> String {
    if format == Format::Json {
        let doc = SweepJson {
            scenario: &s.name,
            sweep: st,
        };
        return serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    }
    let mut o = String::new();
    let ob = st.objective;
    let _ = writeln!(
        o,
        "{} (seed {}): every users node's rate scaled together\nobjective: p99 <= {} ms and errors <= {} % of attempts",
        s.name,
        st.seed,
        ob.p99_ms,
        ob.max_error_ratio * 100.0
    );
    if st.left_out > 0 {
        let _ = writeln!(
            o,
            "steady state: the scenario's {} scheduled fault(s) and traffic change(s) are left out",
            st.left_out
        );
    }
    let _ = writeln!(
        o,
        "{:>12} {:>9} {:>9} {:>8} {:>11}  {:<28} {:>13}  meets",
        "offered/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "ok/s",
        "busiest node (utilisation)",
        "warm-up+run s"
    );
    for p in &st.curve {
        let busiest = p.busiest.as_deref().map_or("-".to_string(), |b| {
            format!("{b} ({:.0} %)", p.busiest_utilization * 100.0)
        });
        let _ = writeln!(
            o,
            "{:>12.1} {:>9.1} {:>9.1} {:>7.2}% {:>11.1}  {:<28} {:>13}  {}",
            p.offered_rps,
            p.p50_ms,
            p.p99_ms,
            p.error_ratio * 100.0,
            p.throughput_rps,
            busiest,
            format!("{}+{}", seconds(p.warmup_s), seconds(p.measured_s)),
            match (p.meets, p.keeps_up, p.saturated) {
                (true, _, _) => "yes",
                (false, false, _) => "no: its queues grow",
                (false, true, true) => "no: saturated",
                (false, true, false) => "no",
            }
        );
    }
    let _ = writeln!(o, "{}", verdict(st));
    let _ = writeln!(o, "today: {:.1} requests/s", st.today_rps);
    if let Some(problem) = &st.problem {
        let _ = writeln!(o, "stopped early: {problem}");
    }
    o
}

/// "max_rate: 54 requests/s (p99 92.1 ms at that rate); saturates first: Web (utilisation 58 %)".
fn verdict(st: &Status) -> String {
    let first = st.saturates_first.as_ref().map_or(String::new(), |n| {
        format!(
            "; saturates first: {} (utilisation {:.0} %)",
            n.name,
            n.utilization * 100.0
        )
    });
    match (st.at_max(), st.limit_found) {
        (Some(p), true) => format!(
            "max_rate: {:.1} requests/s (p99 {:.1} ms, errors {:.2} % at that rate){first}",
            p.offered_rps,
            p.p99_ms,
            p.error_ratio * 100.0
        ),
        (Some(p), false) => format!(
            "max_rate: at least {:.1} requests/s: every rate tried met the objective",
            p.offered_rps
        ),
        (None, _) => format!(
            "max_rate: none: even {:.1} requests/s misses the objective{first}",
            st.curve.first().map_or(0.0, |p| p.offered_rps)
        ),
    }
}

/// Seconds to a tenth below 10 s, whole above: "1.3", "312".
fn seconds(s: f64) -> String {
    if s < 10.0 {
        format!("{s:.1}")
    } else {
        format!("{s:.0}")
    }
}
