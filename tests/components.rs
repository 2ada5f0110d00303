//! Yew components mounted in headless Chromium (wasm-bindgen-test), asserted on the DOM.
#![cfg(target_arch = "wasm32")]

mod support;

use scaleboard::builtin;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

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

const WEB: &str = ".node[aria-label^=\"Web server\"]";

#[wasm_bindgen_test]
async fn pressing_a_node_selects_it_and_shows_its_parameters() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount_scenario(b.json).await;
    press(&one(&el, WEB));
    let web = appears(&el, &format!("{WEB}[aria-pressed=true]")).await;
    assert!(
        has_class(&web, "selected"),
        "the pressed node is the selection"
    );
    let panel = text_when(
        &el,
        "aside.inspector",
        "the inspector lists parameters",
        |t| t.contains("Workers"),
    )
    .await;
    assert!(
        el.query_selector("input[name=workers]")
            .expect("selector")
            .is_some(),
        "and edits them: {panel}"
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
    let before = count(&el, ".node");
    // Keyboard activation: a click with no pointer press behind it (detail 0).
    let cache = one(&el, ".palette button[aria-label=\"Cache\"]");
    cache.dyn_ref::<HtmlElement>().expect("a button").click();
    count_is(&el, ".node", before + 1).await;
    let placed = one(&el, ".node.selected");
    assert!(placed
        .get_attribute("aria-label")
        .unwrap_or_default()
        .starts_with("Cache:"));
    // Delete removes it again, undo brings it back.
    key("Delete");
    count_is(&el, ".node", before).await;
    key_with("z", true);
    count_is(&el, ".node", before + 1).await;
}

#[wasm_bindgen_test]
async fn a_bad_parameter_is_shown_as_such_and_never_enters_the_document() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount_scenario(b.json).await;
    select_node(&el, WEB).await;
    let before = appears(&el, "input[name=workers]")
        .await
        .dyn_into::<HtmlInputElement>()
        .expect("an input")
        .value();
    type_into(&el, "workers", "0");
    let input: HtmlInputElement = appears(&el, "input[name=workers][aria-invalid=true]")
        .await
        .dyn_into()
        .expect("an input");
    assert_eq!(input.value(), "0", "the bad value stays visible");
    let why = text_of(&el, ".field.invalid .error");
    assert!(why.contains("Not applied"), "{why}");
    // Undo has nothing to undo: the document never changed.
    let undo = one(&el, "button[aria-label=Undo]");
    assert!(
        undo.has_attribute("disabled"),
        "no edit entered history (was {before})"
    );
    // A good value is applied.
    type_into(&el, "workers", "12");
    let input: HtmlInputElement = appears(&el, "input[name=workers][aria-invalid=false]")
        .await
        .dyn_into()
        .expect("an input");
    assert_eq!(input.value(), "12");
    appears(&el, "button[aria-label=Undo]:not([disabled])").await;
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

/// The help overlay's second page is the glossary: every term of the table, defined.
#[wasm_bindgen_test]
async fn the_help_overlay_has_a_glossary_page() {
    let b = builtin::find(builtin::DEFAULT).expect("built in");
    let el = mount_scenario(b.json).await;
    key("?");
    let tabs = appears(&el, ".overlay .help .tabs").await;
    let glossary_tab = all(&tabs, "button")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some("Glossary"))
        .expect("a Glossary tab");
    glossary_tab.click();
    appears(&el, ".overlay .glossary").await;
    let g = scaleboard::glossary::the_glossary().expect("the glossary parses");
    assert_eq!(count(&el, ".overlay .glossary dt"), g.terms.len() as u32);
    let text = text_of(&el, ".overlay .glossary");
    assert!(
        text.contains("Little's law") && text.contains("L = λW"),
        "{text}"
    );
    key("Escape");
    gone(&el, ".overlay .help").await;
}

#[wasm_bindgen_test]
async fn dragging_one_node_redraws_that_node_and_its_wires_only() {
    use scaleboard::diagram::views_drawn;
    let b = builtin::find("05-cache").expect("built in");
    let scenario = scaleboard_sim::load(b.json).expect("valid");
    let el = mount_scenario(b.json).await;
    let id = "web-1";
    let node = one(&el, &format!(".node[data-id=\"{id}\"]"));
    let attached = scenario
        .wires
        .iter()
        .filter(|w| w.from == id || w.to == id)
        .count() as u64;
    let moves = 5u64;
    // Press, move in five steps, release: real pointer events through the canvas.
    let before = views_drawn();
    let start = node.get_attribute("transform").unwrap_or_default();
    // Left of centre: the output handle at the right edge keeps a constant size on screen, and
    // on a small canvas it covers the middle of a zoomed-out node.
    let grip = -0.3 * node.get_bounding_client_rect().width();
    pointer_at(&node, "pointerdown", grip, 0.0);
    // The canvas listens to moves once it has drawn the press (the tool is then dragging).
    until("the canvas shows a node being moved", || {
        has_class(&one(&el, "svg.canvas"), "moving")
    })
    .await;
    tick().await;
    for k in 1..=moves {
        pointer_at(&node, "pointermove", grip + 6.0 * k as f64, 4.0 * k as f64);
        tick().await;
    }
    pointer_at(&node, "pointerup", grip, 0.0);
    until("the dragged node is drawn somewhere else", || {
        one(&el, &format!(".node[data-id=\"{id}\"]"))
            .get_attribute("transform")
            .unwrap_or_default()
            != start
    })
    .await;
    tick().await;
    let after = views_drawn();
    let (nodes, wires) = (after.0 - before.0, after.1 - before.1);
    let all = (scenario.nodes.len() as u64, scenario.wires.len() as u64);
    // The node: at the press (selected), when lifted onto the drag's layer (hidden on the
    // canvas), its copy there, and at the drop; never per move, since the copy is shifted by
    // one transform. Its own wires: each move (they stretch), and at lift and drop. Redrawing
    // everything on every event would be all.0 and all.1 times that.
    assert!(nodes >= 1, "the dragged node was redrawn");
    assert!(
        nodes <= 4,
        "{nodes} node views drawn for one node dragged in {moves} moves ({} nodes on the canvas)",
        all.0
    );
    assert!(
        wires <= attached * (moves + 2),
        "{wires} wire views drawn; {attached} wires touch the dragged node, {} in all",
        all.1
    );
}

/// Copy embed code: an unchanged built-in scenario is embedded by its own embed page (which has a
/// still figure for readers without JavaScript); a design changed in any way, even only its seed,
/// by its document in the fragment, since no page holds it in advance.
#[wasm_bindgen_test]
fn embed_code_uses_the_embed_page_of_an_unchanged_builtin() {
    use scaleboard::filebar::embed_code;
    let b = builtin::find("05-cache").expect("05-cache is built in");
    let mut doc = scaleboard_sim::load(b.json).expect("05-cache loads");
    let code = embed_code(&doc);
    assert!(
        code.starts_with("<iframe src=\"http")
            && code.contains("/embed-05-cache.html\" title=\"Scaleboard: "),
        "an unchanged built-in is embedded by its page: {code}"
    );
    doc.seed += 1;
    let code = embed_code(&doc);
    assert!(
        code.contains("?embed#s=") && !code.contains("embed-05-cache.html"),
        "a changed design travels in the fragment: {code}"
    );
}
