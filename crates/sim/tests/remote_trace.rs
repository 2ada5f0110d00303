//! Traces over the engine's protocol: `Command::Trace` and `Report::Trace`, served by the same
//! `Host` the worker and the page run. (That the Host's tracing changes no result is checked
//! by remote.rs's golden digest, driven through a Host that traces every run.)

use scaleboard_sim::remote::{decode, encode, Command, Host, Report, TraceAsk, PROTOCOL};
use scaleboard_sim::trace::Trace;
use scaleboard_sim::*;

fn host_with_fixture() -> Host {
    let mut host = Host::new();
    let scenario_json = serde_json::to_string(&load(DETERMINISM_FIXTURE).expect("fixture loads"))
        .expect("serialise");
    host.handle(Command::Load { scenario_json });
    host
}

/// The `Report::Trace` among `reports` (there must be exactly one): its trace or its note.
fn answer(reports: &[Report], asked: TraceAsk) -> Result<Trace, String> {
    let traces: Vec<&Report> = reports
        .iter()
        .filter(|r| matches!(r, Report::Trace { .. }))
        .collect();
    assert_eq!(traces.len(), 1, "one trace report in {reports:?}");
    match traces[0] {
        Report::Trace {
            run,
            ask,
            trace,
            note,
        } => {
            assert_eq!((*run, *ask), (1, asked));
            assert_ne!(
                trace.is_some(),
                note.is_some(),
                "a trace or a note: {reports:?}"
            );
            trace
                .as_deref()
                .cloned()
                .ok_or(note.clone().unwrap_or_default())
        }
        _ => unreachable!(),
    }
}

fn window_max(host: &mut Host, end_ms: f64) -> f64 {
    let reports = host.handle(Command::Moment { t_ms: end_ms });
    match reports.first() {
        Some(Report::Moment {
            window: Some(w), ..
        }) => {
            assert_eq!(w.end_ms, end_ms);
            w.latency_all.max
        }
        _ => panic!("no window at {end_ms}: {reports:?}"),
    }
}

#[test]
fn a_window_slowest_request_comes_back_with_its_trace_or_a_note() {
    assert_eq!(PROTOCOL, 4);
    let mut host = host_with_fixture();
    let last = TraceAsk::Slowest {
        window_end_ms: None,
    };
    let note = answer(&host.handle(Command::Trace { ask: last }), last).unwrap_err();
    assert!(note.contains("no window has closed"), "{note}");
    host.handle(Command::RunUntil { t_ms: 6_000.0 });
    // The last closed window (ending at 6 s) and one picked on the chart (its end, 3 s).
    let t = answer(&host.handle(Command::Trace { ask: last }), last).expect("a trace");
    assert!(t.sent_ms + t.latency_ms <= 6_000.0 + 1e-9 && t.sent_ms + t.latency_ms > 5_000.0);
    let max = window_max(&mut host, 6_000.0);
    assert!(
        t.latency_ms <= max + 0.001,
        "{} > window max {max}",
        t.latency_ms
    );
    let picked = TraceAsk::Slowest {
        window_end_ms: Some(3_000.0),
    };
    let reports = host.handle(Command::Trace { ask: picked });
    let t = answer(&reports, picked).expect("a trace");
    assert!(t.latency_ms <= window_max(&mut host, 3_000.0) + 0.001);
    assert!(!t.spans.is_empty() && t.path().first() == Some(&"users"));
    // The answer crosses the worker boundary whole.
    for r in &reports {
        assert_eq!(
            &decode::<Report>(&encode(r).expect("encodes")).expect("decodes"),
            r
        );
    }
    let ahead = TraceAsk::Slowest {
        window_end_ms: Some(60_000.0),
    };
    let note = answer(&host.handle(Command::Trace { ask: ahead }), ahead).unwrap_err();
    assert!(note.contains("not closed yet"), "{note}");
}

#[test]
fn the_next_request_comes_after_the_frame_of_the_pull_that_follows_its_end() {
    let mut host = host_with_fixture();
    host.handle(Command::RunUntil { t_ms: 1_000.0 });
    let ask = Command::Trace {
        ask: TraceAsk::Next,
    };
    let cmd = decode::<Command>(&encode(&ask).expect("encodes")).expect("decodes");
    assert_eq!(cmd, ask);
    assert!(host.handle(cmd).is_empty(), "answered when it ends");
    // Nothing ran: the request is not sent yet.
    let pulled = host.handle(Command::Pull);
    assert_eq!(pulled.len(), 1, "{pulled:?}");
    host.handle(Command::RunUntil { t_ms: 2_000.0 });
    let pulled = host.handle(Command::Pull);
    assert!(
        matches!(pulled.first(), Some(Report::Frame(_))),
        "{pulled:?}"
    );
    assert_eq!(pulled.len(), 2, "the frame, then the trace: {pulled:?}");
    let t = answer(&pulled, TraceAsk::Next).expect("the next request's trace");
    // The fixture sends 3,000 requests/s: the next one leaves within a few ms of 1 s.
    assert!(t.sent_ms > 1_000.0 && t.sent_ms < 1_050.0, "{t:?}");
    assert_eq!(t.users, "users");
    assert_eq!(host.handle(Command::Pull).len(), 1, "sent once");
}

#[test]
fn asking_without_a_run_says_why() {
    let mut host = Host::new();
    let reports = host.handle(Command::Trace {
        ask: TraceAsk::Next,
    });
    assert!(
        matches!(&reports[..], [Report::Problem { message }] if message.contains("nothing is running")),
        "{reports:?}"
    );
}
