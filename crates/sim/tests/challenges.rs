//! The challenges (static/challenges/*.json): each loads, its starting design fails and its
//! reference solution passes on the default seed, the script aims at what components are rather
//! than at their ids, grading a slice at a time gives the very values grading at once gives, and
//! a broken challenge or design says what is wrong and where.

use scaleboard_sim::challenge::{self, grade, load_challenge, Challenge, Grader, Metric, BUILTIN};
use scaleboard_sim::{Action, Kind, Scenario};
use std::path::{Path, PathBuf};

fn files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/challenges");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn builtin(id: &str) -> Challenge {
    challenge::builtin(id).unwrap_or_else(|| panic!("no challenge {id}"))
}

#[test]
fn every_challenge_file_is_built_in_and_loads() {
    let files = files();
    assert!(files.len() >= 8, "at least eight challenges: {files:?}");
    assert_eq!(files.len(), BUILTIN.len(), "every file is compiled in");
    for f in files {
        let stem = f.file_stem().map(|s| s.to_string_lossy().to_string());
        let text = std::fs::read_to_string(&f).expect("readable");
        let c = load_challenge(&text).unwrap_or_else(|d| panic!("{}: {d:?}", f.display()));
        assert_eq!(Some(c.id.clone()), stem, "the id is the file's name");
        assert!(BUILTIN.iter().any(|b| b.id == c.id), "{} is built in", c.id);
        // The app decodes them without the loader: the same challenge either way.
        assert_eq!(challenge::builtin_decoded(&c.id), Some(c.clone()));
        for brief in [&c.en, &c.ko] {
            assert!(
                brief.brief.len() > 80,
                "{}: a brief that says the task",
                c.id
            );
            assert!(!brief.hint.is_empty(), "{}: a hint", c.id);
            // "Seed" is the random-seed control's word; the study notes are "the notes".
            let all = format!("{} {} {}", brief.title, brief.brief, brief.hint);
            assert!(
                !all.to_lowercase().contains("seed") && !all.contains("시드"),
                "{}: {all}",
                c.id
            );
        }
        assert!(c.start.faults.is_empty() && c.reference.faults.is_empty());
        assert_ne!(
            c.start.name, c.reference.name,
            "{}: told apart by name",
            c.id
        );
    }
}

#[test]
fn every_start_fails_and_every_reference_passes() {
    for b in BUILTIN {
        let c = builtin(b.id);
        let start = grade(&c, &c.start, c.seed).unwrap_or_else(|d| panic!("{}: {d:?}", c.id));
        let failed: Vec<&str> = start
            .lines
            .iter()
            .filter(|l| !l.pass)
            .map(|l| l.metric.key())
            .collect();
        eprintln!("{}: the start fails {failed:?}", c.id);
        assert!(
            !start.passed && !failed.is_empty(),
            "{}: the start must fail",
            c.id
        );
        let reference =
            grade(&c, &c.reference, c.seed).unwrap_or_else(|d| panic!("{}: {d:?}", c.id));
        for l in &reference.lines {
            assert!(
                l.pass,
                "{}: the reference fails {} = {:?} (bound {:?})",
                c.id,
                l.metric.key(),
                l.value,
                l.bound
            );
        }
        assert!(reference.passed, "{}", c.id);
        assert!(reference.missed().next().is_none());
        assert_eq!(
            reference.measured_s, c.duration_s,
            "{}: the whole duration is measured",
            c.id
        );
    }
}

#[test]
fn grading_in_slices_gives_the_values_of_grading_at_once() {
    for id in ["primary-loss", "worker-backlog"] {
        let c = builtin(id);
        let once = grade(&c, &c.reference, c.seed).expect("grades");
        let mut g = Grader::new(&c, &c.reference, c.seed).expect("runs");
        let mut last = 0.0;
        let mut slices = 0;
        while !g.done() {
            // Odd slices, by events and by simulated time, as a page's frames would cut it.
            let p = if slices % 2 == 0 {
                g.advance_events(7_919)
            } else {
                g.advance(333.0)
            };
            assert!(p >= last && p <= 1.0, "progress only grows: {last} -> {p}");
            last = p;
            slices += 1;
        }
        assert_eq!(last, 1.0);
        assert!(slices > 50, "{id}: it took {slices} slices");
        let sliced = g.report();
        assert_eq!(sliced, once, "{id}");
        for (a, b) in sliced.values().iter().zip(once.values()) {
            assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits));
        }
    }
}

#[test]
fn another_seed_is_another_run() {
    let c = builtin("primary-loss");
    let a = grade(&c, &c.reference, 1).expect("grades");
    let b = grade(&c, &c.reference, 2).expect("grades");
    assert_eq!(b.seed, 2);
    assert_ne!(a.values(), b.values());
    assert_eq!(
        a.values(),
        grade(&c, &c.reference, 1).expect("grades").values()
    );
}

/// `s` with every id but the users nodes' renamed, wires and data centers included.
fn renamed(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    let new = |id: &str| format!("my-{id}-x");
    for n in s.nodes.iter_mut().filter(|n| n.kind != Kind::Users) {
        n.id = new(&n.id);
        n.dc = n.dc.as_deref().map(new);
    }
    for dc in &mut s.data_centers {
        dc.id = new(&dc.id);
    }
    let users: Vec<String> = s
        .nodes
        .iter()
        .filter(|n| n.kind == Kind::Users)
        .map(|n| n.id.clone())
        .collect();
    for w in &mut s.wires {
        if !users.contains(&w.from) {
            w.from = new(&w.from);
        }
        w.to = new(&w.to);
    }
    s
}

#[test]
fn the_script_aims_at_what_components_are_not_at_their_ids() {
    for id in [
        "primary-loss",
        "cache-outage",
        "dc-outage",
        "worker-backlog",
    ] {
        let c = builtin(id);
        let design = renamed(&c.reference);
        let r = grade(&c, &design, c.seed).unwrap_or_else(|d| panic!("{id}: {d:?}"));
        assert!(r.passed, "{id}: renamed ids still pass: {:?}", r.lines);
        for step in &r.script {
            assert!(
                step.hit.iter().all(|h| h.starts_with("my-")),
                "{id}: {:?}",
                step.hit
            );
        }
    }
    // "The database primary" is the primary, not a replica.
    let c = builtin("primary-loss");
    let r = grade(&c, &c.reference, c.seed).expect("grades");
    assert_eq!(r.script[0].hit, vec!["db".to_string()]);
    assert_eq!(r.script[0].names, vec!["Primary".to_string()]);
}

#[test]
fn a_design_with_nothing_to_hit_fails_plainly() {
    // No database at all: the web servers answer everything, so no request fails when "the
    // primary" is lost, because there is none. That must not pass.
    let c = builtin("primary-loss");
    let mut s = c.start.clone();
    s.nodes.retain(|n| n.kind != Kind::Database);
    s.wires.retain(|w| w.to != "db");
    let r = grade(&c, &s, c.seed).expect("runs");
    assert!(!r.passed);
    let missed: Vec<_> = r.missed().collect();
    assert_eq!(missed.len(), 1);
    assert_eq!(missed[0].action, Action::Fail);
    let errors = r
        .lines
        .iter()
        .find(|l| l.metric == Metric::ErrorPct)
        .expect("an error objective");
    assert!(errors.met, "the figure alone would pass: {errors:?}");
    assert!(!errors.pass, "but the objective fails");
    assert!(r.lines.iter().all(|l| !l.pass));
    let table = scaleboard_sim::cli::render_grade(&c, &r, scaleboard_sim::cli::Format::Table);
    assert!(table.contains("nothing to hit"), "{table}");
}

#[test]
fn the_challenge_decides_the_traffic_and_the_script() {
    let c = builtin("one-region-2000");
    let honest = grade(&c, &c.reference, c.seed).expect("grades");
    // A design that sends less, and schedules its own calm, faces the same traffic anyway.
    let mut s = c.reference.clone();
    if let Some(u) = s.nodes.iter_mut().find(|n| n.kind == Kind::Users) {
        u.rate_rps = Some(10.0);
        u.timeout_ms = Some(60_000.0);
    }
    s.faults.push(scaleboard_sim::Fault {
        at_s: 0.0,
        action: Action::SetRate,
        node: Some("users".into()),
        dc: None,
        factor: None,
        rate_rps: Some(1.0),
        duration_s: None,
        from: None,
        to: None,
        delay_ms: None,
    });
    let r = grade(&c, &s, c.seed).expect("grades");
    assert_eq!(r.values(), honest.values());
    // A users node of another id is still the traffic's source; a second one is refused.
    let mut s = c.reference.clone();
    for n in &mut s.nodes {
        if n.id == "users" {
            n.id = "visitors".into();
        }
    }
    for w in &mut s.wires {
        if w.from == "users" {
            w.from = "visitors".into();
        }
    }
    assert!(grade(&c, &s, c.seed).is_ok());
    let mut extra = s.clone();
    let mut more = extra.node("visitors").cloned().expect("users");
    more.id = "bots".into();
    more.y += 160.0;
    extra.nodes.push(more);
    extra.wires.push(scaleboard_sim::Wire {
        from: "bots".into(),
        to: "dns".into(),
        latency_ms: None,
        ..Default::default()
    });
    let d = grade(&c, &extra, c.seed).expect_err("refused");
    assert!(
        d.iter()
            .any(|d| d.path == "nodes[bots]" && d.message.contains("remove this users node")),
        "{d:?}"
    );
    let mut none = c.reference.clone();
    none.nodes.retain(|n| n.kind != Kind::Users);
    none.wires.retain(|w| w.from != "users");
    let d = grade(&c, &none, c.seed).expect_err("refused");
    assert!(
        d.iter().any(|d| d.message.contains("add a users node")),
        "{d:?}"
    );
}

#[test]
fn a_broken_challenge_reports_every_problem_with_its_path() {
    let c = builtin("primary-loss");
    let mut v: serde_json::Value = serde_json::to_value(&c).expect("JSON");
    v["version"] = 7.into();
    v["ko"]["title"] = "".into();
    v["objectives"][0]["min"] = 1.into();
    v["objectives"][1] = serde_json::json!({ "metric": "p99_all_ms" });
    v["script"][0]["target"] = serde_json::json!({});
    v["traffic"][0]["rate_rps"] = (-5).into();
    v["start"]["nodes"][3]["workers"] = 0.into();
    let d = load_challenge(&v.to_string()).expect_err("broken");
    let paths: Vec<String> = d.iter().map(|d| d.to_string()).collect();
    for want in [
        "version: unsupported version 7",
        "ko.title: must not be empty",
        "objectives[0]: give \"max\" or \"min\", not both",
        "objectives[1]: needs \"max\" or \"min\"",
        "script[0].target: needs what it hits",
        "traffic[users].rate_rps: must be between 0",
        "start.nodes[web-1].workers: must be at least 1",
    ] {
        assert!(
            paths.iter().any(|p| p.starts_with(want)),
            "no \"{want}\" in {paths:#?}"
        );
    }
    // Decoding problems name their item too, and a syntax error its line.
    let mut v: serde_json::Value = serde_json::to_value(&c).expect("JSON");
    v["traffic"][0]["rate"] = 5.into();
    v["script"][0]["action"] = "explode".into();
    v["reference"]["nodes"][0]["kind"] = "robot".into();
    let d = load_challenge(&v.to_string()).expect_err("broken");
    let text: Vec<String> = d.iter().map(|d| d.to_string()).collect();
    assert!(
        text.iter()
            .any(|t| t.starts_with("traffic[users]: unknown field \"rate\"")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("script[0].action: unknown variant \"explode\"")),
        "{text:#?}"
    );
    assert!(
        text.iter().any(|t| t.starts_with("reference.nodes[users]")),
        "{text:#?}"
    );
    let d = load_challenge("{\"version\": 1,\n  \"id\": }").expect_err("not JSON");
    assert!(d[0].path.starts_with("line 2"), "{d:?}");
    // A reference that gives a step nothing to hit is a broken challenge.
    let mut v: serde_json::Value = serde_json::to_value(&c).expect("JSON");
    v["script"][0]["target"] = serde_json::json!({ "kind": "cache" });
    let d = load_challenge(&v.to_string()).expect_err("broken");
    assert_eq!(d[0].path, "script[0]", "{d:?}");
}

#[test]
fn the_format_document_names_every_field_and_metric() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/challenge-format.md"),
    )
    .expect("docs/challenge-format.md");
    let mut keys = Vec::new();
    for b in BUILTIN {
        let v: serde_json::Value = serde_json::from_str(b.json).expect("JSON");
        for (k, x) in v.as_object().expect("an object") {
            keys.push(k.clone());
            if let Some(items) = x.as_array() {
                for item in items {
                    for (k, y) in item.as_object().into_iter().flatten() {
                        keys.push(k.clone());
                        // A mix's weights are a users node's, in scenario-format.md.
                        if k == "mix" {
                            continue;
                        }
                        for k in y.as_object().into_iter().flatten().map(|(k, _)| k) {
                            keys.push(k.clone());
                        }
                    }
                }
            }
        }
    }
    keys.extend(Metric::ALL.iter().map(|m| m.key().to_string()));
    keys.extend(
        [
            "pick", "busiest", "first", "all", "region", "role", "id", "kind",
        ]
        .map(String::from),
    );
    keys.sort();
    keys.dedup();
    let missing: Vec<&String> = keys
        .iter()
        .filter(|k| !doc.contains(&format!("`{k}`")))
        .collect();
    assert!(missing.is_empty(), "undocumented: {missing:?}");
}

#[test]
fn designs_are_laid_out_like_the_journey() {
    use scaleboard_sim::edit::geometry::{node_rect, GRID};
    use scaleboard_sim::edit::Rect;
    for b in BUILTIN {
        let c = builtin(b.id);
        for (which, s) in [("start", &c.start), ("reference", &c.reference)] {
            for n in &s.nodes {
                assert!(
                    n.x % GRID == 0.0 && n.y % GRID == 0.0,
                    "{} {which}: {} is off the grid",
                    c.id,
                    n.id
                );
            }
            for (i, a) in s.nodes.iter().enumerate() {
                for o in &s.nodes[i + 1..] {
                    let (p, q) = (node_rect(a), node_rect(o));
                    let dx = (q.x - p.right()).max(p.x - q.right());
                    let dy = (q.y - p.bottom()).max(p.y - q.bottom());
                    assert!(
                        dx.max(dy) >= 48.0,
                        "{} {which}: {} and {} touch",
                        c.id,
                        a.id,
                        o.id
                    );
                }
            }
            for dc in &s.data_centers {
                let r = Rect::of_dc(dc);
                for n in s
                    .nodes
                    .iter()
                    .filter(|n| n.dc.as_deref() == Some(dc.id.as_str()))
                {
                    let nr = node_rect(n);
                    assert!(
                        nr.x >= r.x
                            && nr.right() <= r.right()
                            && nr.y >= r.y
                            && nr.bottom() <= r.bottom(),
                        "{} {which}: {} outside {}",
                        c.id,
                        n.id,
                        dc.id
                    );
                }
            }
            for w in &s.wires {
                let (Some(a), Some(o)) = (s.node(&w.from), s.node(&w.to)) else {
                    panic!("{} {which}: a dangling wire", c.id);
                };
                assert!(
                    a.x < o.x || a.kind == Kind::Database,
                    "{} {which}: {} -> {} runs right to left",
                    c.id,
                    a.id,
                    o.id
                );
            }
        }
    }
}
