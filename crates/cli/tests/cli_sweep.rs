//! `scaleboard sweep`: the curve and max_rate as a table and as JSON, and its refusals.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scenario(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../static/scenarios")
        .join(name)
}

fn sweep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scaleboard"))
        .arg("sweep")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn json_carries_the_curve_max_rate_and_the_saturating_node() {
    let file = scenario("02-web-and-db.json");
    let out = sweep(&[
        file.to_str().unwrap_or_default(),
        "--slo-p99",
        "300",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["scenario"], "Web and database tiers");
    assert_eq!(v["objective"]["p99_ms"], 300.0);
    assert_eq!(v["objective"]["max_error_ratio"], 0.001);
    assert_eq!(v["today_rps"], 960.0);
    assert_eq!(v["limit_found"], true);
    // The web server (16 workers, 10 ms each: 1,600 requests/s) saturates long before the
    // database (48 connections, 20 ms: 2,400 requests/s), and a p99 of 300 ms is met a little
    // below its 1,600.
    let max = v["max_rate_rps"].as_f64().unwrap_or(0.0);
    assert!(max > 1_400.0 && max < 1_600.0, "max_rate {max}");
    assert_eq!(v["saturates_first"]["id"], "web");
    let curve = v["curve"].as_array().map(Vec::as_slice).unwrap_or_default();
    assert!(curve.len() >= 8, "only {} points", curve.len());
    for key in [
        "offered_rps",
        "p50_ms",
        "p99_ms",
        "error_ratio",
        "throughput_rps",
        "busiest",
        "busiest_utilization",
        "warmup_s",
        "measured_s",
        "requests",
        "keeps_up",
        "saturated",
        "meets",
    ] {
        assert!(curve[0].get(key).is_some(), "curve point key {key} missing");
    }
}

#[test]
fn the_table_ends_with_max_rate_and_the_node_that_saturates_first() {
    let file = scenario("01-single-server.json");
    let out = sweep(&[
        file.to_str().unwrap_or_default(),
        "--slo-p99",
        "200",
        "--seed",
        "7",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.contains("(seed 7)"), "{t}");
    assert!(
        t.contains("objective: p99 <= 200 ms and errors <= 0.1 % of attempts"),
        "{t}"
    );
    assert!(t.contains("offered/s"), "{t}");
    let last = t
        .lines()
        .find(|l| l.starts_with("max_rate: "))
        .unwrap_or_else(|| panic!("no max_rate line in\n{t}"));
    assert!(
        last.contains("requests/s (p99 ")
            && last.contains("saturates first: Server + DB (utilisation"),
        "{last}"
    );
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    let file = scenario("01-single-server.json");
    let f = file.to_str().unwrap_or_default();
    for (args, says) in [
        (
            vec![f, "--slo-p99", "fast"],
            "--slo-p99: \"fast\" is not a number",
        ),
        (
            vec![f, "--slo-p99", "0"],
            "the p99 objective must be a number of ms above 0",
        ),
        (
            vec![f, "--max-errors", "2"],
            "the error objective must be a ratio",
        ),
        (
            vec![f, "--format", "csv"],
            "sweep prints a table or json, not csv",
        ),
        (vec![], "missing FILE"),
        (vec!["no-such-file.json"], "no-such-file.json"),
    ] {
        let out = sweep(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn the_table_says_which_points_saturate_and_when_no_rate_can_meet() {
    let file = scenario("03-load-balancer.json");
    let f = file.to_str().unwrap_or_default();
    let out = sweep(&[f]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    // The database serves 3,000 requests/s: max_rate stops below, the point above is
    // saturated (busiest node at 98 % or more) though it still keeps up.
    assert!(t.contains("no: saturated"), "{t}");
    let max: f64 = t
        .lines()
        .find_map(|l| l.strip_prefix("max_rate: "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no max_rate in\n{t}"));
    assert!(max > 2_700.0 && max < 3_000.0, "max_rate {max}");
    // The network alone takes over 80 ms: 20 ms is out of reach at any rate.
    let out = sweep(&[f, "--slo-p99", "20"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(
        t.contains("stopped early: no rate meets p99 <= 20 ms: even at 960.0 requests/s"),
        "{t}"
    );
}

#[test]
fn an_argument_error_shows_the_sweeps_usage_not_every_commands() {
    let file = scenario("03-load-balancer.json");
    let out = sweep(&[file.to_str().unwrap_or_default(), "--slo-p99", "abc"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("--slo-p99: \"abc\" is not a number\nusage:\n  scaleboard sweep FILE "),
        "{err}"
    );
    assert!(err.contains("exit status 2 if it cannot sweep"), "{err}");
    for other in ["scaleboard run", "scaleboard grade", "scaleboard render"] {
        assert!(!err.contains(other), "{other} in\n{err}");
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn a_design_without_users_is_refused() {
    let dir = std::env::temp_dir().join(format!("scaleboard-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join("no-users.json");
    std::fs::write(
        &file,
        r#"{"version":1,"name":"lonely","nodes":[{"id":"web","kind":"web_server","x":0,"y":0}]}"#,
    )
    .expect("written");
    let out = sweep(&[file.to_str().unwrap_or_default()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    // Validation names it before the sweep would (the sweep's own refusal is for callers of
    // the library, tested in crates/sim/tests/sweep.rs).
    assert!(
        err.contains("no-users.json: nodes: needs at least one users node"),
        "{err}"
    );
}
