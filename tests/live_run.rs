//! The live run in headless Chromium: the dock's controls drive the engine, the numbers panel
//! and the canvas show what it does. Asserted on the DOM, with the engine's own rules as the
//! reference (a failed node is marked down, utilisation buckets, dot density by decade).
#![cfg(target_arch = "wasm32")]

mod support;

use scaleboard::builtin;
use scaleboard::live_view::{compact, dot_count, heat_class};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

/// What each test opens: the default scenario, on screen and ready to be pointed at.
async fn mount(json: &str) -> Element {
    mount_scenario(json).await
}

/// The same button as [`dock_button`], under the name these tests read best with.
fn button(el: &Element, text: &str) -> HtmlElement {
    dock_button(el, text)
}

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn buckets_and_dots_follow_their_rules() {
    assert_eq!(heat_class(0.0), "heat-0");
    assert_eq!(heat_class(0.19), "heat-0");
    assert_eq!(heat_class(0.5), "heat-2");
    assert_eq!(heat_class(0.9), "heat-4");
    assert_eq!(heat_class(0.96), "heat-5");
    assert_eq!(heat_class(3.0), "heat-5");
    assert_eq!(heat_class(f64::NAN), "heat-0");
    assert_eq!(dot_count(0.0), 0);
    assert_eq!(dot_count(5.0), 1);
    assert_eq!(dot_count(50.0), 2);
    assert_eq!(dot_count(5e4), 5);
    assert_eq!(dot_count(1e9), 6);
    assert_eq!(dot_count(f64::INFINITY), 0);
    assert_eq!(compact(7), "7");
    assert_eq!(compact(1234), "1.2k");
    assert_eq!(compact(2_500_000), "2.5M");
}

#[wasm_bindgen_test]
async fn stepping_fills_the_numbers_and_colours_the_canvas() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount(b.json).await;
    assert!(
        one(&el, ".numbers")
            .text_content()
            .unwrap_or_default()
            .contains("Press Play"),
        "nothing measured before the run"
    );
    assert!(
        el.query_selector(".node.live").expect("selector").is_none(),
        "no live colours before the run"
    );
    step_to(&el, 3.0).await;
    // The run is paused between steps: each wait below is only for the page to draw it.
    text_when(
        &el,
        "[data-metric=p99]",
        "p99 is shown with its unit",
        |p99| p99.ends_with("ms") || p99.ends_with(" s"),
    )
    .await;
    let ok = metric(&el, "ok-rps");
    assert!(!ok.starts_with('0'), "requests succeed: {ok}");
    // A healthy design: every request answered within the 2 s objective, so no
    // successful-only p99 beside the one of all requests.
    assert_eq!(metric(&el, "good"), "100.0 %");
    assert!(
        text_of(&el, ".headline").contains("good ≤ 2 s"),
        "the good tile names its objective"
    );
    assert!(el
        .query_selector("[data-metric=p99-ok-only]")
        .expect("selector")
        .is_none());
    appears(&el, ".node.live").await;
    appears(&el, ".flow circle.dot").await;
    assert!(
        el.query_selector(".node.down").expect("selector").is_none(),
        "nothing is down"
    );
}

#[wasm_bindgen_test]
async fn failing_a_node_marks_it_down_records_the_fault_and_recovering_clears_it() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount(b.json).await;
    step_to(&el, 2.0).await;
    // Select the web server with a real press, then Fail it from the dock.
    let web = one(&el, ".node[aria-label^=\"Web server\"]");
    let id = web.get_attribute("data-id").expect("a node id");
    select_node(&el, &format!(".node[data-id=\"{id}\"]")).await;
    button(&el, "Fail").click();
    step_to(&el, 5.0).await;
    appears(&el, &format!(".node.down[data-id=\"{id}\"]")).await;
    text_when(
        &el,
        "[data-metric=failed-rps]",
        "requests fail while the only server is down",
        |f| !f.is_empty() && !f.starts_with('0'),
    )
    .await;
    // Nothing succeeds: the panel says what p50 and p99 now measure. They count the failures
    // (refused at once by the dead server), so they read a time, not "–"; nothing is good, and
    // the successful-only p99 joins them, empty.
    let why = appears(&el, ".numbers [data-metric=why]").await;
    assert!(
        why.text_content()
            .unwrap_or_default()
            .contains("how long users waited for their failure"),
        "{:?}",
        why.text_content()
    );
    text_when(
        &el,
        "[data-metric=good]",
        "no request is good while the only server is down",
        |g| g == "0.0 %",
    )
    .await;
    let p99 = metric(&el, "p99");
    assert!(p99.ends_with("ms"), "p99 of all requests is a time: {p99}");
    assert!(
        has_class(&one(&el, "[data-metric=p99]"), "bad"),
        "p99 is marked bad while requests fail"
    );
    assert_eq!(
        metric(&el, "p99-ok-only"),
        "–",
        "no successful request to measure"
    );
    // The injection is in the document: Undo is now possible, and the node table shows it down.
    assert!(
        !one(&el, "button[aria-label=Undo]").has_attribute("disabled"),
        "the fault was recorded as an edit"
    );
    assert!(has_class(
        &one(&el, &format!("tr[data-node=\"{id}\"]")),
        "down"
    ));
    button(&el, "Recover").click();
    step_to(&el, 8.0).await;
    until("the recovered server is no longer marked down", || {
        !has_class(&one(&el, &format!(".node[data-id=\"{id}\"]")), "down")
    })
    .await;
}

#[wasm_bindgen_test]
async fn editing_during_a_run_applies_live_or_asks_to_restart_never_ignored() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount(b.json).await;
    step_to(&el, 3.0).await;
    // A rate change applies live: the run goes on, no restart asked.
    let slider: web_sys::HtmlInputElement = one(&el, ".run-dock .rate input[type=range]")
        .dyn_into()
        .expect("an input");
    // Three quick steps (arrow keys, well inside the slider's 400 ms settling time): shown at
    // once, applied and recorded once it settles.
    for v in ["2.8", "2.9", "3"] {
        slider.set_value(v); // log10: 1,000 requests/s at the end
        changed(&slider);
    }
    text_when(&el, "[data-metric=rate]", "the new rate is shown", |r| {
        r == "1000/s"
    })
    .await;
    appears(&el, ".schedule li").await;
    assert_eq!(
        count(&el, ".schedule li"),
        1,
        "one change recorded, not three"
    );
    assert!(
        el.query_selector(".run-dock .notice")
            .expect("selector")
            .is_none(),
        "no restart for a rate change"
    );
    let before = clock_s(&el);
    step_to(&el, before + 2.0).await;
    // What enters the system (DNS lookups) follows the new rate, whatever the server manages.
    // The run is paused: the table shows the last closed window once drawn.
    let doc = scaleboard_sim::load(b.json).expect("valid");
    let dns = doc
        .nodes
        .iter()
        .find(|n| n.kind == scaleboard_sim::Kind::Dns)
        .expect("a DNS node");
    let cell = format!("tr[data-node=\"{}\"] [data-col=in]", dns.id);
    let arriving = text_when(&el, &cell, "DNS lookups are counted", |c| !c.is_empty()).await;
    let rate: f64 = arriving.trim_end_matches("/s").parse().unwrap_or(0.0);
    assert!(
        (rate - 1000.0).abs() < 150.0,
        "requests arrive at the new rate: {arriving}"
    );
    // Adding a component changes the design: the run asks to restart with it.
    one(&el, ".palette button[aria-label=\"Cache\"]")
        .dyn_ref::<HtmlElement>()
        .expect("a button")
        .click();
    let notice = text_when(&el, ".run-dock .notice", "the run asks to restart", |n| {
        !n.is_empty()
    })
    .await;
    assert!(notice.contains("design changed"), "{notice}");
    assert!(
        clock_s(&el) >= before + 2.0,
        "the old run goes on until asked"
    );
    button(&el, "Restart with changes").click();
    gone(&el, ".run-dock .notice").await;
    until("the restarted run's clock is back at zero", || {
        clock_s(&el) == 0.0
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_request_mix_is_shown_and_edited_as_weights() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let doc = scaleboard_sim::load(b.json).expect("valid");
    let users = doc
        .nodes
        .iter()
        .find(|n| n.kind == scaleboard_sim::Kind::Users)
        .expect("a users node");
    let el = mount(b.json).await;
    let m = scaleboard_sim::Params::of(users).mix;
    assert_eq!(
        (m.static_asset, m.read, m.write, m.job),
        (0.3, 0.5, 0.2, 0.0),
        "the fixture this test is written for"
    );
    let shown = metric(&el, "mix");
    assert_eq!(
        shown, "30 % static · 50 % read · 20 % write",
        "the dock shows the mix"
    );
    // Select the users node and set the weights in the inspector, one field at a time, each
    // once the previous edit shows in the dock.
    select_node(&el, &format!(".node[data-id=\"{}\"]", users.id)).await;
    let mix_is = |want: &'static str| text_when(&el, "[data-metric=mix]", want, move |m| m == want);
    type_into(&el, "mix.static", "0");
    mix_is("71 % read · 29 % write").await;
    type_into(&el, "mix.read", "3");
    mix_is("94 % read · 6 % write").await;
    type_into(&el, "mix.write", "1");
    mix_is("75 % read · 25 % write").await;
    // All zero is refused by the model and never enters the document.
    type_into(&el, "mix.read", "0");
    mix_is("100 % write").await;
    type_into(&el, "mix.write", "0");
    appears(&el, "input[name=\"mix.write\"][aria-invalid=true]").await;
    assert_eq!(
        metric(&el, "mix"),
        "100 % write",
        "the refused edit left the last good mix"
    );
}

#[wasm_bindgen_test]
fn dollars_are_whole_with_separators() {
    use scaleboard::run::design::fmt_usd;
    assert_eq!(fmt_usd(0.0), "$0");
    assert_eq!(fmt_usd(154.4), "$154");
    assert_eq!(fmt_usd(1234.5), "$1,235");
    assert_eq!(fmt_usd(1_234_567.0), "$1,234,567");
}

#[wasm_bindgen_test]
async fn a_bigger_machine_costs_more_and_carries_more() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let doc = scaleboard_sim::load(b.json).expect("valid");
    let server = doc
        .nodes
        .iter()
        .find(|n| n.kind == scaleboard_sim::Kind::WebServer)
        .expect("a server");
    let el = mount(b.json).await;
    let money = |s: String| {
        s.trim_start_matches('$')
            .split('/')
            .next()
            .unwrap_or("")
            .replace(',', "")
            .parse::<f64>()
            .unwrap_or(-1.0)
    };
    let rate = |s: String| -> f64 {
        let v: f64 = s
            .trim_end_matches("/s")
            .trim_end_matches('k')
            .parse()
            .unwrap_or(-1.0);
        if s.contains("k/s") {
            v * 1000.0
        } else {
            v
        }
    };
    let shown_cost = metric(&el, "cost");
    let cost0 = money(shown_cost.clone());
    let cap0 = rate(metric(&el, "capacity"));
    assert!(cost0 > 0.0 && cap0 > 0.0, "cost {cost0}, capacity {cap0}");
    // The single server is the bottleneck; make it an extra-large machine.
    select_node(&el, &format!(".node[data-id=\"{}\"]", server.id)).await;
    let select: web_sys::HtmlSelectElement =
        one(&el, "select[name=size]").dyn_into().expect("a select");
    select.set_value("xlarge");
    changed(&select);
    let cost1 = money(
        text_when(
            &el,
            "[data-metric=cost]",
            "the design is priced anew",
            |c| c != shown_cost,
        )
        .await,
    );
    let cap1 = rate(metric(&el, "capacity"));
    assert!(
        cost1 > cost0 * 4.0,
        "an xlarge box costs several small ones: {cost0} -> {cost1}"
    );
    assert!(
        cap1 > cap0 * 4.0,
        "and carries several times the traffic: {cap0} -> {cap1}"
    );
    let node_cost = one(&el, "[data-metric=node-cost]")
        .text_content()
        .unwrap_or_default();
    assert!(
        node_cost.contains('$'),
        "the inspector prices the machine: {node_cost}"
    );
    let raw: u32 = one(&el, "input[name=workers]")
        .dyn_into::<web_sys::HtmlInputElement>()
        .expect("an input")
        .value()
        .parse()
        .expect("a number");
    let effective = one(&el, "[data-metric=effective]")
        .text_content()
        .unwrap_or_default();
    assert!(
        effective.contains(&format!("{} workers", raw * 8)),
        "the field shows the machine's own {raw} workers, the hint what xlarge runs: {effective}"
    );
}

#[wasm_bindgen_test]
async fn the_charts_fold_away_for_a_bigger_canvas_and_come_back() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount(b.json).await;
    step_to(&el, 2.0).await;
    let shown = |el: &Element| el.query_selector(".charts").expect("selector").is_some();
    assert!(shown(&el), "charts shown at first");
    button(&el, "Hide charts").click();
    gone(&el, ".charts").await;
    assert!(has_class(&one(&el, ".run-dock"), "folded"));
    assert!(
        el.query_selector(".numbers").expect("selector").is_none(),
        "numbers folded too"
    );
    assert!(
        el.query_selector(".run-dock button.primary")
            .expect("selector")
            .is_some(),
        "the controls stay"
    );
    button(&el, "Show charts").click();
    appears(&el, ".charts").await;
}

#[wasm_bindgen_test]
async fn the_latency_chart_plots_all_requests_until_switched_to_successful_only() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount(b.json).await;
    step_to(&el, 2.0).await;
    let label = |el: &Element| {
        one(el, ".charts figure:first-child canvas")
            .get_attribute("aria-label")
            .unwrap_or_default()
    };
    assert!(label(&el).contains("of all requests"), "{}", label(&el));
    let switch = one(&el, "input[data-switch=ok-only]");
    assert!(text_of(&el, ".charts figcaption").contains("successful only"));
    switch
        .dyn_ref::<web_sys::HtmlElement>()
        .expect("an input")
        .click();
    until("the chart says it plots successful requests only", || {
        label(&el).contains("of successful requests only")
    })
    .await;
}

#[wasm_bindgen_test]
fn the_series_keeps_both_latencies_and_flags_windows_where_requests_fail() {
    use scaleboard::run::series::{self, FAILED_SHARE_FLAG};
    // 200 requests/s, evenly spaced, into one worker that serves 100/s: a request arriving at
    // t s waits about t s, so none fails in the first second and all wait past the 2 s timeout
    // by the tenth.
    let s = scaleboard_sim::load(
        r#"{ "version": 1, "name": "saturated", "seed": 1,
        "nodes": [
          { "id": "u", "kind": "users", "x": 0, "y": 0, "rate_rps": 200, "arrival": "constant",
            "timeout_ms": 2000, "mix": { "static": 0, "read": 1, "write": 0, "job": 0 } },
          { "id": "web", "kind": "web_server", "x": 100, "y": 0, "workers": 1,
            "queue_capacity": 100000, "service": { "dist": "constant", "mean_ms": 10 } } ],
        "wires": [ { "from": "u", "to": "web", "latency_ms": 0 } ] }"#,
    )
    .expect("the scenario loads");
    let mut sim = scaleboard_sim::compile(&s).expect("compiles");
    sim.run_until(10_000.0);
    let pts = series::system(sim.series());
    assert_eq!(pts.len(), 10);
    let first = pts[0];
    assert!(
        !first.flagged(),
        "nothing fails in the first second: {first:?}"
    );
    assert_eq!(first.all, first.ok_only, "so both latencies agree");
    assert_eq!(first.good_pct(), Some(100.0));
    let last = pts[9];
    assert!(
        last.failed_share() > FAILED_SHARE_FLAG && last.flagged(),
        "{last:?}"
    );
    assert_eq!(last.all.p99, 2000.0, "every request ends at the timeout");
    assert_eq!(last.ok_only.p99, 0.0, "no successful request to measure");
    assert_eq!(last.good_pct(), Some(0.0));
    assert_eq!((last.t0_s, last.t_s), (9.0, 10.0));
    let csv = series::to_csv(&pts);
    let header = csv.lines().next().unwrap_or_default();
    assert!(
        header.starts_with("t_s,p50_ms,p95_ms,p99_ms,ok_p50_ms"),
        "{header}"
    );
    assert!(
        csv.lines()
            .nth(10)
            .is_some_and(|row| row.starts_with("10,2000.000,2000.000,2000.000,0.000")),
        "{csv}"
    );
}

#[wasm_bindgen_test]
fn latency_lines_break_where_nothing_finished() {
    use scaleboard::run::charts::runs;
    use scaleboard::run::series::{Pcts, Point};
    let at = |t_s: f64, p99: f64| Point {
        t_s,
        all: Pcts {
            p99,
            ..Pcts::default()
        },
        ..Point::default()
    };
    let pts = [
        at(1.0, 10.0),
        at(2.0, 12.0),
        at(3.0, 0.0),
        at(4.0, 0.0),
        at(5.0, 30.0),
        at(6.0, f64::NAN),
        at(7.0, 8.0),
    ];
    let got = runs(&pts, |p| p.all.p99);
    assert_eq!(
        got,
        vec![
            vec![(1.0, 10.0), (2.0, 12.0)],
            vec![(5.0, 30.0)],
            vec![(7.0, 8.0)]
        ]
    );
    assert!(runs(&[], |p: &Point| p.all.p99).is_empty());
}

#[wasm_bindgen_test]
async fn undoing_an_injected_fault_asks_to_restart_the_run() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount(b.json).await;
    step_to(&el, 2.0).await;
    select_node(&el, ".node[aria-label^=\"Web server\"]").await;
    button(&el, "Fail").click();
    // The engine stamps the fault with its time and the page records it in the document: only
    // then is there an edit to undo (on a busy machine that can take a while).
    appears(&el, ".run-dock .schedule li[data-fault]").await;
    step_to(&el, 4.0).await;
    assert!(
        el.query_selector(".run-dock .notice")
            .expect("selector")
            .is_none(),
        "recording the fault asks nothing"
    );
    one(&el, "button[aria-label=Undo]")
        .dyn_ref::<HtmlElement>()
        .expect("a button")
        .click();
    let notice = text_when(&el, ".run-dock .notice", "a notice after Undo", |n| {
        !n.is_empty()
    })
    .await;
    assert!(
        notice.contains("design changed"),
        "the run no longer matches the document: {notice}"
    );
}

#[wasm_bindgen_test]
async fn an_impossible_spike_is_explained_and_the_old_value_kept() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount(b.json).await;
    step_to(&el, 1.0).await;
    let factor: web_sys::HtmlInputElement = one(&el, "input[aria-label=\"Spike factor\"]")
        .dyn_into()
        .expect("an input");
    factor.set_value("0");
    changed(&factor);
    let alert = text_when(
        &el,
        ".run-dock .notice.bad",
        "the bad factor is explained",
        |a| !a.is_empty(),
    )
    .await;
    assert!(
        alert.contains("1 to 1000") && alert.contains("x5"),
        "{alert}"
    );
    factor.set_value("3");
    changed(&factor);
    gone(&el, ".run-dock .notice.bad").await;
}

/// Workshop rehearsal, item 5: Play on an unfinished design says what is missing in the user's
/// own names, points at the node, and stays disabled until the design can run.
#[wasm_bindgen_test]
async fn play_waits_for_a_complete_design_and_says_what_is_missing() {
    // A second users node dropped on the single-server design, not wired yet.
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount(b.json).await;
    one(&el, ".palette button[aria-label=\"Users\"]")
        .dyn_ref::<HtmlElement>()
        .expect("a button")
        .click();
    let added = appears(&el, ".node.selected").await;
    let id = added.get_attribute("data-id").expect("an id");
    until(
        "Play is disabled while the new users node is not wired",
        || dock_button(&el, "Play").has_attribute("disabled"),
    )
    .await;
    let play = dock_button(&el, "Play");
    let why = play.get_attribute("title").unwrap_or_default();
    assert!(
        why.contains("\u{201c}Users 2\u{201d} must be wired"),
        "{why}"
    );
    let item = appears(
        &el,
        &format!(".run-dock .blockers button[data-node=\"{id}\"]"),
    )
    .await;
    let text = item.text_content().unwrap_or_default();
    assert!(
        text.starts_with("\u{201c}Users 2\u{201d} must be wired to an entry point: users send to"),
        "{text}"
    );
    assert!(!text.contains("nodes["), "no JSON path: {text}");
    // Pointing at it: select something else first, then the problem selects the new node.
    key("Escape");
    gone(&el, ".node.selected").await;
    item.dyn_into::<HtmlElement>().expect("a button").click();
    appears(&el, &format!(".node.selected[data-id=\"{id}\"]")).await;
    // Wire it to DNS and Play comes back.
    let dns = one(&el, ".node[aria-label^=\"DNS\"]");
    let handle = one(&el, &format!(".node[data-id=\"{id}\"] circle.handle"));
    pointer_at(&handle, "pointerdown", 0.0, 0.0);
    pointer_at(&dns, "pointerup", 0.0, 0.0);
    until("Play is enabled once the design can run", || {
        !dock_button(&el, "Play").has_attribute("disabled")
    })
    .await;
    gone(&el, ".run-dock .blockers").await;
}

/// Workshop rehearsal, item 6: figures that looked contradictory say what they are: the design's
/// are for everything up, the busiest node is now, the users' timeout is beside p50 and p99, a
/// second where nothing succeeded says so, and the spike's boxes are labelled.
#[wasm_bindgen_test]
async fn figures_say_what_they_are() {
    let b = builtin::find("05-cache").expect("built in");
    let doc = scaleboard_sim::load(b.json).expect("valid");
    let timeout_ms = doc
        .nodes
        .iter()
        .find(|n| n.kind == scaleboard_sim::Kind::Users)
        .map(|n| scaleboard_sim::Params::of(n).timeout_ms)
        .expect("a users node");
    let el = mount(b.json).await;
    step_to(&el, 2.0).await;
    let timeout = text_when(
        &el,
        "[data-metric=timeout]",
        "the users' timeout is shown",
        |t| !t.is_empty(),
    )
    .await;
    assert_eq!(timeout, format!("{} s", timeout_ms / 1000.0));
    let heads = text_of(&el, ".numbers");
    assert!(heads.contains("busiest now"), "{heads}");
    assert!(
        heads.contains("capacity, all up") && heads.contains("bottleneck, all up"),
        "{heads}"
    );
    let spike = text_of(&el, ".run-dock .traffic .spike");
    assert!(
        spike.contains('×') && spike.contains("for") && spike.ends_with('s'),
        "the spike's boxes are labelled: {spike}"
    );
}

#[wasm_bindgen_test]
async fn zoomed_far_out_the_flow_dots_rest_and_the_node_colours_stay() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount(b.json).await;
    step_to(&el, 3.0).await;
    appears(&el, ".flow circle.dot").await;
    zoom_until_tiny(&el, "Zoom out", true).await;
    appears(&el, ".world.tiny").await;
    gone(&el, ".flow circle.dot").await;
    assert!(
        el.query_selector(".node.live").expect("selector").is_some(),
        "the nodes keep their live colours"
    );
    // Back in, the dots return.
    zoom_until_tiny(&el, "Zoom in", false).await;
    appears(&el, ".flow circle.dot").await;
}

/// Presses the toolbar's `label` button (a real click each time, at most 30) until the view is
/// zoomed out below 12 % (`tiny`) or no longer is.
async fn zoom_until_tiny(el: &Element, label: &str, tiny: bool) {
    let button = one(el, &format!(".toolbar button[aria-label=\"{label}\"]"));
    for _ in 0..30 {
        if el
            .query_selector(".world.tiny")
            .expect("selector")
            .is_some()
            == tiny
        {
            break;
        }
        button.dyn_ref::<HtmlElement>().expect("a button").click();
        tick().await;
    }
}
