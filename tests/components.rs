//! Yew components mounted in headless Chromium (wasm-bindgen-test), asserted on the DOM.
#![cfg(target_arch = "wasm32")]

use scaleboard::builtin;
use scaleboard::scenario_view::{ScenarioView, ScenarioViewProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, Event, HtmlElement, HtmlInputElement, InputEvent, InputEventInit, KeyboardEvent,
    KeyboardEventInit, PointerEvent, PointerEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the document to mount a component into.
fn root() -> Element {
    let doc = gloo::utils::document();
    let el = doc.create_element("div").expect("create a div");
    doc.body()
        .expect("a body")
        .append_child(&el)
        .expect("append the root");
    el
}

/// Lets Yew's scheduler render what was queued.
async fn settle() {
    yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
}

async fn mount_scenario(json: &str) -> Element {
    let el = root();
    let props = ScenarioViewProps {
        title: "Scenario under test".into(),
        json: json.to_string().into(),
    };
    yew::Renderer::<ScenarioView>::with_root_and_props(el.clone(), props).render();
    // The canvas fits the diagram to its size once it is laid out, which may take more than
    // one turn of the scheduler: wait until the view stops moving before pointing at nodes.
    let mut last = None;
    for i in 0..50 {
        settle().await;
        let now = el
            .query_selector("g.world")
            .ok()
            .flatten()
            .and_then(|g| g.get_attribute("transform"));
        if now == last && (now.is_some() || i >= 2) {
            break;
        }
        last = now;
    }
    el
}

fn labels(el: &Element, selector: &str) -> Vec<String> {
    let list = el.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|e| e.get_attribute("aria-label").unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn the_single_server_scenario_draws_every_node_and_wire() {
    let b = builtin::find(builtin::DEFAULT).expect("the default scenario is built in");
    let scenario = scaleboard_sim::load(b.json).expect("the built-in scenario is valid");
    let el = mount_scenario(b.json).await;
    let drawn = labels(&el, ".node");
    assert_eq!(
        drawn.len(),
        scenario.nodes.len(),
        "one box per node: {drawn:?}"
    );
    for n in &scenario.nodes {
        let expected = format!("{}: {}", n.kind.label(), n.name);
        assert!(
            drawn.contains(&expected),
            "{expected} is drawn, got {drawn:?}"
        );
    }
    let wires = el
        .query_selector_all("line.wire")
        .expect("selector")
        .length() as usize;
    assert_eq!(wires, scenario.wires.len());
    assert!(
        el.query_selector("[role=alert]")
            .expect("selector")
            .is_none(),
        "no error shown"
    );
}

#[wasm_bindgen_test]
async fn a_corrupt_document_shows_where_it_breaks() {
    let el = mount_scenario("{\"version\": 1, \"name\": \"broken\", \"nodes\": [").await;
    let alert = el
        .query_selector("[role=alert]")
        .expect("selector")
        .expect("an alert is shown");
    let text = alert.text_content().unwrap_or_default();
    assert!(
        text.contains("Scenario under test could not be opened"),
        "{text}"
    );
    assert!(text.contains("line 1"), "the message says where: {text}");
    assert!(
        el.query_selector(".node").expect("selector").is_none(),
        "nothing half-drawn"
    );
}

#[wasm_bindgen_test]
async fn an_invalid_parameter_is_reported_with_its_path() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let mut doc: serde_json::Value = serde_json::from_str(b.json).expect("valid JSON");
    let nodes = doc["nodes"].as_array_mut().expect("a nodes array");
    let web = nodes
        .iter_mut()
        .find(|n| n["kind"] == "web_server")
        .expect("a web server");
    let id = web["id"].as_str().expect("an id").to_string();
    web["workers"] = serde_json::json!(0);
    let el = mount_scenario(&doc.to_string()).await;
    let text = el
        .query_selector("[role=alert]")
        .expect("selector")
        .expect("an alert")
        .text_content()
        .unwrap_or_default();
    assert!(
        text.contains(&format!("nodes[{id}].workers")),
        "the path names the node and field: {text}"
    );
}

/// A real-looking pointer event at the centre of `target`, dispatched on it (it bubbles to the
/// canvas, which hit-tests the position through the model).
fn pointer_at(target: &Element, kind: &str, dx: f64, dy: f64) {
    let r = target.get_bounding_client_rect();
    let init = PointerEventInit::new();
    init.set_bubbles(true);
    init.set_pointer_id(1);
    init.set_is_primary(true);
    init.set_button(if kind == "pointermove" { -1 } else { 0 });
    init.set_client_x((r.left() + r.width() / 2.0 + dx) as i32);
    init.set_client_y((r.top() + r.height() / 2.0 + dy) as i32);
    let e = PointerEvent::new_with_event_init_dict(kind, &init).expect("a pointer event");
    target.dispatch_event(&e).expect("dispatch");
}

fn key(key: &str) {
    let init = KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_key(key);
    let e =
        KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("a key event");
    gloo::utils::document()
        .dispatch_event(&e)
        .expect("dispatch");
}

fn one(el: &Element, selector: &str) -> Element {
    el.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("{selector} is on the page"))
}

#[wasm_bindgen_test]
async fn pressing_a_node_selects_it_and_shows_its_parameters() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount_scenario(b.json).await;
    let web = one(&el, ".node[aria-label^=\"Web server\"]");
    pointer_at(&web, "pointerdown", 0.0, 0.0);
    pointer_at(&web, "pointerup", 0.0, 0.0);
    settle().await;
    let web = one(&el, ".node[aria-label^=\"Web server\"]");
    assert_eq!(web.get_attribute("aria-pressed").as_deref(), Some("true"));
    let panel = one(&el, "aside.inspector")
        .text_content()
        .unwrap_or_default();
    assert!(
        panel.contains("Workers"),
        "the inspector lists parameters: {panel}"
    );
    assert!(
        el.query_selector("input[name=workers]")
            .expect("selector")
            .is_some(),
        "and edits them"
    );
}

#[wasm_bindgen_test]
async fn the_palette_offers_every_kind_by_name_and_places_one_at_the_centre() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount_scenario(b.json).await;
    let names = labels(&el, ".palette button");
    for k in scaleboard_sim::Kind::ALL {
        assert!(
            names.contains(&k.label().to_string()),
            "{} in {names:?}",
            k.label()
        );
    }
    assert!(names.contains(&"Data center".to_string()));
    let before = el.query_selector_all(".node").expect("selector").length();
    // Keyboard activation: a click with no pointer press behind it (detail 0).
    let cache = one(&el, ".palette button[aria-label=\"Cache\"]");
    cache.dyn_ref::<HtmlElement>().expect("a button").click();
    settle().await;
    assert_eq!(
        el.query_selector_all(".node").expect("selector").length(),
        before + 1
    );
    let placed = one(&el, ".node.selected");
    assert!(placed
        .get_attribute("aria-label")
        .unwrap_or_default()
        .starts_with("Cache:"));
    // Delete removes it again, undo brings it back.
    key("Delete");
    settle().await;
    assert_eq!(
        el.query_selector_all(".node").expect("selector").length(),
        before
    );
    let init = KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_key("z");
    init.set_ctrl_key(true);
    let e =
        KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("a key event");
    gloo::utils::document()
        .dispatch_event(&e)
        .expect("dispatch");
    settle().await;
    assert_eq!(
        el.query_selector_all(".node").expect("selector").length(),
        before + 1
    );
}

#[wasm_bindgen_test]
async fn a_bad_parameter_is_shown_as_such_and_never_enters_the_document() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount_scenario(b.json).await;
    let web = one(&el, ".node[aria-label^=\"Web server\"]");
    pointer_at(&web, "pointerdown", 0.0, 0.0);
    pointer_at(&web, "pointerup", 0.0, 0.0);
    settle().await;
    let input: HtmlInputElement = one(&el, "input[name=workers]")
        .dyn_into()
        .expect("an input");
    let before = input.value();
    input.set_value("0");
    let init = InputEventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).expect("input event"))
        .expect("dispatch");
    input
        .dispatch_event(&Event::new("change").expect("change event"))
        .expect("dispatch");
    settle().await;
    let input: HtmlInputElement = one(&el, "input[name=workers]")
        .dyn_into()
        .expect("an input");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.value(), "0", "the bad value stays visible");
    let why = one(&el, ".field.invalid .error")
        .text_content()
        .unwrap_or_default();
    assert!(why.contains("Not applied"), "{why}");
    // Undo has nothing to undo: the document never changed.
    let undo = one(&el, "button[aria-label=Undo]");
    assert!(
        undo.has_attribute("disabled"),
        "no edit entered history (was {before})"
    );
    // A good value is applied.
    input.set_value("12");
    input
        .dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).expect("input event"))
        .expect("dispatch");
    input
        .dispatch_event(&Event::new("change").expect("change event"))
        .expect("dispatch");
    settle().await;
    let input: HtmlInputElement = one(&el, "input[name=workers]")
        .dyn_into()
        .expect("an input");
    assert_eq!(input.value(), "12");
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    assert!(!one(&el, "button[aria-label=Undo]").has_attribute("disabled"));
}

#[wasm_bindgen_test]
fn long_names_are_cut_to_fit_their_box_and_short_ones_kept() {
    use scaleboard::diagram::fit_label;
    assert_eq!(fit_label("DNS", 116.0, 14.0), "DNS");
    let cut = fit_label("Web server and database on one box", 116.0, 14.0);
    assert!(cut.ends_with('…'), "{cut}");
    assert!(cut.chars().count() < 20, "{cut}");
    assert!("Web server and database on one box".starts_with(cut.trim_end_matches('…')));
}
