//! The trace waterfall in headless Chromium, drawn from traces built here (a known request, one
//! with a retry, one long enough to scroll), with the app's own stylesheet: a row per span,
//! bars as wide as their durations, phases shaded apart in both themes, totals that add up,
//! the ending and the attempts named, and the path the canvas lights.
#![cfg(target_arch = "wasm32")]

mod support;

use std::rc::Rc;

use scaleboard::trace::layout::{by_attempt, tick_label, Axis};
use scaleboard::trace::panel::{TracePanel, TracePanelProps};
use scaleboard::trace::path::Lit;
use scaleboard::trace::Answer;
use scaleboard_sim::trace::{Attempt, Ending, Phase, Span, Trace};
use scaleboard_sim::Scenario;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

fn span(
    attempt: u8,
    phase: Phase,
    node: &str,
    from: Option<&str>,
    start_ms: f64,
    end_ms: f64,
) -> Span {
    Span {
        attempt,
        phase,
        node: node.into(),
        from: from.map(Into::into),
        start_ms,
        end_ms,
        down: false,
    }
}

/// A read that waited 40 ms in line at the web server, then was served there (20 ms) and by the
/// database (30 ms), with 5 ms on the wires: 95 ms in all.
fn known() -> Trace {
    use Phase::*;
    Trace {
        users: "users".into(),
        class: "read".into(),
        sent_ms: 12_345.0,
        latency_ms: 95.0,
        ending: Ending::Ok,
        attempts: vec![Attempt {
            ending: Ending::Ok,
            at_ms: 95.0,
            failed_at: None,
        }],
        spans: vec![
            span(0, Network, "web", Some("users"), 0.0, 2.0),
            span(0, Queue, "web", None, 2.0, 42.0),
            span(0, Service, "web", None, 42.0, 62.0),
            span(0, Network, "db", Some("web"), 62.0, 63.0),
            span(0, Service, "db", None, 63.0, 93.0),
            span(0, Network, "users", Some("db"), 93.0, 95.0),
        ],
    }
}

/// Refused at the web server's full queue (503) after 3 ms, a 50 ms backoff, then answered.
fn retried() -> Trace {
    use Phase::*;
    Trace {
        users: "users".into(),
        class: "write".into(),
        sent_ms: 1_000.0,
        latency_ms: 80.0,
        ending: Ending::Ok,
        attempts: vec![
            Attempt {
                ending: Ending::Rejected,
                at_ms: 3.0,
                failed_at: Some("web".into()),
            },
            Attempt {
                ending: Ending::Ok,
                at_ms: 80.0,
                failed_at: None,
            },
        ],
        spans: vec![
            span(0, Network, "web", Some("users"), 0.0, 1.0),
            span(0, Network, "users", Some("web"), 1.0, 3.0),
            span(1, Backoff, "users", None, 3.0, 53.0),
            span(1, Network, "web", Some("users"), 53.0, 54.0),
            span(1, Service, "web", None, 54.0, 78.0),
            span(1, Network, "users", Some("web"), 78.0, 80.0),
        ],
    }
}

/// Three components, named as a person would.
fn doc() -> Rc<Scenario> {
    let json = r#"{"version":1,"name":"Traced","nodes":[
        {"id":"users","kind":"users","name":"Users","x":0,"y":0,"rate_rps":10},
        {"id":"web","kind":"web_server","name":"Web 1","x":200,"y":0},
        {"id":"db","kind":"database","name":"Database","x":400,"y":0}],
        "wires":[{"from":"users","to":"web"},{"from":"web","to":"db"}]}"#;
    Rc::new(serde_json::from_str(json).expect("the fixture parses"))
}

/// The app's stylesheet on the test page, once: the shades and the panel's size are its.
fn style() {
    let d = gloo::utils::document();
    if d.get_element_by_id("app-css").is_some() {
        return;
    }
    let s = d.create_element("style").expect("a style element");
    s.set_id("app-css");
    s.set_text_content(Some(include_str!("../static/style.css")));
    d.head()
        .expect("a head")
        .append_child(&s)
        .expect("append the style");
}

async fn show(trace: Trace) -> Element {
    style();
    let el = root();
    let props = TracePanelProps {
        answer: Answer::Shown(Rc::new(trace)),
        doc: doc(),
        playing: true,
        on_close: Callback::noop(),
    };
    yew::Renderer::<TracePanel>::with_root_and_props(el.clone(), props).render();
    appears(&el, ".waterfall .wf-rows .wf-row").await;
    el
}

fn width(e: &Element) -> f64 {
    e.get_bounding_client_rect().width()
}

/// The geometry width of an SVG shape [px]: its `getBBox()`, without its stroke. The client rect
/// of a stroked shape includes the stroke in Firefox (a 1 px outline makes a 40 ms bar 1 px
/// wider) and not in Chromium; the bar's length is its geometry. The track has no viewBox, so
/// its user units are CSS px.
fn shape_width(e: &Element) -> f64 {
    let get_bbox = js_sys::Reflect::get(e, &"getBBox".into())
        .expect("an SVG shape has getBBox")
        .unchecked_into::<js_sys::Function>();
    let bbox = get_bbox.call0(e).expect("a bounding box");
    js_sys::Reflect::get(&bbox, &"width".into())
        .ok()
        .and_then(|v| v.as_f64())
        .expect("a width")
}

/// The fill the stylesheet gives `e` (`getComputedStyle(e).fill`).
fn fill(e: &Element) -> String {
    let window = gloo::utils::window();
    let get = js_sys::Reflect::get(&window, &"getComputedStyle".into())
        .expect("getComputedStyle")
        .unchecked_into::<js_sys::Function>();
    let style = get.call1(&window, e).expect("a computed style");
    js_sys::Reflect::get(&style, &"fill".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_known_trace_draws_a_row_per_span_with_bars_as_long_as_their_time() {
    let el = show(known()).await;
    let rows = all(&el, ".wf-rows .wf-row");
    assert_eq!(rows.len(), 6, "one row per span");
    let phases: Vec<String> = rows
        .iter()
        .map(|r| r.get_attribute("data-phase").unwrap_or_default())
        .collect();
    assert_eq!(
        phases,
        ["network", "queue", "service", "network", "service", "network"]
    );
    // Names as the canvas shows them, the wire as "from → to".
    assert!(text_of(&rows[0], ".wf-label").contains("Users → Web 1"));
    assert!(text_of(&rows[1], ".wf-label").contains("waiting in line"));
    assert!(text_of(&rows[4], ".wf-label").contains("Database"));
    // Bars: width in proportion to duration, placed at their start on one axis. The queue's
    // 40 ms is twice the web server's 20 ms of service and 4/3 of the database's 30 ms.
    let bar = |i: usize| one(&rows[i], "rect.bar");
    let track = width(&one(&rows[1], "svg.wf-track"));
    assert!(track > 100.0, "the track is laid out: {track} px");
    let px_per_ms = track / 95.0;
    for (i, ms) in [(1, 40.0), (2, 20.0), (4, 30.0), (0, 2.0)] {
        let w = shape_width(&bar(i));
        assert!(
            (w - ms * px_per_ms).abs() <= 1.0,
            "row {i}: {w} px for {ms} ms at {px_per_ms} px/ms"
        );
    }
    let left = |i: usize| {
        bar(i).get_bounding_client_rect().left()
            - one(&rows[i], "svg.wf-track")
                .get_bounding_client_rect()
                .left()
    };
    assert!(
        (left(2) - 42.0 * px_per_ms).abs() <= 1.0,
        "service starts at 42 ms"
    );
    assert!(
        (left(4) - 63.0 * px_per_ms).abs() <= 1.0,
        "the database's service at 63 ms"
    );
    // Totals by phase, and the whole: 5 + 40 + 50 + 0 = 95 ms, the latency.
    let total = |p: &str| text_of(&el, &format!("[data-total={p}]"));
    assert_eq!(total("network"), "5.0 ms");
    assert_eq!(total("queue"), "40.0 ms");
    assert_eq!(total("service"), "50.0 ms");
    assert_eq!(total("backoff"), "0 ms");
    assert_eq!(total("all"), "95.0 ms");
    let summary = text_of(&el, ".wf-summary");
    assert!(summary.contains("read request from Users"), "{summary}");
    assert!(summary.contains("answered after 95.0 ms"), "{summary}");
    assert_eq!(
        count(&el, ".wf-attempt"),
        0,
        "one attempt needs no attempt headers"
    );
    // Ticks a round step apart, from 0 to the end: 0, 20, ... 80 ms.
    let list = el.query_selector_all(".wf-axis text").expect("a selector");
    let ticks: Vec<String> = (0..list.length())
        .filter_map(|i| list.item(i)?.text_content())
        .collect();
    assert_eq!(ticks, ["0", "20 ms", "40 ms", "60 ms", "80 ms"]);
}

#[wasm_bindgen_test]
async fn phases_are_shaded_apart_in_both_themes_and_named_in_the_legend() {
    let el = show(known()).await;
    let root_el = gloo::utils::document().document_element().expect("a root");
    for theme in ["light", "dark"] {
        root_el
            .set_attribute("data-theme", theme)
            .expect("set theme");
        let fills: Vec<String> = ["network", "queue", "service"]
            .iter()
            .map(|p| fill(&one(&el, &format!(".wf-rows rect.bar.{p}"))))
            .collect();
        assert!(
            fills.iter().all(|f| !f.is_empty() && f != "none"),
            "{theme}: {fills:?}"
        );
        assert!(
            fills[0] != fills[1] && fills[1] != fills[2] && fills[0] != fills[2],
            "{theme}: each phase has its own fill: {fills:?}"
        );
        // Waiting in line is hatched, not only coloured.
        assert!(fills[1].contains("wf-hatch"), "{theme}: {}", fills[1]);
    }
    let service_light = {
        root_el
            .set_attribute("data-theme", "light")
            .expect("set theme");
        fill(&one(&el, ".wf-rows rect.bar.service"))
    };
    root_el
        .set_attribute("data-theme", "dark")
        .expect("set theme");
    let service_dark = fill(&one(&el, ".wf-rows rect.bar.service"));
    root_el.remove_attribute("data-theme").expect("unset theme");
    assert_ne!(
        service_light, service_dark,
        "the dark theme has its own shade"
    );
    let legend = text_of(&el, ".wf-legend");
    for words in [
        "on the wire",
        "waiting in line",
        "being served",
        "backoff",
        "total",
    ] {
        assert!(legend.contains(words), "{words} in the legend: {legend}");
    }
}

#[wasm_bindgen_test]
async fn focusing_a_row_reads_out_its_exact_times() {
    let el = show(known()).await;
    let rows = all(&el, ".wf-rows .wf-row");
    assert!(text_of(&el, ".wf-readout").contains("Hover or focus"));
    rows[1].focus().expect("focus a row");
    text_when(&el, ".wf-readout", "the readout shows the queue row", |r| {
        r == "Web 1, waiting in line (queue): from 2.0 ms to 42.0 ms (40.0 ms)"
    })
    .await;
    // Down moves to the next row, as in a list.
    let init = web_sys::KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_key("ArrowDown");
    let down = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("a key event");
    rows[1].dispatch_event(&down).expect("dispatch");
    text_when(&el, ".wf-readout", "Down reads out the next row", |r| {
        r == "Web 1, being served: from 42.0 ms to 62.0 ms (20.0 ms)"
    })
    .await;
    assert_eq!(
        rows[3].get_attribute("title").as_deref(),
        Some("Web 1 → Database, on the wire (network): from 62.0 ms to 63.0 ms (1.0 ms)")
    );
}

#[wasm_bindgen_test]
async fn a_retry_shows_each_attempt_and_where_the_first_failed() {
    let el = show(retried()).await;
    let heads = all(&el, ".wf-attempt");
    assert_eq!(heads.len(), 2, "two attempts");
    let first = heads[0].text_content().unwrap_or_default();
    assert!(first.starts_with("Attempt 1 of 2: refused (503"), "{first}");
    assert!(first.ends_with("at 3.0 ms, at Web 1"), "{first}");
    assert!(has_class(&heads[0], "bad"), "a failed attempt is marked");
    assert!(!has_class(&heads[1], "bad"));
    assert_eq!(text_of(&el, "[data-total=backoff]"), "50.0 ms");
    // The backoff row sits under the second attempt's header.
    let order: Vec<String> = all(&el, ".wf-rows > li")
        .iter()
        .map(|li| {
            li.get_attribute("data-phase")
                .or(li.get_attribute("data-attempt"))
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        order,
        ["1", "network", "network", "2", "backoff", "network", "service", "network"]
    );
}

#[wasm_bindgen_test]
async fn a_long_trace_scrolls_inside_the_panel_and_a_failure_is_said() {
    let mut long = known();
    // 24 hops of 1 ms service each after the known ones, then a timeout at the database.
    for i in 0..24 {
        let at = 95.0 + f64::from(i);
        long.spans
            .push(span(0, Phase::Service, "db", None, at, at + 1.0));
    }
    long.latency_ms = 119.0;
    long.ending = Ending::Timeout;
    long.attempts = vec![Attempt {
        ending: Ending::Timeout,
        at_ms: 119.0,
        failed_at: Some("db".into()),
    }];
    let el = show(long).await;
    let list = one(&el, ".wf-rows");
    let panel = one(&el, ".trace-panel");
    let view_h = f64::from(
        gloo::utils::window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0) as u32,
    );
    assert!(
        panel.get_bounding_client_rect().bottom() <= view_h + 1.0,
        "the panel fits the window"
    );
    assert!(
        list.scroll_height() > list.client_height(),
        "30 rows scroll inside the list: {} > {}",
        list.scroll_height(),
        list.client_height()
    );
    let summary = text_of(&el, ".wf-summary");
    assert!(summary.contains("timed out after 119 ms"), "{summary}");
    assert!(summary.contains("It failed at Database."), "{summary}");
}

#[wasm_bindgen_test]
async fn no_trace_says_why_in_the_engines_words() {
    style();
    let el = root();
    let props = TracePanelProps {
        answer: Answer::Note("that window is too old: only the last 120 are kept".into()),
        doc: doc(),
        playing: true,
        on_close: Callback::noop(),
    };
    yew::Renderer::<TracePanel>::with_root_and_props(el.clone(), props).render();
    let note = appears(&el, "[data-notice=no-trace]").await;
    assert_eq!(
        note.text_content().unwrap_or_default(),
        "No trace to show: that window is too old: only the last 120 are kept"
    );
}

#[wasm_bindgen_test]
fn the_axis_and_the_lit_path_follow_the_trace() {
    let axis = Axis::of(&known());
    assert_eq!(axis.end_ms, 95.0);
    assert_eq!(axis.ticks, [0.0, 20.0, 40.0, 60.0, 80.0]);
    let secs = |s: f64| format!("{s} s");
    assert_eq!(tick_label(2500.0, &secs), "2.5 s");
    assert_eq!(tick_label(0.5, &secs), "0.50 ms");
    let groups = by_attempt(&retried());
    assert_eq!(groups, [(0, vec![0, 1]), (1, vec![2, 3, 4, 5])]);
    let lit = Lit::of(&known());
    assert_eq!(lit.nodes, ["users", "web", "db"]);
    assert!(lit.wire("users", "web") && lit.wire("web", "db") && lit.wire("db", "web"));
    assert!(lit.wire("db", "users"), "the way back is a hop too");
}

/// A web server reads a replica through its primary's wire (05-cache wires `web-1 -> db ->
/// db-r1`): the hop `web-1 -> db-r1` has no wire of its own, so the canvas lights the wired
/// route instead of leaving a hole, and leaves the primary itself unlit.
#[wasm_bindgen_test]
fn a_hop_with_no_wire_of_its_own_lights_the_wired_route() {
    let wire = |from: &str, to: &str| scaleboard_sim::Wire {
        from: from.into(),
        to: to.into(),
        ..Default::default()
    };
    let wires = [
        wire("users", "web-1"),
        wire("web-1", "cache"),
        wire("web-1", "db"),
        wire("db", "db-r2"),
        wire("db", "db-r1"),
    ];
    let hop = |from: &str, to: &str| (from.to_string(), to.to_string());
    let lit = Lit {
        nodes: vec!["users".into(), "web-1".into(), "db-r1".into()],
        hops: vec![hop("users", "web-1"), hop("web-1", "db-r1")],
    }
    .through(&wires);
    assert!(
        lit.wire("web-1", "db") && lit.wire("db", "db-r1"),
        "{:?}",
        lit.hops
    );
    assert!(
        !lit.wire("db", "db-r2"),
        "another replica's wire lit: {:?}",
        lit.hops
    );
    assert!(!lit.wire("web-1", "cache"), "{:?}", lit.hops);
    assert!(!lit.node("db"), "the primary was passed over, not visited");
}

/// A wire to a node that was down (a failed cache the web server went past) says so in its
/// row, in words and in its exact readout; the other rows do not.
#[wasm_bindgen_test]
async fn a_wire_to_a_node_that_was_down_says_so() {
    let mut t = known();
    // The call to the database found it down: the row of that wire carries the mark.
    t.spans[3].down = true;
    let el = show(t).await;
    let rows = all(&el, ".wf-rows .wf-row");
    let down: Vec<usize> = (0..rows.len())
        .filter(|&i| has_class(&rows[i], "down"))
        .collect();
    assert_eq!(down, [3], "only the wire to the database is marked");
    let label = rows[3].text_content().unwrap_or_default();
    assert!(label.contains("Web 1 → Database"), "{label}");
    assert!(label.contains("— it was down"), "{label}");
    let exact = rows[3].get_attribute("title").unwrap_or_default();
    assert!(exact.contains("it was down"), "{exact}");
    assert!(!rows[2].text_content().unwrap_or_default().contains("down"));
}

#[wasm_bindgen_test]
async fn a_throttled_request_says_a_rate_limiter_turned_it_away() {
    // Turned away at the web server by its rate limiter (429): the last ending of the word
    // table, which must be there in both languages.
    let mut t = known();
    t.ending = Ending::Throttled;
    t.attempts = vec![Attempt {
        ending: Ending::Throttled,
        at_ms: 60.0,
        failed_at: Some("web".into()),
    }];
    let el = show(t).await;
    let summary = text_of(&el, ".wf-summary");
    assert!(
        summary.contains("turned away by a rate limiter (429)"),
        "{summary}"
    );
}
