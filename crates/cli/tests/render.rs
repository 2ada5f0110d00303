//! `scaleboard render`: writes the figure where `--out` says (standard output without it or
//! with `-`), the same bytes for the same seed, honours its options, and says on standard error
//! what it cannot draw, with exit status 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn render(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scaleboard"))
        .arg("render")
        .args(args)
        .output()
        .expect("runs")
}

fn builtin(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../static/scenarios/{name}.json"))
        .display()
        .to_string()
}

/// A fresh folder for this test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scaleboard-render-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect()
}

#[test]
fn out_writes_the_file_and_stdout_gets_the_same_bytes_without_it() {
    let dir = scratch("out");
    let file = dir.join("fig.svg");
    let f = builtin("02-web-and-db");
    let args = ["--duration", "10s", "--seed", "3"];
    let o = render(
        &[
            &[f.as_str(), "--out", file.to_str().expect("utf-8")],
            &args[..],
        ]
        .concat(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        o.stdout.is_empty(),
        "nothing on stdout when --out names a file"
    );
    let written = std::fs::read(&file).expect("the figure was written");
    assert!(written.starts_with(b"<svg"), "an SVG document");
    let plain = render(&[&[f.as_str()], &args[..]].concat());
    assert!(plain.status.success(), "{}", stderr(&plain));
    assert_eq!(plain.stdout, written, "no --out: the same figure on stdout");
    let dash = render(&[&[f.as_str(), "--out", "-"], &args[..]].concat());
    assert_eq!(dash.stdout, written, "--out -: the same figure on stdout");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_same_seed_gives_the_same_bytes_across_runs_and_another_seed_does_not() {
    let f = builtin("04-replication");
    let a = render(&[&f, "--duration", "8s", "--seed", "11"]);
    let b = render(&[&f, "--duration", "8s", "--seed", "11"]);
    let c = render(&[&f, "--duration", "8s", "--seed", "12"]);
    assert!(a.status.success() && b.status.success() && c.status.success());
    assert_eq!(a.stdout, b.stdout, "two processes, one figure");
    assert_ne!(a.stdout, c.stdout, "another seed, another run");
    // Without --seed: the scenario's own seed, as `run` uses it.
    let own = render(&[&f, "--duration", "8s"]);
    let seed = scaleboard_sim::load(&std::fs::read_to_string(&f).expect("file"))
        .expect("loads")
        .seed
        .to_string();
    let explicit = render(&[&f, "--duration", "8s", "--seed", &seed]);
    assert_eq!(
        own.stdout, explicit.stdout,
        "the file's seed {seed} by default"
    );
}

#[test]
fn chart_and_diagram_choose_what_is_drawn() {
    let f = builtin("05-cache");
    let has = |o: &Output, t: &str| {
        texts(&String::from_utf8_lossy(&o.stdout))
            .iter()
            .any(|x| x == t)
    };
    let all = render(&[&f, "--duration", "5s"]);
    assert!(all.status.success(), "{}", stderr(&all));
    for t in [
        "latency [ms]",
        "throughput [requests/s]",
        "Web 1",
        "Primary database",
    ] {
        assert!(has(&all, t), "no option: the whole figure, with {t}");
    }
    let latency = render(&[&f, "--duration", "5s", "--chart", "latency"]);
    assert!(has(&latency, "latency [ms]") && has(&latency, "p99"));
    assert!(!has(&latency, "throughput [requests/s]") && !has(&latency, "Web 1"));
    let throughput = render(&[&f, "--duration", "5s", "--chart", "throughput"]);
    assert!(has(&throughput, "throughput [requests/s]") && !has(&throughput, "latency [ms]"));
    let diagram = render(&[&f, "--duration", "5s", "--diagram"]);
    assert!(has(&diagram, "Web 1") && !has(&diagram, "latency [ms]"));
    let both = render(&[&f, "--duration", "5s", "--diagram", "--chart", "both"]);
    assert!(
        has(&both, "Web 1") && has(&both, "latency [ms]") && has(&both, "throughput [requests/s]")
    );
    assert!(
        texts(&String::from_utf8_lossy(&latency.stdout))
            .iter()
            .any(|t| t.starts_with("5 s of simulated time, seed ")),
        "the caption gives the duration"
    );
}

#[test]
fn what_it_cannot_draw_is_said_on_stderr_with_status_2() {
    let dir = scratch("errors");
    let invalid = dir.join("invalid.json");
    let text = std::fs::read_to_string(builtin("01-single-server")).expect("file");
    // A server with no workers cannot serve: validation names the field.
    assert!(
        text.contains("\"workers\": 8"),
        "the fixture's server has 8 workers"
    );
    let broken = text.replacen("\"workers\": 8", "\"workers\": 0", 1);
    std::fs::write(&invalid, &broken).expect("write");
    let invalid = invalid.display().to_string();
    let f = builtin("01-single-server");
    let missing = dir.join("missing.json").display().to_string();
    let no_dir = dir.join("no/such/dir/fig.svg").display().to_string();
    let cases: [(Vec<&str>, &str); 7] = [
        (vec![missing.as_str()], "missing.json: "),
        (vec![invalid.as_str()], "workers"),
        (
            vec![f.as_str(), "--chart", "pie"],
            "--chart takes latency, throughput or both, not \"pie\"",
        ),
        (vec![f.as_str(), "--duration", "soon"], "soon"),
        (
            vec![f.as_str(), "--duration", "0s"],
            "--duration must be at least one window",
        ),
        (vec![f.as_str(), "--duration", "11m"], "at most 600 s"),
        (
            vec![f.as_str(), "--duration", "2s", "--out", no_dir.as_str()],
            "no/such/dir/fig.svg: ",
        ),
    ];
    for (args, says) in cases {
        let o = render(&args);
        let msg = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {msg}");
        assert!(msg.contains(says), "{args:?} should say {says:?}: {msg}");
        assert!(o.stdout.is_empty(), "{args:?}: no half figure on stdout");
        assert!(!msg.contains("panicked"), "{args:?}: {msg}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
