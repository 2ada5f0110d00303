//! `scaleboard run FILE --trace-slowest N`: the slowest requests' traces after the report, as
//! tables or a JSON array, and clear refusals of a bad N.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/scenarios/");
    let mut c = Command::new(env!("CARGO_BIN_EXE_scaleboard"));
    c.arg("run");
    for a in args {
        // Scenario names are relative to the built-in scenarios.
        if a.ends_with(".json") {
            c.arg(format!("{root}{a}"));
        } else {
            c.arg(a);
        }
    }
    c.output().expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The first number after `key` in `s`.
fn number_after(s: &str, key: &str) -> f64 {
    let at = s.find(key).unwrap_or_else(|| panic!("{key:?} in {s}")) + key.len();
    let n: String = s[at..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    n.parse()
        .unwrap_or_else(|_| panic!("a number after {key:?} in {s}"))
}

#[test]
fn tables_of_the_slowest_requests_follow_the_report() {
    let out = run(&[
        "05-cache.json",
        "--duration",
        "5s",
        "--warmup",
        "1s",
        "--trace-slowest",
        "3",
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The usual report first, then the traces.
    assert!(
        stdout
            .lines()
            .next()
            .is_some_and(|l| l.ends_with("s measured")),
        "{stdout}"
    );
    assert!(stdout.find("latency ms  all") < stdout.find("slowest request 1"));
    assert!(stdout.contains("attempt  phase           node"), "{stdout}");
    for i in 1..=3 {
        assert!(
            stdout.contains(&format!("slowest request {i} of 3: ")),
            "{stdout}"
        );
    }
    assert_eq!(
        stdout.matches("\npath      users -> ").count(),
        3,
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("\ntotals ms network ").count(),
        3,
        "{stdout}"
    );
    // The slowest request is the run's maximum latency (the report prints it to 0.01 ms).
    let max = number_after(
        stdout.split("latency ms  all").nth(1).unwrap_or(""),
        "| max",
    );
    let heading = stdout
        .lines()
        .find(|l| l.starts_with("slowest request 1 of 3"))
        .unwrap_or("");
    let ms = number_after(heading.rsplit_once(" s, ").map_or("", |p| p.1), "");
    assert!(
        (ms - max).abs() <= 0.006,
        "slowest {ms} ms, report max {max} ms"
    );
    assert!(stdout.contains("being served"), "{stdout}");
}

#[test]
fn json_carries_the_traces_as_an_array() {
    let args = ["02-web-and-db.json", "--duration", "4s", "--warmup", "1s"];
    let plain: serde_json::Value =
        serde_json::from_slice(&run(&[&args[..], &["--format", "json"]].concat()).stdout)
            .expect("json");
    assert!(plain.get("traces").is_none(), "no traces unless asked");
    let out = run(&[&args[..], &["--format", "json", "--trace-slowest", "4"]].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // Tracing changes no result.
    assert_eq!(v["counts"], plain["counts"]);
    assert_eq!(v["latency_all"], plain["latency_all"]);
    let traces = v["traces"].as_array().expect("a traces array");
    assert_eq!(traces.len(), 4);
    let latency = |t: &serde_json::Value| t["latency_ms"].as_f64().unwrap_or(f64::NAN);
    let max = v["latency_all"]["max"].as_f64().unwrap_or(f64::NAN);
    assert!(latency(&traces[0]) >= max && latency(&traces[0]) - max < 0.001);
    for t in traces {
        for key in ["users", "class", "sent_ms", "ending", "attempts"] {
            assert!(t.get(key).is_some(), "{key} in {t}");
        }
        let spans = t["spans"].as_array().expect("spans");
        assert_eq!(spans[0]["start_ms"], 0.0);
        assert_eq!(spans[spans.len() - 1]["end_ms"].as_f64(), Some(latency(t)));
        for pair in spans.windows(2) {
            assert_eq!(pair[0]["end_ms"], pair[1]["start_ms"], "contiguous: {t}");
        }
    }
    // The slowest of this design waits on its database.
    let spans = traces[0]["spans"].as_array().expect("spans");
    assert!(spans
        .iter()
        .any(|s| s["phase"] == "service" && s["node"] == "db"));
    assert!(latency(&traces[0]) >= latency(&traces[3]));
}

#[test]
fn a_bad_count_or_csv_is_refused_with_status_2() {
    for (extra, says) in [
        (&["--trace-slowest", "0"][..], "bad --trace-slowest \"0\""),
        (&["--trace-slowest", "many"], "bad --trace-slowest \"many\""),
        (&["--trace-slowest"], "--trace-slowest"),
        (&["--trace-slowest", "2", "--format", "csv"], "not csv"),
    ] {
        let out = run(&[&["01-single-server.json", "--duration", "1s"], extra].concat());
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {stderr}");
        assert!(stderr.contains(says), "{extra:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{extra:?}");
    }
    let help = Command::new(env!("CARGO_BIN_EXE_scaleboard"))
        .arg("--help")
        .output()
        .expect("runs");
    assert!(text(&help.stdout).contains("--trace-slowest N"));
}
