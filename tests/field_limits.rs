//! The inspector's own ranges (src/field_limits.rs), which word a refusal in the page's
//! language, agree with the model's validation on every number field of a node and a wire: a
//! value the inspector takes, the model takes, and one it refuses, the model refuses.
#![cfg(target_arch = "wasm32")]

use scaleboard::field_limits::check;
use scaleboard::fields::{fields_of, Field, Ty, FIELDS};
use scaleboard::i18n::EN;
use scaleboard::wire_panel::WIRE_FIELDS;
use scaleboard_sim::edit::Command;
use scaleboard_sim::Scenario;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A valid design with a node of every kind that has number fields, every group on (and a
/// service written out where the field edits inside it).
const DOC: &str = r#"{
  "version": 1, "name": "Every field",
  "nodes": [
    { "id": "users", "kind": "users", "x": 0, "y": 0, "mix": { "static": 2, "read": 7, "write": 1, "job": 0 },
      "diurnal": { "peak_to_trough": 4, "period_s": 60 } },
    { "id": "lb", "kind": "load_balancer", "x": 100, "y": 0, "rate_limit": { "rate_rps": 100, "burst": 20 },
      "service": { "dist": "constant", "mean_ms": 1 } },
    { "id": "web", "kind": "web_server", "x": 200, "y": 0, "shed_wait_ms": 200,
      "service": { "dist": "exponential", "mean_ms": 10 } },
    { "id": "cache", "kind": "cache", "x": 300, "y": 0, "service": { "dist": "constant", "mean_ms": 1 } },
    { "id": "db", "kind": "database", "x": 300, "y": 100, "service": { "dist": "exponential", "mean_ms": 25 } },
    { "id": "scaler", "kind": "autoscaler", "x": 0, "y": 100 }
  ],
  "wires": [
    { "from": "users", "to": "lb" }, { "from": "lb", "to": "web" }, { "from": "web", "to": "cache" },
    { "from": "web", "to": "db", "policy": { "timeout_ms": 500, "retries": 2, "backoff_ms": 10, "budget": 0.1 },
      "breaker": { "failure_ratio": 0.5, "min_calls": 10, "window_s": 10, "open_s": 5, "probes": 1 } }
  ]
}"#;

/// One simulated year [ms].
const YEAR_MS: f64 = 365.0 * 86_400_000.0;

/// Values around every bound a field has, in the unit typed.
const PROBES: &[f64] = &[
    -1.0,
    0.0,
    0.5,
    1.0,
    10.0,
    11.0,
    100.0,
    101.0,
    1000.0,
    1001.0,
    3600.0,
    3601.0,
    60_000.0,
    60_001.0,
    1e6,
    1e6 + 1.0,
    4e6,
    4e6 + 1.0,
    1e7,
    1e7 + 1.0,
    1e8,
    1e8 + 1.0,
    YEAR_MS / 1e3,
    YEAR_MS / 1e3 + 1.0,
    YEAR_MS,
    YEAR_MS + 1.0,
];

/// Whether the model takes `v` (in the unit typed) in `field` of the node or wire `(a, b)`.
fn model_takes(field: &Field, v: f64, a: &str, b: Option<&str>) -> bool {
    let mut doc: Scenario = serde_json::from_str(DOC).expect("the design reads");
    let own = match b {
        None => serde_json::to_value(doc.node(a).expect("the node")),
        Some(b) => serde_json::to_value(doc.wires.iter().find(|w| w.from == a && w.to == b)),
    }
    .expect("serialises");
    let stored = v / field.scale;
    let typed = if field.ty == Ty::Int {
        json!(stored as i64)
    } else {
        json!(stored)
    };
    let (key, value) = match field.key.split_once('.') {
        None => (field.key.to_string(), typed),
        Some((group, rest)) => {
            // An absent group starts as ticking it in the inspector starts it.
            let toggle = format!("on:{group}");
            let start = FIELDS.iter().chain(WIRE_FIELDS).find_map(|f| match f.ty {
                Ty::Group(start) if f.key == toggle => serde_json::from_str(start).ok(),
                _ => None,
            });
            let mut inner = own
                .get(group)
                .filter(|g| !g.is_null())
                .cloned()
                .or(start)
                .unwrap_or(Value::Null);
            inner[rest] = typed;
            (group.to_string(), inner)
        }
    };
    let cmd = match b {
        None => Command::SetParam {
            id: a.into(),
            key,
            value,
        },
        Some(b) => Command::SetWireField {
            from: a.into(),
            to: b.into(),
            key,
            value,
        },
    };
    cmd.apply(&mut doc).is_ok()
}

/// Every number field of `fields` at `(a, b)`: the inspector and the model agree on each probe.
fn agree<'a>(fields: impl Iterator<Item = &'a Field>, a: &str, b: Option<&str>) -> usize {
    let mut checked = 0;
    for field in fields {
        let whole = match field.ty {
            Ty::Int => true,
            Ty::Num | Ty::OptNum => false,
            _ => continue,
        };
        for &v in PROBES.iter().filter(|v| !whole || v.fract() == 0.0) {
            let ui = check(field, Some(v), whole, &EN).is_ok();
            let model = model_takes(field, v, a, b);
            assert_eq!(
                ui, model,
                "{a}.{} = {v}: inspector {ui}, model {model}",
                field.key
            );
        }
        checked += 1;
    }
    checked
}

#[wasm_bindgen_test]
fn the_inspectors_ranges_are_the_models_on_every_node_field() {
    let doc: Scenario = serde_json::from_str(DOC).expect("the design reads");
    let checked: usize = doc
        .nodes
        .iter()
        .map(|n| agree(fields_of(n.kind), &n.id, None))
        .sum();
    assert!(checked > 25, "{checked} fields checked");
}

#[wasm_bindgen_test]
fn the_inspectors_ranges_are_the_models_on_every_wire_field() {
    let checked = agree(WIRE_FIELDS.iter(), "web", Some("db"));
    assert!(checked > 8, "{checked} fields checked");
}
