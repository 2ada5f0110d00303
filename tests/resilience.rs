//! The inspector's defences (issue 16): a node's rate limit, load shedding and daily cycle, a
//! wire's latency, call policy and breaker, each added, edited and removed in the browser.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// users -> web -> db, a web server that can carry a call policy to its database.
const DESIGN: &str = r#"{
  "version": 1, "name": "Defences",
  "nodes": [
    { "id": "users", "kind": "users", "name": "Users", "x": 100, "y": 200, "rate_rps": 50 },
    { "id": "web", "kind": "web_server", "name": "Web", "x": 380, "y": 200 },
    { "id": "db", "kind": "database", "name": "DB", "x": 660, "y": 200 }
  ],
  "wires": [
    { "from": "users", "to": "web" },
    { "from": "web", "to": "db" }
  ]
}"#;

const WEB: &str = ".node[aria-label^=\"Web\"]";
const WIRE: &str = "line.wire[data-from=web][data-to=db]";

fn input(el: &web_sys::Element, name: &str) -> HtmlInputElement {
    one(el, &format!("input[name=\"{name}\"]"))
        .dyn_into()
        .expect("an input")
}

fn tick_box(el: &web_sys::Element, name: &str) {
    one(el, &format!("input[name=\"{name}\"]"))
        .dyn_into::<HtmlElement>()
        .expect("a checkbox")
        .click();
}

fn undo_enabled(el: &web_sys::Element) -> bool {
    !one(el, "button[aria-label=Undo]").has_attribute("disabled")
}

#[wasm_bindgen_test]
async fn a_rate_limit_is_added_edited_and_removed_on_a_web_server() {
    let el = mount_scenario(DESIGN).await;
    select_node(&el, WEB).await;
    assert!(
        el.query_selector("input[name=\"rate_limit.burst\"]")
            .expect("selector")
            .is_none(),
        "off: no rate limit fields"
    );
    tick_box(&el, "on:rate_limit");
    appears(&el, "input[name=\"rate_limit.rate_rps\"]").await;
    assert_eq!(input(&el, "rate_limit.burst").value(), "20", "starts at 20");
    // The unit is said beside the value.
    let panel = text_of(&el, "aside.inspector");
    assert!(
        panel.contains("req/s") && panel.contains("requests"),
        "{panel}"
    );
    // Not a number: said, and not applied.
    type_into(&el, "rate_limit.rate_rps", "lots");
    appears(
        &el,
        "input[name=\"rate_limit.rate_rps\"][aria-invalid=true]",
    )
    .await;
    assert!(text_of(&el, ".field.invalid .error").contains("must be a number"));
    type_into(&el, "rate_limit.rate_rps", "75");
    appears(
        &el,
        "input[name=\"rate_limit.rate_rps\"][aria-invalid=false]",
    )
    .await;
    assert_eq!(input(&el, "rate_limit.rate_rps").value(), "75");
    // Off again: the fields go (the limit is absent from the document).
    tick_box(&el, "on:rate_limit");
    gone(&el, "input[name=\"rate_limit.rate_rps\"]").await;
    // Undo brings the edited limit back, as it was.
    key_with("z", true);
    appears(&el, "input[name=\"rate_limit.rate_rps\"]").await;
    assert_eq!(input(&el, "rate_limit.rate_rps").value(), "75");
}

#[wasm_bindgen_test]
async fn shedding_and_a_daily_cycle_show_on_the_kinds_that_have_them() {
    let el = mount_scenario(DESIGN).await;
    select_node(&el, WEB).await;
    tick_box(&el, "on:shed_wait_ms");
    appears(&el, "input[name=shed_wait_ms]").await;
    assert_eq!(input(&el, "shed_wait_ms").value(), "200");
    assert!(
        el.query_selector("input[name=\"on:diurnal\"]")
            .expect("selector")
            .is_none(),
        "a web server has no daily cycle"
    );
    select_node(&el, ".node[aria-label^=\"Users\"]").await;
    tick_box(&el, "on:diurnal");
    appears(&el, "input[name=\"diurnal.period_s\"]").await;
    type_into(&el, "diurnal.peak_to_trough", "3");
    appears(
        &el,
        "input[name=\"diurnal.peak_to_trough\"][aria-invalid=false]",
    )
    .await;
    assert_eq!(input(&el, "diurnal.peak_to_trough").value(), "3");
}

#[wasm_bindgen_test]
async fn a_wire_is_selected_and_its_policy_and_breaker_edited() {
    let el = mount_scenario(DESIGN).await;
    press(&one(&el, WIRE));
    appears(&el, &format!("{WIRE}.selected")).await;
    appears(&el, "input[name=latency_ms]").await;
    let panel = text_of(&el, "aside.inspector");
    assert!(panel.contains("Web → DB"), "named by its ends: {panel}");
    assert!(!undo_enabled(&el), "nothing edited yet");

    tick_box(&el, "on:policy");
    appears(&el, "input[name=\"policy.timeout_ms\"]").await;
    assert_eq!(input(&el, "policy.retries").value(), "2");
    // A negative count is refused by the model and never enters the document.
    type_into(&el, "policy.retries", "-1");
    appears(&el, "input[name=\"policy.retries\"][aria-invalid=true]").await;
    let why = text_of(&el, ".field.invalid .error");
    assert!(why.contains("Not applied"), "{why}");
    type_into(&el, "policy.retries", "3");
    appears(&el, "input[name=\"policy.retries\"][aria-invalid=false]").await;
    // A budget typed in % is stored as a fraction and shown back in %.
    type_into(&el, "policy.budget", "10");
    appears(&el, "input[name=\"policy.budget\"][aria-invalid=false]").await;
    assert_eq!(input(&el, "policy.budget").value(), "10");

    tick_box(&el, "on:breaker");
    appears(&el, "input[name=\"breaker.failures\"]").await;
    // Switched to a failure ratio: the count goes, the ratio and its minimum come.
    let trip: HtmlSelectElement = one(&el, "select[name=\"breaker.trip\"]")
        .dyn_into()
        .expect("a select");
    trip.set_value("failure_ratio");
    changed(&trip);
    appears(&el, "input[name=\"breaker.failure_ratio\"]").await;
    assert_eq!(input(&el, "breaker.failure_ratio").value(), "50");
    assert!(el
        .query_selector("input[name=\"breaker.failures\"]")
        .expect("selector")
        .is_none());
    // The latency left empty means the network default; a typed one is kept.
    assert_eq!(input(&el, "latency_ms").value(), "");
    type_into(&el, "latency_ms", "12");
    appears(&el, "input[name=latency_ms][aria-invalid=false]").await;
    assert_eq!(input(&el, "latency_ms").value(), "12");
}

#[wasm_bindgen_test]
async fn a_nodes_connections_out_select_a_wire_from_the_keyboard() {
    let el = mount_scenario(DESIGN).await;
    select_node(&el, WEB).await;
    let to_db = appears(&el, "aside.inspector .wires-out button[data-to=db]").await;
    assert!(to_db.text_content().unwrap_or_default().contains("DB"));
    // A button: Tab reaches it, Enter or Space presses it (a click with no pointer behind it).
    to_db.dyn_into::<HtmlElement>().expect("a button").click();
    appears(&el, &format!("{WIRE}.selected")).await;
    appears(&el, "input[name=\"on:policy\"]").await;
}

#[wasm_bindgen_test]
async fn a_wire_not_leaving_a_web_server_edits_latency_only() {
    let el = mount_scenario(DESIGN).await;
    let wire = "line.wire[data-from=users][data-to=web]";
    press(&one(&el, wire));
    appears(&el, &format!("{wire}.selected")).await;
    appears(&el, "input[name=latency_ms]").await;
    assert!(el
        .query_selector("input[name=\"on:policy\"]")
        .expect("selector")
        .is_none());
    assert!(text_of(&el, "aside.inspector").contains("leaving a web server"));
}

// --- A wire's state drawn on it (wire_marks.rs, diagram.rs) ---

use scaleboard::i18n::{self as lang, Lang};
use scaleboard::wire_marks::{marks, WireMarks};
use scaleboard_sim::{BreakerState, Wire, WireSnapshot};

fn wire_snapshot(breaker: Option<BreakerState>, cut: bool, added_ms: f64) -> WireSnapshot {
    WireSnapshot {
        from: "web".into(),
        to: "db".into(),
        cut,
        added_ms,
        breaker,
        calls: 0,
        retries: 0,
        failed: 0,
        fast_failed: 0,
        budget_denied: 0,
        calls_rps_window: 0.0,
    }
}

#[wasm_bindgen_test]
fn a_closed_breaker_and_a_plain_wire_draw_nothing_extra() {
    let w = Wire {
        from: "web".into(),
        to: "db".into(),
        ..Wire::default()
    };
    assert_eq!(marks(&w, None), WireMarks::default());
    let closed = marks(
        &w,
        Some(&wire_snapshot(Some(BreakerState::Closed), false, 0.0)),
    );
    assert_eq!(closed, WireMarks::default());
    assert!(closed.tags(lang::text(Lang::En)).is_empty());
    assert!(closed.line_classes().is_empty());
}

#[wasm_bindgen_test]
fn open_half_open_cut_and_delay_are_each_said_in_words() {
    let w = Wire {
        from: "web".into(),
        to: "db".into(),
        policy: Some(
            serde_json::from_str(r#"{ "timeout_ms": 250, "retries": 2 }"#).expect("a policy"),
        ),
        ..Wire::default()
    };
    let t = lang::text(Lang::En);
    let open = marks(
        &w,
        Some(&wire_snapshot(Some(BreakerState::Open), true, 50.0)),
    );
    assert_eq!(open.line_classes(), vec!["cut", "open"]);
    let words: Vec<String> = open.tags(t).into_iter().map(|(_, s)| s).collect();
    assert_eq!(words, vec!["✂ cut", "⊘ OPEN", "+50 ms"]);
    assert_eq!(open.policy_mark().as_deref(), Some("↻2"));
    assert_eq!(
        open.policy_words(t).as_deref(),
        Some("Call policy: 2 retries, timeout 250 ms")
    );
    let half = marks(
        &w,
        Some(&wire_snapshot(Some(BreakerState::HalfOpen), false, 0.0)),
    );
    assert_eq!(half.line_classes(), vec!["half-open"]);
    let ko: Vec<String> = half
        .tags(lang::text(Lang::Ko))
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert_eq!(ko, vec!["◐ 반열림"]);
}

#[derive(yew::Properties, PartialEq)]
struct DrawnProps {
    doc: std::rc::Rc<scaleboard_sim::Scenario>,
    snap: std::rc::Rc<scaleboard_sim::Snapshot>,
}

/// The canvas alone, drawing a crafted snapshot of a run.
#[yew::function_component(Drawn)]
fn drawn(p: &DrawnProps) -> yew::Html {
    use scaleboard::canvas::Canvas;
    use scaleboard::state::State;
    let state = yew::use_reducer(|| State::new((*p.doc).clone(), None));
    let node_ref = yew::use_node_ref();
    yew::html! {
        <Canvas {state} {node_ref} uid="drawn" live={Some(p.snap.clone())} />
    }
}

#[wasm_bindgen_test]
async fn a_snapshot_with_an_open_breaker_a_cut_and_a_delay_is_drawn_on_the_wires() {
    let mut doc = scaleboard_sim::load(DESIGN).expect("loads");
    doc.wires[1].policy =
        Some(serde_json::from_str(r#"{ "timeout_ms": 500, "retries": 2 }"#).expect("a policy"));
    let mut snap = scaleboard_sim::compile(&doc).expect("compiles").snapshot();
    let mut users_web = wire_snapshot(None, true, 0.0);
    (users_web.from, users_web.to) = ("users".into(), "web".into());
    snap.wires = vec![
        users_web,
        wire_snapshot(Some(BreakerState::Open), false, 50.0),
    ];
    let el = root();
    let props = DrawnProps {
        doc: std::rc::Rc::new(doc),
        snap: std::rc::Rc::new(snap),
    };
    yew::Renderer::<Drawn>::with_root_and_props(el.clone(), props).render();
    let web_db = appears(&el, "line.wire.open[data-from=web][data-to=db]").await;
    assert!(!has_class(&web_db, "cut"));
    let marks_of = |from: &str| text_of(&el, &format!(".wire-marks[data-from={from}]"));
    let said = marks_of("web");
    assert!(
        said.contains("OPEN") && said.contains("+50 ms") && said.contains("↻2"),
        "{said}"
    );
    appears(&el, "line.wire.cut[data-from=users][data-to=web]").await;
    assert!(marks_of("users").contains("cut"));
    assert_eq!(count(&el, ".wire-marks[data-from=users] .cut-mark"), 1);
}

// --- Live faults on the selected wire (run/wire_faults.rs) ---

#[wasm_bindgen_test]
async fn the_wire_buttons_send_cut_restore_and_delay_faults_for_that_wire() {
    use scaleboard::run::wire_faults::{wire_fault, WireFaults, WireFaultsProps};
    use scaleboard_sim::{Action, Fault};
    use std::cell::RefCell;
    use std::rc::Rc;
    let sent: Rc<RefCell<Vec<Fault>>> = Rc::default();
    let said: Rc<RefCell<Option<String>>> = Rc::default();
    let el = root();
    let props = WireFaultsProps {
        doc: Rc::new(scaleboard_sim::load(DESIGN).expect("loads")),
        from: "web".into(),
        to: "db".into(),
        on_inject: {
            let sent = sent.clone();
            yew::Callback::from(move |f| sent.borrow_mut().push(f))
        },
        on_problem: {
            let said = said.clone();
            yew::Callback::from(move |p| *said.borrow_mut() = p)
        },
    };
    yew::Renderer::<WireFaults>::with_root_and_props(el.clone(), props).render();
    let legend = text_when(&el, "legend", "the wire is named", |t| {
        t.contains("Web → DB")
    })
    .await;
    assert!(legend.starts_with("Inject"), "{legend}");
    let button = |label: &str| {
        all(&el, "button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == label)
            .unwrap_or_else(|| panic!("a \"{label}\" button"))
    };
    button("Cut").click();
    button("Restore").click();
    type_into(&el, "wire-delay", "soon");
    tick().await;
    button("Add delay").click();
    assert!(
        said.borrow()
            .as_deref()
            .is_some_and(|s| s.contains("must be a number")),
        "a bad delay is said: {:?}",
        said.borrow()
    );
    type_into(&el, "wire-delay", "80");
    until("the delay field holds 80", || {
        input(&el, "wire-delay").value() == "80"
    })
    .await;
    tick().await;
    button("Add delay").click();
    assert_eq!(
        *sent.borrow(),
        vec![
            wire_fault(Action::Cut, "web", "db", None),
            wire_fault(Action::Restore, "web", "db", None),
            wire_fault(Action::Latency, "web", "db", Some(80.0)),
        ]
    );
    // Each names the wire by its ends, nothing else.
    let cut = &sent.borrow()[0];
    assert_eq!(
        (cut.from.as_deref(), cut.to.as_deref(), cut.node.as_deref()),
        (Some("web"), Some("db"), None)
    );
    assert!(said.borrow().is_none(), "a good delay clears the message");
}
