//! `scaleboard run --trace-slowest N`: the run's N slowest requests, hop by hop.

use crate::trace::{Phase, Trace};
use std::fmt::Write as _;

/// Most traces `--trace-slowest` prints: each is kept whole in memory during the run.
pub const MAX_TRACES: usize = 1_000;

/// The value of `--trace-slowest`: a whole number of requests from 1 to [`MAX_TRACES`].
pub fn parse_trace_count(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_TRACES).contains(&n) => Ok(n),
        _ => Err(format!(
            "bad --trace-slowest \"{s}\": give how many of the slowest requests to print, \
             a whole number from 1 to {MAX_TRACES} (e.g. --trace-slowest 5)"
        )),
    }
}

fn phase_word(p: Phase) -> &'static str {
    match p {
        Phase::Network => "network",
        Phase::Queue => "waiting in line",
        Phase::Service => "being served",
        Phase::Backoff => "backoff",
    }
}

fn ending_word(e: crate::trace::Ending) -> &'static str {
    use crate::trace::Ending::*;
    match e {
        Ok => "ok",
        Timeout => "timeout",
        Rejected => "rejected (queue full)",
        NodeDown => "node down",
        SessionLost => "session lost",
        Throttled => "throttled (429)",
    }
}

/// The traces as tables, slowest first: per trace a heading, the path, one row per span and
/// the time per phase.
pub fn traces_table(traces: &[Trace]) -> String {
    let mut o = String::new();
    if traces.is_empty() {
        o.push_str("\nno request ended in the measured time: nothing to trace\n");
    }
    for (i, t) in traces.iter().enumerate() {
        let _ = writeln!(
            o,
            "\nslowest request {} of {}: {} from {}, sent at {:.3} s, {:.3} ms, {}",
            i + 1,
            traces.len(),
            t.class,
            t.users,
            t.sent_ms / 1000.0,
            t.latency_ms,
            ending_word(t.ending)
        );
        let _ = writeln!(o, "path      {}", t.path().join(" -> "));
        let attempts: Vec<String> = t
            .attempts
            .iter()
            .enumerate()
            .map(|(k, a)| {
                let at = a
                    .failed_at
                    .as_ref()
                    .map_or(String::new(), |n| format!(" at {n}"));
                format!("{k}: {}{at}, {:.3} ms", ending_word(a.ending), a.at_ms)
            })
            .collect();
        let _ = writeln!(o, "attempts  {}", attempts.join(" | "));
        let _ = writeln!(
            o,
            "{:>7}  {:<15} {:<16} {:<16} {:>10} {:>10} {:>10}",
            "attempt", "phase", "node", "from", "start ms", "end ms", "took ms"
        );
        for s in &t.spans {
            // The node was down when the request reached it: say so beside its name.
            let node = if s.down {
                format!("{} (down)", s.node)
            } else {
                s.node.clone()
            };
            let _ = writeln!(
                o,
                "{:>7}  {:<15} {:<16} {:<16} {:>10.3} {:>10.3} {:>10.3}",
                s.attempt,
                phase_word(s.phase),
                node,
                s.from.as_deref().unwrap_or(""),
                s.start_ms,
                s.end_ms,
                s.end_ms - s.start_ms
            );
        }
        let [net, queue, service, backoff] = t.totals();
        let _ = writeln!(
            o,
            "totals ms network {net:.3} | waiting in line {queue:.3} | being served {service:.3} | backoff {backoff:.3}"
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{Attempt, Ending, Span};

    #[test]
    fn counts_from_one_to_the_maximum_and_nothing_else() {
        assert_eq!(parse_trace_count("5"), Ok(5));
        assert_eq!(parse_trace_count("1000"), Ok(1000));
        for bad in ["0", "-1", "two", "", "1.5", "1001"] {
            let e = parse_trace_count(bad).unwrap_err();
            assert!(
                e.contains(&format!("\"{bad}\"")) && e.contains("from 1 to 1000"),
                "{e}"
            );
        }
    }

    #[test]
    fn a_trace_prints_its_path_spans_and_totals() {
        let span = |phase, node: &str, from: Option<&str>, start_ms, end_ms| Span {
            attempt: 0,
            phase,
            node: node.into(),
            from: from.map(Into::into),
            start_ms,
            end_ms,
            down: false,
        };
        let t = Trace {
            users: "users".into(),
            class: "read".into(),
            sent_ms: 1_500.0,
            latency_ms: 27.0,
            ending: Ending::Ok,
            attempts: vec![Attempt {
                ending: Ending::Ok,
                at_ms: 27.0,
                failed_at: None,
            }],
            spans: vec![
                span(Phase::Network, "web", Some("users"), 0.0, 10.0),
                span(Phase::Queue, "web", None, 10.0, 12.0),
                span(Phase::Service, "web", None, 12.0, 17.0),
                span(Phase::Network, "users", Some("web"), 17.0, 27.0),
            ],
        };
        let out = traces_table(&[t]);
        assert!(
            out.contains("slowest request 1 of 1: read from users, sent at 1.500 s, 27.000 ms, ok"),
            "{out}"
        );
        assert!(out.contains("path      users -> web\n"), "{out}");
        assert!(out.contains("waiting in line web"), "{out}");
        assert!(
            out.contains(
                "network 20.000 | waiting in line 2.000 | being served 5.000 | backoff 0.000"
            ),
            "{out}"
        );
        assert_eq!(
            out.lines().filter(|l| l.starts_with("      0  ")).count(),
            4,
            "{out}"
        );
    }
}
