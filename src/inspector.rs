//! The side panel: what the scenario is, or the selected node's parameters.

use scaleboard_sim::{Node, Scenario};
use serde_json::Value;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub scenario: std::rc::Rc<Scenario>,
    pub selected: Option<String>,
}

/// Fields every node has, shown in the panel's heading rather than in its parameter list.
const COMMON: &[&str] = &["id", "kind", "name", "x", "y", "dc"];

/// A node's parameters as `(dotted.path, value)` rows, in document order.
pub fn parameter_rows(node: &Node) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    if let Ok(Value::Object(map)) = serde_json::to_value(node) {
        for (k, v) in map.iter().filter(|(k, _)| !COMMON.contains(&k.as_str())) {
            flatten(k, v, &mut rows);
        }
    }
    rows
}

fn flatten(path: &str, v: &Value, rows: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| flatten(&format!("{path}.{k}"), v, rows)),
        Value::Null => {}
        Value::String(s) => rows.push((path.to_string(), s.clone())),
        other => rows.push((path.to_string(), other.to_string())),
    }
}

#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let s = &props.scenario;
    let node = props
        .selected
        .as_ref()
        .and_then(|id| s.nodes.iter().find(|n| &n.id == id));
    let body = match node {
        None => html! {
            <>
                <h2>{ &s.name }</h2>
                <p class="hint">{ &s.description }</p>
                <p class="hint">{ format!("{} components, {} connections. Select a component (click, or Tab then Enter) to see its parameters.", s.nodes.len(), s.wires.len()) }</p>
            </>
        },
        Some(n) => html! {
            <>
                <h2>{ &n.name }</h2>
                <p class="hint">{ n.kind.label() }</p>
                <dl>
                    <dt>{ "id" }</dt><dd>{ &n.id }</dd>
                    { for n.dc.iter().map(|dc| html! { <><dt>{ "data center" }</dt><dd>{ dc }</dd></> }) }
                    { for parameter_rows(n).into_iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
                </dl>
            </>
        },
    };
    html! { <aside class="inspector" aria-label="Inspector" aria-live="polite">{ body }</aside> }
}
