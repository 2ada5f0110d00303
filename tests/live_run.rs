//! The live run in headless Chromium: the dock's controls drive the engine, the numbers panel
//! and the canvas show what it does. Asserted on the DOM, with the engine's own rules as the
//! reference (a failed node is marked down, utilisation buckets, dot density by decade).
#![cfg(target_arch = "wasm32")]

use scaleboard::builtin;
use scaleboard::live_view::{compact, dot_count, heat_class};
use scaleboard::scenario_view::{ScenarioView, ScenarioViewProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn root() -> Element {
    let doc = gloo::utils::document();
    let el = doc.create_element("div").expect("create a div");
    doc.body()
        .expect("a body")
        .append_child(&el)
        .expect("append the root");
    el
}

async fn sleep_ms(ms: u64) {
    yew::platform::time::sleep(std::time::Duration::from_millis(ms)).await;
}

async fn mount(json: &str) -> Element {
    let el = root();
    let props = ScenarioViewProps {
        title: "Scenario under test".into(),
        json: json.to_string().into(),
    };
    yew::Renderer::<ScenarioView>::with_root_and_props(el.clone(), props).render();
    sleep_ms(30).await;
    el
}

fn one(el: &Element, selector: &str) -> Element {
    el.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("{selector} is on the page"))
}

/// A real-looking primary press and release at the centre of `target` (the canvas hit-tests
/// the position through the model).
fn press(target: &Element) {
    for kind in ["pointerdown", "pointerup"] {
        let init = web_sys::PointerEventInit::new();
        init.set_bubbles(true);
        init.set_is_primary(true);
        init.set_button(0);
        let r = target.get_bounding_client_rect();
        init.set_client_x((r.left() + r.width() / 2.0) as i32);
        init.set_client_y((r.top() + r.height() / 2.0) as i32);
        let e =
            web_sys::PointerEvent::new_with_event_init_dict(kind, &init).expect("a pointer event");
        target.dispatch_event(&e).expect("dispatch");
    }
}

fn button(el: &Element, text: &str) -> HtmlElement {
    let list = el.query_selector_all(".run-dock button").expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("a \"{text}\" button in the run dock"))
}

fn has_class(el: &Element, class: &str) -> bool {
    el.get_attribute("class")
        .unwrap_or_default()
        .split_whitespace()
        .any(|c| c == class)
}

fn metric(el: &Element, name: &str) -> String {
    one(el, &format!("[data-metric={name}]"))
        .text_content()
        .unwrap_or_default()
}

/// Presses Step until the clock passes `secs` of simulated time.
async fn step_to(el: &Element, secs: f64) {
    for _ in 0..200 {
        let clock = metric(el, "clock");
        let now: f64 = clock
            .trim_start_matches("t = ")
            .trim_end_matches(" s")
            .parse()
            .unwrap_or(0.0);
        if now >= secs {
            return;
        }
        button(el, "Step").click();
        sleep_ms(5).await;
    }
    panic!("the clock never reached {secs} s");
}

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
    sleep_ms(150).await;
    let p99 = metric(&el, "p99");
    assert!(
        p99.ends_with("ms") || p99.ends_with(" s"),
        "p99 has a unit: {p99}"
    );
    let ok: String = metric(&el, "ok-rps");
    assert!(!ok.starts_with('0'), "requests succeed: {ok}");
    let live = el
        .query_selector_all(".node.live")
        .expect("selector")
        .length();
    assert!(live > 0, "nodes are coloured by utilisation once running");
    assert!(
        el.query_selector(".flow circle.dot")
            .expect("selector")
            .is_some(),
        "dots move along the wires"
    );
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
    press(&web);
    sleep_ms(30).await;
    button(&el, "Fail").click();
    step_to(&el, 5.0).await;
    sleep_ms(150).await;
    let node = one(&el, &format!(".node[data-id=\"{id}\"]"));
    assert!(
        has_class(&node, "down"),
        "the failed server is marked down: {:?}",
        node.get_attribute("class")
    );
    let failed = metric(&el, "failed-rps");
    assert!(
        !failed.starts_with('0'),
        "requests fail while the only server is down: {failed}"
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
    sleep_ms(150).await;
    let node = one(&el, &format!(".node[data-id=\"{id}\"]"));
    assert!(!has_class(&node, "down"), "recovered");
}

fn clock_s(el: &Element) -> f64 {
    metric(el, "clock")
        .trim_start_matches("t = ")
        .trim_end_matches(" s")
        .parse()
        .unwrap_or(-1.0)
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
    // Three quick steps (arrow keys): shown at once, applied and recorded once it settles.
    for v in ["2.8", "2.9", "3"] {
        slider.set_value(v); // log10: 1,000 requests/s at the end
        slider
            .dispatch_event(&web_sys::Event::new("change").expect("event"))
            .expect("dispatch");
        sleep_ms(30).await;
    }
    assert_eq!(metric(&el, "rate"), "1000/s", "the new rate is shown");
    sleep_ms(500).await;
    assert_eq!(
        el.query_selector_all(".schedule li")
            .expect("selector")
            .length(),
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
    sleep_ms(150).await;
    // What enters the system (DNS lookups) follows the new rate, whatever the server manages.
    let doc = scaleboard_sim::load(b.json).expect("valid");
    let dns = doc
        .nodes
        .iter()
        .find(|n| n.kind == scaleboard_sim::Kind::Dns)
        .expect("a DNS node");
    let cell = one(&el, &format!("tr[data-node=\"{}\"] [data-col=in]", dns.id))
        .text_content()
        .unwrap_or_default();
    let arriving: f64 = cell.trim_end_matches("/s").parse().unwrap_or(0.0);
    assert!(
        (arriving - 1000.0).abs() < 150.0,
        "requests arrive at the new rate: {cell}"
    );
    // Adding a component changes the design: the run asks to restart with it.
    one(&el, ".palette button[aria-label=\"Cache\"]")
        .dyn_ref::<HtmlElement>()
        .expect("a button")
        .click();
    sleep_ms(50).await;
    let notice = one(&el, ".run-dock .notice")
        .text_content()
        .unwrap_or_default();
    assert!(notice.contains("design changed"), "{notice}");
    assert!(
        clock_s(&el) >= before + 2.0,
        "the old run goes on until asked"
    );
    button(&el, "Restart with changes").click();
    sleep_ms(50).await;
    assert!(
        el.query_selector(".run-dock .notice")
            .expect("selector")
            .is_none(),
        "restarted"
    );
    assert_eq!(clock_s(&el), 0.0, "from time zero");
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
    sleep_ms(100).await;
    let shown = metric(&el, "mix");
    assert!(shown.contains("% read"), "the dock shows the mix: {shown}");
    // Select the users node and set the write weight in the inspector.
    let node = one(&el, &format!(".node[data-id=\"{}\"]", users.id));
    press(&node);
    sleep_ms(50).await;
    let selected = one(&el, &format!(".node[data-id=\"{}\"]", users.id));
    assert!(
        has_class(&selected, "selected"),
        "the users node is selected: {:?}",
        selected.get_attribute("class")
    );
    let set = |name: &str, v: &str| {
        let input: web_sys::HtmlInputElement = one(&el, &format!("input[name=\"{name}\"]"))
            .dyn_into()
            .expect("an input");
        input.set_value(v);
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        let typed = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event");
        input.dispatch_event(&typed).expect("dispatch");
        input
            .dispatch_event(&web_sys::Event::new("change").expect("event"))
            .expect("dispatch");
    };
    set("mix.static", "0");
    sleep_ms(30).await;
    set("mix.job", "0");
    sleep_ms(30).await;
    set("mix.read", "3");
    sleep_ms(30).await;
    set("mix.write", "1");
    sleep_ms(50).await;
    assert_eq!(metric(&el, "mix"), "75 % read · 25 % write");
    // All zero is refused by the model and never enters the document.
    set("mix.read", "0");
    sleep_ms(30).await;
    set("mix.write", "0");
    sleep_ms(50).await;
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
    sleep_ms(100).await;
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
    let cost0 = money(metric(&el, "cost"));
    let cap0 = rate(metric(&el, "capacity"));
    assert!(cost0 > 0.0 && cap0 > 0.0, "cost {cost0}, capacity {cap0}");
    // The single server is the bottleneck; make it an extra-large machine.
    let node = one(&el, &format!(".node[data-id=\"{}\"]", server.id));
    press(&node);
    sleep_ms(50).await;
    let select: web_sys::HtmlSelectElement =
        one(&el, "select[name=size]").dyn_into().expect("a select");
    select.set_value("xlarge");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    sleep_ms(50).await;
    let cost1 = money(metric(&el, "cost"));
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
    sleep_ms(30).await;
    assert!(!shown(&el), "folded away");
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
    sleep_ms(30).await;
    assert!(shown(&el), "and back");
}

#[wasm_bindgen_test]
fn latency_lines_break_where_nothing_finished() {
    use scaleboard::run::charts::runs;
    use scaleboard::run::series::Point;
    let at = |t_s: f64, p99: f64| Point {
        t_s,
        p99,
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
    let got = runs(&pts, |p| p.p99);
    assert_eq!(
        got,
        vec![
            vec![(1.0, 10.0), (2.0, 12.0)],
            vec![(5.0, 30.0)],
            vec![(7.0, 8.0)]
        ]
    );
    assert!(runs(&[], |p: &Point| p.p99).is_empty());
}

#[wasm_bindgen_test]
async fn undoing_an_injected_fault_asks_to_restart_the_run() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount(b.json).await;
    step_to(&el, 2.0).await;
    let web = one(&el, ".node[aria-label^=\"Web server\"]");
    press(&web);
    sleep_ms(30).await;
    button(&el, "Fail").click();
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
    sleep_ms(50).await;
    let notice = one(&el, ".run-dock .notice")
        .text_content()
        .unwrap_or_default();
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
    factor
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    sleep_ms(50).await;
    let alert = one(&el, ".run-dock .notice.bad")
        .text_content()
        .unwrap_or_default();
    assert!(
        alert.contains("1 to 1000") && alert.contains("x5"),
        "{alert}"
    );
    factor.set_value("3");
    factor
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    sleep_ms(50).await;
    assert!(
        el.query_selector(".run-dock .notice.bad")
            .expect("selector")
            .is_none(),
        "a good value clears it"
    );
}
