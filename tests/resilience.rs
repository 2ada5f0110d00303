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
    // In a frame because it is called over (calls > 0) and its breaker is closed: the live
    // snapshot alone never makes a mark.
    let mut called = wire_snapshot(Some(BreakerState::Closed), false, 0.0);
    called.calls = 1_200;
    let closed = marks(&w, Some(&called));
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
    assert_eq!(ko, vec!["◐ 반개방"]);
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
    use scaleboard::run::wire_faults::wire_fault;
    use scaleboard_sim::Action;
    // No snapshot (nothing runs): nothing is refused here; the dock itself then says so.
    let (el, sent, said) = mount_wire_faults(None).await;
    let legend = text_when(&el, "legend", "the wire is named", |t| {
        t.contains("Web → DB")
    })
    .await;
    assert!(legend.starts_with("Inject"), "{legend}");
    let button = |label: &str| labelled(&el, label);
    button("Cut").click();
    button("Restore").click();
    type_into(&el, "wire-delay", "soon");
    tick().await;
    button("Add delay").click();
    assert!(
        said.borrow()
            .as_deref()
            .is_some_and(|s| s == "Delay: a number of ms, like 50, got \"soon\""),
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

#[wasm_bindgen_test]
fn a_budget_and_a_breaker_join_the_policy_mark_and_its_words() {
    let w: Wire = serde_json::from_str(
        r#"{ "from": "web", "to": "db",
             "policy": { "timeout_ms": 300, "retries": 3, "budget": 0.1 },
             "breaker": { "failures": 5 } }"#,
    )
    .expect("a defended wire");
    let t = lang::text(Lang::En);
    // Not running: the design's defences, the breaker too (closed is its usual state).
    let m = marks(&w, None);
    assert_eq!(m.policy_mark().as_deref(), Some("↻3 ≤10% ⊘"));
    let words = m.policy_words(t).expect("words");
    assert!(
        words.starts_with("Call policy: 3 retries, timeout 300 ms, retry budget 10 % of calls\n")
            && words.contains("Circuit breaker"),
        "{words}"
    );
    let ko = m.policy_words(lang::text(Lang::Ko)).expect("words");
    assert!(
        ko.contains("재시도 예산 호출의 10 %") && ko.contains("서킷 브레이커"),
        "{ko}"
    );
    // Open, its tag says so (⊘ OPEN); the mark does not repeat the glyph.
    let open = marks(
        &w,
        Some(&wire_snapshot(Some(BreakerState::Open), false, 0.0)),
    );
    assert_eq!(open.policy_mark().as_deref(), Some("↻3 ≤10%"));
    // A breaker alone is marked by its glyph.
    let guarded = Wire {
        policy: None,
        ..w.clone()
    };
    assert_eq!(marks(&guarded, None).policy_mark().as_deref(), Some("⊘"));
}

// --- What the run does on the selected wire (wire_panel.rs "This run") ---

use scaleboard::wire_panel::run_facts;

/// web -> db with 3 retries, a 10 % budget and a breaker, as in lesson 12b.
fn defended() -> Wire {
    serde_json::from_str(
        r#"{ "from": "web", "to": "db",
             "policy": { "timeout_ms": 300, "retries": 3, "budget": 0.1 },
             "breaker": { "failure_ratio": 0.5, "min_calls": 20 } }"#,
    )
    .expect("a defended wire")
}

/// A run's counts on web -> db: 23,760 calls at 317/s now, 1,045 of them retries.
fn busy_wire() -> WireSnapshot {
    WireSnapshot {
        calls: 23_760,
        retries: 1_045,
        failed: 6_630,
        fast_failed: 29_904,
        budget_denied: 4_998,
        calls_rps_window: 317.0,
        ..wire_snapshot(Some(BreakerState::Closed), false, 0.0)
    }
}

fn said(facts: Vec<(&'static str, String)>) -> String {
    facts
        .into_iter()
        .map(|(_, s)| s)
        .collect::<Vec<_>>()
        .join(" · ")
}

#[wasm_bindgen_test]
fn this_run_says_what_the_calls_over_a_wire_did_in_words() {
    let (w, live) = (defended(), busy_wire());
    // 1,045 retries of 23,760 calls: 4.398 %, said to a tenth.
    assert_eq!(
        said(run_facts(&w, Some(&live), lang::text(Lang::En))),
        "Calls 23,760 (317/s now) · retries 1,045 (4.4 % of calls) · failed 6,630 · \
         failed fast by the breaker 29,904 · retries the budget refused 4,998 · breaker: closed"
    );
    let ko = said(run_facts(&w, Some(&live), lang::text(Lang::Ko)));
    for part in [
        "호출 23,760건 (지금 317/s)",
        "재시도 1,045건 (호출의 4.4 %)",
        "서킷 브레이커가 곧바로 실패시킨 호출 29,904건",
        "재시도 예산이 막은 재시도 4,998건",
        "서킷 브레이커: 닫힘",
    ] {
        assert!(ko.contains(part), "{part} in {ko}");
    }
    // Open, cut and delayed: each said.
    let open = WireSnapshot {
        breaker: Some(BreakerState::Open),
        cut: true,
        added_ms: 50.0,
        ..busy_wire()
    };
    let words = said(run_facts(&w, Some(&open), lang::text(Lang::En)));
    assert!(
        words.ends_with(
            "breaker: open · cut: nothing sent over it arrives · delay added: +50 ms each way"
        ),
        "{words}"
    );
}

#[wasm_bindgen_test]
fn this_run_says_no_calls_yet_and_nothing_for_a_plain_wire() {
    let t = lang::text(Lang::En);
    // Left out of the frame: a defended wire not called over yet.
    assert_eq!(
        said(run_facts(&defended(), None, t)),
        "no calls over it yet"
    );
    // A policy without retries or budget: no retry or budget counts to speak of.
    let timeout_only: Wire = serde_json::from_str(
        r#"{ "from": "web", "to": "db", "policy": { "timeout_ms": 300, "retries": 0 } }"#,
    )
    .expect("a wire");
    let live = WireSnapshot {
        breaker: None,
        retries: 0,
        fast_failed: 0,
        budget_denied: 0,
        ..busy_wire()
    };
    let keys = |live: &WireSnapshot| -> Vec<&str> {
        run_facts(&timeout_only, Some(live), t)
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    };
    assert_eq!(keys(&live), vec!["calls", "failed"]);
    // A count that is not 0 is said whatever the design says now (it may have been edited
    // since the run started).
    let edited = WireSnapshot {
        retries: 3,
        ..live.clone()
    };
    assert_eq!(keys(&edited), vec!["calls", "retries", "failed"]);
    // A plain wire counts no calls: nothing, unless a fault cut or delayed it.
    let plain = Wire {
        from: "web".into(),
        to: "db".into(),
        ..Wire::default()
    };
    assert!(run_facts(&plain, None, t).is_empty());
    let cut = wire_snapshot(None, true, 0.0);
    assert_eq!(
        said(run_facts(&plain, Some(&cut), t)),
        "cut: nothing sent over it arrives"
    );
}

#[yew::function_component(WirePanel)]
fn wire_panel_in_a_run(p: &DrawnProps) -> yew::Html {
    use scaleboard::inspector::Inspector;
    use scaleboard::state::{Msg, State};
    let state = yew::use_reducer(|| State::new((*p.doc).clone(), None));
    {
        let state = state.clone();
        yew::use_effect_with((), move |_| {
            state.dispatch(Msg::SelectWire("web".into(), "db".into()))
        });
    }
    yew::html! { <Inspector {state} live={Some(p.snap.clone())} /> }
}

#[wasm_bindgen_test]
async fn the_selected_wires_panel_shows_this_run_from_the_live_snapshot() {
    let mut doc = scaleboard_sim::load(DESIGN).expect("loads");
    doc.wires[1] = defended();
    let mut snap = scaleboard_sim::compile(&doc).expect("compiles").snapshot();
    snap.wires = vec![busy_wire()];
    let el = root();
    let props = DrawnProps {
        doc: std::rc::Rc::new(doc),
        snap: std::rc::Rc::new(snap),
    };
    yew::Renderer::<WirePanel>::with_root_and_props(el.clone(), props).render();
    let run = text_when(&el, "section.wire-run", "This run is shown", |t| {
        t.contains("This run")
    })
    .await;
    assert!(run.contains("Calls 23,760 (317/s now)"), "{run}");
    assert!(run.contains("breaker: closed"), "{run}");
    assert_eq!(
        text_of(&el, "[data-fact=fast-failed]"),
        "failed fast by the breaker 29,904"
    );
    // Above the fields, which stay editable in a run.
    appears(&el, "input[name=\"policy.timeout_ms\"]").await;
}

// --- The run dock's wire buttons never record a no-op (run/wire_faults.rs) ---

/// The dock's wire faults for web -> db, mounted: in a run whose snapshot carries `wires`, or
/// with nothing running (`None`); with what it sends and what it says.
async fn mount_wire_faults(
    wires: Option<Vec<WireSnapshot>>,
) -> (
    web_sys::Element,
    std::rc::Rc<std::cell::RefCell<Vec<scaleboard_sim::Fault>>>,
    std::rc::Rc<std::cell::RefCell<Option<String>>>,
) {
    use scaleboard::run::wire_faults::{WireFaults, WireFaultsProps};
    use std::rc::Rc;
    let doc = scaleboard_sim::load(DESIGN).expect("loads");
    let live = wires.map(|wires| {
        let mut snap = scaleboard_sim::compile(&doc).expect("compiles").snapshot();
        snap.wires = wires;
        Rc::new(snap)
    });
    let sent: Rc<std::cell::RefCell<Vec<scaleboard_sim::Fault>>> = Rc::default();
    let said: Rc<std::cell::RefCell<Option<String>>> = Rc::default();
    let el = root();
    let props = WireFaultsProps {
        doc: Rc::new(doc),
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
        live,
    };
    yew::Renderer::<WireFaults>::with_root_and_props(el.clone(), props).render();
    appears(&el, "fieldset.wire-faults button").await;
    (el, sent, said)
}

fn labelled(el: &web_sys::Element, label: &str) -> HtmlElement {
    all(el, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("a \"{label}\" button"))
}

#[wasm_bindgen_test]
async fn a_cut_wire_cannot_be_cut_again_and_a_plain_one_has_nothing_to_restore() {
    let (el, sent, _) = mount_wire_faults(Some(vec![wire_snapshot(None, true, 0.0)])).await;
    let cut = labelled(&el, "Cut");
    assert!(cut.has_attribute("disabled"), "already cut");
    assert_eq!(
        cut.get_attribute("title").as_deref(),
        Some("This connection is already cut")
    );
    let restore = labelled(&el, "Restore");
    assert!(
        !restore.has_attribute("disabled"),
        "a cut wire can be restored"
    );
    restore.click();
    assert_eq!(sent.borrow().len(), 1);

    // Absent from the frame: neither cut nor delayed.
    let (el, sent, _) = mount_wire_faults(Some(Vec::new())).await;
    let restore = labelled(&el, "Restore");
    assert!(restore.has_attribute("disabled"));
    assert!(restore
        .get_attribute("title")
        .is_some_and(|t| t.contains("nothing to restore")));
    assert!(!labelled(&el, "Cut").has_attribute("disabled"));
    // Delayed only: restorable.
    let (el, _, _) = mount_wire_faults(Some(vec![wire_snapshot(None, false, 50.0)])).await;
    assert!(!labelled(&el, "Restore").has_attribute("disabled"));
    assert!(sent.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn a_delay_that_changes_nothing_or_is_out_of_range_is_said_in_the_docks_words() {
    let (el, sent, said) = mount_wire_faults(Some(Vec::new())).await;
    let try_delay = |typed: &'static str| {
        let el = el.clone();
        async move {
            type_into(&el, "wire-delay", typed);
            until("the delay field holds what was typed", || {
                input(&el, "wire-delay").value() == typed
            })
            .await;
            tick().await;
            labelled(&el, "Add delay").click();
        }
    };
    let heard = || said.borrow().clone().unwrap_or_default();
    try_delay("0").await;
    assert_eq!(
        heard(),
        "Delay: above 0 ms (this connection has no added delay to remove)"
    );
    try_delay("999999").await;
    assert_eq!(heard(), "Delay: 0 to 60,000 ms, got 999,999");
    try_delay("-100").await;
    assert_eq!(heard(), "Delay: 0 to 60,000 ms, got -100");
    assert!(
        sent.borrow().is_empty(),
        "nothing recorded: {:?}",
        sent.borrow()
    );
    try_delay("60000").await;
    assert_eq!(sent.borrow().len(), 1, "the model's largest delay is taken");
    assert!(said.borrow().is_none());

    // The dock's limit is the model's: 60,000 ms passes its check, a hair more does not.
    use scaleboard::run::wire_faults::{wire_fault, MAX_DELAY_MS};
    let doc = scaleboard_sim::load(DESIGN).expect("loads");
    let at = |ms: f64| {
        scaleboard_sim::run::check_faults(
            &doc,
            &[wire_fault(
                scaleboard_sim::Action::Latency,
                "web",
                "db",
                Some(ms),
            )],
        )
    };
    assert!(at(MAX_DELAY_MS).is_ok());
    assert!(at(MAX_DELAY_MS + 0.5).is_err());

    // A wire delayed 50 ms: 50 again changes nothing; 0 removes the delay.
    let (el, sent, said) = mount_wire_faults(Some(vec![wire_snapshot(None, false, 50.0)])).await;
    type_into(&el, "wire-delay", "50");
    tick().await;
    labelled(&el, "Add delay").click();
    assert_eq!(
        said.borrow().as_deref(),
        Some("Delay: this connection already has 50 ms added")
    );
    type_into(&el, "wire-delay", "0");
    until("the delay field holds 0", || {
        input(&el, "wire-delay").value() == "0"
    })
    .await;
    tick().await;
    labelled(&el, "Add delay").click();
    assert_eq!(sent.borrow().len(), 1, "0 takes the delay away");
}
