//! Yew components mounted in headless Chromium (wasm-bindgen-test), asserted on the DOM.
#![cfg(target_arch = "wasm32")]

use scaleboard::builtin;
use scaleboard::scenario_view::{ScenarioView, ScenarioViewProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, MouseEvent, MouseEventInit};

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
    settle().await;
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

#[wasm_bindgen_test]
async fn clicking_a_node_shows_its_parameters() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount_scenario(b.json).await;
    let web = el
        .query_selector(".node[aria-label^=\"Web server\"]")
        .expect("selector")
        .expect("a web server node");
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    let click = MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("a click event");
    web.dispatch_event(&click).expect("dispatch");
    settle().await;
    assert_eq!(web.get_attribute("aria-pressed").as_deref(), Some("true"));
    let panel = el
        .query_selector("aside.inspector")
        .expect("selector")
        .expect("an inspector")
        .text_content()
        .unwrap_or_default();
    assert!(
        panel.contains("workers"),
        "the inspector lists parameters: {panel}"
    );
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
