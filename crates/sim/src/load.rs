//! Parsing: JSON text -> [`Scenario`], reporting every problem with a path.
//!
//! The document is first read as a `serde_json::Value` (syntax errors keep their line and
//! column), then each node, wire, data center and fault is decoded on its own, so one bad
//! node does not hide the problems of the others and each error names its node by id.

use crate::diagnostic::Diagnostic;
use crate::scenario::{DataCenter, Fault, Network, Node, Scenario, Wire};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Everything except the four lists, decoded with unknown fields rejected.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    version: u32,
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    seed: u64,
    #[serde(default)]
    network: Network,
    #[serde(default = "window")]
    window_ms: f64,
}

fn window() -> f64 {
    1000.0
}

/// Parse JSON text into a scenario, without semantic validation.
pub fn parse(json: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        vec![Diagnostic::new(
            format!("line {}, column {}", e.line(), e.column()),
            strip_position(&e.to_string()),
        )]
    })?;
    let Value::Object(mut map) = value else {
        return Err(vec![Diagnostic::new("document", "must be a JSON object")]);
    };
    let mut errors = Vec::new();
    let nodes: Vec<Node> = list(&mut map, "nodes", true, &mut errors, |v, i| {
        match v.get("id").and_then(Value::as_str) {
            Some(id) if !id.is_empty() => format!("nodes[{id}]"),
            _ => format!("nodes[{i}]"),
        }
    });
    let wires: Vec<Wire> = list(&mut map, "wires", false, &mut errors, |_, i| {
        format!("wires[{i}]")
    });
    let data_centers: Vec<DataCenter> =
        list(&mut map, "data_centers", false, &mut errors, |v, i| match v
            .get("id")
            .and_then(Value::as_str)
        {
            Some(id) if !id.is_empty() => format!("data_centers[{id}]"),
            _ => format!("data_centers[{i}]"),
        });
    let faults: Vec<Fault> = list(&mut map, "faults", false, &mut errors, |_, i| {
        format!("faults[{i}]")
    });
    let header = match Header::deserialize(Value::Object(map)) {
        Ok(h) => Some(h),
        Err(e) => {
            errors.push(Diagnostic::new("document", tidy(&e.to_string())));
            None
        }
    };
    match header {
        Some(h) if errors.is_empty() => Ok(Scenario {
            version: h.version,
            name: h.name,
            description: h.description,
            seed: h.seed,
            nodes,
            wires,
            data_centers,
            faults,
            network: h.network,
            window_ms: h.window_ms,
        }),
        _ => Err(errors),
    }
}

/// Takes `key` out of the top-level object and decodes each element on its own (a challenge's
/// lists too: `challenge::load`).
pub(crate) fn list<T: DeserializeOwned>(
    map: &mut Map<String, Value>,
    key: &str,
    required: bool,
    errors: &mut Vec<Diagnostic>,
    path: impl Fn(&Value, usize) -> String,
) -> Vec<T> {
    match map.remove(key) {
        None if required => {
            errors.push(Diagnostic::new(
                "document",
                format!("missing field \"{key}\""),
            ));
            Vec::new()
        }
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let p = path(&v, i);
                match T::deserialize(&v) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        let msg = tidy(&e.to_string());
                        errors.push(Diagnostic::new(field_path(p, &v, &msg), msg));
                        None
                    }
                }
            })
            .collect(),
        Some(_) => {
            errors.push(Diagnostic::new(key, "must be a list"));
            Vec::new()
        }
    }
}

/// serde says `unknown variant "huge", expected one of ...` without naming the field: find the
/// field holding that value, so the path reads `nodes[web].size`.
fn field_path(p: String, v: &Value, msg: &str) -> String {
    let Some(rest) = msg.strip_prefix("unknown variant \"") else {
        return p;
    };
    let bad = rest.split('"').next().unwrap_or_default();
    match v.as_object().and_then(|m| {
        m.iter()
            .find(|(_, x)| x.as_str() == Some(bad))
            .map(|(k, _)| k.clone())
    }) {
        Some(k) => format!("{p}.{k}"),
        None => p,
    }
}

/// serde says "unknown field `wrokers`, expected one of ...": keep it short and quoted.
pub(crate) fn tidy(msg: &str) -> String {
    let msg = msg.replace('`', "\"");
    if msg.starts_with("unknown field") {
        if let Some(cut) = msg.find(", expected") {
            return msg[..cut].to_string();
        }
    }
    msg
}

/// serde_json appends " at line L column C"; the path already says where.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(cut) => tidy(&msg[..cut]),
        None => tidy(msg),
    }
}
