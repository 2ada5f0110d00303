//! `scaleboard_render::svg`: a well-formed SVG that holds what was asked for (every node's
//! name, the three latency lines, axis titles with their units), the same bytes for the same
//! seed, and readable refusals for what it cannot draw.

use scaleboard_render::{plan, shown_name, svg, Charts, Options};
use scaleboard_sim::{load, Action, Fault, Scenario};
use std::path::Path;

fn scenario(name: &str) -> Scenario {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../static/scenarios/{name}.json"));
    let text = std::fs::read_to_string(&file).expect("built-in scenario readable");
    load(&text).expect("built-in scenario loads")
}

fn opts(charts: Charts, diagram: bool) -> Options {
    Options {
        duration_ms: 30_000.0,
        seed: 7,
        charts,
        diagram,
    }
}

/// Every `<text>` of the document: its content (trimmed) and the element, to read attributes.
fn texts<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<(String, roxmltree::Node<'a, 'a>)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| (n.text().unwrap_or_default().trim().to_string(), n))
        .collect()
}

fn has_text(doc: &roxmltree::Document, s: &str) -> bool {
    texts(doc).iter().any(|(t, _)| t == s)
}

/// The `points` of every polyline stroked in `color` (`#RRGGBB`).
fn polylines(doc: &roxmltree::Document, color: &str) -> Vec<Vec<(i64, i64)>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(color))
        .map(|n| {
            n.attribute("points")
                .unwrap_or_default()
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').expect("x,y");
                    (
                        x.parse().expect("whole pixels"),
                        y.parse().expect("whole pixels"),
                    )
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_same_seed_draws_the_same_bytes_and_another_seed_does_not() {
    let s = scenario("05-cache");
    let o = opts(Charts::Both, true);
    let a = svg(&s, &o).expect("draws");
    let b = svg(&s, &o).expect("draws");
    assert_eq!(a, b, "same scenario and seed, same SVG");
    let c = svg(&s, &Options { seed: 8, ..o }).expect("draws");
    assert_ne!(a, c, "another seed is another run, another figure");
}

#[test]
fn the_diagram_names_every_node_once_in_its_box() {
    for name in ["05-cache", "08-two-data-centers", "11-millions"] {
        let s = scenario(name);
        // The names do not depend on how long it runs: 5 s keeps 11-millions quick.
        let o = Options {
            duration_ms: 5_000.0,
            ..opts(Charts::None, true)
        };
        let out = svg(&s, &o).expect("draws");
        let doc = roxmltree::Document::parse(&out).expect("well-formed SVG");
        let scale = plan(&s, &o).diagram.expect("a diagram").scale;
        // Node names are the bold text at the names' size (14 px scaled with the diagram).
        let size = (14.0 * scale * 100.0).round() / 100.0;
        let mut drawn: Vec<String> = texts(&doc)
            .into_iter()
            .filter(|(_, n)| {
                n.attribute("font-weight") == Some("bold")
                    && n.attribute("font-size").and_then(|f| f.parse::<f64>().ok()) == Some(size)
            })
            .map(|(t, _)| t)
            .collect();
        let mut expected: Vec<String> = s.nodes.iter().map(shown_name).collect();
        drawn.sort();
        expected.sort();
        assert_eq!(drawn, expected, "{name}: one name per node");
        for dc in &s.data_centers {
            assert!(
                has_text(&doc, &dc.name),
                "{name}: data center {} named",
                dc.name
            );
        }
        assert!(
            !has_text(&doc, "latency [ms]"),
            "{name}: --diagram alone draws no chart"
        );
        assert!(
            has_text(&doc, "95 % and more"),
            "{name}: the legend says what red means"
        );
    }
}

#[test]
fn the_latency_chart_draws_p50_p95_p99_one_point_a_window_with_axis_units() {
    let s = scenario("05-cache");
    let out = svg(&s, &opts(Charts::Latency, false)).expect("draws");
    let doc = roxmltree::Document::parse(&out).expect("well-formed SVG");
    // The app's colours: p50 green, p95 amber, p99 red.
    for (series, color) in [("p50", "#2EA043"), ("p95", "#D29922"), ("p99", "#CF222E")] {
        let lines = polylines(&doc, color);
        let points: usize = lines.iter().map(Vec::len).sum();
        assert_eq!(
            points, 30,
            "{series}: one point per 1 s window of the 30 s run"
        );
        assert!(has_text(&doc, series), "{series} named in the legend");
    }
    // Higher percentiles lie higher (smaller y) at every window.
    let at = |c| polylines(&doc, c).concat();
    for ((a, b), c) in at("#2EA043").iter().zip(at("#D29922")).zip(at("#CF222E")) {
        assert!(a.1 >= b.1 && b.1 >= c.1, "p50 <= p95 <= p99 at x {}", a.0);
    }
    assert!(
        has_text(&doc, "latency [ms]"),
        "the value axis says its unit"
    );
    assert!(
        has_text(&doc, "simulated time [s]"),
        "the time axis says its unit"
    );
    assert!(has_text(&doc, "30"), "the time axis ends at the run's 30 s");
    assert!(
        !has_text(&doc, "throughput [requests/s]"),
        "--chart latency only"
    );
    assert!(
        !has_text(&doc, "Web server") && !has_text(&doc, "Primary database"),
        "no diagram without --diagram"
    );
}

#[test]
fn the_throughput_chart_and_the_caption_say_what_was_run() {
    let s = scenario("03-load-balancer");
    let o = Options {
        duration_ms: 12_000.0,
        seed: 42,
        charts: Charts::Throughput,
        diagram: false,
    };
    let out = svg(&s, &o).expect("draws");
    let doc = roxmltree::Document::parse(&out).expect("well-formed SVG");
    assert!(has_text(&doc, "throughput [requests/s]"));
    assert!(has_text(&doc, "simulated time [s]"));
    assert!(!has_text(&doc, "latency [ms]"), "--chart throughput only");
    assert!(has_text(&doc, "ok"), "the ok layer named");
    assert!(has_text(&doc, &s.name), "the scenario's name is the title");
    assert!(
        has_text(
            &doc,
            "12 s of simulated time, seed 42; every run with this seed is the same"
        ),
        "the caption gives duration and seed"
    );
    let title = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(
        title.starts_with(&s.name) && title.contains("seed 42"),
        "{title}"
    );
}

#[test]
fn a_node_that_ends_the_run_down_is_marked_and_the_errors_are_charted() {
    let mut s = scenario("05-cache");
    let primary = s
        .nodes
        .iter()
        .find(|n| {
            n.kind == scaleboard_sim::Kind::Database
                && n.role != Some(scaleboard_sim::Role::Replica)
        })
        .expect("05-cache has a primary")
        .id
        .clone();
    s.faults.push(Fault {
        at_s: 5.0,
        action: Action::Fail,
        node: Some(primary),
        dc: None,
        factor: None,
        rate_rps: None,
        duration_s: None,
        from: None,
        to: None,
        delay_ms: None,
    });
    let out = svg(&s, &opts(Charts::Both, true)).expect("draws");
    let doc = roxmltree::Document::parse(&out).expect("well-formed SVG");
    assert!(has_text(&doc, "DOWN"), "the failed primary says so");
    // Both charts mark the fault with its label, as the app's charts do.
    let labels = texts(&doc)
        .into_iter()
        .filter(|(t, _)| t == "Primary down")
        .count();
    assert_eq!(
        labels, 2,
        "\"Primary down\" on the latency and the throughput chart"
    );
    let healthy = svg(&scenario("05-cache"), &opts(Charts::Both, true)).expect("draws");
    assert!(
        !healthy.contains(">\nDOWN\n<"),
        "no node is down in a healthy run"
    );
    // Its box is outlined in the app's red.
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("rect") && n.attribute("stroke") == Some("#CF222E")),
        "a red outline"
    );
}

#[test]
fn figures_stay_compact() {
    let s = scenario("05-cache");
    let o = Options {
        duration_ms: 300_000.0,
        ..opts(Charts::Both, true)
    };
    let out = svg(&s, &o).expect("draws");
    // Five minutes, 300 windows: one point each, in whole pixels. A point per request (about
    // a million here) or per event would be megabytes.
    assert!(out.len() < 50_000, "{} bytes", out.len());
    let doc = roxmltree::Document::parse(&out).expect("well-formed SVG");
    let p99: usize = polylines(&doc, "#CF222E").iter().map(Vec::len).sum();
    assert!(p99 <= 300, "{p99} p99 points for 300 windows");
}

#[test]
fn what_cannot_be_drawn_is_refused_with_a_reason() {
    let s = scenario("01-single-server");
    let no_time = Options {
        duration_ms: 0.0,
        ..opts(Charts::Both, true)
    };
    let e = svg(&s, &no_time).expect_err("no window to draw");
    assert!(e.contains("--duration must be at least one window"), "{e}");
    let too_long = Options {
        duration_ms: 601_000.0,
        ..opts(Charts::Both, true)
    };
    let e = svg(&s, &too_long).expect_err("more windows than the engine keeps");
    assert!(e.contains("at most 600 s"), "{e}");
    let nothing = opts(Charts::None, false);
    let e = svg(&s, &nothing).expect_err("nothing asked for");
    assert!(e.contains("nothing to draw"), "{e}");
}
