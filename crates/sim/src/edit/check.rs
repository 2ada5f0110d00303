//! Validation of edits, reusing the crate's own [`validate`]: an edit is refused when it
//! introduces a problem under one of the paths it touches. Problems the document already had
//! (a half-built diagram whose users are not wired yet) never block an unrelated edit.

use crate::diagnostic::Diagnostic;
use crate::scenario::{Node, Scenario, Wire};
use crate::validate::validate;
use std::collections::HashSet;

/// Why an edit was not applied. The document is untouched in every case.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// A node, wire or data center named by the command does not exist.
    Missing(String),
    /// The edit makes no sense (a wire the kinds cannot carry, a duplicate id), with a short
    /// reason fit to show next to the pointer.
    Refused(String),
    /// The edit would put invalid values in the document; every problem with its path.
    Invalid(Vec<Diagnostic>),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Missing(m) | EditError::Refused(m) => f.write_str(m),
            EditError::Invalid(ds) => {
                let parts: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
                f.write_str(&parts.join("; "))
            }
        }
    }
}

impl std::error::Error for EditError {}

impl EditError {
    /// The problems as diagnostics (a `Missing`/`Refused` reason becomes one with an empty path).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            EditError::Invalid(ds) => ds.clone(),
            EditError::Missing(m) | EditError::Refused(m) => vec![Diagnostic::new("", m.clone())],
        }
    }
}

/// Problems of `after` that `before` did not have, whose path starts with one of `prefixes`.
pub(crate) fn new_problems(
    before: &Scenario,
    after: &Scenario,
    prefixes: &[String],
) -> Vec<Diagnostic> {
    let old: HashSet<String> = validate(before).iter().map(|d| d.to_string()).collect();
    validate(after)
        .into_iter()
        .filter(|d| !old.contains(&d.to_string()))
        .filter(|d| prefixes.iter().any(|p| under(&d.path, p)))
        .collect()
}

/// Whether `path` is `prefix` itself or lies below it: `nodes[a].x` is under `nodes[a]` and
/// under `nodes[a].`, `nodes[ab]` is not under `nodes[a`.
fn under(path: &str, prefix: &str) -> bool {
    match path.strip_prefix(prefix) {
        Some(rest) => {
            rest.is_empty()
                || prefix.ends_with('.')
                || rest.starts_with('.')
                || rest.starts_with('[')
        }
        None => false,
    }
}

/// Path prefix of a node's fields (`nodes[web-2].`): problems of the node's own values.
pub(crate) fn node_fields(id: &str) -> String {
    format!("nodes[{id}].")
}

/// Whether a wire `from -> to` may be added to `doc`; `Err` holds a short reason.
/// The kind rules are the crate's ([`crate::Kind::can_send_to`] and the replication rule of
/// `validate`), checked by validating the document with the wire added.
pub fn check_wire(doc: &Scenario, from: &str, to: &str) -> Result<(), String> {
    check_wire_full(
        doc,
        &Wire {
            from: from.to_string(),
            to: to.to_string(),
            latency_ms: None,
            ..Wire::default()
        },
    )
}

pub(crate) fn check_wire_full(doc: &Scenario, w: &Wire) -> Result<(), String> {
    if doc.node(&w.from).is_none() {
        return Err(format!("no node \"{}\"", w.from));
    }
    if doc.node(&w.to).is_none() {
        return Err(format!("no node \"{}\"", w.to));
    }
    if w.from == w.to {
        return Err("a node cannot be wired to itself".to_string());
    }
    if doc.wires.iter().any(|o| o.from == w.from && o.to == w.to) {
        return Err(format!("{} is already wired to {}", w.from, w.to));
    }
    let mut after = doc.clone();
    after.wires.push(w.clone());
    let path = format!("wires[{}]", doc.wires.len());
    // A new index cannot have had problems before, so no comparison is needed.
    let problems: Vec<Diagnostic> = validate(&after)
        .into_iter()
        .filter(|d| under(&d.path, &path))
        .collect();
    match problems.first() {
        None => Ok(()),
        Some(d) if d.path == path => Err(d.message.clone()),
        Some(d) => Err(d.to_string()),
    }
}

/// `node` with the JSON field `key` set to `value` (`null` removes an optional field, so the
/// kind's default applies). Type errors come back as a diagnostic at `nodes[id].key`.
pub(crate) fn with_field(
    node: &Node,
    key: &str,
    value: serde_json::Value,
) -> Result<Node, EditError> {
    let path = format!("nodes[{}].{key}", node.id);
    if key == "id" {
        return Err(EditError::Refused(
            "a node's id cannot be changed".to_string(),
        ));
    }
    let mut map = match serde_json::to_value(node) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => return Err(EditError::Refused("node cannot be encoded".to_string())),
    };
    if value.is_null() {
        map.remove(key);
    } else {
        map.insert(key.to_string(), value);
    }
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| {
        let msg = e.to_string().replace('`', "\"");
        let msg = match msg.find(", expected one of") {
            Some(cut) if msg.starts_with("unknown field") => msg[..cut].to_string(),
            _ => msg,
        };
        EditError::Invalid(vec![Diagnostic::new(path, msg)])
    })
}
