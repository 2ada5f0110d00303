//! `scaleboard grade`: one line per objective with its value and pass or fail, exit status 0
//! only when every objective passes (1 when one fails, 2 when it cannot grade), and a bad file
//! named with the problem's path on stderr, never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn grade(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scaleboard"))
        .arg("grade")
        .args(args)
        .output()
        .expect("runs")
}

fn challenge(id: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../static/challenges/{id}.json"))
        .display()
        .to_string()
}

fn temp(name: &str, text: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("scaleboard-grade-{}-{name}", std::process::id()));
    std::fs::write(&p, text).expect("temp file");
    p
}

#[test]
fn the_start_fails_with_status_1_and_the_reference_passes_with_0() {
    let c = challenge("one-region-2000");
    let out = grade(&[&c, "--start"]);
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8_lossy(&out.stdout);
    for want in [
        "objective",
        "p99 of all requests",
        "≤ 500.0 ms",
        "capacity",
        "≥ 2400 req/s",
        "1600 req/s",
        "FAIL",
        "FAILED:",
    ] {
        assert!(table.contains(want), "no \"{want}\" in\n{table}");
    }
    let out = grade(&[&c, "--reference"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PASSED: every objective met"));
}

#[test]
fn a_design_file_is_graded_and_json_lists_every_objective() {
    let c = challenge("primary-loss");
    let text = std::fs::read_to_string(&c).expect("challenge");
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let design = temp("design.json", &v["reference"].to_string());
    let out = grade(&[
        &c,
        &design.display().to_string(),
        "--format",
        "json",
        "--seed",
        "3",
    ]);
    let _ = std::fs::remove_file(&design);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(r["challenge"], "primary-loss");
    assert_eq!(r["seed"], 3);
    assert_eq!(r["passed"], true);
    let objectives = r["objectives"].as_array().expect("objectives");
    assert_eq!(
        objectives.len(),
        v["objectives"].as_array().map_or(0, Vec::len)
    );
    for o in objectives {
        for key in ["metric", "label", "unit", "value", "met", "pass"] {
            assert!(o.get(key).is_some(), "{key} missing in {o}");
        }
        assert!(o.get("max").is_some() ^ o.get("min").is_some(), "{o}");
    }
    assert_eq!(r["script"][0]["hit"][0], "db");
    // Every key is in the format document's CLI section.
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/challenge-format.md"),
    )
    .expect("docs/challenge-format.md");
    let section = doc
        .split("## The command line")
        .nth(1)
        .expect("a section on the command line");
    let mut keys: Vec<&String> = r.as_object().expect("object").keys().collect();
    keys.extend(objectives[0].as_object().expect("object").keys());
    keys.extend(r["script"][0].as_object().expect("object").keys());
    for k in keys {
        assert!(section.contains(&format!("`{k}`")), "undocumented key {k}");
    }
}

#[test]
fn a_bad_file_says_where_and_exits_2() {
    let c = challenge("primary-loss");
    let broken = temp(
        "broken.json",
        &std::fs::read_to_string(&c).expect("challenge").replacen(
            "\"duration_s\": 55",
            "\"duration_s\": -1",
            1,
        ),
    );
    let out = grade(&[&broken.display().to_string(), "--start"]);
    let _ = std::fs::remove_file(&broken);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.json: duration_s: must be above 0"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    // A design that does not run is named with its problems.
    let design = temp(
        "bad-design.json",
        r#"{"version":1,"name":"x","nodes":[{"id":"u","kind":"users","x":0,"y":0}]}"#,
    );
    let out = grade(&[&c, &design.display().to_string()]);
    let _ = std::fs::remove_file(&design);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nodes[u]: users must be wired"), "{err}");
    for args in [
        &[][..],
        &[c.as_str()],
        &[c.as_str(), "--start", "--reference", "x.json"],
        &["/nonexistent.json", "--start"],
        &[c.as_str(), "--start", "--format", "csv"],
    ] {
        let out = grade(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}
